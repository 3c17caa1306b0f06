/*
 * report.c -- the as-of cursor behind `paicha export`; see report.h.
 *
 * Plan, for a million workers: one scan of the workers index per village
 * (workers_village gives each village's workers in id order), and for
 * each worker a handful of index seeks: calls (calls_worker), the answers
 * of its reached calls (primary key), its latest assignment
 * (assignments_worker) and its current phones (the partial index
 * phones_current).  What no index reaches cheaply is read once at open
 * and kept: the ids of workers changed after T (usually none), the
 * phones removed after T (a few), the users' names and the villages.
 * A worker whose township or village changed after T (a "mover") is
 * skipped where it is now and merged, by id, into the village it was in.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db/cases.h"
#include "db/dbi.h"
#include "db/report.h"
#include "db/report_int.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

/* The columns every worker query returns, in this order. */
#define WORKER_COLS "id, grp, gender, id_number, name, township, village, " \
	"work_province, work_city, employer"

static const char sql_worker_by_id[] =
    "SELECT " WORKER_COLS " FROM workers WHERE id = ?1 AND created_at <= ?2";

#define PUTCOL(field, st, col) db_column_copy((st), (col), (field), sizeof (field))

static void
report_read_worker(sqlite3_stmt *st, struct report_worker *w)
{
	const unsigned char *g;

	w->id = sqlite3_column_int64(st, 0);
	g = sqlite3_column_text(st, 1);
	w->grp = g ? (char)g[0] : 'A';
	g = sqlite3_column_text(st, 2);
	w->gender = g ? (char)g[0] : 0;
	PUTCOL(w->id_number, st, 3);
	PUTCOL(w->name, st, 4);
	PUTCOL(w->township, st, 5);
	PUTCOL(w->village, st, 6);
	PUTCOL(w->work_province, st, 7);
	PUTCOL(w->work_city, st, 8);
	PUTCOL(w->employer, st, 9);
}

int
report_cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int
report_has(const long long *set, size_t n, long long id)
{
	return n > 0 && bsearch(&id, set, n, sizeof *set, report_cmp_ll) != NULL;
}

/* Undo on w the field changes made after T: walking them newest first,
 * the last one applied is the earliest, whose old value held at T. */
static int
report_unchange(struct report *r, struct report_worker *w)
{
	static const char sql[] =
	    "SELECT field, old_value FROM audit WHERE entity = 'worker' AND entity_id = ?1 "
	    "AND at > ?2 AND action = 'worker.update' ORDER BY at DESC, id DESC";
	sqlite3_stmt *st;
	int rc;

	if (!report_has(r->changed, r->nchanged, w->id))
		return 0;
	if ((st = db_stmt(r->db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, w->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f = (const char *)sqlite3_column_text(st, 0);
		const unsigned char *old = sqlite3_column_text(st, 1);

		if (f == NULL)
			continue;
		if (strcmp(f, "name") == 0)
			PUTCOL(w->name, st, 1);
		else if (strcmp(f, "township") == 0)
			PUTCOL(w->township, st, 1);
		else if (strcmp(f, "village") == 0)
			PUTCOL(w->village, st, 1);
		else if (strcmp(f, "work_province") == 0)
			PUTCOL(w->work_province, st, 1);
		else if (strcmp(f, "work_city") == 0)
			PUTCOL(w->work_city, st, 1);
		else if (strcmp(f, "employer") == 0)
			PUTCOL(w->employer, st, 1);
		else if (strcmp(f, "grp") == 0 && old != NULL)
			w->grp = (char)old[0];
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

/* Worker id as of T into w: 1 found, 0 not there at T, < 0 error. */
int
report_worker_by_id(struct report *r, long long id, struct report_worker *w)
{
	sqlite3_stmt *st = db_stmt(r->db, sql_worker_by_id);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		report_read_worker(st, w);
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(r->db, sql_worker_by_id);
	return report_unchange(r, w) < 0 ? DB_ERROR : 1;
}

/* Append one phone's display form to the list joined by 、. */
static void
report_add_phone(char *list, size_t sz, const char *display)
{
	size_t n = strlen(list), need = strlen(display) + (n ? 3 : 0);

	if (display[0] == '\0' || n + need >= sz)
		return;
	if (n) {
		memcpy(list + n, "\xe3\x80\x81", 3);	/* 、 */
		n += 3;
	}
	memcpy(list + n, display, strlen(display) + 1);
}

/* The phones the worker had at T, primary (lowest rank) first. */
static int
report_phones(struct report *r, long long worker_id, char *list, size_t sz,
    char *region, size_t regsz)
{
	static const char sql[] =
	    "SELECT rank, id, display, region FROM phones WHERE worker_id = ?1 "
	    "AND removed_at IS NULL AND created_at <= ?2 ORDER BY rank, id";
	sqlite3_stmt *st = db_stmt(r->db, sql);
	size_t lo = 0, hi = r->nremoved, k;
	int rc, have_row, first = 1;

	list[0] = '\0';
	if (region != NULL)
		region[0] = '\0';
	if (st == NULL)
		return DB_ERROR;
	/* The removed-after-T phones of this worker: [k, hi). */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->removed[mid].worker_id < worker_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	k = lo;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->t);
	rc = sqlite3_step(st);
	for (;;) {
		int use_removed;
		const char *display, *reg;

		have_row = rc == SQLITE_ROW;
		int more_removed = k < r->nremoved && r->removed[k].worker_id == worker_id;
		if (!have_row && !more_removed)
			break;
		if (have_row && more_removed) {
			long long rank = sqlite3_column_int64(st, 0), id = sqlite3_column_int64(st, 1);
			use_removed = r->removed[k].rank < rank ||
			    (r->removed[k].rank == rank && r->removed[k].id < id);
		} else
			use_removed = more_removed;
		if (use_removed) {
			display = r->removed[k].display;
			reg = r->removed[k].region;
		} else {
			display = (const char *)sqlite3_column_text(st, 2);
			reg = (const char *)sqlite3_column_text(st, 3);
		}
		report_add_phone(list, sz, display ? display : "");
		if (first && region != NULL)
			db_text_copy(region, regsz, reg);
		first = 0;
		if (use_removed)
			k++;
		else
			rc = sqlite3_step(st);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_fail(r->db, sql);
}

/* The investigator the case was assigned to at T (display name). */
static int
report_investigator(struct report *r, long long worker_id, char *name, size_t sz)
{
	static const char sql[] =
	    "SELECT investigator_id FROM assignments WHERE worker_id = ?1 AND at <= ?2 "
	    "ORDER BY at DESC, id DESC LIMIT 1";
	sqlite3_stmt *st = db_stmt(r->db, sql);
	int rc;

	name[0] = '\0';
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		db_text_copy(name, sz, report_user_name(r,
		    sqlite3_column_int64(st, 0)));
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

/* Fold the worker's calls up to T into w->cs (casestate.h).  The answers
 * of its reached calls come in the same statement, a row per answer
 * (call_answers' primary key), so a call costs no statement of its own. */
static int
report_fold(struct report *r, struct report_worker *w)
{
	static const char sql[] =
	    "SELECT c.id, c.at, c.outcome, c.phone, a.key, a.value FROM calls c "
	    "LEFT JOIN call_answers a ON a.call_id = c.id AND c.outcome = 'reached' "
	    "WHERE c.worker_id = ?1 AND c.at <= ?2 ORDER BY c.at, c.id";
	sqlite3_stmt *st;
	struct case_phones phones;
	const char *numbers[CASES_MAX_PHONES];
	char phone[128];
	int rc;

	casestate_init(&w->cs);
	w->calls_on_day = 0;
	phones.n = 0;
	if ((st = db_stmt(r->db, sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, w->id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->t);
	rc = sqlite3_step(st);
	while (rc == SQLITE_ROW) {
		struct case_call c = { 0 };

		c.id = sqlite3_column_int64(st, 0);
		c.at = (time_t)sqlite3_column_int64(st, 1);
		/* the numbers each call left untried decide 无法联系, as in cases.c;
		 * read once, at the worker's first call */
		if (w->cs.calls == 0 && cases_phones_load(r->db, w->id, &phones) != 0) {
			sqlite3_reset(st);
			return DB_ERROR;
		}
		c.phone = NULL;
		if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
			db_column_copy(st, 3, phone, sizeof phone);
			c.phone = phone;
		}
		c.numbers = numbers;
		c.nnumbers = cases_phones_at(&phones, c.at, numbers, CASES_MAX_PHONES);
		if (call_outcome_parse((const char *)sqlite3_column_text(st, 2), &c.outcome) != 0) {
			sqlite3_reset(st);
			return db_failf(r->db, "call %lld has an unknown outcome", c.id);
		}
		/* this call's answers: its rows, up to the next call's */
		answers_clear(r->answers);
		do {
			if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
				const char *k = (const char *)sqlite3_column_text(st, 4);
				const char *v = (const char *)sqlite3_column_text(st, 5);
				if (answers_set(r->answers, k ? k : "", v ? v : "") < 0)
					fatal("out of memory");
			}
		} while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
		    sqlite3_column_int64(st, 0) == c.id);
		if (c.outcome == OUTCOME_REACHED)
			c.answers = r->answers;
		casestate_apply(&w->cs, &c, r->max_attempts);
		if (c.at >= r->day_start)
			w->calls_on_day++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

/* Everything about one worker beyond its row. */
static int
report_complete(struct report *r, struct report_worker *w)
{
	if (report_phones(r, w->id, w->phones, sizeof w->phones, w->region, sizeof w->region) != 0 ||
	    report_investigator(r, w->id, w->investigator, sizeof w->investigator) != 0 ||
	    report_fold(r, w) != 0)
		return DB_ERROR;
	return 0;
}

/* ---- the counting walk (report_open_counts) ---- */

static const struct report *vorder_r;	/* qsort has no context argument */

static int
report_cmp_vname(const void *a, const void *b)
{
	const struct report_village *x = &vorder_r->villages[*(const size_t *)a];
	const struct report_village *y = &vorder_r->villages[*(const size_t *)b];
	int c = strcmp(x->township, y->township);

	return c != 0 ? c : strcmp(x->village, y->village);
}

/* The index of the village (township, village) as of T, or -1. */
static long
report_village_index(const struct report *r, const char *township, const char *village)
{
	size_t lo = 0, hi = r->nvillages;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct report_village *v = &r->villages[r->vorder[mid]];
		int c = strcmp(v->township, township);
		if (c == 0)
			c = strcmp(v->village, village);
		if (c == 0)
			return (long)r->vorder[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* A row of case_tally (or of case_tally_v, the same columns): the facts
 * counted, for n workers. */
#define TALLY_SELECT "township, village, grp, contact, whereabouts, place, work_plan, " \
	"sym, urged, iso_start, iso_end"

static void
report_read_tally(sqlite3_stmt *st, long long n, struct report_worker *w)
{
	const unsigned char *g;
	enum contact_state cs;

	memset(w, 0, sizeof *w);
	casestate_init(&w->cs);
	PUTCOL(w->township, st, 0);
	PUTCOL(w->village, st, 1);
	g = sqlite3_column_text(st, 2);
	w->grp = g ? (char)g[0] : 'A';
	if (contact_state_parse((const char *)sqlite3_column_text(st, 3), &cs) == 0)
		w->cs.contact = cs;
	PUTCOL(w->cs.whereabouts, st, 4);
	PUTCOL(w->cs.place, st, 5);
	PUTCOL(w->cs.work_plan, st, 6);
	w->cs.health_asked = w->cs.symptomatic = sqlite3_column_int(st, 7) != 0;
	w->cs.urged_doctor = sqlite3_column_int(st, 8) != 0;
	PUTCOL(w->cs.isolation_start, st, 9);
	PUTCOL(w->cs.isolation_end, st, 10);
	w->n = n;
}

/* The worker's facts as they stand now, counted n times: 1 found, 0 no
 * case, < 0 error. */
static int
report_current(struct report *r, long long id, long long n, struct report_worker *w)
{
	static const char sql[] =
	    "SELECT " TALLY_SELECT ", EXISTS(SELECT 1 FROM calls k WHERE k.worker_id = ?1 "
	    "AND k.at >= ?2 AND k.at < ?3) FROM case_tally_v WHERE worker_id = ?1";
	sqlite3_stmt *st = db_stmt(r->db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->day_start);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)r->day_start + 86400);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		report_read_tally(st, n, w);
		/* as call_day_tally counts it: a call in the local day */
		w->called = sqlite3_column_int(st, 11) ? n : 0;
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

/* Add the ids sql (?1 bound to T, ?2 to the day's start) returns to *v. */
static int
report_add_ids(struct report *r, const char *sql, long long **v, size_t *n, size_t *cap)
{
	sqlite3_stmt *st = db_stmt(r->db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)r->t);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)r->day_start);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 64;
			*v = xrealloc(*v, *cap * sizeof **v);
		}
		(*v)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(r->db, sql);
}

/* Sort and drop duplicates. */
static void
report_uniq(long long *v, size_t *n)
{
	size_t j = 0;

	if (*n == 0)
		return;
	qsort(v, *n, sizeof *v, report_cmp_ll);
	for (size_t i = 1; i < *n; i++)
		if (v[i] != v[j])
			v[++j] = v[i];
	*n = j + 1;
}

/* The workers whose facts as of T may differ from their facts now
 * (created, called, changed or a phone removed after T). */
static int
report_load_exceptions(struct report *r)
{
	/* a call at T itself is in the fold up to T but on the next day */
	static const char sql_calls[] = "SELECT worker_id FROM calls WHERE at >= ?1";
	static const char sql_new[] = "SELECT id FROM workers WHERE created_at > ?1";
	size_t cap = 0;

	if (r->nchanged + r->nremoved > 0) {
		cap = r->nchanged + r->nremoved;
		r->xs = xrealloc(r->xs, cap * sizeof *r->xs);
		for (size_t i = 0; i < r->nchanged; i++)
			r->xs[r->nxs++] = r->changed[i];
		for (size_t i = 0; i < r->nremoved; i++)
			r->xs[r->nxs++] = r->removed[i].worker_id;
	}
	if (report_add_ids(r, sql_calls, &r->xs, &r->nxs, &cap) != 0 ||
	    report_add_ids(r, sql_new, &r->xs, &r->nxs, &cap) != 0)
		return DB_ERROR;
	report_uniq(r->xs, &r->nxs);
	return 0;
}

/*
 * The counting walk: case_tally (the cases as they stand now, kept by
 * triggers) row by row, each counted n times; then, for each worker whose
 * facts as of T may differ from now, its facts now counted -1 times and
 * its facts as of T (folded from its calls up to T) once; then the
 * workers called on the date by village (call_day_tally, kept by
 * triggers too).  The sums are the counts of the workers as of T.
 * This relies on each case holding the fold of all its calls, which
 * `paicha check` verifies, and on the tally counting the cases, which it
 * verifies too.
 */
static int
report_next_counted(struct report *r, struct report_worker *out)
{
	static const char sql[] = "SELECT " TALLY_SELECT ", n FROM case_tally";
	static const char sql_day[] =
	    "SELECT township, village, n FROM call_day_tally WHERE day = ?1";
	long v;
	int rc;

	for (;;) {
		if (r->tphase == 3)
			return 0;
		if (r->tphase == 0) {
			if (r->walk == NULL && (r->walk = db_stmt(r->db, sql)) == NULL)
				return DB_ERROR;
			rc = sqlite3_step(r->walk);
			if (rc == SQLITE_DONE) {
				sqlite3_reset(r->walk);
				r->walk = NULL;
				r->tphase = 1;
				continue;
			}
			if (rc != SQLITE_ROW)
				return db_fail(r->db, sql);
			report_read_tally(r->walk, sqlite3_column_int64(r->walk, 11), out);
		} else if (r->tphase == 1) {
			long long id;

			if (r->xi >= r->nxs) {
				r->tphase = 2;
				continue;
			}
			id = r->xs[r->xi];
			if (r->xsub == 0) {
				r->xsub = 1;
				if ((rc = report_current(r, id, -1, out)) < 0)
					return rc;
				if (rc == 0)
					continue;
			} else {
				r->xsub = 0;
				r->xi++;
				if ((rc = report_worker_by_id(r, id, out)) < 0)
					return rc;
				if (rc == 0)
					continue;
				if (report_fold(r, out) != 0)
					return DB_ERROR;
				out->n = 1;
				out->called = out->calls_on_day > 0;
				out->calls_on_day = 0;
			}
		} else {
			if (r->walk == NULL) {
				if ((r->walk = db_stmt(r->db, sql_day)) == NULL)
					return DB_ERROR;
				/* the local day number, as schema.c's CALL_DAY */
				sqlite3_bind_int64(r->walk, 1,
				    ((sqlite3_int64)r->day_start + 28800) / 86400);
			}
			rc = sqlite3_step(r->walk);
			if (rc == SQLITE_DONE) {
				sqlite3_reset(r->walk);
				r->walk = NULL;
				r->tphase = 3;
				return 0;
			}
			if (rc != SQLITE_ROW)
				return db_fail(r->db, sql_day);
			memset(out, 0, sizeof *out);
			casestate_init(&out->cs);
			out->grp = 'B';
			PUTCOL(out->township, r->walk, 0);
			PUTCOL(out->village, r->walk, 1);
			out->called = sqlite3_column_int64(r->walk, 2);
		}
		/* a village not there at T: its rows now are all taken back */
		if ((v = report_village_index(r, out->township, out->village)) < 0)
			continue;
		out->village_index = (size_t)v;
		return 1;
	}
}

/* report_open, and the villages in name order (vorder) for the walks
 * that do not go village by village. */
static int
report_open_ordered(struct db *db, const char *date, int max_attempts, struct report **out)
{
	struct report *r;

	if (report_open(db, date, max_attempts, out) != 0)
		return DB_ERROR;
	r = *out;
	r->vorder = xcalloc(r->nvillages + 1, sizeof *r->vorder);
	for (size_t i = 0; i < r->nvillages; i++)
		r->vorder[i] = i;
	vorder_r = r;
	if (r->nvillages > 0)
		qsort(r->vorder, r->nvillages, sizeof *r->vorder, report_cmp_vname);
	return 0;
}

int
report_open_counts(struct db *db, const char *date, int max_attempts, struct report **out)
{
	struct report *r;

	if (report_open_ordered(db, date, max_attempts, out) != 0)
		return DB_ERROR;
	r = *out;
	r->counts = 1;
	if (report_load_exceptions(r) != 0) {
		report_close(r);
		*out = NULL;
		return DB_ERROR;
	}
	return 0;
}

int
report_open_byid(struct db *db, const char *date, int max_attempts, struct report **out)
{
	if (report_open_ordered(db, date, max_attempts, out) != 0)
		return DB_ERROR;
	(*out)->byid = 1;
	return 0;
}

/* The id-order walk (report_open_byid): every worker there at T, the
 * whole row, seeking each table by worker in id order. */
static int
report_next_byid(struct report *r, struct report_worker *out)
{
	static const char sql[] =
	    "SELECT " WORKER_COLS " FROM workers WHERE created_at <= ?1 ORDER BY id";
	long v;
	int rc;

	if (r->walk == NULL) {
		if ((r->walk = db_stmt(r->db, sql)) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(r->walk, 1, (sqlite3_int64)r->t);
		r->walk_done = 0;
	}
	if (r->walk_done)
		return 0;
	rc = sqlite3_step(r->walk);
	if (rc == SQLITE_DONE) {
		r->walk_done = 1;
		return 0;
	}
	if (rc != SQLITE_ROW)
		return db_fail(r->db, sql);
	report_read_worker(r->walk, out);
	if (report_unchange(r, out) != 0)
		return DB_ERROR;
	if ((v = report_village_index(r, out->township, out->village)) < 0)
		return db_failf(r->db, "worker %lld: village '%s' not in the report", out->id,
		    out->village);
	out->village_index = (size_t)v;
	return report_complete(r, out) == 0 ? 1 : DB_ERROR;
}

int
report_next_worker(struct report *r, struct report_worker *out)
{
	static const char sql[] =
	    "SELECT " WORKER_COLS " FROM workers WHERE township = ?2 AND village = ?3 "
	    "AND created_at <= ?1 ORDER BY id";
	int rc;

	if (r->byid)
		return report_next_byid(r, out);
	if (r->counts)
		return report_next_counted(r, out);
	while (r->cur < r->nvillages) {
		const struct report_village *v = &r->villages[r->cur];
		long long walk_id = 0;

		if (r->walk == NULL) {
			if ((r->walk = db_stmt(r->db, sql)) == NULL)
				return DB_ERROR;
			sqlite3_bind_int64(r->walk, 1, (sqlite3_int64)r->t);
			db_bind_text(r->walk, 2, v->township);
			db_bind_text(r->walk, 3, v->village);
			r->walk_row = 0;
			r->walk_done = 0;
			r->mover_next = 0;
		}
		/* The next worker who stays in this village ... */
		while (!r->walk_row && !r->walk_done) {
			rc = sqlite3_step(r->walk);
			if (rc == SQLITE_DONE) {
				r->walk_done = 1;	/* stepping again would restart it */
				break;
			}
			if (rc != SQLITE_ROW) {
				db_fail(r->db, sql);
				sqlite3_reset(r->walk);
				r->walk = NULL;
				return DB_ERROR;
			}
			if (!report_has(r->mover_ids, r->nmover_ids, sqlite3_column_int64(r->walk, 0)))
				r->walk_row = 1;
		}
		if (r->walk_row)
			walk_id = sqlite3_column_int64(r->walk, 0);
		/* ... and the next who moved here since T, whichever comes first. */
		while (r->mover_next < r->nmovers &&
		    r->movers[r->mover_next].village_index != r->cur)
			r->mover_next++;
		if (r->mover_next < r->nmovers &&
		    (!r->walk_row || r->movers[r->mover_next].id < walk_id)) {
			rc = report_worker_by_id(r, r->movers[r->mover_next++].id, out);
			if (rc < 0)
				return rc;
			if (rc == 0)
				continue;
		} else if (r->walk_row) {
			report_read_worker(r->walk, out);
			r->walk_row = 0;
			if (report_unchange(r, out) != 0)
				return DB_ERROR;
		} else {
			sqlite3_reset(r->walk);
			r->walk = NULL;
			r->cur++;
			continue;
		}
		out->village_index = r->cur;
		return report_complete(r, out) == 0 ? 1 : DB_ERROR;
	}
	return 0;
}

int
report_next_followup(struct report *r, struct report_followup *out)
{
	static const char sql[] =
	    "SELECT f.id, f.worker_id, f.kind, f.due_at, f.owner_id FROM followups f "
	    "JOIN workers w ON w.id = f.worker_id "
	    "WHERE f.created_at <= ?1 AND (f.done_at IS NULL OR f.done_at > ?1) "
	    "AND w.created_at <= ?1 ORDER BY f.due_at, f.id";
	struct report_worker *w;
	int rc;

	if (r->fwalk == NULL) {
		if ((r->fwalk = db_stmt(r->db, sql)) == NULL)
			return DB_ERROR;
		sqlite3_bind_int64(r->fwalk, 1, (sqlite3_int64)r->t);
	}
	rc = sqlite3_step(r->fwalk);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW)
		return db_fail(r->db, sql);
	memset(out, 0, sizeof *out);
	out->id = sqlite3_column_int64(r->fwalk, 0);
	out->worker_id = sqlite3_column_int64(r->fwalk, 1);
	PUTCOL(out->kind, r->fwalk, 2);
	out->due_at = (time_t)sqlite3_column_int64(r->fwalk, 3);
	if (sqlite3_column_type(r->fwalk, 4) != SQLITE_NULL)
		db_text_copy(out->owner, sizeof out->owner, report_user_name(r,
		    sqlite3_column_int64(r->fwalk, 4)));
	else if (report_investigator(r, out->worker_id, out->owner, sizeof out->owner) != 0)
		return DB_ERROR;
	w = xmalloc(sizeof *w);
	if ((rc = report_worker_by_id(r, out->worker_id, w)) == 1)
		memcpy(out->name, w->name, sizeof out->name);
	free(w);
	if (rc < 0)
		return rc;
	if (report_phones(r, out->worker_id, out->phones, sizeof out->phones, NULL, 0) != 0)
		return DB_ERROR;
	return 1;
}

int
report_open(struct db *db, const char *date, int max_attempts, struct report **out)
{
	static const char sql_changed[] =
	    "SELECT DISTINCT entity_id FROM audit WHERE +entity = 'worker' "
	    "AND action = 'worker.update' AND at > ?1";
	static const char sql_moved[] =
	    "SELECT DISTINCT entity_id FROM audit WHERE +entity = 'worker' "
	    "AND action = 'worker.update' AND field IN ('township', 'village') AND at > ?1";
	struct report *r;
	time_t start = clock_day_start(date);

	*out = NULL;
	if (start == (time_t)-1)
		return db_failf(db, "not a date: '%s' (write YYYY-MM-DD)", date);
	r = xcalloc(1, sizeof *r);
	if ((r->answers = answers_new()) == NULL)
		fatal("out of memory");
	r->db = db;
	r->day_start = start;
	r->t = start + 24 * 3600;
	r->max_attempts = max_attempts;
	/* Index seeks for a million workers: a page cache of 64 MiB keeps the
	 * indexes' upper levels and the village's rows at hand. */
	if (db_exec(db, "PRAGMA cache_size = -65536") != 0 || db_begin_read(db) != 0)
		goto fail;
	if (report_load_users(r) != 0 ||
	    report_load_ids(r, sql_changed, &r->changed, &r->nchanged) != 0 ||
	    report_load_ids(r, sql_moved, &r->mover_ids, &r->nmover_ids) != 0 ||
	    report_load_removed_phones(r) != 0 ||
	    report_load_villages(r) != 0)
		goto fail;
	*out = r;
	return 0;
fail:
	report_close(r);
	return DB_ERROR;
}

int
report_first_record(struct db *db, time_t *first)
{
	static const char sql[] = "SELECT coalesce(min(created_at), 0) FROM workers";
	long long t;

	if (db_step_int64(db, db_stmt(db, sql), &t) != 0)
		return DB_ERROR;
	*first = (time_t)t;
	return 0;
}

time_t
report_instant(const struct report *r)
{
	return r->t;
}

size_t
report_nvillages(const struct report *r)
{
	return r->nvillages;
}

void
report_village(const struct report *r, size_t i, const char **township, const char **village)
{
	*township = r->villages[i].township;
	*village = r->villages[i].village;
}

void
report_close(struct report *r)
{
	if (r == NULL)
		return;
	if (r->walk != NULL)
		sqlite3_reset(r->walk);
	if (r->fwalk != NULL)
		sqlite3_reset(r->fwalk);
	/* Read only: ending the transaction either way keeps the data. */
	db_rollback(r->db);
	for (size_t i = 0; i < r->nusers; i++)
		free(r->users[i].name);
	for (size_t i = 0; i < r->nvillages; i++) {
		free(r->villages[i].township);
		free(r->villages[i].village);
	}
	for (size_t i = 0; i < r->nremoved; i++) {
		free(r->removed[i].display);
		free(r->removed[i].region);
	}
	free(r->users);
	free(r->villages);
	free(r->changed);
	free(r->mover_ids);
	free(r->movers);
	free(r->removed);
	free(r->vorder);
	free(r->xs);
	answers_free(r->answers);
	free(r);
}
