/*
 * report_int.h -- the as-of cursor's state, shared by db/report.c (the
 * cursor) and db/report_load.c (what is read once at open).  Private to
 * db/report*.c.
 */
#ifndef PAICHA_DB_REPORT_INT_H
#define PAICHA_DB_REPORT_INT_H

#include <stddef.h>

#include "db/dbi.h"
#include "db/report.h"

struct report_user {
	long long id;
	char *name;
};

struct report_village {
	char *township;
	char *village;
	long long min_id;	/* first worker, as of T */
	long long township_min;	/* first worker of its township */
	size_t added;		/* index when added, before sorting */
};

struct report_mover {
	long long id;
	size_t village_index;
};

struct report_phone {
	long long worker_id, rank, id;
	char *display;
	char *region;
};

struct report {
	struct db *db;
	time_t t, day_start;
	int max_attempts;
	struct report_user *users;
	size_t nusers;
	struct report_village *villages;
	size_t nvillages, capvillages;
	long long *changed;		/* workers with a worker.update after T */
	size_t nchanged;
	long long *mover_ids;		/* township or village changed after T */
	size_t nmover_ids;
	struct report_mover *movers;	/* those that existed at T, by id */
	size_t nmovers;
	struct report_phone *removed;	/* phones removed after T, by worker */
	size_t nremoved;
	struct answers *answers;
	/* the worker walk */
	size_t cur;			/* village being walked */
	sqlite3_stmt *walk;		/* its workers, or NULL: start it */
	int walk_row;			/* walk holds an unread row */
	int walk_done;			/* walk has no more rows */
	size_t mover_next;		/* next mover to consider */
	/* the follow-up walk */
	sqlite3_stmt *fwalk;
	/* the counting walk (report_open_counts): the tallies, and the
	 * workers changed after T taken back and folded as of T */
	int counts;
	int tphase;			/* 0 the tally, 1 the exceptions, 2 the called by day,
				 * 3 done */
	long long *xs;			/* workers whose facts at T may differ from now */
	size_t nxs, xi;
	int xsub;			/* which of a worker's two rows is next */
	size_t *vorder;			/* villages by (township, village) */
	/* the id-order walk (report_open_byid): the counting walk's order,
	 * every worker's whole row (report_complete) */
	int byid;
};


int report_load_ids(struct report *r, const char *sql, long long **out, size_t *n);
int report_load_users(struct report *r);
const char *report_user_name(const struct report *r, long long id);
int report_load_removed_phones(struct report *r);
int report_load_villages(struct report *r);
int report_cmp_ll(const void *a, const void *b);
int report_has(const long long *set, size_t n, long long id);
int report_worker_by_id(struct report *r, long long id, struct report_worker *w);

#endif
