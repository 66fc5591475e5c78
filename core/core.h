/*
 * core: the lowest floor of lia.  It owns the error record every library
 * function fills, the SQLite database (opening, pragmas, the schema and its
 * migrations, statement helpers), the one date parser used everywhere,
 * reporting periods (calendar and financial years, quarters, months) and
 * the England and Wales working-day calendar.  Nothing here prints.
 */
#ifndef LIA_CORE_H
#define LIA_CORE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "core/err.h"
#include "core/date.h"
#include "core/file.h"
#include "core/text.h"

/* ---- names ----------------------------------------------------------------- */

/* The matching key of a name: case-folded, white space collapsed and
 * trimmed.  Never NULL; g_free it. */
char *lia_name_key(const char *);
/* The matching key of a theme: case-folded letters and digits only (a name
 * without any keeps lia_name_key's).  Never NULL; g_free it. */
char *lia_theme_key(const char *);
/* Registers lia_theme_key() as an SQL function on a connection. 0 or -1. */
int lia_text_functions(sqlite3 *);

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
 * key once.  Foreign keys on; the file is in WAL mode (set once, when it is
 * not), so readers are never blocked by a writer.  Returns NULL with err on failure;
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

/* SQLite's message for the connection's last error, with the system's
 * reason where a file operation failed ("disk I/O error: the disk is
 * full").  Valid until the thread's next call; cannot fail. */
const char *db_errmsg(sqlite3 *);
/* Runs SQL without results (no user values!). 0, or -1 with err. */
int db_exec(sqlite3 *, const char *sql, struct lia_err *);
/* Prepares a statement; NULL with err naming the SQLite message. */
sqlite3_stmt *db_prepare(sqlite3 *, const char *sql, struct lia_err *);
/* Runs a statement that returns one integer (or none: *out = 0). */
int db_query_int(sqlite3 *, const char *sql, int64_t *out, struct lia_err *);
/* An index dropped for a bulk load and made again after it, as the schema
 * defines it: db_index_drop keeps its definition in *sql (g_free) for
 * db_index_make.  0 or -1 with err. */
int db_index_drop(sqlite3 *, const char *name, char **sql, struct lia_err *);
int db_index_make(sqlite3 *, const char *sql, struct lia_err *);
/*
 * Steps a prepared statement that returns no rows and resets it.
 * 0 on SQLITE_DONE, -1 with err otherwise.
 */
int db_step_done(sqlite3 *, sqlite3_stmt *, struct lia_err *);

/* Transactions. 0 or -1 with err. */
int db_begin(sqlite3 *, struct lia_err *);
/*
 * Begins a write transaction, waiting up to max_seconds while another
 * connection writes (another import, say); fn(data), when not NULL, is
 * called once as the wait begins, so that a command can say why it waits.
 * 0, or -1 with err saying that another command is writing.
 */
typedef void (*db_wait_fn)(void *data);
int db_begin_wait(sqlite3 *, int max_seconds, db_wait_fn fn, void *data, struct lia_err *);
/*
 * Copies the WAL into the database and empties it, as far as readers of
 * older states allow, without waiting for them (what they hold is copied
 * by a later checkpoint).  0 when all of it was copied, -1 otherwise;
 * nothing is lost either way.
 */
int db_checkpoint(sqlite3 *);
int db_commit(sqlite3 *, struct lia_err *);
/* Rolls back if a transaction is open; cannot fail usefully. */
void db_rollback(sqlite3 *);

/* The 32-byte pseudonymisation key. 0, or -1 with err. */
#define DB_KEY_LEN 32
int db_key(sqlite3 *, unsigned char key[DB_KEY_LEN], struct lia_err *);

/* The tables of the schema, in a stable order, NULL-terminated. */
extern const char *const db_tables[];
/*
 * The number of rows of each table of db_tables, in its order: counts
 * holds one slot a table.  0, or -1 with err.
 */
int db_table_rows(sqlite3 *, int64_t *counts, struct lia_err *);

#endif
