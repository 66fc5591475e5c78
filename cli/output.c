/*
 * output: the three forms every lia result is written in.  A table for a
 * terminal, CSV for a spreadsheet (numbers unformatted, formula injection
 * guarded), and JSON for programs (snake_case keys, null for missing).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

struct cell {
	int null;
	int64_t i;
	double d;
	char *s;
};

struct tab {
	struct col *cols;
	int ncols;
	GArray *cells;		/* struct cell, row-major */
	int nrows;
	int next;		/* next column to fill in the current row */
};

int
out_format_parse(const char *s, enum out_format *f)
{
	if (strcmp(s, "table") == 0)
		*f = OUT_TABLE;
	else if (strcmp(s, "csv") == 0)
		*f = OUT_CSV;
	else if (strcmp(s, "json") == 0)
		*f = OUT_JSON;
	else
		return -1;
	return 0;
}

struct tab *
tab_new(const struct col *cols, int ncols)
{
	struct tab *t = g_new0(struct tab, 1);

	t->cols = g_memdup2(cols, sizeof *cols * (gsize)ncols);
	t->ncols = ncols;
	t->cells = g_array_new(FALSE, TRUE, sizeof(struct cell));
	return t;
}

void
tab_free(struct tab *t)
{
	guint i;

	if (t == NULL)
		return;
	for (i = 0; i < t->cells->len; i++)
		g_free(g_array_index(t->cells, struct cell, i).s);
	g_array_free(t->cells, TRUE);
	g_free(t->cols);
	g_free(t);
}

int
tab_rows(const struct tab *t)
{
	return t->nrows;
}

void
tab_row(struct tab *t)
{
	g_array_set_size(t->cells, (guint)((t->nrows + 1) * t->ncols));
	for (int c = 0; c < t->ncols; c++)
		g_array_index(t->cells, struct cell, t->nrows * t->ncols + c).null = 1;
	t->nrows++;
	t->next = 0;
}

static struct cell *
next_cell(struct tab *t)
{
	g_assert(t->nrows > 0 && t->next < t->ncols);
	return &g_array_index(t->cells, struct cell, (t->nrows - 1) * t->ncols + t->next++);
}

void
tab_text(struct tab *t, const char *s)
{
	struct cell *c = next_cell(t);

	c->null = s == NULL;
	c->s = g_strdup(s);
}

void
tab_int(struct tab *t, int64_t v)
{
	struct cell *c = next_cell(t);

	c->null = 0;
	c->i = v;
	c->d = (double)v;
}

void
tab_real(struct tab *t, double v)
{
	struct cell *c = next_cell(t);

	c->null = !isfinite(v);
	c->d = v;
}

void
tab_null(struct tab *t)
{
	next_cell(t)->null = 1;
}

static const struct cell *
cell_at(const struct tab *t, int r, int c)
{
	return &g_array_index(t->cells, struct cell, r * t->ncols + c);
}

/* The text of a cell; fmt_human selects rounding for the terminal. */
static char *
cell_text(const struct tab *t, int r, int c, int human)
{
	const struct cell *cell = cell_at(t, r, c);

	if (cell->null)
		return g_strdup(human ? "-" : "");
	switch (t->cols[c].type) {
	case COL_TEXT:
		return g_strdup(cell->s);
	case COL_INT:
		return g_strdup_printf("%lld", (long long)cell->i);
	case COL_PCT:
		if (human)
			return g_strdup_printf("%.1f%%", cell->d * 100.0);
		return g_strdup_printf("%.17g", cell->d);
	case COL_REAL:
	default:
		if (human)
			return g_strdup_printf("%.3f", cell->d);
		return g_strdup_printf("%.17g", cell->d);
	}
}

void
tab_write_table(const struct tab *t, FILE *fp)
{
	int *w = g_new0(int, t->ncols);
	int r, c;

	for (c = 0; c < t->ncols; c++)
		w[c] = (int)g_utf8_strlen(t->cols[c].name, -1);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			char *s = cell_text(t, r, c, 1);
			int len = (int)g_utf8_strlen(s, -1);
			if (len > w[c])
				w[c] = len;
			g_free(s);
		}
	for (r = -1; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			char *s = r < 0 ? g_strdup(t->cols[c].name) : cell_text(t, r, c, 1);
			int pad = w[c] - (int)g_utf8_strlen(s, -1);
			int right = r >= 0 && t->cols[c].type != COL_TEXT;

			if (c > 0)
				fputs("  ", fp);
			if (right)
				fprintf(fp, "%*s", pad, "");
			fputs(s, fp);
			if (!right && c < t->ncols - 1)
				fprintf(fp, "%*s", pad, "");
			g_free(s);
		}
		fputc('\n', fp);
	}
	g_free(w);
}

void
csv_cell(FILE *fp, const char *s, int guard)
{
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int apostrophe = guard && s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;

	if (quote)
		fputc('"', fp);
	if (apostrophe)
		fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	if (quote)
		fputc('"', fp);
}

void
tab_write_csv(const struct tab *t, FILE *fp)
{
	int r, c;

	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			fputc(',', fp);
		csv_cell(fp, t->cols[c].name, 1);
	}
	fputc('\n', fp);
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			char *s = cell_text(t, r, c, 0);
			if (c > 0)
				fputc(',', fp);
			/* Numbers are written as numbers; only text is guarded. */
			csv_cell(fp, s, t->cols[c].type == COL_TEXT);
			g_free(s);
		}
		fputc('\n', fp);
	}
}

void
json_str(GString *g, const char *s)
{
	if (s == NULL) {
		g_string_append(g, "null");
		return;
	}
	g_string_append_c(g, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '"':
			g_string_append(g, "\\\"");
			break;
		case '\\':
			g_string_append(g, "\\\\");
			break;
		case '\n':
			g_string_append(g, "\\n");
			break;
		case '\r':
			g_string_append(g, "\\r");
			break;
		case '\t':
			g_string_append(g, "\\t");
			break;
		default:
			if (ch < 0x20)
				g_string_append_printf(g, "\\u%04x", ch);
			else
				g_string_append_c(g, (char)ch);
		}
	}
	g_string_append_c(g, '"');
}

void
json_num(GString *g, double v)
{
	if (!isfinite(v))
		g_string_append(g, "null");
	else if (v == floor(v) && fabs(v) < 1e15)
		g_string_append_printf(g, "%.0f", v);
	else
		g_string_append_printf(g, "%.17g", v);
}

void
tab_json_row(const struct tab *t, int r, GString *g)
{
	int c;

	g_string_append_c(g, '{');
	for (c = 0; c < t->ncols; c++) {
		const struct cell *cell = cell_at(t, r, c);
		if (c > 0)
			g_string_append_c(g, ',');
		json_str(g, t->cols[c].name);
		g_string_append_c(g, ':');
		if (cell->null)
			g_string_append(g, "null");
		else if (t->cols[c].type == COL_TEXT)
			json_str(g, cell->s);
		else if (t->cols[c].type == COL_INT)
			g_string_append_printf(g, "%lld", (long long)cell->i);
		else
			json_num(g, cell->d);
	}
	g_string_append_c(g, '}');
}

void
tab_json_rows(const struct tab *t, GString *g)
{
	int r;

	g_string_append_c(g, '[');
	for (r = 0; r < t->nrows; r++) {
		if (r > 0)
			g_string_append_c(g, ',');
		tab_json_row(t, r, g);
	}
	g_string_append_c(g, ']');
}
