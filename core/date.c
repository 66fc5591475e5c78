/*
 * date: day numbers and the one date parser every importer and command uses.
 * Day numbers count from 1970-01-01 in the proleptic Gregorian calendar; the
 * conversion is the civil-from-days arithmetic on 400-year eras.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int
date_valid_ymd(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= date_days_in_month(y, m);
}

lia_date
date_from_ymd(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (lia_date)(era * 146097 + doe - 719468);
}

void
date_to_ymd(lia_date days, int *y, int *m, int *d)
{
	long z = (long)days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long dd = doy - (153 * mp + 2) / 5 + 1;
	long mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

int
date_weekday(lia_date days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = ((long)days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

char *
date_format(lia_date days, char *buf)
{
	char tmp[32];
	int y, m, d;

	date_to_ymd(days, &y, &m, &d);
	snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
	memcpy(buf, tmp, DATE_ISO_LEN - 1);
	buf[DATE_ISO_LEN - 1] = '\0';
	return buf;
}

lia_date
date_add_months(lia_date days, int months)
{
	int y, m, d, total, dim;

	date_to_ymd(days, &y, &m, &d);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

/* ---- words --------------------------------------------------------------- */

static const char *const month_words[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};
static const char *const month_abbrev[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

const char *
date_month_name(int month, int abbrev)
{
	if (month < 1 || month > 12)
		return "?";
	return abbrev ? month_abbrev[month - 1] : month_words[month - 1];
}

char *
date_long(lia_date d, char *buf)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, DATE_LONG_LEN, "%d %s %d", day, month_words[m - 1], y);
	return buf;
}

char *
date_month_year(lia_date d, char *buf)
{
	int y, m, day;

	date_to_ymd(d, &y, &m, &day);
	snprintf(buf, DATE_LONG_LEN, "%s %d", month_abbrev[m - 1], y);
	return buf;
}

/* ---- parsing ------------------------------------------------------------- */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

/* Reads up to max digits; returns the count read (0 if none). */
static int
read_digits(const char **p, int max, int *value)
{
	int n = 0, v = 0;

	while (n < max && isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	*value = v;
	return n;
}

/* Length of the run of letters at p. */
static size_t
word_len(const char *p)
{
	size_t n = 0;

	while (isalpha((unsigned char)p[n]))
		n++;
	return n;
}

/* Month from a name or its three-letter (or longer) prefix: "Jun", "Sept". */
static int
month_from_word(const char *p, size_t len)
{
	char w[16];
	size_t i;

	if (len < 3 || len >= sizeof w)
		return 0;
	for (i = 0; i < len; i++)
		w[i] = (char)tolower((unsigned char)p[i]);
	w[len] = '\0';
	for (i = 0; i < 12; i++)
		if (strncmp(month_names[i], w, len) == 0)
			return (int)i + 1;
	if (strcmp(w, "sept") == 0)
		return 9;
	return 0;
}

static int
is_day_word(const char *p, size_t len)
{
	size_t i, k;

	if (len < 3)
		return 0;
	for (i = 0; i < 7; i++) {
		if (len > strlen(day_names[i]))
			continue;
		for (k = 0; k < len; k++)
			if (tolower((unsigned char)p[k]) != day_names[i][k])
				break;
		if (k == len)
			return 1;
	}
	return 0;
}

static int
expand_year(int y, int ndigits)
{
	if (ndigits == 2)
		return y < 30 ? 2000 + y : 1900 + y;
	return y;
}

/* What may follow a date: nothing, or a time after a space or 'T'. */
static int
rest_ok(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return 1;
	if (*p == 'T' || *p == 't')
		p++;
	if (!isdigit((unsigned char)*p))
		return 0;
	/* hh:mm, hh.mm or hh:mm:ss..., perhaps with am/pm or a zone: ignored */
	while (isdigit((unsigned char)*p))
		p++;
	return *p == ':' || *p == '.' || *p == '\0';
}

static int
finish(const char *text, int y, int m, int d, const char *rest, lia_date *out,
    struct lia_err *err)
{
	if (!date_valid_ymd(y, m, d))
		return lia_err_set(err, "impossible date '%s'", text);
	if (!rest_ok(rest))
		return lia_err_set(err, "cannot read date '%s'", text);
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* Excel's 1900 date system: serial 1 is 1900-01-01 and it counts a
 * 29 February 1900 that never was, so from serial 61 on the epoch is
 * 1899-12-30.  Only five-digit serials are taken as dates (1927-2173), so a
 * year or a small count is never mistaken for one. */
static int
parse_excel(const char *text, const char *p, lia_date *out, struct lia_err *err)
{
	int v, n = read_digits(&p, 6, &v);

	if (n != 5)
		return lia_err_set(err, "cannot read date '%s'", text);
	if (*p == '.') {
		p++;
		while (isdigit((unsigned char)*p))
			p++;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return lia_err_set(err, "cannot read date '%s'", text);
	*out = date_from_ymd(1899, 12, 30) + v;
	return 0;
}

int
date_parse(const char *text, lia_date *out, struct lia_err *err)
{
	const char *p = text;
	int a, b, c, na, nb, nc, m;
	size_t wl;
	char sep;

	if (text == NULL)
		return lia_err_set(err, "missing date");
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return lia_err_set(err, "missing date");

	/* A leading day name: "Wednesday 12 June 2019", "Wed, 12 Jun 2019". */
	wl = word_len(p);
	if (wl > 0 && is_day_word(p, wl)) {
		p += wl;
		if (*p == ',')
			p++;
		while (*p == ' ')
			p++;
	}

	na = read_digits(&p, 5, &a);
	if (na == 0)
		return lia_err_set(err, "cannot read date '%s'", text);

	/* ISO: YYYY-MM-DD or YYYY/MM/DD */
	if (na == 4 && (*p == '-' || *p == '/')) {
		sep = *p++;
		nb = read_digits(&p, 2, &b);
		if (nb == 0 || *p != sep)
			return lia_err_set(err, "cannot read date '%s'", text);
		p++;
		nc = read_digits(&p, 2, &c);
		if (nc == 0)
			return lia_err_set(err, "cannot read date '%s'", text);
		return finish(text, a, b, c, p, out, err);
	}
	if (na == 5 || (na >= 3 && *p != '/' && *p != '.' && *p != '-'))
		return parse_excel(text, text + strspn(text, " \t"), out, err);
	if (na > 2)
		return lia_err_set(err, "cannot read date '%s'", text);

	/* Day first.  An ordinal suffix may follow the day: "12th". */
	if (isalpha((unsigned char)p[0]) && isalpha((unsigned char)p[1]) &&
	    !isalpha((unsigned char)p[2])) {
		char s0 = (char)tolower((unsigned char)p[0]);
		char s1 = (char)tolower((unsigned char)p[1]);
		if ((s0 == 's' && s1 == 't') || (s0 == 'n' && s1 == 'd') ||
		    (s0 == 'r' && s1 == 'd') || (s0 == 't' && s1 == 'h'))
			p += 2;
	}
	if (*p == '/' || *p == '.' || (*p == '-' && isdigit((unsigned char)p[1]))) {
		sep = *p++;
		nb = read_digits(&p, 2, &b);
		if (nb == 0 || *p != sep)
			return lia_err_set(err, "cannot read date '%s'", text);
		p++;
		nc = read_digits(&p, 4, &c);
		if (nc != 2 && nc != 4)
			return lia_err_set(err, "cannot read date '%s'", text);
		return finish(text, expand_year(c, nc), b, a, p, out, err);
	}
	/* Day, month name, year: "12 June 2019", "12-Jun-19", "12 Jun, 2019". */
	if (*p == ' ' || *p == '-')
		sep = *p++;
	else
		return lia_err_set(err, "cannot read date '%s'", text);
	while (sep == ' ' && *p == ' ')
		p++;
	wl = word_len(p);
	m = month_from_word(p, wl);
	if (m == 0)
		return lia_err_set(err, "cannot read date '%s'", text);
	p += wl;
	if (*p == '.')
		p++;
	if (*p == ',')
		p++;
	if (*p != ' ' && *p != '-')
		return lia_err_set(err, "cannot read date '%s'", text);
	while (*p == ' ' || *p == '-')
		p++;
	nc = read_digits(&p, 4, &c);
	if (nc != 2 && nc != 4)
		return lia_err_set(err, "cannot read date '%s'", text);
	return finish(text, expand_year(c, nc), m, a, p, out, err);
}
