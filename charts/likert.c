/*
 * likert: diverging stacked bars of Likert answers, one row per question
 * and one series per answer in scale order (Strongly disagree first).
 * Each row is turned into shares of its answers and centred on the middle
 * of the neutral answer, disagreement to the left and agreement to the
 * right; n is written at the end of each row and a row with a suppressed
 * count is hatched with the marker, never drawn as empty.
 */
#include <math.h>
#include <stdio.h>

#include "charts/internal.h"

static int
neutral_of(const struct chart *c)
{
	if (c->opts.neutral >= 0 && c->opts.neutral < c->nseries)
		return c->opts.neutral;
	return c->nseries % 2 == 1 ? c->nseries / 2 : -1;
}

/* Colour of answer s: orange for disagreement, grey neutral, purple agreement. */
static void
answer_rgb(const struct chart *c, int s, double rgb[3])
{
	int neutral = neutral_of(c);
	double mid = neutral >= 0 ? neutral : (c->nseries - 1) / 2.0;
	double span = fmax(mid, c->nseries - 1 - mid), t;

	if (s == neutral) {
		rgb[0] = rgb[1] = rgb[2] = 0.78;
		return;
	}
	t = span > 0 ? (s - mid) / span : 0;
	/* Keep the palest step visible against white. */
	t = t < 0 ? fmin(t, -0.45) : fmax(t, 0.45);
	chart_heat_rgb(t, 1, rgb);
}

static int
row_hidden(const struct chart *c, int i)
{
	int s;

	for (s = 0; s < c->nseries; s++)
		if (c->series[s].hidden && i < c->series[s].n && c->series[s].hidden[i])
			return 1;
	return 0;
}

static double
row_total(const struct chart *c, int i)
{
	double n = 0;
	int s;

	for (s = 0; s < c->nseries; s++)
		if (i < c->series[s].n && isfinite(c->series[s].values[i]))
			n += c->series[s].values[i];
	return n;
}

/* Share of row i left of the centre (disagreement and half the neutral). */
static double
left_share(const struct chart *c, int i, double total)
{
	int s, neutral = neutral_of(c);
	double left = 0, half = neutral >= 0 ? neutral : c->nseries / 2.0;

	for (s = 0; s < c->nseries; s++) {
		double v = i < c->series[s].n && isfinite(c->series[s].values[i]) ?
		    c->series[s].values[i] : 0;

		if (s < half && s != neutral)
			left += v;
		else if (s == neutral)
			left += v / 2;
	}
	return total > 0 ? left / total : 0;
}

void
chart_draw_likert(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	struct chart_legend_item items[CHART_MAX_SERIES];
	cairo_t *cr = dc->cr;
	double lf, lineh, col, px0, px1, py0, py1, m = 0, tw, th, nroom, axis;
	struct chart_ticks t;
	char buf[64];
	int i, s, k, lines;

	for (s = 0; s < c->nseries; s++) {
		items[s].name = c->series[s].name;
		answer_rgb(c, s, items[s].rgb);
		items[s].style = 0;
	}
	/* Always a legend: the answers are the key to the colours. */
	chart_frame(dc, items, c->nseries > 1 ? c->nseries : 0);
	for (i = 0; i < c->ncategories; i++) {
		double total = row_total(c, i), l;

		if (total <= 0 || row_hidden(c, i))
			continue;
		l = left_share(c, i, total);
		m = fmax(m, fmax(l, 1 - l));
	}
	if (m <= 0)
		m = 0.5;
	col = chart_category_column(dc, c->categories, c->ncategories, 0.34, &lf, &lineh);
	chart_text_size(dc, "n = 0,000", dc->fs * 0.8, 0, 0, 0, &nroom, &th);
	px0 = dc->x0 + col + dc->fs * 0.6;
	px1 = dc->x1 - nroom - dc->fs * 0.5;
	chart_text_size(dc, "100%", dc->fs * 0.9, 0, 0, 0, &tw, &axis);
	py0 = dc->y0;
	py1 = dc->y1 - axis - dc->fs * 0.4;
	chart_ticks_for(0, m, (int)fmax(1, floor((px1 - px0) / 2 / (dc->fs * 5))), &t);
	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	for (k = -(t.n - 1); k <= t.n - 1; k++) {
		double v = k * t.step, x = chart_map(v, -t.hi, t.hi, px0, px1);

		chart_set_rgb(cr, k == 0 ? chart_ink : chart_grid);
		cairo_move_to(cr, round(x) + 0.25, py0);
		cairo_line_to(cr, round(x) + 0.25, py1);
		cairo_stroke(cr);
		chart_format_value(fabs(v), CHART_PERCENT,
		    chart_step_decimals(t.step, CHART_PERCENT), buf, sizeof buf);
		chart_text(dc, buf, x, py1 + dc->fs * 0.3, dc->fs * 0.9, 0, 0, 0,
		    TA_CENTRE, TV_TOP, chart_grey);
	}
	cairo_restore(cr);
	lines = chart_label_lines((py1 - py0) / c->ncategories, lineh, 2);
	for (i = 0; i < c->ncategories; i++) {
		double b0, bw, total = row_total(c, i), at;

		chart_band(c->ncategories, py0, py1, 0.3, i, &b0, &bw);
		chart_text(dc, c->categories[i], px0 - dc->fs * 0.6, b0 + bw / 2, lf, 0, col,
		    lines, TA_RIGHT, TV_MIDDLE, chart_ink);
		if (row_hidden(c, i)) {
			double x = chart_map(-0.15, -t.hi, t.hi, px0, px1);
			double x2 = chart_map(0.15, -t.hi, t.hi, px0, px1);

			chart_hatch(cr, x, b0, x2 - x, bw, chart_grey);
			/* The n as the caller shows it: a count shown beside hidden
			 * answers is written, only a hidden one is the marker. */
			if (i < c->ntotals && !c->totals_hidden[i] && isfinite(c->totals[i])) {
				snprintf(buf, sizeof buf, "n = ");
				chart_format_value(c->totals[i], CHART_NUMBER, 0, buf + 4, sizeof buf - 4);
				chart_text(dc, buf, px1 + dc->fs * 0.4, b0 + bw / 2, dc->fs * 0.8, 0, 0,
				    0, TA_LEFT, TV_MIDDLE, chart_grey);
				continue;
			}
			snprintf(buf, sizeof buf, "n %s", c->opts.hidden_text);
			chart_text(dc, buf, px1 + dc->fs * 0.4, b0 + bw / 2, dc->fs * 0.8, 1, 0, 0,
			    TA_LEFT, TV_MIDDLE, chart_ink);
			continue;
		}
		if (total <= 0)
			continue;
		at = -left_share(c, i, total);
		for (s = 0; s < c->nseries; s++) {
			double v = i < c->series[s].n && isfinite(c->series[s].values[i]) ?
			    c->series[s].values[i] / total : 0;
			double xa = chart_map(at, -t.hi, t.hi, px0, px1);
			double xb = chart_map(at + v, -t.hi, t.hi, px0, px1), rgb[3];

			answer_rgb(c, s, rgb);
			chart_set_rgb(cr, rgb);
			cairo_rectangle(cr, xa, b0, xb - xa, bw);
			cairo_fill(cr);
			chart_format_value(v, CHART_PERCENT, 0, buf, sizeof buf);
			chart_text_size(dc, buf, dc->fs * 0.75, 0, 0, 0, &tw, &th);
			if (v > 0 && tw + 3 < xb - xa && th < bw)
				chart_text(dc, buf, (xa + xb) / 2, b0 + bw / 2, dc->fs * 0.75, 0, 0, 0,
				    TA_CENTRE, TV_MIDDLE,
				    chart_dark(rgb) ? (const double[3]){ 1, 1, 1 } : chart_ink);
			at += v;
		}
		snprintf(buf, sizeof buf, "n = ");
		chart_format_value(i < c->ntotals && isfinite(c->totals[i]) ? c->totals[i] : total,
		    CHART_NUMBER, 0, buf + 4, sizeof buf - 4);
		chart_text(dc, buf, px1 + dc->fs * 0.4, b0 + bw / 2, dc->fs * 0.8, 0, 0, 0,
		    TA_LEFT, TV_MIDDLE, chart_grey);
	}
}
