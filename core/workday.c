/*
 * workday: the England and Wales working-day calendar behind the statutory
 * clocks of reviews (notify within 5 working days, rapid review within 15,
 * the panel told 7 working days before publication).  Bank holidays come
 * from the rules of the Banking and Financial Dealings Act 1971 and the
 * annual proclamations, with the one-off changes since 1995 built in; the
 * extras a partnership imports into the holiday table are added on top.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/core.h"

struct calendar {
	GArray *extra;		/* sorted lia_date values */
};

struct holiday {
	lia_date date;
	const char *name;
};

/* Moved days: in these years the usual Monday gave way to another date. */
struct moved {
	int year;
	const char *usual;	/* "early" or "spring" */
	int month, day;
	const char *name;
};

static const struct moved moved_days[] = {
	{ 1995, "early", 5, 8, "Early May bank holiday (VE day)" },
	{ 2002, "spring", 6, 4, "Spring bank holiday" },
	{ 2012, "spring", 6, 4, "Spring bank holiday" },
	{ 2020, "early", 5, 8, "Early May bank holiday (VE day)" },
	{ 2022, "spring", 6, 2, "Spring bank holiday" },
};

/* One-off extra days proclaimed for a single year. */
static const struct {
	int year, month, day;
	const char *name;
} one_off_days[] = {
	{ 1999, 12, 31, "Millennium Celebrations" },
	{ 2002, 6, 3, "Golden Jubilee bank holiday" },
	{ 2011, 4, 29, "Royal wedding" },
	{ 2012, 6, 5, "Diamond Jubilee bank holiday" },
	{ 2022, 6, 3, "Platinum Jubilee bank holiday" },
	{ 2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II" },
	{ 2023, 5, 8, "Bank holiday for the coronation of King Charles III" },
};

lia_date
date_easter(int year)
{
	/* The anonymous Gregorian computus (Meeus, Astronomical Algorithms). */
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return date_from_ymd(year, month, day);
}

static lia_date
first_monday(int y, int m)
{
	lia_date d = date_from_ymd(y, m, 1);

	return d + (7 - date_weekday(d)) % 7;
}

static lia_date
last_monday(int y, int m)
{
	lia_date d = date_from_ymd(y, m, date_days_in_month(y, m));

	return d - date_weekday(d);
}

static const struct moved *
find_moved(int y, const char *usual)
{
	size_t i;

	for (i = 0; i < sizeof moved_days / sizeof moved_days[0]; i++)
		if (moved_days[i].year == y && strcmp(moved_days[i].usual, usual) == 0)
			return &moved_days[i];
	return NULL;
}

/* Fills out (room for 16) with the year's bank holidays; returns the count. */
static int
year_holidays(int y, struct holiday *out)
{
	const struct moved *mv;
	lia_date d, xmas, boxing;
	int n = 0, wd;
	size_t i;

	d = date_from_ymd(y, 1, 1);
	wd = date_weekday(d);
	out[n++] = (struct holiday){ wd == 5 ? d + 2 : wd == 6 ? d + 1 : d,
	    "New Year\u2019s Day" };
	d = date_easter(y);
	out[n++] = (struct holiday){ d - 2, "Good Friday" };
	out[n++] = (struct holiday){ d + 1, "Easter Monday" };
	mv = find_moved(y, "early");
	out[n++] = mv ? (struct holiday){ date_from_ymd(y, mv->month, mv->day), mv->name }
	    : (struct holiday){ first_monday(y, 5), "Early May bank holiday" };
	mv = find_moved(y, "spring");
	out[n++] = mv ? (struct holiday){ date_from_ymd(y, mv->month, mv->day), mv->name }
	    : (struct holiday){ last_monday(y, 5), "Spring bank holiday" };
	out[n++] = (struct holiday){ last_monday(y, 8), "Summer bank holiday" };

	xmas = date_from_ymd(y, 12, 25);
	boxing = xmas + 1;
	switch (date_weekday(xmas)) {
	case 4:			/* Friday: Boxing Day moves to Monday 28 */
		boxing = xmas + 3;
		break;
	case 5:			/* Saturday: Monday 27 and Tuesday 28 */
		xmas += 2;
		boxing = xmas + 1;
		break;
	case 6:			/* Sunday: Boxing Day Monday 26, Christmas Tuesday 27 */
		xmas += 2;
		break;
	default:
		break;
	}
	if (boxing < xmas) {
		out[n++] = (struct holiday){ boxing, "Boxing Day" };
		out[n++] = (struct holiday){ xmas, "Christmas Day" };
	} else {
		out[n++] = (struct holiday){ xmas, "Christmas Day" };
		out[n++] = (struct holiday){ boxing, "Boxing Day" };
	}
	for (i = 0; i < sizeof one_off_days / sizeof one_off_days[0]; i++)
		if (one_off_days[i].year == y)
			out[n++] = (struct holiday){ date_from_ymd(y, one_off_days[i].month,
			    one_off_days[i].day), one_off_days[i].name };
	return n;
}

const char *
calendar_bank_holiday_name(lia_date d)
{
	struct holiday h[16];
	int y, m, dd, n, i;

	date_to_ymd(d, &y, &m, &dd);
	n = year_holidays(y, h);
	for (i = 0; i < n; i++)
		if (h[i].date == d)
			return h[i].name;
	return NULL;
}

int
calendar_is_bank_holiday(lia_date d)
{
	return calendar_bank_holiday_name(d) != NULL;
}

struct calendar *
calendar_new(void)
{
	struct calendar *c = calloc(1, sizeof *c);

	if (c == NULL)
		return NULL;
	c->extra = g_array_new(FALSE, FALSE, sizeof(lia_date));
	return c;
}

void
calendar_free(struct calendar *c)
{
	if (c == NULL)
		return;
	g_array_free(c->extra, TRUE);
	free(c);
}

static int
cmp_date(const void *a, const void *b)
{
	lia_date x = *(const lia_date *)a, y = *(const lia_date *)b;

	return (x > y) - (x < y);
}

static int
has_extra(const struct calendar *c, lia_date d)
{
	if (c == NULL || c->extra->len == 0)
		return 0;
	return bsearch(&d, c->extra->data, c->extra->len, sizeof d, cmp_date) != NULL;
}

int
calendar_add(struct calendar *c, lia_date d)
{
	guint i;

	if (has_extra(c, d))
		return 0;
	for (i = 0; i < c->extra->len; i++)
		if (g_array_index(c->extra, lia_date, i) > d)
			break;
	g_array_insert_val(c->extra, i, d);
	return 0;
}

int
calendar_load_db(struct calendar *c, sqlite3 *db, struct lia_err *err)
{
	static const char sql[] = "SELECT date FROM holiday";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;
	lia_date d;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t != NULL && date_parse(t, &d, err) == 0)
			calendar_add(c, d);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "reading holidays: %s", db_errmsg(db));
	return 0;
}

int
calendar_is_workday(const struct calendar *c, lia_date d)
{
	return date_weekday(d) < 5 && !calendar_is_bank_holiday(d) && !has_extra(c, d);
}

long
calendar_workdays(const struct calendar *c, lia_date from, lia_date to)
{
	long n = 0;
	lia_date d;

	if (to < from)
		return -calendar_workdays(c, to, from);
	for (d = from + 1; d <= to; d++)
		n += calendar_is_workday(c, d);
	return n;
}

lia_date
calendar_add_workdays(const struct calendar *c, lia_date from, int n)
{
	lia_date d = from;

	while (n > 0) {
		d++;
		if (calendar_is_workday(c, d))
			n--;
	}
	return d;
}
