/*
 * purge.h -- personal data when the campaign ends.
 *
 * purge_closed() removes the names, ID numbers, phones, notes and
 * free-text answers of the workers whose case was closed before a date,
 * everywhere they are stored (workers, phones, calls' dialled numbers,
 * call answers, follow-up notes, drafts, and the old and new values in the
 * audit log), and keeps what the counts need: group, township, village,
 * work place, gender and birth date (the 汇总 counts by them), dates,
 * outcomes and the structured answers.  A case is closed when its worker
 * was reached or found unreachable, no follow-up is open, and nothing
 * happened to it (call, follow-up) on or after the date.  One write
 * transaction; audited.
 */
#ifndef PAICHA_DB_PURGE_H
#define PAICHA_DB_PURGE_H

#include <stddef.h>
#include <time.h>

struct db;

struct purge_counts {
	long long workers;	/* workers purged */
	long long phones;	/* phone rows removed */
	long long answers;	/* free-text answers removed */
	long long audit;	/* audit rows scrubbed */
};

/* Purge the workers whose case was closed before `before`; free_keys are
 * the call form's free-text answer keys (n of them).  dry_run counts and
 * writes nothing.  0 or a DB_ status. */
int purge_closed(struct db *, time_t before, const char *const *free_keys, size_t n,
    int max_attempts, int dry_run, long long by_user, struct purge_counts *out);

#endif
