/*
 * gantt: a timeline of rows (reviews) on a date axis.  Target windows are
 * pale dashed bands behind the row, work within target a solid bar, work
 * past its target a hatched red bar labelled "late", unfinished work an
 * outlined bar; milestones are diamonds, hollow and red when late.  Dates
 * are day numbers since 1970-01-01.
 */
#include <math.h>
#include <stdio.h>

#include "charts/internal.h"

static void
diamond(cairo_t *cr, double x, double y, double r)
{
	cairo_move_to(cr, x, y - r);
	cairo_line_to(cr, x + r, y);
	cairo_line_to(cr, x, y + r);
	cairo_line_to(cr, x - r, y);
	cairo_close_path(cr);
}

void
chart_draw_gantt(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	cairo_t *cr = dc->cr;
	struct chart_legend_item items[5];
	double lo = INFINITY, hi = -INFINITY, lf, lineh, col, px0, px1, py0, py1;
	double tw, th, axis, blue[3], red[3], right;
	int i, k, lines, step, y, m, d, years = 0, nitems = 0, first = 1;
	char buf[32];

	chart_palette(0, blue);
	chart_palette(3, red);
	items[nitems++] = (struct chart_legend_item){ "Within target", { blue[0], blue[1], blue[2] }, 0 };
	items[nitems++] = (struct chart_legend_item){ "Late", { red[0], red[1], red[2] }, 2 };
	items[nitems++] = (struct chart_legend_item){ "Target window", { 0.82, 0.90, 0.80 }, 0 };
	for (i = 0; i < c->nsegs; i++)
		if (c->segs[i].kind == CHART_SEG_OPEN) {
			items[nitems++] = (struct chart_legend_item){ "Still running",
			    { blue[0], blue[1], blue[2] }, 3 };
			break;
		}
	chart_frame(dc, items, nitems);
	for (i = 0; i < c->nsegs; i++) {
		lo = fmin(lo, c->segs[i].from);
		hi = fmax(hi, c->segs[i].to);
	}
	for (i = 0; i < c->nmiles; i++) {
		lo = fmin(lo, c->miles[i].at);
		hi = fmax(hi, c->miles[i].at);
	}
	/* Whole months either side. */
	date_to_ymd((lia_date)floor(lo), &y, &m, &d);
	lo = date_from_ymd(y, m, 1);
	date_to_ymd((lia_date)floor(hi), &y, &m, &d);
	hi = m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
	col = chart_category_column(dc, c->categories, c->ncategories, 0.26, &lf, &lineh);
	px0 = dc->x0 + col + dc->fs * 0.6;
	/* Room on the right for the labels of late and open work. */
	right = dc->fs;
	for (i = 0; i < c->nsegs; i++)
		if (c->segs[i].label && (c->segs[i].kind == CHART_SEG_LATE ||
		    c->segs[i].kind == CHART_SEG_OPEN)) {
			chart_text_size(dc, c->segs[i].label, dc->fs * 0.75, 1, 0, 0, &tw, &th);
			right = fmax(right, fmin(tw + 4, (dc->x1 - dc->x0) * 0.2));
		}
	px1 = dc->x1 - right;
	chart_text_size(dc, "Mar 2020", dc->fs * 0.85, 0, 0, 0, &tw, &axis);
	step = chart_month_step(lo, hi, (int)fmax(2, (px1 - px0) / (tw + dc->fs)));
	if (step >= 12)
		years = 1;
	py0 = dc->y0;
	py1 = dc->y1 - axis - dc->fs * 0.4;
	/* Month (or year) grid and labels. */
	date_to_ymd((lia_date)floor(lo), &y, &m, &d);
	if (step >= 12)
		m = 1;
	else
		m = ((m - 1) / step) * step + 1;
	cairo_set_line_width(cr, 0.6);
	for (k = 0; k < 400; k++) {
		double at = date_from_ymd(y, m, 1), x;

		if (at > hi)
			break;
		if (at >= lo) {
			x = chart_map(at, lo, hi, px0, px1);
			chart_set_rgb(cr, chart_grid);
			cairo_move_to(cr, round(x) + 0.25, py0);
			cairo_line_to(cr, round(x) + 0.25, py1);
			cairo_stroke(cr);
			if (years)
				snprintf(buf, sizeof buf, "%d", y);
			else if (m == 1 || first)
				snprintf(buf, sizeof buf, "%s %d", date_month_name(m, 1), y);
			else
				snprintf(buf, sizeof buf, "%s", date_month_name(m, 1));
			chart_text(dc, buf, x, py1 + dc->fs * 0.3, dc->fs * 0.85, 0, 0, 0, TA_CENTRE,
			    TV_TOP, chart_grey);
			first = 0;
		}
		m += step;
		while (m > 12) {
			m -= 12;
			y++;
		}
	}
	lines = chart_label_lines((py1 - py0) / c->ncategories, lineh, 2);
	for (i = 0; i < c->ncategories; i++) {
		double b0, bw;

		chart_band(c->ncategories, py0, py1, 0, i, &b0, &bw);
		chart_text(dc, c->categories[i], px0 - dc->fs * 0.6, b0 + bw / 2, lf, 0, col,
		    lines, TA_RIGHT, TV_MIDDLE, chart_ink);
	}
	/* Windows first, behind everything. */
	for (k = 0; k < 2; k++)
		for (i = 0; i < c->nsegs; i++) {
			const struct chart_seg *s = &c->segs[i];
			double b0, bw, xa = chart_map(s->from, lo, hi, px0, px1);
			double xb = chart_map(s->to, lo, hi, px0, px1);

			if ((s->kind == CHART_SEG_WINDOW) != (k == 0))
				continue;
			chart_band(c->ncategories, py0, py1, 0, s->row, &b0, &bw);
			/* The top of the band is left for milestone labels. */
			b0 += bw * 0.3;
			bw *= 0.62;
			if (xb - xa < 1.5)
				xb = xa + 1.5;
			switch (s->kind) {
			case CHART_SEG_WINDOW: {
				const double dashes[] = { 2, 2 };

				cairo_set_source_rgb(cr, 0.82, 0.90, 0.80);
				cairo_rectangle(cr, xa, b0, xb - xa, bw);
				cairo_fill_preserve(cr);
				cairo_save(cr);
				cairo_set_dash(cr, dashes, 2, 0);
				cairo_set_line_width(cr, 0.8);
				cairo_set_source_rgb(cr, 0.35, 0.55, 0.35);
				cairo_stroke(cr);
				cairo_restore(cr);
				break;
			}
			case CHART_SEG_DONE:
				chart_set_rgb(cr, blue);
				cairo_rectangle(cr, xa, b0 + bw * 0.2, xb - xa, bw * 0.6);
				cairo_fill(cr);
				break;
			case CHART_SEG_LATE:
				chart_hatch(cr, xa, b0 + bw * 0.2, xb - xa, bw * 0.6, red);
				break;
			case CHART_SEG_OPEN:
				cairo_set_source_rgb(cr, 1, 1, 1);
				cairo_rectangle(cr, xa, b0 + bw * 0.2, xb - xa, bw * 0.6);
				cairo_fill_preserve(cr);
				cairo_set_line_width(cr, 1.2);
				chart_set_rgb(cr, blue);
				cairo_stroke(cr);
				break;
			}
			if (s->label && s->kind != CHART_SEG_WINDOW) {
				chart_text_size(dc, s->label, dc->fs * 0.75, s->kind == CHART_SEG_LATE,
				    0, 0, &tw, &th);
				/* Windows are named by the legend, not on the row. */
				if (s->kind != CHART_SEG_LATE && tw + 4 < xb - xa)
					chart_text(dc, s->label, (xa + xb) / 2, b0 + bw / 2, dc->fs * 0.75,
					    0, 0, 0, TA_CENTRE, TV_MIDDLE, s->kind == CHART_SEG_DONE ?
					    (const double[3]){ 1, 1, 1 } : blue);
				else if (s->kind == CHART_SEG_LATE || s->kind == CHART_SEG_OPEN)
					chart_text(dc, s->label, xb + 3, b0 + bw / 2, dc->fs * 0.75,
					    s->kind == CHART_SEG_LATE, 0, 0, TA_LEFT, TV_MIDDLE,
					    s->kind == CHART_SEG_LATE ? red : chart_ink);
			}
		}
	for (i = 0; i < c->nmiles; i++) {
		const struct chart_mile *ml = &c->miles[i];
		double b0, bw, x = chart_map(ml->at, lo, hi, px0, px1), r;

		chart_band(c->ncategories, py0, py1, 0, ml->row, &b0, &bw);
		b0 += bw * 0.3;
		bw *= 0.62;
		r = fmin(bw * 0.32, dc->fs * 0.55);
		diamond(cr, x, b0 + bw / 2, r);
		if (ml->late) {
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_fill_preserve(cr);
			cairo_set_line_width(cr, 1.6);
			chart_set_rgb(cr, red);
			cairo_stroke(cr);
		} else {
			chart_set_rgb(cr, chart_ink);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 0.8);
			cairo_stroke(cr);
		}
		if (ml->label)
			chart_text(dc, ml->label, x, b0 - 1, dc->fs * 0.7, ml->late,
			    0, 0, TA_CENTRE, TV_BOTTOM, ml->late ? red : chart_grey);
	}
}
