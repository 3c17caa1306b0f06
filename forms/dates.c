/*
 * dates.c - parsing of dates, times and temperatures typed through a
 * Chinese input method.
 *
 * Input is first folded (full-width digits and punctuation to ASCII) and
 * trimmed, then cut into numbers and the separators between them; the
 * sequence of separators decides which form was typed.  Nothing is guessed:
 * a shape that is not in the list is refused.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "utf8.h"
#include "errmsg.h"

#define DATES_MAX_NUMS 3
#define DATES_SEP_SIZE 16

struct dates_tokens {
	int n;                          /* numbers found */
	long num[DATES_MAX_NUMS];
	int len[DATES_MAX_NUMS];        /* digits in each number */
	char sep[DATES_MAX_NUMS + 1][DATES_SEP_SIZE]; /* sep[i] precedes num[i] */
};

/* Folded and trimmed copy of typed (caller frees), NULL on no memory. */
static char *
dates_clean(const char *typed)
{
	char *folded, *trimmed;

	folded = utf8_fold_fullwidth(typed);
	trimmed = utf8_trim(folded);
	free(folded);
	return trimmed;
}

/* Cut s into numbers and separators (spaces dropped); -1 if too many
 * pieces, a number longer than 8 digits or a separator too long. */
static int
dates_tokenize(const char *s, struct dates_tokens *t)
{
	size_t seplen = 0;

	memset(t, 0, sizeof *t);
	while (*s != '\0') {
		if (*s >= '0' && *s <= '9') {
			if (t->n == DATES_MAX_NUMS)
				return -1;
			while (*s >= '0' && *s <= '9') {
				if (++t->len[t->n] > 8)
					return -1;
				t->num[t->n] = t->num[t->n] * 10 + (*s - '0');
				s++;
			}
			t->n++;
			seplen = 0;
			continue;
		}
		if (*s != ' ') {
			if (seplen + 1 >= DATES_SEP_SIZE)
				return -1;
			t->sep[t->n][seplen++] = *s;
		}
		s++;
	}
	return 0;
}

int
date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap, max;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

int
date_split(const char *date, int *y, int *m, int *d)
{
	int i;

	if (date == NULL || strlen(date) != 10 || date[4] != '-' ||
	    date[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9'))
			return -1;
	*y = atoi(date);
	*m = atoi(date + 5);
	*d = atoi(date + 8);
	return date_valid(*y, *m, *d) ? 0 : -1;
}

/* Write a valid y-m-d (0 <= y <= 9999) as "YYYY-MM-DD". */
static void
dates_format(int y, int m, int d, char out[11])
{
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* Days since 1970-01-01 of a valid civil date (H. Hinnant's algorithm). */
static long
dates_to_days(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day count from dates_to_days. */
static void
dates_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
datetime_parse(const char *typed, const char *today, const char *default_time, char out[17],
    char *err, size_t errlen)
{
	char *s = dates_clean(typed != NULL ? typed : ""), *sp, date[11], hhmm[6];
	int rc = -1;

	snprintf(hhmm, sizeof hhmm, "%.5s", default_time != NULL ? default_time : "09:00");
	if ((sp = strrchr(s, ' ')) != NULL) {
		*sp = '\0';
		if (time_parse(sp + 1, hhmm, err, errlen) != 0)
			goto out;
	}
	if (date_parse(s, today, date, err, errlen) != 0)
		goto out;
	snprintf(out, 17, "%.10s %.5s", date, hhmm);
	rc = 0;
out:
	free(s);
	return rc;
}

int
date_age(const char *birth, const char *today)
{
	int by, bm, bd, ty, tm, td;

	if (date_split(birth, &by, &bm, &bd) != 0 || date_split(today, &ty, &tm, &td) != 0)
		return -1;
	return ty - by - (tm < bm || (tm == bm && td < bd));
}

int
date_add_days(const char *date, int days, char out[11])
{
	int y, m, d;

	if (date_split(date, &y, &m, &d) < 0)
		return -1;
	dates_from_days(dates_to_days(y, m, d) + days, &y, &m, &d);
	if (y < 0 || y > 9999)
		return -1;
	dates_format(y, m, d, out);
	return 0;
}

int
date_cmp(const char *a, const char *b)
{
	int c = strcmp(a, b);

	return (c > 0) - (c < 0);
}

/* 1 if sep is one of the NULL-terminated alternatives. */
static int
dates_sep_is(const char *sep, const char *const *alts)
{
	for (; *alts != NULL; alts++)
		if (strcmp(sep, *alts) == 0)
			return 1;
	return 0;
}

/* The relative day a word names (今天 = 0, 昨天 = -1, ...), or 1000. */
static int
dates_word_offset(const char *s)
{
	static const struct {
		const char *word;
		int offset;
	} words[] = {
		{ "今天", 0 }, { "今日", 0 }, { "today", 0 },
		{ "昨天", -1 }, { "昨日", -1 }, { "yesterday", -1 },
		{ "前天", -2 },
		{ "明天", 1 }, { "明日", 1 }, { "tomorrow", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		const char *w = words[i].word, *p = s;
		while (*w != '\0' && *p != '\0' &&
		    (*w == *p || (*p >= 'A' && *p <= 'Z' && *p + 32 == *w))) {
			w++;
			p++;
		}
		if (*w == '\0' && *p == '\0')
			return words[i].offset;
	}
	return 1000;
}

int
date_parse(const char *typed, const char *today, char out[11], char *err,
    size_t errlen)
{
	static const char *const none[] = { "", NULL };
	static const char *const day_end[] = { "", "日", "号", NULL };
	static const char *const ymd_seps[] = { "-", "/", ".", NULL };
	static const char *const md_seps[] = { "-", "/", NULL };
	static const char *const year_sep[] = { "年", NULL };
	static const char *const month_sep[] = { "月", NULL };
	struct dates_tokens t;
	char *s;
	int y = 0, m = 0, d = 0, ty, tm, td, offset, rc = -1;
	int have_today;

	have_today = date_split(today, &ty, &tm, &td) == 0;
	s = dates_clean(typed != NULL ? typed : "");
	if (*s == '\0') {
		errmsg_set(err, errlen, "%s",
		    _("no date: type it as 2020-01-26"));
		goto out;
	}
	offset = dates_word_offset(s);
	if (offset != 1000) {
		if (!have_today || date_add_days(today, offset, out) < 0) {
			errmsg_set(err, errlen, "%s",
			    _("today's date is not known: type the date as 2020-01-26"));
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (dates_tokenize(s, &t) < 0 || !dates_sep_is(t.sep[0], none))
		goto unknown;
	if (t.n == 1 && t.len[0] == 8 && dates_sep_is(t.sep[1], none)) {
		y = (int)(t.num[0] / 10000);
		m = (int)(t.num[0] / 100 % 100);
		d = (int)(t.num[0] % 100);
	} else if (t.n == 3 && t.len[0] == 4 && t.len[1] <= 2 &&
	    t.len[2] <= 2 && ((dates_sep_is(t.sep[1], ymd_seps) &&
	    strcmp(t.sep[1], t.sep[2]) == 0 && dates_sep_is(t.sep[3], none)) ||
	    (dates_sep_is(t.sep[1], year_sep) &&
	    dates_sep_is(t.sep[2], month_sep) &&
	    dates_sep_is(t.sep[3], day_end)))) {
		y = (int)t.num[0];
		m = (int)t.num[1];
		d = (int)t.num[2];
	} else if (t.n == 2 && t.len[0] <= 2 && t.len[1] <= 2 &&
	    ((dates_sep_is(t.sep[1], month_sep) &&
	    dates_sep_is(t.sep[2], day_end)) ||
	    (dates_sep_is(t.sep[1], md_seps) &&
	    dates_sep_is(t.sep[2], none)))) {
		if (!have_today) {
			errmsg_set(err, errlen, "%s",
			    _("today's date is not known: type the year too, as 2020-01-26"));
			goto out;
		}
		y = ty;
		m = (int)t.num[0];
		d = (int)t.num[1];
	} else
		goto unknown;

	if (!date_valid(y, m, d)) {
		errmsg_set(err, errlen, _("%04d-%02d-%02d is not a date"),
		    y, m, d);
		goto out;
	}
	if (y < 1900 || y > 2099) {
		errmsg_set(err, errlen,
		    _("the year %04d is out of range: type it as 2020-01-26"), y);
		goto out;
	}
	dates_format(y, m, d, out);
	rc = 0;
	goto out;
unknown:
	errmsg_set(err, errlen, "%s",
	    _("not a date: type it as 2020-01-26, 1月26日 or 昨天"));
out:
	free(s);
	return rc;
}

int
time_parse(const char *typed, char out[6], char *err, size_t errlen)
{
	static const char *const none[] = { "", NULL };
	static const char *const colon[] = { ":", NULL };
	static const char *const hour_sep[] = { "点", "时", NULL };
	static const char *const half[] = { "点半", "时半", NULL };
	static const char *const min_end[] = { "", "分", NULL };
	struct dates_tokens t;
	int h = -1, m = -1, rc = -1;
	char *s;

	s = dates_clean(typed != NULL ? typed : "");
	if (dates_tokenize(s, &t) < 0 || *s == '\0' ||
	    !dates_sep_is(t.sep[0], none) || t.len[0] > 2)
		goto unknown;
	if (t.n == 2 && dates_sep_is(t.sep[1], colon) && t.len[1] == 2 &&
	    dates_sep_is(t.sep[2], none)) {
		h = (int)t.num[0];
		m = (int)t.num[1];
	} else if (t.n == 2 && dates_sep_is(t.sep[1], hour_sep) &&
	    t.len[1] <= 2 && dates_sep_is(t.sep[2], min_end)) {
		h = (int)t.num[0];
		m = (int)t.num[1];
	} else if (t.n == 1 && dates_sep_is(t.sep[1], hour_sep)) {
		h = (int)t.num[0];
		m = 0;
	} else if (t.n == 1 && dates_sep_is(t.sep[1], half)) {
		h = (int)t.num[0];
		m = 30;
	} else
		goto unknown;
	if (h > 23 || m > 59) {
		errmsg_set(err, errlen,
		    _("%d:%02d is not a time of day: hours go to 23, minutes to 59"),
		    h, m);
		goto out;
	}
	out[0] = (char)('0' + h / 10);
	out[1] = (char)('0' + h % 10);
	out[2] = ':';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '\0';
	rc = 0;
	goto out;
unknown:
	errmsg_set(err, errlen, "%s",
	    _("not a time: type it as 9:05 or 9点5分"));
out:
	free(s);
	return rc;
}

/* Remove one of the temperature unit suffixes from the end of s. */
static void
dates_strip_unit(char *s)
{
	static const char *const units[] = { "\xE2\x84\x83", "°C", "°c",
	    "°", "度", NULL };
	size_t len = strlen(s), ulen;
	const char *const *u;

	for (u = units; *u != NULL; u++) {
		ulen = strlen(*u);
		if (len >= ulen && strcmp(s + len - ulen, *u) == 0) {
			s[len - ulen] = '\0';
			break;
		}
	}
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		s[--len] = '\0';
}

int
temperature_parse(const char *typed, double *out, char *err, size_t errlen)
{
	const char *p;
	long tenths = 0;
	int intdigits = 0, decimals = 0, rc = -1;
	char *s, *dot;

	s = dates_clean(typed != NULL ? typed : "");
	dates_strip_unit(s);
	/* the IME's Chinese full stop stands for the decimal point */
	dot = strstr(s, "\xE3\x80\x82");
	if (dot != NULL) {
		*dot = '.';
		memmove(dot + 1, dot + 3, strlen(dot + 3) + 1);
	}
	if (strchr(s, ',') != NULL) {
		errmsg_set(err, errlen, "%s",
		    _("use a point for the decimal, as in 37.8"));
		goto out;
	}
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (++intdigits > 3)
			goto unknown;
		tenths = tenths * 10 + (*p - '0');
	}
	tenths *= 10;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (++decimals == 1)
				tenths += *p - '0';
		if (decimals == 0)
			goto unknown;
	}
	if (*p != '\0' || intdigits == 0)
		goto unknown;
	if (decimals > 1) {
		errmsg_set(err, errlen, "%s",
		    _("too precise: type one decimal, as in 37.8"));
		goto out;
	}
	if (tenths < 350 || tenths > 420) {
		errmsg_set(err, errlen,
		    _("%ld.%ld is not a body temperature: type degrees Celsius from 35.0 to 42.0"),
		    tenths / 10, tenths % 10);
		goto out;
	}
	*out = (double)tenths / 10.0;
	rc = 0;
	goto out;
unknown:
	errmsg_set(err, errlen, "%s",
	    _("not a temperature: type it as 37.8"));
out:
	free(s);
	return rc;
}

void
temperature_format(double t, char out[8])
{
	snprintf(out, 8, "%.1f", t);
}
