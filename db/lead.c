/* lead.c -- the team lead's views (team, coverage, flow, escalations) and the
 * moves that wait for a claim; see lead.h.  Selecting, moving, balancing
 * and the village map are in lead_assign.c. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/dbi.h"
#include "db/lead.h"
#include "db/leadi.h"
#include "db/report.h"
#include "db/roles.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

/* Grow *v (of elem bytes) to hold one more than *len. */
void *
lead_grow(void *v, size_t *cap, size_t len, size_t elem)
{
	if (len < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	return xrealloc(v, *cap * elem);
}

int
lead_begin(struct db *db, long long viewer, const char *sql, sqlite3_stmt **st)
{
	int rc;

	if ((rc = lead_view(db, viewer)) != 0)
		return rc;
	if ((*st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	return 0;
}

int
lead_rows(struct db *db, const char *sql, sqlite3_stmt *st, size_t elem,
    void (*fill)(sqlite3_stmt *, void *row, void *ctx), void *ctx, void **out, size_t *n)
{
	char *v = NULL;
	size_t len = 0, cap = 0;
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = lead_grow(v, &cap, len, elem);
		memset(v + len * elem, 0, elem);
		fill(st, v + len * elem, ctx);
		len++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		*out = NULL;
		*n = 0;
		return db_fail(db, sql);
	}
	*out = v;
	*n = len;
	return 0;
}

/* ---- moves waiting for a claim ---- */

int
lead_pending_count(struct db *db, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM pending_moves";

	return db_step_int64(db, db_stmt(db, sql), n);
}

int
lead_pending_apply(struct db *db, size_t *n)
{
	static const char sql[] =
	    "SELECT p.worker_id, coalesce(p.to_user, 0), coalesce(u.login, ''), "
	    "coalesce(p.by_user, 0) FROM pending_moves p JOIN cases c ON c.worker_id = p.worker_id "
	    "LEFT JOIN users u ON u.id = p.to_user "
	    "WHERE c.claimed_by IS NULL OR coalesce(c.claim_expires, 0) <= ?1 ORDER BY p.worker_id";
	static const char sql_del[] = "DELETE FROM pending_moves WHERE worker_id = ?1";
	time_t now = clock_now();
	long long pending;
	int own = !db->in_tx, rc;
	size_t done = 0;

	if (n != NULL)
		*n = 0;
	/* Cheap when nothing waits (every lead view calls this). */
	if (lead_pending_count(db, &pending) != 0)
		return DB_ERROR;
	if (pending == 0)
		return 0;
	if (own && db_begin_write(db) != 0)
		return DB_ERROR;
	for (;;) {
		sqlite3_stmt *st = db_stmt(db, sql);
		long long w, to, by;
		char login[64];

		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			break;
		}
		if (rc != SQLITE_ROW) {
			db_fail(db, sql);
			goto fail;
		}
		w = sqlite3_column_int64(st, 0);
		to = sqlite3_column_int64(st, 1);
		db_column_copy(st, 2, login, sizeof login);
		by = sqlite3_column_int64(st, 3);
		sqlite3_reset(st);
		if (cases_assign_one(db, w, to, login, by, now, "case.assign") != 0)
			goto fail;
		if ((st = db_stmt(db, sql_del)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, w);
		if (db_step_done(db, st) != 0)
			goto fail;
		done++;
	}
	if (own && db_commit(db) != 0)
		return DB_ERROR;
	if (n != NULL)
		*n = done;
	return 0;
fail:
	if (own)
		db_rollback(db);
	return DB_ERROR;
}

/* The start of a lead's view: the role, then the moves whose claim ended. */
int
lead_view(struct db *db, long long viewer)
{
	int rc;

	if ((rc = roles_check_lead(db, viewer, ROLE_ACT_READ)) != 0)
		return rc;
	return lead_pending_apply(db, NULL);
}

/* ---- team ---- */

static void
team_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	struct lead_team_row *r = row;

	(void)ctx;
	r->id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, r->login, sizeof r->login);
	db_column_copy(st, 2, r->name, sizeof r->name);
	r->assigned = sqlite3_column_int64(st, 3);
	r->called_today = sqlite3_column_int64(st, 4);
	r->reached_today = sqlite3_column_int64(st, 5);
	r->fu_open = sqlite3_column_int64(st, 6);
	r->fu_overdue = sqlite3_column_int64(st, 7);
	r->unreachable = sqlite3_column_int64(st, 8);
	r->open = sqlite3_column_int64(st, 9);
	r->last_call = (time_t)sqlite3_column_int64(st, 10);
}

int
lead_team(struct db *db, long long viewer, time_t day_start, time_t now,
    struct lead_team_row **out, size_t *n)
{
	/* From the tallies the triggers keep (case_inv_tally, fu_tally: the
	 * migration of the lead's counts), today's calls by calls_at and each
	 * one's last call by calls_user: nothing here reads every case,
	 * follow-up or call.  Overdue: the ten-minute slots before now's from
	 * fu_tally, the follow-ups of now's slot due before now one by one. */
	static const char sql[] =
	    "WITH people AS (SELECT id, login, name FROM users WHERE active AND "
	    "  (role = 'investigator' OR id IN (SELECT uid FROM case_inv_tally)) "
	    "  UNION ALL SELECT 0, '', ''), "
	    "fu AS (SELECT uid, sum(n) AS n, sum(CASE WHEN slot < ?3 / 600 THEN n END) AS late "
	    "  FROM fu_tally GROUP BY uid), "
	    "fu_now AS (SELECT uid, count(*) AS late FROM fu_tally_v "
	    "  WHERE due_at >= ?3 / 600 * 600 AND due_at < ?3 GROUP BY uid), "
	    "cs AS (SELECT uid, sum(n) AS assigned, "
	    "  sum(CASE WHEN contact = 'unreachable' THEN n END) AS unreachable, "
	    "  sum(CASE WHEN contact IN ('uncalled', 'unreached') THEN n END) AS open "
	    "  FROM case_inv_tally GROUP BY uid), "
	    "ks AS (SELECT user_id AS uid, count(*) AS today, "
	    "  sum(outcome = 'reached') AS reached "
	    "  FROM calls WHERE at >= ?1 AND at < ?2 GROUP BY user_id) "
	    "SELECT p.id, p.login, p.name, coalesce(cs.assigned, 0), coalesce(ks.today, 0), "
	    "coalesce(ks.reached, 0), "
	    "coalesce(fu.n, 0), coalesce(fu.late, 0) + coalesce(fu_now.late, 0), "
	    "coalesce(cs.unreachable, 0), coalesce(cs.open, 0), "
	    "CASE WHEN p.id = 0 THEN 0 ELSE "
	    "  coalesce((SELECT max(at) FROM calls WHERE user_id = p.id), 0) END "
	    "FROM people p LEFT JOIN cs ON cs.uid = p.id LEFT JOIN ks ON ks.uid = p.id AND p.id > 0 "
	    "LEFT JOIN fu ON fu.uid = p.id LEFT JOIN fu_now ON fu_now.uid = p.id "
	    "ORDER BY p.id = 0, p.login";
	sqlite3_stmt *st;
	void *v;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lead_begin(db, viewer, sql, &st)) != 0)
		return rc;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)day_start);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)day_start + 86400);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	rc = lead_rows(db, sql, st, sizeof **out, team_fill, NULL, &v, n);
	*out = v;
	return rc;
}

/* ---- coverage ---- */

/* One village's row, added to the total in ctx. */
static void
village_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	struct lead_village_row *r = row, *t = ctx;

	db_column_copy(st, 0, r->village, sizeof r->village);
	r->group_a = sqlite3_column_int64(st, 1);
	r->group_b = sqlite3_column_int64(st, 2);
	r->reached = sqlite3_column_int64(st, 3);
	r->never_called = sqlite3_column_int64(st, 4);
	r->returned = sqlite3_column_int64(st, 5);
	r->in_hubei = sqlite3_column_int64(st, 6);
	r->symptomatic = sqlite3_column_int64(st, 7);
	r->isolated = sqlite3_column_int64(st, 8);
	t->group_a += r->group_a;
	t->group_b += r->group_b;
	t->reached += r->reached;
	t->never_called += r->never_called;
	t->returned += r->returned;
	t->in_hubei += r->in_hubei;
	t->symptomatic += r->symptomatic;
	t->isolated += r->isolated;
}

int
lead_coverage(struct db *db, long long viewer, const char *date,
    struct lead_village_row **out, size_t *n)
{
	/* From case_tally (the cases now, kept by triggers), each village
	 * placed by its first worker (one seek of workers_village each).  The
	 * cases store an empty answer as NULL, which the tally keeps as '':
	 * an isolation without both dates is none, as before. */
	static const char sql[] =
	    "WITH v AS (SELECT township, village, "
	    "  sum(CASE WHEN grp = 'A' THEN n END) AS a, sum(CASE WHEN grp = 'B' THEN n END) AS b, "
	    "  sum(CASE WHEN contact = 'reached' THEN n END) AS reached, "
	    "  sum(CASE WHEN contact = 'uncalled' THEN n END) AS uncalled, "
	    "  sum(CASE WHEN grp = 'A' AND contact = 'reached' AND whereabouts = 'home' THEN n END) AS home, "
	    "  sum(CASE WHEN grp = 'A' AND contact = 'reached' AND whereabouts = 'hubei' THEN n END) "
	    "    AS hubei, "
	    "  sum(CASE WHEN sym THEN n END) AS sym, "
	    "  sum(CASE WHEN iso_start <> '' AND iso_end <> '' AND iso_start <= ?1 AND ?1 <= iso_end "
	    "    THEN n END) AS iso "
	    "  FROM case_tally GROUP BY township, village) "
	    "SELECT village, coalesce(sum(a), 0), coalesce(sum(b), 0), coalesce(sum(reached), 0), "
	    "coalesce(sum(uncalled), 0), coalesce(sum(home), 0), coalesce(sum(hubei), 0), "
	    "coalesce(sum(sym), 0), coalesce(sum(iso), 0) FROM v GROUP BY village "
	    "ORDER BY min((SELECT min(id) FROM workers w WHERE w.township = v.township "
	    "  AND w.village = v.village))";
	struct lead_village_row *v, total;
	size_t cap;
	sqlite3_stmt *st;
	void *rows;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lead_begin(db, viewer, sql, &st)) != 0)
		return rc;
	db_bind_text(st, 1, date);
	memset(&total, 0, sizeof total);
	if ((rc = lead_rows(db, sql, st, sizeof *v, village_fill, &total, &rows, n)) != 0)
		return rc;
	v = rows;
	cap = *n;
	v = lead_grow(v, &cap, *n, sizeof *v);
	v[(*n)++] = total;
	*out = v;
	return 0;
}

int
lead_calls_per_day(struct db *db, long long viewer, time_t last_day_start, int ndays,
    long long *counts)
{
	static const char sql_scan[] =
	    "SELECT (at - ?1) / 86400, count(*) FROM calls WHERE at >= ?1 AND at < ?2 GROUP BY 1";
	/* calls_per_day (kept by a trigger) is by local day: for days that
	 * start at local midnight, as they do, it is the same count */
	static const char sql_days[] =
	    "SELECT day - (?1 + 28800) / 86400, n FROM calls_per_day "
	    "WHERE day >= (?1 + 28800) / 86400 AND day < (?2 + 28800) / 86400";
	time_t first = last_day_start - (time_t)(ndays - 1) * 86400;
	const char *sql = ((long long)first + 28800) % 86400 == 0 ? sql_days : sql_scan;
	sqlite3_stmt *st;
	int rc;

	if ((rc = lead_view(db, viewer)) != 0)
		return rc;
	for (int i = 0; i < ndays; i++)
		counts[i] = 0;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)first);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)last_day_start + 86400);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long d = sqlite3_column_int64(st, 0);
		if (d >= 0 && d < ndays)
			counts[d] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

/* ---- flow ---- */

struct flow_acc {
	struct lead_flow_row *v;
	size_t len, cap;
};

static void
flow_add(struct flow_acc *a, const char *village, const char *where, const char *place,
    const char *plan, int yesterday, long long k)
{
	struct lead_flow_row *r;

	for (size_t i = 0; i < a->len; i++) {
		r = &a->v[i];
		if (strcmp(r->village, village) == 0 && strcmp(r->where, where) == 0 &&
		    strcmp(r->place, place) == 0 && strcmp(r->plan, plan) == 0) {
			if (yesterday)
				r->yesterday += k;
			else
				r->n += k;
			return;
		}
	}
	a->v = lead_grow(a->v, &a->cap, a->len, sizeof *a->v);
	r = &a->v[a->len++];
	memset(r, 0, sizeof *r);
	snprintf(r->village, sizeof r->village, "%s", village);
	snprintf(r->where, sizeof r->where, "%s", where);
	snprintf(r->place, sizeof r->place, "%s", place);
	snprintf(r->plan, sizeof r->plan, "%s", plan);
	if (yesterday)
		r->yesterday = k;
	else
		r->n = k;
}

/* Count the group A workers reached as of the end of date into a. */
static int
flow_count(struct db *db, const char *date, int max_attempts, int yesterday,
    struct flow_acc *a)
{
	struct report *rep;
	struct report_worker w;
	int rc;

	if ((rc = report_open_counts(db, date, max_attempts, &rep)) != 0)
		return rc;
	while ((rc = report_next_worker(rep, &w)) == 1) {
		const struct case_state *s = &w.cs;
		const char *place = strcmp(s->whereabouts, "hubei") == 0 ||
		    strcmp(s->whereabouts, "elsewhere") == 0 ? s->place : "";
		if (w.grp != 'A' || s->contact != CONTACT_REACHED)
			continue;
		for (int tot = 0; tot < 2; tot++) {
			const char *village = tot ? "" : w.village;
			flow_add(a, village, s->whereabouts[0] ? s->whereabouts : "-", place, "",
			    yesterday, w.n);
			flow_add(a, village, "", "", s->work_plan[0] ? s->work_plan : "-",
			    yesterday, w.n);
		}
	}
	report_close(rep);
	return rc < 0 ? rc : 0;
}

static int
flow_cmp(const void *pa, const void *pb)
{
	const struct lead_flow_row *a = pa, *b = pb;
	int c;

	/* The total last; locations before plans. */
	if ((a->village[0] == '\0') != (b->village[0] == '\0'))
		return a->village[0] == '\0' ? 1 : -1;
	if ((c = strcmp(a->village, b->village)) != 0)
		return c;
	if ((a->where[0] == '\0') != (b->where[0] == '\0'))
		return a->where[0] == '\0' ? 1 : -1;
	if ((c = strcmp(a->where, b->where)) != 0)
		return c;
	if ((c = strcmp(a->place, b->place)) != 0)
		return c;
	return strcmp(a->plan, b->plan);
}

int
lead_flow(struct db *db, long long viewer, time_t now, int max_attempts,
    struct lead_flow_row **out, size_t *n)
{
	return lead_flow_again(db, viewer, now, max_attempts, NULL, 0, NULL, out, n);
}

int
lead_flow_again(struct db *db, long long viewer, time_t now, int max_attempts,
    const struct lead_flow_row *prev, size_t nprev, const char *prev_day,
    struct lead_flow_row **out, size_t *n)
{
	struct flow_acc a = { NULL, 0, 0 };
	char today[11], yday[11];
	int rc, again;

	*out = NULL;
	*n = 0;
	if ((rc = lead_view(db, viewer)) != 0)
		return rc;
	clock_date(now, today);
	clock_date(now - 86400, yday);
	/* yesterday's figures, as of its end, cannot change: reuse them */
	again = prev != NULL && prev_day != NULL && strcmp(prev_day, today) == 0;
	for (size_t i = 0; again && i < nprev; i++) {
		if (prev[i].yesterday == 0)
			continue;
		a.v = lead_grow(a.v, &a.cap, a.len, sizeof *a.v);
		a.v[a.len] = prev[i];
		a.v[a.len++].n = 0;
	}
	if ((rc = flow_count(db, today, max_attempts, 0, &a)) != 0 ||
	    (!again && (rc = flow_count(db, yday, max_attempts, 1, &a)) != 0)) {
		free(a.v);
		return rc;
	}
	/* the counting walk's rows may cancel out: a row of none is no row */
	{
		size_t j = 0;
		for (size_t i = 0; i < a.len; i++)
			if (a.v[i].n != 0 || a.v[i].yesterday != 0)
				a.v[j++] = a.v[i];
		a.len = j;
	}
	if (a.len > 0)
		qsort(a.v, a.len, sizeof *a.v, flow_cmp);
	*out = a.v;
	*n = a.len;
	return 0;
}

/* ---- escalations ---- */

static const char *const esc_names[] = { "unreachable", "not-urged", "medical", "silent",
	"no-number" };
#define NESC ((int)(sizeof esc_names / sizeof esc_names[0]))

const char *
lead_esc_kind_name(enum lead_esc_kind k)
{
	return (unsigned)k < (unsigned)NESC ? esc_names[k] : "";
}

int
lead_esc_kind_parse(const char *s, enum lead_esc_kind *out)
{
	for (int i = 0; i < NESC; i++)
		if (strcmp(s, esc_names[i]) == 0) {
			*out = (enum lead_esc_kind)i;
			return 0;
		}
	return -1;
}

static void
escalation_fill(sqlite3_stmt *st, void *row, void *ctx)
{
	struct lead_escalation *r = row;

	(void)ctx;
	r->worker_id = sqlite3_column_int64(st, 0);
	db_column_copy(st, 1, r->name, sizeof r->name);
	db_column_copy(st, 2, r->village, sizeof r->village);
	r->investigator_id = sqlite3_column_int64(st, 3);
	db_column_copy(st, 4, r->investigator, sizeof r->investigator);
	r->kind = (enum lead_esc_kind)sqlite3_column_int(st, 5);
	r->since = (time_t)sqlite3_column_int64(st, 6);
	db_column_copy(st, 7, r->typed, sizeof r->typed);
}

/* Kind k is open when its since is before this (the clock's part of its
 * condition: schema.c, migration 13). */
static long long
esc_bound(int k, time_t now)
{
	switch (k) {
	case ESC_MEDICAL: return (long long)now - 86400;
	case ESC_SILENT: return (long long)now - 3 * 86400;
	default: return INT64_MAX;
	}
}

struct lead_esc_key
lead_escalation_key(const struct lead_escalation *e)
{
	struct lead_esc_key k = { (int)e->kind, (long long)e->since, e->worker_id };

	return k;
}

int
lead_escalation_page(struct db *db, long long viewer, time_t now, const struct lead_esc_key *after,
    size_t limit, struct lead_escalation **out, size_t *n)
{
	static const char sql[] =
	    "SELECT e.worker_id, w.name, w.village, coalesce(c.investigator_id, 0), "
	    "coalesce(u.name, ''), e.kind, e.since, w.phones_invalid FROM esc_keys e "
	    "JOIN workers w ON w.id = e.worker_id JOIN cases c ON c.worker_id = e.worker_id "
	    "LEFT JOIN users u ON u.id = c.investigator_id "
	    "WHERE e.kind = ?1 AND e.since < ?2 AND (e.since, e.worker_id) > (?3, ?4) "
	    "ORDER BY e.since, e.worker_id LIMIT ?5";
	struct lead_escalation *v = NULL;
	size_t len = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = lead_view(db, viewer)) != 0)
		return rc;
	for (int k = after ? after->kind : 0; k < LEAD_ESC_KINDS; k++) {
		sqlite3_stmt *st;
		void *part;
		size_t got;
		int same = after != NULL && k == after->kind;

		if (limit > 0 && len >= limit)
			break;
		rc = DB_ERROR;
		if ((st = db_stmt(db, sql)) == NULL)
			goto fail;
		sqlite3_bind_int(st, 1, k);
		sqlite3_bind_int64(st, 2, esc_bound(k, now));
		sqlite3_bind_int64(st, 3, same ? after->since : INT64_MIN);
		sqlite3_bind_int64(st, 4, same ? after->worker : INT64_MIN);
		sqlite3_bind_int64(st, 5, limit > 0 ? (sqlite3_int64)(limit - len) : -1);
		if ((rc = lead_rows(db, sql, st, sizeof *v, escalation_fill, NULL, &part, &got)) != 0)
			goto fail;
		if (got > 0) {
			v = xrealloc(v, (len + got) * sizeof *v);
			memcpy(v + len, part, got * sizeof *v);
			len += got;
		}
		free(part);
	}
	*out = v;
	*n = len;
	return 0;
fail:
	free(v);
	return rc;
}

int
lead_escalation_counts(struct db *db, long long viewer, time_t now,
    long long count[LEAD_ESC_KINDS])
{
	static const char sql[] = "SELECT count(*) FROM esc_keys WHERE kind = ?1 AND since < ?2";

	int rc;

	if ((rc = lead_view(db, viewer)) != 0)
		return rc;
	for (int k = 0; k < LEAD_ESC_KINDS; k++) {
		sqlite3_stmt *st = db_stmt(db, sql);

		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int(st, 1, k);
		sqlite3_bind_int64(st, 2, esc_bound(k, now));
		if (db_step_int64(db, st, &count[k]) != 0)
			return DB_ERROR;
	}
	return 0;
}

int
lead_escalation_close(struct db *db, long long by_user, long long worker_id,
    enum lead_esc_kind kind, const char *note)
{
	static const char sql[] =
	    "INSERT INTO escalation_closes(worker_id, kind, closed_at, closed_by, note) "
	    "VALUES(?1, ?2, ?3, ?4, ?5)";
	static const char sql_fu[] =
	    "UPDATE followups SET done_at = ?2, done_by = ?3, done_reason = 'done' "
	    "WHERE worker_id = ?1 AND kind = 'escalation' AND done_at IS NULL";
	struct case_row c;
	sqlite3_stmt *st;
	time_t now = clock_now();
	int rc;

	if (note == NULL || *note == '\0')
		return DB_INVALID;
	if (db_begin_write(db) != 0)
		return DB_ERROR;
	if ((rc = roles_check_lead(db, by_user, ROLE_ACT_ESCALATION)) != 0 ||
	    (rc = cases_get(db, worker_id, &c)) != 0)
		goto fail;
	rc = DB_ERROR;
	if ((st = db_stmt(db, sql)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, worker_id);
	db_bind_text(st, 2, lead_esc_kind_name(kind));
	sqlite3_bind_int64(st, 3, (sqlite3_int64)now);
	if (by_user > 0)
		sqlite3_bind_int64(st, 4, by_user);
	db_bind_text(st, 5, note);
	if (db_step_done(db, st) != 0)
		goto fail;
	if (kind == ESC_UNREACHABLE || kind == ESC_NO_NUMBER) {
		/* The escalation follow-up the call (or the import) made is
		 * answered too. */
		if ((st = db_stmt(db, sql_fu)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, worker_id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
		if (by_user > 0)
			sqlite3_bind_int64(st, 3, by_user);
		if (db_step_done(db, st) != 0 || cases_refresh_next(db, worker_id, now) != 0)
			goto fail;
	}
	if (audit_log(db, by_user, "escalation.close", "worker", worker_id,
	    lead_esc_kind_name(kind), c.investigator_name, note) != 0)
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return rc;
}
