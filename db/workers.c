/* workers.c -- the roster; see workers.h. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/dbi.h"
#include "db/roles.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/phone.h"
#include "forms/utf8.h"
#include "forms/xmalloc.h"

const char *
worker_group_name(enum worker_group g)
{
	return g == GROUP_A ? "A" : "B";
}

#define WORKER_COLS "id, id_number, name, gender, birth_date, township, village, grp, " \
	"work_province, work_city, employer, address, source, created_at, version, note, " \
	"phones_invalid"

static void
worker_from_row(sqlite3_stmt *st, struct worker *w)
{
	const unsigned char *g = sqlite3_column_text(st, 3);
	const unsigned char *grp = sqlite3_column_text(st, 7);

	memset(w, 0, sizeof *w);
	w->id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, w->id_number, sizeof w->id_number);
	db_column_copy(st, 2, w->name, sizeof w->name);
	w->gender = g ? (char)g[0] : 0;
	db_column_copy(st, 4, w->birth_date, sizeof w->birth_date);
	db_column_copy(st, 5, w->township, sizeof w->township);
	db_column_copy(st, 6, w->village, sizeof w->village);
	w->group = grp && grp[0] == 'B' ? GROUP_B : GROUP_A;
	db_column_copy(st, 8, w->work_province, sizeof w->work_province);
	db_column_copy(st, 9, w->work_city, sizeof w->work_city);
	db_column_copy(st, 10, w->employer, sizeof w->employer);
	db_column_copy(st, 11, w->address, sizeof w->address);
	db_column_copy(st, 12, w->source, sizeof w->source);
	w->created_at = (time_t)sqlite3_column_int64(st, 13);
	w->version = sqlite3_column_int64(st, 14);
	db_column_copy(st, 15, w->note, sizeof w->note);
	db_column_copy(st, 16, w->phones_invalid, sizeof w->phones_invalid);
}

static int
worker_one(struct db *db, const char *sql, sqlite3_stmt *st, struct worker *out,
    const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		worker_from_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER, 0, 0, what, NULL);
	return db_fail(db, sql);
}

int
workers_get(struct db *db, long long id, struct worker *out)
{
	static const char sql[] = "SELECT " WORKER_COLS " FROM workers WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	char what[32];

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof what, "%lld", id);
	return worker_one(db, sql, st, out, what);
}

int
workers_find_idnum(struct db *db, const char *id_number, struct worker *out)
{
	static const char sql[] = "SELECT " WORKER_COLS " FROM workers WHERE id_number = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, id_number);
	return worker_one(db, sql, st, out, id_number);
}

/* Bind text that lives until the statement is reset (no copy). */
static void
bind_static(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

/* The columns of a new worker, bound by bind_worker() in this order. */
#define W_COLUMNS "INSERT INTO workers(id_number, name, gender, birth_date, township, village, " \
	"grp, work_province, work_city, employer, address, source, created_at, created_by, note, " \
	"phones_invalid, id) "
#define W_VALUES 17

/* Bind worker w's 17 values from parameter at + 1 on (its number only if
 * numbered, else NULL: SQLite numbers it).  gender holds w's gender as
 * text and must live until the statement is reset. */
static void
bind_worker(sqlite3_stmt *st, int at, const struct worker *w, char gender[2],
    long long by_user, int numbered)
{
	gender[0] = w->gender;
	gender[1] = '\0';
	bind_static(st, at + 1, w->id_number);
	bind_static(st, at + 2, w->name);
	bind_static(st, at + 3, w->gender ? gender : NULL);
	bind_static(st, at + 4, w->birth_date[0] ? w->birth_date : NULL);
	bind_static(st, at + 5, w->township);
	bind_static(st, at + 6, w->village);
	bind_static(st, at + 7, worker_group_name(w->group));
	bind_static(st, at + 8, w->work_province);
	bind_static(st, at + 9, w->work_city);
	bind_static(st, at + 10, w->employer);
	bind_static(st, at + 11, w->address);
	bind_static(st, at + 12, w->source[0] ? w->source : "manual");
	sqlite3_bind_int64(st, at + 13, (sqlite3_int64)w->created_at);
	if (by_user > 0)
		sqlite3_bind_int64(st, at + 14, by_user);
	bind_static(st, at + 15, w->note);
	bind_static(st, at + 16, w->phones_invalid);
	if (numbered)
		sqlite3_bind_int64(st, at + 17, w->id);
}

/* workers_insert_only() (numbered 0: SQLite numbers the worker) and
 * workers_insert_numbered() (numbered 1: w->id is kept). */
static int
insert_worker(struct db *db, struct worker *w, long long by_user, int numbered)
{
	static const char sql[] = W_COLUMNS
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17) "
	    "ON CONFLICT(id_number) DO NOTHING";
	char gender[2];
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	if (w->created_at == 0)
		w->created_at = clock_now();
	bind_worker(st, 0, w, gender, by_user, numbered);
	rc = db_step_done(db, st);
	sqlite3_clear_bindings(st);	/* gender is on this stack */
	if (rc != 0)
		return DB_ERROR;
	if (sqlite3_changes(db->conn) == 0)
		return db_refuse(db, DB_CONFLICT, FAULT_WORKER_EXISTS, 0, 0, w->id_number, NULL);
	w->id = sqlite3_last_insert_rowid(db->conn);
	return 0;
}

int
workers_insert_only(struct db *db, struct worker *w, long long by_user)
{
	return insert_worker(db, w, by_user, 0);
}

int
workers_insert_numbered(struct db *db, struct worker *w, long long by_user)
{
	return insert_worker(db, w, by_user, 1);
}

/* WORKERS_INSERT_MANY rows of 17 values in one statement (a statement's
 * fixed cost, paid per row by insert_worker(), is then paid once). */
#define W_ROW "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
#define W_ROWS4 W_ROW "," W_ROW "," W_ROW "," W_ROW

int
workers_insert_numbered_many(struct db *db, struct worker *const *w, long long by_user)
{
	static const char sql[] = W_COLUMNS "VALUES" W_ROWS4 "," W_ROWS4 "," W_ROWS4 "," W_ROWS4;
	char gender[WORKERS_INSERT_MANY][2];
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	for (int i = 0; i < WORKERS_INSERT_MANY; i++)
		bind_worker(st, i * W_VALUES, w[i], gender[i], by_user, 1);
	rc = db_step_done(db, st);
	sqlite3_clear_bindings(st);	/* gender is on this stack */
	return rc != 0 ? DB_ERROR : 0;
}

int
workers_insert_case(struct db *db, const struct worker *w)
{
	static const char sql[] = "INSERT INTO cases(worker_id, updated_at) VALUES(?1, ?2)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, w->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)w->created_at);
	return db_step_done(db, st);
}

int
workers_insert(struct db *db, struct worker *w, long long by_user)
{
	int rc;

	if ((rc = workers_insert_only(db, w, by_user)) != 0)
		return rc;
	return workers_insert_case(db, w);
}

/* A worker who had no number has one now (p was added, the only current
 * one): the escalation an import made to find one (no call made it) is
 * answered.  0 or DB_ERROR. */
static int
number_found(struct db *db, long long worker_id, long long by_user)
{
	static const char sql[] =
	    "UPDATE followups SET done_at = ?2, done_by = ?3, done_reason = 'done' "
	    "WHERE worker_id = ?1 AND kind = 'escalation' AND call_id IS NULL AND done_at IS NULL "
	    "AND (SELECT count(*) FROM phones WHERE worker_id = ?1 AND removed_at IS NULL) = 1";
	sqlite3_stmt *st = db_stmt(db, sql);
	time_t now = clock_now();

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	if (by_user > 0)
		sqlite3_bind_int64(st, 3, by_user);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	if (sqlite3_changes(db->conn) > 0 && cases_refresh_next(db, worker_id, now) != 0)
		return DB_ERROR;
	return 0;
}

/* workers_add_phone() at rank (< 0: after the others). */
static int
add_phone_at(struct db *db, long long worker_id, const struct worker_phone *p, int rank,
    long long by_user, int *added)
{
	static const char sql[] =
	    "INSERT INTO phones(worker_id, rank, typed, e164, extension, kind, display, region, "
	    "created_at) SELECT ?1, coalesce(?9, (SELECT coalesce(max(rank) + 1, 0) FROM phones "
	    "WHERE worker_id = ?1 AND removed_at IS NULL)), ?2, ?3, ?4, ?5, ?6, ?7, ?8 "
	    "WHERE NOT EXISTS (SELECT 1 FROM phones "
	    "WHERE worker_id = ?1 AND e164 = ?3 AND extension = ?4 AND removed_at IS NULL)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int one;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, p->typed);
	db_bind_text(st, 3, p->e164);
	db_bind_text(st, 4, p->extension);
	db_bind_text(st, 5, p->kind);
	db_bind_text(st, 6, p->display);
	db_bind_text(st, 7, p->region);
	sqlite3_bind_int64(st, 8, (sqlite3_int64)clock_now());
	if (rank >= 0)
		sqlite3_bind_int(st, 9, rank);
	else
		sqlite3_bind_null(st, 9);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	one = sqlite3_changes(db->conn) > 0;
	if (added != NULL)
		*added = one;
	return one ? number_found(db, worker_id, by_user) : 0;
}

int
workers_add_phone(struct db *db, long long worker_id, const struct worker_phone *p, int *added)
{
	return add_phone_at(db, worker_id, p, -1, 0, added);
}

/* The rank of the worker's current phone phone_id, or -1. */
static int
phone_rank(struct db *db, long long worker_id, long long phone_id, int *rank)
{
	static const char sql[] =
	    "SELECT rank FROM phones WHERE id = ?2 AND worker_id = ?1 AND removed_at IS NULL";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*rank = -1;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, phone_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*rank = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

int
workers_phone_removed(struct db *db, long long worker_id, const struct worker_phone *p,
    int *removed)
{
	static const char sql[] =
	    "SELECT EXISTS (SELECT 1 FROM phones WHERE worker_id = ?1 AND e164 = ?2 "
	    "AND extension = ?3 AND removed_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM phones "
	    "WHERE worker_id = ?1 AND e164 = ?2 AND extension = ?3 AND removed_at IS NULL)";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*removed = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, p->e164);
	db_bind_text(st, 3, p->extension);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*removed = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	return 0;
}

/* WORKERS_INSERT_MANY phones of 9 values in one statement. */
#define P_ROW "(?,?,?,?,?,?,?,?,?)"
#define P_ROWS4 P_ROW "," P_ROW "," P_ROW "," P_ROW
#define P_VALUES 9

int
workers_insert_phones(struct db *db, const struct worker_new_phone *p, size_t n)
{
	static const char sql1[] =
	    "INSERT INTO phones(worker_id, rank, typed, e164, extension, kind, display, region, "
	    "created_at) VALUES" P_ROW;
	static const char sqlmany[] =
	    "INSERT INTO phones(worker_id, rank, typed, e164, extension, kind, display, region, "
	    "created_at) VALUES" P_ROWS4 "," P_ROWS4 "," P_ROWS4 "," P_ROWS4;
	size_t i = 0;

	while (i < n) {
		size_t k = n - i >= WORKERS_INSERT_MANY ? WORKERS_INSERT_MANY : 1;
		sqlite3_stmt *st = db_stmt(db, k > 1 ? sqlmany : sql1);
		int rc;

		if (st == NULL)
			return DB_ERROR;
		for (size_t j = 0; j < k; j++, i++) {
			int at = (int)j * P_VALUES;
			sqlite3_bind_int64(st, at + 1, p[i].w->id);
			sqlite3_bind_int(st, at + 2, p[i].rank);
			bind_static(st, at + 3, p[i].p->typed);
			bind_static(st, at + 4, p[i].p->e164);
			bind_static(st, at + 5, p[i].p->extension);
			bind_static(st, at + 6, p[i].p->kind);
			bind_static(st, at + 7, p[i].p->display);
			bind_static(st, at + 8, p[i].p->region);
			sqlite3_bind_int64(st, at + 9, (sqlite3_int64)p[i].w->created_at);
		}
		rc = db_step_done(db, st);
		sqlite3_clear_bindings(st);
		if (rc != 0)
			return DB_ERROR;
	}
	return 0;
}

int
workers_add_new_phones(struct db *db, const struct worker *w, const struct worker_phone *p,
    size_t n)
{
	struct worker_new_phone np[WORKERS_INSERT_MANY];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		np[k++] = (struct worker_new_phone){ .w = w, .p = &p[i], .rank = (int)i };
		if (k == WORKERS_INSERT_MANY || i + 1 == n) {
			if (workers_insert_phones(db, np, k) != 0)
				return DB_ERROR;
			k = 0;
		}
	}
	return 0;
}

void
workers_phone_from(struct worker_phone *wp, const char *typed, const struct phone *ph)
{
	memset(wp, 0, sizeof *wp);
	utf8_truncate(typed, 1000, wp->typed, sizeof wp->typed);
	utf8_truncate(ph->e164, INT_MAX, wp->e164, sizeof wp->e164);
	utf8_truncate(ph->extension, INT_MAX, wp->extension, sizeof wp->extension);
	utf8_truncate(phone_kind_name(ph->kind), INT_MAX, wp->kind, sizeof wp->kind);
	utf8_truncate(ph->display, INT_MAX, wp->display, sizeof wp->display);
	utf8_truncate(ph->region, INT_MAX, wp->region, sizeof wp->region);
}

int
workers_check_version(struct db *db, long long worker_id, long long seen)
{
	static const char sql[] = "SELECT version FROM workers WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	long long now;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	now = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER_ID, worker_id, 0, NULL, NULL);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	if (seen != 0 && now != seen)
		return db_refuse(db, DB_CONFLICT, FAULT_WORKER_CHANGED, worker_id, now, NULL, NULL);
	return 0;
}

int
workers_edit(struct db *db, long long worker_id, long long seen, const char *const *fields,
    const char *const *values, size_t n, long long by_user, int *changed)
{
	int rc, one;

	*changed = 0;
	if ((rc = db_begin_write(db)) != 0)
		return rc;
	if ((rc = workers_check_version(db, worker_id, seen)) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		if ((rc = workers_update_field(db, worker_id, fields[i], values[i], by_user,
		    &one)) != 0)
			goto fail;
		*changed += one;
	}
	if ((rc = db_commit(db)) == 0)
		return 0;
fail:
	db_rollback(db);
	*changed = 0;
	return rc;
}

int
workers_replace_phone(struct db *db, long long worker_id, long long seen, long long old_id,
    const struct worker_phone *p, long long by_user, int *added)
{
	int rc, rank = -1;

	*added = 0;
	if ((rc = db_begin_write(db)) != 0)
		return rc;
	/* a replaced number's successor takes its place: a corrected primary
	 * number stays primary */
	if ((rc = roles_check_case(db, by_user, worker_id, ROLE_ACT_PHONE)) == 0 &&
	    (rc = workers_check_version(db, worker_id, seen)) == 0 &&
	    (old_id == 0 || (rc = phone_rank(db, worker_id, old_id, &rank)) == 0) &&
	    (old_id == 0 || (rc = workers_remove_phone(db, worker_id, old_id, by_user)) == 0) &&
	    (rc = add_phone_at(db, worker_id, p, rank, by_user, added)) == 0 &&
	    (rc = db_commit(db)) == 0)
		return 0;
	db_rollback(db);
	*added = 0;
	return rc;
}

int
workers_remove_phone(struct db *db, long long worker_id, long long phone_id, long long by_user)
{
	static const char sql[] =
	    "UPDATE phones SET removed_at = ?3 WHERE id = ?2 AND worker_id = ?1 "
	    "AND removed_at IS NULL RETURNING e164";
	sqlite3_stmt *st;
	char *e164;
	int rc;

	if ((rc = roles_check_case(db, by_user, worker_id, ROLE_ACT_PHONE)) != 0)
		return rc;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, phone_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)clock_now());
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return db_refuse(db, DB_NOTFOUND, FAULT_NO_PHONE, 0, 0, NULL, NULL);
		return db_fail(db, sql);
	}
	e164 = db_column_strdup(st, 0);
	sqlite3_reset(st);
	rc = audit_log(db, by_user, "phone.remove", "worker", worker_id, "phone", e164, NULL);
	free(e164);
	return rc;
}

int
workers_phones(struct db *db, long long worker_id, struct worker_phone **out, size_t *n)
{
	static const char sql[] =
	    "SELECT id, rank, typed, e164, extension, kind, display, region FROM phones "
	    "WHERE worker_id = ?1 AND removed_at IS NULL ORDER BY rank, id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct worker_phone *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4;
			v = xrealloc(v, cap * sizeof *v);
		}
		struct worker_phone *p = &v[len++];
		p->id = sqlite3_column_int64(st, 0);
		p->rank = sqlite3_column_int(st, 1);
		db_column_copy(st, 2, p->typed, sizeof p->typed);
		db_column_copy(st, 3, p->e164, sizeof p->e164);
		db_column_copy(st, 4, p->extension, sizeof p->extension);
		db_column_copy(st, 5, p->kind, sizeof p->kind);
		db_column_copy(st, 6, p->display, sizeof p->display);
		db_column_copy(st, 7, p->region, sizeof p->region);
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

/* The columns a person may change, and their SQL; never built with printf. */
static const struct {
	const char *field;
	const char *sql;
} updatable[] = {
	{ "name", "UPDATE workers SET name = ?2 WHERE id = ?1 AND name IS NOT ?2 RETURNING 1" },
	{ "township", "UPDATE workers SET township = ?2 WHERE id = ?1 AND township IS NOT ?2 RETURNING 1" },
	{ "village", "UPDATE workers SET village = ?2 WHERE id = ?1 AND village IS NOT ?2 RETURNING 1" },
	{ "grp", "UPDATE workers SET grp = ?2 WHERE id = ?1 AND grp IS NOT ?2 RETURNING 1" },
	{ "work_province", "UPDATE workers SET work_province = ?2 WHERE id = ?1 AND work_province IS NOT ?2 RETURNING 1" },
	{ "work_city", "UPDATE workers SET work_city = ?2 WHERE id = ?1 AND work_city IS NOT ?2 RETURNING 1" },
	{ "employer", "UPDATE workers SET employer = ?2 WHERE id = ?1 AND employer IS NOT ?2 RETURNING 1" },
	{ "address", "UPDATE workers SET address = ?2 WHERE id = ?1 AND address IS NOT ?2 RETURNING 1" },
};

int
workers_update_field(struct db *db, long long worker_id, const char *field, const char *value,
    long long by_user, int *changed)
{
	static const char sql_old[] =
	    "SELECT name, township, village, grp, work_province, work_city, employer, address "
	    "FROM workers WHERE id = ?1";
	sqlite3_stmt *st;
	char *old = NULL;
	int rc, col = -1;

	*changed = 0;
	for (size_t i = 0; i < sizeof updatable / sizeof updatable[0]; i++)
		if (strcmp(updatable[i].field, field) == 0)
			col = (int)i;
	if (col < 0)
		return db_failf(db, "workers_update_field: no field '%s'", field);
	if ((st = db_stmt(db, sql_old)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		old = db_column_strdup(st, col);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER_ID, worker_id,
		    0, NULL, NULL) : db_fail(db, sql_old);
	if ((st = db_stmt(db, updatable[col].sql)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, value);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW) {
		*changed = 1;
		if (audit_log(db, by_user, "worker.update", "worker", worker_id, field, old, value) != 0)
			goto fail;
	} else if (rc != SQLITE_DONE) {
		db_fail(db, updatable[col].sql);
		goto fail;
	}
	free(old);
	return 0;
fail:
	free(old);
	return DB_ERROR;
}

int
workers_count(struct db *db, enum worker_group g, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM workers WHERE grp = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, worker_group_name(g));
	return db_step_int64(db, st, n);
}

/* 1 if line is one of the '\n'-separated lines of text. */
static int
has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text;; p++) {
		if (strncmp(p, line, n) == 0 && (p[n] == '\0' || p[n] == '\n'))
			return 1;
		if ((p = strchr(p, '\n')) == NULL)
			return 0;
	}
}

int
workers_add_line(struct db *db, long long worker_id, const char *field, const char *line,
    long long by_user, int *added)
{
	static const char sql_note[] = "SELECT note FROM workers WHERE id = ?1";
	static const char sql_bad[] = "SELECT phones_invalid FROM workers WHERE id = ?1";
	static const char set_note[] = "UPDATE workers SET note = ?2 WHERE id = ?1";
	static const char set_bad[] = "UPDATE workers SET phones_invalid = ?2 WHERE id = ?1";
	int is_note = strcmp(field, "note") == 0;
	size_t cap = is_note ? sizeof ((struct worker *)0)->note :
	    sizeof ((struct worker *)0)->phones_invalid;
	sqlite3_stmt *st;
	char *old = NULL, *val;
	int rc;

	*added = 0;
	if (!is_note && strcmp(field, "phones_invalid") != 0)
		return db_failf(db, "workers_add_line: no field '%s'", field);
	if (line == NULL || line[0] == '\0')
		return 0;
	if ((st = db_stmt(db, is_note ? sql_note : sql_bad)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		old = db_column_strdup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER_ID, worker_id,
		    0, NULL, NULL) : db_fail(db, is_note ? sql_note : sql_bad);
	if (old == NULL)
		old = xstrdup("");
	if (has_line(old, line)) {
		free(old);
		return 0;
	}
	if (strlen(old) + 1 + strlen(line) >= cap) {
		*added = -1;
		free(old);
		return 0;
	}
	val = xmalloc(strlen(old) + strlen(line) + 2);
	sprintf(val, "%s%s%s", old, old[0] ? "\n" : "", line);
	rc = DB_ERROR;
	if ((st = db_stmt(db, is_note ? set_note : set_bad)) == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, val);
	if (db_step_done(db, st) != 0 ||
	    audit_log(db, by_user, "worker.update", "worker", worker_id, field, old, val) != 0)
		goto out;
	*added = 1;
	rc = 0;
out:
	free(old);
	free(val);
	return rc;
}
