/*
 * html: the accessible HTML writer of the report packs, the second writer
 * of the same document as pdf.c: the same sections, tables, numbers,
 * suppression and provenance, from the same result tables and figures.
 * One self-contained HTML5 file: no script, no request to anywhere, the
 * stylesheet inline, each chart inline SVG drawn by the same chart code
 * (cairo's SVG surface into memory) and given role="img", a title and a
 * description that says what it shows with its key numbers, followed by
 * its data as a table in a details element.
 *
 * Built for WCAG 2.2 AA: one h1 and headings that follow the sections, a
 * skip link and a contents list of links, lang="en-GB", tables with a
 * caption, th with scope and numbers aligned right, a hidden count
 * written "<5" for the eye and "fewer than 5" for a screen reader, RAG
 * ratings as words (never colour alone), text contrast of 4.5:1 or more,
 * focus always visible, a layout that reflows to 320 px (wide tables
 * scroll inside their own focusable region, never the page) and a print
 * stylesheet for A4 with a page break before each major section.  Every
 * text is escaped, in the HTML and in the SVG alike.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <cairo-svg.h>
#include <glib.h>

#include "reports/internal.h"

/* The chart's width in points when drawn for the page (A4's text width). */
#define SVG_W 493.0

static void
esc(GString *g, const char *s)
{
	char *shown = s != NULL ? lia_text_shown(s, 1) : NULL;	/* controls shown */

	for (s = shown != NULL ? shown : s; s && *s; s++) {
		switch (*s) {
		case '&':
			g_string_append(g, "&amp;");
			break;
		case '<':
			g_string_append(g, "&lt;");
			break;
		case '>':
			g_string_append(g, "&gt;");
			break;
		case '"':
			g_string_append(g, "&quot;");
			break;
		case '\'':
			g_string_append(g, "&#39;");
			break;
		default:
			g_string_append_c(g, *s);
		}
	}
	g_free(shown);
}

static const char css[] =
    ":root{--ink:#1a1a1a;--grey:#575757;--accent:#005a8c;--rule:#c4c4c4;--pale:#eef1f6;"
    "--red:#a33a00;--amber:#8a5a00;--green:#00704f}\n"
    "html{font-family:\"DejaVu Sans\",Verdana,Arial,sans-serif;font-size:100%;line-height:1.5;"
    "color:var(--ink);background:#fff}\n"
    "body{margin:0 auto;max-width:54rem;padding:0 1rem 2rem}\n"
    "h1,h2,h3,h4{line-height:1.25;margin:1.6em 0 .5em}\n"
    "h1{font-size:2.488rem;margin-top:.4em}h2{font-size:1.728rem;color:var(--accent)}"
    "h3{font-size:1.44rem}h4{font-size:1.2rem}\n"
    "p,li,dd{max-width:42em}\n"
    "a{color:var(--accent)}\n"
    "a:focus,summary:focus,[tabindex]:focus{outline:3px solid var(--accent);outline-offset:2px}\n"
    ".skip{position:absolute;left:1rem;top:-10rem;background:#fff;padding:.5rem;z-index:1}\n"
    ".skip:focus{top:1rem}\n"
    ".vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;"
    "clip:rect(0 0 0 0);white-space:nowrap;border:0}\n"
    ".cover{border-bottom:1px solid var(--rule);padding:2rem 0 1rem}\n"
    ".partnership,.subject{color:var(--grey);font-size:1.2rem;margin:.2rem 0}\n"
    ".facts dt{font-size:.833rem;font-weight:bold;color:var(--grey);margin-top:.6rem}\n"
    ".facts dd{margin:0;font-size:1.2rem}\n"
    ".warning{border:3px solid var(--red);color:var(--red);padding:.5rem .75rem;font-weight:bold}\n"
    ".note,.sdc{font-size:.833rem;color:var(--grey)}\n"
    "nav ol{padding-left:1.2rem}nav li{margin:.2rem 0}\n"
    ".table-wrap{position:relative;overflow-x:auto;max-width:100%;margin:1rem 0}\n"
    "table{border-collapse:collapse;font-size:.833rem}\n"
    "caption{text-align:left;font-weight:bold;padding:.3rem 0}\n"
    "th,td{padding:.25rem .45rem;border-bottom:1px solid var(--rule);text-align:left;"
    "vertical-align:top;overflow-wrap:break-word}\n"
    "thead th{background:var(--pale);border-bottom:2px solid var(--grey)}\n"
    "tbody th{font-weight:normal}\n"
    "tfoot th,tfoot td{font-weight:bold;border-top:2px solid var(--grey)}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "thead th.num{white-space:normal}\n"
    "figure{margin:1.5rem 0}\n"
    "svg.chart{display:block;width:100%;height:auto;max-width:40rem}\n"
    "figcaption{font-size:.833rem;color:var(--grey);margin-top:.4rem}\n"
    "details{margin:.5rem 0}summary{cursor:pointer;color:var(--accent)}\n"
    ".tiles{list-style:none;padding:0;margin:1rem 0;display:grid;"
    "grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:.75rem}\n"
    ".tile{border:1px solid var(--rule);background:#f7f7f7;padding:0 0 .6rem}\n"
    ".tile p{margin:0 .7rem}\n"
    ".tile .rag{margin:0 0 .4rem;padding:.15rem .7rem;font-size:.833rem;font-weight:bold;"
    "background:#e6e6e6;color:var(--ink)}\n"
    ".rag-red .rag{background:var(--red);color:#fff}\n"
    ".rag-amber .rag{background:#f0c060;color:#1a1a1a}\n"
    ".rag-green .rag{background:var(--green);color:#fff}\n"
    ".tile .value{font-size:1.728rem;font-weight:bold}\n"
    ".tile .target,.tile .change{font-size:.833rem;color:var(--grey)}\n"
    "dl.defs dt{font-weight:bold;margin-top:.6rem}dl.defs dd{margin-left:1rem}\n"
    "footer{border-top:1px solid var(--rule);margin-top:2rem;font-size:.833rem;color:var(--grey)}\n"
    "@media print{@page{size:A4;margin:18mm}\n"
    "body{max-width:none;padding:0;font-size:10pt}\n"
    ".skip{display:none}\n"
    "section.major{break-before:page}\n"
    "h2,h3,h4{break-after:avoid}\n"
    "figure,tr,.tile{break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    ".table-wrap{overflow:visible}\n"
    "details>summary{display:none}\n"
    "a{color:inherit;text-decoration:none}}\n";

struct html {
	const struct rpt_doc *doc;
	GString *g;
	int nfig, ntab;
	struct lia_err *err;
};

/* ---- tables ---------------------------------------------------------------------- */

static void
cell(struct html *h, const struct doc_table *t, int row, int c, int header)
{
	int hidden = 0, num = doc_col_numeric(t, c);
	char *s = doc_cell(t, row, c, &hidden);
	const char *tag = header ? "th" : "td";

	g_string_append_printf(h->g, "<%s%s%s>", tag, header ? " scope=\"row\"" : "",
	    num ? " class=\"num\"" : "");
	if (hidden) {
		/* "<5" for the eye, "fewer than 5" in words for a screen reader. */
		g_string_append(h->g, "<span aria-hidden=\"true\">");
		esc(h->g, s);
		g_string_append(h->g, "</span><span class=\"vh\">");
		esc(h->g, t->marker_words ? t->marker_words : "hidden");
		g_string_append(h->g, "</span>");
	} else if (strcmp(s, "\xe2\x80\x93") == 0) {
		g_string_append(h->g, "<span aria-hidden=\"true\">\xe2\x80\x93</span>"
		    "<span class=\"vh\">none</span>");
	} else {
		esc(h->g, s);
	}
	g_string_append_printf(h->g, "</%s>", tag);
	g_free(s);
}

static void
table(struct html *h, const struct doc_table *t)
{
	int r, c, nr = doc_table_nrows(t), id = ++h->ntab;

	g_string_append_printf(h->g, "<div class=\"table-wrap\" role=\"region\" "
	    "aria-labelledby=\"t%d\" tabindex=\"0\">\n<table>\n<caption id=\"t%d\">", id, id);
	esc(h->g, t->caption);
	g_string_append(h->g, "</caption>\n<thead><tr>");
	for (c = 0; c < t->ncols; c++) {
		g_string_append_printf(h->g, "<th scope=\"col\"%s>",
		    doc_col_numeric(t, c) ? " class=\"num\"" : "");
		esc(h->g, t->cols[c].label);
		g_string_append(h->g, "</th>");
	}
	g_string_append(h->g, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < nr; r++) {
		g_string_append(h->g, "<tr>");
		for (c = 0; c < t->ncols; c++)
			cell(h, t, r, c, c == 0 && !doc_col_numeric(t, 0));
		g_string_append(h->g, "</tr>\n");
	}
	if (nr == 0)
		g_string_append_printf(h->g, "<tr><td colspan=\"%d\">No rows.</td></tr>\n",
		    t->ncols);
	g_string_append(h->g, "</tbody>\n");
	if (t->total) {
		g_string_append(h->g, "<tfoot><tr>");
		for (c = 0; c < t->ncols; c++)
			cell(h, t, -1, c, c == 0 && !doc_col_numeric(t, 0));
		g_string_append(h->g, "</tr></tfoot>\n");
	}
	g_string_append(h->g, "</table>\n</div>\n");
}

/* ---- charts as SVG ------------------------------------------------------------------ */

static cairo_status_t
to_string(void *closure, const unsigned char *data, unsigned int len)
{
	g_string_append_len(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * cairo's SVG of a chart, made ready to sit inline in a page: its XML
 * declaration dropped, its opening tag replaced by one with the viewBox,
 * role="img", the title and description, and every id (glyphs, clips,
 * patterns) prefixed so that two charts' ids never meet.
 */
static int
svg(struct html *h, const struct doc_block *b, double w, double hgt, int id)
{
	cairo_surface_t *sf;
	cairo_t *cr;
	cairo_status_t st;
	GString *raw = g_string_new(NULL);
	const char *p, *open, *end;
	char prefix[16];
	int rc = -1;

	sf = cairo_svg_surface_create_for_stream(to_string, raw, w, hgt);
	cr = cairo_create(sf);
	if (chart_draw(b->chart, cr, w, hgt) != 0) {
		lia_err_set(h->err, "%s: %s", b->title ? b->title : "a chart", chart_error(b->chart));
		cairo_destroy(cr);
		cairo_surface_destroy(sf);
		g_string_free(raw, TRUE);
		return -1;
	}
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(sf);
	st = cairo_surface_status(sf);
	cairo_surface_destroy(sf);
	if (st != CAIRO_STATUS_SUCCESS) {
		lia_err_set(h->err, "chart as SVG: %s", cairo_status_to_string(st));
		goto out;
	}
	if ((open = strstr(raw->str, "<svg")) == NULL || (end = strchr(open, '>')) == NULL) {
		lia_err_set(h->err, "chart as SVG: no <svg> element");
		goto out;
	}
	snprintf(prefix, sizeof prefix, "f%d-", id);
	/* The name from the title, the description from desc (SVG-AAM). */
	g_string_append_printf(h->g, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" class=\"chart\" viewBox=\"0 0 %.0f %.0f\" "
	    "role=\"img\">\n<title>", w, hgt);
	esc(h->g, b->title);
	g_string_append(h->g, "</title>\n<desc>");
	esc(h->g, b->desc);
	g_string_append(h->g, "</desc>\n");
	/* The body, with its ids and references to them prefixed. */
	for (p = end + 1; *p; ) {
		if (strncmp(p, "id=\"", 4) == 0) {
			g_string_append(h->g, "id=\"");
			g_string_append(h->g, prefix);
			p += 4;
		} else if (strncmp(p, "href=\"#", 7) == 0) {
			g_string_append(h->g, "href=\"#");
			g_string_append(h->g, prefix);
			p += 7;
		} else if (strncmp(p, "url(#", 5) == 0) {
			g_string_append(h->g, "url(#");
			g_string_append(h->g, prefix);
			p += 5;
		} else {
			g_string_append_c(h->g, *p++);
		}
	}
	if (h->g->len > 0 && h->g->str[h->g->len - 1] != '\n')
		g_string_append_c(h->g, '\n');
	rc = 0;
out:
	g_string_free(raw, TRUE);
	return rc;
}

static int
figure(struct html *h, const struct doc_block *b)
{
	double w = SVG_W, hgt = b->height * SVG_W / b->width;
	int id = ++h->nfig;

	if (hgt > 700)
		hgt = 700;
	g_string_append(h->g, "<figure>\n");
	if (svg(h, b, w, hgt, id) != 0)
		return -1;
	g_string_append(h->g, "<figcaption>");
	esc(h->g, b->desc);
	g_string_append(h->g, "</figcaption>\n");
	if (b->table) {
		g_string_append(h->g, "<details>\n<summary>The chart's data as a table</summary>\n");
		table(h, b->table);
		g_string_append(h->g, "</details>\n");
	}
	g_string_append(h->g, "</figure>\n");
	return 0;
}

static void
tiles(struct html *h, const struct doc_block *b)
{
	int i;

	g_string_append(h->g, "<ul class=\"tiles\">\n");
	for (i = 0; i < b->ntiles; i++) {
		const struct doc_tile *t = &b->tiles[i];
		const char *cls = t->rag == CHART_RAG_RED ? "rag-red" : t->rag == CHART_RAG_AMBER ?
		    "rag-amber" : t->rag == CHART_RAG_GREEN ? "rag-green" : "rag-none";

		g_string_append_printf(h->g, "<li class=\"tile %s\">\n<p class=\"rag\">", cls);
		esc(h->g, doc_rag_word(t->rag));
		g_string_append(h->g, "</p>\n<p class=\"value\">");
		if (strchr(t->value, '<')) {
			g_string_append(h->g, "<span aria-hidden=\"true\">");
			esc(h->g, t->value);
			g_string_append(h->g, "</span><span class=\"vh\">hidden: fewer than ");
			esc(h->g, t->value + 1);
			g_string_append(h->g, "</span>");
		} else {
			esc(h->g, t->value);
		}
		g_string_append(h->g, "</p>\n<p class=\"label\">");
		esc(h->g, t->label);
		g_string_append(h->g, "</p>\n");
		if (t->target) {
			g_string_append(h->g, "<p class=\"target\">");
			esc(h->g, t->target);
			g_string_append(h->g, "</p>\n");
		}
		if (t->change) {
			g_string_append(h->g, "<p class=\"change\">");
			esc(h->g, t->change);
			g_string_append(h->g, "</p>\n");
		}
		g_string_append(h->g, "</li>\n");
	}
	g_string_append(h->g, "</ul>\n");
}

static void
defs(struct html *h, const struct doc_block *b)
{
	int i;

	g_string_append(h->g, "<dl class=\"defs\">\n");
	for (i = 0; i < b->ndefs; i++) {
		g_string_append(h->g, "<dt>");
		esc(h->g, b->terms[i]);
		g_string_append(h->g, "</dt><dd>");
		esc(h->g, b->texts[i]);
		g_string_append(h->g, "</dd>\n");
	}
	g_string_append(h->g, "</dl>\n");
}

/* ---- the page -------------------------------------------------------------------------- */

static void
cover(struct html *h)
{
	const struct rpt_doc *d = h->doc;
	GString *g = h->g;

	g_string_append(g, "<header class=\"cover\">\n<p class=\"partnership\">");
	esc(g, d->partnership);
	g_string_append(g, "</p>\n<h1>");
	esc(g, d->title);
	g_string_append(g, "</h1>\n<p class=\"subject\">");
	esc(g, d->subject);
	g_string_append(g, "</p>\n<dl class=\"facts\">\n<dt>Period</dt><dd>");
	esc(g, d->period);
	g_string_append(g, "</dd>\n<dt>Produced</dt><dd>");
	esc(g, d->produced);
	g_string_append(g, " by ");
	esc(g, d->creator);
	g_string_append(g, "</dd>\n</dl>\n");
	if (d->not_for_publication) {
		g_string_append(g, "<p class=\"warning\">" DOC_NOT_FOR_PUBLICATION "</p>\n"
		    "<p>Small-number suppression was turned off (--suppress 0): this pack shows "
		    "counts of fewer than five people. Keep it within the partnership.</p>\n");
	} else if (d->sdc_words) {
		g_string_append(g, "<p class=\"sdc\">Small numbers are hidden: ");
		esc(g, d->sdc_words);
		g_string_append(g, ".</p>\n");
	}
	g_string_append(g, "</header>\n");
}

static void
contents(struct html *h)
{
	int i, open2 = 0, any = 0;

	g_string_append(h->g, "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">Contents"
	    "</h2>\n<ol>\n");
	for (i = 0; i < doc_nblocks(h->doc); i++) {
		const struct doc_block *b = doc_block_at(h->doc, i);

		if (b->kind != DOC_HEADING || b->level > 2)
			continue;
		if (b->level == 1) {
			if (open2)
				g_string_append(h->g, "</ol>");
			if (any)
				g_string_append(h->g, "</li>\n");
			open2 = 0;
		} else if (!open2) {
			g_string_append(h->g, "<ol>\n");
			open2 = 1;
		}
		g_string_append_printf(h->g, "<li><a href=\"#%s\">", b->id);
		esc(h->g, b->text);
		g_string_append(h->g, "</a>");
		if (b->level == 2)
			g_string_append(h->g, "</li>\n");
		any = 1;
	}
	if (open2)
		g_string_append(h->g, "</ol>");
	if (any)
		g_string_append(h->g, "</li>\n");
	g_string_append(h->g, "</ol>\n</nav>\n");
}

static int
body(struct html *h)
{
	int i, n = doc_nblocks(h->doc), in_section = 0;

	g_string_append(h->g, "<main id=\"main\">\n");
	for (i = 0; i < n; i++) {
		const struct doc_block *b = doc_block_at(h->doc, i);

		switch (b->kind) {
		case DOC_HEADING:
			if (b->level == 1) {
				if (in_section)
					g_string_append(h->g, "</section>\n");
				g_string_append_printf(h->g, "<section%s aria-labelledby=\"%s\">\n",
				    (b->flags & DOC_BREAK_BEFORE) ? " class=\"major\"" : "", b->id);
				in_section = 1;
			}
			g_string_append_printf(h->g, "<h%d id=\"%s\">", b->level + 1, b->id);
			esc(h->g, b->text);
			g_string_append_printf(h->g, "</h%d>\n", b->level + 1);
			break;
		case DOC_PARA:
			g_string_append(h->g, "<p>");
			esc(h->g, b->text);
			g_string_append(h->g, "</p>\n");
			break;
		case DOC_NOTE:
			g_string_append(h->g, "<p class=\"note\">");
			esc(h->g, b->text);
			g_string_append(h->g, "</p>\n");
			break;
		case DOC_TABLE:
			table(h, b->table);
			break;
		case DOC_FIGURE:
			if (figure(h, b) != 0)
				return -1;
			break;
		case DOC_TILES:
			tiles(h, b);
			break;
		case DOC_DEFS:
			defs(h, b);
			break;
		}
	}
	if (in_section)
		g_string_append(h->g, "</section>\n");
	g_string_append(h->g, "</main>\n");
	return 0;
}

int
doc_write_html(const struct rpt_doc *d, const char *path, struct lia_err *err)
{
	struct html h;
	struct lia_out out;
	int rc = -1;

	memset(&h, 0, sizeof h);
	h.doc = d;
	h.err = err;
	h.g = g_string_sized_new(256 * 1024);
	g_string_append(h.g, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	esc(h.g, d->title);
	g_string_append(h.g, " \xe2\x80\x93 ");
	esc(h.g, d->partnership);
	g_string_append(h.g, "</title>\n<meta name=\"author\" content=\"");
	esc(h.g, d->partnership);
	g_string_append(h.g, "\">\n<meta name=\"description\" content=\"");
	esc(h.g, d->subject);
	g_string_append(h.g, "\">\n<meta name=\"generator\" content=\"");
	esc(h.g, d->creator);
	g_string_append(h.g, "\">\n<meta name=\"dcterms.created\" content=\"");
	esc(h.g, d->created_iso);
	g_string_append_printf(h.g, "\">\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n", css);
	cover(&h);
	contents(&h);
	if (body(&h) != 0)
		goto out;
	g_string_append(h.g, "<footer>\n<p>Period: ");
	esc(h.g, d->period);
	g_string_append(h.g, ". Produced on ");
	esc(h.g, d->produced);
	g_string_append(h.g, " by ");
	esc(h.g, d->creator);
	g_string_append(h.g, ".</p>\n");
	if (d->not_for_publication)
		g_string_append(h.g, "<p class=\"warning\">" DOC_NOT_FOR_PUBLICATION "</p>\n");
	g_string_append(h.g, "</footer>\n</body>\n</html>\n");

	if (lia_out_open(&out, path, err) != 0)
		goto out;
	if (fwrite(h.g->str, 1, h.g->len, out.fp) != h.g->len) {
		lia_out_abort(&out);
		lia_err_set(err, "%s: cannot write", path);
		goto out;
	}
	if (lia_out_commit(&out, err) != 0)
		goto out;
	rc = 0;
out:
	g_string_free(h.g, TRUE);
	return rc;
}
