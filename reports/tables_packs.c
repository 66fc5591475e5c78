/*
 * tables_packs: the results only the packs print.  The provenance list of
 * import batches (core/batch.h) laid out as a result, so that the two
 * writers print it as they print any table.  Batches are files, not
 * people: nothing in it is hidden.
 */
#include <glib.h>

#include "core/batch.h"
#include "reports/internal.h"

static const struct an_col batch_cols[] = {
	{ "batch", AN_INT, AN_PLAIN, NULL, NULL, "Batch" },
	{ "kind", AN_TEXT, AN_PLAIN, NULL, NULL, "Kind" },
	{ "file", AN_TEXT, AN_PLAIN, NULL, NULL, "File" },
	{ "imported", AN_TEXT, AN_PLAIN, NULL, NULL, "Imported" },
	{ "sha256", AN_TEXT, AN_PLAIN, NULL, NULL, "SHA-256" },
	{ "read", AN_INT, AN_PLAIN, NULL, NULL, "Read" },
	{ "loaded", AN_INT, AN_PLAIN, NULL, NULL, "Loaded" },
	{ "duplicates", AN_INT, AN_PLAIN, NULL, NULL, "Duplicates" },
	{ "skipped", AN_INT, AN_PLAIN, NULL, NULL, "Skipped" },
	{ "rejected", AN_INT, AN_PLAIN, NULL, NULL, "Rejected" },
	{ "status", AN_TEXT, AN_PLAIN, NULL, NULL, "Status" },
};

struct an_result *
rpt_batches(sqlite3 *db, struct lia_err *err)
{
	struct db_batch *b;
	struct an_table *t;
	struct an_result *res;
	size_t n, i;

	if (db_batches(db, &b, &n, err) != 0)
		return NULL;
	t = an_table_new(batch_cols, G_N_ELEMENTS(batch_cols));
	for (i = 0; i < n; i++) {
		char day[16] = "";

		if (b[i].finished)
			g_strlcpy(day, b[i].finished, 11);	/* the day of "YYYY-MM-DD hh:mm:ss" */
		an_table_row(t);
		an_table_int(t, b[i].id);
		an_table_text(t, b[i].kind);
		an_table_text(t, b[i].file);
		an_table_text(t, b[i].finished ? day : NULL);
		an_table_text(t, b[i].sha256);
		an_table_int(t, b[i].read);
		an_table_int(t, b[i].loaded);
		an_table_int(t, b[i].duplicates);
		an_table_int(t, b[i].skipped);
		an_table_int(t, b[i].rejected);
		an_table_text(t, g_strcmp0(b[i].status, "rolled_back") == 0 ? "rolled back" :
		    b[i].status);
	}
	db_batches_free(b, n);
	res = an_result_new("batches", "import batches");
	an_result_add(res, "rows", NULL, t, NULL);
	return res;
}
