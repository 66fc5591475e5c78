/*
 * evidence: counts the records behind each stage of the learning
 * improvement cycle (one query per stage, each a static text here), and
 * the evidence log: its items are fetched into an array with their themes
 * and review, then grouped (an_evidence_group, which needs no database).
 * Reach is summed unit by unit: downloads are never added to people.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analytics/evidence.h"
#include "analytics/internal.h"

const char *const an_evidence_groups[3] = { "L&D", "PQA", "PRP" };

/* about: the stage counts people or records about them (disclosure). */
static const struct {
	const char *name, *label;
	enum an_evidence_group group;
	int about;
	const char *sql;	/* a count */
} stages[AN_EV_COUNT] = {
	[AN_EV_REVIEWS] = { "reviews", "Learning from practice reviews", AN_GROUP_PRP, 0,
	    "SELECT count(*) FROM review" },
	[AN_EV_ACTIONS] = { "actions", "Actions from reviews", AN_GROUP_PRP, 0,
	    "SELECT count(*) FROM action" },
	[AN_EV_TRAINING] = { "training", "Training and learning events", AN_GROUP_LD, 0,
	    "SELECT count(*) FROM session" },
	[AN_EV_EVALUATION] = { "feedback", "Feedback on training", AN_GROUP_LD, 1,
	    "SELECT count(*) FROM feedback_response" },
	[AN_EV_SECTION11] = { "section11", "Section 11 audits", AN_GROUP_PQA, 0,
	    "SELECT count(*) FROM audit WHERE kind = 'section11'" },
	[AN_EV_S175] = { "s175", "Section 175/157 audits", AN_GROUP_PQA, 0,
	    "SELECT count(*) FROM audit WHERE kind = 's175'" },
	[AN_EV_CASE_AUDITS] = { "case_audits", "Single and multi-agency audits", AN_GROUP_PQA, 0,
	    "SELECT count(*) FROM audit WHERE kind IN ('single_agency', 'multi_agency')" },
	[AN_EV_SERVICE_USERS] = { "service_users", "Service users, complaints, compliments",
	    AN_GROUP_PQA, 1, "SELECT count(*) FROM evidence_item WHERE kind = "
	    "'service_user_feedback' OR kind = 'complaint' OR kind = 'compliment'" },
	[AN_EV_FRONTLINE] = { "frontline", "Frontline intelligence", AN_GROUP_PQA, 0,
	    "SELECT count(*) FROM evidence_item WHERE kind = 'frontline_intelligence'" },
	[AN_EV_DATASET] = { "dataset", "Partnership dataset (records)", AN_GROUP_PQA, 1,
	    "SELECT (SELECT count(*) FROM attendance) + "
	    "(SELECT count(*) FROM headcount_attendance) + (SELECT count(*) FROM workforce)" },
	[AN_EV_RESEARCH] = { "research", "National research and practice", AN_GROUP_PRP, 0,
	    "SELECT count(*) FROM evidence_item WHERE kind = 'national_research'" },
};

int
an_evidence_counts(sqlite3 *db, struct an_evidence out[AN_EV_COUNT], struct lia_err *err)
{
	int i;

	for (i = 0; i < AN_EV_COUNT; i++) {
		out[i].name = stages[i].name;
		out[i].label = stages[i].label;
		out[i].group = stages[i].group;
		out[i].about_people = stages[i].about;
		if (db_query_int(db, stages[i].sql, &out[i].count, err) != 0)
			return lia_err_prefix(err, "evidence: %s", stages[i].label);
		out[i].held = out[i].count > 0;
	}
	return 0;
}

/* ---- the evidence log ------------------------------------------------------------ */

const char *const an_evidence_kinds[AN_EVK_COUNT] = {
	"briefing", "resource", "learning_event", "service_user_feedback", "complaint",
	"compliment", "frontline_intelligence", "national_research", "dataset_report", "other"
};

const char *const an_reach_units[AN_UNIT_COUNT] = { "people", "downloads", "views", "copies" };

static const char *const by_names[] = { "total", "kind", "theme", "month", "review" };

int
an_evidence_kind_parse(const char *s, enum an_evidence_kind *out)
{
	int i;

	for (i = 0; i < AN_EVK_COUNT; i++)
		if (strcmp(s, an_evidence_kinds[i]) == 0) {
			*out = (enum an_evidence_kind)i;
			return 0;
		}
	return -1;
}

const char *
an_evidence_kind_words(const char *s)
{
	static const char *const words[AN_EVK_COUNT] = {
		"7-minute briefing", "Practice resource", "Learning event",
		"Service-user feedback", "Complaint", "Compliment", "Frontline intelligence",
		"National research", "Dataset report", "Other"
	};
	enum an_evidence_kind k;

	return s != NULL && an_evidence_kind_parse(s, &k) == 0 ? words[k] : NULL;
}

static int
unit_parse(const char *s, enum an_reach_unit *out)
{
	int i;

	for (i = 0; s != NULL && i < AN_UNIT_COUNT; i++)
		if (strcmp(s, an_reach_units[i]) == 0) {
			*out = (enum an_reach_unit)i;
			return 0;
		}
	return -1;
}

int
an_evidence_by_parse(const char *s, enum an_evidence_by *out)
{
	int i;

	for (i = 1; i < (int)(sizeof by_names / sizeof by_names[0]); i++)
		if (strcmp(s, by_names[i]) == 0) {
			*out = (enum an_evidence_by)i;
			return 0;
		}
	return -1;
}

const char *
an_evidence_by_name(enum an_evidence_by by)
{
	return (size_t)by < sizeof by_names / sizeof by_names[0] ? by_names[by] : "?";
}

void
an_evidence_opts_defaults(struct an_evidence_opts *o)
{
	memset(o, 0, sizeof *o);
	o->by = AN_EVBY_NONE;
	period_all(&o->period);
}

static void
row_add(struct an_evidence_row *r, const struct an_evidence_item *it)
{
	r->items++;
	if (it->reach < 0) {
		r->no_reach++;
		return;
	}
	r->reach.items[it->unit]++;
	r->reach.reach[it->unit] += it->reach;
}

/* Row order: kinds as the schema lists them, anything else by key (months
 * "2019-06" sort in time order), NULL last. */
static gint
row_cmp(gconstpointer a, gconstpointer b, gpointer by)
{
	const struct an_evidence_row *x = a, *y = b;
	enum an_evidence_kind kx, ky;

	if (*(const enum an_evidence_by *)by == AN_EVBY_KIND && x->key != NULL && y->key != NULL &&
	    an_evidence_kind_parse(x->key, &kx) == 0 && an_evidence_kind_parse(y->key, &ky) == 0)
		return (kx > ky) - (kx < ky);
	return an_key_cmp(x->key, y->key);
}

/* The row of key (NULL: none recorded), made on first sight. */
static struct an_evidence_row *
group_row(GArray *rows, GHashTable *index, const char *key)
{
	const char *k = key != NULL ? key : "";
	gpointer hit;
	struct an_evidence_row r = { 0 };

	if (g_hash_table_lookup_extended(index, k, NULL, &hit))
		return &g_array_index(rows, struct an_evidence_row, GPOINTER_TO_UINT(hit));
	r.key = key != NULL ? g_strdup(key) : NULL;
	g_array_append_val(rows, r);
	g_hash_table_insert(index, g_strdup(k), GUINT_TO_POINTER(rows->len - 1));
	return &g_array_index(rows, struct an_evidence_row, rows->len - 1);
}

struct an_evidence_log *
an_evidence_group(const struct an_evidence_item *items, size_t n, enum an_evidence_by by)
{
	struct an_evidence_log *log = g_new0(struct an_evidence_log, 1);
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_evidence_row));
	GHashTable *index = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int units[AN_UNIT_COUNT] = { 0 }, nunits = 0, u, several = 0;
	size_t i;

	log->by = by;
	period_all(&log->period);
	for (i = 0; i < n; i++) {
		const struct an_evidence_item *it = &items[i];
		char month[DATE_ISO_LEN];
		int t;

		row_add(&log->total, it);
		if (it->reach >= 0)
			units[it->unit] = 1;
		switch (by) {
		case AN_EVBY_KIND:
			row_add(group_row(rows, index, an_evidence_kinds[it->kind]), it);
			break;
		case AN_EVBY_MONTH:
			date_format(it->date, month);
			month[7] = '\0';	/* "2019-06" */
			row_add(group_row(rows, index, month), it);
			break;
		case AN_EVBY_REVIEW:
			row_add(group_row(rows, index, it->review), it);
			break;
		case AN_EVBY_THEME:
			if (it->themes == NULL || it->themes[0] == NULL) {
				row_add(group_row(rows, index, NULL), it);
				break;
			}
			for (t = 0; it->themes[t] != NULL; t++)
				row_add(group_row(rows, index, it->themes[t]), it);
			several |= t > 1;
			break;
		case AN_EVBY_NONE:
		default:
			break;
		}
	}
	g_hash_table_destroy(index);
	g_qsort_with_data(rows->data, (gint)rows->len, sizeof(struct an_evidence_row), row_cmp, &by);
	log->nrows = rows->len;
	log->rows = (struct an_evidence_row *)(void *)g_array_free(rows, FALSE);
	for (u = 0; u < AN_UNIT_COUNT; u++)
		nunits += units[u];
	if (nunits > 1)
		an_note(&log->notes, "reach is counted in %d units, each reported apart: a "
		    "download, a view or a copy is not a person reached", nunits);
	if (several)
		an_note(&log->notes, "an item with several themes counts under each; the "
		    "total counts it once");
	return log;
}

void
an_evidence_log_free(struct an_evidence_log *log)
{
	size_t i;

	if (log == NULL)
		return;
	for (i = 0; i < log->nrows; i++)
		g_free(log->rows[i].key);
	g_free(log->rows);
	g_free(log->total.key);
	g_free(log->kind);
	g_free(log->theme);
	an_notes_free(&log->notes);
	g_free(log);
}

static const char sql_items[] =
    "SELECT e.id, e.date, e.kind, e.reach, e.reach_unit, r.code FROM evidence_item e"
    " LEFT JOIN review r ON r.id = e.review_id"
    " WHERE (?1 IS NULL OR e.kind = ?1) AND (?2 IS NULL OR EXISTS (SELECT 1 FROM"
    " evidence_theme et WHERE et.evidence_id = e.id AND et.theme_id = ?2))"
    " ORDER BY e.id";
static const char sql_item_themes[] =
    "SELECT et.evidence_id, t.name FROM evidence_theme et JOIN theme t ON t.id = et.theme_id"
    " ORDER BY et.evidence_id, t.name_key";

/* Items fetched, and the strings and theme lists they point into. */
struct fetched {
	GArray *items;		/* struct an_evidence_item */
	GStringChunk *text;
	GPtrArray *lists;	/* theme lists (GPtrArray of names, NULL-ended) */
};

static void
fetched_fini(struct fetched *f)
{
	if (f->items != NULL)
		g_array_free(f->items, TRUE);
	if (f->text != NULL)
		g_string_chunk_free(f->text);
	if (f->lists != NULL)
		g_ptr_array_free(f->lists, TRUE);
}

static int
fetch(sqlite3 *db, const struct period *period, const char *kind, int64_t theme,
    struct fetched *f, struct lia_err *err)
{
	sqlite3_stmt *st = NULL;
	GHashTable *at = g_hash_table_new(g_int64_hash, g_int64_equal);
	int rc, ret = -1;
	guint i;

	f->items = g_array_new(FALSE, TRUE, sizeof(struct an_evidence_item));
	f->text = g_string_chunk_new(4096);
	f->lists = g_ptr_array_new_with_free_func((GDestroyNotify)g_ptr_array_unref);
	if ((st = db_prepare(db, sql_items, err)) == NULL)
		goto out;
	if (kind != NULL)
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (theme > 0)
		sqlite3_bind_int64(st, 2, theme);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct an_evidence_item it = { 0 };
		const char *date = (const char *)sqlite3_column_text(st, 1);
		const char *k = (const char *)sqlite3_column_text(st, 2);
		const char *code = (const char *)sqlite3_column_text(st, 5);
		struct lia_err e;

		it.id = sqlite3_column_int64(st, 0);
		/* The schema CHECKs date and kind; a row that still fails is skipped. */
		if (date == NULL || date_parse(date, &it.date, &e) != 0 || k == NULL ||
		    an_evidence_kind_parse(k, &it.kind) != 0)
			continue;
		if (!period_contains(period, it.date))
			continue;
		it.reach = -1;
		if (sqlite3_column_type(st, 3) != SQLITE_NULL &&
		    unit_parse((const char *)sqlite3_column_text(st, 4), &it.unit) == 0)
			it.reach = sqlite3_column_int64(st, 3);
		it.review = code != NULL ? g_string_chunk_insert_const(f->text, code) : NULL;
		g_array_append_val(f->items, it);
	}
	if (rc != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto out;
	}
	sqlite3_finalize(st);
	for (i = 0; i < f->items->len; i++) {
		struct an_evidence_item *it = &g_array_index(f->items, struct an_evidence_item, i);
		g_hash_table_insert(at, &it->id, GUINT_TO_POINTER(i + 1));
	}
	if ((st = db_prepare(db, sql_item_themes, err)) == NULL)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		guint at_i = GPOINTER_TO_UINT(g_hash_table_lookup(at, &id));
		struct an_evidence_item *it;
		GPtrArray *list;

		if (at_i == 0)
			continue;
		it = &g_array_index(f->items, struct an_evidence_item, at_i - 1);
		if (it->themes == NULL) {
			list = g_ptr_array_new();
			g_ptr_array_add(list, NULL);
			g_ptr_array_add(f->lists, list);
			it->themes = (const char *const *)list->pdata;
		}
		list = g_ptr_array_index(f->lists, f->lists->len - 1);
		/* Themes come in item order: the last list is this item's. */
		g_ptr_array_index(list, list->len - 1) =
		    g_string_chunk_insert_const(f->text, (const char *)sqlite3_column_text(st, 1));
		g_ptr_array_add(list, NULL);
		it->themes = (const char *const *)list->pdata;
	}
	if (rc != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	g_hash_table_destroy(at);
	return ret;
}

struct an_evidence_log *
an_evidence_run(sqlite3 *db, const struct an_evidence_opts *o, struct lia_err *err)
{
	struct fetched f = { 0 };
	struct an_evidence_log *log = NULL;
	enum an_evidence_kind k;
	int64_t theme = 0;

	if (o->kind != NULL && an_evidence_kind_parse(o->kind, &k) != 0) {
		lia_err_set(err, "unknown kind '%s' (expected briefing, resource, learning_event,"
		    " service_user_feedback, complaint, compliment, frontline_intelligence,"
		    " national_research, dataset_report or other)", o->kind);
		return NULL;
	}
	if (o->theme != NULL && an_lookup(db, "theme", o->theme, &theme, err) != 0)
		return NULL;
	if (fetch(db, &o->period, o->kind, theme, &f, err) == 0) {
		log = an_evidence_group((const struct an_evidence_item *)(void *)f.items->data,
		    f.items->len, o->by);
		log->period = o->period;
		log->kind = g_strdup(o->kind);
		log->theme = g_strdup(o->theme);
		if (log->total.items == 0)
			an_note(&log->notes, "no item of the evidence log matches: none recorded");
	}
	fetched_fini(&f);
	return log;
}

static const char sql_themes[] =
    "SELECT t.id, t.name, e.date, e.kind, e.reach, e.reach_unit FROM evidence_theme et"
    " JOIN theme t ON t.id = et.theme_id JOIN evidence_item e ON e.id = et.evidence_id"
    " ORDER BY t.name_key, t.id";

int
an_evidence_themes(sqlite3 *db, const struct period *period, struct an_theme_evidence **out,
    size_t *n, struct lia_err *err)
{
	GArray *rows = g_array_new(FALSE, TRUE, sizeof(struct an_theme_evidence));
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = db_prepare(db, sql_themes, err)) == NULL) {
		g_array_free(rows, TRUE);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		const char *date = (const char *)sqlite3_column_text(st, 2);
		struct an_theme_evidence *t;
		enum an_evidence_kind k;
		enum an_reach_unit u;
		lia_date d;
		struct lia_err e;

		if (date == NULL || date_parse(date, &d, &e) != 0 ||
		    an_evidence_kind_parse((const char *)sqlite3_column_text(st, 3), &k) != 0)
			continue;
		if (period != NULL && !period_contains(period, d))
			continue;
		if (rows->len == 0 ||
		    g_array_index(rows, struct an_theme_evidence, rows->len - 1).theme_id != id) {
			struct an_theme_evidence nt = { 0 };

			nt.theme_id = id;
			nt.theme = g_strdup((const char *)sqlite3_column_text(st, 1));
			g_array_append_val(rows, nt);
		}
		t = &g_array_index(rows, struct an_theme_evidence, rows->len - 1);
		t->items[k]++;
		if (sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    unit_parse((const char *)sqlite3_column_text(st, 5), &u) == 0) {
			t->reach[k].items[u]++;
			t->reach[k].reach[u] += sqlite3_column_int64(st, 4);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*n = rows->len;
		an_theme_evidence_free((struct an_theme_evidence *)(void *)g_array_free(rows, FALSE),
		    *n);
		*n = 0;
		return lia_err_set(err, "database: %s", db_errmsg(db));
	}
	*n = rows->len;
	*out = (struct an_theme_evidence *)(void *)g_array_free(rows, FALSE);
	return 0;
}

void
an_theme_evidence_free(struct an_theme_evidence *t, size_t n)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < n; i++)
		g_free(t[i].theme);
	g_free(t);
}
