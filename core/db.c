/*
 * db: the one SQLite file lia keeps.  Owns opening (and refusing files that
 * are not lia's, or are newer than this program), the pragmas every
 * connection needs, the numbered migrations of core/schema.sql, the
 * pseudonymisation key, and small statement helpers that turn SQLite
 * failures into struct lia_err.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <glib.h>

#include "core/core.h"

/* "LIA1": PRAGMA application_id marks a file as a lia database. */
#define LIA_APPLICATION_ID 0x4C494131
/* How long a statement waits for a lock before SQLITE_BUSY (in WAL mode
 * only writers wait, for each other). */
#define DB_BUSY_MS 5000

extern const char lia_schema_sql[];

const char *const db_tables[] = {
	"meta", "import_batch", "reject", "import_warning", "agency", "workforce",
	"practitioner", "theme", "training_level", "course", "course_theme",
	"session", "attendance", "headcount_attendance", "question",
	"feedback_response", "feedback_answer", "audit", "audit_standard",
	"audit_result", "review", "review_theme", "action", "holiday", "agency_alias",
	"evidence_item", "evidence_theme", "batch_change", NULL
};

int
db_table_rows(sqlite3 *db, int64_t *counts, struct lia_err *err)
{
	int i;

	for (i = 0; db_tables[i] != NULL; i++) {
		/* The names are the schema's own, never the user's. */
		char *sql = g_strdup_printf("SELECT count(*) FROM \"%s\"", db_tables[i]);
		int rc = db_query_int(db, sql, &counts[i], err);

		g_free(sql);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static const char migration_mark[] = "-- migration: ";

/*
 * Finds migration n in a schema text.  Returns its first byte and sets *len,
 * or NULL when there is no such migration.
 */
static const char *
find_migration(const char *text, int n, size_t *len)
{
	const char *p = text, *start = NULL;

	while (p != NULL && *p != '\0') {
		if (strncmp(p, migration_mark, sizeof migration_mark - 1) == 0) {
			int k = atoi(p + sizeof migration_mark - 1);
			if (start != NULL) {
				*len = (size_t)(p - start);
				return start;
			}
			if (k == n)
				start = p;
		}
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	if (start != NULL)
		*len = strlen(start);
	return start;
}

static int
count_migrations(const char *text)
{
	size_t len;
	int n = 0;

	while (find_migration(text, n + 1, &len) != NULL)
		n++;
	return n;
}

int
db_schema_version(void)
{
	static int version = -1;

	if (version < 0)
		version = count_migrations(lia_schema_sql);
	return version;
}

/*
 * A write that failed where SQLite kept no errno (its -wal and journal
 * files keep theirs to themselves): the file-size limit (ulimit -f) when
 * one is set, a full disk when the database's folder has no room left.
 */
static const char *
write_failed(sqlite3 *db, const char *msg)
{
	static _Thread_local char buf[640];
	const char *file = sqlite3_db_filename(db, "main");
	struct rlimit rl;
	struct statvfs vfs;
	char *dir;
	int full = 0;

	if (file != NULL && *file != '\0') {
		dir = g_path_get_dirname(file);
		full = statvfs(dir, &vfs) == 0 && vfs.f_bavail == 0;
		g_free(dir);
	}
	if (full)
		snprintf(buf, sizeof buf, "%s: the disk is full", msg);
	else if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		snprintf(buf, sizeof buf, "%s: a write failed: the file-size limit (ulimit -f)"
		    " is %llu KB", msg, (unsigned long long)rl.rlim_cur / 1024);
	else
		snprintf(buf, sizeof buf, "%s: a write failed (is the disk full?)", msg);
	return buf;
}

const char *
db_errmsg(sqlite3 *db)
{
	static _Thread_local char buf[640];
	int code = sqlite3_errcode(db) & 0xff, e = sqlite3_system_errno(db);
	const char *msg = sqlite3_errmsg(db);

	if (code == SQLITE_READONLY) {
		const char *file = sqlite3_db_filename(db, "main");

		snprintf(buf, sizeof buf, "%s (%s cannot be written)", msg,
		    file != NULL && *file != '\0' ? file : "the database");
		return buf;
	}
	if (e == 0 && (code == SQLITE_FULL || sqlite3_extended_errcode(db) == SQLITE_IOERR_WRITE))
		return write_failed(db, msg);
	if (e == 0 || (code != SQLITE_IOERR && code != SQLITE_FULL && code != SQLITE_CANTOPEN))
		return msg;
	if (e == EFBIG)
		snprintf(buf, sizeof buf, "%s: the file-size limit (ulimit -f) was reached", msg);
	else if (e == ENOSPC || e == EDQUOT)
		snprintf(buf, sizeof buf, "%s: the disk is full", msg);
	else
		snprintf(buf, sizeof buf, "%s: %s", msg, strerror(e));
	return buf;
}

int
db_exec(sqlite3 *db, const char *sql, struct lia_err *err)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

sqlite3_stmt *
db_prepare(sqlite3 *db, const char *sql, struct lia_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int
db_query_int(sqlite3 *db, const char *sql, int64_t *out, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	*out = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

int
db_index_drop(sqlite3 *db, const char *name, char **sql, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db,
	    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", err);
	char *drop;
	int rc;

	*sql = NULL;
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		*sql = g_strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (*sql == NULL)
		return lia_err_set(err, "database: no index %s%s%s", name,
		    rc == SQLITE_ROW || rc == SQLITE_DONE ? "" : ": ",
		    rc == SQLITE_ROW || rc == SQLITE_DONE ? "" : db_errmsg(db));
	drop = g_strdup_printf("DROP INDEX \"%s\"", name);
	rc = db_exec(db, drop, err);
	g_free(drop);
	if (rc != 0) {
		g_free(*sql);
		*sql = NULL;
	}
	return rc;
}

int
db_index_make(sqlite3 *db, const char *sql, struct lia_err *err)
{
	return db_exec(db, sql, err);
}

int
db_step_done(sqlite3 *db, sqlite3_stmt *st, struct lia_err *err)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

int
db_begin(sqlite3 *db, struct lia_err *err)
{
	return db_exec(db, "BEGIN IMMEDIATE", err);
}

/* The busy handler of db_begin_wait: polls every 10 to 100 ms, says once
 * that it waits, and gives up after max_ms. */
struct wait_state {
	int max_ms, waited_ms;
	db_wait_fn fn;
	void *data;
};

static int
wait_busy(void *p, int calls)
{
	struct wait_state *w = p;
	int step = calls < 10 ? 10 : 100;

	if (calls == 0 && w->fn != NULL)
		w->fn(w->data);
	if (w->waited_ms >= w->max_ms)
		return 0;
	sqlite3_sleep(step);
	w->waited_ms += step;
	return 1;
}

int
db_begin_wait(sqlite3 *db, int max_seconds, db_wait_fn fn, void *data, struct lia_err *err)
{
	struct wait_state w = { max_seconds * 1000, 0, fn, data };
	int rc;

	sqlite3_busy_handler(db, wait_busy, &w);
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	sqlite3_busy_timeout(db, DB_BUSY_MS);
	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_BUSY)
		return lia_err_set(err, "another lia command is writing to this database (an"
		    " import?); waited %d s for it to finish", w.waited_ms / 1000);
	return lia_err_set(err, "database: %s", db_errmsg(db));
}

int
db_checkpoint(sqlite3 *db)
{
	int rc;

	/* TRUNCATE, but with no wait: a reader on an older snapshot keeps the
	 * frames it may need, and the checkpoint does what it can (PASSIVE). */
	sqlite3_busy_timeout(db, 0);
	rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	sqlite3_busy_timeout(db, DB_BUSY_MS);
	return rc == SQLITE_OK ? 0 : -1;
}

int
db_commit(sqlite3 *db, struct lia_err *err)
{
	return db_exec(db, "COMMIT", err);
}

void
db_rollback(sqlite3 *db)
{
	if (db != NULL && !sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

static int
ensure_key(sqlite3 *db, struct lia_err *err)
{
	static const char sql[] =
	    "INSERT OR IGNORE INTO meta(name, value) VALUES ('pseudonym_key', ?1)";
	unsigned char key[DB_KEY_LEN];
	sqlite3_stmt *st;
	size_t got = 0;
	int rc;

	while (got < sizeof key) {
		ssize_t r = getrandom(key + got, sizeof key - got, 0);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return lia_err_set(err, "getrandom: %s", strerror(errno));
		}
		got += (size_t)r;
	}
	if ((st = db_prepare(db, sql, err)) == NULL)
		return -1;
	sqlite3_bind_blob(st, 1, key, sizeof key, SQLITE_TRANSIENT);
	rc = db_step_done(db, st, err);
	sqlite3_finalize(st);
	return rc;
}

int
db_key(sqlite3 *db, unsigned char key[DB_KEY_LEN], struct lia_err *err)
{
	static const char sql[] = "SELECT value FROM meta WHERE name = 'pseudonym_key'";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == DB_KEY_LEN) {
		memcpy(key, sqlite3_column_blob(st, 0), DB_KEY_LEN);
		rc = 0;
	} else {
		lia_err_set(err, "database has no pseudonymisation key");
	}
	sqlite3_finalize(st);
	return rc;
}

int
db_migrate(sqlite3 *db, const char *schema_text, int target, struct lia_err *err)
{
	int64_t current, fk = 0, broken = 0;
	int last = count_migrations(schema_text), n, rc = -1;
	char pragma[64];

	if (target < 0 || target > last)
		target = last;
	if (db_query_int(db, "PRAGMA user_version", &current, err) != 0)
		return -1;
	if (current >= target)
		return 0;
	/* Migrations may call lia's own SQL functions (lia_theme_key). */
	if (lia_text_functions(db) != 0)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	/* A migration may rebuild a table that others refer to: foreign keys
	 * are off while they run (the pragma has no effect inside a
	 * transaction) and checked as a whole before the commit. */
	if (db_query_int(db, "PRAGMA foreign_keys", &fk, err) != 0 ||
	    (fk && db_exec(db, "PRAGMA foreign_keys = OFF", err) != 0))
		return -1;
	if (db_begin(db, err) != 0)
		goto restore;
	for (n = (int)current + 1; n <= target; n++) {
		size_t len;
		const char *m = find_migration(schema_text, n, &len);
		char *sql = g_strndup(m, len);
		int failed = db_exec(db, sql, err) != 0;

		g_free(sql);
		if (failed) {
			lia_err_prefix(err, "migration %d", n);
			goto fail;
		}
	}
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", target);
	if (db_exec(db, pragma, err) != 0)
		goto fail;
	snprintf(pragma, sizeof pragma, "PRAGMA application_id = %d", LIA_APPLICATION_ID);
	if (db_exec(db, pragma, err) != 0 || ensure_key(db, err) != 0)
		goto fail;
	if (db_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check", &broken, err) != 0)
		goto fail;
	if (broken > 0) {
		lia_err_set(err, "migration to schema %d would leave %lld rows referring to"
		    " nothing", target, (long long)broken);
		goto fail;
	}
	if (db_commit(db, err) != 0)
		goto fail;
	rc = 0;
	goto restore;
fail:
	db_rollback(db);
restore:
	if (fk)
		db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	return rc;
}

/* Creates a missing file with mode 0600 so SQLite (and its -wal and -shm
 * files, which copy the database's mode) never makes it world-readable. */
static int
create_private(const char *path, struct lia_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return lia_err_at(err, path, 0, "cannot create database: %s", strerror(errno));
	}
	close(fd);
	return 0;
}

/* When the database failed as read-only, or could not open its -wal or
 * -shm: says so in err, naming what cannot be written, and returns 1. */
static int
readonly_place(sqlite3 *db, const char *path, struct lia_err *err)
{
	int code = sqlite3_errcode(db) & 0xff;
	char *dir;
	int folder;

	if (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)
		return 0;
	dir = g_path_get_dirname(path);
	folder = access(dir, W_OK) != 0;
	if (folder || access(path, W_OK) != 0)
		lia_err_at(err, path, 0, "cannot use the database: %s cannot be written, and"
		    " lia keeps the database's -wal and -shm files beside it even to read"
		    " (copy it to a folder you can write)", folder ? dir : path);
	g_free(dir);
	return folder || access(path, W_OK) != 0;
}

/* Decides whether an opened file may be used: lia's own, or empty. */
static int
check_identity(sqlite3 *db, const char *path, struct lia_err *err)
{
	int64_t app, version, objects;

	if (db_query_int(db, "PRAGMA application_id", &app, err) != 0 ||
	    db_query_int(db, "PRAGMA user_version", &version, err) != 0 ||
	    db_query_int(db, "SELECT count(*) FROM sqlite_master", &objects, err) != 0) {
		if (err != NULL) {
			snprintf(err->file, sizeof err->file, "%s", path);
			err->line = 0;
		}
		/* Only a file SQLite cannot read as a database is not one: a
		 * lock or an I/O error says what it is.  A database in WAL
		 * mode needs its -wal and -shm files beside it: in a folder
		 * lia cannot write, even reading fails. */
		if (readonly_place(db, path, err))
			return -1;
		if ((sqlite3_errcode(db) & 0xff) != SQLITE_NOTADB)
			return lia_err_prefix(err, "cannot read the database");
		return lia_err_prefix(err, "not a lia database");
	}
	if (app == LIA_APPLICATION_ID) {
		if (version > db_schema_version())
			return lia_err_at(err, path, 0,
			    "database schema version %lld is newer than this lia "
			    "(version %s, schema %d); upgrade lia to use it",
			    (long long)version, LIA_VERSION, db_schema_version());
		return 0;
	}
	if (app == 0 && version == 0 && objects == 0)
		return 0;	/* a new, empty file */
	return lia_err_at(err, path, 0, "not a lia database; refusing to change it");
}

/*
 * Puts the database in WAL mode, once: the mode is kept in the file, and
 * asking for it again while another connection writes would need a lock
 * that the writer holds (every command failed with "database is locked"
 * while an import ran in another mode).  In WAL mode readers read the last
 * committed state while a writer writes and commits.
 */
static int
wal_mode(sqlite3 *db, struct lia_err *err)
{
	sqlite3_stmt *st = db_prepare(db, "PRAGMA journal_mode", err);
	int wal = 0, rc;

	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		wal = g_ascii_strcasecmp((const char *)sqlite3_column_text(st, 0), "wal") == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return wal ? 0 : db_exec(db, "PRAGMA journal_mode = WAL", err);
}

sqlite3 *
db_open(const char *path, struct lia_err *err)
{
	sqlite3 *db = NULL;
	int memory = strcmp(path, ":memory:") == 0;

	static int configured;

	/* No memory statistics: they cost a global mutex on every allocation.
	 * Only possible before SQLite's first initialisation, hence once. */
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	if (!memory && create_private(path, err) != 0)
		return NULL;
	/* One connection, one thread: no per-call mutex (NOMUTEX). */
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		lia_err_at(err, path, 0, "cannot open database: %s",
		    db ? sqlite3_errmsg(db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, DB_BUSY_MS);
	if (check_identity(db, path, err) != 0)
		goto fail;
	if (db_exec(db, "PRAGMA foreign_keys = ON", err) != 0)
		goto fail;
	if (!memory && wal_mode(db, err) != 0)
		goto fail;
	if (db_migrate(db, lia_schema_sql, -1, err) != 0) {
		if (err != NULL)
			snprintf(err->file, sizeof err->file, "%s", path);
		goto fail;
	}
	return db;
fail:
	sqlite3_close(db);
	return NULL;
}

void
db_close(sqlite3 *db)
{
	if (db != NULL)
		sqlite3_close(db);
}
