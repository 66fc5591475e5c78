/*
 * pdf: the PDF writer of the report packs.  An A4 portrait document on
 * cairo's PDF surface, text laid out by pango on one typographic scale
 * (doc_size), with a cover, a contents list with page numbers and links,
 * a running header (partnership, title), a footer (the period, "page X of
 * Y", and "Not for publication" when suppression is off), bookmarks for
 * every heading and the document's metadata.
 *
 * Layout takes two passes over the same code: the first only measures
 * (where each heading falls, how many pages there are), the second draws
 * with those numbers known.  Both passes measure with the same pango
 * context on the same surface, so they break pages identically.  Tables
 * split between rows with their caption and header repeated; cells wrap
 * (long words too) inside their column; charts are drawn by chart_draw,
 * scaled to the text width, never as images.  Everything lies inside the
 * frame the margins leave (tests/e2e/report.sh checks the ink).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include "reports/internal.h"

/* A4 in points, and the frame: nothing is drawn outside it. */
#define PAGE_W 595.276
#define PAGE_H 841.89
#define MARGIN_X 51.0			/* 18 mm */
#define TEXT_W (PAGE_W - 2 * MARGIN_X)
#define HEADER_Y 34.0			/* the running header's top */
#define BODY_TOP 72.0
#define BODY_BOTTOM (PAGE_H - 64.0)
#define FOOTER_Y (PAGE_H - 56.0)	/* the footer's top */

#define FONT "DejaVu Sans"
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.2

static const double ink[3] = { 0.10, 0.10, 0.10 };
static const double grey[3] = { 0.36, 0.36, 0.36 };
static const double rule_rgb[3] = { 0.75, 0.75, 0.75 };
static const double pale[3] = { 0.94, 0.95, 0.97 };
static const double accent[3] = { 0.0, 0.447, 0.698 };	/* Okabe-Ito blue */
static const double warn[3] = { 0.64, 0.22, 0.0 };	/* dark vermillion: 6.6:1 on white */

struct pdf {
	const struct rpt_doc *doc;
	cairo_surface_t *sf;
	cairo_t *cr;
	PangoLayout *lay;
	int drawing;		/* 0: measuring pass; 1: drawing pass */
	int page;		/* the page being laid, 1 the cover */
	int npages;		/* known in the drawing pass */
	int ncontents;		/* pages of contents */
	double y;		/* where the next block goes */
	int *head_page;		/* per block: the page of a heading (first pass) */
	double *head_y;
	int outline[4];		/* the outline id of the last heading of each level */
	struct lia_err *err;
};

/* ---- text ------------------------------------------------------------------------ */

/* Sets the layout to text at a step of the scale, wrapped at width (<= 0: none). */
static void
text_set(struct pdf *p, const char *text, int step, int bold, double width,
    PangoAlignment align)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_absolute_size(fd, doc_size(step) * PANGO_SCALE);
	pango_layout_set_font_description(p->lay, fd);
	pango_font_description_free(fd);
	char *shown = text != NULL ? lia_text_drawn(text) : NULL;	/* controls shown */

	pango_layout_set_text(p->lay, shown != NULL ? shown : text ? text : "", -1);
	g_free(shown);
	pango_layout_set_alignment(p->lay, align);
	pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_width(p->lay, width > 0 ? (int)(width * PANGO_SCALE) : -1);
}

/* The same at any size (a table shrunk to fit). */
static void
text_set_size(struct pdf *p, const char *text, double size, int bold, double width,
    PangoAlignment align)
{
	text_set(p, text, 0, bold, width, align);
	{
		PangoFontDescription *fd = pango_font_description_new();

		pango_font_description_set_family(fd, FONT);
		pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD :
		    PANGO_WEIGHT_NORMAL);
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
		pango_layout_set_font_description(p->lay, fd);
		pango_font_description_free(fd);
	}
}

static double
text_height(struct pdf *p)
{
	PangoRectangle lr;

	pango_layout_get_extents(p->lay, NULL, &lr);
	return (double)lr.height / PANGO_SCALE;
}

static double
text_width(struct pdf *p)
{
	PangoRectangle lr;

	pango_layout_get_extents(p->lay, NULL, &lr);
	return (double)lr.width / PANGO_SCALE;
}

/* Draws the layout with its top left at x, y (drawing pass only). */
static void
text_draw(struct pdf *p, double x, double y, const double rgb[3])
{
	if (!p->drawing)
		return;
	cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->lay);
}

/* Sets, measures and draws a text; returns its height. */
static double
text_at(struct pdf *p, const char *text, int step, int bold, double x, double y,
    double width, PangoAlignment align, const double rgb[3])
{
	text_set(p, text, step, bold, width, align);
	text_draw(p, x, y, rgb);
	return text_height(p);
}

static void
hline(struct pdf *p, double x0, double x1, double y, double width, const double rgb[3])
{
	if (!p->drawing)
		return;
	cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

static void
fill_rect(struct pdf *p, double x, double y, double w, double h, const double rgb[3])
{
	if (!p->drawing)
		return;
	cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
	cairo_rectangle(p->cr, x, y, w, h);
	cairo_fill(p->cr);
}

/* ---- pages ------------------------------------------------------------------------- */

/* The running header and footer of the current page. */
static void
furniture(struct pdf *p)
{
	char num[64];
	double fy = FOOTER_Y;

	if (p->page > 1) {
		text_set(p, p->doc->partnership, DOC_STEP_SMALL, 0, TEXT_W * 0.48,
		    PANGO_ALIGN_LEFT);
		pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_END);
		pango_layout_set_height(p->lay, -1);
		text_draw(p, MARGIN_X, HEADER_Y, grey);
		text_set(p, p->doc->title, DOC_STEP_SMALL, 1, TEXT_W * 0.48, PANGO_ALIGN_RIGHT);
		pango_layout_set_height(p->lay, -1);
		text_draw(p, MARGIN_X + TEXT_W * 0.52, HEADER_Y, ink);
		pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_NONE);
		pango_layout_set_height(p->lay, -1);
		hline(p, MARGIN_X, PAGE_W - MARGIN_X, HEADER_Y + 16, 0.6, rule_rgb);
	}
	hline(p, MARGIN_X, PAGE_W - MARGIN_X, fy - 5, 0.6, rule_rgb);
	{
		char *period = g_strconcat("Period: ", p->doc->period, NULL);

		text_set(p, period, DOC_STEP_SMALL, 0, TEXT_W * 0.7, PANGO_ALIGN_LEFT);
		g_free(period);
	}
	pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_END);
	pango_layout_set_height(p->lay, -1);
	text_draw(p, MARGIN_X, fy, grey);
	pango_layout_set_ellipsize(p->lay, PANGO_ELLIPSIZE_NONE);
	snprintf(num, sizeof num, "page %d of %d", p->page, p->npages);
	text_at(p, num, DOC_STEP_SMALL, 0, PAGE_W - MARGIN_X - TEXT_W * 0.3, fy, TEXT_W * 0.3,
	    PANGO_ALIGN_RIGHT, grey);
	if (p->doc->not_for_publication)
		text_at(p, DOC_NOT_FOR_PUBLICATION, DOC_STEP_SMALL, 1, MARGIN_X, fy + 12, TEXT_W,
		    PANGO_ALIGN_CENTER, warn);
}

/* Ends the current page and starts the next, with its header and footer. */
static void
new_page(struct pdf *p)
{
	if (p->drawing)
		cairo_show_page(p->cr);
	p->page++;
	p->y = BODY_TOP;
	furniture(p);
}

static double
room(const struct pdf *p)
{
	return BODY_BOTTOM - p->y;
}

/* Starts a new page unless the current one has h points left (or is empty). */
static void
need(struct pdf *p, double h)
{
	if (h > room(p) && p->y > BODY_TOP + 0.5)
		new_page(p);
}

/* ---- paragraphs ---------------------------------------------------------------------- */

/*
 * Lays out a wrapped text from the current position, splitting it between
 * pages at line boundaries (never leaving one line alone at a page's foot
 * or head when it has more).
 */
static void
flow_text(struct pdf *p, const char *text, int step, int bold, double indent,
    const double rgb[3], double after)
{
	PangoLayoutIter *it;
	int n, i, first = 0;
	int *top, *bottom, *base;
	PangoLayoutLine **lines;
	PangoLayout *own;

	/* A layout of its own: a page break lays out the header and footer. */
	text_set(p, text, step, bold, TEXT_W - indent, PANGO_ALIGN_LEFT);
	own = pango_layout_copy(p->lay);
	n = pango_layout_get_line_count(own);
	top = g_new(int, n);
	bottom = g_new(int, n);
	base = g_new(int, n);
	lines = g_new(PangoLayoutLine *, n);
	it = pango_layout_get_iter(own);
	i = 0;
	do {
		pango_layout_iter_get_line_yrange(it, &top[i], &bottom[i]);
		base[i] = pango_layout_iter_get_baseline(it);
		lines[i] = pango_layout_iter_get_line_readonly(it);
		i++;
	} while (i < n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	n = i;
	while (first < n) {
		double y0 = (double)top[first] / PANGO_SCALE;
		int last = first, fit;

		/* How many lines fit here. */
		while (last < n && (double)bottom[last] / PANGO_SCALE - y0 <= room(p) + 0.01)
			last++;
		fit = last - first;
		if (fit < n - first) {
			/* Widows and orphans: two lines at least on each side. */
			if (n - first - fit < 2 && fit > 2)
				fit = n - first - 2;
			if (fit < 2 && p->y > BODY_TOP + 0.5) {
				new_page(p);
				continue;
			}
			if (fit < 1)
				fit = 1;	/* a line taller than a page: cannot happen */
		}
		if (p->drawing) {
			cairo_set_source_rgb(p->cr, rgb[0], rgb[1], rgb[2]);
			for (i = first; i < first + fit; i++) {
				cairo_move_to(p->cr, MARGIN_X + indent,
				    p->y + (double)base[i] / PANGO_SCALE - y0);
				pango_cairo_show_layout_line(p->cr, lines[i]);
			}
		}
		p->y += (double)bottom[first + fit - 1] / PANGO_SCALE - y0;
		first += fit;
		if (first < n)
			new_page(p);
	}
	p->y += after;
	g_free(top);
	g_free(bottom);
	g_free(base);
	g_free(lines);
	g_object_unref(own);
}

/* ---- headings ------------------------------------------------------------------------ */

static int
heading_step(int level)
{
	return level == 1 ? DOC_STEP_H1 : level == 2 ? DOC_STEP_H2 : DOC_STEP_H3;
}

/*
 * The height the start of block i needs on the page it begins: a heading
 * keeps with what follows it, and a short paragraph that introduces a
 * figure or a table keeps with its start.
 */
static double
start_height(struct pdf *p, int i, int depth)
{
	const struct doc_block *b, *next;
	double h, body = BODY_BOTTOM - BODY_TOP;

	if (i >= doc_nblocks(p->doc) || depth > 3)
		return 0;
	b = doc_block_at(p->doc, i);
	next = i + 1 < doc_nblocks(p->doc) ? doc_block_at(p->doc, i + 1) : NULL;
	switch (b->kind) {
	case DOC_FIGURE:
		return fmin(b->height * TEXT_W / b->width, body) + 12;
	case DOC_TILES:
		return 110;
	case DOC_TABLE:
		/* A short table moves whole: about a line a row, its caption and header. */
		return doc_table_nrows(b->table) <= 20 ?
		    50 + 13.0 * (doc_table_nrows(b->table) + (b->table->total != NULL)) : 80;
	case DOC_HEADING:
		text_set(p, b->text, heading_step(b->level), 1, TEXT_W, PANGO_ALIGN_LEFT);
		return text_height(p) + 8 + start_height(p, i + 1, depth + 1);
	case DOC_DEFS:
		return 40;
	case DOC_PARA:
	case DOC_NOTE:
	default:
		text_set(p, b->text, b->kind == DOC_NOTE ? DOC_STEP_SMALL : DOC_STEP_BODY, 0,
		    TEXT_W, PANGO_ALIGN_LEFT);
		h = text_height(p);
		if (next && (next->kind == DOC_FIGURE || next->kind == DOC_TABLE) && h < 80) {
			double f = start_height(p, i + 1, depth + 1);

			/* Not with a figure of most of a page: the text would stand alone. */
			if (h + 7 + f <= body * 0.85)
				return h + 7 + f;
		}
		return fmin(h, 3 * doc_size(DOC_STEP_BODY) * 1.3);
	}
}

static void
heading(struct pdf *p, int i, const struct doc_block *b)
{
	int step = heading_step(b->level);
	double before = b->level == 1 ? 24 : b->level == 2 ? 14 : 10, h;
	char link[96];

	if ((b->flags & DOC_BREAK_BEFORE) && p->y > BODY_TOP + 0.5)
		new_page(p);
	if (p->y > BODY_TOP + 0.5)
		p->y += before;
	text_set(p, b->text, step, 1, TEXT_W, PANGO_ALIGN_LEFT);
	h = text_height(p);
	need(p, fmin(h + 8 + start_height(p, i + 1, 0), BODY_BOTTOM - BODY_TOP));
	if (!p->drawing) {
		p->head_page[i] = p->page;
		p->head_y[i] = p->y;
	}
	text_at(p, b->text, step, 1, MARGIN_X, p->y, TEXT_W, PANGO_ALIGN_LEFT,
	    b->level == 1 ? accent : ink);
	if (p->drawing) {
		int parent = b->level > 1 ? p->outline[b->level - 1] : CAIRO_PDF_OUTLINE_ROOT;

		snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, MARGIN_X,
		    fmax(p->y - 6, 0));
		p->outline[b->level] = cairo_pdf_surface_add_outline(p->sf, parent, b->text, link,
		    b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
		if (b->level < 3)
			p->outline[b->level + 1] = p->outline[b->level];
	}
	p->y += h + (b->level == 1 ? 8 : 5);
}

/* ---- tables ---------------------------------------------------------------------------- */

struct tlay {
	double size;		/* font size */
	double *w;		/* column widths, padding included */
	double head_h;		/* the header row's height */
	double cap_h;		/* the caption's height */
};

static char *
cell_text(const struct doc_table *t, int row, int col)
{
	return doc_cell(t, row, col, NULL);
}

/* The width a RAG word's swatch takes before it in a cell at a size; 0 for none. */
static double
swatch_width(const struct doc_table *t, int row, int c, const char *s, double size);

static PangoAlignment
col_align(const struct doc_table *t, int c)
{
	return doc_col_numeric(t, c) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
}

/* Natural and smallest widths of a text at a size. */
static void
measure(struct pdf *p, const char *s, double size, int bold, double *nat, double *min)
{
	text_set_size(p, s, size, bold, 0, PANGO_ALIGN_LEFT);
	*nat = text_width(p);
	pango_layout_set_wrap(p->lay, PANGO_WRAP_WORD);
	pango_layout_set_width(p->lay, 1);
	*min = text_width(p);
}

/* Column widths for a size: 0, or -1 when even the narrowest do not fit. */
static int
widths(struct pdf *p, const struct doc_table *t, double size, double *w)
{
	int nc = t->ncols, nr = doc_table_nrows(t), r, c, rc = 0;
	double *nat = g_new0(double, nc), *min = g_new0(double, nc), snat = 0, smin = 0;
	double cap = TEXT_W * 0.3;

	for (c = 0; c < nc; c++) {
		double a, b;

		measure(p, t->cols[c].label, size, 1, &a, &b);
		nat[c] = a;
		min[c] = fmin(b, cap);
		for (r = -1; r < nr; r++) {
			char *s;

			if (r < 0 && t->total == NULL)
				continue;
			s = cell_text(t, r, c);
			measure(p, s, size, r < 0, &a, &b);
			a += swatch_width(t, r, c, s, size);
			b += swatch_width(t, r, c, s, size);
			g_free(s);
			nat[c] = fmax(nat[c], a);
			/* Numbers and short words ("Not rated") do not wrap. */
			min[c] = fmax(min[c], doc_col_numeric(t, c) || a < size * 6 ? fmin(a, cap) :
			    fmin(b, cap));
		}
		nat[c] += 2 * CELL_PAD_X + 0.5;
		min[c] += 2 * CELL_PAD_X + 0.5;
		snat += nat[c];
		smin += min[c];
	}
	if (snat <= TEXT_W) {
		/* Everything on one line: the spare width spread in proportion. */
		for (c = 0; c < nc; c++)
			w[c] = nat[c] + (TEXT_W - snat) * nat[c] / snat;
	} else if (smin <= TEXT_W) {
		double grow = 0;

		for (c = 0; c < nc; c++)
			grow += nat[c] - min[c];
		for (c = 0; c < nc; c++)
			w[c] = min[c] + (grow > 0 ? (TEXT_W - smin) * (nat[c] - min[c]) / grow : 0);
	} else {
		for (c = 0; c < nc; c++)
			w[c] = TEXT_W * min[c] / smin;
		rc = -1;
	}
	g_free(nat);
	g_free(min);
	return rc;
}

/* A row's height at the widths (row -1: the total, -2: the header). */
static double
row_height(struct pdf *p, const struct doc_table *t, const struct tlay *l, int row)
{
	double h = 0;
	int c;

	for (c = 0; c < t->ncols; c++) {
		char *s = row == -2 ? g_strdup(t->cols[c].label) : cell_text(t, row, c);

		text_set_size(p, s, l->size, row < 0, l->w[c] - 2 * CELL_PAD_X -
		    swatch_width(t, row, c, s, l->size), col_align(t, c));
		h = fmax(h, text_height(p));
		g_free(s);
	}
	return h + 2 * CELL_PAD_Y;
}

static const double *
rag_rgb(const char *word)
{
	static const double red[3] = { 0.835, 0.369, 0.0 }, amber[3] = { 0.902, 0.624, 0.0 },
	    green[3] = { 0.0, 0.620, 0.451 };

	if (g_strcmp0(word, "Red") == 0)
		return red;
	if (g_strcmp0(word, "Amber") == 0)
		return amber;
	if (g_strcmp0(word, "Green") == 0)
		return green;
	return NULL;
}

static double
swatch_width(const struct doc_table *t, int row, int c, const char *s, double size)
{
	return row >= 0 && t->cols[c].rag && rag_rgb(s) ? size * 0.8 + 3 : 0;
}

static void
draw_row(struct pdf *p, const struct doc_table *t, const struct tlay *l, int row, double h)
{
	double x = MARGIN_X;
	int c;

	if (row == -2)
		fill_rect(p, MARGIN_X, p->y, TEXT_W, h, pale);
	for (c = 0; c < t->ncols; c++) {
		char *s = row == -2 ? g_strdup(t->cols[c].label) : cell_text(t, row, c);
		const double *swatch = row >= 0 && t->cols[c].rag ? rag_rgb(s) : NULL;
		double sx = 0;

		if (swatch) {
			double d = l->size * 0.8;

			fill_rect(p, x + CELL_PAD_X, p->y + CELL_PAD_Y + l->size * 0.25, d, d, swatch);
			sx = d + 3;
		}
		text_set_size(p, s, l->size, row < 0, l->w[c] - 2 * CELL_PAD_X - sx,
		    row == -2 ? PANGO_ALIGN_LEFT : col_align(t, c));
		if (row == -2 && doc_col_numeric(t, c))
			pango_layout_set_alignment(p->lay, PANGO_ALIGN_RIGHT);
		text_draw(p, x + CELL_PAD_X + sx, p->y + CELL_PAD_Y, ink);
		g_free(s);
		x += l->w[c];
	}
	if (row == -2)
		hline(p, MARGIN_X, MARGIN_X + TEXT_W, p->y + h, 0.8, grey);
	else if (row == -1)
		hline(p, MARGIN_X, MARGIN_X + TEXT_W, p->y, 0.8, grey);
	else
		hline(p, MARGIN_X, MARGIN_X + TEXT_W, p->y + h, 0.3, rule_rgb);
	p->y += h;
}

static void
table_head(struct pdf *p, const struct doc_table *t, const struct tlay *l, int continued)
{
	char *cap = continued ? g_strdup_printf("%s (continued)", t->caption) :
	    g_strdup(t->caption);

	text_at(p, cap, DOC_STEP_SMALL, 1, MARGIN_X, p->y, TEXT_W, PANGO_ALIGN_LEFT, ink);
	p->y += l->cap_h + 3;
	g_free(cap);
	draw_row(p, t, l, -2, l->head_h);
}

static void
table(struct pdf *p, const struct doc_table *t)
{
	struct tlay l;
	int nr = doc_table_nrows(t), r, shown = 0;
	double *rh, total_h = 0;

	memset(&l, 0, sizeof l);
	l.w = g_new0(double, t->ncols);
	/* The table's size: the scale's small step, smaller only when it must. */
	l.size = doc_size(DOC_STEP_SMALL);
	if (widths(p, t, l.size, l.w) != 0) {
		l.size = doc_size(DOC_STEP_SMALL - 1);
		widths(p, t, l.size, l.w);
	}
	text_set(p, t->caption, DOC_STEP_SMALL, 1, TEXT_W, PANGO_ALIGN_LEFT);
	l.cap_h = text_height(p);
	l.head_h = row_height(p, t, &l, -2);
	rh = g_new0(double, nr > 0 ? nr : 1);
	for (r = 0; r < nr; r++)
		rh[r] = row_height(p, t, &l, r);
	if (t->total)
		total_h = row_height(p, t, &l, -1);
	/*
	 * The caption, the header and the first rows (three, or all) together;
	 * a short table whole, on the next page if it must.
	 */
	{
		double start = l.cap_h + 3 + l.head_h, whole = start + total_h;

		for (r = 0; r < nr; r++) {
			if (r < 3)
				start += rh[r];
			whole += rh[r];
		}
		if (nr <= 3)
			start += total_h;
		need(p, whole <= (BODY_BOTTOM - BODY_TOP) * 0.4 ? whole : start);
	}
	table_head(p, t, &l, 0);
	for (r = 0; r < nr; r++) {
		/* The last row goes with the total. */
		double h = rh[r] + (r == nr - 1 ? total_h : 0);

		if (h > room(p) && shown > 0) {
			new_page(p);
			table_head(p, t, &l, 1);
			shown = 0;
		}
		draw_row(p, t, &l, r, rh[r]);
		shown++;
	}
	if (nr == 0) {
		text_at(p, "No rows.", DOC_STEP_SMALL, 0, MARGIN_X + CELL_PAD_X, p->y + CELL_PAD_Y,
		    TEXT_W, PANGO_ALIGN_LEFT, grey);
		p->y += doc_size(DOC_STEP_SMALL) * 1.6;
	}
	if (t->total)
		draw_row(p, t, &l, -1, total_h);
	p->y += 10;
	g_free(rh);
	g_free(l.w);
}

/* ---- figures, tiles, definitions ----------------------------------------------------- */

static int
figure(struct pdf *p, const struct doc_block *b)
{
	double w = TEXT_W, h = b->height * TEXT_W / b->width;
	double maxh = BODY_BOTTOM - BODY_TOP;

	if (h > maxh)
		h = maxh;
	/*
	 * A tall chart (bars for many agencies) that nearly fits is drawn a
	 * little shorter rather than leave most of a page empty.
	 */
	if (h > room(p) && room(p) >= 0.8 * h && room(p) >= 0.5 * maxh)
		h = room(p);
	need(p, h);
	if (p->drawing) {
		cairo_save(p->cr);
		cairo_translate(p->cr, MARGIN_X, p->y);
		if (chart_draw(b->chart, p->cr, w, h) != 0) {
			cairo_restore(p->cr);
			return lia_err_set(p->err, "%s: %s", b->title ? b->title : "a chart",
			    chart_error(b->chart));
		}
		cairo_restore(p->cr);
	}
	p->y += h + 12;
	return 0;
}

static int
tiles(struct pdf *p, const struct doc_block *b)
{
	int cols = b->ntiles <= 4 ? b->ntiles : (b->ntiles + 1) / 2, rows;
	double h;

	if (cols > 4)
		cols = 4;
	rows = (b->ntiles + cols - 1) / cols;
	h = rows * 96.0 + (rows - 1) * 9.0;
	need(p, h);
	if (p->drawing) {
		cairo_save(p->cr);
		cairo_translate(p->cr, MARGIN_X, p->y);
		if (chart_draw(b->chart, p->cr, TEXT_W, h) != 0) {
			cairo_restore(p->cr);
			return lia_err_set(p->err, "tiles: %s", chart_error(b->chart));
		}
		cairo_restore(p->cr);
	}
	p->y += h + 12;
	return 0;
}

static void
defs(struct pdf *p, const struct doc_block *b)
{
	int i;

	for (i = 0; i < b->ndefs; i++) {
		double th;

		text_set(p, b->terms[i], DOC_STEP_BODY, 1, TEXT_W, PANGO_ALIGN_LEFT);
		th = text_height(p);
		need(p, th + doc_size(DOC_STEP_BODY) * 2.6);
		text_draw(p, MARGIN_X, p->y, ink);
		p->y += th + 1;
		flow_text(p, b->texts[i], DOC_STEP_BODY, 0, 14, ink, 6);
	}
}

/* ---- the document --------------------------------------------------------------------- */

static int
body(struct pdf *p)
{
	int i, n = doc_nblocks(p->doc);

	for (i = 0; i < n; i++) {
		const struct doc_block *b = doc_block_at(p->doc, i);
		switch (b->kind) {
		case DOC_HEADING:
			heading(p, i, b);
			break;
		case DOC_PARA:
			/* A short paragraph introducing a figure or table goes with it. */
			if (i + 1 < n && (doc_block_at(p->doc, i + 1)->kind == DOC_FIGURE ||
			    doc_block_at(p->doc, i + 1)->kind == DOC_TABLE))
				need(p, fmin(start_height(p, i, 0), BODY_BOTTOM - BODY_TOP));
			flow_text(p, b->text, DOC_STEP_BODY, 0, 0, ink, 7);
			break;
		case DOC_NOTE:
			flow_text(p, b->text, DOC_STEP_SMALL, 0, 0, grey, 8);
			break;
		case DOC_TABLE:
			table(p, b->table);
			break;
		case DOC_FIGURE:
			if (figure(p, b) != 0)
				return -1;
			break;
		case DOC_TILES:
			if (tiles(p, b) != 0)
				return -1;
			break;
		case DOC_DEFS:
			defs(p, b);
			break;
		}
	}
	return 0;
}

static void
cover(struct pdf *p)
{
	double y = 150, h;
	char line[256];

	p->page = 1;
	p->y = BODY_TOP;
	furniture(p);
	fill_rect(p, MARGIN_X, 96, 64, 6, accent);
	h = text_at(p, p->doc->partnership, DOC_STEP_H2, 0, MARGIN_X, 118, TEXT_W,
	    PANGO_ALIGN_LEFT, grey);
	y = fmax(y, 118 + h + 14);
	y += text_at(p, p->doc->title, DOC_STEP_TITLE, 1, MARGIN_X, y, TEXT_W, PANGO_ALIGN_LEFT,
	    ink) + 10;
	y += text_at(p, p->doc->subject, DOC_STEP_H3, 0, MARGIN_X, y, TEXT_W * 0.85,
	    PANGO_ALIGN_LEFT, grey) + 36;
	y += text_at(p, "Period", DOC_STEP_SMALL, 1, MARGIN_X, y, TEXT_W, PANGO_ALIGN_LEFT, grey);
	{
		/* "All dates" on a line of its own. */
		char *period = g_strdup(p->doc->period);

		period[0] = g_ascii_toupper(period[0]);
		y += text_at(p, period, DOC_STEP_H2, 0, MARGIN_X, y + 2, TEXT_W,
		    PANGO_ALIGN_LEFT, ink) + 18;
		g_free(period);
	}
	y += text_at(p, "Produced", DOC_STEP_SMALL, 1, MARGIN_X, y, TEXT_W, PANGO_ALIGN_LEFT,
	    grey);
	snprintf(line, sizeof line, "%s by %s", p->doc->produced, p->doc->creator);
	y += text_at(p, line, DOC_STEP_H2, 0, MARGIN_X, y + 2, TEXT_W, PANGO_ALIGN_LEFT, ink) + 36;
	if (p->doc->not_for_publication) {
		text_set(p, DOC_NOT_FOR_PUBLICATION, DOC_STEP_H2, 1, TEXT_W - 24, PANGO_ALIGN_LEFT);
		h = text_height(p);
		if (p->drawing) {
			cairo_set_source_rgb(p->cr, warn[0], warn[1], warn[2]);
			cairo_set_line_width(p->cr, 2);
			cairo_rectangle(p->cr, MARGIN_X + 1, y, TEXT_W - 2, h + 20);
			cairo_stroke(p->cr);
		}
		text_draw(p, MARGIN_X + 12, y + 10, warn);
		p->y = y + h + 30;
		flow_text(p, "Small-number suppression was turned off (--suppress 0): this pack "
		    "shows counts of fewer than five people. Keep it within the partnership.",
		    DOC_STEP_BODY, 0, 0, ink, 0);
	} else if (p->doc->sdc_words) {
		char *s = g_strdup_printf("Small numbers are hidden: %s.", p->doc->sdc_words);

		text_at(p, s, DOC_STEP_SMALL, 0, MARGIN_X, y, TEXT_W * 0.85, PANGO_ALIGN_LEFT,
		    grey);
		g_free(s);
	}
}

#define CONTENTS_LINE 17.0

static int
contents_per_page(void)
{
	return (int)((BODY_BOTTOM - BODY_TOP - 40) / CONTENTS_LINE);
}

static void
contents(struct pdf *p)
{
	int i, k = 0;
	char link[96], num[16];

	new_page(p);
	text_at(p, "Contents", DOC_STEP_H1, 1, MARGIN_X, p->y, TEXT_W, PANGO_ALIGN_LEFT, accent);
	p->y += 36;
	if (p->drawing) {
		snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->page, MARGIN_X, BODY_TOP);
		cairo_pdf_surface_add_outline(p->sf, CAIRO_PDF_OUTLINE_ROOT, "Contents", link, 0);
	}
	for (i = 0; i < doc_nblocks(p->doc); i++) {
		const struct doc_block *b = doc_block_at(p->doc, i);
		double indent = b->level == 2 ? 18 : 0;
		int step = b->level == 1 ? DOC_STEP_BODY : DOC_STEP_SMALL;

		if (b->kind != DOC_HEADING || b->level > 2)
			continue;
		if (k > 0 && k % contents_per_page() == 0) {
			new_page(p);
		}
		k++;
		if (b->level == 1 && p->y > BODY_TOP + 40)
			p->y += 4;
		snprintf(num, sizeof num, "%d", p->head_page[i]);
		if (p->drawing) {
			snprintf(link, sizeof link, "page=%d pos=[%.1f %.1f]", p->head_page[i],
			    MARGIN_X, fmax(p->head_y[i] - 6, 0));
			cairo_tag_begin(p->cr, CAIRO_TAG_LINK, link);
		}
		text_at(p, b->text, step, b->level == 1, MARGIN_X + indent, p->y,
		    TEXT_W - indent - 50, PANGO_ALIGN_LEFT, ink);
		text_at(p, num, step, b->level == 1, PAGE_W - MARGIN_X - 50, p->y, 50,
		    PANGO_ALIGN_RIGHT, ink);
		if (p->drawing)
			cairo_tag_end(p->cr, CAIRO_TAG_LINK);
		p->y += CONTENTS_LINE - (b->level == 2 ? 2 : 0);
	}
}

/* One pass over the whole document. */
static int
pass(struct pdf *p)
{
	memset(p->outline, 0, sizeof p->outline);
	/*
	 * The links of the contents need a structure to hang from: cairo
	 * 1.16.0 leaves a link's structure element unwritten otherwise.
	 */
	if (p->drawing)
		cairo_tag_begin(p->cr, "Document", NULL);
	cover(p);
	contents(p);
	/* The body begins on a page of its own. */
	new_page(p);
	if (body(p) != 0)
		return -1;
	if (p->drawing)
		cairo_tag_end(p->cr, "Document");
	if (p->drawing)
		cairo_show_page(p->cr);
	return 0;
}

static cairo_status_t
write_stream(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* No hinting and unrounded metrics: both passes (and every surface) measure alike. */
static void
text_options(PangoLayout *lay)
{
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoContext *pc = pango_layout_get_context(lay);

	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pc, fo);
	pango_context_set_round_glyph_positions(pc, FALSE);
	pango_layout_context_changed(lay);
	cairo_font_options_destroy(fo);
}

int
doc_write_pdf(const struct rpt_doc *d, const char *path, struct lia_err *err)
{
	struct pdf p;
	struct lia_out out;
	cairo_status_t st;
	int rc = -1, n = doc_nblocks(d);

	memset(&p, 0, sizeof p);
	memset(&out, 0, sizeof out);
	p.doc = d;
	p.err = err;
	p.head_page = g_new0(int, n > 0 ? n : 1);
	p.head_y = g_new0(double, n > 0 ? n : 1);
	if (lia_out_open(&out, path, err) != 0)
		goto out;
	p.sf = cairo_pdf_surface_create_for_stream(write_stream, out.fp, PAGE_W, PAGE_H);
	if ((st = cairo_surface_status(p.sf)) != CAIRO_STATUS_SUCCESS) {
		lia_err_set(err, "%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_AUTHOR, d->partnership);
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_SUBJECT, d->subject);
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_CREATOR, d->creator);
	cairo_pdf_surface_set_metadata(p.sf, CAIRO_PDF_METADATA_CREATE_DATE, d->created_iso);
	p.cr = cairo_create(p.sf);
	p.lay = pango_cairo_create_layout(p.cr);
	text_options(p.lay);

	/* First pass: measure.  The contents' length is known from the headings. */
	p.npages = 0;
	if (pass(&p) != 0)
		goto out;
	p.npages = p.page;
	/* Second pass: draw, with every page number known. */
	p.page = 0;
	p.drawing = 1;
	if (pass(&p) != 0)
		goto out;
	if (p.page != p.npages) {
		lia_err_set(err, "%s: the layout changed between passes (%d pages, then %d)", path,
		    p.npages, p.page);
		goto out;
	}
	if ((st = cairo_status(p.cr)) != CAIRO_STATUS_SUCCESS) {
		lia_err_set(err, "%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	cairo_surface_finish(p.sf);
	if ((st = cairo_surface_status(p.sf)) != CAIRO_STATUS_SUCCESS) {
		lia_err_set(err, "%s: %s", path, cairo_status_to_string(st));
		goto out;
	}
	if (lia_out_commit(&out, err) != 0)
		goto out;
	rc = 0;
out:
	if (p.lay)
		g_object_unref(p.lay);
	if (p.cr)
		cairo_destroy(p.cr);
	if (p.sf)
		cairo_surface_destroy(p.sf);
	if (out.fp)
		lia_out_abort(&out);
	g_free(p.head_page);
	g_free(p.head_y);
	return rc;
}
