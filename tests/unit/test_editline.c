/* Unit tests for tui/editline.c: the one-line editor of the screens. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <curses.h>

#include "tui/editline.h"

static const char *
text(const struct editline *e)
{
	static char out[EDITLINE_MAX * 4 + 1];

	editline_get(e, out, sizeof out);
	return out;
}

static void
type(struct editline *e, const wchar_t *s)
{
	for (; *s; s++)
		editline_key(e, ACT_CHAR, (wint_t)*s);
}

static void
typing_inserts_at_the_cursor_and_comes_back_as_utf8(void **state)
{
	struct editline e;

	(void)state;
	editline_init(&e, 0);
	type(&e, L"张军");
	assert_string_equal(text(&e), "张军");
	editline_key(&e, ACT_BOL, 0);
	type(&e, L"13");
	editline_key(&e, ACT_EOL, 0);
	type(&e, L"\U0001F600");		/* outside the BMP: four bytes */
	assert_string_equal(text(&e), "13张军\xF0\x9F\x98\x80");
	assert_int_equal(e.len, 5);
	assert_int_equal(e.cur, 5);
}

static void
backspace_delete_and_kill_remove_what_they_say(void **state)
{
	struct editline e;

	(void)state;
	editline_init(&e, 0);
	editline_set(&e, "湖南省");
	assert_int_equal(e.cur, 3);			/* set puts the cursor at the end */
	assert_int_equal(editline_key(&e, ACT_BACKSPACE, 0), 1);
	assert_string_equal(text(&e), "湖南");
	editline_key(&e, ACT_BOL, 0);
	assert_int_equal(editline_key(&e, ACT_BACKSPACE, 0), 0);	/* nothing before */
	assert_int_equal(editline_key(&e, ACT_DELETE, 0), 1);
	assert_string_equal(text(&e), "南");
	editline_key(&e, ACT_EOL, 0);
	assert_int_equal(editline_key(&e, ACT_DELETE, 0), 0);	/* nothing under */
	assert_int_equal(editline_key(&e, ACT_KILL, 0), 1);
	assert_string_equal(text(&e), "");
	assert_int_equal(e.cur, 0);
	assert_int_equal(editline_key(&e, ACT_KILL, 0), 0);
}

static void
cursor_moves_stop_at_both_ends_and_change_no_text(void **state)
{
	struct editline e;

	(void)state;
	editline_init(&e, 0);
	editline_set(&e, "ab");
	assert_int_equal(editline_key(&e, ACT_RIGHT, 0), 0);
	assert_int_equal(e.cur, 2);
	editline_key(&e, ACT_LEFT, 0);
	editline_key(&e, ACT_LEFT, 0);
	assert_int_equal(editline_key(&e, ACT_LEFT, 0), 0);
	assert_int_equal(e.cur, 0);
	type(&e, L"x");
	assert_string_equal(text(&e), "xab");
}

static void
the_length_limit_refuses_more_characters_not_bytes(void **state)
{
	struct editline e;

	(void)state;
	editline_init(&e, 3);
	type(&e, L"一二三四");
	assert_string_equal(text(&e), "一二三");
	assert_int_equal(editline_key(&e, ACT_CHAR, L'五'), 0);
	editline_set(&e, "abcdef");
	assert_string_equal(text(&e), "abc");
}

static void
set_sanitises_and_controls_are_not_typed(void **state)
{
	struct editline e;

	(void)state;
	editline_init(&e, 0);
	editline_set(&e, "a\x1b[31mb\xff" "c\n");
	assert_string_equal(text(&e), "a[31mb\xEF\xBF\xBD" "c");	/* ESC and LF gone, bad byte U+FFFD */
	assert_int_equal(editline_key(&e, ACT_CHAR, 0x1b), 0);
	assert_int_equal(editline_key(&e, ACT_CHAR, L'\t'), 0);
}

static void
get_never_cuts_a_character_in_half(void **state)
{
	struct editline e;
	char out[8];

	(void)state;
	editline_init(&e, 0);
	editline_set(&e, "张军张军");
	editline_get(&e, out, sizeof out);		/* room for two, and a NUL */
	assert_string_equal(out, "张军");
}

static void
drawing_keeps_the_cursor_inside_the_width(void **state)
{
	struct editline e;
	SCREEN *scr;
	FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
	WINDOW *w;
	int col;

	(void)state;
	setenv("TERM", "xterm", 1);
	scr = out != NULL && in != NULL ? newterm("xterm", out, in) : NULL;
	if (scr == NULL) {
		if (out) fclose(out);
		if (in) fclose(in);
		skip();
	}
	w = newwin(1, 40, 0, 0);
	editline_init(&e, 0);
	editline_set(&e, "湖南省长沙市望城区乔口镇");	/* 12 characters, 24 columns */
	col = editline_draw(&e, w, 0, 2, 10, A_NORMAL);
	assert_true(col >= 2 && col <= 2 + 10 - 1);
	assert_true(e.scroll > 0);			/* scrolled to show the end */
	editline_key(&e, ACT_BOL, 0);
	col = editline_draw(&e, w, 0, 2, 10, A_NORMAL);
	assert_int_equal(col, 2);
	assert_int_equal(e.scroll, 0);
	delwin(w);
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typing_inserts_at_the_cursor_and_comes_back_as_utf8),
		cmocka_unit_test(backspace_delete_and_kill_remove_what_they_say),
		cmocka_unit_test(cursor_moves_stop_at_both_ends_and_change_no_text),
		cmocka_unit_test(the_length_limit_refuses_more_characters_not_bytes),
		cmocka_unit_test(set_sanitises_and_controls_are_not_typed),
		cmocka_unit_test(get_never_cuts_a_character_in_half),
		cmocka_unit_test(drawing_keeps_the_cursor_inside_the_width),
	};
	/* wcwidth and iswprint need a UTF-8 locale; C.UTF-8 is always there */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
