/* followups.c -- what must be done next for a worker; see followups.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/dbi.h"
#include "db/followups.h"
#include "db/roles.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

static const char *const kind_names[] = {
	"callback", "health", "medical", "job", "escalation",
};

#define N_KINDS ((int)(sizeof kind_names / sizeof kind_names[0]))

const char *
followup_kind_name(enum followup_kind k)
{
	if ((int)k < 0 || (int)k >= N_KINDS)
		return "";
	return kind_names[k];
}

int
followup_kind_parse(const char *s, enum followup_kind *out)
{
	for (int i = 0; i < N_KINDS; i++)
		if (s != NULL && strcmp(s, kind_names[i]) == 0) {
			*out = (enum followup_kind)i;
			return 0;
		}
	return -1;
}

int
followups_create(struct db *db, long long worker_id, enum followup_kind kind, time_t due_at,
    long long owner_id, const char *note, time_t created_at, long long created_by,
    long long call_id, long long *id_out)
{
	static const char sql[] =
	    "INSERT INTO followups(worker_id, kind, due_at, owner_id, note, created_at, "
	    "created_by, call_id) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, followup_kind_name(kind));
	sqlite3_bind_int64(st, 3, (sqlite3_int64)due_at);
	if (owner_id > 0)
		sqlite3_bind_int64(st, 4, owner_id);
	db_bind_text(st, 5, note ? note : "");
	sqlite3_bind_int64(st, 6, (sqlite3_int64)created_at);
	if (created_by > 0)
		sqlite3_bind_int64(st, 7, created_by);
	if (call_id > 0)
		sqlite3_bind_int64(st, 8, call_id);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	if (id_out != NULL)
		*id_out = sqlite3_last_insert_rowid(db->conn);
	return 0;
}

int
followups_add(struct db *db, long long worker_id, enum followup_kind kind, time_t due_at,
    long long owner_id, const char *note, long long by_user, long long *id_out)
{
	struct case_row c;
	long long id;
	char due[17];
	time_t now = clock_now();
	int rc;

	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = cases_get(db, worker_id, &c)) != 0)
		goto fail;
	if ((rc = roles_check_case(db, by_user, worker_id, ROLE_ACT_FOLLOWUP)) != 0)
		goto fail;
	if ((rc = followups_create(db, worker_id, kind, due_at, owner_id, note, now, by_user,
	    0, &id)) != 0)
		goto fail;
	clock_datetime(due_at, due);
	if ((rc = audit_log(db, by_user, "followup.add", "followup", id, followup_kind_name(kind),
	    NULL, due)) != 0)
		goto fail;
	if ((rc = cases_refresh_next(db, worker_id, now)) != 0)
		goto fail;
	if ((rc = db_commit(db)) != 0)
		return rc;
	if (id_out != NULL)
		*id_out = id;
	return 0;
fail:
	db_rollback(db);
	return rc;
}

/* The open follow-up id as a copy source; DB_NOTFOUND or DB_INVALID
 * (closed already) with a message. */
static int
followup_get_open(struct db *db, long long id, struct followup *f)
{
	static const char sql[] =
	    "SELECT worker_id, kind, due_at, coalesce(owner_id, 0), note, coalesce(call_id, 0), "
	    "coalesce(done_at, 0), coalesce(done_reason, '') FROM followups WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	memset(f, 0, sizeof *f);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		enum followup_kind k = FOLLOWUP_CALLBACK;
		f->id = id;
		f->worker_id = sqlite3_column_int64(st, 0);
		followup_kind_parse((const char *)sqlite3_column_text(st, 1), &k);
		f->kind = k;
		f->due_at = (time_t)sqlite3_column_int64(st, 2);
		f->owner_id = sqlite3_column_int64(st, 3);
		snprintf(f->note, sizeof f->note, "%s", (const char *)sqlite3_column_text(st, 4));
		f->call_id = sqlite3_column_int64(st, 5);
		f->done_at = (time_t)sqlite3_column_int64(st, 6);
		snprintf(f->done_reason, sizeof f->done_reason, "%s",
		    (const char *)sqlite3_column_text(st, 7));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_FOLLOWUP, id, 0, NULL, NULL);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	if (f->done_at != 0)
		return db_refuse(db, DB_INVALID, FAULT_FOLLOWUP_CLOSED, id, 0, f->done_reason, NULL);
	return 0;
}

/* Close one open follow-up (inside the caller's write transaction). */
static int
followup_close_row(struct db *db, long long id, const char *reason, time_t at,
    long long by_user)
{
	static const char sql[] =
	    "UPDATE followups SET done_at = ?2, done_by = ?3, done_reason = ?4 "
	    "WHERE id = ?1 AND done_at IS NULL";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	if (by_user > 0)
		sqlite3_bind_int64(st, 3, by_user);
	db_bind_text(st, 4, reason);
	return db_step_done(db, st);
}

int
followups_move(struct db *db, long long id, time_t new_due, long long by_user,
    long long *new_id)
{
	struct followup f;
	time_t now = clock_now();
	char old_due[17], due[17];
	long long nid;
	int rc;

	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = followup_get_open(db, id, &f)) != 0)
		goto fail;
	if ((rc = roles_check_followup(db, by_user, id)) != 0)
		goto fail;
	if ((rc = followup_close_row(db, id, "moved", now, by_user)) != 0)
		goto fail;
	if ((rc = followups_create(db, f.worker_id, f.kind, new_due, f.owner_id, f.note, now,
	    by_user, f.call_id, &nid)) != 0)
		goto fail;
	clock_datetime(f.due_at, old_due);
	clock_datetime(new_due, due);
	if ((rc = audit_log(db, by_user, "followup.move", "followup", nid, "due_at", old_due,
	    due)) != 0)
		goto fail;
	if ((rc = cases_refresh_next(db, f.worker_id, now)) != 0)
		goto fail;
	if ((rc = db_commit(db)) != 0)
		return rc;
	if (new_id != NULL)
		*new_id = nid;
	return 0;
fail:
	db_rollback(db);
	return rc;
}

int
followups_close(struct db *db, long long id, const char *reason, long long by_user)
{
	struct followup f;
	time_t now = clock_now();
	int rc;

	if (strcmp(reason, "done") != 0 && strcmp(reason, "cancelled") != 0)
		return db_failf(db, "followups_close: reason '%s'", reason);
	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = followup_get_open(db, id, &f)) != 0)
		goto fail;
	if ((rc = roles_check_followup(db, by_user, id)) != 0)
		goto fail;
	if ((rc = followup_close_row(db, id, reason, now, by_user)) != 0)
		goto fail;
	if ((rc = audit_log(db, by_user, "followup.close", "followup", id, "done_reason", NULL,
	    reason)) != 0)
		goto fail;
	if ((rc = cases_refresh_next(db, f.worker_id, now)) != 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}

#define FOLLOWUP_COLS \
	"f.id, f.worker_id, f.kind, f.due_at, coalesce(f.owner_id, 0), " \
	"coalesce(o.name, i.name, ''), f.note, f.created_at, coalesce(f.call_id, 0), w.name " \
	"FROM followups f JOIN workers w ON w.id = f.worker_id " \
	"LEFT JOIN cases c ON c.worker_id = f.worker_id " \
	"LEFT JOIN users o ON o.id = f.owner_id " \
	"LEFT JOIN users i ON i.id = c.investigator_id "

/* Read the rows of a prepared follow-up list statement. */
static int
followups_read(struct db *db, sqlite3_stmt *st, struct followup **out, size_t *n)
{
	struct followup *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum followup_kind k = FOLLOWUP_CALLBACK;
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		struct followup *f = &v[len++];
		memset(f, 0, sizeof *f);
		f->id = sqlite3_column_int64(st, 0);
		f->worker_id = sqlite3_column_int64(st, 1);
		followup_kind_parse((const char *)sqlite3_column_text(st, 2), &k);
		f->kind = k;
		f->due_at = (time_t)sqlite3_column_int64(st, 3);
		f->owner_id = sqlite3_column_int64(st, 4);
		snprintf(f->owner_name, sizeof f->owner_name, "%s",
		    (const char *)sqlite3_column_text(st, 5));
		snprintf(f->note, sizeof f->note, "%s", (const char *)sqlite3_column_text(st, 6));
		f->created_at = (time_t)sqlite3_column_int64(st, 7);
		f->call_id = sqlite3_column_int64(st, 8);
		snprintf(f->worker_name, sizeof f->worker_name, "%s",
		    (const char *)sqlite3_column_text(st, 9));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(db, sqlite3_sql(st));
	}
	*out = v;
	*n = len;
	return 0;
}

int
followups_open(struct db *db, long long worker_id, long long user_id, struct followup **out,
    size_t *n)
{
	static const char sql_worker[] = "SELECT " FOLLOWUP_COLS
	    "WHERE f.worker_id = ?1 AND f.done_at IS NULL ORDER BY f.due_at, f.id";
	static const char sql_user[] = "SELECT " FOLLOWUP_COLS
	    "WHERE f.done_at IS NULL AND (f.owner_id = ?1 OR "
	    "(f.owner_id IS NULL AND c.investigator_id = ?1)) ORDER BY f.due_at, f.id";
	sqlite3_stmt *st = db_stmt(db, worker_id > 0 ? sql_worker : sql_user);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id > 0 ? worker_id : user_id);
	return followups_read(db, st, out, n);
}

int
followups_open_all(struct db *db, struct followup **out, size_t *n)
{
	static const char sql[] = "SELECT " FOLLOWUP_COLS
	    "WHERE f.done_at IS NULL ORDER BY f.due_at, f.id";
	sqlite3_stmt *st = db_stmt(db, sql);

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	return followups_read(db, st, out, n);
}
