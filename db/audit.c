/* audit.c -- the append-only audit log; see audit.h. */
#include "config.h"

#include "db/audit.h"
#include "db/dbi.h"
#include "forms/clock.h"

int
audit_log(struct db *db, long long user_id, const char *action, const char *entity,
    long long entity_id, const char *field, const char *old_value, const char *new_value)
{
	static const char sql[] =
	    "INSERT INTO audit(at, user_id, action, entity, entity_id, field, old_value, new_value) "
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)clock_now());
	if (user_id > 0)
		sqlite3_bind_int64(st, 2, user_id);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, entity ? entity : "");
	if (entity_id > 0)
		sqlite3_bind_int64(st, 5, entity_id);
	db_bind_text(st, 6, field ? field : "");
	db_bind_text(st, 7, old_value);
	db_bind_text(st, 8, new_value);
	return db_step_done(db, st);
}

int
audit_list(struct db *db, const struct audit_filter *f,
    int (*each)(void *, const struct audit_row *), void *arg)
{
	/* A worker's entries are those about the worker itself (its fields,
	 * phones, case, who saw its ID number) and about its follow-ups. */
	static const char sql[] =
	    "SELECT a.id, a.at, coalesce(u.login, ''), a.action, a.entity, coalesce(a.entity_id, 0), "
	    "a.field, a.old_value, a.new_value FROM audit a LEFT JOIN users u ON u.id = a.user_id "
	    "WHERE (?1 = 0 OR (a.entity = 'worker' AND a.entity_id = ?1) OR "
	    "(a.entity = 'followup' AND a.entity_id IN (SELECT id FROM followups WHERE worker_id = ?1))) "
	    "AND (?2 = 0 OR a.user_id = ?2) AND a.at >= ?3 ORDER BY a.at, a.id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct audit_row r;
	int rc, stop = 0;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, f->worker_id);
	sqlite3_bind_int64(st, 2, f->user_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)f->since);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.id = sqlite3_column_int64(st, 0);
		r.at = (time_t)sqlite3_column_int64(st, 1);
		r.login = (const char *)sqlite3_column_text(st, 2);
		r.action = (const char *)sqlite3_column_text(st, 3);
		r.entity = (const char *)sqlite3_column_text(st, 4);
		r.entity_id = sqlite3_column_int64(st, 5);
		r.field = (const char *)sqlite3_column_text(st, 6);
		r.old_value = (const char *)sqlite3_column_text(st, 7);
		r.new_value = (const char *)sqlite3_column_text(st, 8);
		stop = each(arg, &r);
	}
	if (!stop && rc != SQLITE_DONE) {
		db_fail(db, sql);
		sqlite3_reset(st);
		return DB_ERROR;
	}
	sqlite3_reset(st);
	return 0;
}

int
audit_seen(struct db *db, long long user_id, long long worker_id, const char *what)
{
	int own = !db->in_tx, rc;

	if (own && (rc = db_begin_write(db)) != 0)
		return rc;
	rc = audit_log(db, user_id, "worker.seen", "worker", worker_id, what, NULL, NULL);
	if (!own)
		return rc;
	if (rc != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}
