/*
 * Unit tests for the England and Wales working-day calendar.  The bank
 * holidays computed by rule are compared, year by year for 2015-2027, with
 * GOV.UK's published list (tests/conformance/uk-bank-holidays), dates and
 * titles; working days per month with the derived table beside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/core.h"

#define HOLIDAYS "tests/conformance/uk-bank-holidays/england-and-wales.csv"
#define WORKDAYS "tests/conformance/uk-bank-holidays/derived-working-days-by-month.csv"

static void
test_easter(void **state)
{
	(void)state;
	assert_int_equal(date_easter(2019), date_from_ymd(2019, 4, 21));
	assert_int_equal(date_easter(2024), date_from_ymd(2024, 3, 31));
	assert_int_equal(date_easter(2038), date_from_ymd(2038, 4, 25));
	assert_int_equal(date_easter(1818), date_from_ymd(1818, 3, 22));
}

static void
test_govuk_holidays(void **state)
{
	FILE *fp = fopen(HOLIDAYS, "r");
	char line[256];
	int listed[2028 - 2015] = { 0 };
	int total = 0;

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));	/* header */
	while (fgets(line, sizeof line, fp) != NULL) {
		struct lia_err err;
		lia_date d;
		char *comma = strchr(line, ',');
		const char *name;

		assert_non_null(comma);
		*comma = '\0';
		comma[1 + strcspn(comma + 1, "\r\n")] = '\0';
		assert_int_equal(date_parse(line, &d, &err), 0);
		name = calendar_bank_holiday_name(d);
		if (name == NULL)
			fail_msg("%s (%s) is not a bank holiday by rule", line, comma + 1);
		assert_string_equal(name, comma + 1);
		listed[atoi(line) - 2015]++;
		total++;
	}
	fclose(fp);
	assert_int_equal(total, 107);
	/* No more: every day the rules give in 2015-2027 is in the list. */
	for (int y = 2015; y <= 2027; y++) {
		int by_rule = 0;
		for (lia_date d = date_from_ymd(y, 1, 1); d <= date_from_ymd(y, 12, 31); d++)
			by_rule += calendar_is_bank_holiday(d);
		assert_int_equal(by_rule, listed[y - 2015]);
	}
}

static void
test_workdays_by_month(void **state)
{
	FILE *fp = fopen(WORKDAYS, "r");
	struct calendar *cal = calendar_new();
	char line[256];
	int rows = 0;

	(void)state;
	assert_non_null(fp);
	assert_non_null(fgets(line, sizeof line, fp));
	while (fgets(line, sizeof line, fp) != NULL) {
		int y, m, days, weekdays, hols, work;
		lia_date first, last;

		assert_int_equal(sscanf(line, "%d,%d,%d,%d,%d,%d", &y, &m, &days, &weekdays,
		    &hols, &work), 6);
		first = date_from_ymd(y, m, 1);
		last = date_from_ymd(y, m, days);
		/* working days after the day before the 1st, to the last day */
		assert_int_equal(calendar_workdays(cal, first - 1, last), work);
		rows++;
	}
	fclose(fp);
	calendar_free(cal);
	assert_int_equal(rows, 156);
}

static void
test_spans(void **state)
{
	struct calendar *cal = calendar_new();

	(void)state;
	/* Wed 1 June 2022 to Wed 8 June 2022: 2 and 3 June are holidays. */
	assert_int_equal(calendar_workdays(cal, date_from_ymd(2022, 6, 1),
	    date_from_ymd(2022, 6, 8)), 3);
	assert_false(calendar_is_workday(cal, date_from_ymd(2022, 6, 3)));
	assert_false(calendar_is_workday(cal, date_from_ymd(2022, 12, 27)));
	assert_true(calendar_is_workday(cal, date_from_ymd(2022, 12, 28)));
	assert_int_equal(calendar_workdays(cal, date_from_ymd(2022, 6, 8),
	    date_from_ymd(2022, 6, 1)), -3);
	assert_int_equal(calendar_workdays(cal, date_from_ymd(2022, 6, 8),
	    date_from_ymd(2022, 6, 8)), 0);
	/* 2020-05-04 was an ordinary Monday: VE day moved to Friday 8 May. */
	assert_true(calendar_is_workday(cal, date_from_ymd(2020, 5, 4)));
	assert_false(calendar_is_workday(cal, date_from_ymd(2020, 5, 8)));
	assert_true(calendar_is_workday(cal, date_from_ymd(2022, 5, 30)));
	/* Rule years outside the published list: 2012 Diamond Jubilee. */
	assert_false(calendar_is_workday(cal, date_from_ymd(2012, 6, 5)));
	assert_true(calendar_is_workday(cal, date_from_ymd(2012, 5, 28)));
	/* An extra day from the holiday table. */
	assert_int_equal(calendar_add(cal, date_from_ymd(2022, 6, 6)), 0);
	assert_int_equal(calendar_workdays(cal, date_from_ymd(2022, 6, 1),
	    date_from_ymd(2022, 6, 8)), 2);
	/* Five working days after Thursday 22 December 2022 is 3 January (26, 27 December and 2 January are holidays). */
	assert_int_equal(calendar_add_workdays(cal, date_from_ymd(2022, 12, 22), 5),
	    date_from_ymd(2023, 1, 3));
	calendar_free(cal);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_easter),
		cmocka_unit_test(test_govuk_holidays),
		cmocka_unit_test(test_workdays_by_month),
		cmocka_unit_test(test_spans),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
