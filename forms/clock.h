/*
 * clock.h -- the time paicha runs on, in China Standard Time.
 *
 * Times are stored as Unix seconds; what people see and type are local
 * dates and times in Asia/Shanghai, which is UTC+8 all year (no daylight
 * saving since 1991), so the conversion is a fixed offset and does not
 * depend on the server's TZ.  PAICHA_NOW="YYYY-MM-DD HH:MM" pins the
 * clock (demo databases, training, tests).
 */
#ifndef PAICHA_FORMS_CLOCK_H
#define PAICHA_FORMS_CLOCK_H

#include <time.h>

#define CLOCK_CST_OFFSET (8 * 3600)

/* Now, or the pinned time.  PAICHA_NOW="YYYY-MM-DD HH:MM" pins it, read
 * once at the first call; "YYYY-MM-DD HH:MM x60" starts the clock there
 * and runs it 60 times as fast (a test of what 15 minutes do, in 15 s). */
time_t clock_now(void);
/* Pin the clock at t (the demo's simulated days, unit tests). */
void clock_pin(time_t t);
/* Pin it at t, advancing rate seconds per real second (0 = standing). */
void clock_pin_rate(time_t t, long rate);
/* Back to the system clock (PAICHA_NOW is not read again). */
void clock_unpin(void);
/* "YYYY-MM-DD" of t in local time; out has room for 11 bytes. */
void clock_date(time_t t, char out[11]);
/* "YYYY-MM-DD HH:MM" of t in local time; out has room for 17 bytes. */
void clock_datetime(time_t t, char out[17]);
/* "HH:MM" of t in local time. */
void clock_hhmm(time_t t, char out[6]);
/* Today's local date. */
void clock_today(char out[11]);
/* The instant a local date begins (00:00), or -1 if not a date. */
time_t clock_day_start(const char *date);
/* Parse "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (00:00) local time; -1 if bad. */
time_t clock_parse(const char *s);
/* Days from a to b (b - a) for two "YYYY-MM-DD" dates. */
int clock_days_between(const char *a, const char *b);

#endif
