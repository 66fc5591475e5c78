/*
 * import and rejects: the command side of import/.  Parses the options,
 * draws the progress bar on a terminal, prints the one-line or JSON summary,
 * and lists rejected rows (as CSV under their original header, ready to be
 * fixed and imported again).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/batch.h"
#include "import/import.h"


struct progress {
	double start, last;
	int shown;
	const char *db_path;
};

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
draw_progress(int64_t rows, int64_t bytes, int64_t size, void *data)
{
	struct progress *p = data;
	double t = now_seconds(), pct;
	int width = 30, fill;

	if (t - p->last < 0.1 && bytes < size)
		return;
	p->last = t;
	p->shown = 1;
	pct = size > 0 ? (double)bytes / (double)size : 0;
	if (pct > 1)
		pct = 1;
	fill = (int)(pct * width);
	fprintf(stderr, "\r[%.*s%*s] %5.1f%%  %lld rows  %.0f rows/s ",
	    fill, "##############################", width - fill, "", pct * 100,
	    (long long)rows, t > p->start ? (double)rows / (t - p->start) : 0.0);
	fflush(stderr);
}

/* The import waits for another command writing to the database. */
static void
say_waiting(void *data)
{
	struct progress *p = data;

	fprintf(stderr, "lia: %s: another command is writing to the database (an import?);"
	    " waiting for it to finish\n", p->db_path);
}

static int
parse_delimiter(const char *s, char *out)
{
	if (strcmp(s, "tab") == 0 || strcmp(s, "\\t") == 0)
		*out = '\t';
	else if (strcmp(s, "comma") == 0)
		*out = ',';
	else if (strcmp(s, "semicolon") == 0)
		*out = ';';
	else if (strcmp(s, "pipe") == 0)
		*out = '|';
	else if (strlen(s) == 1 && s[0] != '"' && s[0] != '\n' && s[0] != '\r')
		*out = s[0];
	else
		return -1;
	return 0;
}

static void
print_summary(const struct imp_summary *s, enum out_format fmt)
{
	const char *order = s->date_order == NULL ? NULL :
	    strcmp(s->date_order, "mdy") == 0 ? "month first" :
	    strcmp(s->date_order, "ymd") == 0 ? "year first" : "day first";
	char **names = g_strsplit(s->new_agency_names, "\x1f", -1);
	int i;

	if (fmt == OUT_JSON) {
		GString *g = g_string_new("{\"batch\":");

		if (s->batch > 0)
			g_string_append_printf(g, "%lld", (long long)s->batch);
		else
			g_string_append(g, "null");
		g_string_append(g, ",\"kind\":");
		json_str(g, s->kind);
		g_string_append(g, ",\"file\":");
		json_str(g, s->file);
		g_string_append(g, ",\"sha256\":");
		json_str(g, s->sha256[0] ? s->sha256 : NULL);
		g_string_append_printf(g, ",\"read\":%lld,\"loaded\":%lld,\"duplicates\":%lld,"
		    "\"skipped\":%lld,\"rejected\":%lld,\"warnings\":%lld,\"status\":",
		    (long long)s->read, (long long)s->loaded, (long long)s->duplicates,
		    (long long)s->skipped, (long long)s->rejected, (long long)s->warnings);
		json_str(g, s->status);
		g_string_append(g, ",\"date_order\":");
		json_str(g, s->date_order);
		g_string_append(g, ",\"new_agencies\":[");
		for (i = 0; names[i] != NULL && *names[i] != '\0'; i++) {
			if (i > 0)
				g_string_append_c(g, ',');
			json_str(g, names[i]);
		}
		g_string_append(g, "],\"notes\":[");
		for (i = 0; i < s->nnotes; i++) {
			if (i > 0)
				g_string_append_c(g, ',');
			json_str(g, s->notes[i]);
		}
		g_string_append(g, "]}\n");
		fputs(g->str, stdout);
		g_string_free(g, TRUE);
		g_strfreev(names);
		return;
	}
	if (strcmp(s->status, "already_imported") == 0) {
		printf("%s: already imported as batch %lld (same SHA-256); nothing loaded\n",
		    s->file, (long long)s->batch);
		g_strfreev(names);
		return;
	}
	printf("%s: %s: %lld read, %lld loaded, %lld duplicates, %lld skipped, %lld rejected",
	    s->file, s->kind, (long long)s->read, (long long)s->loaded,
	    (long long)s->duplicates, (long long)s->skipped, (long long)s->rejected);
	if (s->warnings > 0)
		printf(", %lld warnings", (long long)s->warnings);
	if (strcmp(s->status, "committed") == 0)
		printf(" (batch %lld)\n", (long long)s->batch);
	else
		printf(" (%s)\n", strcmp(s->status, "dry_run") == 0 ? "dry run: nothing written"
		    : "rolled back: nothing written");
	if (order != NULL)
		printf("dates read %s\n", order);
	if (s->new_agencies > 0) {
		printf("%lld new %s: ", (long long)s->new_agencies,
		    s->new_agencies == 1 ? "agency" : "agencies");
		for (i = 0; names[i] != NULL && *names[i] != '\0'; i++)
			printf("%s%s", i ? "; " : "", names[i]);	/* names may hold commas */
		printf("%s\n", i < s->new_agencies ? "; ..." : "");
	}
	for (i = 0; i < s->nnotes; i++)
		printf("%s\n", s->notes[i]);
	if (s->rejected > 0 && s->batch > 0)
		printf("see the rejected rows with: lia rejects --batch %lld\n", (long long)s->batch);
	if (s->warnings > 0 && s->batch > 0)
		printf("see the warnings with: lia rejects --batch %lld --warnings\n",
		    (long long)s->batch);
	g_strfreev(names);
}

int
cmd_import(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "profile", required_argument, NULL, 'p' },
		{ "map", required_argument, NULL, 'm' },
		{ "course", required_argument, NULL, 'c' },
		{ "date", required_argument, NULL, 'd' },
		{ "agency", required_argument, NULL, 'a' },
		{ "stage", required_argument, NULL, 's' },
		{ "cycle", required_argument, NULL, 'C' },
		{ "delimiter", required_argument, NULL, 'D' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "strict", no_argument, NULL, 'S' },
		{ "checkin", no_argument, NULL, 'k' },
		{ "format", required_argument, NULL, 'f' },
		{ "date-order", required_argument, NULL, 'O' },
		{ "include-incomplete", no_argument, NULL, 'I' },
		{ NULL, 0, NULL, 0 }
	};
	struct imp_opts o;
	struct imp_summary sum;
	struct lia_err err;
	struct progress prog = { 0 };
	enum out_format fmt = OUT_TABLE;
	int c, kind, rc;
	lia_date d;

	imp_opts_defaults(&o);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			o.profile = optarg;
			break;
		case 'm':
			o.map_path = optarg;
			break;
		case 'c':
			o.course = optarg;
			break;
		case 'd':
			if (date_parse(optarg, &d, &err) != 0)
				return cli_usage(ctx, "--date: %s", err.msg);
			o.date = optarg;
			break;
		case 'a':
			o.agency = optarg;
			break;
		case 's':
			o.stage = optarg;
			break;
		case 'D':
			if (parse_delimiter(optarg, &o.delimiter) != 0)
				return cli_usage(ctx, "--delimiter must be one character or tab, not '%s'",
				    optarg);
			break;
		case 'e':
			if (strcmp(optarg, "latin1") == 0 || strcmp(optarg, "iso-8859-1") == 0)
				o.encoding = IMP_ENC_LATIN1;
			else if (strcmp(optarg, "cp1252") == 0 || strcmp(optarg, "windows-1252") == 0)
				o.encoding = IMP_ENC_CP1252;
			else if (strcmp(optarg, "utf8") == 0 || strcmp(optarg, "utf-8") == 0)
				o.encoding = IMP_ENC_AUTO;
			else
				return cli_usage(ctx, "--encoding must be utf-8, latin1 or cp1252, not '%s'",
				    optarg);
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'C':
			o.cycle = optarg;
			break;
		case 'S':
			o.strict = 1;
			break;
		case 'k':
			o.checkin = 1;
			break;
		case 'O':
			if (imp_date_order_parse(optarg, &o.date_order) != 0)
				return cli_usage(ctx, "--date-order must be dmy, mdy or ymd, not '%s'",
				    optarg);
			break;
		case 'I':
			o.include_incomplete = 1;
			break;
		case 'f':
			if (out_format_parse(optarg, &fmt) != 0 || fmt == OUT_CSV)
				return cli_usage(ctx, "--format must be table or json, not '%s'", optarg);
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (argc - optind != 2)
		return cli_usage(ctx, "expected a KIND and a FILE");
	prog.db_path = ctx->db_path;
	o.waiting = say_waiting;
	o.progress_data = &prog;
	if ((kind = imp_kind_parse(argv[optind])) < 0)
		return cli_usage(ctx, "unknown kind '%s'", argv[optind]);
	if (!imp_kind_available((enum imp_kind)kind))
		return cli_usage(ctx, "importing %s is not available yet", argv[optind]);
	if (isatty(STDERR_FILENO)) {
		prog.start = prog.last = now_seconds();
		o.progress = draw_progress;
		/* Only large files get a bar: the engine calls us anyway. */
		if (access(argv[optind + 1], R_OK) == 0) {
			FILE *fp = fopen(argv[optind + 1], "rb");
			if (fp != NULL) {
				fseek(fp, 0, SEEK_END);
				if (ftell(fp) <= 1024 * 1024)
					o.progress = NULL;
				fclose(fp);
			}
		}
	}
	rc = imp_file(ctx->db, (enum imp_kind)kind, argv[optind + 1], &o, &sum, &err);
	if (prog.shown)
		fputs("\r\033[K", stderr);
	if (rc != 0) {
		if (strcmp(sum.status, "rolled_back") == 0 && sum.read > 0)
			print_summary(&sum, fmt);
		return cli_fail(&err);
	}
	print_summary(&sum, fmt);
	return LIA_EXIT_OK;
}

/* ---- rejects ------------------------------------------------------------------ */

static const struct an_col reject_cols[] = {
	{ "batch", AN_INT }, { "file", AN_TEXT }, { "line", AN_INT },
	{ "reason", AN_TEXT }, { "record", AN_TEXT },
};

static int
latest_batch_with_rejects(sqlite3 *db, int64_t *batch, struct lia_err *err)
{
	return db_query_int(db,
	    "SELECT coalesce(max(batch_id), 0) FROM reject", batch, err);
}

int
cmd_rejects(struct ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "batch", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "warnings", no_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	static const char rejects_sql[] =
	    "SELECT r.batch_id, b.source, r.line, r.reason, r.record FROM reject r"
	    " JOIN import_batch b ON b.id = r.batch_id"
	    " WHERE ?1 = 0 OR r.batch_id = ?1 ORDER BY r.batch_id, r.line, r.id";
	static const char warnings_sql[] =
	    "SELECT w.batch_id, b.source, w.line, w.message, '' FROM import_warning w"
	    " JOIN import_batch b ON b.id = w.batch_id"
	    " WHERE ?1 = 0 OR w.batch_id = ?1 ORDER BY w.batch_id, w.line, w.id";
	enum out_format fmt = OUT_TABLE;
	struct lia_err err;
	struct an_table *t = NULL;
	sqlite3_stmt *st = NULL;
	int64_t batch = 0;
	int c, rc = LIA_EXIT_DATA, step, warnings = 0;
	char *end;

	lia_err_clear(&err);
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'b':
			batch = strtoll(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || batch <= 0)
				return cli_usage(ctx, "--batch needs a batch number, not '%s'", optarg);
			break;
		case 'f':
			if (out_format_parse(optarg, &fmt) != 0)
				return cli_usage(ctx, "--format must be table, csv or json, not '%s'",
				    optarg);
			break;
		case 'w':
			warnings = 1;
			break;
		default:
			return cli_bad_option(ctx, argv, optind, optopt);
		}
	}
	if (optind < argc)
		return cli_usage(ctx, "unexpected argument '%s'", argv[optind]);

	if (fmt == OUT_CSV && !warnings) {
		/* The rejected records under their original header, to fix and re-import. */
		GPtrArray *rows;
		guint i;

		if (batch == 0 && latest_batch_with_rejects(ctx->db, &batch, &err) != 0)
			return cli_fail(&err);
		if (batch == 0)
			return LIA_EXIT_OK;	/* no rejects at all: nothing to write */
		if ((rc = imp_rejects_rows(ctx->db, batch, &rows, &err)) != 0) {
			if (rc == 1)
				lia_err_set(&err, "no import batch %lld", (long long)batch);
			return cli_fail(&err);
		}
		for (i = 0; i < rows->len; i++)
			out_csv_row(stdout, g_ptr_array_index(rows, i));
		g_ptr_array_unref(rows);
		return LIA_EXIT_OK;
	}

	if ((st = db_prepare(ctx->db, warnings ? warnings_sql : rejects_sql, &err)) == NULL)
		return cli_fail(&err);
	sqlite3_bind_int64(st, 1, batch);
	t = an_table_new(reject_cols, warnings ? 4 : 5);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		an_table_row(t);
		an_table_int(t, sqlite3_column_int64(st, 0));
		an_table_text(t, (const char *)sqlite3_column_text(st, 1));
		an_table_int(t, sqlite3_column_int64(st, 2));
		an_table_text(t, (const char *)sqlite3_column_text(st, 3));
		if (!warnings)
			an_table_text(t, (const char *)sqlite3_column_text(st, 4));
	}
	if (step != SQLITE_DONE) {
		lia_err_set(&err, "database: %s", db_errmsg(ctx->db));
		rc = cli_fail(&err);
		goto out;
	}
	if (fmt == OUT_JSON) {
		GString *g = g_string_new(warnings ? "{\"warnings\":" : "{\"rejects\":");
		out_json_rows(t, g);
		g_string_append(g, "}\n");
		fputs(g->str, stdout);
		g_string_free(g, TRUE);
	} else if (fmt == OUT_CSV) {
		out_csv(t, NULL, stdout);
	} else if (an_table_nrows(t) == 0) {
		printf(warnings ? "no warnings\n" : "no rejected rows\n");
	} else {
		out_table(t, NULL, stdout);
	}
	rc = LIA_EXIT_OK;
out:
	sqlite3_finalize(st);
	an_table_free(t);
	return rc;
}

/* ---- batches and forget ---------------------------------------------------------- */

static const struct an_col batches_cols[] = {
	{ "batch", AN_INT },
	{ "kind", AN_TEXT },
	{ "file", AN_TEXT },
	{ "profile", AN_TEXT },
	{ "finished", AN_TEXT },
	{ "read", AN_INT },
	{ "loaded", AN_INT },
	{ "duplicates", AN_INT },
	{ "skipped", AN_INT },
	{ "rejected", AN_INT },
	{ "warnings", AN_INT },
	{ "status", AN_TEXT },
	{ "sha256", AN_TEXT },
};

int
cmd_batches(struct ctx *ctx, int argc, char **argv)
{
	struct cli_common co;
	struct db_batch *b;
	struct an_result *res;
	struct an_table *t;
	struct lia_err err;
	size_t n, i;
	int rc;

	cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT);
	if ((rc = cli_parse(ctx, argc, argv, NULL, &co, NULL, 0, 0, NULL)) != 0)
		return rc;
	lia_err_clear(&err);
	if (db_batches(ctx->db, &b, &n, &err) != 0)
		return cli_fail(&err);
	t = an_table_new(batches_cols, (int)(sizeof batches_cols / sizeof batches_cols[0]));
	for (i = 0; i < n; i++) {
		an_table_row(t);
		an_table_int(t, b[i].id);
		an_table_text(t, b[i].kind);
		an_table_text(t, b[i].source);
		an_table_text(t, b[i].profile);
		an_table_text(t, b[i].finished);
		an_table_int(t, b[i].read);
		an_table_int(t, b[i].loaded);
		an_table_int(t, b[i].duplicates);
		an_table_int(t, b[i].skipped);
		an_table_int(t, b[i].rejected);
		an_table_int(t, b[i].warnings);
		an_table_text(t, b[i].status);
		an_table_text(t, b[i].sha256);
	}
	db_batches_free(b, n);
	res = an_result_new("batches", "Import batches");
	an_result_add(res, "batches", NULL, t, NULL);
	return cli_finish(res, &co, &err);
}

static const struct an_col forgotten_cols[] = {
	{ "what", AN_TEXT },
	{ "rows", AN_INT },
};

int
cmd_forget(struct ctx *ctx, int argc, char **argv)
{
	struct cli_common co;
	struct imp_forgotten f;
	struct an_result *res;
	struct an_table *t;
	struct lia_err err;
	char *pos[1] = { NULL }, *end;
	int64_t batch;
	int rc, i;

	cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT);
	if ((rc = cli_parse(ctx, argc, argv, NULL, &co, NULL, 1, 1, pos)) != 0)
		return rc;
	batch = strtoll(pos[0], &end, 10);
	if (*pos[0] == '\0' || *end != '\0' || batch <= 0)
		return cli_usage(ctx, "BATCH must be a batch number (see lia batches), not '%s'",
		    pos[0]);
	lia_err_clear(&err);
	if (imp_forget(ctx->db, batch, &f, &err) != 0)
		return cli_fail(&err);
	t = an_table_new(forgotten_cols, 2);
	for (i = 0; i < f.n; i++) {
		an_table_row(t);
		an_table_text(t, f.what[i]);
		an_table_int(t, f.count[i]);
	}
	res = an_result_new("forget", NULL);
	an_result_add(res, "forgotten", NULL, t, NULL);
	an_result_note(res, "batch %lld forgotten%s; its file can be imported again",
	    (long long)batch, f.n == 0 ? " (it had loaded nothing)" : "");
	return cli_finish(res, &co, &err);
}
