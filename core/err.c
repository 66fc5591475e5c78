/*
 * err: the error record library code fills instead of printing.  cli/ is the
 * only place that turns one into a line on standard error.
 */
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "core/core.h"

void
lia_err_clear(struct lia_err *err)
{
	if (err == NULL)
		return;
	err->file[0] = '\0';
	err->line = 0;
	err->msg[0] = '\0';
}

int
lia_err_set(struct lia_err *err, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int
lia_err_prefix(struct lia_err *err, const char *fmt, ...)
{
	char prefix[256], old[sizeof err->msg], *joined;
	va_list ap;

	if (err == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	memcpy(old, err->msg, sizeof old);
	joined = g_strconcat(prefix, ": ", old, NULL);
	g_strlcpy(err->msg, joined, sizeof err->msg);
	g_free(joined);
	return -1;
}

int
lia_err_at(struct lia_err *err, const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}
