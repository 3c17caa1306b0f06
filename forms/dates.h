/*
 * dates.h - dates, times of day and body temperatures as people type them.
 *
 * Canonical forms: date "YYYY-MM-DD", time "HH:MM", temperature in tenths
 * of a degree Celsius shown with one decimal ("37.8").  Parsers return 0
 * when the input was understood, -1 otherwise with a message in err saying
 * what is wrong and how to type it.  `today` is "YYYY-MM-DD" in the
 * caller's time zone (Asia/Shanghai for paicha); these functions never read
 * the clock.
 */
#ifndef PAICHA_FORMS_DATES_H
#define PAICHA_FORMS_DATES_H

#include <stddef.h>

/* 1 if y-m-d is a day of the Gregorian calendar. */
int date_valid(int y, int m, int d);

/* Split a canonical "YYYY-MM-DD"; 0 ok, -1 if it is not exactly that. */
int date_split(const char *date, int *y, int *m, int *d);

/* Understand 2020-01-26, 2020/1/26, 2020.1.26, 20200126, 2020年1月26日,
 * 1月26日, 1-26, 1/26 (year of today), 今天/昨天/前天/明天,
 * today/yesterday/tomorrow, with full-width digits; years 1900..2099. */
int date_parse(const char *typed, const char *today, char out[11],
    char *err, size_t errlen);

/* A date and a time as people type them: any date date_parse() takes,
 * then optionally a space and any time time_parse() takes ("2020-02-03
 * 09:00", "明天 09:00", "明天 9点", "2/3 14:00", "tomorrow"); a date alone
 * is at default_time ("09:00").  out = "YYYY-MM-DD HH:MM"; 0 or -1 with
 * err saying why. */
int datetime_parse(const char *typed, const char *today, const char *default_time,
    char out[17], char *err, size_t errlen);

/* Whole years from birth to today (both canonical); -1 if either is not. */
int date_age(const char *birth, const char *today);

/* out = date + days; 0 ok, -1 if date is not canonical. out may be date. */
int date_add_days(const char *date, int days, char out[11]);

/* <0, 0, >0 as canonical date a is before, equal to, after b. */
int date_cmp(const char *a, const char *b);

/* Understand 9:05, 09:05, 9点5分, 9点05, 9点, 9点半 (also 时 for 点). */
int time_parse(const char *typed, char out[6], char *err, size_t errlen);

/* Understand 37.8, 37, 37.8℃, 37.8°C, 37.8度 and full-width digits; at most
 * one decimal; 35.0 to 42.0.  A comma is refused (37,8 is ambiguous). */
int temperature_parse(const char *typed, double *out, char *err,
    size_t errlen);

/* Format a temperature canonically with one decimal ("37.8"). */
void temperature_format(double t, char out[8]);

#endif
