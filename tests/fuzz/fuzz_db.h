/*
 * Shared by the fuzz targets that import (fuzz_import.c, fuzz_map.c): a
 * fresh database in memory for each input (a copy of one made by db_open,
 * so that a finding replays alone), and the check of an import's outcome:
 * committed with read = loaded + duplicates + skipped + rejected in its
 * batch, the database consistent and the same file again loading nothing
 * new; or a clean error (a message) with the database as it was.  Any
 * breach aborts, which libFuzzer reports as a crash.
 */
#ifndef LIA_FUZZ_DB_H
#define LIA_FUZZ_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/internal.h"

static sqlite3 *fuzz_template;

/* A fresh database: a copy of the template, with db_open's settings. */
static sqlite3 *
fuzz_fresh_db(void)
{
	struct lia_err err;
	sqlite3_backup *b;
	sqlite3 *db = NULL;

	if (fuzz_template == NULL && (fuzz_template = db_open(":memory:", &err)) == NULL)
		abort();
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		abort();
	if ((b = sqlite3_backup_init(db, "main", fuzz_template, "main")) == NULL)
		abort();
	sqlite3_backup_step(b, -1);
	if (sqlite3_backup_finish(b) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
	    lia_text_functions(db) != 0)
		abort();
	return db;
}

static int64_t
fuzz_query(sqlite3 *db, const char *sql)
{
	int64_t v = 0;

	if (db_query_int(db, sql, &v, NULL) != 0)
		abort();
	return v;
}

/* The rows of every table but meta: what a failed import leaves alone. */
static int64_t
fuzz_rows(sqlite3 *db)
{
	int64_t n = 0;
	char sql[128];
	int i;

	for (i = 0; db_tables[i] != NULL; i++) {
		if (strcmp(db_tables[i], "meta") == 0)
			continue;
		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", db_tables[i]);
		n += fuzz_query(db, sql);
	}
	return n;
}

/* Imports path into a fresh database and checks the outcome. */
static void
fuzz_import_check(enum imp_kind kind, const char *path, struct imp_opts *o)
{
	sqlite3 *db = fuzz_fresh_db();
	struct imp_summary s;
	struct lia_err err;
	int64_t before = fuzz_rows(db);

	lia_err_clear(&err);
	if (imp_file(db, kind, path, o, &s, &err) != 0) {
		if (err.msg[0] == '\0' || fuzz_rows(db) != before || !sqlite3_get_autocommit(db))
			abort();
	} else if (strcmp(s.status, "committed") == 0) {
		if (s.read < s.loaded + s.duplicates + s.rejected ||
		    fuzz_query(db, "SELECT count(*) FROM import_batch WHERE rows_read <>"
			" rows_loaded + rows_duplicate + rows_skipped + rows_rejected") != 0 ||
		    fuzz_query(db, "SELECT count(*) FROM pragma_foreign_key_check") != 0)
			abort();
		/* The same file again: recognised, nothing new. */
		o->strict = 0;
		before = fuzz_rows(db);
		if (imp_file(db, kind, path, o, &s, &err) != 0 ||
		    strcmp(s.status, "already_imported") != 0 || s.loaded != 0 ||
		    fuzz_rows(db) != before)
			abort();
	} else if (strcmp(s.status, "dry_run") == 0) {
		if (fuzz_rows(db) != before)
			abort();
	} else if (strcmp(s.status, "already_imported") != 0) {
		abort();
	}
	sqlite3_close(db);
}

#endif
