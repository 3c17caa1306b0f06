/* import.h -- the database side of a bulk roster import (paicha import). */
#ifndef PAICHA_DB_IMPORT_H
#define PAICHA_DB_IMPORT_H

struct db;
struct worker;

/* Prepare the connection for writing many rows in one transaction: a page
 * cache of 64 MiB (pages past it spill into the WAL, in the transaction,
 * where the page cache of the system keeps them; a bigger cache bought no
 * speed and cost up to 512 MiB at a million rows), and index sorts in
 * temporary files with a helper thread. */
int import_tune(struct db *);

/* How many workers the database holds. */
int import_count_workers(struct db *, long long *n);

/*
 * Bulk mode, inside the import's write transaction: drop the secondary
 * indexes of workers, phones and cases that the import itself never reads
 * (name, village, ID tail, phone search, investigator, claims) so that each
 * row updates fewer b-trees; import_bulk_end() builds them again before the
 * commit.  DDL is transactional: a rollback brings them back as they were.
 * The UNIQUE ones (workers.id_number, phones_current) stay and are checked
 * row by row as before.  An index whose definition is not the one this
 * code knows (a later migration) is left alone.  *dropped = how many.
 * From then on new workers are inserted without their case
 * (workers_insert_only()); import_bulk_end() makes those cases at once.
 */
#define IMPORT_BULK_MAX 8

/* What bulk mode did, kept by the caller from begin to end (one per
 * import; db/import.c keeps no state of its own). */
struct import_bulk {
	int dropped[IMPORT_BULK_MAX];	/* which indexes were dropped */
	long long last_case;		/* the last worker that had its case */
	int cases_made;			/* a load: the caller made each case */
};

int import_bulk_begin(struct db *, struct import_bulk *, int *dropped);
/* import_bulk_begin() for a load (below): the workers table keeps its
 * indexes (it is empty and gets them whole from the load), and the caller
 * makes each new worker's case itself (workers_insert_case()). */
int import_bulk_begin_load(struct db *, struct import_bulk *, int *dropped);
/* Make the cases of the workers inserted since import_bulk_begin() and
 * create again the indexes it dropped; 0 or DB_ERROR. */
int import_bulk_end(struct db *, struct import_bulk *);

/*
 * Loading into an empty database.  The workers table, with its unique
 * index on the ID number and three more, is the biggest part of a roster.
 * When the database holds no worker, another thread writes the new
 * workers (numbered by the caller: 1, 2, ... in file order) into a private
 * database (a file beside the database, unlinked as soon as both
 * connections have it open, its pages in the system's page cache rather
 * than this process's memory) with a workers table defined exactly as the real
 * one, builds its indexes there, and at the end one INSERT ... SELECT
 * copies table and indexes whole (SQLite's transfer optimisation: b-tree
 * pages in order, no sorting) into the import's transaction; meanwhile
 * this thread writes phones and cases.  All or nothing as before: the
 * loading database vanishes with the process.
 *
 *   import_load_open()     before the import's transaction (it attaches
 *                          the loading database, which a transaction
 *                          may not do; foreign keys are off until
 *                          import_load_close(): the import only refers to
 *                          rows it has just written)
 *   import_begin()         the import's write transaction
 *   import_load_add()      the loading thread, once per new worker
 *   import_load_finish()   the loading thread, after the last one
 *   import_load_copy()     this thread, inside the transaction
 *   import_load_close()    after the commit or rollback
 */
struct import_load;

/* Make and attach the loading database and open the loading thread's
 * connection; 0, or DB_ERROR with db_error(db) set.  Its ceiling is the
 * disk's, or PAICHA_IMPORT_LOAD_LIMIT bytes (for a test of a failing load). */
int import_load_open(struct db *, struct import_load **);
/* The import's write transaction: BEGIN IMMEDIATE would take the
 * loading database's write lock too, away from the loading thread, so
 * this takes the main database's only. */
int import_begin(struct db *, struct import_load *);
/* The first number free for a new worker; 0 or DB_ERROR. */
int import_next_worker_id(struct db *, long long *id);
/* Loading thread: write the n workers w under their numbers w[i]->id;
 * 0 or DB_ERROR (import_load_error() says why). */
int import_load_add(struct import_load *, struct worker *const *w, size_t n,
    long long by_user);
/* Loading thread: build the indexes and commit; 0 or DB_ERROR. */
int import_load_finish(struct import_load *);
const char *import_load_error(struct import_load *);
/* The cases of the loaded workers first..last (numbered without gaps),
 * uncalled as of at, 16 a statement; 0 or DB_ERROR.  None if last <
 * first. */
int import_load_cases(struct db *, long long first, long long last, long long at);
/* Copy the loaded workers into db's workers table (empty); *copied = how
 * many.  0 or DB_ERROR. */
int import_load_copy(struct db *, struct import_load *, long long *copied);
/* Write the pages changed so far into the WAL, inside the transaction
 * (sqlite3_db_cacheflush()): done while this thread would wait for the
 * loading one, it leaves the commit less to write.  0 or DB_ERROR. */
int import_flush(struct db *);
/* Detach and close; foreign keys on again.  NULL is fine. */
void import_load_close(struct db *, struct import_load *);

#endif
