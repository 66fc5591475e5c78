/*
 * dims: the dimensions every loader shares — agencies, courses, themes,
 * sessions and practitioners — created on first sight and reused.  Names
 * match case- and space-insensitively.  Ids are cached in GLib hash tables
 * for the length of one import, and a person's HMAC is computed only the
 * first time their e-mail or id is seen in it.
 */
#include <stdio.h>
#include <string.h>

#include "import/internal.h"

struct imp_cache {
	GHashTable *agency, *course, *theme, *session, *person;
	sqlite3_stmt *agency_ins, *course_ins, *theme_ins, *session_ins, *person_ins;
};

static const char agency_sql[] =
    "INSERT INTO agency(name, name_key, sector) VALUES (?1, ?2, nullif(?3, ''))"
    " ON CONFLICT(name_key) DO UPDATE SET sector = coalesce(sector, excluded.sector)"
    " RETURNING id";
static const char course_sql[] =
    "INSERT INTO course(code, code_key, title) VALUES (?1, ?2, nullif(?3, ''))"
    " ON CONFLICT(code_key) DO UPDATE SET title = coalesce(title, excluded.title)"
    " RETURNING id";
static const char theme_sql[] =
    "INSERT INTO theme(name, name_key) VALUES (?1, ?2)"
    " ON CONFLICT(name_key) DO UPDATE SET name = name RETURNING id";
static const char session_sql[] =
    "INSERT INTO session(course_id, date, label, capacity, mode) VALUES (?1, ?2, ?3, ?4, ?5)"
    " ON CONFLICT(course_id, date, label) DO UPDATE SET"
    " capacity = coalesce(capacity, excluded.capacity), mode = coalesce(mode, excluded.mode)"
    " RETURNING id";
static const char person_sql[] =
    "INSERT INTO practitioner(pkey, agency_id, role) VALUES (?1, ?2, nullif(?3, ''))"
    " ON CONFLICT(pkey) DO UPDATE SET agency_id = coalesce(excluded.agency_id, agency_id),"
    " role = coalesce(excluded.role, role) RETURNING id";

struct imp_cache *
imp_cache_new(sqlite3 *db)
{
	struct imp_cache *c = g_new0(struct imp_cache, 1);

	(void)db;
	c->agency = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->course = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->theme = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->session = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	c->person = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return c;
}

void
imp_cache_free(struct imp_cache *c)
{
	if (c == NULL)
		return;
	g_hash_table_destroy(c->agency);
	g_hash_table_destroy(c->course);
	g_hash_table_destroy(c->theme);
	g_hash_table_destroy(c->session);
	g_hash_table_destroy(c->person);
	sqlite3_finalize(c->agency_ins);
	sqlite3_finalize(c->course_ins);
	sqlite3_finalize(c->theme_ins);
	sqlite3_finalize(c->session_ins);
	sqlite3_finalize(c->person_ins);
	g_free(c);
}

/* Steps an INSERT ... RETURNING id. */
static int64_t
returning_id(sqlite3 *db, sqlite3_stmt *st, struct lia_err *err)
{
	int64_t id = -1;
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE || id <= 0) {
		lia_err_set(err, "database: %s", sqlite3_errmsg(db));
		return -1;
	}
	return id;
}

static sqlite3_stmt *
stmt(struct imp_ctx *ctx, sqlite3_stmt **slot, const char *sql, struct lia_err *err)
{
	if (*slot == NULL)
		*slot = db_prepare(ctx->db, sql, err);
	return *slot;
}

/* The cached id stored under key, or 0. */
static int64_t
cached(GHashTable *h, const char *key)
{
	gpointer v = g_hash_table_lookup(h, key);

	return v ? (int64_t)GPOINTER_TO_SIZE(v) : 0;
}

static void
remember(GHashTable *h, char *key, int64_t id)
{
	g_hash_table_replace(h, key, GSIZE_TO_POINTER((gsize)id));
}

int64_t
imp_agency(struct imp_ctx *ctx, const char *name, const char *sector, struct lia_err *err)
{
	char *key = imp_name_key(name);
	int64_t id = cached(ctx->cache->agency, key);
	sqlite3_stmt *st;

	if (id > 0 && (sector == NULL || *sector == '\0')) {
		g_free(key);
		return id;
	}
	if ((st = stmt(ctx, &ctx->cache->agency_ins, agency_sql, err)) == NULL) {
		g_free(key);
		return -1;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, sector ? sector : "", -1, SQLITE_STATIC);
	id = returning_id(ctx->db, st, err);
	if (id > 0 && cached(ctx->cache->agency, key) == 0)
		remember(ctx->cache->agency, key, id);
	else
		g_free(key);
	return id;
}

int64_t
imp_course(struct imp_ctx *ctx, const char *code, const char *title, struct lia_err *err)
{
	const char *c = code && *code ? code : title;
	char *key = imp_name_key(c);
	int64_t id = cached(ctx->cache->course, key);
	sqlite3_stmt *st;

	if (id > 0) {
		g_free(key);
		return id;
	}
	if ((st = stmt(ctx, &ctx->cache->course_ins, course_sql, err)) == NULL) {
		g_free(key);
		return -1;
	}
	sqlite3_bind_text(st, 1, c, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, title ? title : "", -1, SQLITE_STATIC);
	id = returning_id(ctx->db, st, err);
	if (id > 0)
		remember(ctx->cache->course, key, id);
	else
		g_free(key);
	return id;
}

int64_t
imp_theme(struct imp_ctx *ctx, const char *name, struct lia_err *err)
{
	char *key = imp_name_key(name);
	int64_t id = cached(ctx->cache->theme, key);
	sqlite3_stmt *st;

	if (id > 0) {
		g_free(key);
		return id;
	}
	if ((st = stmt(ctx, &ctx->cache->theme_ins, theme_sql, err)) == NULL) {
		g_free(key);
		return -1;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	id = returning_id(ctx->db, st, err);
	if (id > 0)
		remember(ctx->cache->theme, key, id);
	else
		g_free(key);
	return id;
}

int64_t
imp_session(struct imp_ctx *ctx, int64_t course, lia_date date, const char *label,
    int64_t capacity, const char *mode, struct lia_err *err)
{
	char iso[DATE_ISO_LEN];
	char *key;
	int64_t id;
	sqlite3_stmt *st;

	date_format(date, iso);
	key = g_strdup_printf("%lld|%s|%s", (long long)course, iso, label ? label : "");
	id = cached(ctx->cache->session, key);
	if (id > 0 && capacity < 0 && mode == NULL) {
		g_free(key);
		return id;
	}
	if ((st = stmt(ctx, &ctx->cache->session_ins, session_sql, err)) == NULL) {
		g_free(key);
		return -1;
	}
	sqlite3_bind_int64(st, 1, course);
	sqlite3_bind_text(st, 2, iso, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, label ? label : "", -1, SQLITE_STATIC);
	if (capacity >= 0)
		sqlite3_bind_int64(st, 4, capacity);
	else
		sqlite3_bind_null(st, 4);
	if (mode != NULL)
		sqlite3_bind_text(st, 5, mode, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	id = returning_id(ctx->db, st, err);
	if (id > 0 && cached(ctx->cache->session, key) == 0)
		remember(ctx->cache->session, key, id);
	else
		g_free(key);
	return id;
}

int64_t
imp_practitioner(struct imp_ctx *ctx, const char *email, const char *id_text,
    int64_t agency, const char *role, struct lia_err *err)
{
	char pkey[IMP_PKEY_LEN + 1];
	char *key;
	int64_t id;
	sqlite3_stmt *st;

	/* The cache is keyed by what the file says, so the HMAC is computed
	 * once per person per import. */
	if (email != NULL && *email != '\0')
		key = g_strconcat("e:", email, NULL);
	else
		key = g_strconcat("i:", id_text ? id_text : "", NULL);
	id = cached(ctx->cache->person, key);
	if (id > 0) {
		g_free(key);
		return id;
	}
	if (imp_pseudonym(ctx->key, email, id_text, pkey) != 0) {
		g_free(key);
		return lia_err_set(err, "no e-mail or id");
	}
	if ((st = stmt(ctx, &ctx->cache->person_ins, person_sql, err)) == NULL) {
		g_free(key);
		return -1;
	}
	sqlite3_bind_text(st, 1, pkey, IMP_PKEY_LEN, SQLITE_TRANSIENT);
	if (agency > 0)
		sqlite3_bind_int64(st, 2, agency);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, role ? role : "", -1, SQLITE_STATIC);
	id = returning_id(ctx->db, st, err);
	if (id > 0)
		remember(ctx->cache->person, key, id);
	else
		g_free(key);
	return id;
}
