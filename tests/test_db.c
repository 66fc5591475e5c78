/*
 * Unit tests for the database floor: schema, migrations in one transaction,
 * refusing newer and foreign files untouched, file mode, the key.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <glib.h>

#include "core/core.h"

static char dir[] = "/tmp/lia-test-db-XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
path(const char *name)
{
	return g_strdup_printf("%s/%s", dir, name);
}

/* An index dropped for a bulk load comes back as the schema defines it,
 * and enforces again what it enforced. */
static void
test_index_drop_make(void **state)
{
	struct lia_err err;
	sqlite3 *db;
	char *sql = NULL;
	int64_t v;

	(void)state;
	db = db_open(":memory:", &err);
	assert_non_null(db);
	assert_int_equal(db_index_drop(db, "practitioner_pkey", &sql, &err), 0);
	assert_string_equal(sql, "CREATE UNIQUE INDEX practitioner_pkey ON practitioner(pkey)");
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'practitioner_pkey'", &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_exec(db, "INSERT INTO practitioner(pkey) VALUES (printf('%064d', 7))", &err), 0);
	assert_int_equal(db_index_make(db, sql, &err), 0);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM sqlite_schema"
	    " WHERE name = 'practitioner_pkey'", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_not_equal(db_exec(db, "INSERT INTO practitioner(pkey) VALUES (printf('%064d', 7))", &err), 0);
	g_free(sql);
	sql = (char *)"unchanged";
	assert_int_equal(db_index_drop(db, "no_such_index", &sql, &err), -1);
	assert_null(sql);
	assert_non_null(strstr(err.msg, "no index no_such_index"));
	db_close(db);
}

static void
test_memory_schema(void **state)
{
	struct lia_err err;
	sqlite3 *db;
	int64_t v;
	int i;

	(void)state;
	db = db_open(":memory:", &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, db_schema_version());
	assert_true(db_schema_version() >= 1);
	assert_int_equal(db_query_int(db, "PRAGMA foreign_keys", &v, &err), 0);
	assert_int_equal(v, 1);
	for (i = 0; db_tables[i] != NULL; i++) {
		char sql[128];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", db_tables[i]);
		assert_int_equal(db_query_int(db, sql, &v, &err), 0);
	}
	/* Every table of the schema is in db_tables, and no more. */
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
	    &v, &err), 0);
	assert_int_equal(v, i);
	/* CHECK constraints hold enumerations. */
	assert_int_equal(db_exec(db, "INSERT INTO audit(kind, cycle) VALUES ('section12', '2019')",
	    &err), -1);
	assert_int_equal(db_exec(db, "INSERT INTO audit(kind, cycle) VALUES ('section11', '2019')",
	    &err), 0);
	/* UNIQUE natural keys */
	assert_int_equal(db_exec(db, "INSERT INTO audit(kind, cycle) VALUES ('section11', '2019')",
	    &err), -1);
	/* Foreign keys are enforced. */
	assert_int_equal(db_exec(db, "INSERT INTO session(course_id, date) VALUES (99, '2019-06-12')",
	    &err), -1);
	db_close(db);
}

static void
test_file_mode_and_key(void **state)
{
	char *p = path("mode.db");
	unsigned char k1[DB_KEY_LEN], k2[DB_KEY_LEN], zero[DB_KEY_LEN] = { 0 };
	struct lia_err err;
	struct stat sb;
	sqlite3 *db;

	(void)state;
	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_key(db, k1, &err), 0);
	assert_memory_not_equal(k1, zero, DB_KEY_LEN);
	db_close(db);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* The key is created once and kept. */
	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_key(db, k2, &err), 0);
	assert_memory_equal(k1, k2, DB_KEY_LEN);
	db_close(db);
	g_free(p);
}

static char *
slurp(const char *p, gsize *len)
{
	char *data = NULL;

	assert_true(g_file_get_contents(p, &data, len, NULL));
	return data;
}

static void
test_refuse_newer(void **state)
{
	char *p = path("newer.db"), *before, *after;
	struct lia_err err;
	sqlite3 *db;
	gsize n1, n2;
	char sql[64];

	(void)state;
	db = db_open(p, &err);
	assert_non_null(db);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", db_schema_version() + 1);
	assert_int_equal(db_exec(db, sql, &err), 0);
	assert_int_equal(db_exec(db, "PRAGMA journal_mode = DELETE", &err), 0);
	db_close(db);
	before = slurp(p, &n1);
	lia_err_clear(&err);
	assert_null(db_open(p, &err));
	assert_non_null(strstr(err.msg, "newer than this lia"));
	after = slurp(p, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	g_free(before);
	g_free(after);
	g_free(p);
}

static void
test_refuse_foreign(void **state)
{
	char *p = path("foreign.db"), *text = path("notes.txt"), *before, *after;
	struct lia_err err;
	sqlite3 *raw;
	gsize n1, n2;

	(void)state;
	/* Another program's SQLite database. */
	assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE t(x); INSERT INTO t VALUES (1)",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	before = slurp(p, &n1);
	assert_null(db_open(p, &err));
	assert_non_null(strstr(err.msg, "not a lia database"));
	after = slurp(p, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	g_free(before);
	g_free(after);

	/* A text file. */
	assert_true(g_file_set_contents(text, "name,email\nA,a@example.org\n", -1, NULL));
	assert_null(db_open(text, &err));
	assert_non_null(strstr(err.msg, "not a lia database"));
	after = slurp(text, &n2);
	assert_string_equal(after, "name,email\nA,a@example.org\n");
	g_free(after);
	g_free(p);
	g_free(text);
}

/* A schema with three migrations; the third fails half way. */
static const char schema_v1[] =
    "-- migration: 1\nCREATE TABLE meta(name TEXT PRIMARY KEY, value BLOB NOT NULL);\n"
    "CREATE TABLE a(x INTEGER);\n";
static const char schema_v2[] =
    "-- migration: 1\nCREATE TABLE meta(name TEXT PRIMARY KEY, value BLOB NOT NULL);\n"
    "CREATE TABLE a(x INTEGER);\n"
    "-- migration: 2\nALTER TABLE a ADD COLUMN y TEXT;\nCREATE TABLE b(z INTEGER);\n";
static const char schema_v3_bad[] =
    "-- migration: 1\nCREATE TABLE meta(name TEXT PRIMARY KEY, value BLOB NOT NULL);\n"
    "CREATE TABLE a(x INTEGER);\n"
    "-- migration: 2\nALTER TABLE a ADD COLUMN y TEXT;\nCREATE TABLE b(z INTEGER);\n"
    "-- migration: 3\nCREATE TABLE c(w INTEGER);\nCREATE TABLE a(oops);\n";

static void
test_migrations(void **state)
{
	struct lia_err err;
	sqlite3 *db;
	int64_t v;

	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(db_migrate(db, schema_v1, -1, &err), 0);
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_exec(db, "INSERT INTO a(x) VALUES (7)", &err), 0);
	/* An older database is brought up to date, data kept. */
	assert_int_equal(db_migrate(db, schema_v2, -1, &err), 0);
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(db_query_int(db, "SELECT x FROM a WHERE y IS NULL", &v, &err), 0);
	assert_int_equal(v, 7);
	/* A failing migration changes nothing: one transaction. */
	lia_err_clear(&err);
	assert_int_equal(db_migrate(db, schema_v3_bad, -1, &err), -1);
	assert_non_null(strstr(err.msg, "migration 3"));
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(db_query_int(db,
	    "SELECT count(*) FROM sqlite_master WHERE name = 'c'", &v, &err), 0);
	assert_int_equal(v, 0);
	/* Migrating to a target stops there. */
	sqlite3_close(db);
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(db_migrate(db, schema_v2, 1, &err), 0);
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, 1);
	sqlite3_close(db);
}

static void
test_open_migrates_file(void **state)
{
	extern const char lia_schema_sql[];
	char *p = path("old.db");
	struct lia_err err;
	sqlite3 *db;
	int64_t v;

	(void)state;
	/* A lia database at schema 0 with only its identity: db_open upgrades. */
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(db_migrate(db, lia_schema_sql, 1, &err), 0);
	sqlite3_close(db);
	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, db_schema_version());
	db_close(db);
	g_free(p);
}

/* Migrations 3 and 4 rebuild session (its mode CHECK without an IN list)
 * and practitioner (its pseudonym unique by a named index): a schema-2
 * database with sessions and people that attendances, headcounts and
 * feedback refer to keeps every row, id and reference; foreign keys are on
 * after. */
static void
test_session_rebuild(void **state)
{
	extern const char lia_schema_sql[];
	char *p = path("v2.db");
	struct lia_err err;
	sqlite3 *db;
	int64_t v;

	(void)state;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = ON", &err), 0);
	assert_int_equal(db_migrate(db, lia_schema_sql, 2, &err), 0);
	assert_int_equal(db_exec(db,
	    "INSERT INTO agency(id, name, name_key) VALUES (1, 'Police', 'police');"
	    "INSERT INTO course(id, code, code_key) VALUES (1, 'C1', 'c1');"
	    "INSERT INTO practitioner(id, pkey) VALUES (1, printf('%064d', 1));"
	    "INSERT INTO session(id, course_id, date, label, capacity, mode) VALUES"
	    " (7, 1, '2019-06-12', '', 20, 'virtual'), (9, 1, '2019-06-13', 'pm', NULL, NULL);"
	    "INSERT INTO attendance(session_id, practitioner_id, agency_id, status)"
	    " VALUES (7, 1, 1, 'attended'), (9, 1, 1, 'did_not_attend');"
	    "INSERT INTO headcount_attendance(session_id, agency_id, count) VALUES (9, 1, 40);"
	    "INSERT INTO feedback_response(id, session_id, stage) VALUES (3, 7, 'post');",
	    &err), 0);
	sqlite3_close(db);

	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "PRAGMA user_version", &v, &err), 0);
	assert_int_equal(v, db_schema_version());
	assert_int_equal(db_query_int(db, "SELECT group_concat(id || ':' || date || ':' || label"
	    " || ':' || ifnull(capacity, '-') || ':' || ifnull(mode, '-'), ' ') = "
	    "'7:2019-06-12::20:virtual 9:2019-06-13:pm:-:-' FROM session", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance JOIN session"
	    " ON session.id = session_id", &v, &err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check",
	    &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE name IN ('session_date', 'session_new')", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_query_int(db, "PRAGMA foreign_keys", &v, &err), 0);
	assert_int_equal(v, 1);
	/* The rebuilt table keeps its checks and references. */
	assert_int_equal(db_exec(db, "INSERT INTO session(course_id, date, mode)"
	    " VALUES (1, '2019-07-01', 'by pigeon')", &err), -1);
	assert_int_equal(db_exec(db, "INSERT INTO session(course_id, date, mode)"
	    " VALUES (1, '2019-07-01', 'blended')", &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO session(course_id, date) VALUES (2, '2019-07-02')",
	    &err), -1);
	assert_int_equal(db_exec(db, "DELETE FROM session WHERE id = 7", &err), -1);
	/* practitioner: the same person, still unique, still referred to */
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM practitioner"
	    " WHERE id = 1 AND pkey = printf('%064d', 1)", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE name IN ('practitioner_pkey', 'practitioner_new')", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_exec(db, "INSERT INTO practitioner(pkey) VALUES (printf('%064d', 1))",
	    &err), -1);
	assert_int_equal(db_exec(db, "INSERT INTO practitioner(pkey) VALUES ('short')", &err), -1);
	assert_int_equal(db_exec(db, "DELETE FROM practitioner WHERE id = 1", &err), -1);
	db_close(db);
	g_free(p);
}

/* Migration 5 rebuilds import_batch (two more kinds, a skipped count,
 * forgotten batches): a schema-4 batch keeps its id, counts and the rows
 * that refer to it; a file is unique among live batches only. */
static void
test_batch_rebuild(void **state)
{
	extern const char lia_schema_sql[];
	char *p = path("v4.db");
	struct lia_err err;
	sqlite3 *db;
	int64_t v;

	(void)state;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = ON", &err), 0);
	assert_int_equal(db_migrate(db, lia_schema_sql, 4, &err), 0);
	assert_int_equal(db_exec(db,
	    "INSERT INTO import_batch(id, kind, source, sha256, started, rows_read, rows_loaded,"
	    " rows_duplicate, rows_rejected) VALUES (4, 'holidays', 'h.csv', printf('%064d', 4),"
	    " '2019-06-01', 3, 1, 1, 1);"
	    "INSERT INTO holiday(date, batch_id) VALUES ('2019-06-03', 4);"
	    "INSERT INTO reject(batch_id, line, reason, record) VALUES (4, 3, 'bad', 'x');",
	    &err), 0);
	sqlite3_close(db);

	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM import_batch WHERE id = 4"
	    " AND rows_read = 3 AND rows_loaded = 1 AND rows_duplicate = 1 AND rows_skipped = 0"
	    " AND rows_rejected = 1 AND status = 'committed'", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check",
	    &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_exec(db, "DELETE FROM import_batch WHERE id = 4", &err), -1);
	/* The sum holds with skipped rows; it is still checked. */
	assert_int_equal(db_exec(db, "INSERT INTO import_batch(kind, source, sha256, started,"
	    " rows_read, rows_loaded, rows_skipped) VALUES ('evidence', 'e.csv',"
	    " printf('%064d', 5), '2019-06-01', 3, 2, 1)", &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO import_batch(kind, source, sha256, started,"
	    " rows_read, rows_loaded) VALUES ('agencies', 'a.csv', printf('%064d', 6),"
	    " '2019-06-01', 3, 2)", &err), -1);
	/* One live batch per file; a forgotten one does not count. */
	assert_int_equal(db_exec(db, "INSERT INTO import_batch(kind, source, sha256, started)"
	    " VALUES ('holidays', 'h.csv', printf('%064d', 4), '2019-07-01')", &err), -1);
	assert_int_equal(db_exec(db, "UPDATE import_batch SET status = 'forgotten' WHERE id = 4",
	    &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO import_batch(kind, source, sha256, started)"
	    " VALUES ('holidays', 'h.csv', printf('%064d', 4), '2019-07-01')", &err), 0);
	db_close(db);
	g_free(p);
}

/*
 * Migration 7: an attendance of a version 6 database survives the rebuild
 * of its table, which now takes 'excused' and still refuses other words;
 * the dimension tables and feedback answers have a batch_id; batch_change
 * holds JSON only, one change per batch, table and row.
 */
static void
test_forget_schema(void **state)
{
	extern const char lia_schema_sql[];
	char *p = path("v6.db");
	struct lia_err err;
	sqlite3 *db;
	int64_t v;
	static const char *const tables[] = {
		"agency", "practitioner", "theme", "course", "session", "question", "audit",
		"audit_standard", "feedback_answer"
	};
	size_t i;

	(void)state;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(db_exec(db, "PRAGMA foreign_keys = ON", &err), 0);
	assert_int_equal(db_migrate(db, lia_schema_sql, 6, &err), 0);
	assert_int_equal(db_exec(db,
	    "INSERT INTO agency(id, name, name_key) VALUES (1, 'Police', 'police');"
	    "INSERT INTO practitioner(id, pkey, agency_id) VALUES (1, printf('%064d', 1), 1);"
	    "INSERT INTO course(id, code, code_key) VALUES (1, 'WT1', 'wt1');"
	    "INSERT INTO session(id, course_id, date) VALUES (1, 1, '2019-06-12');"
	    "INSERT INTO attendance(session_id, practitioner_id, agency_id, status, hours)"
	    " VALUES (1, 1, 1, 'did_not_attend', 3)", &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO attendance(session_id, practitioner_id, status)"
	    " VALUES (1, 1, 'excused')", &err), -1);
	sqlite3_close(db);

	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM attendance WHERE session_id = 1"
	    " AND practitioner_id = 1 AND agency_id = 1 AND status = 'did_not_attend'"
	    " AND hours = 3", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_exec(db, "UPDATE attendance SET status = 'excused'", &err), 0);
	assert_int_equal(db_exec(db, "UPDATE attendance SET status = 'maybe'", &err), -1);
	for (i = 0; i < sizeof tables / sizeof tables[0]; i++) {
		char sql[128];

		snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s')"
		    " WHERE name = 'batch_id'", tables[i]);
		assert_int_equal(db_query_int(db, sql, &v, &err), 0);
		assert_int_equal(v, 1);
	}
	assert_int_equal(db_exec(db, "INSERT INTO import_batch(id, kind, source, sha256, started)"
	    " VALUES (9, 'attendance', 'a.csv', printf('%064d', 9), '2019-06-01');"
	    "INSERT INTO batch_change VALUES (9, 'attendance', '1,1', '{\"status\":\"cancelled\"}')",
	    &err), 0);
	assert_int_equal(db_exec(db, "INSERT INTO batch_change VALUES (9, 'attendance', '1,2',"
	    " 'not json')", &err), -1);
	assert_int_equal(db_exec(db, "INSERT INTO batch_change VALUES (9, 'attendance', '1,1',"
	    " '{}')", &err), -1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check",
	    &v, &err), 0);
	assert_int_equal(v, 0);
	db_close(db);
	g_free(p);
}

/*
 * A lia database another process holds locked is not "not a lia database":
 * the message says the database cannot be read, and why.  (A writer never
 * blocks readers in WAL mode; this lock is a connection in exclusive
 * locking mode, which lia never uses.)  Every open keeps the WAL mode the
 * file is in, without asking for it again.
 */
static void
test_locked_is_not_foreign(void **state)
{
	char *p = path("locked.db");
	struct lia_err err;
	sqlite3 *db, *raw;
	int64_t n;

	(void)state;
	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_journal_mode"
	    " WHERE journal_mode = 'wal'", &n, &err), 0);
	assert_int_equal(n, 1);
	db_close(db);
	assert_int_equal(sqlite3_open(p, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
	    " SELECT count(*) FROM meta", NULL, NULL, NULL), SQLITE_OK);
	assert_null(db_open(p, &err));
	assert_null(strstr(err.msg, "not a lia database"));
	assert_non_null(strstr(err.msg, "cannot read the database"));
	assert_non_null(strstr(err.msg, "locked"));
	sqlite3_close(raw);
	db = db_open(p, &err);
	assert_non_null(db);
	db_close(db);
	g_free(p);
}

/* Migration 6 folds theme keys to letters and digits: two spellings of one
 * theme become one row (the first), every reference moves to it, and a
 * link held under both spellings is kept once. */
static void
test_theme_fold(void **state)
{
	extern const char lia_schema_sql[];
	char *p = path("v5.db");
	struct lia_err err;
	sqlite3 *db;
	int64_t v;

	(void)state;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(db_migrate(db, lia_schema_sql, 5, &err), 0);
	assert_int_equal(db_exec(db,
	    "INSERT INTO theme(id, name, name_key) VALUES (1, 'Voice of the Child', 'voice of the child'),"
	    " (2, 'voice-of-the-child', 'voice-of-the-child'), (3, 'Neglect', 'neglect');"
	    "INSERT INTO course(id, code, code_key) VALUES (1, 'C1', 'c1');"
	    "INSERT INTO course_theme VALUES (1, 1), (1, 2), (1, 3);"
	    "INSERT INTO review(id, code) VALUES (1, 'SCR1');"
	    "INSERT INTO review_theme VALUES (1, 2);"
	    "INSERT INTO audit_standard(kind, code, theme_id) VALUES ('multi_agency', 'S1', 2);"
	    "INSERT INTO action(ref, text, theme_id) VALUES ('A1', 'do it', 2);"
	    "INSERT INTO evidence_item(id, date, kind, title, title_key) VALUES"
	    " (1, '2019-06-01', 'briefing', 'B', 'b');"
	    "INSERT INTO evidence_theme VALUES (1, 2), (1, 1);", &err), 0);
	sqlite3_close(db);

	db = db_open(p, &err);
	assert_non_null(db);
	assert_int_equal(db_query_int(db, "SELECT group_concat(k, ' ') = '1:voiceofthechild 3:neglect'"
	    " FROM (SELECT id || ':' || name_key AS k FROM theme ORDER BY id)", &v, &err), 0);
	assert_int_equal(v, 1);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM course_theme", &v, &err), 0);
	assert_int_equal(v, 2);
	assert_int_equal(db_query_int(db, "SELECT (SELECT theme_id FROM review_theme)"
	    " + (SELECT theme_id FROM audit_standard) + (SELECT theme_id FROM action)"
	    " + (SELECT sum(theme_id) FROM evidence_theme)", &v, &err), 0);
	assert_int_equal(v, 4);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM pragma_foreign_key_check",
	    &v, &err), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_query_int(db, "SELECT count(*) FROM sqlite_temp_master", &v, &err), 0);
	assert_int_equal(v, 0);
	db_close(db);
	g_free(p);
}

/* db_table_rows: each table's rows, in db_tables' order. */
static void
test_table_rows(void **state)
{
	struct lia_err err;
	int64_t *counts;
	sqlite3 *db;
	int i, n, audit = -1, meta = -1;

	(void)state;
	db = db_open(":memory:", &err);
	assert_non_null(db);
	for (n = 0; db_tables[n] != NULL; n++) {
		if (strcmp(db_tables[n], "audit") == 0)
			audit = n;
		if (strcmp(db_tables[n], "meta") == 0)
			meta = n;
	}
	assert_true(audit >= 0 && meta >= 0);
	assert_int_equal(db_exec(db, "INSERT INTO audit(kind, cycle) VALUES ('section11', '2019'),"
	    " ('section11', '2020'), ('s175', '2020')", &err), 0);
	counts = g_new0(int64_t, n);
	for (i = 0; i < n; i++)
		counts[i] = -1;
	assert_int_equal(db_table_rows(db, counts, &err), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(counts[i], i == audit ? 3 : i == meta ? 1 : 0);
	g_free(counts);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memory_schema),
		cmocka_unit_test(test_file_mode_and_key),
		cmocka_unit_test(test_refuse_newer),
		cmocka_unit_test(test_refuse_foreign),
		cmocka_unit_test(test_locked_is_not_foreign),
		cmocka_unit_test(test_migrations),
		cmocka_unit_test(test_open_migrates_file),
		cmocka_unit_test(test_session_rebuild),
		cmocka_unit_test(test_batch_rebuild),
		cmocka_unit_test(test_theme_fold),
		cmocka_unit_test(test_forget_schema),
		cmocka_unit_test(test_table_rows),
		cmocka_unit_test(test_index_drop_make),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
