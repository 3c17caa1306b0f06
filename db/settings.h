/*
 * settings.h -- the township's settings: stored in the database by
 * 'paicha init' and 'paicha demo', overridden by /etc/paicha.conf.
 */
#ifndef PAICHA_DB_SETTINGS_H
#define PAICHA_DB_SETTINGS_H

#include <stddef.h>

struct db;

struct settings {
	char township[96];	/* 黄花镇 */
	char division[16];	/* 9-digit administrative division code */
	char area_code[8];	/* telephone area code, 0731 */
	int retry_no_answer;	/* minutes before a no-answer is retried */
	int retry_busy;		/* ... a busy line */
	int retry_off;		/* ... powered off or out of service */
	int max_attempts;	/* failed attempts before a case is unreachable */
	int claim_minutes;	/* how long opening a case claims it */
};

void settings_defaults(struct settings *);
/* Set one key ("township", "division", "area_code", "retry_no_answer", ...)
 * from text; 0 or -1 with err saying what is accepted. */
int settings_apply(struct settings *, const char *key, const char *value,
    char *err, size_t errlen);
/* Overlay the values stored in the database. */
int settings_load(struct db *, struct settings *);
/* Validate and store one value (inside the caller's write transaction or
 * its own). */
int settings_store(struct db *, const char *key, const char *value);

#endif
