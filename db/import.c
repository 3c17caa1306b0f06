/* import.c -- the database side of a bulk roster import; see import.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/dbi.h"
#include "db/import.h"
#include "db/workers.h"
#include "forms/xmalloc.h"

/* The indexes bulk mode drops: their name, their definition as the
 * schema (db/schema.c) made it, and their static DROP statement. */
static const struct {
	const char *name, *create, *drop;
} bulk_indexes[] = {	/* the workers' first (bulk_begin() may keep them) */
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
#define NBULK_WORKERS 3	/* bulk_indexes[0..2] are on workers */

#define IMPORT_CACHE "PRAGMA cache_size = -65536"

_Static_assert(NBULK <= IMPORT_BULK_MAX, "struct import_bulk holds every bulk index");

int
import_tune(struct db *db)
{
	/* 64 MiB (negative: KiB); the default is 2 MiB (import.h). */
	if (db_exec(db, IMPORT_CACHE) != 0)
		return DB_ERROR;
	/* Let SQLite sort with a helper thread when it builds indexes
	 * (sort_small()); it does only with temporary files, not in memory. */
	if (db_exec(db, "PRAGMA temp_store = FILE") != 0)
		return DB_ERROR;
	return db_exec(db, "PRAGMA threads = 2");
}

/* A page cache this small makes SQLite sort an index in runs, which a
 * helper thread sorts while this one reads on (with one run, it sorts
 * alone); the pages it no longer holds are in the WAL already
 * (import_flush()) or go there.  1: small, 0: back to IMPORT_CACHE. */
static int
sort_small(struct db *db, int small)
{
	return db_exec(db, small ? "PRAGMA cache_size = -16384" : IMPORT_CACHE);
}

int
import_count_workers(struct db *db, long long *n)
{
	static const char sql[] = "SELECT count(*) FROM workers";

	return db_step_int64(db, db_stmt(db, sql), n);
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

static int
bulk_begin(struct db *db, struct import_bulk *b, int load, int *dropped)
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
	b->last_case = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	b->cases_made = load;
	for (size_t i = 0; i < NBULK; i++) {
		b->dropped[i] = 0;
		if (load && i < NBULK_WORKERS)
			continue;
		if ((known = bulk_known(db, bulk_indexes[i].name, bulk_indexes[i].create)) < 0)
			return known;
		if (!known)
			continue;
		if (db_exec(db, bulk_indexes[i].drop) != 0)
			return DB_ERROR;
		b->dropped[i] = 1;
		(*dropped)++;
	}
	return 0;
}

int
import_bulk_begin(struct db *db, struct import_bulk *b, int *dropped)
{
	return bulk_begin(db, b, 0, dropped);
}

int
import_bulk_begin_load(struct db *db, struct import_bulk *b, int *dropped)
{
	return bulk_begin(db, b, 1, dropped);
}

int
import_bulk_end(struct db *db, struct import_bulk *b)
{
	static const char sql[] =
	    "INSERT INTO cases(worker_id, updated_at) "
	    "SELECT id, created_at FROM workers WHERE id > ?1 ORDER BY id";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, b->last_case);
	if (!b->cases_made && db_step_done(db, st) != 0)
		return DB_ERROR;
	if (sort_small(db, 1) != 0)
		return DB_ERROR;
	for (size_t i = 0; i < NBULK; i++) {
		if (!b->dropped[i])
			continue;
		if (db_exec(db, bulk_indexes[i].create) != 0)
			return DB_ERROR;
		b->dropped[i] = 0;
	}
	return sort_small(db, 0);
}

/* ---------------------------------------------------------------- load */

#define LOAD_MAX_SQL 16
/* The loading database is a file the system's page cache keeps: its own
 * page cache need hold only the pages being written. */
#define LOAD_CACHE "PRAGMA cache_size = -8192"

struct import_load {
	struct db *db;			/* the loading thread's connection */
	char *sql[LOAD_MAX_SQL];	/* the workers table, then its indexes */
	size_t nsql;
	char *path;			/* the loading database until unlinked */
};

/* Remove the loading database's file (both connections keep it open). */
static void
load_unlink(struct import_load *l)
{
	if (l->path != NULL) {
		unlink(l->path);
		free(l->path);
		l->path = NULL;
	}
}

/* Run sql on the loading connection; 0 or DB_ERROR. */
static int
load_exec(struct import_load *l, const char *sql)
{
	return db_exec(l->db, sql);
}

int
import_load_open(struct db *db, struct import_load **out)
{
	static const char attach[] = "ATTACH ?1 AS load";
	static const char schema[] =
	    /* not its triggers: they keep tables the load has not */
	    "SELECT sql FROM main.sqlite_schema WHERE tbl_name = 'workers' AND sql IS NOT NULL "
	    "AND type <> 'trigger' ORDER BY type = 'table' DESC, rowid";
	static const char page_size[] = "PRAGMA main.page_size";
	struct import_load *l = xcalloc(1, sizeof *l);
	const char *env, *main_path = sqlite3_db_filename(db->conn, "main");
	long long psz, limit = 0;
	char pragma[64];
	sqlite3_stmt *st;
	size_t plen;
	int rc, fd;

	*out = NULL;
	/* A file beside the database, removed as soon as both connections
	 * have it open: it vanishes with the process whatever happens, and
	 * its pages are the system's page cache's, not this process's memory
	 * (an in-memory database held the whole workers table, 250 MB at a
	 * million rows).  Not shared-cache mode, which would make the two
	 * threads wait on one mutex. */
	if (main_path == NULL || *main_path == '\0') {
		db_failf(db, "%s", "the database has no file name");
		goto fail;
	}
	plen = strlen(main_path) + sizeof "-load-XXXXXX";
	l->path = xmalloc(plen);
	snprintf(l->path, plen, "%s-load-XXXXXX", main_path);
	if ((fd = mkstemp(l->path)) < 0) {
		db_failf(db, "%s: %s", l->path, strerror(errno));
		free(l->path);
		l->path = NULL;
		goto fail;
	}
	close(fd);
	if (db_exec(db, "PRAGMA foreign_keys = OFF") != 0)
		goto fail;
	if ((st = db_stmt(db, schema)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && l->nsql < LOAD_MAX_SQL)
		l->sql[l->nsql++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if ((rc != SQLITE_ROW && rc != SQLITE_DONE) || l->nsql == 0 || l->nsql == LOAD_MAX_SQL) {
		db_failf(db, "%s", "the workers table's definition could not be read");
		goto fail;
	}
	l->db = xcalloc(1, sizeof *l->db);
	if (sqlite3_open_v2(l->path, &l->db->conn, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_failf(db, "%s", l->db->conn ? sqlite3_errmsg(l->db->conn) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(l->db->conn, 1);
	/* pages of the same size, which the copy moves as they are */
	if (db_step_int64(db, db_stmt(db, page_size), &psz) != 0)
		goto fail;
	snprintf(pragma, sizeof pragma, "PRAGMA page_size = %lld", psz);
	if (load_exec(l, pragma) != 0 ||
	    load_exec(l, "PRAGMA journal_mode = OFF") != 0 ||
	    load_exec(l, "PRAGMA synchronous = OFF") != 0 ||
	    load_exec(l, LOAD_CACHE) != 0 ||
	    load_exec(l, l->sql[0]) != 0) {
		db_failf(db, "%s", db_error(l->db));
		goto fail;
	}
	/* no ceiling but the disk's; a test sets a low one to see a failing
	 * load */
	if ((env = getenv("PAICHA_IMPORT_LOAD_LIMIT")) != NULL && *env != '\0')
		limit = strtoll(env, NULL, 10) / psz;
	if (limit > 0) {
		snprintf(pragma, sizeof pragma, "PRAGMA max_page_count = %lld", limit);
		if (load_exec(l, pragma) != 0) {
			db_failf(db, "%s", db_error(l->db));
			goto fail;
		}
	}
	if ((st = db_stmt(db, attach)) == NULL)
		goto fail;
	sqlite3_bind_text(st, 1, l->path, -1, SQLITE_TRANSIENT);
	if (db_step_done(db, st) != 0)
		goto fail;
	load_unlink(l);
	if (load_exec(l, "BEGIN") != 0) {
		db_failf(db, "%s", db_error(l->db));
		goto fail;
	}
	*out = l;
	return 0;
fail:
	import_load_close(db, l);
	return DB_ERROR;
}

int
import_begin(struct db *db, struct import_load *l)
{
	if (l == NULL)
		return db_begin_write(db);
	if (db_exec(db, "BEGIN DEFERRED") != 0)
		return DB_ERROR;
	db->in_tx = 1;
	/* a statement that writes nothing takes the write lock of main only,
	 * waiting for it as BEGIN IMMEDIATE would */
	if (db_exec(db, "DELETE FROM main.settings WHERE 0") != 0) {
		db_rollback(db);
		return DB_ERROR;
	}
	return 0;
}

int
import_next_worker_id(struct db *db, long long *id)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) + 1 FROM main.workers";

	return db_step_int64(db, db_stmt(db, sql), id);
}

int
import_load_add(struct import_load *l, struct worker *const *w, size_t n, long long by_user)
{
	size_t i = 0;

	for (; i + WORKERS_INSERT_MANY <= n; i += WORKERS_INSERT_MANY)
		if (workers_insert_numbered_many(l->db, w + i, by_user) != 0)
			return DB_ERROR;
	for (; i < n; i++)
		if (workers_insert_numbered(l->db, w[i], by_user) != 0)
			return DB_ERROR;
	return 0;
}

int
import_load_finish(struct import_load *l)
{
	/* The rows are committed to the loading database first; then a
	 * small page cache makes SQLite sort each index in runs (in temporary
	 * files: with temp_store MEMORY SQLite sorts in one thread), which
	 * PRAGMA threads lets a helper thread sort while this one reads on
	 * (the import's main thread mostly waits by then). */
	if (load_exec(l, "COMMIT") != 0 ||
	    load_exec(l, "PRAGMA cache_size = -4096") != 0 ||
	    load_exec(l, "PRAGMA temp_store = FILE") != 0 ||
	    load_exec(l, "PRAGMA threads = 2") != 0 ||
	    load_exec(l, "BEGIN") != 0)
		return DB_ERROR;
	for (size_t i = 1; i < l->nsql; i++)
		if (load_exec(l, l->sql[i]) != 0)
			return DB_ERROR;
	return load_exec(l, "COMMIT");
}

const char *
import_load_error(struct import_load *l)
{
	return db_error(l->db);
}

int
import_load_cases(struct db *db, long long first, long long last, long long at)
{
	/* 16 numbers a statement, then one by one */
	static const char sql16[] =
	    "INSERT INTO main.cases(worker_id, updated_at) VALUES (?1, ?2), (?1 + 1, ?2), "
	    "(?1 + 2, ?2), (?1 + 3, ?2), (?1 + 4, ?2), (?1 + 5, ?2), (?1 + 6, ?2), (?1 + 7, ?2), "
	    "(?1 + 8, ?2), (?1 + 9, ?2), (?1 + 10, ?2), (?1 + 11, ?2), (?1 + 12, ?2), "
	    "(?1 + 13, ?2), (?1 + 14, ?2), (?1 + 15, ?2)";
	static const char sql1[] = "INSERT INTO main.cases(worker_id, updated_at) VALUES (?1, ?2)";

	while (first <= last) {
		int many = last - first + 1 >= 16;
		sqlite3_stmt *st = db_stmt(db, many ? sql16 : sql1);

		if (st == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(st, 1, first);
		sqlite3_bind_int64(st, 2, at);
		if (db_step_done(db, st) != 0)
			return DB_ERROR;
		first += many ? 16 : 1;
	}
	return 0;
}

int
import_load_copy(struct db *db, struct import_load *l, long long *copied)
{
	(void)l;
	/* SELECT * from a table defined the same way, into an empty one:
	 * SQLite copies the records and every index b-tree as they are. */
	if (db_exec(db, "INSERT INTO main.workers SELECT * FROM load.workers") != 0)
		return DB_ERROR;
	*copied = sqlite3_changes64(db->conn);
	return 0;
}

void
import_load_close(struct db *db, struct import_load *l)
{
	if (l == NULL)
		return;
	if (sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "DETACH load", NULL, NULL, NULL);
	db_close(l->db);
	load_unlink(l);
	for (size_t i = 0; i < l->nsql; i++)
		free(l->sql[i]);
	free(l);
	sqlite3_exec(db->conn, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

int
import_flush(struct db *db)
{
	if (sqlite3_db_cacheflush(db->conn) != SQLITE_OK)
		return db_fail(db, "sqlite3_db_cacheflush");
	return 0;
}
