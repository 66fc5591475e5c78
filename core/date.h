/*
 * core/date.h: days, months and reporting periods, as every floor of lia
 * counts them: one parser of dates for every form real exports use, one
 * set of month names and long dates for every output.  Free of SQLite, so
 * the charts may use it.
 */
#ifndef LIA_CORE_DATE_H
#define LIA_CORE_DATE_H

#include <stdint.h>

#include "core/err.h"

/* ---- dates --------------------------------------------------------------- */

/*
 * A date is a day number: days since 1970-01-01 (negative before), proleptic
 * Gregorian.  Stored in SQLite as ISO text "YYYY-MM-DD".
 */
typedef int32_t lia_date;

#define DATE_ISO_LEN 11		/* "YYYY-MM-DD" and the NUL */

lia_date date_from_ymd(int y, int m, int d);
void date_to_ymd(lia_date, int *y, int *m, int *d);
/* 0 Monday ... 6 Sunday. */
int date_weekday(lia_date);
/* Whether y-m-d is a real calendar day (years 1..9999). */
int date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Writes "YYYY-MM-DD" into buf (DATE_ISO_LEN bytes). Returns buf. */
char *date_format(lia_date, char *buf);
/* Adds months, clamping the day to the end of the target month. */
lia_date date_add_months(lia_date, int months);

/* "June", or "Jun" when abbrev, for a month 1..12; "?" otherwise.  Static text. */
const char *date_month_name(int month, int abbrev);
/* "1 April 2019": a date as a board paper writes it.  buf has DATE_LONG_LEN bytes. */
#define DATE_LONG_LEN 32
char *date_long(lia_date, char *buf);
/* "Apr 2019".  buf has DATE_LONG_LEN bytes. */
char *date_month_year(lia_date, char *buf);

/*
 * Parses one date written any of the ways real exports write them: ISO
 * 2019-06-12, UK day-first 12/06/2019, 12/6/2019, 12/06/19, 12.06.2019,
 * 12-06-2019, 12 June 2019, 12 Jun 2019, 12-Jun-19, "Wednesday 12th June
 * 2019", and Excel 1900-system serial day numbers of five digits (43628 is
 * 2019-06-12; a fraction is a time of day).  A time after the date
 * ("2019-06-12 10:30:00", "2019-06-12T10:30Z", "12/06/2019 10:30") is ignored.
 * Two-digit years 00-29 are 2000-2029, 30-99 are 1930-1999 (Excel's rule).
 * Returns 0 and sets *out, or -1 with err naming the text quoted.
 */
int date_parse(const char *text, lia_date *out, struct lia_err *);

/* ---- periods --------------------------------------------------------------- */

enum period_kind {
	PERIOD_ALL,		/* no limit: all the data */
	PERIOD_YEAR,		/* calendar year "2019" */
	PERIOD_FY,		/* financial year "2019/20": 1 April to 31 March */
	PERIOD_QUARTER,		/* financial quarter "2019/20 Q1" (Q1 = Apr-Jun) */
	PERIOD_MONTH,		/* "2019-06" */
	PERIOD_RANGE		/* explicit --from/--to */
};

/* A closed interval of days [from, to] with its canonical label. */
struct period {
	enum period_kind kind;
	lia_date from, to;
	char label[32];
};

/* The period that holds everything. */
void period_all(struct period *);
/*
 * Parses "2019", "2019/20" (or "2019/2020", "FY2019/20"), "2019/20 Q1" and
 * "2019-06".  Returns 0, or -1 with err quoting the text.
 */
int period_parse(const char *text, struct period *, struct lia_err *);
/* --from/--to: either may be NULL (open end). -1 if to is before from. */
int period_range(const char *from, const char *to, struct period *, struct lia_err *);
/* The financial year that holds a date, e.g. 2019 for 2020-03-31. */
int period_fy_of(lia_date);
int period_contains(const struct period *, lia_date);

#endif
