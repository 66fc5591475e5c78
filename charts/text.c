/*
 * text: what every chart kind shares on the page.  It owns the pango
 * layout of a draw (with fixed font options so the same chart gives the
 * same pixels), text measuring and drawing (wrapping, ellipsis), the frame
 * (background, title, subtitle, legend, source note), the "No data" panel,
 * hatching for suppressed values, value axes with their grid, and the
 * data extents.
 */
#include <math.h>
#include <string.h>

#include "charts/internal.h"
#include "core/text.h"

void
chart_set_rgb(cairo_t *cr, const double rgb[3])
{
	cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
}

int
chart_dc_init(struct chart_dc *dc, const struct chart *c, cairo_t *cr, double w, double h)
{
	cairo_font_options_t *fo;
	PangoContext *pc;

	memset(dc, 0, sizeof *dc);
	dc->c = c;
	dc->cr = cr;
	dc->w = w;
	dc->h = h;
	dc->fs = c->opts.font_size;
	if ((dc->layout = pango_cairo_create_layout(cr)) == NULL)
		return -1;
	/*
	 * No hinting and unrounded metrics: text measures the same at every
	 * scale and on every surface, so PNG, PDF and SVG lay out alike and
	 * a chart's PNG bytes depend on its input only.
	 */
	fo = cairo_font_options_create();
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_subpixel_order(fo, CAIRO_SUBPIXEL_ORDER_DEFAULT);
	pc = pango_layout_get_context(dc->layout);
	pango_cairo_context_set_font_options(pc, fo);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_layout_context_changed(dc->layout);
	cairo_font_options_destroy(fo);
	dc->x0 = 0;
	dc->y0 = 0;
	dc->x1 = w;
	dc->y1 = h;
	return 0;
}

void
chart_dc_fini(struct chart_dc *dc)
{
	if (dc->layout)
		g_object_unref(dc->layout);
	dc->layout = NULL;
}

static void
set_text(struct chart_dc *dc, const char *s, double size, int bold, double maxw,
    int maxlines, int halign)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, dc->c->opts.font);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(dc->layout, fd);
	pango_font_description_free(fd);
	{
		/* Names come from users' files: controls shown, not obeyed,
		 * and a word of thousands of letters cut. */
		char *shown = lia_text_drawn(s);

		pango_layout_set_text(dc->layout, shown != NULL ? shown : s, -1);
		g_free(shown);
	}
	pango_layout_set_alignment(dc->layout, halign == TA_CENTRE ? PANGO_ALIGN_CENTER :
	    halign == TA_RIGHT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	if (maxw > 0) {
		pango_layout_set_width(dc->layout, (int)(maxw * PANGO_SCALE));
		pango_layout_set_wrap(dc->layout, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_ellipsize(dc->layout, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(dc->layout, maxlines > 0 ? -maxlines : -100);
	} else {
		pango_layout_set_width(dc->layout, -1);
		pango_layout_set_ellipsize(dc->layout, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_height(dc->layout, -1);
	}
}

void
chart_text_size(struct chart_dc *dc, const char *s, double size, int bold,
    double maxw, int maxlines, double *tw, double *th)
{
	PangoRectangle lr;

	if (s == NULL || *s == '\0') {
		*tw = 0;
		*th = 0;
		return;
	}
	set_text(dc, s, size, bold, maxw, maxlines, TA_LEFT);
	pango_layout_get_extents(dc->layout, NULL, &lr);
	*tw = (double)lr.width / PANGO_SCALE;
	*th = (double)lr.height / PANGO_SCALE;
}

double
chart_text(struct chart_dc *dc, const char *s, double x, double y, double size,
    int bold, double maxw, int maxlines, int halign, int valign, const double rgb[3])
{
	PangoRectangle lr;
	double tw, th, left, top;

	if (s == NULL || *s == '\0')
		return 0;
	set_text(dc, s, size, bold, maxw, maxlines, halign);
	pango_layout_get_extents(dc->layout, NULL, &lr);
	tw = (double)lr.width / PANGO_SCALE;
	th = (double)lr.height / PANGO_SCALE;
	left = halign == TA_CENTRE ? x - tw / 2 : halign == TA_RIGHT ? x - tw : x;
	top = valign == TV_MIDDLE ? y - th / 2 : valign == TV_BOTTOM ? y - th : y;
	cairo_save(dc->cr);
	chart_set_rgb(dc->cr, rgb);
	cairo_move_to(dc->cr, left - (double)lr.x / PANGO_SCALE, top - (double)lr.y / PANGO_SCALE);
	pango_cairo_show_layout(dc->cr, dc->layout);
	cairo_restore(dc->cr);
	return th;
}

/* ---- frame ---------------------------------------------------------------- */

static void
legend_swatch(cairo_t *cr, const struct chart_legend_item *it, double x, double y, double s)
{
	switch (it->style) {
	case 1:
		cairo_set_line_width(cr, 1.6);
		chart_set_rgb(cr, it->rgb);
		cairo_move_to(cr, x, y + s / 2);
		cairo_line_to(cr, x + s * 1.6, y + s / 2);
		cairo_stroke(cr);
		cairo_arc(cr, x + s * 0.8, y + s / 2, s * 0.28, 0, 2 * M_PI);
		cairo_fill(cr);
		break;
	case 2:
		chart_hatch(cr, x, y, s, s, it->rgb);
		break;
	case 3:
		cairo_set_line_width(cr, 1.2);
		chart_set_rgb(cr, it->rgb);
		cairo_rectangle(cr, x + 0.6, y + 0.6, s - 1.2, s - 1.2);
		cairo_stroke(cr);
		break;
	default:
		chart_set_rgb(cr, it->rgb);
		cairo_rectangle(cr, x, y, s, s);
		cairo_fill(cr);
		break;
	}
}

/* Lays out (draw 0) or draws the legend from (x, y) within width; returns height. */
static double
legend(struct chart_dc *dc, const struct chart_legend_item *items, int n,
    double x, double y, double width, int draw)
{
	double fs = dc->fs * 0.95, s = fs * 0.85, cx = x, rowh = fs * 1.35, h = rowh;
	int i;

	for (i = 0; i < n; i++) {
		double tw, th, sw = items[i].style == 1 ? s * 1.6 : s;
		double iw;

		chart_text_size(dc, items[i].name, fs, 0, width * 0.9, 1, &tw, &th);
		iw = sw + 4 + tw;
		if (cx > x && cx + iw > x + width) {
			cx = x;
			y += rowh;
			h += rowh;
		}
		if (draw) {
			legend_swatch(dc->cr, &items[i], cx, y + (rowh - s) / 2 - 1, s);
			chart_text(dc, items[i].name, cx + sw + 4, y + rowh / 2 - 1, fs, 0,
			    width * 0.9, 1, TA_LEFT, TV_MIDDLE, chart_ink);
		}
		cx += iw + fs * 1.2;
	}
	return h;
}

void
chart_frame(struct chart_dc *dc, const struct chart_legend_item *items, int nitems)
{
	const struct chart_opts *o = &dc->c->opts;
	double pad = dc->fs * 1.1, y = pad, inner = dc->w - 2 * pad, tw, th, bottom;
	cairo_t *cr = dc->cr;

	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, dc->w, dc->h);
	cairo_fill(cr);
	if (o->title && *o->title)
		y += chart_text(dc, o->title, pad, y, dc->fs * 1.3, 1, inner, 2,
		    TA_LEFT, TV_TOP, chart_ink) + dc->fs * 0.2;
	if (o->subtitle && *o->subtitle)
		y += chart_text(dc, o->subtitle, pad, y, dc->fs, 0, inner, 2,
		    TA_LEFT, TV_TOP, chart_grey);
	if (y > pad)
		y += dc->fs * 0.5;
	if (nitems > 0 && chart_wants_legend(dc->c, nitems))
		y += legend(dc, items, nitems, pad, y, inner, 1) + dc->fs * 0.4;
	bottom = dc->h - pad * 0.8;
	if (o->note && *o->note) {
		chart_text_size(dc, o->note, dc->fs * 0.85, 0, inner, 3, &tw, &th);
		chart_text(dc, o->note, pad, bottom, dc->fs * 0.85, 0, inner, 3,
		    TA_LEFT, TV_BOTTOM, chart_grey);
		bottom -= th + dc->fs * 0.5;
	}
	dc->x0 = pad;
	dc->x1 = dc->w - pad;
	dc->y0 = y;
	dc->y1 = bottom;
	if (dc->y1 < dc->y0 + 10)
		dc->y1 = dc->y0 + 10;
}

void
chart_no_data(struct chart_dc *dc)
{
	const double dashes[] = { 4, 3 };
	cairo_t *cr = dc->cr;
	double x = dc->x0, y = dc->y0, w = dc->x1 - dc->x0, h = dc->y1 - dc->y0;

	cairo_save(cr);
	chart_set_rgb(cr, chart_pale);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill_preserve(cr);
	cairo_set_dash(cr, dashes, 2, 0);
	cairo_set_line_width(cr, 1);
	chart_set_rgb(cr, chart_grey);
	cairo_stroke(cr);
	cairo_restore(cr);
	chart_text(dc, dc->c->opts.empty_text, x + w / 2, y + h / 2, dc->fs * 1.25, 1,
	    w * 0.9, 3, TA_CENTRE, TV_MIDDLE, chart_grey);
}

void
chart_hatch(cairo_t *cr, double x, double y, double w, double h, const double rgb[3])
{
	double d, step = 3.2;

	if (w <= 0 || h <= 0)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, 1 - (1 - rgb[0]) * 0.25, 1 - (1 - rgb[1]) * 0.25,
	    1 - (1 - rgb[2]) * 0.25);
	cairo_fill_preserve(cr);
	cairo_clip(cr);
	chart_set_rgb(cr, rgb);
	cairo_set_line_width(cr, 0.9);
	for (d = -h; d < w; d += step) {
		cairo_move_to(cr, x + d, y + h);
		cairo_line_to(cr, x + d + h, y);
	}
	cairo_stroke(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_line_width(cr, 1);
	cairo_stroke(cr);
	cairo_restore(cr);
}

int
chart_series_colour(const struct chart *c, int s)
{
	return c->series[s].colour;
}

int
chart_series_legend(const struct chart *c, struct chart_legend_item *items, int max)
{
	int s, n = 0;

	for (s = 0; s < c->nseries && n < max; s++) {
		items[n].name = c->series[s].name;
		chart_palette(chart_series_colour(c, s), items[n].rgb);
		items[n].style = c->kind == CHART_LINE ? 1 : 0;
		n++;
	}
	return n;
}

int
chart_wants_legend(const struct chart *c, int n)
{
	if (c->opts.legend == 0)
		return 0;
	if (c->opts.legend > 0)
		return n > 0;
	return n > 1;
}

int
chart_value_decimals(const struct chart *c)
{
	int s, i;

	if (c->opts.decimals >= 0)
		return c->opts.decimals;
	if (c->opts.format == CHART_PERCENT)
		return 0;
	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->series[s].n; i++) {
			double v = c->series[s].values[i];

			if (isfinite(v) && fabs(v - round(v)) > 1e-9)
				return 1;
		}
	return 0;
}

int
chart_extents(const struct chart *c, int stacked, double *lo, double *hi)
{
	int s, i, any = 0;
	double mn = INFINITY, mx = -INFINITY;

	for (i = 0; i < c->ncategories; i++) {
		double pos = 0, neg = 0;

		for (s = 0; s < c->nseries; s++) {
			const struct chart_sdata *d = &c->series[s];
			double v;

			if (i >= d->n || isnan(d->values[i]))
				continue;
			v = d->values[i];
			if (stacked) {
				if (v >= 0)
					pos += v;
				else
					neg += v;
				any = 1;
				continue;
			}
			mn = fmin(mn, v);
			mx = fmax(mx, v);
			if (d->low && isfinite(d->low[i]))
				mn = fmin(mn, d->low[i]);
			if (d->high && isfinite(d->high[i]))
				mx = fmax(mx, d->high[i]);
			any = 1;
		}
		if (stacked) {
			mn = fmin(mn, neg);
			mx = fmax(mx, pos);
		}
	}
	if (!any) {
		*lo = 0;
		*hi = 1;
		return 0;
	}
	*lo = mn;
	*hi = mx;
	return 1;
}

/* ---- value axes ------------------------------------------------------------ */

static int
axis_intervals(double length, int horizontal, double fs)
{
	int n = (int)floor(length / (horizontal ? fs * 6.5 : fs * 2.6));

	if (n < 2)
		n = 2;
	if (n > 10)
		n = 10;
	return n;
}

static double
widest_tick(struct chart_dc *dc, const struct chart_ticks *t, double *height)
{
	char buf[64];
	double tw, th, widest = 0;
	int i, dec = chart_step_decimals(t->step, dc->c->opts.format);

	*height = 0;
	for (i = 0; i < t->n; i++) {
		chart_format_value(t->lo + i * t->step, dc->c->opts.format, dec, buf, sizeof buf);
		chart_text_size(dc, buf, dc->fs * 0.9, 0, 0, 0, &tw, &th);
		widest = fmax(widest, tw);
		*height = fmax(*height, th);
	}
	return widest;
}

static void
fit_ticks(struct chart_dc *dc, double lo, double hi, int horizontal, double length,
    struct chart_ticks *t)
{
	int n = axis_intervals(length, horizontal, dc->fs);
	double th;

	for (;;) {
		chart_ticks_for(lo, hi, n, t);
		if (dc->c->opts.fixed_min)
			t->lo = lo;
		if (dc->c->opts.fixed_max)
			t->hi = hi;
		if (dc->c->opts.fixed_min || dc->c->opts.fixed_max)
			t->n = (int)floor((t->hi - t->lo) / t->step + 1e-9) + 1;
		if (!horizontal || n <= 2)
			return;
		/* Horizontal labels need room between them. */
		if (widest_tick(dc, t, &th) + dc->fs <= length / (t->n > 1 ? t->n - 1 : 1))
			return;
		n--;
	}
}

double
chart_value_axis_room(struct chart_dc *dc, double lo, double hi, int horizontal,
    double length)
{
	struct chart_ticks t;
	double th, tw;

	fit_ticks(dc, lo, hi, horizontal, length, &t);
	tw = widest_tick(dc, &t, &th);
	return horizontal ? th + dc->fs * 0.4 : tw + dc->fs * 0.5;
}

void
chart_value_axis(struct chart_dc *dc, double lo, double hi, int horizontal,
    double x0, double y0, double x1, double y1, struct chart_ticks *t)
{
	cairo_t *cr = dc->cr;
	char buf[64];
	int i, dec;

	fit_ticks(dc, lo, hi, horizontal, horizontal ? x1 - x0 : y1 - y0, t);
	dec = chart_step_decimals(t->step, dc->c->opts.format);
	cairo_save(cr);
	cairo_set_line_width(cr, 0.6);
	for (i = 0; i < t->n; i++) {
		double v = t->lo + i * t->step, p;

		if (fabs(v) < t->step * 1e-9)
			v = 0;
		chart_format_value(v, dc->c->opts.format, dec, buf, sizeof buf);
		if (horizontal) {
			p = chart_map(v, t->lo, t->hi, x0, x1);
			chart_set_rgb(cr, v == 0 ? chart_grey : chart_grid);
			cairo_move_to(cr, round(p) + 0.25, y0);
			cairo_line_to(cr, round(p) + 0.25, y1);
			cairo_stroke(cr);
			chart_text(dc, buf, p, y1 + dc->fs * 0.3, dc->fs * 0.9, 0, 0, 0,
			    TA_CENTRE, TV_TOP, chart_grey);
		} else {
			p = chart_map(v, t->lo, t->hi, y1, y0);
			chart_set_rgb(cr, v == 0 ? chart_grey : chart_grid);
			cairo_move_to(cr, x0, round(p) + 0.25);
			cairo_line_to(cr, x1, round(p) + 0.25);
			cairo_stroke(cr);
			chart_text(dc, buf, x0 - dc->fs * 0.4, p, dc->fs * 0.9, 0, 0, 0,
			    TA_RIGHT, TV_MIDDLE, chart_grey);
		}
	}
	cairo_restore(cr);
}

double
chart_category_column(struct chart_dc *dc, char *const *names, int n, double frac,
    double *lf, double *lineh)
{
	double widest = 0, tw, th, col;
	int i;

	for (i = 0; i < n; i++) {
		chart_text_size(dc, names[i], dc->fs, 0, 0, 0, &tw, &th);
		widest = fmax(widest, tw);
	}
	col = chart_label_column(widest, dc->x1 - dc->x0, frac);
	/* Labels that do not fit one line get a smaller size and two lines. */
	*lf = widest > col ? dc->fs * 0.88 : dc->fs;
	chart_text_size(dc, "Ag", *lf, 0, 0, 0, &tw, lineh);
	return col;
}
