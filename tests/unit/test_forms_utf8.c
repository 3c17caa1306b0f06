/* Unit tests for forms/utf8.c: widths, folding, sanitising, truncation. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "forms/utf8.h"

static void
utf8_valid_accepts_chinese_and_rejects_broken_sequences(void **state)
{
	(void)state;
	assert_true(utf8_valid("湖南省长沙市 abc"));
	assert_true(utf8_valid(""));
	assert_false(utf8_valid("\xE6\xB9"));            /* cut short */
	assert_false(utf8_valid("\xC0\xAF"));            /* overlong '/' */
	assert_false(utf8_valid("\xED\xA0\x80"));        /* surrogate */
	assert_false(utf8_valid("\xF4\x90\x80\x80"));    /* > U+10FFFF */
	assert_false(utf8_valid("\xB0\xA1"));            /* GB18030 "啊" */
}

static void
utf8_chars_counts_code_points_not_bytes(void **state)
{
	(void)state;
	assert_int_equal(utf8_chars("湖南"), 2);
	assert_int_equal(utf8_chars("a湖b"), 3);
	assert_int_equal(utf8_chars("\xB0\xA1x"), 3);
}

static void
utf8_width_counts_cjk_and_fullwidth_as_two_columns(void **state)
{
	(void)state;
	assert_int_equal(utf8_width("abc"), 3);
	assert_int_equal(utf8_width("张三"), 4);
	assert_int_equal(utf8_width("１３５"), 6);
	assert_int_equal(utf8_width("\xE3\x80\x80"), 2);  /* ideographic space */
	assert_int_equal(utf8_width("…"), 1);
	assert_int_equal(utf8_width("e\xCC\x81"), 1);      /* e + combining acute */
	assert_int_equal(utf8_width("\xF0\x9F\x98\x80"), 2); /* emoji */
}

static void
utf8_fold_fullwidth_turns_ime_digits_and_dashes_into_ascii(void **state)
{
	char *s;

	(void)state;
	s = utf8_fold_fullwidth("（０７３１）８４９００１３５　—–‒―－−Ｘｘ：");
	assert_string_equal(s, "(0731)84900135 ------Xx:");
	free(s);
	s = utf8_fold_fullwidth("张三\xB0");
	assert_string_equal(s, "张三\xB0");
	free(s);
}

static void
utf8_sanitize_replaces_invalid_bytes_with_replacement_character(void **state)
{
	char *s;

	(void)state;
	s = utf8_sanitize("a\xB0\xA1z");
	assert_string_equal(s, "a\xEF\xBF\xBD\xEF\xBF\xBDz");
	free(s);
}

static void
utf8_sanitize_removes_escape_sequences_controls_and_newlines(void **state)
{
	char *s;

	(void)state;
	s = utf8_sanitize("\x1B[2J\x1B]0;pwned\x07张\t三\r\n\x7F\xC2\x9B" "1m");
	assert_string_equal(s, "[2J]0;pwned张三1m");
	assert_null(strchr(s, 0x1B));
	free(s);
}

static void
utf8_sanitize_removes_bidi_overrides_and_zero_width_characters(void **state)
{
	char *s;

	(void)state;
	/* RLO, LRI, PDI, ZWSP, ZWJ, BOM, ALM, word joiner */
	s = utf8_sanitize("\xE2\x80\xAE" "abc\xE2\x81\xA6x\xE2\x81\xA9"
	    "\xE2\x80\x8B\xE2\x80\x8D\xEF\xBB\xBF\xD8\x9C\xE2\x81\xA0!");
	assert_string_equal(s, "abcx!");
	free(s);
}

static void
utf8_truncate_keeps_text_that_fits(void **state)
{
	char out[64];

	(void)state;
	assert_int_equal(utf8_truncate("张三abc", 7, out, sizeof out), 9);
	assert_string_equal(out, "张三abc");
}

static void
utf8_truncate_cuts_at_character_boundary_and_adds_ellipsis(void **state)
{
	char out[64];

	(void)state;
	utf8_truncate("湖南省长沙市", 7, out, sizeof out);
	assert_string_equal(out, "湖南省…");
	assert_true(utf8_width(out) <= 7);
	utf8_truncate("湖南省长沙市", 6, out, sizeof out);
	assert_string_equal(out, "湖南…");
	utf8_truncate("abcdef", 4, out, sizeof out);
	assert_string_equal(out, "abc…");
	utf8_truncate("湖南", 1, out, sizeof out);
	assert_string_equal(out, "…");
	utf8_truncate("abc", 0, out, sizeof out);
	assert_string_equal(out, "");
}

static void
utf8_truncate_respects_the_output_buffer_size(void **state)
{
	char out[8];

	(void)state;
	utf8_truncate("湖南省长沙市", 80, out, sizeof out);
	assert_string_equal(out, "湖…");
	assert_true(utf8_valid(out));
}

static void
utf8_trim_removes_ascii_and_ideographic_spaces(void **state)
{
	char *s;

	(void)state;
	s = utf8_trim(" \xE3\x80\x80 张 三\t\xE3\x80\x80");
	assert_string_equal(s, "张 三");
	free(s);
}

static void
utf8_fit_pads_and_cuts_by_columns_not_bytes(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(utf8_fit("张军", -6, out, sizeof out), "张军  ");
	assert_string_equal(utf8_fit("张军", 6, out, sizeof out), "  张军");
	assert_string_equal(utf8_fit("abc", -3, out, sizeof out), "abc");
	/* Too wide: cut with an ellipsis, then padded to the exact width. */
	assert_string_equal(utf8_fit("龙王庙村委会", -7, out, sizeof out), "龙王庙…");
	/* A wide character that would not fit whole leaves a column to pad. */
	assert_string_equal(utf8_fit("龙王庙村委会", -8, out, sizeof out), "龙王庙… ");
	assert_int_equal(utf8_width(out), 8);
	/* A small buffer is never overrun. */
	assert_string_equal(utf8_fit("ab", -10, out, 5), "ab  ");
}

/* utf8_sanitize() copies plain text (printable ASCII, U+3000..U+9FFF) as
 * it is, and utf8_trim() looks for spaces from the end: neither may let
 * through what the character-by-character way removes. */
static void
utf8_quick_paths_agree_with_the_careful_ones(void **state)
{
	static const struct {
		const char *in, *sanitized;
	} s[] = {
		{ "湖南省长沙县黄花镇西湖村 A-1", "湖南省长沙县黄花镇西湖村 A-1" },
		{ "张\xE2\x80\x8B三", "张三" },			/* zero width space */
		{ "张三\xEF\xBB\xBF", "张三" },		/* BOM */
		{ "\xE4\xB8", "\xEF\xBF\xBD\xEF\xBF\xBD" },	/* cut sequence */
		{ "\xE9\xBF\xBF\xEA\xB0\x80", "\xE9\xBF\xBF\xEA\xB0\x80" },	/* U+9FFF, U+AC00 */
		{ "\xE3\x80\x80全角", "\xE3\x80\x80全角" },
		{ "tab\there", "tabhere" },
	};
	static const struct {
		const char *in, *trimmed;
	} t[] = {
		{ "张三\xE3\x80\x80\xE3\x80\x80 \t", "张三" },
		{ "\xE3\x80\x80", "" },
		{ "  ", "" },
		{ "\xF0\xE3\x80\x80", "\xF0" },	/* a bad byte, then U+3000 */
		{ "a\xE3\x80", "a\xE3\x80" },		/* not U+3000: cut */
		{ "名\xC2\xA0", "名\xC2\xA0" },		/* no-break space is kept */
	};
	char *out;

	(void)state;
	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		out = utf8_sanitize(s[i].in);
		assert_string_equal(out, s[i].sanitized);
		free(out);
	}
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		out = utf8_trim(t[i].in);
		assert_string_equal(out, t[i].trimmed);
		free(out);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid_accepts_chinese_and_rejects_broken_sequences),
		cmocka_unit_test(utf8_chars_counts_code_points_not_bytes),
		cmocka_unit_test(utf8_width_counts_cjk_and_fullwidth_as_two_columns),
		cmocka_unit_test(utf8_fold_fullwidth_turns_ime_digits_and_dashes_into_ascii),
		cmocka_unit_test(utf8_sanitize_replaces_invalid_bytes_with_replacement_character),
		cmocka_unit_test(utf8_sanitize_removes_escape_sequences_controls_and_newlines),
		cmocka_unit_test(utf8_sanitize_removes_bidi_overrides_and_zero_width_characters),
		cmocka_unit_test(utf8_truncate_keeps_text_that_fits),
		cmocka_unit_test(utf8_truncate_cuts_at_character_boundary_and_adds_ellipsis),
		cmocka_unit_test(utf8_truncate_respects_the_output_buffer_size),
		cmocka_unit_test(utf8_trim_removes_ascii_and_ideographic_spaces),
		cmocka_unit_test(utf8_quick_paths_agree_with_the_careful_ones),
		cmocka_unit_test(utf8_fit_pads_and_cuts_by_columns_not_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
