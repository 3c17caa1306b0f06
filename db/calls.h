/*
 * calls.h -- recording calls (append-only) and what follows from them.
 *
 * calls_record() is the single path by which a call enters the database,
 * for the call form, `paicha call` and `paicha demo` alike.  In one write
 * transaction it: checks that the answers passed form_validate (the caller
 * validated them with forms/callform against the same form), appends the
 * call and its answers, folds the call into the case (casestate_apply),
 * applies the follow-up rules, refreshes the case's next action, drops the
 * user's draft for the worker, and commits.  Follow-up rules:
 *  - every call closes the worker's open callbacks ('done' when reached,
 *    else 'superseded');
 *  - reached: closes open health and medical follow-ups due by the end of
 *    the call's day ('done');
 *  - not reached, case not unreachable: a callback at the retry time
 *    (settings: no-answer retry_no_answer, busy retry_busy, off and
 *    out-of-service retry_off, wrong-number and refused retry_no_answer),
 *    and the worker's other open follow-ups (not escalations) due before
 *    the retry time move to it (closed as 'moved', a copy opened), so the
 *    queue goes on to someone else until then;
 *  - not reached and the case just became unreachable: an escalation to
 *    the leads (owner = the first active lead, else admin), due at once;
 *  - reached and symptomatic: a medical follow-up the next day at 09:00;
 *  - reached and isolated through a later day: a health check the next
 *    day at 09:00;
 *  - reached and work_plan = needs-job, with no job follow-up open: a job
 *    follow-up the next day at 09:00;
 *  - reached, the work plan was needs-job and is now another: the open job
 *    follow-ups are closed ('superseded').
 */
#ifndef PAICHA_DB_CALLS_H
#define PAICHA_DB_CALLS_H

#include <stddef.h>
#include <time.h>

#include "db/casestate.h"

struct db;
struct answers;
struct settings;

struct call_record {
	long long id;
	long long worker_id;
	long long user_id;
	char user_name[96];
	time_t at;
	char phone[24];			/* E.164 dialled, or "" */
	enum call_outcome outcome;
	struct answers *answers;	/* owned; canonical */
};

/* Record a call made by user_id at time `at` (clock_now() for live calls;
 * the demo backdates).  *call_id gets the new call's id.  DB_CONFLICT,
 * and nothing written, when another user holds an unexpired claim on the
 * case (checked inside the write transaction). */
/* Who escalations go to: the first active lead by id, else the first
 * active admin; *owner 0 when there is neither (the live save and the
 * demo's one-pass history both use it). */
int calls_escalation_owner(struct db *, long long *owner);
int calls_record(struct db *, const struct settings *, long long worker_id,
    long long user_id, time_t at, const char *phone_e164, enum call_outcome,
    const struct answers *, long long *call_id);

/* The follow-up rules above as a pure function, for calls_record() and
 * the demo's in-memory history alike (so the two cannot drift).  Given the
 * worker's open follow-ups (in creation order) and the call already folded
 * from before into now, calls_rules() fills act[] with what to do, in the
 * order to do it, and returns how many (at most 2 * nopen + 3).  Each MOVE
 * is a copy due at `due_at` (keeping owner, note and call) opened then the
 * original closed as 'moved'; CREATE opens a follow-up made by the call
 * (owner 0, or for an escalation the first active lead, else admin). */
struct calls_open_followup {
	long long id;
	enum followup_kind kind;
	time_t due_at;
};
enum calls_rule_op { CALLS_RULE_CLOSE, CALLS_RULE_MOVE, CALLS_RULE_CREATE };
struct calls_rule_action {
	enum calls_rule_op op;
	size_t index;			/* CLOSE, MOVE: into the open follow-ups */
	const char *reason;		/* CLOSE: "done" or "superseded" */
	enum followup_kind kind;	/* CREATE */
	time_t due_at;			/* CREATE, MOVE */
};
size_t calls_rules(const struct settings *, time_t at, enum call_outcome,
    const struct case_state *before, const struct case_state *now,
    const struct calls_open_followup *open, size_t nopen, struct calls_rule_action *act);

/* A current number of a worker and what its calls say of it. */
struct call_number {
	long long phone_id;
	char e164[24];
	char display[32];
	char kind[8];
	int failed;			/* failed attempts since the case was last reached */
	enum call_outcome mark;		/* wrong-number / out-of-service, or OUTCOME_NONE */
	time_t mark_at;
	int spent;			/* marked, or max_attempts failed attempts */
};

/* The worker's current numbers, primary first, with their state; *next
 * gets the index of the number to dial next (casestate_next_number), -1
 * when there is none.  Caller frees *out. */
int calls_numbers(struct db *, long long worker_id, int max_attempts, struct call_number **out,
    size_t *n, int *next);

/* The worker's calls, newest first; caller frees with calls_free(). */
int calls_list(struct db *, long long worker_id, struct call_record **out, size_t *n);
void calls_free(struct call_record *, size_t n);

#endif
