/*
 * Unit tests for analytics/audits on a :memory: database filled by the SQL
 * below, every figure counted by hand from these rows:
 *
 * Multi-agency audit "Neglect MACA", cycles Baseline (2019-06-01),
 * Re-audit (2020-06-01) and Final (2021-06-01): time order, not the
 * alphabet's.
 *   N1 (theme Neglect), ratings:
 *     Baseline  c1 met, c2 met, c3 not met, c4 partially met, c5 not met, c6 n/a  -> 2 of 5
 *     Re-audit  c7-c10 met, c11 partially met                                 -> 4 of 5
 *     Final     c12-c16 met                                                   -> 5 of 5
 *   N2, RAG only:
 *     Baseline  c1 green, c2 amber, c3 red, c4 red, c5 green                  -> 2 of 5
 *     Re-audit  c1 green, c2 green, c3 amber, c4 red, c5 amber                -> 2 of 5
 *     moves: c1 same, c2 improved, c3 improved, c4 same, c5 worse
 * Section 11, cycles 2019/20 (2019-09-01) and 2020/21 (2020-09-01):
 *   standard 1  Police self 3 moderated 2 amber; Health self 2 moderated 2 red (2019/20)
 *               Police self 3 moderated 3 green; Health red, no scores         (2020/21)
 *   standard 5  Police self 1, no moderated score, no RAG                      (2019/20)
 *
 * Intervals and tests from R 4.2.2, the call beside each figure; Newcombe's
 * as tests/conformance/reference-stats/SOURCE.md computes it:
 *   nc(x1, n1, x2, n2): d - sqrt((p1 - l1)^2 + (u2 - p2)^2),
 *   d + sqrt((u1 - p1)^2 + (p2 - l2)^2), l and u from prop.test(correct = FALSE).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>
#include <gsl/gsl_errno.h>

#include "analytics/audits.h"

#define assert_close(got, want) close_at((got), (want), #got, __LINE__)

static void
close_at(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) <= 1e-9 * fmax(fabs(want), 1e-15)))
		fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got, want);
}

static const char seed[] =
    "INSERT INTO theme(id, name, name_key) VALUES (1, 'Neglect', 'neglect');"
    "INSERT INTO agency(id, name, name_key) VALUES (1, 'Police', 'police'), (2, 'Health', 'health');"
    "INSERT INTO audit(id, kind, title, cycle, date) VALUES"
    " (1, 'multi_agency', 'Neglect MACA', 'Baseline', '2019-06-01'),"
    " (2, 'multi_agency', 'Neglect MACA', 'Re-audit', '2020-06-01'),"
    " (3, 'multi_agency', 'Neglect MACA', 'Final', '2021-06-01'),"
    " (4, 'section11', '', '2019/20', '2019-09-01'), (5, 'section11', '', '2020/21', '2020-09-01');"
    "INSERT INTO audit_standard(id, kind, code, title, theme_id) VALUES"
    " (1, 'multi_agency', 'N1', 'Neglect recognised', 1), (2, 'multi_agency', 'N2', NULL, NULL),"
    " (3, 'section11', '1', 'Senior management commitment', NULL), (4, 'section11', '5', 'Staff training', NULL);"
    "INSERT INTO audit_result(audit_id, standard_id, agency_id, case_ref, rating, rag,"
    " self_score, moderated_score) VALUES"
    " (1, 1, NULL, 'c1', 'met', NULL, NULL, NULL), (1, 1, NULL, 'c2', 'met', NULL, NULL, NULL),"
    " (1, 1, NULL, 'c3', 'not_met', NULL, NULL, NULL), (1, 1, NULL, 'c4', 'partially_met', NULL, NULL, NULL),"
    " (1, 1, NULL, 'c5', 'not_met', NULL, NULL, NULL), (1, 1, NULL, 'c6', 'not_applicable', NULL, NULL, NULL),"
    " (2, 1, NULL, 'c7', 'met', NULL, NULL, NULL), (2, 1, NULL, 'c8', 'met', NULL, NULL, NULL),"
    " (2, 1, NULL, 'c9', 'met', NULL, NULL, NULL), (2, 1, NULL, 'c10', 'met', NULL, NULL, NULL),"
    " (2, 1, NULL, 'c11', 'partially_met', NULL, NULL, NULL),"
    " (3, 1, NULL, 'c12', 'met', NULL, NULL, NULL), (3, 1, NULL, 'c13', 'met', NULL, NULL, NULL),"
    " (3, 1, NULL, 'c14', 'met', NULL, NULL, NULL), (3, 1, NULL, 'c15', 'met', NULL, NULL, NULL),"
    " (3, 1, NULL, 'c16', 'met', NULL, NULL, NULL),"
    " (1, 2, NULL, 'c1', NULL, 'green', NULL, NULL), (1, 2, NULL, 'c2', NULL, 'amber', NULL, NULL),"
    " (1, 2, NULL, 'c3', NULL, 'red', NULL, NULL), (1, 2, NULL, 'c4', NULL, 'red', NULL, NULL),"
    " (1, 2, NULL, 'c5', NULL, 'green', NULL, NULL),"
    " (2, 2, NULL, 'c1', NULL, 'green', NULL, NULL), (2, 2, NULL, 'c2', NULL, 'green', NULL, NULL),"
    " (2, 2, NULL, 'c3', NULL, 'amber', NULL, NULL), (2, 2, NULL, 'c4', NULL, 'red', NULL, NULL),"
    " (2, 2, NULL, 'c5', NULL, 'amber', NULL, NULL),"
    " (4, 3, 1, '', NULL, 'amber', 3, 2), (4, 3, 2, '', NULL, 'red', 2, 2),"
    " (5, 3, 1, '', NULL, 'green', 3, 3), (5, 3, 2, '', NULL, 'red', NULL, NULL),"
    " (4, 4, 1, '', NULL, NULL, 1, NULL);";

static int
setup(void **state)
{
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	if (db == NULL || db_exec(db, seed, &err) != 0) {
		print_error("setup: %s\n", err.msg);
		return -1;
	}
	*state = db;
	return 0;
}

static int
teardown(void **state)
{
	db_close(*state);
	return 0;
}

static struct an_audits *
run(sqlite3 *db, const char *kind, const char *standard, const char *agency, const char *theme)
{
	struct an_audits_opts o;
	struct an_audits *r;
	struct lia_err err;

	an_audits_opts_defaults(&o);
	o.kind = kind;
	o.standard = standard;
	o.agency = agency;
	o.theme = theme;
	if ((r = an_audits_run(db, &o, &err)) == NULL)
		fail_msg("an_audits_run: %s", err.msg);
	return r;
}

static int
has_note(const struct an_audits *r, const char *part)
{
	size_t i;

	for (i = 0; i < r->notes.n; i++)
		if (strstr(r->notes.text[i], part))
			return 1;
	return 0;
}

static void
check_row(const struct an_audit_row *row, const char *standard, const char *cycle,
    int64_t rated, int64_t met, double low, double high)
{
	assert_string_equal(row->standard, standard);
	assert_string_equal(row->cycle, cycle);
	assert_int_equal(row->rated, rated);
	assert_int_equal(row->met, met);
	assert_close(row->compliance, (double)met / (double)rated);
	assert_close(row->ci_low, low);
	assert_close(row->ci_high, high);
	assert_true(row->small_n);
}

static void
test_rows(void **state)
{
	struct an_audits *r = run(*state, NULL, NULL, NULL, NULL);

	/* multi_agency N1 x3, N2 x2; section11 1 x2 (from RAG); 5 has a score only. */
	assert_int_equal(r->nrows, 7);
	/* prop.test(2, 5, correct = FALSE)$conf.int: 0.11762077423264794 0.76927571872398703 */
	check_row(&r->rows[0], "N1", "Baseline", 5, 2, 0.11762077423264794, 0.76927571872398703);
	assert_int_equal(r->rows[0].results, 6);
	assert_int_equal(r->rows[0].not_applicable, 1);
	assert_int_equal(r->rows[0].partially_met, 1);
	assert_int_equal(r->rows[0].not_met, 2);
	assert_string_equal(r->rows[0].theme, "Neglect");
	assert_string_equal(r->rows[0].title, "Neglect recognised");
	/* prop.test(4, 5, correct = FALSE)$conf.int: 0.37553462976252544 0.9637758913675698 */
	check_row(&r->rows[1], "N1", "Re-audit", 5, 4, 0.37553462976252544, 0.9637758913675698);
	/* prop.test(5, 5, correct = FALSE)$conf.int: 0.56551753521682535 1 */
	check_row(&r->rows[2], "N1", "Final", 5, 5, 0.56551753521682535, 1.0);
	check_row(&r->rows[3], "N2", "Baseline", 5, 2, 0.11762077423264794, 0.76927571872398703);
	assert_int_equal(r->rows[3].partially_met, 1);
	check_row(&r->rows[4], "N2", "Re-audit", 5, 2, 0.11762077423264794, 0.76927571872398703);
	assert_int_equal(r->rows[4].partially_met, 2);
	/* prop.test(0, 2, correct = FALSE)$conf.int: 0 0.6576197724933468 */
	check_row(&r->rows[5], "1", "2019/20", 2, 0, 0.0, 0.6576197724933468);
	assert_string_equal(r->rows[5].kind, "section11");
	/* prop.test(1, 2, correct = FALSE)$conf.int: 0.094531205734230739 0.90546879426576921 */
	check_row(&r->rows[6], "1", "2020/21", 2, 1, 0.094531205734230739, 0.90546879426576921);
	assert_true(has_note(r, "standard N1, cycle Baseline: 5 rated, below 10"));
	an_audits_free(r);
}

static void
test_changes_and_trend(void **state)
{
	struct an_audits *r = run(*state, NULL, NULL, NULL, NULL);
	const struct an_audit_change *c = r->changes;

	assert_int_equal(r->nchanges, 4);
	assert_string_equal(c[0].from_cycle, "Baseline");
	assert_string_equal(c[0].to_cycle, "Re-audit");
	assert_int_equal(c[0].from_met, 2);
	assert_int_equal(c[0].to_met, 4);
	/* nc(4, 5, 2, 5): 0.4 -0.16261479448193816 0.72643616487486673;
	 * fisher.test(matrix(c(4, 2, 1, 3), 2))$p.value: 0.52380952380952417 */
	assert_close(c[0].difference, 0.4);
	assert_close(c[0].ci_low, -0.16261479448193816);
	assert_close(c[0].ci_high, 0.72643616487486673);
	assert_close(c[0].p_fisher, 0.52380952380952417);
	/* nc(5, 5, 4, 5): 0.2 -0.26432483758388875 0.6244653702374745;
	 * fisher.test(matrix(c(5, 4, 0, 1), 2))$p.value: 1 */
	assert_string_equal(c[1].to_cycle, "Final");
	assert_close(c[1].difference, 0.2);
	assert_close(c[1].ci_low, -0.26432483758388875);
	assert_close(c[1].ci_high, 0.6244653702374745);
	assert_close(c[1].p_fisher, 1.0);
	/* nc(2, 5, 2, 5): 0 -0.46486835080922251 0.46486835080922251; Fisher 1 */
	assert_string_equal(c[2].standard, "N2");
	assert_true(c[2].difference == 0.0);
	assert_close(c[2].ci_low, -0.46486835080922251);
	assert_close(c[2].ci_high, 0.46486835080922251);
	assert_close(c[2].p_fisher, 1.0);
	/* nc(1, 2, 0, 2): 0.5 -0.27257278511318139 0.90546879426576921;
	 * fisher.test(matrix(c(1, 0, 1, 2), 2))$p.value: 1 */
	assert_string_equal(c[3].standard, "1");
	assert_close(c[3].difference, 0.5);
	assert_close(c[3].ci_low, -0.27257278511318139);
	assert_close(c[3].ci_high, 0.90546879426576921);
	assert_true(c[3].small_n);

	/* prop.trend.test(c(2, 4, 5), c(5, 5, 5)): 4.6022727272727266, p 0.031929601555932934 */
	assert_int_equal(r->ntrends, 1);
	assert_string_equal(r->trends[0].standard, "N1");
	assert_int_equal(r->trends[0].cycles, 3);
	assert_string_equal(r->trends[0].first_cycle, "Baseline");
	assert_string_equal(r->trends[0].last_cycle, "Final");
	assert_close(r->trends[0].statistic, 4.6022727272727266);
	assert_close(r->trends[0].df, 1);
	assert_close(r->trends[0].p, 0.031929601555932934);
	an_audits_free(r);
}

static void
test_section11(void **state)
{
	struct an_audits *r = run(*state, "section11", NULL, NULL, NULL);
	const struct an_s11_row *s = r->section11;

	assert_int_equal(r->nsection11, 4);
	/* standard 1, 2019/20: Health before Police; then 2020/21 Police; then 5 */
	assert_string_equal(s[0].agency, "Health");
	assert_int_equal(s[0].self_score, 2);
	assert_int_equal(s[0].moderated_score, 2);
	assert_int_equal(s[0].difference, 0);
	assert_string_equal(s[1].agency, "Police");
	assert_int_equal(s[1].difference, -1);
	assert_true(s[1].both);
	assert_string_equal(s[2].cycle, "2020/21");
	assert_int_equal(s[2].difference, 0);
	assert_string_equal(s[3].standard, "5");
	assert_int_equal(s[3].moderated_score, -1);
	assert_false(s[3].both);
	/* RAG: Police amber -> green, Health red -> red */
	assert_int_equal(r->nrag, 1);
	assert_int_equal(r->rag[0].matched, 2);
	assert_int_equal(r->rag[0].improved, 1);
	assert_int_equal(r->rag[0].same, 1);
	assert_int_equal(r->rag[0].worse, 0);
	assert_int_equal(r->nrows, 2);
	an_audits_free(r);
}

static void
test_rag_moves(void **state)
{
	struct an_audits *r = run(*state, "multi_agency", NULL, NULL, NULL);

	/* N1 has ratings, not RAGs (and other cases each cycle): no row. */
	assert_int_equal(r->nrag, 1);
	assert_string_equal(r->rag[0].standard, "N2");
	assert_string_equal(r->rag[0].from_cycle, "Baseline");
	assert_string_equal(r->rag[0].to_cycle, "Re-audit");
	assert_int_equal(r->rag[0].matched, 5);
	assert_int_equal(r->rag[0].improved, 2);
	assert_int_equal(r->rag[0].same, 2);
	assert_int_equal(r->rag[0].worse, 1);
	assert_int_equal(r->nsection11, 0);
	an_audits_free(r);
}

static void
test_filters(void **state)
{
	struct an_audits_opts o;
	struct lia_err err;
	struct an_audits *r;

	r = run(*state, NULL, "n2", NULL, NULL);
	assert_int_equal(r->nrows, 2);
	assert_int_equal(r->nchanges, 1);
	assert_int_equal(r->ntrends, 0);
	an_audits_free(r);

	r = run(*state, NULL, NULL, NULL, "neglect");
	assert_int_equal(r->nrows, 3);
	assert_string_equal(r->rows[2].standard, "N1");
	an_audits_free(r);

	r = run(*state, NULL, NULL, "POLICE", NULL);
	assert_int_equal(r->nsection11, 3);
	assert_int_equal(r->nrows, 2);
	assert_int_equal(r->rows[0].rated, 1);
	an_audits_free(r);

	r = run(*state, "s175", NULL, NULL, NULL);
	assert_int_equal(r->nrows + r->nsection11, 0);
	assert_true(has_note(r, "no audit result passes the filters"));
	an_audits_free(r);

	an_audits_opts_defaults(&o);
	o.kind = "section 11";
	assert_null(an_audits_run(*state, &o, &err));
	assert_non_null(strstr(err.msg, "unknown audit kind 'section 11'"));
	o.kind = NULL;
	o.agency = "Fire";
	assert_null(an_audits_run(*state, &o, &err));
	assert_non_null(strstr(err.msg, "no agency named 'Fire'"));
}

static void
test_no_trend_when_all_met(void **state)
{
	struct lia_err err;
	struct an_audits *r;

	assert_int_equal(db_exec(*state, "UPDATE audit_result SET rating = 'met', rag = NULL"
	    " WHERE standard_id = 1 AND rating <> 'not_applicable'", &err), 0);
	r = run(*state, NULL, "N1", NULL, NULL);
	assert_int_equal(r->ntrends, 1);
	assert_true(isnan(r->trends[0].statistic) && isnan(r->trends[0].p));
	assert_true(has_note(r, "standard N1: everything met in every cycle"));
	assert_true(r->changes[0].difference == 0.0 && r->changes[0].p_fisher == 1.0);
	an_audits_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_changes_and_trend, setup, teardown),
		cmocka_unit_test_setup_teardown(test_section11, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rag_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_trend_when_all_met, setup, teardown),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
