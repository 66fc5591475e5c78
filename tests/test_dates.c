/*
 * Unit tests for core dates and periods: every written form the importers
 * meet, impossible dates, Excel serials and the financial-year boundary.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

static void
assert_date(const char *text, const char *iso)
{
	struct lia_err err;
	lia_date d;
	char buf[DATE_ISO_LEN];

	lia_err_clear(&err);
	if (date_parse(text, &d, &err) != 0)
		fail_msg("date_parse('%s') failed: %s", text, err.msg);
	assert_string_equal(date_format(d, buf), iso);
}

static void
assert_bad_date(const char *text, const char *msg_part)
{
	struct lia_err err;
	lia_date d;

	lia_err_clear(&err);
	if (date_parse(text, &d, &err) == 0)
		fail_msg("date_parse('%s') accepted a bad date", text);
	if (strstr(err.msg, msg_part) == NULL)
		fail_msg("message '%s' lacks '%s'", err.msg, msg_part);
}

static void
test_day_numbers(void **state)
{
	int y, m, d;

	(void)state;
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(date_from_ymd(1969, 12, 31), -1);
	for (lia_date x = -800000; x < 800000; x += 997) {
		date_to_ymd(x, &y, &m, &d);
		assert_int_equal(date_from_ymd(y, m, d), x);
	}
	/* 2019-06-12 was a Wednesday (2 when Monday is 0). */
	assert_int_equal(date_weekday(date_from_ymd(2019, 6, 12)), 2);
	assert_int_equal(date_weekday(0), 3);
	assert_true(date_valid_ymd(2020, 2, 29));
	assert_false(date_valid_ymd(2019, 2, 29));
	assert_false(date_valid_ymd(1900, 2, 29));
	assert_true(date_valid_ymd(2000, 2, 29));
	assert_int_equal(date_add_months(date_from_ymd(2019, 1, 31), 1), date_from_ymd(2019, 2, 28));
	assert_int_equal(date_add_months(date_from_ymd(2019, 6, 12), 36), date_from_ymd(2022, 6, 12));
	assert_int_equal(date_add_months(date_from_ymd(2019, 6, 12), -7), date_from_ymd(2018, 11, 12));
}

static void
test_parse_forms(void **state)
{
	(void)state;
	assert_date("2019-06-12", "2019-06-12");
	assert_date("2019/06/12", "2019-06-12");
	assert_date("12/06/2019", "2019-06-12");
	assert_date("12/6/2019", "2019-06-12");
	assert_date("12/06/19", "2019-06-12");
	assert_date("12.06.2019", "2019-06-12");
	assert_date("12-06-2019", "2019-06-12");
	assert_date("12 June 2019", "2019-06-12");
	assert_date("12 Jun 2019", "2019-06-12");
	assert_date("12-Jun-19", "2019-06-12");
	assert_date("12 jun 19", "2019-06-12");
	assert_date("12th June 2019", "2019-06-12");
	assert_date("1st Sept 2019", "2019-09-01");
	assert_date("Wednesday 12 June 2019", "2019-06-12");
	assert_date("Wed, 12 Jun 2019", "2019-06-12");
	assert_date("  12/06/2019  ", "2019-06-12");
	/* Excel 1900 system */
	assert_date("43628", "2019-06-12");
	assert_date("43628.4375", "2019-06-12");
	assert_date("43890", "2020-02-29");
	/* times are ignored */
	assert_date("2019-06-12 10:30:00", "2019-06-12");
	assert_date("2019-06-12T10:30:00Z", "2019-06-12");
	assert_date("12/06/2019 10:30", "2019-06-12");
	assert_date("12/06/2019 9.05", "2019-06-12");
	/* two-digit years: 00-29 this century, 30-99 the last */
	assert_date("01/01/29", "2029-01-01");
	assert_date("01/01/30", "1930-01-01");
	assert_date("29/02/2020", "2020-02-29");
}

static void
test_parse_errors(void **state)
{
	(void)state;
	assert_bad_date("31/02/2020", "impossible date '31/02/2020'");
	assert_bad_date("00/01/2020", "impossible date '00/01/2020'");
	assert_bad_date("29/02/2019", "impossible date");
	assert_bad_date("2019-13-01", "impossible date '2019-13-01'");
	assert_bad_date("32 June 2019", "impossible date");
	assert_bad_date("12 Juno 2019", "cannot read date '12 Juno 2019'");
	assert_bad_date("yesterday", "cannot read date 'yesterday'");
	assert_bad_date("", "missing date");
	assert_bad_date("2019", "cannot read date '2019'");
	assert_bad_date("123", "cannot read date");
	assert_bad_date("1234567", "cannot read date");
	assert_bad_date("12/06", "cannot read date");
	assert_bad_date("12/06/2019 lunchtime", "cannot read date");
	assert_bad_date("2019-06-12x", "cannot read date");
	assert_bad_date("12/06/201", "cannot read date");
}

static void
assert_period(const char *text, const char *from, const char *to, const char *label,
    enum period_kind kind)
{
	struct period p;
	struct lia_err err;
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];

	lia_err_clear(&err);
	if (period_parse(text, &p, &err) != 0)
		fail_msg("period_parse('%s'): %s", text, err.msg);
	assert_string_equal(date_format(p.from, a), from);
	assert_string_equal(date_format(p.to, b), to);
	assert_string_equal(p.label, label);
	assert_int_equal(p.kind, kind);
}

static void
test_periods(void **state)
{
	struct period p;
	struct lia_err err;

	(void)state;
	assert_period("2019", "2019-01-01", "2019-12-31", "2019", PERIOD_YEAR);
	assert_period("2019/20", "2019-04-01", "2020-03-31", "2019/20", PERIOD_FY);
	assert_period("2019/2020", "2019-04-01", "2020-03-31", "2019/20", PERIOD_FY);
	assert_period("FY2019/20", "2019-04-01", "2020-03-31", "2019/20", PERIOD_FY);
	assert_period("1999/00", "1999-04-01", "2000-03-31", "1999/00", PERIOD_FY);
	assert_period("2019/20 Q1", "2019-04-01", "2019-06-30", "2019/20 Q1", PERIOD_QUARTER);
	assert_period("2019/20 Q3", "2019-10-01", "2019-12-31", "2019/20 Q3", PERIOD_QUARTER);
	assert_period("2019/20 q4", "2020-01-01", "2020-03-31", "2019/20 Q4", PERIOD_QUARTER);
	assert_period("2019-06", "2019-06-01", "2019-06-30", "2019-06", PERIOD_MONTH);
	assert_period("2020-02", "2020-02-01", "2020-02-29", "2020-02", PERIOD_MONTH);

	lia_err_clear(&err);
	assert_int_equal(period_parse("2019/21", &p, &err), -1);
	assert_non_null(strstr(err.msg, "2019/21"));
	assert_int_equal(period_parse("2019-13", &p, &err), -1);
	assert_int_equal(period_parse("2019/20 Q5", &p, &err), -1);
	assert_int_equal(period_parse("last year", &p, &err), -1);
	assert_non_null(strstr(err.msg, "'last year'"));

	/* The financial-year boundary: 31 March is the old year, 1 April the new. */
	assert_int_equal(period_fy_of(date_from_ymd(2020, 3, 31)), 2019);
	assert_int_equal(period_fy_of(date_from_ymd(2020, 4, 1)), 2020);
	assert_int_equal(period_parse("2019/20", &p, &err), 0);
	assert_true(period_contains(&p, date_from_ymd(2020, 3, 31)));
	assert_false(period_contains(&p, date_from_ymd(2020, 4, 1)));
	assert_true(period_contains(&p, date_from_ymd(2019, 4, 1)));
	assert_false(period_contains(&p, date_from_ymd(2019, 3, 31)));

	assert_int_equal(period_range("01/04/2019", "31/03/2020", &p, &err), 0);
	assert_int_equal(p.from, date_from_ymd(2019, 4, 1));
	assert_int_equal(p.to, date_from_ymd(2020, 3, 31));
	assert_int_equal(period_range("2020-01-02", "2020-01-01", &p, &err), -1);
	assert_int_equal(period_range("2020-01-02", NULL, &p, &err), 0);
	assert_true(period_contains(&p, date_from_ymd(2090, 1, 1)));
	period_all(&p);
	assert_true(period_contains(&p, date_from_ymd(1900, 1, 1)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_numbers),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_periods),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
