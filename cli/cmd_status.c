/*
 * status and init: what the database holds.  Table names come from the
 * schema's own list (core's db_tables), never from the user.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"


int
cmd_init(struct ctx *ctx, int argc, char **argv)
{
	(void)argv;
	if (argc > 1)
		return cli_usage(ctx, "unexpected argument '%s'", argv[1]);
	printf("%s: lia database, schema version %d\n", ctx->db_path, db_schema_version());
	return LIA_EXIT_OK;
}

static const struct an_col table_cols[] = {
	{ "table", AN_TEXT }, { "rows", AN_INT },
};

static const struct an_col batch_cols[] = {
	{ "batch", AN_INT }, { "kind", AN_TEXT }, { "file", AN_TEXT },
	{ "sha256", AN_TEXT }, { "profile", AN_TEXT }, { "finished", AN_TEXT },
	{ "read", AN_INT }, { "loaded", AN_INT }, { "duplicates", AN_INT },
	{ "rejected", AN_INT }, { "warnings", AN_INT }, { "status", AN_TEXT },
};

static int
fill_tables(sqlite3 *db, struct an_table *t, struct lia_err *err)
{
	int i;

	for (i = 0; db_tables[i] != NULL; i++) {
		char sql[128];
		int64_t n;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", db_tables[i]);
		if (db_query_int(db, sql, &n, err) != 0)
			return -1;
		an_table_row(t);
		an_table_text(t, db_tables[i]);
		an_table_int(t, n);
	}
	return 0;
}

static int
fill_batches(sqlite3 *db, struct an_table *t, struct lia_err *err)
{
	static const char sql[] =
	    "SELECT id, kind, source, sha256, profile, finished, rows_read, rows_loaded,"
	    " rows_duplicate, rows_rejected, warnings, status FROM import_batch ORDER BY id";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc, c;

	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		an_table_row(t);
		for (c = 0; c < 12; c++) {
			if (batch_cols[c].type == AN_INT)
				an_table_int(t, sqlite3_column_int64(st, c));
			else
				an_table_text(t, (const char *)sqlite3_column_text(st, c));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", db_errmsg(db));
	return 0;
}

int
cmd_status(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	enum out_format fmt = OUT_TABLE;
	struct an_table *tables = NULL, *batches = NULL;
	struct lia_err err;
	int c, rc = LIA_EXIT_DATA;

	lia_err_clear(&err);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f') {
			if (out_format_parse(optarg, &fmt) != 0 || fmt == OUT_CSV)
				return cli_usage(ctx, "--format must be table or json, not '%s'", optarg);
		} else {
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);

	tables = an_table_new(table_cols, 2);
	batches = an_table_new(batch_cols, 12);
	if (fill_tables(ctx->db, tables, &err) != 0 || fill_batches(ctx->db, batches, &err) != 0) {
		rc = cli_fail(&err);
		goto out;
	}
	if (fmt == OUT_JSON) {
		GString *g = g_string_new("{\"database\":");
		int r;

		json_str(g, ctx->db_path);
		g_string_append_printf(g, ",\"schema_version\":%d,\"tables\":{", db_schema_version());
		for (r = 0; db_tables[r] != NULL; r++) {
			int64_t n;
			char sql[128];

			snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", db_tables[r]);
			if (db_query_int(ctx->db, sql, &n, &err) != 0) {
				g_string_free(g, TRUE);
				rc = cli_fail(&err);
				goto out;
			}
			g_string_append_printf(g, "%s\"%s\":%lld", r ? "," : "", db_tables[r], (long long)n);
		}
		g_string_append(g, "},\"batches\":");
		out_json_rows(batches, g);
		g_string_append(g, "}\n");
		fputs(g->str, stdout);
		g_string_free(g, TRUE);
	} else {
		printf("database %s, schema version %d\n\n", ctx->db_path, db_schema_version());
		out_table(tables, NULL, stdout);
		printf("\nimport batches: %d\n", an_table_nrows(batches));
		if (an_table_nrows(batches) > 0) {
			putchar('\n');
			out_table(batches, NULL, stdout);
		}
	}
	rc = LIA_EXIT_OK;
out:
	an_table_free(tables);
	an_table_free(batches);
	return rc;
}
