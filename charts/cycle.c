/*
 * cycle: the learning improvement cycle diagram of the seed report's
 * appendix.  Nodes (evidence sources and activities) sit clockwise from
 * the top on an ellipse joined by a ring with arrowheads between them;
 * each node carries its evidence count, its label and the short name of
 * its group (L&D, PQA, Practice Review) so groups read in greyscale too,
 * and the cycle's name sits in the middle.
 */
#include <math.h>
#include <stdio.h>

#include <glib.h>

#include "charts/internal.h"

static void
tint(const double rgb[3], double f, double out[3])
{
	int i;

	for (i = 0; i < 3; i++)
		out[i] = 1 - (1 - rgb[i]) * f;
}

/*
 * Angles of n points on the ellipse (rx, ry), clockwise from the top and
 * equally spaced by arc length, so nodes keep their distance where the
 * ring runs flat.  Returns the ring's length.
 */
static double
ellipse_angles(double rx, double ry, int n, double *ang)
{
	enum { STEPS = 720 };
	double len[STEPS + 1], total;
	int k, i = 0;

	len[0] = 0;
	for (k = 1; k <= STEPS; k++) {
		double a0 = -M_PI / 2 + 2 * M_PI * (k - 1) / STEPS;
		double a1 = -M_PI / 2 + 2 * M_PI * k / STEPS;

		len[k] = len[k - 1] + hypot(rx * (cos(a1) - cos(a0)), ry * (sin(a1) - sin(a0)));
	}
	total = len[STEPS];
	for (k = 0; k < STEPS && i < n; k++)
		while (i < n && len[k + 1] >= total * i / n) {
			double f = (total * i / n - len[k]) / (len[k + 1] - len[k]);

			ang[i++] = -M_PI / 2 + 2 * M_PI * (k + f) / STEPS;
		}
	for (; i < n; i++)
		ang[i] = -M_PI / 2 + 2 * M_PI * i / n;
	return total;
}

static void
rounded(cairo_t *cr, double x, double y, double w, double h, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

void
chart_draw_cycle(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	struct chart_legend_item items[CHART_MAX_SERIES];
	cairo_t *cr = dc->cr;
	double cx, cy, rx, ry, nw, nh, bw, bh, rc, rgb[3], pale[3], *ang, cw, ch;
	int i, n = c->nnodes, ni = 0;
	char buf[64];

	for (i = 0; i < c->ngroups && ni < CHART_MAX_SERIES; i++, ni++) {
		items[ni].name = c->groups[i];
		chart_palette(i, items[ni].rgb);
		items[ni].style = 0;
	}
	chart_frame(dc, items, ni);
	ang = g_new(double, n);
	bw = dc->x1 - dc->x0;
	bh = dc->y1 - dc->y0;
	nh = fmin(bh * 0.2, dc->fs * 5.2);
	nw = fmin(bw * 0.22, dc->fs * 14);
	cx = (dc->x0 + dc->x1) / 2;
	cy = (dc->y0 + dc->y1) / 2;
	/* Nodes no wider than their share of the ring, so none overlap. */
	for (i = 0; i < 3; i++) {
		rx = (bw - nw) / 2;
		ry = (bh - nh) / 2;
		nw = fmin(nw, 0.9 * ellipse_angles(rx, ry, n, ang) / n);
	}
	rx = (bw - nw) / 2;
	ry = (bh - nh) / 2;
	ellipse_angles(rx, ry, n, ang);
	/* The ring and its arrows. */
	cairo_new_path(cr);
	cairo_save(cr);
	cairo_translate(cr, cx, cy);
	cairo_scale(cr, rx, ry);
	cairo_arc(cr, 0, 0, 1, 0, 2 * M_PI);
	cairo_restore(cr);
	cairo_set_line_width(cr, 2.5);
	cairo_set_source_rgb(cr, 0.72, 0.72, 0.72);
	cairo_stroke(cr);
	for (i = 0; i < n; i++) {
		double a1 = ang[i], a2 = i + 1 < n ? ang[i + 1] : ang[0] + 2 * M_PI;
		double a = (a1 + a2) / 2;
		double px = cx + rx * cos(a), py = cy + ry * sin(a);
		double dx = -rx * sin(a), dy = ry * cos(a), len = hypot(dx, dy), s = dc->fs * 0.75;

		dx /= len;
		dy /= len;
		cairo_move_to(cr, px + dx * s, py + dy * s);
		cairo_line_to(cr, px - dx * s * 0.6 - dy * s * 0.7, py - dy * s * 0.6 + dx * s * 0.7);
		cairo_line_to(cr, px - dx * s * 0.6 + dy * s * 0.7, py - dy * s * 0.6 - dx * s * 0.7);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
		cairo_fill(cr);
	}
	/* The middle. */
	rc = fmax(dc->fs * 3, fmin(rx - nw / 2, ry - nh / 2) * 0.85);
	cairo_arc(cr, cx, cy, rc, 0, 2 * M_PI);
	chart_set_rgb(cr, chart_pale);
	cairo_fill_preserve(cr);
	cairo_set_line_width(cr, 1);
	chart_set_rgb(cr, chart_grid);
	cairo_stroke(cr);
	chart_text(dc, c->centre ? c->centre : "Learning Improvement Cycle", cx, cy,
	    dc->fs * 1.15, 1, rc * 1.6, 3, TA_CENTRE, TV_MIDDLE, chart_ink);
	for (i = 0; i < n; i++) {
		const struct chart_ndata *nd = &c->nodes[i];
		double a = ang[i];
		double x = cx + rx * cos(a) - nw / 2, y = cy + ry * sin(a) - nh / 2, top;
		const char *group = nd->group >= 0 && nd->group < c->ngroups ? c->groups[nd->group] : NULL;

		chart_palette(nd->group, rgb);
		tint(rgb, 0.16, pale);
		rounded(cr, x, y, nw, nh, 4);
		chart_set_rgb(cr, pale);
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, 1.2);
		chart_set_rgb(cr, rgb);
		cairo_stroke(cr);
		cairo_rectangle(cr, x + 1, y + 3, 3.5, nh - 6);
		cairo_fill(cr);
		top = y + dc->fs * 0.3;
		if (nd->text != NULL && !nd->hidden) {
			/* Words in place of a count ("none recorded"): smaller, grey,
			 * where the count goes, on two lines if the node is narrow. */
			chart_text_size(dc, group ? group : "", dc->fs * 0.72, 1, 0, 0, &cw, &ch);
			chart_text(dc, nd->text, x + 9, top + dc->fs * 0.1, dc->fs * 0.9, 0,
			    nw - cw - 20, 2, TA_LEFT, TV_TOP, chart_grey);
			if (group)
				chart_text(dc, group, x + nw - 5, top + dc->fs * 0.15, dc->fs * 0.72,
				    1, 0, 1, TA_RIGHT, TV_TOP, chart_grey);
			chart_text(dc, nd->label, x + 9, y + nh - dc->fs * 0.3, dc->fs * 0.78, 0,
			    nw - 13, 3, TA_LEFT, TV_BOTTOM, chart_ink);
			continue;
		}
		if (nd->hidden)
			snprintf(buf, sizeof buf, "%s", c->opts.hidden_text);
		else if (!isnan(nd->count))
			chart_format_value(nd->count, CHART_NUMBER, 0, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "\xe2\x80\x93");
		chart_text_size(dc, buf, dc->fs * 1.45, 1, 0, 0, &cw, &ch);
		if (nd->hidden)
			chart_text(dc, c->opts.hidden_text, x + 9, top, dc->fs * 1.45, 1, 0, 0,
			    TA_LEFT, TV_TOP, chart_ink);
		else
			chart_text(dc, buf, x + 9, top, dc->fs * 1.45, 1, 0, 0, TA_LEFT, TV_TOP,
			    isnan(nd->count) ? chart_grey : chart_ink);
		if (group)
			chart_text(dc, group, x + nw - 5, top + dc->fs * 0.15, dc->fs * 0.72, 1,
			    fmax(nw - cw - 18, dc->fs * 2), 1, TA_RIGHT, TV_TOP, chart_grey);
		chart_text(dc, nd->label, x + 9, y + nh - dc->fs * 0.3, dc->fs * 0.78, 0,
		    nw - 13, 3, TA_LEFT, TV_BOTTOM, chart_ink);
	}
	g_free(ang);
}
