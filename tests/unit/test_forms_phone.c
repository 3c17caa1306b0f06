/* Unit tests for forms/phone.cc: libphonenumber's real verdicts, as the
 * investigators type numbers. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "forms/phone.h"

#define CHANGSHA_FIXED_REGION "湖南省长沙市、湘潭市、株州市"

/* Parse typed (area code 0731) and check every field of a valid result. */
static void
expect_valid(const char *typed, enum phone_kind kind, int foreign,
    const char *e164, const char *display, const char *region)
{
	struct phone p;

	if (phone_parse(typed, "0731", &p) != 0)
		fail_msg("'%s' refused: %s", typed, p.reason);
	assert_int_equal(p.valid, 1);
	assert_string_equal(p.reason, "");
	assert_int_equal(p.kind, kind);
	assert_int_equal(p.foreign, foreign);
	assert_string_equal(p.e164, e164);
	assert_string_equal(p.display, display);
	assert_string_equal(p.region, region);
}

/* Expect the Changsha mobile 13574895655. */
static void
expect_mobile(const char *typed)
{
	expect_valid(typed, PHONE_KIND_MOBILE, 0, "+8613574895655",
	    "13574895655", "湖南省长沙市");
}

/* Expect the Changsha fixed line 0731-84900135. */
static void
expect_changsha_fixed(const char *typed)
{
	expect_valid(typed, PHONE_KIND_FIXED, 0, "+8673184900135",
	    "0731-84900135", CHANGSHA_FIXED_REGION);
}

/* Parse typed with area_code and check it is refused for reason want. */
static void
expect_refused_with(const char *typed, const char *area_code, const char *want)
{
	struct phone p;

	assert_int_equal(phone_parse(typed, area_code, &p), -1);
	assert_int_equal(p.valid, 0);
	assert_string_equal(p.e164, "");
	if (strstr(p.reason, want) == NULL)
		fail_msg("'%s': reason '%s' lacks '%s'", typed, p.reason, want);
}

/* A + is the international prefix only in front: inside a number it is
 * a typo, never a reason to read the digits as a foreign number. */
static void
phone_refuses_a_plus_after_digits(void **state)
{
	(void)state;
	expect_refused_with("1357489+5655", "0731", "unexpected character");
	expect_refused_with("86+13574895655", "0731", "unexpected character");
	expect_refused_with("13574895655+", "0731", "unexpected character");
}

static void
phone_accepts_a_plain_mobile_and_geocodes_it(void **state)
{
	(void)state;
	expect_mobile("13574895655");
	expect_mobile("  135 7489 5655 ");
	expect_mobile("135-7489-5655");
	expect_valid("13800138000", PHONE_KIND_MOBILE, 0, "+8613800138000",
	    "13800138000", "北京市");
}

static void
phone_accepts_country_code_forms_of_a_mobile(void **state)
{
	(void)state;
	expect_mobile("+86 135 7489 5655");
	expect_mobile("+8613574895655");
	expect_mobile("0086 135 7489 5655");
	expect_mobile("008613574895655");
	expect_mobile("86-135-7489-5655");
	expect_mobile("86-13574895655");
}

static void
phone_accepts_fullwidth_digits_and_punctuation(void **state)
{
	(void)state;
	expect_mobile("１３５７４８９５６５５");
	expect_mobile("＋８６　１３５　７４８９　５６５５");
	expect_changsha_fixed("０７３１－８４９００１３５");
}

static void
phone_accepts_fixed_line_with_parentheses_and_dashes(void **state)
{
	(void)state;
	expect_changsha_fixed("0731-84900135");
	expect_changsha_fixed("(0731)84900135");
	expect_changsha_fixed("（0731）84900135");
	expect_changsha_fixed("0731—84900135");
	expect_changsha_fixed("0731–84900135");
	expect_changsha_fixed("0731 8490 0135");
	expect_changsha_fixed("073184900135");
	expect_changsha_fixed("+86 731 84900135");
	expect_valid("010-12345678", PHONE_KIND_FIXED, 0, "+861012345678",
	    "010-12345678", "北京市");
	expect_valid("0755-12345678", PHONE_KIND_FIXED, 0, "+8675512345678",
	    "0755-12345678", "广东省深圳市");
}

static void
phone_gives_a_local_number_the_configured_area_code(void **state)
{
	struct phone p;

	(void)state;
	expect_changsha_fixed("84900135");
	expect_changsha_fixed("8490 0135");
	assert_int_equal(phone_parse("84900135", "731", &p), 0);
	assert_string_equal(p.display, "0731-84900135");
	assert_int_equal(phone_parse("62345678", "021", &p), 0);
	assert_string_equal(p.display, "021-62345678");
	assert_string_equal(p.region, "上海市");
}

static void
phone_refuses_a_local_number_without_area_code(void **state)
{
	(void)state;
	expect_refused_with("84900135", NULL, "no area code: type it as 0731-84900135");
	expect_refused_with("84900135", "", "no area code");
	expect_refused_with("84900135", "07a1", "no area code");
}

static void
phone_explains_a_local_number_that_does_not_fit_the_area_code(void **state)
{
	(void)state;
	/* Changsha numbers have 8 digits */
	expect_refused_with("8490013", "0731",
	    "not a valid local number for area code 0731");
}

static void
phone_keeps_extensions_apart(void **state)
{
	struct phone p;

	(void)state;
	assert_int_equal(phone_parse("0731-84900135转123", NULL, &p), 0);
	assert_string_equal(p.display, "0731-84900135");
	assert_string_equal(p.e164, "+8673184900135");
	assert_string_equal(p.extension, "123");
	assert_int_equal(phone_parse("0731-84900135 ext. 45", NULL, &p), 0);
	assert_string_equal(p.extension, "45");
	assert_int_equal(phone_parse("0731-84900135 EXT 45", NULL, &p), 0);
	assert_string_equal(p.extension, "45");
	assert_int_equal(phone_parse("0731-84900135x6", NULL, &p), 0);
	assert_string_equal(p.extension, "6");
	assert_int_equal(phone_parse("84900135分机８８", "0731", &p), 0);
	assert_string_equal(p.display, "0731-84900135");
	assert_string_equal(p.extension, "88");
	assert_int_equal(phone_parse("13574895655", NULL, &p), 0);
	assert_string_equal(p.extension, "");
}

static void
phone_refuses_bad_extensions(void **state)
{
	(void)state;
	expect_refused_with("0731-84900135转", NULL, "no extension");
	expect_refused_with("0731-84900135转12a", NULL, "letters are not allowed");
	expect_refused_with("0731-84900135转1-2", NULL, "digits only");
	expect_refused_with("0731-84900135转1234567890123456", NULL, "too long");
	expect_refused_with("0731-8490013转12", NULL, "not a valid number");
}

static void
phone_never_reads_letters_as_digits(void **state)
{
	(void)state;
	expect_refused_with("1357489565O", "0731", "letters are not allowed");
	expect_refused_with("135 abcd 5655", "0731", "letters are not allowed");
	expect_refused_with("400-FLOWERS", "0731", "letters are not allowed");
	expect_refused_with("1.3574895655E10", "0731", "letters are not allowed");
	expect_refused_with("tel:13574895655", "0731", "letters are not allowed");
}

static void
phone_refuses_excel_decimal_forms(void **state)
{
	(void)state;
	expect_refused_with("13574895655.0", "0731", "unexpected character");
}

static void
phone_refuses_several_numbers_in_one_field(void **state)
{
	(void)state;
	expect_refused_with("13574895655/13800138000", "0731", "one number at a time");
	expect_refused_with("13574895655、13800138000", "0731", "one number at a time");
	expect_refused_with("13574895655，13800138000", "0731", "one number at a time");
}

static void
phone_explains_too_short_and_too_long_mobiles(void **state)
{
	(void)state;
	expect_refused_with("1357489565", "0731",
	    "too short: a mobile number has 11 digits starting with 1");
	expect_refused_with("1357489", "0731", "too short: a mobile number has 11 digits");
	expect_refused_with("135748956555", "0731",
	    "too long: a mobile number has 11 digits starting with 1");
	expect_refused_with("+86 1357489565", "0731", "too short: a mobile");
	expect_refused_with("123456789012345678901", "0731", "too long");
}

static void
phone_explains_invalid_fixed_lines_and_mobiles(void **state)
{
	(void)state;
	expect_refused_with("0731-8490013", "0731", "not a valid number");
	expect_refused_with("010-1234567", "0731", "not a valid number");
	expect_refused_with("12345678901", "0731", "not a valid mobile number");
	expect_refused_with("12345", "0731", "too short");
}

static void
phone_refuses_empty_and_punctuation_only_input(void **state)
{
	(void)state;
	expect_refused_with("", "0731", "no number");
	expect_refused_with("   ", "0731", "no number");
	expect_refused_with(NULL, "0731", "no number");
	expect_refused_with("--()", "0731", "no digits");
	expect_refused_with("138\xB0\xA1", "0731", "unexpected character");
	expect_refused_with("手机13574895655", "0731", "unexpected character");
}

static void
phone_accepts_valid_foreign_numbers_as_foreign(void **state)
{
	(void)state;
	expect_valid("+85291234567", PHONE_KIND_MOBILE, 1, "+85291234567",
	    "+85291234567", "中国香港特别行政区");
	expect_valid("00852 9123 4567", PHONE_KIND_MOBILE, 1, "+85291234567",
	    "+85291234567", "中国香港特别行政区");
	expect_valid("+853 6612 3456", PHONE_KIND_MOBILE, 1, "+85366123456",
	    "+85366123456", "中国澳门特别行政区");
	expect_valid("+44 20 7946 0958", PHONE_KIND_FIXED, 1, "+442079460958",
	    "+442079460958", "英国");
	expect_valid("+1 650 253 0000", PHONE_KIND_OTHER, 1, "+16502530000",
	    "+16502530000", "美国");
}

static void
phone_refuses_numbers_valid_in_no_country(void **state)
{
	(void)state;
	expect_refused_with("+852 1234", "0731", "too short");
	expect_refused_with("+852 1234 5678", "0731", "not a Chinese number");
	expect_refused_with("+999 12345678", "0731", "not a Chinese number");
}

static void
phone_shows_other_chinese_numbers_as_national_digits(void **state)
{
	(void)state;
	expect_valid("400-123-4567", PHONE_KIND_OTHER, 0, "+864001234567",
	    "4001234567", "中国");
	expect_valid("800-810-8888", PHONE_KIND_OTHER, 0, "+868008108888",
	    "8008108888", "中国");
}

static void
phone_kind_name_names_each_kind(void **state)
{
	(void)state;
	assert_string_equal(phone_kind_name(PHONE_KIND_MOBILE), "mobile");
	assert_string_equal(phone_kind_name(PHONE_KIND_FIXED), "fixed");
	assert_string_equal(phone_kind_name(PHONE_KIND_OTHER), "other");
}

/* Parse a mix of numbers many times; returns the number of wrong results. */
static void *
parse_many(void *arg)
{
	static const char *const typed[] = { "13574895655", "0731-84900135",
	    "+85291234567", "1357489565" };
	long wrong = 0;
	int i;

	(void)arg;
	for (i = 0; i < 400; i++) {
		struct phone p;
		int rc = phone_parse(typed[i % 4], "0731", &p);
		if (rc != (i % 4 == 3 ? -1 : 0))
			wrong++;
	}
	return (void *)wrong;
}

static void
phone_parse_works_from_two_threads_at_once(void **state)
{
	pthread_t a, b;
	void *ra, *rb;

	(void)state;
	assert_int_equal(pthread_create(&a, NULL, parse_many, NULL), 0);
	assert_int_equal(pthread_create(&b, NULL, parse_many, NULL), 0);
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	assert_null(ra);
	assert_null(rb);
}

static void
phone_library_prints_nothing_on_the_terminal(void **state)
{
	static const char *const typed[] = { "+999 1", "+", "++86", "0000",
	    "+86", "00", "+8600000000000000", "84900135", "x1", "转1" };
	FILE *capture = tmpfile();
	int saved_out, saved_err;
	struct phone p;
	size_t i;

	(void)state;
	assert_non_null(capture);
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(1);
	saved_err = dup(2);
	dup2(fileno(capture), 1);
	dup2(fileno(capture), 2);
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++)
		phone_parse(typed[i], NULL, &p);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	fseek(capture, 0, SEEK_END);
	assert_int_equal(ftell(capture), 0);
	fclose(capture);
}

/* phone_parse() (prefix cache) and phone_parse_uncached() agree on typed,
 * both when the cache is cold and when it answers. */
static void
expect_cache_agrees(const char *typed, const char *area_code)
{
	struct phone u, c;

	phone_parse_uncached(typed, area_code, &u);
	for (int round = 0; round < 2; round++) {
		int rc = phone_parse(typed, area_code, &c);
		if (rc != (u.valid ? 0 : -1) || memcmp(&u, &c, sizeof u) != 0)
			fail_msg("'%s' (round %d): cached '%s' '%s' '%s' '%s', uncached '%s' '%s' '%s' '%s'",
			    typed, round, c.e164, c.display, c.region, c.reason,
			    u.e164, u.display, u.region, u.reason);
	}
}

static void
phone_cache_answers_as_libphonenumber_for_every_kind_of_number(void **state)
{
	static const char *const typed[] = {
		"13574895655", "13574895656", "135 7489 5600", "１３５７４８９５６５５",
		"13574895655转12", "13574895699 ext 7", "+8613574895655", "008613574895655",
		"17012345678", "17012345679", "17091234567", "19912345678", "19912345600",
		"19212345678", "14012345678", "14012345000", "10012345678", "10012345677",
		"11012345678", "11912345678", "12012345678", "12593123456", "17951123456",
		"17951123457", "16612345678", "18612345678", "1861234567", "186123456789",
		"10123456789", "01084900135", "0731-84900135", "84900135", "4008123123",
		"+85291234567", "+12015550123", "+447911123456", "+999 1", "1", "1x",
	};
	const char *areas[] = { "0731", NULL };

	(void)state;
	for (size_t a = 0; a < 2; a++)
		for (size_t i = 0; i < sizeof typed / sizeof typed[0]; i++)
			expect_cache_agrees(typed[i], areas[a]);
}

/* A sample of the check tests/slow/phone_prefixes.c makes for every
 * prefix: numbers sharing their first 7 digits get the same answer. */
static void
phone_cache_answers_as_libphonenumber_for_a_sample_of_prefixes(void **state)
{
	unsigned seed = 1;
	char num[32];

	(void)state;
	for (long p = 1000000; p <= 1999999; p += 331) {
		for (int i = 0; i < 3; i++) {
			snprintf(num, sizeof num, "%07ld%04u", p, rand_r(&seed) % 10000);
			expect_cache_agrees(num, NULL);
		}
	}
}

static void *
parse_prefixes(void *arg)
{
	long wrong = 0;
	unsigned seed = (unsigned)(uintptr_t)arg;

	for (int i = 0; i < 2000; i++) {
		struct phone u, c;
		char num[32];
		snprintf(num, sizeof num, "1%02u%08u", 30 + rand_r(&seed) % 70,
		    rand_r(&seed) % 100000000);
		phone_parse(num, NULL, &c);
		phone_parse_uncached(num, NULL, &u);
		wrong += memcmp(&u, &c, sizeof u) != 0;
	}
	return (void *)wrong;
}

static void
phone_cache_works_from_two_threads_at_once(void **state)
{
	pthread_t a, b;
	void *ra, *rb;

	(void)state;
	assert_int_equal(pthread_create(&a, NULL, parse_prefixes, (void *)1), 0);
	assert_int_equal(pthread_create(&b, NULL, parse_prefixes, (void *)2), 0);
	pthread_join(a, &ra);
	pthread_join(b, &rb);
	assert_null(ra);
	assert_null(rb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(phone_library_prints_nothing_on_the_terminal),
		cmocka_unit_test(phone_accepts_a_plain_mobile_and_geocodes_it),
		cmocka_unit_test(phone_accepts_country_code_forms_of_a_mobile),
		cmocka_unit_test(phone_accepts_fullwidth_digits_and_punctuation),
		cmocka_unit_test(phone_accepts_fixed_line_with_parentheses_and_dashes),
		cmocka_unit_test(phone_gives_a_local_number_the_configured_area_code),
		cmocka_unit_test(phone_refuses_a_local_number_without_area_code),
		cmocka_unit_test(phone_explains_a_local_number_that_does_not_fit_the_area_code),
		cmocka_unit_test(phone_keeps_extensions_apart),
		cmocka_unit_test(phone_refuses_bad_extensions),
		cmocka_unit_test(phone_never_reads_letters_as_digits),
		cmocka_unit_test(phone_refuses_excel_decimal_forms),
		cmocka_unit_test(phone_refuses_several_numbers_in_one_field),
		cmocka_unit_test(phone_explains_too_short_and_too_long_mobiles),
		cmocka_unit_test(phone_explains_invalid_fixed_lines_and_mobiles),
		cmocka_unit_test(phone_refuses_empty_and_punctuation_only_input),
		cmocka_unit_test(phone_accepts_valid_foreign_numbers_as_foreign),
		cmocka_unit_test(phone_refuses_numbers_valid_in_no_country),
		cmocka_unit_test(phone_shows_other_chinese_numbers_as_national_digits),
		cmocka_unit_test(phone_kind_name_names_each_kind),
		cmocka_unit_test(phone_parse_works_from_two_threads_at_once),
		cmocka_unit_test(phone_cache_answers_as_libphonenumber_for_every_kind_of_number),
		cmocka_unit_test(phone_refuses_a_plus_after_digits),
		cmocka_unit_test(phone_cache_answers_as_libphonenumber_for_a_sample_of_prefixes),
		cmocka_unit_test(phone_cache_works_from_two_threads_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
