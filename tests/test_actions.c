/*
 * Unit tests for analytics/actions: action plans as at a date.  The plan
 * below is tests/fixtures/reviews/plan.csv as the importer stores it (P7's
 * theme spelt "information-sharing", a theme row of its own).  Judged by
 * hand as at Sunday 31 March 2024:
 *
 *   P1  CSPR2 Voice of the Child  due 2020-03-31 done 2020-03-10        done
 *   P2  CSPR2 Neglect             due 2020-09-30 in progress            overdue 1278 days
 *   P3  CSPR3 Domestic abuse      due 2022-10-31 done 2022-10-14        done
 *   P4  CSPR3 Domestic abuse      due 2023-03-31 open                   overdue 366 (2024 is leap)
 *   P5  CSPR4 Information sharing due 2024-04-30 in progress            outstanding
 *   P6  CSPR4 Information sharing due 2024-03-31 in progress            outstanding: due on the day
 *   P7  CSPR4 information-sharing due 2024-02-29 done 2024-04-15        overdue 31: done after the date
 *   P8  CSPR5 Neglect             due 2021-12-31 cancelled              cancelled
 *   P9  CSPR5 Neglect             no due date, open                     outstanding, never overdue
 *   P10 no review, no theme       due 2024-01-31 open                   overdue 60
 *
 * 1278 = 3 x 365 (30 Sep 2020 to 30 Sep 2023) + 183 (October to March).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "analytics/reviews.h"

static const char plan_sql[] =
    "INSERT INTO agency(id, name, name_key) VALUES (1, 'Local Authority', 'local authority'),"
    " (2, 'Health Trust', 'health trust'), (3, 'LSCB Business Unit', 'lscb business unit'),"
    " (4, 'Education', 'education'), (5, 'Police', 'police');"
    "INSERT INTO theme(id, name, name_key) VALUES (1, 'Neglect', 'neglect'),"
    " (2, 'Voice of the Child', 'voice of the child'), (3, 'Domestic abuse', 'domestic abuse'),"
    " (4, 'Information sharing', 'information sharing'),"
    " (5, 'information-sharing', 'information-sharing');"
    "INSERT INTO review(id, code, kind) VALUES (1, 'CSPR2', 'cspr'), (2, 'CSPR3', 'cspr'),"
    " (3, 'CSPR4', 'cspr'), (4, 'CSPR5', 'cspr');"
    "INSERT INTO action(ref, review_id, theme_id, text, owner_agency_id, due, completed, status)"
    " VALUES"
    " ('P1', 1, 2, 'Refresh the voice of the child practice guidance', 1, '2020-03-31',"
    "  '2020-03-10', 'completed'),"
    " ('P2', 1, 1, 'Relaunch Graded Care Profile 2 with licensed trainers', 2, '2020-09-30',"
    "  NULL, 'in_progress'),"
    " ('P3', 2, 3, 'Domestic abuse 7-minute briefing to all agencies', 3, '2022-10-31',"
    "  '2022-10-14', 'completed'),"
    " ('P4', 2, 3, 'Audit MARAC referrals from health visiting', 2, '2023-03-31', NULL, 'open'),"
    " ('P5', 3, 4, 'Information sharing agreement signed by all schools', 4, '2024-04-30', NULL,"
    "  'in_progress'),"
    " ('P6', 3, 4, 'Front door audit of police notifications', 5, '2024-03-31', NULL,"
    "  'in_progress'),"
    " ('P7', 3, 5, 'Consent guidance reviewed, with the GP practices', 5, '2024-02-29',"
    "  '2024-04-15', 'completed'),"
    " ('P8', 4, 1, 'Neglect strategy refresh', 1, '2021-12-31', NULL, 'cancelled'),"
    " ('P9', 4, 1, 'Neglect toolkit as e-learning', 1, NULL, NULL, 'open'),"
    " ('P10', NULL, NULL, 'Partnership dataset to report review actions each quarter', 3,"
    "  '2024-01-31', NULL, 'open');";

static int
setup(void **state)
{
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	if (db == NULL || db_exec(db, plan_sql, &err) != 0) {
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

#define ROW(r, rv, th, n, d, o, od, c, nd, mx) check_row((r), (rv), (th), (n), (d), (o), \
	(od), (c), (nd), (mx), __LINE__)

static void
check_row(const struct an_actions_row *r, const char *review, const char *theme,
    int64_t actions, int64_t done, int64_t outstanding, int64_t overdue, int64_t cancelled,
    int64_t no_due, long max_days, int line)
{
	if ((review == NULL) != (r->review == NULL) ||
	    (review != NULL && strcmp(review, r->review) != 0) ||
	    (theme == NULL) != (r->theme == NULL) || (theme != NULL && strcmp(theme, r->theme) != 0))
		fail_msg("line %d: row %s / %s, expected %s / %s", line,
		    r->review ? r->review : "NULL", r->theme ? r->theme : "NULL",
		    review ? review : "NULL", theme ? theme : "NULL");
	if (r->actions != actions || r->done != done || r->outstanding != outstanding ||
	    r->overdue != overdue || r->cancelled != cancelled || r->no_due_date != no_due ||
	    r->max_days_overdue != max_days)
		fail_msg("line %d: %lld %lld %lld %lld %lld %lld %ld, expected %lld %lld %lld %lld"
		    " %lld %lld %ld", line, (long long)r->actions, (long long)r->done,
		    (long long)r->outstanding, (long long)r->overdue, (long long)r->cancelled,
		    (long long)r->no_due_date, r->max_days_overdue, (long long)actions,
		    (long long)done, (long long)outstanding, (long long)overdue,
		    (long long)cancelled, (long long)no_due, max_days);
}

static void
test_by_review_theme(void **state)
{
	struct an_actions_opts o;
	struct an_actions *a;
	struct lia_err err;

	an_actions_opts_defaults(&o);
	o.as_at = date_from_ymd(2024, 3, 31);
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	assert_int_equal(a->nrows, 6);
	ROW(&a->rows[0], "CSPR2", "Neglect", 1, 0, 1, 1, 0, 0, 1278);
	ROW(&a->rows[1], "CSPR2", "Voice of the Child", 1, 1, 0, 0, 0, 0, 0);
	ROW(&a->rows[2], "CSPR3", "Domestic abuse", 2, 1, 1, 1, 0, 0, 366);
	/* "information-sharing" is the same theme. */
	ROW(&a->rows[3], "CSPR4", "Information sharing", 3, 0, 3, 1, 0, 0, 31);
	ROW(&a->rows[4], "CSPR5", "Neglect", 2, 0, 1, 0, 1, 1, 0);
	ROW(&a->rows[5], NULL, NULL, 1, 0, 1, 1, 0, 0, 60);
	ROW(&a->total, NULL, NULL, 10, 2, 7, 4, 1, 1, 1278);

	assert_int_equal(a->noverdue, 4);
	assert_string_equal(a->overdue[0].ref, "P2");
	assert_int_equal(a->overdue[0].days_overdue, 1278);
	assert_string_equal(a->overdue[0].owner, "Health Trust");
	assert_string_equal(a->overdue[0].review, "CSPR2");
	assert_string_equal(a->overdue[0].theme, "Neglect");
	assert_string_equal(a->overdue[0].text, "Relaunch Graded Care Profile 2 with licensed trainers");
	assert_int_equal(a->overdue[0].due, date_from_ymd(2020, 9, 30));
	assert_string_equal(a->overdue[1].ref, "P4");
	assert_int_equal(a->overdue[1].days_overdue, 366);
	assert_string_equal(a->overdue[2].ref, "P10");
	assert_int_equal(a->overdue[2].days_overdue, 60);
	assert_null(a->overdue[2].review);
	assert_null(a->overdue[2].theme);
	assert_string_equal(a->overdue[3].ref, "P7");
	assert_int_equal(a->overdue[3].days_overdue, 31);
	assert_string_equal(a->overdue[3].theme, "Information sharing");
	assert_int_equal(a->notes.n, 1);
	assert_string_equal(a->notes.text[0], "1 outstanding action without a due date: never"
	    " counted overdue");
	an_actions_free(a);

	/* A month later P7 is done, P5 falls due on the day, P6 is 30 days late. */
	o.as_at = date_from_ymd(2024, 4, 30);
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	ROW(&a->rows[3], "CSPR4", "Information sharing", 3, 1, 2, 1, 0, 0, 30);
	ROW(&a->total, NULL, NULL, 10, 3, 6, 4, 1, 1, 1308);
	assert_string_equal(a->overdue[3].ref, "P6");
	an_actions_free(a);

	/* Before anything was done: P1 completed 2020-03-10 is outstanding. */
	o.as_at = date_from_ymd(2020, 3, 1);
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	ROW(&a->total, NULL, NULL, 10, 0, 9, 0, 1, 1, 0);
	assert_int_equal(a->noverdue, 0);
	an_actions_free(a);
}

static void
test_groupings_and_filters(void **state)
{
	struct an_actions_opts o;
	struct an_actions *a;
	struct lia_err err;
	enum an_actions_by by;

	assert_int_equal(an_actions_by_parse("theme", &by), 0);
	assert_int_equal(by, AN_ACTIONS_BY_THEME);
	assert_int_equal(an_actions_by_parse("review-theme", &by), 0);
	assert_int_equal(by, AN_ACTIONS_BY_REVIEW_THEME);
	assert_int_equal(an_actions_by_parse("agency", &by), -1);

	an_actions_opts_defaults(&o);
	o.as_at = date_from_ymd(2024, 3, 31);
	o.by = AN_ACTIONS_BY_THEME;
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	assert_int_equal(a->nrows, 5);
	ROW(&a->rows[0], NULL, "Domestic abuse", 2, 1, 1, 1, 0, 0, 366);
	ROW(&a->rows[1], NULL, "Information sharing", 3, 0, 3, 1, 0, 0, 31);
	ROW(&a->rows[2], NULL, "Neglect", 3, 0, 2, 1, 1, 1, 1278);
	ROW(&a->rows[3], NULL, "Voice of the Child", 1, 1, 0, 0, 0, 0, 0);
	ROW(&a->rows[4], NULL, NULL, 1, 0, 1, 1, 0, 0, 60);
	an_actions_free(a);

	o.by = AN_ACTIONS_BY_REVIEW;
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	assert_int_equal(a->nrows, 5);
	ROW(&a->rows[0], "CSPR2", NULL, 2, 1, 1, 1, 0, 0, 1278);
	ROW(&a->rows[3], "CSPR5", NULL, 2, 0, 1, 0, 1, 1, 0);
	an_actions_free(a);

	/* Filters: a theme however spelt, an agency, a review in any case. */
	o.by = AN_ACTIONS_BY_REVIEW_THEME;
	o.theme = "INFORMATION-SHARING";
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	assert_string_equal(a->theme, "Information sharing");
	assert_int_equal(a->nrows, 1);
	ROW(&a->total, NULL, NULL, 3, 0, 3, 1, 0, 0, 31);
	an_actions_free(a);
	o.theme = NULL;
	o.agency = "police";
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	ROW(&a->total, NULL, NULL, 2, 0, 2, 1, 0, 0, 31);
	an_actions_free(a);
	o.agency = NULL;
	o.review = "cspr3";
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	assert_string_equal(a->review, "CSPR3");
	ROW(&a->total, NULL, NULL, 2, 1, 1, 1, 0, 0, 366);
	an_actions_free(a);

	o.review = "SCR99";
	assert_null(an_actions_run(*state, &o, &err));
	assert_string_equal(err.msg, "no review with code 'SCR99'");
	o.review = NULL;
	o.theme = "Bereavement";
	assert_null(an_actions_run(*state, &o, &err));
	assert_string_equal(err.msg, "no theme named 'Bereavement'");
	o.theme = NULL;
	o.agency = "Fire Service";
	assert_null(an_actions_run(*state, &o, &err));
	assert_string_equal(err.msg, "no agency named 'Fire Service'");
}

static void
test_undated_completion(void **state)
{
	struct an_actions_opts o;
	struct an_actions *a;
	struct lia_err err;

	assert_int_equal(db_exec(*state, "INSERT INTO action(ref, review_id, text, status)"
	    " VALUES ('P11', 1, 'Closed at the board without a date', 'completed')", &err), 0);
	an_actions_opts_defaults(&o);
	o.as_at = date_from_ymd(2024, 3, 31);
	o.review = "CSPR2";
	a = an_actions_run(*state, &o, &err);
	assert_non_null(a);
	ROW(&a->total, NULL, NULL, 3, 2, 1, 1, 0, 0, 1278);
	assert_int_equal(a->notes.n, 1);
	assert_string_equal(a->notes.text[0], "1 action marked completed without a completion"
	    " date counted as done");
	an_actions_free(a);
}

static void
test_theme_key(void **state)
{
	char *a = an_theme_key("Voice of the Child"), *b = an_theme_key("voice-of-the-child");
	char *c = an_theme_key(" Voice  of the child! "), *d = an_theme_key("--");

	(void)state;
	assert_string_equal(a, "voiceofthechild");
	assert_string_equal(b, a);
	assert_string_equal(c, a);
	assert_string_equal(d, "--");
	g_free(a);
	g_free(b);
	g_free(c);
	g_free(d);
}

static void
test_empty(void **state)
{
	struct an_actions_opts o;
	struct an_actions *a;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	(void)state;
	assert_non_null(db);
	an_actions_opts_defaults(&o);
	a = an_actions_run(db, &o, &err);
	assert_non_null(a);
	assert_int_equal(a->nrows, 0);
	assert_int_equal(a->noverdue, 0);
	ROW(&a->total, NULL, NULL, 0, 0, 0, 0, 0, 0, 0);
	an_actions_free(a);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_theme_key),
		cmocka_unit_test(test_empty),
		cmocka_unit_test_setup_teardown(test_by_review_theme, setup, teardown),
		cmocka_unit_test_setup_teardown(test_groupings_and_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undated_completion, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
