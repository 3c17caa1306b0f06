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
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/dbi.h"
#include "db/schema.h"
#include "forms/xmalloc.h"

/* How long a statement waits for another process's lock, in ms, and
 * after how long (and then how often) it says so. */
#define DB_BUSY_TIMEOUT_MS 20000
#define DB_BUSY_NOTICE_MS 1000

static long long
db_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* SQLite's busy handler: wait in short sleeps, saying who holds the lock
 * after a second and every second after; give up after the timeout. */
static int
db_busy(void *arg, int count)
{
	struct db *db = arg;
	long long now = db_ms(), waited;
	char holder[160];

	if (count == 0)
		db->wait_start = db->wait_told = now;
	waited = now - db->wait_start;
	if (waited >= DB_BUSY_TIMEOUT_MS)
		return 0;
	if (db->wait_notice != NULL && now - db->wait_told >= DB_BUSY_NOTICE_MS) {
		db->wait_told = now;
		if (db_lock_holder(db, holder, sizeof holder) != 0)
			holder[0] = '\0';
		db->wait_notice(db->wait_arg, holder, (int)waited);
	}
	usleep(count < 10 ? 2000 : 10000);
	return 1;
}

void
db_on_wait(struct db *db, void (*notice)(void *, const char *, int), void *arg)
{
	db->wait_notice = notice;
	db->wait_arg = arg;
}

/* Word the fault just recorded, while the caller's locale is in force. */
static void
db_word(struct db *db)
{
	snprintf(db->fault.path, sizeof db->fault.path, "%s", db->path);
	fault_text(&db->fault, db->errmsg, sizeof db->errmsg);
}

int
db_refuse(struct db *db, int status, enum fault_code code, long long a, long long b,
    const char *s, const char *t)
{
	fault_set(&db->fault, code, a, b, s, t);
	db_word(db);
	return status;
}

int
db_failf(struct db *db, const char *fmt, ...)
{
	va_list ap;
	char text[sizeof db->fault.s];

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	return db_refuse(db, DB_INVALID, FAULT_TEXT, 0, 0, text, NULL);
}

int
db_fail(struct db *db, const char *sql)
{
	int code = sqlite3_extended_errcode(db->conn);
	char first[128], holder[160];

	/* Keep the message readable: the first line of the SQL is enough. */
	snprintf(first, sizeof first, "%.*s", sql != NULL ? (int)strcspn(sql, "\n") : 0,
	    sql != NULL ? sql : "");
	if (strlen(first) > 120)
		first[120] = '\0';
	/* a full disk met while growing the -shm or the -wal (the first
	 * process to open the database truncates the -shm) is an I/O error
	 * to SQLite, but the disk is full all the same */
	if ((code & 0xff) == SQLITE_IOERR && sqlite3_system_errno(db->conn) == ENOSPC)
		code = SQLITE_FULL;
	fault_set(&db->fault, FAULT_SQLITE, code, 0, sqlite3_errmsg(db->conn), first);
	/* who held the lock, when that was the failure (forms/fault.c words it) */
	if (((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) &&
	    db_lock_holder(db, holder, sizeof holder) == 0)
		snprintf(db->fault.u, sizeof db->fault.u, "%s", holder);
	db_word(db);
	return DB_ERROR;
}

const struct fault *
db_fault(const struct db *db)
{
	return &db->fault;
}

const char *
db_error(const struct db *db)
{
	if (db->errmsg[0] == '\0')	/* no failure yet: FAULT_NONE, worded */
		fault_text(&db->fault, ((struct db *)db)->errmsg, sizeof db->errmsg);
	return db->errmsg;
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
		db->cache = xrealloc(db->cache, cap * sizeof *db->cache);
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

void
db_text_copy(char *dst, size_t sz, const char *src)
{
	size_t n = src ? strlen(src) : 0;

	if (n >= sz) {
		n = sz - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

void
db_column_copy(sqlite3_stmt *st, int col, char *dst, size_t sz)
{
	db_text_copy(dst, sz, (const char *)sqlite3_column_text(st, col));
}

char *
db_column_strdup(sqlite3_stmt *st, int col)
{
	const unsigned char *s = sqlite3_column_text(st, col);

	if (s == NULL)
		return NULL;
	return xstrdup((const char *)s);
}

int
db_begin_write(struct db *db)
{
	if (db_files_refuse(db) != 0)
		return DB_ERROR;
	if (db_exec(db, "BEGIN IMMEDIATE") != 0)
		return DB_ERROR;
	db->in_tx = 1;
	/* Holding the write lock, look again: a -shm replaced meanwhile
	 * means that lock is not the one the others take. */
	if (db_files_refuse(db) != 0) {
		db_rollback(db);
		return DB_ERROR;
	}
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
	if (db_files_refuse(db) != 0 || db_exec(db, "COMMIT") != 0) {
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
	struct fault fault = db->fault;

	/* Keep the error that made us roll back, not ROLLBACK's own. */
	memcpy(keep, db->errmsg, sizeof keep);
	if (!sqlite3_get_autocommit(db->conn))
		sqlite3_exec(db->conn, "ROLLBACK", NULL, NULL, NULL);
	memcpy(db->errmsg, keep, sizeof keep);
	db->fault = fault;
	db->in_tx = 0;
}

int
db_screen_tune(struct db *db)
{
	/* 512 KiB (negative: KiB; SQLite's default is 2 MB): a screen reads
	 * a page of rows at a time through indexes; the kernel's page cache
	 * keeps the file, and the process's memory stays the same at 1k and
	 * 1M workers (docs/benchmarks.md). */
	return db_exec(db, "PRAGMA cache_size = -512");
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

int
db_changes_seq(struct db *db, const long long *aud, int n, long long *seq)
{
	static const char sql[] = "SELECT audience, seq FROM changes WHERE audience IN (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	int rc;

	if (n < 0 || n > DB_CHANGES_MAX)
		return db_failf(db, "db_changes_seq: %d audiences", n), DB_ERROR;
	for (int i = 0; i < n; i++)
		seq[i] = 0;
	if ((st = db_stmt(db, sql)) == NULL)
		return DB_ERROR;
	/* unused places repeat the first audience */
	for (int i = 0; i < DB_CHANGES_MAX; i++)
		sqlite3_bind_int64(st, i + 1, n > 0 ? aud[i < n ? i : 0] : 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long a = sqlite3_column_int64(st, 0);

		for (int i = 0; i < n; i++)
			if (aud[i] == a)
				seq[i] = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

/* Does the file look like it holds paicha's schema (or nothing at all)? */
static int
db_is_paicha(struct db *db, int *empty)
{
	/* paicha's first migration made all four; a foreign file that
	 * happens to have a workers table is not ours. */
	static const char sql[] =
	    "SELECT count(*), sum(name IN ('settings', 'users', 'workers', 'cases')) "
	    "FROM sqlite_schema WHERE type = 'table'";
	sqlite3_stmt *st = db_stmt(db, sql);
	int ok = 0;

	*empty = 0;
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*empty = sqlite3_column_int(st, 0) == 0;
		ok = *empty || sqlite3_column_int(st, 1) == 4;
	} else {
		db_fail(db, sql);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	if (ok && !*empty && schema_version(db) < 1)
		ok = 0;
	return ok;
}

/* db_open()'s failure, in words, into err. */
static void
db_open_fault(char *err, size_t errlen, const char *path, enum fault_code code, long long a,
    const char *s)
{
	struct fault f;

	fault_set(&f, code, a, 0, s, NULL);
	snprintf(f.path, sizeof f.path, "%s", path);
	fault_text(&f, err, errlen);
}

/* Does a file that is there begin as every SQLite database does?  1 yes,
 * 2 yes and in WAL mode, 0 no, -1 empty or unreadable (SQLite then tells). */
static int
db_is_sqlite(const char *path)
{
	static const char magic[16] = "SQLite format 3";
	unsigned char head[20];
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, head, sizeof head);
	close(fd);
	if (n == 0)
		return -1;
	if (n != (ssize_t)sizeof head || memcmp(head, magic, sizeof magic) != 0)
		return 0;
	return head[18] == 2 ? 2 : 1;	/* the file format's read version */
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
	int flags, empty, rc, persist, wal = 0;

	*out = NULL;
	/* No memory statistics: they put one mutex around every allocation
	 * of every thread (an import writes from two).  Only possible before
	 * SQLite initialises, which the first open does; later calls fail
	 * harmlessly. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (stat(path, &sb) != 0 && errno == EACCES) {
		db_open_fault(err, errlen, path, FAULT_DB_NO_ACCESS, 0, strerror(errno));
		return DB_DENIED;
	}
	if (mode != DB_OPEN_CREATE && stat(path, &sb) != 0) {
		db_open_fault(err, errlen, path, FAULT_DB_MISSING, 0, NULL);
		return DB_NOTFOUND;
	}
	if (stat(path, &sb) == 0) {
		if (!S_ISREG(sb.st_mode) || (wal = db_is_sqlite(path)) == 0) {
			db_open_fault(err, errlen, path, FAULT_DB_NOT_SQLITE, 0, NULL);
			return DB_INVALID;
		}
		if ((rc = db_files_check(path, mode != DB_OPEN_READONLY, err, errlen)) != 0)
			return rc;
	}
	db = xcalloc(1, sizeof *db);
	db->path = xstrdup(path);
	if (wal == 2)
		db->wal_lost_at_open = db_files_wal_lost(path);
	flags = mode == DB_OPEN_READONLY ? SQLITE_OPEN_READONLY
	    : SQLITE_OPEN_READWRITE | (mode == DB_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (mode == DB_OPEN_CREATE && stat(path, &sb) != 0) {
		/* Investigators in one group share the file: rw for the group,
		 * nothing for others (it holds personal data).  SQLite gives the
		 * -wal and -shm files the same mode. */
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
		if (fd < 0) {
			db_open_fault(err, errlen, path, FAULT_DB_CREATE, 0, strerror(errno));
			goto fail;
		}
		fchmod(fd, 0660);
		close(fd);
	}
	rc = sqlite3_open_v2(path, &db->conn, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		db_open_fault(err, errlen, path, FAULT_DB_OPEN, rc,
		    db->conn ? sqlite3_errmsg(db->conn) : strerror(ENOMEM));
		goto fail;
	}
	sqlite3_extended_result_codes(db->conn, 1);
	sqlite3_busy_handler(db->conn, db_busy, db);
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
		db_open_fault(err, errlen, path, FAULT_DB_FOREIGN, 0, NULL);
		goto fail;
	}
	if (empty && mode != DB_OPEN_CREATE) {
		db_open_fault(err, errlen, path, FAULT_DB_EMPTY, 0, NULL);
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
		    db_exec(db, "PRAGMA synchronous = FULL") != 0)
			goto fail_db;
		if (schema_migrate(db) != 0)
			goto fail_db;
		/* The migration's transaction opened the -wal and -shm. */
		db_files_note(db);
	} else if (schema_version(db) != schema_latest()) {
		struct fault f = { .code = FAULT_DB_OLD_SCHEMA, .a = schema_version(db),
			.b = schema_latest() };

		snprintf(f.path, sizeof f.path, "%s", path);
		fault_text(&f, err, errlen);
		goto fail;
	}
	*out = db;
	return 0;
fail_db:
	db_open_fault(err, errlen, path, FAULT_DB_USE, 0, db_error(db));
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
	/* The last connection to close checkpoints the -wal into the
	 * database: from a replaced -wal or -shm that would write its stale
	 * picture over the others' work. */
	if (db->conn != NULL && db->files[0].have && db_files_changed(db) != 0)
		sqlite3_db_config(db->conn, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	if (db->conn != NULL)
		sqlite3_close(db->conn);
	free(db->path);
	free(db);
}

int
db_sqlite_check(struct db *db, int full, void (*report)(void *, const char *), void *arg)
{
	const char *sql = full ? "PRAGMA integrity_check" : "PRAGMA quick_check";
	sqlite3_stmt *st;
	int problems = 0, rc;
	char line[2600];
	struct fault f;

	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, sql), -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (s != NULL && strcmp(s, "ok") != 0) {
			fault_set(&f, FAULT_CHECK_INTEGRITY, 0, 0, s, NULL);
			report(arg, fault_text(&f, line, sizeof line));
			problems++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return db_fail(db, sql), -1;
	return problems;
}

int
db_integrity(struct db *db, void (*report)(void *, const char *), void *arg)
{
	sqlite3_stmt *st;
	int problems, rc;
	char line[2600];
	struct fault f;

	if ((problems = db_sqlite_check(db, 1, report, arg)) < 0)
		return -1;
	if (sqlite3_prepare_v2(db->conn, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, "PRAGMA foreign_key_check"), -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		fault_set(&f, FAULT_CHECK_FOREIGN_KEY, sqlite3_column_int64(st, 1), 0,
		    (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 2));
		report(arg, fault_text(&f, line, sizeof line));
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

int
db_copy_in_memory(struct db *db, struct db **out)
{
	static const char page_size[] = "PRAGMA main.page_size";
	struct db *c = xcalloc(1, sizeof *c);
	sqlite3_backup *b;
	long long psz;
	char pragma[64];
	int rc;

	*out = NULL;
	c->path = xstrdup(db->path);
	if (db_step_int64(db, db_stmt(db, page_size), &psz) != 0)
		goto fail;
	if (sqlite3_open_v2(":memory:", &c->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		db_failf(db, "%s", c->conn ? sqlite3_errmsg(c->conn) : strerror(ENOMEM));
		goto fail;
	}
	sqlite3_extended_result_codes(c->conn, 1);
	/* an in-memory copy takes the pages only at the source's size */
	snprintf(pragma, sizeof pragma, "PRAGMA page_size = %lld", psz);
	if (db_exec(c, pragma) != 0) {
		db_failf(db, "%s", db_error(c));
		goto fail;
	}
	/* one step: every page under one read transaction of the source's */
	if ((b = sqlite3_backup_init(c->conn, "main", db->conn, "main")) == NULL) {
		db_failf(db, "%s", sqlite3_errmsg(c->conn));
		goto fail;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		db_failf(db, "%s", sqlite3_errstr(rc));
		goto fail;
	}
	if (db_exec(c, "PRAGMA foreign_keys = ON") != 0) {
		db_failf(db, "%s", db_error(c));
		goto fail;
	}
	*out = c;
	return 0;
fail:
	db_close(c);
	return DB_ERROR;
}

int
db_sandbox(struct db *db)
{
	static const char sql[] = "SELECT count(*) FROM sandbox";
	long long n = 0;

	if (db_step_int64(db, db_stmt(db, sql), &n) != 0)
		return 0;
	return n > 0;
}

int
db_sandbox_mark(struct db *db, long long made_at, const char *login)
{
	static const char sql[] =
	    "INSERT INTO sandbox(made_at, by_login) SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM sandbox)";
	sqlite3_stmt *st;
	int rc;

	if ((rc = db_begin_write(db)) != 0)
		return rc;
	if ((st = db_stmt(db, sql)) == NULL) {
		db_rollback(db);
		return DB_ERROR;
	}
	sqlite3_bind_int64(st, 1, made_at);
	db_bind_text(st, 2, login);
	if ((rc = db_step_done(db, st)) != 0) {
		db_rollback(db);
		return rc;
	}
	return db_commit(db);
}
