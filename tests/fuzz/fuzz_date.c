/*
 * libFuzzer target for the one date parser (core/date.c) and the reporting
 * periods: the input, as text, through date_parse, period_parse and (split
 * at its first '|') period_range.  A date parsed must be a real day of
 * years 1 to 9999 that its ISO form parses back to; a period must run
 * forwards; a refusal must say why; never a crash (AddressSanitizer and
 * UBSan).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_date(const char *text)
{
	struct lia_err err;
	char iso[DATE_ISO_LEN], longer[DATE_LONG_LEN];
	lia_date d, back;
	int y, m, day;

	lia_err_clear(&err);
	if (date_parse(text, &d, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();
		return;
	}
	date_to_ymd(d, &y, &m, &day);
	if (!date_valid_ymd(y, m, day) || date_from_ymd(y, m, day) != d)
		abort();
	date_format(d, iso);
	if (date_parse(iso, &back, &err) != 0 || back != d)
		abort();
	date_long(d, longer);
	date_month_year(d, longer);
	if (date_weekday(d) < 0 || date_weekday(d) > 6)
		abort();
}

static void
check_period(const struct period *p)
{
	if (p->kind != PERIOD_ALL && p->from > p->to)
		abort();
	if (memchr(p->label, '\0', sizeof p->label) == NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = g_strndup((const char *)data, size), *bar;
	struct lia_err err;
	struct period p;

	check_date(text);
	lia_err_clear(&err);
	if (period_parse(text, &p, &err) == 0)
		check_period(&p);
	else if (err.msg[0] == '\0')
		abort();
	if ((bar = strchr(text, '|')) != NULL) {
		*bar = '\0';
		lia_err_clear(&err);
		if (period_range(*text ? text : NULL, bar[1] ? bar + 1 : NULL, &p, &err) == 0)
			check_period(&p);
		else if (err.msg[0] == '\0')
			abort();
	}
	g_free(text);
	return 0;
}
