/*
 * libFuzzer target for the value normalisers of the importers: the input,
 * as text, through every one of them (numbers, statuses, yes/no, levels,
 * delivery modes, answer scales and their tally, question codes, stages,
 * audit kinds, Section 11 standards, ratings, the name and header keys,
 * the free-text scrubber).  Each must accept or refuse without a crash
 * (AddressSanitizer and UBSan), and what it accepts must be in range: a
 * number finite, a level 0-9, a scale value within the scale, a question
 * code of valid UTF-8 without ASCII capitals, spaces or punctuation but
 * single '_' between words, a scrubbed text that has nothing left to
 * scrub.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const scale_names[] = {
	"agreement", "confidence", "likelihood", "yes_no", "numeric", "number", "text"
};

static void
check_scales(const char *s)
{
	const struct imp_scale *custom[1];
	struct imp_tally t;
	size_t i;
	double v;

	memset(&t, 0, sizeof t);
	for (i = 0; i < sizeof scale_names / sizeof scale_names[0]; i++) {
		const struct imp_scale *sc = imp_scale_named(scale_names[i]);
		int rc;

		if (sc == NULL)
			abort();
		rc = imp_scale_value(sc, s, &v);
		if (rc == 0 && (!isfinite(v) || (!isnan(sc->min) && v < sc->min) ||
		    (!isnan(sc->max) && v > sc->max)))
			abort();
		if (rc != 0 && rc != -1 && rc != -2)
			abort();
	}
	custom[0] = imp_scale_named("agreement");
	imp_tally_add(&t, custom, 1, s);
	imp_tally_add(&t, custom, 1, s);
	if (imp_tally_scale(&t, s, custom, 1) == NULL)
		abort();
	imp_no_answer(s);
}

static void
check_keys(const char *s)
{
	char *k;
	const char *p;

	g_free(imp_header_key(s));
	g_free(imp_name_key(s));
	g_free(lia_name_key(s));
	g_free(lia_theme_key(s));
	k = imp_question_code(s);
	if (!g_utf8_validate(k, -1, NULL) || k[0] == '_' || strstr(k, "__") != NULL ||
	    (*k != '\0' && k[strlen(k) - 1] == '_') || strlen(k) > 64)
		abort();
	for (p = k; *p; p++)
		if ((unsigned char)*p < 0x80 && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '_'))
			abort();
	g_free(k);
}

static void
check_scrub(const char *s)
{
	unsigned found = 0, again = 0;
	char *clean = imp_scrub(s, &found), *twice, *said;

	if (clean == NULL) {
		if (found != 0)
			abort();
		return;
	}
	if (found == 0 || !g_utf8_validate(clean, -1, NULL))
		abort();
	/* What is left has nothing more to remove. */
	if ((twice = imp_scrub(clean, &again)) != NULL)
		abort();
	said = imp_scrub_said(found);
	if (said == NULL || *said == '\0')
		abort();
	g_free(said);
	g_free(clean);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = g_strndup((const char *)data, size);
	char *s = g_utf8_make_valid(raw, -1);	/* as the reader gives fields */
	const char *rating, *rag;
	enum att_status st;
	int64_t n;
	double v;
	int yes;
	char code[16];

	if (imp_real(s, &v) == 0 && !isfinite(v))
		abort();
	imp_int(s, &n);
	if (imp_level(s, &n) == 0 && (n < 0 || n > 9))
		abort();
	if (imp_status_word(s, &st) == 0 && imp_status_name(st) == NULL)
		abort();
	if (imp_yes_no(s, &yes) == 0 && yes != 0 && yes != 1)
		abort();
	imp_mode(s);
	imp_stage_word(s);
	imp_audit_kind(s);
	n = imp_s11_standard(s, code, sizeof code);
	if (n != -1 && (n < 1 || n > IMP_S11_STANDARDS || memchr(code, '\0', sizeof code) == NULL))
		abort();
	if (imp_audit_rating(s, &rating, &rag) == 0 && (rating == NULL) == (rag == NULL))
		abort();
	check_scales(s);
	check_keys(s);
	check_scrub(s);
	g_free(s);
	g_free(raw);
	return 0;
}
