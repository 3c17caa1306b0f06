/* Unit tests for forms/dates.c: dates, times and temperatures as typed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "forms/dates.h"

#define TODAY "2020-01-28"

/* Parse typed against TODAY and check the canonical result. */
static void
expect_date(const char *typed, const char *want)
{
	char out[11] = "", err[160] = "";

	if (date_parse(typed, TODAY, out, err, sizeof err) != 0)
		fail_msg("'%s' refused: %s", typed, err);
	assert_string_equal(out, want);
}

/* Parse typed and check it is refused with a message containing want. */
static void
expect_date_error(const char *typed, const char *want)
{
	char out[11] = "", err[160] = "";

	assert_int_equal(date_parse(typed, TODAY, out, err, sizeof err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", typed, err, want);
}

static void
date_parse_accepts_iso_slash_dot_and_compact_forms(void **state)
{
	(void)state;
	expect_date("2020-01-26", "2020-01-26");
	expect_date("2020/1/26", "2020-01-26");
	expect_date("2020.1.26", "2020-01-26");
	expect_date("20200126", "2020-01-26");
	expect_date("  2020-1-6 ", "2020-01-06");
}

static void
date_parse_accepts_chinese_forms(void **state)
{
	(void)state;
	expect_date("2020年1月26日", "2020-01-26");
	expect_date("2020年1月26号", "2020-01-26");
	expect_date("2020年1月26", "2020-01-26");
	expect_date("1月26日", "2020-01-26");
	expect_date("12月3号", "2020-12-03");
}

static void
date_parse_takes_the_year_of_today_for_month_and_day(void **state)
{
	(void)state;
	expect_date("1-26", "2020-01-26");
	expect_date("1/26", "2020-01-26");
}

static void
date_parse_accepts_fullwidth_digits_and_dashes(void **state)
{
	(void)state;
	expect_date("２０２０－０１－２６", "2020-01-26");
	expect_date("２０２０年１月２６日", "2020-01-26");
	expect_date("２０２０／１／２６", "2020-01-26");
}

static void
date_parse_understands_relative_words(void **state)
{
	(void)state;
	expect_date("今天", "2020-01-28");
	expect_date("昨天", "2020-01-27");
	expect_date("前天", "2020-01-26");
	expect_date("明天", "2020-01-29");
	expect_date("today", "2020-01-28");
	expect_date("Yesterday", "2020-01-27");
}

static void
date_parse_rejects_impossible_dates_and_names_them(void **state)
{
	(void)state;
	expect_date_error("2020-02-30", "2020-02-30 is not a date");
	expect_date_error("2019-02-29", "2019-02-29 is not a date");
	expect_date_error("20201301", "2020-13-01 is not a date");
	expect_date_error("2月30日", "2020-02-30 is not a date");
}

static void
date_parse_rejects_shapes_it_does_not_know(void **state)
{
	(void)state;
	expect_date_error("", "no date");
	expect_date_error("2020-01/26", "not a date");
	expect_date_error("20-1-26", "not a date");
	expect_date_error("1.26", "not a date");
	expect_date_error("next week", "not a date");
	expect_date_error("2020-01-26x", "not a date");
	expect_date_error("1850-01-01", "out of range");
}

static void
date_parse_without_today_refuses_relative_forms(void **state)
{
	char out[11], err[160];

	(void)state;
	assert_int_equal(date_parse("昨天", NULL, out, err, sizeof err), -1);
	assert_int_equal(date_parse("1-26", NULL, out, err, sizeof err), -1);
	assert_int_equal(date_parse("2020-01-26", NULL, out, err, sizeof err), 0);
}

static void
date_add_days_crosses_months_leap_days_and_years(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(date_add_days("2020-01-26", 14, out), 0);
	assert_string_equal(out, "2020-02-09");
	assert_int_equal(date_add_days("2020-02-20", 14, out), 0);
	assert_string_equal(out, "2020-03-05");
	assert_int_equal(date_add_days("2019-12-25", 14, out), 0);
	assert_string_equal(out, "2020-01-08");
	assert_int_equal(date_add_days("2020-03-01", -1, out), 0);
	assert_string_equal(out, "2020-02-29");
	assert_int_equal(date_add_days("2020-02-30", 1, out), -1);
}

static void
date_cmp_orders_canonical_dates(void **state)
{
	(void)state;
	assert_true(date_cmp("2020-01-26", "2020-02-01") < 0);
	assert_true(date_cmp("2020-02-01", "2020-01-26") > 0);
	assert_int_equal(date_cmp("2020-01-26", "2020-01-26"), 0);
}

/* Parse a time and check the canonical result. */
static void
expect_time(const char *typed, const char *want)
{
	char out[6] = "", err[160] = "";

	if (time_parse(typed, out, err, sizeof err) != 0)
		fail_msg("'%s' refused: %s", typed, err);
	assert_string_equal(out, want);
}

static void
time_parse_accepts_colon_and_chinese_forms(void **state)
{
	(void)state;
	expect_time("9:05", "09:05");
	expect_time("09:05", "09:05");
	expect_time("9点5分", "09:05");
	expect_time("9点05", "09:05");
	expect_time("9点", "09:00");
	expect_time("21时30分", "21:30");
	expect_time("9点半", "09:30");
	expect_time("９：０５", "09:05");
}

static void
time_parse_rejects_impossible_times(void **state)
{
	char out[6], err[160];

	(void)state;
	assert_int_equal(time_parse("24:00", out, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a time of day"));
	assert_int_equal(time_parse("9:60", out, err, sizeof err), -1);
	assert_int_equal(time_parse("9:5", out, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a time"));
	assert_int_equal(time_parse("nine", out, err, sizeof err), -1);
	assert_int_equal(time_parse("", out, err, sizeof err), -1);
}

/* Parse a temperature and check it. */
static void
expect_temperature(const char *typed, double want)
{
	char err[160] = "";
	double t = 0;

	if (temperature_parse(typed, &t, err, sizeof err) != 0)
		fail_msg("'%s' refused: %s", typed, err);
	assert_true(t > want - 0.001 && t < want + 0.001);
}

static void
temperature_parse_accepts_units_fullwidth_digits_and_ime_full_stop(void **state)
{
	(void)state;
	expect_temperature("37.8", 37.8);
	expect_temperature("37", 37.0);
	expect_temperature("37.8℃", 37.8);
	expect_temperature("37.8 °C", 37.8);
	expect_temperature("37.8度", 37.8);
	expect_temperature("３７．８", 37.8);
	expect_temperature("37。8", 37.8);
	expect_temperature("35.0", 35.0);
	expect_temperature("42.0", 42.0);
}

/* Check a temperature is refused with a message containing want. */
static void
expect_temperature_error(const char *typed, const char *want)
{
	char err[160] = "";
	double t;

	assert_int_equal(temperature_parse(typed, &t, err, sizeof err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("'%s': message '%s' lacks '%s'", typed, err, want);
}

static void
temperature_parse_rejects_out_of_range_comma_and_two_decimals(void **state)
{
	(void)state;
	expect_temperature_error("34.9", "34.9 is not a body temperature");
	expect_temperature_error("42.1", "42.1 is not a body temperature");
	expect_temperature_error("98.6", "98.6 is not a body temperature");
	expect_temperature_error("37,8", "use a point");
	expect_temperature_error("37.85", "one decimal");
	expect_temperature_error("37.", "not a temperature");
	expect_temperature_error("high", "not a temperature");
	expect_temperature_error("", "not a temperature");
}

static void
temperature_format_gives_one_decimal(void **state)
{
	char out[8];

	(void)state;
	temperature_format(37.8, out);
	assert_string_equal(out, "37.8");
	temperature_format(37.0, out);
	assert_string_equal(out, "37.0");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(date_parse_accepts_iso_slash_dot_and_compact_forms),
		cmocka_unit_test(date_parse_accepts_chinese_forms),
		cmocka_unit_test(date_parse_takes_the_year_of_today_for_month_and_day),
		cmocka_unit_test(date_parse_accepts_fullwidth_digits_and_dashes),
		cmocka_unit_test(date_parse_understands_relative_words),
		cmocka_unit_test(date_parse_rejects_impossible_dates_and_names_them),
		cmocka_unit_test(date_parse_rejects_shapes_it_does_not_know),
		cmocka_unit_test(date_parse_without_today_refuses_relative_forms),
		cmocka_unit_test(date_add_days_crosses_months_leap_days_and_years),
		cmocka_unit_test(date_cmp_orders_canonical_dates),
		cmocka_unit_test(time_parse_accepts_colon_and_chinese_forms),
		cmocka_unit_test(time_parse_rejects_impossible_times),
		cmocka_unit_test(temperature_parse_accepts_units_fullwidth_digits_and_ime_full_stop),
		cmocka_unit_test(temperature_parse_rejects_out_of_range_comma_and_two_decimals),
		cmocka_unit_test(temperature_format_gives_one_decimal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
