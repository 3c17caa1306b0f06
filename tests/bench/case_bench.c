/*
 * case_bench.c -- opening a case and saving a call in-process (benchmark,
 * not a test), against floors measured in the same run:
 *
 *   open-read   what tui/case_view.c's case_view_load() reads through db/
 *               (roles_check_case, workers_get, workers_phones, cases_get,
 *               followups_open -- escalations among them --, calls_list with
 *               the answers, calls_numbers); floor: the same rows by key
 *               (the worker, its phones, its case, its calls, their
 *               answers, its open follow-ups), plain SELECTs through the
 *               sqlite3 C API on a connection of its own, in one read
 *               transaction.
 *   open        the whole case_view_enter(): claims_take_seen (the claim
 *               and the audit of the phones seen, one commit), the reads
 *               above, drafts_load; floor: the reads of the
 *               floor above plus the claim's UPDATE of the case row and an
 *               audit row's INSERT, bare (no triggers), in one write
 *               transaction.
 *   save        calls_record() (db/calls.c) with a typical form (reached,
 *               returned home on a date, a temperature), in its own
 *               transaction, on a claimed case; floor: a bare INSERT of the
 *               same call and answer rows (no triggers) in one write
 *               transaction.
 *
 * Each run opens another of LOGIN's cases (evenly spread over them), so
 * that each reads pages a cache has not been warmed on by the run before.
 * Each figure is the median of RUNS runs (at most a third of LOGIN's
 * cases), in microseconds.  The program
 * WRITES to DB (claims, audit rows, calls): give it a copy.
 *
 *   case_bench DB LOGIN "YYYY-MM-DD HH:MM" [RUNS]
 *
 * prints one line per figure: NAME PAICHA_US FLOOR_US CASES
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/calls.h"
#include "db/cases.h"
#include "db/claims.h"
#include "db/db.h"
#include "db/dbi.h"
#include "db/drafts.h"
#include "db/followups.h"
#include "db/roles.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "tests/bench/bench_time.h"

static void
die(const char *what, const char *msg)
{
	fprintf(stderr, "case_bench: %s: %s\n", what, msg);
	exit(2);
}

static sqlite3_stmt *
prep(sqlite3 *c, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(c, sql, -1, &st, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(c));
	return st;
}

static void
exec(sqlite3 *c, const char *sql)
{
	if (sqlite3_exec(c, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sql, sqlite3_errmsg(c));
}

/* Step st bound to one id to the end, reading every column. */
static void
drain(sqlite3_stmt *st, long long id)
{
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW)
		for (int i = 0; i < sqlite3_column_count(st); i++)
			(void)sqlite3_column_text(st, i);
	sqlite3_reset(st);
}

/* The floor's statements: the case screen's rows by key. */
enum { F_WORKER, F_PHONES, F_CASE, F_CALLS, F_ANSWERS, F_FU, F_CLAIM, F_AUDIT, F_CALL, F_ANSWER, NF };
static const char *const floor_sql[NF] = {
	"SELECT * FROM workers WHERE id = ?1",
	"SELECT * FROM phones WHERE worker_id = ?1 AND removed_at IS NULL",
	"SELECT * FROM cases WHERE worker_id = ?1",
	"SELECT id FROM calls WHERE worker_id = ?1",
	"SELECT * FROM call_answers WHERE call_id = ?1",
	"SELECT * FROM followups WHERE worker_id = ?1 AND done_at IS NULL",
	"UPDATE cases SET claimed_by = ?2, claim_expires = ?3 + 900 WHERE worker_id = ?1",
	"INSERT INTO audit(at, user_id, action, entity, entity_id) VALUES(?3, ?2, 'bench', 'worker', ?1)",
	"INSERT INTO calls(worker_id, user_id, at, phone, outcome) VALUES(?1, ?2, ?3, '', 'reached')",
	"INSERT INTO call_answers(call_id, key, value) VALUES(?1, ?2, ?3)",
};

static void
floor_reads(sqlite3_stmt **f, long long w)
{
	long long calls[256];
	int n = 0;

	drain(f[F_WORKER], w);
	drain(f[F_PHONES], w);
	drain(f[F_CASE], w);
	sqlite3_bind_int64(f[F_CALLS], 1, w);
	while (sqlite3_step(f[F_CALLS]) == SQLITE_ROW && n < 256)
		calls[n++] = sqlite3_column_int64(f[F_CALLS], 0);
	sqlite3_reset(f[F_CALLS]);
	for (int i = 0; i < n; i++)
		drain(f[F_ANSWERS], calls[i]);
	drain(f[F_FU], w);
}

/* What case_view_load() reads of one case, through the same db calls;
 * dies on an error. */
static void
case_reads(struct db *db, long long me, long long id, int max_attempts)
{
	struct worker wk;
	struct worker_phone *ph;
	struct case_row c;
	struct followup *fu;
	struct call_record *calls;
	struct call_number *nums;
	size_t nph, nfu, ncalls, nnums;
	int next;

	if (roles_check_case(db, me, id, ROLE_ACT_READ) != 0 ||
	    workers_get(db, id, &wk) != 0 ||
	    workers_phones(db, id, &ph, &nph) != 0 ||
	    cases_get(db, id, &c) != 0 ||
	    followups_open(db, id, 0, &fu, &nfu) != 0 ||
	    calls_list(db, id, &calls, &ncalls) != 0 ||
	    calls_numbers(db, id, max_attempts, &nums, &nnums, &next) != 0)
		die("open", db_error(db));
	free(ph);
	free(fu);
	calls_free(calls, ncalls);
	free(nums);
}

int
main(int argc, char **argv)
{
	struct db *db;
	struct settings set;
	struct user me;
	sqlite3 *conn;
	sqlite3_stmt *st, *f[NF];
	long long *all = NULL, *w;
	size_t nall = 0, cap = 0;
	char err[512], holder[96];
	time_t now, until;
	int runs = argc > 4 ? atoi(argv[4]) : 101;
	double *tp, *tf, *to, *tof, *ts, *tsf;
	struct answers *form;
	static const char *const answers[][2] = {
		{ "whereabouts", "home" }, { "return_date", "2020-01-30" },
		{ "temperature", "36.6" }, { "symptoms", "" }, { "transport", "rail" },
	};
	const size_t nanswers = sizeof answers / sizeof answers[0];

	if (argc < 4 || runs < 1) {
		fprintf(stderr, "usage: case_bench DB LOGIN TIME [RUNS]\n");
		return 2;
	}
	now = clock_parse(argv[3]);
	clock_pin(now);
	if (db_open(argv[1], DB_OPEN_EXISTING, &db, err, sizeof err) != 0)
		die(argv[1], err);
	if (sqlite3_open_v2(argv[1], &conn, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die(argv[1], sqlite3_errmsg(conn));
	sqlite3_busy_timeout(conn, 5000);
	/* the floor writes its rows bare: no triggers (the queue's among them) */
	sqlite3_db_config(conn, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, (int *)NULL);
	if (users_find(db, argv[2], &me) != 0 || settings_load(db, &set) != 0)
		die(argv[2], db_error(db));
	st = db_stmt(db, "SELECT worker_id FROM cases WHERE investigator_id = ?1 ORDER BY worker_id");
	sqlite3_bind_int64(st, 1, me.id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nall == cap) {
			cap = cap ? 2 * cap : 1024;
			all = realloc(all, cap * sizeof *all);
		}
		all[nall++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (nall < 3 * (size_t)runs)	/* fewer runs on a small township */
		runs = (int)(nall / 3);
	if (runs < 1)
		die(argv[2], "too few cases");
	/* three disjoint sets of cases: the reads, the whole open, the save */
	w = malloc(3 * (size_t)runs * sizeof *w);
	for (size_t i = 0; i < 3 * (size_t)runs; i++)
		w[i] = all[i * (nall / (3 * (size_t)runs))];
	for (int i = 0; i < NF; i++)
		f[i] = prep(conn, floor_sql[i]);
	tp = calloc((size_t)runs, sizeof *tp);
	tf = calloc((size_t)runs, sizeof *tf);
	to = calloc((size_t)runs, sizeof *to);
	tof = calloc((size_t)runs, sizeof *tof);
	ts = calloc((size_t)runs, sizeof *ts);
	tsf = calloc((size_t)runs, sizeof *tsf);
	form = answers_new();
	for (size_t i = 0; i < nanswers; i++)
		if (answers_set(form, answers[i][0], answers[i][1]) != 0)
			die("answers_set", answers[i][0]);

	for (int r = 0; r < runs; r++) {
		struct answers *draft = NULL;
		int claimed;
		long long id;
		double s;

		/* the reads of case_view_load(), on the run's case */
		id = w[3 * r];
		s = now_us();
		case_reads(db, me.id, id, set.max_attempts);
		tp[r] = now_us() - s;
		s = now_us();
		exec(conn, "BEGIN");
		floor_reads(f, w[3 * r + 1]);	/* as cold a case as the one above */
		exec(conn, "COMMIT");
		tf[r] = now_us() - s;

		/* the whole case_view_enter(): claim, reads, audit, draft */
		id = w[3 * r + 2];
		s = now_us();
		claimed = claims_take_seen(db, id, me.id, set.claim_minutes, holder,
		    sizeof holder, &until) == 0;
		case_reads(db, me.id, id, set.max_attempts);
		if (claimed && drafts_load(db, id, me.id, &draft) == 0)
			answers_free(draft);
		to[r] = now_us() - s;
		if (!claimed)
			die("claim", holder);
		s = now_us();
		exec(conn, "BEGIN IMMEDIATE");
		floor_reads(f, w[3 * r + 1]);
		for (int k = F_CLAIM; k <= F_AUDIT; k++) {
			sqlite3_bind_int64(f[k], 1, w[3 * r + 1]);
			sqlite3_bind_int64(f[k], 2, me.id);
			sqlite3_bind_int64(f[k], 3, (sqlite3_int64)now);
			if (sqlite3_step(f[k]) != SQLITE_DONE)
				die(floor_sql[k], sqlite3_errmsg(conn));
			sqlite3_reset(f[k]);
		}
		exec(conn, "COMMIT");
		tof[r] = now_us() - s;

		/* saving a call on the claimed case */
		s = now_us();
		if (calls_record(db, &set, id, me.id, now, "", OUTCOME_REACHED, form, &id) != 0)
			die("calls_record", db_error(db));
		ts[r] = now_us() - s;
		if (claims_release(db, w[3 * r + 2], me.id) != 0)
			die("claims_release", db_error(db));
		s = now_us();
		exec(conn, "BEGIN IMMEDIATE");
		sqlite3_bind_int64(f[F_CALL], 1, w[3 * r + 1]);
		sqlite3_bind_int64(f[F_CALL], 2, me.id);
		sqlite3_bind_int64(f[F_CALL], 3, (sqlite3_int64)now);
		if (sqlite3_step(f[F_CALL]) != SQLITE_DONE)
			die(floor_sql[F_CALL], sqlite3_errmsg(conn));
		sqlite3_reset(f[F_CALL]);
		id = sqlite3_last_insert_rowid(conn);
		for (size_t i = 0; i < answers_count(form); i++) {
			sqlite3_bind_int64(f[F_ANSWER], 1, id);
			sqlite3_bind_text(f[F_ANSWER], 2, answers_key_at(form, i), -1, SQLITE_STATIC);
			sqlite3_bind_text(f[F_ANSWER], 3, answers_value_at(form, i), -1, SQLITE_STATIC);
			if (sqlite3_step(f[F_ANSWER]) != SQLITE_DONE)
				die(floor_sql[F_ANSWER], sqlite3_errmsg(conn));
			sqlite3_reset(f[F_ANSWER]);
		}
		exec(conn, "COMMIT");
		tsf[r] = now_us() - s;
	}
	printf("open-read %.1f %.1f %zu\n", median(tp, runs), median(tf, runs), nall);
	printf("open %.1f %.1f %zu\n", median(to, runs), median(tof, runs), nall);
	printf("save %.1f %.1f %zu\n", median(ts, runs), median(tsf, runs), nall);
	answers_free(form);
	for (int i = 0; i < NF; i++)
		sqlite3_finalize(f[i]);
	free(tp);
	free(tf);
	free(to);
	free(tof);
	free(ts);
	free(tsf);
	free(w);
	free(all);
	sqlite3_close(conn);
	db_close(db);
	return 0;
}
