/* users.c -- registered users and their roles; see users.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/dbi.h"
#include "db/roles.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

static const char *const role_names[] = { "investigator", "lead", "admin" };

const char *
user_role_name(enum user_role r)
{
	return role_names[r];
}

int
user_role_parse(const char *s, enum user_role *out)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(s, role_names[i]) == 0) {
			*out = (enum user_role)i;
			return 0;
		}
	return -1;
}

int
user_can_lead(const struct user *u)
{
	return u->role == ROLE_LEAD || u->role == ROLE_ADMIN;
}

static void
user_from_row(sqlite3_stmt *st, struct user *u)
{
	enum user_role r = ROLE_INVESTIGATOR;

	u->id = sqlite3_column_int64(st, 0);
	snprintf(u->login, sizeof u->login, "%s", (const char *)sqlite3_column_text(st, 1));
	snprintf(u->name, sizeof u->name, "%s", (const char *)sqlite3_column_text(st, 2));
	user_role_parse((const char *)sqlite3_column_text(st, 3), &r);
	u->role = r;
	u->active = sqlite3_column_int(st, 4);
}

#define USER_COLS "id, login, name, role, active"

/* Run a statement that selects one user by its first parameter. */
static int
user_one(struct db *db, const char *sql, sqlite3_stmt *st, struct user *out,
    enum fault_code missing, long long id, const char *login)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		user_from_row(st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, missing, id, 0, login, NULL);
	return db_fail(db, sql);
}

int
users_find(struct db *db, const char *login, struct user *out)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users WHERE login = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, login);
	return user_one(db, sql, st, out, FAULT_NO_LOGIN, 0, login);
}

int
users_get(struct db *db, long long id, struct user *out)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users WHERE id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	return user_one(db, sql, st, out, FAULT_NO_USER, id, NULL);
}

int
users_add(struct db *db, const char *login, const char *name, enum user_role role,
    long long by_user, long long *id_out)
{
	static const char sql[] =
	    "INSERT INTO users(login, name, role, active, created_at) VALUES(?1, ?2, ?3, 1, ?4) "
	    "ON CONFLICT(login) DO NOTHING";
	sqlite3_stmt *st;
	long long id;

	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if (roles_check_admin(db, by_user, ROLE_ACT_USERS) != 0) {
		db_rollback(db);
		return DB_DENIED;
	}
	if ((st = db_stmt(db, sql)) == NULL)
		goto fail;
	db_bind_text(st, 1, login);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, user_role_name(role));
	sqlite3_bind_int64(st, 4, (sqlite3_int64)clock_now());
	if (db_step_done(db, st) != 0)
		goto fail;
	if (sqlite3_changes(db->conn) == 0) {
		db_rollback(db);
		return db_refuse(db, DB_CONFLICT, FAULT_LOGIN_EXISTS, 0, 0, login, NULL);
	}
	id = sqlite3_last_insert_rowid(db->conn);
	if (audit_log(db, by_user ? by_user : id, "user.add", "user", id, "role", NULL,
	    user_role_name(role)) != 0)
		goto fail;
	if (db_commit(db) != 0)
		return DB_ERROR;
	if (id_out != NULL)
		*id_out = id;
	return 0;
fail:
	db_rollback(db);
	return DB_ERROR;
}

int
users_list(struct db *db, struct user **out, size_t *n)
{
	static const char sql[] = "SELECT " USER_COLS " FROM users "
	    "ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'lead' THEN 1 ELSE 2 END, login";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct user *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, cap * sizeof *v);
		}
		user_from_row(st, &v[len++]);
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

int
users_set_active(struct db *db, const char *login, int active, long long by_user)
{
	static const char sql[] = "UPDATE users SET active = ?2 WHERE login = ?1";
	struct user u;
	sqlite3_stmt *st;
	int rc;

	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = roles_check_admin(db, by_user, ROLE_ACT_USERS)) != 0 ||
	    (rc = users_find(db, login, &u)) != 0) {
		db_rollback(db);
		return rc;
	}
	if ((st = db_stmt(db, sql)) == NULL)
		goto fail;
	db_bind_text(st, 1, login);
	sqlite3_bind_int(st, 2, active);
	if (db_step_done(db, st) != 0)
		goto fail;
	if (audit_log(db, by_user, active ? "user.enable" : "user.disable", "user", u.id,
	    "active", u.active ? "1" : "0", active ? "1" : "0") != 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return DB_ERROR;
}

int
users_count(struct db *db, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM users";

	return db_step_int64(db, db_stmt(db, sql), n);
}
