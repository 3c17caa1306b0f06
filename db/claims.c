/*
 * claims.c -- leases on cases, so that two investigators never call the
 * same worker at once.  Taking a claim is one conditional UPDATE in a
 * write transaction: it succeeds when the case is free, already ours, or
 * its claim has expired, and SQLite's changes() says whether it did.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db/audit.h"
#include "db/claims.h"
#include "db/dbi.h"
#include "db/lead.h"
#include "forms/clock.h"

/* Who holds the claim on worker_id, and until when (inside the transaction). */
static int
claims_holder(struct db *db, long long worker_id, char *holder_name, size_t holder_len,
    time_t *until)
{
	static const char sql[] =
	    "SELECT c.claimed_by, coalesce(u.name, u.login, ''), c.claim_expires\n"
	    "FROM cases c LEFT JOIN users u ON u.id = c.claimed_by WHERE c.worker_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_CASE, worker_id, 0, NULL, NULL);
	}
	if (rc != SQLITE_ROW) {
		db_fail(db, sql);
		sqlite3_reset(st);
		return DB_ERROR;
	}
	if (holder_name != NULL && holder_len > 0)
		snprintf(holder_name, holder_len, "%s", (const char *)sqlite3_column_text(st, 1));
	if (until != NULL)
		*until = (time_t)sqlite3_column_int64(st, 2);
	db_refuse(db, DB_CONFLICT, FAULT_CLAIMED, 0, 0, (const char *)sqlite3_column_text(st, 1),
	    NULL);
	sqlite3_reset(st);
	return DB_CONFLICT;
}

/* The worker has current phones (inside the transaction): 1, 0, or -1. */
static int
has_phones(struct db *db, long long worker_id)
{
	static const char sql[] =
	    "SELECT EXISTS(SELECT 1 FROM phones WHERE worker_id = ?1 AND removed_at IS NULL)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc, v;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		db_fail(db, sql);
	return v;
}

/* claims_take_at; with seen, also the audit of user_id seeing the
 * worker's phones, claim or not, in the same transaction. */
static int
take(struct db *db, long long worker_id, long long user_id, int minutes, time_t now, int seen,
    char *holder_name, size_t holder_len, time_t *until)
{
	static const char sql[] =
	    "UPDATE cases SET claimed_by = ?2, claim_expires = ?3\n"
	    "WHERE worker_id = ?1 AND (claimed_by IS NULL OR claimed_by = ?2 OR claim_expires <= ?4)";
	sqlite3_stmt *st;
	time_t expires = now + (time_t)(minutes > 0 ? minutes : 1) * 60;
	int rc, phones;

	if (holder_name != NULL && holder_len > 0)
		holder_name[0] = '\0';
	if ((rc = db_begin_write(db)) != 0)
		return rc;
	if ((st = db_stmt(db, sql)) == NULL) {
		rc = DB_ERROR;
		goto fail;
	}
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)expires);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
	if ((rc = db_step_done(db, st)) != 0)
		goto fail;
	if (sqlite3_changes(db->conn) == 0) {
		rc = claims_holder(db, worker_id, holder_name, holder_len, until);
		if (rc != DB_CONFLICT || !seen)
			goto fail;
	}
	if (seen) {
		/* the refusal's message outlives the audit row's statements */
		char keep[sizeof db->errmsg];
		struct fault fault = db->fault;

		memcpy(keep, db->errmsg, sizeof keep);
		if ((phones = has_phones(db, worker_id)) < 0 ||
		    (phones && audit_log(db, user_id, "worker.seen", "worker", worker_id, "phones",
		    NULL, NULL) != 0)) {
			rc = DB_ERROR;
			goto fail;
		}
		memcpy(db->errmsg, keep, sizeof keep);
		db->fault = fault;
	}
	if (db_commit(db) != 0)
		return DB_ERROR;
	if (rc != 0)
		return rc;	/* DB_CONFLICT, the seen phones audited */
	if (until != NULL)
		*until = expires;
	return 0;
fail:
	db_rollback(db);
	return rc;
}

int
claims_take_at(struct db *db, long long worker_id, long long user_id, int minutes,
    time_t now, char *holder_name, size_t holder_len, time_t *until)
{
	return take(db, worker_id, user_id, minutes, now, 0, holder_name, holder_len, until);
}

int
claims_take_seen(struct db *db, long long worker_id, long long user_id, int minutes,
    char *holder_name, size_t holder_len, time_t *until)
{
	return take(db, worker_id, user_id, minutes, clock_now(), 1, holder_name, holder_len,
	    until);
}

int
claims_check(struct db *db, long long worker_id, long long user_id, time_t now)
{
	static const char sql[] =
	    "SELECT count(*) FROM cases WHERE worker_id = ?1 AND claimed_by IS NOT NULL\n"
	    "AND claimed_by <> ?2 AND claim_expires > ?3";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc, held;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	rc = sqlite3_step(st);
	held = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	return held ? claims_holder(db, worker_id, NULL, 0, NULL) : 0;
}

int
claims_take(struct db *db, long long worker_id, long long user_id, int minutes,
    char *holder_name, size_t holder_len, time_t *until)
{
	return claims_take_at(db, worker_id, user_id, minutes, clock_now(), holder_name,
	    holder_len, until);
}

int
claims_release(struct db *db, long long worker_id, long long user_id)
{
	static const char sql[] =
	    "UPDATE cases SET claimed_by = NULL, claim_expires = NULL\n"
	    "WHERE worker_id = ?1 AND claimed_by = ?2";

	if (db_write_ids(db, sql, 2, worker_id, user_id) != 0)
		return DB_ERROR;
	return lead_pending_apply(db, NULL);	/* a lead's move that waited for the call */
}

int
claims_release_all(struct db *db, long long user_id)
{
	static const char sql[] =
	    "UPDATE cases SET claimed_by = NULL, claim_expires = NULL WHERE claimed_by = ?1";

	if (db_write_ids(db, sql, 1, user_id, 0) != 0)
		return DB_ERROR;
	return lead_pending_apply(db, NULL);
}
