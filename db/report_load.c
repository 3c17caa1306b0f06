/* report_load.c -- what the as-of cursor (db/report.c) reads once at
 * open: the villages in report order, the ids changed after T, the
 * users' names and the phones removed after T. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/report_int.h"
#include "forms/xmalloc.h"

static size_t
report_village_find(struct report *r, const char *township, const char *village)
{
	for (size_t i = 0; i < r->nvillages; i++)
		if (strcmp(r->villages[i].township, township) == 0 &&
		    strcmp(r->villages[i].village, village) == 0)
			return i;
	return (size_t)-1;
}

/* The village's index, adding it (first worker min_id) when new. */
static size_t
report_village_add(struct report *r, const char *township, const char *village,
    long long min_id)
{
	size_t i = report_village_find(r, township, village);

	if (i != (size_t)-1) {
		if (r->villages[i].min_id == 0 || min_id < r->villages[i].min_id)
			r->villages[i].min_id = min_id;
		return i;
	}
	if (r->nvillages == r->capvillages) {
		size_t cap = r->capvillages ? r->capvillages * 2 : 64;
		struct report_village *v = xrealloc(r->villages, cap * sizeof *v);
		r->villages = v;
		r->capvillages = cap;
	}
	r->villages[r->nvillages].township = xstrdup(township);
	r->villages[r->nvillages].village = xstrdup(village);
	r->villages[r->nvillages].min_id = min_id;
	r->villages[r->nvillages].added = r->nvillages;
	return r->nvillages++;
}

/* A list of ids from a query binding ?1 = T, sorted. */
int
report_load_ids(struct report *r, const char *sql, long long **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(r->db, sql);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)r->t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			*out = xrealloc(*out, cap * sizeof **out);
		}
		(*out)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return db_fail(r->db, sql);
	if (*n > 0)
		qsort(*out, *n, sizeof **out, report_cmp_ll);
	return 0;
}

int
report_load_users(struct report *r)
{
	static const char sql[] = "SELECT id, name FROM users ORDER BY id";
	sqlite3_stmt *st = db_stmt(r->db, sql);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->nusers == cap) {
			cap = cap ? cap * 2 : 32;
			r->users = xrealloc(r->users, cap * sizeof *r->users);
		}
		r->users[r->nusers].id = sqlite3_column_int64(st, 0);
		r->users[r->nusers].name = db_column_strdup(st, 1);
		r->nusers++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

const char *
report_user_name(const struct report *r, long long id)
{
	size_t lo = 0, hi = r->nusers;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->users[mid].id == id)
			return r->users[mid].name ? r->users[mid].name : "";
		if (r->users[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return "";
}

int
report_load_removed_phones(struct report *r)
{
	static const char sql[] =
	    "SELECT worker_id, rank, id, display, region FROM phones "
	    "WHERE removed_at > ?1 AND created_at <= ?1 ORDER BY worker_id, rank, id";
	sqlite3_stmt *st = db_stmt(r->db, sql);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)r->t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_phone *p;

		if (r->nremoved == cap) {
			cap = cap ? cap * 2 : 16;
			r->removed = xrealloc(r->removed, cap * sizeof *r->removed);
		}
		p = &r->removed[r->nremoved++];
		p->worker_id = sqlite3_column_int64(st, 0);
		p->rank = sqlite3_column_int64(st, 1);
		p->id = sqlite3_column_int64(st, 2);
		p->display = db_column_strdup(st, 3);
		p->region = db_column_strdup(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

/* The first worker of (township, village) as of T who stays there. */
static int
report_first_staying(struct report *r, const char *township, const char *village,
    long long *first)
{
	static const char sql[] =
	    "SELECT id FROM workers WHERE township = ?2 AND village = ?3 AND created_at <= ?1 "
	    "ORDER BY id";
	sqlite3_stmt *st = db_stmt(r->db, sql);
	int rc;

	*first = 0;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)r->t);
	db_bind_text(st, 2, township);
	db_bind_text(st, 3, village);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (!report_has(r->mover_ids, r->nmover_ids, id)) {
			*first = id;
			break;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

static int
report_cmp_village(const void *a, const void *b)
{
	const struct report_village *x = a, *y = b;

	if (x->township_min != y->township_min)
		return (x->township_min > y->township_min) - (x->township_min < y->township_min);
	return (x->min_id > y->min_id) - (x->min_id < y->min_id);
}

/* The villages as of T in report order, and where each mover was. */
int
report_load_villages(struct report *r)
{
	/* one seek per village along workers_village, not a read of every
	 * worker: the next (township, village), then its first worker at T */
	static const char sql0[] =
	    "SELECT township, village FROM workers ORDER BY township, village LIMIT 1";
	/* (not (township, village) > (?1, ?2): SQLite seeks that by the
	 * township alone and reads the township's workers up to the village) */
	static const char sql[] =
	    "SELECT * FROM (SELECT township, village FROM workers WHERE township = ?1 "
	    "AND village > ?2 ORDER BY village LIMIT 1) UNION ALL "
	    "SELECT * FROM (SELECT township, village FROM workers WHERE township > ?1 "
	    "ORDER BY township, village LIMIT 1) LIMIT 1";
	static const char sql_first[] =
	    "SELECT id FROM workers WHERE township = ?2 AND village = ?3 AND created_at <= ?1 "
	    "ORDER BY id LIMIT 1";
	char *town = xstrdup(""), *vill = xstrdup("");
	int first = 1;
	sqlite3_stmt *st;
	struct report_worker *w;
	size_t i, j, n, *where;
	int rc;

	/* Villages as they are now; a village whose first worker has moved
	 * since T is looked at again below. */
	for (;;) {
		sqlite3_stmt *f;

		if ((st = db_stmt(r->db, first ? sql0 : sql)) == NULL)
			goto fail;
		if (!first) {
			db_bind_text(st, 1, town);
			db_bind_text(st, 2, vill);
		}
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			free(town);
			free(vill);
			town = db_column_strdup(st, 0);
			vill = db_column_strdup(st, 1);
		}
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			db_fail(r->db, first ? sql0 : sql);
			goto fail;
		}
		first = 0;
		if ((f = db_stmt(r->db, sql_first)) == NULL)
			goto fail;
		sqlite3_bind_int64(f, 1, (sqlite3_int64)r->t);
		db_bind_text(f, 2, town);
		db_bind_text(f, 3, vill);
		rc = sqlite3_step(f);
		if (rc == SQLITE_ROW)
			report_village_add(r, town, vill, sqlite3_column_int64(f, 0));
		sqlite3_reset(f);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			db_fail(r->db, sql_first);
			goto fail;
		}
	}
	free(town);
	free(vill);
	n = r->nvillages;
	for (i = 0; i < n; i++) {
		struct report_village *v = &r->villages[i];
		if (report_has(r->mover_ids, r->nmover_ids, v->min_id) &&
		    report_first_staying(r, v->township, v->village, &v->min_id) < 0)
			return DB_ERROR;
	}
	/* Movers join the village they were in at T. */
	w = xmalloc(sizeof *w);
	if (r->nmover_ids > 0)
		r->movers = xcalloc(r->nmover_ids, sizeof *r->movers);
	for (i = 0; i < r->nmover_ids; i++) {
		if ((rc = report_worker_by_id(r, r->mover_ids[i], w)) < 0) {
			free(w);
			return rc;
		}
		if (rc == 0)
			continue;
		r->movers[r->nmovers].id = w->id;
		r->movers[r->nmovers].village_index =
		    report_village_add(r, w->township, w->village, w->id);
		r->nmovers++;
	}
	free(w);
	/* Drop villages left empty (every worker moved away). */
	for (i = j = 0; i < r->nvillages; i++) {
		if (r->villages[i].min_id == 0) {
			free(r->villages[i].township);
			free(r->villages[i].village);
			continue;
		}
		r->villages[j++] = r->villages[i];
	}
	r->nvillages = j;
	for (i = 0; i < r->nvillages; i++) {
		r->villages[i].township_min = r->villages[i].min_id;
		for (j = 0; j < r->nvillages; j++)
			if (r->villages[j].min_id < r->villages[i].township_min &&
			    strcmp(r->villages[j].township, r->villages[i].township) == 0)
				r->villages[i].township_min = r->villages[j].min_id;
	}
	if (r->nvillages > 0)
		qsort(r->villages, r->nvillages, sizeof *r->villages, report_cmp_village);
	/* Sorting moved the villages: tell each mover where its went. */
	where = xcalloc(n + r->nmovers + 1, sizeof *where);
	for (i = 0; i < r->nvillages; i++)
		where[r->villages[i].added] = i;
	for (i = 0; i < r->nmovers; i++)
		r->movers[i].village_index = where[r->movers[i].village_index];
	free(where);
	return 0;
fail:
	free(town);
	free(vill);
	return DB_ERROR;
}
