/*
 * targets: the board's key indicators and their targets.  The defaults are
 * the ones docs/methods.md gives; a partnership overrides them with a small
 * "key = value" file (--targets FILE), read here by one parser that takes
 * any bytes without crashing (it is fuzzed: tests/fuzz/fuzz_targets.c) and
 * names the line of anything it cannot read.  A rating is Green at or
 * beyond the target, Amber at or beyond the amber threshold, Red past it.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "reports/internal.h"

/* key, label, share, lower_better, target, amber */
static const struct rpt_target defaults[RPT_KPI_COUNT] = {
	[RPT_KPI_COVERAGE] = { "coverage", "Workforce trained", 1, 0, 0.80, 0.60 },
	[RPT_KPI_IN_DATE] = { "in_date", "Training in date", 1, 0, 0.80, 0.60 },
	[RPT_KPI_DNA] = { "dna_rate", "Did not attend", 1, 1, 0.10, 0.15 },
	[RPT_KPI_TRAINERS] = { "trainer_pool", "Trainer pool", 0, 0, 14, 10 },
	[RPT_KPI_NOTIFICATION] = { "notification", "Notified within 5 working days", 1, 0, 1.0,
	    0.80 },
	[RPT_KPI_RAPID_REVIEW] = { "rapid_review", "Rapid reviews within 15 working days", 1, 0,
	    1.0, 0.80 },
	[RPT_KPI_REVIEWS_6M] = { "reviews_6_months", "Reviews completed within 6 months", 1, 0,
	    1.0, 0.80 },
	[RPT_KPI_ACTIONS_OVERDUE] = { "actions_overdue", "Review actions overdue", 0, 1, 0, 2 },
	[RPT_KPI_AUDIT] = { "audit_compliance", "Audit compliance", 1, 0, 0.80, 0.60 },
	[RPT_KPI_FEEDBACK] = { "feedback_top2", "Feedback agreeing", 1, 0, 0.80, 0.60 },
};

void
rpt_targets_defaults(struct rpt_targets *t)
{
	memcpy(t->t, defaults, sizeof defaults);
}

enum chart_rag
rpt_target_rate(const struct rpt_target *t, double v)
{
	/* Shares compared to a tenth of a percentage point, as they are written. */
	double eps = t->share ? 5e-4 : 1e-9;

	if (!isfinite(v))
		return CHART_RAG_NONE;
	if (t->lower_better) {
		if (v <= t->target + eps)
			return CHART_RAG_GREEN;
		return v <= t->amber + eps ? CHART_RAG_AMBER : CHART_RAG_RED;
	}
	if (v >= t->target - eps)
		return CHART_RAG_GREEN;
	return v >= t->amber - eps ? CHART_RAG_AMBER : CHART_RAG_RED;
}

static char *
value_words(const struct rpt_target *t, double v)
{
	if (t->share)
		return g_strdup_printf("%g%%", round(v * 1000.0) / 10.0);
	return g_strdup_printf("%g", v);
}

char *
rpt_target_words(const struct rpt_target *t)
{
	char *v = value_words(t, t->target), *s;

	s = g_strdup_printf("%s%s", t->lower_better ? "at most " : "", v);
	g_free(v);
	return s;
}

/* Trims spaces and tabs at both ends, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* A value of a target: 0, or -1 with err. */
static int
parse_value(const struct rpt_target *t, const char *key, const char *text, double *out,
    const char *name, long line, struct lia_err *err)
{
	char *end;
	double v;
	int pct = 0;

	if (*text == '\0')
		return lia_err_at(err, name, line, "%s has no value", key);
	errno = 0;
	v = g_ascii_strtod(text, &end);
	if (end == text || errno != 0 || !isfinite(v) || strchr("0123456789.", text[0]) == NULL)
		return lia_err_at(err, name, line, "%s: '%s' is not a number", key, text);
	while (*end == ' ' || *end == '\t')
		end++;
	if (*end == '%') {
		pct = 1;
		end++;
		while (*end == ' ' || *end == '\t')
			end++;
	}
	if (*end != '\0')
		return lia_err_at(err, name, line, "%s: '%s' is not a number", key, text);
	if (t->share) {
		if (pct)
			v /= 100.0;
		else if (v > 1)
			return lia_err_at(err, name, line, "%s is a share: write it as a percentage "
			    "(80%%) or a fraction (0.8), not '%s'", key, text);
		if (v < 0 || v > 1)
			return lia_err_at(err, name, line, "%s must be 0%% to 100%%, not '%s'", key,
			    text);
	} else {
		if (pct)
			return lia_err_at(err, name, line, "%s is a number, not a percentage ('%s')",
			    key, text);
		if (v < 0 || v > 1e6 || v != floor(v))
			return lia_err_at(err, name, line, "%s must be a whole number from 0 to "
			    "1000000, not '%s'", key, text);
	}
	*out = v;
	return 0;
}

/* The known keys, for a message. */
static char *
known_keys(void)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < RPT_KPI_COUNT; i++)
		g_string_append_printf(g, "%s%s", i ? ", " : "", defaults[i].key);
	return g_string_free(g, FALSE);
}

int
rpt_targets_parse(struct rpt_targets *out, const char *text, size_t len, const char *name,
    struct lia_err *err)
{
	struct rpt_targets t = *out;
	unsigned char given[RPT_KPI_COUNT] = { 0 }, amber_given[RPT_KPI_COUNT] = { 0 };
	size_t pos = 0;
	long line = 0;
	int i;

	if (name == NULL)
		name = "targets";
	while (pos < len) {
		size_t end = pos, n;
		char *buf, *s, *eq, *key, *value, *hash, *dot;
		int k, amber = 0, rc = 0;

		while (end < len && text[end] != '\n')
			end++;
		n = end - pos;
		line++;
		if (memchr(text + pos, '\0', n) != NULL)
			return lia_err_at(err, name, line, "a NUL byte: not a text file");
		buf = g_strndup(text + pos, n);
		pos = end + 1;
		if (line == 1 && (unsigned char)buf[0] == 0xef && (unsigned char)buf[1] == 0xbb &&
		    (unsigned char)buf[2] == 0xbf)
			memmove(buf, buf + 3, strlen(buf + 3) + 1);	/* a BOM */
		if ((hash = strchr(buf, '#')) != NULL)
			*hash = '\0';
		s = trim(buf);
		if (*s == '\0') {
			g_free(buf);
			continue;
		}
		if (!g_utf8_validate(s, -1, NULL)) {
			g_free(buf);
			return lia_err_at(err, name, line, "not UTF-8 text");
		}
		if ((eq = strchr(s, '=')) == NULL) {
			lia_err_at(err, name, line, "expected 'key = value', not '%.60s'", s);
			g_free(buf);
			return -1;
		}
		*eq = '\0';
		key = trim(s);
		value = trim(eq + 1);
		if ((dot = strchr(key, '.')) != NULL) {
			if (strcmp(dot, ".amber") != 0) {
				lia_err_at(err, name, line, "unknown key '%.60s' (KEY or KEY.amber)", key);
				g_free(buf);
				return -1;
			}
			*dot = '\0';
			amber = 1;
		}
		for (k = 0; k < RPT_KPI_COUNT; k++)
			if (strcmp(key, t.t[k].key) == 0)
				break;
		if (k == RPT_KPI_COUNT) {
			char *keys = known_keys();

			lia_err_at(err, name, line, "unknown key '%.60s'; the keys are %s", key, keys);
			g_free(keys);
			g_free(buf);
			return -1;
		}
		if (amber ? amber_given[k] : given[k]) {
			lia_err_at(err, name, line, "%s%s is given twice", key, amber ? ".amber" : "");
			g_free(buf);
			return -1;
		}
		if (amber) {
			amber_given[k] = 1;
			rc = parse_value(&t.t[k], key, value, &t.t[k].amber, name, line, err);
		} else {
			given[k] = 1;
			rc = parse_value(&t.t[k], key, value, &t.t[k].target, name, line, err);
		}
		g_free(buf);
		if (rc != 0)
			return -1;
	}
	for (i = 0; i < RPT_KPI_COUNT; i++) {
		struct rpt_target *x = &t.t[i];
		double gap = fabs(out->t[i].target - out->t[i].amber);

		/* A new target without its own amber keeps the default's gap. */
		if (given[i] && !amber_given[i]) {
			x->amber = x->lower_better ? x->target + gap : x->target - gap;
			if (x->amber < 0)
				x->amber = 0;
			if (x->share && x->amber > 1)
				x->amber = 1;
		}
		if (x->lower_better ? x->amber < x->target : x->amber > x->target) {
			char *a = value_words(x, x->amber), *b = value_words(x, x->target);

			lia_err_at(err, name, 0, "%s.amber (%s) must be %s the target (%s)", x->key, a,
			    x->lower_better ? "at or above" : "at or below", b);
			err->line = 0;
			g_free(a);
			g_free(b);
			return -1;
		}
	}
	*out = t;
	return 0;
}

int
rpt_targets_load(struct rpt_targets *t, const char *path, struct lia_err *err)
{
	char *text;
	size_t len = 0;
	int rc;

	if ((text = lia_file_read(path, 65536, &len, err)) == NULL)
		return lia_err_prefix(err, "the targets file");
	rc = rpt_targets_parse(t, text, len, path, err);
	g_free(text);
	return rc;
}
