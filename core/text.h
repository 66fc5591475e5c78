/*
 * core/text.h: text from users' files made fit to show.  Names, titles and
 * file names come from exports anyone may have written; every writer of
 * text for people (tables, CSV, messages, charts, the packs in PDF and
 * HTML) shows their control characters instead of obeying them.  Free of
 * SQLite, so the charts may use it.
 */
#ifndef LIA_CORE_TEXT_H
#define LIA_CORE_TEXT_H

/*
 * Text as it may be shown: control characters (C0 but, with lines, tab and
 * line ends; DEL; C1) and bidirectional controls (which can make a name
 * read other than it is) written as visible escapes ("\x1b", "\u202e"),
 * and bytes that are not UTF-8 as U+FFFD.  Returns NULL when s may be
 * shown as it is (most text), else a new string to g_free.  Cannot fail.
 */
char *lia_text_shown(const char *s, int lines);
/* Whether lia_text_shown writes the character (a code point) as an escape. */
int lia_char_hidden(unsigned int c, int lines);

/*
 * Text as it is drawn (charts, the PDF packs): lia_text_shown's, with
 * every word (a run without spaces) longer than LIA_WORD_MAX characters
 * cut to that length, its last character an ellipsis: laying out a word
 * that has no place to break costs time that grows with the square of
 * its length (a name of 100,000 letters took minutes).  NULL when s is
 * drawn as it is, else a new string to g_free.  Cannot fail.
 */
#define LIA_WORD_MAX 120
char *lia_text_drawn(const char *s);

#endif
