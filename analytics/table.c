/*
 * table: result tables and results (see table.h).  Cells live row-major in
 * one GArray; every string is copied in and freed with the table.  The
 * column lists named by `from` and `parts` are checked when a table is
 * made, so a table function with a typo fails at once in its tests.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "analytics/table.h"

struct an_table {
	struct an_col *cols;
	int ncols;
	GArray *cells;		/* struct an_cell, row-major */
	int nrows;
	int next;		/* the next column to fill in the current row */
};

/* Every name of a space-separated list is a column of the table. */
static void
check_names(const struct an_col *cols, int ncols, const char *list)
{
	char **names;
	int i, c;

	if (list == NULL)
		return;
	names = g_strsplit(list, " ", -1);
	for (i = 0; names[i]; i++) {
		if (names[i][0] == '\0')
			continue;
		for (c = 0; c < ncols; c++)
			if (strcmp(cols[c].name, names[i]) == 0)
				break;
		if (c == ncols)
			g_error("table: no column '%s' (named in '%s')", names[i], list);
	}
	g_strfreev(names);
}

struct an_table *
an_table_new(const struct an_col *cols, int ncols)
{
	struct an_table *t = g_new0(struct an_table, 1);
	int c;

	t->cols = g_new0(struct an_col, ncols > 0 ? ncols : 1);
	for (c = 0; c < ncols; c++) {
		t->cols[c] = cols[c];
		t->cols[c].name = g_strdup(cols[c].name);
		t->cols[c].from = g_strdup(cols[c].from);
		t->cols[c].parts = g_strdup(cols[c].parts);
		t->cols[c].label = g_strdup(cols[c].label);
	}
	for (c = 0; c < ncols; c++) {
		check_names(cols, ncols, cols[c].from);
		check_names(cols, ncols, cols[c].parts);
	}
	t->ncols = ncols;
	t->cells = g_array_new(FALSE, TRUE, sizeof(struct an_cell));
	return t;
}

void
an_table_free(struct an_table *t)
{
	guint i;
	int c;

	if (t == NULL)
		return;
	for (i = 0; i < t->cells->len; i++) {
		g_free((char *)g_array_index(t->cells, struct an_cell, i).s);
		g_strfreev((char **)g_array_index(t->cells, struct an_cell, i).v);
	}
	g_array_free(t->cells, TRUE);
	for (c = 0; c < t->ncols; c++) {
		g_free((char *)t->cols[c].name);
		g_free((char *)t->cols[c].from);
		g_free((char *)t->cols[c].parts);
		g_free((char *)t->cols[c].label);
	}
	g_free(t->cols);
	g_free(t);
}

void
an_table_row(struct an_table *t)
{
	int c;

	g_array_set_size(t->cells, (guint)((t->nrows + 1) * t->ncols));
	for (c = 0; c < t->ncols; c++) {
		struct an_cell *cell = &g_array_index(t->cells, struct an_cell,
		    t->nrows * t->ncols + c);

		cell->null = 1;
		cell->d = NAN;
	}
	t->nrows++;
	t->next = 0;
}

static struct an_cell *
next_cell(struct an_table *t)
{
	g_assert(t->nrows > 0 && t->next < t->ncols);
	return &g_array_index(t->cells, struct an_cell, (t->nrows - 1) * t->ncols + t->next++);
}

void
an_table_text(struct an_table *t, const char *s)
{
	struct an_cell *c = next_cell(t);

	c->null = s == NULL;
	c->s = g_strdup(s);
}

void
an_table_int(struct an_table *t, int64_t v)
{
	struct an_cell *c = next_cell(t);

	c->null = 0;
	c->i = v;
	c->d = (double)v;
}

void
an_table_count(struct an_table *t, int64_t v)
{
	if (v < 0)
		an_table_null(t);
	else
		an_table_int(t, v);
}

void
an_table_real(struct an_table *t, double v)
{
	struct an_cell *c = next_cell(t);

	c->null = !isfinite(v);
	c->d = isfinite(v) ? v : NAN;
}

void
an_table_list(struct an_table *t, const char *const *items, size_t n)
{
	struct an_cell *c = next_cell(t);
	char **v = g_new0(char *, n + 1);
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = g_strdup(items[i]);
	c->null = 0;
	c->v = v;
	c->s = g_strjoinv("; ", v);
}

void
an_table_null(struct an_table *t)
{
	next_cell(t)->null = 1;
}

int
an_table_ncols(const struct an_table *t)
{
	return t->ncols;
}

int
an_table_nrows(const struct an_table *t)
{
	return t->nrows;
}

const struct an_col *
an_table_col(const struct an_table *t, int c)
{
	g_assert(c >= 0 && c < t->ncols);
	return &t->cols[c];
}

int
an_table_find(const struct an_table *t, const char *name)
{
	int c;

	for (c = 0; c < t->ncols; c++)
		if (strcmp(t->cols[c].name, name) == 0)
			return c;
	return -1;
}

const struct an_cell *
an_table_cell(const struct an_table *t, int r, int c)
{
	g_assert(r >= 0 && r < t->nrows && c >= 0 && c < t->ncols);
	return &g_array_index(t->cells, struct an_cell, r * t->ncols + c);
}

double
an_table_value(const struct an_table *t, int r, int c)
{
	const struct an_cell *cell = an_table_cell(t, r, c);

	if (cell->null || cell->hidden)
		return NAN;
	if (t->cols[c].type == AN_INT || t->cols[c].type == AN_BOOL)
		return (double)cell->i;
	return cell->d;
}

void
an_table_hide(struct an_table *t, int r, int c)
{
	struct an_cell *cell = (struct an_cell *)an_table_cell(t, r, c);

	cell->hidden = 1;
	cell->null = 0;
	cell->i = 0;
	cell->d = NAN;
	g_free((char *)cell->s);
	cell->s = NULL;
	g_strfreev((char **)cell->v);
	cell->v = NULL;
}

void
an_table_set_int(struct an_table *t, int r, int c, int64_t v)
{
	struct an_cell *cell = (struct an_cell *)an_table_cell(t, r, c);

	cell->i = v;
	cell->d = (double)v;
}

char *
an_col_label(const struct an_col *col)
{
	char *s;

	if (col->label)
		return g_strdup(col->label);
	s = g_strdup(col->name);
	g_strdelimit(s, "_", ' ');
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
}

/* "1,234,567": digits grouped by threes. */
static char *
grouped(int64_t v)
{
	char digits[24];
	GString *g = g_string_new(v < 0 ? "-" : "");
	int n, i;

	n = snprintf(digits, sizeof digits, "%llu",
	    (unsigned long long)(v < 0 ? -(uint64_t)v : (uint64_t)v));
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			g_string_append_c(g, ',');
		g_string_append_c(g, digits[i]);
	}
	return g_string_free(g, FALSE);
}

char *
an_cell_text(const struct an_table *t, int r, int c, const char *hidden_marker,
    const char *null_text)
{
	const struct an_cell *cell = an_table_cell(t, r, c);

	if (cell->hidden)
		return g_strdup(hidden_marker ? hidden_marker : "*");
	if (cell->null)
		return g_strdup(null_text ? null_text : "\xe2\x80\x93");
	switch (t->cols[c].type) {
	case AN_TEXT:
		if (t->cols[c].words && t->cols[c].words(cell->s))
			return g_strdup(t->cols[c].words(cell->s));
		return g_strdup(cell->s);
	case AN_INT:
		return grouped(cell->i);
	case AN_BOOL:
		return g_strdup(cell->i ? "yes" : "no");
	case AN_PCT:
		return g_strdup_printf("%.1f%%", cell->d * 100.0);
	case AN_PVAL:
		/* What rounds to 0.000 is written as the bound it is below. */
		if (cell->d < 0.0005)
			return g_strdup("<0.001");
		return g_strdup_printf("%.3f", cell->d);
	case AN_LIST:
		if (cell->v == NULL || cell->v[0] == NULL)
			return g_strdup(null_text ? null_text : "\xe2\x80\x93");
		return g_strdup(cell->s);
	case AN_REAL:
	default:
		return g_strdup_printf("%.3f", cell->d);
	}
}

/* ---- results ------------------------------------------------------------- */

struct an_result *
an_result_new(const char *analysis, const char *title)
{
	struct an_result *res = g_new0(struct an_result, 1);

	res->analysis = g_strdup(analysis);
	res->title = g_strdup(title);
	return res;
}

void
an_result_free(struct an_result *res)
{
	size_t i;

	if (res == NULL)
		return;
	for (i = 0; i < res->nparts; i++) {
		g_free(res->parts[i].name);
		g_free(res->parts[i].title);
		an_table_free(res->parts[i].rows);
		an_table_free(res->parts[i].total);
		g_free(res->parts[i].sums);
		g_strfreev(res->parts[i].copies);
	}
	g_free(res->parts);
	for (i = 0; i < res->nnotes; i++)
		g_free(res->notes[i]);
	g_free(res->notes);
	an_table_free(res->params);
	g_free(res->analysis);
	g_free(res->title);
	g_free(res->hidden_marker);
	g_free(res->suppression);
	g_free(res);
}

struct an_part *
an_result_add(struct an_result *res, const char *name, const char *title,
    struct an_table *rows, struct an_table *total)
{
	struct an_part *p;

	res->parts = g_renew(struct an_part, res->parts, res->nparts + 1);
	p = &res->parts[res->nparts++];
	p->name = g_strdup(name);
	p->title = g_strdup(title);
	p->rows = rows;
	p->total = total;
	p->sums = NULL;
	p->copies = NULL;
	return p;
}

/* Every "a=b" (or "a") of a list names a column of t (a) and of o (b). */
static void
check_pairs(const struct an_table *t, const struct an_table *o, const char *list)
{
	char **items = g_strsplit(list, " ", -1);
	int i;

	for (i = 0; items[i]; i++) {
		char *eq = strchr(items[i], '=');

		if (items[i][0] == '\0')
			continue;
		if (eq)
			*eq = '\0';
		if (an_table_find(t, items[i]) < 0 || an_table_find(o, eq ? eq + 1 : items[i]) < 0)
			g_error("table: no column pair '%s' in '%s'", items[i], list);
	}
	g_strfreev(items);
}

void
an_part_copies(struct an_result *res, const char *part, const char *of, const char *keys,
    const char *cols)
{
	struct an_part *p = an_result_part(res, part);
	const struct an_part *o = an_result_part(res, of);
	guint n;

	if (p == NULL || o == NULL)
		g_error("table: no part '%s' or '%s'", part, of);
	check_pairs(p->rows, o->rows, keys);
	check_pairs(p->rows, o->rows, cols);
	n = p->copies ? g_strv_length(p->copies) : 0;
	p->copies = g_renew(char *, p->copies, n + 2);
	p->copies[n] = g_strconcat(of, ";", keys, ";", cols, NULL);
	p->copies[n + 1] = NULL;
}

void
an_part_sums(struct an_result *res, const char *part, const char *of, const char *keys)
{
	struct an_part *p = an_result_part(res, part);
	const struct an_part *o = an_result_part(res, of);
	char **names = g_strsplit(keys, " ", -1);
	int i;

	/* A typo in a table function is a bug: fail in its tests. */
	if (p == NULL || o == NULL)
		g_error("table: no part '%s' or '%s'", part, of);
	for (i = 0; names[i]; i++)
		if (names[i][0] && (an_table_find(p->rows, names[i]) < 0 ||
		    an_table_find(o->rows, names[i]) < 0))
			g_error("table: key '%s' not in parts '%s' and '%s'", names[i], p->name, of);
	g_strfreev(names);
	g_free(p->sums);
	p->sums = g_strconcat(of, " ", keys, NULL);
}

struct an_part *
an_result_part(const struct an_result *res, const char *name)
{
	size_t i;

	for (i = 0; i < res->nparts; i++)
		if (strcmp(res->parts[i].name, name) == 0)
			return &res->parts[i];
	return NULL;
}

void
an_result_note(struct an_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	res->notes = g_renew(char *, res->notes, res->nnotes + 1);
	res->notes[res->nnotes++] = g_strdup_vprintf(fmt, ap);
	va_end(ap);
}

void
an_result_notes(struct an_result *res, char *const *notes, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		an_result_note(res, "%s", notes[i]);
}
