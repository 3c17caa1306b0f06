/* fault.c -- a fault's facts in words; see fault.h. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include "fault.h"
#include "i18n.h"
#include "labels.h"

/* SQLite's primary result codes that say what the user can do. */
enum { SQ_PERM = 3, SQ_BUSY = 5, SQ_LOCKED = 6, SQ_READONLY = 8, SQ_IOERR = 10,
	SQ_CORRUPT = 11, SQ_FULL = 13, SQ_CANTOPEN = 14, SQ_NOTADB = 26 };

void
fault_set_u(struct fault *f, const char *u)
{
	snprintf(f->u, sizeof f->u, "%s", u != NULL ? u : "");
}

void
fault_set(struct fault *f, enum fault_code code, long long a, long long b, const char *s,
    const char *t)
{
	f->code = code;
	f->a = a;
	f->b = b;
	snprintf(f->s, sizeof f->s, "%s", s != NULL ? s : "");
	snprintf(f->t, sizeof f->t, "%s", t != NULL ? t : "");
	f->u[0] = '\0';
}

/* What SQLite's code means for the file at path and what to do, into out;
 * "" when the code says nothing a person can act on. */
static void
fault_sqlite_advice(long long code, const char *path, char *out, size_t sz)
{
	switch (code & 0xff) {
	case SQ_FULL:
		snprintf(out, sz, _("the disk that holds %s is full: free some space and try "
		    "again; nothing was saved"), path);
		break;
	case SQ_BUSY:
	case SQ_LOCKED:
		snprintf(out, sz, _("%s is locked: another paicha process held it too long; "
		    "try again in a moment"), path);
		break;
	case SQ_READONLY:
	case SQ_CANTOPEN:
	case SQ_PERM:
		snprintf(out, sz, _("you may not write %s or its folder: check that you may "
		    "write the database file and its folder (ls -l shows their group; ask the "
		    "administrator to add you to it, then log in again)"), path);
		break;
	case SQ_CORRUPT:
	case SQ_NOTADB:
		snprintf(out, sz, _("%s is damaged or is not a paicha database: name the right "
		    "file with --db or PAICHA_DB, or restore the latest backup"), path);
		break;
	case SQ_IOERR:
		snprintf(out, sz, _("reading or writing %s failed (a disk fault?): try again, "
		    "and tell the administrator if it happens again"), path);
		break;
	default:
		out[0] = '\0';
	}
}

/* The check lines about rows that point nowhere: a and b. */
static void
fault_text_orphan(const struct fault *f, char *out, size_t sz)
{
	switch (f->code) {
	case FAULT_CHECK_CALL_USER:
		snprintf(out, sz, _("call %lld was made by user %lld, who does not exist"), f->a,
		    f->b);
		break;
	case FAULT_CHECK_CALL_WORKER:
		snprintf(out, sz, _("call %lld is to worker %lld, who does not exist"), f->a, f->b);
		break;
	case FAULT_CHECK_FOLLOWUP_WORKER:
		snprintf(out, sz, _("follow-up %lld is for worker %lld, who does not exist"), f->a,
		    f->b);
		break;
	case FAULT_CHECK_FOLLOWUP_USER:
		snprintf(out, sz, _("follow-up %lld belongs to user %lld, who does not exist"),
		    f->a, f->b);
		break;
	case FAULT_CHECK_ASSIGNMENT_USER:
		snprintf(out, sz, _("assignment %lld is to user %lld, who does not exist"), f->a,
		    f->b);
		break;
	default:
		snprintf(out, sz, _("there is a case for worker %lld (investigator %lld), who "
		    "does not exist"), f->a, f->b);
		break;
	}
}

/* The faults of opening a database, and the settings'. */
static int
fault_text_open(const struct fault *f, char *out, size_t sz)
{
	char advice[1024];

	switch (f->code) {
	case FAULT_DB_MISSING:
		snprintf(out, sz, _("no database at %s: create one with 'paicha init', "
		    "or name the right file with --db or PAICHA_DB"), f->path);
		return 1;
	case FAULT_DB_CREATE:
		snprintf(out, sz, _("cannot create the database %s: %s"), f->path, f->s);
		return 1;
	case FAULT_DB_OPEN:
		fault_sqlite_advice(f->a, f->path, advice, sizeof advice);
		if (advice[0] != '\0')
			snprintf(out, sz, _("cannot open the database %s: %s (SQLite: %s)"), f->path,
			    advice, f->s);
		else
			snprintf(out, sz, _("cannot open the database %s: %s"), f->path, f->s);
		return 1;
	case FAULT_DB_FOREIGN:
		snprintf(out, sz, _("%s is not a paicha database: name the right file "
		    "with --db or PAICHA_DB"), f->path);
		return 1;
	case FAULT_DB_EMPTY:
		snprintf(out, sz, _("the database %s is empty: create it with 'paicha init'"),
		    f->path);
		return 1;
	case FAULT_DB_OLD_SCHEMA:
		snprintf(out, sz, _("the database %s has schema version %d, this paicha "
		    "needs %d: open it once read-write to upgrade it"), f->path, (int)f->a,
		    (int)f->b);
		return 1;
	case FAULT_DB_NEW_SCHEMA:
		snprintf(out, sz, _("the database %s has schema version %d, newer than this "
		    "paicha understands (%d): install the newer paicha"), f->path, (int)f->a,
		    (int)f->b);
		return 1;
	case FAULT_DB_USE:
		snprintf(out, sz, _("cannot use the database %s: %s"), f->path, f->s);
		return 1;
	case FAULT_SETTING_RANGE:
		snprintf(out, sz, _("%s must be a whole number from %d to %d, not '%s'"), f->s,
		    (int)f->a, (int)f->b, f->t);
		return 1;
	case FAULT_SETTING_TOWNSHIP:
		snprintf(out, sz, "%s", _("township must be a name of at most 30 characters"));
		return 1;
	case FAULT_SETTING_DIVISION:
		snprintf(out, sz, _("division must be the township's 9-digit "
		    "administrative division code (like 430121101), not '%s'"), f->t);
		return 1;
	case FAULT_SETTING_AREA_CODE:
		snprintf(out, sz, _("area_code must be a telephone area code "
		    "like 0731, not '%s'"), f->t);
		return 1;
	case FAULT_SETTING_UNKNOWN:
		snprintf(out, sz, _("unknown setting '%s'"), f->s);
		return 1;
	case FAULT_SETTING_INVALID:
		snprintf(out, sz, _("setting %s = '%s' is not valid: %s"), f->s, f->t, f->u);
		return 1;
	default:
		return 0;
	}
}

/* SQLite failed: what it means and what to do first, then SQLite's own
 * words and the statement for whoever looks into it. */
static void
fault_text_sqlite(const struct fault *f, char *out, size_t sz)
{
	char advice[1024];

	fault_sqlite_advice(f->a, f->path[0] ? f->path : _("the database"), advice,
	    sizeof advice);
	if (advice[0] == '\0')
		snprintf(advice, sizeof advice, _("the database %s failed"),
		    f->path[0] ? f->path : "");
	if (((f->a & 0xff) == 5 || (f->a & 0xff) == 6) && f->u[0] != '\0')	/* BUSY, LOCKED */
		snprintf(advice, sizeof advice, _("%s is locked: %s held it too long; try again in "
		    "a moment"), f->path[0] ? f->path : _("the database"), f->u);
	if (f->t[0] != '\0')
		snprintf(out, sz, _("%s (SQLite: %s) [SQL: %s]"), advice, f->s, f->t);
	else
		snprintf(out, sz, _("%s (SQLite: %s)"), advice, f->s);
}

/* The database's files and access to them, in words; 1 when f is one. */
static int
fault_text_files(const struct fault *f, char *out, size_t sz)
{
	const char *db = f->path[0] ? f->path : _("the database");

	switch (f->code) {
	case FAULT_DB_NO_ACCESS:
		snprintf(out, sz, _("this account may not reach %s (%s): an admin adds it "
		    "to the group of the database's folder"), db, f->s);
		return 1;
	case FAULT_DB_NOT_SQLITE:
		snprintf(out, sz, _("%s is not a paicha database (not even an SQLite "
		    "file): name the right file with --db or PAICHA_DB"), db);
		return 1;
	case FAULT_FILE_REPLACED:
		snprintf(out, sz, _("nothing was saved: quit paicha and start it again (%s was deleted "
		    "or replaced while paicha was running; never delete the database's -wal and "
		    "-shm files)"), f->s);
		return 1;
	case FAULT_FILE_GROUP:
		snprintf(out, sz, _("%s belongs to the group %s, not to %s like the "
		    "database: the others cannot open it. An admin mends it with: "
		    "chgrp %s '%s' && chmod 0660 '%s'"), f->s, f->t, f->u, f->u, f->s, f->s);
		return 1;
	case FAULT_FILE_MODE:
		snprintf(out, sz, _("%s has mode %04o: its group %s cannot write it. "
		    "An admin mends it with: chmod 0660 '%s'"), f->s, (unsigned)f->a, f->u, f->s);
		return 1;
	case FAULT_FILE_NO_WRITE:
		snprintf(out, sz, _("this account may not write %s (mode %04o, group %s): an admin adds "
		    "it to the group %s, or mends the file with: chgrp %s '%s' && chmod 0660 '%s'"),
		    f->s, (unsigned)f->a, f->t, f->u, f->u, f->s, f->s);
		return 1;
	case FAULT_FILE_NO_READ:
		snprintf(out, sz, _("this account may not read %s (mode %04o, group %s): an admin adds "
		    "it to the group %s, or mends the file with: chgrp %s '%s' && chmod 0660 '%s'"),
		    f->s, (unsigned)f->a, f->t, f->u, f->u, f->s, f->s);
		return 1;
	case FAULT_FILE_WAL_LOST:
		if (f->a == 2)
			snprintf(out, sz, _("%s was deleted with saved changes in it: they are lost; "
			    "restore the latest backup if they matter, and never delete that file"), f->s);
		else
			snprintf(out, sz, _("%s was deleted while in use; never delete that file"), f->s);
		return 1;
	case FAULT_FILE_DELETED_USED:
		snprintf(out, sz, _("process %ld (account %s) still uses the "
		    "deleted %s: it can save nothing; ask its user to quit paicha"),
		    (long)f->a, f->t, f->s);
		return 1;
	case FAULT_FILE_WAL_PINNED:
		snprintf(out, sz, _("%s has grown to %lld MB because process %ld (%s, account "
		    "%s) keeps reading an old state of the database (stopped, or waiting?): ask its user "
		    "to end it"), f->s, f->a, (long)f->b, f->t, f->u);
		return 1;
	default:
		return 0;
	}
}

char *
fault_text(const struct fault *f, char *out, size_t sz)
{
	if (fault_text_open(f, out, sz) || fault_text_files(f, out, sz))
		return out;
	switch (f->code) {
	case FAULT_NONE:
		snprintf(out, sz, "%s", _("unknown error"));
		break;
	case FAULT_TEXT:
		snprintf(out, sz, "%s", f->s);
		break;
	case FAULT_SQLITE:
		fault_text_sqlite(f, out, sz);
		break;
	case FAULT_NO_LOGIN:
		snprintf(out, sz, _("'%s' is not a registered user"), f->s);
		break;
	case FAULT_NO_USER:
		snprintf(out, sz, _("no user with number %lld"), f->a);
		break;
	case FAULT_LOGIN_EXISTS:
		snprintf(out, sz, _("'%s' is registered already: see 'paicha user list'"), f->s);
		break;
	case FAULT_NOT_LEAD:
		snprintf(out, sz, "%s",
		    _("only a lead or an admin may assign cases; ask your team lead"));
		break;
	case FAULT_USER_DISABLED:
		snprintf(out, sz, _("%s (%s) is disabled: enable the account or choose another "
		    "investigator"), f->s, f->t);
		break;
	case FAULT_NO_WORKER:
		snprintf(out, sz, _("no worker %s"), f->s);
		break;
	case FAULT_NO_WORKER_ID:
		snprintf(out, sz, _("no worker %lld"), f->a);
		break;
	case FAULT_WORKER_EXISTS:
		snprintf(out, sz, _("a worker with ID number %s exists already"), f->s);
		break;
	case FAULT_NO_PHONE:
		snprintf(out, sz, "%s", _("no such phone number"));
		break;
	case FAULT_NO_CASE:
		snprintf(out, sz, _("worker %lld has no case"), f->a);
		break;
	case FAULT_CLAIMED:
		snprintf(out, sz, _("%s is working on this case now"), f->s);
		break;
	case FAULT_WORKER_CHANGED:
		snprintf(out, sz, _("someone else changed worker %lld meanwhile (now version %lld): "
		    "nothing was saved; read it again and repeat your change"), f->a, f->b);
		break;
	case FAULT_NO_FOLLOWUP:
		snprintf(out, sz, _("no follow-up %lld: see 'paicha followup list'"), f->a);
		break;
	case FAULT_FOLLOWUP_CLOSED:
		snprintf(out, sz, _("follow-up %lld is closed already (%s)"), f->a,
		    labels_followup_closed(f->s));
		break;
	case FAULT_DRAFT_KEY:
		snprintf(out, sz, "%s", _("a draft answer has a key that cannot be stored"));
		break;
	case FAULT_NO_DRAFT:
		snprintf(out, sz, _("no draft for worker %lld"), f->a);
		break;
	case FAULT_DRAFT_DAMAGED:
		snprintf(out, sz, _("the draft for worker %lld is damaged"), f->a);
		break;
	case FAULT_CHECK_INTEGRITY:
		snprintf(out, sz, _("integrity: %s"), f->s);
		break;
	case FAULT_CHECK_FOREIGN_KEY:
		snprintf(out, sz, _("foreign key: %s row %lld refers to a missing %s row"), f->s,
		    f->a, f->t);
		break;
	case FAULT_CHECK_CASE_DIFFERS:
		snprintf(out, sz, _("worker %lld (%s): the stored case differs from its "
		    "records (stored vs recomputed): %s"), f->a, f->s, f->t);
		break;
	case FAULT_CHECK_NO_CASE:
		snprintf(out, sz, _("worker %lld (%s) has no case row"), f->a, f->s);
		break;
	case FAULT_CHECK_QUEUE_KEY:
		snprintf(out, sz, _("worker %lld (%s): the call queue's stored order differs from "
		    "its recomputation (%s): queues may show the case out of place; report this "
		    "to the developers with a backup (paicha backup)"), f->a, f->s, f->t);
		break;
	case FAULT_CHECK_TALLY:
		snprintf(out, sz, _("the lead's counts (%s) say %lld, the records give %lld: the "
		    "lead's views and the report preview count wrongly; report this to the "
		    "developers with a backup (paicha backup)"), f->s, f->a, f->b);
		break;
	case FAULT_CHECK_NO_QUEUE:
		if (f->t[0] == '\0')
			snprintf(out, sz, _("worker %lld (%s) is in nobody's queue: it has no "
			    "investigator and no active lead sees it; assign it with paicha assign"), f->a,
			    f->s);
		else
			snprintf(out, sz, _("worker %lld (%s) is in nobody's queue (investigator "
			    "%s%s); assign it with paicha assign"), f->a, f->s, f->t,
			    f->b ? _(", disabled") : "");
		break;
	default:
		fault_text_orphan(f, out, sz);
		break;
	}
	return out;
}
