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

int cases_get(struct db *, long long worker_id, struct case_row *out);
/* Assign workers to an investigator (append-only assignment + audit), in
 * one write transaction; to_user 0 unassigns. */
int cases_assign(struct db *, const long long *worker_ids, size_t n, long long to_user,
    long long by_user);
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
