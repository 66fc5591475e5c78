/*
 * feedback: the feedback analysis.  Three reads, each one prepared
 * statement over the sessions that pass the filters: the questions, every
 * rated answer (response, session, respondent, stage, question, value) and
 * every response (for the stages, text-only ones included).  Each answer is
 * then copied once per group it falls in (a course with two themes counts
 * in both), the copies sorted by group and question, and each run of one
 * question handed to analytics/stats as a plain array of values.  Pairs and
 * stages are found the same way, by sorting on the person and the session.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/feedback.h"
#include "analytics/internal.h"

static const char *const stage_names[AN_STAGES] = { "baseline", "post", "follow_up" };

int
an_stage_parse(const char *s, enum an_stage *out)
{
	int i;

	if (strcmp(s, "follow-up") == 0) {
		*out = AN_STAGE_FOLLOW_UP;
		return 0;
	}
	for (i = 0; i < AN_STAGES; i++)
		if (strcmp(s, stage_names[i]) == 0) {
			*out = (enum an_stage)i;
			return 0;
		}
	return -1;
}

const char *
an_stage_name(enum an_stage s)
{
	return (unsigned)s < AN_STAGES ? stage_names[s] : "post";
}

const char *
an_stage_words(const char *name)
{
	static const char *const words[AN_STAGES] = { "Baseline", "After the training",
	    "Follow-up" };
	enum an_stage s;

	return name != NULL && an_stage_parse(name, &s) == 0 ? words[s] : NULL;
}

void
an_feedback_opts_defaults(struct an_feedback_opts *o)
{
	memset(o, 0, sizeof *o);
	period_all(&o->period);
	o->stage = -1;
	o->by = AN_DIM_NONE;
	o->conf = AN_CONF;
}

/* ---- what is read ------------------------------------------------------------ */

static const char sql_questions[] =
    "SELECT id, code, text, scale, scale_min, scale_max, pair_code, pair_role"
    " FROM question ORDER BY code";
/* The filters every read shares: ?1..?2 the period, ?3 the course, ?4 the theme, ?5 the stage. */
#define FILTERS \
    " s.date BETWEEN ?1 AND ?2 AND (?3 = 0 OR s.course_id = ?3)" \
    " AND (?4 = 0 OR EXISTS (SELECT 1 FROM course_theme ct" \
    "      WHERE ct.course_id = s.course_id AND ct.theme_id = ?4))" \
    " AND (?5 IS NULL OR r.stage = ?5)"
static const char sql_answers[] =
    "SELECT r.id, r.session_id, r.respondent, r.stage, a.question_id, a.value"
    " FROM feedback_answer a JOIN feedback_response r ON r.id = a.response_id"
    " JOIN session s ON s.id = r.session_id"
    " WHERE a.value IS NOT NULL AND" FILTERS;
static const char sql_responses[] =
    "SELECT r.id, r.session_id, r.respondent, r.stage"
    " FROM feedback_response r JOIN session s ON s.id = r.session_id WHERE" FILTERS;
/* Sessions, their course and themes, and who attended them. */
static const char sql_sessions[] =
    "SELECT s.id, c.code, s.date, s.label,"
    " (SELECT count(*) FROM attendance a WHERE a.session_id = s.id AND a.status = 'attended')"
    " + (SELECT coalesce(sum(h.count), 0) FROM headcount_attendance h WHERE h.session_id = s.id)"
    " FROM session s JOIN course c ON c.id = s.course_id"
    " WHERE s.id IN (SELECT session_id FROM feedback_response)";
static const char sql_session_themes[] =
    "SELECT s.id, t.name FROM session s JOIN course_theme ct ON ct.course_id = s.course_id"
    " JOIN theme t ON t.id = ct.theme_id"
    " WHERE s.id IN (SELECT session_id FROM feedback_response) ORDER BY s.id, t.name";

struct question {
	int64_t id;
	char *code, *text, *scale, *pair_code;
	int pair_role;		/* 0 none, 1 before, 2 after */
	double min, max;	/* NaN: open */
};

struct session {
	char *key;		/* "CODE YYYY-MM-DD[ label]" */
	char *course;
	GPtrArray *themes;	/* char *, borrowed from the theme names */
	int64_t attended;
};

/* One answer (or, with qidx -1, one response) in one group. */
struct entry {
	int group;
	int qidx;		/* index into questions; -1 for a response */
	int stage;
	int64_t session;
	int64_t person;		/* a respondent's number (> 0), or -response id when anonymous */
	int64_t response;
	double value;
};

struct fb_ctx {
	sqlite3 *db;
	const struct an_feedback_opts *o;
	struct an_feedback *r;
	GPtrArray *questions;	/* struct question * */
	GHashTable *question_of;	/* id -> index + 1 */
	GHashTable *sessions;	/* id -> struct session * */
	GHashTable *people;	/* respondent key -> number */
	GPtrArray *group_keys;	/* char * or NULL, index = group */
	GHashTable *group_of;	/* key -> index + 1 (the NULL key apart) */
	int null_group;		/* -1 until a NULL key is met */
	GArray *answers, *responses;	/* struct entry */
	GPtrArray *theme_names;	/* owned strings */
};

static void
question_free(gpointer p)
{
	struct question *q = p;

	g_free(q->code);
	g_free(q->text);
	g_free(q->scale);
	g_free(q->pair_code);
	g_free(q);
}

static void
session_free(gpointer p)
{
	struct session *s = p;

	g_free(s->key);
	g_free(s->course);
	if (s->themes)
		g_ptr_array_free(s->themes, TRUE);
	g_free(s);
}

static char *
column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? g_strdup((const char *)t) : NULL;
}

static double
column_real(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NAN : sqlite3_column_double(st, i);
}

/* Ends a step loop: 0 on SQLITE_DONE, else -1 with the database's message. */
static int
step_end(sqlite3 *db, int rc, struct lia_err *err)
{
	if (rc == SQLITE_DONE)
		return 0;
	return lia_err_set(err, "database: %s", db_errmsg(db));
}

static int
load_questions(struct fb_ctx *c, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, sql_questions, err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct question *q = g_new0(struct question, 1);
		const char *role = (const char *)sqlite3_column_text(st, 7);

		q->id = sqlite3_column_int64(st, 0);
		q->code = column_text(st, 1);
		q->text = column_text(st, 2);
		q->scale = column_text(st, 3);
		q->min = column_real(st, 4);
		q->max = column_real(st, 5);
		q->pair_code = column_text(st, 6);
		q->pair_role = role == NULL ? 0 : strcmp(role, "before") == 0 ? 1 : 2;
		g_ptr_array_add(c->questions, q);
		g_hash_table_insert(c->question_of, g_memdup2(&q->id, sizeof q->id),
		    GSIZE_TO_POINTER((gsize)c->questions->len));
	}
	sqlite3_finalize(st);
	return step_end(c->db, rc, err);
}

static int
load_sessions(struct fb_ctx *c, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(c->db, sql_sessions, err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct session *s = g_new0(struct session, 1);
		const char *label = (const char *)sqlite3_column_text(st, 3);
		int64_t id = sqlite3_column_int64(st, 0);

		s->course = column_text(st, 1);
		s->key = g_strdup_printf("%s %s%s%s", s->course, sqlite3_column_text(st, 2),
		    label && *label ? " " : "", label && *label ? label : "");
		s->attended = sqlite3_column_int64(st, 4);
		s->themes = g_ptr_array_new();
		g_hash_table_insert(c->sessions, g_memdup2(&id, sizeof id), s);
	}
	sqlite3_finalize(st);
	if (step_end(c->db, rc, err) != 0)
		return -1;
	if (c->o->by != AN_DIM_THEME)
		return 0;
	if ((st = db_prepare(c->db, sql_session_themes, err)) == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct session *s = g_hash_table_lookup(c->sessions, &id);
		char *name = column_text(st, 1);

		g_ptr_array_add(c->theme_names, name);
		if (s != NULL)
			g_ptr_array_add(s->themes, name);
	}
	sqlite3_finalize(st);
	return step_end(c->db, rc, err);
}

static int
group_get(struct fb_ctx *c, const char *key)
{
	gpointer v;

	if (key == NULL) {
		if (c->null_group < 0) {
			c->null_group = (int)c->group_keys->len;
			g_ptr_array_add(c->group_keys, NULL);
		}
		return c->null_group;
	}
	if ((v = g_hash_table_lookup(c->group_of, key)) != NULL)
		return GPOINTER_TO_INT(v) - 1;
	g_ptr_array_add(c->group_keys, g_strdup(key));
	g_hash_table_insert(c->group_of, g_ptr_array_index(c->group_keys, c->group_keys->len - 1),
	    GINT_TO_POINTER((int)c->group_keys->len));
	return (int)c->group_keys->len - 1;
}

/* Appends one entry per group the session falls in. */
static void
add_entry(struct fb_ctx *c, GArray *to, struct entry *e)
{
	struct session *s = g_hash_table_lookup(c->sessions, &e->session);
	guint i;

	switch (c->o->by) {
	case AN_DIM_COURSE:
		e->group = group_get(c, s ? s->course : NULL);
		break;
	case AN_DIM_SESSION:
		e->group = group_get(c, s ? s->key : NULL);
		break;
	case AN_DIM_THEME:
		if (s == NULL || s->themes->len == 0) {
			e->group = group_get(c, NULL);
			break;
		}
		for (i = 0; i < s->themes->len; i++) {
			const char *t = g_ptr_array_index(s->themes, i);

			/* With --theme, only that theme's group. */
			if (c->o->theme != NULL && g_ascii_strcasecmp(t, c->o->theme) != 0) {
				char *a = lia_theme_key(t), *b = lia_theme_key(c->o->theme);
				int same = strcmp(a, b) == 0;

				g_free(a);
				g_free(b);
				if (!same)
					continue;
			}
			e->group = group_get(c, t);
			g_array_append_val(to, *e);
		}
		return;
	default:
		e->group = group_get(c, NULL);
		break;
	}
	g_array_append_val(to, *e);
}

static int64_t
person_of(struct fb_ctx *c, sqlite3_stmt *st, int col, int64_t response)
{
	const char *key = (const char *)sqlite3_column_text(st, col);
	gpointer v;

	if (key == NULL)
		return -response;
	if ((v = g_hash_table_lookup(c->people, key)) != NULL)
		return (int64_t)GPOINTER_TO_SIZE(v);
	g_hash_table_insert(c->people, g_strdup(key),
	    GSIZE_TO_POINTER((gsize)g_hash_table_size(c->people) + 1));
	return (int64_t)g_hash_table_size(c->people);
}

static void
bind_filters(sqlite3_stmt *st, const struct fb_ctx *c, int64_t course, int64_t theme)
{
	const struct period *p = &c->o->period;
	char from[DATE_ISO_LEN] = "0000-01-01", to[DATE_ISO_LEN] = "9999-12-31";

	if (p->kind != PERIOD_ALL && p->from != INT32_MIN)
		date_format(p->from, from);
	if (p->kind != PERIOD_ALL && p->to != INT32_MAX)
		date_format(p->to, to);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, course);
	sqlite3_bind_int64(st, 4, theme);
	if (c->o->stage >= 0)
		sqlite3_bind_text(st, 5, an_stage_name((enum an_stage)c->o->stage), -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
}

static int
stage_of(const char *s)
{
	enum an_stage st;

	return s != NULL && an_stage_parse(s, &st) == 0 ? (int)st : AN_STAGE_POST;
}

static int
load_entries(struct fb_ctx *c, int64_t course, int64_t theme, struct lia_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = db_prepare(c->db, sql_answers, err)) == NULL)
		return -1;
	bind_filters(st, c, course, theme);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct entry e = { 0 };
		int64_t qid = sqlite3_column_int64(st, 4);
		gpointer q = g_hash_table_lookup(c->question_of, &qid);

		if (q == NULL)
			continue;	/* cannot happen: a foreign key */
		e.response = sqlite3_column_int64(st, 0);
		e.session = sqlite3_column_int64(st, 1);
		e.person = person_of(c, st, 2, e.response);
		e.stage = stage_of((const char *)sqlite3_column_text(st, 3));
		e.qidx = GPOINTER_TO_INT(q) - 1;
		e.value = sqlite3_column_double(st, 5);
		add_entry(c, c->answers, &e);
	}
	sqlite3_finalize(st);
	if (step_end(c->db, rc, err) != 0)
		return -1;

	if ((st = db_prepare(c->db, sql_responses, err)) == NULL)
		return -1;
	bind_filters(st, c, course, theme);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct entry e = { 0 };

		e.response = sqlite3_column_int64(st, 0);
		e.session = sqlite3_column_int64(st, 1);
		e.person = person_of(c, st, 2, e.response);
		e.stage = stage_of((const char *)sqlite3_column_text(st, 3));
		e.qidx = -1;
		add_entry(c, c->responses, &e);
	}
	sqlite3_finalize(st);
	return step_end(c->db, rc, err);
}

/* ---- ordering ------------------------------------------------------------------- */

static GPtrArray *sort_keys;	/* the group keys, for the comparators (qsort has no context) */
static GPtrArray *sort_questions;

static int
group_cmp(int a, int b)
{
	if (a == b)
		return 0;
	return an_key_cmp(g_ptr_array_index(sort_keys, a), g_ptr_array_index(sort_keys, b));
}

/* By group, question code, then session, person and stage (pairs read runs of these). */
static int
entry_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c;

	if ((c = group_cmp(a->group, b->group)) != 0)
		return c;
	if (a->qidx != b->qidx) {
		if (a->qidx < 0 || b->qidx < 0)
			return (a->qidx > b->qidx) - (a->qidx < b->qidx);
		return strcmp(((struct question *)g_ptr_array_index(sort_questions, a->qidx))->code,
		    ((struct question *)g_ptr_array_index(sort_questions, b->qidx))->code);
	}
	if (a->session != b->session)
		return (a->session > b->session) - (a->session < b->session);
	if (a->person != b->person)
		return (a->person > b->person) - (a->person < b->person);
	if (a->stage != b->stage)
		return a->stage - b->stage;
	return (a->response > b->response) - (a->response < b->response);
}

/* By group, session, person, then stage. */
static int
person_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c;

	if ((c = group_cmp(a->group, b->group)) != 0)
		return c;
	if (a->session != b->session)
		return (a->session > b->session) - (a->session < b->session);
	if (a->person != b->person)
		return (a->person > b->person) - (a->person < b->person);
	if (a->stage != b->stage)
		return a->stage - b->stage;
	return (a->response > b->response) - (a->response < b->response);
}

/* ---- questions ------------------------------------------------------------------- */

static const char *
group_label(const struct fb_ctx *c, int group)
{
	const char *k = g_ptr_array_index(c->group_keys, group);

	if (c->o->by == AN_DIM_NONE)
		return "";
	return k ? k : c->o->by == AN_DIM_THEME ? "no theme" : "not recorded";
}

/* " (NEG1)" after a question's code when grouped; a static buffer of the call. */
static const char *
in_group(const struct fb_ctx *c, int group, char *buf, size_t size)
{
	if (c->o->by == AN_DIM_NONE)
		buf[0] = '\0';
	else
		g_snprintf(buf, size, " (%s %s)", an_dim_name(c->o->by), group_label(c, group));
	return buf;
}

/* The top point of a question's closed scale that counts in the top two, or NaN. */
static double
top_two_from(const struct question *q)
{
	if (!(isfinite(q->min) && isfinite(q->max) && q->min == floor(q->min) &&
	    q->max == floor(q->max) && q->max - q->min <= 100))
		return NAN;
	return q->max - (q->max - q->min >= 3 ? 1 : 0);
}

static void
question_row(struct fb_ctx *c, const struct question *q, int group, const double *v, size_t n,
    GArray *rows)
{
	struct an_fb_question row = { 0 };
	struct an_ttest t;
	char where[160];
	size_t i;

	row.group = g_strdup(g_ptr_array_index(c->group_keys, group));
	row.question = g_strdup(q->code);
	row.text = g_strdup(q->text);
	row.scale = g_strdup(q->scale);
	row.scale_min = q->min;
	row.scale_max = q->max;
	row.n = (int64_t)n;
	row.top2 = row.top2_ci_low = row.top2_ci_high = NAN;
	an_mean_sd(v, n, &row.mean, &row.sd);
	an_ttest_one(v, n, 0.0, c->o->conf, &t);
	row.mean_ci_low = t.ci_low;
	row.mean_ci_high = t.ci_high;
	if (!isnan(top_two_from(q))) {
		double top = top_two_from(q);

		row.npoints = (size_t)(q->max - q->min) + 1;
		row.counts = g_new0(int64_t, row.npoints);
		for (i = 0; i < n; i++) {
			double k = v[i] - q->min;

			if (k == floor(k) && k >= 0 && k < (double)row.npoints)
				row.counts[(size_t)k]++;
			else
				row.between++;
			row.top2_count += v[i] >= top;
		}
		row.top2 = (double)row.top2_count / (double)n;
		an_wilson(row.top2_count, row.n, c->o->conf, &row.top2_ci_low, &row.top2_ci_high);
	}
	row.small_n = row.n < AN_SMALL_N;
	if (row.small_n)
		an_note(&c->r->notes, "question %s%s: n = %lld, below %d: read its figures with care",
		    q->code, in_group(c, group, where, sizeof where), (long long)row.n, AN_SMALL_N);
	if (row.n >= 2 && isnan(row.mean_ci_low))
		an_note(&c->r->notes, "question %s%s: every answer is %g, so its mean has no"
		    " t interval", q->code, in_group(c, group, where, sizeof where), v[0]);
	if (row.between > 0)
		an_note(&c->r->notes, "question %s%s: %lld answers fall between the points of its"
		    " scale and are counted in no point of the distribution", q->code,
		    in_group(c, group, where, sizeof where), (long long)row.between);
	g_array_append_val(rows, row);
}

static void
questions(struct fb_ctx *c)
{
	GArray *e = c->answers, *rows = g_array_new(FALSE, TRUE, sizeof(struct an_fb_question));
	GArray *v = g_array_new(FALSE, FALSE, sizeof(double));
	guint i, j;

	for (i = 0; i < e->len; i = j) {
		const struct entry *a = &g_array_index(e, struct entry, i);
		const struct question *q = g_ptr_array_index(c->questions, a->qidx);

		g_array_set_size(v, 0);
		for (j = i; j < e->len; j++) {
			const struct entry *b = &g_array_index(e, struct entry, j);

			if (b->group != a->group || b->qidx != a->qidx)
				break;
			g_array_append_val(v, b->value);
		}
		question_row(c, q, a->group, (const double *)(void *)v->data, v->len, rows);
	}
	g_array_free(v, TRUE);
	c->r->nquestions = rows->len;
	c->r->questions = (struct an_fb_question *)(void *)g_array_free(rows, FALSE);
}

/* The post stage's rated answers as one (struct an_fb_overall). */
static void
overall(struct fb_ctx *c)
{
	struct an_fb_overall *o = &c->r->overall;
	GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	GHashTable *asked = g_hash_table_new(g_direct_hash, g_direct_equal);
	guint i;

	for (i = 0; i < c->answers->len; i++) {
		const struct entry *e = &g_array_index(c->answers, struct entry, i);
		const struct question *q = g_ptr_array_index(c->questions, e->qidx);
		double top = top_two_from(q);
		char *key;

		if (e->stage != AN_STAGE_POST || q->pair_role != 0 || isnan(top))
			continue;
		/* An answer is in every group of its course's themes: count it once. */
		key = g_strdup_printf("%lld %d", (long long)e->response, e->qidx);
		if (!g_hash_table_add(seen, key))
			continue;
		g_hash_table_add(asked, GINT_TO_POINTER(e->qidx + 1));
		o->answers++;
		o->top2_count += e->value >= top;
	}
	o->questions = g_hash_table_size(asked);
	o->top2 = o->top2_ci_low = o->top2_ci_high = NAN;
	if (o->answers > 0) {
		o->top2 = (double)o->top2_count / (double)o->answers;
		an_wilson(o->top2_count, o->answers, c->o->conf, &o->top2_ci_low, &o->top2_ci_high);
	}
	o->small_n = o->answers < AN_SMALL_N;
	g_hash_table_destroy(seen);
	g_hash_table_destroy(asked);
}

/* ---- pairs ------------------------------------------------------------------------ */

/* The answers of one group to the two questions of a pair, in session, person, stage order. */
static void
pair_row(struct fb_ctx *c, int group, const struct question *before,
    const struct question *after, GArray *rows)
{
	struct an_fb_pair row = { 0 };
	GArray *e = c->answers, *b = g_array_new(FALSE, FALSE, sizeof(double));
	GArray *a = g_array_new(FALSE, FALSE, sizeof(double)), *d;
	GArray *mine = g_array_new(FALSE, FALSE, sizeof(struct entry));
	struct an_ttest t;
	struct an_wilcoxon w;
	char where[160];
	guint i, j;

	for (i = 0; i < e->len; i++) {
		const struct entry *x = &g_array_index(e, struct entry, i);

		if (x->group == group && (g_ptr_array_index(c->questions, x->qidx) == before ||
		    g_ptr_array_index(c->questions, x->qidx) == after))
			g_array_append_val(mine, *x);
	}
	sort_keys = c->group_keys;
	g_array_sort(mine, person_cmp);
	for (i = 0; i < mine->len; i = j) {
		const struct entry *x = &g_array_index(mine, struct entry, i);
		const struct entry *first_before = NULL, *last_after = NULL;

		for (j = i; j < mine->len; j++) {
			const struct entry *y = &g_array_index(mine, struct entry, j);

			if (y->session != x->session || y->person != x->person)
				break;
			if (g_ptr_array_index(c->questions, y->qidx) == before) {
				if (first_before == NULL)
					first_before = y;
			} else {
				last_after = y;
			}
		}
		if (first_before && last_after && first_before->stage <= last_after->stage) {
			g_array_append_val(b, first_before->value);
			g_array_append_val(a, last_after->value);
		}
	}
	row.group = g_strdup(g_ptr_array_index(c->group_keys, group));
	row.question = g_strdup(before->pair_code);
	row.before = g_strdup(before->code);
	row.after = g_strdup(after->code);
	row.text = g_strdup(after->text);
	row.n_pairs = b->len;
	if (b->len == 0) {
		an_note(&c->r->notes, "pair %s%s: nobody answered both %s and %s", before->pair_code,
		    in_group(c, group, where, sizeof where), before->code, after->code);
		g_free(row.group);
		g_free(row.question);
		g_free(row.before);
		g_free(row.after);
		g_free(row.text);
		goto out;
	}
	d = g_array_sized_new(FALSE, FALSE, sizeof(double), b->len);
	for (i = 0; i < b->len; i++) {
		double x = g_array_index(a, double, i) - g_array_index(b, double, i);

		g_array_append_val(d, x);
	}
	an_mean_sd((const double *)(void *)b->data, b->len, &row.mean_before, NULL);
	an_mean_sd((const double *)(void *)a->data, a->len, &row.mean_after, NULL);
	an_ttest_one((const double *)(void *)d->data, d->len, 0.0, c->o->conf, &t);
	row.mean_change = t.estimate;
	row.ci_low = t.ci_low;
	row.ci_high = t.ci_high;
	row.t = t.t;
	row.df = t.df;
	row.p_t = t.p;
	an_wilcoxon_signed((const double *)(void *)d->data, d->len, AN_TWO_SIDED, 1, 1, &w);
	row.p_wilcoxon = w.p;
	row.wilcoxon_exact = w.exact;
	row.d_z = an_cohen_dz((const double *)(void *)d->data, d->len);
	row.small_n = row.n_pairs < AN_SMALL_N;
	if (row.small_n)
		an_note(&c->r->notes, "pair %s%s: %lld pairs, below %d: read its figures with care",
		    row.question, in_group(c, group, where, sizeof where), (long long)row.n_pairs,
		    AN_SMALL_N);
	if (row.n_pairs >= 2 && isnan(row.p_t))
		an_note(&c->r->notes, "pair %s%s: every change is %g, so there is no t test or d_z",
		    row.question, in_group(c, group, where, sizeof where), g_array_index(d, double, 0));
	if (isnan(row.p_wilcoxon) && row.n_pairs > 0)
		an_note(&c->r->notes, "pair %s%s: no answer changed, so there is no signed-rank test",
		    row.question, in_group(c, group, where, sizeof where));
	g_array_free(d, TRUE);
	g_array_append_val(rows, row);
out:
	g_array_free(mine, TRUE);
	g_array_free(a, TRUE);
	g_array_free(b, TRUE);
}

static void
pairs(struct fb_ctx *c)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_fb_pair));
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	guint g, i, k;

	/* The groups in key order, each with the pairs it has any answer to. */
	for (g = 0; g < c->group_keys->len; g++) {
		g_hash_table_remove_all(seen);
		for (i = 0; i < c->answers->len; i++) {
			const struct entry *x = &g_array_index(c->answers, struct entry, i);
			const struct question *q = g_ptr_array_index(c->questions, x->qidx);

			if (x->group == (int)g && q->pair_role == 1)
				g_hash_table_add(seen, GINT_TO_POINTER(x->qidx + 1));
			if (x->group == (int)g && q->pair_role == 2) {
				/* an after answer brings its before question in */
				for (k = 0; k < c->questions->len; k++) {
					const struct question *o = g_ptr_array_index(c->questions, k);

					if (o->pair_role == 1 && o->pair_code && q->pair_code &&
					    strcmp(o->pair_code, q->pair_code) == 0)
						g_hash_table_add(seen, GINT_TO_POINTER((int)k + 1));
				}
			}
		}
		/* questions are in code order, so pairs come out in before-code order */
		for (k = 0; k < c->questions->len; k++) {
			const struct question *b = g_ptr_array_index(c->questions, k), *a = NULL;
			guint m;

			if (!g_hash_table_contains(seen, GINT_TO_POINTER((int)k + 1)))
				continue;
			for (m = 0; m < c->questions->len && a == NULL; m++) {
				const struct question *o = g_ptr_array_index(c->questions, m);

				if (o->pair_role == 2 && o->pair_code &&
				    strcmp(o->pair_code, b->pair_code) == 0)
					a = o;
			}
			if (a == NULL) {
				char where[160];

				an_note(&c->r->notes, "question %s%s is the before half of pair %s, whose"
				    " after question was never asked", b->code,
				    in_group(c, (int)g, where, sizeof where), b->pair_code);
				continue;
			}
			pair_row(c, (int)g, b, a, rows);
		}
	}
	g_hash_table_destroy(seen);
	c->r->npairs = rows->len;
	c->r->pairs = (struct an_fb_pair *)(void *)g_array_free(rows, FALSE);
}

/* ---- stages ------------------------------------------------------------------------ */

/* Whether the person of the run e[k..end) (one session, one person) is at a stage. */
static int
run_at(const GArray *e, guint k, guint end, int stage)
{
	for (; k < end; k++)
		if (g_array_index(e, struct entry, k).stage == stage)
			return 1;
	return 0;
}

/* The end of the run of one session and one person that starts at k. */
static guint
run_end(const GArray *e, guint k, guint end)
{
	const struct entry *x = &g_array_index(e, struct entry, k);
	guint m;

	for (m = k + 1; m < end; m++) {
		const struct entry *y = &g_array_index(e, struct entry, m);

		if (y->session != x->session || y->person != x->person)
			break;
	}
	return m;
}

/* The stage rows of the group whose responses are e[i..j). */
static void
stage_rows(struct fb_ctx *c, guint i, guint j, int have[AN_STAGES], GArray *rows)
{
	GArray *e = c->responses;
	int group = g_array_index(e, struct entry, i).group, s, prev = -1;
	int64_t responses[AN_STAGES] = { 0 }, named[AN_STAGES] = { 0 }, attended = 0;
	GHashTable *sessions = g_hash_table_new(g_int64_hash, g_int64_equal);
	guint k, m;

	for (k = i; k < j; k = m) {
		const struct entry *x = &g_array_index(e, struct entry, k);

		m = run_end(e, k, j);
		for (s = 0; s < AN_STAGES; s++)
			named[s] += x->person > 0 && run_at(e, k, m, s);
		for (; k < m; k++)
			responses[g_array_index(e, struct entry, k).stage]++;
		if (!g_hash_table_contains(sessions, &x->session)) {
			const struct session *se = g_hash_table_lookup(c->sessions, &x->session);

			g_hash_table_add(sessions, (gpointer)&x->session);
			attended += se ? se->attended : 0;
		}
	}
	g_hash_table_destroy(sessions);
	for (s = 0; s < AN_STAGES; s++) {
		struct an_fb_stage row = { 0 };
		char where[160];

		if (responses[s] == 0)
			continue;
		have[s] = 1;
		row.group = g_strdup(g_ptr_array_index(c->group_keys, group));
		row.stage = (enum an_stage)s;
		row.responses = responses[s];
		row.respondents = named[s];
		row.matched = -1;
		row.attrition = NAN;
		if (prev >= 0) {
			/* Named people at this stage and at the previous one held, same session. */
			row.matched = 0;
			for (k = i; k < j; k = m) {
				m = run_end(e, k, j);
				row.matched += g_array_index(e, struct entry, k).person > 0 &&
				    run_at(e, k, m, s) && run_at(e, k, m, prev);
			}
			if (named[prev] > 0)
				row.attrition = 1.0 - (double)row.matched / (double)named[prev];
		}
		row.attended = attended;
		row.response_rate = attended > 0 ? (double)responses[s] / (double)attended : NAN;
		row.small_n = row.responses < AN_SMALL_N;
		if (row.small_n)
			an_note(&c->r->notes, "stage %s%s: %lld responses, below %d: read its figures"
			    " with care", stage_names[s], in_group(c, group, where, sizeof where),
			    (long long)row.responses, AN_SMALL_N);
		g_array_append_val(rows, row);
		prev = s;
	}
}

static void
stages(struct fb_ctx *c)
{
	GArray *e = c->responses, *rows = g_array_new(FALSE, TRUE, sizeof(struct an_fb_stage));
	int have[AN_STAGES] = { 0 };
	guint i, j;

	sort_keys = c->group_keys;
	g_array_sort(e, person_cmp);
	for (i = 0; i < e->len; i = j) {
		int group = g_array_index(e, struct entry, i).group;

		for (j = i; j < e->len && g_array_index(e, struct entry, j).group == group; j++)
			;
		stage_rows(c, i, j, have, rows);
	}
	if (e->len == 0) {
		an_note(&c->r->notes, "no feedback response passes the filters");
	} else if (c->o->stage < 0 && (!have[AN_STAGE_BASELINE] || !have[AN_STAGE_FOLLOW_UP])) {
		GString *g = g_string_new(NULL);
		int s;

		for (s = 0; s < AN_STAGES; s++)
			if (!have[s])
				g_string_append_printf(g, "%s%s", g->len ? " or " : "", stage_names[s]);
		an_note(&c->r->notes, "no %s responses: change across stages is measured only"
		    " between the stages held", g->str);
		g_string_free(g, TRUE);
	}
	c->r->nstages = rows->len;
	c->r->stages = (struct an_fb_stage *)(void *)g_array_free(rows, FALSE);
}

/* ---- the run ------------------------------------------------------------------------- */

struct an_feedback *
an_feedback_run(sqlite3 *db, const struct an_feedback_opts *o, struct lia_err *err)
{
	struct fb_ctx c;
	struct an_feedback *r = g_new0(struct an_feedback, 1);
	int64_t course = 0, theme = 0;

	memset(&c, 0, sizeof c);
	c.db = db;
	c.o = o;
	c.r = r;
	c.null_group = -1;
	r->opts = *o;
	r->opts.course = g_strdup(o->course);
	r->opts.theme = g_strdup(o->theme);
	c.questions = g_ptr_array_new_with_free_func(question_free);
	c.question_of = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
	c.sessions = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, session_free);
	c.people = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c.group_keys = g_ptr_array_new_with_free_func(g_free);
	c.group_of = g_hash_table_new(g_str_hash, g_str_equal);
	c.answers = g_array_new(FALSE, TRUE, sizeof(struct entry));
	c.responses = g_array_new(FALSE, TRUE, sizeof(struct entry));
	c.theme_names = g_ptr_array_new_with_free_func(g_free);

	if (o->by != AN_DIM_NONE && o->by != AN_DIM_COURSE && o->by != AN_DIM_THEME &&
	    o->by != AN_DIM_SESSION) {
		lia_err_set(err, "feedback is grouped by course, theme or session, not by %s",
		    an_dim_name(o->by));
		goto fail;
	}
	if (!(o->conf > 0.0 && o->conf < 1.0)) {
		lia_err_set(err, "the confidence level must be between 0 and 1");
		goto fail;
	}
	if ((o->course && an_lookup(db, "course", o->course, &course, err) != 0) ||
	    (o->theme && an_lookup(db, "theme", o->theme, &theme, err) != 0))
		goto fail;
	if (load_questions(&c, err) != 0 || load_sessions(&c, err) != 0 ||
	    load_entries(&c, course, theme, err) != 0)
		goto fail;
	sort_keys = c.group_keys;
	sort_questions = c.questions;
	g_array_sort(c.answers, entry_cmp);
	questions(&c);
	overall(&c);
	pairs(&c);
	stages(&c);
	goto out;
fail:
	an_feedback_free(r);
	r = NULL;
out:
	sort_keys = sort_questions = NULL;
	g_ptr_array_free(c.questions, TRUE);
	g_hash_table_destroy(c.question_of);
	g_hash_table_destroy(c.sessions);
	g_hash_table_destroy(c.people);
	g_hash_table_destroy(c.group_of);
	g_ptr_array_free(c.group_keys, TRUE);
	g_array_free(c.answers, TRUE);
	g_array_free(c.responses, TRUE);
	g_ptr_array_free(c.theme_names, TRUE);
	return r;
}

void
an_feedback_free(struct an_feedback *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nquestions; i++) {
		struct an_fb_question *q = &r->questions[i];

		g_free(q->group);
		g_free(q->question);
		g_free(q->text);
		g_free(q->scale);
		g_free(q->counts);
	}
	g_free(r->questions);
	for (i = 0; i < r->npairs; i++) {
		g_free(r->pairs[i].group);
		g_free(r->pairs[i].question);
		g_free(r->pairs[i].before);
		g_free(r->pairs[i].after);
		g_free(r->pairs[i].text);
	}
	g_free(r->pairs);
	for (i = 0; i < r->nstages; i++)
		g_free(r->stages[i].group);
	g_free(r->stages);
	g_free((char *)r->opts.course);
	g_free((char *)r->opts.theme);
	an_notes_free(&r->notes);
	g_free(r);
}
