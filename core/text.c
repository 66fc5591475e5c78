/*
 * text: the one rule by which names are matched everywhere (agencies,
 * courses, themes): case-folded, with runs of white space as one space and
 * none at the ends, so "Sefton  Council" and "sefton council" are one.
 */
#include <string.h>

#include <glib.h>

#include "core/core.h"

char *
lia_name_key(const char *s)
{
	char *folded = g_utf8_casefold(s, -1);
	GString *g = g_string_sized_new(strlen(folded));
	const char *p;
	int space = 0;

	for (p = folded; *p; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = g->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(g, ' ');
		space = 0;
		g_string_append_c(g, *p);
	}
	g_free(folded);
	return g_string_free(g, FALSE);
}
