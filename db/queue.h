/*
 * queue.h -- an investigator's call queue: their cases in the order they
 * should be called, each with the reason it is where it is.
 *
 * Order (ties by due time, then worker number):
 *  1. QUEUE_DUE_FOLLOWUP: an open follow-up that is due (medical, job,
 *     health check of a worker without symptoms, a callback on a case that
 *     was reached), earliest first;
 *  2. QUEUE_SYMPTOMATIC_CHECK: a symptomatic worker whose health check is due;
 *  3. QUEUE_NEVER_CALLED;
 *  4. QUEUE_RETRY_DUE: not reached, whose retry callback has come;
 *  5. QUEUE_REST: everything else (waiting for a retry or a future
 *     follow-up, done for now), by next due time.
 * Unreachable cases leave the investigator's queue while their escalation
 * is open (the lead's queue shows it); once it is closed they are back.
 *
 * No case is in nobody's queue: a lead's or admin's queue also holds every
 * case without an investigator (flag U), every case of a disabled
 * investigator (flag D), and the open follow-ups of disabled owners.
 * `paicha check` (check_queues) reports any case that no active user's
 * queue shows.
 */
#ifndef PAICHA_DB_QUEUE_H
#define PAICHA_DB_QUEUE_H

#include <stddef.h>
#include <time.h>

#include "db/casestate.h"

struct db;

/* Where a row stands in the queue: the queue is in the order of (cat, due,
 * worker), a page starts after a row's key (keyset, never an offset). */
struct queue_key {
	int cat;		/* 1 + enum queue_reason */
	long long due;		/* 0 for the never called; the earliest follow-up
				 * for the rest, INT64_MAX when there is none */
	long long worker;
};

struct queue_row {
	long long worker_id;
	struct queue_key key;
	struct queue_facts why;	/* forms/labels.h words it: labels_queue_reason() */
	char name[96];
	char village[96];
	char phone[32];		/* primary, display form */
	int calls;
	char flags[16];		/* in this order: S symptomatic, I in isolation today,
				 * M medical follow-up open, J needs a job, E escalated
				 * (unreachable or an escalation open), C claimed by
				 * someone else (claimed_by says who), U no
				 * investigator, D investigator disabled */
	int unassigned;		/* shown to a lead because it has no investigator */
	int investigator_disabled; /* ... because its investigator is disabled */
	long long claimed_by;	/* 0 = free */
	char claimed_by_name[96];
};

/* The queue of user_id as of now; caller frees *out. limit 0 = all. */
int queue_for(struct db *, long long user_id, time_t now, size_t limit,
    struct queue_row **out, size_t *n);

/* The next rows of the queue of user_id after `after` (NULL: from the
 * top), at most limit (0 = all): one index range per category, so a page
 * costs the same whatever the size of the queue. */
int queue_page(struct db *, long long user_id, time_t now, const struct queue_key *after,
    size_t limit, struct queue_row **out, size_t *n);

/* How many cases the queue of user_id holds (an index count of the user's
 * keys, and for a lead of the pool's). */
int queue_count(struct db *, long long user_id, long long *count);

/* Run a statement with queue_page's parameters and column layout (tests
 * compare the queue with a reference statement through it). */
int queue_rows_sql(struct db *, const char *sql, long long user_id, time_t now,
    const struct queue_key *after, size_t limit, struct queue_row **out, size_t *n);

#endif
