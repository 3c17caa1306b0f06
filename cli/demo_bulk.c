/* demo_bulk.c -- the demo's history written in one pass; see cli/demo.h. */
#include "config.h"

#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cmd.h"
#include "cli/demo_data.h"
#include "db/calls.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/followups.h"
#include "db/history.h"
#include "db/import.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/form.h"
#include "forms/i18n.h"
#include "forms/phone.h"
#include "forms/xmalloc.h"
#include "cli/demo.h"

/* The open follow-ups of the worker being folded: indexes into d->fu, in
 * creation order, and room for what calls_rules() reads and writes. */
struct open_set {
	size_t *v;
	size_t n, cap;
	struct calls_open_followup *open;
	struct calls_rule_action *act;
	size_t scratch;
};

/* A follow-up made by call c, the rule-th row it makes (followups_create(),
 * or the copy that moves one); its index in d->fu. */
static size_t
fu_create(struct demo *d, struct open_set *o, const struct sim_worker *s,
    const struct sim_call *c, int rule, enum followup_kind kind, time_t due, long long owner,
    long long call_id)
{
	struct sim_followup *f;

	if (rule >= DEMO_RULES_PER_CALL)
		fatal("demo: call %lld makes more than %d follow-ups", c->id, DEMO_RULES_PER_CALL);
	if (d->nfu == d->capfu) {
		d->capfu = d->capfu ? d->capfu * 2 : 1024;
		d->fu = xrealloc(d->fu, d->capfu * sizeof *d->fu);
	}
	f = &d->fu[d->nfu];
	memset(f, 0, sizeof *f);
	f->f.worker_id = s->id;
	f->f.kind = kind;
	f->f.due_at = due;
	f->f.owner_id = owner;
	f->f.created_at = c->at;
	f->f.created_by = s->investigator;
	f->f.call_id = call_id;
	f->order = c->id * DEMO_RULES_PER_CALL + rule;
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 8;
		o->v = xrealloc(o->v, o->cap * sizeof *o->v);
	}
	o->v[o->n++] = d->nfu;
	return d->nfu++;
}

static void
fu_close(struct demo *d, size_t k, const char *reason, time_t at, long long by)
{
	d->fu[k].f.done_at = at;
	d->fu[k].f.done_by = by;
	d->fu[k].f.done_reason = reason;
}

/* The follow-up rules of calls.h (calls_rules(), as calls_record() applies
 * them), in memory, for call c already folded from before into now. */
static void
demo_rules(struct demo *d, struct open_set *o, const struct sim_worker *s,
    const struct sim_call *c, const struct case_state *before, const struct case_state *now)
{
	size_t nopen = o->n, n, m = 0;
	long long by = s->investigator;
	int rule = 0;

	if (o->scratch < 2 * nopen + 3) {
		o->scratch = 2 * nopen + 3;
		o->open = xrealloc(o->open, o->scratch * sizeof *o->open);
		o->act = xrealloc(o->act, o->scratch * sizeof *o->act);
	}
	for (size_t i = 0; i < nopen; i++) {
		const struct history_followup *f = &d->fu[o->v[i]].f;
		o->open[i] = (struct calls_open_followup){ f->id, f->kind, f->due_at };
	}
	n = calls_rules(&d->ctx->settings, c->at, c->outcome, before, now, o->open, nopen, o->act);
	for (size_t i = 0; i < n; i++) {
		const struct calls_rule_action *a = &o->act[i];
		size_t k = a->op == CALLS_RULE_CREATE ? 0 : o->v[a->index];
		switch (a->op) {
		case CALLS_RULE_CLOSE:
			fu_close(d, k, a->reason, c->at, by);
			break;
		case CALLS_RULE_MOVE:
			fu_create(d, o, s, c, rule++, d->fu[k].f.kind, a->due_at, d->fu[k].f.owner_id,
			    d->fu[k].f.call_id);
			fu_close(d, k, "moved", c->at, by);
			break;
		case CALLS_RULE_CREATE:
			fu_create(d, o, s, c, rule++, a->kind, a->due_at,
			    a->kind == FOLLOWUP_ESCALATION ? d->escalation_owner : 0, c->id);
			break;
		}
	}
	for (size_t i = 0; i < o->n; i++)
		if (d->fu[o->v[i]].f.done_at == 0)
			o->v[m++] = o->v[i];
	o->n = m;
}

/* Check call c's answers against the call form (call_answers())?  All of
 * a small township's, one in 64 beyond. */
static int
check_answers(const struct demo *d, const struct sim_call *c)
{
	return d->ncalls <= 20000 || c->id % 64 == 1;
}

/* The calls and their answers in the order of their numbers,
 * HISTORY_MANY at a time: writer_next() writes the next ones. */
struct call_writer {
	size_t next;			/* in the order of their numbers */
	struct answers *a[HISTORY_MANY];
};

static void
writer_init(struct call_writer *cw)
{
	cw->next = 0;
	for (size_t j = 0; j < HISTORY_MANY; j++)
		cw->a[j] = answers_new();
}

static void
writer_free(struct call_writer *cw)
{
	for (size_t j = 0; j < HISTORY_MANY; j++)
		answers_free(cw->a[j]);
}

static int
writer_next(struct demo *d, struct sim_call *const *order, struct call_writer *cw)
{
	struct history_call hc[HISTORY_MANY];
	size_t i = cw->next, m = d->ncalls - i < HISTORY_MANY ? d->ncalls - i : HISTORY_MANY;

	for (size_t j = 0; j < m; j++) {
		const struct sim_call *c = order[i + j];
		const struct sim_worker *s = &d->w[c->w];
		call_answers(d, c, cw->a[j], 0);
		hc[j] = (struct history_call){ c->id, s->id, s->investigator, c->at, s->e164,
		    c->outcome, cw->a[j] };
	}
	cw->next += m;
	return history_add_calls(d->ctx->db, hc, m);
}

/* Fold worker i's calls c[0..n-1] (in time order) into its case row r,
 * apply the rules, close its job follow-up as demo_close_jobs() would;
 * *updated gets the row's time.  (The calls themselves are stored in the
 * order of their numbers, writer_next(): worker by worker, they went into
 * the calls and call_answers b-trees all over, a page read and written
 * again for most rows once the tables outgrew the page cache.) */
static void
fold_case(struct demo *d, size_t i, const struct sim_call *c, size_t n,
    struct answers *a, struct open_set *o, struct case_row *r, time_t *updated_at)
{
	const struct sim_worker *s = &d->w[i];
	struct case_state before;
	time_t updated = d->created;
	const struct sim_followup *next = NULL;

	memset(r, 0, sizeof *r);
	r->worker_id = s->id;
	r->investigator_id = s->investigator;
	casestate_init(&r->state);
	o->n = 0;
	for (size_t k = 0; k < n; k++) {
		const char *numbers[3];
		for (int j = 0; j < s->nnumbers; j++)
			numbers[j] = s->numbers[j];
		struct case_call call = { c[k].id, c[k].at, c[k].outcome, a, s->e164, numbers,
		    (size_t)s->nnumbers };
		call_answers(d, &c[k], a, check_answers(d, &c[k]));
		before = r->state;
		casestate_apply(&r->state, &call, d->ctx->settings.max_attempts);
		demo_rules(d, o, s, &c[k], &before, &r->state);
		updated = c[k].at;
	}
	for (size_t k = 0; k < o->n; k++) {
		struct sim_followup *f = &d->fu[o->v[k]];
		time_t done = f->f.due_at + 86400 + 3600 * (time_t)(s->id % 6);
		if (f->f.kind != FOLLOWUP_JOB || done >= d->end)
			continue;
		f->f.done_at = done;
		f->f.done_by = s->investigator;
		f->f.done_reason = "done";
		f->order = -f->order;		/* closed by the demo: audited */
		updated = done;
	}
	for (size_t k = 0; k < o->n; k++) {
		const struct sim_followup *f = &d->fu[o->v[k]];
		if (f->f.done_at != 0)
			continue;
		if (next == NULL || f->f.due_at < next->f.due_at ||
		    (f->f.due_at == next->f.due_at && f->order < next->order))
			next = f;
	}
	if (next != NULL) {
		r->next_due_at = next->f.due_at;
		snprintf(r->next_kind, sizeof r->next_kind, "%s", followup_kind_name(next->f.kind));
	}
	*updated_at = updated;
}

/* The cases are folded by a second thread (pure computation: the
 * answers, the reducer, the rules), FOLD_RING rows ahead at most, while
 * this one writes the calls and the case rows folded so far.  The folding
 * thread alone touches the follow-ups (d->fu) until the join, and reads
 * only what the simulation made. */
#define FOLD_RING 256

struct folded {
	struct case_row r;
	time_t updated;
};

struct folder {
	struct demo *d;
	struct folded *ring;
	size_t made, taken;		/* case rows folded, and written */
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* The cases of workers from *i on, their calls from *k on (worker by
 * worker, in time order), one worker a call. */
struct fold_state {
	size_t i, k;
	struct answers *a;
	struct open_set o;
};

static void
fold_next(struct demo *d, struct fold_state *fs, struct folded *out)
{
	size_t n = 0;

	while (fs->k + n < d->ncalls && d->calls[fs->k + n].w == (int)fs->i)
		n++;
	fold_case(d, fs->i, d->calls + fs->k, n, fs->a, &fs->o, &out->r, &out->updated);
	fs->k += n;
	fs->i++;
}

static void
fold_init(struct fold_state *fs)
{
	memset(fs, 0, sizeof *fs);
	fs->a = answers_new();
}

static void
fold_free(struct fold_state *fs)
{
	free(fs->o.v);
	free(fs->o.open);
	free(fs->o.act);
	answers_free(fs->a);
}

static void *
folder_run(void *arg)
{
	struct folder *fo = arg;
	struct fold_state fs;
	int stop = 0;

	fold_init(&fs);
	while (fs.i < fo->d->nw && !stop) {
		pthread_mutex_lock(&fo->mu);
		while (!fo->stop && fo->made - fo->taken == FOLD_RING)
			pthread_cond_wait(&fo->cv, &fo->mu);
		stop = fo->stop;
		pthread_mutex_unlock(&fo->mu);
		if (stop)
			break;
		fold_next(fo->d, &fs, &fo->ring[fo->made % FOLD_RING]);
		pthread_mutex_lock(&fo->mu);
		fo->made++;
		pthread_cond_broadcast(&fo->cv);
		pthread_mutex_unlock(&fo->mu);
	}
	fold_free(&fs);
	return NULL;
}

/* The calls and the cases: with a folding thread, the case rows it has
 * folded whenever there are some, calls meanwhile; without, each case
 * folded and written, then the calls. */
static int
demo_bulk_cases(struct demo *d, struct sim_call *const *order)
{
	struct db *db = d->ctx->db;
	struct call_writer cw;
	struct folder fo;
	pthread_t thread;
	size_t written = 0;
	int rc = 0;

	writer_init(&cw);
	memset(&fo, 0, sizeof fo);
	fo.d = d;
	fo.ring = xcalloc(FOLD_RING, sizeof *fo.ring);
	pthread_mutex_init(&fo.mu, NULL);
	pthread_cond_init(&fo.cv, NULL);
	if (pthread_create(&thread, NULL, folder_run, &fo) != 0) {
		struct fold_state fs;
		fold_init(&fs);
		while (fs.i < d->nw && rc == 0) {
			fold_next(d, &fs, &fo.ring[0]);
			rc = history_add_case(db, &fo.ring[0].r, fo.ring[0].updated);
		}
		fold_free(&fs);
		while (cw.next < d->ncalls && rc == 0)
			rc = writer_next(d, order, &cw);
		goto out;
	}
	while (rc == 0 && (written < d->nw || cw.next < d->ncalls)) {
		size_t made;
		pthread_mutex_lock(&fo.mu);
		/* nothing to do but wait for the folder */
		while (fo.made == written && cw.next == d->ncalls)
			pthread_cond_wait(&fo.cv, &fo.mu);
		made = fo.made;
		pthread_mutex_unlock(&fo.mu);
		for (; written < made && rc == 0; written++) {
			const struct folded *f = &fo.ring[written % FOLD_RING];
			rc = history_add_case(db, &f->r, f->updated);
		}
		pthread_mutex_lock(&fo.mu);
		fo.taken = written;
		if (rc != 0)
			fo.stop = 1;
		pthread_cond_broadcast(&fo.cv);
		pthread_mutex_unlock(&fo.mu);
		if (rc == 0 && cw.next < d->ncalls)
			rc = writer_next(d, order, &cw);
	}
	if (rc != 0) {
		pthread_mutex_lock(&fo.mu);
		fo.stop = 1;
		pthread_cond_broadcast(&fo.cv);
		pthread_mutex_unlock(&fo.mu);
	}
	pthread_join(thread, NULL);
out:
	pthread_cond_destroy(&fo.cv);
	pthread_mutex_destroy(&fo.mu);
	free(fo.ring);
	writer_free(&cw);
	return rc;
}

static long long
fu_order(const struct sim_followup *f)
{
	return f->order < 0 ? -f->order : f->order;
}

static int
cmp_fu_order(const void *pa, const void *pb)
{
	long long a = fu_order(pa), b = fu_order(pb);

	return a < b ? -1 : a > b;
}

/* followups_open_all()'s order: due time, then number. */
static int
cmp_fu_due(const void *pa, const void *pb)
{
	const struct sim_followup *a = *(struct sim_followup *const *)pa;
	const struct sim_followup *b = *(struct sim_followup *const *)pb;

	if (a->f.due_at != b->f.due_at)
		return a->f.due_at < b->f.due_at ? -1 : 1;
	return a->f.id < b->f.id ? -1 : a->f.id > b->f.id;
}

/* The workers are drawn by a second thread, WORKERS_INSERT_MANY at a
 * time, while this one inserts those drawn before: drawing (the ID
 * numbers, names, libphonenumber) is about a third of the workers' time.
 * One thread draws them all, in order: the same workers as drawn here.
 * The drawing thread touches only the demo's drawing state (d->rng,
 * d->w, d->ids, d->fixed) and the batches; this one only the database
 * and the batches it has been given, until the join. */
#define DRAW_RING 32		/* batches drawn ahead, at most */

struct draw_batch {
	struct worker w[WORKERS_INSERT_MANY];
	struct worker_phone ph[WORKERS_INSERT_MANY][3];
	size_t nph[WORKERS_INSERT_MANY];
	size_t m;		/* workers in it */
};

struct drawer {
	struct demo *d;
	size_t n;
	struct draw_batch *ring;
	size_t drawn, taken;	/* batches drawn, and inserted (the slot free) */
	int stop;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

/* Draw the batch of workers from i on into b; the next i. */
static size_t
draw_batch(struct demo *d, size_t n, size_t i, struct draw_batch *b)
{
	b->m = n - i >= WORKERS_INSERT_MANY ? WORKERS_INSERT_MANY : 1;
	for (size_t k = 0; k < b->m; k++)
		draw_worker(d, i + k, &b->w[k], b->ph[k], &b->nph[k]);
	return i + b->m;
}

static void *
drawer_run(void *arg)
{
	struct drawer *dr = arg;
	size_t i = 0;
	int stop = 0;

	while (i < dr->n && !stop) {
		pthread_mutex_lock(&dr->mu);
		while (!dr->stop && dr->drawn - dr->taken == DRAW_RING)
			pthread_cond_wait(&dr->cv, &dr->mu);
		stop = dr->stop;
		pthread_mutex_unlock(&dr->mu);
		if (stop)
			break;
		i = draw_batch(dr->d, dr->n, i, &dr->ring[dr->drawn % DRAW_RING]);
		pthread_mutex_lock(&dr->mu);
		dr->drawn++;
		pthread_cond_broadcast(&dr->cv);
		pthread_mutex_unlock(&dr->mu);
	}
	return NULL;
}

/* Insert batch b's workers and phones. */
static int
insert_batch(struct demo *d, struct draw_batch *b)
{
	struct db *db = d->ctx->db;
	struct worker *wp[WORKERS_INSERT_MANY];
	struct worker_new_phone np[WORKERS_INSERT_MANY * 3];
	size_t nnp = 0;

	for (size_t k = 0; k < b->m; k++) {
		wp[k] = &b->w[k];
		for (size_t j = 0; j < b->nph[k]; j++)
			np[nnp++] = (struct worker_new_phone){ &b->w[k], &b->ph[k][j], (int)j };
	}
	if ((b->m > 1 ? workers_insert_numbered_many(db, wp, d->ctx->me.id)
	    : workers_insert_numbered(db, &b->w[0], d->ctx->me.id)) != 0)
		return -1;
	return workers_insert_phones(db, np, nnp);
}

/* The workers, their phones and assignments (demo_workers() and
 * demo_assign() at once). */
static int
demo_bulk_workers(struct demo *d, size_t n)
{
	struct db *db = d->ctx->db;
	struct drawer dr;
	pthread_t thread;
	time_t at = d->created;
	int threaded, rc = 0;

	memset(&dr, 0, sizeof dr);
	dr.d = d;
	dr.n = n;
	dr.ring = xcalloc(DRAW_RING, sizeof *dr.ring);
	pthread_mutex_init(&dr.mu, NULL);
	pthread_cond_init(&dr.cv, NULL);
	/* without a second thread, this one draws each batch before it
	 * inserts it */
	threaded = pthread_create(&thread, NULL, drawer_run, &dr) == 0;
	for (size_t i = 0; i < n && rc == 0;) {
		struct draw_batch *b;
		if (!threaded) {
			b = &dr.ring[0];
			draw_batch(d, n, i, b);
		} else {
			pthread_mutex_lock(&dr.mu);
			while (dr.drawn == dr.taken)
				pthread_cond_wait(&dr.cv, &dr.mu);
			pthread_mutex_unlock(&dr.mu);
			b = &dr.ring[dr.taken % DRAW_RING];
		}
		rc = insert_batch(d, b);
		i += b->m;
		pthread_mutex_lock(&dr.mu);
		dr.taken++;
		if (rc != 0)
			dr.stop = 1;
		pthread_cond_broadcast(&dr.cv);
		pthread_mutex_unlock(&dr.mu);
	}
	if (threaded)
		pthread_join(thread, NULL);
	pthread_cond_destroy(&dr.cv);
	pthread_mutex_destroy(&dr.mu);
	free(dr.ring);
	if (rc != 0)
		return -1;
	d->nw = n;
	for (size_t k = 0; k < d->nstaff; k++)
		for (size_t i = k; i < n; i += d->nstaff) {
			d->w[i].investigator = d->staff[k];
			if (history_add_assignment(db, d->w[i].id, d->staff[k], d->staff_login[k],
			    d->ctx->me.id, at) != 0)
				return -1;
		}
	return 0;
}

/* The calls, cases and follow-ups, as the live path would have stored them. */
static int
demo_bulk_history(struct demo *d, struct sim_call *const *order)
{
	struct db *db = d->ctx->db;
	struct sim_followup **closed = NULL;
	size_t nclosed = 0;
	int rc = -1;

	if (calls_escalation_owner(db, &d->escalation_owner) != 0)
		goto out;
	/* The cases, worker by worker (their calls are together, in time
	 * order), and the calls. */
	if (demo_bulk_cases(d, order) != 0)
		goto out;
	/* The follow-ups, numbered in the order the rules made them. */
	if (d->nfu > 0)
		qsort(d->fu, d->nfu, sizeof *d->fu, cmp_fu_order);
	closed = xcalloc(d->nfu ? d->nfu : 1, sizeof *closed);
	for (size_t i = 0; i < d->nfu; i += HISTORY_MANY) {
		const struct history_followup *f[HISTORY_MANY];
		size_t m = d->nfu - i < HISTORY_MANY ? d->nfu - i : HISTORY_MANY;
		for (size_t j = 0; j < m; j++) {
			d->fu[i + j].f.id = (long long)(i + j) + 1;
			f[j] = &d->fu[i + j].f;
			if (d->fu[i + j].order < 0)
				closed[nclosed++] = &d->fu[i + j];
		}
		if (history_add_followups(db, f, m) != 0)
			goto out;
	}
	if (nclosed > 0)
		qsort(closed, nclosed, sizeof *closed, cmp_fu_due);
	for (size_t i = 0; i < nclosed; i++)
		if (history_audit_close(db, closed[i]->f.id, "done", closed[i]->f.done_by,
		    closed[i]->f.done_at) != 0)
			goto out;
	rc = 0;
out:
	free(closed);
	return rc;
}

/* Free the simulated workers, calls and follow-ups (their counts stay). */
static void
demo_bulk_drop(struct demo *d, struct sim_call ***order)
{
	free(*order);
	*order = NULL;
	free(d->w);
	d->w = NULL;
	free(d->calls);
	d->calls = NULL;
	d->capcalls = 0;
	free(d->fu);
	d->fu = NULL;
	d->capfu = 0;
}

/* The whole township in one transaction. */
int
demo_bulk(struct demo *d, size_t n)
{
	struct db *db = d->ctx->db;
	struct sim_call **order = NULL;
	struct history_bulk bulk;
	int rc = -1, journal = 0;

	/* The live path's checks on the accounts (cases_assign() refuses a
	 * caller who may not assign, or a disabled investigator). */
	for (size_t k = 0; k < d->nstaff; k++)
		if (cases_assign(db, NULL, 0, d->staff[k], d->ctx->me.id) != 0)
			return -1;
	if (import_tune(db) != 0 || history_bulk_foreign_keys(db, 0) != 0 ||
	    history_bulk_journal(db, 0, &journal) != 0)
		return -1;
	if (db_begin_write(db) != 0)
		goto back;
	if (history_bulk_begin(db, &bulk) != 0)
		goto out;
	if (demo_bulk_workers(d, n) != 0)
		goto out;
	demo_simulate(d, &order);
	if (demo_bulk_history(d, order) != 0)
		goto out;
	/* What is left is SQLite's: the memory of the simulation (a third of
	 * a GB at a million workers) goes to its page cache instead. */
	demo_bulk_drop(d, &order);
	if (history_bulk_cache(db, 256) != 0 || history_bulk_end(db, &bulk) != 0)
		goto out;
	rc = db_commit(db);
out:
	if (rc != 0)
		db_rollback(db);
	history_bulk_free(&bulk);
	free(order);
back:
	if (history_bulk_after(db, journal, rc != 0) != 0)
		rc = -1;
	return rc;
}

