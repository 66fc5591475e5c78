/*
 * bar: horizontal and vertical bar charts, single, grouped or stacked,
 * with interval whiskers, value labels, a target line and suppressed
 * values marked (hatched stub and "<5"), missing ones (NaN) named in
 * grey when values are labelled.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "charts/internal.h"

/* Geometry shared by the two orientations: value v maps to a position. */
struct bar_geo {
	int horizontal;
	double dlo, dhi;		/* value range */
	double vlo, vhi;		/* its positions: left..right or bottom..top */
};

static double
vpos(const struct bar_geo *g, double v)
{
	return chart_map(v, g->dlo, g->dhi, g->vlo, g->vhi);
}

/* A rectangle from value a to b across [c0, c0 + cw]. */
static void
bar_rect(cairo_t *cr, const struct bar_geo *g, double a, double b, double c0, double cw)
{
	double pa = vpos(g, a), pb = vpos(g, b);

	if (g->horizontal)
		cairo_rectangle(cr, fmin(pa, pb), c0, fabs(pb - pa), cw);
	else
		cairo_rectangle(cr, c0, fmin(pa, pb), cw, fabs(pb - pa));
}

static void
whisker(cairo_t *cr, const struct bar_geo *g, double lo, double hi, double mid, double cap)
{
	double pa = vpos(g, lo), pb = vpos(g, hi);

	cairo_save(cr);
	cairo_set_line_width(cr, 1.1);
	chart_set_rgb(cr, chart_ink);
	if (g->horizontal) {
		cairo_move_to(cr, pa, mid);
		cairo_line_to(cr, pb, mid);
		cairo_move_to(cr, pa, mid - cap);
		cairo_line_to(cr, pa, mid + cap);
		cairo_move_to(cr, pb, mid - cap);
		cairo_line_to(cr, pb, mid + cap);
	} else {
		cairo_move_to(cr, mid, pa);
		cairo_line_to(cr, mid, pb);
		cairo_move_to(cr, mid - cap, pa);
		cairo_line_to(cr, mid + cap, pa);
		cairo_move_to(cr, mid - cap, pb);
		cairo_line_to(cr, mid + cap, pb);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* Widest value label text, for the room after the bars. */
static double
widest_value(struct chart_dc *dc, int dec)
{
	const struct chart *c = dc->c;
	char buf[64];
	double tw, th, widest = 0;
	int s, i;

	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->series[s].n; i++) {
			chart_format_value(c->series[s].values[i], c->opts.format, dec, buf, sizeof buf);
			chart_text_size(dc, buf, dc->fs * 0.85, 0, 0, 0, &tw, &th);
			widest = fmax(widest, tw);
		}
	chart_text_size(dc, c->opts.hidden_text, dc->fs * 0.85, 1, 0, 0, &tw, &th);
	return fmax(widest, tw + dc->fs * 2.2);
}

static void
target_line(struct chart_dc *dc, const struct bar_geo *g, double c0, double c1)
{
	const struct chart_opts *o = &dc->c->opts;
	const double dashes[] = { 4, 2.5 };
	cairo_t *cr = dc->cr;
	double p;

	if (!o->has_target || o->target < g->dlo || o->target > g->dhi)
		return;
	p = vpos(g, o->target);
	cairo_save(cr);
	cairo_set_dash(cr, dashes, 2, 0);
	cairo_set_line_width(cr, 1.2);
	chart_set_rgb(cr, chart_ink);
	if (g->horizontal) {
		cairo_move_to(cr, p, c0);
		cairo_line_to(cr, p, c1);
	} else {
		cairo_move_to(cr, c0, p);
		cairo_line_to(cr, c1, p);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
	if (o->target_label) {
		if (g->horizontal)
			chart_text(dc, o->target_label, p + 2, c0, dc->fs * 0.8, 1, 0, 0,
			    TA_LEFT, TV_BOTTOM, chart_ink);
		else
			chart_text(dc, o->target_label, c1, p - 1, dc->fs * 0.8, 1, 0, 0,
			    TA_RIGHT, TV_BOTTOM, chart_ink);
	}
}

/* A suppressed value: a short hatched stub from zero and the marker text. */
static void
hidden_mark(struct chart_dc *dc, const struct bar_geo *g, double c0, double cw,
    const double rgb[3])
{
	double z = vpos(g, fmax(g->dlo, fmin(0, g->dhi))), stub = dc->fs * 1.4;

	if (g->horizontal) {
		chart_hatch(dc->cr, z, c0, stub, cw, rgb);
		chart_text(dc, dc->c->opts.hidden_text, z + stub + 3, c0 + cw / 2,
		    dc->fs * 0.85, 1, 0, 0, TA_LEFT, TV_MIDDLE, chart_ink);
	} else {
		chart_hatch(dc->cr, c0, z - stub, cw, stub, rgb);
		chart_text(dc, dc->c->opts.hidden_text, c0 + cw / 2, z - stub - 1,
		    dc->fs * 0.85, 1, 0, 0, TA_CENTRE, TV_BOTTOM, chart_ink);
	}
}

/* A missing value (NaN): missing_text (a dash by default) in grey where the
 * bar would start, so a missing figure never reads as a zero one nor as a
 * forgotten row. */
static void
missing_mark(struct chart_dc *dc, const struct bar_geo *g, double c0, double cw)
{
	const char *text = dc->c->opts.missing_text;
	char buf[16];
	double z = vpos(g, fmax(g->dlo, fmin(0, g->dhi)));

	if (text == NULL || *text == '\0')
		text = chart_format_value(NAN, dc->c->opts.format, 0, buf, sizeof buf);
	if (g->horizontal)
		chart_text(dc, text, z + 3, c0 + cw / 2, dc->fs * 0.85, 0, 0, 0, TA_LEFT,
		    TV_MIDDLE, chart_grey);
	else
		chart_text(dc, text, c0 + cw / 2, z - 2, dc->fs * 0.85, 0, cw, 2, TA_CENTRE,
		    TV_BOTTOM, chart_grey);
}

static void
value_label(struct chart_dc *dc, const struct bar_geo *g, double v, double at,
    double c0, double cw, int dec)
{
	char buf[64];

	chart_format_value(v, dc->c->opts.format, dec, buf, sizeof buf);
	if (g->horizontal)
		chart_text(dc, buf, vpos(g, at) + (v < 0 ? -3 : 3), c0 + cw / 2, dc->fs * 0.85,
		    0, 0, 0, v < 0 ? TA_RIGHT : TA_LEFT, TV_MIDDLE, chart_ink);
	else
		chart_text(dc, buf, c0 + cw / 2, vpos(g, at) + (v < 0 ? 2 : -2), dc->fs * 0.85,
		    0, 0, 0, TA_CENTRE, v < 0 ? TV_TOP : TV_BOTTOM, chart_ink);
}

/* Labels inside stacked segments when they fit. */
static void
inside_label(struct chart_dc *dc, const struct bar_geo *g, double a, double b,
    double c0, double cw, double v, int dec, const double fill[3])
{
	char buf[64];
	double tw, th, len = fabs(vpos(g, b) - vpos(g, a));

	chart_format_value(v, dc->c->opts.format, dec, buf, sizeof buf);
	chart_text_size(dc, buf, dc->fs * 0.8, 0, 0, 0, &tw, &th);
	if ((g->horizontal ? tw : th) + 4 > len || (g->horizontal ? th : tw) + 2 > cw)
		return;
	if (g->horizontal)
		chart_text(dc, buf, (vpos(g, a) + vpos(g, b)) / 2, c0 + cw / 2, dc->fs * 0.8, 0,
		    0, 0, TA_CENTRE, TV_MIDDLE, chart_dark(fill) ? (const double[3]){ 1, 1, 1 } : chart_ink);
	else
		chart_text(dc, buf, c0 + cw / 2, (vpos(g, a) + vpos(g, b)) / 2, dc->fs * 0.8, 0,
		    0, 0, TA_CENTRE, TV_MIDDLE, chart_dark(fill) ? (const double[3]){ 1, 1, 1 } : chart_ink);
}

/* Draws the bars of category i in the band [c0, c0 + cw]. */
static void
category_bars(struct chart_dc *dc, const struct bar_geo *g, int i, double c0, double cw, int dec)
{
	const struct chart *c = dc->c;
	cairo_t *cr = dc->cr;
	int stacked = c->opts.bar_mode == CHART_STACKED, s, n = c->nseries;
	double pos = 0, neg = 0, sub = stacked ? cw : cw / n, rgb[3];

	for (s = 0; s < n; s++) {
		const struct chart_sdata *d = &c->series[s];
		double b0 = stacked ? c0 : c0 + sub * s, bw = stacked ? cw : sub * 0.92;
		double v;

		if (i >= d->n)
			continue;
		v = d->values[i];
		chart_palette(d->colour, rgb);
		if (d->hidden && d->hidden[i]) {
			if (!stacked)
				hidden_mark(dc, g, b0, bw, rgb);
			continue;
		}
		if (isnan(v)) {
			if (!stacked && c->opts.value_labels)
				missing_mark(dc, g, b0, bw);
			continue;
		}
		if (stacked) {
			double from = v >= 0 ? pos : neg;

			bar_rect(cr, g, from, from + v, b0, bw);
			chart_set_rgb(cr, rgb);
			cairo_fill(cr);
			if (c->opts.value_labels)
				inside_label(dc, g, from, from + v, b0, bw, v, dec, rgb);
			if (v >= 0)
				pos += v;
			else
				neg += v;
			continue;
		}
		bar_rect(cr, g, 0 < g->dlo ? g->dlo : 0, v, b0, bw);
		chart_set_rgb(cr, rgb);
		cairo_fill(cr);
		if (d->low && d->high && isfinite(d->low[i]) && isfinite(d->high[i]))
			whisker(cr, g, d->low[i], d->high[i], b0 + bw / 2, fmin(bw * 0.25, dc->fs * 0.5));
		if (c->opts.value_labels) {
			double at = v;

			if (d->high && isfinite(d->high[i]) && v >= 0)
				at = fmax(v, d->high[i]);
			if (d->low && isfinite(d->low[i]) && v < 0)
				at = fmin(v, d->low[i]);
			value_label(dc, g, v, at, b0, bw, dec);
		}
	}
	if (stacked) {
		int any_hidden = 0;

		for (s = 0; s < n; s++)
			if (c->series[s].hidden && i < c->series[s].n && c->series[s].hidden[i])
				any_hidden = 1;
		if (any_hidden) {
			/* Part of the stack is suppressed: say so past its end. */
			double tw, th, at = vpos(g, pos);

			chart_text_size(dc, c->opts.hidden_text, dc->fs * 0.85, 1, 0, 0, &tw, &th);
			if (g->horizontal) {
				chart_hatch(cr, at + 2, c0, dc->fs * 1.2, cw, chart_grey);
				chart_text(dc, c->opts.hidden_text, at + dc->fs * 1.2 + 5, c0 + cw / 2,
				    dc->fs * 0.85, 1, 0, 0, TA_LEFT, TV_MIDDLE, chart_ink);
			} else {
				chart_hatch(cr, c0, at - 2 - dc->fs * 1.2, cw, dc->fs * 1.2, chart_grey);
				chart_text(dc, c->opts.hidden_text, c0 + cw / 2, at - dc->fs * 1.2 - 3,
				    dc->fs * 0.85, 1, 0, 0, TA_CENTRE, TV_BOTTOM, chart_ink);
			}
		}
	}
}

static void
value_range(const struct chart *c, double *lo, double *hi)
{
	chart_extents(c, c->opts.bar_mode == CHART_STACKED, lo, hi);
	if (*lo > 0)
		*lo = 0;
	if (*hi < 0)
		*hi = 0;
	if (c->opts.has_target) {
		*lo = fmin(*lo, c->opts.target);
		*hi = fmax(*hi, c->opts.target);
	}
	if (c->opts.fixed_min)
		*lo = c->opts.value_min;
	if (c->opts.fixed_max)
		*hi = c->opts.value_max;
}

static void
draw_h(struct chart_dc *dc, int dec)
{
	const struct chart *c = dc->c;
	double lo, hi, widest = 0, tw, th, col, px0, px1, py0, py1, lineh, band, room;
	double vtitle = 0, lf;
	struct chart_ticks t;
	struct bar_geo g;
	int i, lines;

	value_range(c, &lo, &hi);
	for (i = 0; i < c->ncategories; i++) {
		chart_text_size(dc, c->categories[i], dc->fs, 0, 0, 0, &tw, &th);
		widest = fmax(widest, tw);
	}
	col = chart_label_column(widest, dc->x1 - dc->x0, 0.38);
	/* Labels that do not fit one line get a smaller size and two lines. */
	lf = widest > col ? dc->fs * 0.88 : dc->fs;
	px0 = dc->x0 + col + dc->fs * 0.6;
	px1 = dc->x1 - (c->opts.value_labels || c->nseries ? widest_value(dc, dec) + 4 : 0);
	if (c->opts.value_label) {
		chart_text_size(dc, c->opts.value_label, dc->fs * 0.9, 0, px1 - px0, 1, &tw, &vtitle);
		vtitle += dc->fs * 0.2;
	}
	room = chart_value_axis_room(dc, lo, hi, 1, px1 - px0);
	py0 = dc->y0;
	py1 = dc->y1 - room - vtitle;
	chart_value_axis(dc, lo, hi, 1, px0, py0, px1, py1, &t);
	if (c->opts.value_label)
		chart_text(dc, c->opts.value_label, (px0 + px1) / 2, dc->y1, dc->fs * 0.9, 0,
		    px1 - px0, 1, TA_CENTRE, TV_BOTTOM, chart_grey);
	g.horizontal = 1;
	g.dlo = t.lo;
	g.dhi = t.hi;
	g.vlo = px0;
	g.vhi = px1;
	chart_text_size(dc, "Ag", lf, 0, 0, 0, &tw, &lineh);
	band = (py1 - py0) / c->ncategories;
	lines = chart_label_lines(band, lineh, 2);
	for (i = 0; i < c->ncategories; i++) {
		double b0, bw;

		chart_band(c->ncategories, py0, py1, c->nseries > 1 ? 0.2 : 0.3, i, &b0, &bw);
		chart_text(dc, c->categories[i], px0 - dc->fs * 0.6, b0 + bw / 2, lf, 0,
		    col, lines, TA_RIGHT, TV_MIDDLE, chart_ink);
		category_bars(dc, &g, i, b0, bw, dec);
	}
	target_line(dc, &g, py0, py1);
}

static void
draw_v(struct chart_dc *dc, int dec)
{
	const struct chart *c = dc->c;
	double lo, hi, tw, th, px0, px1, py0, py1, band, labh = 0, top = 0, room;
	struct chart_ticks t;
	struct bar_geo g;
	int i;

	value_range(c, &lo, &hi);
	px1 = dc->x1;
	py0 = dc->y0;
	if (c->opts.value_label) {
		py0 += chart_text(dc, c->opts.value_label, dc->x0, py0, dc->fs * 0.9, 0,
		    dc->x1 - dc->x0, 1, TA_LEFT, TV_TOP, chart_grey) + dc->fs * 0.4;
	}
	if (c->opts.value_labels)
		top = dc->fs * 1.2;
	room = chart_value_axis_room(dc, lo, hi, 0, dc->y1 - py0);
	px0 = dc->x0 + room;
	band = (px1 - px0) / c->ncategories;
	for (i = 0; i < c->ncategories; i++) {
		chart_text_size(dc, c->categories[i], dc->fs * 0.9, 0, band * 0.96, 3, &tw, &th);
		labh = fmax(labh, th);
	}
	py1 = dc->y1 - labh - dc->fs * 0.4;
	chart_value_axis(dc, lo, hi, 0, px0, py0 + top, px1, py1, &t);
	g.horizontal = 0;
	g.dlo = t.lo;
	g.dhi = t.hi;
	g.vlo = py1;
	g.vhi = py0 + top;
	for (i = 0; i < c->ncategories; i++) {
		double b0, bw, cb, cw;

		chart_band(c->ncategories, px0, px1, c->nseries > 1 ? 0.2 : 0.3, i, &b0, &bw);
		chart_band(c->ncategories, px0, px1, 0, i, &cb, &cw);
		chart_text(dc, c->categories[i], cb + cw / 2, py1 + dc->fs * 0.4, dc->fs * 0.9, 0,
		    cw * 0.96, 3, TA_CENTRE, TV_TOP, chart_ink);
		category_bars(dc, &g, i, b0, bw, dec);
	}
	target_line(dc, &g, px0, px1);
}

void
chart_draw_bars(struct chart_dc *dc)
{
	struct chart_legend_item items[CHART_MAX_SERIES];
	int n = chart_series_legend(dc->c, items, CHART_MAX_SERIES);
	int dec = chart_value_decimals(dc->c);

	chart_frame(dc, items, n);
	if (dc->c->kind == CHART_BAR_H)
		draw_h(dc, dec);
	else
		draw_v(dc, dec);
}
