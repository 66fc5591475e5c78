/*
 * text: the rules by which names are matched everywhere.  Agencies and
 * courses: case-folded, with runs of white space as one space and none at
 * the ends, so "Sefton  Council" and "sefton council" are one.  Themes,
 * which every kind of file names in its own way: case-folded letters and
 * digits only, so "Voice of the Child" and "voice-of-the-child" are one.
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

char *
lia_theme_key(const char *s)
{
	char *folded = g_utf8_casefold(s, -1);
	GString *g = g_string_sized_new(strlen(folded));
	const char *p;

	for (p = folded; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (c == (gunichar)-1 || c == (gunichar)-2)
			break;
		if (g_unichar_isalnum(c))
			g_string_append_unichar(g, c);
	}
	g_free(folded);
	if (g->len == 0) {
		/* A name of punctuation alone keeps its own key. */
		g_string_free(g, TRUE);
		return lia_name_key(s);
	}
	return g_string_free(g, FALSE);
}

/* lia_theme_key(TEXT) in SQL, for the migration that folds the keys. */
static void
sql_theme_key(sqlite3_context *cx, int argc, sqlite3_value **v)
{
	const unsigned char *s = sqlite3_value_text(v[0]);
	char *key;

	(void)argc;
	if (s == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	key = lia_theme_key((const char *)s);
	sqlite3_result_text(cx, key, -1, g_free);
}

int
lia_text_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "lia_theme_key", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_theme_key, NULL, NULL) == SQLITE_OK ? 0 : -1;
}
