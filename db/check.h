/*
 * check.h -- what `paicha check` looks at besides SQLite's own checks:
 * every stored case against the one recomputed from its records, records
 * that refer to missing rows, and stored settings that no longer parse.
 * Each problem is reported as one line naming what is wrong; the
 * functions return the number of problems, or a negative enum db_status.
 */
#ifndef PAICHA_DB_CHECK_H
#define PAICHA_DB_CHECK_H

struct db;

typedef void (*check_report_fn)(void *arg, const char *line);

/* Prepare the connection for reading the whole file once: map it into
 * memory (no copy of each page read) and keep more pages (the passes of
 * check_cases() read five tables side by side); 0 or DB_ERROR. */
int check_tune(struct db *);
/* Recompute every worker's case and report each field that differs. */
int check_cases(struct db *, int max_attempts, check_report_fn, void *arg);
/* PRAGMA foreign_key_check: each row that refers to a missing one; calls
 * by missing users, follow-ups and calls of missing workers, assignments
 * to missing users and cases of missing workers named as such. */
int check_foreign_keys(struct db *, check_report_fn, void *arg);
/* Every case that no active user's queue (queue_for) shows: in nobody's
 * queue, so nobody would ever call it.  Read from queue_keys (a queue
 * shows each row of its audiences), which check_queue_keys() verifies. */
int check_queues(struct db *, check_report_fn, void *arg);
/* The call queue's stored keys (queue_keys, queue_due) against the views
 * that recompute them: every row missing, wrong or left over. */
int check_queue_keys(struct db *, check_report_fn, void *arg);
/* The lead's counts (case_tally, call_day_tally, case_inv_tally, fu_tally,
 * calls_per_day)
 * against the same counts
 * made again from the cases, workers and calls: one line per row that
 * differs.  Returns how many, or DB_ERROR. */
int check_tallies(struct db *, check_report_fn, void *arg);
/* Stored settings that settings_apply() refuses. */
int check_settings(struct db *, check_report_fn, void *arg);

/* The checks that need no pass over the workers, run beside the others:
 * check_side_start() opens a second connection to db's file in a read
 * transaction of its own and runs, in a thread, the parts named by
 * `parts` in this order: CHECK_SIDE_SQLITE db_sqlite_check() (with full,
 * PRAGMA integrity_check, else quick_check), CHECK_SIDE_FOREIGN_KEYS
 * check_foreign_keys(), CHECK_SIDE_QUEUE_KEYS check_queue_keys(),
 * keeping their lines, up to the first that fails; meanwhile the caller
 * runs the other checks on db (two cores: check takes the longer of the
 * two, not their sum).  check_side_finish() waits for the side and reports the lines of
 * one part, returning its count of problems, or DB_ERROR with the side's
 * failure recorded on db.  check_side_free() waits if need be and closes;
 * *side is to be freed even when check_side_start() fails. */
enum {
	CHECK_SIDE_SQLITE = 1, CHECK_SIDE_FOREIGN_KEYS = 2, CHECK_SIDE_QUEUE_KEYS = 4,
	CHECK_SIDE_N = 3
};
/* Lines kept to be reported later, in their order: check_lines_keep is a
 * check_report_fn (arg: the struct check_lines); check_lines_report hands
 * them to report and empties the list; check_lines_free empties it. */
struct check_lines {
	char **v;
	size_t n, cap;
};
void check_lines_keep(void *arg, const char *line);
void check_lines_report(struct check_lines *, check_report_fn, void *arg);
void check_lines_free(struct check_lines *);

struct check_side;
int check_side_start(struct db *, int full, unsigned parts, struct check_side **side);
int check_side_finish(struct db *, struct check_side *, unsigned part, check_report_fn,
    void *arg);
void check_side_free(struct check_side *);

#endif
