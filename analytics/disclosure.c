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
	for (i = 0; i < res->nparts; i++) {
		struct an_part *p = &res->parts[i];

		first += primary(p->rows, s->threshold);
		if (p->total)
			first += primary(p->total, s->threshold);
		do {
			more = secondary_columns(p) + secondary_rows(p->rows);
			if (p->total)
				more += secondary_rows(p->total);
			second += more;
		} while (more > 0);
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
