/*
 * casestate.h -- a case's state, folded from its calls.
 *
 * This is the one definition of what a sequence of calls means; the live
 * save (calls_record), `paicha check` (recompute and compare) and the
 * as-of export (fold only the calls up to D 24:00) all use it, so they
 * cannot disagree.  Pure logic: no SQL.
 *
 * Rules, per call in time order (then by call id):
 *  - calls++, last_call_at, last_outcome.
 *  - outcome reached: contact = REACHED, failed = 0, first_reached_at set
 *    once.  Each answer key present overrides the stored value field by
 *    field (a later call that does not ask a question keeps the earlier
 *    answer): isolation_start, isolation_end, work_plan, and note when not
 *    empty, and return_date, transport, place (= hubei_city or
 *    elsewhere_place).  Whereabouts: a call whose `whereabouts` differs
 *    from the stored one first clears return_date, transport and place,
 *    so an old return date or city never outlives a new answer.  Health: when the call has a `symptoms` or a
 *    `temperature` key, health_asked = 1 and symptoms, temperature,
 *    onset_date are all replaced by this call's (missing = empty), and
 *    symptomatic = callform_symptomatic(answers).  urged_doctor becomes 1
 *    once a call says urged_doctor=yes and stays 1.
 *  - any other outcome (no-answer, busy, off, out-of-service,
 *    wrong-number, refused) is a failed attempt: failed++; a case never
 *    reached becomes UNREACHED, or UNREACHABLE once every number it had at
 *    the time of the call is spent (see below); a case reached before stays
 *    REACHED (已联系 is "reached at least once").
 *
 * Numbers: each call counts against the number dialled (a call without one,
 * against the first number the worker had then).  Wrong-number and
 * out-of-service mark that number at once; no-answer, busy, off and refused
 * count against it, and max_attempts of them since the case was last
 * reached spend it.  A reached call on a number clears its mark, and every
 * number's count starts again.  A number is spent when it is marked or has
 * max_attempts failed attempts.  A worker without any number at the time of
 * a call (or a fold that does not know the numbers) is unreachable once
 * failed >= max_attempts, as before.  The per-number counts are folded, not
 * stored: casestate_diff ignores them.
 */
#ifndef PAICHA_DB_CASESTATE_H
#define PAICHA_DB_CASESTATE_H

#include <stddef.h>
#include <time.h>

#include "forms/facts.h"

struct answers;

/* How many numbers of a worker the fold follows; more are rare and count
 * as the last one. */
#define CASESTATE_MAX_NUMBERS 8

/* One number's attempts, as folded. */
struct case_number {
	char e164[24];
	int failed;			/* failed attempts since the case was last reached */
	enum call_outcome mark;		/* OUTCOME_WRONG_NUMBER, OUTCOME_OUT_OF_SERVICE, or
					 * OUTCOME_NONE */
	time_t mark_at;			/* when it was marked */
};

struct case_state {
	enum contact_state contact;
	int calls;
	int failed;		/* failed attempts since the last reached call */
	time_t last_call_at;	/* 0 = never */
	enum call_outcome last_outcome;
	time_t first_reached_at;
	char whereabouts[16];	/* home, hubei, elsewhere, never-left, "" */
	char return_date[11];
	char transport[16];
	char place[128];
	int health_asked;
	char symptoms[128];	/* choice keys joined by ',' */
	char temperature[8];	/* "37.8" or "" */
	char onset_date[11];
	int symptomatic;
	int urged_doctor;
	char isolation_start[11];
	char isolation_end[11];
	char work_plan[16];
	char note[1024];
	/* folded, not stored: advice=reassure given on a call that found the
	 * worker still in Hubei (the export's 备注 says 已做思想安抚) */
	int reassured;
	/* folded, not stored: the numbers called so far */
	struct case_number numbers[CASESTATE_MAX_NUMBERS];
	int nnumbers;
};

/* One stored call, as casestate_apply reads it. */
struct case_call {
	long long id;
	time_t at;
	enum call_outcome outcome;
	const struct answers *answers;	/* canonical; may be NULL */
	const char *phone;		/* E.164 dialled; NULL or "" = not known */
	const char *const *numbers;	/* the worker's numbers (E.164, primary first) at the
					 * time of the call; NULL = not known */
	size_t nnumbers;
};

const char *call_outcome_name(enum call_outcome);	/* "no-answer" ... */
int call_outcome_parse(const char *s, enum call_outcome *out);
const char *contact_state_name(enum contact_state);	/* "uncalled" ... */
int contact_state_parse(const char *s, enum contact_state *out);

void casestate_init(struct case_state *);
void casestate_apply(struct case_state *, const struct case_call *, int max_attempts);
/* The fold's record of number e164, or NULL if it was never called. */
const struct case_number *casestate_number(const struct case_state *, const char *e164);
/* Is the number spent (marked, or max_attempts failed attempts)?  NULL
 * (never called) is not. */
int casestate_number_spent(const struct case_number *, int max_attempts);
/* Of numbers (E.164, primary first), the one to dial next: the first that
 * is not spent with the fewest failed attempts, else the first; -1 if n
 * is 0. */
int casestate_next_number(const struct case_state *, const char *const *numbers, size_t n,
    int max_attempts);
/* What a follow-up call starts from: the case's current whereabouts,
 * return date, place and isolation dates (not the transport: a daily
 * check does not ask it again, and the fold keeps it), as call form
 * answers, set in a where a has no answer yet.  Nothing when the case was
 * never reached.  0, or -1 when out of memory. */
int casestate_known_answers(const struct case_state *, struct answers *a);
/* Is date (YYYY-MM-DD) inside the isolation period? */
int casestate_isolated_on(const struct case_state *, const char *date);
/* Compare two states; writes the first difference ("whereabouts: 'home' vs
 * 'hubei'") into diff and returns 1, or returns 0 when equal. */
int casestate_diff(const struct case_state *, const struct case_state *,
    char *diff, size_t difflen);
/* Report every differing field through report(arg, field, "field: 'a' vs
 * 'b'"); returns the number of differences (paicha check). */
int casestate_diff_each(const struct case_state *, const struct case_state *,
    void (*report)(void *arg, const char *field, const char *text), void *arg);

#endif
