/*
 * status and init: what the database holds.  Table names come from the
 * schema's own list (core's db_tables), never from the user.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/batch.h"


int
cmd_init(struct ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(ctx, "unexpected argument '%s'", argv[1]);
	printf("%s: lia database, schema version %d\n", ctx->db_path, db_schema_version());
	return LIA_EXIT_OK;
}

static const struct an_col params_cols[] = {
	{ "database", AN_TEXT }, { "schema_version", AN_INT },
};

static const struct an_col table_cols[] = {
	{ "table", AN_TEXT }, { "rows", AN_INT },
};

static const struct an_col batch_cols[] = {
	{ "batch", AN_INT }, { "kind", AN_TEXT }, { "file", AN_TEXT },
	{ "sha256", AN_TEXT }, { "profile", AN_TEXT }, { "finished", AN_TEXT },
	{ "read", AN_INT }, { "loaded", AN_INT }, { "duplicates", AN_INT },
	{ "rejected", AN_INT }, { "warnings", AN_INT }, { "status", AN_TEXT },
};

/* What the database holds as a result: its name and schema version, each
 * table's rows, and the import batches.  NULL with err. */
static struct an_result *
status_result(sqlite3 *db, const char *db_path, struct lia_err *err)
{
	struct an_result *res;
	struct an_table *t;
	struct db_batch *b;
	int64_t *counts;
	size_t n, i;

	for (n = 0; db_tables[n] != NULL; n++)
		;
	counts = g_new0(int64_t, n);
	if (db_table_rows(db, counts, err) != 0 || db_batches(db, &b, &n, err) != 0) {
		g_free(counts);
		return NULL;
	}
	res = an_result_new("status", NULL);
	res->params = an_table_new(params_cols, 2);
	an_table_row(res->params);
	an_table_text(res->params, db_path);
	an_table_int(res->params, db_schema_version());

	t = an_table_new(table_cols, 2);
	for (i = 0; db_tables[i] != NULL; i++) {
		an_table_row(t);
		an_table_text(t, db_tables[i]);
		an_table_int(t, counts[i]);
	}
	g_free(counts);
	an_result_add(res, "tables", NULL, t, NULL);

	t = cli_batches_table(batch_cols, (int)G_N_ELEMENTS(batch_cols), b, n);
	db_batches_free(b, n);
	an_result_add(res, "batches", NULL, t, NULL);
	return res;
}

int
cmd_status(struct ctx *ctx, int argc, char **argv)
{
	static const struct out_shape shape = { "tables", 0 };
	struct cli_common co;
	struct an_result *res;
	struct lia_err err;
	int rc;

	cli_common_init(&co, CLI_FORMAT);
	co.formats = (1u << OUT_TABLE) | (1u << OUT_JSON);
	if ((rc = cli_parse(ctx, argc, argv, NULL, &co, NULL, 0, 0, NULL)) != 0)
		return rc;
	lia_err_clear(&err);
	if ((res = status_result(ctx->db, ctx->db_path, &err)) == NULL)
		return cli_fail(&err);
	if (co.fmt == OUT_JSON) {
		rc = out_write_as(res, &shape, OUT_JSON, stdout);
	} else {
		const struct an_table *batches = an_result_part(res, "batches")->rows;

		printf("database %s, schema version %d\n\n", ctx->db_path, db_schema_version());
		out_table(an_result_part(res, "tables")->rows, NULL, stdout);
		printf("\nimport batches: %d\n", an_table_nrows(batches));
		if (an_table_nrows(batches) > 0) {
			putchar('\n');
			out_table(batches, NULL, stdout);
		}
		rc = ferror(stdout) ? -1 : 0;
	}
	an_result_free(res);
	return rc == 0 ? LIA_EXIT_OK : LIA_EXIT_DATA;
}
