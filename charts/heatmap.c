/*
 * heatmap: a grid of cells, one row per series (named by the series) and
 * one column per category, coloured on a sequential blue scale (or a
 * diverging orange-purple one for changes, heat_series 1) with the value
 * written in each cell and a colour legend.  Suppressed cells are hatched
 * with the marker; missing cells are left pale with a dash.
 */
#include <math.h>

#include "charts/internal.h"

/*
 * The size of the column headings: 0.85 of the chart's font, made smaller
 * (to 0.6 at least) until the longest word of any heading fits its
 * column, so that a heading wraps between words and never inside one.
 */
static double
heading_size(struct chart_dc *dc, double cw)
{
	const struct chart *c = dc->c;
	double size = dc->fs * 0.85, widest = 0, tw, th;
	int i, w;

	for (i = 0; i < c->ncategories; i++) {
		char **words = g_strsplit(c->categories[i] ? c->categories[i] : "", " ", -1);

		for (w = 0; words[w]; w++) {
			chart_text_size(dc, words[w], size, 1, 0, 0, &tw, &th);
			widest = fmax(widest, tw);
		}
		g_strfreev(words);
	}
	/* A little under the column, so that rounding never wraps the word. */
	if (widest > cw * 0.9)
		size = fmax(dc->fs * 0.6, size * cw * 0.9 / widest);
	return size;
}

void
chart_draw_heatmap(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	cairo_t *cr = dc->cr;
	int diverging = c->opts.heat_series == 1, dec = chart_value_decimals(c);
	double lo = INFINITY, hi = -INFINITY, lf, lineh, col, px0, px1, py0, py1;
	double colh = 0, tw, th, cw, rh, legh, rgb[3], hs;
	char *rows[CHART_MAX_SERIES];
	char buf[64];
	int s, i, lines;

	chart_frame(dc, NULL, 0);
	for (s = 0; s < c->nseries; s++) {
		rows[s] = c->series[s].name;
		for (i = 0; i < c->series[s].n && i < c->ncategories; i++)
			if (isfinite(c->series[s].values[i]) &&
			    !(c->series[s].hidden && c->series[s].hidden[i])) {
				lo = fmin(lo, c->series[s].values[i]);
				hi = fmax(hi, c->series[s].values[i]);
			}
	}
	if (!isfinite(lo)) {
		lo = 0;
		hi = 1;
	}
	if (diverging) {
		hi = fmax(fabs(lo), fabs(hi));
		lo = -hi;
	} else if (lo > 0) {
		lo = 0;
	}
	if (c->opts.fixed_min)
		lo = c->opts.value_min;
	if (c->opts.fixed_max)
		hi = c->opts.value_max;
	if (hi <= lo)
		hi = lo + 1;
	col = chart_category_column(dc, rows, c->nseries, 0.32, &lf, &lineh);
	px0 = dc->x0 + col + dc->fs * 0.6;
	px1 = dc->x1;
	cw = (px1 - px0) / c->ncategories;
	hs = heading_size(dc, cw);
	for (i = 0; i < c->ncategories; i++) {
		chart_text_size(dc, c->categories[i], hs, 1, cw * 0.95, 3, &tw, &th);
		colh = fmax(colh, th);
	}
	legh = dc->fs * 2.6;
	py0 = dc->y0 + colh + dc->fs * 0.3;
	py1 = dc->y1 - legh;
	rh = (py1 - py0) / c->nseries;
	lines = chart_label_lines(rh, lineh, 2);
	for (i = 0; i < c->ncategories; i++)
		chart_text(dc, c->categories[i], px0 + cw * (i + 0.5), py0 - dc->fs * 0.3,
		    hs, 1, cw * 0.95, 3, TA_CENTRE, TV_BOTTOM, chart_ink);
	for (s = 0; s < c->nseries; s++) {
		const struct chart_sdata *d = &c->series[s];
		double y = py0 + rh * s;

		chart_text(dc, d->name, px0 - dc->fs * 0.6, y + rh / 2, lf, 0, col, lines,
		    TA_RIGHT, TV_MIDDLE, chart_ink);
		for (i = 0; i < c->ncategories; i++) {
			double x = px0 + cw * i, v = i < d->n ? d->values[i] : NAN;

			if (d->hidden && i < d->n && d->hidden[i]) {
				chart_hatch(cr, x + 1, y + 1, cw - 2, rh - 2, chart_grey);
				chart_text_size(dc, c->opts.hidden_text, dc->fs * 0.9, 1, 0, 0, &tw, &th);
				cairo_set_source_rgb(cr, 1, 1, 1);
				cairo_rectangle(cr, x + cw / 2 - tw / 2 - 3, y + rh / 2 - th / 2, tw + 6, th);
				cairo_fill(cr);
				chart_text(dc, c->opts.hidden_text, x + cw / 2, y + rh / 2,
				    dc->fs * 0.9, 1, 0, 0, TA_CENTRE, TV_MIDDLE, chart_ink);
				continue;
			}
			if (isnan(v)) {
				chart_set_rgb(cr, chart_pale);
				cairo_rectangle(cr, x + 1, y + 1, cw - 2, rh - 2);
				cairo_fill(cr);
				chart_text(dc, "\xe2\x80\x93", x + cw / 2, y + rh / 2, dc->fs * 0.9,
				    0, 0, 0, TA_CENTRE, TV_MIDDLE, chart_grey);
				continue;
			}
			if (diverging)
				chart_heat_rgb(v / hi, 1, rgb);
			else
				chart_heat_rgb((v - lo) / (hi - lo), 0, rgb);
			chart_set_rgb(cr, rgb);
			cairo_rectangle(cr, x + 1, y + 1, cw - 2, rh - 2);
			cairo_fill(cr);
			chart_format_value(v, c->opts.format, dec, buf, sizeof buf);
			chart_text(dc, buf, x + cw / 2, y + rh / 2, fmin(dc->fs, rh * 0.6), 0,
			    cw - 2, 1, TA_CENTRE, TV_MIDDLE,
			    chart_dark(rgb) ? (const double[3]){ 1, 1, 1 } : chart_ink);
		}
	}
	/* The colour legend: a graded bar with its scale, bottom right. */
	{
		double lw = fmin((px1 - px0) * 0.5, dc->fs * 22), lx = px1 - lw;
		double ly = py1 + dc->fs * 0.7, lh = dc->fs * 0.7;
		struct chart_ticks t;
		int k, steps = 64;

		for (k = 0; k < steps; k++) {
			double f = (k + 0.5) / steps;

			if (diverging)
				chart_heat_rgb(f * 2 - 1, 1, rgb);
			else
				chart_heat_rgb(f, 0, rgb);
			chart_set_rgb(cr, rgb);
			cairo_rectangle(cr, lx + lw * k / steps, ly, lw / steps + 0.3, lh);
			cairo_fill(cr);
		}
		chart_ticks_for(lo, hi, 4, &t);
		for (k = 0; k < t.n; k++) {
			double v = t.lo + k * t.step, x = chart_map(v, lo, hi, lx, lx + lw);

			if (v < lo - 1e-9 || v > hi + 1e-9)
				continue;
			chart_format_value(v, c->opts.format,
			    chart_step_decimals(t.step, c->opts.format), buf, sizeof buf);
			chart_text(dc, buf, x, ly + lh + 1, dc->fs * 0.8, 0, 0, 0, TA_CENTRE,
			    TV_TOP, chart_grey);
		}
		if (c->opts.value_label)
			chart_text(dc, c->opts.value_label, lx - dc->fs * 0.6, ly + lh / 2,
			    dc->fs * 0.85, 0, lx - px0, 1, TA_RIGHT, TV_MIDDLE, chart_grey);
	}
}
