/*
 * engine: one import, start to end, in phases (imp_file): open the source
 * (and hash it: a file imported before loads nothing), read the header
 * (after a profile's title rows), let the loader pass over the data first
 * if it must, enter bulk-load mode, load the rows, close the batch (commit
 * or roll back), leave bulk-load mode.  It owns the contract every kind
 * keeps: one transaction and one import_batch per file, the accounting
 * (every row read is loaded, a duplicate, skipped or rejected: read =
 * loaded + duplicates + skipped + rejected), rejects stored with their
 * physical line, reason and record (imp_reject_record: the columns the
 * kind reads, people as their pseudonym), --dry-run, --strict, the
 * rollback that leaves the database as it was after any fatal error, and
 * a second reading of the file when a date column proves a day/month
 * order other than the profile's.
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
/* Title rows a profile's export may have before its header. */
#define IMP_PREAMBLE_MAX 50

static const char *const kind_names[IMP_NKINDS] = {
	"attendance", "workforce", "courses", "feedback", "audits", "reviews",
	"actions", "holidays", "evidence", "agencies"
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
	[IMP_AGENCIES] = &imp_agencies_loader,
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

static char *
header_line(char **header, int n)
{
	GString *g = g_string_new(NULL);
	int i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			g_string_append_c(g, ',');
		imp_csv_append(g, header[i]);
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

/* The committed batch of a file (kind and SHA-256): *id, or 0 when there is
 * none (a forgotten batch does not count).  0 or -1 with err. */
static int
find_batch(sqlite3 *db, const char *kind, const char *sha, int64_t *id, struct lia_err *err)
{
	static const char sql[] = "SELECT id FROM import_batch WHERE kind = ?1 AND sha256 = ?2"
	    " AND status = 'committed'";
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
		return lia_err_set(err, "database: %s", db_errmsg(db));
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
	    " rows_duplicate = ?5, rows_rejected = ?6, warnings = ?7, rows_skipped = ?8"
	    " WHERE id = ?1";
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
	sqlite3_bind_int64(st, 8, sum->skipped);
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
	record = imp_reject_record(ctx, rec);
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

int
imp_memory_room(const struct imp_ctx *ctx)
{
	int64_t limit = ctx->opts != NULL && ctx->opts->memory > 0 ? ctx->opts->memory :
	    IMP_MEMORY;
	int64_t used = resident_bytes();

	return used > 0 && used < limit ? (int)((limit - used) / 1024) : 0;
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
 * The SQL function lia_duplicate(change), for a loader's upsert: INSERT ...
 * ON CONFLICT ... DO UPDATE SET ... WHERE lia_duplicate(<NULL when the row
 * says nothing more than the held one; '' when it says more of a row this
 * batch made; else the held row's values as JSON, with its table and key>)
 * counts every row found to be a duplicate (as late_duplicates: the loader
 * counted it loaded), updates only those that say more, in the INSERT's
 * own step, and keeps the values before of a row an earlier batch made,
 * for batch_change (lia forget puts them back).
 */
static void
duplicate_fn(sqlite3_context *c, int argc, sqlite3_value **argv)
{
	struct imp_ctx *ctx = sqlite3_user_data(c);
	const unsigned char *old = sqlite3_value_text(argv[0]);

	(void)argc;
	ctx->late_duplicates++;
	if (old != NULL && *old != '\0')
		g_ptr_array_add(ctx->changes, g_strdup((const char *)old));
	sqlite3_result_int(c, old != NULL);
}

/* The values before of the rows this batch strengthened, into batch_change
 * (the first change of a row in the batch is the one kept). */
static int
store_changes(struct imp_ctx *ctx, struct lia_err *err)
{
	static const char sql[] = "INSERT OR IGNORE INTO batch_change(batch_id, tbl, row_key, old)"
	    " VALUES (?1, json_extract(?2, '$.tbl'), json_extract(?2, '$.key'),"
	    " json_remove(?2, '$.tbl', '$.key'))";
	sqlite3_stmt *st;
	guint i;

	if (ctx->changes->len == 0)
		return 0;
	if ((st = db_prepare(ctx->db, sql, err)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, ctx->batch);
	for (i = 0; i < ctx->changes->len; i++) {
		sqlite3_bind_text(st, 2, g_ptr_array_index(ctx->changes, i), -1, SQLITE_STATIC);
		if (db_step_done(ctx->db, st, err) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* The column of the file that holds a field; -1 if none (or no field). */
static int
column_of(const struct imp_ctx *ctx, const char *field)
{
	int f = field != NULL ? imp_field_index(ctx->loader->fields, field) : -1;

	return f >= 0 ? ctx->cols.col[f] : -1;
}

/* ---- one import, in phases ------------------------------------------------- */

/* What the phases of one import share. */
struct import {
	struct imp_ctx ctx;
	struct imp_summary *sum;
	struct lia_err *err;
	enum imp_kind kind;
	const struct imp_profile *profile;
	struct csv_reader *r;
	struct csv_record *pending;	/* a first data row read with the header */
	char **header, *hline;
	int nheader;
	char **values;
	int nfields;
	sqlite3_stmt *reject_st;
	int in_tx, fk_off;
	struct csvr_hash *hash;	/* a regular file's SHA-256, worked out apart */
	int hash_checked;	/* and looked for among the batches */
	int64_t existing;	/* the committed batch of the same file, or 0 */
};

/* The file's SHA-256, waited for, and the committed batch of the same
 * bytes looked for (im->existing). */
static int
check_hash(struct import *im)
{
	im->hash_checked = 1;
	if (csvr_hash_wait(im->hash, im->sum->sha256, im->err) != 0)
		return -1;
	return find_batch(im->ctx.db, im->sum->kind, im->sum->sha256, &im->existing, im->err);
}

/*
 * Opens the file and, for a regular file, hashes it apart: a small file
 * before it is read, so that one imported before is known before any row
 * is read (its header and the options are still checked, and then nothing
 * is read: already_imported); a large one on a thread of its own while it
 * is read, and the load stops as soon as its hash is found among the
 * batches.  A pipe is hashed by the reader, as it is read.
 */
static int
open_source(struct import *im)
{
	const struct imp_opts *opts = im->ctx.opts;
	struct csvr_opts ropts = { opts->delimiter, opts->encoding, 0 };

	if (csvr_hash_start(im->ctx.path, &im->hash, im->err) < 0)
		return -1;
	ropts.hashed_apart = im->hash != NULL;
	if (im->hash != NULL && csvr_hash_done(im->hash) && check_hash(im) != 0)
		return -1;
	if ((im->r = csvr_open(im->ctx.path, &ropts, im->err)) == NULL)
		return -1;
	return 0;
}

/* Keeps a record that came before the header, and counts it read and
 * skipped: not data. */
static void
keep_preamble(struct import *im, const struct csv_record *rec)
{
	char **row = g_new0(char *, rec->nfields + 1);
	int f;

	for (f = 0; f < rec->nfields; f++)
		row[f] = g_strdup(rec->fields[f]);
	g_ptr_array_add(im->ctx.preamble, row);
	im->sum->read++;
	im->sum->skipped++;
	imp_skip_count(&im->ctx, "not data: a title before the header", rec->line);
}

/* Whether a record is the profile's header row (it has the marker column). */
static int
is_header(const struct imp_profile *p, const struct csv_record *rec)
{
	int f, yes = 0;

	if (p->header_marker == NULL)
		return 1;
	for (f = 0; f < rec->nfields && !yes; f++) {
		char *k = imp_header_key(rec->fields[f]);

		yes = strcmp(k, p->header_marker) == 0;
		g_free(k);
	}
	return yes;
}

/* Finds the header (after a profile's title rows), merges a second header
 * row (SurveyMonkey), matches the columns and tells the reader what to
 * number. */
static int
read_header(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;
	const struct imp_opts *opts = ctx->opts;
	struct csv_record *rec;
	int got, f;

	for (;;) {
		got = csvr_next(im->r, &rec, im->err);
		if (got < 0)
			return -1;
		if (got == 0)
			return lia_err_set(im->err, im->profile->header_marker == NULL ?
			    "the file is empty: no header line" :
			    "no header line: the profile %s expects a column '%s'", opts->profile,
			    im->profile->marker_name);
		if (rec->bad != NULL)
			return lia_err_at(im->err, ctx->path, rec->line, "header: %s", rec->bad);
		if (is_header(im->profile, rec))
			break;
		if (ctx->preamble->len >= IMP_PREAMBLE_MAX)
			return lia_err_at(im->err, ctx->path, rec->line, "no header line in the first"
			    " %d: the profile %s expects a column '%s'", IMP_PREAMBLE_MAX,
			    opts->profile, im->profile->marker_name);
		keep_preamble(im, rec);
	}
	im->nheader = rec->nfields;
	im->header = g_new0(char *, im->nheader + 1);
	for (f = 0; f < im->nheader; f++)
		im->header[f] = g_strdup(rec->fields[f]);
	im->hline = header_line(im->header, im->nheader);
	if (im->profile->subheader) {
		if ((got = csvr_next(im->r, &rec, im->err)) < 0)
			return -1;
		if (got == 1 && imp_is_subheader(rec)) {
			char *second = header_line(rec->fields, rec->nfields);
			char *both = g_strconcat(im->hline, "\n", second, NULL);

			g_free(second);
			g_free(im->hline);
			im->hline = both;
			imp_merge_subheader(im->header, im->nheader, rec);
		} else if (got == 1) {
			im->pending = rec;	/* no second row: the first data row */
		}
	}
	if (imp_match_header(ctx->loader->fields, im->sum->kind, opts->profile, ctx->map,
	    im->header, im->nheader, &ctx->cols, im->err) != 0)
		return -1;
	if (db_key(ctx->db, ctx->key, im->err) != 0)
		return -1;
	ctx->hmac = imp_hmac_new(ctx->key);
	for (im->nfields = 0; ctx->loader->fields[im->nfields].name != NULL; im->nfields++)
		;
	im->values = g_new0(char *, im->nfields + 1);
	return 0;
}

/* Has the reading thread number what the loader finds by number. */
static void
number_keys(struct import *im)
{
	const struct imp_loader *l = im->ctx.loader;
	struct csvr_keys keys = { column_of(&im->ctx, l->key_email),
	    column_of(&im->ctx, l->key_id), im->ctx.hmac, 0, { 0 }, l->ntuple, { 0 }, { 0 } };
	int f;

	if (l->key_email == NULL && l->key_id == NULL && l->keys[0] == NULL)
		return;
	for (f = 0; l->keys[f] != NULL; f++)
		keys.cols[keys.ncols++] = column_of(&im->ctx, l->keys[f]);
	memcpy(keys.tuple, l->tuple, sizeof keys.tuple);
	memcpy(keys.unless, l->unless, sizeof keys.unless);
	if (keys.email_col < 0 && keys.id_col < 0)
		keys.hmac = NULL;
	csvr_set_keys(im->r, &keys);
}

/* The loader's first pass over the data, from a second reader. */
static int
prepass(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;
	struct csvr_opts ropts = { ctx->opts->delimiter, ctx->opts->encoding };
	struct csv_reader *r;
	struct csv_record *rec;
	long header_line_no = 0;
	int got;

	if (ctx->loader->prepass == NULL ||
	    (ctx->loader->wants_prepass != NULL && !ctx->loader->wants_prepass(ctx)))
		return 0;
	if ((r = csvr_open(ctx->path, &ropts, im->err)) == NULL)
		return -1;
	/* past the title rows, the header and a second header row */
	while ((got = csvr_next(r, &rec, im->err)) == 1 && !is_header(im->profile, rec))
		;
	if (got == 1)
		header_line_no = rec->line;
	while (got == 1 && (got = csvr_next(r, &rec, im->err)) == 1) {
		if (im->profile->subheader && im->hline != NULL && strchr(im->hline, '\n') != NULL &&
		    rec->line == header_line_no + 1)
			continue;
		if (rec->bad != NULL || rec->nfields < im->nheader)
			continue;	/* the load rejects it */
		ctx->loader->prepass(ctx, rec);
	}
	csvr_close(r);
	return got < 0 ? -1 : 0;
}

/* A loader's statement in its state. */
static sqlite3_stmt **
sql_slot(struct imp_ctx *ctx, const struct imp_sql *q)
{
	return (sqlite3_stmt **)(void *)((char *)ctx->state + q->slot);
}

/* A loader's hash table in its state. */
static GHashTable **
table_slot(struct imp_ctx *ctx, size_t slot)
{
	return (GHashTable **)(void *)((char *)ctx->state + slot);
}

/* The loader's state and statements, once its required columns are found,
 * then the rest of what it needs (its begin). */
static int
loader_begin(struct imp_ctx *ctx, struct lia_err *err)
{
	const struct imp_loader *l = ctx->loader;
	const struct imp_sql *q;
	const size_t *t;

	if (imp_require(ctx, err) != 0)
		return -1;
	ctx->state = l->state_size > 0 ? g_malloc0(l->state_size) : NULL;
	for (q = l->sql; q != NULL && q->text != NULL; q++) {
		sqlite3_stmt **st = sql_slot(ctx, q);

		if ((*st = db_prepare(ctx->db, q->text, err)) == NULL)
			return -1;
		if (q->batch_param > 0)
			sqlite3_bind_int64(*st, q->batch_param, ctx->batch);
	}
	for (t = l->tables; t != NULL && *t != IMP_TABLES_END; t++)
		*table_slot(ctx, *t) = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	return l->begin != NULL ? l->begin(ctx, err) : 0;
}

/* What loader_begin made, given back (from any point it reached). */
static void
loader_fini(struct imp_ctx *ctx)
{
	const struct imp_loader *l = ctx->loader;
	const struct imp_sql *q;
	const size_t *t;

	if (ctx->state == NULL)
		return;
	if (l->fini != NULL)
		l->fini(ctx);
	for (t = l->tables; t != NULL && *t != IMP_TABLES_END; t++) {
		if (*table_slot(ctx, *t) != NULL)
			g_hash_table_destroy(*table_slot(ctx, *t));
		*table_slot(ctx, *t) = NULL;
	}
	for (q = l->sql; q != NULL && q->text != NULL; q++) {
		sqlite3_finalize(*sql_slot(ctx, q));
		*sql_slot(ctx, q) = NULL;
	}
	g_free(ctx->state);
	ctx->state = NULL;
}

/*
 * Bulk-load mode: a 32 MB page cache, for the indexes that new rows go into
 * in no particular order, made smaller when the import's memory grows past
 * IMP_MEMORY (govern_memory).  Foreign keys are not checked row by row:
 * every id a loader writes is one it has just found or created in this
 * same transaction, and the checks would cost a third of the import; they
 * are on again after it.  The import is one transaction in the WAL, so
 * readers go on reading the last committed state while it loads and while
 * it commits; a second import waits for the first (IMP_WAIT_SECONDS at
 * most).  The batch row is written first, for its id.
 */
static int
bulk_on(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;
	sqlite3 *db = ctx->db;

	if (imp_cache_size(ctx, IMP_CACHE_KIB, im->err) != 0)
		return -1;
	if (db_exec(db, "PRAGMA foreign_keys = OFF", im->err) != 0)
		return -1;
	im->fk_off = 1;
	if (db_begin_wait(db, IMP_WAIT_SECONDS, ctx->opts->waiting, ctx->opts->progress_data,
	    im->err) != 0)
		return -1;
	im->in_tx = 1;
	if (start_batch(ctx, im->sum, im->hline, csvr_delimiter(im->r), im->err) != 0)
		return -1;
	if (sqlite3_create_function(db, "lia_duplicate", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
	    ctx, duplicate_fn, NULL, NULL) != SQLITE_OK)
		return lia_err_set(im->err, "database: %s", db_errmsg(db));
	ctx->cache = imp_cache_new(db);
	return loader_begin(ctx, im->err);
}

/* One record through the loader: its result. */
static enum row_result
load_row(struct import *im, struct csv_record *rec, struct imp_row *row)
{
	struct imp_ctx *ctx = &im->ctx;
	int f;

	row->rec = rec;
	row->line = rec->line;
	row->reason[0] = '\0';
	if (rec->bad != NULL)
		return imp_reject(row, "%s", rec->bad);
	if (rec->nfields < im->nheader || (rec->nfields > im->nheader && !extra_empty(rec,
	    im->nheader)))
		return imp_reject(row, "expected %d fields, found %d", im->nheader, rec->nfields);
	for (f = 0; f < im->nfields; f++) {
		int col = ctx->cols.col[f];

		im->values[f] = col >= 0 ? rec->fields[col] : (char *)"";
	}
	row->v = im->values;
	return ctx->loader->row(ctx, row, im->err);
}

/* The rows a loader counted loaded that its INSERT found held already
 * (lia_duplicate), moved across to the duplicates. */
static void
late_duplicates(struct imp_ctx *ctx, struct imp_summary *sum)
{
	sum->loaded -= ctx->late_duplicates;
	sum->duplicates += ctx->late_duplicates;
	ctx->late_duplicates = 0;
}

/* Every data record, counted: loaded, a duplicate, skipped or rejected. */
static int
load_rows(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;
	const struct imp_opts *opts = ctx->opts;
	struct imp_summary *sum = im->sum;
	struct csv_record *rec;
	struct imp_row row;
	int got;

	while ((got = im->pending != NULL ? 1 : csvr_next(im->r, &rec, im->err)) == 1) {
		if (im->pending != NULL) {
			rec = im->pending;
			im->pending = NULL;
		}
		sum->read++;
		switch (load_row(im, rec, &row)) {
		case ROW_LOADED:
			sum->loaded++;
			break;
		case ROW_DUPLICATE:
			sum->duplicates++;
			break;
		case ROW_SKIPPED:
			sum->skipped++;
			imp_skip_count(ctx, row.reason, rec->line);
			break;
		case ROW_REJECTED:
			sum->rejected++;
			if (store_reject(ctx, &im->reject_st, rec, row.reason, im->err) != 0)
				goto fatal;
			break;
		case ROW_FATAL:
		default:
			goto fatal;
		}
		late_duplicates(ctx, sum);
		if ((sum->read & 8191) == 0 && im->hash != NULL && !im->hash_checked &&
		    csvr_hash_done(im->hash)) {
			if (check_hash(im) != 0)
				return -1;
			if (im->existing > 0)
				return 0;	/* imported before: close_batch says so */
		}
		if (opts->progress != NULL && (sum->read & 8191) == 0)
			opts->progress(sum->read, csvr_bytes_read(im->r), csvr_size(im->r),
			    opts->progress_data);
		if ((sum->read & 16383) == 0 && govern_memory(ctx, im->err) != 0)
			return -1;
	}
	if (got < 0)
		return -1;
	if (opts->progress != NULL)
		opts->progress(sum->read, csvr_bytes_read(im->r), csvr_size(im->r),
		    opts->progress_data);
	return 0;
fatal:
	if (im->err->line == 0)
		im->err->line = rec->line;
	return -1;
}

/* A file found imported before once its rows were read (or while): what
 * they did is rolled back, and the summary is the one of a file known
 * before. */
static int
already_imported(struct import *im, int64_t existing)
{
	struct imp_summary again = { 0 };

	db_rollback(im->ctx.db);
	im->in_tx = 0;
	again.kind = im->sum->kind;
	g_strlcpy(again.file, im->sum->file, sizeof again.file);
	memcpy(again.sha256, im->sum->sha256, sizeof again.sha256);
	again.batch = existing;
	again.status = "already_imported";
	*im->sum = again;
	return 0;
}

/* The loader's last work, the batch row, and the end of the transaction:
 * committed, or rolled back for --dry-run, --strict or a file found to be
 * imported already (one read through a pipe: hashed only as it was read). */
static int
close_batch(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;
	struct imp_summary *sum = im->sum;
	int64_t existing;

	if (im->existing > 0)	/* found while the rows were read */
		return already_imported(im, im->existing);
	if (ctx->loader->end != NULL && ctx->loader->end(ctx, im->err) != 0)
		return -1;
	if (imp_cache_finish(ctx, im->err) != 0)
		return -1;
	late_duplicates(ctx, sum);
	if (imp_skip_warnings(ctx, im->err) != 0 || store_changes(ctx, im->err) != 0)
		return -1;
	if (im->hash != NULL) {
		if (!im->hash_checked && check_hash(im) != 0)
			return -1;
		existing = im->existing;
	} else {
		if (csvr_sha256(im->r, sum->sha256) != 0)
			return lia_err_set(im->err, "the file's SHA-256 is not known");
		if (find_batch(ctx->db, sum->kind, sum->sha256, &existing, im->err) != 0)
			return -1;
	}
	if (existing > 0)
		return already_imported(im, existing);
	if (set_batch_sha(ctx, sum->sha256, im->err) != 0)
		return -1;
	sum->warnings = ctx->warnings;
	if (finish_batch(ctx, sum, im->err) != 0)
		return -1;
	if (ctx->opts->strict && sum->rejected > 0) {
		sum->status = "rolled_back";
		return lia_err_set(im->err, "%lld of %lld rows rejected; --strict rolled back the"
		    " whole file", (long long)sum->rejected, (long long)sum->read);
	}
	if (ctx->opts->dry_run) {
		db_rollback(ctx->db);
		im->in_tx = 0;
		sum->status = "dry_run";
		sum->batch = 0;
		return 0;
	}
	if (db_commit(ctx->db, im->err) != 0)
		return -1;
	im->in_tx = 0;
	db_checkpoint(ctx->db);	/* the WAL into the database, as readers allow */
	sum->batch = ctx->batch;
	sum->status = "committed";
	return 0;
}

/* Out of bulk-load mode, whatever happened: rolled back unless committed. */
static void
bulk_off(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;

	if (im->in_tx)
		db_rollback(ctx->db);
	im->in_tx = 0;
	if (im->fk_off)
		db_exec(ctx->db, "PRAGMA foreign_keys = ON", NULL);
	im->fk_off = 0;
	sqlite3_finalize(im->reject_st);
	sqlite3_finalize(ctx->warn_stmt);
	im->reject_st = ctx->warn_stmt = NULL;
	loader_fini(ctx);
	sqlite3_create_function(ctx->db, "lia_duplicate", 1, SQLITE_UTF8 | SQLITE_DIRECTONLY,
	    NULL, NULL, NULL, NULL);
	imp_cache_free(ctx->cache);
	ctx->cache = NULL;
}

/* What one attempt holds, given back. */
static void
import_free(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;

	csvr_close(im->r);	/* before the HMAC state its thread may use */
	csvr_hash_free(im->hash);
	g_free(ctx->hmac);
	imp_columns_fini(&ctx->cols);
	g_strfreev(im->header);
	g_free(im->values);
	g_free(im->hline);
	g_ptr_array_free(ctx->preamble, TRUE);
	g_hash_table_destroy(ctx->skips);
	g_ptr_array_free(ctx->skip_order, TRUE);
	g_ptr_array_free(ctx->notes, TRUE);
	g_string_free(ctx->new_agency_names, TRUE);
	g_ptr_array_free(ctx->changes, TRUE);
}

static void
preamble_free(gpointer p)
{
	g_strfreev(p);
}

/* What the summary says beyond the counts. */
static void
summarise(struct import *im)
{
	struct imp_ctx *ctx = &im->ctx;
	struct imp_summary *sum = im->sum;
	guint i;

	sum->date_order = imp_date_order_name(imp_dates_used(ctx));
	sum->new_agencies = ctx->new_agencies;
	g_strlcpy(sum->new_agency_names, ctx->new_agency_names->str,
	    sizeof sum->new_agency_names);
	for (i = 0; i < ctx->notes->len && sum->nnotes < IMP_NOTES; i++)
		g_strlcpy(sum->notes[sum->nnotes++], g_ptr_array_index(ctx->notes, i),
		    sizeof sum->notes[0]);
}

/* A summary and an error before a reading: nothing counted, rolled back
 * until it commits, and the file named in any message. */
static void
summary_start(struct imp_summary *sum, enum imp_kind kind, const char *path,
    struct lia_err *err)
{
	memset(sum, 0, sizeof *sum);
	sum->kind = imp_kind_name(kind);
	sum->status = "rolled_back";
	g_strlcpy(sum->file, path, sizeof sum->file);
	lia_err_clear(err);
	snprintf(err->file, sizeof err->file, "%s", path);
}

/* One reading of the file: 0, 1 when it was imported before, -1 on a fatal
 * error; ctx.again asks for another reading. */
static int
import_once(sqlite3 *db, enum imp_kind kind, const char *path, const struct imp_opts *opts,
    const struct imp_map *map, struct imp_date_col *dates, struct imp_summary *sum,
    struct lia_err *err)
{
	struct import im = { 0 };
	int rc;

	summary_start(sum, kind, path, err);
	im.sum = sum;
	im.err = err;
	im.kind = kind;
	im.profile = imp_profile_find(sum->kind, opts->profile);
	im.ctx.db = db;
	im.ctx.opts = opts;
	im.ctx.loader = loaders[kind];
	im.ctx.profile = im.profile;
	im.ctx.path = path;
	im.ctx.map = map;
	im.ctx.dates = dates;
	im.ctx.default_order = im.profile->dates;
	im.ctx.preamble = g_ptr_array_new_with_free_func(preamble_free);
	im.ctx.skips = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	im.ctx.skip_order = g_ptr_array_new_with_free_func(g_free);
	im.ctx.notes = g_ptr_array_new_with_free_func(g_free);
	im.ctx.new_agency_names = g_string_new(NULL);
	im.ctx.changes = g_ptr_array_new_with_free_func(g_free);

	rc = open_source(&im);
	if (rc == 0 && (rc = read_header(&im)) == 0) {
		number_keys(&im);
		if ((rc = bulk_on(&im)) == 0 && im.existing > 0) {
			/* The same bytes were imported before: nothing to read
			 * (title rows read before the header count for nothing). */
			rc = already_imported(&im, im.existing);
		} else if (rc == 0 && (rc = prepass(&im)) == 0 && (rc = load_rows(&im)) == 0) {
			rc = close_batch(&im);
		}
		if (im.ctx.again)
			rc = -1;	/* (ctx.again: the caller reads the file again) */
		else if (rc == 0 && strcmp(sum->status, "already_imported") == 0)
			rc = 1;
		summarise(&im);
		bulk_off(&im);
	}
	if (rc < 0) {
		sum->batch = 0;
		sum->status = "rolled_back";
		if (err->file[0] == '\0')
			snprintf(err->file, sizeof err->file, "%s", path);
	}
	if (im.ctx.again)
		rc = 2;
	import_free(&im);
	return rc;
}

int
imp_file(sqlite3 *db, enum imp_kind kind, const char *path, const struct imp_opts *opts,
    struct imp_summary *sum, struct lia_err *err)
{
	struct imp_date_col dates[IMP_MAX_FIELDS];
	struct imp_map *map = NULL;
	int rc, attempt;

	summary_start(sum, kind, path, err);
	if (!imp_kind_available(kind))
		return lia_err_set(err, "importing %s is not available yet", sum->kind);
	if (!imp_profile_known(sum->kind, opts->profile))
		return lia_err_set(err, "unknown profile '%s' for %s", opts->profile, sum->kind);
	if (opts->map_path != NULL && (map = imp_map_read(opts->map_path, err)) == NULL)
		return -1;
	memset(dates, 0, sizeof dates);
	/* A date column's order proved other than the profile's: read the file
	 * again in it (each column changes its order once at most). */
	for (attempt = 0; (rc = import_once(db, kind, path, opts, map, dates, sum, err)) == 2 &&
	    attempt <= IMP_MAX_FIELDS; attempt++)
		;
	imp_map_free(map);
	if (rc == 2)
		rc = lia_err_set(err, "the dates' day and month order could not be settled");
	return rc < 0 ? -1 : 0;
}
