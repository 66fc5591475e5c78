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

struct imp_hmac;

/* ---- the CSV reader ------------------------------------------------------- */

#define CSVR_MAX_RECORD (1 << 20)	/* a longer record is a fatal error */

struct csvr_opts {
	char delimiter;			/* 0: detect from the first line */
	enum imp_encoding encoding;
	int hashed_apart;		/* the caller hashes the file (csvr_hash_start) */
};

#define CSVR_MAX_KEYS 12		/* columns the reader numbers */
#define CSVR_MAX_TUPLE 4		/* of them numbered together */
#define CSVR_KEY_VALUES (1 << 16)	/* distinct values numbered per column */

/* One record: fields are UTF-8 (invalid bytes replaced when bad is set),
 * trimmed of spaces and tabs at both ends.  The numbers are those of
 * csvr_set_keys, -1 where there is none (and for records read before it,
 * or whose bytes are bad). */
struct csv_record {
	char **fields;
	int nfields;
	long line;		/* physical line where the record starts */
	const char *bad;	/* why its bytes are unusable, or NULL */
	const unsigned char *digest;	/* its person's pseudonym (IMP_DIGEST_LEN
					 * bytes), or NULL */
	int32_t person;		/* the number of that pseudonym */
	int32_t tuple;		/* the number of the tuple of keys */
	const int32_t *key;	/* CSVR_MAX_KEYS numbers of the numbered columns */
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
/*
 * The SHA-256 (hex) of a regular file's bytes, worked out beside its
 * reading as CSV: 1 with *out, a hash on its way
 * (a small file's is done at once, a large one's on a thread of its own);
 * 0 for a file that is not a regular one; -1 with err.  csvr_hash_done says
 * whether it is known yet, csvr_hash_wait waits for it (0 with hex, -1 with
 * err), csvr_hash_free (NULL allowed) waits and gives it back.
 */
struct csvr_hash;
int csvr_hash_start(const char *path, struct csvr_hash **out, struct lia_err *);
int csvr_hash_done(struct csvr_hash *);
int csvr_hash_wait(struct csvr_hash *, char hex[65], struct lia_err *);
void csvr_hash_free(struct csvr_hash *);
/*
 * What the reading thread numbers in each record, from the next record on:
 * each distinct value of the columns cols[0 .. ncols - 1] as written (0, 1,
 * ... in the order first seen, per column; empty values and values past the
 * first CSVR_KEY_VALUES of a column are -1), each distinct tuple of the
 * numbers of the columns tuple[0 .. ntuple - 1] (indexes into cols), and
 * each distinct person: rec->digest is the pseudonym (imp_pseudonym_digest
 * with hmac) of the e-mail column where it is not empty, else of the id
 * column, and rec->person its number.  A column of -1 is absent.  hmac may
 * be NULL (no people) and must outlive the reader.  A value that is the
 * same as the previous record's is not looked up again.
 */
struct csvr_keys {
	int email_col, id_col;
	const struct imp_hmac *hmac;
	int ncols, cols[CSVR_MAX_KEYS];
	int ntuple, tuple[CSVR_MAX_TUPLE];
	/* unless[k] > 0: cols[k] is numbered only where cols[unless[k] - 1]
	 * is empty (a course's title where there is no code) */
	int unless[CSVR_MAX_KEYS];
};
void csvr_set_keys(struct csv_reader *, const struct csvr_keys *);
/* The encoding found: "UTF-8", "UTF-8 with BOM", "UTF-16LE", ... */
const char *csvr_encoding(const struct csv_reader *);
void csvr_close(struct csv_reader *);

/* ---- pseudonyms ------------------------------------------------------------- */

/* The keyed HMAC-SHA-256 state of a database's key, for
 * imp_pseudonym_with; free with g_free.  Never NULL. */
struct imp_hmac;
struct imp_hmac *imp_hmac_new(const unsigned char key[DB_KEY_LEN]);
/* imp_pseudonym with a prepared key state, which it does not change (so
 * two threads may share one). */
int imp_pseudonym_with(const struct imp_hmac *base, const char *email, const char *id,
    char *out);
/* The same pseudonym as raw bytes (the hex form is their lower-case hex):
 * 0, or -1 when there is neither e-mail nor id. */
#define IMP_DIGEST_LEN 32
int imp_pseudonym_digest(const struct imp_hmac *base, const char *email, const char *id,
    unsigned char out[IMP_DIGEST_LEN]);
/* Lower-case hex of a digest: out has 2 * len + 1 bytes. */
void imp_hex(const unsigned char *digest, size_t len, char *out);

/* ---- values ----------------------------------------------------------------- */

/* Header and name matching key: lower case, without spaces, underscores,
 * hyphens and other punctuation ("Session Date" -> "sessiondate").  g_free. */
char *imp_header_key(const char *);
/* Name key for agencies, courses, themes: lower case, runs of spaces as one. */
char *imp_name_key(const char *);

enum att_status { ATT_ATTENDED, ATT_DNA, ATT_CANCELLED, ATT_EXCUSED };
/* Status word to status; -1 if the word is not known. */
int imp_status_word(const char *, enum att_status *);
const char *imp_status_name(enum att_status);
/* yes/no, true/false, y/n, 1/0; -1 if neither. */
int imp_yes_no(const char *, int *);
/* Whole number, optionally with thousands separators "1,200"; -1 if not. */
int imp_int(const char *, int64_t *);
/* Decimal number; -1 if not. */
int imp_real(const char *, double *);
/* A word of a closed list and what it means, the word written as
 * imp_header_key writes it ("checkedin", "notapplicable"). */
struct imp_word {
	const char *word;
	const char *value;
};
/* The value of text in a list of words, matched by imp_header_key; NULL
 * if it is not there.  imp_word_key takes a key already made. */
const char *imp_word(const struct imp_word *words, size_t n, const char *text);
const char *imp_word_key(const struct imp_word *words, size_t n, const char *key);
/* Steps a bound SELECT whose first column is an id: the id, 0 when there is
 * no row, -1 with err.  With gap, *gap is the second column (something the
 * row lacks). */
int64_t imp_find_id(sqlite3 *, sqlite3_stmt *, int *gap, struct lia_err *);
/* Binds text, or NULL when it is NULL or empty (SQLITE_STATIC: the text
 * must outlive the step); an id, or NULL when it is 0 or less. */
void imp_bind_text(sqlite3_stmt *, int i, const char *v);
void imp_bind_id(sqlite3_stmt *, int i, int64_t id);
/* Training level: "3", "Level 3", "L3"; -1 if not. */
int imp_level(const char *, int64_t *);
/* Delivery mode to the schema's word; NULL if not known. */
const char *imp_mode(const char *);

/* What imp_scrub removed: bits of its *found. */
enum {
	IMP_SCRUB_EMAIL = 1 << 0,
	IMP_SCRUB_PHONE = 1 << 1,
	IMP_SCRUB_IP = 1 << 2,
	IMP_SCRUB_POSTCODE = 1 << 3
};
/* Free text with its e-mail addresses, UK phone numbers, IP addresses and
 * UK postcodes replaced by "[e-mail removed]" and the like (scrub.c).
 * NULL when there was none (the text can be kept as it is), else a new
 * string for g_free; *found (may be NULL) gets the IMP_SCRUB_ bits. */
char *imp_scrub(const char *text, unsigned *found);
/* What the bits name, for a warning: "an e-mail address and a postcode".
 * g_free. */
char *imp_scrub_said(unsigned found);

/* ---- fields and headers ---------------------------------------------------- */

/* A canonical field of a kind. */
struct imp_field {
	const char *name;	/* canonical, as in DESIGN.md: "session_date" */
	unsigned flags;
};

enum {
	F_REQUIRED = 1 << 0,	/* the file must have it (or a flag stands in) */
	F_PERSONAL = 1 << 1,	/* never stored: a name, an e-mail, an IP */
	F_PSEUDONYM = 1 << 2,	/* stored only as its keyed hash */
	F_UNREAD = 1 << 3	/* claimed so that it is no question, but not
				 * read: not kept in a reject record */
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

/* What a profile says about its exports' shape. */
struct imp_profile {
	const char *kind;	/* "*" for every kind */
	const char *name;
	enum imp_date_order dates;	/* the order of day and month when no
					 * value decides it */
	const char *header_marker;	/* the header row has this column
					 * (imp_header_key form); rows before it
					 * are titles; NULL: the first row */
	const char *marker_name;	/* the same, for messages */
	int subheader;		/* a second header row (SurveyMonkey) */
	int completion;		/* the session date is a completion date: a row
				 * without one has not completed, and is skipped
				 * (Moodle's course completion report) */
	int s11_template;	/* a Section 11 audit template: one agency's sheet,
				 * "Key Standard N" heading rows, the standard
				 * ("1.1 text") in the first column, the scores
				 * under their own headings */
	int sessions;		/* a column per session, its date in the header,
				 * a cell per person and session (Moodle
				 * attendance); the course in a title row */
	int facetoface;		/* Face-to-face's attendee download: the course
				 * and the session's dates in the title rows,
				 * its own status words */
};
/* The profile of a kind by name; NULL if there is none. */
const struct imp_profile *imp_profile_find(const char *kind, const char *name);

/* SurveyMonkey's exports have a second header row of sub-labels ("Response",
 * "Open-Ended Response", a matrix's row labels).  Whether rec is one (its
 * first field, under "Respondent ID", is empty and another is not); and the
 * merge of its labels into the first row's names ("Question - Label"; the
 * question carried over the empty names of the columns after it), which
 * replaces header's strings (g_free). */
int imp_is_subheader(const struct csv_record *rec);
void imp_merge_subheader(char **header, int n, const struct csv_record *rec);

/* ---- audits: the words of audit spreadsheets (load_audits.c) ------------- */

#define IMP_S11_STANDARDS 8
/* Audit kind as people write it ("Section 11", "S11", "s.175", "Section
 * 175/157", "single agency", "multi-agency", "MACA") to the schema's word:
 * section11, s175, single_agency, multi_agency.  NULL if not known. */
const char *imp_audit_kind(const char *);
/* A Section 11 standard written "3", "S11.3", "S3", "Standard 3", "Section 11
 * standard 3" or by its title: writes its code ("3"; "5.2" for a sub-standard)
 * into out and returns its number 1-8, or -1. */
int imp_s11_standard(const char *, char *out, size_t len);
/* The built-in title of Section 11 standard n (1-8), else NULL. Static. */
const char *imp_s11_title(int n);
/* A rating word: sets *rating (met, partially_met, not_met, not_applicable)
 * or *rag (red, amber, green), the other NULL.  -1 if the word is not known. */
int imp_audit_rating(const char *, const char **rating, const char **rag);

/* ---- feedback: answer scales (load_feedback.c) ---------------------------- */

/* An answer scale: a range (NAN: open) and, for word scales, labels in
 * imp_header_key form with their values. */
struct imp_scale {
	const char *name;	/* stored as question.scale */
	double min, max;
	int nlabels;
	const char *const *labels;
	const double *values;
};

#define IMP_MAX_SCALES 16	/* word scales: the built-in ones and a map's */

/* A built-in scale by name: agreement, confidence, likelihood, yes_no,
 * numeric (1-5), number (open), text.  NULL if not one. */
const struct imp_scale *imp_scale_named(const char *name);
/* Whether an answer means "no answer" (empty, "N/A", "Don't know", "Prefer
 * not to say", a reject record's "[not kept]"): stored as missing, never as
 * zero. */
int imp_no_answer(const char *);
/* An answer on a scale: a number ("4", or "4 - Agree") in its range, or one
 * of its words, case-insensitively.  0 with *out; -1 when the answer is not
 * on the scale; -2 when it is a number outside the range. */
int imp_scale_value(const struct imp_scale *, const char *, double *out);

/* What a column's answers say about its scale, counted in one pass. */
struct imp_tally {
	int answers;		/* not "no answer" */
	int numbers, in_1_5, in_0_10;
	int prose;		/* long free text: three words or more, no rating */
	int words[IMP_MAX_SCALES];	/* words of each word scale */
};
/* Counts one answer.  custom: a map's word scales (ncustom at most
 * IMP_MAX_SCALES minus the built-in ones). */
void imp_tally_add(struct imp_tally *, const struct imp_scale *const *custom, int ncustom,
    const char *answer);
/* The scale the answers are on (rules at the top of load_feedback.c), from
 * the built-in ones and custom.  Never NULL: text when nothing else fits. */
const struct imp_scale *imp_tally_scale(const struct imp_tally *, const char *header,
    const struct imp_scale *const *custom, int ncustom);
/* A question's code from its header: lower case, runs of other characters
 * as one '_'; a long header is cut and keeps a short hash of the whole.
 * g_free. */
char *imp_question_code(const char *header);
/* Stage word (baseline / pre / before, post / after, follow-up / 3 months)
 * to baseline, post or follow_up; NULL if not known. */
const char *imp_stage_word(const char *);

/* ---- loaders --------------------------------------------------------------- */

enum row_result { ROW_LOADED, ROW_DUPLICATE, ROW_SKIPPED, ROW_REJECTED, ROW_FATAL };

struct imp_ctx;

/* What the engine gives a loader for one row. */
struct imp_row {
	char **v;		/* per canonical field: trimmed value, "" if absent */
	struct csv_record *rec;
	long line;
	char reason[512];	/* a loader's reject or skip reason */
};

/*
 * A statement of a loader, as data: its SQL, and where in the loader's
 * state (offsetof) the engine keeps it prepared from the start of the load
 * to its end; batch_param, when not 0, is the parameter the import's batch
 * id is bound to once.
 */
struct imp_sql {
	const char *text;
	size_t slot;
	int batch_param;
};

#define IMP_TABLES_END ((size_t)-1)

struct imp_loader {
	enum imp_kind kind;
	const struct imp_field *fields;
	/* The loader's state (ctx->state): its size, zeroed by the engine and
	 * freed after fini; its statements (text NULL at the end), prepared
	 * by the engine after the required columns are checked (imp_require)
	 * and finalised after fini. */
	size_t state_size;
	const struct imp_sql *sql;
	/* Where in the state it keeps hash tables of text keys (g_free'd) to
	 * plain values, made and destroyed by the engine with the statements
	 * (IMP_TABLES_END at the end; NULL for none). */
	const size_t *tables;
	/* After that, the rest of the state it needs (NULL: none). */
	int (*begin)(struct imp_ctx *, struct lia_err *);
	enum row_result (*row)(struct imp_ctx *, struct imp_row *, struct lia_err *);
	/* Last work before commit (may add warnings). */
	int (*end)(struct imp_ctx *, struct lia_err *);
	/* Gives back what begin made, but not the statements or the state
	 * itself (NULL: nothing). */
	void (*fini)(struct imp_ctx *);
	/* What the reading thread numbers (csvr_set_keys): the fields whose
	 * values name a person (an e-mail, an id; NULL if none), the fields
	 * whose values are numbered (NULL-terminated; rec->key[k] is the
	 * number of keys[k]'s value), and which of those are numbered together
	 * (rec->tuple; ntuple 0 for none). */
	const char *key_email, *key_id;
	const char *keys[CSVR_MAX_KEYS + 1];
	int ntuple, tuple[CSVR_MAX_TUPLE];
	int unless[CSVR_MAX_KEYS];	/* as in struct csvr_keys */
	/* A first pass over the data records before any is loaded (a survey's
	 * answers, to tell each question's scale); NULL for none.  Called
	 * after begin; records with bad bytes or too few fields are not
	 * passed. */
	void (*prepass)(struct imp_ctx *, const struct csv_record *);
	/* Whether this file needs the first pass (NULL: always, when there
	 * is one): a second reading of a large file costs. */
	int (*wants_prepass)(const struct imp_ctx *);
	/* Every column no field claims is read (feedback: a question). */
	int reads_unclaimed;
};

/* The state of one import, shared by the engine and the loader. */
struct imp_ctx {
	sqlite3 *db;
	const struct imp_opts *opts;
	const struct imp_loader *loader;
	const struct imp_profile *profile;
	struct imp_columns cols;
	const char *path;
	int64_t batch;
	unsigned char key[DB_KEY_LEN];
	struct imp_hmac *hmac;	/* the key's prepared HMAC state */
	void *state;		/* the loader's own */
	struct imp_cache *cache;
	sqlite3_stmt *warn_stmt;
	int64_t warnings;
	/* Rows a loader reported loaded whose insert, deferred to a batch,
	 * turned out to be duplicates: the engine moves them across. */
	int64_t late_duplicates;
	const struct imp_map *map;	/* the user's map file, or NULL */
	int cache_kib;		/* the load's page cache (imp_cache_size) */
	int memory_tight;	/* the import's memory is past its limit with the
				 * cache at its smallest: hold less */
	int64_t memory_ahead;	/* bytes the loader will need on top of what it
				 * holds (to sort what waits) */
	/* what came before the header (a title, a course, dates): records of
	 * char * fields, NULL-terminated (g_strfreev each) */
	GPtrArray *preamble;
	struct imp_date_col *dates;	/* per field, kept when the file is read again */
	enum imp_date_order default_order;	/* the profile's */
	int again;		/* a date column's order changed: read the file again */
	GHashTable *skips;	/* reason -> struct skip_reason */
	GPtrArray *skip_order;	/* reasons, first seen first */
	GPtrArray *notes;	/* strings for the summary */
	int64_t new_agencies;
	GString *new_agency_names;	/* '\x1f' between names */
	GPtrArray *changes;	/* JSON of rows this batch strengthened, as they
				 * were (lia_duplicate), for batch_change */
};

#define IMP_NEW_NAMES 512	/* bytes of new agencies' names kept */

/* A date column's order as the file shows it (see row.c). */
struct imp_date_col {
	enum imp_date_order order;	/* the order its values are read in */
	enum imp_date_order used;	/* what was read by number, for the summary */
	char example[4][64];		/* by order: the first value proving it */
	long line[4];
};

/* ---- the row services (row.c): what a loader calls for one row --------- */

/* Sets a row's skip reason (a row a source marks as not data, or not
 * applicable); returns ROW_SKIPPED. */
enum row_result imp_skip(struct imp_row *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Counts a skipped row under its reason (the engine does it for
 * ROW_SKIPPED); imp_skip_warnings writes one warning per reason. */
void imp_skip_count(struct imp_ctx *, const char *reason, long line);
int imp_skip_warnings(struct imp_ctx *, struct lia_err *);
/* A line for the import's summary (said once however often it comes). */
void imp_note(struct imp_ctx *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* The note that an option (--course, --date, --agency) replaced the
 * column the file has for field (its index in the loader's fields);
 * nothing when the file has no such column. */
void imp_note_override(struct imp_ctx *, int field, const char *option, const char *value);
/*
 * The date in text, of field (its index in the loader's fields), read in
 * the column's day/month order (see row.c).  0 with *out; -1 with the
 * row's reject; IMP_DATE_FATAL with err set, for a column whose dates
 * prove both orders; IMP_DATE_AGAIN when the file must be read again in
 * the order this value proved.
 */
#define IMP_DATE_AGAIN (-2)
#define IMP_DATE_FATAL (-3)
int imp_date(struct imp_ctx *, int field, const char *text, lia_date *out, struct imp_row *,
    struct lia_err *);
/* imp_date as a row's result: ROW_LOADED with *out (the date is good),
 * ROW_REJECTED with the row's reject, ROW_FATAL with err set. */
enum row_result imp_row_date(struct imp_ctx *, int field, const char *text, lia_date *out,
    struct imp_row *, struct lia_err *);
/* The order dates were read in by number, or UNKNOWN. */
enum imp_date_order imp_dates_used(const struct imp_ctx *);
/* An e-mail cell without a spreadsheet's "mailto:". */
const char *imp_email(const char *cell);

/* Sets the page cache to kib KiB, as ctx->cache_kib.  0 or -1 with err. */
int imp_cache_size(struct imp_ctx *, int kib, struct lia_err *);
/* What the import may still take before its memory limit, in KiB (0 when
 * it is past it or its memory cannot be read). */
int imp_memory_room(const struct imp_ctx *);

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
/*
 * A rejected record as the line of CSV stored with its reject: only the
 * columns the kind reads (those its fields claim, the questions of a
 * survey, a profile's session or standard columns), identity columns as
 * their pseudonym ("lia:" and 64 hex digits, which imports again as the
 * same person), free text scrubbed (imp_scrub); every other column (a
 * name, an IP address, an order's date, a column no field claims, a
 * field past the header) holds IMP_NOT_KEPT.  g_free.
 */
#define IMP_NOT_KEPT "[not kept]"
/* Appends one CSV cell, quoted where it must be (a comma, a quote, a line
 * end), as stored headers and reject records are written. */
void imp_csv_append(GString *, const char *);
char *imp_reject_record(const struct imp_ctx *, const struct csv_record *);
/* Sets a row's reject reason; returns ROW_REJECTED. */
enum row_result imp_reject(struct imp_row *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- shared dimension lookups (create on first sight, cached) ---------- */

struct imp_cache;
struct imp_cache *imp_cache_new(sqlite3 *);
void imp_cache_free(struct imp_cache *);
/* Inserts the sessions imp_session and the people imp_practitioner_rec
 * have given ids to and not yet inserted, and builds the index of
 * pseudonyms again if this import dropped it: before the import commits.
 * 0 or -1. */
int imp_cache_finish(struct imp_ctx *, struct lia_err *);
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
/* imp_agency for an agency column's value numbered by the reader
 * (rec->key[k]; -1 takes imp_agency's path). */
int64_t imp_agency_rec(struct imp_ctx *, int32_t number, const char *name,
    const char *sector, struct lia_err *);
/* The same for a record whose person the reader numbered (rec->digest,
 * rec->person). */
int64_t imp_practitioner_rec(struct imp_ctx *, const struct csv_record *, const char *email,
    const char *id, int64_t agency, const char *role, struct lia_err *);

/* Reviews by code, for the kinds that link to one (actions, evidence):
 * found once per import.  Part of the loader's state: it declares find
 * (IMP_REVIEW_FIND_SQL) among its statements and known among its tables,
 * and the engine makes and frees both. */
struct imp_reviews {
	sqlite3_stmt *find;	/* IMP_REVIEW_FIND_SQL */
	GHashTable *known;	/* code -> id */
};
#define IMP_REVIEW_FIND_SQL "SELECT id FROM review WHERE code = ?1"
/* The id of the review with that code; 0 when there is none, -1 with err. */
int64_t imp_review_find(struct imp_ctx *, struct imp_reviews *, const char *code,
    struct lia_err *);

extern const struct imp_loader imp_attendance_loader;
extern const struct imp_loader imp_workforce_loader;
extern const struct imp_loader imp_courses_loader;
extern const struct imp_loader imp_feedback_loader;
extern const struct imp_loader imp_audits_loader;
extern const struct imp_loader imp_reviews_loader;
extern const struct imp_loader imp_actions_loader;
extern const struct imp_loader imp_holidays_loader;
extern const struct imp_loader imp_evidence_loader;
extern const struct imp_loader imp_agencies_loader;

#endif
