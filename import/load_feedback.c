/*
 * load_feedback: the loader of learning-event feedback, as survey tools
 * export it (Microsoft Forms, Google Forms, SurveyMonkey, LimeSurvey, or a
 * plain file): one row per response, one column per question.  It owns the
 * answer scales and the questions.  A respondent is kept only as the keyed
 * pseudonym of their e-mail or id (the practitioners' one), so baseline,
 * post and follow-up responses of one person match across files; names, IP
 * addresses and the tools' own metadata are read past and never stored.
 *
 * Every column that is not a known field is a question.  Its code is the
 * header written in lower case with '_' between words (imp_question_code)
 * unless the map file names it ("code = Header text"); its text is the
 * header.  Codes ending in _before / _after (or _pre / _post) are the two
 * ratings of a pair, as are the map's "pair.NAME = before_code, after_code".
 *
 * A question's scale is decided before the first row is loaded, in a first
 * pass over the file (the engine's pass is the second):
 *   1. the map's "CODE.scale = NAME" (agreement, confidence, likelihood,
 *      yes_no, numeric, number, text, a range "1-7", or the map's own
 *      "scale.NAME = Label = 1; Label = 2; ..."), else the scale the question
 *      already has in the database (a question keeps its first scale);
 *   2. else its answers: any long free text (three words or more that are
 *      no rating) makes it text; else if at least two thirds of the answers
 *      are numbers or words of one word scale, it is that word scale; if they
 *      are all numbers, it is likelihood 0-10 when the header says so
 *      ("recommend", "0-10"), else 1-5 when no more than one answer in ten
 *      (at least one) lies outside 1-5, else 0-10 by the same rule, else an
 *      open number; anything else is text.
 * "N/A", "Don't know" and empty answers are missing, never zero.  A rating
 * that is not on its question's scale rejects the whole response, naming the
 * question and the answer.  E-mail addresses, phone numbers, IP addresses
 * and postcodes in free text are removed (imp_scrub).
 */
#include <stddef.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

/* ---- scales -------------------------------------------------------------------- */

/* The largest answer of any scale, open ones included ("number"). */
#define IMP_ANSWER_MAX 1e12

static const char *const agree_labels[] = {
	"stronglydisagree", "disagree", "somewhatdisagree", "tendtodisagree", "mostlydisagree",
	"slightlydisagree", "neitheragreenordisagree", "neitheragreeordisagree", "neutral",
	"neither", "agree", "somewhatagree", "tendtoagree", "mostlyagree", "slightlyagree",
	"stronglyagree"
};
static const double agree_values[] = { 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4, 5 };

/* The five labels: Not at all confident 1, Slightly confident 2, Somewhat
 * confident 3, Fairly confident 4, Very confident 5; and common variants. */
static const char *const confidence_labels[] = {
	"notatallconfident", "notconfident", "slightlyconfident", "notveryconfident",
	"alittleconfident", "somewhatconfident", "moderatelyconfident", "fairlyconfident",
	"quiteconfident", "confident", "veryconfident", "extremelyconfident",
	"completelyconfident"
};
static const double confidence_values[] = { 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 5 };

static const char *const likelihood_labels[] = { "notatalllikely", "extremelylikely" };
static const double likelihood_values[] = { 0, 10 };

static const char *const yes_no_labels[] = { "yes", "y", "no", "n", "true", "false" };
static const double yes_no_values[] = { 1, 1, 0, 0, 1, 0 };

#define LABELS(l, v) (int)(sizeof l / sizeof l[0]), l, v

/* The word scales first: their index is their slot in imp_tally.words. */
static const struct imp_scale builtin_scales[] = {
	{ "agreement", 1, 5, LABELS(agree_labels, agree_values) },
	{ "confidence", 1, 5, LABELS(confidence_labels, confidence_values) },
	{ "likelihood", 0, 10, LABELS(likelihood_labels, likelihood_values) },
	{ "yes_no", 0, 1, LABELS(yes_no_labels, yes_no_values) },
	{ "numeric", 1, 5, 0, NULL, NULL },
	{ "numeric", 0, 10, 0, NULL, NULL },
	{ "number", NAN, NAN, 0, NULL, NULL },
	{ "text", NAN, NAN, 0, NULL, NULL },
};

enum { SC_AGREEMENT, SC_CONFIDENCE, SC_LIKELIHOOD, SC_YES_NO, SC_NUMERIC, SC_NUMERIC10,
	SC_NUMBER, SC_TEXT, SC_NWORD = SC_NUMERIC };

const struct imp_scale *
imp_scale_named(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof builtin_scales / sizeof builtin_scales[0]; i++)
		if (strcmp(builtin_scales[i].name, name) == 0)
			return &builtin_scales[i];
	if (strcmp(name, "yesno") == 0)
		return &builtin_scales[SC_YES_NO];
	return NULL;
}

int
imp_no_answer(const char *s)
{
	static const char *const words[] = {
		"", "na", "notapplicable", "dontknow", "donotknow", "prefernottosay",
		"noanswer", "notanswered", "skipped", "unsure", "notsure",
		"notkept"	/* IMP_NOT_KEPT: a reject record's column lia did not keep */
	};
	char *k = imp_header_key(s);
	size_t i;
	int yes = 0;

	for (i = 0; i < sizeof words / sizeof words[0] && !yes; i++)
		yes = strcmp(k, words[i]) == 0;
	g_free(k);
	return yes;
}

/* A number, or a number followed by its label ("4 - Agree", "10 (Extremely
 * likely)", "5 = Very confident"). */
static int
answer_number(const char *s, double *out)
{
	char *end;
	double v;

	if (imp_real(s, out) == 0)
		return 0;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (end == s || (*end != '-' && *end != '(' && *end != '=' && *end != ':') ||
	    !isfinite(v))
		return -1;
	/* The label is words: "2019-06-12" (a date) or "10:30" (a time) is not
	 * 2019 or 10 followed by a label, and is not a number at all. */
	for (end++; *end == ' '; end++)
		;
	if (isdigit((unsigned char)*end) || *end == '\0')
		return -1;
	*out = v;
	return 0;
}

static int
word_value(const struct imp_scale *sc, const char *key, double *out)
{
	int i;

	for (i = 0; i < sc->nlabels; i++)
		if (strcmp(sc->labels[i], key) == 0) {
			*out = sc->values[i];
			return 0;
		}
	return -1;
}

int
imp_scale_value(const struct imp_scale *sc, const char *s, double *out)
{
	char *key;
	int rc;

	if (answer_number(s, out) == 0) {
		if ((!isnan(sc->min) && *out < sc->min) || (!isnan(sc->max) && *out > sc->max))
			return -2;
		/* An open scale still has numbers no one answers: beyond them
		 * a mean would overflow (two answers of 1e308). */
		if (fabs(*out) > IMP_ANSWER_MAX)
			return -1;
		return 0;
	}
	key = imp_header_key(s);
	rc = word_value(sc, key, out);
	g_free(key);
	return rc;
}

static int
nwords(const char *s)
{
	int n = 0, in = 0;

	for (; *s; s++) {
		if (isspace((unsigned char)*s)) {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

void
imp_tally_add(struct imp_tally *t, const struct imp_scale *const *custom, int ncustom,
    const char *s)
{
	double v;
	char *key;
	int i, rating = 0;

	if (imp_no_answer(s))
		return;
	t->answers++;
	if (answer_number(s, &v) == 0) {
		t->numbers++;
		t->in_1_5 += v >= 1 && v <= 5;
		t->in_0_10 += v >= 0 && v <= 10;
		return;
	}
	key = imp_header_key(s);
	for (i = 0; i < SC_NWORD; i++)
		if (word_value(&builtin_scales[i], key, &v) == 0) {
			t->words[i]++;
			rating = 1;
		}
	for (i = 0; i < ncustom && SC_NWORD + i < IMP_MAX_SCALES; i++)
		if (word_value(custom[i], key, &v) == 0) {
			t->words[SC_NWORD + i]++;
			rating = 1;
		}
	g_free(key);
	if (!rating && nwords(s) >= 3)
		t->prose++;
}

/* Whether at most one answer in ten (and at least one) lies outside. */
static int
mostly(int inside, int all)
{
	int out = all - inside, allowed = all / 10;

	return out <= (allowed > 1 ? allowed : 1);
}

const struct imp_scale *
imp_tally_scale(const struct imp_tally *t, const char *header,
    const struct imp_scale *const *custom, int ncustom)
{
	char *key;
	int i, best = -1, best_n = 0, nscales = SC_NWORD + ncustom;

	if (t->answers == 0 || t->prose > 0)
		return &builtin_scales[SC_TEXT];
	if (nscales > IMP_MAX_SCALES)
		nscales = IMP_MAX_SCALES;
	for (i = 0; i < nscales; i++)
		if (t->words[i] > best_n) {
			best = i;
			best_n = t->words[i];
		}
	if ((best_n + t->numbers) * 3 < t->answers * 2)
		return &builtin_scales[SC_TEXT];
	if (best >= 0)
		return best < SC_NWORD ? &builtin_scales[best] : custom[best - SC_NWORD];
	key = imp_header_key(header);
	if (strstr(key, "recommend") != NULL || strstr(key, "0to10") != NULL ||
	    strstr(key, "outof10") != NULL || strstr(header, "0-10") != NULL ||
	    strstr(header, "0 - 10") != NULL) {
		g_free(key);
		return &builtin_scales[SC_LIKELIHOOD];
	}
	g_free(key);
	if (mostly(t->in_1_5, t->numbers))
		return &builtin_scales[SC_NUMERIC];
	if (mostly(t->in_0_10, t->numbers))
		return &builtin_scales[SC_NUMERIC10];
	return &builtin_scales[SC_NUMBER];
}

char *
imp_question_code(const char *header)
{
	char *lower = g_utf8_strdown(header, -1);
	GString *g = g_string_new(NULL);
	const char *p;

	for (p = lower; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (isalnum(c) || c >= 0x80)
			g_string_append_c(g, (char)c);
		else if (g->len > 0 && g->str[g->len - 1] != '_')
			g_string_append_c(g, '_');
	}
	while (g->len > 0 && g->str[g->len - 1] == '_')
		g_string_truncate(g, g->len - 1);
	if (g->len > 60) {
		/* A sentence: its first words and a hash of all of it. */
		gchar *sum = g_compute_checksum_for_string(G_CHECKSUM_SHA256, g->str, -1);
		gsize cut = 51;

		while (cut > 0 && (g->str[cut] & 0xC0) == 0x80)
			cut--;	/* not inside a UTF-8 character */
		g_string_truncate(g, cut);
		while (g->len > 0 && g->str[g->len - 1] == '_')
			g_string_truncate(g, g->len - 1);
		g_string_append_printf(g, "_%.8s", sum);
		g_free(sum);
	}
	g_free(lower);
	return g_string_free(g, FALSE);
}

const char *
imp_stage_word(const char *s)
{
	static const struct imp_word words[] = {
		{ "baseline", "baseline" }, { "pre", "baseline" }, { "before", "baseline" },
		{ "precourse", "baseline" }, { "pretraining", "baseline" },
		{ "presession", "baseline" }, { "start", "baseline" },
		{ "post", "post" }, { "after", "post" }, { "postcourse", "post" },
		{ "posttraining", "post" }, { "postsession", "post" }, { "end", "post" },
		{ "endofcourse", "post" }, { "evaluation", "post" }, { "immediate", "post" },
		{ "impact", "follow_up" }, { "later", "follow_up" },
	};
	char *k = imp_header_key(s);
	const char *stage;

	if (strstr(k, "follow") != NULL || strstr(k, "month") != NULL ||
	    strstr(k, "week") != NULL)
		stage = "follow_up";	/* "follow-up", "3 months", "6 week review" */
	else
		stage = imp_word_key(words, sizeof words / sizeof words[0], k);
	g_free(k);
	return stage;
}

/* ---- the loader ------------------------------------------------------------------ */

enum {
	FB_CODE, FB_TITLE, FB_DATE, FB_SESSION, FB_RESPONDENT, FB_EMAIL, FB_STAGE,
	FB_RESPONSE_DATE, FB_NAME, FB_FIRST, FB_LAST, FB_IP, FB_CUSTOM1, FB_CUSTOM2,
	FB_CUSTOM3, FB_RESPONSE_ID, FB_START, FB_MODIFIED, FB_COLLECTOR, FB_LAST_PAGE,
	FB_LANGUAGE, FB_SEED, FB_REFERRER, FB_TOKEN, FB_DURATION
};

/* The tools' own columns are fields so that they are never questions; only
 * the first eight are used (the rest are F_UNREAD or F_PERSONAL: not kept
 * in a reject record). */
static const struct imp_field feedback_fields[] = {
	[FB_CODE] = { "course_code", 0 },
	[FB_TITLE] = { "course_title", 0 },
	[FB_DATE] = { "session_date", F_REQUIRED },
	[FB_SESSION] = { "session", 0 },
	[FB_RESPONDENT] = { "respondent", F_PSEUDONYM },
	[FB_EMAIL] = { "email", F_PSEUDONYM },
	[FB_STAGE] = { "stage", 0 },
	[FB_RESPONSE_DATE] = { "response_date", 0 },
	[FB_NAME] = { "name", F_PERSONAL },
	[FB_FIRST] = { "first_name", F_PERSONAL },
	[FB_LAST] = { "last_name", F_PERSONAL },
	[FB_IP] = { "ip_address", F_PERSONAL },
	[FB_CUSTOM1] = { "custom_data_1", F_PERSONAL },
	[FB_CUSTOM2] = { "custom_data_2", F_PERSONAL },
	[FB_CUSTOM3] = { "custom_data_3", F_PERSONAL },
	[FB_RESPONSE_ID] = { "response_id", F_UNREAD },
	[FB_START] = { "start_time", F_UNREAD },
	[FB_MODIFIED] = { "last_modified", F_UNREAD },
	[FB_COLLECTOR] = { "collector_id", F_UNREAD },
	[FB_LAST_PAGE] = { "last_page", F_UNREAD },
	[FB_LANGUAGE] = { "start_language", F_UNREAD },
	[FB_SEED] = { "seed", F_UNREAD },
	[FB_REFERRER] = { "referrer", F_PERSONAL },
	[FB_TOKEN] = { "token", F_PERSONAL },
	[FB_DURATION] = { "duration", F_UNREAD },
	{ NULL, 0 }
};

struct question {
	int col;
	char *code, *text;
	char *pair_code;
	const char *pair_role;	/* before, after or NULL */
	int level;		/* Kirkpatrick 1-4, 0 when not known */
	const struct imp_scale *scale;
	int fixed;		/* scale from the map or the database */
	struct imp_tally tally;
	int64_t id;		/* 0 until stored */
};

struct answer {
	int have_value;
	double value;
	const char *text;	/* points into the record, or into redacted */
	char *redacted;
};

struct feedback_state {
	GPtrArray *questions;		/* struct question *, owned */
	GPtrArray *scales;		/* struct imp_scale * made here, owned */
	const struct imp_scale *custom[IMP_MAX_SCALES];
	int ncustom;
	struct answer *answers;		/* per question, for one row */
	const char *stage;		/* --stage, or post */
	sqlite3_stmt *q_find, *q_ins, *resp_ins, *resp_find, *resp_fill, *ans_ins;
	int64_t bad_dates;		/* responses whose own date could not be read */
	long first_bad_date_line;
	int decided;			/* the scales are known (decide_scales) */
};

static const char q_find_sql[] =
    "SELECT id, scale, scale_min, scale_max FROM question WHERE code = ?1";
static const char q_ins_sql[] =
    "INSERT INTO question(code, text, scale, scale_min, scale_max, kirkpatrick, pair_code,"
    " pair_role, batch_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char resp_ins_sql[] =
    "INSERT INTO feedback_response(session_id, respondent, stage, date, batch_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING";
static const char resp_find_sql[] =
    "SELECT id FROM feedback_response WHERE session_id = ?1 AND respondent = ?2 AND stage = ?3";
static const char resp_fill_sql[] =
    "UPDATE feedback_response SET date = coalesce(date, ?2) WHERE id = ?1";
/* A duplicate response adds the answers the stored one lacks. */
static const char ans_ins_sql[] =
    "INSERT INTO feedback_answer(response_id, question_id, value, text, batch_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT DO NOTHING";

static void
question_free(gpointer p)
{
	struct question *q = p;

	g_free(q->code);
	g_free(q->text);
	g_free(q->pair_code);
	g_free(q);
}

static void
scale_free(gpointer p)
{
	struct imp_scale *sc = p;
	int i;

	for (i = 0; i < sc->nlabels; i++)
		g_free((char *)sc->labels[i]);
	g_free((char **)sc->labels);
	g_free((double *)sc->values);
	g_free((char *)sc->name);
	g_free(sc);
}

static struct imp_scale *
scale_new(struct feedback_state *s, const char *name, double min, double max)
{
	struct imp_scale *sc = g_new0(struct imp_scale, 1);

	sc->name = g_strdup(name);
	sc->min = min;
	sc->max = max;
	g_ptr_array_add(s->scales, sc);
	return sc;
}

/* "1-7", "0 - 10", "1 to 7": a numeric range; -1 if not one. */
static int
parse_range(const char *text, double *min, double *max)
{
	char *end, *p;
	double a, b;

	a = strtod(text, &end);
	if (end == text)
		return -1;
	p = end;
	while (*p == ' ')
		p++;
	if (*p == '-')
		p++;
	else if (strncmp(p, "to", 2) == 0)
		p += 2;
	else
		return -1;
	b = strtod(p, &end);
	if (end == p || *g_strchug(end) != '\0' || !(a < b))
		return -1;
	*min = a;
	*max = b;
	return 0;
}

/* "scale.NAME = Label = 1; Label = 2": a map's word scale. */
static int
map_scale(struct feedback_state *s, const char *name, const char *value, int line,
    struct lia_err *err)
{
	char **parts = g_strsplit_set(value, ";|", -1), **p;
	GPtrArray *labels = g_ptr_array_new();
	GArray *values = g_array_new(FALSE, FALSE, sizeof(double));
	struct imp_scale *sc;
	double min = INFINITY, max = -INFINITY;
	int rc = -1;

	if (s->ncustom + SC_NWORD >= IMP_MAX_SCALES) {
		lia_err_set(err, "map file line %d: more than %d scales", line,
		    IMP_MAX_SCALES - SC_NWORD);
		goto out;
	}
	for (p = parts; *p != NULL; p++) {
		char *part = g_strstrip(*p), *sep = strrchr(part, '='), *end;
		double v;

		if (*part == '\0')
			continue;
		if (sep == NULL)
			sep = strrchr(part, ':');
		if (sep == NULL || (v = strtod(g_strchug(sep + 1), &end), end == sep + 1) ||
		    *g_strstrip(end) != '\0') {
			lia_err_set(err, "map file line %d: expected 'Label = number' in scale %s,"
			    " found '%s'", line, name, part);
			goto out;
		}
		*sep = '\0';
		g_ptr_array_add(labels, imp_header_key(g_strstrip(part)));
		g_array_append_val(values, v);
		if (v < min)
			min = v;
		if (v > max)
			max = v;
	}
	if (labels->len < 2 || !(min < max)) {
		lia_err_set(err, "map file line %d: scale %s needs at least two labels with"
		    " different numbers", line, name);
		goto out;
	}
	sc = scale_new(s, name, min, max);
	sc->nlabels = (int)labels->len;
	sc->labels = (const char *const *)g_ptr_array_free(labels, FALSE);
	sc->values = (const double *)(void *)g_array_free(values, FALSE);
	labels = NULL;
	values = NULL;
	s->custom[s->ncustom++] = sc;
	rc = 0;
out:
	if (labels != NULL) {
		g_ptr_array_set_free_func(labels, g_free);
		g_ptr_array_free(labels, TRUE);
	}
	if (values != NULL)
		g_array_free(values, TRUE);
	g_strfreev(parts);
	return rc;
}

/* A scale by name: built in, the map's, or a range. NULL if none. */
static const struct imp_scale *
scale_by_name(struct feedback_state *s, const char *name)
{
	const struct imp_scale *sc = imp_scale_named(name);
	double min, max;
	int i;

	if (sc != NULL)
		return sc;
	for (i = 0; i < s->ncustom; i++)
		if (strcmp(s->custom[i]->name, name) == 0)
			return s->custom[i];
	if (parse_range(name, &min, &max) == 0)
		return scale_new(s, "numeric", min, max);
	return NULL;
}

static struct question *
question_by_code(struct feedback_state *s, const char *code)
{
	guint i;

	for (i = 0; i < s->questions->len; i++) {
		struct question *q = g_ptr_array_index(s->questions, i);
		if (strcmp(q->code, code) == 0)
			return q;
	}
	return NULL;
}

static int
valid_code(const char *code)
{
	const char *p;

	if (*code == '\0')
		return 0;
	for (p = code; *p; p++)
		if (!(isalnum((unsigned char)*p) || *p == '_' || (unsigned char)*p >= 0x80))
			return 0;
	return 1;
}

/* The questions: every column no field claimed, named by the map or by its
 * header. */
static int
find_questions(struct imp_ctx *ctx, struct feedback_state *s, struct lia_err *err)
{
	const struct imp_map *map = ctx->map;
	char **given = g_new0(char *, ctx->cols.ncols + 1);	/* code per column */
	char **keys = g_new0(char *, ctx->cols.ncols + 1);
	/* The codes taken (keys: the questions' own strings), and for a code
	 * given to several columns the next number to try, so that a header
	 * of many columns of one name is read in linear time: q, q_2, q_3. */
	GHashTable *taken = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *next = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int i, c, rc = -1;

	for (c = 0; c < ctx->cols.ncols; c++)
		keys[c] = imp_header_key(ctx->cols.header[c]);
	/* "code = Header text" */
	for (i = 0; map != NULL && i < (int)map->keys->len; i++) {
		const char *key = g_ptr_array_index(map->keys, i);
		const char *val = g_ptr_array_index(map->values, i);
		int line = GPOINTER_TO_INT(g_ptr_array_index(map->lines, i));
		char *want, *code;
		int col = -1;

		if (imp_field_index(feedback_fields, key) >= 0 || strchr(key, '.') != NULL)
			continue;
		code = g_ascii_strdown(key, -1);
		if (!valid_code(code)) {
			lia_err_set(err, "map file line %d: '%s' is not a field or a question code"
			    " (letters, digits and '_')", line, key);
			g_free(code);
			goto out;
		}
		want = imp_header_key(val);
		for (c = 0; c < ctx->cols.ncols && col < 0; c++)
			if (!ctx->cols.used[c] && given[c] == NULL && strcmp(keys[c], want) == 0)
				col = c;
		g_free(want);
		if (col < 0) {
			lia_err_set(err, "map file line %d: no column '%s' in the file", line, val);
			g_free(code);
			goto out;
		}
		given[col] = code;
	}
	for (c = 0; c < ctx->cols.ncols; c++) {
		struct question *q;
		char *code;
		size_t n;
		int k;

		if (ctx->cols.used[c])
			continue;
		code = given[c] != NULL ? g_strdup(given[c]) : imp_question_code(ctx->cols.header[c]);
		if (*code == '\0') {
			g_free(code);
			code = g_strdup_printf("column_%d", c + 1);
		}
		if (g_hash_table_contains(taken, code)) {
			char *base = code;

			k = GPOINTER_TO_INT(g_hash_table_lookup(next, base));
			code = NULL;
			for (k = k > 2 ? k : 2; code == NULL || g_hash_table_contains(taken, code); k++) {
				g_free(code);
				code = g_strdup_printf("%s_%d", base, k);
			}
			g_hash_table_replace(next, base, GINT_TO_POINTER(k));
		}
		g_hash_table_add(taken, code);
		q = g_new0(struct question, 1);
		q->col = c;
		q->code = code;
		q->text = ctx->cols.header[c][0] != '\0' ? g_strdup(ctx->cols.header[c]) : NULL;
		n = strlen(code);
		if (n > 7 && strcmp(code + n - 7, "_before") == 0) {
			q->pair_code = g_strndup(code, n - 7);
			q->pair_role = "before";
		} else if (n > 6 && strcmp(code + n - 6, "_after") == 0) {
			q->pair_code = g_strndup(code, n - 6);
			q->pair_role = "after";
		} else if (n > 4 && strcmp(code + n - 4, "_pre") == 0) {
			q->pair_code = g_strndup(code, n - 4);
			q->pair_role = "before";
		} else if (n > 5 && strcmp(code + n - 5, "_post") == 0) {
			q->pair_code = g_strndup(code, n - 5);
			q->pair_role = "after";
		}
		g_ptr_array_add(s->questions, q);
	}
	rc = 0;
out:
	for (c = 0; c < ctx->cols.ncols; c++) {
		g_free(given[c]);
		g_free(keys[c]);
	}
	g_free(given);
	g_free(keys);
	g_hash_table_destroy(taken);
	g_hash_table_destroy(next);
	return rc;
}

/* The map's scales, pairs and levels; entries about codes not in this file
 * are for another file of the same survey and are passed over. */
static int
map_settings(struct imp_ctx *ctx, struct feedback_state *s, struct lia_err *err)
{
	const struct imp_map *map = ctx->map;
	int pass, i;

	/* Scales are defined first, so a question may use one defined below it. */
	for (pass = 0; map != NULL && pass < 2; pass++) {
		for (i = 0; i < (int)map->keys->len; i++) {
			const char *key = g_ptr_array_index(map->keys, i);
			const char *val = g_ptr_array_index(map->values, i);
			int line = GPOINTER_TO_INT(g_ptr_array_index(map->lines, i));
			const char *dot = strrchr(key, '.');
			struct question *q;
			char *code;

			if (dot == NULL)
				continue;
			if (pass == 0) {
				if (strncmp(key, "scale.", 6) == 0 &&
				    map_scale(s, key + 6, val, line, err) != 0)
					return -1;
				continue;
			}
			if (strncmp(key, "scale.", 6) == 0)
				continue;
			if (strncmp(key, "pair.", 5) == 0) {
				char **two = g_strsplit_set(val, ", ", -1), **t;
				const char *role = "before";
				int n = 0;

				for (t = two; *t != NULL; t++) {
					char *c2;

					if (**t == '\0')
						continue;
					if (++n > 2)
						break;
					c2 = g_ascii_strdown(*t, -1);
					if ((q = question_by_code(s, c2)) != NULL) {
						g_free(q->pair_code);
						q->pair_code = g_ascii_strdown(key + 5, -1);
						q->pair_role = role;
					}
					g_free(c2);
					role = "after";
				}
				g_strfreev(two);
				if (n != 2) {
					lia_err_set(err, "map file line %d: expected 'pair.NAME ="
					    " before_code, after_code'", line);
					return -1;
				}
				continue;
			}
			code = g_ascii_strdown(key, dot - key);
			q = question_by_code(s, code);
			g_free(code);
			if (strcmp(dot, ".scale") == 0) {
				const struct imp_scale *sc = scale_by_name(s, val);

				if (sc == NULL) {
					lia_err_set(err, "map file line %d: unknown scale '%s' (agreement,"
					    " confidence, likelihood, yes_no, numeric, number, text, a"
					    " range such as 1-7, or a scale.NAME of the map)", line, val);
					return -1;
				}
				if (q != NULL) {
					q->scale = sc;
					q->fixed = 1;
				}
			} else if (strcmp(dot, ".level") == 0) {
				int64_t level;

				if (imp_level(val, &level) != 0 || level < 1 || level > 4) {
					lia_err_set(err, "map file line %d: Kirkpatrick level '%s' is not"
					    " 1 to 4", line, val);
					return -1;
				}
				if (q != NULL)
					q->level = (int)level;
			} else {
				lia_err_set(err, "map file line %d: unknown setting '%s' (CODE.scale,"
				    " CODE.level, pair.NAME, scale.NAME)", line, key);
				return -1;
			}
		}
	}
	return 0;
}

/* A question already held keeps its scale. */
static int
held_questions(struct imp_ctx *ctx, struct feedback_state *s, struct lia_err *err)
{
	guint i;

	for (i = 0; i < s->questions->len; i++) {
		struct question *q = g_ptr_array_index(s->questions, i);
		int rc;

		sqlite3_bind_text(s->q_find, 1, q->code, -1, SQLITE_STATIC);
		rc = sqlite3_step(s->q_find);
		if (rc == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(s->q_find, 1);
			int open = sqlite3_column_type(s->q_find, 2) == SQLITE_NULL;
			double min = sqlite3_column_double(s->q_find, 2);
			double max = sqlite3_column_double(s->q_find, 3);
			const struct imp_scale *sc = name ? scale_by_name(s, name) : NULL;

			q->id = sqlite3_column_int64(s->q_find, 0);
			if (sc != NULL && !open && (sc->min != min || sc->max != max))
				sc = NULL;
			if (sc == NULL)	/* a range, or a map scale this map lacks */
				sc = scale_new(s, name ? name : "numeric", open ? NAN : min,
				    open ? NAN : max);
			q->scale = sc;
			q->fixed = 1;
			rc = SQLITE_DONE;
		}
		sqlite3_reset(s->q_find);
		if (rc != SQLITE_DONE)
			return lia_err_set(err, "database: %s", db_errmsg(ctx->db));
	}
	return 0;
}

/* The engine's first pass: every answer of every question column,
 * tallied. */
static void
feedback_prepass(struct imp_ctx *ctx, const struct csv_record *rec)
{
	struct feedback_state *s = ctx->state;
	guint i;

	for (i = 0; i < s->questions->len; i++) {
		struct question *q = g_ptr_array_index(s->questions, i);

		imp_tally_add(&q->tally, s->custom, s->ncustom, rec->fields[q->col]);
	}
}

/* After the first pass: each question's scale, from its answers unless the
 * map or the database gave it one. */
static void
decide_scales(struct feedback_state *s, const struct imp_ctx *ctx)
{
	guint i;

	if (s->decided)
		return;
	s->decided = 1;
	for (i = 0; i < s->questions->len; i++) {
		struct question *q = g_ptr_array_index(s->questions, i);

		if (!q->fixed)
			q->scale = imp_tally_scale(&q->tally, ctx->cols.header[q->col], s->custom,
			    s->ncustom);
		if (q->level == 0 && strcmp(q->scale->name, "text") != 0)
			q->level = q->pair_role != NULL ||
			    q->scale == &builtin_scales[SC_CONFIDENCE] ? 2 : 1;
	}
}

/* (the batch that makes a question or an answer, bound once) */
static const struct imp_sql feedback_sql[] = {
	{ q_find_sql, offsetof(struct feedback_state, q_find), 0 },
	{ q_ins_sql, offsetof(struct feedback_state, q_ins), 9 },
	{ resp_ins_sql, offsetof(struct feedback_state, resp_ins), 0 },
	{ resp_find_sql, offsetof(struct feedback_state, resp_find), 0 },
	{ resp_fill_sql, offsetof(struct feedback_state, resp_fill), 0 },
	{ ans_ins_sql, offsetof(struct feedback_state, ans_ins), 5 },
	{ NULL, 0, 0 }
};

/* The questions of the header (and the map, and those held), their
 * scales, the stage. */
static int
feedback_begin(struct imp_ctx *ctx, struct lia_err *err)
{
	struct feedback_state *s = ctx->state;

	if (!imp_has(ctx, "course_code") && !imp_has(ctx, "course_title")) {
		char *found = imp_columns_found(ctx);
		lia_err_set(err, "missing required column 'course_code' (or course_title, or "
		    "--course); columns found: %s", found);
		g_free(found);
		return -1;
	}
	s->questions = g_ptr_array_new_with_free_func(question_free);
	s->scales = g_ptr_array_new_with_free_func(scale_free);
	s->stage = "post";
	if (ctx->opts->stage != NULL && (s->stage = imp_stage_word(ctx->opts->stage)) == NULL)
		return lia_err_set(err, "unknown --stage '%s' (expected baseline, post or"
		    " follow-up)", ctx->opts->stage);
	if (find_questions(ctx, s, err) != 0 || map_settings(ctx, s, err) != 0 ||
	    held_questions(ctx, s, err) != 0)
		return -1;
	if (s->questions->len == 0) {
		char *found = imp_columns_found(ctx);
		lia_err_set(err, "no question columns: every column is a known field; columns"
		    " found: %s", found);
		g_free(found);
		return -1;
	}
	/* (the scales are decided after the engine's first pass: decide_scales) */
	s->answers = g_new0(struct answer, s->questions->len);
	return 0;
}

static void
clear_answers(struct feedback_state *s)
{
	guint i;

	for (i = 0; i < s->questions->len; i++) {
		g_free(s->answers[i].redacted);
		memset(&s->answers[i], 0, sizeof s->answers[i]);
	}
}

static void
feedback_fini(struct imp_ctx *ctx)
{
	struct feedback_state *s = ctx->state;

	if (s->answers != NULL)
		clear_answers(s);
	g_free(s->answers);
	if (s->questions != NULL)
		g_ptr_array_free(s->questions, TRUE);
	if (s->scales != NULL)
		g_ptr_array_free(s->scales, TRUE);
}

/*
 * A response's own date, in its column's day/month order (SurveyMonkey and
 * Microsoft Forms month first, "06/12/2019 10:31:05 AM"): 0 with *out, -1
 * when it cannot be read (the response is kept without it), or the row's
 * result when the import must stop (ROW_FATAL).
 */
static int
response_date(struct imp_ctx *ctx, struct imp_row *row, const char *text, lia_date *out,
    struct lia_err *err)
{
	char reason[sizeof row->reason];
	int rc;

	memcpy(reason, row->reason, sizeof reason);
	rc = imp_date(ctx, FB_RESPONSE_DATE, text, out, row, err);
	memcpy(row->reason, reason, sizeof reason);	/* not a reject */
	return rc == 0 ? 0 : rc == -1 ? -1 : ROW_FATAL;
}

static int64_t
store_question(struct imp_ctx *ctx, struct feedback_state *s, struct question *q,
    struct lia_err *err)
{
	sqlite3_stmt *st = s->q_ins;

	sqlite3_bind_text(st, 1, q->code, -1, SQLITE_STATIC);
	if (q->text != NULL)
		sqlite3_bind_text(st, 2, q->text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, q->scale->name, -1, SQLITE_STATIC);
	if (!isnan(q->scale->min))
		sqlite3_bind_double(st, 4, q->scale->min);
	else
		sqlite3_bind_null(st, 4);
	if (!isnan(q->scale->max))
		sqlite3_bind_double(st, 5, q->scale->max);
	else
		sqlite3_bind_null(st, 5);
	if (q->level > 0)
		sqlite3_bind_int(st, 6, q->level);
	else
		sqlite3_bind_null(st, 6);
	if (q->pair_code != NULL) {
		sqlite3_bind_text(st, 7, q->pair_code, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, q->pair_role, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_null(st, 7);
		sqlite3_bind_null(st, 8);
	}
	if (db_step_done(ctx->db, st, err) != 0)
		return -1;
	return q->id = sqlite3_last_insert_rowid(ctx->db);
}

/* A row's answers, read through each question's scale into s->answers:
 * ROW_LOADED when there is one at least, else the reject. */
static enum row_result
read_answers(struct feedback_state *s, struct imp_row *row)
{
	int nanswers = 0;
	guint i;

	clear_answers(s);
	for (i = 0; i < s->questions->len; i++) {
		struct question *q = g_ptr_array_index(s->questions, i);
		struct answer *a = &s->answers[i];
		const char *text = row->rec->fields[q->col];
		int rc;

		if (imp_no_answer(text))
			continue;
		nanswers++;
		if (q->scale == &builtin_scales[SC_TEXT] || strcmp(q->scale->name, "text") == 0) {
			a->redacted = imp_scrub(text, NULL);
			a->text = a->redacted != NULL ? a->redacted : text;
			continue;
		}
		rc = imp_scale_value(q->scale, text, &a->value);
		if (rc == -2)
			return imp_reject(row, "question '%s': %g is outside its %s scale %g-%g",
			    q->code, a->value, q->scale->name, q->scale->min, q->scale->max);
		if (rc != 0)
			return imp_reject(row, "question '%s': '%.60s' is not an answer on its %s"
			    " scale", q->code, text, q->scale->name);
		a->have_value = 1;
	}
	if (nanswers == 0)
		return imp_reject(row, "no answer to any question");
	return ROW_LOADED;
}

/* The response of a respondent (pkey; NULL: anonymous) at a session and
 * stage, made or found (*loaded: made), its time filled where it had none:
 * its id, or -1 with err. */
static int64_t
store_response(struct imp_ctx *ctx, struct feedback_state *s, int64_t session,
    const char *pkey, const char *stage, const char *when, int *loaded, struct lia_err *err)
{
	int64_t response = 0;

	sqlite3_bind_int64(s->resp_ins, 1, session);
	if (pkey != NULL)
		sqlite3_bind_text(s->resp_ins, 2, pkey, IMP_PKEY_LEN, SQLITE_STATIC);
	else
		sqlite3_bind_null(s->resp_ins, 2);
	sqlite3_bind_text(s->resp_ins, 3, stage, -1, SQLITE_STATIC);
	if (when != NULL)
		sqlite3_bind_text(s->resp_ins, 4, when, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s->resp_ins, 4);
	sqlite3_bind_int64(s->resp_ins, 5, ctx->batch);
	if (db_step_done(ctx->db, s->resp_ins, err) != 0)
		return -1;
	if ((*loaded = sqlite3_changes(ctx->db) > 0))
		return sqlite3_last_insert_rowid(ctx->db);
	sqlite3_bind_int64(s->resp_find, 1, session);
	sqlite3_bind_text(s->resp_find, 2, pkey, pkey != NULL ? IMP_PKEY_LEN : 0, SQLITE_STATIC);
	sqlite3_bind_text(s->resp_find, 3, stage, -1, SQLITE_STATIC);
	if (sqlite3_step(s->resp_find) == SQLITE_ROW)
		response = sqlite3_column_int64(s->resp_find, 0);
	sqlite3_reset(s->resp_find);
	if (response <= 0)
		return lia_err_set(err, "database: %s", db_errmsg(ctx->db));
	if (when != NULL) {
		sqlite3_bind_int64(s->resp_fill, 1, response);
		sqlite3_bind_text(s->resp_fill, 2, when, -1, SQLITE_STATIC);
		if (db_step_done(ctx->db, s->resp_fill, err) != 0)
			return -1;
	}
	return response;
}

/* The answers of s->answers, under the response. 0 or -1 with err. */
static int
store_answers(struct imp_ctx *ctx, struct feedback_state *s, int64_t response,
    struct lia_err *err)
{
	guint i;

	for (i = 0; i < s->questions->len; i++) {
		struct question *q = g_ptr_array_index(s->questions, i);
		struct answer *a = &s->answers[i];

		if (!a->have_value && a->text == NULL)
			continue;
		if (q->id == 0 && store_question(ctx, s, q, err) < 0)
			return -1;
		sqlite3_bind_int64(s->ans_ins, 1, response);
		sqlite3_bind_int64(s->ans_ins, 2, q->id);
		if (a->have_value)
			sqlite3_bind_double(s->ans_ins, 3, a->value);
		else
			sqlite3_bind_null(s->ans_ins, 3);
		if (a->text != NULL)
			sqlite3_bind_text(s->ans_ins, 4, a->text, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(s->ans_ins, 4);
		if (db_step_done(ctx->db, s->ans_ins, err) != 0)
			return -1;
	}
	return 0;
}

static enum row_result
feedback_row(struct imp_ctx *ctx, struct imp_row *row, struct lia_err *err)
{
	struct feedback_state *s = ctx->state;
	char **v = row->v, pkey[IMP_PKEY_LEN + 1], when[DATE_ISO_LEN];
	const char *code = *v[FB_CODE] ? v[FB_CODE] : NULL, *title = v[FB_TITLE];
	const char *date_text = ctx->opts->date != NULL ? ctx->opts->date : v[FB_DATE];
	const char *stage = s->stage, *email = v[FB_EMAIL];
	int named = 0, have_when = 0, loaded = 0;
	int64_t course, session, response;
	enum row_result res;
	lia_date date;
	struct lia_err e;

	decide_scales(s, ctx);
	if (ctx->opts->course != NULL) {
		code = ctx->opts->course;
		title = "";
		imp_note_override(ctx, FB_CODE, "--course", code);
		imp_note_override(ctx, FB_TITLE, "--course", code);
	}
	if ((code == NULL || *code == '\0') && *title == '\0')
		return imp_reject(row, "missing course_code");
	/* A survey tool's response without its end (LimeSurvey's empty "Date
	 * submitted", SurveyMonkey's empty End Date) was never finished. */
	if (strcmp(ctx->profile->kind, "*") != 0 && ctx->cols.col[FB_RESPONSE_DATE] >= 0 &&
	    *v[FB_RESPONSE_DATE] == '\0' && !ctx->opts->include_incomplete)
		return imp_skip(row, "an incomplete response (no '%s'); --include-incomplete loads"
		    " them", ctx->cols.header[ctx->cols.col[FB_RESPONSE_DATE]]);
	if (date_text == NULL || *date_text == '\0')
		return imp_reject(row, "missing session_date");
	if (ctx->opts->date != NULL) {
		imp_note_override(ctx, FB_DATE, "--date", ctx->opts->date);
		if (date_parse(date_text, &date, &e) != 0)
			return imp_reject(row, "--date: %s", e.msg);
	} else {
		int rc = imp_date(ctx, FB_DATE, date_text, &date, row, err);

		if (rc == -1)
			return ROW_REJECTED;
		if (rc != 0)
			return ROW_FATAL;
	}
	if (*v[FB_STAGE] != '\0' && (stage = imp_stage_word(v[FB_STAGE])) == NULL)
		return imp_reject(row, "unknown stage '%s' (expected baseline, post or follow-up)",
		    v[FB_STAGE]);
	/* Microsoft Forms writes "anonymous" where a form collects no e-mail. */
	if (g_ascii_strcasecmp(email, "anonymous") == 0)
		email = "";
	if (*email != '\0' && strchr(email, '@') == NULL && strncmp(email, "lia:", 4) != 0)
		return imp_reject(row, "email is not an e-mail address (no '@')");
	if (*email != '\0' && row->rec->digest != NULL) {
		/* the reader's pseudonym of the e-mail, as attendance takes it */
		imp_hex(row->rec->digest, IMP_DIGEST_LEN, pkey);
		named = 1;
	} else if (*email != '\0' || *v[FB_RESPONDENT] != '\0') {
		/* An id that is an e-mail is keyed as the e-mail, as practitioners are. */
		int id_is_email = *email == '\0' && strchr(v[FB_RESPONDENT], '@') != NULL;

		if (imp_pseudonym(ctx->key, *email ? email :
		    id_is_email ? v[FB_RESPONDENT] : NULL, v[FB_RESPONDENT], pkey) != 0)
			return imp_reject(row, "respondent: no e-mail or id");
		named = 1;
	}
	if (*v[FB_RESPONSE_DATE] != '\0') {
		lia_date d;

		int rc = response_date(ctx, row, v[FB_RESPONSE_DATE], &d, err);

		if (rc == ROW_FATAL)
			return ROW_FATAL;
		if (rc == 0) {
			date_format(d, when);
			have_when = 1;
		} else if (s->bad_dates++ == 0) {
			s->first_bad_date_line = row->line;
		}
	}

	if ((res = read_answers(s, row)) != ROW_LOADED)
		return res;

	/* The response is good: find or create what it refers to. */
	if ((course = imp_course(ctx, code, title, err)) < 0 ||
	    (session = imp_session(ctx, course, date, v[FB_SESSION], -1, NULL, err)) < 0)
		return ROW_FATAL;
	if ((response = store_response(ctx, s, session, named ? pkey : NULL, stage,
	    have_when ? when : NULL, &loaded, err)) > 0 && store_answers(ctx, s, response, err) == 0)
		res = loaded ? ROW_LOADED : ROW_DUPLICATE;
	else
		res = ROW_FATAL;
	clear_answers(s);
	return res;
}

static int
feedback_end(struct imp_ctx *ctx, struct lia_err *err)
{
	struct feedback_state *s = ctx->state;

	if (s->bad_dates > 0)
		return imp_warn(ctx, s->first_bad_date_line, err, "%lld responses' own date"
		    " (response_date) could not be read, the first on this line: kept without it",
		    (long long)s->bad_dates);
	return 0;
}

const struct imp_loader imp_feedback_loader = {
	.kind = IMP_FEEDBACK,
	.fields = feedback_fields,
	.state_size = sizeof(struct feedback_state),
	.sql = feedback_sql,
	/* the reader works out an e-mail's pseudonym ("anonymous" and a
	 * respondent id are keyed here) */
	.key_email = "email",
	.begin = feedback_begin,
	.row = feedback_row,
	.end = feedback_end,
	.fini = feedback_fini,
	.prepass = feedback_prepass,
	.reads_unclaimed = 1,	/* the questions */
};
