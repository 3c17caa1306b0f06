/*
 * claims.h -- never two investigators on one worker.  Opening a case to
 * call claims it for settings.claim_minutes; the claim is renewed while
 * the case stays open and released on leaving it, on quitting, on SIGHUP
 * and SIGTERM.  An expired claim is free.
 */
#ifndef PAICHA_DB_CLAIMS_H
#define PAICHA_DB_CLAIMS_H

#include <stddef.h>
#include <time.h>

struct db;

/* Claim or renew; DB_CONFLICT when someone else holds it (holder_name
 * says who, and until when in *until). */
int claims_take(struct db *, long long worker_id, long long user_id, int minutes,
    char *holder_name, size_t holder_len, time_t *until);
/* claims_take as of the instant now (tests, and callers that hold a clock). */
int claims_take_at(struct db *, long long worker_id, long long user_id, int minutes,
    time_t now, char *holder_name, size_t holder_len, time_t *until);
/* What opening a case does: claims_take, and in the same write transaction
 * (one commit) the audit_seen(.., "phones") of user_id when the worker has
 * current phones -- also when someone else holds the claim (DB_CONFLICT),
 * since the case screen shows them the phones all the same. */
int claims_take_seen(struct db *, long long worker_id, long long user_id, int minutes,
    char *holder_name, size_t holder_len, time_t *until);
int claims_release(struct db *, long long worker_id, long long user_id);
/* Inside the caller's write transaction: DB_CONFLICT (the message says
 * who) when a user other than user_id holds a claim on worker_id that has
 * not expired at now; 0 when the case is free or user_id's own. */
int claims_check(struct db *, long long worker_id, long long user_id, time_t now);
/* Release every claim of user_id (on exit). */
int claims_release_all(struct db *, long long user_id);

#endif
