/*
 * followups.h -- what must be done next for a worker, by whom, and when.
 *
 * Rows are never deleted: done_at/done_reason close one, so "what was open
 * at instant T" can be answered for any past T (the export).  Moving a
 * follow-up closes it as 'moved' and opens a new one.  owner_id 0 means
 * the case's investigator.
 */
#ifndef PAICHA_DB_FOLLOWUPS_H
#define PAICHA_DB_FOLLOWUPS_H

#include <stddef.h>
#include <time.h>

#include "forms/facts.h"

struct db;

struct followup {
	long long id;
	long long worker_id;
	enum followup_kind kind;
	time_t due_at;
	long long owner_id;	/* 0 = the case's investigator */
	char owner_name[96];	/* resolved: owner or the case's investigator */
	char note[256];
	time_t created_at;
	long long call_id;	/* 0 = added by hand */
	time_t done_at;		/* 0 = open */
	char done_reason[16];
	char worker_name[96];	/* for lists across workers */
};

const char *followup_kind_name(enum followup_kind);	/* "callback" ... */
int followup_kind_parse(const char *s, enum followup_kind *out);

/* Add one by hand (inside its own write transaction). */
int followups_add(struct db *, long long worker_id, enum followup_kind, time_t due_at,
    long long owner_id, const char *note, long long by_user, long long *id_out);
/* Move: close as 'moved', open a copy due at new_due; *new_id gets it. */
int followups_move(struct db *, long long id, time_t new_due, long long by_user,
    long long *new_id);
/* Close as 'done' or 'cancelled'. */
int followups_close(struct db *, long long id, const char *reason, long long by_user);
/* Open follow-ups of a worker (worker_id > 0) or of everybody whose case or
 * follow-up belongs to user_id (worker_id 0), by due time; caller frees. */
int followups_open(struct db *, long long worker_id, long long user_id,
    struct followup **out, size_t *n);
/* Every open follow-up of everybody, by due time (leads); caller frees. */
int followups_open_all(struct db *, struct followup **out, size_t *n);
/* Insert one follow-up inside the caller's write transaction (calls_record's
 * rules, followups_add/move); owner_id, created_by, call_id 0 = none. */
int followups_create(struct db *, long long worker_id, enum followup_kind, time_t due_at,
    long long owner_id, const char *note, time_t created_at, long long created_by,
    long long call_id, long long *id_out);

#endif
