/*
 * queue_bench.c -- the call queue in-process (benchmark, not a test): the
 * first screen, the next page and a page in the middle of the queue of one
 * user, each through queue_page() (db/queue.c), against the floor: the
 * same rows with the columns the screen shows by primary key, one
 * statement through the sqlite3 C API on its own connection.  Each figure
 * is the median of RUNS runs, in microseconds.
 *
 *   queue_bench DB LOGIN "YYYY-MM-DD HH:MM" [RUNS] [ROWS]
 *
 * prints one line per figure: NAME PAICHA_US FLOOR_US ROWS QUEUE_LENGTH
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/dbi.h"
#include "db/queue.h"
#include "forms/clock.h"
#include "tests/bench/bench_time.h"

/* The floor: the same rows with the columns the screen shows (worker,
 * case, first phone, the earliest open follow-up, the medical and
 * escalation flags, who claimed it) by primary key, one statement. */
static double
floor_us(sqlite3 *conn, const struct queue_row *rows, size_t n, int runs)
{
	char sql[4096], *p = sql;
	sqlite3_stmt *st;
	double *t = calloc((size_t)runs, sizeof *t);
	double m;

	p += snprintf(p, sizeof sql,
	    "SELECT w.id, w.name, w.village, c.contact, c.calls, c.failed, c.last_call_at,"
	    " c.last_outcome, c.symptomatic, c.isolation_start, c.isolation_end, c.work_plan,"
	    " c.investigator_id, c.claimed_by, c.claim_expires, u.name,"
	    " (SELECT p.display FROM phones p WHERE p.worker_id = w.id"
	    " AND p.removed_at IS NULL ORDER BY p.rank LIMIT 1),"
	    " (SELECT f.kind || f.due_at || coalesce(f.call_id, '') FROM followups f"
	    " WHERE f.worker_id = w.id AND f.done_at IS NULL ORDER BY f.due_at LIMIT 1),"
	    " EXISTS(SELECT 1 FROM followups m WHERE m.worker_id = w.id AND m.done_at IS NULL"
	    " AND m.kind = 'medical'),"
	    " EXISTS(SELECT 1 FROM followups e WHERE e.worker_id = w.id AND e.done_at IS NULL"
	    " AND e.kind = 'escalation')"
	    " FROM workers w JOIN cases c ON c.worker_id = w.id"
	    " LEFT JOIN users u ON u.id = c.claimed_by WHERE w.id IN (");
	for (size_t i = 0; i < n; i++)
		p += snprintf(p, sizeof sql - (size_t)(p - sql), "%s%lld", i ? "," : "", rows[i].worker_id);
	snprintf(p, sizeof sql - (size_t)(p - sql), ")");
	if (sqlite3_prepare_v2(conn, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "queue_bench: %s\n", sqlite3_errmsg(conn));
		exit(2);
	}
	for (int r = 0; r < runs; r++) {
		double s = now_us();

		sqlite3_exec(conn, "BEGIN", NULL, NULL, NULL);
		while (sqlite3_step(st) == SQLITE_ROW)
			;
		sqlite3_reset(st);
		sqlite3_exec(conn, "COMMIT", NULL, NULL, NULL);
		t[r] = now_us() - s;
	}
	sqlite3_finalize(st);
	m = median(t, runs);
	free(t);
	return m;
}

/* queue_page after `after`, RUNS times; *out gets the last run's rows. */
static double
page_us(struct db *db, long long user, time_t now, const struct queue_key *after,
    size_t limit, int runs, struct queue_row **out, size_t *n)
{
	double *t = calloc((size_t)runs, sizeof *t);
	double m;

	*out = NULL;
	for (int r = 0; r < runs; r++) {
		double s;

		free(*out);
		s = now_us();
		db_begin_read(db);
		if (queue_page(db, user, now, after, limit, out, n) != 0) {
			fprintf(stderr, "queue_bench: %s\n", db_error(db));
			exit(2);
		}
		db_rollback(db);
		t[r] = now_us() - s;
	}
	m = median(t, runs);
	free(t);
	return m;
}

int
main(int argc, char **argv)
{
	struct db *db;
	sqlite3 *conn;
	sqlite3_stmt *st;
	struct queue_row *rows, *all;
	size_t n, nall;
	struct queue_key mid;
	long long user = 0;
	char err[512];
	time_t now;
	int runs = argc > 4 ? atoi(argv[4]) : 101;
	size_t limit = argc > 5 ? (size_t)atoi(argv[5]) : 22;
	double t;

	if (argc < 4 || runs < 1 || limit < 1) {
		fprintf(stderr, "usage: queue_bench DB LOGIN TIME [RUNS] [ROWS]\n");
		return 2;
	}
	now = clock_parse(argv[3]);
	if (db_open(argv[1], DB_OPEN_READONLY, &db, err, sizeof err) != 0
	    || sqlite3_open_v2(argv[1], &conn, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "queue_bench: %s\n", err);
		return 2;
	}
	/* the screen's page cache (tui/app.c), and the same for the floor:
	 * the same rows with the same memory */
	db_screen_tune(db);
	sqlite3_exec(conn, "PRAGMA cache_size = -512", NULL, NULL, NULL);
	st = db_stmt(db, "SELECT id FROM users WHERE login = ?1");
	sqlite3_bind_text(st, 1, argv[2], -1, SQLITE_TRANSIENT);
	if (db_step_int64(db, st, &user) != 0 || user == 0) {
		fprintf(stderr, "queue_bench: no user %s\n", argv[2]);
		return 2;
	}
	/* the whole queue once: its length and the key in its middle */
	if (queue_page(db, user, now, NULL, 0, &all, &nall) != 0 || nall < 2 * limit + 1) {
		fprintf(stderr, "queue_bench: a queue of %zu rows is too short\n", nall);
		return 2;
	}
	mid = all[nall / 2].key;

	t = page_us(db, user, now, NULL, limit, runs, &rows, &n);
	printf("first-screen %.1f %.1f %zu %zu\n", t, floor_us(conn, rows, n, runs), n, nall);
	free(rows);
	t = page_us(db, user, now, &all[limit - 1].key, limit, runs, &rows, &n);
	printf("page-down %.1f %.1f %zu %zu\n", t, floor_us(conn, rows, n, runs), n, nall);
	free(rows);
	t = page_us(db, user, now, &mid, limit, runs, &rows, &n);
	printf("page-down-middle %.1f %.1f %zu %zu\n", t, floor_us(conn, rows, n, runs), n, nall);
	free(rows);
	free(all);
	sqlite3_close(conn);
	db_close(db);
	return 0;
}
