/*
 * rejects: the rejected records of a batch as rows of cells, for `lia
 * rejects --format csv` to write back out under the file's header, ready
 * to fix and import again.  The engine stores the header and each record
 * as a line of CSV (comma-separated, quoted where needed); they are read
 * back here with libcsv, so that the one CSV writer (cli/output.c) writes
 * every cell, guarded against formulas like every other CSV lia writes.
 */
#include <string.h>

#include <csv.h>

#include "import/internal.h"

struct split {
	GPtrArray *row;		/* char *, the record being read */
	GPtrArray *rows;	/* char **, NULL-terminated */
};

static void
split_field(void *s, size_t len, void *data)
{
	struct split *sp = data;

	g_ptr_array_add(sp->row, g_strndup(s != NULL ? s : "", len));
}

static void
split_record(int c, void *data)
{
	struct split *sp = data;

	(void)c;
	g_ptr_array_add(sp->row, NULL);
	g_ptr_array_add(sp->rows, g_ptr_array_free(sp->row, FALSE));
	sp->row = g_ptr_array_new();
}

/* Adds the rows of a stored CSV text to rows.  0, or -1 with err. */
static int
split_csv(const char *text, GPtrArray *rows, struct lia_err *err)
{
	struct csv_parser p;
	struct split sp = { g_ptr_array_new(), rows };
	size_t len = strlen(text);
	int rc = 0;

	if (csv_init(&p, 0) != 0) {
		g_ptr_array_free(sp.row, TRUE);
		return lia_err_set(err, "out of memory");
	}
	if (csv_parse(&p, text, len, split_field, split_record, &sp) != len ||
	    csv_fini(&p, split_field, split_record, &sp) != 0)
		rc = lia_err_set(err, "a stored record: %s", csv_strerror(csv_error(&p)));
	csv_free(&p);
	g_ptr_array_free(sp.row, TRUE);
	return rc;
}

int
imp_rejects_rows(sqlite3 *db, int64_t batch, GPtrArray **out, struct lia_err *err)
{
	static const char header_sql[] = "SELECT header FROM import_batch WHERE id = ?1";
	static const char records_sql[] =
	    "SELECT record FROM reject WHERE batch_id = ?1 ORDER BY line, id";
	GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
	sqlite3_stmt *st = NULL;
	int step, rc = -1;

	*out = NULL;
	if ((st = db_prepare(db, header_sql, err)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, batch);
	if ((step = sqlite3_step(st)) == SQLITE_DONE) {
		rc = 1;
		goto out;
	}
	if (step != SQLITE_ROW) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto out;
	}
	if (sqlite3_column_text(st, 0) != NULL &&
	    split_csv((const char *)sqlite3_column_text(st, 0), rows, err) != 0)
		goto out;
	sqlite3_finalize(st);
	if ((st = db_prepare(db, records_sql, err)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, batch);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *record = (const char *)sqlite3_column_text(st, 0);
		guint before = rows->len;

		if (split_csv(record != NULL ? record : "", rows, err) != 0)
			goto out;
		if (rows->len == before) {	/* an empty record: one empty cell */
			char **empty = g_new0(char *, 2);

			empty[0] = g_strdup("");
			g_ptr_array_add(rows, empty);
		}
	}
	if (step != SQLITE_DONE) {
		lia_err_set(err, "database: %s", db_errmsg(db));
		goto out;
	}
	*out = rows;
	rows = NULL;
	rc = 0;
out:
	sqlite3_finalize(st);
	if (rows != NULL)
		g_ptr_array_unref(rows);
	return rc;
}
