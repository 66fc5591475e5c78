/*
 * core/err.h: the error record every library function of lia fills, and
 * the exit codes of the command.  Free of SQLite, so the charts (the other
 * lowest floor) may use it.  Nothing here prints.
 */
#ifndef LIA_CORE_ERR_H
#define LIA_CORE_ERR_H

#include <stdarg.h>

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

#endif
