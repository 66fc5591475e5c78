/*
 * core: the lowest floor of lia.  It owns the error record every library
 * function fills, the SQLite database (opening, pragmas, the schema and its
 * migrations, statement helpers), the one date parser used everywhere,
 * reporting periods (calendar and financial years, quarters, months) and
 * the England and Wales working-day calendar.  Nothing here prints.
 */
#ifndef LIA_CORE_H
#define LIA_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* ---- errors ------------------------------------------------------------ */

/* Exit codes of the lia command, documented in lia(1). */
enum lia_exit {
	LIA_EXIT_OK = 0,
	LIA_EXIT_DATA = 1,	/* data or runtime error */
	LIA_EXIT_USAGE = 2	/* bad command line */
};

/*
 * What went wrong, filled by library functions and printed only by cli/ as
 * "lia: FILE:LINE: message".  file and line are the input being read (a CSV
 * file and its physical line), empty and 0 when they do not apply.
 */
struct lia_err {
	char file[256];
	long line;
	char msg[768];
};

void lia_err_clear(struct lia_err *);
/* Sets msg (printf format); keeps file and line. Always returns -1. */
int lia_err_set(struct lia_err *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Puts "prefix: " (printf format) before the message. Always returns -1. */
int lia_err_prefix(struct lia_err *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sets file, line and msg. Always returns -1. */
int lia_err_at(struct lia_err *, const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* ---- names ----------------------------------------------------------------- */

/* The matching key of a name: case-folded, white space collapsed and
 * trimmed.  Never NULL; g_free it. */
char *lia_name_key(const char *);

/* ---- dates --------------------------------------------------------------- */

/*
 * A date is a day number: days since 1970-01-01 (negative before), proleptic
 * Gregorian.  Stored in SQLite as ISO text "YYYY-MM-DD".
 */
typedef int32_t lia_date;

#define DATE_ISO_LEN 11		/* "YYYY-MM-DD" and the NUL */

lia_date date_from_ymd(int y, int m, int d);
void date_to_ymd(lia_date, int *y, int *m, int *d);
/* 0 Monday ... 6 Sunday. */
int date_weekday(lia_date);
/* Whether y-m-d is a real calendar day (years 1..9999). */
int date_valid_ymd(int y, int m, int d);
int date_days_in_month(int y, int m);
/* Writes "YYYY-MM-DD" into buf (DATE_ISO_LEN bytes). Returns buf. */
char *date_format(lia_date, char *buf);
/* Adds months, clamping the day to the end of the target month. */
lia_date date_add_months(lia_date, int months);

/*
 * Parses one date written any of the ways real exports write them: ISO
 * 2019-06-12, UK day-first 12/06/2019, 12/6/2019, 12/06/19, 12.06.2019,
 * 12-06-2019, 12 June 2019, 12 Jun 2019, 12-Jun-19, "Wednesday 12th June
 * 2019", and Excel 1900-system serial day numbers of five digits (43628 is
 * 2019-06-12; a fraction is a time of day).  A time after the date
 * ("2019-06-12 10:30:00", "2019-06-12T10:30Z", "12/06/2019 10:30") is ignored.
 * Two-digit years 00-29 are 2000-2029, 30-99 are 1930-1999 (Excel's rule).
 * Returns 0 and sets *out, or -1 with err naming the text quoted.
 */
int date_parse(const char *text, lia_date *out, struct lia_err *);

/* ---- periods --------------------------------------------------------------- */

enum period_kind {
	PERIOD_ALL,		/* no limit: all the data */
	PERIOD_YEAR,		/* calendar year "2019" */
	PERIOD_FY,		/* financial year "2019/20": 1 April to 31 March */
	PERIOD_QUARTER,		/* financial quarter "2019/20 Q1" (Q1 = Apr-Jun) */
	PERIOD_MONTH,		/* "2019-06" */
	PERIOD_RANGE		/* explicit --from/--to */
};

/* A closed interval of days [from, to] with its canonical label. */
struct period {
	enum period_kind kind;
	lia_date from, to;
	char label[32];
};

/* The period that holds everything. */
void period_all(struct period *);
/*
 * Parses "2019", "2019/20" (or "2019/2020", "FY2019/20"), "2019/20 Q1" and
 * "2019-06".  Returns 0, or -1 with err quoting the text.
 */
int period_parse(const char *text, struct period *, struct lia_err *);
/* --from/--to: either may be NULL (open end). -1 if to is before from. */
int period_range(const char *from, const char *to, struct period *, struct lia_err *);
/* The financial year that holds a date, e.g. 2019 for 2020-03-31. */
int period_fy_of(lia_date);
int period_contains(const struct period *, lia_date);

/* ---- working days (England and Wales) ------------------------------------ */

/*
 * Bank holidays by rule for any year, with the one-off changes proclaimed
 * since 1995, plus any extra dates a caller adds (the holiday table).
 */
struct calendar;

/* Returns NULL only when out of memory. */
struct calendar *calendar_new(void);
void calendar_free(struct calendar *);
/* Adds an extra non-working day. Returns 0, or -1 when out of memory. */
int calendar_add(struct calendar *, lia_date);
/* Loads every date of the holiday table. 0, or -1 with err. */
int calendar_load_db(struct calendar *, sqlite3 *, struct lia_err *);
/* Whether the date is a bank holiday by rule or one-off (extras excluded). */
int calendar_is_bank_holiday(lia_date);
/* Name of the bank holiday on that date, or NULL. */
const char *calendar_bank_holiday_name(lia_date);
/* Whether the date is a working day (Mon-Fri, not a holiday or extra). */
int calendar_is_workday(const struct calendar *, lia_date);
/*
 * Working days after from, up to and including to; negative when to is
 * before from (the count from to to from, negated).
 */
long calendar_workdays(const struct calendar *, lia_date from, lia_date to);
/* The date n working days after from (n >= 0). */
lia_date calendar_add_workdays(const struct calendar *, lia_date from, int n);
/* Easter Sunday of a Gregorian year. */
lia_date date_easter(int year);

/* ---- database ------------------------------------------------------------ */

/* The schema version this program writes (the number of migrations). */
int db_schema_version(void);

/*
 * Opens (creating if missing, mode 0600) a lia database, refusing a file that
 * is not one and one written by a newer lia (both left untouched), applying
 * pending migrations in one transaction, and creating the pseudonymisation
 * key once.  Foreign keys on, WAL journal.  Returns NULL with err on failure;
 * close with db_close.
 */
sqlite3 *db_open(const char *path, struct lia_err *);
/* Closes; NULL does nothing. */
void db_close(sqlite3 *);

/*
 * Applies migrations from a schema text of "-- migration: N" sections, up to
 * and including target (or all when target < 0), to an open connection, in
 * one transaction.  For tests and db_open.  0, or -1 with err and nothing
 * changed.
 */
int db_migrate(sqlite3 *, const char *schema_text, int target, struct lia_err *);

/* Runs SQL without results (no user values!). 0, or -1 with err. */
int db_exec(sqlite3 *, const char *sql, struct lia_err *);
/* Prepares a statement; NULL with err naming the SQLite message. */
sqlite3_stmt *db_prepare(sqlite3 *, const char *sql, struct lia_err *);
/* Runs a statement that returns one integer (or none: *out = 0). */
int db_query_int(sqlite3 *, const char *sql, int64_t *out, struct lia_err *);
/*
 * Steps a prepared statement that returns no rows and resets it.
 * 0 on SQLITE_DONE, -1 with err otherwise.
 */
int db_step_done(sqlite3 *, sqlite3_stmt *, struct lia_err *);

/* Transactions. 0 or -1 with err. */
int db_begin(sqlite3 *, struct lia_err *);
int db_commit(sqlite3 *, struct lia_err *);
/* Rolls back if a transaction is open; cannot fail usefully. */
void db_rollback(sqlite3 *);

/* The 32-byte pseudonymisation key. 0, or -1 with err. */
#define DB_KEY_LEN 32
int db_key(sqlite3 *, unsigned char key[DB_KEY_LEN], struct lia_err *);

/* The tables of the schema, in a stable order, NULL-terminated. */
extern const char *const db_tables[];

#endif
