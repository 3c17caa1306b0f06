/* roles.c -- who may change what; see roles.h. */
#include "config.h"

#include <stdio.h>

#include "db/dbi.h"
#include "db/roles.h"
#include "db/users.h"

static int
deny(struct db *db, enum role_act act, enum role_need need, long long worker,
    const char *name, const char *login)
{
	char msg[512];

	roletext_refusal(msg, sizeof msg, act, need, worker, name, login);
	db_failf(db, "%s", msg);
	return DB_DENIED;
}

/* The active user; a disabled or unknown user may do nothing. */
static int
get_user(struct db *db, long long user_id, struct user *u)
{
	int rc = users_get(db, user_id, u);

	if (rc == DB_NOTFOUND || (rc == 0 && !u->active))
		return deny(db, ROLE_ACT_READ, ROLE_NEED_ADMIN, 0, NULL, NULL);
	return rc;
}

int
roles_check_case(struct db *db, long long user_id, long long worker_id, enum role_act act)
{
	static const char sql[] =
	    "SELECT coalesce(c.investigator_id, 0), coalesce(u.name, ''), coalesce(u.login, '') "
	    "FROM cases c LEFT JOIN users u ON u.id = c.investigator_id WHERE c.worker_id = ?1";
	struct user me;
	sqlite3_stmt *st;
	char name[96] = "", login[64] = "";
	long long inv = 0;
	int rc;

	if (user_id <= 0)
		return 0;
	if ((rc = get_user(db, user_id, &me)) != 0)
		return rc;
	if (user_can_lead(&me))
		return 0;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		inv = sqlite3_column_int64(st, 0);
		snprintf(name, sizeof name, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(login, sizeof login, "%s", (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_WORKER_ID, worker_id, 0, NULL, NULL);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	if (inv == user_id)
		return 0;
	return deny(db, act, ROLE_NEED_OWNER, worker_id, name, login);
}

int
roles_check_followup(struct db *db, long long user_id, long long followup_id)
{
	static const char sql[] =
	    "SELECT f.worker_id, coalesce(f.owner_id, 0), f.kind FROM followups f WHERE f.id = ?1";
	struct user me;
	sqlite3_stmt *st;
	long long worker = 0, owner = 0;
	int rc, escalation = 0;

	if (user_id <= 0)
		return 0;
	if ((rc = get_user(db, user_id, &me)) != 0)
		return rc;
	if (user_can_lead(&me))
		return 0;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, followup_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		worker = sqlite3_column_int64(st, 0);
		owner = sqlite3_column_int64(st, 1);
		escalation = sqlite3_column_text(st, 2) != NULL &&
		    sqlite3_column_text(st, 2)[0] == 'e';
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_FOLLOWUP, followup_id, 0, NULL, NULL);
	if (rc != SQLITE_ROW)
		return db_fail(db, sql);
	if (escalation)
		return deny(db, ROLE_ACT_ESCALATION, ROLE_NEED_LEAD, worker, NULL, NULL);
	if (owner == user_id)
		return 0;
	if (owner != 0) {
		struct user o;
		if ((rc = users_get(db, owner, &o)) != 0)
			return rc;
		return deny(db, ROLE_ACT_FOLLOWUP, ROLE_NEED_OWNER, worker, o.name, o.login);
	}
	return roles_check_case(db, user_id, worker, ROLE_ACT_FOLLOWUP);
}

int
roles_check_lead(struct db *db, long long user_id, enum role_act act)
{
	struct user me;
	int rc;

	if (user_id <= 0)
		return 0;
	if ((rc = get_user(db, user_id, &me)) != 0)
		return rc;
	return user_can_lead(&me) ? 0 : deny(db, act, ROLE_NEED_LEAD, 0, NULL, NULL);
}

int
roles_check_admin(struct db *db, long long user_id, enum role_act act)
{
	struct user me;
	int rc;

	if (user_id <= 0)
		return 0;
	if ((rc = get_user(db, user_id, &me)) != 0)
		return rc;
	return me.role == ROLE_ADMIN ? 0 : deny(db, act, ROLE_NEED_ADMIN, 0, NULL, NULL);
}
