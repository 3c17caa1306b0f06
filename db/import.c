/* import.c -- the database side of a bulk roster import; see import.h. */
#include "config.h"

#include <string.h>

#include "db/dbi.h"
#include "db/import.h"

/* The indexes bulk mode drops: their name, their definition as the
 * schema (db/schema.c) made it, and their static DROP statement. */
static const struct {
	const char *name, *create, *drop;
} bulk_indexes[] = {
	{ "workers_village", "CREATE INDEX workers_village ON workers(township, village, id)",
	  "DROP INDEX workers_village" },
	{ "workers_name", "CREATE INDEX workers_name ON workers(name)",
	  "DROP INDEX workers_name" },
	{ "workers_idnum_tail", "CREATE INDEX workers_idnum_tail ON workers(substr(id_number, 15))",
	  "DROP INDEX workers_idnum_tail" },
	{ "phones_search", "CREATE INDEX phones_search ON phones(e164, worker_id, display) "
	  "WHERE removed_at IS NULL", "DROP INDEX phones_search" },
	{ "cases_investigator", "CREATE INDEX cases_investigator ON cases(investigator_id, contact)",
	  "DROP INDEX cases_investigator" },
	{ "cases_claimed", "CREATE INDEX cases_claimed ON cases(claimed_by) "
	  "WHERE claimed_by IS NOT NULL", "DROP INDEX cases_claimed" },
};

#define NBULK (sizeof bulk_indexes / sizeof bulk_indexes[0])

/* Which of bulk_indexes this connection dropped, and the last worker
 * that got its case row by row (one import at a time). */
static int bulk_dropped[NBULK];
static sqlite3_int64 bulk_last_case;

int
import_tune(struct db *db)
{
	/* 512 MiB (negative: KiB); the default is 2 MiB. */
	if (db_exec(db, "PRAGMA cache_size = -524288") != 0)
		return DB_ERROR;
	if (db_exec(db, "PRAGMA temp_store = MEMORY") != 0)
		return DB_ERROR;
	/* Let SQLite sort with a helper thread when it rebuilds the indexes
	 * after a bulk load (the server has two cores). */
	return db_exec(db, "PRAGMA threads = 2");
}

int
import_count_workers(struct db *db, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM workers";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	return db_step_int64(db, st, n);
}

/* Is index name defined exactly as create?  1, 0, or DB_ERROR. */
static int
bulk_known(struct db *db, const char *name, const char *create)
{
	static const char sql[] =
	    "SELECT sql = ?2 FROM sqlite_schema WHERE type = 'index' AND name = ?1";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc, same = 0;

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, name);
	db_bind_text(st, 2, create);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		same = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_fail(db, sql);
	return same;
}

int
import_bulk_begin(struct db *db, int *dropped)
{
	int known;

	static const char sql[] = "SELECT coalesce(max(id), 0) FROM workers";
	sqlite3_stmt *st = db_stmt(db, sql);

	*dropped = 0;
	if (st == NULL)
		return DB_ERROR;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return db_fail(db, sql);
	}
	bulk_last_case = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	for (size_t i = 0; i < NBULK; i++) {
		bulk_dropped[i] = 0;
		if ((known = bulk_known(db, bulk_indexes[i].name, bulk_indexes[i].create)) < 0)
			return known;
		if (!known)
			continue;
		if (db_exec(db, bulk_indexes[i].drop) != 0)
			return DB_ERROR;
		bulk_dropped[i] = 1;
		(*dropped)++;
	}
	return 0;
}

int
import_bulk_end(struct db *db)
{
	static const char sql[] =
	    "INSERT INTO cases(worker_id, updated_at) "
	    "SELECT id, created_at FROM workers WHERE id > ?1 ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, bulk_last_case);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	for (size_t i = 0; i < NBULK; i++) {
		if (!bulk_dropped[i])
			continue;
		if (db_exec(db, bulk_indexes[i].create) != 0)
			return DB_ERROR;
		bulk_dropped[i] = 0;
	}
	return 0;
}
