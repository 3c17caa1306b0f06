/*
 * queue.c -- an investigator's call queue in one SQL statement.
 *
 * The statement gathers the candidate cases (the user's own cases that are
 * not unreachable, plus any case with an open follow-up the user owns, plus
 * for leads and admins the escalations owned by no one in particular),
 * picks for each its best open follow-up that concerns the user (by queue
 * category, see queue.h, then due time), rates the case, and orders the
 * lot.  Everything it touches is reached through an index:
 * cases_investigator, followups_open, followups_owner_open (migration 2)
 * and the primary keys, so the cost grows with the user's cases, not with
 * the size of the township.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/followups.h"
#include "db/queue.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

static const char queue_sql[] =
"WITH me(lead) AS (SELECT coalesce((SELECT role IN ('lead','admin') FROM users WHERE id = ?1), 0)),\n"
/* Cases nobody works (no investigator, or a disabled one) and follow-ups
 * of disabled owners are the leads' (queue.h). */
"gone(id) AS (SELECT id FROM users WHERE active = 0),\n"
"cand(worker_id) AS (\n"
"  SELECT worker_id FROM cases WHERE investigator_id = ?1 AND (contact <> 'unreachable'\n"
"    OR NOT EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = cases.worker_id\n"
"      AND e.done_at IS NULL AND e.kind = 'escalation'))\n"
"  UNION SELECT worker_id FROM followups WHERE owner_id = ?1 AND done_at IS NULL\n"
"  UNION SELECT f.worker_id FROM followups f, me\n"
"    WHERE me.lead AND f.owner_id IS NULL AND f.kind = 'escalation' AND f.done_at IS NULL\n"
"  UNION SELECT c.worker_id FROM cases c, me WHERE me.lead AND c.investigator_id IS NULL\n"
"  UNION SELECT c.worker_id FROM me, gone CROSS JOIN cases c ON c.investigator_id = gone.id\n"
"    WHERE me.lead\n"
"  UNION SELECT f.worker_id FROM me, gone CROSS JOIN followups f ON f.owner_id = gone.id\n"
"    AND f.done_at IS NULL WHERE me.lead),\n"
"pick AS (\n"
"  SELECT c.*, (SELECT f.id FROM followups f JOIN cases k ON k.worker_id = f.worker_id\n"
"    WHERE f.worker_id = c.worker_id AND f.done_at IS NULL\n"
"      AND (f.owner_id = ?1\n"
"        OR (f.owner_id IS NULL AND f.kind <> 'escalation' AND k.investigator_id = ?1\n"
"            AND (k.contact <> 'unreachable' OR NOT EXISTS(SELECT 1 FROM followups e\n"
"              WHERE e.worker_id = k.worker_id AND e.done_at IS NULL AND e.kind = 'escalation')))\n"
"        OR (f.owner_id IS NULL AND f.kind = 'escalation' AND me.lead)\n"
"        OR (me.lead AND f.owner_id IN gone)\n"
"        OR (me.lead AND f.owner_id IS NULL AND f.kind <> 'escalation'\n"
"            AND (k.investigator_id IS NULL OR k.investigator_id IN gone)))\n"
"    ORDER BY CASE WHEN f.due_at > ?2 THEN 5\n"
"         WHEN f.kind = 'callback' AND f.call_id IS NOT NULL AND k.contact <> 'reached' THEN 4\n"
"         WHEN f.kind = 'health' AND k.symptomatic THEN 2 ELSE 1 END,\n"
"      f.due_at, CASE f.kind WHEN 'escalation' THEN 0 WHEN 'medical' THEN 1 WHEN 'health' THEN 2\n"
"         WHEN 'callback' THEN 3 ELSE 4 END, f.id\n"
"    LIMIT 1) AS best\n"
"  FROM cand CROSS JOIN cases c ON c.worker_id = cand.worker_id, me),\n"
"rated AS (\n"
"  SELECT pick.*, b.kind AS b_kind, b.due_at AS b_due,\n"
"    b.call_id IS NOT NULL AND pick.contact <> 'reached' AS b_retry,\n"
"    CASE WHEN b.id IS NULL OR b.due_at > ?2 THEN 5\n"
"         WHEN b.kind = 'callback' AND b.call_id IS NOT NULL AND pick.contact <> 'reached' THEN 4\n"
"         WHEN b.kind = 'health' AND pick.symptomatic THEN 2 ELSE 1 END AS b_cat\n"
"  FROM pick LEFT JOIN followups b ON b.id = pick.best),\n"
"q AS (\n"
"  SELECT rated.*, CASE WHEN b_cat < 5 THEN b_cat\n"
"         WHEN contact = 'uncalled' AND (investigator_id = ?1 OR (me.lead AND\n"
"           (investigator_id IS NULL OR investigator_id IN gone))) THEN 3 ELSE 5 END AS qcat\n"
"  FROM rated, me)\n"
"SELECT q.worker_id, q.qcat, q.b_kind, CASE WHEN q.qcat = 3 THEN 0 ELSE q.b_due END, q.b_retry,\n"
"  w.name, w.village,\n"
"  (SELECT p.display FROM phones p WHERE p.worker_id = q.worker_id AND p.removed_at IS NULL\n"
"     ORDER BY p.rank LIMIT 1),\n"
"  CASE q.contact WHEN 'uncalled' THEN 0 WHEN 'unreached' THEN 1 WHEN 'reached' THEN 2 ELSE 3 END,\n"
"  q.last_call_at, q.calls, q.failed, q.last_outcome,\n"
"  q.symptomatic,\n"
"  coalesce(q.isolation_start <> '' AND q.isolation_end <> ''\n"
"     AND q.isolation_start <= ?3 AND ?3 <= q.isolation_end, 0),\n"
"  EXISTS(SELECT 1 FROM followups m WHERE m.worker_id = q.worker_id AND m.done_at IS NULL\n"
"     AND m.kind = 'medical'),\n"
"  coalesce(q.work_plan = 'needs-job', 0),\n"
"  q.contact = 'unreachable' OR EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = q.worker_id\n"
"     AND e.done_at IS NULL AND e.kind = 'escalation'),\n"
"  CASE WHEN q.claimed_by <> ?1 AND q.claim_expires > ?2 THEN q.claimed_by ELSE 0 END,\n"
"  coalesce(u.name, ''),\n"
"  CASE WHEN q.investigator_id IS NULL THEN 1 WHEN q.investigator_id IN gone THEN 2 ELSE 0 END\n"
"FROM q JOIN workers w ON w.id = q.worker_id\n"
"LEFT JOIN users u ON u.id = q.claimed_by AND q.claimed_by <> ?1 AND q.claim_expires > ?2\n"
"ORDER BY q.qcat, CASE WHEN q.qcat = 3 THEN 0 ELSE coalesce(q.b_due, 9223372036854775807) END,\n"
"  q.worker_id\n"
"LIMIT ?4";

enum {
	COL_WORKER, COL_CAT, COL_KIND, COL_DUE, COL_RETRY, COL_NAME, COL_VILLAGE, COL_PHONE,
	COL_CONTACT, COL_LAST_CALL, COL_CALLS, COL_FAILED, COL_LAST_OUTCOME,
	COL_SYMPTOMATIC, COL_ISOLATED, COL_MEDICAL, COL_JOB, COL_ESCALATED,
	COL_CLAIMED_BY, COL_CLAIMED_NAME, COL_ORPHAN,
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
}

int
queue_for(struct db *db, long long user_id, time_t now, size_t limit,
    struct queue_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(db, queue_sql);
	struct queue_row *rows = NULL;
	size_t nrows = 0, cap = 0;
	char today[11];
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	clock_date(now, today);
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
	sqlite3_bind_text(st, 3, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, limit > 0 ? (sqlite3_int64)limit : -1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nrows == cap) {
			cap = cap ? cap * 2 : 64;
			rows = xrealloc(rows, cap * sizeof *rows);
		}
		queue_row_read(st, &rows[nrows++]);
	}
	if (rc != SQLITE_DONE) {
		db_fail(db, queue_sql);
		sqlite3_reset(st);
		free(rows);
		return DB_ERROR;
	}
	sqlite3_reset(st);
	*out = rows;
	*n = nrows;
	return 0;
}
