/*
 * Private to import/: the CSV reader, header matching, value normalisers and
 * the loader interface the engine drives.  No other folder includes this.
 */
#ifndef LIA_IMPORT_INTERNAL_H
#define LIA_IMPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

#include "import/import.h"

/* ---- the CSV reader ------------------------------------------------------- */

#define CSVR_MAX_RECORD (1 << 20)	/* a longer record is a fatal error */

struct csvr_opts {
	char delimiter;			/* 0: detect from the first line */
	enum imp_encoding encoding;
};

/* One record: fields are UTF-8 (invalid bytes replaced when bad is set),
 * trimmed of spaces and tabs at both ends. */
struct csv_record {
	char **fields;
	int nfields;
	long line;		/* physical line where the record starts */
	const char *bad;	/* why its bytes are unusable, or NULL */
};

struct csv_reader;

/* Opens a file for reading.  NULL with err when it cannot be read. */
struct csv_reader *csvr_open(const char *path, const struct csvr_opts *, struct lia_err *);
/* Opens an in-memory buffer (for tests and fuzzing); the bytes are copied. */
struct csv_reader *csvr_open_mem(const void *buf, size_t len, const struct csvr_opts *,
    struct lia_err *);
/*
 * The next non-blank record (a record whose fields are all empty is blank).
 * Returns 1 with *rec valid until the next call, 0 at the end, -1 on a fatal
 * error (err with the line).
 */
int csvr_next(struct csv_reader *, struct csv_record **rec, struct lia_err *);
char csvr_delimiter(const struct csv_reader *);
int64_t csvr_bytes_read(const struct csv_reader *);
/* The SHA-256 (hex) of the file's bytes, once csvr_next has returned 0;
 * -1 before that. */
int csvr_sha256(const struct csv_reader *, char out[65]);
int64_t csvr_size(const struct csv_reader *);
/* The encoding found: "UTF-8", "UTF-8 with BOM", "UTF-16LE", ... */
const char *csvr_encoding(const struct csv_reader *);
void csvr_close(struct csv_reader *);

/* ---- pseudonyms ------------------------------------------------------------- */

/* The keyed HMAC state of a database's key, for imp_pseudonym_with. */
GHmac *imp_hmac_new(const unsigned char key[DB_KEY_LEN]);
/* imp_pseudonym with a prepared key state (not changed). */
int imp_pseudonym_with(const GHmac *base, const char *email, const char *id, char *out);

/* ---- values ----------------------------------------------------------------- */

/* Header and name matching key: lower case, without spaces, underscores,
 * hyphens and other punctuation ("Session Date" -> "sessiondate").  g_free. */
char *imp_header_key(const char *);
/* Name key for agencies, courses, themes: lower case, runs of spaces as one. */
char *imp_name_key(const char *);

enum att_status { ATT_ATTENDED, ATT_DNA, ATT_CANCELLED };
/* Status word to status; -1 if the word is not known. */
int imp_status_word(const char *, enum att_status *);
const char *imp_status_name(enum att_status);
/* yes/no, true/false, y/n, 1/0; -1 if neither. */
int imp_yes_no(const char *, int *);
/* Whole number, optionally with thousands separators "1,200"; -1 if not. */
int imp_int(const char *, int64_t *);
/* Decimal number; -1 if not. */
int imp_real(const char *, double *);
/* Training level: "3", "Level 3", "L3"; -1 if not. */
int imp_level(const char *, int64_t *);
/* Delivery mode to the schema's word; NULL if not known. */
const char *imp_mode(const char *);

/* ---- fields and headers ---------------------------------------------------- */

/* A canonical field of a kind. */
struct imp_field {
	const char *name;	/* canonical, as in DESIGN.md: "session_date" */
	unsigned flags;
};

enum {
	F_REQUIRED = 1 << 0,	/* the file must have it (or a flag stands in) */
	F_PERSONAL = 1 << 1,	/* never stored: a name, an e-mail, an IP */
	F_PSEUDONYM = 1 << 2	/* stored only as its keyed hash */
};

#define IMP_MAX_FIELDS 32

/* Which column of the file holds each canonical field (-1: none). */
struct imp_columns {
	int col[IMP_MAX_FIELDS];
	int ncols;		/* columns in the header */
	char **header;		/* the header's names, as found */
	unsigned char *personal; /* per column: mask when storing a reject */
	unsigned char *used;	/* per column: mapped to a field */
};

/* A user's map file: "canonical_field = Header text" lines. */
struct imp_map {
	GPtrArray *keys, *values;	/* strings, same length */
	GPtrArray *lines;		/* line numbers (GINT_TO_POINTER) */
};

/* Reads a map file.  NULL with err (file and line) when it is malformed. */
struct imp_map *imp_map_read(const char *path, struct lia_err *);
void imp_map_free(struct imp_map *);

/*
 * Matches a header against a kind's fields through the profile's synonyms
 * and the map.  Fills cols; -1 with err for an unknown profile, a map entry
 * naming an unknown field or a column not in the header.  Required fields
 * are checked by the loader (a flag may stand in for a column).
 */
int imp_match_header(const struct imp_field *fields, const char *kind, const char *profile,
    const struct imp_map *, char **header, int ncols, struct imp_columns *, struct lia_err *);
void imp_columns_fini(struct imp_columns *);
/* Index of a canonical field in fields; -1 if absent. */
int imp_field_index(const struct imp_field *fields, const char *name);
/* Whether the profile exists for the kind. */
int imp_profile_known(const char *kind, const char *profile);

/* ---- loaders --------------------------------------------------------------- */

enum row_result { ROW_LOADED, ROW_DUPLICATE, ROW_REJECTED, ROW_FATAL };

struct imp_ctx;

/* What the engine gives a loader for one row. */
struct imp_row {
	char **v;		/* per canonical field: trimmed value, "" if absent */
	struct csv_record *rec;
	long line;
	char reason[512];	/* a loader's reject reason */
};

struct imp_loader {
	enum imp_kind kind;
	const struct imp_field *fields;
	/* After the header is matched: check required columns, prepare. */
	int (*begin)(struct imp_ctx *, struct lia_err *);
	enum row_result (*row)(struct imp_ctx *, struct imp_row *, struct lia_err *);
	/* Last work before commit (may add warnings). */
	int (*end)(struct imp_ctx *, struct lia_err *);
	void (*fini)(struct imp_ctx *);
};

/* The state of one import, shared by the engine and the loader. */
struct imp_ctx {
	sqlite3 *db;
	const struct imp_opts *opts;
	const struct imp_loader *loader;
	struct imp_columns cols;
	const char *path;
	int64_t batch;
	unsigned char key[DB_KEY_LEN];
	GHmac *hmac;		/* the key's prepared HMAC state */
	void *state;		/* the loader's own */
	struct imp_cache *cache;
	sqlite3_stmt *warn_stmt;
	int64_t warnings;
	/* Rows a loader reported loaded whose insert, deferred to a batch,
	 * turned out to be duplicates: the engine moves them across. */
	int64_t late_duplicates;
};

/* The header's columns, quoted, for a "missing column" message. g_free. */
char *imp_columns_found(const struct imp_ctx *);
/* Checks that each required field has a column (or a flag); -1 with err
 * naming the first missing one and listing the columns found. */
int imp_require(const struct imp_ctx *, struct lia_err *);
/* Whether the file has a column for the field (or a flag stands in). */
int imp_has(const struct imp_ctx *, const char *field);
/* Records a warning about a loaded row. 0 or -1 with err. */
int imp_warn(struct imp_ctx *, long line, struct lia_err *, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Sets a row's reject reason; returns ROW_REJECTED. */
enum row_result imp_reject(struct imp_row *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- shared dimension lookups (create on first sight, cached) ---------- */

struct imp_cache;
struct imp_cache *imp_cache_new(sqlite3 *);
void imp_cache_free(struct imp_cache *);
/* Each returns the row id (> 0) or -1 with err.  Names are matched by
 * imp_name_key; a sector, title or theme given later fills a missing one. */
int64_t imp_agency(struct imp_ctx *, const char *name, const char *sector, struct lia_err *);
int64_t imp_course(struct imp_ctx *, const char *code, const char *title, struct lia_err *);
int64_t imp_theme(struct imp_ctx *, const char *name, struct lia_err *);
int64_t imp_session(struct imp_ctx *, int64_t course, lia_date, const char *label,
    int64_t capacity, const char *mode, struct lia_err *);
/* The practitioner of a pseudonym, created if new. */
int64_t imp_practitioner(struct imp_ctx *, const char *email, const char *id,
    int64_t agency, const char *role, struct lia_err *);

extern const struct imp_loader imp_attendance_loader;
extern const struct imp_loader imp_workforce_loader;
extern const struct imp_loader imp_courses_loader;
extern const struct imp_loader imp_feedback_loader;
extern const struct imp_loader imp_audits_loader;
extern const struct imp_loader imp_reviews_loader;
extern const struct imp_loader imp_actions_loader;
extern const struct imp_loader imp_holidays_loader;

#endif
