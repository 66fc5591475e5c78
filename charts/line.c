/*
 * line: line charts over categories (months, quarters, years): one line
 * per series with markers of different shapes (so lines stay apart in
 * greyscale), an optional dashed target line, gaps at missing values and
 * "<5" markers at suppressed ones.
 */
#include <math.h>

#include "charts/internal.h"

static void
marker(cairo_t *cr, int shape, double x, double y, double r)
{
	switch (shape % 4) {
	case 0:
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
		break;
	case 1:
		cairo_rectangle(cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
		break;
	case 2:
		cairo_move_to(cr, x, y - r * 1.2);
		cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
		cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
		cairo_close_path(cr);
		break;
	default:
		cairo_move_to(cr, x, y - r * 1.3);
		cairo_line_to(cr, x + r * 1.1, y);
		cairo_line_to(cr, x, y + r * 1.3);
		cairo_line_to(cr, x - r * 1.1, y);
		cairo_close_path(cr);
		break;
	}
	cairo_fill(cr);
}

void
chart_draw_lines(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	const struct chart_opts *o = &c->opts;
	struct chart_legend_item items[CHART_MAX_SERIES];
	cairo_t *cr = dc->cr;
	double lo, hi, px0, px1, py0, py1, tw, th, labh, step, widest = 0, rgb[3];
	struct chart_ticks t;
	int n, i, s, every, dec = chart_value_decimals(c);

	n = chart_series_legend(c, items, CHART_MAX_SERIES);
	chart_frame(dc, items, n);
	chart_extents(c, 0, &lo, &hi);
	if (lo > 0 && lo < hi * 0.5)
		lo = 0;
	if (o->has_target) {
		lo = fmin(lo, o->target);
		hi = fmax(hi, o->target);
	}
	if (o->fixed_min)
		lo = o->value_min;
	if (o->fixed_max)
		hi = o->value_max;
	py0 = dc->y0;
	if (o->value_label)
		py0 += chart_text(dc, o->value_label, dc->x0, py0, dc->fs * 0.9, 0,
		    dc->x1 - dc->x0, 1, TA_LEFT, TV_TOP, chart_grey) + dc->fs * 0.4;
	px0 = dc->x0 + chart_value_axis_room(dc, lo, hi, 0, dc->y1 - py0);
	px1 = dc->x1 - dc->fs;
	/* Category labels: every k-th one so none overlap. */
	for (i = 0; i < c->ncategories; i++) {
		chart_text_size(dc, c->categories[i], dc->fs * 0.9, 0, 0, 0, &tw, &th);
		widest = fmax(widest, tw);
	}
	step = (px1 - px0) / c->ncategories;
	every = 1;
	while (every < c->ncategories && widest + dc->fs * 0.8 > step * every)
		every++;
	chart_text_size(dc, "Ag", dc->fs * 0.9, 0, 0, 0, &tw, &labh);
	py1 = dc->y1 - labh - dc->fs * 0.4;
	if (o->category_label) {
		chart_text(dc, o->category_label, (px0 + px1) / 2, dc->y1, dc->fs * 0.9, 0,
		    px1 - px0, 1, TA_CENTRE, TV_BOTTOM, chart_grey);
		py1 -= labh + dc->fs * 0.2;
	}
	chart_value_axis(dc, lo, hi, 0, px0, py0 + dc->fs * 0.6, px1, py1, &t);
	for (i = 0; i < c->ncategories; i += every) {
		double x = px0 + step * (i + 0.5);

		chart_text(dc, c->categories[i], x, py1 + dc->fs * 0.4, dc->fs * 0.9, 0,
		    step * every, 1, TA_CENTRE, TV_TOP, chart_ink);
	}
	if (o->has_target) {
		const double dashes[] = { 4, 2.5 };
		double y = chart_map(o->target, t.lo, t.hi, py1, py0 + dc->fs * 0.6);

		cairo_save(cr);
		cairo_set_dash(cr, dashes, 2, 0);
		cairo_set_line_width(cr, 1.2);
		chart_set_rgb(cr, chart_ink);
		cairo_move_to(cr, px0, y);
		cairo_line_to(cr, px1, y);
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	for (s = 0; s < c->nseries; s++) {
		const struct chart_sdata *d = &c->series[s];
		int pen = 0;

		chart_palette(d->colour, rgb);
		cairo_save(cr);
		cairo_set_line_width(cr, 2);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		chart_set_rgb(cr, rgb);
		for (i = 0; i < d->n && i < c->ncategories; i++) {
			double x = px0 + step * (i + 0.5);
			double y = chart_map(d->values[i], t.lo, t.hi, py1, py0 + dc->fs * 0.6);

			if (isnan(d->values[i]) || (d->hidden && d->hidden[i])) {
				pen = 0;
				continue;
			}
			if (pen)
				cairo_line_to(cr, x, y);
			else
				cairo_move_to(cr, x, y);
			pen = 1;
		}
		cairo_stroke(cr);
		cairo_restore(cr);
		for (i = 0; i < d->n && i < c->ncategories; i++) {
			double x = px0 + step * (i + 0.5);
			double y = chart_map(d->values[i], t.lo, t.hi, py1, py0 + dc->fs * 0.6);
			char buf[64];

			if (d->hidden && d->hidden[i]) {
				chart_text(dc, o->hidden_text, x, py1 - 2 - s * dc->fs, dc->fs * 0.8, 1,
				    0, 0, TA_CENTRE, TV_BOTTOM, rgb);
				continue;
			}
			if (isnan(d->values[i]))
				continue;
			if (o->markers) {
				chart_set_rgb(cr, rgb);
				marker(cr, s, x, y, 2.6);
			}
			if (o->value_labels) {
				chart_format_value(d->values[i], o->format, dec, buf, sizeof buf);
				chart_text(dc, buf, x, y - 4, dc->fs * 0.8, 0, 0, 0, TA_CENTRE,
				    TV_BOTTOM, chart_ink);
			}
		}
	}
	if (o->has_target && o->target_label) {
		double y = chart_map(o->target, t.lo, t.hi, py1, py0 + dc->fs * 0.6);

		/* On a white ground so a line passing under stays readable. */
		chart_text_size(dc, o->target_label, dc->fs * 0.8, 1, 0, 0, &tw, &th);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
		cairo_rectangle(cr, px0 + 2, y - th - 2, tw + 4, th);
		cairo_fill(cr);
		chart_text(dc, o->target_label, px0 + 4, y - 2, dc->fs * 0.8, 1, 0, 0,
		    TA_LEFT, TV_BOTTOM, chart_ink);
	}
}
