/*
 * disclosure: the small-number rules and the one function that applies
 * them to a result (see disclosure.h).  It works on the generic result
 * tables, not on any analysis's structs, so that a new analysis is
 * protected by declaring its columns: which count people, which are
 * computed from those counts, which sum to which.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "analytics/disclosure.h"

void
an_sdc_off(struct an_sdc *s)
{
	s->rule = AN_SDC_OFF;
	s->threshold = 0;
}

void
an_sdc_default(struct an_sdc *s)
{
	s->rule = AN_SDC_THRESHOLD;
	s->threshold = AN_SDC_DEFAULT_THRESHOLD;
}

int
an_sdc_parse(const char *text, struct an_sdc *s, struct lia_err *err)
{
	char *end;
	long v;

	if (g_ascii_strcasecmp(text, "nhs") == 0) {
		s->rule = AN_SDC_NHS;
		s->threshold = 8;
		return 0;
	}
	if (g_ascii_strcasecmp(text, "ons") == 0) {
		s->rule = AN_SDC_ONS;
		s->threshold = 10;
		return 0;
	}
	v = strtol(text, &end, 10);
	if (*text < '0' || *text > '9' || *end != '\0' || v == 1 || v > 1000)
		return lia_err_set(err, "--suppress must be a threshold from 2 to 1000, 0 (off), "
		    "nhs or ons, not '%s'", text);
	if (v == 0) {
		an_sdc_off(s);
		return 0;
	}
	s->rule = AN_SDC_THRESHOLD;
	s->threshold = (int)v;
	return 0;
}

char *
an_sdc_marker(const struct an_sdc *s)
{
	if (s->rule == AN_SDC_OFF)
		return NULL;
	return g_strdup_printf("<%d", s->threshold);
}

char *
an_sdc_words(const struct an_sdc *s)
{
	switch (s->rule) {
	case AN_SDC_THRESHOLD:
		if (s->threshold == 2)
			return g_strdup("counts of one person are shown as \"<2\"; rates, means "
			    "and intervals computed from them are hidden too, and a further cell is "
			    "hidden wherever a hidden count could be worked out from a total");
		return g_strdup_printf("counts of people from 1 to %d are shown as \"<%d\"; rates, "
		    "means and intervals computed from them are hidden too, and a further cell "
		    "is hidden wherever a hidden count could be worked out from a total",
		    s->threshold - 1, s->threshold);
	case AN_SDC_NHS:
		return g_strdup("NHS Digital's rule: counts of people from 1 to 7 are shown as "
		    "\"<8\"; rates, means and intervals computed from them are hidden too, and a "
		    "further cell is hidden wherever a hidden count could be worked out from a "
		    "total");
	case AN_SDC_ONS:
		return g_strdup("the ONS rule: counts of people from 1 to 9 are shown as \"<10\" "
		    "and the others rounded to the nearest 5; rates, means and intervals computed "
		    "from hidden counts are hidden too, and a further cell is hidden wherever a "
		    "hidden count could be worked out from a total");
	case AN_SDC_OFF:
	default:
		return NULL;
	}
}

static int
shown(const struct an_table *t, int r, int c)
{
	const struct an_cell *cell = an_table_cell(t, r, c);

	return !cell->null && !cell->hidden;
}

/* 1. Counts from 1 to threshold-1 hidden.  Returns how many. */
static int
primary(struct an_table *t, int threshold)
{
	int r, c, n = 0;

	for (c = 0; c < an_table_ncols(t); c++) {
		if (an_table_col(t, c)->role != AN_COUNT)
			continue;
		for (r = 0; r < an_table_nrows(t); r++) {
			const struct an_cell *cell = an_table_cell(t, r, c);

			if (shown(t, r, c) && cell->i >= 1 && cell->i < threshold) {
				an_table_hide(t, r, c);
				n++;
			}
		}
	}
	return n;
}

/*
 * Hides the smallest shown non-zero cell among n candidates (row, col
 * pairs), the first of equals.  A zero is never chosen: hiding it beside a
 * hidden count still gives their sum away.  Returns 1, or 0 when there is
 * no such cell (the caller then hides the total).
 */
static int
hide_smallest(struct an_table *t, const int *rows, const int *cols, int n)
{
	int k, best = -1;
	int64_t v = 0;

	for (k = 0; k < n; k++) {
		const struct an_cell *cell = an_table_cell(t, rows[k], cols[k]);

		if (!shown(t, rows[k], cols[k]) || cell->i <= 0)
			continue;
		if (best < 0 || cell->i < v) {
			best = k;
			v = cell->i;
		}
	}
	if (best < 0)
		return 0;
	an_table_hide(t, rows[best], cols[best]);
	return 1;
}

/* 2a. Down each count column of a part that shows its total. */
static int
secondary_columns(struct an_part *p)
{
	struct an_table *t = p->rows;
	int nr = an_table_nrows(t), *rows = g_new(int, nr + 1), *cols = g_new(int, nr + 1);
	int c, r, n = 0;

	for (c = 0; c < an_table_ncols(t) && p->total; c++) {
		int tc, hidden = 0;

		if (an_table_col(t, c)->role != AN_COUNT)
			continue;
		tc = an_table_find(p->total, an_table_col(t, c)->name);
		if (tc < 0 || an_table_nrows(p->total) < 1 || !shown(p->total, 0, tc))
			continue;
		for (r = 0; r < nr; r++) {
			rows[r] = r;
			cols[r] = c;
			hidden += an_table_cell(t, r, c)->hidden;
		}
		if (hidden != 1)
			continue;
		if (hide_smallest(t, rows, cols, nr))
			n++;
		else {
			an_table_hide(p->total, 0, tc);
			n++;
		}
	}
	g_free(rows);
	g_free(cols);
	return n;
}

/* 2b. Along each row, for a count column that is the sum of its parts. */
static int
secondary_rows(struct an_table *t)
{
	int c, r, k, n = 0;

	for (c = 0; c < an_table_ncols(t); c++) {
		const struct an_col *col = an_table_col(t, c);
		char **names;
		int *idx, *rows, np = 0;

		if (col->role != AN_COUNT || col->parts == NULL)
			continue;
		names = g_strsplit(col->parts, " ", -1);
		idx = g_new(int, g_strv_length(names) + 1);
		rows = g_new(int, g_strv_length(names) + 1);
		for (k = 0; names[k]; k++)
			if (names[k][0] != '\0')
				idx[np++] = an_table_find(t, names[k]);
		for (r = 0; r < an_table_nrows(t); r++) {
			int hidden = 0;

			if (!shown(t, r, c))
				continue;
			for (k = 0; k < np; k++) {
				rows[k] = r;
				hidden += an_table_cell(t, r, idx[k])->hidden;
			}
			if (hidden != 1)
				continue;
			if (!hide_smallest(t, rows, idx, np))
				an_table_hide(t, r, c);
			n++;
		}
		g_strfreev(names);
		g_free(idx);
		g_free(rows);
	}
	return n;
}

/* Whether two cells hold the same key (null equals null). */
static int
same_key(const struct an_table *a, int ra, int ca, const struct an_table *b, int rb, int cb)
{
	const struct an_cell *x = an_table_cell(a, ra, ca), *y = an_table_cell(b, rb, cb);

	if (x->null || y->null)
		return x->null && y->null;
	if (an_table_col(a, ca)->type == AN_TEXT)
		return g_strcmp0(x->s, y->s) == 0;
	return x->i == y->i;
}

/*
 * 2c. A part whose rows total groups of another part's rows (an_part.sums):
 * a group with exactly one hidden cell in a count column whose total is
 * shown loses its smallest other non-zero cell too, else the total.
 */
static int
secondary_groups(struct an_result *res, struct an_part *p)
{
	char **names = g_strsplit(p->sums, " ", -1);
	struct an_part *g = an_result_part(res, names[0]);
	int nk = 0, k, c, r, q, n = 0, ng = g ? an_table_nrows(g->rows) : 0;
	int *pk = g_new(int, g_strv_length(names) + 1), *gk = g_new(int, g_strv_length(names) + 1);
	int *rows = g_new(int, ng + 1), *cols = g_new(int, ng + 1);

	for (k = 1; g && names[k]; k++)
		if (names[k][0]) {
			pk[nk] = an_table_find(p->rows, names[k]);
			gk[nk++] = an_table_find(g->rows, names[k]);
		}
	for (c = 0; g && c < an_table_ncols(p->rows); c++) {
		int gc = an_table_find(g->rows, an_table_col(p->rows, c)->name);

		if (an_table_col(p->rows, c)->role != AN_COUNT || gc < 0 ||
		    an_table_col(g->rows, gc)->role != AN_COUNT)
			continue;
		for (r = 0; r < an_table_nrows(p->rows); r++) {
			int m = 0, hidden = 0;

			if (!shown(p->rows, r, c))
				continue;
			for (q = 0; q < ng; q++) {
				for (k = 0; k < nk && same_key(p->rows, r, pk[k], g->rows, q, gk[k]); k++)
					;
				if (k < nk)
					continue;
				rows[m] = q;
				cols[m++] = gc;
				hidden += an_table_cell(g->rows, q, gc)->hidden;
			}
			if (hidden != 1)
				continue;
			if (!hide_smallest(g->rows, rows, cols, m))
				an_table_hide(p->rows, r, c);
			n++;
		}
	}
	g_strfreev(names);
	g_free(pk);
	g_free(gk);
	g_free(rows);
	g_free(cols);
	return n;
}

/* The columns of "a=b" (or "a") items: a in t, b in o.  Returns how many. */
static int
column_pairs(const struct an_table *t, const struct an_table *o, const char *list, int *a,
    int *b)
{
	char **items = g_strsplit(list, " ", -1);
	int i, n = 0;

	for (i = 0; items[i]; i++) {
		char *eq = strchr(items[i], '=');

		if (items[i][0] == '\0')
			continue;
		if (eq)
			*eq = '\0';
		a[n] = an_table_find(t, items[i]);
		b[n++] = an_table_find(o, eq ? eq + 1 : items[i]);
	}
	g_strfreev(items);
	return n;
}

/*
 * 2d. Copies of another part's counts (an_part.copies): a copy and its
 * original are hidden together, whichever secondary suppression reached.
 */
static int
sync_copies(struct an_result *res, struct an_part *p)
{
	int e, n = 0;

	for (e = 0; p->copies[e]; e++) {
		char **f = g_strsplit(p->copies[e], ";", 3);
		struct an_part *o = an_result_part(res, f[0]);
		int nk, nc, r, q, k, *ka, *kb, *ca, *cb;

		ka = g_new(int, strlen(f[1]) + 1);
		kb = g_new(int, strlen(f[1]) + 1);
		ca = g_new(int, strlen(f[2]) + 1);
		cb = g_new(int, strlen(f[2]) + 1);
		nk = column_pairs(p->rows, o->rows, f[1], ka, kb);
		nc = column_pairs(p->rows, o->rows, f[2], ca, cb);
		for (r = 0; r < an_table_nrows(p->rows); r++)
			for (q = 0; q < an_table_nrows(o->rows); q++) {
				for (k = 0; k < nk && same_key(p->rows, r, ka[k], o->rows, q, kb[k]); k++)
					;
				if (k < nk)
					continue;
				for (k = 0; k < nc; k++) {
					int hc = an_table_cell(p->rows, r, ca[k])->hidden;
					int ho = an_table_cell(o->rows, q, cb[k])->hidden;

					if (hc && !ho) {
						an_table_hide(o->rows, q, cb[k]);
						n++;
					} else if (ho && !hc) {
						an_table_hide(p->rows, r, ca[k]);
						n++;
					}
				}
				break;
			}
		g_free(ka);
		g_free(kb);
		g_free(ca);
		g_free(cb);
		g_strfreev(f);
	}
	return n;
}

/* 3. Derived cells of hidden counts.  Returns how many. */
static int
derived(struct an_table *t)
{
	int c, r, k, n = 0;

	for (c = 0; c < an_table_ncols(t); c++) {
		const struct an_col *col = an_table_col(t, c);
		char **names;

		if (col->role != AN_DERIVED || col->from == NULL)
			continue;
		names = g_strsplit(col->from, " ", -1);
		for (r = 0; r < an_table_nrows(t); r++) {
			if (!shown(t, r, c))	/* null stays null: nothing to hide */
				continue;
			for (k = 0; names[k]; k++) {
				int fc = names[k][0] ? an_table_find(t, names[k]) : -1;

				if (fc >= 0 && an_table_cell(t, r, fc)->hidden) {
					an_table_hide(t, r, c);
					n++;
					break;
				}
			}
		}
		g_strfreev(names);
	}
	return n;
}

/* 4. The ONS rounding of the counts still shown. */
static void
round5(struct an_table *t)
{
	int r, c;

	for (c = 0; c < an_table_ncols(t); c++) {
		if (an_table_col(t, c)->role != AN_COUNT)
			continue;
		for (r = 0; r < an_table_nrows(t); r++)
			if (shown(t, r, c)) {
				int64_t v = an_table_cell(t, r, c)->i;

				an_table_set_int(t, r, c, (v + 2) / 5 * 5);
			}
	}
}

int
an_disclose(struct an_result *res, const struct an_sdc *s)
{
	int first = 0, second = 0, rates = 0, more;
	size_t i;

	if (s->rule == AN_SDC_OFF)
		return 0;
	/* Each step over every part: a part that totals another's groups
	 * can take a cell of that part down with it. */
	for (i = 0; i < res->nparts; i++) {
		first += primary(res->parts[i].rows, s->threshold);
		if (res->parts[i].total)
			first += primary(res->parts[i].total, s->threshold);
	}
	do {
		more = 0;
		for (i = 0; i < res->nparts; i++) {
			struct an_part *p = &res->parts[i];

			more += secondary_columns(p) + secondary_rows(p->rows);
			if (p->total)
				more += secondary_rows(p->total);
			if (p->sums)
				more += secondary_groups(res, p);
			if (p->copies)
				more += sync_copies(res, p);
		}
		second += more;
	} while (more > 0);
	for (i = 0; i < res->nparts; i++) {
		struct an_part *p = &res->parts[i];

		rates += derived(p->rows);
		if (p->total)
			rates += derived(p->total);
		if (s->rule == AN_SDC_ONS) {
			round5(p->rows);
			if (p->total)
				round5(p->total);
		}
	}
	g_free(res->hidden_marker);
	g_free(res->suppression);
	res->hidden_marker = an_sdc_marker(s);
	res->suppression = an_sdc_words(s);
	if (first > 0)
		an_result_note(res, "%d %s of fewer than %d shown as \"%s\" (small-number suppression)",
		    first, first == 1 ? "count" : "counts", s->threshold, res->hidden_marker);
	if (second > 0)
		an_result_note(res, "%d further %s hidden so that no hidden count can be worked out "
		    "from a total (secondary suppression)", second, second == 1 ? "count" : "counts");
	if (rates > 0)
		an_result_note(res, "%d %s computed from hidden counts hidden too", rates,
		    rates == 1 ? "rate, mean or interval" : "rates, means or intervals");
	if (s->rule == AN_SDC_ONS)
		an_result_note(res, "counts shown are rounded to the nearest 5 (ONS rule); rates "
		    "are computed from the unrounded counts");
	return first + second + rates;
}
