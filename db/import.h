/* import.h -- the database side of a bulk roster import (paicha import). */
#ifndef PAICHA_DB_IMPORT_H
#define PAICHA_DB_IMPORT_H

struct db;

/* Prepare the connection for writing many rows in one transaction: a page
 * cache big enough that a million-row roster is not spilled to the WAL
 * page by page.  Memory is taken only as pages are used. */
int import_tune(struct db *);

#endif
