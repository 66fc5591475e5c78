/*
 * Unit tests for how text from users' files is shown (core/text.h): plain
 * text untouched and not copied; control characters, DEL, C1 and the
 * bidirectional controls as visible escapes; tab and line ends kept when
 * lines are; bytes that are not UTF-8 as U+FFFD; the result always valid
 * UTF-8 with nothing left to escape; words of thousands of letters cut
 * where text is drawn.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <glib.h>

#include "core/text.h"

/* text shown: want (NULL: as it is) */
static void
check_shown(const char *text, int lines, const char *want)
{
	char *got = lia_text_shown(text, lines);

	if (want == NULL) {
		if (got != NULL)
			fail_msg("'%s' shown as '%s'", text, got);
		return;
	}
	if (got == NULL)
		fail_msg("'%s' shown as it is", text);
	assert_string_equal(got, want);
	assert_true(g_utf8_validate(got, -1, NULL));
	assert_null(lia_text_shown(got, lines));	/* nothing left to escape */
	g_free(got);
}

static void
test_shown(void **state)
{
	(void)state;
	/* what people write stays, accents, '&', '<' and quotes included */
	check_shown("", 0, NULL);
	check_shown("Sefton Council", 0, NULL);
	check_shown("Smith & Jones <script>alert(1)</script> 'quoted'", 0, NULL);
	check_shown("Ysgol Gymraeg Bro Morgannwg, Mañana, Łódź, 東京", 0, NULL);
	check_shown("a\nb\tc\r", 1, NULL);
	/* terminal escapes shown, not obeyed */
	check_shown("Esc \x1b[31mred\x1b[0m", 0, "Esc \\x1b[31mred\\x1b[0m");
	check_shown("bell\a del\x7f", 1, "bell\\x07 del\\x7f");
	check_shown("a\nb\tc", 0, "a\\x0ab\\x09c");
	/* C1 controls (U+0080-U+009F) and right-to-left overrides */
	check_shown("csi \xc2\x9b" "31m", 0, "csi \\u009b31m");
	check_shown("Evil \xe2\x80\xae" "osla\xe2\x80\xac agency", 1,
	    "Evil \\u202eosla\\u202c agency");
	check_shown("\xe2\x81\xa6isolate\xe2\x81\xa9 \xe2\x80\x8f", 0,
	    "\\u2066isolate\\u2069 \\u200f");
	/* bytes that are not UTF-8 */
	check_shown("bad\xffname.csv", 0, "bad\xef\xbf\xbdname.csv");
	check_shown("cut \xe2\x80", 0, "cut \xef\xbf\xbd\xef\xbf\xbd");
}

static void
test_drawn(void **state)
{
	char *word = g_strnfill(100000, 'B'), *text, *got;

	(void)state;
	/* most text is drawn as it is */
	assert_null(lia_text_drawn("Merseyside Police, Working Together 2018"));
	assert_null(lia_text_drawn("https://www.gov.uk/government/publications/working-together-to-safeguard-children--2"));
	/* a word of 100,000 letters: its first 119 and an ellipsis */
	text = g_strconcat("Agency ", word, " and more", NULL);
	got = lia_text_drawn(text);
	assert_non_null(got);
	assert_int_equal(g_utf8_strlen(got, -1), 7 + LIA_WORD_MAX + 9);
	assert_true(g_str_has_prefix(got, "Agency BBB"));
	assert_true(g_str_has_suffix(got, "B\xe2\x80\xa6 and more"));
	g_free(got);
	g_free(text);
	/* exactly LIA_WORD_MAX letters stay; one more is cut */
	word[LIA_WORD_MAX] = '\0';
	assert_null(lia_text_drawn(word));
	word[LIA_WORD_MAX] = 'B';
	word[LIA_WORD_MAX + 1] = '\0';
	got = lia_text_drawn(word);
	assert_int_equal(g_utf8_strlen(got, -1), LIA_WORD_MAX);
	g_free(got);
	/* controls shown as well, the escapes counted as letters */
	got = lia_text_drawn("Esc \x1b[31m");
	assert_string_equal(got, "Esc \\x1b[31m");
	g_free(got);
	g_free(word);
}

static void
test_char_hidden(void **state)
{
	(void)state;
	assert_true(lia_char_hidden(0x1b, 1));
	assert_true(lia_char_hidden('\n', 0));
	assert_false(lia_char_hidden('\n', 1));
	assert_false(lia_char_hidden('A', 0));
	assert_true(lia_char_hidden(0x9b, 1));
	assert_false(lia_char_hidden(0xa0, 0));
	assert_true(lia_char_hidden(0x202e, 1));
	assert_true(lia_char_hidden(0x061c, 1));
	assert_false(lia_char_hidden(0x00e9, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shown),
		cmocka_unit_test(test_drawn),
		cmocka_unit_test(test_char_hidden),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
