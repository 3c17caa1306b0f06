/* lead_assign.c -- the team lead's selections and moves: filtered
 * reassignment, balance and the village map; see lead.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/dbi.h"
#include "db/lead.h"
#include "db/leadi.h"
#include "db/roles.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

/* ---- selecting and moving ---- */

/* A filter's condition and its ?1 to ?6: the same in lead_select() (the
 * command's) and lead_cases() (the Reassign screen's).  Both read cases
 * in rowid order (NOT INDEXED: coalesce() cannot use cases_investigator
 * anyway) and each worker by id, so that every page is read once; walked
 * through cases_investigator, the row lookups jumped about and read a
 * township's pages 70 times over from SQLite's 2 MB page cache. */
#define LEAD_FILTER_WHERE \
	"WHERE (?1 = 0 OR coalesce(c.investigator_id, 0) = ?2) " \
	"AND (?3 IS NULL OR w.village = ?3) AND (?4 IS NULL OR c.contact = ?4) " \
	"AND (?5 = 0 OR EXISTS (SELECT 1 FROM followups f WHERE f.worker_id = c.worker_id " \
	"  AND f.done_at IS NULL AND f.due_at < ?6)) "

/* A filter's ?1 to ?6. */
static void
bind_filter(sqlite3_stmt *st, const struct lead_filter *f, time_t now)
{
	sqlite3_bind_int(st, 1, f->by_from);
	sqlite3_bind_int64(st, 2, f->from_id);
	db_bind_text(st, 3, f->village);
	db_bind_text(st, 4, f->state);
	sqlite3_bind_int(st, 5, f->overdue);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)now);
}

/* The rows of sql (LEAD_FILTER_WHERE bound to f) for a lead, each made by
 * fill: lead_select's ids and lead_cases' cases. */
static int
filtered_rows(struct db *db, long long viewer, const char *sql, const struct lead_filter *f,
    time_t now, size_t size, void (*fill)(sqlite3_stmt *, void *, void *), void **out, size_t *n)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lead_begin(db, viewer, sql, &st)) != 0)
		return rc;
	bind_filter(st, f, now);
	return lead_rows(db, sql, st, size, fill, NULL, out, n);
}

static void
id_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	(void)ctx;
	*(long long *)row = sqlite3_column_int64(st, 0);
}

int
lead_select(struct db *db, long long viewer, const struct lead_filter *f, time_t now,
    long long **ids, size_t *n)
{
	static const char sql[] =
	    "SELECT c.worker_id "
	    "FROM cases c NOT INDEXED CROSS JOIN workers w ON w.id = c.worker_id "
	    LEAD_FILTER_WHERE " ORDER BY c.worker_id";
	void *v;
	int rc = filtered_rows(db, viewer, sql, f, now, sizeof **ids, id_fill, &v, n);

	*ids = v;
	return rc;
}

static void
case_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	struct lead_case *r = row;

	(void)ctx;
	r->worker_id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, r->name, sizeof r->name);
	db_column_copy(st, 2, r->village, sizeof r->village);
	r->investigator_id = sqlite3_column_int64(st, 3);
	db_column_copy(st, 4, r->investigator, sizeof r->investigator);
	db_column_copy(st, 5, r->contact, sizeof r->contact);
	r->claimed = sqlite3_column_int(st, 6);
}

int
lead_cases(struct db *db, long long viewer, const struct lead_filter *f, time_t now,
    struct lead_case **out, size_t *n)
{
	static const char sql[] =
	    "SELECT c.worker_id, w.name, w.village, coalesce(c.investigator_id, 0), "
	    "coalesce(u.name, ''), c.contact, "
	    "(c.claimed_by IS NOT NULL AND coalesce(c.claim_expires, 0) > ?6) "
	    "FROM cases c NOT INDEXED CROSS JOIN workers w ON w.id = c.worker_id "
	    "LEFT JOIN users u ON u.id = c.investigator_id "
	    LEAD_FILTER_WHERE " ORDER BY w.village, c.worker_id";
	void *v;
	int rc = filtered_rows(db, viewer, sql, f, now, sizeof **out, case_fill, &v, n);

	*out = v;
	return rc;
}

static void
village_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	(void)ctx;
	db_column_copy(st, 0, ((struct lead_village_name *)row)->village,
	    sizeof ((struct lead_village_name *)row)->village);
}

int
lead_villages(struct db *db, long long viewer, struct lead_village_name **out, size_t *n)
{
	static const char sql[] =
	    "SELECT village FROM workers GROUP BY village ORDER BY min(id)";
	sqlite3_stmt *st;
	void *v;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lead_begin(db, viewer, sql, &st)) != 0)
		return rc;
	rc = lead_rows(db, sql, st, sizeof **out, village_fill, NULL, &v, n);
	*out = v;
	return rc;
}

/* Move one case inside the transaction, or queue it while someone other
 * than by_user is calling it; *waits = 1 then. */
static int
move_one(struct db *db, long long worker_id, const struct user *to, long long by_user,
    time_t now, const char *action, int *waits)
{
	/* a claim that ends more than a day ahead was taken with a false
	 * clock: it holds nothing (cases_assign_one clears it) */
	static const char sql_claim[] =
	    "SELECT count(*) FROM cases WHERE worker_id = ?1 AND claimed_by IS NOT NULL "
	    "AND claimed_by <> ?2 AND claim_expires > ?3 AND claim_expires <= ?3 + 86400";
	static const char sql_wait[] =
	    "INSERT INTO pending_moves(worker_id, to_user, by_user, at) VALUES(?1, ?2, ?3, ?4) "
	    "ON CONFLICT(worker_id) DO UPDATE SET to_user = excluded.to_user, "
	    "by_user = excluded.by_user, at = excluded.at";
	static const char sql_drop[] = "DELETE FROM pending_moves WHERE worker_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql_claim);
	long long held = 0;

	*waits = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, by_user);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (db_step_int64(db, st, &held) != 0)
		return DB_ERROR;
	if (held) {
		if ((st = db_stmt(db, sql_wait)) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, worker_id);
		if (to->id > 0)
			sqlite3_bind_int64(st, 2, to->id);
		if (by_user > 0)
			sqlite3_bind_int64(st, 3, by_user);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)now);
		*waits = 1;
		return db_step_done(db, st);
	}
	if ((st = db_stmt(db, sql_drop)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	return cases_assign_one(db, worker_id, to->id, to->login, by_user, now, action);
}

/* The user to move cases to: active; id 0 = unassign. */
static int
target(struct db *db, long long id, struct user *to)
{
	int rc;

	memset(to, 0, sizeof *to);
	if (id == 0)
		return 0;
	if ((rc = users_get(db, id, to)) != 0)
		return rc;
	return to->active ? 0 : DB_INVALID;
}

int
lead_assign(struct db *db, long long by_user, const long long *ids, size_t n,
    long long to_user, size_t *moved, size_t *pending)
{
	struct user to;
	time_t now = clock_now();
	size_t m = 0, p = 0;
	int rc, waits;

	*moved = *pending = 0;
	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = roles_check_lead(db, by_user, ROLE_ACT_ASSIGN)) != 0 ||
	    (rc = target(db, to_user, &to)) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		if ((rc = move_one(db, ids[i], &to, by_user, now, "case.assign", &waits)) != 0)
			goto fail;
		if (waits)
			p++;
		else
			m++;
	}
	if ((rc = db_commit(db)) != 0)
		return rc;
	*moved = m;
	*pending = p;
	return 0;
fail:
	db_rollback(db);
	return rc;
}

/* ---- balance ---- */

struct village_cases {
	char village[96];
	long long *ids;
	size_t n, cap;
};

static int
village_cmp(const void *pa, const void *pb)
{
	const struct village_cases *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->village, b->village);
}

/* The cases of from_id (0: the unassigned ones), by village. */
static int
balance_read_cases(struct db *db, long long from_id, struct village_cases **out, size_t *nout,
    long long *total)
{
	static const char sql_cases[] =
	    "SELECT c.worker_id, w.village "
	    "FROM cases c NOT INDEXED CROSS JOIN workers w ON w.id = c.worker_id "
	    "WHERE coalesce(c.investigator_id, 0) = ?1 ORDER BY w.village, c.worker_id";
	struct village_cases *vc = *out;
	size_t nv = 0, capv = 0;
	sqlite3_stmt *st = db_stmt(db, sql_cases);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, from_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 1);
		if (nv == 0 || strcmp(vc[nv - 1].village, v ? v : "") != 0) {
			vc = lead_grow(vc, &capv, nv, sizeof *vc);
			memset(&vc[nv], 0, sizeof vc[nv]);
			snprintf(vc[nv].village, sizeof vc[nv].village, "%s", v ? v : "");
			nv++;
		}
		struct village_cases *c = &vc[nv - 1];
		c->ids = lead_grow(c->ids, &c->cap, c->n, sizeof *c->ids);
		c->ids[c->n++] = sqlite3_column_int64(st, 0);
		(*total)++;
	}
	sqlite3_reset(st);
	*out = vc;
	*nout = nv;
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql_cases);
}

int
lead_balance(struct db *db, long long by_user, long long from_id,
    struct lead_share **shares, size_t *nshares, size_t *pending)
{
	static const char sql_people[] =
	    "SELECT id FROM users WHERE active AND role = 'investigator' AND id <> ?1 ORDER BY login";
	struct village_cases *vc = NULL;
	struct lead_share *sh = NULL;
	struct user *users = NULL;
	long long *quota = NULL, total = 0;
	size_t nv = 0, nu = 0, capu = 0, p = 0;
	time_t now = clock_now();
	sqlite3_stmt *st;
	int rc, waits;

	*shares = NULL;
	*nshares = 0;
	*pending = 0;
	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = roles_check_lead(db, by_user, ROLE_ACT_ASSIGN)) != 0)
		goto fail;
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql_people)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, from_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		users = lead_grow(users, &capu, nu, sizeof *users);
		users[nu++].id = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, sql_people);
		goto fail;
	}
	for (size_t i = 0; i < nu; i++)
		if ((rc = users_get(db, users[i].id, &users[i])) != 0)
			goto fail;
	if (nu == 0) {
		rc = DB_NOTFOUND;
		goto fail;
	}
	if ((rc = balance_read_cases(db, from_id, &vc, &nv, &total)) != 0)
		goto fail;
	/* Even shares: total / nu, the first total % nu one more. */
	quota = xcalloc(nu, sizeof *quota);
	sh = xcalloc(nu, sizeof *sh);
	for (size_t i = 0; i < nu; i++) {
		quota[i] = total / (long long)nu + ((long long)i < total % (long long)nu);
		sh[i].user_id = users[i].id;
		snprintf(sh[i].login, sizeof sh[i].login, "%s", users[i].login);
		snprintf(sh[i].name, sizeof sh[i].name, "%s", users[i].name);
	}
	/* Largest villages first, each to whoever has the most room left, so
	 * that a village is split only when no share can hold the rest. */
	if (nv > 0)
		qsort(vc, nv, sizeof *vc, village_cmp);
	for (size_t v = 0; v < nv; v++) {
		size_t k = 0;
		while (k < vc[v].n) {
			size_t best = 0;
			for (size_t i = 1; i < nu; i++)
				if (quota[i] > quota[best])
					best = i;
			if (quota[best] <= 0)
				break;
			size_t take = vc[v].n - k;
			if ((long long)take > quota[best])
				take = (size_t)quota[best];
			for (size_t j = 0; j < take; j++, k++) {
				if ((rc = move_one(db, vc[v].ids[k], &users[best], by_user, now,
				    "case.balance", &waits)) != 0)
					goto fail;
				p += (size_t)waits;
			}
			quota[best] -= (long long)take;
			sh[best].cases += (long long)take;
			sh[best].villages++;
		}
	}
	if ((rc = db_commit(db)) != 0)
		goto out;
	*shares = sh;
	*nshares = nu;
	*pending = p;
	sh = NULL;
	goto out;
fail:
	db_rollback(db);
out:
	for (size_t v = 0; v < nv; v++)
		free(vc[v].ids);
	free(vc);
	free(sh);
	free(users);
	free(quota);
	return rc;
}

/* ---- the village map ---- */

int
lead_map_set(struct db *db, long long by_user, const char *village, long long to_user)
{
	static const char sql_set[] =
	    "INSERT INTO village_map(village, investigator_id, set_at, set_by) VALUES(?1, ?2, ?3, ?4) "
	    "ON CONFLICT(village) DO UPDATE SET investigator_id = excluded.investigator_id, "
	    "set_at = excluded.set_at, set_by = excluded.set_by";
	static const char sql_del[] = "DELETE FROM village_map WHERE village = ?1";
	static const char sql_old[] =
	    "SELECT u.login FROM village_map m JOIN users u ON u.id = m.investigator_id "
	    "WHERE m.village = ?1";
	struct user to;
	sqlite3_stmt *st;
	char *old = NULL;
	int rc;

	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = roles_check_lead(db, by_user, ROLE_ACT_ASSIGN)) != 0 ||
	    (rc = target(db, to_user, &to)) != 0)
		goto fail;
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql_old)) == NULL)
		goto fail;
	db_bind_text(st, 1, village);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = db_column_strdup(st, 0);
	sqlite3_reset(st);
	if ((st = db_stmt(db, to_user ? sql_set : sql_del)) == NULL)
		goto fail;
	db_bind_text(st, 1, village);
	if (to_user) {
		sqlite3_bind_int64(st, 2, to_user);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)clock_now());
		if (by_user > 0)
			sqlite3_bind_int64(st, 4, by_user);
	}
	if (db_step_done(db, st) != 0)
		goto fail;
	if (audit_log(db, by_user, "village.map", "village", 0, village, old,
	    to_user ? to.login : NULL) != 0)
		goto fail;
	free(old);
	return db_commit(db);
fail:
	free(old);
	db_rollback(db);
	return rc;
}

static void
map_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	struct lead_map_row *r = row;

	(void)ctx;
	db_column_copy(st, 0, r->village, sizeof r->village);
	r->user_id = sqlite3_column_int64(st, 1);
	db_column_copy(st, 2, r->login, sizeof r->login);
	db_column_copy(st, 3, r->name, sizeof r->name);
}

int
lead_map_list(struct db *db, long long viewer, struct lead_map_row **out, size_t *n)
{
	static const char sql[] =
	    "SELECT m.village, m.investigator_id, u.login, u.name FROM village_map m "
	    "JOIN users u ON u.id = m.investigator_id ORDER BY m.village";
	sqlite3_stmt *st;
	void *v;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = roles_check_lead(db, viewer, ROLE_ACT_READ)) != 0)
		return rc;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	rc = lead_rows(db, sql, st, sizeof **out, map_fill, NULL, &v, n);
	*out = v;
	return rc;
}

int
lead_map_assign_new(struct db *db, long long by_user, size_t *n)
{
	/* From the map: nothing to read when no village is mapped. */
	static const char sql[] =
	    "SELECT c.worker_id, m.investigator_id, u.login FROM village_map m "
	    "JOIN users u ON u.id = m.investigator_id AND u.active "
	    "JOIN workers w ON w.village = m.village JOIN cases c ON c.worker_id = w.id "
	    "WHERE c.investigator_id IS NULL "
	    "AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.worker_id = c.worker_id) "
	    "ORDER BY c.worker_id";
	struct { long long w, u; char login[64]; } *v = NULL;
	size_t len = 0, cap = 0;
	time_t now = clock_now();
	sqlite3_stmt *st;
	int rc;

	if (n != NULL)
		*n = 0;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = lead_grow(v, &cap, len, sizeof *v);
		v[len].w = sqlite3_column_int64(st, 0);
		v[len].u = sqlite3_column_int64(st, 1);
		db_column_copy(st, 2, v[len].login, sizeof v[len].login);
		len++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return db_fail(db, sql);
	}
	for (size_t i = 0; i < len; i++)
		if (cases_assign_one(db, v[i].w, v[i].u, v[i].login, by_user, now,
		    "case.map") != 0) {
			free(v);
			return DB_ERROR;
		}
	free(v);
	if (n != NULL)
		*n = len;
	return 0;
}
