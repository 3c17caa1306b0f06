/* audit.h -- who changed what and when; append-only. */
#ifndef PAICHA_DB_AUDIT_H
#define PAICHA_DB_AUDIT_H

#include <time.h>

struct db;

/* Append one entry (inside the caller's write transaction).  user_id 0
 * means the system (an import run by cron, a migration). */
int audit_log(struct db *, long long user_id, const char *action,
    const char *entity, long long entity_id, const char *field,
    const char *old_value, const char *new_value);

/* Record that user_id was shown what ("id_number": a whole ID number,
 * "phones": all the worker's phones) of worker_id; in its own write
 * transaction unless one is open. */
int audit_seen(struct db *, long long user_id, long long worker_id, const char *what);

/* Which entries audit_list() returns: 0 (or since 0) = any. */
struct audit_filter {
	long long worker_id;	/* about this worker or its follow-ups */
	long long user_id;	/* done by this user */
	time_t since;		/* at or after */
};

/* One entry; the strings live until each() returns. */
struct audit_row {
	long long id;
	time_t at;
	const char *login;	/* "" for the system */
	const char *action;	/* 'worker.update', 'user.add', ... */
	const char *entity;
	long long entity_id;
	const char *field;
	const char *old_value, *new_value;	/* may be NULL */
};

/* Call each() for every entry that matches, oldest first, until it
 * returns non-zero; 0 or DB_ERROR. */
int audit_list(struct db *, const struct audit_filter *,
    int (*each)(void *, const struct audit_row *), void *arg);

#endif
