/*
 * db.c -- opening the shared database and the small helpers every db/
 * module uses: the static statement cache, transactions and errors.
 *
 * Every connection runs in WAL mode with a busy timeout and foreign keys
 * on.  Writers start with BEGIN IMMEDIATE so that two processes never
 * deadlock upgrading a read lock; readers that need one consistent
 * picture (the export) use one deferred transaction.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db/dbi.h"
#include "db/schema.h"
#include "forms/i18n.h"

/* How long a statement waits for another process's lock, in ms. */
#define DB_BUSY_TIMEOUT_MS 20000

int
db_failf(struct db *db, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
	va_end(ap);
	return DB_INVALID;
}

int
db_fail(struct db *db, const char *sql)
{
	int code = sqlite3_extended_errcode(db->conn);
	const char *msg = sqlite3_errmsg(db->conn);
	const char *hint = "";

	switch (code & 0xff) {
	case SQLITE_FULL:
		hint = _(" (the disk is full: free some space and try again; nothing was saved)");
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		hint = _(" (another paicha process held the database too long: try again)");
		break;
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		hint = _(" (check that you may write the database file and its folder)");
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		hint = _(" (the database file is damaged: restore the latest backup)");
		break;
	}
	if (sql != NULL) {
		/* Keep the message readable: the first line of the SQL is enough. */
		int n = (int)strcspn(sql, "\n");
		if (n > 120)
			n = 120;
		snprintf(db->errmsg, sizeof db->errmsg, "%s%s [SQL: %.*s]", msg, hint, n, sql);
	} else
		snprintf(db->errmsg, sizeof db->errmsg, "%s%s", msg, hint);
	return DB_ERROR;
}

const char *
db_error(const struct db *db)
{
	return db->errmsg[0] ? db->errmsg : "unknown error";
}

const char *
db_path(const struct db *db)
{
	return db->path;
}

int
db_exec(struct db *db, const char *sql)
{
	if (sqlite3_exec(db->conn, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, sql);
	return 0;
}

sqlite3_stmt *
db_stmt(struct db *db, const char *sql)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			st = db->cache[i].stmt;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	}
	if (sqlite3_prepare_v3(db->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		db_fail(db, sql);
		return NULL;
	}
	if (db->ncache == db->capcache) {
		size_t cap = db->capcache ? db->capcache * 2 : 32;
		struct stmt_cache_entry *c = realloc(db->cache, cap * sizeof *c);
		if (c == NULL) {
			sqlite3_finalize(st);
			db_failf(db, "out of memory");
			return NULL;
		}
		db->cache = c;
		db->capcache = cap;
	}
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = st;
	db->ncache++;
	return st;
}

int
db_step_done(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_fail(db, sqlite3_sql(st));
		sqlite3_reset(st);
		return DB_ERROR;
	}
	sqlite3_reset(st);
	return 0;
}

int
db_write_ids(struct db *db, const char *sql, int nbind, long long a, long long b)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_begin_write(db)) != 0)
		return rc;
	if ((st = db_stmt(db, sql)) == NULL) {
		db_rollback(db);
		return DB_ERROR;
	}
	sqlite3_bind_int64(st, 1, a);
	if (nbind > 1)
		sqlite3_bind_int64(st, 2, b);
	if ((rc = db_step_done(db, st)) != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}

int
db_step_int64(struct db *db, sqlite3_stmt *st, long long *out)
{
	if (st == NULL)		/* db_stmt() failed and said why */
		return DB_ERROR;
	if (sqlite3_step(st) != SQLITE_ROW) {
		db_fail(db, sqlite3_sql(st));
		sqlite3_reset(st);
		return DB_ERROR;
	}
	*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

int
db_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL)
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *
db_column_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	if (s == NULL)
		return NULL;
	char *d = strdup((const char *)s);
	if (d == NULL)
		abort();
	return d;
}

int
db_begin_write(struct db *db)
{
	if (db_exec(db, "BEGIN IMMEDIATE") != 0)
		return DB_ERROR;
	db->in_tx = 1;
	return 0;
}

int
db_begin_read(struct db *db)
{
	if (db_exec(db, "BEGIN DEFERRED") != 0)
		return DB_ERROR;
	db->in_tx = 1;
	return 0;
}

int
db_commit(struct db *db)
{
	if (db_exec(db, "COMMIT") != 0) {
		db_rollback(db);
		return DB_ERROR;
	}
	db->in_tx = 0;
	return 0;
}

void
db_rollback(struct db *db)
{
	char keep[sizeof db->errmsg];

	/* Keep the error that made us roll back, not ROLLBACK's own. */
	memcpy(keep, db->errmsg, sizeof keep);
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	memcpy(db->errmsg, keep, sizeof keep);
	db->in_tx = 0;
}

int
db_data_version(struct db *db)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = db_stmt(db, sql);
	int v = -1;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return v;
}

/* Does the file look like it holds paicha's schema (or nothing at all)? */
static int
db_is_paicha(struct db *db, int *empty)
{
	static const char sql[] =
	    "SELECT count(*), sum(name = 'workers') FROM sqlite_schema WHERE type = 'table'";
	sqlite3_stmt *st = db_stmt(db, sql);
	int ok = 0;

	*empty = 0;
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*empty = sqlite3_column_int(st, 0) == 0;
		ok = *empty || sqlite3_column_int(st, 1) == 1;
	} else {
		db_fail(db, sql);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return ok;
}

/* For tests only: PAICHA_TEST_QUERY_LOG=FILE appends one line per
 * statement run (its first 72 characters) to FILE, so that a test can
 * count what a screen asks of the database (tests/tui/idle.sh). */
static int
db_trace_stmt(unsigned type, void *arg, void *p, void *x)
{
	const char *sql = x;

	(void)p;
	if (type == SQLITE_TRACE_STMT && sql != NULL)
		fprintf(arg, "%.*s\n", (int)strcspn(sql, "\n") < 72 ? (int)strcspn(sql, "\n") : 72, sql);
	return 0;
}

static void
db_trace_for_tests(sqlite3 *conn)
{
	static FILE *log;
	const char *path = getenv("PAICHA_TEST_QUERY_LOG");

	if (path == NULL || *path == '\0')
		return;
	if (log == NULL && (log = fopen(path, "a")) != NULL)
		setvbuf(log, NULL, _IOLBF, 0);
	if (log != NULL)
		sqlite3_trace_v2(conn, SQLITE_TRACE_STMT, db_trace_stmt, log);
}

int
db_open(const char *path, enum db_open_mode mode, struct db **out, char *err, size_t errlen)
{
	struct db *db;
	struct stat sb;
	int flags, empty, rc, persist;

	*out = NULL;
	/* No memory statistics: they put one mutex around every allocation
	 * of every thread (an import writes from two).  Only possible before
	 * SQLite initialises, which the first open does; later calls fail
	 * harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (mode != DB_OPEN_CREATE && stat(path, &sb) != 0) {
		snprintf(err, errlen, _("no database at %s: create one with 'paicha init', "
		    "or name the right file with --db or PAICHA_DB"), path);
		return DB_NOTFOUND;
	}
	if ((db = calloc(1, sizeof *db)) == NULL || (db->path = strdup(path)) == NULL)
		abort();
	flags = mode == DB_OPEN_READONLY ? SQLITE_OPEN_READONLY
	    : SQLITE_OPEN_READWRITE | (mode == DB_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (mode == DB_OPEN_CREATE && stat(path, &sb) != 0) {
		/* Investigators in one group share the file: rw for the group,
		 * nothing for others (it holds personal data).  SQLite gives the
		 * -wal and -shm files the same mode. */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
		if (fd < 0) {
			snprintf(err, errlen, _("cannot create the database %s: %s"), path,
			    strerror(errno));
			goto fail;
		}
		fchmod(fd, 0660);
		close(fd);
	}
	rc = sqlite3_open_v2(path, &db->conn, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, _("cannot open the database %s: %s"), path,
		    db->conn ? sqlite3_errmsg(db->conn) : strerror(ENOMEM));
		goto fail;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_timeout(db->conn, DB_BUSY_TIMEOUT_MS);
	db_trace_for_tests(db->conn);
	/* Keep the -wal and -shm files when the last connection closes.
	 * Otherwise the last process deletes them and the next one creates
	 * them again: between open(O_CREAT) (mode narrowed by the umask) and
	 * SQLite's fchmod to the database's mode, another investigator's
	 * process opening the -shm gets a read-only mapping and its write
	 * fails with "attempt to write a readonly database". */
	persist = 1;
	sqlite3_file_control(db->conn, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	if (db_exec(db, "PRAGMA foreign_keys = ON") != 0)
		goto fail_db;
	if ((rc = db_is_paicha(db, &empty)) < 0)
		goto fail_db;
	if (rc == 0) {
		snprintf(err, errlen, _("%s is not a paicha database: name the right file "
		    "with --db or PAICHA_DB"), path);
		goto fail;
	}
	if (empty && mode != DB_OPEN_CREATE) {
		snprintf(err, errlen, _("the database %s is empty: create it with 'paicha init'"), path);
		goto fail;
	}
	if (mode != DB_OPEN_READONLY) {
		/* The kept -wal is cut back to 64 MiB after a checkpoint and to
		 * nothing when the last connection closes. */
		/* A new file gets 8 KiB pages: a township's roster is small, but
		 * a big one (a county's, the benchmark's million rows) imports
		 * and exports a good tenth faster, and each saved call writes
		 * only a few pages anyway.  Fixed once the file is in WAL mode. */
		if (empty && db_exec(db, "PRAGMA page_size = 8192") != 0)
			goto fail_db;
		if (db_exec(db, "PRAGMA journal_mode = WAL") != 0 ||
		    db_exec(db, "PRAGMA journal_size_limit = 67108864") != 0 ||
		    db_exec(db, "PRAGMA synchronous = NORMAL") != 0)
			goto fail_db;
		if (schema_migrate(db) != 0)
			goto fail_db;
	} else if (schema_version(db) != schema_latest()) {
		snprintf(err, errlen, _("the database %s has schema version %d, this paicha "
		    "needs %d: open it once read-write to upgrade it"), path,
		    schema_version(db), schema_latest());
		goto fail;
	}
	*out = db;
	return 0;
fail_db:
	snprintf(err, errlen, _("cannot use the database %s: %s"), path, db_error(db));
fail:
	db_close(db);
	return DB_ERROR;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	for (size_t i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	free(db->cache);
	if (db->conn != NULL)
		sqlite3_close(db->conn);
	free(db->path);
	free(db);
}

int
db_integrity(struct db *db, void (*report)(void *, const char *), void *arg)
{
	sqlite3_stmt *st;
	int problems = 0, rc;
	char line[512];

	if (sqlite3_prepare_v2(db->conn, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "PRAGMA integrity_check"), -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (s != NULL && strcmp(s, "ok") != 0) {
			snprintf(line, sizeof line, _("integrity: %s"), s);
			report(arg, line);
			problems++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "PRAGMA integrity_check"), -1;
	if (sqlite3_prepare_v2(db->conn, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "PRAGMA foreign_key_check"), -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(line, sizeof line, _("foreign key: %s row %lld refers to a missing %s row"),
		    (const char *)sqlite3_column_text(st, 0), sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2));
		report(arg, line);
		problems++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, "PRAGMA foreign_key_check"), -1;
	return problems;
}

int
db_backup(struct db *db, const char *dest)
{
	static const char sql[] = "VACUUM INTO ?1";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	db_bind_text(st, 1, dest);
	return db_step_done(db, st);
}
