/*
 * scrub: personal data taken out of free text before it is stored.  Free
 * text (an evidence item's source, a feedback comment, a rejected record's
 * cells) is kept, but the e-mail addresses, UK telephone numbers, IP
 * addresses and UK postcodes in it are replaced by a bracketed word saying
 * what was there.  Names cannot be told from other words and are not
 * looked for: the columns that hold names are never stored at all.
 *
 * One GLib regular expression, compiled once per process, finds the
 * candidates; a callback checks each (a telephone number has 10 or 11
 * digits in the national form, an IPv4 address four numbers up to 255)
 * and leaves text that fails the check as it was.  A candidate glued to
 * another ("L1 8JQ0::1": no word boundary after the postcode) stands alone
 * once its neighbour is replaced, so the text is scrubbed again until
 * nothing more is found: scrubbed text has nothing left to scrub (the
 * fuzz target fuzz_values checks it).
 */
#include <ctype.h>
#include <string.h>

#include "import/internal.h"

/*
 * The alternatives, tried left to right at each position:
 *   email     any run of non-space characters holding an '@' and
 *             something else (as the feedback loader has always removed
 *             them: "name@host", "<name@host>", "mailto:name@host"; an
 *             "@" alone, or "@@", is kept);
 *   ip4, ip6  dotted quads; IPv6 in full (8 groups) or with "::";
 *   postcode  the Royal Mail form: outward code (1-2 letters, a digit,
 *             an optional letter or digit), optional space, inward code
 *             (a digit and two letters), or GIR 0AA;
 *   phone     +44 or 0, then 9 or 10 more digits in groups separated by
 *             single spaces, hyphens or a bracketed area code.
 */
static const char pattern[] =
    "(?<email>\\S*@\\S*)"
    "|(?<ip4>\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b)"
    "|(?<ip6>(?<![0-9A-Fa-f:])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    "|(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{0,4}::(?:[0-9A-Fa-f]{1,4}:){0,6}"
    "[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:]))"
    "|(?<postcode>\\b(?:GIR ?0AA|[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2})\\b)"
    "|(?<phone>(?<![\\w+])(?:\\+44\\s?(?:\\(0\\)\\s?)?|\\(0|0)[\\d()][\\d() -]{7,14}\\d\\b)";

static GRegex *
scrub_regex(void)
{
	static gsize once;
	static GRegex *re;

	if (g_once_init_enter(&once)) {
		/* The pattern is a constant: it compiles, or the tests fail. */
		re = g_regex_new(pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
		g_once_init_leave(&once, 1);
	}
	return re;
}

/* The digits of s, counted; -1 when anything but digits, spaces, hyphens
 * and brackets (and a leading '+') is in it. */
static int
phone_digits(const char *s)
{
	int n = 0;

	if (*s == '+')
		s++;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s))
			n++;
		else if (*s != ' ' && *s != '-' && *s != '(' && *s != ')')
			return -1;
	}
	return n;
}

/* Whether a UK number: 0 and 9-10 digits, or 44 and 9-10 (with an optional
 * (0) after the 44, which is 10-11 after it). */
static int
is_phone(const char *s)
{
	int n = phone_digits(s);

	if (s[0] == '+')
		return n >= 11 && n <= 13;
	return n == 10 || n == 11;
}

static int
is_ip4(const char *s)
{
	int i;

	for (i = 0; i < 4; i++) {
		char *end;
		long v = strtol(s, &end, 10);

		if (end == s || v > 255)
			return 0;
		s = end + (*end == '.');
	}
	return 1;
}

struct scrub_found {
	unsigned found;
};

static gboolean
replace(const GMatchInfo *mi, GString *out, gpointer data)
{
	struct scrub_found *f = data;
	static const struct {
		const char *group, *text;
		unsigned bit;
	} kinds[] = {
		{ "email", "[e-mail removed]", IMP_SCRUB_EMAIL },
		{ "ip4", "[IP address removed]", IMP_SCRUB_IP },
		{ "ip6", "[IP address removed]", IMP_SCRUB_IP },
		{ "postcode", "[postcode removed]", IMP_SCRUB_POSTCODE },
		{ "phone", "[phone number removed]", IMP_SCRUB_PHONE },
	};
	char *all = g_match_info_fetch(mi, 0);
	size_t k;

	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		char *m = g_match_info_fetch_named(mi, kinds[k].group);
		int hit = m != NULL && *m != '\0';

		if (hit && kinds[k].bit == IMP_SCRUB_IP && k == 1)
			hit = is_ip4(m);
		else if (hit && kinds[k].bit == IMP_SCRUB_PHONE)
			hit = is_phone(m);
		else if (hit && kinds[k].bit == IMP_SCRUB_EMAIL)
			/* something besides '@': a lone "@" is no address */
			hit = m[strspn(m, "@")] != '\0';
		g_free(m);
		if (hit) {
			g_string_append(out, kinds[k].text);
			f->found |= kinds[k].bit;
			g_free(all);
			return FALSE;
		}
	}
	g_string_append(out, all);	/* a candidate that failed its check */
	g_free(all);
	return FALSE;
}

/* One pass over text: the new text, or NULL when nothing was replaced. */
static char *
scrub_once(const char *text, unsigned *found)
{
	struct scrub_found f = { 0 };
	GRegex *re;
	char *out;
	const char *p;
	int worth = 0;

	/* Every pattern needs an '@', a digit or a ':' (most text has none). */
	for (p = text; *p && !worth; p++)
		worth = *p == '@' || *p == ':' || isdigit((unsigned char)*p);
	if (!worth || (re = scrub_regex()) == NULL)
		return NULL;
	out = g_regex_replace_eval(re, text, -1, 0, 0, replace, &f, NULL);
	if (out == NULL || f.found == 0) {
		g_free(out);
		return NULL;
	}
	*found |= f.found;
	return out;
}

char *
imp_scrub(const char *text, unsigned *found)
{
	unsigned bits = 0;
	char *out = scrub_once(text, &bits), *again;

	/* Each pass replaces at least one candidate by words without digits,
	 * '@' or ':', so the passes end. */
	while (out != NULL && (again = scrub_once(out, &bits)) != NULL) {
		g_free(out);
		out = again;
	}
	if (found != NULL)
		*found = bits;
	return out;
}

char *
imp_scrub_said(unsigned found)
{
	static const char *const words[] = {
		"an e-mail address", "a phone number", "an IP address", "a postcode"
	};
	GString *g = g_string_new(NULL);
	unsigned bit;
	int i, n = 0, total = __builtin_popcount(found);

	for (i = 0, bit = 1; i < 4; i++, bit <<= 1) {
		if (!(found & bit))
			continue;
		if (n > 0)
			g_string_append(g, n == total - 1 ? " and " : ", ");
		g_string_append(g, words[i]);
		n++;
	}
	return g_string_free(g, FALSE);
}
