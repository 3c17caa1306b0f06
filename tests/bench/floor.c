/*
 * floor.c -- the floor a benchmark figure is compared with: one SQL
 * statement through the sqlite3 C API, nothing else (no ICU, no
 * libphonenumber, no paicha start-up).  `make bench` runs it as a process,
 * timed as paicha is, with the best indexed query for the rows paicha
 * showed (usually those rows by primary key).
 *
 *   floor DB SQL      prints how many rows SQL returned
 */
#include <stdio.h>
#include <sqlite3.h>

int
main(int argc, char **argv)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long rows = 0;
	int rc;

	if (argc != 3) {
		fprintf(stderr, "usage: floor DB SQL\n");
		return 2;
	}
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, argv[2], -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		rows++;
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "floor: %s\n", sqlite3_errmsg(db));
		return 1;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	printf("%ld\n", rows);
	return 0;
}
