/*
 * Unit tests for analytics/feedback on a :memory: database filled by the
 * SQL below.  The rows, and every figure expected from them:
 *
 *   session  course (themes)              date        headcount
 *   s1       NEG1 (Neglect)               2019-06-12  20
 *   s2       DV2  (Domestic abuse, Neglect) 2019-09-10  5
 *   s3       NEG1                         2020-05-01  -    (no feedback)
 *
 *   response  session  person  stage      useful  conf_before  conf_after  recommend  text
 *   r1        s1       A       post       5       2            4
 *   r2        s1       B       post       4       3            4
 *   r3        s1       C       post       2       3            3
 *   r4        s1       D       post       4       1            3
 *   r5        s1       (anon)  post       5       2            5                      comments
 *   r6        s1       F       baseline           2
 *   r7        s1       F       post                            4
 *   r8        s1       A       baseline                                              expectations
 *   r9        s1       B       baseline                                              expectations
 *   r10       s1       A       follow_up                                             comments
 *   r11       s2       G       post       3                                9
 *   r12       s2       H       post       1                                10
 *
 * useful (agreement 1-5): 5 4 2 4 5 3 1, n 7, mean 24/7; points 1..5 hold
 * 1 1 1 2 2; top two (4, 5): 4 of 7.  conf_before 2 3 3 1 2 2 (F's from the
 * baseline), conf_after 4 4 3 3 5 4: six pairs (E's within its one anonymous
 * response, F's across two), changes 2 1 0 2 3 2.  Stages: baseline 3
 * responses (A B F), post 8 (7 named), follow-up 1 (A); post matches A, B
 * and F to the baseline (attrition 0), follow-up matches A to post
 * (attrition 1 - 1/7); attended 20 + 5.
 *
 * Intervals and tests from R 4.2.2, the call beside each figure.
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

#include "analytics/feedback.h"

#define assert_close(got, want) close_at((got), (want), #got, __LINE__)

/* To 1e-9 relative, as tests/test_stats.c holds the statistics themselves. */
static void
close_at(double got, double want, const char *what, int line)
{
	if (!(fabs(got - want) <= 1e-9 * fmax(fabs(want), 1e-300)))
		fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got, want);
}

#define P(n) "printf('%064d', " #n ")"

static const char seed[] =
    "INSERT INTO theme(id, name, name_key) VALUES (1, 'Neglect', 'neglect'),"
    " (2, 'Domestic abuse', 'domestic abuse');"
    "INSERT INTO course(id, code, code_key) VALUES (1, 'NEG1', 'neg1'), (2, 'DV2', 'dv2');"
    "INSERT INTO course_theme(course_id, theme_id) VALUES (1, 1), (2, 1), (2, 2);"
    "INSERT INTO session(id, course_id, date) VALUES (1, 1, '2019-06-12'), (2, 2, '2019-09-10'),"
    " (3, 1, '2020-05-01');"
    "INSERT INTO headcount_attendance(session_id, count) VALUES (1, 20), (2, 5);"
    "INSERT INTO question(id, code, text, scale, scale_min, scale_max, pair_code, pair_role) VALUES"
    " (1, 'useful', 'The session was useful', 'agreement', 1, 5, NULL, NULL),"
    " (2, 'conf_before', 'Confidence before', 'confidence', 1, 5, 'conf', 'before'),"
    " (3, 'conf_after', 'Confidence after', 'confidence', 1, 5, 'conf', 'after'),"
    " (4, 'comments', 'Comments', 'text', NULL, NULL, NULL, NULL),"
    " (5, 'recommend', 'Would you recommend it (0-10)', 'likelihood', 0, 10, NULL, NULL);"
    "INSERT INTO feedback_response(id, session_id, respondent, stage) VALUES"
    " (1, 1, " P(1) ", 'post'), (2, 1, " P(2) ", 'post'), (3, 1, " P(3) ", 'post'),"
    " (4, 1, " P(4) ", 'post'), (5, 1, NULL, 'post'), (6, 1, " P(6) ", 'baseline'),"
    " (7, 1, " P(6) ", 'post'), (8, 1, " P(1) ", 'baseline'), (9, 1, " P(2) ", 'baseline'),"
    " (10, 1, " P(1) ", 'follow_up'), (11, 2, " P(7) ", 'post'), (12, 2, " P(8) ", 'post');"
    "INSERT INTO feedback_answer(response_id, question_id, value, text) VALUES"
    " (1, 1, 5, NULL), (1, 2, 2, NULL), (1, 3, 4, NULL),"
    " (2, 1, 4, NULL), (2, 2, 3, NULL), (2, 3, 4, NULL),"
    " (3, 1, 2, NULL), (3, 2, 3, NULL), (3, 3, 3, NULL),"
    " (4, 1, 4, NULL), (4, 2, 1, NULL), (4, 3, 3, NULL),"
    " (5, 1, 5, NULL), (5, 2, 2, NULL), (5, 3, 5, NULL), (5, 4, NULL, 'Good day'),"
    " (6, 2, 2, NULL), (7, 3, 4, NULL),"
    " (8, 4, NULL, 'Learn more'), (9, 4, NULL, 'Refresh'), (10, 4, NULL, 'Using it'),"
    " (11, 1, 3, NULL), (11, 5, 9, NULL), (12, 1, 1, NULL), (12, 5, 10, NULL);";

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

static struct an_feedback *
run(sqlite3 *db, enum an_dim by, int stage, const char *period)
{
	struct an_feedback_opts o;
	struct an_feedback *r;
	struct lia_err err;

	an_feedback_opts_defaults(&o);
	o.by = by;
	o.stage = stage;
	if (period && period_parse(period, &o.period, &err) != 0)
		fail_msg("period: %s", err.msg);
	if ((r = an_feedback_run(db, &o, &err)) == NULL)
		fail_msg("an_feedback_run: %s", err.msg);
	return r;
}

static const struct an_fb_question *
question_of(const struct an_feedback *r, const char *group, const char *code)
{
	size_t i;

	for (i = 0; i < r->nquestions; i++)
		if (strcmp(r->questions[i].question, code) == 0 &&
		    g_strcmp0(r->questions[i].group, group) == 0)
			return &r->questions[i];
	fail_msg("no question %s in group %s", code, group ? group : "(none)");
	return NULL;
}

static int
has_note(const struct an_feedback *r, const char *part)
{
	size_t i;

	for (i = 0; i < r->notes.n; i++)
		if (strstr(r->notes.text[i], part))
			return 1;
	return 0;
}

static void
test_stage_words(void **state)
{
	enum an_stage s;

	(void)state;
	assert_int_equal(an_stage_parse("follow-up", &s), 0);
	assert_int_equal(s, AN_STAGE_FOLLOW_UP);
	assert_int_equal(an_stage_parse("baseline", &s), 0);
	assert_int_equal(s, AN_STAGE_BASELINE);
	assert_int_equal(an_stage_parse("later", &s), -1);
	assert_string_equal(an_stage_name(AN_STAGE_FOLLOW_UP), "follow_up");
}

static void
test_questions(void **state)
{
	struct an_feedback *r = run(*state, AN_DIM_NONE, -1, NULL);
	const struct an_fb_question *q;
	const int64_t dist[5] = { 1, 1, 1, 2, 2 };
	size_t i;

	/* comments is free text: no row */
	assert_int_equal(r->nquestions, 4);
	assert_string_equal(r->questions[0].question, "conf_after");
	q = question_of(r, NULL, "useful");
	assert_int_equal(q->n, 7);
	assert_int_equal(q->npoints, 5);
	for (i = 0; i < 5; i++)
		assert_int_equal(q->counts[i], dist[i]);
	assert_int_equal(q->between, 0);
	assert_close(q->mean, 24.0 / 7.0);
	/* t.test(c(5, 4, 2, 4, 5, 3, 1))$conf.int: 2.0303360850600178 4.8268067720828389 */
	assert_close(q->mean_ci_low, 2.0303360850600178);
	assert_close(q->mean_ci_high, 4.8268067720828389);
	assert_int_equal(q->top2_count, 4);
	assert_close(q->top2, 4.0 / 7.0);
	/* prop.test(4, 7, correct = FALSE)$conf.int: 0.25045836452765724 0.84178014474853013 */
	assert_close(q->top2_ci_low, 0.25045836452765724);
	assert_close(q->top2_ci_high, 0.84178014474853013);
	assert_true(q->small_n);
	assert_string_equal(q->scale, "agreement");
	assert_string_equal(q->text, "The session was useful");

	/* recommend, 0-10: eleven points, the top two are 9 and 10. */
	q = question_of(r, NULL, "recommend");
	assert_int_equal(q->n, 2);
	assert_int_equal(q->npoints, 11);
	assert_int_equal(q->counts[9], 1);
	assert_int_equal(q->counts[10], 1);
	assert_int_equal(q->top2_count, 2);
	/* t.test(c(9, 10))$conf.int: 3.1468976319126529 15.853102368087347 */
	assert_close(q->mean_ci_low, 3.1468976319126529);
	assert_close(q->mean_ci_high, 15.853102368087347);
	/* prop.test(2, 2, correct = FALSE)$conf.int: 0.3423802275066532 1 */
	assert_close(q->top2_ci_low, 0.3423802275066532);
	assert_close(q->top2_ci_high, 1.0);

	q = question_of(r, NULL, "conf_before");
	assert_int_equal(q->n, 6);
	assert_close(q->mean, 13.0 / 6.0);
	assert_true(has_note(r, "question useful: n = 7, below 10"));
	an_feedback_free(r);
}

static void
test_pairs(void **state)
{
	struct an_feedback *r = run(*state, AN_DIM_NONE, -1, NULL);
	const struct an_fb_pair *p;

	assert_int_equal(r->npairs, 1);
	p = &r->pairs[0];
	assert_string_equal(p->question, "conf");
	assert_string_equal(p->before, "conf_before");
	assert_string_equal(p->after, "conf_after");
	assert_int_equal(p->n_pairs, 6);
	assert_close(p->mean_before, 13.0 / 6.0);
	assert_close(p->mean_after, 23.0 / 6.0);
	/* R 4.2.2: a <- c(4, 4, 3, 3, 5, 4); b <- c(2, 3, 3, 1, 2, 2)
	 * t.test(a, b, paired = TRUE): mean 1.6666666666666667, CI
	 * 0.58281419833768822 2.7505191349956455, t 3.9528470752104745, df 5,
	 * p 0.010819897411903737 */
	assert_close(p->mean_change, 1.6666666666666667);
	assert_close(p->ci_low, 0.58281419833768822);
	assert_close(p->ci_high, 2.7505191349956455);
	assert_close(p->t, 3.9528470752104745);
	assert_close(p->df, 5);
	assert_close(p->p_t, 0.010819897411903737);
	/* wilcox.test(a, b, paired = TRUE): V 15, p 0.054474035106195577 (ties, a zero) */
	assert_close(p->p_wilcoxon, 0.054474035106195577);
	assert_false(p->wilcoxon_exact);
	/* d <- a - b; mean(d) / sd(d): 1.6137430609197574 */
	assert_close(p->d_z, 1.6137430609197574);
	assert_true(p->small_n);
	an_feedback_free(r);
}

static void
test_stages(void **state)
{
	struct an_feedback *r = run(*state, AN_DIM_NONE, -1, NULL);
	const struct an_fb_stage *s = r->stages;

	assert_int_equal(r->nstages, 3);
	assert_int_equal(s[0].stage, AN_STAGE_BASELINE);
	assert_int_equal(s[0].responses, 3);
	assert_int_equal(s[0].respondents, 3);
	assert_int_equal(s[0].matched, -1);
	assert_true(isnan(s[0].attrition));
	assert_int_equal(s[1].stage, AN_STAGE_POST);
	assert_int_equal(s[1].responses, 8);
	assert_int_equal(s[1].respondents, 7);
	assert_int_equal(s[1].matched, 3);
	assert_close(s[1].attrition + 1.0, 1.0);
	assert_int_equal(s[1].attended, 25);
	assert_close(s[1].response_rate, 8.0 / 25.0);
	assert_int_equal(s[2].stage, AN_STAGE_FOLLOW_UP);
	assert_int_equal(s[2].responses, 1);
	assert_int_equal(s[2].matched, 1);
	assert_close(s[2].attrition, 1.0 - 1.0 / 7.0);
	assert_true(s[2].small_n);
	assert_true(has_note(r, "stage follow_up: 1 responses"));
	an_feedback_free(r);
}

static void
test_by_course_and_theme(void **state)
{
	struct an_feedback *r = run(*state, AN_DIM_COURSE, -1, NULL);
	const struct an_fb_question *q;

	/* DV2: useful, recommend; NEG1: conf_after, conf_before, useful. */
	assert_int_equal(r->nquestions, 5);
	assert_string_equal(r->questions[0].group, "DV2");
	q = question_of(r, "NEG1", "useful");
	assert_int_equal(q->n, 5);
	/* t.test(c(5, 4, 2, 4, 5))$conf.int: 2.4792783862083647 5.5207216137916353 */
	assert_close(q->mean_ci_low, 2.4792783862083647);
	assert_close(q->mean_ci_high, 5.5207216137916353);
	assert_int_equal(q->top2_count, 4);
	/* prop.test(4, 5, correct = FALSE)$conf.int: 0.37553462976252544 0.9637758913675698 */
	assert_close(q->top2_ci_low, 0.37553462976252544);
	assert_close(q->top2_ci_high, 0.9637758913675698);
	q = question_of(r, "DV2", "useful");
	assert_int_equal(q->n, 2);
	assert_int_equal(q->top2_count, 0);
	/* t.test(c(3, 1))$conf.int: -10.706204736174694 14.706204736174694 */
	assert_close(q->mean_ci_low, -10.706204736174694);
	assert_close(q->mean_ci_high, 14.706204736174694);
	assert_int_equal(r->npairs, 1);
	assert_string_equal(r->pairs[0].group, "NEG1");
	assert_int_equal(r->nstages, 4);	/* DV2 post; NEG1 baseline, post, follow-up */
	assert_string_equal(r->stages[0].group, "DV2");
	assert_int_equal(r->stages[0].responses, 2);
	assert_int_equal(r->stages[0].attended, 5);
	assert_int_equal(r->stages[2].responses, 6);
	assert_int_equal(r->stages[2].attended, 20);
	assert_true(has_note(r, "question useful (course DV2): n = 2"));
	an_feedback_free(r);

	/* DV2 is in both themes: its answers count in each. */
	r = run(*state, AN_DIM_THEME, -1, NULL);
	assert_int_equal(question_of(r, "Neglect", "useful")->n, 7);
	assert_int_equal(question_of(r, "Domestic abuse", "useful")->n, 2);
	an_feedback_free(r);

	r = run(*state, AN_DIM_SESSION, -1, NULL);
	assert_int_equal(question_of(r, "NEG1 2019-06-12", "useful")->n, 5);
	assert_int_equal(question_of(r, "DV2 2019-09-10", "recommend")->n, 2);
	an_feedback_free(r);
}

static void
test_filters(void **state)
{
	struct an_feedback_opts o;
	struct an_feedback *r;
	struct lia_err err;

	/* Baseline only: F's before answer has no after to pair with. */
	r = run(*state, AN_DIM_NONE, AN_STAGE_BASELINE, NULL);
	assert_int_equal(r->nquestions, 1);
	assert_int_equal(r->questions[0].n, 1);
	assert_int_equal(r->npairs, 0);
	assert_true(has_note(r, "pair conf: nobody answered both conf_before and conf_after"));
	assert_int_equal(r->nstages, 1);
	an_feedback_free(r);

	/* 2020/21: s3 has no feedback. */
	r = run(*state, AN_DIM_NONE, -1, "2020/21");
	assert_int_equal(r->nquestions + r->npairs + r->nstages, 0);
	assert_true(has_note(r, "no feedback response passes the filters"));
	an_feedback_free(r);

	an_feedback_opts_defaults(&o);
	o.theme = "domestic ABUSE";
	r = an_feedback_run(*state, &o, &err);
	assert_non_null(r);
	assert_int_equal(question_of(r, NULL, "useful")->n, 2);
	an_feedback_free(r);
	o.theme = NULL;
	o.course = "neg1";
	r = an_feedback_run(*state, &o, &err);
	assert_non_null(r);
	assert_int_equal(question_of(r, NULL, "useful")->n, 5);
	an_feedback_free(r);

	o.course = "NOPE";
	assert_null(an_feedback_run(*state, &o, &err));
	assert_non_null(strstr(err.msg, "no course named 'NOPE'"));
	o.course = NULL;
	o.by = AN_DIM_AGENCY;
	assert_null(an_feedback_run(*state, &o, &err));
	assert_non_null(strstr(err.msg, "not by agency"));
}

/* Every change the same: mean change and pairs, but no t test, d_z or Wilcoxon. */
static void
test_constant_changes(void **state)
{
	struct lia_err err;
	struct an_feedback *r;

	assert_int_equal(db_exec(*state,
	    "UPDATE feedback_answer SET value = 3 WHERE question_id = 2;"
	    "UPDATE feedback_answer SET value = 4 WHERE question_id = 3;", &err), 0);
	r = run(*state, AN_DIM_NONE, -1, NULL);
	assert_int_equal(r->npairs, 1);
	assert_close(r->pairs[0].mean_change, 1.0);
	assert_true(isnan(r->pairs[0].p_t) && isnan(r->pairs[0].ci_low) && isnan(r->pairs[0].d_z));
	/* Six equal changes, no ties broken: V = 21 of 21, a normal p (ties) */
	assert_true(r->pairs[0].p_wilcoxon > 0 && r->pairs[0].p_wilcoxon < 0.05);
	assert_true(has_note(r, "every change is 1"));
	assert_true(has_note(r, "question conf_after: every answer is 4"));
	an_feedback_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stage_words),
		cmocka_unit_test_setup_teardown(test_questions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_by_course_and_theme, setup, teardown),
		cmocka_unit_test_setup_teardown(test_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_constant_changes, setup, teardown),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
