/*
 * output: the three forms every lia result is written in.  A table for a
 * terminal, CSV for a spreadsheet (numbers unformatted, formula injection
 * guarded), and JSON for programs (snake_case keys, null for missing).
 */
#include <errno.h>
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

/* The shortest decimal that reads back as the same double: 0.1, not
 * 0.10000000000000001.  buf has 32 bytes. */
static const char *
shortest(double v, char *buf)
{
	int prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(buf, 32, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return buf;
}

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
	char num[32];
	const struct cell *cell = cell_at(t, r, c);

	if (cell->null)
		return g_strdup(human ? "-" : "");
	switch (t->cols[c].type) {
	case COL_TEXT:
		return g_strdup(cell->s);
	case COL_INT:
		return g_strdup_printf("%lld", (long long)cell->i);
	case COL_BOOL:
		return g_strdup(cell->i ? (human ? "yes" : "true") : (human ? "no" : "false"));
	case COL_PCT:
		if (human)
			return g_strdup_printf("%.1f%%", cell->d * 100.0);
		return g_strdup(shortest(cell->d, num));
	case COL_REAL:
	default:
		if (human)
			return g_strdup_printf("%.3f", cell->d);
		return g_strdup(shortest(cell->d, num));
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
	char num[32];

	if (!isfinite(v))
		g_string_append(g, "null");
	else if (v == floor(v) && fabs(v) < 1e15)
		g_string_append_printf(g, "%.0f", v);
	else
		g_string_append(g, shortest(v, num));
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
		else if (t->cols[c].type == COL_BOOL)
			g_string_append(g, cell->i ? "true" : "false");
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

/* The rows of a result with its total appended, keyed "total", for CSV and tables. */
static struct tab *
tab_with_total(const struct tab *rows, const struct tab *total)
{
	struct tab *t = tab_new(rows->cols, rows->ncols);
	int r, c, n = rows->nrows + (total && total->nrows > 0 ? 1 : 0);

	for (r = 0; r < n; r++) {
		const struct tab *from = r < rows->nrows ? rows : total;
		int fr = r < rows->nrows ? r : 0;

		tab_row(t);
		for (c = 0; c < t->ncols; c++) {
			const struct cell *src = cell_at(from, fr, c);
			struct cell *dst = next_cell(t);

			if (from == total && c == 0) {
				dst->null = 0;
				dst->s = g_strdup("total");
				continue;
			}
			*dst = *src;
			dst->s = g_strdup(src->s);
		}
	}
	return t;
}

int
out_result_write(const struct out_result *res, enum out_format fmt, FILE *fp)
{
	struct tab *all;
	size_t i;

	if (fmt == OUT_JSON) {
		GString *g = g_string_new("{\"analysis\":");
		int c;

		json_str(g, res->analysis);
		g_string_append(g, ",\"params\":");
		if (res->params && res->params->nrows > 0)
			tab_json_row(res->params, 0, g);
		else
			g_string_append(g, "{}");
		g_string_append(g, ",\"rows\":");
		tab_json_rows(res->rows, g);
		g_string_append(g, ",\"total\":");
		if (res->total && res->total->nrows > 0) {
			/* The total's object: every column but the key. */
			GString *row = g_string_new(NULL);
			struct tab *t = tab_new(res->total->cols + 1, res->total->ncols - 1);

			tab_row(t);
			for (c = 1; c < res->total->ncols; c++) {
				const struct cell *src = cell_at(res->total, 0, c);
				struct cell *dst = next_cell(t);

				*dst = *src;
				dst->s = g_strdup(src->s);
			}
			tab_json_row(t, 0, row);
			g_string_append(g, row->str);
			g_string_free(row, TRUE);
			tab_free(t);
		} else {
			g_string_append(g, "null");
		}
		g_string_append(g, ",\"notes\":[");
		for (i = 0; i < res->nnotes; i++) {
			if (i > 0)
				g_string_append_c(g, ',');
			json_str(g, res->notes[i]);
		}
		g_string_append(g, "]}\n");
		fputs(g->str, fp);
		g_string_free(g, TRUE);
		return ferror(fp) ? -1 : 0;
	}
	all = tab_with_total(res->rows, res->total);
	if (fmt == OUT_CSV) {
		tab_write_csv(all, fp);
		for (i = 0; i < res->nnotes; i++)
			fprintf(stderr, "lia: %s: note: %s\n", res->analysis, res->notes[i]);
	} else {
		if (res->title)
			fprintf(fp, "%s\n\n", res->title);
		tab_write_table(all, fp);
		if (res->nnotes > 0)
			fputs("\nnotes:\n", fp);
		for (i = 0; i < res->nnotes; i++)
			fprintf(fp, "  - %s\n", res->notes[i]);
	}
	tab_free(all);
	return ferror(fp) ? -1 : 0;
}

FILE *
out_open(const char *path)
{
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	if ((fp = fopen(path, "w")) == NULL)
		fprintf(stderr, "lia: %s: %s\n", path, strerror(errno));
	return fp;
}

int
out_close(FILE *fp, const char *path)
{
	int bad;

	if (fp == NULL)
		return -1;
	if (fp == stdout)
		return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
	bad = ferror(fp);
	if (fclose(fp) != 0 || bad) {
		fprintf(stderr, "lia: %s: %s\n", path, bad ? "write error" : strerror(errno));
		return -1;
	}
	return 0;
}
