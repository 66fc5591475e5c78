/*
 * layout: the arithmetic of charts, free of cairo and pango so the unit
 * tests can check it exactly: nice tick steps (1, 2, 5 x 10^k), number and
 * percent formats with thousands separators, bands, scale mapping, label
 * fitting, the month step of a date axis (the dates themselves are
 * core/date.h's, which knows nothing of SQLite), and the colours
 * (Okabe-Ito palette, RAG, heat scales).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/internal.h"

double
chart_nice_step(double raw)
{
	double mag, f;

	if (!(raw > 0) || !isfinite(raw))
		return 1;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	/* A little slack so 0.2000000001 is still 2 x 10^-1. */
	if (f <= 1 + 1e-9)
		return mag;
	if (f <= 2 + 1e-9)
		return 2 * mag;
	if (f <= 5 + 1e-9)
		return 5 * mag;
	return 10 * mag;
}

void
chart_ticks_for(double lo, double hi, int max_intervals, struct chart_ticks *t)
{
	double step;

	if (max_intervals < 1)
		max_intervals = 1;
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (lo > hi) {
		double swap = lo;

		lo = hi;
		hi = swap;
	}
	if (hi - lo < 1e-12 * (fabs(lo) + fabs(hi)) || hi == lo) {
		if (lo == 0)
			hi = 1;
		else if (lo > 0)
			lo = 0;
		else
			hi = 0;
	}
	step = chart_nice_step((hi - lo) / max_intervals);
	for (;;) {
		double tlo = floor(lo / step + 1e-9) * step;
		double thi = ceil(hi / step - 1e-9) * step;
		int n = (int)lround((thi - tlo) / step);

		if (n <= max_intervals || n <= 1) {
			t->lo = tlo == 0 ? 0 : tlo;	/* no -0 */
			t->hi = thi;
			t->step = step;
			t->n = n + 1;
			return;
		}
		step = chart_nice_step(step * 1.5);
	}
}

double
chart_map(double v, double dlo, double dhi, double plo, double phi)
{
	if (dhi == dlo)
		return plo;
	return plo + (v - dlo) / (dhi - dlo) * (phi - plo);
}

int
chart_step_decimals(double step, enum chart_format fmt)
{
	int d;

	if (fmt == CHART_PERCENT)
		step *= 100;
	if (!(step > 0))
		return 0;
	d = (int)-floor(log10(step) + 1e-9);
	if (d < 0)
		d = 0;
	/* 0.25 and 2.5 steps need one more place than their magnitude. */
	if (fabs(step * pow(10, d) - round(step * pow(10, d))) > 1e-6)
		d++;
	return d > 6 ? 6 : d;
}

char *
chart_format_value(double v, enum chart_format fmt, int decimals, char *buf, size_t len)
{
	char digits[64], out[96];
	const char *p, *dot;
	size_t o = 0;
	int intlen, i, neg;

	if (len == 0)
		return buf;
	if (isnan(v)) {
		snprintf(buf, len, "\xe2\x80\x93");
		return buf;
	}
	if (decimals < 0)
		decimals = 0;
	if (decimals > 6)
		decimals = 6;
	if (fmt == CHART_PERCENT)
		v *= 100;
	snprintf(digits, sizeof digits, "%.*f", decimals, fabs(v));
	/* A negative that rounds to zero is written as zero. */
	neg = v < 0 && strspn(digits, "0.") != strlen(digits);
	if (neg) {
		memcpy(out, "\xe2\x88\x92", 3);
		o = 3;
	}
	dot = strchr(digits, '.');
	intlen = dot ? (int)(dot - digits) : (int)strlen(digits);
	for (i = 0, p = digits; i < intlen; i++, p++) {
		if (i > 0 && (intlen - i) % 3 == 0 && o < sizeof out - 2)
			out[o++] = ',';
		if (o < sizeof out - 2)
			out[o++] = *p;
	}
	for (; *p != '\0' && o < sizeof out - 2; p++)
		out[o++] = *p;
	if (fmt == CHART_PERCENT && o < sizeof out - 2)
		out[o++] = '%';
	out[o] = '\0';
	snprintf(buf, len, "%s", out);
	return buf;
}

void
chart_band(int n, double from, double to, double pad, int i, double *start, double *width)
{
	double band;

	if (n < 1)
		n = 1;
	band = (to - from) / n;
	*start = from + band * i + band * pad / 2;
	*width = band * (1 - pad);
}

int
chart_label_lines(double band, double line, int max)
{
	int n;

	if (!(line > 0))
		return 1;
	n = (int)floor(band / line + 1e-9);
	if (n < 1)
		n = 1;
	if (n > max)
		n = max;
	return n;
}

double
chart_label_column(double widest, double w, double frac)
{
	double cap = w * frac;

	return widest < cap ? widest : cap;
}

int
chart_month_step(double from, double to, int max)
{
	static const int steps[] = { 1, 2, 3, 6, 12, 24, 60, 120 };
	double months = (to - from) / 30.44;
	size_t i;

	if (max < 1)
		max = 1;
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (months / steps[i] <= max)
			return steps[i];
	return 120;
}

/* ---- colours ------------------------------------------------------------- */

/* Okabe and Ito (2008), ordered so neighbours differ in lightness too. */
static const double okabe_ito[8][3] = {
	{ 0x00 / 255.0, 0x72 / 255.0, 0xB2 / 255.0 },	/* blue */
	{ 0xE6 / 255.0, 0x9F / 255.0, 0x00 / 255.0 },	/* orange */
	{ 0x00 / 255.0, 0x9E / 255.0, 0x73 / 255.0 },	/* bluish green */
	{ 0xD5 / 255.0, 0x5E / 255.0, 0x00 / 255.0 },	/* vermillion */
	{ 0x56 / 255.0, 0xB4 / 255.0, 0xE9 / 255.0 },	/* sky blue */
	{ 0xCC / 255.0, 0x79 / 255.0, 0xA7 / 255.0 },	/* reddish purple */
	{ 0xF0 / 255.0, 0xE4 / 255.0, 0x42 / 255.0 },	/* yellow */
	{ 0x00 / 255.0, 0x00 / 255.0, 0x00 / 255.0 }	/* black */
};

const double chart_ink[3] = { 0.13, 0.13, 0.13 };
const double chart_grey[3] = { 0.40, 0.40, 0.40 };
const double chart_grid[3] = { 0.88, 0.88, 0.88 };
const double chart_pale[3] = { 0.96, 0.96, 0.96 };

void
chart_palette(int i, double rgb[3])
{
	if (i < 0)
		i = -i;
	memcpy(rgb, okabe_ito[i % 8], 3 * sizeof(double));
}

void
chart_rag_rgb(enum chart_rag rag, double rgb[3])
{
	switch (rag) {
	case CHART_RAG_RED:
		chart_palette(3, rgb);
		break;
	case CHART_RAG_AMBER:
		chart_palette(1, rgb);
		break;
	case CHART_RAG_GREEN:
		chart_palette(2, rgb);
		break;
	default:
		memcpy(rgb, chart_grey, sizeof chart_grey);
		break;
	}
}

const char *
chart_rag_name(enum chart_rag rag)
{
	switch (rag) {
	case CHART_RAG_RED:
		return "RED";
	case CHART_RAG_AMBER:
		return "AMBER";
	case CHART_RAG_GREEN:
		return "GREEN";
	default:
		return "";
	}
}

static void
mix(const double a[3], const double b[3], double t, double rgb[3])
{
	int i;

	for (i = 0; i < 3; i++)
		rgb[i] = a[i] + (b[i] - a[i]) * t;
}

void
chart_heat_rgb(double t, int diverging, double rgb[3])
{
	/* ColorBrewer Blues and PuOr end points: colour-blind safe. */
	static const double pale[3] = { 0.969, 0.984, 1.0 };
	static const double mid[3] = { 0.420, 0.682, 0.839 };
	static const double deep[3] = { 0.031, 0.188, 0.420 };
	static const double orange[3] = { 0.702, 0.345, 0.024 };
	static const double white[3] = { 0.969, 0.969, 0.969 };
	static const double purple[3] = { 0.329, 0.153, 0.533 };

	if (isnan(t))
		t = 0;
	if (diverging) {
		if (t < -1)
			t = -1;
		if (t > 1)
			t = 1;
		if (t < 0)
			mix(white, orange, -t, rgb);
		else
			mix(white, purple, t, rgb);
		return;
	}
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	if (t < 0.5)
		mix(pale, mid, t * 2, rgb);
	else
		mix(mid, deep, (t - 0.5) * 2, rgb);
}

int
chart_dark(const double rgb[3])
{
	return 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] < 0.55;
}
