/*
 * dbi.h -- what db/ modules share about the connection.  Only files in
 * db/ include this (and with it sqlite3.h).
 */
#ifndef PAICHA_DB_DBI_H
#define PAICHA_DB_DBI_H

#include <sys/types.h>
#include <sqlite3.h>

#include "db/db.h"
#include "forms/fault.h"

struct stmt_cache_entry {
	const char *sql;	/* the static string's address is the key */
	sqlite3_stmt *stmt;
};

/* The database, its -wal and its -shm, as this connection opened them. */
#define DB_NFILES 3
struct db_fileid {
	dev_t dev;
	ino_t ino;
	int have;
};

struct db {
	sqlite3 *conn;
	char *path;
	int in_tx;
	struct fault fault;	/* the last failure, as facts */
	char errmsg[4096];	/* fault in words (forms/fault.c) */
	struct db_fileid files[DB_NFILES];
	int stale;		/* 1 + the file found replaced, or 0 */
	int wal_lost_at_open;	/* see db_files_wal_lost() */
	void (*wait_notice)(void *, const char *holder, int waited_ms);
	void *wait_arg;
	long long wait_start, wait_told;	/* ms, of the lock wait going on */
	struct stmt_cache_entry *cache;
	size_t ncache, capcache;
};

/*
 * A prepared statement for a static SQL string, prepared once and reused
 * (fossil's db_static_prepare).  Returned reset with bindings cleared; NULL
 * on error (db_error() says why).  Never build SQL with printf.
 */
sqlite3_stmt *db_stmt(struct db *, const char *sql);
/* Record SQLite's current error with the statement it came from; returns DB_ERROR. */
int db_fail(struct db *, const char *sql);
/* Run SQL without results (DDL, PRAGMA); returns 0 or DB_ERROR. */
int db_exec(struct db *, const char *sql);
/* Step a statement that returns no rows; returns 0 or DB_ERROR. */
int db_step_done(struct db *, sqlite3_stmt *);
/* Run one statement without results in its own write transaction, with
 * ?1 = a and (nbind 2) ?2 = b. */
int db_write_ids(struct db *, const char *sql, int nbind, long long a, long long b);
/* Step a prepared statement that yields one integer (a count) into *out;
 * 0 or DB_ERROR.  The statement is reset either way.  st may be NULL
 * (what db_stmt() returns when it fails: DB_ERROR), so that a query
 * without parameters is db_step_int64(db, db_stmt(db, sql), &n). */
int db_step_int64(struct db *, sqlite3_stmt *, long long *out);
/* Bind helpers that treat NULL pointers as SQL NULL. */
int db_bind_text(sqlite3_stmt *, int idx, const char *s);
/* A column as a malloc'd string (NULL for SQL NULL). */
char *db_column_strdup(sqlite3_stmt *, int col);
/* A text column copied into dst (sz bytes; "" for SQL NULL), cut at a
 * UTF-8 character boundary when it does not fit. */
void db_column_copy(sqlite3_stmt *, int col, char *dst, size_t sz);
/* The same for a string (NULL: ""). */
void db_text_copy(char *dst, size_t sz, const char *src);

/* dbfiles.c: path + "", "-wal" or "-shm" (which 0, 1, 2). */
void db_files_name(const char *path, int which, char *out, size_t sz);
/* Remember the files this connection has open (after the first transaction). */
void db_files_note(struct db *);
/* 1 + the number of the first file that was removed or replaced since, or 0. */
int db_files_changed(struct db *);
/* Before opening: a -shm without its -wal is not what SQLite leaves (it
 * removes the -shm first): somebody deleted the -wal.  0 no, 1 yes, 2 yes
 * and the -shm says it held saved changes. */
int db_files_wal_lost(const char *path);
/* "login (pid N, program)" of the process holding the write lock; 0, or
 * -1 if none can be told (not Linux, or no other paicha holds it). */
int db_lock_holder(struct db *, char *out, size_t sz);
/* DB_ERROR with the message when a file was replaced, else 0. */
int db_files_refuse(struct db *);

#endif
