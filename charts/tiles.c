/*
 * tiles: KPI tiles for executive summaries.  Each tile shows a value, its
 * label, the change since the last period (an arrow and the difference,
 * in percentage points for shares) and its RAG rating as a coloured band
 * that also carries the rating's word, hatched when red, so the rating
 * never rests on colour alone.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "charts/internal.h"

void
chart_draw_tiles(struct chart_dc *dc)
{
	const struct chart *c = dc->c;
	cairo_t *cr = dc->cr;
	int n = c->ntiles, cols, rows, i;
	double gap = dc->fs, tw, th, rgb[3];
	char buf[96], num[64];

	chart_frame(dc, NULL, 0);
	cols = n <= 4 ? n : (n + 1) / 2;
	if (cols > 4)
		cols = 4;
	rows = (n + cols - 1) / cols;
	tw = (dc->x1 - dc->x0 - gap * (cols - 1)) / cols;
	th = (dc->y1 - dc->y0 - gap * (rows - 1)) / rows;
	if (th > tw * 0.9)
		th = tw * 0.9;
	for (i = 0; i < n; i++) {
		const struct chart_tdata *t = &c->tiles[i];
		double x = dc->x0 + (tw + gap) * (i % cols), y = dc->y0 + (th + gap) * (i / cols);
		double band = dc->fs * 1.6, vy, fsv = fmin(dc->fs * 2.6, th * 0.26);
		int dec = c->opts.decimals >= 0 ? c->opts.decimals :
		    (t->format == CHART_PERCENT || fabs(t->value - round(t->value)) < 1e-9 ? 0 : 1);

		cairo_rectangle(cr, x, y, tw, th);
		chart_set_rgb(cr, chart_pale);
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, 0.8);
		chart_set_rgb(cr, chart_grid);
		cairo_stroke(cr);
		/* The RAG band: colour, a pattern for red, and the word. */
		chart_rag_rgb(t->rag, rgb);
		if (t->rag != CHART_RAG_NONE) {
			if (t->rag == CHART_RAG_RED) {
				chart_hatch(cr, x, y, tw, band, rgb);
				cairo_set_source_rgb(cr, 1, 1, 1);
				chart_text_size(dc, chart_rag_name(t->rag), dc->fs * 0.8, 1, 0, 0, &fsv, &vy);
				cairo_rectangle(cr, x + 4, y + band / 2 - vy / 2 - 1, fsv + 6, vy + 2);
				cairo_fill(cr);
				fsv = fmin(dc->fs * 2.6, th * 0.26);
			} else {
				chart_set_rgb(cr, rgb);
				cairo_rectangle(cr, x, y, tw, band);
				cairo_fill(cr);
			}
			chart_text(dc, chart_rag_name(t->rag), x + 7, y + band / 2, dc->fs * 0.8, 1, 0, 0,
			    TA_LEFT, TV_MIDDLE, t->rag == CHART_RAG_RED ? rgb :
			    chart_dark(rgb) ? (const double[3]){ 1, 1, 1 } : chart_ink);
		} else {
			band = dc->fs * 0.6;
		}
		vy = y + band + dc->fs * 0.5;
		if (t->hidden)
			snprintf(buf, sizeof buf, "%s", c->opts.hidden_text);
		else
			chart_format_value(t->value, t->format, dec, buf, sizeof buf);
		vy += chart_text(dc, buf, x + dc->fs * 0.7, vy, fsv, 1, tw - dc->fs * 1.4, 1,
		    TA_LEFT, TV_TOP, chart_ink);
		vy += chart_text(dc, t->label, x + dc->fs * 0.7, vy, dc->fs * 0.9, 0,
		    tw - dc->fs * 1.4, 2, TA_LEFT, TV_TOP, chart_ink);
		if (!t->hidden && isfinite(t->previous) && isfinite(t->value)) {
			double diff = t->value - t->previous;
			const char *arrow = diff > 0 ? "\xe2\x96\xb2" : diff < 0 ? "\xe2\x96\xbc" : "\xe2\x96\xb6";

			if (t->format == CHART_PERCENT) {
				chart_format_value(fabs(diff) * 100, CHART_NUMBER, 0, num, sizeof num);
				snprintf(buf, sizeof buf, "%s %s%s pts %s", arrow,
				    diff > 0 ? "+" : diff < 0 ? "\xe2\x88\x92" : "", num,
				    t->previous_label ? t->previous_label : "since last period");
			} else {
				chart_format_value(fabs(diff), CHART_NUMBER, dec, num, sizeof num);
				snprintf(buf, sizeof buf, "%s %s%s %s", arrow,
				    diff > 0 ? "+" : diff < 0 ? "\xe2\x88\x92" : "", num,
				    t->previous_label ? t->previous_label : "since last period");
			}
			chart_text(dc, buf, x + dc->fs * 0.7, y + th - dc->fs * 0.5, dc->fs * 0.8, 0,
			    tw - dc->fs * 1.4, 1, TA_LEFT, TV_BOTTOM, chart_grey);
		}
	}
}
