/*
 * engine: one import, start to end.  It owns the contract every kind keeps:
 * the file's SHA-256 and the already-imported check, one transaction and one
 * import_batch per file, the header match, the accounting (every row read is
 * loaded, a duplicate or a reject, and read = loaded + duplicates + rejected),
 * rejects stored with their physical line, reason and record (personal
 * fields pseudonymised or blanked), --dry-run, --strict, and the rollback
 * that leaves the database as it was after any fatal error.
 */
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "import/internal.h"

/* How long an import waits for another one into the same database. */
#define IMP_WAIT_SECONDS 600
/* The page cache of a load, and the memory (resident bytes) past which it
 * is halved, down to IMP_CACHE_MIN_KIB: what a loader keeps by the
 * reader's numbers (people, sessions) grows with the file, the cache need
 * not, and an import stays under 128 MB however large its file. */
#define IMP_CACHE_KIB 32768
#define IMP_CACHE_MIN_KIB 4096
#define IMP_MEMORY (96 * 1024 * 1024)

static const char *const kind_names[IMP_NKINDS] = {
	"attendance", "workforce", "courses", "feedback", "audits", "reviews",
	"actions", "holidays", "evidence"
};

static const struct imp_loader *const loaders[IMP_NKINDS] = {
	[IMP_ATTENDANCE] = &imp_attendance_loader,
	[IMP_WORKFORCE] = &imp_workforce_loader,
	[IMP_COURSES] = &imp_courses_loader,
	[IMP_FEEDBACK] = &imp_feedback_loader,
	[IMP_AUDITS] = &imp_audits_loader,
	[IMP_REVIEWS] = &imp_reviews_loader,
	[IMP_ACTIONS] = &imp_actions_loader,
	[IMP_HOLIDAYS] = &imp_holidays_loader,
	[IMP_EVIDENCE] = &imp_evidence_loader,
};

void
imp_opts_defaults(struct imp_opts *o)
{
	memset(o, 0, sizeof *o);
	o->profile = "generic";
	o->encoding = IMP_ENC_AUTO;
}

int
imp_kind_parse(const char *name)
{
	int i;

	for (i = 0; i < IMP_NKINDS; i++)
		if (strcmp(kind_names[i], name) == 0)
			return i;
	return -1;
}

const char *
imp_kind_name(enum imp_kind k)
{
	return k < IMP_NKINDS ? kind_names[k] : "?";
}

int
imp_kind_available(enum imp_kind k)
{
	return k < IMP_NKINDS && loaders[k] != NULL;
}

int
imp_has(const struct imp_ctx *ctx, const char *field)
{
	int f = imp_field_index(ctx->loader->fields, field);

	if (f >= 0 && ctx->cols.col[f] >= 0)
		return 1;
	if (strcmp(field, "course_code") == 0 || strcmp(field, "course_title") == 0)
		return ctx->opts->course != NULL;
	if (strcmp(field, "session_date") == 0)
		return ctx->opts->date != NULL;
	if (strcmp(field, "agency") == 0)
		return ctx->opts->agency != NULL;
	if (strcmp(field, "stage") == 0)
		return ctx->opts->stage != NULL;
	return 0;
}

enum row_result
imp_reject(struct imp_row *row, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(row->reason, sizeof row->reason, fmt, ap);
	va_end(ap);
	return ROW_REJECTED;
}

int
imp_warn(struct imp_ctx *ctx, long line, struct lia_err *err, const char *fmt, ...)
{
	static const char sql[] =
	    "INSERT INTO import_warning(batch_id, line, message) VALUES (?1, ?2, ?3)";
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (ctx->warn_stmt == NULL && (ctx->warn_stmt = db_prepare(ctx->db, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(ctx->warn_stmt, 1, ctx->batch);
	sqlite3_bind_int64(ctx->warn_stmt, 2, line);
	sqlite3_bind_text(ctx->warn_stmt, 3, msg, -1, SQLITE_TRANSIENT);
	ctx->warnings++;
	return db_step_done(ctx->db, ctx->warn_stmt, err);
}

/* Writes one CSV cell (for stored headers and reject records). */
static void
append_cell(GString *g, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		g_string_append(g, s);
		return;
	}
	g_string_append_c(g, '"');
	for (; *s; s++) {
		if (*s == '"')
			g_string_append_c(g, '"');
		g_string_append_c(g, *s);
	}
	g_string_append_c(g, '"');
}

/* The record as a CSV line, with personal columns pseudonymised (e-mails
 * and ids, so the record can be fixed and imported again as the same
 * person) or blanked (names, addresses). */
static char *
masked_record(struct imp_ctx *ctx, const struct csv_record *rec)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < rec->nfields; i++) {
		const char *v = rec->fields[i];
		char pkey[IMP_PKEY_LEN + 1];
		int kind = i < ctx->cols.ncols ? ctx->cols.personal[i] : 0;

		if (i > 0)
			g_string_append_c(g, ',');
		if (kind == 0 && strchr(v, '@') != NULL)
			kind = 1;	/* an e-mail where none was expected */
		if (kind == 2 && *v != '\0') {
			int is_email = strchr(v, '@') != NULL;
			if (imp_pseudonym_with(ctx->hmac, is_email ? v : NULL, is_email ? NULL : v,
			    pkey) == 0) {
				g_string_append(g, "lia:");
				g_string_append(g, pkey);
			}
		} else if (kind == 0) {
			char *clean = imp_scrub(v, NULL);	/* phone numbers, postcodes */

			append_cell(g, clean != NULL ? clean : v);
			g_free(clean);
		}
	}
	return g_string_free(g, FALSE);
}

static char *
header_line(char **header, int n)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(g, ',');
		append_cell(g, header[i]);
	}
	return g_string_free(g, FALSE);
}

static void
now_iso(char *buf, size_t len)
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, len, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int
find_batch(sqlite3 *db, const char *kind, const char *sha, int64_t *id, struct lia_err *err)
{
	static const char sql[] = "SELECT id FROM import_batch WHERE kind = ?1 AND sha256 = ?2";
	sqlite3_stmt *st = db_prepare(db, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
	*id = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return lia_err_set(err, "database: %s", sqlite3_errmsg(db));
	return 0;
}

static int
start_batch(struct imp_ctx *ctx, const struct imp_summary *sum, const char *header,
    char delimiter, struct lia_err *err)
{
	static const char sql[] =
	    "INSERT INTO import_batch(kind, source, sha256, profile, header, delimiter, started)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = db_prepare(ctx->db, sql, err);
	char started[32], delim[2] = { delimiter, '\0' };
	int rc;

	if (st == NULL)
		return -1;
	now_iso(started, sizeof started);
	sqlite3_bind_text(st, 1, sum->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, sum->file, -1, SQLITE_STATIC);
	/* The hash is known only once the reader has read it all: a placeholder until
	 * set_batch_sha, before the commit. */
	sqlite3_bind_text(st, 3, "0000000000000000000000000000000000000000000000000000000000000000",
	    -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, ctx->opts->profile, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, header, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, delim, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, started, -1, SQLITE_STATIC);
	rc = db_step_done(ctx->db, st, err);
	sqlite3_finalize(st);
	ctx->batch = sqlite3_last_insert_rowid(ctx->db);
	return rc;
}

static int
set_batch_sha(struct imp_ctx *ctx, const char *sha, struct lia_err *err)
{
	static const char sql[] = "UPDATE import_batch SET sha256 = ?2 WHERE id = ?1";
	sqlite3_stmt *st = db_prepare(ctx->db, sql, err);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ctx->batch);
	sqlite3_bind_text(st, 2, sha, -1, SQLITE_STATIC);
	rc = db_step_done(ctx->db, st, err);
	sqlite3_finalize(st);
	return rc;
}

static int
finish_batch(struct imp_ctx *ctx, const struct imp_summary *sum, struct lia_err *err)
{
	static const char sql[] =
	    "UPDATE import_batch SET finished = ?2, rows_read = ?3, rows_loaded = ?4,"
	    " rows_duplicate = ?5, rows_rejected = ?6, warnings = ?7 WHERE id = ?1";
	sqlite3_stmt *st = db_prepare(ctx->db, sql, err);
	char finished[32];
	int rc;

	if (st == NULL)
		return -1;
	now_iso(finished, sizeof finished);
	sqlite3_bind_int64(st, 1, ctx->batch);
	sqlite3_bind_text(st, 2, finished, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, sum->read);
	sqlite3_bind_int64(st, 4, sum->loaded);
	sqlite3_bind_int64(st, 5, sum->duplicates);
	sqlite3_bind_int64(st, 6, sum->rejected);
	sqlite3_bind_int64(st, 7, ctx->warnings);
	rc = db_step_done(ctx->db, st, err);
	sqlite3_finalize(st);
	return rc;
}

static int
store_reject(struct imp_ctx *ctx, sqlite3_stmt **st, const struct csv_record *rec,
    const char *reason, struct lia_err *err)
{
	static const char sql[] =
	    "INSERT INTO reject(batch_id, line, reason, record) VALUES (?1, ?2, ?3, ?4)";
	char *record;
	int rc;

	if (*st == NULL && (*st = db_prepare(ctx->db, sql, err)) == NULL)
		return -1;
	record = masked_record(ctx, rec);
	sqlite3_bind_int64(*st, 1, ctx->batch);
	sqlite3_bind_int64(*st, 2, rec->line);
	sqlite3_bind_text(*st, 3, reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(*st, 4, record, -1, g_free);
	rc = db_step_done(ctx->db, *st, err);
	return rc;
}

/* Whether the fields past the header's count are all empty (a trailing
 * comma from a spreadsheet): nothing is lost by ignoring them. */
static int
extra_empty(const struct csv_record *rec, int ncols)
{
	int i;

	for (i = ncols; i < rec->nfields; i++)
		if (rec->fields[i][0] != '\0')
			return 0;
	return 1;
}

char *
imp_columns_found(const struct imp_ctx *ctx)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < ctx->cols.ncols; i++) {
		if (i > 0)
			g_string_append(g, ", ");
		g_string_append_printf(g, "'%s'", ctx->cols.header[i]);
	}
	return g_string_free(g, FALSE);
}

int
imp_require(const struct imp_ctx *ctx, struct lia_err *err)
{
	const struct imp_field *f;

	for (f = ctx->loader->fields; f->name != NULL; f++)
		if ((f->flags & F_REQUIRED) && !imp_has(ctx, f->name)) {
			char *found = imp_columns_found(ctx);
			lia_err_set(err, "missing required column '%s'; columns found: %s",
			    f->name, found);
			g_free(found);
			return -1;
		}
	return 0;
}

int
imp_cache_size(struct imp_ctx *ctx, int kib, struct lia_err *err)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", kib);
	if (db_exec(ctx->db, sql, err) != 0)
		return -1;
	ctx->cache_kib = kib;
	return 0;
}

/* The process's resident memory in bytes; 0 where it cannot be read. */
static int64_t
resident_bytes(void)
{
	FILE *fp = fopen("/proc/self/statm", "r");
	long long pages = 0, rss = 0;

	if (fp == NULL)
		return 0;
	if (fscanf(fp, "%lld %lld", &pages, &rss) != 2)
		rss = 0;
	fclose(fp);
	return (int64_t)rss * sysconf(_SC_PAGESIZE);
}

/* Halves the page cache while the import's memory, with what the loader
 * says it will need (memory_ahead), is past IMP_MEMORY (or opts->memory),
 * and
 * gives what it held back to the system (its pages are small blocks in the
 * middle of the heap, which the import's large arrays cannot reuse); once
 * the cache is as small as it goes, tells the loader (memory_tight). */
static int
govern_memory(struct imp_ctx *ctx, struct lia_err *err)
{
	ctx->memory_tight = 0;
	if (resident_bytes() + ctx->memory_ahead <=
	    (ctx->opts->memory > 0 ? ctx->opts->memory : IMP_MEMORY))
		return 0;
	if (ctx->cache_kib <= IMP_CACHE_MIN_KIB) {
		ctx->memory_tight = 1;	/* the loader must hold less */
		return 0;
	}
	if (imp_cache_size(ctx, ctx->cache_kib / 2, err) != 0)
		return -1;
#ifdef __GLIBC__
	malloc_trim(0);
#endif
	return 0;
}

/*
 * The SQL function lia_duplicate(says_more), for a loader's upsert: INSERT
 * ... ON CONFLICT ... DO UPDATE SET ... WHERE lia_duplicate(<whether the
 * row says more than the held one>) counts every row found to be a
 * duplicate (as late_duplicates: the loader counted it loaded) and updates
 * only those that say more, in the INSERT's own step.
 */
static void
duplicate_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct imp_ctx *ctx = sqlite3_user_data(c);

	(void)argc;
	ctx->late_duplicates++;
	sqlite3_result_int(c, sqlite3_value_int(argv[0]) != 0);
}

/* The column of the file that holds a field; -1 if none (or no field). */
static int
column_of(const struct imp_ctx *ctx, const char *field)
{
	int f = field != NULL ? imp_field_index(ctx->loader->fields, field) : -1;

	return f >= 0 ? ctx->cols.col[f] : -1;
}

int
imp_file(sqlite3 *db, enum imp_kind kind, const char *path, const struct imp_opts *opts,
    struct imp_summary *sum, struct lia_err *err)
{
	struct imp_ctx ctx = { 0 };
	struct csvr_opts ropts = { opts->delimiter, opts->encoding };
	struct csv_reader *r = NULL;
	struct csv_record *rec, *pending = NULL;
	struct imp_map *map = NULL;
	struct imp_row row;
	sqlite3_stmt *reject_st = NULL;
	char **header = NULL, **values = NULL, *hline = NULL;
	int nheader = 0, rc = -1, in_tx = 0, got, f, nfields, fk_off = 0;
	int64_t existing;

	memset(sum, 0, sizeof *sum);
	sum->kind = imp_kind_name(kind);
	sum->status = "rolled_back";
	g_strlcpy(sum->file, path, sizeof sum->file);
	lia_err_clear(err);
	snprintf(err->file, sizeof err->file, "%s", path);

	if (!imp_kind_available(kind))
		return lia_err_set(err, "importing %s is not available yet", sum->kind);
	ctx.db = db;
	ctx.opts = opts;
	ctx.loader = loaders[kind];
	ctx.path = path;
	if (!imp_profile_known(sum->kind, opts->profile))
		return lia_err_set(err, "unknown profile '%s' for %s", opts->profile, sum->kind);
	if (opts->map_path != NULL && (map = imp_map_read(opts->map_path, err)) == NULL)
		return -1;
	ctx.map = map;
	if ((r = csvr_open(path, &ropts, err)) == NULL)
		goto out;
	got = csvr_next(r, &rec, err);
	if (got < 0)
		goto out;
	if (got == 0) {
		lia_err_set(err, "the file is empty: no header line");
		goto out;
	}
	if (rec->bad != NULL) {
		lia_err_at(err, path, rec->line, "header: %s", rec->bad);
		goto out;
	}
	nheader = rec->nfields;
	header = g_new0(char *, nheader + 1);
	for (f = 0; f < nheader; f++)
		header[f] = g_strdup(rec->fields[f]);
	hline = header_line(header, nheader);
	/* SurveyMonkey: a second header row of sub-labels, merged into the
	 * names and kept in the stored header for `lia rejects --format csv`. */
	if (imp_profile_subheader(opts->profile)) {
		if ((got = csvr_next(r, &rec, err)) < 0)
			goto out;
		if (got == 1 && imp_is_subheader(rec)) {
			char *second = header_line(rec->fields, rec->nfields);
			char *both = g_strconcat(hline, "\n", second, NULL);

			g_free(second);
			g_free(hline);
			hline = both;
			imp_merge_subheader(header, nheader, rec);
		} else if (got == 1) {
			pending = rec;	/* no second row: the first data row */
		}
	}
	if (imp_match_header(ctx.loader->fields, sum->kind, opts->profile, map, header, nheader,
	    &ctx.cols, err) != 0)
		goto out;
	if (db_key(db, ctx.key, err) != 0)
		goto out;
	ctx.hmac = imp_hmac_new(ctx.key);
	if (ctx.loader->key_email != NULL || ctx.loader->key_id != NULL ||
	    ctx.loader->keys[0] != NULL) {
		struct csvr_keys keys = { column_of(&ctx, ctx.loader->key_email),
		    column_of(&ctx, ctx.loader->key_id), ctx.hmac, 0, { 0 }, ctx.loader->ntuple,
		    { 0 } };

		for (f = 0; ctx.loader->keys[f] != NULL; f++)
			keys.cols[keys.ncols++] = column_of(&ctx, ctx.loader->keys[f]);
		memcpy(keys.tuple, ctx.loader->tuple, sizeof keys.tuple);
		memcpy(keys.unless, ctx.loader->unless, sizeof keys.unless);
		if (keys.email_col < 0 && keys.id_col < 0)
			keys.hmac = NULL;
		csvr_set_keys(r, &keys);
	}
	ctx.cache = imp_cache_new(db);
	/*
	 * A 32 MB page cache, for the indexes that new rows go into in no
	 * particular order, made smaller when the import's memory grows past
	 * IMP_MEMORY (govern_memory).  Foreign keys are not checked row by row during the
	 * load: every id a loader writes is one it has just found or created in
	 * this same transaction, and the checks would cost a third of the
	 * import.  They are on again for everything after it.
	 *
	 * The import is one transaction in the WAL, so readers go on reading
	 * the last committed state while it loads and while it commits.  A
	 * second import waits for the first (IMP_WAIT_SECONDS at most).  Once
	 * committed, the WAL is copied into the database (db_checkpoint).
	 */
	if (imp_cache_size(&ctx, IMP_CACHE_KIB, err) != 0)
		goto out;
	if (db_exec(db, "PRAGMA foreign_keys = OFF", err) != 0)
		goto out;
	fk_off = 1;
	if (db_begin_wait(db, IMP_WAIT_SECONDS, opts->waiting, opts->progress_data, err) != 0)
		goto out;
	in_tx = 1;
	if (start_batch(&ctx, sum, hline, csvr_delimiter(r), err) != 0)
		goto out;
	if (sqlite3_create_function(db, "lia_duplicate", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
	    &ctx, duplicate_fn, NULL, NULL) != SQLITE_OK) {
		lia_err_set(err, "database: %s", sqlite3_errmsg(db));
		goto out;
	}
	if (ctx.loader->begin(&ctx, err) != 0)
		goto out;

	for (nfields = 0; ctx.loader->fields[nfields].name != NULL; nfields++)
		;
	values = g_new0(char *, nfields + 1);
	while ((got = pending != NULL ? 1 : csvr_next(r, &rec, err)) == 1) {
		enum row_result res;

		if (pending != NULL) {
			rec = pending;
			pending = NULL;
		}
		sum->read++;
		row.rec = rec;
		row.line = rec->line;
		row.reason[0] = '\0';
		if (rec->bad != NULL) {
			res = imp_reject(&row, "%s", rec->bad);
		} else if (rec->nfields < nheader ||
		    (rec->nfields > nheader && !extra_empty(rec, nheader))) {
			res = imp_reject(&row, "expected %d fields, found %d", nheader, rec->nfields);
		} else {
			for (f = 0; f < nfields; f++) {
				int col = ctx.cols.col[f];
				values[f] = col >= 0 ? rec->fields[col] : (char *)"";
			}
			row.v = values;
			res = ctx.loader->row(&ctx, &row, err);
		}
		switch (res) {
		case ROW_LOADED:
			sum->loaded++;
			break;
		case ROW_DUPLICATE:
			sum->duplicates++;
			break;
		case ROW_REJECTED:
			sum->rejected++;
			if (store_reject(&ctx, &reject_st, rec, row.reason, err) != 0)
				goto fatal_row;
			break;
		case ROW_FATAL:
		default:
			goto fatal_row;
		}
		if (ctx.late_duplicates > 0) {
			sum->loaded -= ctx.late_duplicates;
			sum->duplicates += ctx.late_duplicates;
			ctx.late_duplicates = 0;
		}
		if (opts->progress != NULL && (sum->read & 8191) == 0)
			opts->progress(sum->read, csvr_bytes_read(r), csvr_size(r), opts->progress_data);
		if ((sum->read & 16383) == 0 && govern_memory(&ctx, err) != 0)
			goto out;
		continue;
fatal_row:
		if (err->line == 0)
			err->line = rec->line;
		goto out;
	}
	if (got < 0)
		goto out;
	if (opts->progress != NULL)
		opts->progress(sum->read, csvr_bytes_read(r), csvr_size(r), opts->progress_data);
	if (ctx.loader->end != NULL && ctx.loader->end(&ctx, err) != 0)
		goto out;
	if (imp_cache_finish(&ctx, err) != 0)
		goto out;
	sum->loaded -= ctx.late_duplicates;
	sum->duplicates += ctx.late_duplicates;
	ctx.late_duplicates = 0;
	/* The reader hashed the bytes as it read them. */
	if (csvr_sha256(r, sum->sha256) != 0) {
		lia_err_set(err, "the file's SHA-256 is not known");
		goto out;
	}
	if (find_batch(db, sum->kind, sum->sha256, &existing, err) != 0)
		goto out;
	if (existing > 0) {
		/* The same bytes were imported before: keep nothing of this run. */
		db_rollback(db);
		in_tx = 0;
		memset(sum, 0, sizeof *sum);
		sum->kind = imp_kind_name(kind);
		g_strlcpy(sum->file, path, sizeof sum->file);
		csvr_sha256(r, sum->sha256);
		sum->batch = existing;
		sum->status = "already_imported";
		rc = 0;
		goto out;
	}
	if (set_batch_sha(&ctx, sum->sha256, err) != 0)
		goto out;
	sum->warnings = ctx.warnings;
	if (finish_batch(&ctx, sum, err) != 0)
		goto out;
	if (opts->strict && sum->rejected > 0) {
		lia_err_set(err, "%lld of %lld rows rejected; --strict rolled back the whole file",
		    (long long)sum->rejected, (long long)sum->read);
		sum->status = "rolled_back";
		goto out;
	}
	if (opts->dry_run) {
		db_rollback(db);
		in_tx = 0;
		sum->status = "dry_run";
		sum->batch = 0;
		rc = 0;
		goto out;
	}
	if (db_commit(db, err) != 0)
		goto out;
	in_tx = 0;
	db_checkpoint(db);
	sum->batch = ctx.batch;
	sum->status = "committed";
	rc = 0;
out:
	if (in_tx)
		db_rollback(db);
	if (fk_off)
		db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	if (rc != 0) {
		sum->batch = 0;
		sum->status = "rolled_back";
		if (err->file[0] == '\0')
			snprintf(err->file, sizeof err->file, "%s", path);
	}
	sqlite3_finalize(reject_st);
	sqlite3_finalize(ctx.warn_stmt);
	if (ctx.loader != NULL && ctx.loader->fini != NULL)
		ctx.loader->fini(&ctx);
	sqlite3_create_function(db, "lia_duplicate", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
	    NULL, NULL, NULL);
	imp_cache_free(ctx.cache);
	csvr_close(r);		/* before the HMAC state its thread may use */
	if (ctx.hmac != NULL)
		g_free(ctx.hmac);
	imp_columns_fini(&ctx.cols);
	imp_map_free(map);
	if (header != NULL)
		g_strfreev(header);
	g_free(values);
	g_free(hline);
	return rc;
}
