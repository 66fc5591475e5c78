/*
 * inspect: what the imports left to look at, read for `lia rejects`: the
 * rejected rows and the warnings of one batch or of all, each with its
 * batch, file, line and reason.  Reading only.
 */
#include <string.h>

#include "import/internal.h"

static const char rejects_sql[] =
    "SELECT r.batch_id, b.source, r.line, r.reason, r.record FROM reject r"
    " JOIN import_batch b ON b.id = r.batch_id"
    " WHERE ?1 = 0 OR r.batch_id = ?1 ORDER BY r.batch_id, r.line, r.id";
static const char warnings_sql[] =
    "SELECT w.batch_id, b.source, w.line, w.message, NULL FROM import_warning w"
    " JOIN import_batch b ON b.id = w.batch_id"
    " WHERE ?1 = 0 OR w.batch_id = ?1 ORDER BY w.batch_id, w.line, w.id";

static char *
text(sqlite3_stmt *st, int c)
{
	const unsigned char *s = sqlite3_column_text(st, c);

	return s ? g_strdup((const char *)s) : NULL;
}

int
imp_issues(sqlite3 *db, int64_t batch, int warnings, struct imp_issue **out, size_t *n,
    struct lia_err *err)
{
	GArray *a = g_array_new(FALSE, TRUE, sizeof(struct imp_issue));
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((st = db_prepare(db, warnings ? warnings_sql : rejects_sql, err)) == NULL) {
		g_array_free(a, TRUE);
		return -1;
	}
	sqlite3_bind_int64(st, 1, batch);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct imp_issue is;

		is.batch = sqlite3_column_int64(st, 0);
		is.file = text(st, 1);
		is.line = sqlite3_column_int64(st, 2);
		is.reason = text(st, 3);
		is.record = text(st, 4);
		g_array_append_val(a, is);
	}
	sqlite3_finalize(st);
	*n = a->len;
	*out = (struct imp_issue *)(void *)g_array_free(a, FALSE);
	if (rc != SQLITE_DONE) {
		imp_issues_free(*out, *n);
		*out = NULL;
		*n = 0;
		return lia_err_set(err, "database: %s", db_errmsg(db));
	}
	return 0;
}

void
imp_issues_free(struct imp_issue *is, size_t n)
{
	size_t i;

	if (is == NULL)
		return;
	for (i = 0; i < n; i++) {
		g_free(is[i].file);
		g_free(is[i].reason);
		g_free(is[i].record);
	}
	g_free(is);
}

int
imp_last_rejects_batch(sqlite3 *db, int64_t *batch, struct lia_err *err)
{
	return db_query_int(db, "SELECT coalesce(max(batch_id), 0) FROM reject", batch, err);
}
