/*
 * drafts.h -- the call form as it is being filled, saved on every field
 * change so that a dropped SSH connection never loses a call.  One draft
 * per (worker, user); calls_record() drops it when the call is saved.
 *
 * Stored as `key=value` lines: in values a backslash is written `\\`, a
 * line feed `\n` and a carriage return `\r`; keys are form keys (no '=',
 * no line breaks, no backslash).
 */
#ifndef PAICHA_DB_DRAFTS_H
#define PAICHA_DB_DRAFTS_H

struct db;
struct answers;

/* Save (replace) the draft of user_id for worker_id, in its own write
 * transaction; DB_INVALID for a key that cannot be stored. */
int drafts_save(struct db *, long long worker_id, long long user_id, const struct answers *);
/* The saved draft, as new answers the caller frees (answers_free);
 * DB_NOTFOUND if there is none. */
int drafts_load(struct db *, long long worker_id, long long user_id, struct answers **out);
/* Drop the draft (no error if there is none). */
int drafts_delete(struct db *, long long worker_id, long long user_id);

/* The text form of answers (malloc'd) and back; for drafts_save/load and
 * their tests.  drafts_decode returns NULL on a malformed line. */
char *drafts_encode(const struct answers *);
struct answers *drafts_decode(const char *text);

#endif
