/*
 * cli: the lia command.  Private to cli/: the command table, the context a
 * command runs with, option helpers and the table / csv / json writers.
 * Only this folder writes to standard output and standard error.
 */
#ifndef LIA_CLI_H
#define LIA_CLI_H

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

#include "analytics/analytics.h"
#include "core/core.h"

enum cmd_flags {
	CMD_NEED_DB = 1 << 0	/* open (creating) the database before running */
};

struct ctx {
	const char *db_path;
	sqlite3 *db;		/* open when the command has CMD_NEED_DB */
	const char *cmd;	/* the command's name, for messages */
	const char *usage;	/* its usage line */
};

struct cmd {
	const char *name;
	int (*fn)(struct ctx *, int argc, char **argv);
	const char *summary;	/* one line for `lia --help` */
	const char *help;	/* the full help; its first line is the usage */
	unsigned flags;
};

extern const struct cmd lia_commands[];

/* Prints "lia: CMD: message (usage: ...)" and returns LIA_EXIT_USAGE. */
int cli_usage(const struct ctx *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints an error record as "lia: FILE:LINE: message"; returns LIA_EXIT_DATA. */
int cli_fail(const struct lia_err *);
/* Reports a getopt_long failure at argv[optind - 1]. */
int cli_bad_option(const struct ctx *, char **argv, int next, int opt);

/* ---- options the analyses share (options.c) ----------------------------- */

/*
 * Each parses one option's value for a command and returns 0, or prints
 * the usage message (cli_usage) and returns LIA_EXIT_USAGE.
 */
/* --period P or --from D / --to D (either end open) into p; neither: all dates. */
int cli_period(const struct ctx *, const char *period, const char *from, const char *to,
    struct period *p);
/* --by agency|sector. */
int cli_agency_group(const struct ctx *, const char *arg, enum an_dim *);
/* --level N: a training level 1 to 99. */
int cli_level(const struct ctx *, const char *arg, int *level);
/* A date in any form date_parse reads (--as-at). */
int cli_date(const struct ctx *, const char *arg, lia_date *);

/* ---- output ----------------------------------------------------------- */

enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };

/* Parses "table", "csv", "json"; -1 when not one of them. */
int out_format_parse(const char *, enum out_format *);

enum col_type { COL_TEXT, COL_INT, COL_REAL, COL_PCT, COL_BOOL };	/* COL_BOOL: set with tab_int */

struct col {
	const char *name;	/* snake_case key: JSON key and CSV header */
	enum col_type type;
};

/*
 * A result table: named, typed columns and rows of cells.  Built by a
 * command from an analysis's result structs and written in any format.
 */
struct tab;

struct tab *tab_new(const struct col *cols, int ncols);
void tab_free(struct tab *);
/* Starts a new row; cells are then set left to right with tab_* below. */
void tab_row(struct tab *);
void tab_text(struct tab *, const char *);	/* NULL is null */
void tab_int(struct tab *, int64_t);
void tab_real(struct tab *, double);		/* NaN is null */
void tab_null(struct tab *);
int tab_rows(const struct tab *);

/* Terminal table: aligned columns, numbers right-aligned, null as "-". */
void tab_write_table(const struct tab *, FILE *);
/* CSV: header row, unformatted numbers, spreadsheet formula guard. */
void tab_write_csv(const struct tab *, FILE *);
/* JSON array of objects keyed by column name. */
void tab_json_rows(const struct tab *, GString *);
/* JSON object of one row (row index). */
void tab_json_row(const struct tab *, int row, GString *);

/* JSON string literal with escapes; NULL writes null. */
void json_str(GString *, const char *);
/* JSON number; NaN or infinity writes null. */
void json_num(GString *, double);
/*
 * The result of an analysis, written in any form.  JSON is DESIGN.md's
 * {"analysis":...,"params":{...},"rows":[...],"total":{...},"notes":[...]}
 * where total has the columns of rows but the first (the grouping key).
 * CSV is the rows and then the total row, keyed "total"; its notes go to
 * standard error.  The table form is a title line, the rows and the total
 * aligned, then the notes.
 */
struct out_result {
	const char *analysis;		/* "reach" */
	const char *title;		/* first line of the table form */
	const struct tab *params;	/* one row: the parameters as run */
	const struct tab *rows;		/* its first column is the key, COL_TEXT */
	const struct tab *total;	/* one row, the columns of rows; NULL for none */
	char *const *notes;
	size_t nnotes;
};

/* Writes a result to fp. 0, or -1 when the stream failed. */
int out_result_write(const struct out_result *, enum out_format, FILE *);
/* Opens -o FILE for writing (stdout for NULL or "-"); NULL after printing why. */
FILE *out_open(const char *path);
/* Closes what out_open opened (stdout is flushed only). 0, or -1 after printing why. */
int out_close(FILE *, const char *path);

/* A CSV cell: quoted when needed; cells starting = + - @ (or tab / CR)
 * get a leading apostrophe so spreadsheets do not run them. */
void csv_cell(FILE *, const char *, int guard);

#endif
