/*
 * reach: how many practitioners, from which agencies, the training reached,
 * and what share of each agency's workforce that is.  It owns the reach
 * analysis, its grouping dimensions and its rates.
 *
 * The small tables (agencies, courses, themes, sessions, workforce,
 * headcount-only attendance) are fetched into arrays first; each session
 * then knows whether it passes the period and the filters and which group
 * it belongs to.  The named attendances, up to millions of rows, are
 * streamed once into per-group bitmaps of practitioner and session ids by
 * an aggregate SQL function registered for the one query: stepping each
 * row out to C costs more than the whole analysis may take.  Unique counts
 * are then popcounts, the total has bitmaps of its own (a person in two
 * groups is one person in the total), and the rates are computed last from
 * the counts by an_reach_rates, which needs no database.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/internal.h"

/* ---- dimensions ---------------------------------------------------------- */

static const char *const dim_names[] = {
	[AN_DIM_NONE] = "total",
	[AN_DIM_AGENCY] = "agency",
	[AN_DIM_SECTOR] = "sector",
	[AN_DIM_ROLE] = "role",
	[AN_DIM_COURSE] = "course",
	[AN_DIM_THEME] = "theme",
	[AN_DIM_LEVEL] = "level",
	[AN_DIM_MONTH] = "month",
	[AN_DIM_YEAR] = "year",
	[AN_DIM_FY] = "fy",
	[AN_DIM_QUARTER] = "quarter",
	[AN_DIM_SESSION] = "session",
};

int
an_dim_parse(const char *s, enum an_dim *d)
{
	size_t i;

	for (i = AN_DIM_AGENCY; i < sizeof dim_names / sizeof dim_names[0]; i++)
		if (strcmp(s, dim_names[i]) == 0) {
			*d = (enum an_dim)i;
			return 0;
		}
	return -1;
}

const char *
an_dim_name(enum an_dim d)
{
	if ((size_t)d >= sizeof dim_names / sizeof dim_names[0])
		return "total";
	return dim_names[d];
}

/* Whether a dimension groups people (fill rates are per session, so not split by it). */
static int
dim_of_people(enum an_dim d)
{
	return d == AN_DIM_AGENCY || d == AN_DIM_SECTOR || d == AN_DIM_ROLE;
}

/* The time group of a date: its key and the days it spans. */
static void
time_group(enum an_dim d, lia_date date, char *key, size_t size, lia_date *from, lia_date *to)
{
	int y, m, dd, fy, q;

	date_to_ymd(date, &y, &m, &dd);
	fy = period_fy_of(date);
	switch (d) {
	case AN_DIM_MONTH:
		snprintf(key, size, "%04d-%02d", y, m);
		*from = date_from_ymd(y, m, 1);
		*to = date_from_ymd(y, m, date_days_in_month(y, m));
		break;
	case AN_DIM_YEAR:
		snprintf(key, size, "%04d", y);
		*from = date_from_ymd(y, 1, 1);
		*to = date_from_ymd(y, 12, 31);
		break;
	case AN_DIM_FY:
		snprintf(key, size, "%04d/%02d", fy, (fy + 1) % 100);
		*from = date_from_ymd(fy, 4, 1);
		*to = date_from_ymd(fy + 1, 3, 31);
		break;
	default:	/* AN_DIM_QUARTER: Q1 is April to June */
		q = (m >= 4 ? m - 4 : m + 8) / 3 + 1;
		snprintf(key, size, "%04d/%02d Q%d", fy, (fy + 1) % 100, q);
		*from = date_from_ymd(m >= 4 ? fy : fy + 1, (m - 1) / 3 * 3 + 1, 1);
		*to = date_add_months(*from, 3) - 1;
		break;
	}
}

/* ---- rates ------------------------------------------------------------------ */

static double
ratio(int64_t num, int64_t den)
{
	return den > 0 ? (double)num / (double)den : NAN;
}

int
an_reach_rates(struct an_reach_row *r, double conf)
{
	int rc = 0;

	r->dna_rate = ratio(r->dna, r->attendances + r->dna);
	r->fill_rate = ratio(r->seats_filled, r->capacity);
	r->coverage = r->coverage_ci_low = r->coverage_ci_high = NAN;
	r->cumulative_coverage = r->cumulative_ci_low = r->cumulative_ci_high = NAN;
	if (r->workforce > 0) {
		if (an_wilson(r->unique_practitioners, r->workforce, conf,
		    &r->coverage_ci_low, &r->coverage_ci_high) == 0)
			r->coverage = ratio(r->unique_practitioners, r->workforce);
		else
			rc = -1;
		if (r->cumulative_practitioners > 0 || r->new_practitioners > 0) {
			if (an_wilson(r->cumulative_practitioners, r->workforce, conf,
			    &r->cumulative_ci_low, &r->cumulative_ci_high) == 0)
				r->cumulative_coverage = ratio(r->cumulative_practitioners, r->workforce);
			else
				rc = -1;
		}
	}
	return rc;
}

/* ---- the working state ------------------------------------------------------ */

struct group {
	char *key;
	const char *title;		/* AN_DIM_COURSE: the course's title (borrowed); else NULL */
	struct an_bits people;		/* practitioner ids attended */
	struct an_bits sessions;	/* session ids with any record */
	struct an_bits agencies;	/* agency ids with any record (0: not recorded) */
	int64_t attendances, dna, cancelled, headcount, seats_filled;
	int64_t agency_id;		/* AN_DIM_AGENCY: the agency; else 0 */
	int64_t last_session;		/* rows come in session order: set its bit once */
	lia_date from, to;		/* time groups: the days they span */
	int month;			/* --cumulative: months since the period began */
};

struct session {
	int in;			/* passes the period and the filters */
	lia_date date;
	int64_t course_id;
	int64_t capacity;	/* -1 unknown */
	int group;		/* session-derived dimensions: the group; -1 none */
	int month;		/* --cumulative: month index */
};

struct course {
	char *code;
	char *title;		/* NULL when none */
	int64_t level;		/* -1 unknown */
	GArray *themes;		/* int64_t theme ids */
};

struct reach_ctx {
	sqlite3 *db;
	const struct an_reach_opts *opts;
	enum an_dim by;
	int64_t agency_filter, course_filter, theme_filter;	/* 0: none */

	size_t max_person, max_session, max_agency, max_course, max_theme;
	struct session *sessions;	/* by id */
	struct course *courses;		/* by id */
	char **agency_name;		/* by id */
	char **agency_sector;
	char **theme_name;
	int *agency_group;		/* by agency id (0: none recorded); -1 none */
	int *theme_group;		/* by theme id */
	int null_group;			/* the group of an unrecorded value; -1 none yet */

	GPtrArray *groups;		/* struct group */
	GHashTable *by_key;		/* key -> index + 1 */
	struct group total;
	int16_t *first_month;		/* --cumulative: by person id, -1 never */
	int nmonths;
	lia_date first_day;		/* --cumulative: the first month's first day */

	struct an_workforce_row *workforce;
	size_t nworkforce;
};

static struct group *
group_at(struct reach_ctx *rc, int i)
{
	return g_ptr_array_index(rc->groups, (guint)i);
}

static int
group_get(struct reach_ctx *rc, const char *key)
{
	struct group *g;
	gpointer v;

	if (key == NULL) {
		if (rc->null_group >= 0)
			return rc->null_group;
	} else if ((v = g_hash_table_lookup(rc->by_key, key)) != NULL) {
		return GPOINTER_TO_INT(v) - 1;
	}
	g = g_new0(struct group, 1);
	g->key = g_strdup(key);
	g->month = -1;
	an_bits_init(&g->people, rc->max_person + 1);
	an_bits_init(&g->sessions, rc->max_session + 1);
	an_bits_init(&g->agencies, rc->max_agency + 1);
	g_ptr_array_add(rc->groups, g);
	if (key == NULL)
		rc->null_group = (int)rc->groups->len - 1;
	else
		g_hash_table_insert(rc->by_key, g->key, GINT_TO_POINTER((int)rc->groups->len));
	return (int)rc->groups->len - 1;
}

static void
group_free(gpointer p)
{
	struct group *g = p;

	an_bits_fini(&g->people);
	an_bits_fini(&g->sessions);
	an_bits_fini(&g->agencies);
	g_free(g->key);
	g_free(g);
}

static void
ctx_fini(struct reach_ctx *rc)
{
	size_t i;

	if (rc->courses)
		for (i = 0; i <= rc->max_course; i++) {
			g_free(rc->courses[i].code);
			g_free(rc->courses[i].title);
			if (rc->courses[i].themes)
				g_array_free(rc->courses[i].themes, TRUE);
		}
	if (rc->agency_name)
		for (i = 0; i <= rc->max_agency; i++) {
			g_free(rc->agency_name[i]);
			g_free(rc->agency_sector[i]);
		}
	if (rc->theme_name)
		for (i = 0; i <= rc->max_theme; i++)
			g_free(rc->theme_name[i]);
	g_free(rc->sessions);
	g_free(rc->courses);
	g_free(rc->agency_name);
	g_free(rc->agency_sector);
	g_free(rc->theme_name);
	g_free(rc->agency_group);
	g_free(rc->theme_group);
	g_free(rc->first_month);
	g_free(rc->workforce);
	if (rc->by_key)
		g_hash_table_destroy(rc->by_key);
	if (rc->groups)
		g_ptr_array_free(rc->groups, TRUE);
	an_bits_fini(&rc->total.people);
	an_bits_fini(&rc->total.sessions);
	an_bits_fini(&rc->total.agencies);
}

/* ---- fetching the small tables -------------------------------------------------- */

static const char sql_max_ids[] =
    "SELECT (SELECT ifnull(max(id), 0) FROM practitioner), (SELECT ifnull(max(id), 0) FROM session),"
    " (SELECT ifnull(max(id), 0) FROM agency), (SELECT ifnull(max(id), 0) FROM course),"
    " (SELECT ifnull(max(id), 0) FROM theme)";
static const char sql_agencies[] = "SELECT id, name, sector FROM agency";
static const char sql_courses[] = "SELECT id, code, level, title FROM course";
static const char sql_themes[] = "SELECT id, name FROM theme";
static const char sql_course_themes[] = "SELECT course_id, theme_id FROM course_theme ORDER BY theme_id";
static const char sql_sessions[] = "SELECT id, course_id, date, capacity FROM session";

static int
step_error(sqlite3 *db, sqlite3_stmt *st, int rc, struct lia_err *err)
{
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

static int
load_small_tables(struct reach_ctx *rc, struct lia_err *err)
{
	sqlite3_stmt *st;
	int64_t id;
	int s;

	if ((st = db_prepare(rc->db, sql_max_ids, err)) == NULL)
		return -1;
	if ((s = sqlite3_step(st)) != SQLITE_ROW)
		return step_error(rc->db, st, s, err) == 0 ? lia_err_set(err, "database: no ids") : -1;
	rc->max_person = (size_t)sqlite3_column_int64(st, 0);
	rc->max_session = (size_t)sqlite3_column_int64(st, 1);
	rc->max_agency = (size_t)sqlite3_column_int64(st, 2);
	rc->max_course = (size_t)sqlite3_column_int64(st, 3);
	rc->max_theme = (size_t)sqlite3_column_int64(st, 4);
	sqlite3_finalize(st);

	rc->agency_name = g_new0(char *, rc->max_agency + 1);
	rc->agency_sector = g_new0(char *, rc->max_agency + 1);
	rc->agency_group = g_new(int, rc->max_agency + 1);
	rc->courses = g_new0(struct course, rc->max_course + 1);
	rc->theme_name = g_new0(char *, rc->max_theme + 1);
	rc->theme_group = g_new(int, rc->max_theme + 1);
	rc->sessions = g_new0(struct session, rc->max_session + 1);

	if ((st = db_prepare(rc->db, sql_agencies, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || (size_t)id > rc->max_agency)
			continue;
		rc->agency_name[id] = g_strdup((const char *)sqlite3_column_text(st, 1));
		rc->agency_sector[id] = g_strdup((const char *)sqlite3_column_text(st, 2));
	}
	if (step_error(rc->db, st, s, err) != 0)
		return -1;

	if ((st = db_prepare(rc->db, sql_courses, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id < 1 || (size_t)id > rc->max_course)
			continue;
		rc->courses[id].code = g_strdup((const char *)sqlite3_column_text(st, 1));
		rc->courses[id].title = g_strdup((const char *)sqlite3_column_text(st, 3));
		rc->courses[id].level = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 2);
		rc->courses[id].themes = g_array_new(FALSE, FALSE, sizeof(int64_t));
	}
	if (step_error(rc->db, st, s, err) != 0)
		return -1;

	if ((st = db_prepare(rc->db, sql_themes, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (id >= 1 && (size_t)id <= rc->max_theme)
			rc->theme_name[id] = g_strdup((const char *)sqlite3_column_text(st, 1));
	}
	if (step_error(rc->db, st, s, err) != 0)
		return -1;

	if ((st = db_prepare(rc->db, sql_course_themes, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(st, 0), tid = sqlite3_column_int64(st, 1);

		if (cid >= 1 && (size_t)cid <= rc->max_course && rc->courses[cid].themes &&
		    tid >= 1 && (size_t)tid <= rc->max_theme)
			g_array_append_val(rc->courses[cid].themes, tid);
	}
	if (step_error(rc->db, st, s, err) != 0)
		return -1;

	if ((st = db_prepare(rc->db, sql_sessions, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		struct session *se;
		struct lia_err e;

		id = sqlite3_column_int64(st, 0);
		if (id < 1 || (size_t)id > rc->max_session)
			continue;
		se = &rc->sessions[id];
		se->course_id = sqlite3_column_int64(st, 1);
		se->capacity = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
		    sqlite3_column_int64(st, 3);
		se->group = -1;
		se->month = -1;
		if (date_parse((const char *)sqlite3_column_text(st, 2), &se->date, &e) != 0 ||
		    se->course_id < 1 || (size_t)se->course_id > rc->max_course)
			continue;
		se->in = 1;
	}
	if (step_error(rc->db, st, s, err) != 0)
		return -1;
	return an_workforce_load(rc->db, &rc->workforce, &rc->nworkforce, err);
}

static int
course_has_theme(const struct course *c, int64_t theme)
{
	guint i;

	for (i = 0; c->themes && i < c->themes->len; i++)
		if (g_array_index(c->themes, int64_t, i) == theme)
			return 1;
	return 0;
}

/*
 * Marks the sessions that pass the period and filters, and gives each its
 * group for the session-derived dimensions.  Returns 0, or -1 with err when
 * a month-by-month run would be longer than AN_MAX_MONTHS (a typo such as
 * 0001-01-01 in a file must not make millions of empty months).
 */
static int
place_sessions(struct reach_ctx *rc, struct lia_err *err)
{
	const struct period *p = &rc->opts->period;
	lia_date first = INT32_MAX;
	size_t i;

	for (i = 1; i <= rc->max_session; i++) {
		struct session *se = &rc->sessions[i];
		struct course *c;
		char key[32];
		lia_date from, to;
		int g;

		if (!se->in)
			continue;
		c = &rc->courses[se->course_id];
		if (!period_contains(p, se->date) ||
		    (rc->course_filter && se->course_id != rc->course_filter) ||
		    (rc->theme_filter && !course_has_theme(c, rc->theme_filter))) {
			se->in = 0;
			continue;
		}
		if (se->date < first)
			first = se->date;
		switch (rc->by) {
		case AN_DIM_COURSE:
			se->group = group_get(rc, c->code);
			group_at(rc, se->group)->title = c->title;
			break;
		case AN_DIM_LEVEL:
			if (c->level < 0) {
				se->group = group_get(rc, NULL);
			} else {
				snprintf(key, sizeof key, "%lld", (long long)c->level);
				se->group = group_get(rc, key);
			}
			break;
		case AN_DIM_MONTH:
		case AN_DIM_YEAR:
		case AN_DIM_FY:
		case AN_DIM_QUARTER:
			if (!rc->opts->cumulative) {
				time_group(rc->by, se->date, key, sizeof key, &from, &to);
				g = group_get(rc, key);
				group_at(rc, g)->from = from;
				group_at(rc, g)->to = to;
				se->group = g;
			}
			break;
		default:
			break;
		}
	}
	if (!rc->opts->cumulative || first == INT32_MAX)
		return 0;

	/* --cumulative: every month from the period's start (or the first session) to its end (or the last). */
	{
		lia_date start = p->kind == PERIOD_ALL || p->from == INT32_MIN ? first : p->from;
		lia_date last = start, m;
		int y, mo, d, k, ly, lm;

		for (i = 1; i <= rc->max_session; i++)
			if (rc->sessions[i].in && rc->sessions[i].date > last)
				last = rc->sessions[i].date;
		if (p->kind != PERIOD_ALL && p->to != INT32_MAX)
			last = p->to;
		date_to_ymd(start, &y, &mo, &d);
		date_to_ymd(last, &ly, &lm, &d);
		if ((long)(ly - y) * 12 + (lm - mo) + 1 > AN_MAX_MONTHS) {
			char a[DATE_ISO_LEN], b[DATE_ISO_LEN];

			return lia_err_set(err, "a month-by-month run from %s to %s would have more "
			    "than %d months; give --period or --from/--to", date_format(start, a),
			    date_format(last, b), AN_MAX_MONTHS);
		}
		rc->first_day = date_from_ymd(y, mo, 1);
		for (m = rc->first_day, k = 0; m <= last; m = date_add_months(m, 1), k++) {
			char key[32];
			lia_date from, to;
			int g;

			time_group(AN_DIM_MONTH, m, key, sizeof key, &from, &to);
			g = group_get(rc, key);
			group_at(rc, g)->from = from;
			group_at(rc, g)->to = to;
			group_at(rc, g)->month = k;
		}
		rc->nmonths = k;
		for (i = 1; i <= rc->max_session; i++) {
			struct session *se = &rc->sessions[i];

			if (!se->in)
				continue;
			date_to_ymd(se->date, &ly, &lm, &d);
			k = (ly - y) * 12 + (lm - mo);
			se->month = k;
			se->group = k;	/* the months were the first groups made */
		}
		rc->first_month = g_new(int16_t, rc->max_person + 1);
		memset(rc->first_month, 0xff, sizeof(int16_t) * (rc->max_person + 1));
	}
	return 0;
}

/* Gives every agency (or each sector) its group. */
static void
place_agencies(struct reach_ctx *rc)
{
	size_t i;

	for (i = 0; i <= rc->max_agency; i++)
		rc->agency_group[i] = -1;
	for (i = 0; i <= rc->max_theme; i++)
		rc->theme_group[i] = -1;
	if (rc->by == AN_DIM_THEME)
		for (i = 1; i <= rc->max_theme; i++)
			if (rc->theme_name[i] && (!rc->theme_filter || (int64_t)i == rc->theme_filter))
				rc->theme_group[i] = -2;	/* made when first met */
	if (rc->by != AN_DIM_AGENCY && rc->by != AN_DIM_SECTOR)
		return;
	for (i = 1; i <= rc->max_agency; i++) {
		if (rc->agency_name[i] == NULL || (rc->agency_filter && (int64_t)i != rc->agency_filter))
			continue;
		if (rc->by == AN_DIM_AGENCY) {
			rc->agency_group[i] = group_get(rc, rc->agency_name[i]);
			group_at(rc, rc->agency_group[i])->agency_id = (int64_t)i;
		} else {
			rc->agency_group[i] = group_get(rc, rc->agency_sector[i]);
		}
	}
}

/* ---- streaming the attendances ------------------------------------------------- */

enum { ST_ATTENDED, ST_DNA, ST_CANCELLED };

static void
add_record(struct group *g, int64_t person, int64_t session, int64_t agency, int status,
    int capacity_known)
{
	if (session != g->last_session) {
		an_bits_set(&g->sessions, (size_t)session);
		g->last_session = session;
	}
	an_bits_set(&g->agencies, (size_t)agency);
	if (status == ST_ATTENDED) {
		g->attendances++;
		an_bits_set(&g->people, (size_t)person);
		if (capacity_known)
			g->seats_filled++;
	} else if (status == ST_DNA) {
		g->dna++;
	} else {
		g->cancelled++;
	}
}

/* The groups a record falls in; returns how many (themes: any number). */
static int
groups_of(struct reach_ctx *rc, const struct session *se, int64_t agency, const char *role, int *out, int max)
{
	const struct course *c;
	guint i;
	int n = 0;

	switch (rc->by) {
	case AN_DIM_NONE:
		return 0;
	case AN_DIM_AGENCY:
	case AN_DIM_SECTOR:
		if (agency == 0)
			out[n++] = group_get(rc, NULL);
		else if (rc->agency_group[agency] >= 0)
			out[n++] = rc->agency_group[agency];
		return n;
	case AN_DIM_ROLE:
		out[n++] = group_get(rc, role && *role ? role : NULL);
		return n;
	case AN_DIM_THEME:
		c = &rc->courses[se->course_id];
		for (i = 0; c->themes && i < c->themes->len && n < max; i++) {
			int64_t t = g_array_index(c->themes, int64_t, i);

			if (rc->theme_group[t] == -1)
				continue;
			if (rc->theme_group[t] == -2)
				rc->theme_group[t] = group_get(rc, rc->theme_name[t]);
			out[n++] = rc->theme_group[t];
		}
		if (n == 0 && !rc->theme_filter)
			out[n++] = group_get(rc, NULL);
		return n;
	default:
		if (se->group >= 0)
			out[n++] = se->group;
		return n;
	}
}

static void
reach_add(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	struct reach_ctx *rc = sqlite3_user_data(cx);
	int64_t session = sqlite3_value_int64(v[0]);
	int64_t person = sqlite3_value_int64(v[1]);
	int64_t agency = sqlite3_value_type(v[2]) == SQLITE_NULL ? 0 : sqlite3_value_int64(v[2]);
	const unsigned char *status = sqlite3_value_text(v[3]);
	const char *role = argc > 4 ? (const char *)sqlite3_value_text(v[4]) : NULL;
	const struct session *se;
	int groups[64], n, i, st, cap;

	if (session < 1 || (size_t)session > rc->max_session || person < 1 ||
	    (size_t)person > rc->max_person || agency < 0 || (size_t)agency > rc->max_agency)
		return;
	se = &rc->sessions[session];
	if (!se->in || (rc->agency_filter && agency != rc->agency_filter) || status == NULL)
		return;
	st = status[0] == 'a' ? ST_ATTENDED : status[0] == 'd' ? ST_DNA : ST_CANCELLED;
	cap = se->capacity >= 0;
	add_record(&rc->total, person, session, agency, st, cap);
	n = groups_of(rc, se, agency, role, groups, 64);
	for (i = 0; i < n; i++)
		add_record(group_at(rc, groups[i]), person, session, agency, st, cap);
	if (rc->first_month && st == ST_ATTENDED &&
	    (rc->first_month[person] < 0 || rc->first_month[person] > se->month))
		rc->first_month[person] = (int16_t)se->month;
}

static void
reach_final(sqlite3_context *cx)
{
	sqlite3_result_int(cx, 0);
}

/*
 * The attendance queries.  attendance is keyed (session_id,
 * practitioner_id) WITHOUT ROWID, so its own B-tree holds every column in
 * session order: with no period every row is read from it; with a period
 * only the sessions of its dates (index session_date, then the key).
 */
static const char sql_scan_all[] =
    "SELECT lia_reach_add(session_id, practitioner_id, agency_id, status) FROM attendance";
static const char sql_scan_dates[] =
    "SELECT lia_reach_add(a.session_id, a.practitioner_id, a.agency_id, a.status)"
    " FROM session s JOIN attendance a ON a.session_id = s.id"
    " WHERE s.date BETWEEN ?1 AND ?2";
static const char sql_scan_roles[] =
    "SELECT lia_reach_add(session_id, practitioner_id, agency_id, status, role) FROM attendance";
static const char sql_headcount[] =
    "SELECT session_id, agency_id, count FROM headcount_attendance";

static int
scan_attendance(struct reach_ctx *rc, struct lia_err *err)
{
	const struct period *p = &rc->opts->period;
	const char *sql;
	sqlite3_stmt *st = NULL;
	char from[DATE_ISO_LEN], to[DATE_ISO_LEN];
	int nargs = rc->by == AN_DIM_ROLE ? 5 : 4, s, ret = -1;

	/* An aggregate, not a scalar function: the scan runs inside SQLite to
	 * its end and returns one row, instead of a row per attendance. */
	if (sqlite3_create_function(rc->db, "lia_reach_add", nargs,
	    SQLITE_UTF8 | SQLITE_DIRECTONLY, rc, NULL, reach_add, reach_final) != SQLITE_OK)
		return lia_err_set(err, "database: %s", db_errmsg(rc->db));
	if (rc->by == AN_DIM_ROLE)
		sql = sql_scan_roles;
	else if (p->from == INT32_MIN && p->to == INT32_MAX)
		sql = sql_scan_all;
	else
		sql = sql_scan_dates;
	if ((st = db_prepare(rc->db, sql, err)) == NULL)
		goto out;
	if (sql == sql_scan_dates) {
		/* Open ends: dates before year 1 and after 9999 hold every ISO date. */
		if (p->from == INT32_MIN)
			snprintf(from, sizeof from, "0000-00-00");
		else
			date_format(p->from, from);
		if (p->to == INT32_MAX)
			snprintf(to, sizeof to, "9999-99-99");
		else
			date_format(p->to, to);
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	}
	while ((s = sqlite3_step(st)) == SQLITE_ROW)
		;
	if (s != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(rc->db));
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	sqlite3_create_function(rc->db, "lia_reach_add", nargs, SQLITE_UTF8, NULL, NULL, NULL, NULL);
	return ret;
}

static int
scan_headcount(struct reach_ctx *rc, struct lia_err *err)
{
	sqlite3_stmt *st;
	int s;

	if ((st = db_prepare(rc->db, sql_headcount, err)) == NULL)
		return -1;
	while ((s = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t session = sqlite3_column_int64(st, 0);
		int64_t agency = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 1);
		int64_t count = sqlite3_column_int64(st, 2);
		const struct session *se;
		int groups[64], n, i;

		if (session < 1 || (size_t)session > rc->max_session || agency < 0 ||
		    (size_t)agency > rc->max_agency)
			continue;
		se = &rc->sessions[session];
		if (!se->in || (rc->agency_filter && agency != rc->agency_filter))
			continue;
		n = groups_of(rc, se, agency, NULL, groups, 64);
		for (i = -1; i < n; i++) {
			struct group *g = i < 0 ? &rc->total : group_at(rc, groups[i]);

			an_bits_set(&g->sessions, (size_t)session);
			an_bits_set(&g->agencies, (size_t)agency);
			g->headcount += count;
			if (se->capacity >= 0)
				g->seats_filled += count;
		}
	}
	return step_error(rc->db, st, s, err);
}

/* ---- from groups to rows ----------------------------------------------------------- */

/* Counts of a group into a row: sessions, courses, capacity, people. */
static void
fill_counts(struct reach_ctx *rc, const struct group *g, struct an_reach_row *r)
{
	struct an_bits courses;
	size_t i;

	an_bits_init(&courses, rc->max_course + 1);
	r->key = g_strdup(g->key);
	r->attendances = g->attendances;
	r->dna = g->dna;
	r->cancelled = g->cancelled;
	r->headcount_attendances = g->headcount;
	r->seats_filled = g->seats_filled;
	r->unique_practitioners = an_bits_count(&g->people);
	r->workforce = -1;
	for (i = 0; i < g->sessions.nwords; i++) {
		uint64_t w = g->sessions.w[i];

		while (w) {
			size_t id = i * 64 + (size_t)__builtin_ctzll(w);
			const struct session *se = &rc->sessions[id];

			w &= w - 1;
			r->sessions++;
			an_bits_set(&courses, (size_t)se->course_id);
			if (se->capacity >= 0)
				r->capacity += se->capacity;
		}
	}
	r->courses = an_bits_count(&courses);
	an_bits_fini(&courses);
}

/*
 * The workforce of the agencies in scope for the days [from, to]: their
 * sum, or -1 when an agency with records in group g has no figure
 * (its people would be counted over a denominator without them).  With
 * any_sector 0, only the agencies of one sector (NULL: without a sector).
 * Each agency without a figure is named in notes (when not NULL) after
 * the text what.
 */
static int64_t
workforce_sum(struct reach_ctx *rc, const struct group *g, const char *sector, int any_sector,
    lia_date from, lia_date to, struct an_notes *notes, const char *what)
{
	int64_t sum = 0, w;
	int unknown = 0;
	size_t i;

	for (i = 1; i <= rc->max_agency; i++) {
		if (rc->agency_name[i] == NULL || (rc->agency_filter && (int64_t)i != rc->agency_filter))
			continue;
		if (!any_sector && g_strcmp0(rc->agency_sector[i], sector) != 0)
			continue;
		w = an_workforce_of(rc->workforce, rc->nworkforce, (int64_t)i, from, to);
		if (w >= 0) {
			sum += w;
		} else if (an_bits_get(&g->agencies, i)) {
			unknown = 1;
			if (notes)
				an_note(notes, "%s: no workforce figure for %s", what, rc->agency_name[i]);
		}
	}
	return unknown ? -1 : sum;
}

static int
row_cmp(const void *a, const void *b)
{
	return an_key_cmp(((const struct an_reach_row *)a)->key, ((const struct an_reach_row *)b)->key);
}

static void
finish(struct reach_ctx *rc, struct an_reach *r)
{
	const struct period *p = &rc->opts->period;
	lia_date pfrom = p->from, pto = p->to;
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_reach_row));
	int64_t *new_in_month = NULL, cum = 0, cum_att = 0;
	char *what;
	guint gi;
	size_t i;

	fill_counts(rc, &rc->total, &r->total);
	what = g_strdup_printf("coverage not computed for %s", p->kind == PERIOD_ALL ? "all dates" : p->label);
	r->total.workforce = workforce_sum(rc, &rc->total, NULL, 1, pfrom, pto, &r->notes, what);
	g_free(what);

	if (rc->first_month) {
		new_in_month = g_new0(int64_t, rc->nmonths > 0 ? rc->nmonths : 1);
		for (i = 1; i <= rc->max_person; i++)
			if (rc->first_month[i] >= 0 && rc->first_month[i] < rc->nmonths)
				new_in_month[rc->first_month[i]]++;
	}

	for (gi = 0; gi < rc->groups->len; gi++) {
		struct group *g = group_at(rc, (int)gi);
		struct an_reach_row row = { 0 };

		fill_counts(rc, g, &row);
		row.title = g_strdup(g->title);
		switch (rc->by) {
		case AN_DIM_AGENCY:
			/* The total's notes name each agency without a figure. */
			if (g->agency_id > 0)
				row.workforce = an_workforce_of(rc->workforce, rc->nworkforce,
				    g->agency_id, pfrom, pto);
			break;
		case AN_DIM_SECTOR:
			if (g->key != NULL)
				row.workforce = workforce_sum(rc, g, g->key, 0, pfrom, pto, NULL, NULL);
			break;
		case AN_DIM_COURSE:
		case AN_DIM_THEME:
		case AN_DIM_LEVEL:
			row.workforce = r->total.workforce;
			break;
		case AN_DIM_MONTH:
			if (rc->first_month) {
				/* Cumulative reach is over the whole period's workforce. */
				row.workforce = r->total.workforce;
				break;
			}
			/* FALLTHROUGH */
		case AN_DIM_YEAR:
		case AN_DIM_FY:
		case AN_DIM_QUARTER:
			what = g_strdup_printf("coverage not computed for %s", g->key);
			row.workforce = workforce_sum(rc, g, NULL, 1, g->from > pfrom ? g->from : pfrom,
			    g->to < pto ? g->to : pto, &r->notes, what);
			g_free(what);
			break;
		default:
			break;
		}
		if (rc->first_month && g->month >= 0) {
			row.new_practitioners = new_in_month[g->month];
			cum += row.new_practitioners;
			row.cumulative_practitioners = cum;
			cum_att += row.attendances;
			row.cumulative_attendances = cum_att;
		}
		/* A group with no record stays only when it has a denominator (coverage 0) or is a month of the run. */
		if (row.sessions == 0 && row.workforce < 0 && g->month < 0) {
			g_free(row.key);
			g_free(row.title);
			continue;
		}
		if (dim_of_people(rc->by) || rc->agency_filter)
			row.seats_filled = row.capacity = 0;
		if (an_reach_rates(&row, rc->opts->conf) != 0)
			an_note(&r->notes, "%s: %lld practitioners reached but a workforce of %lld: coverage not computed",
			    row.key ? row.key : "(not recorded)", (long long)row.unique_practitioners,
			    (long long)row.workforce);
		g_array_append_val(rows, row);
	}
	g_free(new_in_month);
	if (rc->agency_filter)
		r->total.seats_filled = r->total.capacity = 0;
	if (rc->first_month) {
		r->total.new_practitioners = r->total.cumulative_practitioners =
		    r->total.unique_practitioners;
		r->total.cumulative_attendances = r->total.attendances;
	}
	if (an_reach_rates(&r->total, rc->opts->conf) != 0)
		an_note(&r->notes, "total: %lld practitioners reached but a workforce of %lld: coverage not computed",
		    (long long)r->total.unique_practitioners, (long long)r->total.workforce);

	r->nrows = rows->len;
	r->rows = (struct an_reach_row *)(void *)g_array_free(rows, FALSE);
	if (r->nrows > 1)
		qsort(r->rows, r->nrows, sizeof *r->rows, row_cmp);

	if (dim_of_people(rc->by))
		an_note(&r->notes, "the fill rate is not given by %s: a session's places are not split by %s",
		    an_dim_name(rc->by), an_dim_name(rc->by));
	else if (rc->agency_filter)
		an_note(&r->notes, "the fill rate is not given for one agency: a session's places are not split between agencies");
	if (rc->by == AN_DIM_ROLE)
		an_note(&r->notes, "coverage is not given by role: workforce figures are not recorded by role");
	if (rc->by == AN_DIM_THEME)
		an_note(&r->notes, "a course with several themes counts under each; the total counts it once");
	if (r->total.headcount_attendances > 0)
		an_note(&r->notes, "%lld headcount-only attendances are counted apart: not in the attendances, unique practitioners or coverage",
		    (long long)r->total.headcount_attendances);
}

/* ---- public -------------------------------------------------------------------------- */

void
an_reach_opts_defaults(struct an_reach_opts *o)
{
	memset(o, 0, sizeof *o);
	o->by = AN_DIM_NONE;
	period_all(&o->period);
	o->conf = AN_CONF;
}

struct an_reach *
an_reach_run(sqlite3 *db, const struct an_reach_opts *opts, struct lia_err *err)
{
	struct reach_ctx rc;
	struct an_reach *r = NULL;

	memset(&rc, 0, sizeof rc);
	rc.db = db;
	rc.opts = opts;
	rc.by = opts->by;
	rc.null_group = -1;
	if (opts->by == AN_DIM_SESSION) {
		lia_err_set(err, "reach is not grouped by session");
		goto fail;
	}
	if (opts->cumulative && opts->by != AN_DIM_MONTH) {
		lia_err_set(err, "--cumulative goes with --by month");
		goto fail;
	}
	if ((opts->agency && an_lookup(db, "agency", opts->agency, &rc.agency_filter, err) != 0) ||
	    (opts->course && an_lookup(db, "course", opts->course, &rc.course_filter, err) != 0) ||
	    (opts->theme && an_lookup(db, "theme", opts->theme, &rc.theme_filter, err) != 0))
		goto fail;
	rc.groups = g_ptr_array_new_with_free_func(group_free);
	rc.by_key = g_hash_table_new(g_str_hash, g_str_equal);
	if (load_small_tables(&rc, err) != 0)
		goto fail;
	an_bits_init(&rc.total.people, rc.max_person + 1);
	an_bits_init(&rc.total.sessions, rc.max_session + 1);
	an_bits_init(&rc.total.agencies, rc.max_agency + 1);
	place_agencies(&rc);
	if (place_sessions(&rc, err) != 0)
		goto fail;
	if (scan_attendance(&rc, err) != 0 || scan_headcount(&rc, err) != 0)
		goto fail;

	r = g_new0(struct an_reach, 1);
	r->by = opts->by;
	r->cumulative = opts->cumulative;
	r->period = opts->period;
	r->agency = g_strdup(opts->agency);
	r->course = g_strdup(opts->course);
	r->theme = g_strdup(opts->theme);
	finish(&rc, r);
	ctx_fini(&rc);
	return r;
fail:
	ctx_fini(&rc);
	return NULL;
}

static void
row_fini(struct an_reach_row *r)
{
	g_free(r->key);
	g_free(r->title);
}

void
an_reach_free(struct an_reach *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->nrows; i++)
		row_fini(&r->rows[i]);
	row_fini(&r->total);
	g_free(r->rows);
	g_free(r->agency);
	g_free(r->course);
	g_free(r->theme);
	an_notes_free(&r->notes);
	g_free(r);
}
