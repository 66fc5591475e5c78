/*
 * Unit tests for analytics/reach, currency and trainers.  The rates and the
 * dimension whitelist are tested on plain structs; the analyses on a
 * :memory: database filled by SQL below, with every expected figure counted
 * by hand from these rows:
 *
 *   session  course  date        capacity  records
 *   s1       NEG1    2019-03-31  10        p1 Police attended             (FY 2018/19)
 *   s2       NEG1    2019-04-01  10        p1 Police, p4 Police attended; p2 Police DNA; p3 Police cancelled
 *   s3       NEG1    2020-03-31  10        p4 Health, p1 Police, p5 School attended; headcount Police 7
 *   s4       NEG1    2020-04-01  10        p2 Police attended             (FY 2020/21)
 *   s5       TTT     2019-09-01   5        p5 School, p4 Health attended  (train the trainer)
 *   s6       L3      2021-01-10  -         p1 Police attended, 4 hours
 *   s7       L3      2018-02-01  -         p1 Police attended (course hours: 2)
 *
 * Workforce 2019/20: Police 40, Health 50; School has none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "analytics/analytics.h"

#define TOL 1e-12

/* Doubles to 1e-12 (this cmocka has no assert_double_equal). */
#define assert_double_equal(a, b, tol) assert_close((a), (b), (tol), #a, __LINE__)

static void
assert_close(double got, double want, double tol, const char *what, int line)
{
	if (!(fabs(got - want) <= tol))
		fail_msg("line %d: %s = %.17g, expected %.17g", line, what, got, want);
}

static const char seed[] =
    "INSERT INTO agency(id, name, name_key, sector) VALUES"
    " (1, 'Police', 'police', 'police'), (2, 'Health', 'health', 'health'),"
    " (3, 'School', 'school', 'education');"
    "INSERT INTO workforce(agency_id, period, period_from, period_to, headcount) VALUES"
    " (1, '2019/20', '2019-04-01', '2020-03-31', 40), (2, '2019/20', '2019-04-01', '2020-03-31', 50);"
    "INSERT INTO course(id, code, code_key, level, refresh_months, hours, train_the_trainer) VALUES"
    " (1, 'NEG1', 'neg1', 1, 24, 3, 0), (2, 'TTT', 'ttt', 3, 36, 6, 1), (3, 'L3', 'l3', 3, NULL, 2, 0);"
    "INSERT INTO theme(id, name, name_key) VALUES (1, 'Neglect', 'neglect');"
    "INSERT INTO course_theme(course_id, theme_id) VALUES (1, 1), (2, 1);"
    "INSERT INTO session(id, course_id, date, capacity) VALUES"
    " (1, 1, '2019-03-31', 10), (2, 1, '2019-04-01', 10), (3, 1, '2020-03-31', 10),"
    " (4, 1, '2020-04-01', 10), (5, 2, '2019-09-01', 5), (6, 3, '2021-01-10', NULL),"
    " (7, 3, '2018-02-01', NULL);"
    "INSERT INTO practitioner(id, pkey) VALUES (1, printf('%064d', 1)), (2, printf('%064d', 2)),"
    " (3, printf('%064d', 3)), (4, printf('%064d', 4)), (5, printf('%064d', 5));"
    "INSERT INTO attendance(session_id, practitioner_id, agency_id, role, status, hours) VALUES"
    " (1, 1, 1, 'Officer', 'attended', NULL),"
    " (2, 1, 1, 'Officer', 'attended', NULL), (2, 4, 1, 'Detective', 'attended', NULL),"
    " (2, 2, 1, 'Officer', 'did_not_attend', NULL), (2, 3, 1, 'Officer', 'cancelled', NULL),"
    " (3, 4, 2, 'Nurse', 'attended', NULL), (3, 1, 1, 'Officer', 'attended', NULL),"
    " (3, 5, 3, 'Teacher', 'attended', NULL),"
    " (4, 2, 1, 'Officer', 'attended', NULL),"
    " (5, 5, 3, 'Teacher', 'attended', NULL), (5, 4, 2, 'Nurse', 'attended', NULL),"
    " (6, 1, 1, 'Officer', 'attended', 4), (7, 1, 1, 'Officer', 'attended', NULL);"
    "INSERT INTO headcount_attendance(session_id, agency_id, count) VALUES (3, 1, 7);"
    "INSERT INTO training_level(level, title, hours_required, window_months) VALUES"
    " (3, 'Level 3', 6, 36);";

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

static const struct an_reach_row *
row_of(const struct an_reach *r, const char *key)
{
	size_t i;

	for (i = 0; i < r->nrows; i++)
		if (r->rows[i].key && strcmp(r->rows[i].key, key) == 0)
			return &r->rows[i];
	fail_msg("no row '%s'", key);
	return NULL;
}

static struct an_reach *
run(sqlite3 *db, enum an_dim by, const char *period)
{
	struct an_reach_opts o;
	struct an_reach *r;
	struct lia_err err;

	an_reach_opts_defaults(&o);
	o.by = by;
	if (period && period_parse(period, &o.period, &err) != 0)
		fail_msg("period: %s", err.msg);
	if ((r = an_reach_run(db, &o, &err)) == NULL)
		fail_msg("an_reach_run: %s", err.msg);
	return r;
}

static int
has_note(const struct an_notes *n, const char *part)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		if (strstr(n->text[i], part))
			return 1;
	return 0;
}

/* ---- without a database ------------------------------------------------------------ */

static void
test_rates(void **state)
{
	struct an_reach_row r = { 0 };
	double lo, hi;

	(void)state;
	r.attendances = 9;
	r.dna = 3;
	r.unique_practitioners = 4;
	r.workforce = 40;
	r.seats_filled = 14;
	r.capacity = 25;
	assert_int_equal(an_reach_rates(&r, 0.95), 0);
	assert_double_equal(r.dna_rate, 0.25, TOL);
	assert_double_equal(r.fill_rate, 0.56, TOL);
	assert_double_equal(r.coverage, 0.1, TOL);
	assert_int_equal(an_wilson(4, 40, 0.95, &lo, &hi), 0);
	assert_double_equal(r.coverage_ci_low, lo, TOL);
	assert_double_equal(r.coverage_ci_high, hi, TOL);

	/* No denominators: NaN, not zero. */
	memset(&r, 0, sizeof r);
	r.workforce = -1;
	r.unique_practitioners = 3;
	assert_int_equal(an_reach_rates(&r, 0.95), 0);
	assert_true(isnan(r.dna_rate) && isnan(r.fill_rate) && isnan(r.coverage));
	assert_true(isnan(r.coverage_ci_low) && isnan(r.coverage_ci_high));

	/* More people than the workforce: no coverage, and says so. */
	r.workforce = 2;
	assert_int_equal(an_reach_rates(&r, 0.95), -1);
	assert_true(isnan(r.coverage));
}

static void
test_dimensions(void **state)
{
	static const char *const ok[] = { "agency", "sector", "role", "course", "theme", "level",
		"month", "year", "fy", "quarter" };
	enum an_dim d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		assert_int_equal(an_dim_parse(ok[i], &d), 0);
		assert_string_equal(an_dim_name(d), ok[i]);
	}
	assert_int_equal(an_dim_parse("Agency", &d), -1);
	assert_int_equal(an_dim_parse("agency_id", &d), -1);
	assert_int_equal(an_dim_parse("agency; DROP TABLE attendance", &d), -1);
	assert_int_equal(an_dim_parse("", &d), -1);
	assert_int_equal(an_dim_parse("total", &d), -1);
}

static void
test_in_date(void **state)
{
	lia_date d = date_from_ymd(2019, 4, 1);

	(void)state;
	/* 24 months from 1 April 2019: in date through 31 March 2021. */
	assert_true(an_in_date(d, 24, date_from_ymd(2021, 3, 31)));
	assert_false(an_in_date(d, 24, date_from_ymd(2021, 4, 1)));
	assert_true(an_in_date(d, 24, d));
	assert_false(an_in_date(d, 24, d - 1));	/* not yet attended */
	assert_true(an_in_date(d, 0, date_from_ymd(2040, 1, 1)));	/* no refresh: never lapses */
	/* 31 August + 6 months clamps to the end of February. */
	assert_true(an_in_date(date_from_ymd(2019, 8, 31), 6, date_from_ymd(2020, 2, 28)));
	assert_false(an_in_date(date_from_ymd(2019, 8, 31), 6, date_from_ymd(2020, 2, 29)));
}

/* ---- reach ------------------------------------------------------------------------------ */

static void
test_reach_by_agency(void **state)
{
	struct an_reach *r = run(*state, AN_DIM_AGENCY, "2019/20");
	const struct an_reach_row *p, *h, *s;

	assert_int_equal(r->nrows, 3);
	p = row_of(r, "Police");
	/* s2 and s3; p1 twice (repeat), p4; p2 DNA; p3 cancelled; 7 by headcount. */
	assert_int_equal(p->sessions, 2);
	assert_int_equal(p->courses, 1);
	assert_int_equal(p->attendances, 3);
	assert_int_equal(p->unique_practitioners, 2);
	assert_int_equal(p->dna, 1);
	assert_int_equal(p->cancelled, 1);
	assert_int_equal(p->headcount_attendances, 7);
	assert_int_equal(p->workforce, 40);
	assert_double_equal(p->coverage, 0.05, TOL);
	assert_double_equal(p->dna_rate, 0.25, TOL);
	assert_true(isnan(p->fill_rate));	/* places are not split by agency */

	/* p4 moved from Police (s2) to Health (s3, s5): counted in both. */
	h = row_of(r, "Health");
	assert_int_equal(h->sessions, 2);
	assert_int_equal(h->courses, 2);
	assert_int_equal(h->attendances, 2);
	assert_int_equal(h->unique_practitioners, 1);
	assert_int_equal(h->workforce, 50);
	assert_double_equal(h->coverage, 0.02, TOL);

	s = row_of(r, "School");
	assert_int_equal(s->unique_practitioners, 1);
	assert_int_equal(s->workforce, -1);
	assert_true(isnan(s->coverage));

	/* The total is counted, not summed: p1, p4, p5 are 3, the rows say 2 + 1 + 1. */
	assert_int_equal(r->total.unique_practitioners, 3);
	assert_int_equal(p->unique_practitioners + h->unique_practitioners + s->unique_practitioners, 4);
	assert_int_equal(r->total.sessions, 3);
	assert_int_equal(r->total.courses, 2);
	assert_int_equal(r->total.attendances, 7);
	assert_int_equal(r->total.dna, 1);
	assert_int_equal(r->total.cancelled, 1);
	assert_int_equal(r->total.headcount_attendances, 7);
	assert_double_equal(r->total.dna_rate, 1.0 / 8.0, TOL);
	/* capacity 10 + 10 + 5; filled 7 attended + 7 by headcount */
	assert_int_equal(r->total.capacity, 25);
	assert_double_equal(r->total.fill_rate, 14.0 / 25.0, TOL);
	/* School has people but no workforce: no total coverage, and a note says why. */
	assert_int_equal(r->total.workforce, -1);
	assert_true(isnan(r->total.coverage));
	assert_true(has_note(&r->notes, "no workforce figure for School"));
	assert_true(has_note(&r->notes, "7 headcount-only attendances"));
	an_reach_free(r);
}

static void
test_reach_fy_boundary(void **state)
{
	struct an_reach *r;

	/* 31 March 2019 is in 2018/19; 1 April 2019 and 31 March 2020 in 2019/20; 1 April 2020 in 2020/21. */
	r = run(*state, AN_DIM_NONE, "2018/19");
	assert_int_equal(r->total.sessions, 1);
	assert_int_equal(r->total.attendances, 1);
	an_reach_free(r);

	r = run(*state, AN_DIM_FY, NULL);
	assert_int_equal(r->nrows, 4);
	assert_string_equal(r->rows[0].key, "2017/18");	/* s7 */
	assert_string_equal(r->rows[1].key, "2018/19");
	assert_int_equal(r->rows[1].unique_practitioners, 1);
	assert_string_equal(r->rows[2].key, "2019/20");
	assert_int_equal(r->rows[2].sessions, 3);
	assert_int_equal(r->rows[2].unique_practitioners, 3);
	assert_int_equal(r->rows[2].workforce, -1);	/* School again */
	assert_string_equal(r->rows[3].key, "2020/21");
	assert_int_equal(r->rows[3].unique_practitioners, 2);	/* p2 (s4), p1 (s6) */
	/* Police reached in 2020/21 with no 2020/21 figure: unknown, not a stale one. */
	assert_int_equal(r->rows[3].workforce, -1);
	/* p1 p2 p4 p5 over all years; p3 only cancelled. */
	assert_int_equal(r->total.unique_practitioners, 4);
	/* All dates: the latest figure of each agency. */
	an_reach_free(r);

	r = run(*state, AN_DIM_QUARTER, "2019/20");
	assert_int_equal(r->nrows, 3);
	assert_string_equal(r->rows[0].key, "2019/20 Q1");
	assert_string_equal(r->rows[1].key, "2019/20 Q2");
	assert_string_equal(r->rows[2].key, "2019/20 Q4");
	an_reach_free(r);
}

static void
test_reach_filters_and_themes(void **state)
{
	struct an_reach_opts o;
	struct an_reach *r;
	struct lia_err err;

	an_reach_opts_defaults(&o);
	period_parse("2019/20", &o.period, &err);
	o.agency = "  POLICE ";
	assert_non_null(r = an_reach_run(*state, &o, &err));
	assert_int_equal(r->total.unique_practitioners, 2);
	assert_int_equal(r->total.workforce, 40);
	assert_double_equal(r->total.coverage, 0.05, TOL);
	an_reach_free(r);

	o.agency = "Fire Service";
	assert_null(an_reach_run(*state, &o, &err));
	assert_non_null(strstr(err.msg, "no agency named 'Fire Service'"));

	/* Course NEG1 by theme; TTT is also Neglect. */
	an_reach_opts_defaults(&o);
	period_parse("2019/20", &o.period, &err);
	o.by = AN_DIM_THEME;
	assert_non_null(r = an_reach_run(*state, &o, &err));
	assert_int_equal(r->nrows, 1);
	assert_string_equal(r->rows[0].key, "Neglect");
	assert_int_equal(r->rows[0].unique_practitioners, 3);
	an_reach_free(r);

	o.by = AN_DIM_ROLE;
	o.course = "neg1";
	assert_non_null(r = an_reach_run(*state, &o, &err));
	/*
	 * Detective p4, Nurse p4 (same person, other role), Officer p1 (p2 DNA,
	 * p3 cancelled), Teacher p5, and the headcount of s3, which has no role.
	 */
	assert_int_equal(r->nrows, 5);
	assert_null(r->rows[4].key);
	assert_int_equal(r->rows[4].headcount_attendances, 7);
	assert_int_equal(r->rows[4].unique_practitioners, 0);
	assert_int_equal(row_of(r, "Officer")->unique_practitioners, 1);
	assert_int_equal(row_of(r, "Officer")->dna, 1);
	assert_int_equal(row_of(r, "Nurse")->unique_practitioners, 1);
	assert_int_equal(r->total.unique_practitioners, 3);
	assert_true(has_note(&r->notes, "not recorded by role"));
	an_reach_free(r);

	/* --cumulative goes with months only. */
	an_reach_opts_defaults(&o);
	o.cumulative = 1;
	o.by = AN_DIM_AGENCY;
	assert_null(an_reach_run(*state, &o, &err));
}

static void
test_reach_cumulative(void **state)
{
	struct an_reach_opts o;
	struct an_reach *r;
	struct lia_err err;
	static const int64_t want[12] = { 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3 };
	int i;

	an_reach_opts_defaults(&o);
	period_parse("2019/20", &o.period, &err);
	o.by = AN_DIM_MONTH;
	o.cumulative = 1;
	assert_non_null(r = an_reach_run(*state, &o, &err));
	/* April: p1 p4; September: p5 (and p4 again); March: p1 p4 p5 again, nobody new. */
	assert_int_equal(r->nrows, 12);
	for (i = 0; i < 12; i++)
		assert_int_equal(r->rows[i].cumulative_practitioners, want[i]);
	assert_string_equal(r->rows[0].key, "2019-04");
	assert_string_equal(r->rows[11].key, "2020-03");
	assert_int_equal(r->rows[11].unique_practitioners, 3);
	assert_int_equal(r->rows[11].new_practitioners, 0);
	assert_int_equal(r->total.cumulative_practitioners, 3);
	an_reach_free(r);
}

/* ---- currency ----------------------------------------------------------------------------- */

static struct an_currency *
currency(sqlite3 *db, int y, int m, int d, int level, enum an_dim by)
{
	struct an_currency_opts o;
	struct an_currency *c;
	struct lia_err err;

	an_currency_opts_defaults(&o);
	o.as_at = date_from_ymd(y, m, d);
	o.level = level;
	o.by = by;
	if ((c = an_currency_run(db, &o, &err)) == NULL)
		fail_msg("an_currency_run: %s", err.msg);
	return c;
}

static void
test_currency_refresh(void **state)
{
	struct an_currency *c;

	/* Level 1, refresh 24 months: p1 p4 p5 last on 31 Mar 2020, p2 on 1 Apr 2020. */
	c = currency(*state, 2022, 3, 30, 1, AN_DIM_AGENCY);
	assert_false(c->by_hours);
	assert_int_equal(c->total.practitioners, 4);
	assert_int_equal(c->total.in_date, 4);
	an_currency_free(c);

	c = currency(*state, 2022, 3, 31, 1, AN_DIM_AGENCY);
	assert_int_equal(c->total.in_date, 1);	/* p2 only */
	assert_int_equal(c->nrows, 3);
	assert_string_equal(c->rows[0].key, "Health");
	assert_int_equal(c->rows[0].in_date, 0);
	assert_string_equal(c->rows[1].key, "Police");
	assert_int_equal(c->rows[1].practitioners, 2);
	assert_int_equal(c->rows[1].in_date, 1);
	assert_int_equal(c->rows[1].workforce, 40);	/* the latest figure begun by then */
	assert_double_equal(c->rows[1].in_date_share, 1.0 / 40.0, TOL);
	assert_string_equal(c->rows[2].key, "School");
	assert_int_equal(c->rows[2].workforce, -1);
	assert_true(isnan(c->rows[2].in_date_share));
	assert_true(isnan(c->total.in_date_share));
	an_currency_free(c);

	c = currency(*state, 2022, 3, 31, 1, AN_DIM_SECTOR);
	assert_int_equal(c->nrows, 3);
	assert_string_equal(c->rows[0].key, "education");
	assert_string_equal(c->rows[2].key, "police");
	assert_int_equal(c->rows[2].in_date, 1);
	an_currency_free(c);
}

static void
test_currency_hours(void **state)
{
	struct an_currency *c;

	/* Level 3: 6 hours in 36 months.  p4, p5: TTT 6 hours (course hours) on 1 Sep 2019. */
	c = currency(*state, 2020, 12, 31, 3, AN_DIM_NONE);
	assert_true(c->by_hours);
	/* p1: only s7's 2 hours by then */
	assert_int_equal(c->total.practitioners, 3);
	assert_int_equal(c->total.in_date, 2);
	an_currency_free(c);

	c = currency(*state, 2021, 1, 10, 3, AN_DIM_NONE);
	/* The window starts 10 Jan 2018.  p1: 2 (s7) + 4 (s6, the attendance's own hours) = 6 */
	assert_int_equal(c->total.in_date, 3);
	an_currency_free(c);

	c = currency(*state, 2021, 6, 1, 3, AN_DIM_NONE);
	/* The window starts 1 June 2018: s7 has left it, p1 has 4 hours. */
	assert_int_equal(c->total.in_date, 2);
	an_currency_free(c);
}

/* ---- trainers ------------------------------------------------------------------------------- */

static void
test_trainers(void **state)
{
	struct an_trainers_opts o;
	struct an_trainers *t;
	struct lia_err err;

	an_trainers_opts_defaults(&o);
	assert_int_equal(o.target, 14);
	assert_non_null(t = an_trainers_run(*state, &o, &err));
	assert_int_equal(t->trainers, 2);	/* p4 Health, p5 School */
	assert_int_equal(t->shortfall, 12);
	assert_int_equal(t->sectors, 3);
	assert_int_equal(t->sectors_represented, 2);
	assert_int_equal(t->nrows, 3);
	assert_string_equal(t->rows[2].sector, "police");
	assert_int_equal(t->rows[2].trainers, 0);
	assert_true(has_note(&t->notes, "sectors with no trainer: police"));
	an_trainers_free(t);

	o.course = "NEG1";
	assert_null(an_trainers_run(*state, &o, &err));
	assert_non_null(strstr(err.msg, "not a train-the-trainer course"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_dimensions),
		cmocka_unit_test(test_in_date),
		cmocka_unit_test_setup_teardown(test_reach_by_agency, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reach_fy_boundary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reach_filters_and_themes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reach_cumulative, setup, teardown),
		cmocka_unit_test_setup_teardown(test_currency_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(test_currency_hours, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trainers, setup, teardown),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
