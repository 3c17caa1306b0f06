/* test_pinyin.c -- typed pinyin against Chinese names. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "db/pinyin.h"

/* Does cp have reading r? */
static int
has_reading(uint32_t cp, const char *r)
{
	const char *v[16];
	size_t n = pinyin_readings(cp, v, 16);

	for (size_t i = 0; i < n && i < 16; i++)
		if (strcmp(v[i], r) == 0)
			return 1;
	return 0;
}

static void
every_reading_of_a_character_is_in_the_table(void **state)
{
	(void)state;
	assert_true(has_reading(0x66FE, "zeng"));	/* 曾 */
	assert_true(has_reading(0x66FE, "ceng"));
	assert_true(has_reading(0x5355, "dan"));	/* 单 */
	assert_true(has_reading(0x5355, "shan"));
	assert_true(has_reading(0x5355, "chan"));
	assert_true(has_reading(0x89E3, "jie"));	/* 解 */
	assert_true(has_reading(0x89E3, "xie"));
	assert_true(has_reading(0x5F20, "zhang"));	/* 张 */
	assert_true(has_reading(0x5415, "lv"));		/* 吕: ü as v and u */
	assert_true(has_reading(0x5415, "lu"));
	assert_int_equal(pinyin_readings('a', NULL, 0), 0);
	assert_int_equal(pinyin_readings(0x10FFFF, NULL, 0), 0);
}

static void
initials_full_spaced_and_mixed_pinyin_find_zhang_jun(void **state)
{
	(void)state;
	assert_true(pinyin_match("张军", "zj"));
	assert_true(pinyin_match("张军", "zhangjun"));
	assert_true(pinyin_match("张军", "zhang jun"));
	assert_true(pinyin_match("张军", "zhangj"));
	assert_true(pinyin_match("张军", "zjun"));
	assert_true(pinyin_match("张军", "zhj"));
	assert_true(pinyin_match("张军", "ZJ"));
	assert_true(pinyin_match("张军", "z"));
	assert_true(pinyin_match("张军", "zhang"));
	assert_true(pinyin_match("张军", "ｚｊ"));	/* typed full-width */
}

static void
any_reading_counts_for_polyphonic_surnames(void **state)
{
	(void)state;
	assert_true(pinyin_match("曾国藩", "zeng"));
	assert_true(pinyin_match("曾国藩", "ceng"));
	assert_true(pinyin_match("曾国藩", "zgf"));
	assert_true(pinyin_match("曾国藩", "cgf"));
	assert_true(pinyin_match("单雄信", "shan"));
	assert_true(pinyin_match("单雄信", "dan"));
	assert_true(pinyin_match("单雄信", "sxx"));
	assert_true(pinyin_match("解缙", "xiejin"));
	assert_true(pinyin_match("吕布", "lvbu"));
	assert_true(pinyin_match("吕布", "lübu"));
	assert_true(pinyin_match("吕布", "lubu"));
}

static void
a_query_that_does_not_spell_the_name_from_its_start_does_not_match(void **state)
{
	(void)state;
	assert_false(pinyin_match("李军", "zj"));
	assert_false(pinyin_match("张军", "jun"));		/* not from the first character */
	assert_false(pinyin_match("张军", "zjx"));		/* more than the name */
	assert_false(pinyin_match("张建国", "zhangjun"));
	assert_false(pinyin_match("张军", "zhangjunn"));
	assert_false(pinyin_match("张军", "zahngjun"));
	assert_false(pinyin_match("张军", ""));
	assert_false(pinyin_match("张军", "  "));
	assert_false(pinyin_match("张军", "z1"));		/* digits are not pinyin */
	assert_false(pinyin_match("曾国藩", "seng"));
	assert_false(pinyin_match("", "z"));
}

static void
prefixes_of_longer_names_and_separators_in_names(void **state)
{
	(void)state;
	assert_true(pinyin_match("张建国", "zj"));		/* the query may stop early */
	assert_true(pinyin_match("欧阳修", "oyx"));
	assert_true(pinyin_match("买买提·艾力", "mmtal"));	/* 间隔号 skipped */
	assert_true(pinyin_match("Tom李", "toml"));		/* Latin letters stand for themselves */
}

static void
the_first_character_filter_agrees_with_the_match(void **state)
{
	(void)state;
	assert_true(pinyin_match_first(0x5F20, "zhangjun"));	/* 张 */
	assert_true(pinyin_match_first(0x66FE, "c"));		/* 曾 ceng */
	assert_false(pinyin_match_first(0x674E, "zj"));	/* 李 */
	assert_false(pinyin_match_first(0x5F20, "123"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_reading_of_a_character_is_in_the_table),
		cmocka_unit_test(initials_full_spaced_and_mixed_pinyin_find_zhang_jun),
		cmocka_unit_test(any_reading_counts_for_polyphonic_surnames),
		cmocka_unit_test(a_query_that_does_not_spell_the_name_from_its_start_does_not_match),
		cmocka_unit_test(prefixes_of_longer_names_and_separators_in_names),
		cmocka_unit_test(the_first_character_filter_agrees_with_the_match),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
