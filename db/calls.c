/*
 * calls.c -- recording calls and applying the follow-up rules; see calls.h.
 *
 * calls_record() validates a copy of the answers against the call form
 * before it takes the write lock (so a typing mistake never holds it), then
 * does everything in one BEGIN IMMEDIATE transaction: a failure anywhere
 * rolls back the call, its answers, the case and the follow-ups together.
 * Every timestamp it writes is the call's own `at`, so a backdated call
 * (the demo) leaves the same rows whenever it is recorded.
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calls.h"
#include "db/cases.h"
#include "db/claims.h"
#include "db/dbi.h"
#include "db/followups.h"
#include "db/roles.h"
#include "db/settings.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/form.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

/* Validate answers + outcome against the call form for the call's day;
 * *out gets the canonical answers without the outcome. */
static int
calls_validate(struct db *db, const struct settings *set, time_t at, enum call_outcome outcome,
    const struct answers *answers, struct answers **out)
{
	struct answers *a = answers ? answers_copy(answers) : answers_new();
	struct form_ctx ctx;
	char today[11], err[512];

	*out = NULL;
	clock_date(at, today);
	ctx.today = today;
	ctx.area_code = set->area_code[0] ? set->area_code : NULL;
	answers_set(a, "outcome", call_outcome_name(outcome));
	if (form_validate(&callform, a, &ctx, err, sizeof err) != 0) {
		answers_free(a);
		return db_failf(db, "%s", err);
	}
	answers_remove(a, "outcome");
	*out = a;
	return 0;
}

/* The retry delay in minutes for a failed outcome. */
static int
retry_minutes(const struct settings *set, enum call_outcome o)
{
	switch (o) {
	case OUTCOME_BUSY:
		return set->retry_busy;
	case OUTCOME_OFF:
	case OUTCOME_OUT_OF_SERVICE:
		return set->retry_off;
	default:
		return set->retry_no_answer;
	}
}

/* Who escalations go to: the first active lead by id, else the first
 * active admin; 0 when there is neither. */
int
calls_escalation_owner(struct db *db, long long *owner)
{
	static const char sql[] =
	    "SELECT id FROM users WHERE active = 1 AND role IN ('lead', 'admin') "
	    "ORDER BY role <> 'lead', id LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*owner = 0;
	if (st == NULL)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*owner = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

/* Is open follow-up i still open after the actions act[0..n-1]? */
static int
still_open(const struct calls_rule_action *act, size_t n, size_t i)
{
	for (size_t k = 0; k < n; k++)
		if (act[k].op != CALLS_RULE_CREATE && act[k].index == i)
			return 0;
	return 1;
}

/* Is a follow-up of this kind still open, due at or before due? */
static int
still_open_by(const struct calls_open_followup *open, size_t nopen,
    const struct calls_rule_action *act, size_t n, enum followup_kind kind, time_t due)
{
	for (size_t i = 0; i < nopen; i++)
		if (open[i].kind == kind && open[i].due_at <= due && still_open(act, n, i))
			return 1;
	return 0;
}

/* Close the still open follow-ups of a kind due before `before`. */
static size_t
rule_close(const struct calls_open_followup *open, size_t nopen, struct calls_rule_action *act,
    size_t n, enum followup_kind kind, time_t before, const char *reason)
{
	for (size_t i = 0; i < nopen; i++)
		if (open[i].kind == kind && open[i].due_at < before && still_open(act, n, i))
			act[n++] = (struct calls_rule_action){ CALLS_RULE_CLOSE, i, reason,
			    FOLLOWUP_NONE, 0 };
	return n;
}

static size_t
rule_create(struct calls_rule_action *act, size_t n, enum followup_kind kind, time_t due)
{
	act[n] = (struct calls_rule_action){ CALLS_RULE_CREATE, 0, NULL, kind, due };
	return n + 1;
}

size_t
calls_rules(const struct settings *set, time_t at, enum call_outcome outcome,
    const struct case_state *before, const struct case_state *now,
    const struct calls_open_followup *open, size_t nopen, struct calls_rule_action *act)
{
	char day[11], tomorrow[11];
	time_t day_end, nine;
	size_t n = 0;

	clock_date(at, day);
	day_end = clock_day_start(day) + 86400;
	nine = day_end + 9 * 3600;
	clock_date(day_end, tomorrow);
	n = rule_close(open, nopen, act, n, FOLLOWUP_CALLBACK, LLONG_MAX,
	    outcome == OUTCOME_REACHED ? "done" : "superseded");
	if (outcome != OUTCOME_REACHED) {
		time_t retry = at + 60 * (time_t)retry_minutes(set, outcome);
		if (now->contact != CONTACT_UNREACHABLE) {
			/* the other open follow-ups (not escalations) due before
			 * the retry wait for it */
			for (size_t i = 0; i < nopen; i++)
				if (open[i].kind != FOLLOWUP_ESCALATION &&
				    open[i].kind != FOLLOWUP_CALLBACK && open[i].due_at < retry &&
				    still_open(act, n, i))
					act[n++] = (struct calls_rule_action){ CALLS_RULE_MOVE, i,
					    NULL, FOLLOWUP_NONE, retry };
			return rule_create(act, n, FOLLOWUP_CALLBACK, retry);
		}
		/* unreachable: escalated once; again only when the last escalation
		 * was closed and this call failed too */
		if (before->contact == CONTACT_UNREACHABLE &&
		    still_open_by(open, nopen, act, n, FOLLOWUP_ESCALATION, LLONG_MAX))
			return n;
		return rule_create(act, n, FOLLOWUP_ESCALATION, at);
	}
	n = rule_close(open, nopen, act, n, FOLLOWUP_HEALTH, day_end, "done");
	n = rule_close(open, nopen, act, n, FOLLOWUP_MEDICAL, day_end, "done");
	if (now->symptomatic && !still_open_by(open, nopen, act, n, FOLLOWUP_MEDICAL, nine))
		n = rule_create(act, n, FOLLOWUP_MEDICAL, nine);
	if (casestate_isolated_on(now, tomorrow) &&
	    !still_open_by(open, nopen, act, n, FOLLOWUP_HEALTH, nine))
		n = rule_create(act, n, FOLLOWUP_HEALTH, nine);
	/* a work plan that is no longer needs-job makes the job follow-up moot */
	if (strcmp(before->work_plan, "needs-job") == 0 && strcmp(now->work_plan, "needs-job") != 0)
		n = rule_close(open, nopen, act, n, FOLLOWUP_JOB, LLONG_MAX, "superseded");
	if (strcmp(now->work_plan, "needs-job") == 0 &&
	    !still_open_by(open, nopen, act, n, FOLLOWUP_JOB, LLONG_MAX))
		n = rule_create(act, n, FOLLOWUP_JOB, nine);
	return n;
}

/* The worker's open follow-ups in creation order; caller frees *out. */
static int
open_followups(struct db *db, long long worker_id, struct calls_open_followup **out, size_t *n)
{
	static const char sql[] =
	    "SELECT id, kind, due_at FROM followups WHERE worker_id = ?1 AND done_at IS NULL "
	    "ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct calls_open_followup *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum followup_kind k = FOLLOWUP_CALLBACK;
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof *v);
		}
		followup_kind_parse((const char *)sqlite3_column_text(st, 1), &k);
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].kind = k;
		v[len].due_at = (time_t)sqlite3_column_int64(st, 2);
		len++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(db, sql);
	}
	*out = v;
	*n = len;
	return 0;
}

/* Close follow-up id at `at` by user_id for reason. */
static int
close_one(struct db *db, long long id, const char *reason, time_t at, long long user_id)
{
	static const char sql[] =
	    "UPDATE followups SET done_at = ?2, done_by = ?3, done_reason = ?4 WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	sqlite3_bind_int64(st, 3, user_id);
	db_bind_text(st, 4, reason);
	return db_step_done(db, st);
}

/* Move follow-up id to `until`: a copy opened (owner, note and call kept),
 * the original closed as 'moved'. */
static int
move_one(struct db *db, long long id, time_t until, time_t at, long long user_id)
{
	static const char sql[] =
	    "INSERT INTO followups(worker_id, kind, due_at, owner_id, note, created_at, created_by, "
	    "call_id) SELECT worker_id, kind, ?2, owner_id, note, ?3, ?4, call_id FROM followups "
	    "WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)until);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	sqlite3_bind_int64(st, 4, user_id);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	return close_one(db, id, "moved", at, user_id);
}

/* The follow-up rules of calls.h (calls_rules()), for a call already
 * folded into now, carried out on the worker's rows. */
static int
apply_rules(struct db *db, const struct settings *set, long long worker_id, long long user_id,
    time_t at, long long call_id, enum call_outcome outcome, const struct case_state *before,
    const struct case_state *now)
{
	struct calls_open_followup *open;
	struct calls_rule_action *act;
	size_t nopen, n;
	long long owner;
	int rc = DB_ERROR;

	if (open_followups(db, worker_id, &open, &nopen) != 0)
		return DB_ERROR;
	act = xcalloc(2 * nopen + 3, sizeof *act);
	n = calls_rules(set, at, outcome, before, now, open, nopen, act);
	for (size_t i = 0; i < n; i++) {
		const struct calls_rule_action *a = &act[i];
		switch (a->op) {
		case CALLS_RULE_CLOSE:
			if (close_one(db, open[a->index].id, a->reason, at, user_id) != 0)
				goto out;
			break;
		case CALLS_RULE_MOVE:
			if (move_one(db, open[a->index].id, a->due_at, at, user_id) != 0)
				goto out;
			break;
		case CALLS_RULE_CREATE:
			owner = 0;
			if (a->kind == FOLLOWUP_ESCALATION && calls_escalation_owner(db, &owner) != 0)
				goto out;
			if (followups_create(db, worker_id, a->kind, a->due_at, owner, "", at,
			    user_id, call_id, NULL) != 0)
				goto out;
			break;
		}
	}
	rc = 0;
out:
	free(open);
	free(act);
	return rc;
}

/* Append the call and its answers; *call_id gets its id. */
static int
insert_call(struct db *db, long long worker_id, long long user_id, time_t at,
    const char *phone, enum call_outcome outcome, const struct answers *a, long long *call_id)
{
	static const char sql_call[] =
	    "INSERT INTO calls(worker_id, user_id, at, phone, outcome) VALUES(?1, ?2, ?3, ?4, ?5)";
	static const char sql_answer[] =
	    "INSERT INTO call_answers(call_id, key, value) VALUES(?1, ?2, ?3)";
	sqlite3_stmt *st = db_stmt(db, sql_call);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	db_bind_text(st, 4, phone ? phone : "");
	db_bind_text(st, 5, call_outcome_name(outcome));
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	*call_id = sqlite3_last_insert_rowid(db->conn);
	for (size_t i = 0; i < answers_count(a); i++) {
		if ((st = db_stmt(db, sql_answer)) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, *call_id);
		db_bind_text(st, 2, answers_key_at(a, i));
		db_bind_text(st, 3, answers_value_at(a, i));
		if (db_step_done(db, st) != 0)
			return DB_ERROR;
	}
	return 0;
}

int
calls_record(struct db *db, const struct settings *set, long long worker_id, long long user_id,
    time_t at, const char *phone_e164, enum call_outcome outcome, const struct answers *answers,
    long long *call_id)
{
	static const char sql_draft[] = "DELETE FROM drafts WHERE worker_id = ?1 AND user_id = ?2";
	struct answers *a = NULL;
	struct case_row before;
	struct case_state now;
	sqlite3_stmt *st;
	long long id = 0;
	int rc;

	if (call_outcome_name(outcome)[0] == '\0')
		return db_failf(db, "calls_record: outcome %d", (int)outcome);
	if ((rc = calls_validate(db, set, at, outcome, answers, &a)) != 0)
		return rc;
	if ((rc = db_begin_write(db)) != 0)
		goto out;
	if ((rc = cases_get(db, worker_id, &before)) != 0)
		goto fail;
	/* Checked under the write lock: a claim taken by another process
	 * after the caller looked cannot slip in between. */
	if ((rc = claims_check(db, worker_id, user_id, clock_now())) != 0)
		goto fail;
	if ((rc = roles_check_case(db, user_id, worker_id, ROLE_ACT_CALL)) != 0)
		goto fail;
	rc = DB_ERROR;
	if (insert_call(db, worker_id, user_id, at, phone_e164, outcome, a, &id) != 0)
		goto fail;
	{
		/* Fold every call again: which numbers are spent depends on the
		 * calls to each and on the numbers the worker had at each call,
		 * which the stored row does not keep (a handful of rows). */
		struct case_row r;
		if (cases_recompute(db, worker_id, set->max_attempts, &r) != 0)
			goto fail;
		now = r.state;
	}
	if (cases_store_state(db, worker_id, &now, at) != 0)
		goto fail;
	if (apply_rules(db, set, worker_id, user_id, at, id, outcome, &before.state, &now) != 0)
		goto fail;
	if (cases_refresh_next(db, worker_id, at) != 0)
		goto fail;
	if ((st = db_stmt(db, sql_draft)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, user_id);
	if (db_step_done(db, st) != 0)
		goto fail;
	if ((rc = db_commit(db)) != 0)
		goto out;
	if (call_id != NULL)
		*call_id = id;
	goto out;
fail:
	db_rollback(db);
out:
	answers_free(a);
	return rc;
}

int
calls_numbers(struct db *db, long long worker_id, int max_attempts, struct call_number **out,
    size_t *n, int *next)
{
	struct worker_phone *p = NULL;
	struct call_number *v;
	const char *e164[CASES_MAX_PHONES];
	struct case_row r;
	size_t np = 0;

	*out = NULL;
	*n = 0;
	*next = -1;
	if (cases_recompute(db, worker_id, max_attempts, &r) != 0 ||
	    workers_phones(db, worker_id, &p, &np) != 0)
		return DB_ERROR;
	v = xcalloc(np ? np : 1, sizeof *v);
	for (size_t i = 0; i < np; i++) {
		const struct case_number *k = casestate_number(&r.state, p[i].e164);
		v[i].phone_id = p[i].id;
		snprintf(v[i].e164, sizeof v[i].e164, "%s", p[i].e164);
		snprintf(v[i].display, sizeof v[i].display, "%s", p[i].display);
		snprintf(v[i].kind, sizeof v[i].kind, "%s", p[i].kind);
		v[i].failed = k ? k->failed : 0;
		v[i].mark = k ? k->mark : OUTCOME_NONE;
		v[i].mark_at = k ? k->mark_at : 0;
		v[i].spent = casestate_number_spent(k, max_attempts);
		if (i < CASES_MAX_PHONES)
			e164[i] = v[i].e164;
	}
	*next = casestate_next_number(&r.state, e164, np < CASES_MAX_PHONES ? np :
	    CASES_MAX_PHONES, max_attempts);
	free(p);
	*out = v;
	*n = np;
	return 0;
}

void
calls_free(struct call_record *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		answers_free(v[i].answers);
	free(v);
}

int
calls_list(struct db *db, long long worker_id, struct call_record **out, size_t *n)
{
	static const char sql[] =
	    "SELECT c.id, c.user_id, coalesce(u.name, ''), c.at, c.phone, c.outcome "
	    "FROM calls c LEFT JOIN users u ON u.id = c.user_id WHERE c.worker_id = ?1 "
	    "ORDER BY c.at DESC, c.id DESC";
	static const char sql_answers[] =
	    "SELECT key, value FROM call_answers WHERE call_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct call_record *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum call_outcome o = OUTCOME_NO_ANSWER;
		if (len == cap) {
			cap = cap ? cap * 2 : 8;
			v = xrealloc(v, cap * sizeof *v);
		}
		struct call_record *r = &v[len++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(st, 0);
		r->worker_id = worker_id;
		r->user_id = sqlite3_column_int64(st, 1);
		snprintf(r->user_name, sizeof r->user_name, "%s",
		    (const char *)sqlite3_column_text(st, 2));
		r->at = (time_t)sqlite3_column_int64(st, 3);
		snprintf(r->phone, sizeof r->phone, "%s", (const char *)sqlite3_column_text(st, 4));
		call_outcome_parse((const char *)sqlite3_column_text(st, 5), &o);
		r->outcome = o;
		r->answers = answers_new();
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		calls_free(v, len);
		return db_fail(db, sql);
	}
	for (size_t i = 0; i < len; i++) {
		if ((st = db_stmt(db, sql_answers)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, v[i].id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			answers_set(v[i].answers, (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		if (rc != SQLITE_DONE) {
			db_fail(db, sql_answers);
			goto fail;
		}
	}
	*out = v;
	*n = len;
	return 0;
fail:
	calls_free(v, len);
	return DB_ERROR;
}
