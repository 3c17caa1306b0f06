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
static int
escalation_owner(struct db *db, long long *owner)
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

/* Close the worker's open follow-ups of a kind due before `before`. */
static int
close_open(struct db *db, long long worker_id, const char *kind, time_t before,
    const char *reason, time_t at, long long user_id)
{
	static const char sql[] =
	    "UPDATE followups SET done_at = ?4, done_by = ?5, done_reason = ?6 "
	    "WHERE worker_id = ?1 AND kind = ?2 AND done_at IS NULL AND due_at < ?3";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)before);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)at);
	sqlite3_bind_int64(st, 5, user_id);
	db_bind_text(st, 6, reason);
	return db_step_done(db, st);
}

/* Is a follow-up of this kind open for the worker, due at or before due? */
static int
open_by(struct db *db, long long worker_id, const char *kind, time_t due, int *yes)
{
	static const char sql[] =
	    "SELECT 1 FROM followups WHERE worker_id = ?1 AND kind = ?2 AND done_at IS NULL "
	    "AND due_at <= ?3 LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, kind);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)due);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, sql);
	*yes = rc == SQLITE_ROW;
	return 0;
}

/* Open a follow-up of kind at due unless one is open due by then. */
static int
open_once(struct db *db, long long worker_id, enum followup_kind kind, time_t due,
    time_t by, time_t at, long long user_id, long long call_id)
{
	int yes = 0;

	if (open_by(db, worker_id, followup_kind_name(kind), by, &yes) != 0)
		return DB_ERROR;
	if (yes)
		return 0;
	return followups_create(db, worker_id, kind, due, 0, "", at, user_id, call_id, NULL);
}

/* After a failed attempt: the worker's open follow-ups (not escalations)
 * due before `until` move to `until` (closed as 'moved', a copy opened),
 * so that the case waits for its retry like any other. */
static int
defer_open(struct db *db, long long worker_id, time_t until, time_t at, long long user_id)
{
	static const char sql_copy[] =
	    "INSERT INTO followups(worker_id, kind, due_at, owner_id, note, created_at, created_by, "
	    "call_id) SELECT worker_id, kind, ?2, owner_id, note, ?3, ?4, call_id FROM followups "
	    "WHERE worker_id = ?1 AND done_at IS NULL AND kind <> 'escalation' AND kind <> 'callback' "
	    "AND due_at < ?2 ORDER BY id";
	static const char sql_close[] =
	    "UPDATE followups SET done_at = ?3, done_by = ?4, done_reason = 'moved' "
	    "WHERE worker_id = ?1 AND done_at IS NULL AND kind <> 'escalation' "
	    "AND kind <> 'callback' AND due_at < ?2";
	static const char *const sqls[] = { sql_copy, sql_close };
	sqlite3_stmt *st;

	/* copy first; the copies are due at `until`, so the close leaves them */
	for (size_t i = 0; i < 2; i++) {
		if ((st = db_stmt(db, sqls[i])) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, worker_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)until);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
		sqlite3_bind_int64(st, 4, user_id);
		if (db_step_done(db, st) != 0)
			return DB_ERROR;
	}
	return 0;
}

/* The follow-up rules of calls.h, for a call already folded into now. */
static int
apply_rules(struct db *db, const struct settings *set, long long worker_id, long long user_id,
    time_t at, long long call_id, enum call_outcome outcome, const struct case_state *before,
    const struct case_state *now)
{
	char day[11], tomorrow[11];
	time_t day_end, nine;
	long long owner;

	clock_date(at, day);
	day_end = clock_day_start(day) + 86400;
	nine = day_end + 9 * 3600;
	clock_date(day_end, tomorrow);
	if (close_open(db, worker_id, "callback", LLONG_MAX,
	    outcome == OUTCOME_REACHED ? "done" : "superseded", at, user_id) != 0)
		return DB_ERROR;
	if (outcome != OUTCOME_REACHED) {
		time_t retry = at + 60 * (time_t)retry_minutes(set, outcome);
		if (now->contact != CONTACT_UNREACHABLE)
			return defer_open(db, worker_id, retry, at, user_id) != 0 ? DB_ERROR :
			    followups_create(db, worker_id, FOLLOWUP_CALLBACK, retry, 0, "", at,
			    user_id, call_id, NULL);
		/* unreachable: escalated once; again only when the last escalation
		 * was closed and this call failed too */
		if (before->contact == CONTACT_UNREACHABLE) {
			int open = 0;
			if (open_by(db, worker_id, "escalation", LLONG_MAX, &open) != 0)
				return DB_ERROR;
			if (open)
				return 0;
		}
		if (escalation_owner(db, &owner) != 0)
			return DB_ERROR;
		return followups_create(db, worker_id, FOLLOWUP_ESCALATION, at, owner, "", at,
		    user_id, call_id, NULL);
	}
	if (close_open(db, worker_id, "health", day_end, "done", at, user_id) != 0 ||
	    close_open(db, worker_id, "medical", day_end, "done", at, user_id) != 0)
		return DB_ERROR;
	if (now->symptomatic &&
	    open_once(db, worker_id, FOLLOWUP_MEDICAL, nine, nine, at, user_id, call_id) != 0)
		return DB_ERROR;
	if (casestate_isolated_on(now, tomorrow) &&
	    open_once(db, worker_id, FOLLOWUP_HEALTH, nine, nine, at, user_id, call_id) != 0)
		return DB_ERROR;
	/* a work plan that is no longer needs-job makes the job follow-up moot */
	if (strcmp(before->work_plan, "needs-job") == 0 && strcmp(now->work_plan, "needs-job") != 0 &&
	    close_open(db, worker_id, "job", LLONG_MAX, "superseded", at, user_id) != 0)
		return DB_ERROR;
	if (strcmp(now->work_plan, "needs-job") == 0 &&
	    open_once(db, worker_id, FOLLOWUP_JOB, nine, LLONG_MAX, at, user_id, call_id) != 0)
		return DB_ERROR;
	return 0;
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
