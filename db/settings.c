/* settings.c -- township settings; see settings.h. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/settings.h"
#include "forms/fault.h"

void
settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof *s);
	s->retry_no_answer = 120;
	s->retry_busy = 15;
	s->retry_off = 240;
	s->max_attempts = 5;
	s->claim_minutes = 15;
}

static int
all_digits(const char *v, size_t min, size_t max)
{
	size_t n = strlen(v);

	if (n < min || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)v[i]))
			return 0;
	return 1;
}

/* A setting refused, in words, into err; returns -1. */
static int
settings_refuse(char *err, size_t errlen, enum fault_code code, const char *key,
    const char *v, int lo, int hi)
{
	struct fault f;

	fault_set(&f, code, lo, hi, key, v);
	fault_text(&f, err, errlen);
	return -1;
}

static int
set_minutes(int *dst, const char *key, const char *v, int lo, int hi, char *err, size_t errlen)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < lo || n > hi) {
		return settings_refuse(err, errlen, FAULT_SETTING_RANGE, key, v, lo, hi);
	}
	*dst = (int)n;
	return 0;
}

int
settings_apply(struct settings *s, const char *key, const char *v, char *err, size_t errlen)
{
	if (strcmp(key, "township") == 0) {
		if (*v == '\0' || strlen(v) >= sizeof s->township) {
			return settings_refuse(err, errlen, FAULT_SETTING_TOWNSHIP, key, v, 0, 0);
		}
		snprintf(s->township, sizeof s->township, "%s", v);
	} else if (strcmp(key, "division") == 0) {
		if (!all_digits(v, 9, 9)) {
			return settings_refuse(err, errlen, FAULT_SETTING_DIVISION, key, v, 0, 0);
		}
		snprintf(s->division, sizeof s->division, "%s", v);
	} else if (strcmp(key, "area_code") == 0) {
		if (!all_digits(v, 3, 4) || v[0] != '0') {
			return settings_refuse(err, errlen, FAULT_SETTING_AREA_CODE, key, v, 0, 0);
		}
		snprintf(s->area_code, sizeof s->area_code, "%s", v);
	} else if (strcmp(key, "retry_no_answer") == 0)
		return set_minutes(&s->retry_no_answer, key, v, 1, 10080, err, errlen);
	else if (strcmp(key, "retry_busy") == 0)
		return set_minutes(&s->retry_busy, key, v, 1, 10080, err, errlen);
	else if (strcmp(key, "retry_off") == 0)
		return set_minutes(&s->retry_off, key, v, 1, 10080, err, errlen);
	else if (strcmp(key, "max_attempts") == 0)
		return set_minutes(&s->max_attempts, key, v, 1, 100, err, errlen);
	else if (strcmp(key, "claim_minutes") == 0)
		return set_minutes(&s->claim_minutes, key, v, 1, 240, err, errlen);
	else {
		return settings_refuse(err, errlen, FAULT_SETTING_UNKNOWN, key, v, 0, 0);
	}
	return 0;
}

int
settings_load(struct db *db, struct settings *s)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	sqlite3_stmt *st = db_stmt(db, sql);
	char err[256];
	int rc;

	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		/* A value stored by an older paicha that no longer parses keeps
		 * its default; 'paicha check' reports it. */
		(void)settings_apply(s, k, v, err, sizeof err);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

int
settings_store(struct db *db, const char *key, const char *value)
{
	static const char sql[] =
	    "INSERT INTO settings(key, value) VALUES(?1, ?2) "
	    "ON CONFLICT(key) DO UPDATE SET value = excluded.value";
	struct settings probe;
	char err[256];
	sqlite3_stmt *st;

	settings_defaults(&probe);
	if (settings_apply(&probe, key, value, err, sizeof err) != 0)
		return db_failf(db, "%s", err);
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_step_done(db, st);
}
