/*
 * Tests of analytics/table.c and analytics/disclosure.c: result tables and
 * the small-number rules, on tables built by hand.  Each expected hidden
 * cell is worked out in the comment beside it.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "analytics/disclosure.h"
#include "analytics/table.h"

static const struct an_col reach_cols[] = {
	{ "agency", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "sessions", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "attendances", AN_INT, AN_COUNT, NULL, NULL, NULL },
	{ "workforce", AN_INT, AN_PLAIN, NULL, NULL, NULL },
	{ "coverage", AN_PCT, AN_DERIVED, "attendances", NULL, NULL },
};

static void
reach_row(struct an_table *t, const char *agency, int64_t sessions, int64_t att, int64_t wf)
{
	an_table_row(t);
	an_table_text(t, agency);
	an_table_int(t, sessions);
	an_table_count(t, att);
	an_table_count(t, wf);
	an_table_real(t, wf > 0 ? (double)att / (double)wf : NAN);
}

/* Agencies with 3, 12, 40 and 7 attendances and a total of 62. */
static struct an_result *
reach_result(void)
{
	struct an_result *res = an_result_new("reach", "reach by agency");
	struct an_table *rows = an_table_new(reach_cols, 5), *total = an_table_new(reach_cols, 5);

	reach_row(rows, "Police", 2, 3, 100);
	reach_row(rows, "Health", 4, 12, 200);
	reach_row(rows, "Education", 9, 40, 400);
	reach_row(rows, "Housing", 1, 7, -1);
	reach_row(total, NULL, 16, 62, 700);
	an_result_add(res, "rows", NULL, rows, total);
	return res;
}

static void
test_table_cells(void **state)
{
	struct an_result *res = reach_result();
	struct an_table *t = res->parts[0].rows;
	char *s;

	(void)state;
	assert_int_equal(an_table_nrows(t), 4);
	assert_int_equal(an_table_ncols(t), 5);
	assert_int_equal(an_table_find(t, "coverage"), 4);
	assert_int_equal(an_table_find(t, "nope"), -1);
	assert_true(an_table_cell(t, 3, 3)->null);	/* workforce -1: unknown */
	assert_true(isnan(an_table_value(t, 3, 4)));
	assert_true(fabs(an_table_value(t, 1, 4) - 0.06) < 1e-15);
	s = an_cell_text(t, 1, 4, "<5", NULL);
	assert_string_equal(s, "6.0%");
	g_free(s);
	s = an_cell_text(t, 3, 3, "<5", NULL);
	assert_string_equal(s, "\xe2\x80\x93");
	g_free(s);
	an_table_set_int(t, 2, 2, 1234567);
	s = an_cell_text(t, 2, 2, "<5", NULL);
	assert_string_equal(s, "1,234,567");
	g_free(s);
	s = an_col_label(an_table_col(t, 2));
	assert_string_equal(s, "Attendances");
	g_free(s);
	an_result_free(res);
}

static void
test_parse(void **state)
{
	struct an_sdc s;
	struct lia_err err;
	char *m;

	(void)state;
	lia_err_clear(&err);
	assert_int_equal(an_sdc_parse("5", &s, &err), 0);
	assert_int_equal(s.rule, AN_SDC_THRESHOLD);
	assert_int_equal(s.threshold, 5);
	m = an_sdc_marker(&s);
	assert_string_equal(m, "<5");
	g_free(m);
	assert_int_equal(an_sdc_parse("nhs", &s, &err), 0);
	assert_int_equal(s.threshold, 8);
	assert_int_equal(an_sdc_parse("ONS", &s, &err), 0);
	assert_int_equal(s.rule, AN_SDC_ONS);
	assert_int_equal(an_sdc_parse("0", &s, &err), 0);
	assert_int_equal(s.rule, AN_SDC_OFF);
	assert_null(an_sdc_marker(&s));
	assert_int_equal(an_sdc_parse("1", &s, &err), -1);
	assert_int_equal(an_sdc_parse("-5", &s, &err), -1);
	assert_int_equal(an_sdc_parse("5x", &s, &err), -1);
	assert_int_equal(an_sdc_parse("", &s, &err), -1);
	assert_non_null(strstr(err.msg, "--suppress"));
}

/*
 * Threshold 5: Police's 3 is hidden (primary).  It alone is hidden in the
 * attendances column and the total 62 is shown, so 3 = 62 - 12 - 40 - 7:
 * the next smallest, Housing's 7, is hidden too (secondary).  Their
 * coverage goes with them; sessions and workforce are not about people.
 */
static void
test_threshold_secondary(void **state)
{
	struct an_result *res = reach_result();
	struct an_table *t = res->parts[0].rows, *tot = res->parts[0].total;
	struct an_sdc s;
	char *txt;

	(void)state;
	an_sdc_default(&s);
	assert_int_equal(an_disclose(res, &s), 3);	/* 3 and 7, Police's coverage */
	assert_true(an_table_cell(t, 0, 2)->hidden);
	assert_true(an_table_cell(t, 3, 2)->hidden);
	assert_false(an_table_cell(t, 1, 2)->hidden);
	assert_false(an_table_cell(t, 2, 2)->hidden);
	assert_true(an_table_cell(t, 0, 4)->hidden);	/* 3 / 100 */
	assert_false(an_table_cell(t, 3, 4)->hidden);	/* no workforce: null, not hidden */
	assert_true(an_table_cell(t, 3, 4)->null);
	assert_false(an_table_cell(t, 0, 1)->hidden);	/* sessions 2: plain */
	assert_false(an_table_cell(tot, 0, 2)->hidden);
	/* The value is wiped, not kept behind the flag. */
	assert_int_equal(an_table_cell(t, 0, 2)->i, 0);
	assert_true(isnan(an_table_value(t, 0, 2)));
	txt = an_cell_text(t, 0, 2, res->hidden_marker, NULL);
	assert_string_equal(txt, "<5");
	g_free(txt);
	assert_non_null(res->suppression);
	assert_int_equal(res->nnotes, 3);
	assert_non_null(strstr(res->notes[1], "secondary"));
	an_result_free(res);
}

/* Without a total there is nothing to work back from: no secondary. */
static void
test_no_total(void **state)
{
	struct an_result *res = an_result_new("reach", NULL);
	struct an_table *rows = an_table_new(reach_cols, 5);
	struct an_sdc s;

	(void)state;
	reach_row(rows, "Police", 2, 3, 100);
	reach_row(rows, "Health", 4, 12, 200);
	an_result_add(res, "rows", NULL, rows, NULL);
	an_sdc_default(&s);
	assert_int_equal(an_disclose(res, &s), 2);
	assert_true(an_table_cell(rows, 0, 2)->hidden);
	assert_false(an_table_cell(rows, 1, 2)->hidden);
	an_result_free(res);
}

/* One row only: the total itself must go. */
static void
test_single_row_total(void **state)
{
	struct an_result *res = an_result_new("reach", NULL);
	struct an_table *rows = an_table_new(reach_cols, 5), *total = an_table_new(reach_cols, 5);
	struct an_sdc s;

	(void)state;
	reach_row(rows, "Police", 2, 3, 100);
	reach_row(total, NULL, 2, 3, 100);
	an_result_add(res, "rows", NULL, rows, total);
	an_sdc_default(&s);
	an_disclose(res, &s);
	assert_true(an_table_cell(rows, 0, 2)->hidden);
	assert_true(an_table_cell(total, 0, 2)->hidden);	/* primary: 3 < 5 */
	an_result_free(res);
}

/*
 * A row that sums: rated = met + partially_met + not_met.  Rated 9 with
 * met 6, partly 2, not 1: 2 and 1 are both hidden (primary), so nothing
 * is recoverable and the row needs nothing more.  Rated 20 = 16 + 4 + 0:
 * 4 alone is hidden and 4 = 20 - 16 - 0, so the smallest shown non-zero
 * part, the 16, is hidden too: hiding the 0 would still give 4 away as
 * the sum of the two hidden cells.  Rated 10 = 0 + 0 + 3 (a row that
 * does not add up, as a fixture may) would leave only zeros beside the
 * hidden 3, so the total itself (rated) is hidden.
 */
static const struct an_col audit_cols[] = {
	{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
	{ "rated", AN_INT, AN_COUNT, NULL, "met partially_met not_met", NULL },
	{ "met", AN_INT, AN_COUNT, NULL, NULL, NULL },
	{ "partially_met", AN_INT, AN_COUNT, NULL, NULL, NULL },
	{ "not_met", AN_INT, AN_COUNT, NULL, NULL, NULL },
	{ "compliance", AN_PCT, AN_DERIVED, "met rated", NULL, NULL },
};

static void
audit_row(struct an_table *t, const char *std, int rated, int met, int pm, int nm)
{
	an_table_row(t);
	an_table_text(t, std);
	an_table_int(t, rated);
	an_table_int(t, met);
	an_table_int(t, pm);
	an_table_int(t, nm);
	an_table_real(t, (double)met / rated);
}

static void
test_row_parts(void **state)
{
	struct an_result *res = an_result_new("audits", NULL);
	struct an_table *rows = an_table_new(audit_cols, 6);
	struct an_sdc s;

	(void)state;
	audit_row(rows, "S1", 9, 6, 2, 1);
	audit_row(rows, "S2", 20, 16, 4, 0);
	audit_row(rows, "S3", 10, 0, 0, 3);
	an_result_add(res, "rows", NULL, rows, NULL);
	an_sdc_default(&s);
	an_disclose(res, &s);
	assert_false(an_table_cell(rows, 0, 1)->hidden);
	assert_false(an_table_cell(rows, 0, 2)->hidden);
	assert_true(an_table_cell(rows, 0, 3)->hidden);
	assert_true(an_table_cell(rows, 0, 4)->hidden);
	assert_false(an_table_cell(rows, 0, 5)->hidden);	/* 6 / 9 from shown counts */
	assert_true(an_table_cell(rows, 1, 3)->hidden);
	assert_true(an_table_cell(rows, 1, 2)->hidden);	/* the 16, to protect the 4 */
	assert_false(an_table_cell(rows, 1, 4)->hidden);	/* never a 0 */
	assert_true(an_table_cell(rows, 1, 5)->hidden);	/* compliance from met */
	assert_true(an_table_cell(rows, 2, 4)->hidden);	/* the 3 */
	assert_false(an_table_cell(rows, 2, 2)->hidden);
	assert_false(an_table_cell(rows, 2, 3)->hidden);
	assert_true(an_table_cell(rows, 2, 1)->hidden);	/* only zeros left: the total goes */
	an_result_free(res);
}

/* ONS: 1-9 hidden, the rest rounded to the nearest 5 (12 -> 10, 40 -> 40,
 * 62 -> 60, 7 hidden); NHS: 1-7 hidden. */
static void
test_ons_nhs(void **state)
{
	struct an_result *res = reach_result();
	struct an_table *t = res->parts[0].rows;
	struct an_sdc s;
	struct lia_err err;

	(void)state;
	lia_err_clear(&err);
	assert_int_equal(an_sdc_parse("ons", &s, &err), 0);
	an_disclose(res, &s);
	assert_true(an_table_cell(t, 0, 2)->hidden);
	assert_true(an_table_cell(t, 3, 2)->hidden);
	assert_int_equal(an_table_cell(t, 1, 2)->i, 10);
	assert_int_equal(an_table_cell(t, 2, 2)->i, 40);
	assert_int_equal(an_table_cell(res->parts[0].total, 0, 2)->i, 60);
	an_result_free(res);

	res = reach_result();
	t = res->parts[0].rows;
	assert_int_equal(an_sdc_parse("nhs", &s, &err), 0);
	an_disclose(res, &s);
	/* 3 and 7 both under 8: two hidden, nothing recoverable, 12 stays. */
	assert_true(an_table_cell(t, 0, 2)->hidden);
	assert_true(an_table_cell(t, 3, 2)->hidden);
	assert_false(an_table_cell(t, 1, 2)->hidden);
	assert_int_equal(an_table_cell(t, 1, 2)->i, 12);
	an_result_free(res);
}

static void
test_off(void **state)
{
	struct an_result *res = reach_result();
	struct an_sdc s;

	(void)state;
	an_sdc_off(&s);
	assert_int_equal(an_disclose(res, &s), 0);
	assert_int_equal(an_table_cell(res->parts[0].rows, 0, 2)->i, 3);
	assert_null(res->hidden_marker);
	assert_int_equal(res->nnotes, 0);
	an_result_free(res);
}

/*
 * A p value and a list: a p value that would round to 0.000 is written
 * "<0.001" for people and keeps its value for programs; a list is its
 * items joined by "; " (an empty list a dash, not null), and hiding it
 * wipes its items as it wipes any value.
 */
static void
test_pvalue_and_list(void **state)
{
	static const struct an_col cols[] = {
		{ "theme", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "people", AN_INT, AN_COUNT, NULL, NULL, NULL },
		{ "p", AN_PVAL, AN_DERIVED, "people", NULL, NULL },
		{ "gaps", AN_LIST, AN_PLAIN, NULL, NULL, NULL },
	};
	static const char *const two[] = { "trained but never re-audited", "actions overdue" };
	struct an_result *res = an_result_new("impact", NULL);
	struct an_table *t = an_table_new(cols, 4);
	struct an_sdc sdc;
	char *s;

	(void)state;
	an_table_row(t);
	an_table_text(t, "Neglect");
	an_table_int(t, 40);
	an_table_real(t, 0.00049);
	an_table_list(t, two, 2);
	an_table_row(t);
	an_table_text(t, "Hidden men");
	an_table_int(t, 3);
	an_table_real(t, 0.0005);
	an_table_list(t, NULL, 0);
	an_table_row(t);
	an_table_text(t, "Voice");
	an_table_int(t, 12);
	an_table_real(t, 0.04249);
	an_table_null(t);
	an_result_add(res, "rows", NULL, t, NULL);

	s = an_cell_text(t, 0, 2, "<5", NULL);
	assert_string_equal(s, "<0.001");
	g_free(s);
	assert_true(an_table_value(t, 0, 2) == 0.00049);	/* kept for programs */
	s = an_cell_text(t, 1, 2, "<5", NULL);
	assert_string_equal(s, "0.001");	/* 0.0005 rounds up: no bound needed */
	g_free(s);
	s = an_cell_text(t, 2, 2, "<5", NULL);
	assert_string_equal(s, "0.042");
	g_free(s);
	s = an_cell_text(t, 0, 3, "<5", NULL);
	assert_string_equal(s, "trained but never re-audited; actions overdue");
	g_free(s);
	assert_string_equal(an_table_cell(t, 0, 3)->v[1], "actions overdue");
	assert_null(an_table_cell(t, 0, 3)->v[2]);
	assert_false(an_table_cell(t, 1, 3)->null);	/* empty, not null */
	assert_null(an_table_cell(t, 1, 3)->v[0]);
	s = an_cell_text(t, 1, 3, "<5", NULL);
	assert_string_equal(s, "\xe2\x80\x93");
	g_free(s);
	assert_true(an_table_cell(t, 2, 3)->null);

	/* 3 people hidden, and the p value computed from them. */
	an_sdc_default(&sdc);
	an_disclose(res, &sdc);
	assert_true(an_table_cell(t, 1, 1)->hidden);
	assert_true(an_table_cell(t, 1, 2)->hidden);
	assert_false(an_table_cell(t, 0, 2)->hidden);
	/* Hiding a list wipes its items too. */
	an_table_hide(t, 0, 3);
	assert_null(an_table_cell(t, 0, 3)->v);
	assert_null(an_table_cell(t, 0, 3)->s);
	s = an_cell_text(t, 0, 3, "<5", NULL);
	assert_string_equal(s, "<5");
	g_free(s);
	an_result_free(res);
}

/*
 * A part that totals groups of another part's rows (a kind's cycle pooled
 * over its standards): in cycle A the standards met 3, 8 and 12 (23 in
 * all); 3 is hidden, and with 23 shown it would be 23 - 8 - 12, so the
 * smallest other, 8, goes too, with the compliance computed from it.  In
 * cycle B the standards met 2, 0 and 7: the partner of 2 is 7, never the
 * 0 (hidden beside the 2 it would still give it away).  Cycle C, 6 and 9,
 * hides nothing.
 */
static void
test_group_totals(void **state)
{
	static const struct an_col cols[] = {
		{ "cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "rated", AN_INT, AN_PLAIN, NULL, NULL, NULL },
		{ "met", AN_INT, AN_COUNT, NULL, NULL, NULL },
		{ "compliance", AN_PCT, AN_DERIVED, "met", NULL, NULL },
	};
	static const int64_t rows[][2] = { { 10, 3 }, { 10, 8 }, { 20, 12 }, { 9, 2 }, { 9, 0 },
	    { 9, 7 }, { 10, 6 }, { 10, 9 } };
	static const char *const cycles[] = { "A", "A", "A", "B", "B", "B", "C", "C" };
	struct an_result *res = an_result_new("audits", NULL);
	struct an_table *t = an_table_new(cols, 4), *o = an_table_new(cols, 4);
	struct an_sdc sdc;
	int64_t rated = 0, met = 0;
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++) {
		an_table_row(t);
		an_table_text(t, cycles[i]);
		an_table_int(t, rows[i][0]);
		an_table_int(t, rows[i][1]);
		an_table_real(t, (double)rows[i][1] / (double)rows[i][0]);
		rated += rows[i][0];
		met += rows[i][1];
		if (i + 1 == 8 || strcmp(cycles[i], cycles[i + 1]) != 0) {
			an_table_row(o);
			an_table_text(o, cycles[i]);
			an_table_int(o, rated);
			an_table_int(o, met);
			an_table_real(o, (double)met / (double)rated);
			rated = met = 0;
		}
	}
	an_result_add(res, "rows", NULL, t, NULL);
	an_result_add(res, "overall", NULL, o, NULL);
	an_part_sums(res, "overall", "rows", "cycle");
	assert_string_equal(an_result_part(res, "overall")->sums, "rows cycle");
	an_sdc_default(&sdc);
	an_disclose(res, &sdc);
	t = an_result_part(res, "rows")->rows;
	o = an_result_part(res, "overall")->rows;
	assert_true(an_table_cell(t, 0, 2)->hidden);	/* 3: primary */
	assert_true(an_table_cell(t, 1, 2)->hidden);	/* 8: to protect A's 23 */
	assert_true(an_table_cell(t, 1, 3)->hidden);	/* and its compliance */
	assert_false(an_table_cell(t, 2, 2)->hidden);
	assert_int_equal(an_table_cell(o, 0, 2)->i, 23);	/* A's total stays */
	assert_false(an_table_cell(o, 0, 3)->hidden);
	assert_true(an_table_cell(t, 3, 2)->hidden);	/* 2: primary */
	assert_false(an_table_cell(t, 4, 2)->hidden);	/* a zero is never the partner */
	assert_true(an_table_cell(t, 5, 2)->hidden);	/* 7 is */
	assert_int_equal(an_table_cell(o, 1, 2)->i, 9);
	assert_false(an_table_cell(t, 6, 2)->hidden);	/* C: nothing */
	assert_false(an_table_cell(t, 7, 2)->hidden);
	assert_false(an_table_cell(o, 2, 2)->hidden);
	/* 1 primary in A, 1 in B; 1 partner in each */
	assert_int_equal(an_table_nrows(o), 3);
	an_result_free(res);
}

/*
 * A copy of another part's count (the audit changes repeat the rows' met)
 * is hidden with its original, whichever was hidden first: here the
 * original, as the partner of a hidden count in a pooled group (cycle A
 * met 3, 8, 12 of 23), and then the copy's difference with it.
 */
static void
test_copies(void **state)
{
	static const struct an_col cols[] = {
		{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "met", AN_INT, AN_COUNT, NULL, NULL, NULL },
	};
	static const struct an_col pooled_cols[] = {
		{ "cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "met", AN_INT, AN_COUNT, NULL, NULL, NULL },
	};
	static const struct an_col change_cols[] = {
		{ "standard", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "to_cycle", AN_TEXT, AN_PLAIN, NULL, NULL, NULL },
		{ "to_met", AN_INT, AN_COUNT, NULL, NULL, NULL },
		{ "difference", AN_REAL, AN_DERIVED, "to_met", NULL, NULL },
	};
	static const char *const std[] = { "S1", "S2", "S3" };
	static const int64_t met[] = { 3, 8, 12 };
	struct an_result *res = an_result_new("audits", NULL);
	struct an_table *t = an_table_new(cols, 3), *o = an_table_new(pooled_cols, 2);
	struct an_table *ch = an_table_new(change_cols, 4);
	struct an_sdc sdc;
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		an_table_row(t);
		an_table_text(t, std[i]);
		an_table_text(t, "A");
		an_table_int(t, met[i]);
		an_table_row(ch);
		an_table_text(ch, std[i]);
		an_table_text(ch, "A");
		an_table_int(ch, met[i]);
		an_table_real(ch, 0.1 * i);
	}
	an_table_row(o);
	an_table_text(o, "A");
	an_table_int(o, 23);
	an_result_add(res, "rows", NULL, t, NULL);
	an_result_add(res, "changes", NULL, ch, NULL);
	an_result_add(res, "overall", NULL, o, NULL);
	an_part_sums(res, "overall", "rows", "cycle");
	an_part_copies(res, "changes", "rows", "standard to_cycle=cycle", "to_met=met");
	an_sdc_default(&sdc);
	an_disclose(res, &sdc);
	t = an_result_part(res, "rows")->rows;
	ch = an_result_part(res, "changes")->rows;
	assert_true(an_table_cell(t, 1, 2)->hidden);	/* 8, the partner of 3 */
	assert_true(an_table_cell(ch, 1, 2)->hidden);	/* its copy */
	assert_true(an_table_cell(ch, 1, 3)->hidden);	/* and what is computed from it */
	assert_false(an_table_cell(ch, 2, 2)->hidden);	/* 12 stays, here and there */
	assert_false(an_table_cell(ch, 2, 3)->hidden);
	assert_false(an_table_cell(t, 2, 2)->hidden);
	an_result_free(res);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_cells),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_threshold_secondary),
		cmocka_unit_test(test_no_total),
		cmocka_unit_test(test_single_row_total),
		cmocka_unit_test(test_row_parts),
		cmocka_unit_test(test_ons_nhs),
		cmocka_unit_test(test_off),
		cmocka_unit_test(test_pvalue_and_list),
		cmocka_unit_test(test_group_totals),
		cmocka_unit_test(test_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
