/*
 * workers.h -- the roster: workers and their phone numbers.
 *
 * A worker is identified by the 18-character ID number; several workers
 * may share a phone (families do).  Changes to a stored worker go to the
 * audit log with the old and new value, so that the roster of any past
 * date can be rebuilt; phones are never deleted, only marked removed.
 */
#ifndef PAICHA_DB_WORKERS_H
#define PAICHA_DB_WORKERS_H

#include <stddef.h>
#include <time.h>

struct db;
struct phone;

enum worker_group { GROUP_A, GROUP_B };	/* A: local, employed in Hubei; B: Hubei-origin, employed locally */

struct worker {
	long long id;			/* the worker's number */
	char id_number[19];
	char name[96];
	char gender;			/* 'M', 'F' or 0 */
	char birth_date[11];
	char township[96];
	char village[96];
	enum worker_group group;
	char work_province[64];
	char work_city[64];
	char employer[192];
	char address[256];
	char source[192];
	time_t created_at;
	long long version;		/* counts changes of details and phones */
	char note[512];			/* the roster's 备注, lines by '\n' */
	char phones_invalid[256];	/* numbers given, not valid, as typed */
};

struct worker_phone {
	long long id;
	int rank;			/* 0 = primary */
	char typed[64];
	char e164[24];
	char extension[16];
	char kind[8];			/* mobile, fixed, other */
	char display[32];
	char region[96];
};

const char *worker_group_name(enum worker_group);	/* "A" / "B" */

/* Insert a new worker (id filled in), with its case; inside the caller's
 * write transaction.  DB_CONFLICT if the ID number exists. */
int workers_insert(struct db *, struct worker *, long long by_user);
/* workers_insert() without the case: for a bulk import, which makes the
 * cases of all its new workers at once (import_bulk_end()). */
int workers_insert_only(struct db *, struct worker *, long long by_user);
/* workers_insert_only() under the number w->id (a bulk load that numbers
 * its new workers itself, db/import.h). */
int workers_insert_numbered(struct db *, struct worker *, long long by_user);
/* WORKERS_INSERT_MANY workers_insert_numbered() in one statement, for new
 * ID numbers only (created_at set); 0 or DB_ERROR. */
#define WORKERS_INSERT_MANY 16
int workers_insert_numbered_many(struct db *, struct worker *const *w, long long by_user);
/* The case of worker w, just inserted: uncalled, as of w->created_at. */
int workers_insert_case(struct db *, const struct worker *w);
/* The phone to store for a number typed as typed that phone_parse() read
 * as p (id and rank 0; each text cut at a character boundary). */
void workers_phone_from(struct worker_phone *out, const char *typed, const struct phone *p);
/* In its own write transaction: check that the worker's version is still
 * seen (workers_check_version), remove the worker's phone old_id (none
 * when 0, a correction otherwise) and add p, unless the worker has that
 * number already (then *added = 0).  Rolls back whole on failure. */
int workers_replace_phone(struct db *, long long worker_id, long long seen, long long old_id,
    const struct worker_phone *p, long long by_user, int *added);
/* Inside a write transaction: 0 when worker_id's version is still seen
 * (or seen is 0: no check); DB_CONFLICT (FAULT_WORKER_CHANGED, b = the
 * version now) when someone changed its details or phones meanwhile. */
int workers_check_version(struct db *, long long worker_id, long long seen);
/* In its own write transaction: check the version seen (as above), then
 * workers_update_field() each of fields[i] = values[i]; *changed counts
 * the fields that changed.  Rolls back whole on any refusal. */
int workers_edit(struct db *, long long worker_id, long long seen, const char *const *fields,
    const char *const *values, size_t n, long long by_user, int *changed);
/* Add a phone (validated by forms/phone: typed, e164, extension, kind,
 * display, region filled in) to a worker at the next rank, unless the
 * worker has that number already (then *added = 0).  Inside a write
 * transaction. */
int workers_add_phone(struct db *, long long worker_id,
    const struct worker_phone *, int *added);
/* The phones of worker w that workers_insert() has just made, at ranks
 * 0..n-1 and created when w was: what n calls of workers_add_phone() would
 * store, without its look-ups.  No number may be there twice
 * (phones_current refuses it). */
int workers_add_new_phones(struct db *, const struct worker *w,
    const struct worker_phone *, size_t n);
/* A phone of a worker just made, at a rank, created when the worker was. */
struct worker_new_phone {
	const struct worker *w;
	const struct worker_phone *p;
	int rank;
};
/* workers_add_new_phones() for the phones of many new workers at once
 * (WORKERS_INSERT_MANY to a statement); 0 or DB_ERROR. */
int workers_insert_phones(struct db *, const struct worker_new_phone *, size_t n);
/* Mark a phone removed (kept for history).  Inside a write transaction. */
int workers_remove_phone(struct db *, long long worker_id, long long phone_id,
    long long by_user);
/* *removed = 1 when the worker's number p was removed (by a person) and is
 * not current again: an import does not bring it back. */
int workers_phone_removed(struct db *, long long worker_id, const struct worker_phone *p,
    int *removed);
int workers_get(struct db *, long long id, struct worker *out);
int workers_find_idnum(struct db *, const char *id_number, struct worker *out);
/* The worker's current phones, primary first; caller frees *out. */
int workers_phones(struct db *, long long worker_id, struct worker_phone **out, size_t *n);
/* Update one field of a worker by name ("name", "village", "employer", ...)
 * and audit the change; no-op if equal.  Inside a write transaction. */
int workers_update_field(struct db *, long long worker_id, const char *field,
    const char *value, long long by_user, int *changed);
int workers_count(struct db *, enum worker_group, long long *n);
/* Add line (one line of the roster: its 备注 for field "note", or the
 * numbers it gave that were not valid, as typed, for "phones_invalid")
 * to the worker's field, after what is there (never replacing it), and
 * audit it.  *added: 1 if added, 0 if line is empty or one of the field's
 * lines already, -1 if the field would grow past what struct worker
 * holds (nothing is written).  Inside a write transaction. */
int workers_add_line(struct db *, long long worker_id, const char *field, const char *line,
    long long by_user, int *added);

#endif
