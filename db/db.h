/*
 * db.h -- the township database: one SQLite file shared by many processes.
 *
 * The connection is private to db/: the rest of paicha sees domain
 * functions (users_*, workers_*, cases_*, calls_*, ...) and never SQL.
 * Every function that can fail returns 0 on success or a negative
 * enum db_status; db_fault() then tells what went wrong as facts (a code,
 * the names and numbers, SQLite's own code and message and the statement)
 * and db_error() the same in words, worded by forms/fault.c.
 */
#ifndef PAICHA_DB_DB_H
#define PAICHA_DB_DB_H

#include <stddef.h>

#include "forms/fault.h"

struct db;

enum db_status {
	DB_OK = 0,
	DB_ERROR = -1,		/* SQLite failed (I/O, disk full, corrupt, ...) */
	DB_NOTFOUND = -2,	/* no such row */
	DB_CONFLICT = -3,	/* held by someone else (a claim), or exists */
	DB_INVALID = -4,	/* the request itself is wrong; message says why */
	DB_DENIED = -5,		/* the user's role does not allow it */
};

enum db_open_mode {
	DB_OPEN_EXISTING,	/* fail if the file is not a paicha database */
	DB_OPEN_CREATE,		/* create the file and the schema if missing */
	DB_OPEN_READONLY,	/* read only; no migration */
};

/* Open the database at path; on failure *out is NULL and err says why. */
int db_open(const char *path, enum db_open_mode mode, struct db **out,
    char *err, size_t errlen);
void db_close(struct db *);
const char *db_path(const struct db *);
/* The last failure as facts. */
const struct fault *db_fault(const struct db *);
/* The last failure in words, for the user (never NULL). */
const char *db_error(const struct db *);
/* Record a failure: its code and facts (see forms/fault.h); returns status
 * (DB_NOTFOUND, DB_INVALID ...), so that `return db_refuse(...)`. */
int db_refuse(struct db *, int status, enum fault_code, long long a, long long b,
    const char *s, const char *t);
/* Record a failure already in words (FAULT_TEXT); returns DB_INVALID. */
int db_failf(struct db *, const char *fmt, ...) FAULT_PRINTF(2, 3);

/* Transactions: writers always start with BEGIN IMMEDIATE. */
int db_begin_write(struct db *);
int db_begin_read(struct db *);
int db_commit(struct db *);
void db_rollback(struct db *);

/* A number that changes whenever another connection commits a change
 * (PRAGMA data_version); for live screens. */
int db_data_version(struct db *);
/* The screens' connection: a small page cache (memory the same at any size). */
int db_screen_tune(struct db *);

/* The change counters of audiences (a user's id; 0 the leads' pool;
 * DB_CHANGES_ANY anything a screen shows): seq[i] moves whenever something
 * aud[i]'s screens show may have changed (db/schema.c, the migration that
 * made the table changes, says which writes move which).  One statement;
 * an audience without a counter reads 0.  0, or DB_ERROR. */
#define DB_CHANGES_ANY (-1LL)
#define DB_CHANGES_MAX 4
int db_changes_seq(struct db *, const long long *aud, int n, long long *seq);

/* SQLite's own check of the file: PRAGMA quick_check (every page, b-tree
 * and record, NOT NULL, CHECK and the STRICT types: linear in the size),
 * or with full PRAGMA integrity_check (also every index entry against its
 * table row, and UNIQUE: a lookup per row of each index, several times
 * longer).  Problems are reported through report(); returns the number of
 * problems or -1. */
int db_sqlite_check(struct db *, int full, void (*report)(void *, const char *), void *arg);
/* db_sqlite_check() in full, then PRAGMA foreign_key_check; the same. */
int db_integrity(struct db *, void (*report)(void *, const char *), void *arg);

/* Before opening: do the database, its -wal and -shm have the group and
 * mode the others need (and may this account use them)?  0, or DB_DENIED
 * with err naming the file and the commands that mend it. */
int db_files_check(const char *path, int writing, char *err, size_t errlen);
/* For paicha check: a -wal or -shm missing at open, wrong groups and
 * modes, processes still using a deleted one; returns how many. */
int db_files_problems(struct db *, void (*report)(void *, const char *), void *arg);

/* Is this a sandbox (a test or training database, made with a pinned
 * clock)?  Only there is PAICHA_NOW honoured; see schema migration 7. */
int db_sandbox(struct db *);
/* Mark a database just created as a sandbox (once; kept for good). */
int db_sandbox_mark(struct db *, long long made_at, const char *login);

/* For paicha check: when the -wal is larger than limit bytes, name each
 * process that keeps it from being reset (an old read still open);
 * returns how many. */
int db_files_readers(struct db *, long long limit, void (*report)(void *, const char *),
    void *arg);

/* While a statement waits for another process's write lock: after about
 * a second, and then every second, notice(arg, holder, waited_ms) is
 * called (holder: "login (pid N, program)" or "" if unknown) so that a
 * screen or a command can say so; the wait itself goes on up to 20 s. */
void db_on_wait(struct db *, void (*notice)(void *, const char *holder, int waited_ms),
    void *arg);

/* Online, consistent copy of the database to dest (VACUUM INTO). */
int db_backup(struct db *, const char *dest);

/* A private copy of the database in this process's memory, read in one
 * read transaction (no write lock, however long others hold theirs):
 * what a dry run writes into and throws away (db_close()).  0, or
 * DB_ERROR with db_error(db) saying why. */
int db_copy_in_memory(struct db *, struct db **copy);

#endif
