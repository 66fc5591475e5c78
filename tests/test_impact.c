/*
 * Unit tests for analytics/impact: the judgement of a theme's chain
 * (Kirkpatrick level, evidence grade, gaps) on plain rows, rule by rule as
 * docs/methods.md writes them; and the chain on a small database where a
 * theme is spelt two ways in two files, audit cycles are named out of
 * their time order and one theme is audited in two kinds of audit.  The
 * whole chain of the fixtures is checked number by number in
 * tests/e2e/impact.sh.
 *
 * The database (SQL below):
 *   themes 'Voice of the Child' (1), 'voice-of-the-child' (2), 'Neglect' (3)
 *   reviews R1 (theme 1), R2 (themes 1 and 2: one review, counted once)
 *   courses C1 (theme 1), C2 (theme 2), C3 (theme 3), one session each;
 *     person 1 at C1 and C2, person 2 at C3: the voice of the child is
 *     trained under both spellings, so its unique people cannot be added up
 *   confidence before/after: person 1 at C1 (2 -> 4) and C2 (3 -> 4)
 *   multi-agency audits, cycles by date "Q3 2022/23" (2022-10-01) <
 *     "Q1 2023/24" (2023-04-01) < "Q3 2023/24" (2023-12-01), which their
 *     names would sort otherwise; Neglect's standards S1 (Q1 2023/24,
 *     Q3 2023/24) and S2 (Q3 2022/23, Q3 2023/24):
 *       Q3 2022/23 S2 1 of 4 met             -> first  1/4
 *       Q1 2023/24 S1 3 of 4                 -> 3/4
 *       Q3 2023/24 S1 4 of 4, S2 3 of 4      -> latest 7/8
 *     Newcombe 7/8 - 1/4 = 0.625 (0.0579361691729484, 0.8537088520448664)
 *     and 3/4 - 1/4 = 0.5 (-0.135488400582951, 0.789083268084756), by R
 *     4.2.2 from prop.test(x, n, correct = FALSE)$conf.int as Newcombe's
 *     method 10: improved, not held: level 3; no feedback, so moderate.
 *     One Section 11 result on S3 (Neglect): a second kind, fewer ratings.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "analytics/reviews.h"

#define TOL 1e-12

static void
close_to(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) <= TOL))
		fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got, want);
}
#define CLOSE(a, b) close_to((a), (b), #a, __LINE__)

/* ---- the judgement ------------------------------------------------------------------- */

static void
blank(struct an_impact_row *r)
{
	g_free(r->gaps);
	memset(r, 0, sizeof *r);
	r->confidence_ci_low = r->change_ci_low = NAN;
}

static void
check_gaps(const struct an_impact_row *r, const char *want, int line)
{
	GString *g = g_string_new(NULL);
	size_t i;

	for (i = 0; i < r->ngaps; i++)
		g_string_append_printf(g, "%s%s", i ? "|" : "", r->gaps[i]);
	assert_null(r->gaps[r->ngaps]);
	if (strcmp(g->str, want) != 0)
		fail_msg("line %d: gaps '%s', expected '%s'", line, g->str, want);
	g_string_free(g, TRUE);
}
#define GAPS(r, want) check_gaps((r), (want), __LINE__)

static void
test_judge(void **state)
{
	struct an_impact_row r = { 0 };

	(void)state;
	/* Raised, nothing else: no level, grade none. */
	blank(&r);
	r.reviews = 2;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 0);
	assert_int_equal(r.grade, AN_GRADE_NONE);
	assert_string_equal(an_grade_name(r.grade), "none");
	GAPS(&r, "raised by a review but no training");

	/* A briefing only is delivered learning, named as such. */
	r.briefings = 1;
	an_impact_judge(&r);
	assert_int_equal(r.grade, AN_GRADE_LIMITED);
	GAPS(&r, "briefing only, no training or re-audit");
	r.briefings = 0;
	r.resources = 3;
	an_impact_judge(&r);
	GAPS(&r, "resources only, no training or re-audit");
	/* Re-audited: the briefing does not stand alone. */
	r.briefings = 1;
	r.audit_cycles = 2;
	r.change_ci_low = -0.1;
	an_impact_judge(&r);
	GAPS(&r, "raised by a review but no training");
	assert_int_equal(r.kirkpatrick_level, 0);

	/* Trained with feedback: reaction. */
	blank(&r);
	r.reviews = 1;
	r.sessions = 2;
	r.feedback_answers = 10;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 1);
	assert_int_equal(r.grade, AN_GRADE_LIMITED);
	GAPS(&r, "trained but never re-audited");
	/* Confidence rose with its interval above 0: learning. */
	r.confidence_pairs = 10;
	r.confidence_ci_low = 0.01;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 2);
	assert_int_equal(r.grade, AN_GRADE_MODERATE);
	/* An interval touching 0 is not a gain. */
	r.confidence_ci_low = 0;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 1);
	/* Audited once. */
	r.audit_cycles = 1;
	r.actions_overdue = 2;
	an_impact_judge(&r);
	GAPS(&r, "audited once only|actions overdue");
	/* Practice improved: behaviour, and with the training and feedback, strong. */
	r.audit_cycles = 2;
	r.change_ci_low = 0.05;
	r.actions_overdue = 0;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 3);
	assert_int_equal(r.grade, AN_GRADE_STRONG);
	GAPS(&r, "");
	/* Held over a further cycle: results. */
	r.audit_cycles = 3;
	r.improvement_held = 1;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 4);
	/* Improved practice with no training on the theme is not strong. */
	r.sessions = 0;
	r.feedback_answers = 0;
	r.confidence_pairs = 0;
	an_impact_judge(&r);
	assert_int_equal(r.kirkpatrick_level, 4);
	assert_int_equal(r.grade, AN_GRADE_MODERATE);
	GAPS(&r, "raised by a review but no training");
	/* Training unknown (two spellings) names no training gap. */
	r.sessions = -1;
	an_impact_judge(&r);
	GAPS(&r, "");
	g_free(r.gaps);
}

/* ---- on a database ----------------------------------------------------------------------- */

static const char seed_sql[] =
    "INSERT INTO theme(id, name, name_key) VALUES (1, 'Voice of the Child', 'voice of the child'),"
    " (2, 'voice-of-the-child', 'voice-of-the-child'), (3, 'Neglect', 'neglect');"
    "INSERT INTO review(id, code) VALUES (1, 'R1'), (2, 'R2');"
    "INSERT INTO review_theme(review_id, theme_id) VALUES (1, 1), (2, 1), (2, 2);"
    "INSERT INTO agency(id, name, name_key) VALUES (1, 'Police', 'police');"
    "INSERT INTO workforce(agency_id, period, period_from, period_to, headcount) VALUES"
    " (1, '2022/23', '2022-04-01', '2023-03-31', 50);"
    "INSERT INTO course(id, code, code_key) VALUES (1, 'C1', 'c1'), (2, 'C2', 'c2'),"
    " (3, 'C3', 'c3');"
    "INSERT INTO course_theme(course_id, theme_id) VALUES (1, 1), (2, 2), (3, 3);"
    "INSERT INTO session(id, course_id, date) VALUES (1, 1, '2023-01-10'), (2, 2, '2023-02-10'),"
    " (3, 3, '2023-03-10');"
    "INSERT INTO practitioner(id, pkey) VALUES (1, printf('%064d', 1)), (2, printf('%064d', 2));"
    "INSERT INTO attendance(session_id, practitioner_id, agency_id, status) VALUES"
    " (1, 1, 1, 'attended'), (2, 1, 1, 'attended'), (3, 2, 1, 'attended');"
    "INSERT INTO question(id, code, scale_min, scale_max, pair_code, pair_role) VALUES"
    " (1, 'confidence_before', 1, 5, 'confidence', 'before'),"
    " (2, 'confidence_after', 1, 5, 'confidence', 'after');"
    "INSERT INTO feedback_response(id, session_id, respondent, stage) VALUES"
    " (1, 1, printf('%064d', 1), 'post'), (2, 2, printf('%064d', 1), 'post');"
    "INSERT INTO feedback_answer(response_id, question_id, value) VALUES"
    " (1, 1, 2), (1, 2, 4), (2, 1, 3), (2, 2, 4);"
    "INSERT INTO audit(id, kind, title, cycle, date) VALUES"
    " (1, 'multi_agency', 'Neglect audit', 'Q1 2023/24', '2023-04-01'),"
    " (2, 'multi_agency', 'Neglect audit', 'Q3 2022/23', '2022-10-01'),"
    " (3, 'multi_agency', 'Neglect audit', 'Q3 2023/24', '2023-12-01'),"
    " (4, 'section11', '', '2023', '2023-06-01');"
    "INSERT INTO audit_standard(id, kind, code, theme_id) VALUES (1, 'multi_agency', 'S1', 3),"
    " (2, 'multi_agency', 'S2', 3), (3, 'section11', 'S3', 3);"
    "INSERT INTO audit_result(audit_id, standard_id, case_ref, rating) VALUES"
    " (2, 2, 'a1', 'met'), (2, 2, 'a2', 'not_met'), (2, 2, 'a3', 'not_met'), (2, 2, 'a4', 'not_met'),"
    " (1, 1, 's1', 'met'), (1, 1, 's2', 'met'), (1, 1, 's3', 'met'), (1, 1, 's4', 'not_met'),"
    " (3, 1, 'w1', 'met'), (3, 1, 'w2', 'met'), (3, 1, 'w3', 'met'), (3, 1, 'w4', 'met'),"
    " (3, 2, 'w1', 'met'), (3, 2, 'w2', 'met'), (3, 2, 'w3', 'met'), (3, 2, 'w4', 'not_met');"
    "INSERT INTO audit_result(audit_id, standard_id, agency_id, rating) VALUES (4, 3, 1, 'met');";

static int
setup(void **state)
{
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	if (db == NULL || db_exec(db, seed_sql, &err) != 0) {
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

static void
test_run(void **state)
{
	struct an_impact_opts o;
	struct an_impact *im;
	const struct an_impact_row *neg, *voc;
	struct lia_err err;

	an_impact_opts_defaults(&o);
	o.as_at = date_from_ymd(2024, 3, 31);
	im = an_impact_run(*state, &o, &err);
	if (im == NULL)
		fail_msg("%s", err.msg);
	assert_int_equal(im->nrows, 2);
	neg = &im->rows[0];
	voc = &im->rows[1];
	assert_string_equal(neg->theme, "Neglect");
	assert_string_equal(voc->theme, "Voice of the Child");

	/* One review in both spellings counts once. */
	assert_int_equal(voc->reviews, 2);
	/* Training under both spellings: sessions and people not added up. */
	assert_int_equal(voc->sessions, -1);
	assert_int_equal(voc->unique_practitioners, -1);
	assert_true(isnan(voc->coverage));
	assert_int_equal(voc->confidence_pairs, -1);
	assert_string_equal(voc->confidence_question, "confidence");
	assert_true(isnan(voc->confidence_change));
	assert_int_equal(voc->kirkpatrick_level, 0);
	assert_int_equal(voc->audit_cycles, 0);

	assert_int_equal(neg->sessions, 1);
	assert_int_equal(neg->unique_practitioners, 1);
	assert_int_equal(neg->workforce, 50);
	CLOSE(neg->coverage, 1.0 / 50);
	/* The cycles in time order, not by name; the kind with more ratings. */
	assert_string_equal(neg->audit_kind, "multi_agency");
	assert_int_equal(neg->audit_cycles, 3);
	assert_string_equal(neg->first_cycle, "Q3 2022/23");
	assert_string_equal(neg->latest_cycle, "Q3 2023/24");
	assert_int_equal(neg->first_met, 1);
	assert_int_equal(neg->first_rated, 4);
	assert_int_equal(neg->latest_met, 7);
	assert_int_equal(neg->latest_rated, 8);
	CLOSE(neg->compliance_first, 0.25);
	CLOSE(neg->compliance_latest, 0.875);
	CLOSE(neg->compliance_change, 0.625);
	CLOSE(neg->change_ci_low, 0.0579361691729484);
	CLOSE(neg->change_ci_high, 0.8537088520448664);
	assert_int_equal(neg->improvement_held, 0);
	assert_int_equal(neg->kirkpatrick_level, 3);
	assert_int_equal(neg->grade, AN_GRADE_MODERATE);
	assert_int_equal(neg->ngaps, 0);

	assert_int_equal(im->notes.n, 4);
	assert_string_equal(im->notes.text[0], "Voice of the Child: training is held under"
	    " 'Voice of the Child', 'voice-of-the-child'; its reach is not counted until the"
	    " theme is spelt one way");
	assert_string_equal(im->notes.text[1], "Voice of the Child: the confidence pairs are"
	    " held under 'Voice of the Child', 'voice-of-the-child'; the change is not computed"
	    " until the theme is spelt one way");
	assert_string_equal(im->notes.text[2], "Neglect: audited in 2 kinds of audit; the chain"
	    " follows the multi_agency audits, which rated the most");
	assert_string_equal(im->notes.text[3], "Voice of the Child: 2 spellings in the theme"
	    " table ('Voice of the Child', 'voice-of-the-child') counted as one theme");
	an_impact_free(im);

	/* --theme, spelt either way. */
	o.theme = "VOICE OF THE CHILD!";
	im = an_impact_run(*state, &o, &err);
	assert_non_null(im);
	assert_int_equal(im->nrows, 1);
	assert_string_equal(im->opts.theme, "Voice of the Child");
	an_impact_free(im);
	o.theme = "Bereavement";
	assert_null(an_impact_run(*state, &o, &err));
	assert_string_equal(err.msg, "no theme named 'Bereavement'");
}

static void
test_as_at(void **state)
{
	struct period p;
	struct lia_err err;

	(void)state;
	assert_int_equal(period_parse("2019/20", &p, &err), 0);
	assert_int_equal(an_impact_as_at(&p), date_from_ymd(2020, 3, 31));
	period_all(&p);
	assert_true(an_impact_as_at(&p) > date_from_ymd(2024, 1, 1));
}

static void
test_empty(void **state)
{
	struct an_impact_opts o;
	struct an_impact *im;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	(void)state;
	assert_non_null(db);
	an_impact_opts_defaults(&o);
	im = an_impact_run(db, &o, &err);
	assert_non_null(im);
	assert_int_equal(im->nrows, 0);
	an_impact_free(im);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_as_at),
		cmocka_unit_test(test_empty),
		cmocka_unit_test_setup_teardown(test_run, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
