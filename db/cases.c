/*
 * cases.c -- the stored case row, a cache of the append-only records; see
 * cases.h.  Empty strings and zero times are stored as NULL, as in the row
 * workers_insert() creates, so that a recomputed uncalled case equals a
 * new one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/cases.h"
#include "forms/xmalloc.h"
#include "db/dbi.h"
#include "db/users.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

/* Bind s, or NULL when it is empty. */
static void
bind_opt_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

static void
bind_opt_time(sqlite3_stmt *st, int idx, time_t t)
{
	if (t == 0)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_int64(st, idx, (sqlite3_int64)t);
}

#define STATE_COLS "contact, calls, failed, last_call_at, last_outcome, first_reached_at, " \
	"whereabouts, return_date, transport, place, health_asked, symptoms, temperature, " \
	"onset_date, symptomatic, urged_doctor, isolation_start, isolation_end, work_plan, note"

/* Read STATE_COLS starting at column col. */
static void
state_from_row(sqlite3_stmt *st, int col, struct case_state *s)
{
	enum contact_state c = CONTACT_UNCALLED;
	enum call_outcome o = OUTCOME_NONE;

	casestate_init(s);
	contact_state_parse((const char *)sqlite3_column_text(st, col), &c);
	s->contact = c;
	s->calls = sqlite3_column_int(st, col + 1);
	s->failed = sqlite3_column_int(st, col + 2);
	s->last_call_at = (time_t)sqlite3_column_int64(st, col + 3);
	if (sqlite3_column_type(st, col + 4) != SQLITE_NULL)
		call_outcome_parse((const char *)sqlite3_column_text(st, col + 4), &o);
	s->last_outcome = o;
	s->first_reached_at = (time_t)sqlite3_column_int64(st, col + 5);
	db_column_copy(st, col + 6, s->whereabouts, sizeof s->whereabouts);
	db_column_copy(st, col + 7, s->return_date, sizeof s->return_date);
	db_column_copy(st, col + 8, s->transport, sizeof s->transport);
	db_column_copy(st, col + 9, s->place, sizeof s->place);
	s->health_asked = sqlite3_column_int(st, col + 10);
	db_column_copy(st, col + 11, s->symptoms, sizeof s->symptoms);
	db_column_copy(st, col + 12, s->temperature, sizeof s->temperature);
	db_column_copy(st, col + 13, s->onset_date, sizeof s->onset_date);
	s->symptomatic = sqlite3_column_int(st, col + 14);
	s->urged_doctor = sqlite3_column_int(st, col + 15);
	db_column_copy(st, col + 16, s->isolation_start, sizeof s->isolation_start);
	db_column_copy(st, col + 17, s->isolation_end, sizeof s->isolation_end);
	db_column_copy(st, col + 18, s->work_plan, sizeof s->work_plan);
	db_column_copy(st, col + 19, s->note, sizeof s->note);
}

int
cases_get(struct db *db, long long worker_id, struct case_row *out)
{
	static const char sql[] =
	    "SELECT coalesce(c.investigator_id, 0), coalesce(i.name, ''), "
	    "coalesce(c.next_due_at, 0), coalesce(c.next_kind, ''), "
	    "coalesce(c.claimed_by, 0), coalesce(h.name, ''), coalesce(c.claim_expires, 0), "
	    STATE_COLS " FROM cases c LEFT JOIN users i ON i.id = c.investigator_id "
	    "LEFT JOIN users h ON h.id = c.claimed_by WHERE c.worker_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	memset(out, 0, sizeof *out);
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->worker_id = worker_id;
		out->investigator_id = sqlite3_column_int64(st, 0);
		db_column_copy(st, 1, out->investigator_name, sizeof out->investigator_name);
		out->next_due_at = (time_t)sqlite3_column_int64(st, 2);
		db_column_copy(st, 3, out->next_kind, sizeof out->next_kind);
		out->claim_expires = (time_t)sqlite3_column_int64(st, 6);
		if (out->claim_expires > clock_now()) {
			out->claimed_by = sqlite3_column_int64(st, 4);
			db_column_copy(st, 5, out->claimed_by_name, sizeof out->claimed_by_name);
		} else
			out->claim_expires = 0;
		state_from_row(st, 7, &out->state);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER_ID, worker_id, 0, NULL, NULL);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	return 0;
}

struct cases_scan {
	struct db *db;
	sqlite3_stmt *st;
};

static const char sql_scan[] =
    "SELECT worker_id, coalesce(investigator_id, 0), coalesce(next_due_at, 0), "
    "coalesce(next_kind, ''), " STATE_COLS " FROM cases ORDER BY worker_id";

int
cases_scan_open(struct db *db, struct cases_scan **out)
{
	struct cases_scan *c = xcalloc(1, sizeof *c);

	*out = NULL;
	c->db = db;
	if (sqlite3_prepare_v2(db->conn, sql_scan, -1, &c->st, NULL) != SQLITE_OK) {
		free(c);
		return db_fail(db, sql_scan);
	}
	*out = c;
	return 0;
}

int
cases_scan_next(struct cases_scan *c, struct case_row *out)
{
	int rc = sqlite3_step(c->st);

	memset(out, 0, sizeof *out);
	if (rc == SQLITE_ROW) {
		out->worker_id = sqlite3_column_int64(c->st, 0);
		out->investigator_id = sqlite3_column_int64(c->st, 1);
		out->next_due_at = (time_t)sqlite3_column_int64(c->st, 2);
		db_column_copy(c->st, 3, out->next_kind, sizeof out->next_kind);
		state_from_row(c->st, 4, &out->state);
		return 1;
	}
	return rc == SQLITE_DONE ? 0 : db_fail(c->db, sql_scan);
}

void
cases_scan_close(struct cases_scan *c)
{
	if (c == NULL)
		return;
	sqlite3_finalize(c->st);
	free(c);
}

int
cases_store_state(struct db *db, long long worker_id, const struct case_state *s,
    time_t updated_at)
{
	static const char sql[] =
	    "UPDATE cases SET contact = ?2, calls = ?3, failed = ?4, last_call_at = ?5, "
	    "last_outcome = ?6, first_reached_at = ?7, whereabouts = ?8, return_date = ?9, "
	    "transport = ?10, place = ?11, health_asked = ?12, symptoms = ?13, "
	    "temperature = ?14, onset_date = ?15, symptomatic = ?16, urged_doctor = ?17, "
	    "isolation_start = ?18, isolation_end = ?19, work_plan = ?20, note = ?21, "
	    "updated_at = ?22 WHERE worker_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, contact_state_name(s->contact));
	sqlite3_bind_int(st, 3, s->calls);
	sqlite3_bind_int(st, 4, s->failed);
	bind_opt_time(st, 5, s->last_call_at);
	bind_opt_text(st, 6, call_outcome_name(s->last_outcome));
	bind_opt_time(st, 7, s->first_reached_at);
	bind_opt_text(st, 8, s->whereabouts);
	bind_opt_text(st, 9, s->return_date);
	bind_opt_text(st, 10, s->transport);
	bind_opt_text(st, 11, s->place);
	sqlite3_bind_int(st, 12, s->health_asked);
	bind_opt_text(st, 13, s->symptoms);
	bind_opt_text(st, 14, s->temperature);
	bind_opt_text(st, 15, s->onset_date);
	sqlite3_bind_int(st, 16, s->symptomatic);
	sqlite3_bind_int(st, 17, s->urged_doctor);
	bind_opt_text(st, 18, s->isolation_start);
	bind_opt_text(st, 19, s->isolation_end);
	bind_opt_text(st, 20, s->work_plan);
	bind_opt_text(st, 21, s->note);
	sqlite3_bind_int64(st, 22, (sqlite3_int64)updated_at);
	return db_step_done(db, st);
}

/* The earliest open follow-up of a worker: due time and kind ("" = none). */
static int
next_followup(struct db *db, long long worker_id, time_t *due, char *kind, size_t kindsz)
{
	static const char sql[] =
	    "SELECT due_at, kind FROM followups WHERE worker_id = ?1 AND done_at IS NULL "
	    "ORDER BY due_at, id LIMIT 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*due = 0;
	kind[0] = '\0';
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*due = (time_t)sqlite3_column_int64(st, 0);
		db_column_copy(st, 1, kind, kindsz);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

int
cases_refresh_next(struct db *db, long long worker_id, time_t updated_at)
{
	static const char sql[] =
	    "UPDATE cases SET next_due_at = ?2, next_kind = ?3, updated_at = ?4 "
	    "WHERE worker_id = ?1";
	sqlite3_stmt *st;
	char kind[16];
	time_t due;

	if (next_followup(db, worker_id, &due, kind, sizeof kind) != 0)
		return DB_ERROR;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	bind_opt_time(st, 2, due);
	bind_opt_text(st, 3, kind);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)updated_at);
	return db_step_done(db, st);
}

int
cases_phones_load(struct db *db, long long worker_id, struct case_phones *out)
{
	/* two statements, each on its own partial index (phones_current,
	 * phones_removed): phones has no index on worker_id alone */
	static const char *const sqls[] = {
	    "SELECT e164, created_at, 0, rank, id FROM phones WHERE worker_id = ?1 "
	    "AND removed_at IS NULL",
	    "SELECT e164, created_at, removed_at, rank, id FROM phones WHERE worker_id = ?1 "
	    "AND removed_at IS NOT NULL",
	};
	int rank[CASES_MAX_PHONES];
	long long id[CASES_MAX_PHONES];
	int rc;

	out->n = 0;
	for (size_t q = 0; q < 2; q++) {
		sqlite3_stmt *st = db_stmt(db, sqls[q]);
		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, worker_id);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			int r = sqlite3_column_int(st, 3);
			long long pid = sqlite3_column_int64(st, 4);
			size_t at;
			if (out->n == CASES_MAX_PHONES)
				continue;
			/* insertion by (rank, id): a worker has a handful */
			for (at = out->n; at > 0 && (rank[at - 1] > r ||
			    (rank[at - 1] == r && id[at - 1] > pid)); at--) {
				out->v[at] = out->v[at - 1];
				rank[at] = rank[at - 1];
				id[at] = id[at - 1];
			}
			db_column_copy(st, 0, out->v[at].e164, sizeof out->v[at].e164);
			out->v[at].from = (time_t)sqlite3_column_int64(st, 1);
			out->v[at].until = (time_t)sqlite3_column_int64(st, 2);
			rank[at] = r;
			id[at] = pid;
			out->n++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, sqls[q]);
	}
	return 0;
}

size_t
cases_phones_at(const struct case_phones *p, time_t t, const char **out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < p->n && n < max; i++) {
		size_t j;
		if (p->v[i].from > t || (p->v[i].until != 0 && p->v[i].until <= t))
			continue;
		for (j = 0; j < n && strcmp(out[j], p->v[i].e164) != 0; j++)
			;
		if (j == n)
			out[n++] = p->v[i].e164;
	}
	return n;
}

/* Fold every call of a worker, in time order, into s. */
static int
fold_calls(struct db *db, long long worker_id, int max_attempts, struct case_state *s)
{
	static const char sql[] =
	    "SELECT c.id, c.at, c.outcome, a.key, a.value, c.phone FROM calls c "
	    "LEFT JOIN call_answers a ON a.call_id = c.id "
	    "WHERE c.worker_id = ?1 ORDER BY c.at, c.id";
	sqlite3_stmt *st;
	struct answers *a = answers_new();
	struct case_call call = { 0, 0, OUTCOME_NONE, a, NULL, NULL, 0 };
	struct case_phones phones;
	const char *numbers[CASES_MAX_PHONES];
	char dialled[24] = "";
	int rc, ret = 0;

	casestate_init(s);
	if (cases_phones_load(db, worker_id, &phones) != 0 || (st = db_stmt(db, sql)) == NULL) {
		answers_free(a);
		return DB_ERROR;
	}
	call.phone = dialled;
	call.numbers = numbers;
	sqlite3_bind_int64(st, 1, worker_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (id != call.id) {
			if (call.id != 0)
				casestate_apply(s, &call, max_attempts);
			answers_clear(a);
			call.id = id;
			call.at = (time_t)sqlite3_column_int64(st, 1);
			call.outcome = OUTCOME_NO_ANSWER;
			call_outcome_parse((const char *)sqlite3_column_text(st, 2), &call.outcome);
			db_column_copy(st, 5, dialled, sizeof dialled);
			call.nnumbers = cases_phones_at(&phones, call.at, numbers, CASES_MAX_PHONES);
		}
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			answers_set(a, (const char *)sqlite3_column_text(st, 3),
			    (const char *)sqlite3_column_text(st, 4));
	}
	if (call.id != 0)
		casestate_apply(s, &call, max_attempts);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		ret = db_fail(db, sql);
	answers_free(a);
	return ret;
}

int
cases_recompute(struct db *db, long long worker_id, int max_attempts, struct case_row *out)
{
	static const char sql_assigned[] =
	    "SELECT coalesce(a.investigator_id, 0), coalesce(u.name, '') FROM assignments a "
	    "LEFT JOIN users u ON u.id = a.investigator_id WHERE a.worker_id = ?1 "
	    "ORDER BY a.at DESC, a.id DESC LIMIT 1";
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	out->worker_id = worker_id;
	if (fold_calls(db, worker_id, max_attempts, &out->state) != 0)
		return DB_ERROR;
	if ((st = db_stmt(db, sql_assigned)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->investigator_id = sqlite3_column_int64(st, 0);
		db_column_copy(st, 1, out->investigator_name, sizeof out->investigator_name);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, sql_assigned);
	return next_followup(db, worker_id, &out->next_due_at, out->next_kind,
	    sizeof out->next_kind);
}

int
cases_refresh(struct db *db, long long worker_id, int max_attempts)
{
	static const char sql[] =
	    "UPDATE cases SET investigator_id = ?2 WHERE worker_id = ?1";
	struct case_row r;
	sqlite3_stmt *st;
	time_t now = clock_now();

	if (cases_recompute(db, worker_id, max_attempts, &r) != 0)
		return DB_ERROR;
	if (cases_store_state(db, worker_id, &r.state, now) != 0)
		return DB_ERROR;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	if (r.investigator_id > 0)
		sqlite3_bind_int64(st, 2, r.investigator_id);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	return cases_refresh_next(db, worker_id, now);
}

int
cases_assign_one(struct db *db, long long worker_id, long long to_user, const char *to_login,
    long long by_user, time_t now, const char *action)
{
	static const char sql_old[] =
	    "SELECT coalesce(c.investigator_id, 0), u.login FROM cases c "
	    "LEFT JOIN users u ON u.id = c.investigator_id WHERE c.worker_id = ?1";
	static const char sql_add[] =
	    "INSERT INTO assignments(worker_id, investigator_id, at, by_user) "
	    "VALUES(?1, ?2, ?3, ?4)";
	static const char sql_set[] =
	    "UPDATE cases SET investigator_id = ?2, updated_at = ?3 WHERE worker_id = ?1";
	/* A claim lasts at most claim_minutes (4 hours at most); one that
	 * ends more than a day ahead was taken with a false clock and would
	 * hold the case for years: assigning the case clears it. */
	static const char sql_claim[] =
	    "UPDATE cases SET claimed_by = NULL, claim_expires = NULL "
	    "WHERE worker_id = ?1 AND claim_expires > ?2";
	sqlite3_stmt *st = db_stmt(db, sql_old);
	long long old_id = 0;
	char *old_login = NULL;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		old_id = sqlite3_column_int64(st, 0);
		old_login = db_column_strdup(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER_ID, worker_id, 0, NULL, NULL);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql_old);
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql_claim)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now + 86400);
	if (db_step_done(db, st) != 0)
		goto out;
	rc = 0;
	if (old_id == to_user)
		goto out;
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql_add)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, worker_id);
	if (to_user > 0)
		sqlite3_bind_int64(st, 2, to_user);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (by_user > 0)
		sqlite3_bind_int64(st, 4, by_user);
	if (db_step_done(db, st) != 0)
		goto out;
	if ((st = db_stmt(db, sql_set)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, worker_id);
	if (to_user > 0)
		sqlite3_bind_int64(st, 2, to_user);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (db_step_done(db, st) != 0)
		goto out;
	rc = audit_log(db, by_user, action, "worker", worker_id, "investigator",
	    old_login, to_user > 0 ? to_login : NULL);
out:
	free(old_login);
	return rc;
}

int
cases_assign(struct db *db, const long long *worker_ids, size_t n, long long to_user,
    long long by_user)
{
	struct user to, by;
	time_t now = clock_now();
	int rc;

	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if (by_user > 0) {
		if ((rc = users_get(db, by_user, &by)) != 0)
			goto fail;
		if (!user_can_lead(&by)) {
			rc = db_refuse(db, DB_DENIED, FAULT_NOT_LEAD, 0, 0, NULL, NULL);
			goto fail;
		}
	}
	memset(&to, 0, sizeof to);
	if (to_user > 0) {
		if ((rc = users_get(db, to_user, &to)) != 0)
			goto fail;
		if (!to.active) {
			rc = db_refuse(db, DB_INVALID, FAULT_USER_DISABLED, 0, 0, to.login, to.name);
			goto fail;
		}
	}
	for (size_t i = 0; i < n; i++)
		if ((rc = cases_assign_one(db, worker_ids[i], to_user, to.login, by_user, now,
		    "case.assign")) != 0)
			goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

int
cases_held_by(struct db *db, long long user_id, long long *cases, long long *followups)
{
	static const char sql_cases[] = "SELECT count(*) FROM cases WHERE investigator_id = ?1";
	static const char sql_fu[] =
	    "SELECT count(*) FROM followups WHERE owner_id = ?1 AND done_at IS NULL";
	sqlite3_stmt *st;

	if ((st = db_stmt(db, sql_cases)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, user_id);
	if (db_step_int64(db, st, cases) != 0)
		return DB_ERROR;
	if ((st = db_stmt(db, sql_fu)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, user_id);
	return db_step_int64(db, st, followups);
}

/* The first column of every row of st (bound already) appended to *ids
 * (*n of them, room for *cap); 0, or db_fail's status. */
static int
read_ids(struct db *db, sqlite3_stmt *st, const char *sql, long long **ids, size_t *n,
    size_t *cap)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*ids = xrealloc(*ids, *cap * sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

int
cases_release(struct db *db, long long user_id, long long by_user, long long *cases,
    long long *followups)
{
	static const char sql_list[] =
	    "SELECT worker_id FROM cases WHERE investigator_id = ?1 ORDER BY worker_id";
	static const char sql_fu_copy[] =
	    "INSERT INTO followups(worker_id, kind, due_at, owner_id, note, created_at, created_by, "
	    "call_id) SELECT worker_id, kind, due_at, NULL, note, ?2, ?3, call_id FROM followups "
	    "WHERE owner_id = ?1 AND done_at IS NULL ORDER BY id";
	static const char sql_fu_close[] =
	    "UPDATE followups SET done_at = ?2, done_by = ?3, done_reason = 'moved' "
	    "WHERE owner_id = ?1 AND done_at IS NULL";
	static const char sql_workers[] =
	    "SELECT DISTINCT worker_id FROM followups WHERE owner_id = ?1 AND done_at = ?2";
	struct user u;
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	sqlite3_stmt *st;
	time_t now = clock_now();
	int rc;

	*cases = *followups = 0;
	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = users_get(db, user_id, &u)) != 0)
		goto fail;
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql_list)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, user_id);
	if ((rc = read_ids(db, st, sql_list, &ids, &n, &cap)) != 0)
		goto fail;
	rc = DB_ERROR;
	for (size_t i = 0; i < n; i++)
		if ((rc = cases_assign_one(db, ids[i], 0, NULL, by_user, now, "case.release")) != 0)
			goto fail;
	*cases = (long long)n;
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql_fu_copy)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	if (by_user > 0)
		sqlite3_bind_int64(st, 3, by_user);
	if (db_step_done(db, st) != 0)
		goto fail;
	*followups = sqlite3_changes(db->conn);
	if ((st = db_stmt(db, sql_fu_close)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	if (by_user > 0)
		sqlite3_bind_int64(st, 3, by_user);
	if (db_step_done(db, st) != 0)
		goto fail;
	/* the moved follow-ups' cases: their next action is recomputed */
	if ((st = db_stmt(db, sql_workers)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	n = 0;
	if ((rc = read_ids(db, st, sql_workers, &ids, &n, &cap)) != 0)
		goto fail;
	rc = DB_ERROR;
	for (size_t i = 0; i < n; i++)
		if (cases_refresh_next(db, ids[i], now) != 0)
			goto fail;
	if ((rc = audit_log(db, by_user, "user.release", "user", user_id, "cases", NULL,
	    u.login)) != 0)
		goto fail;
	free(ids);
	if ((rc = db_commit(db)) != 0)
		return rc;
	return 0;
fail:
	free(ids);
	db_rollback(db);
	return rc;
}
