/*
 * queue.c -- an investigator's call queue as an index walk.
 *
 * The order of every case is kept in queue_keys and queue_due (see
 * db/schema.c, the migration that made them; triggers rewrite a case's
 * rows in the transaction of any write that changes them), per audience:
 * the user, and for leads and admins also the pool 0 (cases nobody works,
 * escalations of nobody in particular, follow-ups of disabled owners).
 * A page is one statement that walks those indexes from a cursor (the key
 * of the row before it: keyset, never an offset) and reads only as many
 * index rows as the page needs, whatever the size of the queue; the reason
 * of each row is the one the whole-queue statement of before gave
 * (tests/queue_ref.h keeps it; tests/cli/queue-diff.sh compares).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/followups.h"
#include "db/queue.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

/* The arms of the page: for each category and each of the user's two
 * audiences (?1 the user; ?5 the leads' pool 0 for a lead, else -1),
 * the rows after the cursor (?6 category, ?7 due, ?8 worker) along one
 * index range, each row's first three columns (category, due, worker)
 * those of the index, so that SQLite merges the ten arms in the queue's
 * order without sorting and reads each only as far as the page needs.  A
 * case shows once, at its best place: a row is left out when the same case
 * has a better one (BETTER_*) among the user's audiences; each such test
 * is a primary-key lookup of the few rows of that case. */
#define POOL "?5"
#define AUDS "(?1, " POOL ")"
#define MIN_KEY "-9223372036854775808"
#define BETTER_DUE \
"NOT EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = d.worker_id AND b.aud IN " AUDS "\n" \
"      AND b.due_at <= ?2 AND (b.dc, b.due_at, b.kr, b.fid, b.aud) < (d.dc, d.due_at, d.kr, d.fid, d.aud))"
#define BETTER_NEW \
"NOT EXISTS(SELECT 1 FROM queue_keys b WHERE b.worker_id = q.worker_id AND b.aud IN " AUDS "\n" \
"      AND (b.min_due <= ?2 OR (b.cat = 3 AND b.aud < q.aud)))"
#define BETTER_REST \
"NOT EXISTS(SELECT 1 FROM queue_keys b WHERE b.worker_id = q.worker_id AND b.aud IN " AUDS "\n" \
"      AND (b.cat = 3 OR b.min_due < q.min_due OR (b.min_due = q.min_due AND b.aud < q.aud)))"
/* due follow-ups of category K (queue_due.dc), by due time, worker */
#define DUE_ARM(K, AUD) \
"SELECT d.dc AS cat, d.due_at AS sdue, d.worker_id AS worker_id, d.fid AS fid FROM queue_due d\n" \
"  WHERE d.aud = " AUD " AND d.dc = " K " AND d.shadow = 0 AND ?6 <= " K " AND d.due_at <= ?2\n" \
"    AND (d.due_at, d.worker_id) > (CASE WHEN ?6 = " K " THEN ?7 ELSE " MIN_KEY " END,\n" \
"      CASE WHEN ?6 = " K " THEN ?8 ELSE " MIN_KEY " END)\n" \
"    AND " BETTER_DUE "\n"
/* never called, by worker */
#define NEW_ARM(AUD) \
"SELECT q.cat, q.sdue, q.worker_id, NULL FROM queue_keys q\n" \
"  WHERE q.aud = " AUD " AND q.cat = 3 AND q.sdue = 0 AND ?6 <= 3\n" \
"    AND q.worker_id > CASE WHEN ?6 = 3 THEN ?8 ELSE " MIN_KEY " END\n" \
"    AND " BETTER_NEW "\n"
/* the rest, by earliest follow-up; ?9, ?10: after the cursor and after now */
#define REST_ARM(AUD) \
"SELECT q.cat, q.sdue, q.worker_id, NULL FROM queue_keys q\n" \
"  WHERE q.aud = " AUD " AND q.cat = 5 AND (q.sdue, q.worker_id) > (?9, ?10)\n" \
"    AND " BETTER_REST "\n"
#define ARMS(AUD) \
	DUE_ARM("1", AUD) "UNION ALL " DUE_ARM("2", AUD) "UNION ALL " NEW_ARM(AUD) \
	"UNION ALL " DUE_ARM("4", AUD) "UNION ALL " REST_ARM(AUD)

/* The follow-up that places the case (b): the arm's own for a due one;
 * for the never called and the rest the earliest of the user's (none of
 * them is due). */
#define DECORATE \
"SELECT p.worker_id, p.cat, b.kind, CASE WHEN p.cat = 3 THEN 0 ELSE b.due_at END,\n" \
"  b.call_id IS NOT NULL AND q.contact <> 'reached',\n" \
"  w.name, w.village,\n" \
"  (SELECT ph.display FROM phones ph WHERE ph.worker_id = p.worker_id AND ph.removed_at IS NULL\n" \
"     ORDER BY ph.rank LIMIT 1),\n" \
"  CASE q.contact WHEN 'uncalled' THEN 0 WHEN 'unreached' THEN 1 WHEN 'reached' THEN 2 ELSE 3 END,\n" \
"  q.last_call_at, q.calls, q.failed, q.last_outcome,\n" \
"  q.symptomatic,\n" \
"  coalesce(q.isolation_start <> '' AND q.isolation_end <> ''\n" \
"     AND q.isolation_start <= ?3 AND ?3 <= q.isolation_end, 0),\n" \
"  EXISTS(SELECT 1 FROM followups m WHERE m.worker_id = p.worker_id AND m.done_at IS NULL\n" \
"     AND m.kind = 'medical'),\n" \
"  coalesce(q.work_plan = 'needs-job', 0),\n" \
"  q.contact = 'unreachable' OR EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = p.worker_id\n" \
"     AND e.done_at IS NULL AND e.kind = 'escalation'),\n" \
"  CASE WHEN q.claimed_by <> ?1 AND q.claim_expires > ?2 THEN q.claimed_by ELSE 0 END,\n" \
"  coalesce(u.name, ''),\n" \
"  CASE WHEN q.investigator_id IS NULL THEN 1\n" \
"    WHEN EXISTS(SELECT 1 FROM users g WHERE g.id = q.investigator_id AND g.active = 0) THEN 2\n" \
"    ELSE 0 END,\n" \
"  p.sdue\n" \
"FROM page p JOIN cases q ON q.worker_id = p.worker_id JOIN workers w ON w.id = p.worker_id\n" \
"LEFT JOIN followups b ON b.id = coalesce(p.fid, (SELECT x.fid FROM queue_due x\n" \
"  WHERE x.worker_id = p.worker_id AND x.aud IN " AUDS " ORDER BY x.due_at, x.kr, x.fid LIMIT 1))\n" \
"LEFT JOIN users u ON u.id = q.claimed_by AND q.claimed_by <> ?1 AND q.claim_expires > ?2\n"

static const char queue_sql[] =
"WITH page AS (" ARMS("?1") "UNION ALL " ARMS(POOL) "ORDER BY 1, 2, 3 LIMIT ?4)\n"
DECORATE
"ORDER BY p.cat, p.sdue, p.worker_id";


enum {
	COL_WORKER, COL_CAT, COL_KIND, COL_DUE, COL_RETRY, COL_NAME, COL_VILLAGE, COL_PHONE,
	COL_CONTACT, COL_LAST_CALL, COL_CALLS, COL_FAILED, COL_LAST_OUTCOME,
	COL_SYMPTOMATIC, COL_ISOLATED, COL_MEDICAL, COL_JOB, COL_ESCALATED,
	COL_CLAIMED_BY, COL_CLAIMED_NAME, COL_ORPHAN, COL_SORT_DUE,
};

/* Fill one row from the statement's current result. */
static void
queue_row_read(sqlite3_stmt *st, struct queue_row *r)
{
	static const struct { int col; char letter; } flags[] = {
		{ COL_SYMPTOMATIC, 'S' }, { COL_ISOLATED, 'I' }, { COL_MEDICAL, 'M' },
		{ COL_JOB, 'J' }, { COL_ESCALATED, 'E' }, { COL_CLAIMED_BY, 'C' },
	};
	int orphan = sqlite3_column_int(st, COL_ORPHAN);
	const char *kind = (const char *)sqlite3_column_text(st, COL_KIND);
	const char *outcome = (const char *)sqlite3_column_text(st, COL_LAST_OUTCOME);
	size_t nf = 0;

	memset(r, 0, sizeof *r);
	r->worker_id = sqlite3_column_int64(st, COL_WORKER);
	r->why.reason = (enum queue_reason)(sqlite3_column_int(st, COL_CAT) - 1);
	r->why.due_at = (time_t)sqlite3_column_int64(st, COL_DUE);
	db_column_copy(st, COL_NAME, r->name, sizeof r->name);
	db_column_copy(st, COL_VILLAGE, r->village, sizeof r->village);
	db_column_copy(st, COL_PHONE, r->phone, sizeof r->phone);
	r->why.no_phone = sqlite3_column_type(st, COL_PHONE) == SQLITE_NULL;
	r->why.contact = (enum contact_state)sqlite3_column_int(st, COL_CONTACT);
	r->why.last_call_at = (time_t)sqlite3_column_int64(st, COL_LAST_CALL);
	r->calls = sqlite3_column_int(st, COL_CALLS);
	r->why.failed = sqlite3_column_int(st, COL_FAILED);
	r->claimed_by = sqlite3_column_int64(st, COL_CLAIMED_BY);
	db_column_copy(st, COL_CLAIMED_NAME, r->claimed_by_name, sizeof r->claimed_by_name);
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (sqlite3_column_int64(st, flags[i].col) != 0)
			r->flags[nf++] = flags[i].letter;
	if (followup_kind_parse(kind, &r->why.kind) != 0)
		r->why.kind = FOLLOWUP_NONE;
	if (call_outcome_parse(outcome, &r->why.last_outcome) != 0)
		r->why.last_outcome = OUTCOME_NONE;
	r->why.retry = sqlite3_column_int(st, COL_RETRY) != 0;
	/* whose case it is, when it is nobody's: U unassigned, D investigator disabled */
	r->unassigned = orphan == 1;
	r->investigator_disabled = orphan == 2;
	if (orphan != 0)
		r->flags[nf++] = orphan == 1 ? 'U' : 'D';
	r->key.cat = sqlite3_column_int(st, COL_CAT);
	r->key.worker = r->worker_id;
	r->key.due = sqlite3_column_count(st) > COL_SORT_DUE
	    ? sqlite3_column_int64(st, COL_SORT_DUE) : 0;
}

/* What a statement is run with: the user, the time, the cursor. */
struct queue_args {
	long long user, lead;
	time_t now;
	char today[11];
	const struct queue_key *after;
	long long rest_due, rest_worker;
};

static int
queue_args_init(struct db *db, long long user_id, time_t now, const struct queue_key *after,
    struct queue_args *a)
{
	sqlite3_stmt *st = db_stmt(db, "WITH me(lead) AS (SELECT coalesce((SELECT role IN "
	    "('lead','admin') FROM users WHERE id = ?1), 0)) SELECT lead FROM me");

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, user_id);
	if (db_step_int64(db, st, &a->lead) != 0)
		return DB_ERROR;
	a->user = user_id;
	a->now = now;
	a->after = after;
	clock_date(now, a->today);
	/* the rest is after now and after the cursor */
	a->rest_due = (long long)now;
	a->rest_worker = INT64_MAX;
	if (after != NULL && after->cat == QUEUE_REST + 1
	    && (after->due > a->rest_due || (after->due == a->rest_due && after->worker > a->rest_worker))) {
		a->rest_due = after->due;
		a->rest_worker = after->worker;
	}
	return 0;
}

/* Run sql and append its rows (at most limit, -1 = all) to *rows. */
static int
queue_run(struct db *db, const char *sql, const struct queue_args *a, long long limit,
    struct queue_row **rows, size_t *nrows, size_t *cap)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, a->user);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)a->now);
	sqlite3_bind_text(st, 3, a->today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, limit);
	/* a statement that does not use one of the parameters below (the
	 * reference statement of the tests uses none) refuses it with
	 * SQLITE_RANGE, harmlessly */
	sqlite3_bind_int64(st, 5, a->lead ? 0 : -1);
	sqlite3_bind_int(st, 6, a->after != NULL ? a->after->cat : 0);
	sqlite3_bind_int64(st, 7, a->after != NULL ? a->after->due : 0);
	sqlite3_bind_int64(st, 8, a->after != NULL ? a->after->worker : 0);
	sqlite3_bind_int64(st, 9, a->rest_due);
	sqlite3_bind_int64(st, 10, a->rest_worker);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*nrows == *cap) {
			*cap = *cap ? *cap * 2 : 32;
			*rows = xrealloc(*rows, *cap * sizeof **rows);
		}
		queue_row_read(st, &(*rows)[(*nrows)++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

int
queue_rows_sql(struct db *db, const char *sql, long long user_id, time_t now,
    const struct queue_key *after, size_t limit, struct queue_row **out, size_t *n)
{
	struct queue_args a;
	struct queue_row *rows = NULL;
	size_t nrows = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if (queue_args_init(db, user_id, now, after, &a) != 0)
		return DB_ERROR;
	if (queue_run(db, sql, &a, limit > 0 ? (long long)limit : -1, &rows, &nrows, &cap) != 0) {
		free(rows);
		return DB_ERROR;
	}
	*out = rows;
	*n = nrows;
	return 0;
}

int
queue_page(struct db *db, long long user_id, time_t now, const struct queue_key *after,
    size_t limit, struct queue_row **out, size_t *n)
{
	return queue_rows_sql(db, queue_sql, user_id, now, after, limit, out, n);
}

int
queue_for(struct db *db, long long user_id, time_t now, size_t limit,
    struct queue_row **out, size_t *n)
{
	return queue_page(db, user_id, now, NULL, limit, out, n);
}

int
queue_count(struct db *db, long long user_id, long long *count)
{
	/* every case of the user's audiences takes one place in the queue */
	static const char sql[] =
	    "SELECT (SELECT count(*) FROM queue_keys WHERE aud = ?1)\n"
	    "  + CASE WHEN coalesce((SELECT role IN ('lead','admin') FROM users WHERE id = ?1), 0)\n"
	    "    THEN (SELECT count(*) FROM queue_keys k WHERE k.aud = 0 AND NOT EXISTS(\n"
	    "      SELECT 1 FROM queue_keys o WHERE o.worker_id = k.worker_id AND o.aud = ?1))\n"
	    "    ELSE 0 END";
	sqlite3_stmt *st = db_stmt(db, sql);

	*count = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, user_id);
	return db_step_int64(db, st, count);
}
