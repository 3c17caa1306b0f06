/* import.h -- the database side of a bulk roster import (paicha import). */
#ifndef PAICHA_DB_IMPORT_H
#define PAICHA_DB_IMPORT_H

struct db;

/* Prepare the connection for writing many rows in one transaction: a page
 * cache big enough that a million-row roster is not spilled to the WAL
 * page by page, and sorting (index builds) in memory.  Memory is taken
 * only as pages are used. */
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
int import_bulk_begin(struct db *, int *dropped);
/* Make the cases of the workers inserted since import_bulk_begin() and
 * create again the indexes it dropped; 0 or DB_ERROR. */
int import_bulk_end(struct db *);

#endif
