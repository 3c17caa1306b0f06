/*
 * report.h -- the township as it stood at one instant, for the provincial
 * report (docs: provincial-format.md).
 *
 * report_open() starts ONE read transaction, so everything read through
 * the cursor is one consistent picture while investigators keep saving,
 * and rebuilds every worker as of the instant from the append-only
 * records: fields from the audit log (a field changed after T had the
 * old_value of its earliest change after T), phones that existed at T,
 * the investigator of the latest assignment at or before T, and the case
 * state folded from the calls at or before T through casestate_apply().
 * So a report for a past day comes out the same whenever it is made.
 *
 * Rows are streamed, never held: workers come village by village (villages
 * in order of first appearance, townships likewise), then by worker id;
 * follow-ups open at T come by due time.  Memory stays small whatever the
 * size of the township; only the village list, the user names and the
 * few workers changed after T are kept.
 */
#ifndef PAICHA_DB_REPORT_H
#define PAICHA_DB_REPORT_H

#include <stddef.h>
#include <time.h>

#include "db/casestate.h"

struct db;
struct report;

struct report_worker {
	long long id;
	char grp;		/* 'A' (在鄂务工) or 'B' (湖北籍在本地就业) */
	char gender;		/* 'M', 'F' or 0, from the stored column */
	char id_number[19];
	char name[128];
	char township[128];
	char village[128];
	char work_province[64];
	char work_city[64];
	char employer[512];
	size_t village_index;	/* into report_village() */
	char phones[512];	/* display forms joined by 、, primary first */
	char region[96];	/* of the primary phone */
	char investigator[96];	/* display name as of T, or "" */
	int calls_on_day;	/* calls recorded on the report date */
	struct case_state cs;	/* as of T */
	long long n;		/* report_open_counts: how many workers these facts
				 * count for (may be negative); 0 otherwise */
	long long called;	/* report_open_counts: how many to count as called on
				 * the date (may be negative); calls_on_day is 0 */
};

struct report_followup {
	long long id;
	long long worker_id;
	char kind[16];		/* "callback", "health", "medical", "job", "escalation" */
	time_t due_at;
	char name[128];		/* the worker's, as of T */
	char phones[512];
	char owner[96];		/* owner, else the case's investigator, as of T */
};

/* Open the report for date (YYYY-MM-DD): the instant is the end of that
 * local day.  max_attempts as in settings (for unreached/unreachable). */
int report_open(struct db *, const char *date, int max_attempts, struct report **out);
/* The same report for counting only (the lead's flow and the 汇总
 * preview): report_next_worker gives rows of facts (grp, township,
 * village, village_index, calls_on_day and of cs only what is counted:
 * contact, whereabouts, place when in Hubei or elsewhere, work_plan,
 * health_asked and symptomatic (both 1 when symptomatic), urged_doctor,
 * isolation_start and _end), each to be counted n times (n may be
 * negative), and `called` workers called on the date (calls_on_day is
 * left 0); summed, they count the same workers as report_open, in no
 * particular order.  Id, name and the rest are left empty.  It reads the
 * tally the triggers keep (case_tally) and folds only the workers
 * changed after T, so it costs the activity since T, not the township.
 * No follow-ups. */
int report_open_counts(struct db *, const char *date, int max_attempts, struct report **out);
/* The same report with every worker's whole row, as report_open, but in
 * id order (village_index says where each belongs): at a million workers
 * its index seeks go forward through each table once, where report
 * order's village after village reads every table once per village. */
int report_open_byid(struct db *, const char *date, int max_attempts, struct report **out);
/* When the first worker was recorded (*first = 0: none yet); 0 or
 * DB_ERROR. */
int report_first_record(struct db *, time_t *first);
/* The instant the report is as of. */
time_t report_instant(const struct report *);
/* Villages in report order; 0 .. report_nvillages()-1. */
size_t report_nvillages(const struct report *);
void report_village(const struct report *, size_t i, const char **township,
    const char **village);
/* The next worker: 1 = *out filled, 0 = no more, < 0 = error (db_error). */
int report_next_worker(struct report *, struct report_worker *out);
/* The next open follow-up, after the workers: as report_next_worker. */
int report_next_followup(struct report *, struct report_followup *out);
/* End the read transaction and free everything. */
void report_close(struct report *);

#endif
