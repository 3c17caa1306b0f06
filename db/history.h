/*
 * history.h -- writing a whole simulated history at once (paicha demo).
 *
 * The live save (calls_record) looks up and writes a dozen rows per call in
 * its own transaction: right for one investigator, far too slow for the
 * 1.5 million calls of a demo province.  The demo computes the same rows
 * in memory (the case through the casestate reducer, the follow-ups by the
 * rules of calls.h) and hands them here, inside one write transaction of
 * its own, in the order the live save would have numbered them.  Every
 * function writes exactly the columns the live path writes, empty strings
 * and zero times as NULL as in cases.c, so that the two paths leave the
 * same rows (tests/cli/demo.sh compares them).
 */
#ifndef PAICHA_DB_HISTORY_H
#define PAICHA_DB_HISTORY_H

#include <time.h>

#include "db/cases.h"
#include "db/followups.h"

struct db;
struct answers;

/* A follow-up as the rules made it, with its final state. */
struct history_followup {
	long long id;
	long long worker_id;
	enum followup_kind kind;
	time_t due_at;
	long long owner_id;		/* 0 = the case's investigator */
	time_t created_at;
	long long created_by;
	long long call_id;
	time_t done_at;			/* 0 = open */
	long long done_by;
	const char *done_reason;	/* NULL when open */
};

/* The case row of a worker inserted without one, whole: investigator,
 * state, next follow-up; claim fields empty. */
int history_add_case(struct db *, const struct case_row *, time_t updated_at);
/* An assignment of a worker that had none, and its audit row at `at`. */
int history_add_assignment(struct db *, long long worker_id, long long to_user,
    const char *to_login, long long by_user, time_t at);
/* A call under its number with its (canonical) answers. */
struct history_call {
	long long id;
	long long worker_id;
	long long user_id;
	time_t at;
	const char *phone;
	enum call_outcome outcome;
	const struct answers *answers;	/* NULL: none */
};
/* Calls and follow-ups are written HISTORY_MANY rows a statement (the
 * rest one by one): any n works, a multiple of it best. */
#define HISTORY_MANY 16
int history_add_calls(struct db *, const struct history_call *, size_t n);
int history_add_followups(struct db *, const struct history_followup *const *, size_t n);
/* The audit row followups_close() writes, at `at`. */
int history_audit_close(struct db *, long long followup_id, const char *reason,
    long long by_user, time_t at);

/* The load without what each row would update: history_bulk_begin(), in
 * the write transaction, drops the secondary indexes of the tables the
 * demo fills and the queue's triggers on cases and follow-ups (and empties
 * the queue tables); history_bulk_end() builds the indexes again by
 * sorting, the queue tables from their views (as the queue's migration
 * does), and puts the triggers back, each as it was defined. */
/* Outside a transaction (SQLite ignores the pragma in one): with on = 0,
 * the bulk load's connection stops checking foreign keys, each a lookup
 * of the parent row (a worker, a call), at a million workers mostly a
 * page read; on = 1 checks them again.  The demo's rows refer only to
 * rows it made in the same transaction (tests/cli/demo.sh compares them
 * with the live path's, which checks). */
int history_bulk_foreign_keys(struct db *, int on);
/* Outside a transaction: the bulk load's journal.  history_bulk_journal(db,
 * 0, &off) puts the database in rollback-journal mode (*off = 1), when no
 * other connection has it open (else *off = 0 and it stays in WAL mode):
 * the load then writes each page once, into the file, instead of into
 * the WAL and again into the file at the checkpoint (at a million workers
 * 1.2 GB twice, a tenth of the demo's CPU).  The transaction stays atomic:
 * a load killed or failing leaves its journal, and the next connection to
 * open the file (any paicha command, sqlite3) rolls it back to the
 * database as it was.  While it runs, other processes cannot read the
 * file (a rollback journal's write lock).  history_bulk_journal(db, 1,
 * NULL) puts it back in WAL mode (as any later db_open() would).  The
 * statement journals of the load are kept in memory (temp_store MEMORY,
 * history.c says why), and DEFAULT again with the WAL. */
int history_bulk_journal(struct db *, int wal, int *off);
/* After the bulk transaction: foreign keys checked again and, when
 * journal, the WAL back; failed = the transaction failed, whose error
 * db_error() keeps saying (not one of these). */
int history_bulk_after(struct db *, int journal, int failed);
/* A page cache of mib MiB for what follows (history_bulk_end()'s index
 * builds and sorts: at a million workers 256 MiB saves a tenth of the
 * demo's CPU against import_tune()'s 64, spilling fewer pages into the
 * WAL to write again). */
int history_bulk_cache(struct db *, int mib);
struct history_bulk {
	char **name, **sql;
	int *trigger;
	size_t n, cap;
};
int history_bulk_begin(struct db *, struct history_bulk *);
int history_bulk_end(struct db *, struct history_bulk *);
/* The same for the triggers alone (the tables derived from the rows: the
 * queue's, the lead's tallies, the live screens' counters), for a first
 * import, which handles its indexes itself: off in the write transaction,
 * on (the derived tables made from the rows) before its commit. */
int history_derived_off(struct db *, struct history_bulk *);
int history_derived_on(struct db *, struct history_bulk *);
void history_bulk_free(struct history_bulk *);

#endif
