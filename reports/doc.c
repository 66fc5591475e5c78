/*
 * doc: the document model of the report packs (see reports/internal.h).
 * A pack function appends blocks; the writers read them.  The document
 * owns every block, chart and string, and holds the results whose tables
 * it shows, so a table is never copied and never re-computed: the cells a
 * writer prints are the disclosed cells of an rpt_* result.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "reports/internal.h"

double
doc_size(int step)
{
	return DOC_BODY_PT * pow(1.2, step);
}

const char *
doc_rag_word(enum chart_rag rag)
{
	switch (rag) {
	case CHART_RAG_RED:
		return "Red";
	case CHART_RAG_AMBER:
		return "Amber";
	case CHART_RAG_GREEN:
		return "Green";
	case CHART_RAG_NONE:
	default:
		return "Not rated";
	}
}

struct rpt_doc *
doc_new(const char *title, const char *partnership, const char *subject, const char *period,
    time_t produced, const char *creator)
{
	struct rpt_doc *d = g_new0(struct rpt_doc, 1);
	GDateTime *t = g_date_time_new_from_unix_utc((gint64)produced);
	char day[DATE_LONG_LEN];

	d->title = g_strdup(title);
	d->partnership = g_strdup(partnership);
	d->subject = g_strdup(subject);
	d->period = g_strdup(period);
	d->creator = g_strdup(creator);
	if (t == NULL)
		t = g_date_time_new_from_unix_utc(0);
	d->produced = g_strdup(date_long(date_from_ymd(g_date_time_get_year(t),
	    g_date_time_get_month(t), g_date_time_get_day_of_month(t)), day));
	d->created_iso = g_date_time_format(t, "%Y-%m-%dT%H:%M:%SZ");
	g_date_time_unref(t);
	d->blocks = g_ptr_array_new();
	d->results = g_ptr_array_new();
	return d;
}

static void
table_free(struct doc_table *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncols; i++)
		g_free(t->cols[i].label);
	g_free(t->cols);
	g_free(t->caption);
	g_free(t->total_label);
	g_free(t->marker);
	g_free(t->marker_words);
	g_free(t->rows_of);
	g_free(t);
}

static void
block_free(struct doc_block *b)
{
	int i;

	g_free(b->id);
	g_free(b->text);
	table_free(b->table);
	chart_free(b->chart);
	g_free(b->title);
	g_free(b->desc);
	for (i = 0; i < b->ntiles; i++) {
		g_free(b->tiles[i].label);
		g_free(b->tiles[i].value);
		g_free(b->tiles[i].target);
		g_free(b->tiles[i].change);
	}
	g_free(b->tiles);
	for (i = 0; i < b->ndefs; i++) {
		g_free(b->terms[i]);
		g_free(b->texts[i]);
	}
	g_free(b->terms);
	g_free(b->texts);
	g_free(b);
}

void
doc_free(struct rpt_doc *d)
{
	guint i;

	if (d == NULL)
		return;
	for (i = 0; i < d->blocks->len; i++)
		block_free(g_ptr_array_index(d->blocks, i));
	g_ptr_array_free(d->blocks, TRUE);
	for (i = 0; i < d->results->len; i++)
		an_result_free(g_ptr_array_index(d->results, i));
	g_ptr_array_free(d->results, TRUE);
	g_free(d->title);
	g_free(d->partnership);
	g_free(d->subject);
	g_free(d->period);
	g_free(d->produced);
	g_free(d->created_iso);
	g_free(d->creator);
	g_free(d->sdc_words);
	g_free(d);
}

void
doc_hold(struct rpt_doc *d, struct an_result *res)
{
	if (res)
		g_ptr_array_add(d->results, res);
}

static struct doc_block *
add(struct rpt_doc *d, enum doc_kind kind)
{
	struct doc_block *b = g_new0(struct doc_block, 1);

	b->kind = kind;
	g_ptr_array_add(d->blocks, b);
	return b;
}

struct doc_block *
doc_heading(struct rpt_doc *d, int level, const char *id, unsigned flags, const char *text)
{
	struct doc_block *b = add(d, DOC_HEADING);

	b->level = level < 1 ? 1 : level > 3 ? 3 : level;
	b->id = g_strdup(id);
	b->flags = flags | DOC_KEEP_NEXT;
	b->text = g_strdup(text);
	return b;
}

struct doc_block *
doc_para(struct rpt_doc *d, const char *fmt, ...)
{
	struct doc_block *b = add(d, DOC_PARA);
	va_list ap;

	va_start(ap, fmt);
	b->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	return b;
}

struct doc_block *
doc_note(struct rpt_doc *d, const char *fmt, ...)
{
	struct doc_block *b = add(d, DOC_NOTE);
	va_list ap;

	va_start(ap, fmt);
	b->text = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	return b;
}

/* "fewer than 5" for "<5": what a screen reader says for the marker. */
static char *
marker_words(const char *marker)
{
	if (marker == NULL)
		return NULL;
	if (marker[0] == '<')
		return g_strdup_printf("fewer than %s", marker + 1);
	return g_strdup("hidden to protect small numbers");
}

/* Parses one item of a column list into c; 0, or -1 when a name is unknown. */
static int
parse_col(const struct an_table *t, const char *item, struct doc_col *c)
{
	char *s = g_strdup(item), *label, *dot, *colon;
	int rc = 0;

	memset(c, 0, sizeof *c);
	c->col2 = -1;
	c->decimals = -1;
	if ((label = strchr(s, '=')) != NULL) {
		*label++ = '\0';
		c->label = g_strdelimit(g_strdup(label), "_", ' ');
	}
	if ((dot = strchr(s, '.')) != NULL) {
		*dot++ = '\0';
		c->decimals = atoi(dot);
	}
	if ((colon = strchr(s, ':')) != NULL)
		*colon++ = '\0';
	for (;;) {
		if (s[0] == '!')	/* a column of RAG words */
			c->rag = 1;
		else if (s[0] == '>')	/* words aligned as numbers */
			c->right = 1;
		else
			break;
		memmove(s, s + 1, strlen(s));
	}
	if ((c->col = an_table_find(t, s)) < 0)
		rc = -1;
	if (colon && (c->col2 = an_table_find(t, colon)) < 0)
		rc = -1;
	if (rc == 0 && c->label == NULL)
		c->label = an_col_label(an_table_col(t, c->col));
	g_free(s);
	return rc;
}

static struct doc_table *
make_table(const char *caption, const struct an_result *res, const struct an_part *part,
    const char *columns)
{
	struct doc_table *t = g_new0(struct doc_table, 1);
	char **items;
	int i, n;

	t->caption = g_strdup(caption);
	t->rows = part->rows;
	t->total = part->total;
	t->total_label = g_strdup("Total");
	t->marker = g_strdup(res->hidden_marker);
	t->marker_words = marker_words(res->hidden_marker);
	if (columns == NULL) {
		n = an_table_ncols(part->rows);
		t->cols = g_new0(struct doc_col, n);
		for (i = 0; i < n; i++) {
			t->cols[i].col = i;
			t->cols[i].col2 = -1;
			t->cols[i].decimals = -1;
			t->cols[i].label = an_col_label(an_table_col(part->rows, i));
		}
		t->ncols = n;
		return t;
	}
	items = g_strsplit_set(columns, " ", -1);
	n = (int)g_strv_length(items);
	t->cols = g_new0(struct doc_col, n);
	for (i = 0; i < n; i++) {
		if (items[i][0] == '\0')
			continue;
		/* A typo in a pack's column list is a bug: fail in its tests. */
		if (parse_col(part->rows, items[i], &t->cols[t->ncols]) != 0)
			g_error("doc_table: no column '%s' in %s", items[i], res->analysis);
		t->ncols++;
	}
	g_strfreev(items);
	return t;
}

struct doc_block *
doc_table(struct rpt_doc *d, const char *caption, const struct an_result *res,
    const struct an_part *part, const char *columns)
{
	struct doc_block *b = add(d, DOC_TABLE);

	b->table = make_table(caption, res, part, columns);
	return b;
}

struct doc_block *
doc_table_all(struct rpt_doc *d, const char *caption, const struct an_result *res,
    const struct an_part *part)
{
	return doc_table(d, caption, res, part, NULL);
}

struct doc_block *
doc_figure(struct rpt_doc *d, struct chart *c, double width, double height, const char *title,
    const char *desc)
{
	struct doc_block *b = add(d, DOC_FIGURE);

	b->chart = c;
	b->width = width;
	b->height = height;
	b->title = g_strdup(title);
	b->desc = g_strdup(desc);
	return b;
}

void
doc_figure_data(struct doc_block *b, const struct an_result *res, const struct an_part *part,
    const char *columns, const char *caption)
{
	table_free(b->table);
	b->table = make_table(caption, res, part, columns);
}

struct doc_block *
doc_tiles(struct rpt_doc *d, struct chart *c, struct doc_tile *tiles, int n)
{
	struct doc_block *b = add(d, DOC_TILES);
	int i;

	b->chart = c;
	b->tiles = g_new0(struct doc_tile, n > 0 ? n : 1);
	for (i = 0; i < n; i++) {
		b->tiles[i].label = g_strdup(tiles[i].label);
		b->tiles[i].value = g_strdup(tiles[i].value);
		b->tiles[i].target = g_strdup(tiles[i].target);
		b->tiles[i].change = g_strdup(tiles[i].change);
		b->tiles[i].rag = tiles[i].rag;
	}
	b->ntiles = n;
	return b;
}

struct doc_block *
doc_defs(struct rpt_doc *d, const struct doc_def *defs, int n)
{
	struct doc_block *b = add(d, DOC_DEFS);
	int i;

	b->terms = g_new0(char *, n > 0 ? n : 1);
	b->texts = g_new0(char *, n > 0 ? n : 1);
	for (i = 0; i < n; i++) {
		b->terms[i] = g_strdup(defs[i].term);
		b->texts[i] = g_strdup(defs[i].text);
	}
	b->ndefs = n;
	return b;
}

int
doc_nblocks(const struct rpt_doc *d)
{
	return (int)d->blocks->len;
}

const struct doc_block *
doc_block_at(const struct rpt_doc *d, int i)
{
	return g_ptr_array_index(d->blocks, (guint)i);
}

void
doc_table_where(struct doc_block *b, const char *col, const char *value)
{
	struct doc_table *t = b->table;
	int c = an_table_find(t->rows, col), r;

	g_assert(c >= 0);
	g_free(t->rows_of);
	t->rows_of = g_new(int, an_table_nrows(t->rows) + 1);
	t->nrows = 0;
	for (r = 0; r < an_table_nrows(t->rows); r++)
		if (g_strcmp0(an_table_cell(t->rows, r, c)->s, value) == 0)
			t->rows_of[t->nrows++] = r;
	t->total = NULL;
}

int
doc_table_nrows(const struct doc_table *t)
{
	return t->rows_of ? t->nrows : an_table_nrows(t->rows);
}

int
doc_col_numeric(const struct doc_table *t, int col)
{
	enum an_type ty = an_table_col(t->rows, t->cols[col].col)->type;

	return t->cols[col].right || ty == AN_INT || ty == AN_REAL || ty == AN_PCT ||
	    ty == AN_PVAL;
}

/* One source cell as text. */
static char *
one_cell(const struct doc_table *t, const struct an_table *src, int row, int c, int decimals,
    int *hidden)
{
	const struct an_cell *cell = an_table_cell(src, row, c);

	if (cell->hidden)
		*hidden = 1;
	if (!cell->hidden && !cell->null && decimals >= 0 &&
	    an_table_col(src, c)->type == AN_REAL)
		return g_strdup_printf("%.*f", decimals, cell->d);
	if (!cell->hidden && !cell->null && decimals >= 0 &&
	    an_table_col(src, c)->type == AN_PCT)
		return g_strdup_printf("%.*f%%", decimals, cell->d * 100.0);
	return an_cell_text(src, row, c, t->marker, NULL);
}

char *
doc_cell(const struct doc_table *t, int row, int col, int *hidden)
{
	const struct an_table *src = row < 0 ? t->total : t->rows;
	const struct doc_col *c = &t->cols[col];
	int r = row < 0 ? 0 : t->rows_of ? t->rows_of[row] : row, hid = 0;
	char *a, *b, *s;

	if (row < 0 && col == 0 && an_table_col(src, c->col)->type == AN_TEXT) {
		/* The total's key cell is its label. */
		const struct an_cell *cell = an_table_cell(src, 0, c->col);

		if (hidden)
			*hidden = 0;
		return g_strdup(cell->null || cell->s == NULL ? t->total_label : cell->s);
	}
	a = one_cell(t, src, r, c->col, c->decimals, &hid);
	if (c->col2 < 0) {
		if (hidden)
			*hidden = hid;
		return a;
	}
	b = one_cell(t, src, r, c->col2, c->decimals, &hid);
	if (hid)
		s = g_strdup(t->marker ? t->marker : "*");
	else if (an_table_cell(src, r, c->col)->null || an_table_cell(src, r, c->col2)->null)
		s = g_strdup("\xe2\x80\x93");
	else
		s = g_strdup_printf("%s to %s", a, b);
	g_free(a);
	g_free(b);
	if (hidden)
		*hidden = hid;
	return s;
}
