/*
 * dims: the dimensions every loader shares — agencies, courses, themes,
 * sessions and practitioners — created on first sight and reused.  Names
 * match case- and space-insensitively.  Agency, course and theme ids are
 * cached in GLib hash tables for the length of one import (keyed also by
 * the text as written, so a hit costs no allocation); each is looked up by
 * its key, then inserted or filled in: no UPSERT ... RETURNING, which costs
 * a statement journal and a temporary table on every call.  A session is
 * inserted first and looked up only when it was held (imp_session): the
 * loaders keep the sessions they meet by the reader's numbers.
 *
 * People the reader has numbered (imp_practitioner_rec: it computes each
 * record's pseudonym on its own thread, and numbers each pseudonym as it
 * first sees it) are the bulk of a large import.  This thread keeps their
 * ids by that number, so a person new to this file is created once, with
 * the next id, and found again in an array.  When the table held nobody
 * as the import began, nobody needs looking up: the index of pseudonyms is
 * dropped, people are appended as they come, and the index is built once,
 * sorted, before the import commits.  Otherwise each new person is looked
 * up, and the new ones are inserted FRESH_MAX at a time in pseudonym
 * order, which walks the index from left to right instead of all over it.
 * People of records the reader has not numbered (imp_practitioner) are
 * cached by e-mail or id as written, so their HMAC is computed once per
 * import.
 */
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

/*
 * The named dimensions: each found by its name key, inserted with its name,
 * key and one attribute, or that attribute filled in where it was missing
 * (the fill's WHERE keeps one already set).  Themes have no attribute.
 */
struct named {
	const char *find_sql, *ins_sql, *fill_sql;
	sqlite3_stmt *find, *ins, *fill;
};

/* The batch that creates a row, NULL outside an import (a caller with no
 * batch of its own, such as a unit test of the lookups). */
static void
bind_batch(sqlite3_stmt *st, int slot, int64_t batch)
{
	if (batch > 0)
		sqlite3_bind_int64(st, slot, batch);
	else
		sqlite3_bind_null(st, slot);
}

/* An agency is found by its name key, or by one of its aliases'
 * (agency_alias: how people type it), before a new one is made. */
static const struct named agency_sql = {
	"SELECT id, sector IS NULL FROM agency WHERE name_key = ?1"
	" UNION ALL SELECT a.id, a.sector IS NULL FROM agency_alias x"
	" JOIN agency a ON a.id = x.agency_id WHERE x.alias_key = ?1 LIMIT 1",
	"INSERT INTO agency(name, name_key, sector, batch_id) VALUES (?1, ?2, nullif(?3, ''), ?4)",
	"UPDATE agency SET sector = ?2 WHERE id = ?1 AND sector IS NULL",
	NULL, NULL, NULL
};
static const struct named course_sql = {
	"SELECT id, title IS NULL FROM course WHERE code_key = ?1",
	"INSERT INTO course(code, code_key, title, batch_id) VALUES (?1, ?2, nullif(?3, ''), ?4)",
	"UPDATE course SET title = ?2 WHERE id = ?1 AND title IS NULL",
	NULL, NULL, NULL
};
static const struct named theme_sql = {
	"SELECT id, 0 FROM theme WHERE name_key = ?1",
	"INSERT INTO theme(name, name_key, batch_id) VALUES (?1, ?2, ?4)",
	NULL, NULL, NULL, NULL
};
/* Courses by their titles' name keys, for a row that gives only a title. */
static const char course_titles_sql[] = "SELECT id, title FROM course WHERE title IS NOT NULL";
static const char session_find_sql[] =
    "SELECT id, capacity IS NULL OR mode IS NULL FROM session"
    " WHERE course_id = ?1 AND date = ?2 AND label = ?3";
static const char session_next_sql[] =
    "SELECT coalesce(max(id), 0) + 1, count(*) > 0 FROM session";
static const char session_add_sql[] =
    "INSERT INTO session(id, course_id, date, label, capacity, mode, batch_id)"
    " VALUES (?1, ?2, ?3, ?6, ?4, ?5, ?7)";	/* (bind_session's places) */
static const char session_fill_sql[] =
    "UPDATE session SET capacity = coalesce(capacity, ?4), mode = coalesce(mode, ?5) WHERE id = ?1";
static const char person_find_sql[] = "SELECT id, agency_id FROM practitioner WHERE pkey = ?1";
static const char person_ins_sql[] =
    "INSERT OR IGNORE INTO practitioner(pkey, agency_id, role, batch_id)"
    " VALUES (?1, ?2, nullif(?3, ''), ?4)";
static const char person_next_sql[] =
    "SELECT coalesce(max(id), 0) + 1, count(*) > 0 FROM practitioner";
static const char person_add_sql[] =
    "INSERT INTO practitioner(id, pkey, agency_id, role, batch_id)"
    " VALUES (?1, ?2, ?3, nullif(?4, ''), ?5)";
static const char person_move_sql[] =
    "UPDATE practitioner SET agency_id = ?2, role = coalesce(nullif(?3, ''), role) WHERE id = ?1";

struct fresh_person {
	char pkey[IMP_PKEY_LEN + 1];
	int64_t id, agency;
	const char *role;	/* in fresh_roles, or NULL */
};

#define FRESH_MAX 32768		/* people inserted together */

/* A session new to the table, waiting to go in with others (imp_session). */
struct new_session {
	int64_t id, course, capacity;	/* capacity -1: none */
	char date[DATE_ISO_LEN];
	const char *label, *mode;	/* in new_text; mode NULL: none */
};

#define SESSIONS_MAX 8192	/* sessions inserted together */
#define SESSION_KEYS_MAX 32768	/* new sessions known by key, at most */

struct imp_cache {
	GHashTable *agency, *agency_raw, *course, *course_raw, *theme;
	GHashTable *course_titles;	/* title name key -> course id, once needed */
	GHashTable *by_email, *by_id;
	GArray *people;		/* practitioner ids (guint32) by the reader's person number */
	GArray *groups;		/* int64 agency ids by the reader's number of the agency
				 * column's value; negated while no sector has been
				 * applied in this import */
	GHashTable *filled;	/* agency ids whose sector this import has applied */
	struct named agency_st, course_st, theme_st;
	sqlite3_stmt *session_find, *session_fill, *session_next, *session_add;
	/* sessions new to the table: the ones not inserted yet, and the ids
	 * of the last SESSION_KEYS_MAX of them by their key (the others are
	 * inserted: in the table) */
	GArray *new_sessions;	/* struct new_session, ids in order */
	GHashTable *new_ids;	/* "course\x1fdate\x1flabel" (in new_keys) -> id */
	GStringChunk *new_keys, *new_text;
	int64_t session_next_id;	/* 0: to be read */
	int sessions_held;	/* the table may hold a session not in new_ids */
	sqlite3_stmt *person_find, *person_ins, *person_move, *person_next;
	sqlite3_stmt *person_add;
	/* people new to this import, not yet inserted (imp_practitioner_rec) */
	GArray *fresh;		/* struct fresh_person */
	GStringChunk *fresh_roles;
	int64_t next_id;	/* the next practitioner id; 0: to be read */
	enum { PKEY_INDEX_KEPT, PKEY_INDEX_DROPPED, PKEY_INDEX_REBUILT } pkey_index;
	char *pkey_sql;		/* the index of pseudonyms, as the schema has it */
	int held;		/* the table may hold a new person already */
	/* the last course and session: files come grouped by session */
	char last_course[64];
	int64_t last_course_id;
	int64_t last_session_id, last_session_course;
	lia_date last_session_date;
	char *last_label;
};

static GHashTable *
str_table(void)
{
	return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

struct imp_cache *
imp_cache_new(sqlite3 *db)
{
	struct imp_cache *c = g_new0(struct imp_cache, 1);

	(void)db;
	c->agency_st = agency_sql;
	c->course_st = course_sql;
	c->theme_st = theme_sql;
	c->agency = str_table();
	c->agency_raw = str_table();
	c->course = str_table();
	c->course_raw = str_table();
	c->theme = str_table();
	c->by_email = str_table();
	c->by_id = str_table();
	c->people = g_array_new(FALSE, TRUE, sizeof(guint32));
	c->fresh = g_array_new(FALSE, FALSE, sizeof(struct fresh_person));
	c->fresh_roles = g_string_chunk_new(4096);
	c->groups = g_array_new(FALSE, TRUE, sizeof(int64_t));
	c->filled = g_hash_table_new(g_direct_hash, g_direct_equal);
	c->new_sessions = g_array_new(FALSE, FALSE, sizeof(struct new_session));
	c->new_ids = g_hash_table_new(g_str_hash, g_str_equal);
	c->new_keys = g_string_chunk_new(65536);
	c->new_text = g_string_chunk_new(4096);
	return c;
}

void
imp_cache_free(struct imp_cache *c)
{
	size_t i;

	if (c == NULL)
		return;
	{
		sqlite3_stmt *st[] = {
			c->agency_st.find, c->agency_st.ins, c->agency_st.fill,
			c->course_st.find, c->course_st.ins, c->course_st.fill,
			c->theme_st.find, c->theme_st.ins, c->session_find, c->session_fill,
			c->session_next, c->session_add, c->person_find,
			c->person_ins, c->person_move, c->person_next, c->person_add,
		};
		GHashTable *tables[] = {
			c->agency, c->agency_raw, c->course, c->course_raw, c->theme,
			c->by_email, c->by_id, c->filled, c->course_titles, c->new_ids,
		};

		for (i = 0; i < sizeof st / sizeof st[0]; i++)
			sqlite3_finalize(st[i]);
		for (i = 0; i < sizeof tables / sizeof tables[0]; i++)
			if (tables[i] != NULL)
				g_hash_table_destroy(tables[i]);
	}
	g_array_free(c->people, TRUE);
	g_array_free(c->new_sessions, TRUE);
	g_string_chunk_free(c->new_keys);
	g_string_chunk_free(c->new_text);
	g_array_free(c->fresh, TRUE);
	g_string_chunk_free(c->fresh_roles);
	g_array_free(c->groups, TRUE);
	g_free(c->last_label);
	g_free(c->pkey_sql);
	g_free(c);
}

/* The cached id stored under key, or 0. */
static int64_t
cached(GHashTable *h, const char *key)
{
	gpointer v = g_hash_table_lookup(h, key);

	return v ? (int64_t)GPOINTER_TO_SIZE(v) : 0;
}

static void
remember(GHashTable *h, const char *key, int64_t id)
{
	g_hash_table_replace(h, g_strdup(key), GSIZE_TO_POINTER((gsize)id));
}

static sqlite3_stmt *
stmt(struct imp_ctx *ctx, sqlite3_stmt **slot, const char *sql, struct lia_err *err)
{
	if (*slot == NULL)
		*slot = db_prepare(ctx->db, sql, err);
	return *slot;
}

int64_t
imp_find_id(sqlite3 *db, sqlite3_stmt *st, int *gap, struct lia_err *err)
{
	int64_t id = 0;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		if (gap != NULL)
			*gap = sqlite3_column_int(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return id;
}

void
imp_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v != NULL && *v != '\0')
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

void
imp_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* Steps a bound INSERT and returns the new row's id, or -1. */
static int64_t
insert(sqlite3 *db, sqlite3_stmt *st, struct lia_err *err)
{
	if (db_step_done(db, st, err) != 0)
		return -1;
	return sqlite3_last_insert_rowid(db);
}

static int
has_text(const char *s)
{
	return s != NULL && *s != '\0';
}

/*
 * The id of a named row: known (from a cache), else found by key, else
 * inserted with text, key and extra.  A row that lacks extra gets it.
 * -1 with err on a database error.
 */
static int64_t
named_row(struct imp_ctx *ctx, struct named *n, const char *text, const char *key,
    const char *extra, int64_t known, struct lia_err *err)
{
	int64_t id = known;
	int gap = 1;		/* a known row: the fill's guard keeps what is set */

	if (id == 0) {
		if (stmt(ctx, &n->find, n->find_sql, err) == NULL)
			return -1;
		sqlite3_bind_text(n->find, 1, key, -1, SQLITE_STATIC);
		if ((id = imp_find_id(ctx->db, n->find, &gap, err)) < 0)
			return -1;
	}
	if (id == 0) {
		if (stmt(ctx, &n->ins, n->ins_sql, err) == NULL)
			return -1;
		sqlite3_bind_text(n->ins, 1, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(n->ins, 2, key, -1, SQLITE_STATIC);
		if (n->fill_sql != NULL)
			sqlite3_bind_text(n->ins, 3, extra ? extra : "", -1, SQLITE_STATIC);
		bind_batch(n->ins, 4, ctx->batch);
		return insert(ctx->db, n->ins, err);
	}
	if (n->fill_sql != NULL && gap && has_text(extra)) {
		if (stmt(ctx, &n->fill, n->fill_sql, err) == NULL)
			return -1;
		sqlite3_bind_int64(n->fill, 1, id);
		sqlite3_bind_text(n->fill, 2, extra, -1, SQLITE_STATIC);
		if (db_step_done(ctx->db, n->fill, err) != 0)
			return -1;
	}
	return id;
}

/* The agency of a name key (or an alias's), 0 if none, -1 with err. */
static int64_t
known_agency(struct imp_ctx *ctx, const char *key, struct lia_err *err)
{
	struct named *n = &ctx->cache->agency_st;

	if (stmt(ctx, &n->find, n->find_sql, err) == NULL)
		return -1;
	sqlite3_bind_text(n->find, 1, key, -1, SQLITE_STATIC);
	return imp_find_id(ctx->db, n->find, NULL, err);
}

/* Counts an agency this import makes, for its summary ("3 new agencies:
 * ..."): a misspelt name shows at once. */
static void
new_agency(struct imp_ctx *ctx, const char *name)
{
	GString *g = ctx->new_agency_names;

	ctx->new_agencies++;
	if (g != NULL && g->len + strlen(name) + 1 < IMP_NEW_NAMES) {
		if (g->len > 0)
			g_string_append_c(g, '\x1f');
		g_string_append(g, name);
	}
}

int64_t
imp_agency(struct imp_ctx *ctx, const char *name, const char *sector, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int64_t id = cached(c->agency_raw, name);
	char *key;

	if (id > 0 && (!has_text(sector) ||
	    g_hash_table_contains(c->filled, GSIZE_TO_POINTER((gsize)id))))
		return id;
	key = imp_name_key(name);
	if (id == 0)
		id = cached(c->agency, key);
	if (id == 0 && (id = known_agency(ctx, key, err)) < 0) {
		g_free(key);
		return -1;
	}
	if (id == 0)
		new_agency(ctx, name);
	id = named_row(ctx, &c->agency_st, name, key, sector, id, err);
	if (id > 0) {
		if (has_text(sector))
			g_hash_table_add(c->filled, GSIZE_TO_POINTER((gsize)id));
		remember(c->agency, key, id);
		remember(c->agency_raw, name, id);
	}
	g_free(key);
	return id;
}

int64_t
imp_agency_rec(struct imp_ctx *ctx, int32_t number, const char *name, const char *sector,
    struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int64_t id = 0;

	/* Only for the agency column's own value: a flag standing in for it
	 * (--agency) takes the hashing path. */
	if (number < 0)
		return imp_agency(ctx, name, sector, err);
	if ((guint)number < c->groups->len)
		id = g_array_index(c->groups, int64_t, number);
	if (id > 0 || (id < 0 && !has_text(sector)))
		return id > 0 ? id : -id;
	if ((id = imp_agency(ctx, name, sector, err)) <= 0)
		return id;
	if ((guint)number >= c->groups->len)
		g_array_set_size(c->groups, (guint)number + 64);
	g_array_index(c->groups, int64_t, number) = has_text(sector) ? id : -id;
	return id;
}

/* A course whose title has this name key (a row that names a course by its
 * title, where the course list gave it a code): 0 if none, -1 with err.
 * The titles are read once per import. */
static int64_t
course_by_title(struct imp_ctx *ctx, const char *key, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;

	if (c->course_titles == NULL) {
		sqlite3_stmt *st = db_prepare(ctx->db, course_titles_sql, err);
		int rc;

		if (st == NULL)
			return -1;
		c->course_titles = str_table();
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char *k = imp_name_key((const char *)sqlite3_column_text(st, 1));

			if (!g_hash_table_contains(c->course_titles, k))
				remember(c->course_titles, k, sqlite3_column_int64(st, 0));
			g_free(k);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return lia_err_set(err, "database: %s", db_errmsg(ctx->db));
	}
	return cached(c->course_titles, key);
}

int64_t
imp_course(struct imp_ctx *ctx, const char *code, const char *title, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	const char *text = has_text(code) ? code : title;
	int64_t id;
	char *key;

	if (c->last_course_id > 0 && strcmp(text, c->last_course) == 0)
		return c->last_course_id;
	if ((id = cached(c->course_raw, text)) == 0) {
		int64_t known;

		key = imp_name_key(text);
		known = cached(c->course, key);
		if (known == 0 && !has_text(code) && (known = course_by_title(ctx, key, err)) < 0) {
			g_free(key);
			return -1;
		}
		id = named_row(ctx, &c->course_st, text, key, title, known, err);
		if (id > 0) {
			remember(c->course, key, id);
			remember(c->course_raw, text, id);
		}
		g_free(key);
		if (id < 0)
			return -1;
	}
	if (strlen(text) < sizeof c->last_course) {
		strcpy(c->last_course, text);
		c->last_course_id = id;
	}
	return id;
}

int64_t
imp_theme(struct imp_ctx *ctx, const char *name, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	char *key = lia_theme_key(name);
	int64_t id = cached(c->theme, key);

	if (id == 0 && (id = named_row(ctx, &c->theme_st, name, key, NULL, 0, err)) > 0)
		remember(c->theme, key, id);
	g_free(key);
	return id;
}

static void
bind_session(sqlite3_stmt *st, int64_t id_or_course, int64_t capacity, const char *mode)
{
	sqlite3_bind_int64(st, 1, id_or_course);
	if (capacity >= 0)
		sqlite3_bind_int64(st, 4, capacity);
	else
		sqlite3_bind_null(st, 4);
	if (mode != NULL)
		sqlite3_bind_text(st, 5, mode, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
}

/*
 * Inserts rows that waited (new sessions, fresh people): sorted by order,
 * one per statement (a statement of many rows would make SQLite keep a
 * statement journal of every page it touches), each bound by bind; then
 * empties them and the chunk that held their text.  0 or -1.
 */
static int
insert_waiting(struct imp_ctx *ctx, sqlite3_stmt **slot, const char *sql, GArray *rows,
    GCompareFunc order, void (*bind)(sqlite3_stmt *, const void *, int64_t),
    GStringChunk *text, struct lia_err *err)
{
	guint i;

	if (rows->len == 0)
		return 0;
	if (stmt(ctx, slot, sql, err) == NULL)
		return -1;
	g_array_sort(rows, order);
	for (i = 0; i < rows->len; i++) {
		bind(*slot, rows->data + (gsize)i * g_array_get_element_size(rows), ctx->batch);
		if (db_step_done(ctx->db, *slot, err) != 0)
			return -1;
	}
	g_array_set_size(rows, 0);
	g_string_chunk_clear(text);
	return 0;
}

static int
session_order(gconstpointer a, gconstpointer b)
{
	const struct new_session *x = a, *y = b;
	int d;

	if (x->course != y->course)
		return x->course < y->course ? -1 : 1;
	if ((d = strcmp(x->date, y->date)) != 0)
		return d;
	return strcmp(x->label, y->label);
}

static void
bind_new_session(sqlite3_stmt *st, const void *row, int64_t batch)
{
	const struct new_session *n = row;

	bind_session(st, n->id, n->capacity, n->mode);
	sqlite3_bind_int64(st, 2, n->course);
	sqlite3_bind_text(st, 3, n->date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, n->label, -1, SQLITE_STATIC);
	bind_batch(st, 7, batch);
}

/* Inserts the new sessions.  Their ids follow every id held, so they go in
 * at the table's end; in key order, into its indexes from left to right.
 * 0 or -1. */
static int
sessions_flush(struct imp_ctx *ctx, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;

	return insert_waiting(ctx, &c->session_add, session_add_sql, c->new_sessions,
	    session_order, bind_new_session, c->new_text, err);
}

/* Forgets the new sessions' keys (they are all inserted): the table is
 * asked from now on. */
static void
sessions_forget(struct imp_cache *c)
{
	g_hash_table_destroy(c->new_ids);
	c->new_ids = g_hash_table_new(g_str_hash, g_str_equal);
	g_string_chunk_clear(c->new_keys);
	c->sessions_held = 1;
}

/* Fills a held session's capacity or mode where it has none: id, or -1. */
static int64_t
session_update(struct imp_ctx *ctx, int64_t id, int64_t capacity, const char *mode,
    struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;

	if (stmt(ctx, &c->session_fill, session_fill_sql, err) == NULL)
		return -1;
	bind_session(c->session_fill, id, capacity, mode);
	return db_step_done(ctx->db, c->session_fill, err) != 0 ? -1 : id;
}

/* A capacity or mode for a session of this import that lacks it: id, or -1. */
static int64_t
session_fill(struct imp_ctx *ctx, int64_t id, int64_t capacity, const char *mode,
    struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	struct new_session *n;

	if (c->new_sessions->len == 0 ||
	    id < g_array_index(c->new_sessions, struct new_session, 0).id)
		return session_update(ctx, id, capacity, mode, err);	/* inserted already */
	/* still waiting: their ids follow the first's */
	n = &g_array_index(c->new_sessions, struct new_session,
	    id - g_array_index(c->new_sessions, struct new_session, 0).id);
	if (n->capacity < 0)
		n->capacity = capacity;
	if (n->mode == NULL && mode != NULL)
		n->mode = g_string_chunk_insert_const(c->new_text, mode);
	return id;
}

/* A session held by the table: its id (> 0), 0 if none, -1 on error; a
 * capacity or mode the held one lacks is filled in. */
static int64_t
session_held(struct imp_ctx *ctx, int64_t course, const char *iso, const char *label,
    int64_t capacity, const char *mode, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int fill = capacity >= 0 || mode != NULL, gap = 0;
	int64_t id;

	if (stmt(ctx, &c->session_find, session_find_sql, err) == NULL)
		return -1;
	sqlite3_bind_int64(c->session_find, 1, course);
	sqlite3_bind_text(c->session_find, 2, iso, -1, SQLITE_STATIC);
	sqlite3_bind_text(c->session_find, 3, label, -1, SQLITE_STATIC);
	if ((id = imp_find_id(ctx->db, c->session_find, &gap, err)) <= 0 || !fill || !gap)
		return id;
	return session_update(ctx, id, capacity, mode, err);
}

/* A new session's id: the next one, its row kept for sessions_flush. */
static int64_t
session_new(struct imp_ctx *ctx, const char *key, int64_t course, const char *iso,
    const char *label, int64_t capacity, const char *mode, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	struct new_session n = { 0 };

	if (g_hash_table_size(c->new_ids) >= SESSION_KEYS_MAX) {
		/* the table holds them, once inserted: it is asked from now on */
		if (sessions_flush(ctx, err) != 0)
			return -1;
		sessions_forget(c);
	}
	if (c->new_sessions->len >= SESSIONS_MAX && sessions_flush(ctx, err) != 0)
		return -1;
	n.id = c->session_next_id++;
	n.course = course;
	n.capacity = capacity;
	g_strlcpy(n.date, iso, sizeof n.date);
	n.label = g_string_chunk_insert_const(c->new_text, label);
	n.mode = mode != NULL ? g_string_chunk_insert_const(c->new_text, mode) : NULL;
	g_array_append_val(c->new_sessions, n);
	g_hash_table_insert(c->new_ids, g_string_chunk_insert(c->new_keys, key),
	    GSIZE_TO_POINTER((gsize)n.id));
	return n.id;
}

/*
 * The id of a session (course, date, label), made if it is new.  A new
 * session takes the next id at once and waits with others to be inserted
 * in key order (SESSIONS_MAX at a time, the rest by imp_cache_finish): a
 * booking export brings its sessions in no order, and one at a time each
 * went into the middle of the table's two indexes.  The table is asked only
 * when it may hold the session already.  Nothing else is kept but the last
 * session: files come grouped by session, and the loader keeps the
 * sessions it has met (by the reader's numbers).
 */
int64_t
imp_session(struct imp_ctx *ctx, int64_t course, lia_date date, const char *label,
    int64_t capacity, const char *mode, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int fill = capacity >= 0 || mode != NULL;
	char iso[DATE_ISO_LEN], *key;
	int64_t id;

	if (label == NULL)
		label = "";
	if (!fill && c->last_session_id > 0 && c->last_session_course == course &&
	    c->last_session_date == date && strcmp(c->last_label, label) == 0)
		return c->last_session_id;
	date_format(date, iso);
	if (c->session_next_id == 0) {
		sqlite3_stmt *st = stmt(ctx, &c->session_next, session_next_sql, err);

		if (st == NULL ||
		    (c->session_next_id = imp_find_id(ctx->db, st, &c->sessions_held, err)) <= 0)
			return -1;
	}
	key = g_strdup_printf("%" G_GINT64_FORMAT "\x1f%s\x1f%s", course, iso, label);
	if ((id = cached(c->new_ids, key)) > 0) {
		if (fill)
			id = session_fill(ctx, id, capacity, mode, err);
	} else {
		id = c->sessions_held ?
		    session_held(ctx, course, iso, label, capacity, mode, err) : 0;
		if (id == 0)
			id = session_new(ctx, key, course, iso, label, capacity, mode, err);
	}
	g_free(key);
	if (id <= 0)
		return id < 0 ? -1 : lia_err_set(err, "database: a session neither made nor found");
	c->last_session_id = id;
	c->last_session_course = course;
	c->last_session_date = date;
	g_free(c->last_label);
	c->last_label = g_strdup(label);
	return id;
}

/* Looks a pseudonym up: its id (> 0), 0 if it is not held, -1 on error.
 * One held under another agency is moved to this one. */
static int64_t
person_held(struct imp_ctx *ctx, const char *pkey, int64_t agency, const char *role,
    struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int64_t id = 0, old_agency = 0;
	int rc;

	if (stmt(ctx, &c->person_find, person_find_sql, err) == NULL ||
	    stmt(ctx, &c->person_move, person_move_sql, err) == NULL)
		return -1;
	sqlite3_bind_text(c->person_find, 1, pkey, IMP_PKEY_LEN, SQLITE_STATIC);
	rc = sqlite3_step(c->person_find);
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(c->person_find, 0);
		old_agency = sqlite3_column_int64(c->person_find, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(c->person_find);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(ctx->db));
	if (id > 0 && agency > 0 && agency != old_agency) {
		/* practitioner.agency_id is the latest agency seen */
		sqlite3_bind_int64(c->person_move, 1, id);
		sqlite3_bind_int64(c->person_move, 2, agency);
		sqlite3_bind_text(c->person_move, 3, role ? role : "", -1, SQLITE_STATIC);
		if (db_step_done(ctx->db, c->person_move, err) != 0)
			return -1;
	}
	return id;
}

static int people_finish(struct imp_ctx *, struct lia_err *);

/* Finds or creates the practitioner of a pseudonym; moves them to agency. */
static int64_t
person_of(struct imp_ctx *ctx, const char *pkey, int64_t agency, const char *role,
    struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int64_t id;

	if (stmt(ctx, &c->person_ins, person_ins_sql, err) == NULL)
		return -1;
	/* The fresh people first: their ids are taken, and one of them may be
	 * this person.  From here on a new person may already be in the table. */
	if (people_finish(ctx, err) != 0)
		return -1;
	c->held = 1;
	c->next_id = 0;
	/* Insert first, and look up only when the pseudonym is already held. */
	sqlite3_bind_text(c->person_ins, 1, pkey, IMP_PKEY_LEN, SQLITE_STATIC);
	if (agency > 0)
		sqlite3_bind_int64(c->person_ins, 2, agency);
	else
		sqlite3_bind_null(c->person_ins, 2);
	sqlite3_bind_text(c->person_ins, 3, role ? role : "", -1, SQLITE_STATIC);
	bind_batch(c->person_ins, 4, ctx->batch);
	if (db_step_done(ctx->db, c->person_ins, err) != 0)
		return -1;
	if (sqlite3_changes(ctx->db) > 0)
		return sqlite3_last_insert_rowid(ctx->db);
	if ((id = person_held(ctx, pkey, agency, role, err)) == 0)
		return lia_err_set(err, "database: a pseudonym neither inserted nor found");
	return id;
}

int64_t
imp_practitioner(struct imp_ctx *ctx, const char *email, const char *id_text,
    int64_t agency, const char *role, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	int by_email = has_text(email);
	GHashTable *h = by_email ? c->by_email : c->by_id;
	const char *raw = by_email ? email : id_text ? id_text : "";
	char pkey[IMP_PKEY_LEN + 1];
	int64_t id = cached(h, raw);

	/* Keyed by what the file says, so the HMAC is computed once per person
	 * per import. */
	if (id > 0)
		return id;
	if (imp_pseudonym_with(ctx->hmac, by_email ? email : NULL, by_email ? NULL : id_text,
	    pkey) != 0)
		return lia_err_set(err, "no e-mail or id");
	if ((id = person_of(ctx, pkey, agency, role, err)) > 0)
		remember(h, raw, id);
	return id;
}

static int
fresh_order(gconstpointer a, gconstpointer b)
{
	return memcmp(((const struct fresh_person *)a)->pkey,
	    ((const struct fresh_person *)b)->pkey, IMP_PKEY_LEN);
}

static void
bind_fresh(sqlite3_stmt *st, const void *row, int64_t batch)
{
	const struct fresh_person *p = row;

	bind_batch(st, 5, batch);
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 2, p->pkey, IMP_PKEY_LEN, SQLITE_STATIC);
	if (p->agency > 0)
		sqlite3_bind_int64(st, 3, p->agency);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, p->role ? p->role : "", -1, SQLITE_STATIC);
}

/* Inserts the fresh people, in pseudonym order.  0 or -1. */
static int
cache_flush(struct imp_ctx *ctx, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;

	return insert_waiting(ctx, &c->person_add, person_add_sql, c->fresh, fresh_order,
	    bind_fresh, c->fresh_roles, err);
}

/* Inserts the fresh people and builds the index of pseudonyms again if
 * this import dropped it.  0 or -1. */
static int
people_finish(struct imp_ctx *ctx, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;

	if (cache_flush(ctx, err) != 0)
		return -1;
	if (c->pkey_index == PKEY_INDEX_DROPPED) {
		/* SQLite's sorter takes as much memory as the page cache may
		 * (measured at 5,000,000 rows: 128 MB at the import's 32 MB,
		 * 103 MB at 8 MB): the cache is what the import's memory limit
		 * leaves, from 8 MB (a sorter that spills to temporary files)
		 * to the load's own. */
		int load = ctx->cache_kib, sort = imp_memory_room(ctx) * 3 / 4;

		sort = sort < 8192 ? 8192 : sort > load ? load : sort;
		if (imp_cache_size(ctx, sort, err) != 0 ||
		    db_index_make(ctx->db, c->pkey_sql, err) != 0 ||
		    imp_cache_size(ctx, load, err) != 0)
			return lia_err_prefix(err, "rebuilding the index of pseudonyms");
		c->pkey_index = PKEY_INDEX_REBUILT;
	}
	return 0;
}

int
imp_cache_finish(struct imp_ctx *ctx, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;

	if (sessions_flush(ctx, err) != 0)
		return -1;
	if (g_hash_table_size(c->new_ids) > 0)
		sessions_forget(c);	/* (their memory, before the index is built) */
	return people_finish(ctx, err);
}

int64_t
imp_practitioner_rec(struct imp_ctx *ctx, const struct csv_record *rec, const char *email,
    const char *id_text, int64_t agency, const char *role, struct lia_err *err)
{
	struct imp_cache *c = ctx->cache;
	struct fresh_person *p;
	char pkey[IMP_PKEY_LEN + 1];
	int64_t id;

	/* Records the reader has not numbered take the hashing path. */
	if (rec == NULL || rec->digest == NULL || rec->person < 0)
		return imp_practitioner(ctx, email, id_text, agency, role, err);
	if ((guint)rec->person < c->people->len &&
	    (id = g_array_index(c->people, guint32, rec->person)) > 0)
		return id;
	/* The first record of this person in this import. */
	imp_hex(rec->digest, IMP_DIGEST_LEN, pkey);
	if (c->next_id == 0) {
		sqlite3_stmt *st = stmt(ctx, &c->person_next, person_next_sql, err);

		if (st == NULL || (c->next_id = imp_find_id(ctx->db, st, &c->held, err)) <= 0)
			return -1;
		/* Nobody held: the index of pseudonyms is built once, at the end
		 * (imp_cache_finish), and people go in as they come, in id order
		 * at the end of the table. */
		if (!c->held && c->pkey_index == PKEY_INDEX_KEPT) {
			if (db_index_drop(ctx->db, "practitioner_pkey", &c->pkey_sql, err) != 0)
				return -1;
			c->pkey_index = PKEY_INDEX_DROPPED;
		}
	}
	id = c->held ? person_held(ctx, pkey, agency, role, err) : 0;
	if (id < 0)
		return -1;
	if (id == 0 && c->pkey_index == PKEY_INDEX_DROPPED) {
		struct fresh_person one;

		memcpy(one.pkey, pkey, sizeof one.pkey);
		one.id = id = c->next_id++;
		one.agency = agency;
		one.role = has_text(role) ? role : NULL;
		if (stmt(ctx, &c->person_add, person_add_sql, err) == NULL)
			return -1;
		bind_fresh(c->person_add, &one, ctx->batch);
		if (db_step_done(ctx->db, c->person_add, err) != 0)
			return -1;
	} else if (id == 0) {
		/* New: known neither to the table nor to this import, so
		 * neither among the fresh people nor inserted yet. */
		if (c->fresh->len >= FRESH_MAX && cache_flush(ctx, err) != 0)
			return -1;
		g_array_set_size(c->fresh, c->fresh->len + 1);
		p = &g_array_index(c->fresh, struct fresh_person, c->fresh->len - 1);
		memcpy(p->pkey, pkey, sizeof p->pkey);
		p->id = id = c->next_id++;
		p->agency = agency;
		p->role = has_text(role) ? g_string_chunk_insert(c->fresh_roles, role) : NULL;
	}
	if ((guint)rec->person >= c->people->len)
		g_array_set_size(c->people, (guint)rec->person + 4096);
	if (id <= G_MAXUINT32)	/* (else it is found again the long way) */
		g_array_index(c->people, guint32, rec->person) = (guint32)id;
	return id;
}
