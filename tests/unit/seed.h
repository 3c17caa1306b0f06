/*
 * seed.h -- rows for unit tests, written straight with SQL (bound
 * parameters): users, workers with a phone and a case, calls, follow-ups.
 * The test states each case's columns as calls_record would leave them.
 */
#ifndef PAICHA_TESTS_SEED_H
#define PAICHA_TESTS_SEED_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/users.h"

/* Prepare sql, bind the n integers then the texts, step it; aborts on error. */
static inline long long
seed_run(struct db *db, const char *sql, const long long *ints, int nints,
    const char *const *texts, int ntexts)
{
	sqlite3_stmt *st;
	int i;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "seed: %s: %s\n", sql, sqlite3_errmsg(db->conn));
		abort();
	}
	for (i = 0; i < nints; i++)
		sqlite3_bind_int64(st, i + 1, ints[i]);
	for (int j = 0; j < ntexts; j++)
		db_bind_text(st, i + 1 + j, texts[j]);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "seed: %s: %s\n", sql, sqlite3_errmsg(db->conn));
		abort();
	}
	sqlite3_finalize(st);
	return sqlite3_last_insert_rowid(db->conn);
}

/* Run literal SQL (no parameters); aborts on error. */
static inline void
seed_exec(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->conn, sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "seed: %s: %s\n", sql, sqlite3_errmsg(db->conn));
		abort();
	}
}

static inline long long
seed_user(struct db *db, const char *login, const char *name, enum user_role role)
{
	long long id;

	if (users_add(db, login, name, role, 0, &id) != 0) {
		fprintf(stderr, "seed_user: %s\n", db_error(db));
		abort();
	}
	return id;
}

/* A worker with number id, one phone (display, e164; NULL for none) and a
 * case assigned to investigator (0 = nobody). */
static inline void
seed_worker(struct db *db, long long id, const char *name, const char *village,
    const char *id_number, const char *display, const char *e164, long long investigator)
{
	const long long w[] = { id };
	const char *wt[] = { id_number, name, village };
	const long long c[] = { id, investigator };

	seed_run(db, "INSERT INTO workers(id, id_number, name, township, village, grp, source, "
	    "created_at) VALUES(?1, ?2, ?3, '黄花镇', ?4, 'A', 'test', 0)", w, 1, wt, 3);
	if (display != NULL) {
		const char *pt[] = { display, e164, display };
		seed_run(db, "INSERT INTO phones(worker_id, rank, typed, e164, kind, display, "
		    "created_at) VALUES(?1, 0, ?2, ?3, 'mobile', ?4, 0)", w, 1, pt, 3);
	}
	seed_run(db, "INSERT INTO cases(worker_id, investigator_id, updated_at) "
	    "VALUES(?1, nullif(?2, 0), 0)", c, 2, NULL, 0);
}

/* A call; returns its id. */
static inline long long
seed_call(struct db *db, long long worker, long long user, long long at, const char *outcome)
{
	const long long v[] = { worker, user, at };
	const char *t[] = { outcome };

	return seed_run(db, "INSERT INTO calls(worker_id, user_id, at, outcome) "
	    "VALUES(?1, ?2, ?3, ?4)", v, 3, t, 1);
}

/* An open follow-up; owner and call_id 0 = NULL.  Returns its id. */
static inline long long
seed_followup(struct db *db, long long worker, const char *kind, long long due,
    long long owner, long long call_id)
{
	const long long v[] = { worker, due, owner, call_id };
	const char *t[] = { kind };

	return seed_run(db, "INSERT INTO followups(worker_id, due_at, owner_id, call_id, kind, "
	    "created_at) VALUES(?1, ?2, nullif(?3, 0), nullif(?4, 0), ?5, 0)", v, 4, t, 1);
}

/* Set a case's contact, symptomatic flag and last call. */
static inline void
seed_case(struct db *db, long long worker, const char *contact, int symptomatic,
    long long last_call_at, const char *last_outcome, int failed)
{
	const long long v[] = { worker, symptomatic, last_call_at, failed };
	const char *t[] = { contact, last_outcome };

	seed_run(db, "UPDATE cases SET symptomatic = ?2, last_call_at = nullif(?3, 0), "
	    "failed = ?4, calls = ?4 + (?5 = 'reached'), contact = ?5, last_outcome = ?6 "
	    "WHERE worker_id = ?1", v, 4, t, 2);
}

#endif
