/*
 * output: the one writer of lia's results, in the three forms every result
 * takes.  A table for a terminal, CSV for a spreadsheet (numbers
 * unformatted, formula injection guarded), and JSON for programs
 * (snake_case keys, null for missing, a sibling "_suppressed" key for a
 * hidden count).  The cells come from analytics/table.h, already
 * disclosure-controlled: a hidden cell has no value left to leak.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

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

/* Text made safe for a terminal or a spreadsheet (lia_text_shown, with
 * tab and line ends kept in CSV).  g_free it. */
char *
out_clean(const char *s, int csv)
{
	char *shown = lia_text_shown(s, csv);

	return shown != NULL ? shown : g_strdup(s);
}

/*
 * The text of a cell: for people (human: the words of an_cell_text, the
 * one text of a cell for people, but counts without separators and null
 * as "-" so that columns stay plain to read and to cut) or for a program
 * (numbers unformatted, null empty, a list joined by "; ").  A hidden
 * cell is its marker either way.  g_free it.
 */
static char *
cell_text(const struct an_table *t, int r, int c, const char *marker, int human)
{
	const struct an_cell *cell = an_table_cell(t, r, c);
	char num[32];

	if (cell->hidden)
		return g_strdup(marker ? marker : "*");
	if (cell->null)
		return g_strdup(human ? "-" : "");
	switch (an_table_col(t, c)->type) {
	case AN_TEXT:
	case AN_LIST:
		if (human && an_table_col(t, c)->type == AN_LIST &&
		    (cell->v == NULL || cell->v[0] == NULL))
			return g_strdup("-");
		return out_clean(cell->s, !human);
	case AN_INT:
		return g_strdup_printf("%lld", (long long)cell->i);
	case AN_BOOL:
		if (!human)
			return g_strdup(cell->i ? "true" : "false");
		return an_cell_text(t, r, c, marker, "-");
	case AN_PCT:
	case AN_PVAL:
	case AN_REAL:
	default:
		if (human)
			return an_cell_text(t, r, c, marker, "-");
		return g_strdup(shortest(cell->d, num));
	}
}

/* Words, not numbers: written left-aligned and guarded in CSV. */
static int
is_words(const struct an_table *t, int c)
{
	enum an_type ty = an_table_col(t, c)->type;

	return ty == AN_TEXT || ty == AN_LIST;
}

/*
 * A table's rows and then a total row laid out under the rows' columns
 * (a total column of another name is left out), keyed "total", for the
 * table and CSV forms.  cells[r * ncols + c]; g_free each and the array.
 */
static char **
grid(const struct an_table *rows, const struct an_table *total, const char *marker, int human,
    int *nrows)
{
	int nc = an_table_ncols(rows), nr = an_table_nrows(rows), r, c;
	int n = nr + (total && an_table_nrows(total) > 0 ? 1 : 0);
	char **cells = g_new0(char *, (size_t)(n * nc) + 1);

	for (r = 0; r < nr; r++)
		for (c = 0; c < nc; c++)
			cells[r * nc + c] = cell_text(rows, r, c, marker, human);
	if (n > nr) {
		for (c = 0; c < nc; c++) {
			int tc = c == 0 ? -1 : an_table_find(total, an_table_col(rows, c)->name);

			if (c == 0)
				cells[nr * nc] = g_strdup("total");
			else if (tc < 0)
				cells[nr * nc + c] = g_strdup(human ? "" : "");
			else
				cells[nr * nc + c] = cell_text(total, 0, tc, marker, human);
		}
	}
	*nrows = n;
	return cells;
}

static void
grid_free(char **cells, int n)
{
	int i;

	for (i = 0; i < n; i++)
		g_free(cells[i]);
	g_free(cells);
}

static void
write_aligned(const struct an_table *t, char **cells, int nrows, FILE *fp)
{
	int nc = an_table_ncols(t), *w = g_new0(int, nc), r, c;

	for (c = 0; c < nc; c++)
		w[c] = (int)g_utf8_strlen(an_table_col(t, c)->name, -1);
	for (r = 0; r < nrows; r++)
		for (c = 0; c < nc; c++) {
			int len = (int)g_utf8_strlen(cells[r * nc + c], -1);

			if (len > w[c])
				w[c] = len;
		}
	for (r = -1; r < nrows; r++) {
		for (c = 0; c < nc; c++) {
			const char *s = r < 0 ? an_table_col(t, c)->name : cells[r * nc + c];
			int pad = w[c] - (int)g_utf8_strlen(s, -1);
			int right = r >= 0 && !is_words(t, c);

			if (c > 0)
				fputs("  ", fp);
			if (right)
				fprintf(fp, "%*s", pad, "");
			fputs(s, fp);
			if (!right && c < nc - 1)
				fprintf(fp, "%*s", pad, "");
		}
		fputc('\n', fp);
	}
	g_free(w);
}

static void
write_csv(const struct an_table *t, char **cells, int nrows, FILE *fp)
{
	int nc = an_table_ncols(t), r, c;

	for (c = 0; c < nc; c++) {
		if (c > 0)
			fputc(',', fp);
		csv_cell(fp, an_table_col(t, c)->name, 1);
	}
	fputc('\n', fp);
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < nc; c++) {
			if (c > 0)
				fputc(',', fp);
			/* Numbers are written as numbers; only text is guarded. */
			csv_cell(fp, cells[r * nc + c], is_words(t, c));
		}
		fputc('\n', fp);
	}
}

void
out_table(const struct an_table *t, const char *marker, FILE *fp)
{
	int n;
	char **cells = grid(t, NULL, marker, 1, &n);

	write_aligned(t, cells, n, fp);
	grid_free(cells, n * an_table_ncols(t));
}

void
out_csv_row(FILE *fp, char **cells)
{
	int c;

	for (c = 0; cells[c] != NULL; c++) {
		char *shown = out_clean(cells[c], 1);

		if (c > 0)
			fputc(',', fp);
		csv_cell(fp, shown, 1);
		g_free(shown);
	}
	fputc('\n', fp);
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

/* A JSON string literal with escapes; NULL writes null. */
static void
json_str(GString *g, const char *s)
{
	if (s == NULL) {
		g_string_append(g, "null");
		return;
	}
	g_string_append_c(g, '"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 0x80) {
			/* Valid UTF-8 as it is (bidirectional controls escaped);
			 * any other byte as U+FFFD, so the output is always JSON. */
			gunichar c = g_utf8_get_char_validated(s, -1);

			if (c == (gunichar)-1 || c == (gunichar)-2) {
				g_string_append(g, "\\ufffd");
				continue;
			}
			if (lia_char_hidden(c, 0))
				g_string_append_printf(g, "\\u%04x", (unsigned)c);
			else
				g_string_append_len(g, s, g_utf8_next_char(s) - s);
			s = g_utf8_next_char(s) - 1;
			continue;
		}
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
			if (ch < 0x20 || ch == 0x7f)
				g_string_append_printf(g, "\\u%04x", ch);
			else
				g_string_append_c(g, (char)ch);
		}
	}
	g_string_append_c(g, '"');
}

/* A JSON number; NaN or infinity writes null. */
static void
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

/* A list of words as a JSON array; NULL is the empty array. */
static void
json_list(GString *g, char *const *v)
{
	size_t i;

	g_string_append_c(g, '[');
	for (i = 0; v && v[i]; i++) {
		if (i > 0)
			g_string_append_c(g, ',');
		json_str(g, v[i]);
	}
	g_string_append_c(g, ']');
}

/* One cell's JSON value: null when null or hidden. */
static void
json_cell(const struct an_table *t, int r, int c, GString *g)
{
	const struct an_col *col = an_table_col(t, c);
	const struct an_cell *cell = an_table_cell(t, r, c);

	if (cell->null || cell->hidden)
		g_string_append(g, "null");
	else if (col->type == AN_TEXT)
		json_str(g, cell->s);
	else if (col->type == AN_LIST)
		json_list(g, cell->v);
	else if (col->type == AN_INT)
		g_string_append_printf(g, "%lld", (long long)cell->i);
	else if (col->type == AN_BOOL)
		g_string_append(g, cell->i ? "true" : "false");
	else
		json_num(g, cell->d);
}

/* One row's members, from column `from` on, each after a comma but the
 * first when first is set; a hidden cell gets its "KEY_suppressed". */
static void
json_members(const struct an_table *t, int r, int from, int first, GString *g)
{
	int c;

	for (c = from; c < an_table_ncols(t); c++) {
		const struct an_col *col = an_table_col(t, c);

		if (!first)
			g_string_append_c(g, ',');
		first = 0;
		json_str(g, col->name);
		g_string_append_c(g, ':');
		json_cell(t, r, c, g);
		if (an_table_cell(t, r, c)->hidden)
			g_string_append_printf(g, ",\"%s_suppressed\":true", col->name);
	}
}

/* One row as a JSON object, from column `from` on. */
static void
json_row(const struct an_table *t, int r, int from, GString *g)
{
	g_string_append_c(g, '{');
	json_members(t, r, from, 1, g);
	g_string_append_c(g, '}');
}

/* A part of two columns as an object: the first column's text, key of the
 * second column's value. */
static void
json_map(const struct an_table *t, GString *g)
{
	int r;

	g_string_append_c(g, '{');
	for (r = 0; r < an_table_nrows(t); r++) {
		if (r > 0)
			g_string_append_c(g, ',');
		json_str(g, an_table_cell(t, r, 0)->s);
		g_string_append_c(g, ':');
		json_cell(t, r, 1, g);
	}
	g_string_append_c(g, '}');
}

/* Whether name is one of the space-separated words of list. */
static int
in_list(const char *list, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = list; p != NULL && *p != '\0'; p += strcspn(p, " ")) {
		p += strspn(p, " ");
		if (strncmp(p, name, len) == 0 && (p[len] == ' ' || p[len] == '\0'))
			return 1;
	}
	return 0;
}

/* A table's rows as a JSON array of objects. */
static void
json_rows(const struct an_table *t, GString *g)
{
	int r;

	g_string_append_c(g, '[');
	for (r = 0; r < an_table_nrows(t); r++) {
		if (r > 0)
			g_string_append_c(g, ',');
		json_row(t, r, 0, g);
	}
	g_string_append_c(g, ']');
}

static void
write_json(const struct an_result *res, const struct out_shape *shape, FILE *fp)
{
	GString *g = g_string_new("{");
	int first = 1;
	size_t i;

	if (shape == NULL) {
		g_string_append(g, "\"analysis\":");
		json_str(g, res->analysis);
		g_string_append(g, ",\"params\":");
		if (res->params && an_table_nrows(res->params) > 0)
			json_row(res->params, 0, 0, g);
		else
			g_string_append(g, "{}");
		first = 0;
	} else if (res->params && an_table_nrows(res->params) > 0) {
		json_members(res->params, 0, 0, 1, g);
		first = an_table_ncols(res->params) == 0;
	}
	for (i = 0; i < res->nparts; i++) {
		const struct an_part *p = &res->parts[i];
		int rows = shape == NULL && strcmp(p->name, "rows") == 0;

		if (!first)
			g_string_append_c(g, ',');
		first = 0;
		json_str(g, p->name);
		g_string_append_c(g, ':');
		if (shape != NULL && in_list(shape->maps, p->name))
			json_map(p->rows, g);
		else
			json_rows(p->rows, g);
		if (p->total == NULL && (!rows || shape != NULL))
			continue;
		if (rows)
			g_string_append(g, ",\"total\":");
		else
			g_string_append_printf(g, ",\"%s_total\":", p->name);
		/* The total's object: every column but the key. */
		if (p->total && an_table_nrows(p->total) > 0)
			json_row(p->total, 0, 1, g);
		else
			g_string_append(g, "null");
	}
	if (res->suppression) {
		g_string_append(g, first ? "\"suppression\":" : ",\"suppression\":");
		json_str(g, res->suppression);
		first = 0;
	}
	if (shape == NULL || shape->notes) {
		g_string_append(g, first ? "\"notes\":[" : ",\"notes\":[");
		for (i = 0; i < res->nnotes; i++) {
			if (i > 0)
				g_string_append_c(g, ',');
			json_str(g, res->notes[i]);
		}
		g_string_append_c(g, ']');
	}
	g_string_append(g, "}\n");
	fputs(g->str, fp);
	g_string_free(g, TRUE);
}

int
out_write(const struct an_result *res, enum out_format fmt, FILE *fp)
{
	return out_write_as(res, NULL, fmt, fp);
}

int
out_write_as(const struct an_result *res, const struct out_shape *shape, enum out_format fmt,
    FILE *fp)
{
	size_t i;

	if (fmt == OUT_JSON) {
		write_json(res, shape, fp);
		return ferror(fp) ? -1 : 0;
	}
	if (fmt == OUT_TABLE && res->title) {
		char *title = out_clean(res->title, 0);

		fprintf(fp, "%s\n\n", title);
		g_free(title);
	}
	for (i = 0; i < res->nparts; i++) {
		const struct an_part *p = &res->parts[i];
		int n;
		char **cells = grid(p->rows, p->total, res->hidden_marker, fmt == OUT_TABLE, &n);

		if (i > 0)
			fputc('\n', fp);
		if (fmt == OUT_TABLE && res->nparts > 1)
			fprintf(fp, "%s\n", p->title ? p->title : p->name);
		if (fmt == OUT_CSV)
			write_csv(p->rows, cells, n, fp);
		else
			write_aligned(p->rows, cells, n, fp);
		grid_free(cells, n * an_table_ncols(p->rows));
	}
	for (i = 0; i < res->nnotes; i++) {
		char *note = out_clean(res->notes[i], 0);

		if (fmt == OUT_CSV)
			fprintf(stderr, "lia: %s: note: %s\n", res->analysis, note);
		else
			fprintf(fp, "%s  - %s\n", i == 0 ? "\nnotes:\n" : "", note);
		g_free(note);
	}
	if (fmt != OUT_CSV) {
		if (res->suppression)
			fprintf(fp, "%ssuppression: %s\n", res->nnotes > 0 ? "" : "\n", res->suppression);
	}
	return ferror(fp) ? -1 : 0;
}

int
out_result(const struct an_result *res, enum out_format fmt, const char *path)
{
	struct lia_out out;
	struct lia_err err;

	lia_err_clear(&err);
	if (path == NULL || strcmp(path, "-") == 0) {
		if (out_write(res, fmt, stdout) != 0 || fflush(stdout) != 0) {
			fprintf(stderr, "lia: standard output: %s\n", strerror(errno));
			return LIA_EXIT_DATA;
		}
		return LIA_EXIT_OK;
	}
	if (lia_out_open(&out, path, &err) != 0)
		return cli_fail(&err);
	if (out_write(res, fmt, out.fp) != 0) {
		lia_out_abort(&out);
		fprintf(stderr, "lia: %s: write error\n", path);
		return LIA_EXIT_DATA;
	}
	if (lia_out_commit(&out, &err) != 0)
		return cli_fail(&err);
	return LIA_EXIT_OK;
}
