/*
 * fault.h -- why something failed, as facts: a code and what the sentence
 * needs (a name, a number, SQLite's own code and message).  db/ records a
 * fault and never words it; fault_text() words it for people, through
 * gettext.  It lives in forms/ (below db/, beside labels.c) so that db/ can
 * fill one in and tui/, io/ and cli/ can all word it the same way without
 * another layer; db_error() and db_open()'s message are where the two meet.
 *
 * The facts each code uses are named at the code: a and b are numbers, s
 * and t texts.
 */
#ifndef PAICHA_FORMS_FAULT_H
#define PAICHA_FORMS_FAULT_H

#include <stddef.h>

/* printf-style checking of a function's format argument f, arguments from a. */
#define FAULT_PRINTF(f, a) __attribute__((format(printf, f, a)))

enum fault_code {
	FAULT_NONE,		/* "unknown error" */
	FAULT_TEXT,		/* s: a message already in words (db_failf's) */
	FAULT_SQLITE,		/* a: SQLite's extended code, s: its message, t: the
				 * statement (first line), path: the file */
	/* opening the database; path: the file */
	FAULT_DB_MISSING,	/* no file */
	FAULT_DB_CREATE,	/* s: strerror */
	FAULT_DB_OPEN,		/* a: SQLite's code, s: its message */
	FAULT_DB_FOREIGN,	/* not a paicha database */
	FAULT_DB_EMPTY,		/* no schema yet */
	FAULT_DB_OLD_SCHEMA,	/* a: its version, b: the one needed */
	FAULT_DB_NEW_SCHEMA,	/* a: its version, b: the newest this paicha knows */
	FAULT_DB_USE,		/* s: the fault that stopped it, in words */
	FAULT_DB_NO_ACCESS,	/* s: strerror */
	FAULT_DB_NOT_SQLITE,	/* not even an SQLite file */
	/* the database's files (db/dbfiles.c); s: the file */
	FAULT_FILE_REPLACED,	/* deleted or replaced under a running paicha */
	FAULT_FILE_GROUP,	/* t: its group, u: the database's */
	FAULT_FILE_MODE,	/* a: its mode, u: the database's group */
	FAULT_FILE_NO_WRITE,	/* a: mode, t: its group, u: the database's */
	FAULT_FILE_NO_READ,	/* a: mode, t: its group, u: the database's */
	FAULT_FILE_WAL_LOST,	/* a: 2 when saved changes were in it */
	FAULT_FILE_DELETED_USED,	/* a: pid, t: its account */
	FAULT_FILE_WAL_PINNED,	/* a: MB, b: pid, t: program, u: account */
	/* users */
	FAULT_NO_LOGIN,		/* s: login */
	FAULT_NO_USER,		/* a: user id */
	FAULT_LOGIN_EXISTS,	/* s: login */
	FAULT_NOT_LEAD,		/* assigning without the role */
	FAULT_USER_DISABLED,	/* s: name, t: login */
	/* workers, cases, claims */
	FAULT_NO_WORKER,	/* s: what was asked for */
	FAULT_NO_WORKER_ID,	/* a: worker id */
	FAULT_WORKER_EXISTS,	/* s: ID number */
	FAULT_NO_PHONE,		/* no such phone number */
	FAULT_NO_CASE,		/* a: worker id */
	FAULT_CLAIMED,		/* s: who works on it */
	FAULT_WORKER_CHANGED,	/* a: worker id, b: its version now */
	/* follow-ups and drafts */
	FAULT_NO_FOLLOWUP,	/* a: follow-up id */
	FAULT_FOLLOWUP_CLOSED,	/* a: follow-up id, s: how it was closed */
	FAULT_DRAFT_KEY,	/* a draft answer's key cannot be stored */
	FAULT_NO_DRAFT,		/* a: worker id */
	FAULT_DRAFT_DAMAGED,	/* a: worker id */
	/* settings: s: the key, t: the value */
	FAULT_SETTING_RANGE,	/* a..b: the range */
	FAULT_SETTING_TOWNSHIP,
	FAULT_SETTING_DIVISION,
	FAULT_SETTING_AREA_CODE,
	FAULT_SETTING_UNKNOWN,
	FAULT_SETTING_INVALID,	/* stored; u: why, in words */
	/* what `paicha check` finds */
	FAULT_CHECK_INTEGRITY,	/* s: SQLite's line */
	FAULT_CHECK_FOREIGN_KEY,	/* s: table, a: row, t: the missing parent */
	FAULT_CHECK_CASE_DIFFERS,	/* a: worker, s: name, t: the difference */
	FAULT_CHECK_NO_CASE,	/* a: worker, s: name */
	FAULT_CHECK_NO_QUEUE,	/* a: worker, s: name, t: investigator's login or NULL, b: 1 when that investigator is disabled */
	FAULT_CHECK_QUEUE_KEY,	/* a: worker, s: name, t: the stored or recomputed row */
	FAULT_CHECK_TALLY,	/* a: stored, b: recomputed, s: the tally's row */
	FAULT_CHECK_CALL_USER,	/* a: call, b: user */
	FAULT_CHECK_CALL_WORKER,	/* a: call, b: worker */
	FAULT_CHECK_FOLLOWUP_WORKER,	/* a: follow-up, b: worker */
	FAULT_CHECK_FOLLOWUP_USER,	/* a: follow-up, b: user */
	FAULT_CHECK_ASSIGNMENT_USER,	/* a: assignment, b: user */
	FAULT_CHECK_CASE_INVESTIGATOR,	/* a: worker, b: investigator */
};

struct fault {
	enum fault_code code;
	long long a, b;
	char s[512];
	char t[2048];
	char u[512];
	char path[512];
};

/* Fill f: code with its numbers and texts (NULL texts are ""). */
void fault_set(struct fault *f, enum fault_code, long long a, long long b,
    const char *s, const char *t);
/* Set the third text. */
void fault_set_u(struct fault *f, const char *u);
/* The fault in words for people, into out; returns out. */
char *fault_text(const struct fault *f, char *out, size_t outsz);

#endif
