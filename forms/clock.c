/* clock.c -- local (UTC+8) dates and times; see clock.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/clock.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
static long
days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
valid_ymd(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

time_t
clock_parse(const char *s)
{
	int y, mo, d, h = 0, mi = 0, n = 0;

	if (s == NULL)
		return -1;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
		return -1;
	if (s[n] != '\0') {
		int n2 = 0;
		if (sscanf(s + n, " %2d:%2d%n", &h, &mi, &n2) != 2 || s[n + n2] != '\0')
			return -1;
		if (h < 0 || h > 23 || mi < 0 || mi > 59)
			return -1;
	}
	if (!valid_ymd(y, mo, d))
		return -1;
	return (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 - CLOCK_CST_OFFSET;
}

/* The pin: unset (the system clock), or pin_at, advancing pin_rate
 * seconds per second of the monotonic clock since pin_since. */
static int pin_state;			/* 0 PAICHA_NOW not read yet, 1 read, 2 set by clock_pin */
static int pinned;
static time_t pin_at;
static long pin_rate;
static struct timespec pin_since;

void
clock_pin_rate(time_t t, long rate)
{
	pin_state = 2;
	pinned = 1;
	pin_at = t;
	pin_rate = rate;
	clock_gettime(CLOCK_MONOTONIC, &pin_since);
}

void
clock_pin(time_t t)
{
	clock_pin_rate(t, 0);
}

void
clock_unpin(void)
{
	pin_state = 2;
	pinned = 0;
}

/* PAICHA_NOW="YYYY-MM-DD HH:MM", read once: the clock stands still there;
 * with " x60" after it the clock starts there and runs 60 times faster. */
static void
clock_read_env(void)
{
	const char *env = getenv("PAICHA_NOW");
	char buf[32];
	const char *x;
	long rate = 0;
	time_t t;

	pin_state = 1;
	if (env == NULL || *env == '\0' || strlen(env) >= sizeof buf)
		return;
	snprintf(buf, sizeof buf, "%s", env);
	if ((x = strstr(buf, " x")) != NULL) {
		char *end;

		rate = strtol(x + 2, &end, 10);
		if (*end != '\0' || rate < 1)
			return;
		buf[x - buf] = '\0';
	}
	if ((t = clock_parse(buf)) != -1)
		clock_pin_rate(t, rate);
	pin_state = 1;
}

time_t
clock_now(void)
{
	struct timespec now;

	if (pin_state == 0)
		clock_read_env();
	if (!pinned)
		return time(NULL);
	if (pin_rate == 0)
		return pin_at;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return pin_at + (time_t)(((long long)(now.tv_sec - pin_since.tv_sec) * 1000 +
	    (now.tv_nsec - pin_since.tv_nsec) / 1000000) * pin_rate / 1000);
}

void
clock_datetime(time_t t, char out[17])
{
	long long local = (long long)t + CLOCK_CST_OFFSET;
	long days = (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
	long secs = (long)(local - (long long)days * 86400);
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	/* Bounded values keep the compiler sure the text fits. */
	snprintf(out, 17, "%04u-%02u-%02u %02u:%02u", (unsigned)y % 10000u, (unsigned)m % 13u,
	    (unsigned)d % 32u, (unsigned)(secs / 3600) % 24u, (unsigned)(secs / 60 % 60));
}

void
clock_date(time_t t, char out[11])
{
	char dt[17];

	clock_datetime(t, dt);
	memcpy(out, dt, 10);
	out[10] = '\0';
}

void
clock_hhmm(time_t t, char out[6])
{
	char dt[17];

	clock_datetime(t, dt);
	memcpy(out, dt + 11, 5);
	out[5] = '\0';
}

void
clock_today(char out[11])
{
	clock_date(clock_now(), out);
}

time_t
clock_day_start(const char *date)
{
	if (date == NULL || strlen(date) != 10)
		return -1;
	return clock_parse(date);
}

int
clock_days_between(const char *a, const char *b)
{
	time_t ta = clock_day_start(a), tb = clock_day_start(b);

	if (ta == -1 || tb == -1)
		return 0;
	return (int)((tb - ta) / 86400);
}
