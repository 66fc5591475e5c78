/*
 * period: the reporting periods partnerships use.  A financial year runs from
 * 1 April to 31 March and is written "2019/20"; its quarters Q1..Q4 start in
 * April, July, October and January.  Every period is a closed day interval.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"

void
period_all(struct period *p)
{
	p->kind = PERIOD_ALL;
	p->from = INT32_MIN;
	p->to = INT32_MAX;
	snprintf(p->label, sizeof p->label, "all");
}

int
period_fy_of(lia_date d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	return m >= 4 ? y : y - 1;
}

int
period_contains(const struct period *p, lia_date d)
{
	return d >= p->from && d <= p->to;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
num(const char *s, size_t n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

int
period_parse(const char *text, struct period *p, struct lia_err *err)
{
	char buf[32];
	const char *s;
	size_t len;
	int y, y2, q;

	if (text == NULL || strlen(text) >= sizeof buf)
		return lia_err_set(err, "cannot read period '%s'", text ? text : "");
	/* Trim, and drop an "FY" prefix. */
	while (*text == ' ')
		text++;
	snprintf(buf, sizeof buf, "%s", text);
	len = strlen(buf);
	while (len > 0 && buf[len - 1] == ' ')
		buf[--len] = '\0';
	s = buf;
	if ((s[0] == 'F' || s[0] == 'f') && (s[1] == 'Y' || s[1] == 'y')) {
		s += 2;
		while (*s == ' ')
			s++;
	}
	len = strlen(s);

	if (len == 4 && digits(s, 4)) {
		y = num(s, 4);
		p->kind = PERIOD_YEAR;
		p->from = date_from_ymd(y, 1, 1);
		p->to = date_from_ymd(y, 12, 31);
		snprintf(p->label, sizeof p->label, "%04d", y);
		return 0;
	}
	if (len == 7 && digits(s, 4) && s[4] == '-' && digits(s + 5, 2)) {
		int m = num(s + 5, 2);

		if (m < 1 || m > 12)
			return lia_err_set(err, "impossible month in period '%s'", text);
		y = num(s, 4);
		p->kind = PERIOD_MONTH;
		p->from = date_from_ymd(y, m, 1);
		p->to = date_from_ymd(y, m, date_days_in_month(y, m));
		snprintf(p->label, sizeof p->label, "%04d-%02d", y, m);
		return 0;
	}
	if (len >= 7 && digits(s, 4) && s[4] == '/') {
		const char *r = s + 5;
		size_t n2 = strspn(r, "0123456789");

		y = num(s, 4);
		if (n2 == 2)
			y2 = num(r, 2);
		else if (n2 == 4)
			y2 = num(r, 4) % 100;
		else
			return lia_err_set(err, "cannot read period '%s'", text);
		if (y2 != (y + 1) % 100)
			return lia_err_set(err, "financial year '%s' must span two consecutive years", text);
		r += n2;
		while (*r == ' ')
			r++;
		if (*r == '\0') {
			p->kind = PERIOD_FY;
			p->from = date_from_ymd(y, 4, 1);
			p->to = date_from_ymd(y + 1, 3, 31);
			snprintf(p->label, sizeof p->label, "%04d/%02d", y, (y + 1) % 100);
			return 0;
		}
		if ((r[0] == 'Q' || r[0] == 'q') && r[1] >= '1' && r[1] <= '4' && r[2] == '\0') {
			int start_month, start_year;

			q = r[1] - '0';
			start_month = 4 + (q - 1) * 3;
			start_year = y;
			if (start_month > 12) {
				start_month -= 12;
				start_year++;
			}
			p->kind = PERIOD_QUARTER;
			p->from = date_from_ymd(start_year, start_month, 1);
			p->to = date_add_months(p->from, 3) - 1;
			snprintf(p->label, sizeof p->label, "%04d/%02d Q%d", y, (y + 1) % 100, q);
			return 0;
		}
	}
	return lia_err_set(err, "cannot read period '%s' (expected 2019, 2019/20, 2019/20 Q1 or 2019-06)", text);
}

int
period_range(const char *from, const char *to, struct period *p, struct lia_err *err)
{
	char a[DATE_ISO_LEN], b[DATE_ISO_LEN];

	period_all(p);
	p->kind = PERIOD_RANGE;
	if (from != NULL && date_parse(from, &p->from, err) != 0)
		return -1;
	if (to != NULL && date_parse(to, &p->to, err) != 0)
		return -1;
	if (p->to < p->from)
		return lia_err_set(err, "--to %s is before --from %s", to, from);
	snprintf(p->label, sizeof p->label, "%s to %s",
	    from ? date_format(p->from, a) : "start", to ? date_format(p->to, b) : "end");
	return 0;
}
