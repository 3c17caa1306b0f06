/* testdb.h -- a fresh database file in a private temporary folder. */
#ifndef PAICHA_TESTS_TESTDB_H
#define PAICHA_TESTS_TESTDB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"

struct testdb {
	char dir[64];
	char path[128];
	struct db *db;
};

/* Create a folder and a new database in it; aborts the test on failure. */
static inline struct testdb *
testdb_new(void)
{
	struct testdb *t = calloc(1, sizeof *t);
	char err[512];

	snprintf(t->dir, sizeof t->dir, "/tmp/paicha-test.XXXXXX");
	if (mkdtemp(t->dir) == NULL)
		abort();
	snprintf(t->path, sizeof t->path, "%s/t.db", t->dir);
	if (db_open(t->path, DB_OPEN_CREATE, &t->db, err, sizeof err) != 0) {
		fprintf(stderr, "testdb_new: %s\n", err);
		abort();
	}
	return t;
}

static inline void
testdb_free(struct testdb *t)
{
	char p[160];

	db_close(t->db);
	unlink(t->path);
	snprintf(p, sizeof p, "%s-wal", t->path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", t->path);
	unlink(p);
	rmdir(t->dir);
	free(t);
}

#endif
