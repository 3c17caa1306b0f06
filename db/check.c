/* check.c -- recomputing and cross-checking the stored data; see check.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/check.h"
#include "db/dbi.h"
#include "db/settings.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "forms/i18n.h"
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

	(void)field;
	snprintf(line, sizeof line, _("worker %lld (%s): the stored case differs from its "
	    "records (stored vs recomputed): %s"), r->worker_id, r->name, text);
	r->report(r->arg, line);
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

int
check_tune(struct db *db)
{
	if (db_exec(db, "PRAGMA mmap_size = 2147418112") != 0)	/* SQLite's ceiling */
		return DB_ERROR;
	return db_exec(db, "PRAGMA cache_size = -65536");	/* 64 MiB, as used */
}

/*
 * check_cases() is one pass: the workers in order of their number, merged
 * with four more passes in the same order -- the stored cases, the calls
 * with their answers (folded through casestate_apply() as
 * cases_recompute() folds them), the assignments (the latest wins) and the
 * open follow-ups (the earliest wins).  A few statements in all, whatever
 * the size of the township; rows of workers that do not exist are skipped
 * here (check_orphans() reports them).
 */
struct stream {
	sqlite3_stmt *st;
	const char *sql;
	int rc;			/* SQLITE_ROW while a row is current */
};

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

/* Fold worker id's calls (the current rows of the calls stream) into st. */
static int
fold_worker_calls(struct db *db, struct stream *calls, long long id, int max_attempts,
    struct answers *a, struct case_state *st)
{
	struct case_call call = { 0, 0, OUTCOME_NONE, a };
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
		}
		if (sqlite3_column_type(calls->st, 4) != SQLITE_NULL &&
		    answers_set(a, (const char *)sqlite3_column_text(calls->st, 4),
		    (const char *)sqlite3_column_text(calls->st, 5)) != 0)
			abort();
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
    struct answers *a, struct case_row *out)
{
	int yes;

	memset(out, 0, sizeof *out);
	out->worker_id = id;
	if (fold_worker_calls(db, &s[0], id, max_attempts, a, &out->state) != 0)
		return DB_ERROR;
	for (;;) {
		if (stream_at(db, &s[1], id, &yes) != 0)
			return DB_ERROR;
		if (!yes)
			break;
		out->investigator_id = sqlite3_column_int64(s[1].st, 1);
		if (stream_step(db, &s[1]) != 0)
			return DB_ERROR;
	}
	if (stream_at(db, &s[2], id, &yes) != 0)
		return DB_ERROR;
	if (yes) {
		const unsigned char *k = sqlite3_column_text(s[2].st, 2);
		out->next_due_at = (time_t)sqlite3_column_int64(s[2].st, 1);
		snprintf(out->next_kind, sizeof out->next_kind, "%s", k ? (const char *)k : "");
		while (yes) {
			if (stream_step(db, &s[2]) != 0 || stream_at(db, &s[2], id, &yes) != 0)
				return DB_ERROR;
		}
	}
	return 0;
}

int
check_cases(struct db *db, int max_attempts, check_report_fn report, void *arg)
{
	static const char *const sql[] = {
		"SELECT c.worker_id, c.id, c.at, c.outcome, a.key, a.value FROM calls c "
		"LEFT JOIN call_answers a ON a.call_id = c.id ORDER BY c.worker_id, c.at, c.id",
		"SELECT worker_id, coalesce(investigator_id, 0) FROM assignments "
		"ORDER BY worker_id, at, id",
		"SELECT worker_id, due_at, kind FROM followups WHERE done_at IS NULL "
		"ORDER BY worker_id, due_at, id",
		"SELECT id, name FROM workers ORDER BY id",
	};
	struct stream s[4];
	struct cases_scan *scan = NULL;
	struct case_row *stored = xcalloc(2, sizeof *stored), *again = stored + 1;
	struct answers *a = answers_new();
	int problems = 0, have_stored = 0;
	char line[512];

	if (a == NULL)
		abort();
	memset(s, 0, sizeof s);
	for (size_t i = 0; i < 4; i++)
		if (stream_open(db, &s[i], sql[i]) != 0)
			goto fail;
	if (cases_scan_open(db, &scan) != 0 || (have_stored = cases_scan_next(scan, stored)) < 0)
		goto fail;
	for (; s[3].rc == SQLITE_ROW; ) {
		long long id = sqlite3_column_int64(s[3].st, 0);
		const unsigned char *nm = sqlite3_column_text(s[3].st, 1);
		struct case_report r = { report, arg, id, nm ? (const char *)nm : "" };
		while (have_stored == 1 && stored->worker_id < id)
			if ((have_stored = cases_scan_next(scan, stored)) < 0)
				goto fail;
		if (recompute_worker(db, s, id, max_attempts, a, again) != 0)
			goto fail;
		if (have_stored != 1 || stored->worker_id != id) {
			snprintf(line, sizeof line, _("worker %lld (%s) has no case row"), id, r.name);
			report(arg, line);
			problems++;
		} else {
			problems += casestate_diff_each(&stored->state, &again->state, report_field,
			    &r);
			problems += compare_row(stored, again, &r);
		}
		if (stream_step(db, &s[3]) != 0)
			goto fail;
	}
	goto out;
fail:
	problems = DB_ERROR;
out:
	cases_scan_close(scan);
	for (size_t i = 0; i < 4; i++)
		sqlite3_finalize(s[i].st);
	answers_free(a);
	free(stored);
	return problems;
}

/* The message for a row of orphan probe number i. */
static void
orphan_line(size_t i, long long a, long long b, char *line, size_t sz)
{
	switch (i) {
	case 0:
		snprintf(line, sz, _("call %lld was made by user %lld, who does not exist"), a, b);
		break;
	case 1:
		snprintf(line, sz, _("call %lld is to worker %lld, who does not exist"), a, b);
		break;
	case 2:
		snprintf(line, sz, _("follow-up %lld is for worker %lld, who does not exist"), a, b);
		break;
	case 3:
		snprintf(line, sz, _("follow-up %lld belongs to user %lld, who does not exist"), a, b);
		break;
	case 4:
		snprintf(line, sz, _("assignment %lld is to user %lld, who does not exist"), a, b);
		break;
	default:
		snprintf(line, sz, _("there is a case for worker %lld (investigator %lld), who "
		    "does not exist"), a, b);
		break;
	}
}

int
check_orphans(struct db *db, check_report_fn report, void *arg)
{
	static const struct {
		const char *sql;
	} probes[] = {
		{ "SELECT c.id, c.user_id FROM calls c LEFT JOIN users u ON u.id = c.user_id "
		  "WHERE u.id IS NULL ORDER BY c.id" },
		{ "SELECT c.id, c.worker_id FROM calls c LEFT JOIN workers w ON w.id = c.worker_id "
		  "WHERE w.id IS NULL ORDER BY c.id" },
		{ "SELECT f.id, f.worker_id FROM followups f LEFT JOIN workers w "
		  "ON w.id = f.worker_id WHERE w.id IS NULL ORDER BY f.id" },
		{ "SELECT f.id, f.owner_id FROM followups f LEFT JOIN users u ON u.id = f.owner_id "
		  "WHERE f.owner_id IS NOT NULL AND u.id IS NULL ORDER BY f.id" },
		{ "SELECT a.id, a.investigator_id FROM assignments a LEFT JOIN users u "
		  "ON u.id = a.investigator_id WHERE a.investigator_id IS NOT NULL AND u.id IS NULL "
		  "ORDER BY a.id" },
		{ "SELECT c.worker_id, c.investigator_id FROM cases c LEFT JOIN workers w "
		  "ON w.id = c.worker_id WHERE w.id IS NULL ORDER BY c.worker_id" },
	};
	char line[512];
	int problems = 0, rc;

	for (size_t i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		sqlite3_stmt *st = db_stmt(db, probes[i].sql);
		if (st == NULL)
			return DB_ERROR;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			orphan_line(i, sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
			    line, sizeof line);
			report(arg, line);
			problems++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return db_fail(db, probes[i].sql);
	}
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
			snprintf(line, sizeof line, _("setting %s = '%s' is not valid: %s"), k, v, err);
			report(arg, line);
			problems++;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql);
	return problems;
}
