/*
 * import: everything that turns a CSV export into rows of the lia database.
 * A streaming reader on libcsv (encodings, line ends, physical line numbers),
 * header profiles of real tools and users' map files, value normalisers, the
 * keyed pseudonyms that stand for people, and one loader per kind of file.
 * Every row read ends up loaded, a duplicate or a reject with its line and
 * reason; each file is one transaction and one import_batch.
 */
#ifndef LIA_IMPORT_H
#define LIA_IMPORT_H

#include <stdint.h>

#include <glib.h>

#include "core/core.h"

enum imp_kind {
	IMP_ATTENDANCE,
	IMP_WORKFORCE,
	IMP_COURSES,
	IMP_FEEDBACK,
	IMP_AUDITS,
	IMP_REVIEWS,
	IMP_ACTIONS,
	IMP_HOLIDAYS,
	IMP_EVIDENCE,
	IMP_AGENCIES,
	IMP_NKINDS
};

/* The order of a date's day and month (--date-order). */
enum imp_date_order {
	IMP_ORDER_UNKNOWN,	/* decided by the file, else the profile */
	IMP_DMY,		/* 06/12/2019 is 6 December */
	IMP_MDY,		/* 06/12/2019 is 12 June */
	IMP_YMD			/* 19/06/12 is 12 June 2019 */
};

enum imp_encoding {
	IMP_ENC_AUTO,		/* UTF-8, or UTF-16 when a BOM says so */
	IMP_ENC_LATIN1,		/* ISO-8859-1 */
	IMP_ENC_CP1252		/* Windows-1252 */
};

/* Called now and then during a long import; bytes of the file read so far. */
typedef void (*imp_progress_fn)(int64_t rows, int64_t bytes, int64_t size, void *data);

struct imp_opts {
	const char *profile;	/* generic (default), moodle, eventbrite, ... */
	const char *map_path;	/* a user's map file, or NULL */
	const char *course;	/* --course CODE for files without the column */
	const char *date;	/* --date DATE likewise */
	const char *agency;	/* --agency NAME likewise */
	const char *stage;	/* --stage for feedback */
	const char *cycle;	/* --cycle for audits likewise */
	enum imp_date_order date_order;	/* --date-order; UNKNOWN: from the file */
	int include_incomplete;	/* surveys: load responses not finished */
	char delimiter;		/* 0: detect from the header line */
	enum imp_encoding encoding;
	int dry_run;		/* count, write nothing */
	int strict;		/* roll back the file if any row is rejected */
	int checkin;		/* eventbrite: "Attending" without check-in is a DNA */
	int64_t memory;		/* resident bytes past which the import holds less
				 * (a smaller page cache, fewer rows waiting);
				 * 0: 96 MB */
	imp_progress_fn progress;
	/* Called once when the import must wait for another writer. */
	db_wait_fn waiting;
	void *progress_data;	/* for both */
};

void imp_opts_defaults(struct imp_opts *);

#define IMP_NOTES 8

struct imp_summary {
	int64_t batch;		/* import_batch id; 0 when nothing was written */
	const char *kind;
	char file[1024];
	char sha256[65];
	/* read = loaded + duplicates + skipped + rejected */
	int64_t read, loaded, duplicates, skipped, rejected, warnings;
	const char *status;	/* committed, already_imported, rolled_back, dry_run */
	const char *date_order;	/* "dmy" or "mdy" when dates were read by number in
				 * that order; NULL when none was */
	int64_t new_agencies;	/* agencies this import created */
	char new_agency_names[512];	/* the first of their names, between
					 * '\x1f' (unit separator) characters */
	int nnotes;
	char notes[IMP_NOTES][256];	/* what the import did that a user should
				 * know: a flag used for every row, a profile's
				 * choice */
};

/* "dmy", "mdy", "ymd" to the order; -1 if neither. */
int imp_date_order_parse(const char *, enum imp_date_order *);
const char *imp_date_order_name(enum imp_date_order);

/* ---- the batches, and undoing one ------------------------------------------ */

#define IMP_FORGET_MAX 32
/* What forgetting a batch removed (or put back), in words, with counts. */
struct imp_forgotten {
	int64_t batch;
	int n;
	const char *what[IMP_FORGET_MAX];	/* "attendances", "people", ... */
	int64_t count[IMP_FORGET_MAX];
};
/*
 * Forgets a committed batch in one transaction (import/forget.c): the rows
 * it loaded, the values of rows it strengthened put back, the people,
 * sessions, courses, agencies ... it created that nothing else refers to;
 * the batch is then 'forgotten' and its file can be imported again.  0
 * with *out; -1 with err (no such batch, one not committed, a database
 * error), the database as it was.
 */
int imp_forget(sqlite3 *, int64_t batch, struct imp_forgotten *out, struct lia_err *);

/*
 * The rejected records of a batch as rows of cells (import/rejects.c):
 * first the file's header (one row; two for a survey's second header
 * row), then each record in line order, e-mails and ids as their
 * pseudonyms.  Each row is a NULL-terminated string vector, freed with
 * the array (g_ptr_array_unref).  0 with *rows; 1 when there is no such
 * batch; -1 with err.
 */
int imp_rejects_rows(sqlite3 *, int64_t batch, GPtrArray **rows, struct lia_err *);

/* A rejected row or a warning of an import (import/inspect.c). */
struct imp_issue {
	int64_t batch;
	char *file;		/* the batch's file as given to lia import */
	int64_t line;		/* the line of the file */
	char *reason;		/* why rejected, or the warning */
	char *record;		/* a reject's record as stored; NULL for a warning */
};

/*
 * The rejected rows (warnings 0) or the warnings (1) of a batch, or of
 * every batch for batch 0, in batch and line order.  Sets *out (free with
 * imp_issues_free) and *n; 0, or -1 with err and *out NULL.
 */
int imp_issues(sqlite3 *, int64_t batch, int warnings, struct imp_issue **out, size_t *n,
    struct lia_err *);
/* NULL does nothing. */
void imp_issues_free(struct imp_issue *, size_t n);
/* The last batch that has rejected rows, 0 when none has.  0, or -1 with err. */
int imp_last_rejects_batch(sqlite3 *, int64_t *batch, struct lia_err *);

/* Kind by name ("attendance"); -1 if unknown. */
int imp_kind_parse(const char *name);
const char *imp_kind_name(enum imp_kind);
/* Whether the kind has a loader in this build. */
int imp_kind_available(enum imp_kind);

/*
 * Imports one file.  Returns 0 when the file was committed, recognised as
 * already imported, or dry-run; the summary says which.  Returns -1 on a
 * fatal error (err says what, with the file and, where it applies, the line)
 * and when --strict rolled the file back (summary->status "rolled_back");
 * in both cases the database is as it was.
 */
int imp_file(sqlite3 *, enum imp_kind, const char *path, const struct imp_opts *,
    struct imp_summary *, struct lia_err *);

/* ---- pseudonyms ----------------------------------------------------------- */

#define IMP_PKEY_LEN 64		/* hex HMAC-SHA-256 */

/*
 * The pseudonym of a person: hex HMAC-SHA-256, under the database's key, of
 * the trimmed, lower-cased e-mail, or else the trimmed id.  A value already
 * in the form "lia:" followed by 64 hex digits (as `lia rejects` writes them)
 * is taken as the pseudonym itself.  out has IMP_PKEY_LEN + 1 bytes.
 * Returns 0, or -1 when both are empty.
 */
int imp_pseudonym(const unsigned char key[DB_KEY_LEN], const char *email, const char *id,
    char *out);

#endif
