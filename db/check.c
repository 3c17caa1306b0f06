/* check.c -- recomputing and cross-checking the stored data; see check.h. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/check.h"
#include "db/dbi.h"
#include "db/settings.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "forms/fault.h"
#include "forms/xmalloc.h"

struct case_report {
	check_report_fn report;
	void *arg;
	long long worker_id;
	const char *name;
};

static void
report_field(void *p, const char *field, const char *text)
{
	struct case_report *r = p;
	char line[2600];
	struct fault f;

	(void)field;
	fault_set(&f, FAULT_CHECK_CASE_DIFFERS, r->worker_id, 0, r->name, text);
	r->report(r->arg, fault_text(&f, line, sizeof line));
}

/* Compare the rest of the row: investigator and next follow-up. */
static int
compare_row(const struct case_row *a, const struct case_row *b, struct case_report *r)
{
	char x[32], y[32];
	int n = 0;

	if (a->investigator_id != b->investigator_id) {
		char text[256];
		snprintf(text, sizeof text, "investigator_id: %lld vs %lld", a->investigator_id,
		    b->investigator_id);
		report_field(r, "investigator_id", text), n++;
	}
	if (a->next_due_at != b->next_due_at) {
		char text[128];
		if (a->next_due_at) clock_datetime(a->next_due_at, x); else snprintf(x, sizeof x, "-");
		if (b->next_due_at) clock_datetime(b->next_due_at, y); else snprintf(y, sizeof y, "-");
		snprintf(text, sizeof text, "next_due_at: %s vs %s", x, y);
		report_field(r, "next_due_at", text), n++;
	}
	if (strcmp(a->next_kind, b->next_kind) != 0) {
		char text[128];
		snprintf(text, sizeof text, "next_kind: '%s' vs '%s'", a->next_kind, b->next_kind);
		report_field(r, "next_kind", text), n++;
	}
	return n;
}

/* Reading the whole file once: mapped into memory, and more pages kept. */
int
check_tune(struct db *db)
{
	if (db_exec(db, "PRAGMA mmap_size = 2147418112") != 0)	/* SQLite's ceiling */
		return DB_ERROR;
	return db_exec(db, "PRAGMA cache_size = -65536");	/* 64 MiB */
}

/*
 * check_cases() is one pass: the workers in order of their number, merged
 * with more passes in the same order -- the stored cases, the worker's
 * phone rows (current, then removed, each on its index, as
 * cases_phones_load() reads them), the calls with their answers (folded
 * through casestate_apply() with the numbers the worker had at each call,
 * as cases_recompute() folds them), the assignments (the latest wins) and
 * the open follow-ups (the earliest wins).  A few statements in all,
 * whatever the size of the township; rows of workers that do not exist
 * are skipped here (check_foreign_keys() reports them).
 */
struct stream {
	sqlite3_stmt *st;
	const char *sql;
	int rc;			/* SQLITE_ROW while a row is current */
};

enum { S_CALLS, S_ASSIGNED, S_NEXT, S_PHONES, S_REMOVED, S_WORKERS, S_N };

static int
stream_step(struct db *db, struct stream *s)
{
	s->rc = sqlite3_step(s->st);
	if (s->rc != SQLITE_ROW && s->rc != SQLITE_DONE)
		return db_fail(db, s->sql);
	return 0;
}

static int
stream_open(struct db *db, struct stream *s, const char *sql)
{
	s->sql = sql;
	s->rc = SQLITE_DONE;
	if (sqlite3_prepare_v2(db->conn, sql, -1, &s->st, NULL) != SQLITE_OK)
		return db_fail(db, sql);
	return stream_step(db, s);
}

/* Is the current row of s about worker id?  Rows of smaller (missing)
 * workers are skipped first. */
static int
stream_at(struct db *db, struct stream *s, long long id, int *yes)
{
	*yes = 0;
	while (s->rc == SQLITE_ROW && sqlite3_column_int64(s->st, 0) < id)
		if (stream_step(db, s) != 0)
			return DB_ERROR;
	*yes = s->rc == SQLITE_ROW && sqlite3_column_int64(s->st, 0) == id;
	return 0;
}

static void
copy_text(sqlite3_stmt *st, int col, char *dst, size_t sz)
{
	const unsigned char *t = sqlite3_column_text(st, col);

	snprintf(dst, sz, "%s", t ? (const char *)t : "");
}

/* Worker id's phone rows (the current rows of the two phone streams) into
 * *p, by (rank, id) as cases_phones_load() keeps them. */
static int
load_worker_phones(struct db *db, struct stream *s, long long id, struct case_phones *p)
{
	int rank[CASES_MAX_PHONES];
	long long pid[CASES_MAX_PHONES];
	int yes;

	p->n = 0;
	for (size_t q = S_PHONES; q <= S_REMOVED; q++) {
		for (;;) {
			sqlite3_stmt *st = s[q].st;
			if (stream_at(db, &s[q], id, &yes) != 0)
				return DB_ERROR;
			if (!yes)
				break;
			int r = sqlite3_column_int(st, 4);
			long long rowid = sqlite3_column_int64(st, 5);
			size_t at;
			if (p->n < CASES_MAX_PHONES) {
				for (at = p->n; at > 0 && (rank[at - 1] > r ||
				    (rank[at - 1] == r && pid[at - 1] > rowid)); at--) {
					p->v[at] = p->v[at - 1];
					rank[at] = rank[at - 1];
					pid[at] = pid[at - 1];
				}
				copy_text(st, 1, p->v[at].e164, sizeof p->v[at].e164);
				p->v[at].from = (time_t)sqlite3_column_int64(st, 2);
				p->v[at].until = (time_t)sqlite3_column_int64(st, 3);
				rank[at] = r;
				pid[at] = rowid;
				p->n++;
			}
			if (stream_step(db, &s[q]) != 0)
				return DB_ERROR;
		}
	}
	return 0;
}

/* Fold worker id's calls (the current rows of the calls stream) into st,
 * with the numbers of *p at the time of each call (fold_calls()). */
static int
fold_worker_calls(struct db *db, struct stream *calls, long long id, int max_attempts,
    const struct case_phones *p, struct answers *a, struct case_state *st)
{
	const char *numbers[CASES_MAX_PHONES];
	char dialled[24] = "";
	struct case_call call = { 0, 0, OUTCOME_NONE, a, dialled, numbers, 0 };
	int yes;

	casestate_init(st);
	for (;;) {
		if (stream_at(db, calls, id, &yes) != 0)
			return DB_ERROR;
		if (!yes)
			break;
		long long cid = sqlite3_column_int64(calls->st, 1);
		if (cid != call.id) {
			if (call.id != 0)
				casestate_apply(st, &call, max_attempts);
			answers_clear(a);
			call.id = cid;
			call.at = (time_t)sqlite3_column_int64(calls->st, 2);
			call.outcome = OUTCOME_NO_ANSWER;
			call_outcome_parse((const char *)sqlite3_column_text(calls->st, 3),
			    &call.outcome);
			copy_text(calls->st, 6, dialled, sizeof dialled);
			call.nnumbers = cases_phones_at(p, call.at, numbers, CASES_MAX_PHONES);
		}
		if (sqlite3_column_type(calls->st, 4) != SQLITE_NULL)
			answers_set(a, (const char *)sqlite3_column_text(calls->st, 4),
			    (const char *)sqlite3_column_text(calls->st, 5));
		if (stream_step(db, calls) != 0)
			return DB_ERROR;
	}
	if (call.id != 0)
		casestate_apply(st, &call, max_attempts);
	return 0;
}

/* What the stored row of worker id should be (cases_recompute()), from the
 * current rows of the streams. */
static int
recompute_worker(struct db *db, struct stream *s, long long id, int max_attempts,
    struct case_phones *p, struct answers *a, struct case_row *out)
{
	int yes;

	memset(out, 0, sizeof *out);
	out->worker_id = id;
	if (load_worker_phones(db, s, id, p) != 0 ||
	    fold_worker_calls(db, &s[S_CALLS], id, max_attempts, p, a, &out->state) != 0)
		return DB_ERROR;
	for (;;) {
		if (stream_at(db, &s[S_ASSIGNED], id, &yes) != 0)
			return DB_ERROR;
		if (!yes)
			break;
		out->investigator_id = sqlite3_column_int64(s[S_ASSIGNED].st, 1);
		if (stream_step(db, &s[S_ASSIGNED]) != 0)
			return DB_ERROR;
	}
	if (stream_at(db, &s[S_NEXT], id, &yes) != 0)
		return DB_ERROR;
	if (yes) {
		out->next_due_at = (time_t)sqlite3_column_int64(s[S_NEXT].st, 1);
		copy_text(s[S_NEXT].st, 2, out->next_kind, sizeof out->next_kind);
		while (yes) {
			if (stream_step(db, &s[S_NEXT]) != 0 ||
			    stream_at(db, &s[S_NEXT], id, &yes) != 0)
				return DB_ERROR;
		}
	}
	return 0;
}

int
check_cases(struct db *db, int max_attempts, check_report_fn report, void *arg)
{
	static const char *const sql[S_N] = {
		[S_CALLS] = "SELECT c.worker_id, c.id, c.at, c.outcome, a.key, a.value, c.phone "
		    "FROM calls c LEFT JOIN call_answers a ON a.call_id = c.id "
		    "ORDER BY c.worker_id, c.at, c.id",
		[S_ASSIGNED] = "SELECT worker_id, coalesce(investigator_id, 0) FROM assignments "
		    "ORDER BY worker_id, at, id",
		[S_NEXT] = "SELECT worker_id, due_at, kind FROM followups WHERE done_at IS NULL "
		    "ORDER BY worker_id, due_at, id",
		[S_PHONES] = "SELECT worker_id, e164, created_at, 0, rank, id FROM phones "
		    "WHERE removed_at IS NULL ORDER BY worker_id, e164, extension",
		[S_REMOVED] = "SELECT worker_id, e164, created_at, removed_at, rank, id FROM phones "
		    "WHERE removed_at IS NOT NULL ORDER BY worker_id, rank, id",
		[S_WORKERS] = "SELECT id, name FROM workers ORDER BY id",
	};
	struct stream s[S_N];
	struct cases_scan *scan = NULL;
	struct case_row *stored = xcalloc(2, sizeof *stored), *again = stored + 1;
	struct case_phones *phones = xcalloc(1, sizeof *phones);
	struct answers *a = answers_new();
	int problems = 0, have_stored = 0;
	char line[512];

	memset(s, 0, sizeof s);
	for (size_t i = 0; i < S_N; i++)
		if (stream_open(db, &s[i], sql[i]) != 0)
			goto fail;
	if (cases_scan_open(db, &scan) != 0 || (have_stored = cases_scan_next(scan, stored)) < 0)
		goto fail;
	while (s[S_WORKERS].rc == SQLITE_ROW) {
		long long id = sqlite3_column_int64(s[S_WORKERS].st, 0);
		const unsigned char *nm = sqlite3_column_text(s[S_WORKERS].st, 1);
		struct case_report r = { report, arg, id, nm ? (const char *)nm : "" };
		while (have_stored == 1 && stored->worker_id < id)
			if ((have_stored = cases_scan_next(scan, stored)) < 0)
				goto fail;
		if (recompute_worker(db, s, id, max_attempts, phones, a, again) != 0)
			goto fail;
		if (have_stored != 1 || stored->worker_id != id) {
			struct fault f;

			fault_set(&f, FAULT_CHECK_NO_CASE, id, 0, r.name, NULL);
			report(arg, fault_text(&f, line, sizeof line));
			problems++;
		} else {
			problems += casestate_diff_each(&stored->state, &again->state, report_field,
			    &r);
			problems += compare_row(stored, again, &r);
		}
		if (stream_step(db, &s[S_WORKERS]) != 0)
			goto fail;
	}
	goto out;
fail:
	problems = DB_ERROR;
out:
	cases_scan_close(scan);
	for (size_t i = 0; i < S_N; i++)
		sqlite3_finalize(s[i].st);
	answers_free(a);
	free(phones);
	free(stored);
	return problems;
}

/*
 * The foreign keys: PRAGMA foreign_key_check, once.  A row of the kinds a
 * reader can act on (a call, follow-up, assignment or case whose user or
 * worker is missing) is named as such with the value it refers to; any
 * other as SQLite names it (table, row, parent).
 */
static const struct {
	const char *table, *column, *sql;
	enum fault_code code;
} orphans[] = {
	{ "calls", "user_id", "SELECT user_id FROM calls WHERE id = ?1", FAULT_CHECK_CALL_USER },
	{ "calls", "worker_id", "SELECT worker_id FROM calls WHERE id = ?1",
	  FAULT_CHECK_CALL_WORKER },
	{ "followups", "worker_id", "SELECT worker_id FROM followups WHERE id = ?1",
	  FAULT_CHECK_FOLLOWUP_WORKER },
	{ "followups", "owner_id", "SELECT owner_id FROM followups WHERE id = ?1",
	  FAULT_CHECK_FOLLOWUP_USER },
	{ "assignments", "investigator_id", "SELECT investigator_id FROM assignments WHERE id = ?1",
	  FAULT_CHECK_ASSIGNMENT_USER },
	{ "cases", "worker_id", "SELECT investigator_id FROM cases WHERE worker_id = ?1",
	  FAULT_CHECK_CASE_INVESTIGATOR },
};

/* Row rowid of table breaks its foreign key fkid: the line naming it. */
static int
foreign_key_line(struct db *db, const char *table, long long rowid, const char *parent,
    long long fkid, char *line, size_t sz)
{
	static const char sql_col[] =
	    "SELECT \"from\" FROM pragma_foreign_key_list(?1) WHERE id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql_col);
	char column[64] = "";
	struct fault f;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, table, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, fkid);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		copy_text(st, 0, column, sizeof column);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, sql_col);
	for (size_t i = 0; i < sizeof orphans / sizeof orphans[0]; i++) {
		if (strcmp(orphans[i].table, table) != 0 || strcmp(orphans[i].column, column) != 0)
			continue;
		if ((st = db_stmt(db, orphans[i].sql)) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, rowid);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			fault_set(&f, orphans[i].code, rowid, sqlite3_column_int64(st, 0), NULL, NULL);
			fault_text(&f, line, sz);
		}
		sqlite3_reset(st);
		if (rc == SQLITE_ROW)
			return 0;
		if (rc != SQLITE_DONE)
			return db_fail(db, orphans[i].sql);
		break;
	}
	fault_set(&f, FAULT_CHECK_FOREIGN_KEY, rowid, 0, table, parent);
	fault_text(&f, line, sz);
	return 0;
}

int
check_foreign_keys(struct db *db, check_report_fn report, void *arg)
{
	static const char sql[] = "PRAGMA foreign_key_check";
	sqlite3_stmt *st;
	char line[2600];
	int problems = 0, rc;

	/* not db_stmt(): foreign_key_line() prepares others meanwhile */
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const char *parent = (const char *)sqlite3_column_text(st, 2);
		if (foreign_key_line(db, table ? table : "", sqlite3_column_int64(st, 1),
		    parent ? parent : "", sqlite3_column_int64(st, 3), line, sizeof line) != 0) {
			sqlite3_finalize(st);
			return DB_ERROR;
		}
		report(arg, line);
		problems++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return problems;
}

/*
 * The call queue's stored keys (queue_keys, queue_due: migration 10)
 * against the views that recompute them from the cases and follow-ups:
 * every row missing, wrong or left over, one line each, ordered by worker
 * then text.  Each table and its view are read once, both in the order of
 * all their columns, and merged (what the two EXCEPTs of each gave: the
 * rows of one that the other lacks).
 */
struct key_line {
	long long worker;
	char what[160];
};

struct key_lines {
	struct key_line *v;
	size_t n, cap;
};

static void
key_line_add(struct key_lines *l, long long worker, const char *what)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].worker = worker;
	snprintf(l->v[l->n].what, sizeof l->v[l->n].what, "%s", what);
	l->n++;
}

static int
key_line_cmp(const void *a, const void *b)
{
	const struct key_line *x = a, *y = b;

	if (x->worker != y->worker)
		return x->worker < y->worker ? -1 : 1;
	return strcmp(x->what, y->what);
}

enum { KEY_COLS_MAX = 6 };

/* The current row of s against row v (ncols integers, NULL first as in
 * ORDER BY); a stream at its end is after every row. */
static int
key_row_cmp(const struct stream *s, int ncols, const sqlite3_int64 *v, const int *null)
{
	if (s->rc != SQLITE_ROW)
		return 1;
	for (int i = 0; i < ncols; i++) {
		int n = sqlite3_column_type(s->st, i) == SQLITE_NULL;
		sqlite3_int64 x = sqlite3_column_int64(s->st, i);
		if (n != null[i])
			return n ? -1 : 1;
		if (!n && x != v[i])
			return x < v[i] ? -1 : 1;
	}
	return 0;
}

static void
key_row_get(const struct stream *s, int ncols, sqlite3_int64 *v, int *null)
{
	for (int i = 0; i < ncols; i++) {
		null[i] = sqlite3_column_type(s->st, i) == SQLITE_NULL;
		v[i] = sqlite3_column_int64(s->st, i);
	}
}

/* Step s past every row equal to v (the rows as a set, as EXCEPT has them). */
static int
key_skip(struct db *db, struct stream *s, int ncols, const sqlite3_int64 *v, const int *null)
{
	while (s->rc == SQLITE_ROW && key_row_cmp(s, ncols, v, null) == 0)
		if (stream_step(db, s) != 0)
			return DB_ERROR;
	return 0;
}

/* Merge table's rows (sql_stored) with its view's (sql_again), both
 * ordered by their ncols columns, the first the worker; each row of one
 * that the other lacks into *out as "TABLE c1,c2,... recomputed, not
 * stored" or "... stored, not recomputed". */
static int
key_merge(struct db *db, const char *table, int ncols, const char *sql_stored,
    const char *sql_again, struct key_lines *out)
{
	struct stream s[2];	/* 0 recomputed, 1 stored */
	sqlite3_int64 v[KEY_COLS_MAX];
	int null[KEY_COLS_MAX], rc = 0;

	memset(s, 0, sizeof s);
	if (stream_open(db, &s[0], sql_again) != 0 || stream_open(db, &s[1], sql_stored) != 0) {
		rc = DB_ERROR;
		goto out;
	}
	while (s[0].rc == SQLITE_ROW || s[1].rc == SQLITE_ROW) {
		int side;	/* the stream whose row the other lacks, or -1 */
		if (s[0].rc != SQLITE_ROW)
			side = 1;
		else {
			key_row_get(&s[0], ncols, v, null);
			int c = key_row_cmp(&s[1], ncols, v, null);
			side = c == 0 ? -1 : c > 0 ? 0 : 1;
		}
		if (side == 1)
			key_row_get(&s[1], ncols, v, null);
		if (side >= 0) {
			char what[160];
			int at = snprintf(what, sizeof what, "%s ", table);
			for (int i = 0; i < ncols && at < (int)sizeof what; i++)
				at += snprintf(what + at, sizeof what - (size_t)at, "%s%lld", i ? "," : "",
				    (long long)v[i]);
			if (at < (int)sizeof what)
				snprintf(what + at, sizeof what - (size_t)at, "%s",
				    side == 0 ? " recomputed, not stored" : " stored, not recomputed");
			key_line_add(out, (long long)v[0], what);
		}
		if ((side != 1 && key_skip(db, &s[0], ncols, v, null) != 0) ||
		    (side != 0 && key_skip(db, &s[1], ncols, v, null) != 0)) {
			rc = DB_ERROR;
			goto out;
		}
	}
out:
	sqlite3_finalize(s[0].st);
	sqlite3_finalize(s[1].st);
	return rc;
}

int
check_queue_keys(struct db *db, check_report_fn report, void *arg)
{
	/* shadow: a better follow-up of the same case and audience is due no later */
	static const char sql_shadow[] =
	    "SELECT worker_id, printf('queue_due %lld,%lld,%lld shadow %lld, recomputed %lld',\n"
	    "    worker_id, aud, fid, shadow, 1 - shadow)\n"
	    "  FROM queue_due d WHERE d.shadow IS NOT EXISTS(SELECT 1 FROM queue_due b\n"
	    "    WHERE b.worker_id = d.worker_id AND b.aud = d.aud AND b.due_at <= d.due_at\n"
	    "      AND (b.dc, b.due_at, b.kr, b.fid) < (d.dc, d.due_at, d.kr, d.fid))";
	static const char sql_name[] = "SELECT name FROM workers WHERE id = ?1";
	struct key_lines l = { NULL, 0, 0 };
	sqlite3_stmt *st = NULL;
	char line[512];
	int rc = 0;

	if (key_merge(db, "queue_keys", 5,
	    "SELECT worker_id, aud, cat, sdue, min_due FROM queue_keys ORDER BY 1, 2, 3, 4, 5",
	    "SELECT worker_id, aud, cat, sdue, min_due FROM queue_keys_v ORDER BY 1, 2, 3, 4, 5",
	    &l) != 0 ||
	    key_merge(db, "queue_due", 6,
	    "SELECT worker_id, aud, fid, dc, due_at, kr FROM queue_due ORDER BY 1, 2, 3, 4, 5, 6",
	    "SELECT worker_id, aud, fid, dc, due_at, kr FROM queue_due_v ORDER BY 1, 2, 3, 4, 5, 6",
	    &l) != 0 || (st = db_stmt(db, sql_shadow)) == NULL) {
		rc = DB_ERROR;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		key_line_add(&l, sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		rc = db_fail(db, sql_shadow);
		goto out;
	}
	rc = 0;
	if (l.n > 0)
		qsort(l.v, l.n, sizeof *l.v, key_line_cmp);
	for (size_t i = 0; i < l.n; i++) {
		char name[256] = "";
		struct fault f;
		int r;

		if ((st = db_stmt(db, sql_name)) == NULL) {
			rc = DB_ERROR;
			goto out;
		}
		sqlite3_bind_int64(st, 1, l.v[i].worker);
		if ((r = sqlite3_step(st)) == SQLITE_ROW)
			copy_text(st, 0, name, sizeof name);
		sqlite3_reset(st);
		if (r != SQLITE_ROW && r != SQLITE_DONE) {
			rc = db_fail(db, sql_name);
			goto out;
		}
		fault_set(&f, FAULT_CHECK_QUEUE_KEY, l.v[i].worker, 0, name, l.v[i].what);
		report(arg, fault_text(&f, line, sizeof line));
	}
	rc = (int)l.n;
out:
	free(l.v);
	return rc;
}

/* The ids of the active users (sorted) into *ids, and whether one of them
 * is a lead or an admin (who sees the pool 0) into *pool. */
static int
active_users(struct db *db, long long **ids, size_t *n, int *pool)
{
	static const char sql[] = "SELECT id, role IN ('lead','admin') FROM users WHERE active = 1 "
	    "ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql);
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	*pool = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*ids = xrealloc(*ids, cap * sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
		*pool |= sqlite3_column_int(st, 1) != 0;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Report the unqueued case of worker id (skipped when the worker does not
 * exist: check_foreign_keys() names those). */
static int
report_unqueued(struct db *db, long long id, check_report_fn report, void *arg)
{
	static const char sql[] =
	    "SELECT w.name, coalesce(u.login, ''), coalesce(u.active, 0) FROM cases c "
	    "JOIN workers w ON w.id = c.worker_id LEFT JOIN users u ON u.id = c.investigator_id "
	    "WHERE c.worker_id = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	char line[512];
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fault f;

		fault_set(&f, FAULT_CHECK_NO_QUEUE, id, !sqlite3_column_int(st, 2),
		    (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1));
		report(arg, fault_text(&f, line, sizeof line));
		sqlite3_reset(st);
		return 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return 0;
}

/*
 * A queue (queue_for()) shows every row of queue_keys of its audiences,
 * the user and, for a lead or an admin, the pool 0 (once, at its best
 * place; check_queue_keys() compares the rows with what they should be).
 * So a case is in somebody's queue when it has a row of an active user's,
 * or of the pool while an active lead or admin exists: one pass over the
 * cases merged with one over queue_keys, both in worker order.
 */
int
check_queues(struct db *db, check_report_fn report, void *arg)
{
	static const char sql_cases[] = "SELECT worker_id FROM cases ORDER BY worker_id";
	static const char sql_keys[] = "SELECT worker_id, aud FROM queue_keys ORDER BY worker_id, aud";
	struct stream cases, keys;
	long long *users = NULL;
	size_t nusers = 0;
	int pool = 0, problems = 0, r;

	memset(&cases, 0, sizeof cases);
	memset(&keys, 0, sizeof keys);
	if (active_users(db, &users, &nusers, &pool) != 0 ||
	    stream_open(db, &cases, sql_cases) != 0 || stream_open(db, &keys, sql_keys) != 0)
		goto fail;
	while (cases.rc == SQLITE_ROW) {
		long long id = sqlite3_column_int64(cases.st, 0);
		int yes, shown = 0;

		for (;;) {
			if (stream_at(db, &keys, id, &yes) != 0)
				goto fail;
			if (!yes)
				break;
			long long aud = sqlite3_column_int64(keys.st, 1);
			if (aud == 0 ? pool : bsearch(&aud, users, nusers, sizeof *users, id_cmp) != NULL)
				shown = 1;
			if (stream_step(db, &keys) != 0)
				goto fail;
		}
		if (!shown) {
			if ((r = report_unqueued(db, id, report, arg)) < 0)
				goto fail;
			problems += r;
		}
		if (stream_step(db, &cases) != 0)
			goto fail;
	}
	goto out;
fail:
	problems = DB_ERROR;
out:
	sqlite3_finalize(cases.st);
	sqlite3_finalize(keys.st);
	free(users);
	return problems;
}

int
check_settings(struct db *db, check_report_fn report, void *arg)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct settings probe;
	char err[256], line[512];
	int problems = 0, rc;

	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);
		settings_defaults(&probe);
		if (settings_apply(&probe, k, v, err, sizeof err) != 0) {
			struct fault f;

			fault_set(&f, FAULT_SETTING_INVALID, 0, 0, k, v);
			snprintf(f.u, sizeof f.u, "%s", err);
			report(arg, fault_text(&f, line, sizeof line));
			problems++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return problems;
}

/*
 * The side: SQLite's own checks (db_sqlite_check()), the foreign keys
 * and the queue keys against their views, those of them the caller asks
 * for, on a second connection to the same file in a thread of its own,
 * while the caller's connection runs the passes over the workers.  Each connection reads in a read transaction of its own (a
 * consistent picture each; WAL readers do not wait for one another).  The
 * side keeps its lines for check_side_finish(), which hands them on.
 */

struct check_side {
	struct db *db;
	pthread_t thread;
	int started, full;
	unsigned parts;			/* the CHECK_SIDE_* it runs */
	int rc[CHECK_SIDE_N];		/* problems, or DB_ERROR */
	struct check_lines lines[CHECK_SIDE_N];
	char err[1024];
};

void
check_lines_keep(void *arg, const char *line)
{
	struct check_lines *l = arg;

	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = xstrdup(line);
}

void
check_lines_free(struct check_lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
check_lines_report(struct check_lines *l, check_report_fn report, void *arg)
{
	for (size_t i = 0; i < l->n; i++)
		report(arg, l->v[i]);
	check_lines_free(l);
}

static int
side_part(struct check_side *c, int i, check_report_fn report, void *arg)
{
	switch (1u << i) {
	case CHECK_SIDE_SQLITE:
		return db_sqlite_check(c->db, c->full, report, arg);
	case CHECK_SIDE_FOREIGN_KEYS:
		return check_foreign_keys(c->db, report, arg);
	default:
		return check_queue_keys(c->db, report, arg);
	}
}

/* The side's parts in their order, up to the first that fails. */
static void *
side_run(void *arg)
{
	struct check_side *c = arg;

	for (int i = 0; i < CHECK_SIDE_N; i++) {
		if (!(c->parts & (1u << i)))
			continue;
		if ((c->rc[i] = side_part(c, i, check_lines_keep, &c->lines[i])) < 0) {
			snprintf(c->err, sizeof c->err, "%s", db_error(c->db));
			break;
		}
	}
	db_rollback(c->db);
	return NULL;
}

int
check_side_start(struct db *db, int full, unsigned parts, struct check_side **out)
{
	struct check_side *c = xcalloc(1, sizeof *c);
	char err[1024];

	*out = c;
	c->full = full;
	c->parts = parts;
	for (int i = 0; i < CHECK_SIDE_N; i++)
		c->rc[i] = DB_ERROR;
	if (db_open(db_path(db), DB_OPEN_READONLY, &c->db, err, sizeof err) != 0) {
		snprintf(c->err, sizeof c->err, "%s", err);
		return db_failf(db, "%s", err), DB_ERROR;
	}
	if (check_tune(c->db) != 0 || db_begin_read(c->db) != 0) {
		snprintf(c->err, sizeof c->err, "%s", db_error(c->db));
		return db_failf(db, "%s", c->err), DB_ERROR;
	}
	if (pthread_create(&c->thread, NULL, side_run, c) != 0) {
		/* no thread: the side's checks run here, before the others */
		side_run(c);
		return 0;
	}
	c->started = 1;
	return 0;
}

int
check_side_finish(struct db *db, struct check_side *c, unsigned part, check_report_fn report,
    void *arg)
{
	int i = 0, rc;

	if (c->started) {
		pthread_join(c->thread, NULL);
		c->started = 0;
	}
	while (i < CHECK_SIDE_N - 1 && part != (1u << i))
		i++;
	rc = c->parts & part ? c->rc[i] : DB_ERROR;
	check_lines_report(&c->lines[i], report, arg);
	if (rc < 0)
		db_failf(db, "%s", c->err[0] ? c->err : "check: no such part of the side");
	return rc;
}

void
check_side_free(struct check_side *c)
{
	if (c == NULL)
		return;
	if (c->started)
		pthread_join(c->thread, NULL);
	if (c->db != NULL)
		db_close(c->db);
	for (int i = 0; i < CHECK_SIDE_N; i++)
		check_lines_free(&c->lines[i]);
	free(c);
}

/*
 * The lead's counts (the migrations of case_tally, call_day_tally,
 * case_inv_tally, fu_tally and calls_per_day): each key's stored n beside
 * the n counted again, where they differ, ordered by the key's text.  The
 * two large ones are counted here in one pass each, into a hash table by
 * key (case_tally over case_tally_v; call_day_tally over the calls in
 * worker order, each worker's days once, merged with the workers), instead
 * of SQLite's GROUP BY sorting a row per case and per call; the others are
 * one statement.
 */
struct tally_ent {
	unsigned char *key;	/* NULL: a free slot */
	size_t klen;
	long long s, r;		/* stored, recounted */
	sqlite3_value **cols;	/* the key's values, for the line */
};

struct tally {
	struct tally_ent *v;
	size_t cap, n;
	int ncols;
	unsigned char *buf;	/* the key being built */
	size_t blen, bcap;
};

static void
tally_buf(struct tally *t, const void *p, size_t n)
{
	if (t->blen + n > t->bcap) {
		t->bcap = 2 * (t->blen + n) + 64;
		t->buf = xrealloc(t->buf, t->bcap);
	}
	memcpy(t->buf + t->blen, p, n);
	t->blen += n;
}

/* Append value v (its type, then its bytes) to the key being built. */
static void
tally_key_value(struct tally *t, sqlite3_value *v)
{
	unsigned char type = (unsigned char)sqlite3_value_type(v);

	tally_buf(t, &type, 1);
	if (type == SQLITE_INTEGER) {
		sqlite3_int64 x = sqlite3_value_int64(v);
		tally_buf(t, &x, sizeof x);
	} else if (type != SQLITE_NULL) {
		const unsigned char *b = type == SQLITE_BLOB ? sqlite3_value_blob(v)
		    : sqlite3_value_text(v);
		size_t n = (size_t)sqlite3_value_bytes(v);
		tally_buf(t, &n, sizeof n);
		if (n > 0)
			tally_buf(t, b, n);
	}
}

static size_t
tally_hash(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ULL;
	return (size_t)h;
}

/* The entry of the key of values v[0..ncols-1], made if new. */
static struct tally_ent *
tally_find(struct tally *t, sqlite3_value *const *v)
{
	size_t i;

	t->blen = 0;
	for (int c = 0; c < t->ncols; c++)
		tally_key_value(t, v[c]);
	if (2 * (t->n + 1) > t->cap) {
		struct tally_ent *old = t->v;
		size_t oldcap = t->cap;
		t->cap = t->cap ? 2 * t->cap : 1024;
		t->v = xcalloc(t->cap, sizeof *t->v);
		for (size_t j = 0; j < oldcap; j++) {
			if (old[j].key == NULL)
				continue;
			for (i = tally_hash(old[j].key, old[j].klen) & (t->cap - 1); t->v[i].key != NULL;
			    i = (i + 1) & (t->cap - 1))
				;
			t->v[i] = old[j];
		}
		free(old);
	}
	for (i = tally_hash(t->buf, t->blen) & (t->cap - 1); t->v[i].key != NULL;
	    i = (i + 1) & (t->cap - 1))
		if (t->v[i].klen == t->blen && memcmp(t->v[i].key, t->buf, t->blen) == 0)
			return &t->v[i];
	t->v[i].key = xmalloc(t->blen ? t->blen : 1);
	memcpy(t->v[i].key, t->buf, t->blen);
	t->v[i].klen = t->blen;
	t->v[i].cols = xcalloc((size_t)t->ncols, sizeof *t->v[i].cols);
	for (int c = 0; c < t->ncols; c++)
		t->v[i].cols[c] = sqlite3_value_dup(v[c]);
	t->n++;
	return &t->v[i];
}

enum { TALLY_COLS_MAX = 11 };

/* The entry of the key of st's columns from..from+ncols-1, made if new. */
static struct tally_ent *
tally_at(struct tally *t, sqlite3_stmt *st, int from)
{
	sqlite3_value *v[TALLY_COLS_MAX];

	for (int c = 0; c < t->ncols && c < TALLY_COLS_MAX; c++)
		v[c] = sqlite3_column_value(st, from + c);
	return tally_find(t, v);
}

static void
tally_free(struct tally *t)
{
	for (size_t i = 0; i < t->cap; i++) {
		if (t->v[i].key == NULL)
			continue;
		free(t->v[i].key);
		for (int c = 0; c < t->ncols; c++)
			sqlite3_value_free(t->v[i].cols[c]);
		free(t->v[i].cols);
	}
	free(t->v);
	free(t->buf);
}

struct tally_line {
	char *what;
	long long s, r;
};

struct tally_lines {
	struct tally_line *v;
	size_t n, cap;
};

static void
tally_line_add(struct tally_lines *l, const char *what, long long s, long long r)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 16;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].what = xstrdup(what ? what : "");
	l->v[l->n].s = s;
	l->v[l->n].r = r;
	l->n++;
}

static int
tally_line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tally_line *)a)->what, ((const struct tally_line *)b)->what);
}

/* Add each row's n (column ncols of sql's rows, keyed by the columns
 * before it) to the stored counts of t. */
static int
tally_stored(struct db *db, struct tally *t, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		tally_at(t, st, 0)->s += sqlite3_column_int64(st, t->ncols);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

/* Every key of t whose counts differ into *out, its text made by
 * label_sql from the key's values (?1, ?2, ...). */
static int
tally_differences(struct db *db, struct tally *t, const char *label_sql, struct tally_lines *out)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	if (sqlite3_prepare_v2(db->conn, label_sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, label_sql);
	for (size_t i = 0; i < t->cap && rc == SQLITE_DONE; i++) {
		struct tally_ent *e = &t->v[i];
		if (e->key == NULL || e->s == e->r)
			continue;
		for (int c = 0; c < t->ncols; c++)
			sqlite3_bind_value(st, c + 1, e->cols[c]);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			tally_line_add(out, (const char *)sqlite3_column_text(st, 0), e->s, e->r);
			rc = SQLITE_DONE;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, label_sql);
}

static int
tally_cases(struct db *db, struct tally_lines *out)
{
	static const char sql[] =
	    "SELECT township, village, grp, contact, whereabouts, place, work_plan, sym, urged,\n"
	    "  iso_start, iso_end FROM case_tally_v";
	struct tally t = { NULL, 0, 0, 11, NULL, 0, 0 };
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return tally_free(&t), db_fail(db, sql);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		tally_at(&t, st, 0)->r++;
	sqlite3_finalize(st);
	rc = rc != SQLITE_DONE ? db_fail(db, sql)
	    : tally_stored(db, &t, "SELECT township, village, grp, contact, whereabouts, place, "
	    "work_plan, sym, urged, iso_start, iso_end, n FROM case_tally") != 0 ? DB_ERROR
	    : tally_differences(db, &t, "SELECT printf('case_tally %s/%s/%s/%s/%s/%s/%s/%d/%d/%s/%s', "
	    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", out);
	tally_free(&t);
	return rc;
}

/* The workers called on each day, by day, township and village: the calls
 * in worker order (each worker's days in order, so each once), merged with
 * the workers (calls of missing workers count nowhere). */
static int
tally_call_days(struct db *db, struct tally_lines *out)
{
	static const char sql_calls[] =
	    "SELECT worker_id, (at + 28800) / 86400 FROM calls ORDER BY worker_id, at";
	static const char sql_workers[] = "SELECT id, township, village FROM workers ORDER BY id";
	struct tally t = { NULL, 0, 0, 3, NULL, 0, 0 };
	struct stream calls, workers;
	long long last_worker = 0, last_day = 0;
	int have_last = 0, rc = 0, yes;

	memset(&calls, 0, sizeof calls);
	memset(&workers, 0, sizeof workers);
	if (stream_open(db, &calls, sql_calls) != 0 || stream_open(db, &workers, sql_workers) != 0)
		goto fail;
	for (; calls.rc == SQLITE_ROW; ) {
		long long w = sqlite3_column_int64(calls.st, 0), day = sqlite3_column_int64(calls.st, 1);
		if (!have_last || w != last_worker || day != last_day) {
			if (stream_at(db, &workers, w, &yes) != 0)
				goto fail;
			if (yes) {
				/* the key: day, then the worker's township and village */
				sqlite3_value *v[3] = { sqlite3_column_value(calls.st, 1),
				    sqlite3_column_value(workers.st, 1), sqlite3_column_value(workers.st, 2) };
				tally_find(&t, v)->r++;
			}
			have_last = 1;
			last_worker = w;
			last_day = day;
		}
		if (stream_step(db, &calls) != 0)
			goto fail;
	}
	if (tally_stored(db, &t, "SELECT day, township, village, n FROM call_day_tally") != 0 ||
	    tally_differences(db, &t, "SELECT printf('call_day_tally %s/%s/%s', "
	    "date(?1 * 86400, 'unixepoch'), ?2, ?3)", out) != 0)
		goto fail;
	goto done;
fail:
	rc = DB_ERROR;
done:
	sqlite3_finalize(calls.st);
	sqlite3_finalize(workers.st);
	tally_free(&t);
	return rc;
}

int
check_tallies(struct db *db, check_report_fn report, void *arg)
{
	/* the small counts, by SQL as they were made */
	static const char sql[] =
	    "SELECT printf('case_inv_tally %d/%s', uid, contact), sum(s), sum(r)\n"
	    "FROM (SELECT uid, contact, n AS s, 0 AS r FROM case_inv_tally\n"
	    "  UNION ALL SELECT coalesce(investigator_id, 0), contact, 0, count(*) FROM cases\n"
	    "  GROUP BY 1, 2) GROUP BY uid, contact HAVING sum(s) <> sum(r)\n"
	    "UNION ALL SELECT printf('fu_tally %d/%s', uid, datetime(slot * 600, 'unixepoch',\n"
	    "  '+8 hours')), sum(s), sum(r)\n"
	    "FROM (SELECT uid, slot, n AS s, 0 AS r FROM fu_tally\n"
	    "  UNION ALL SELECT uid, slot, 0, count(*) FROM fu_tally_v GROUP BY 1, 2)\n"
	    "GROUP BY uid, slot HAVING sum(s) <> sum(r)\n"
	    "UNION ALL SELECT printf('calls_per_day %s', date(day * 86400, 'unixepoch')), sum(s), sum(r)\n"
	    "FROM (SELECT day, n AS s, 0 AS r FROM calls_per_day\n"
	    "  UNION ALL SELECT (at + 28800) / 86400, 0, count(*) FROM calls GROUP BY 1)\n"
	    "GROUP BY day HAVING sum(s) <> sum(r)\n"
	    "UNION ALL SELECT printf('esc_keys %d/%s/%d', kind, datetime(since, 'unixepoch', '+8 hours'),\n"
	    "  worker_id), sum(s), sum(r)\n"
	    "FROM (SELECT kind, since, worker_id, 1 AS s, 0 AS r FROM esc_keys\n"
	    "  UNION ALL SELECT kind, since, worker_id, 0, 1 FROM esc_keys_v)\n"
	    "GROUP BY kind, since, worker_id HAVING sum(s) <> sum(r)";
	struct tally_lines l = { NULL, 0, 0 };
	sqlite3_stmt *st = NULL;
	char line[1024];
	int rc, problems = DB_ERROR;

	if (tally_cases(db, &l) != 0 || tally_call_days(db, &l) != 0 ||
	    (st = db_stmt(db, sql)) == NULL)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		tally_line_add(&l, (const char *)sqlite3_column_text(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2));
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, sql);
		goto out;
	}
	if (l.n > 0)
		qsort(l.v, l.n, sizeof *l.v, tally_line_cmp);
	for (size_t i = 0; i < l.n; i++) {
		struct fault f;

		fault_set(&f, FAULT_CHECK_TALLY, l.v[i].s, l.v[i].r, l.v[i].what, "");
		report(arg, fault_text(&f, line, sizeof line));
	}
	problems = (int)l.n;
out:
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].what);
	free(l.v);
	return problems;
}
