/*
 * normalise: turning the words and numbers of real exports into the values
 * the schema holds.  Header keys, name keys, attendance status words, yes/no,
 * numbers with thousands separators, training levels and delivery modes.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

char *
imp_header_key(const char *s)
{
	GString *g = g_string_sized_new(strlen(s));
	char *lower = g_utf8_strdown(s, -1);
	const char *p;

	for (p = lower; *p; p++) {
		unsigned char c = (unsigned char)*p;
		/* Keep letters, digits and any non-ASCII (accented) bytes. */
		if (isalnum(c) || c >= 0x80)
			g_string_append_c(g, (char)c);
	}
	g_free(lower);
	return g_string_free(g, FALSE);
}

char *
imp_name_key(const char *s)
{
	return lia_name_key(s);
}

static const struct {
	const char *word;
	enum att_status status;
} status_words[] = {
	{ "attended", ATT_ATTENDED }, { "completed", ATT_ATTENDED },
	{ "complete", ATT_ATTENDED }, { "checkedin", ATT_ATTENDED },
	{ "present", ATT_ATTENDED }, { "yes", ATT_ATTENDED }, { "y", ATT_ATTENDED },
	{ "passed", ATT_ATTENDED }, { "attending", ATT_ATTENDED },
	{ "didnotattend", ATT_DNA }, { "dna", ATT_DNA }, { "noshow", ATT_DNA },
	{ "absent", ATT_DNA }, { "notcompleted", ATT_DNA }, { "no", ATT_DNA },
	{ "n", ATT_DNA }, { "didnotattenddna", ATT_DNA },
	{ "cancelled", ATT_CANCELLED }, { "canceled", ATT_CANCELLED },
	{ "withdrawn", ATT_CANCELLED }, { "notattending", ATT_CANCELLED },
	{ "refunded", ATT_CANCELLED }, { "deleted", ATT_CANCELLED },
	{ "excused", ATT_EXCUSED },
};

int
imp_status_word(const char *s, enum att_status *out)
{
	char *k = imp_header_key(s);
	size_t i;
	int rc = -1;

	for (i = 0; i < sizeof status_words / sizeof status_words[0]; i++)
		if (strcmp(k, status_words[i].word) == 0) {
			*out = status_words[i].status;
			rc = 0;
			break;
		}
	g_free(k);
	return rc;
}

const char *
imp_status_name(enum att_status s)
{
	switch (s) {
	case ATT_ATTENDED:
		return "attended";
	case ATT_DNA:
		return "did_not_attend";
	case ATT_EXCUSED:
		return "excused";
	case ATT_CANCELLED:
	default:
		return "cancelled";
	}
}

int
imp_yes_no(const char *s, int *out)
{
	char *k = imp_header_key(s);
	int rc = 0;

	if (!strcmp(k, "yes") || !strcmp(k, "y") || !strcmp(k, "true") || !strcmp(k, "1"))
		*out = 1;
	else if (!strcmp(k, "no") || !strcmp(k, "n") || !strcmp(k, "false") || !strcmp(k, "0"))
		*out = 0;
	else
		rc = -1;
	g_free(k);
	return rc;
}

int
imp_int(const char *s, int64_t *out)
{
	char digits[32];
	size_t n = 0;
	const char *p = s;
	int neg = 0, group = -1;
	char *end;
	long long v;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 2 >= sizeof digits)
				return -1;
			digits[n++] = *p;
			if (group >= 0)
				group++;
		} else if (*p == ',' && (group < 0 ? n <= 3 : group == 3)) {
			group = 0;	/* thousands separator: groups of three */
		} else if (*p == '.' && p[1] == '0' && strspn(p + 1, "0") == strlen(p + 1)) {
			break;		/* "12.0" from a spreadsheet */
		} else {
			return -1;
		}
	}
	if (group >= 0 && group != 3)
		return -1;
	digits[n] = '\0';
	errno = 0;
	v = strtoll(digits, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*out = neg ? -v : v;
	return 0;
}

/*
 * A plain decimal ("2", "1.5", "-0.25") of at most 15 digits, without
 * strtod: digits / 10^k is one correctly rounded IEEE division of two exact
 * doubles, so the answer is strtod's.  0 if s is not of that form.
 */
static int
plain_decimal(const char *s, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	    1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	int64_t digits = 0;
	int n = 0, scale = -1, neg = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			digits = digits * 10 + (*s - '0');
			if (++n > 15)
				return 0;
			if (scale >= 0)
				scale++;
		} else if (*s == '.' && scale < 0) {
			scale = 0;
		} else {
			return 0;
		}
	}
	if (n == 0)
		return 0;
	*out = (double)digits / pow10[scale > 0 ? scale : 0];
	if (neg)
		*out = -*out;
	return 1;
}

int
imp_real(const char *s, double *out)
{
	char *end;
	double v;

	if (*s == '\0' || isspace((unsigned char)*s))
		return -1;
	if (plain_decimal(s, out))
		return 0;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return -1;
	/* strtod takes hex and "inf"; a spreadsheet number has neither. */
	if (strpbrk(s, "xXnN") != NULL)
		return -1;
	*out = v;
	return 0;
}

int
imp_level(const char *s, int64_t *out)
{
	char *k = imp_header_key(s);
	const char *p = k;
	int rc;

	if (strncmp(p, "level", 5) == 0)
		p += 5;
	else if (*p == 'l')
		p++;
	rc = imp_int(p, out);
	if (rc == 0 && (*out < 0 || *out > 9))
		rc = -1;
	g_free(k);
	return rc;
}

static const struct imp_word modes[] = {
	{ "facetoface", "face_to_face" }, { "f2f", "face_to_face" },
	{ "inperson", "face_to_face" }, { "classroom", "face_to_face" },
	{ "virtual", "virtual" }, { "online", "virtual" }, { "teams", "virtual" },
	{ "zoom", "virtual" }, { "webinar", "virtual" }, { "msteams", "virtual" },
	{ "elearning", "e_learning" }, { "ecourse", "e_learning" },
	{ "selfdirected", "e_learning" }, { "blended", "blended" },
	{ "hybrid", "blended" },
};

const char *
imp_word_key(const struct imp_word *words, size_t n, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(key, words[i].word) == 0)
			return words[i].value;
	return NULL;
}

const char *
imp_word(const struct imp_word *words, size_t n, const char *text)
{
	char *k = imp_header_key(text);
	const char *v = imp_word_key(words, n, k);

	g_free(k);
	return v;
}

const char *
imp_mode(const char *s)
{
	return imp_word(modes, sizeof modes / sizeof modes[0], s);
}
