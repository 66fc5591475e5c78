/*
 * forest: two row charts on a horizontal value axis.  The forest plot
 * draws a point and its interval per row with a reference line (0: no
 * change) and the estimate written on the right; the dumbbell joins a
 * before value (first series) to an after value (second series) per row.
 * Suppressed rows show the marker at the reference, never a point.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/internal.h"

struct rows {
	double lf, lineh, col, px0, px1, py0, py1;
	struct chart_ticks t;
	int lines;
};

/* Common layout: labels left, room right, value axis along the bottom. */
static void
layout(struct chart_dc *dc, double lo, double hi, double right, struct rows *r)
{
	const struct chart *c = dc->c;
	double vtitle = 0, tw, room;
	int i;

	r->col = chart_category_column(dc, c->categories, c->ncategories, 0.34, &r->lf, &r->lineh);
	r->px0 = dc->x0 + r->col + dc->fs * 0.8;
	r->px1 = dc->x1 - right;
	if (c->opts.value_label) {
		chart_text_size(dc, c->opts.value_label, dc->fs * 0.9, 0, r->px1 - r->px0, 1,
		    &tw, &vtitle);
		vtitle += dc->fs * 0.2;
		chart_text(dc, c->opts.value_label, (r->px0 + r->px1) / 2, dc->y1, dc->fs * 0.9,
		    0, r->px1 - r->px0, 1, TA_CENTRE, TV_BOTTOM, chart_grey);
	}
	room = chart_value_axis_room(dc, lo, hi, 1, r->px1 - r->px0);
	r->py0 = dc->y0;
	r->py1 = dc->y1 - room - vtitle;
	chart_value_axis(dc, lo, hi, 1, r->px0, r->py0, r->px1, r->py1, &r->t);
	r->lines = chart_label_lines((r->py1 - r->py0) / c->ncategories, r->lineh, 2);
	for (i = 0; i < c->ncategories; i++) {
		double b0, bw;

		chart_band(c->ncategories, r->py0, r->py1, 0, i, &b0, &bw);
		chart_text(dc, c->categories[i], r->px0 - dc->fs * 0.8, b0 + bw / 2, r->lf, 0,
		    r->col, r->lines, TA_RIGHT, TV_MIDDLE, chart_ink);
	}
}

static double
xpos(const struct rows *r, double v)
{
	return chart_map(v, r->t.lo, r->t.hi, r->px0, r->px1);
}

static void
range(const struct chart *c, double *lo, double *hi, double ref)
{
	chart_extents(c, 0, lo, hi);
	if (isfinite(ref)) {
		*lo = fmin(*lo, ref);
		*hi = fmax(*hi, ref);
	}
	if (c->opts.fixed_min)
		*lo = c->opts.value_min;
	if (c->opts.fixed_max)
		*hi = c->opts.value_max;
}

void
chart_draw_forest(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	struct chart_legend_item items[CHART_MAX_SERIES];
	cairo_t *cr = dc->cr;
	double lo, hi, right = 0, tw, th, rgb[3];
	int n, s, i, dec = chart_value_decimals(c);
	char buf[160], a[48], b[48], e[48];
	struct rows r;

	n = chart_series_legend(c, items, CHART_MAX_SERIES);
	chart_frame(dc, items, n);
	range(c, &lo, &hi, c->opts.reference);
	/* The right column: "0.42 (0.21 to 0.63)" for the widest row. */
	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->series[s].n; i++) {
			const struct chart_sdata *d = &c->series[s];

			chart_format_value(d->values[i], c->opts.format, dec, e, sizeof e);
			chart_format_value(d->low ? d->low[i] : NAN, c->opts.format, dec, a, sizeof a);
			chart_format_value(d->high ? d->high[i] : NAN, c->opts.format, dec, b, sizeof b);
			snprintf(buf, sizeof buf, "%s (%s to %s)", e, a, b);
			chart_text_size(dc, buf, dc->fs * 0.85, 0, 0, 0, &tw, &th);
			right = fmax(right, tw + dc->fs);
		}
	layout(dc, lo, hi, right, &r);
	if (r.t.lo <= c->opts.reference && c->opts.reference <= r.t.hi) {
		const double dashes[] = { 3, 2 };

		cairo_save(cr);
		cairo_set_dash(cr, dashes, 2, 0);
		cairo_set_line_width(cr, 1.2);
		chart_set_rgb(cr, chart_ink);
		cairo_move_to(cr, xpos(&r, c->opts.reference), r.py0);
		cairo_line_to(cr, xpos(&r, c->opts.reference), r.py1);
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	for (s = 0; s < c->nseries; s++) {
		const struct chart_sdata *d = &c->series[s];

		chart_palette(d->colour, rgb);
		for (i = 0; i < d->n && i < c->ncategories; i++) {
			double b0, bw, y, x;

			chart_band(c->ncategories, r.py0, r.py1, 0, i, &b0, &bw);
			y = b0 + bw * (s + 1) / (c->nseries + 1);
			if (d->hidden && d->hidden[i]) {
				chart_text(dc, c->opts.hidden_text, xpos(&r, c->opts.reference) + 3, y,
				    dc->fs * 0.85, 1, 0, 0, TA_LEFT, TV_MIDDLE, chart_ink);
				continue;
			}
			if (isnan(d->values[i]))
				continue;
			x = xpos(&r, d->values[i]);
			chart_set_rgb(cr, rgb);
			if (d->low && d->high && isfinite(d->low[i]) && isfinite(d->high[i])) {
				cairo_set_line_width(cr, 1.6);
				cairo_move_to(cr, xpos(&r, d->low[i]), y);
				cairo_line_to(cr, xpos(&r, d->high[i]), y);
				cairo_move_to(cr, xpos(&r, d->low[i]), y - 3);
				cairo_line_to(cr, xpos(&r, d->low[i]), y + 3);
				cairo_move_to(cr, xpos(&r, d->high[i]), y - 3);
				cairo_line_to(cr, xpos(&r, d->high[i]), y + 3);
				cairo_stroke(cr);
			}
			cairo_rectangle(cr, x - 3.5, y - 3.5, 7, 7);
			cairo_fill(cr);
			chart_format_value(d->values[i], c->opts.format, dec, e, sizeof e);
			chart_format_value(d->low ? d->low[i] : NAN, c->opts.format, dec, a, sizeof a);
			chart_format_value(d->high ? d->high[i] : NAN, c->opts.format, dec, b, sizeof b);
			if (d->low && d->high)
				snprintf(buf, sizeof buf, "%s (%s to %s)", e, a, b);
			else
				snprintf(buf, sizeof buf, "%s", e);
			chart_text(dc, buf, r.px1 + dc->fs, y, dc->fs * 0.85, 0, 0, 0, TA_LEFT,
			    TV_MIDDLE, chart_ink);
		}
	}
}

void
chart_draw_dumbbell(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	struct chart_legend_item items[CHART_MAX_SERIES];
	cairo_t *cr = dc->cr;
	const struct chart_sdata *before = &c->series[0];
	const struct chart_sdata *after = c->nseries > 1 ? &c->series[1] : NULL;
	double lo, hi, tw, th, right, rgb0[3], rgb1[3];
	int n, i, dec = chart_value_decimals(c);
	char buf[64];
	struct rows r;

	n = chart_series_legend(c, items, CHART_MAX_SERIES);
	items[0].style = 0;
	chart_frame(dc, items, n);
	range(c, &lo, &hi, NAN);
	if (lo > 0 && c->opts.format == CHART_PERCENT)
		lo = 0;
	chart_text_size(dc, "+100 pts", dc->fs * 0.85, 1, 0, 0, &right, &th);
	layout(dc, lo, hi, right + dc->fs, &r);
	chart_palette(before->colour, rgb0);
	chart_palette(after ? after->colour : 1, rgb1);
	for (i = 0; i < c->ncategories; i++) {
		double b0, bw, y, xa, xb, va, vb;
		int hid = (before->hidden && i < before->n && before->hidden[i]) ||
		    (after && after->hidden && i < after->n && after->hidden[i]);

		chart_band(c->ncategories, r.py0, r.py1, 0, i, &b0, &bw);
		y = b0 + bw / 2;
		cairo_set_line_width(cr, 0.5);
		chart_set_rgb(cr, chart_grid);
		cairo_move_to(cr, r.px0, y);
		cairo_line_to(cr, r.px1, y);
		cairo_stroke(cr);
		if (hid) {
			chart_text(dc, c->opts.hidden_text, r.px0 + 3, y, dc->fs * 0.85, 1, 0, 0,
			    TA_LEFT, TV_MIDDLE, chart_ink);
			continue;
		}
		va = i < before->n ? before->values[i] : NAN;
		vb = after && i < after->n ? after->values[i] : NAN;
		xa = xpos(&r, va);
		xb = xpos(&r, vb);
		if (isfinite(va) && isfinite(vb)) {
			cairo_set_line_width(cr, 3);
			chart_set_rgb(cr, (const double[3]){ 0.7, 0.7, 0.7 });
			cairo_move_to(cr, xa, y);
			cairo_line_to(cr, xb, y);
			cairo_stroke(cr);
		}
		if (isfinite(va)) {
			/* Before: a ring, so the two ends differ in greyscale too. */
			cairo_set_line_width(cr, 2);
			cairo_arc(cr, xa, y, 4, 0, 2 * M_PI);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			chart_set_rgb(cr, rgb0);
			cairo_stroke(cr);
		}
		if (isfinite(vb)) {
			cairo_arc(cr, xb, y, 4.5, 0, 2 * M_PI);
			chart_set_rgb(cr, rgb1);
			cairo_fill(cr);
		}
		if (isfinite(va) && isfinite(vb)) {
			double diff = vb - va;

			if (c->opts.format == CHART_PERCENT) {
				chart_format_value(diff * 100, CHART_NUMBER, 0, buf, sizeof buf);
				g_strlcat(buf, " pts", sizeof buf);
			} else {
				chart_format_value(diff, CHART_NUMBER, dec, buf, sizeof buf);
			}
			if (diff > 0) {
				memmove(buf + 1, buf, strlen(buf) + 1);
				buf[0] = '+';
			}
			chart_text_size(dc, buf, dc->fs * 0.85, 1, 0, 0, &tw, &th);
			chart_text(dc, buf, r.px1 + dc->fs, y, dc->fs * 0.85, 1, 0, 0, TA_LEFT,
			    TV_MIDDLE, chart_ink);
		}
		if (c->opts.value_labels) {
			if (isfinite(va)) {
				chart_format_value(va, c->opts.format, dec, buf, sizeof buf);
				chart_text(dc, buf, xa + (xa <= xb ? -7 : 7), y, dc->fs * 0.75, 0, 0, 0,
				    xa <= xb ? TA_RIGHT : TA_LEFT, TV_MIDDLE, chart_grey);
			}
			if (isfinite(vb)) {
				chart_format_value(vb, c->opts.format, dec, buf, sizeof buf);
				chart_text(dc, buf, xb + (xa <= xb ? 7 : -7), y, dc->fs * 0.75, 0, 0, 0,
				    xa <= xb ? TA_LEFT : TA_RIGHT, TV_MIDDLE, chart_ink);
			}
		}
	}
}
