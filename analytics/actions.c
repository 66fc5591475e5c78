/*
 * actions: the action plans that follow the reviews, as they stood on a
 * given day — done, outstanding, overdue and cancelled, per review and
 * theme — and the list of overdue actions with their owners.  Every action
 * is fetched into an array first (a plan has tens or hundreds of them), then
 * judged against the date and counted; themes are grouped by an_theme_key.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analytics/internal.h"
#include "analytics/reviews.h"

static const char sql_actions[] =
    "SELECT a.ref, r.code, a.theme_id, a.text, g.name, a.owner_agency_id, a.due, a.completed,"
    " a.status FROM action a LEFT JOIN review r ON r.id = a.review_id"
    " LEFT JOIN agency g ON g.id = a.owner_agency_id";
static const char sql_review[] = "SELECT code FROM review WHERE lower(code) = lower(?1)";

struct action {
	char *ref, *review, *text, *owner;
	int theme;		/* theme group; -1 none */
	int64_t owner_id;
	int has_due, has_completed;
	lia_date due, completed;
	char status[16];
};

static const char *const by_names[] = {
	[AN_ACTIONS_BY_REVIEW_THEME] = "review-theme",
	[AN_ACTIONS_BY_REVIEW] = "review",
	[AN_ACTIONS_BY_THEME] = "theme",
};

int
an_actions_by_parse(const char *s, enum an_actions_by *by)
{
	size_t i;

	for (i = 0; i < sizeof by_names / sizeof by_names[0]; i++)
		if (strcmp(s, by_names[i]) == 0) {
			*by = (enum an_actions_by)i;
			return 0;
		}
	return -1;
}

lia_date
an_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
an_actions_opts_defaults(struct an_actions_opts *o)
{
	memset(o, 0, sizeof *o);
	o->by = AN_ACTIONS_BY_REVIEW_THEME;
	o->as_at = an_today();
}

static void
action_fini(struct action *a)
{
	g_free(a->ref);
	g_free(a->review);
	g_free(a->text);
	g_free(a->owner);
}

static void
row_fini(struct an_actions_row *r)
{
	g_free(r->review);
	g_free(r->theme);
}

void
an_actions_free(struct an_actions *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < a->nrows; i++)
		row_fini(&a->rows[i]);
	g_free(a->rows);
	row_fini(&a->total);
	for (i = 0; i < a->noverdue; i++) {
		g_free(a->overdue[i].ref);
		g_free(a->overdue[i].review);
		g_free(a->overdue[i].theme);
		g_free(a->overdue[i].text);
		g_free(a->overdue[i].owner);
	}
	g_free(a->overdue);
	g_free(a->review);
	g_free(a->theme);
	g_free(a->agency);
	an_notes_free(&a->notes);
	g_free(a);
}

static char *
column_dup(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL && *t != '\0' ? g_strdup(t) : NULL;
}

/* Reads a date column; 0 when null or not a date. */
static int
column_date(sqlite3_stmt *st, int i, lia_date *d)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	struct lia_err e;

	return t != NULL && date_parse(t, d, &e) == 0;
}

static int
load_actions(sqlite3 *db, const struct an_themes *themes, GArray *out, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_actions, err);
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct action a = { 0 };
		const char *status = (const char *)sqlite3_column_text(st, 8);

		a.ref = column_dup(st, 0);
		a.review = column_dup(st, 1);
		a.theme = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 :
		    an_themes_group(themes, sqlite3_column_int64(st, 2));
		a.text = column_dup(st, 3);
		a.owner = column_dup(st, 4);
		a.owner_id = sqlite3_column_int64(st, 5);
		a.has_due = column_date(st, 6, &a.due);
		a.has_completed = column_date(st, 7, &a.completed);
		g_strlcpy(a.status, status ? status : "open", sizeof a.status);
		g_array_append_val(out, a);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

/* The review's code as stored, for a --review filter.  0, or -1 with err. */
static int
find_review(sqlite3 *db, const char *code, char **out, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql_review, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return lia_err_set(err, "no review with code '%s'", code);
	return lia_err_set(err, "database: %s", db_errmsg(db));
}

static int
cmp_rows(const void *a, const void *b)
{
	const struct an_actions_row *x = a, *y = b;
	int c = an_key_cmp(x->review, y->review);

	return c != 0 ? c : an_key_cmp(x->theme, y->theme);
}

static int
cmp_overdue(const void *a, const void *b)
{
	const struct an_overdue *x = a, *y = b;

	if (x->days_overdue != y->days_overdue)
		return x->days_overdue > y->days_overdue ? -1 : 1;
	return an_key_cmp(x->ref, y->ref);
}

/* Counts one action into a row as at the date; returns whether it is overdue. */
static int
count(struct an_actions_row *r, const struct action *a, lia_date as_at)
{
	r->actions++;
	if (strcmp(a->status, "cancelled") == 0) {
		r->cancelled++;
		return 0;
	}
	if (a->has_completed ? a->completed <= as_at : strcmp(a->status, "completed") == 0) {
		r->done++;
		return 0;
	}
	r->outstanding++;
	if (!a->has_due) {
		r->no_due_date++;
		return 0;
	}
	if (a->due >= as_at)
		return 0;
	r->overdue++;
	if (as_at - a->due > r->max_days_overdue)
		r->max_days_overdue = as_at - a->due;
	return 1;
}

struct an_actions *
an_actions_run(sqlite3 *db, const struct an_actions_opts *o, struct lia_err *err)
{
	struct an_actions *res = g_new0(struct an_actions, 1);
	struct an_themes themes = { 0 };
	GArray *acts = g_array_new(FALSE, TRUE, sizeof(struct action));
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_actions_row));
	GArray *late = g_array_new(FALSE, TRUE, sizeof(struct an_overdue));
	GHashTable *groups = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int64_t agency = 0, undated_done = 0;
	int theme = -1;
	guint i;

	res->opts = *o;
	if (an_themes_load(db, &themes, err) != 0)
		goto fail;
	if (o->review != NULL && find_review(db, o->review, &res->review, err) != 0)
		goto fail;
	if (o->theme != NULL) {
		if ((theme = an_themes_find(&themes, o->theme)) < 0) {
			lia_err_set(err, "no theme named '%s'", o->theme);
			goto fail;
		}
		res->theme = g_strdup(themes.groups[theme].name);
	}
	if (o->agency != NULL) {
		if (an_lookup(db, "agency", o->agency, &agency, err) != 0)
			goto fail;
		res->agency = g_strdup(o->agency);
	}
	res->opts.review = res->review;
	res->opts.theme = res->theme;
	res->opts.agency = res->agency;
	if (load_actions(db, &themes, acts, err) != 0)
		goto fail;

	for (i = 0; i < acts->len; i++) {
		const struct action *a = &g_array_index(acts, struct action, i);
		const char *rv = o->by == AN_ACTIONS_BY_THEME ? NULL : a->review;
		const char *th = o->by == AN_ACTIONS_BY_REVIEW || a->theme < 0 ? NULL :
		    themes.groups[a->theme].name;
		struct an_actions_row *r;
		char *key;
		gpointer hit;

		if ((res->review != NULL && (a->review == NULL || strcmp(a->review, res->review) != 0)) ||
		    (theme >= 0 && a->theme != theme) || (agency > 0 && a->owner_id != agency))
			continue;
		/* The group: a key of both parts with a separator no code holds. */
		key = g_strdup_printf("%s\x1f%s", rv ? rv : "\x1e", th ? th : "\x1e");
		if (!g_hash_table_lookup_extended(groups, key, NULL, &hit)) {
			struct an_actions_row nr = { 0 };

			nr.review = g_strdup(rv);
			nr.theme = g_strdup(th);
			g_array_append_val(rows, nr);
			hit = GSIZE_TO_POINTER((gsize)rows->len);
			g_hash_table_insert(groups, key, hit);
		} else {
			g_free(key);
		}
		r = &g_array_index(rows, struct an_actions_row, GPOINTER_TO_SIZE(hit) - 1);
		count(&res->total, a, o->as_at);
		if (!a->has_completed && strcmp(a->status, "completed") == 0)
			undated_done++;
		if (count(r, a, o->as_at)) {
			struct an_overdue od = { 0 };

			od.ref = g_strdup(a->ref);
			od.review = g_strdup(a->review);
			od.theme = a->theme >= 0 ? g_strdup(themes.groups[a->theme].name) : NULL;
			od.text = g_strdup(a->text);
			od.owner = g_strdup(a->owner);
			od.due = a->due;
			od.days_overdue = o->as_at - a->due;
			g_array_append_val(late, od);
		}
	}
	if (undated_done > 0)
		an_note(&res->notes, "%lld action%s marked completed without a completion date"
		    " counted as done", (long long)undated_done, undated_done == 1 ? "" : "s");
	if (res->total.no_due_date > 0)
		an_note(&res->notes, "%lld outstanding action%s without a due date: never counted"
		    " overdue", (long long)res->total.no_due_date,
		    res->total.no_due_date == 1 ? "" : "s");

	if (rows->len > 1)
		qsort(rows->data, rows->len, sizeof(struct an_actions_row), cmp_rows);
	if (late->len > 1)
		qsort(late->data, late->len, sizeof(struct an_overdue), cmp_overdue);
	res->nrows = rows->len;
	res->rows = (struct an_actions_row *)(void *)g_array_free(rows, FALSE);
	res->noverdue = late->len;
	res->overdue = (struct an_overdue *)(void *)g_array_free(late, FALSE);
	for (i = 0; i < acts->len; i++)
		action_fini(&g_array_index(acts, struct action, i));
	g_array_free(acts, TRUE);
	g_hash_table_destroy(groups);
	an_themes_fini(&themes);
	return res;
fail:
	for (i = 0; i < acts->len; i++)
		action_fini(&g_array_index(acts, struct action, i));
	g_array_free(acts, TRUE);
	g_array_free(rows, TRUE);
	g_array_free(late, TRUE);
	g_hash_table_destroy(groups);
	an_themes_fini(&themes);
	an_actions_free(res);
	return NULL;
}
