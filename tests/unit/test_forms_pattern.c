/* Unit tests for forms/pattern.c: anchored PCRE2 field constraints. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "forms/pattern.h"

static void
pattern_matches_the_whole_string_only(void **state)
{
	struct pattern *p;
	char err[160];

	(void)state;
	p = pattern_new("[0-9]{3}", "three digits", err, sizeof err);
	assert_non_null(p);
	assert_true(pattern_match(p, "123"));
	assert_false(pattern_match(p, "1234"));
	assert_false(pattern_match(p, "x123"));
	assert_false(pattern_match(p, "12"));
	assert_false(pattern_match(p, "123\n"));
	pattern_free(p);
}

static void
pattern_alternation_is_anchored_as_a_whole(void **state)
{
	struct pattern *p = pattern_new("ab|cd", NULL, NULL, 0);

	(void)state;
	assert_non_null(p);
	assert_true(pattern_match(p, "ab"));
	assert_true(pattern_match(p, "cd"));
	assert_false(pattern_match(p, "abcd"));
	assert_false(pattern_match(p, "xcd"));
	pattern_free(p);
}

static void
pattern_understands_chinese_characters_as_characters(void **state)
{
	struct pattern *p;

	(void)state;
	p = pattern_new("\\p{Han}{2,4}(市|县|区)", "a city", NULL, 0);
	assert_non_null(p);
	assert_true(pattern_match(p, "武汉市"));
	assert_true(pattern_match(p, "黄冈市"));
	assert_false(pattern_match(p, "wuhan"));
	pattern_free(p);
	p = pattern_new(".{2}", NULL, NULL, 0);
	assert_true(pattern_match(p, "湖北"));
	assert_false(pattern_match(p, "湖"));
	pattern_free(p);
	p = pattern_new("\\w+", NULL, NULL, 0);
	assert_true(pattern_match(p, "湖北abc"));
	pattern_free(p);
}

static void
pattern_refuses_invalid_utf8_subjects(void **state)
{
	struct pattern *p = pattern_new(".*", NULL, NULL, 0);

	(void)state;
	assert_true(pattern_match(p, "anything 湖北"));
	assert_false(pattern_match(p, "\xB0\xA1"));
	pattern_free(p);
}

static void
pattern_new_reports_a_bad_regex_with_its_position(void **state)
{
	char err[160] = "";

	(void)state;
	assert_null(pattern_new("ab(c", "x", err, sizeof err));
	assert_non_null(strstr(err, "bad constraint pattern at character"));
	assert_null(pattern_new("a{2,1}", NULL, NULL, 0));
}

static void
pattern_message_returns_the_given_message(void **state)
{
	struct pattern *p = pattern_new("x", "type x", NULL, 0);

	(void)state;
	assert_string_equal(pattern_message(p), "type x");
	pattern_free(p);
	p = pattern_new("x", NULL, NULL, 0);
	assert_string_equal(pattern_message(p), "");
	pattern_free(p);
	pattern_free(NULL);
}

static void
pattern_gives_up_on_catastrophic_backtracking(void **state)
{
	struct pattern *p = pattern_new("(a+)+b", NULL, NULL, 0);

	(void)state;
	assert_false(pattern_match(p, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac"));
	pattern_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pattern_matches_the_whole_string_only),
		cmocka_unit_test(pattern_alternation_is_anchored_as_a_whole),
		cmocka_unit_test(pattern_understands_chinese_characters_as_characters),
		cmocka_unit_test(pattern_refuses_invalid_utf8_subjects),
		cmocka_unit_test(pattern_new_reports_a_bad_regex_with_its_position),
		cmocka_unit_test(pattern_message_returns_the_given_message),
		cmocka_unit_test(pattern_gives_up_on_catastrophic_backtracking),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
