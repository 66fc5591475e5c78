/*
 * batch: the import batches of a database, read for provenance (see
 * core/batch.h).  The file is named without its folder: a pack says which
 * file a number came from and its SHA-256, not where it lay on someone's
 * disk.
 */
#include <string.h>

#include <glib.h>

#include "core/batch.h"
#include "core/core.h"

static const char batches_sql[] =
    "SELECT id, kind, source, sha256, profile, finished, rows_read, rows_loaded,"
    " rows_duplicate, rows_skipped, rows_rejected, warnings, status"
    " FROM import_batch ORDER BY id";

/* The last part of a path written with / or \ (a Windows path kept as given). */
static char *
base_name(const char *path)
{
	const char *p, *base = path;

	for (p = path; *p; p++)
		if ((*p == '/' || *p == '\\') && p[1] != '\0')
			base = p + 1;
	return g_strdup(base);
}

static char *
text(sqlite3_stmt *st, int c)
{
	const unsigned char *s = sqlite3_column_text(st, c);

	return s ? g_strdup((const char *)s) : NULL;
}

int
db_batches(sqlite3 *db, struct db_batch **out, size_t *n, struct lia_err *err)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct db_batch));
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = db_prepare(db, batches_sql, err)) == NULL) {
		g_array_free(a, TRUE);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct db_batch b;
		const unsigned char *src = sqlite3_column_text(st, 2);

		memset(&b, 0, sizeof b);
		b.id = sqlite3_column_int64(st, 0);
		b.kind = text(st, 1);
		b.source = text(st, 2);
		b.file = base_name(src ? (const char *)src : "");
		b.sha256 = text(st, 3);
		b.profile = text(st, 4);
		b.finished = text(st, 5);
		b.read = sqlite3_column_int64(st, 6);
		b.loaded = sqlite3_column_int64(st, 7);
		b.duplicates = sqlite3_column_int64(st, 8);
		b.skipped = sqlite3_column_int64(st, 9);
		b.rejected = sqlite3_column_int64(st, 10);
		b.warnings = sqlite3_column_int64(st, 11);
		b.status = text(st, 12);
		g_array_append_val(a, b);
	}
	if (rc != SQLITE_DONE) {
		size_t k = a->len;

		lia_err_set(err, "database: %s", db_errmsg(db));
		sqlite3_finalize(st);
		db_batches_free((struct db_batch *)(void *)g_array_free(a, FALSE), k);
		return -1;
	}
	sqlite3_finalize(st);
	*n = a->len;
	*out = (struct db_batch *)(void *)g_array_free(a, FALSE);
	return 0;
}

void
db_batches_free(struct db_batch *b, size_t n)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < n; i++) {
		g_free(b[i].kind);
		g_free(b[i].source);
		g_free(b[i].file);
		g_free(b[i].sha256);
		g_free(b[i].profile);
		g_free(b[i].finished);
		g_free(b[i].status);
	}
	g_free(b);
}
