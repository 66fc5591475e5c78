/*
 * chart: the chart object.  It owns the copies of everything a caller
 * hands in (options' strings, categories, series, Gantt segments and
 * milestones, cycle nodes, tiles), the error message, the dispatch of
 * chart_draw to the kinds, and chart_write: the only place that makes
 * cairo surfaces (PNG, PDF, SVG by extension) and the PNG encoder.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <png.h>

#include "charts/internal.h"

int
chart_fail(const struct chart *c, const char *fmt, ...)
{
	va_list ap;

	if (c == NULL || c->err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(c->err, CHART_ERR_LEN, fmt, ap);
	va_end(ap);
	return -1;
}

const char *
chart_error(const struct chart *c)
{
	if (c == NULL)
		return "no chart (out of memory)";
	return c->err;
}

void
chart_opts_defaults(struct chart_opts *o)
{
	memset(o, 0, sizeof *o);
	o->font = "DejaVu Sans";
	o->font_size = 9;
	o->bar_mode = CHART_GROUPED;
	o->format = CHART_NUMBER;
	o->decimals = -1;
	o->legend = -1;
	o->neutral = -1;
	o->hidden_text = "<5";
	o->empty_text = "No data for this selection";
	o->dpi = 150;
}

static char *
dup_or_null(const char *s)
{
	return s ? g_strdup(s) : NULL;
}

struct chart *
chart_new(enum chart_kind kind, const struct chart_opts *opts)
{
	struct chart *c;
	struct chart_opts def;
	const char **fields[11];
	int i, nf = 0;

	if ((int)kind < CHART_BAR_H || kind > CHART_TILES)
		return NULL;
	if (opts == NULL) {
		chart_opts_defaults(&def);
		opts = &def;
	}
	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	if ((c->err = calloc(1, CHART_ERR_LEN)) == NULL) {
		free(c);
		return NULL;
	}
	c->kind = kind;
	c->opts = *opts;
	fields[nf++] = &c->opts.title;
	fields[nf++] = &c->opts.subtitle;
	fields[nf++] = &c->opts.note;
	fields[nf++] = &c->opts.value_label;
	fields[nf++] = &c->opts.category_label;
	fields[nf++] = &c->opts.font;
	fields[nf++] = &c->opts.target_label;
	fields[nf++] = &c->opts.hidden_text;
	fields[nf++] = &c->opts.empty_text;
	fields[nf++] = &c->opts.missing_text;
	for (i = 0; i < nf; i++) {
		c->strs[i] = dup_or_null(*fields[i]);
		*fields[i] = c->strs[i];
	}
	if (c->opts.font == NULL || *c->opts.font == '\0')
		c->opts.font = "DejaVu Sans";
	if (!(c->opts.font_size > 0))
		c->opts.font_size = 9;
	if (!(c->opts.dpi > 0))
		c->opts.dpi = 150;
	if (c->opts.hidden_text == NULL)
		c->opts.hidden_text = "<5";
	if (c->opts.empty_text == NULL)
		c->opts.empty_text = "No data for this selection";
	return c;
}

static void
free_strv(char **v, int n)
{
	int i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		g_free(v[i]);
	g_free(v);
}

void
chart_free(struct chart *c)
{
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < (int)(sizeof c->strs / sizeof c->strs[0]); i++)
		g_free(c->strs[i]);
	free_strv(c->categories, c->ncategories);
	for (i = 0; i < c->nseries; i++) {
		g_free(c->series[i].name);
		g_free(c->series[i].values);
		g_free(c->series[i].low);
		g_free(c->series[i].high);
		g_free(c->series[i].hidden);
	}
	g_free(c->totals);
	g_free(c->totals_hidden);
	for (i = 0; i < c->nsegs; i++)
		g_free(c->segs[i].label);
	g_free(c->segs);
	for (i = 0; i < c->nmiles; i++)
		g_free(c->miles[i].label);
	g_free(c->miles);
	for (i = 0; i < c->nnodes; i++) {
		g_free(c->nodes[i].label);
		g_free(c->nodes[i].text);
	}
	g_free(c->nodes);
	for (i = 0; i < c->ntiles; i++) {
		g_free(c->tiles[i].label);
		g_free(c->tiles[i].previous_label);
	}
	g_free(c->tiles);
	free_strv(c->groups, c->ngroups);
	g_free(c->centre);
	free(c->err);
	free(c);
}

static char **
copy_strv(const char *const *names, int n)
{
	char **v = g_new0(char *, n > 0 ? n : 1);
	int i;

	for (i = 0; i < n; i++)
		v[i] = g_strdup(names[i] ? names[i] : "");
	return v;
}

int
chart_set_categories(struct chart *c, const char *const *names, int n)
{
	if (n < 0 || (n > 0 && names == NULL))
		return chart_fail(c, "bad category list");
	free_strv(c->categories, c->ncategories);
	c->categories = copy_strv(names, n);
	c->ncategories = n;
	return 0;
}

int
chart_set_totals(struct chart *c, const double *n, const unsigned char *hidden, int count)
{
	if (count < 0 || (count > 0 && n == NULL))
		return chart_fail(c, "bad list of totals");
	g_free(c->totals);
	g_free(c->totals_hidden);
	c->totals = count > 0 ? g_memdup2(n, sizeof *n * (size_t)count) : NULL;
	c->totals_hidden = g_new0(unsigned char, count + 1);
	if (hidden)
		memcpy(c->totals_hidden, hidden, (size_t)count);
	c->ntotals = count;
	return 0;
}

int
chart_set_groups(struct chart *c, const char *const *names, int n)
{
	if (n < 0 || (n > 0 && names == NULL))
		return chart_fail(c, "bad group list");
	free_strv(c->groups, c->ngroups);
	c->groups = copy_strv(names, n);
	c->ngroups = n;
	return 0;
}

int
chart_set_centre(struct chart *c, const char *text)
{
	g_free(c->centre);
	c->centre = dup_or_null(text);
	return 0;
}

static double *
copy_doubles(const double *v, int n)
{
	return v ? g_memdup2(v, (gsize)n * sizeof *v) : NULL;
}

int
chart_add_series(struct chart *c, const struct chart_series *s)
{
	struct chart_sdata *d;
	int i, any = 0;

	if (c->nseries >= CHART_MAX_SERIES)
		return chart_fail(c, "more than %d series", CHART_MAX_SERIES);
	if (s->n < 0 || (s->n > 0 && s->values == NULL))
		return chart_fail(c, "series '%s' has no values", s->name ? s->name : "");
	d = &c->series[c->nseries];
	memset(d, 0, sizeof *d);
	d->name = g_strdup(s->name ? s->name : "");
	d->n = s->n;
	d->values = g_new0(double, s->n > 0 ? s->n : 1);
	if (s->n > 0)
		memcpy(d->values, s->values, (size_t)s->n * sizeof(double));
	if (s->n > 0) {
		d->low = copy_doubles(s->low, s->n);
		d->high = copy_doubles(s->high, s->n);
	}
	if (s->hidden != NULL) {
		for (i = 0; i < s->n; i++)
			any |= s->hidden[i] != 0;
		if (any)
			d->hidden = g_memdup2(s->hidden, (gsize)s->n);
	}
	d->colour = s->colour >= 0 ? s->colour : c->nseries;
	c->nseries++;
	return 0;
}

/* Grows an array of item size by one; returns the new item, zeroed. */
static void *
grow(void **items, int *n, int *alloc, size_t size)
{
	char *p;

	if (*n == *alloc) {
		*alloc = *alloc ? *alloc * 2 : 8;
		*items = g_realloc(*items, (gsize)*alloc * size);
	}
	p = (char *)*items + (size_t)*n * size;
	memset(p, 0, size);
	(*n)++;
	return p;
}

int
chart_add_segment(struct chart *c, int row, double from, double to,
    enum chart_segment kind, const char *label)
{
	struct chart_seg *s;

	if (row < 0 || row >= c->ncategories)
		return chart_fail(c, "segment row %d has no category", row);
	if (!isfinite(from) || !isfinite(to) || to < from)
		return chart_fail(c, "segment of row %d ends before it starts", row);
	s = grow((void **)&c->segs, &c->nsegs, &c->asegs, sizeof *s);
	s->row = row;
	s->from = from;
	s->to = to;
	s->kind = kind;
	s->label = dup_or_null(label);
	return 0;
}

int
chart_add_milestone(struct chart *c, int row, double at, const char *label, int late)
{
	struct chart_mile *m;

	if (row < 0 || row >= c->ncategories)
		return chart_fail(c, "milestone row %d has no category", row);
	if (!isfinite(at))
		return chart_fail(c, "milestone of row %d has no date", row);
	m = grow((void **)&c->miles, &c->nmiles, &c->amiles, sizeof *m);
	m->row = row;
	m->at = at;
	m->label = dup_or_null(label);
	m->late = late;
	return 0;
}

int
chart_add_node(struct chart *c, const struct chart_node *n)
{
	struct chart_ndata *d;

	d = grow((void **)&c->nodes, &c->nnodes, &c->anodes, sizeof *d);
	d->label = g_strdup(n->label ? n->label : "");
	d->group = n->group;
	d->count = n->count;
	d->hidden = n->hidden;
	d->text = dup_or_null(n->text);
	return 0;
}

int
chart_add_tile(struct chart *c, const struct chart_tile *t)
{
	struct chart_tdata *d;

	d = grow((void **)&c->tiles, &c->ntiles, &c->atiles, sizeof *d);
	d->label = g_strdup(t->label ? t->label : "");
	d->previous_label = dup_or_null(t->previous_label);
	d->value = t->value;
	d->previous = t->previous;
	d->rag = t->rag;
	d->format = t->format;
	d->hidden = t->hidden;
	return 0;
}

int
chart_set_dpi(struct chart *c, double dpi)
{
	if (!(dpi > 0) || dpi > 2400)
		return chart_fail(c, "dpi %g is out of range", dpi);
	c->opts.dpi = dpi;
	return 0;
}

int
chart_has_data(const struct chart *c)
{
	int s, i;

	switch (c->kind) {
	case CHART_GANTT:
		return c->ncategories > 0 && (c->nsegs > 0 || c->nmiles > 0);
	case CHART_CYCLE:
		return c->nnodes > 0;
	case CHART_TILES:
		return c->ntiles > 0;
	default:
		break;
	}
	if (c->ncategories == 0)
		return 0;
	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->series[s].n && i < c->ncategories; i++)
			if (!isnan(c->series[s].values[i]) ||
			    (c->series[s].hidden && c->series[s].hidden[i]))
				return 1;
	return 0;
}

int
chart_draw(const struct chart *c, cairo_t *cr, double w, double h)
{
	struct chart_dc dc;
	cairo_status_t st;

	if (c == NULL || cr == NULL)
		return -1;
	c->err[0] = '\0';
	if (!(w > 0) || !(h > 0))
		return chart_fail(c, "chart size %gx%g is not positive", w, h);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS)
		return chart_fail(c, "cairo: %s", cairo_status_to_string(st));
	cairo_save(cr);
	if (chart_dc_init(&dc, c, cr, w, h) != 0) {
		cairo_restore(cr);
		return chart_fail(c, "pango: cannot make a layout");
	}
	if (!chart_has_data(c)) {
		chart_frame(&dc, NULL, 0);
		chart_no_data(&dc);
	} else {
		switch (c->kind) {
		case CHART_BAR_H:
		case CHART_BAR_V:
			chart_draw_bars(&dc);
			break;
		case CHART_LINE:
			chart_draw_lines(&dc);
			break;
		case CHART_LIKERT:
			chart_draw_likert(&dc);
			break;
		case CHART_HEATMAP:
			chart_draw_heatmap(&dc);
			break;
		case CHART_FOREST:
			chart_draw_forest(&dc);
			break;
		case CHART_DUMBBELL:
			chart_draw_dumbbell(&dc);
			break;
		case CHART_GANTT:
			chart_draw_gantt(&dc);
			break;
		case CHART_CYCLE:
			chart_draw_cycle(&dc);
			break;
		case CHART_TILES:
			chart_draw_tiles(&dc);
			break;
		}
	}
	chart_dc_fini(&dc);
	cairo_restore(cr);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS)
		return chart_fail(c, "cairo: %s", cairo_status_to_string(st));
	return 0;
}

static int
has_ext(const char *path, const char *ext)
{
	size_t lp = strlen(path), le = strlen(ext);

	return lp > le && strcasecmp(path + lp - le, ext) == 0;
}

static void
png_fail(png_structp png, png_const_charp msg)
{
	const struct chart *c = png_get_error_ptr(png);

	chart_fail(c, "%s", msg);
	png_longjmp(png, 1);
}

static void
png_warn(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * Writes an ARGB32 image surface to path as an 8-bit RGB PNG, over white,
 * unfiltered, zlib level 3.  Charts are flat colour with antialiased
 * edges: this gives smaller files than cairo_surface_write_to_png (RGBA,
 * adaptive filters, level 6) in about a third of the time, and that time
 * is most of a `lia chart` process.  Returns 0, or -1 with chart_error
 * (the file cannot be opened or written, libpng's message).
 */
static int
write_png(const struct chart *c, cairo_surface_t *sf, FILE *fp, const char *path)
{
	int w = cairo_image_surface_get_width(sf), h = cairo_image_surface_get_height(sf);
	int stride = cairo_image_surface_get_stride(sf), y, x;
	const unsigned char *data = cairo_image_surface_get_data(sf);
	png_structp png = NULL;
	png_infop info = NULL;
	unsigned char *row;

	if (data == NULL)
		return chart_fail(c, "%s: no image to write", path);
	row = malloc((size_t)w * 3);
	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, (png_voidp)c, png_fail, png_warn);
	if (png)
		info = png_create_info_struct(png);
	if (row == NULL || png == NULL || info == NULL) {
		png_destroy_write_struct(&png, &info);
		free(row);
		return chart_fail(c, "%s: out of memory", path);
	}
	if (setjmp(png_jmpbuf(png))) {
		/* png_fail has set the message; name the file. */
		char msg[CHART_ERR_LEN];

		png_destroy_write_struct(&png, &info);
		free(row);
		snprintf(msg, sizeof msg, "%s", c->err);
		return chart_fail(c, "%s: %s", path, msg);
	}
	png_init_io(png, fp);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGB,
	    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, 3);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		const uint32_t *px = (const uint32_t *)(const void *)(data + (size_t)y * stride);

		for (x = 0; x < w; x++) {
			/* Premultiplied ARGB over white: c + (255 - a). */
			unsigned a = px[x] >> 24, blank = 255 - a;

			row[3 * x] = (unsigned char)(((px[x] >> 16) & 0xff) + blank);
			row[3 * x + 1] = (unsigned char)(((px[x] >> 8) & 0xff) + blank);
			row[3 * x + 2] = (unsigned char)((px[x] & 0xff) + blank);
		}
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}

/* cairo's PDF and SVG surfaces write through this into the output file. */
static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	FILE *fp = closure;

	return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

int
chart_write(const struct chart *c, const char *path, double w, double h)
{
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	cairo_status_t st;
	struct lia_out out;
	struct lia_err err;
	double scale = 1;
	int rc = -1, png = 0, pdf = 0;

	if (c == NULL)
		return -1;
	c->err[0] = '\0';
	memset(&out, 0, sizeof out);
	if (path == NULL)
		return chart_fail(c, "no output file");
	if (!(w > 0) || !(h > 0) || w > 20000 || h > 20000)
		return chart_fail(c, "chart size %gx%g points is out of range", w, h);
	if (has_ext(path, ".png")) {
		int pw, ph;

		scale = c->opts.dpi / 72.0;
		pw = (int)lround(w * scale);
		ph = (int)lround(h * scale);
		if (pw < 1 || ph < 1 || (double)pw * ph > 1e8)
			return chart_fail(c, "%s: %dx%d pixels is out of range", path, pw, ph);
		png = 1;
	} else if (has_ext(path, ".pdf")) {
		pdf = 1;
	} else if (!has_ext(path, ".svg")) {
		return chart_fail(c, "%s: unknown chart format (use .png, .pdf or .svg)", path);
	}
	/* A temporary file beside the target, renamed over it when whole. */
	lia_err_clear(&err);
	if (lia_out_open(&out, path, &err) != 0)
		return chart_fail(c, "%s", err.msg);
	if (png) {
		sf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, (int)lround(w * scale),
		    (int)lround(h * scale));
	} else if (pdf) {
		sf = cairo_pdf_surface_create_for_stream(write_stream, out.fp, w, h);
		/* Creator and title in the document information. */
		if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS) {
			cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "lia");
			if (c->opts.title)
				cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
				    c->opts.title);
		}
	} else {
		sf = cairo_svg_surface_create_for_stream(write_stream, out.fp, w, h);
		if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS)
			cairo_svg_surface_set_document_unit(sf, CAIRO_SVG_UNIT_PT);
	}
	if ((st = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		chart_fail(c, "%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	cr = cairo_create(sf);
	if (png)
		cairo_scale(cr, scale, scale);
	if (chart_draw(c, cr, w, h) != 0)
		goto out;
	cairo_show_page(cr);
	if ((st = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
		chart_fail(c, "%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	if (png) {
		cairo_surface_flush(sf);
		if (write_png(c, sf, out.fp, path) != 0)
			goto out;
	}
	cairo_surface_finish(sf);
	if ((st = cairo_surface_status(sf)) != CAIRO_STATUS_SUCCESS) {
		chart_fail(c, "%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	if (lia_out_commit(&out, &err) != 0) {
		chart_fail(c, "%s", err.msg);
		goto out;
	}
	rc = 0;
out:
	if (cr)
		cairo_destroy(cr);
	if (sf)
		cairo_surface_destroy(sf);
	if (out.fp)
		lia_out_abort(&out);
	return rc;
}
