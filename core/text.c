/*
 * text: the rules by which names are matched everywhere.  Agencies and
 * courses: case-folded, with runs of white space as one space and none at
 * the ends, so "Sefton  Council" and "sefton council" are one.  Themes,
 * which every kind of file names in its own way: case-folded letters and
 * digits only, so "Voice of the Child" and "voice-of-the-child" are one.
 * And how any such text is shown to people (core/text.h).
 */
#include <string.h>

#include <glib.h>

#include "core/core.h"
#include "core/text.h"

/* Bidirectional controls, which can make text read other than it is. */
static int
is_bidi_control(gunichar c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200E || c == 0x200F || c == 0x061C;
}

int
lia_char_hidden(unsigned int c, int lines)
{
	if (c < 0x20)
		return !(lines && (c == '\t' || c == '\n' || c == '\r'));
	return c == 0x7f || (c >= 0x80 && c < 0xa0) || is_bidi_control(c);
}

char *
lia_text_shown(const char *s, int lines)
{
	const char *p;
	GString *g;

	/* Most text has nothing to show otherwise: say so without a copy. */
	for (p = s; *p; p = g_utf8_next_char(p)) {
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (c == (gunichar)-1 || c == (gunichar)-2 || lia_char_hidden(c, lines))
			break;
	}
	if (*p == '\0')
		return NULL;
	g = g_string_sized_new(strlen(s) + 16);
	g_string_append_len(g, s, p - s);
	while (*p) {
		gunichar c = g_utf8_get_char_validated(p, -1);

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			g_string_append(g, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (lia_char_hidden(c, lines))
			g_string_append_printf(g, c < 0x80 ? "\\x%02x" : "\\u%04x", (unsigned)c);
		else
			g_string_append_unichar(g, c);
		p = g_utf8_next_char(p);
	}
	return g_string_free(g, FALSE);
}

char *
lia_text_drawn(const char *s)
{
	char *shown = lia_text_shown(s, 1);
	const char *p = shown != NULL ? shown : s, *q, *mark = p;
	GString *g = NULL;
	gsize gmark = 0;
	long run = 0;

	for (q = p; *q; q = g_utf8_next_char(q)) {
		run = *q == ' ' || *q == '\n' || *q == '\t' || *q == '\r' ? 0 : run + 1;
		if (run == LIA_WORD_MAX) {
			mark = q;	/* where an ellipsis would go */
			gmark = g != NULL ? g->len : 0;
		}
		if (run == LIA_WORD_MAX + 1) {
			if (g == NULL) {
				g = g_string_sized_new(strlen(p));
				g_string_append_len(g, p, mark - p);
			} else {
				g_string_truncate(g, gmark);
			}
			g_string_append(g, "\xe2\x80\xa6");
		}
		if (g != NULL && run <= LIA_WORD_MAX)
			g_string_append_len(g, q, g_utf8_next_char(q) - q);
	}
	if (g == NULL)
		return shown;
	g_free(shown);
	return g_string_free(g, FALSE);
}

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
