/*
 * import and rejects: the command side of import/.  Parses the options,
 * draws the progress bar on a terminal, prints the one-line or JSON summary,
 * and lists rejected rows (as CSV under their original header, ready to be
 * fixed and imported again).
 */
#include <stddef.h>
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

/* --delimiter: one character, or tab, comma, semicolon, pipe (char *). */
static int
parse_delimiter(const struct ctx *ctx, const char *s, void *value)
{
	char *out = value;

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
		return cli_usage(ctx, "--delimiter must be one character or tab, not '%s'", s);
	return 0;
}

/* --date: a date date_parse reads, kept as given (const char **). */
static int
parse_date_text(const struct ctx *ctx, const char *s, void *value)
{
	struct lia_err err;
	lia_date d;

	lia_err_clear(&err);
	if (date_parse(s, &d, &err) != 0)
		return cli_usage(ctx, "--date: %s", err.msg);
	*(const char **)value = s;
	return 0;
}

/* --encoding: utf-8, latin1 or cp1252 (enum imp_encoding *). */
static int
parse_encoding(const struct ctx *ctx, const char *s, void *value)
{
	enum imp_encoding *enc = value;

	if (strcmp(s, "latin1") == 0 || strcmp(s, "iso-8859-1") == 0)
		*enc = IMP_ENC_LATIN1;
	else if (strcmp(s, "cp1252") == 0 || strcmp(s, "windows-1252") == 0)
		*enc = IMP_ENC_CP1252;
	else if (strcmp(s, "utf8") == 0 || strcmp(s, "utf-8") == 0)
		*enc = IMP_ENC_AUTO;
	else
		return cli_usage(ctx, "--encoding must be utf-8, latin1 or cp1252, not '%s'", s);
	return 0;
}

/* --date-order: dmy, mdy or ymd (enum imp_date_order *). */
static int
parse_date_order(const struct ctx *ctx, const char *s, void *value)
{
	if (imp_date_order_parse(s, value) != 0)
		return cli_usage(ctx, "--date-order must be dmy, mdy or ymd, not '%s'", s);
	return 0;
}

static const struct an_col summary_cols[] = {
	{ "batch", AN_INT }, { "kind", AN_TEXT }, { "file", AN_TEXT },
	{ "sha256", AN_TEXT }, { "read", AN_INT }, { "loaded", AN_INT },
	{ "duplicates", AN_INT }, { "skipped", AN_INT }, { "rejected", AN_INT },
	{ "warnings", AN_INT }, { "status", AN_TEXT }, { "date_order", AN_TEXT },
	{ "new_agencies", AN_LIST },
};

/* The summary as JSON, through the one writer: its members, then notes. */
static void
write_summary_json(const struct imp_summary *s, char **names)
{
	static const struct out_shape shape = { NULL, 1 };
	struct an_result *res = an_result_new("import", NULL);
	struct an_table *t = an_table_new(summary_cols, (int)G_N_ELEMENTS(summary_cols));
	size_t n;

	an_table_row(t);
	if (s->batch > 0)
		an_table_int(t, s->batch);
	else
		an_table_null(t);
	an_table_text(t, s->kind);
	an_table_text(t, s->file);
	an_table_text(t, s->sha256[0] ? s->sha256 : NULL);
	an_table_int(t, s->read);
	an_table_int(t, s->loaded);
	an_table_int(t, s->duplicates);
	an_table_int(t, s->skipped);
	an_table_int(t, s->rejected);
	an_table_int(t, s->warnings);
	an_table_text(t, s->status);
	an_table_text(t, s->date_order);
	for (n = 0; names[n] != NULL && *names[n] != '\0'; n++)
		;
	an_table_list(t, (const char *const *)names, n);
	res->params = t;
	for (n = 0; n < (size_t)s->nnotes; n++)
		an_result_note(res, "%s", s->notes[n]);
	out_write_as(res, &shape, OUT_JSON, stdout);
	an_result_free(res);
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
		write_summary_json(s, names);
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
	struct imp_opts o;
	const struct cli_opt opts[] = {
		{ CLI_STRING, "profile", 0, &o.profile, 0, 0, 0, NULL, NULL },
		{ CLI_STRING, "map", 0, &o.map_path, 0, 0, 0, NULL, NULL },
		{ CLI_STRING, "course", 0, &o.course, 0, 0, 0, NULL, NULL },
		{ CLI_CALL, "date", 0, &o.date, 0, 0, 0, NULL, parse_date_text },
		{ CLI_STRING, "agency", 0, &o.agency, 0, 0, 0, NULL, NULL },
		{ CLI_STRING, "stage", 0, &o.stage, 0, 0, 0, NULL, NULL },
		{ CLI_STRING, "cycle", 0, &o.cycle, 0, 0, 0, NULL, NULL },
		{ CLI_CALL, "delimiter", 0, &o.delimiter, 0, 0, 0, NULL, parse_delimiter },
		{ CLI_CALL, "encoding", 0, &o.encoding, 0, 0, 0, NULL, parse_encoding },
		{ CLI_FLAG, "dry-run", 0, &o.dry_run, 0, 0, 0, NULL, NULL },
		{ CLI_FLAG, "strict", 0, &o.strict, 0, 0, 0, NULL, NULL },
		{ CLI_FLAG, "checkin", 0, &o.checkin, 0, 0, 0, NULL, NULL },
		{ CLI_CALL, "date-order", 0, &o.date_order, 0, 0, 0, NULL, parse_date_order },
		{ CLI_FLAG, "include-incomplete", 0, &o.include_incomplete, 0, 0, 0, NULL, NULL },
		CLI_OPT_END
	};
	struct cli_common co;
	struct imp_summary sum;
	struct lia_err err;
	struct progress prog = { 0 };
	char *pos[3];
	int kind, rc;

	imp_opts_defaults(&o);
	cli_common_init(&co, CLI_FORMAT);
	co.formats = (1u << OUT_TABLE) | (1u << OUT_JSON);
	/* A third slot so that one argument too many gets the same words. */
	if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 3, pos)) != 0)
		return rc;
	if (pos[1] == NULL || pos[2] != NULL)
		return cli_usage(ctx, "expected a KIND and a FILE");
	prog.db_path = ctx->db_path;
	o.waiting = say_waiting;
	o.progress_data = &prog;
	if ((kind = imp_kind_parse(pos[0])) < 0)
		return cli_usage(ctx, "unknown kind '%s'", pos[0]);
	if (!imp_kind_available((enum imp_kind)kind))
		return cli_usage(ctx, "importing %s is not available yet", pos[0]);
	if (isatty(STDERR_FILENO)) {
		prog.start = prog.last = now_seconds();
		o.progress = draw_progress;
		/* Only large files get a bar: the engine calls us anyway. */
		if (access(pos[1], R_OK) == 0) {
			FILE *fp = fopen(pos[1], "rb");
			if (fp != NULL) {
				fseek(fp, 0, SEEK_END);
				if (ftell(fp) <= 1024 * 1024)
					o.progress = NULL;
				fclose(fp);
			}
		}
	}
	rc = imp_file(ctx->db, (enum imp_kind)kind, pos[1], &o, &sum, &err);
	if (prog.shown)
		fputs("\r\033[K", stderr);
	if (rc != 0) {
		if (strcmp(sum.status, "rolled_back") == 0 && sum.read > 0)
			print_summary(&sum, co.fmt);
		return cli_fail(&err);
	}
	print_summary(&sum, co.fmt);
	return LIA_EXIT_OK;
}

/* ---- rejects ------------------------------------------------------------------ */

static const struct an_col reject_cols[] = {
	{ "batch", AN_INT }, { "file", AN_TEXT }, { "line", AN_INT },
	{ "reason", AN_TEXT }, { "record", AN_TEXT },
};

/* --batch N: a batch number (int64_t *). */
static int
parse_batch(const struct ctx *ctx, const char *s, void *value)
{
	char *end;
	int64_t b = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || b <= 0)
		return cli_usage(ctx, "--batch needs a batch number, not '%s'", s);
	*(int64_t *)value = b;
	return 0;
}

int
cmd_rejects(struct ctx *ctx, int argc, char **argv)
{
	static const struct out_shape shape = { NULL, 0 };
	int64_t batch = 0;
	int warnings = 0;
	const struct cli_opt opts[] = {
		{ CLI_CALL, "batch", 0, &batch, 0, 0, 0, NULL, parse_batch },
		{ CLI_FLAG, "warnings", 0, &warnings, 0, 0, 0, NULL, NULL },
		CLI_OPT_END
	};
	struct cli_common co;
	struct lia_err err;
	struct an_result *res;
	struct an_table *t;
	struct imp_issue *is;
	size_t n, i;
	int rc;

	cli_common_init(&co, CLI_FORMAT);
	if ((rc = cli_parse(ctx, argc, argv, opts, &co, NULL, 0, 0, NULL)) != 0)
		return rc;
	lia_err_clear(&err);

	if (co.fmt == OUT_CSV && !warnings) {
		/* The rejected records under their original header, to fix and re-import. */
		GPtrArray *rows;

		if (batch == 0 && imp_last_rejects_batch(ctx->db, &batch, &err) != 0)
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

	if (imp_issues(ctx->db, batch, warnings, &is, &n, &err) != 0)
		return cli_fail(&err);
	t = an_table_new(reject_cols, warnings ? 4 : 5);
	for (i = 0; i < n; i++) {
		an_table_row(t);
		an_table_int(t, is[i].batch);
		an_table_text(t, is[i].file);
		an_table_int(t, is[i].line);
		an_table_text(t, is[i].reason);
		if (!warnings)
			an_table_text(t, is[i].record);
	}
	imp_issues_free(is, n);
	if (co.fmt == OUT_TABLE && n == 0) {
		an_table_free(t);
		printf(warnings ? "no warnings\n" : "no rejected rows\n");
		return LIA_EXIT_OK;
	}
	res = an_result_new("rejects", NULL);
	an_result_add(res, warnings ? "warnings" : "rejects", NULL, t, NULL);
	rc = out_write_as(res, &shape, co.fmt, stdout);
	an_result_free(res);
	return rc == 0 ? LIA_EXIT_OK : LIA_EXIT_DATA;
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

/* The fields of a batch by the names of the columns that show them. */
static const struct {
	const char *name;
	size_t at;
	int text;
} batch_fields[] = {
	{ "batch", offsetof(struct db_batch, id), 0 },
	{ "kind", offsetof(struct db_batch, kind), 1 },
	{ "file", offsetof(struct db_batch, source), 1 },
	{ "sha256", offsetof(struct db_batch, sha256), 1 },
	{ "profile", offsetof(struct db_batch, profile), 1 },
	{ "finished", offsetof(struct db_batch, finished), 1 },
	{ "read", offsetof(struct db_batch, read), 0 },
	{ "loaded", offsetof(struct db_batch, loaded), 0 },
	{ "duplicates", offsetof(struct db_batch, duplicates), 0 },
	{ "skipped", offsetof(struct db_batch, skipped), 0 },
	{ "rejected", offsetof(struct db_batch, rejected), 0 },
	{ "warnings", offsetof(struct db_batch, warnings), 0 },
	{ "status", offsetof(struct db_batch, status), 1 },
};

struct an_table *
cli_batches_table(const struct an_col *cols, int ncols, const struct db_batch *b, size_t n)
{
	struct an_table *t = an_table_new(cols, ncols);
	size_t i, f;
	int c;

	for (i = 0; i < n; i++) {
		const char *base = (const char *)&b[i];

		an_table_row(t);
		for (c = 0; c < ncols; c++) {
			for (f = 0; f < G_N_ELEMENTS(batch_fields); f++)
				if (strcmp(batch_fields[f].name, cols[c].name) == 0)
					break;
			g_assert(f < G_N_ELEMENTS(batch_fields));
			if (batch_fields[f].text)
				an_table_text(t, *(char *const *)(const void *)(base + batch_fields[f].at));
			else
				an_table_int(t, *(const int64_t *)(const void *)(base + batch_fields[f].at));
		}
	}
	return t;
}

int
cmd_batches(struct ctx *ctx, int argc, char **argv)
{
	struct cli_common co;
	struct db_batch *b;
	struct an_result *res;
	struct an_table *t;
	struct lia_err err;
	size_t n;
	int rc;

	cli_common_init(&co, CLI_FORMAT | CLI_OUTPUT);
	if ((rc = cli_parse(ctx, argc, argv, NULL, &co, NULL, 0, 0, NULL)) != 0)
		return rc;
	lia_err_clear(&err);
	if (db_batches(ctx->db, &b, &n, &err) != 0)
		return cli_fail(&err);
	t = cli_batches_table(batches_cols, (int)G_N_ELEMENTS(batches_cols), b, n);
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
