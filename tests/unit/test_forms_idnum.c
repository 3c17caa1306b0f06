/* Unit tests for forms/idnum.c: GB 11643-1999 citizen ID numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "forms/idnum.h"

#define TODAY "2020-01-28"

/* Parse typed and check it is refused with a message containing want. */
static void
expect_refused(const char *typed, const char *want)
{
	struct idnum id;
	char err[160] = "";

	assert_int_equal(idnum_parse(typed, TODAY, &id, err, sizeof err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", typed, err, want);
}

static void
idnum_check_char_matches_published_vectors(void **state)
{
	(void)state;
	assert_int_equal(idnum_check_char("11010519491231002"), 'X');
	assert_int_equal(idnum_check_char("44052418800101001"), '4');
	assert_int_equal(idnum_check_char("1101051949123100"), 0);
}

/* The check character as GB 11643-1999 defines it, written from the
 * standard rather than from idnum.c's tables: weight W(i) = 2^(17-i) mod 11
 * for the i-th of the 17 digits (0 first), and the check character is
 * (12 - sum mod 11) mod 11, X standing for 10. */
static char
standard_check(const char *first17)
{
	int sum = 0;

	for (int i = 0; i < 17; i++) {
		int w = 1;

		for (int k = 0; k < 17 - i; k++)
			w = w * 2 % 11;
		sum += (first17[i] - '0') * w;
	}
	sum = (12 - sum % 11) % 11;
	return sum == 10 ? 'X' : (char)('0' + sum);
}

/* Every digit 1..9 at every position: the published vectors have zeros
 * where a wrong weight would not show (position 15 of both). */
static void
idnum_check_char_weighs_every_position_as_the_standard(void **state)
{
	char n[18];

	(void)state;
	for (int pos = 0; pos < 17; pos++)
		for (char d = '1'; d <= '9'; d++) {
			memcpy(n, "11010519491231002", 18);
			n[pos] = d;
			if (idnum_check_char(n) != standard_check(n))
				fail_msg("%s: check %c, the standard's %c", n, idnum_check_char(n),
				    standard_check(n));
		}
}

/* A child born today has a valid ID number; one born tomorrow does not. */
static void
idnum_accepts_a_birth_date_of_today(void **state)
{
	struct idnum id;
	char err[160] = "", n[19];

	(void)state;
	memcpy(n, "43012120200128002", 18);
	n[17] = standard_check(n);
	n[18] = '\0';
	assert_int_equal(idnum_parse(n, TODAY, &id, err, sizeof err), 0);
	assert_string_equal(id.birth, TODAY);
	memcpy(n, "43012120200129002", 18);
	n[17] = standard_check(n);
	expect_refused(n, "in the future");
}

static void
idnum_accepts_published_vector_with_x_and_reads_gender_and_birth(void **state)
{
	struct idnum id;
	char err[160];

	(void)state;
	assert_int_equal(idnum_parse("11010519491231002X", TODAY, &id, err,
	    sizeof err), 0);
	assert_string_equal(id.number, "11010519491231002X");
	assert_int_equal(id.gender, 'F');
	assert_string_equal(id.birth, "1949-12-31");
	assert_int_equal(id.province, 11);
}

static void
idnum_accepts_the_standards_1880_example(void **state)
{
	struct idnum id;
	char err[160];

	(void)state;
	assert_int_equal(idnum_parse("440524188001010014", TODAY, &id, err,
	    sizeof err), 0);
	assert_int_equal(id.gender, 'M');
	assert_string_equal(id.birth, "1880-01-01");
	assert_int_equal(id.province, 44);
}

static void
idnum_stores_lowercase_x_as_uppercase(void **state)
{
	struct idnum id;
	char err[160];

	(void)state;
	assert_int_equal(idnum_parse("11010519491231002x", TODAY, &id, err,
	    sizeof err), 0);
	assert_string_equal(id.number, "11010519491231002X");
}

static void
idnum_accepts_fullwidth_digits_and_surrounding_spaces(void **state)
{
	struct idnum id;
	char err[160];

	(void)state;
	assert_int_equal(idnum_parse("　１１０１０５１９４９１２３１００２Ｘ ",
	    TODAY, &id, err, sizeof err), 0);
	assert_string_equal(id.number, "11010519491231002X");
}

static void
idnum_converts_15_digit_numbers_to_18(void **state)
{
	struct idnum id;
	char err[160];

	(void)state;
	assert_int_equal(idnum_parse("110105491231002", TODAY, &id, err,
	    sizeof err), 0);
	assert_string_equal(id.number, "11010519491231002X");
	assert_string_equal(id.birth, "1949-12-31");
}

static void
idnum_rejects_wrong_check_character_and_names_the_right_one(void **state)
{
	(void)state;
	expect_refused("110105194912310021", "check character should be X");
	expect_refused("440524188001010015", "check character should be 4");
}

static void
idnum_rejects_impossible_birth_dates(void **state)
{
	(void)state;
	/* check characters are right, so only the date can be the reason */
	expect_refused("110105190002290017", "19000229 is not a date");
	expect_refused("11010520210229001X", "20210229 is not a date");
	expect_refused("110105199013010018", "19901301 is not a date");
}

static void
idnum_rejects_birth_dates_in_the_future(void **state)
{
	(void)state;
	expect_refused("11010520300101001X", "birth date 20300101 is in the future");
	expect_refused("110105202001290010", "birth date 20200129 is in the future");
}

static void
idnum_rejects_unknown_province_codes(void **state)
{
	(void)state;
	expect_refused("100105194912310028", "10 is not a province code");
	expect_refused("660105194912310027", "66 is not a province code");
}

static void
idnum_rejects_wrong_lengths_counting_characters(void **state)
{
	(void)state;
	expect_refused("11010519491231002", "has 18 characters, this one has 17");
	expect_refused("11010519491231002X1", "this one has 19");
	expect_refused("身份证", "this one has 3");
	expect_refused("", "no ID number");
}

static void
idnum_rejects_letters_and_misplaced_x(void **state)
{
	(void)state;
	expect_refused("1101051949123100AX", "character 17 is not a digit");
	expect_refused("1101051949X231002X", "only the last");
	expect_refused("110105 19491231002", "character 7 is not a digit");
}

static void
idnum_province_name_knows_the_real_codes(void **state)
{
	(void)state;
	assert_string_equal(idnum_province_name(43), "湖南省");
	assert_string_equal(idnum_province_name(42), "湖北省");
	assert_string_equal(idnum_province_name(82), "澳门特别行政区");
	assert_null(idnum_province_name(44 + 1000));
	assert_null(idnum_province_name(16));
	assert_null(idnum_province_name(83));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(idnum_check_char_matches_published_vectors),
		cmocka_unit_test(idnum_check_char_weighs_every_position_as_the_standard),
		cmocka_unit_test(idnum_accepts_a_birth_date_of_today),
		cmocka_unit_test(idnum_accepts_published_vector_with_x_and_reads_gender_and_birth),
		cmocka_unit_test(idnum_accepts_the_standards_1880_example),
		cmocka_unit_test(idnum_stores_lowercase_x_as_uppercase),
		cmocka_unit_test(idnum_accepts_fullwidth_digits_and_surrounding_spaces),
		cmocka_unit_test(idnum_converts_15_digit_numbers_to_18),
		cmocka_unit_test(idnum_rejects_wrong_check_character_and_names_the_right_one),
		cmocka_unit_test(idnum_rejects_impossible_birth_dates),
		cmocka_unit_test(idnum_rejects_birth_dates_in_the_future),
		cmocka_unit_test(idnum_rejects_unknown_province_codes),
		cmocka_unit_test(idnum_rejects_wrong_lengths_counting_characters),
		cmocka_unit_test(idnum_rejects_letters_and_misplaced_x),
		cmocka_unit_test(idnum_province_name_knows_the_real_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
