/* check.c -- recomputing and cross-checking the stored data; see check.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/check.h"
#include "db/dbi.h"
#include "db/queue.h"
#include "db/settings.h"
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

int
check_cases(struct db *db, int max_attempts, check_report_fn report, void *arg)
{
	static const char sql[] =
	    "SELECT w.id, w.name, c.worker_id IS NOT NULL FROM workers w "
	    "LEFT JOIN cases c ON c.worker_id = w.id ORDER BY w.id";
	sqlite3_stmt *st = db_stmt(db, sql);
	struct { long long id; char *name; int has_case; } *v = NULL;
	size_t len = 0, cap = 0;
	int rc, problems = 0;
	char line[512];

	if (st == NULL)
		return DB_ERROR;
	/* Read the list first: no statement stays open across the work. */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 256;
			v = xrealloc(v, cap * sizeof *v);
		}
		v[len].id = sqlite3_column_int64(st, 0);
		v[len].name = db_column_strdup(st, 1);
		v[len].has_case = sqlite3_column_int(st, 2);
		len++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		problems = db_fail(db, sql);
		goto out;
	}
	for (size_t i = 0; i < len; i++) {
		struct case_row stored, again;
		struct case_report r = { report, arg, v[i].id, v[i].name };
		if (!v[i].has_case) {
			struct fault f;

			fault_set(&f, FAULT_CHECK_NO_CASE, v[i].id, 0, v[i].name, NULL);
			report(arg, fault_text(&f, line, sizeof line));
			problems++;
			continue;
		}
		if (cases_get(db, v[i].id, &stored) != 0 ||
		    cases_recompute(db, v[i].id, max_attempts, &again) != 0) {
			problems = DB_ERROR;
			goto out;
		}
		problems += casestate_diff_each(&stored.state, &again.state, report_field, &r);
		problems += compare_row(&stored, &again, &r);
	}
out:
	for (size_t i = 0; i < len; i++)
		free(v[i].name);
	free(v);
	return problems;
}

/* The fault of orphan probe number i, in its order in the probes. */
static const enum fault_code orphan_fault[] = {
	FAULT_CHECK_CALL_USER, FAULT_CHECK_CALL_WORKER, FAULT_CHECK_FOLLOWUP_WORKER,
	FAULT_CHECK_FOLLOWUP_USER, FAULT_CHECK_ASSIGNMENT_USER, FAULT_CHECK_CASE_INVESTIGATOR,
};

/* The message for a row of orphan probe number i. */
static void
orphan_line(size_t i, long long a, long long b, char *line, size_t sz)
{
	struct fault f;
	size_t n = sizeof orphan_fault / sizeof orphan_fault[0];

	fault_set(&f, orphan_fault[i < n ? i : n - 1], a, b, NULL, NULL);
	fault_text(&f, line, sz);
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
check_queues(struct db *db, time_t now, check_report_fn report, void *arg)
{
	static const char sql_users[] = "SELECT id FROM users WHERE active = 1 ORDER BY id";
	static const char sql_cases[] =
	    "SELECT c.worker_id, w.name, coalesce(u.login, ''), coalesce(u.active, 0) "
	    "FROM cases c JOIN workers w ON w.id = c.worker_id "
	    "LEFT JOIN users u ON u.id = c.investigator_id ORDER BY c.worker_id";
	sqlite3_stmt *st = db_stmt(db, sql_users);
	long long *users = NULL, max_worker = 0;
	size_t nusers = 0, cap = 0;
	unsigned char *shown = NULL;
	int rc, problems = 0;
	char line[512];

	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nusers == cap) {
			cap = cap ? cap * 2 : 16;
			users = xrealloc(users, cap * sizeof *users);
		}
		users[nusers++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(users);
		return db_fail(db, sql_users);
	}
	if (db_step_int64(db, db_stmt(db, "SELECT coalesce(max(worker_id), 0) FROM cases"),
	    &max_worker) != 0) {
		free(users);
		return DB_ERROR;
	}
	shown = xcalloc((size_t)max_worker + 1, 1);
	/* every active user's whole queue, as the screen and `paicha queue` see it */
	for (size_t i = 0; i < nusers; i++) {
		struct queue_row *rows;
		size_t n;
		if (queue_for(db, users[i], now, 0, &rows, &n) != 0) {
			problems = DB_ERROR;
			goto out;
		}
		for (size_t j = 0; j < n; j++)
			if (rows[j].worker_id >= 0 && rows[j].worker_id <= max_worker)
				shown[rows[j].worker_id] = 1;
		free(rows);
	}
	if ((st = db_stmt(db, sql_cases)) == NULL) {
		problems = DB_ERROR;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *login = (const char *)sqlite3_column_text(st, 2);
		if (id < 0 || id > max_worker || shown[id])
			continue;
		struct fault f;

		fault_set(&f, FAULT_CHECK_NO_QUEUE, id, !sqlite3_column_int(st, 3),
		    (const char *)sqlite3_column_text(st, 1), login);
		fault_text(&f, line, sizeof line);
		report(arg, line);
		problems++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		problems = db_fail(db, sql_cases);
out:
	free(users);
	free(shown);
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
