/*
 * Unit tests for analytics/timeliness: the statutory clocks of reviews.
 * Every expected count below was worked by hand on a calendar and is also
 * checked here against an independent count on GOV.UK's list of England
 * and Wales bank holidays (tests/conformance/uk-bank-holidays), which
 * shares no code with core/workday.c.  The reviews:
 *
 *   CSPR2 (Easter 2019: Good Friday 19 April, Easter Monday 22 April,
 *   early May 6 May)
 *     incident Tue 16 Apr -> notified Wed 24 Apr: 17, 18, 23, 24 = 4, on
 *       time (6 weekdays: Good Friday and Easter Monday are not counted)
 *     notified 24 Apr -> decision Thu 16 May: 25, 26, 29, 30 Apr, 1, 2, 3,
 *       7-10, 13-16 May = 15, on time at the limit
 *     incident -> decision: 4 + 15 = 19, late as Working Together 2023 counts
 *     decision + 6 months = 16 Nov 2019; board Mon 18 Nov: late
 *     panel Mon 6 Jan 2020 -> published Wed 15 Jan: 7-10, 13-15 = 7, met
 *   CSPR3 (Platinum Jubilee: spring bank holiday moved to Thu 2 June 2022,
 *   the jubilee Fri 3 June)
 *     incident Tue 31 May -> notified Wed 8 Jun: 1, 6, 7, 8 = 4 (3 with
 *       the holiday table's Monday 6 June)
 *     notified -> decision Thu 30 Jun: 9, 10, 13-17, 20-24, 27-30 = 16, late
 *     incident -> decision: 4 + 16 = 20 (19 with 6 June)
 *     decision + 6 months = 30 Dec 2022; board 20 Dec: within
 *     panel Mon 9 Jan 2023 -> published Tue 17 Jan: 10-13, 16, 17 = 6, not met
 *   CSPR4 (coronation Mon 8 May 2023; early May 1 May; spring 29 May;
 *   Easter 2024: 29 March, 1 April)
 *     incident Fri 28 Apr -> notified Tue 9 May: 2-5, 9 = 5, on time at the
 *       limit (7 weekdays)
 *     notified -> decision Wed 31 May: 10-12, 15-19, 22-26, 30, 31 = 15
 *     incident -> decision: 20
 *     decision + 6 months = 30 Nov 2023 (31 Nov clamped); board 30 Nov: within
 *     panel Thu 28 Mar 2024 -> published Mon 8 Apr: 2-5, 8 = 5, not met
 *       (7 weekdays); the latest day to send it was Tue 26 March
 *   CSPR5: incident Mon 1 Mar 2021, decision Fri 19 Mar, nothing else:
 *     incident -> decision 14; every other clock missing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "analytics/reviews.h"

#define HOLIDAYS "tests/conformance/uk-bank-holidays/england-and-wales.csv"

/* ---- an independent count on GOV.UK's list ------------------------------------ */

static lia_date govuk[200];
static int ngovuk;

static int
load_govuk(void **state)
{
	FILE *fp = fopen(HOLIDAYS, "r");
	char line[256];
	struct lia_err err;

	(void)state;
	if (fp == NULL)
		return -1;
	ngovuk = 0;
	if (fgets(line, sizeof line, fp) == NULL) {	/* header */
		fclose(fp);
		return -1;
	}
	while (fgets(line, sizeof line, fp) != NULL && ngovuk < 200) {
		line[10] = '\0';
		if (date_parse(line, &govuk[ngovuk], &err) != 0) {
			fclose(fp);
			return -1;
		}
		ngovuk++;
	}
	fclose(fp);
	return ngovuk == 107 ? 0 : -1;
}

/* Weekdays after a up to and including b that GOV.UK does not list, minus
 * any of the extra dates. */
static long
govuk_workdays(lia_date a, lia_date b, const lia_date *extra, int nextra)
{
	long n = 0;
	lia_date d;
	int i, off;

	for (d = a + 1; d <= b; d++) {
		if (date_weekday(d) >= 5)
			continue;
		off = 0;
		for (i = 0; i < ngovuk; i++)
			off |= govuk[i] == d;
		for (i = 0; i < nextra; i++)
			off |= extra[i] == d;
		n += !off;
	}
	return n;
}

static lia_date
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* Checks a hand-worked count on GOV.UK's list first, then returns it. */
#define HAND(a, b, want) hand((a), (b), (want), NULL, 0, __LINE__)
static long
hand(lia_date a, lia_date b, long want, const lia_date *extra, int nextra, int line)
{
	long got = govuk_workdays(a, b, extra, nextra);

	if (got != want)
		fail_msg("line %d: hand count %ld, GOV.UK's list gives %ld", line, want, got);
	return want;
}

/* ---- plain dates ------------------------------------------------------------------ */

static void
set_day(struct an_review_clocks *r, enum an_milestone m, lia_date d)
{
	r->ms[m].held = 1;
	r->ms[m].month_only = 0;
	r->ms[m].date = d;
}

static void
set_month(struct an_review_clocks *r, enum an_milestone m, int y, int mo)
{
	r->ms[m].held = 1;
	r->ms[m].month_only = 1;
	r->ms[m].date = date_from_ymd(y, mo, 1);
}

static void
free_notes(struct an_notes *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		g_free(n->text[i]);
	g_free(n->text);
	n->text = NULL;
	n->n = 0;
}

static void
test_easter(void **state)
{
	struct an_review_clocks r = { .review = (char *)"CSPR2" };
	struct an_notes notes = { 0 };

	(void)state;
	set_day(&r, AN_MS_INCIDENT, ymd(2019, 4, 16));
	set_day(&r, AN_MS_NOTIFIED, ymd(2019, 4, 24));
	set_day(&r, AN_MS_DECISION, ymd(2019, 5, 16));
	set_day(&r, AN_MS_AUTHOR, ymd(2019, 6, 3));
	set_day(&r, AN_MS_BOARD, ymd(2019, 11, 18));
	set_day(&r, AN_MS_PANEL, ymd(2020, 1, 6));
	set_day(&r, AN_MS_PUBLISHED, ymd(2020, 1, 15));
	an_review_clocks_compute(&r, NULL, &notes);

	assert_true(r.notification.known);
	assert_int_equal(r.notification.days, HAND(ymd(2019, 4, 16), ymd(2019, 4, 24), 4));
	assert_int_equal(r.notification.met, 1);
	assert_int_equal(r.notification.target, ymd(2019, 4, 25));
	assert_int_equal(r.rapid_review.days, HAND(ymd(2019, 4, 24), ymd(2019, 5, 16), 15));
	assert_int_equal(r.rapid_review.met, 1);
	assert_int_equal(r.rapid_review.target, ymd(2019, 5, 16));
	assert_int_equal(r.rapid_review_from_aware.days,
	    HAND(ymd(2019, 4, 16), ymd(2019, 5, 16), 19));
	assert_int_equal(r.rapid_review_from_aware.met, 0);
	assert_int_equal(r.rapid_review_from_aware.target, ymd(2019, 5, 10));
	assert_true(r.completion.known);
	assert_int_equal(r.completion.met, 0);
	assert_int_equal(r.completion.target, ymd(2019, 11, 16));
	assert_int_equal(r.panel_notice.days, HAND(ymd(2020, 1, 6), ymd(2020, 1, 15), 7));
	assert_int_equal(r.panel_notice.met, 1);
	assert_int_equal(r.panel_notice.target, ymd(2020, 1, 6));
	assert_true(r.has_months);
	assert_int_equal(r.months_to_publication, 8);	/* May 2019 -> January 2020 */
	assert_int_equal(notes.n, 0);
	free_notes(&notes);
}

static void
test_jubilee(void **state)
{
	struct an_review_clocks r = { .review = (char *)"CSPR3" };
	struct calendar *cal = calendar_new();
	lia_date closure = ymd(2022, 6, 6);

	(void)state;
	set_day(&r, AN_MS_INCIDENT, ymd(2022, 5, 31));
	set_day(&r, AN_MS_NOTIFIED, ymd(2022, 6, 8));
	set_day(&r, AN_MS_DECISION, ymd(2022, 6, 30));
	set_day(&r, AN_MS_BOARD, ymd(2022, 12, 20));
	set_day(&r, AN_MS_PANEL, ymd(2023, 1, 9));
	set_day(&r, AN_MS_PUBLISHED, ymd(2023, 1, 17));

	/* Bank holidays alone. */
	an_review_clocks_compute(&r, cal, NULL);
	assert_int_equal(r.notification.days, HAND(ymd(2022, 5, 31), ymd(2022, 6, 8), 4));
	assert_int_equal(r.notification.met, 1);
	assert_int_equal(r.rapid_review.days, HAND(ymd(2022, 6, 8), ymd(2022, 6, 30), 16));
	assert_int_equal(r.rapid_review.met, 0);
	assert_int_equal(r.rapid_review.target, ymd(2022, 6, 29));
	assert_int_equal(r.rapid_review_from_aware.days,
	    HAND(ymd(2022, 5, 31), ymd(2022, 6, 30), 20));
	assert_int_equal(r.completion.met, 1);
	assert_int_equal(r.completion.target, ymd(2022, 12, 30));
	assert_int_equal(r.panel_notice.days, HAND(ymd(2023, 1, 9), ymd(2023, 1, 17), 6));
	assert_int_equal(r.panel_notice.met, 0);
	assert_int_equal(r.months_to_publication, 7);

	/* With a local closure in the holiday table. */
	assert_int_equal(calendar_add(cal, closure), 0);
	an_review_clocks_compute(&r, cal, NULL);
	assert_int_equal(r.notification.days,
	    hand(ymd(2022, 5, 31), ymd(2022, 6, 8), 3, &closure, 1, __LINE__));
	assert_int_equal(r.notification.target, ymd(2022, 6, 10));	/* 1, 7-10 June */
	assert_int_equal(r.rapid_review_from_aware.days,
	    hand(ymd(2022, 5, 31), ymd(2022, 6, 30), 19, &closure, 1, __LINE__));
	assert_int_equal(r.rapid_review.days, 16);	/* after 8 June: unchanged */
	calendar_free(cal);
}

static void
test_coronation(void **state)
{
	struct an_review_clocks r = { .review = (char *)"CSPR4" };

	(void)state;
	set_day(&r, AN_MS_INCIDENT, ymd(2023, 4, 28));
	set_day(&r, AN_MS_NOTIFIED, ymd(2023, 5, 9));
	set_day(&r, AN_MS_DECISION, ymd(2023, 5, 31));
	set_day(&r, AN_MS_BOARD, ymd(2023, 11, 30));
	set_day(&r, AN_MS_PANEL, ymd(2024, 3, 28));
	set_day(&r, AN_MS_PUBLISHED, ymd(2024, 4, 8));
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.notification.days, HAND(ymd(2023, 4, 28), ymd(2023, 5, 9), 5));
	assert_int_equal(r.notification.met, 1);
	assert_int_equal(r.notification.target, ymd(2023, 5, 9));
	assert_int_equal(r.rapid_review.days, HAND(ymd(2023, 5, 9), ymd(2023, 5, 31), 15));
	assert_int_equal(r.rapid_review.met, 1);
	assert_int_equal(r.rapid_review_from_aware.days,
	    HAND(ymd(2023, 4, 28), ymd(2023, 5, 31), 20));
	assert_int_equal(r.rapid_review_from_aware.met, 0);
	/* 31 May + 6 months: 31 November does not exist, so 30 November. */
	assert_int_equal(r.completion.target, ymd(2023, 11, 30));
	assert_int_equal(r.completion.met, 1);
	set_day(&r, AN_MS_BOARD, ymd(2023, 12, 1));
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.completion.met, 0);
	assert_int_equal(r.panel_notice.days, HAND(ymd(2024, 3, 28), ymd(2024, 4, 8), 5));
	assert_int_equal(r.panel_notice.met, 0);
	assert_int_equal(r.panel_notice.target, ymd(2024, 3, 26));
	assert_int_equal(HAND(ymd(2024, 3, 26), ymd(2024, 4, 8), 7), 7);
	assert_int_equal(r.months_to_publication, 11);	/* May 2023 -> April 2024 */
}

static void
test_clamp(void **state)
{
	struct an_review_clocks r = { .review = (char *)"X" };

	(void)state;
	/* 31 August + 6 months: 28 February, and 29 in a leap year. */
	set_day(&r, AN_MS_DECISION, ymd(2022, 8, 31));
	set_day(&r, AN_MS_BOARD, ymd(2023, 2, 28));
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.completion.target, ymd(2023, 2, 28));
	assert_int_equal(r.completion.met, 1);
	set_day(&r, AN_MS_BOARD, ymd(2023, 3, 1));
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.completion.met, 0);
	set_day(&r, AN_MS_DECISION, ymd(2023, 8, 31));
	set_day(&r, AN_MS_BOARD, ymd(2024, 2, 29));
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.completion.target, ymd(2024, 2, 29));
	assert_int_equal(r.completion.met, 1);
}

static void
test_missing(void **state)
{
	struct an_review_clocks r = { .review = (char *)"CSPR5" };
	struct an_notes notes = { 0 };

	(void)state;
	set_day(&r, AN_MS_INCIDENT, ymd(2021, 3, 1));
	set_day(&r, AN_MS_DECISION, ymd(2021, 3, 19));
	set_day(&r, AN_MS_AUTHOR, ymd(2021, 4, 12));
	an_review_clocks_compute(&r, NULL, &notes);
	/* Missing is null, never 0. */
	assert_false(r.notification.known);
	assert_int_equal(r.notification.met, -1);
	assert_false(r.rapid_review.known);
	assert_int_equal(r.rapid_review.met, -1);
	assert_true(r.rapid_review_from_aware.known);
	assert_int_equal(r.rapid_review_from_aware.days,
	    HAND(ymd(2021, 3, 1), ymd(2021, 3, 19), 14));
	assert_int_equal(r.rapid_review_from_aware.met, 1);
	assert_false(r.completion.known);
	assert_int_equal(r.completion.met, -1);
	assert_true(r.completion.has_target);
	assert_int_equal(r.completion.target, ymd(2021, 9, 19));
	assert_false(r.panel_notice.known);
	assert_int_equal(r.panel_notice.met, -1);
	assert_false(r.panel_notice.has_target);
	assert_false(r.has_months);
	assert_int_equal(notes.n, 1);
	assert_string_equal(notes.text[0], "CSPR5: no notified_date, report_to_board,"
	    " report_to_panel or published; not computed: notification, rapid review,"
	    " completion within 6 months, panel notice and months to publication");
	free_notes(&notes);
}

static void
test_month_only(void **state)
{
	struct an_review_clocks r = { .review = (char *)"SCR2" };
	struct an_notes notes = { 0 };

	(void)state;
	/* The seed's SCR2: report to the panel February 2019, published April
	 * 2019.  Fewest working days: 28 Feb -> 1 Apr = all of March (21) and
	 * 1 April = 22; most: 1 Feb -> 30 Apr = 19 + 21 + 20 = 60. */
	set_month(&r, AN_MS_AUTHOR, 2018, 6);
	set_month(&r, AN_MS_BOARD, 2019, 1);
	set_month(&r, AN_MS_PANEL, 2019, 2);
	set_month(&r, AN_MS_PUBLISHED, 2019, 4);
	an_review_clocks_compute(&r, NULL, &notes);
	assert_false(r.panel_notice.known);
	assert_int_equal(r.panel_notice.days, 0);
	assert_int_equal(r.panel_notice.min_days, HAND(ymd(2019, 2, 28), ymd(2019, 4, 1), 22));
	assert_int_equal(r.panel_notice.max_days, HAND(ymd(2019, 2, 1), ymd(2019, 4, 30), 60));
	assert_int_equal(r.panel_notice.met, 1);
	assert_false(r.panel_notice.has_target);
	assert_int_equal(notes.n, 2);
	assert_string_equal(notes.text[1], "SCR2: report_to_panel and published held to the"
	    " month only; panel notice met on any day of the month (22 to 60 working days)");
	free_notes(&notes);

	/* SCR1: both in July 2018, so anything from -22 to 22. */
	r.review = (char *)"SCR1";
	set_month(&r, AN_MS_PANEL, 2018, 7);
	set_month(&r, AN_MS_PUBLISHED, 2018, 7);
	an_review_clocks_compute(&r, NULL, &notes);
	assert_int_equal(r.panel_notice.met, -1);
	assert_int_equal(r.panel_notice.min_days, -HAND(ymd(2018, 7, 1), ymd(2018, 7, 31), 22));
	assert_int_equal(r.panel_notice.max_days, 22);
	assert_string_equal(notes.text[1], "SCR1: report_to_panel and published held to the"
	    " month only; panel notice cannot be judged (-22 to 22 working days)");
	free_notes(&notes);

	/* A month-only board date is judged when the whole month is in or out. */
	set_day(&r, AN_MS_DECISION, ymd(2019, 1, 10));
	set_month(&r, AN_MS_BOARD, 2019, 6);
	an_review_clocks_compute(&r, NULL, &notes);
	assert_int_equal(r.completion.met, 1);
	assert_false(r.completion.known);
	set_month(&r, AN_MS_BOARD, 2019, 7);
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.completion.met, -1);
	set_month(&r, AN_MS_BOARD, 2019, 8);
	an_review_clocks_compute(&r, NULL, NULL);
	assert_int_equal(r.completion.met, 0);
	free_notes(&notes);
}

static void
test_out_of_order(void **state)
{
	struct an_review_clocks r = { .review = (char *)"CSPR1" };
	struct an_notes notes = { 0 };

	(void)state;
	/* The import fixture's CSPR1: published 20 Feb 2020 before the panel
	 * had it on 2 March: 21, 24-28 Feb, 2 Mar = 7 the wrong way. */
	set_day(&r, AN_MS_INCIDENT, ymd(2019, 9, 3));
	set_day(&r, AN_MS_NOTIFIED, ymd(2019, 9, 5));
	set_day(&r, AN_MS_DECISION, ymd(2019, 9, 24));
	set_day(&r, AN_MS_BOARD, ymd(2020, 2, 10));
	set_day(&r, AN_MS_PANEL, ymd(2020, 3, 2));
	set_day(&r, AN_MS_PUBLISHED, ymd(2020, 2, 20));
	an_review_clocks_compute(&r, NULL, &notes);
	assert_int_equal(r.panel_notice.days, -HAND(ymd(2020, 2, 20), ymd(2020, 3, 2), 7));
	assert_int_equal(r.panel_notice.met, 0);
	assert_int_equal(notes.n, 1);
	assert_string_equal(notes.text[0], "CSPR1: published 2020-02-20 is before"
	    " report_to_panel 2020-03-02; panel notice not met");
	free_notes(&notes);

	/* Notified before the incident: a count, but not judged. */
	set_day(&r, AN_MS_NOTIFIED, ymd(2019, 9, 2));
	an_review_clocks_compute(&r, NULL, &notes);
	assert_int_equal(r.notification.days, -1);
	assert_int_equal(r.notification.met, -1);
	assert_int_equal(notes.n, 2);
	assert_string_equal(notes.text[0], "CSPR1: notified_date 2019-09-02 is before"
	    " incident_date 2019-09-03; notification not judged");
	free_notes(&notes);
}

/* ---- from the database -------------------------------------------------------------- */

static const char seed_sql[] =
    "INSERT INTO import_batch(id, kind, source, sha256, started, rows_read, rows_loaded)"
    " VALUES (1, 'reviews', 'reviews.csv', printf('%064d', 1), '2024-01-01', 3, 3);"
    "INSERT INTO review(code, kind, title, incident_date, notified_date, decision_date,"
    " author_appointed, report_to_board, report_to_panel, published, delay_reason) VALUES"
    " ('CSPR3', 'cspr', 'Child J', '2022-05-31', '2022-06-08', '2022-06-30', NULL,"
    "  '2022-12-20', '2023-01-09', '2023-01-17', NULL),"
    " ('SCR2', 'scr', 'Janet', NULL, NULL, NULL, '2018-06-01', '2019-01-01', '2019-02-01',"
    "  '2019-04-01', 'Sensitive delay due to anniversary'),"
    " ('CSPR5', 'cspr', 'Child M', '2021-03-01', NULL, '2021-03-19', '2021-04-12', NULL, NULL,"
    "  NULL, NULL);"
    "INSERT INTO import_warning(batch_id, line, message) VALUES"
    " (1, 3, 'review SCR2: author_appointed, report_to_board, report_to_panel, published"
    " given as a month only; the 1st of the month assumed');"
    "INSERT INTO holiday(date, title) VALUES ('2022-06-06', 'Local closure');";

static int
setup_db(void **state)
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
teardown_db(void **state)
{
	db_close(*state);
	return 0;
}

static void
test_run(void **state)
{
	sqlite3 *db = *state;
	struct an_timeliness_opts o;
	struct an_timeliness *t;
	struct lia_err err;

	an_timeliness_opts_defaults(&o);
	t = an_timeliness_run(db, &o, &err);
	assert_non_null(t);
	assert_int_equal(t->nrows, 3);
	/* In the order of their first milestone. */
	assert_string_equal(t->rows[0].review, "SCR2");
	assert_string_equal(t->rows[1].review, "CSPR5");
	assert_string_equal(t->rows[2].review, "CSPR3");
	assert_true(t->rows[0].ms[AN_MS_PANEL].month_only);
	assert_false(t->rows[0].ms[AN_MS_DECISION].month_only);
	assert_int_equal(t->rows[0].panel_notice.met, 1);
	assert_string_equal(t->rows[0].delay_reason, "Sensitive delay due to anniversary");
	assert_string_equal(t->rows[0].title, "Janet");
	/* The holiday table counts: Monday 6 June 2022 is a local closure. */
	assert_int_equal(t->rows[2].notification.days, 3);
	assert_int_equal(t->rows[2].rapid_review_from_aware.days, 19);
	assert_int_equal(t->rows[1].rapid_review_from_aware.days, 14);
	assert_int_equal(t->notes.n, 3);
	assert_string_equal(t->notes.text[0], "SCR2: no incident_date, notified_date or"
	    " decision_date; not computed: notification, rapid review, rapid review from"
	    " awareness, completion within 6 months and months to publication");
	assert_string_equal(t->notes.text[1], "SCR2: report_to_panel and published held to"
	    " the month only; panel notice met on any day of the month (22 to 60 working days)");
	assert_string_equal(t->notes.text[2], "CSPR5: no notified_date, report_to_board,"
	    " report_to_panel or published; not computed: notification, rapid review,"
	    " completion within 6 months, panel notice and months to publication");
	an_timeliness_free(t);

	/* --kind and --period. */
	o.kind = "Serious Case Review";
	t = an_timeliness_run(db, &o, &err);
	assert_non_null(t);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->kind, "scr");
	an_timeliness_free(t);
	o.kind = "cspr";
	assert_int_equal(period_parse("2022/23", &o.period, &err), 0);
	t = an_timeliness_run(db, &o, &err);
	assert_non_null(t);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0].review, "CSPR3");
	an_timeliness_free(t);
	/* A month-only milestone counts in a period its month overlaps. */
	o.kind = NULL;
	assert_int_equal(period_range("2019-04-30", "2019-05-31", &o.period, &err), 0);
	t = an_timeliness_run(db, &o, &err);
	assert_non_null(t);
	assert_int_equal(t->nrows, 1);
	assert_string_equal(t->rows[0].review, "SCR2");
	an_timeliness_free(t);

	o.kind = "inspection";
	assert_null(an_timeliness_run(db, &o, &err));
	assert_string_equal(err.msg, "unknown review kind 'inspection' (expected SCR, CSPR,"
	    " rapid review or SAR)");
}

static void
test_run_empty(void **state)
{
	struct an_timeliness_opts o;
	struct an_timeliness *t;
	struct lia_err err;
	sqlite3 *db = db_open(":memory:", &err);

	(void)state;
	assert_non_null(db);
	an_timeliness_opts_defaults(&o);
	t = an_timeliness_run(db, &o, &err);
	assert_non_null(t);
	assert_int_equal(t->nrows, 0);
	assert_int_equal(t->notes.n, 0);
	an_timeliness_free(t);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_jubilee),
		cmocka_unit_test(test_coronation),
		cmocka_unit_test(test_clamp),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_month_only),
		cmocka_unit_test(test_out_of_order),
		cmocka_unit_test_setup_teardown(test_run, setup_db, teardown_db),
		cmocka_unit_test(test_run_empty),
	};

	return cmocka_run_group_tests(tests, load_govuk, NULL);
}
