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
#include "analytics/disclosure.h"
#include "analytics/table.h"
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
	void (*more_help)(FILE *);	/* prints what follows help (a list); may be NULL */
};

extern const struct cmd lia_commands[];

/*
 * The commands, one function each (cli/cmd_*.c): argv[0] is the command's
 * name.  Each returns an exit code (enum lia_exit).
 */
int cmd_init(struct ctx *, int argc, char **argv);
int cmd_status(struct ctx *, int argc, char **argv);
int cmd_workdays(struct ctx *, int argc, char **argv);
int cmd_import(struct ctx *, int argc, char **argv);
int cmd_rejects(struct ctx *, int argc, char **argv);
int cmd_batches(struct ctx *, int argc, char **argv);
int cmd_forget(struct ctx *, int argc, char **argv);
int cmd_chart(struct ctx *, int argc, char **argv);
void cmd_chart_help(FILE *);
int cmd_reach(struct ctx *, int argc, char **argv);
int cmd_currency(struct ctx *, int argc, char **argv);
int cmd_trainers(struct ctx *, int argc, char **argv);
int cmd_evidence(struct ctx *, int argc, char **argv);
int cmd_demo(struct ctx *, int argc, char **argv);
int cmd_feedback(struct ctx *, int argc, char **argv);
int cmd_audits(struct ctx *, int argc, char **argv);
int cmd_report(struct ctx *, int argc, char **argv);
int cmd_timeliness(struct ctx *, int argc, char **argv);
int cmd_actions(struct ctx *, int argc, char **argv);
int cmd_impact(struct ctx *, int argc, char **argv);

/*
 * Writes an analysis's result in the form and to the place co says, and
 * frees it; NULL (err set) is a failure.  Returns the exit code.
 */
struct cli_common;
int cli_finish(struct an_result *, const struct cli_common *, const struct lia_err *);

/*
 * A table of import batches (core/batch.h) with the columns cols names,
 * each one of batch, kind, file, sha256, profile, finished, read, loaded,
 * duplicates, skipped, rejected, warnings, status (cmd_import.c).
 */
struct db_batch;
struct an_table *cli_batches_table(const struct an_col *cols, int ncols,
    const struct db_batch *, size_t n);

/* Prints "lia: CMD: message (usage: ...)" and returns LIA_EXIT_USAGE. */
int cli_usage(const struct ctx *, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints an error record as "lia: FILE:LINE: message"; returns LIA_EXIT_DATA. */
int cli_fail(const struct lia_err *);
/* Reports a getopt_long failure at argv[optind - 1]. */
int cli_bad_option(const struct ctx *, char **argv, int next, int opt);

/* ---- options (options.c) ------------------------------------------------ */

/*
 * One parser for every command's options, declared as data (git's
 * parse-options): a command lists its own options in a cli_opt array and
 * asks for the shared ones by bits of cli_common.accepts.  The parser
 * stores values, checks them, says what is wrong in one voice, and
 * returns the positional arguments.
 */
enum cli_opt_type {
	CLI_END,		/* ends an array */
	CLI_STRING,		/* const char ** */
	CLI_FLAG,		/* int *, set to 1 */
	CLI_INT,		/* int *, within [min, max] */
	CLI_DATE,		/* lia_date *, any form date_parse reads */
	CLI_CALL		/* parse(ctx, arg, value): 0, or an exit code after cli_usage */
};

struct cli_opt {
	enum cli_opt_type type;
	const char *name;	/* the long name, without "--" */
	int short_name;		/* 'o', or 0 */
	void *value;
	unsigned bit;		/* or'ed into *given when the option is seen; may be 0 */
	long min, max;		/* CLI_INT */
	const char *what;	/* CLI_INT: "a number of trainers", for the message */
	int (*parse)(const struct ctx *, const char *arg, void *value);
};

#define CLI_OPT_END { CLI_END, NULL, 0, NULL, 0, 0, 0, NULL, NULL }

/* Output forms, as bits of cli_common.formats. */
enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON };
#define CLI_FORMATS_ALL ((1u << OUT_TABLE) | (1u << OUT_CSV) | (1u << OUT_JSON))

/* The shared options a command asks for (bits of cli_common.accepts). */
enum cli_common_bits {
	CLI_FORMAT = 1 << 0,	/* --format F (of cli_common.formats) */
	CLI_OUTPUT = 1 << 1,	/* -o, --output FILE */
	CLI_PERIOD = 1 << 2,	/* --period P | --from D --to D */
	CLI_SUPPRESS = 1 << 3	/* --suppress N|nhs|ons|0 */
};
#define CLI_ANALYSIS (CLI_FORMAT | CLI_OUTPUT | CLI_PERIOD | CLI_SUPPRESS)

struct cli_common {
	unsigned accepts;	/* enum cli_common_bits */
	unsigned formats;	/* the forms --format takes; CLI_FORMATS_ALL by default */
	unsigned given;		/* of accepts, those given */
	enum out_format fmt;	/* OUT_TABLE unless given */
	const char *output;	/* NULL: standard output */
	struct period period;	/* period_all unless given */
	struct an_sdc sdc;	/* off unless given (the caller may set another default) */
};

/* Parses "table", "csv", "json"; -1 when not one of them. */
int out_format_parse(const char *, enum out_format *);

/* Sets accepts and the defaults above. */
void cli_common_init(struct cli_common *, unsigned accepts);

/*
 * Parses argv[1..argc-1] (argv[0] is the command's name) against a
 * command's own options (opts, ending CLI_OPT_END; may be NULL) and the
 * shared ones co asks for (co may be NULL).  Options and positional
 * arguments may come in any order; "--" ends the options.  The positional
 * arguments are stored in pos[0..npos-1]: exactly npos of them are
 * required, or at least min_pos when min_pos < npos (the rest NULL).
 * given, when not NULL, collects the bits of the options seen.  Returns
 * 0, or the usage exit code after printing what is wrong.
 */
int cli_parse(const struct ctx *, int argc, char **argv, const struct cli_opt *opts,
    struct cli_common *co, unsigned *given, int min_pos, int npos, char **pos);

/* Value parsers for CLI_CALL: --by agency|sector into an enum an_dim. */
int cli_agency_group(const struct ctx *, const char *arg, void *by);
/* --level N: a training level 1 to 99 (int *). */
int cli_level(const struct ctx *, const char *arg, void *level);
/* --stage baseline|post|follow-up: an enum an_stage (int *). */
int cli_stage(const struct ctx *, const char *arg, void *stage);
/* --kind: an audit kind, checked and kept (const char **). */
int cli_audit_kind(const struct ctx *, const char *arg, void *kind);

/* ---- output (output.c) ------------------------------------------------- */

/*
 * Writes a result in a form:
 *   json: DESIGN.md's {"analysis":...,"params":{...},"rows":[...],"total":{...},
 *         ...,"notes":[...]}: every part as an array under its name, a part's
 *         total as "total" for the part "rows" and "NAME_total" for others
 *         (every column of the total but the key), a hidden cell as null
 *         with a sibling "KEY_suppressed":true, and "suppression" (the rule
 *         in words) when one ran;
 *   csv:  each part's rows and then its total, keyed "total", under a header
 *         row; parts separated by a blank line; hidden cells as the marker;
 *         the notes to standard error;
 *   table: the title, each part aligned (numbers right, null "-", hidden
 *         the marker), the notes.
 * Returns 0, or -1 when the stream failed.
 */
int out_write(const struct an_result *, enum out_format, FILE *);

/*
 * The JSON of a result that is not an analysis (lia status, an import's
 * summary, lia rejects) has a shape of its own: no "analysis" and no
 * "params" key but the params' one row as the object's first members
 * (params may be NULL), then each part as an array under its name (a
 * part named in maps: an object, its first column's text the key of its
 * second column's value), "suppression" when one ran, and "notes" when
 * notes is set.  Table and CSV are out_write's.  shape NULL is out_write.
 */
struct out_shape {
	const char *maps;	/* space-separated names of parts; may be NULL */
	int notes;		/* write "notes", an array even when empty */
};
int out_write_as(const struct an_result *, const struct out_shape *, enum out_format, FILE *);

/*
 * Writes a result to -o FILE (atomically: a temporary file renamed into
 * place, mode 0600) or to standard output for NULL or "-".  Returns
 * LIA_EXIT_OK, or LIA_EXIT_DATA after printing why.
 */
int out_result(const struct an_result *, enum out_format, const char *path);

/* One table alone, aligned for a terminal (lia status's two tables). */
void out_table(const struct an_table *, const char *marker, FILE *);

/* Text made safe for a terminal or a spreadsheet: control characters
 * (but, with csv, tab and line ends) and bidirectional controls as
 * visible escapes ("\x1b", "\u202e"), bytes that are not UTF-8 as U+FFFD.
 * For names and messages that quote users' files.  g_free it. */
char *out_clean(const char *, int csv);

/* A CSV cell: quoted when needed; cells starting = + - @ (or tab / CR)
 * get a leading apostrophe so spreadsheets do not run them. */
void csv_cell(FILE *, const char *, int guard);
/* One CSV line of cells (a NULL-terminated vector), each shown safe
 * (out_clean) and guarded (csv_cell): a file's rows written back out,
 * as `lia rejects --format csv` does. */
void out_csv_row(FILE *, char **cells);

#endif
