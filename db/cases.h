/*
 * cases.h -- one case per worker: who works it and its current state.
 *
 * The stored row is a cache of what the append-only records say
 * (casestate over calls, the latest assignment, the earliest open
 * follow-up); `paicha check` recomputes it and reports every difference.
 */
#ifndef PAICHA_DB_CASES_H
#define PAICHA_DB_CASES_H

#include <stddef.h>
#include <time.h>

#include "db/casestate.h"

struct db;

struct case_row {
	long long worker_id;
	long long investigator_id;	/* 0 = unassigned */
	char investigator_name[96];
	struct case_state state;
	time_t next_due_at;		/* 0 = nothing open */
	char next_kind[16];
	long long claimed_by;		/* 0 = free (or expired) */
	char claimed_by_name[96];
	time_t claim_expires;
};

/* A worker's numbers over time (phones rows, removed ones included), by
 * rank: what casestate needs to know which numbers a call left untried. */
#define CASES_MAX_PHONES 16
struct case_phones {
	struct {
		char e164[24];
		time_t from;		/* created_at */
		time_t until;		/* removed_at, 0 = current */
	} v[CASES_MAX_PHONES];
	size_t n;
};

/* Load every phone row of the worker into *out. */
int cases_phones_load(struct db *, long long worker_id, struct case_phones *out);
/* The distinct numbers current at instant t, primary first, into
 * out[0..max-1] (pointers into p); returns how many. */
size_t cases_phones_at(const struct case_phones *p, time_t t, const char **out, size_t max);

int cases_get(struct db *, long long worker_id, struct case_row *out);
/* Assign workers to an investigator (append-only assignment + audit), in
 * one write transaction; to_user 0 unassigns. */
int cases_assign(struct db *, const long long *worker_ids, size_t n, long long to_user,
    long long by_user);
/* Assign one worker inside the caller's write transaction (no checks, no-op
 * when already theirs), audited as action with the old and new login. */
int cases_assign_one(struct db *, long long worker_id, long long to_user, const char *to_login,
    long long by_user, time_t now, const char *action);
/* What user_id holds: the cases assigned to them and the open follow-ups
 * they own. */
int cases_held_by(struct db *, long long user_id, long long *cases, long long *followups);
/* Hand what user_id holds to the leads: every case assigned to them becomes
 * unassigned (append-only assignment + audit, as cases_assign with 0), and
 * each open follow-up they own is moved to no owner (closed as 'moved', a
 * copy opened: the case's investigator's, or for escalations any lead's).
 * One write transaction; *cases and *followups get how many. */
int cases_release(struct db *, long long user_id, long long by_user, long long *cases,
    long long *followups);
/* Recompute the stored row of one worker from its records (inside the
 * caller's write transaction). */
int cases_refresh(struct db *, long long worker_id, int max_attempts);
/* What the stored row should be, recomputed from the records without
 * writing: casestate over the calls, the latest assignment, the earliest
 * open follow-up.  Claim fields are left 0 (a lease, not derived). */
int cases_recompute(struct db *, long long worker_id, int max_attempts, struct case_row *out);
/* A pass over every stored case in worker order (paicha check), inside
 * the caller's read transaction: cases_scan_next() gives 1 with *out filled
 * in (investigator, state, next follow-up; claim fields 0), 0 at the end,
 * or DB_ERROR. */
struct cases_scan;
int cases_scan_open(struct db *, struct cases_scan **);
int cases_scan_next(struct cases_scan *, struct case_row *out);
void cases_scan_close(struct cases_scan *);
/* Store a state in the worker's row (inside the caller's write transaction). */
int cases_store_state(struct db *, long long worker_id, const struct case_state *,
    time_t updated_at);
/* Recompute next_due_at/next_kind from the open follow-ups (inside the
 * caller's write transaction). */
int cases_refresh_next(struct db *, long long worker_id, time_t updated_at);

#endif
