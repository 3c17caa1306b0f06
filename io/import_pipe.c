/*
 * import_pipe.c -- the import's threads (io/import.h): the calling thread
 * reads batches of rows, validator threads check them, the calling thread
 * writes them in file order, and for a load the loading thread writes the
 * new workers into db/import.h's loading database.  Also the progress bar
 * and the phase times (PAICHA_IMPORT_TIMES).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "db/db.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"
#include "io/import_state.h"

#define VALIDATOR_NICE 10	/* the checking threads' priority, below the writers' */

/* PAICHA_IMPORT_TIMES=1: the time each phase took, on stderr (for the
 * benchmark, tests/bench/import.sh). */
void
import_phase(struct import *im, const char *what)
{
	static _Thread_local struct timespec last, last_cpu;
	struct timespec now, cpu;

	if (!im->times)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	if (what != NULL)
		fprintf(stderr, "time: %-10s %6.2f s (this thread's CPU %.2f s)\n", what,
		    (double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9,
		    (double)(cpu.tv_sec - last_cpu.tv_sec) + (double)(cpu.tv_nsec - last_cpu.tv_nsec) / 1e9);
	last = now;
	last_cpu = cpu;
}

static double
seconds_since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* Draw the progress bar on stderr, at most five times a second. */
void
import_progress(struct import *im, int final)
{
	size_t done, total;
	char bar[31];
	double pct, secs;

	if (!im->tty || (!final && seconds_since(&im->last_draw) < 0.2))
		return;
	if (final) {
		if (im->bar_shown)
			fputs("\r\033[K", stderr);
		return;
	}
	clock_gettime(CLOCK_MONOTONIC, &im->last_draw);
	import_source_progress(im, &done, &total);
	pct = total ? (double)done * 100.0 / (double)total : 0;
	for (int i = 0; i < 30; i++)
		bar[i] = i < (int)(pct * 30 / 100) ? '#' : '.';
	bar[30] = '\0';
	secs = seconds_since(&im->start);
	fputc('\r', stderr);
	fprintf(stderr, _("[%s] %3.0f%%  %ld rows  %.0f rows/s"), bar, pct, im->n.read,
	    secs > 0 ? (double)im->n.read / secs : 0.0);
	fflush(stderr);
	im->bar_shown = 1;
}

/* After the bar: what the import does once every row is read, which
 * can take a while for a big file (indexes, the commit). */
void
import_progress_stage(struct import *im, int saving)
{
	if (!im->tty)
		return;
	fputs("\r\033[K", stderr);
	fprintf(stderr, saving ? _("%ld rows read and checked; saving ...")
	    : _("%ld rows read and checked; building the indexes ..."), im->n.read);
	fflush(stderr);
	im->bar_shown = 1;
}

/* ---------------------------------------------------------------- batches */

static void
batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	free(b->arena);
	free(b->offs);
	free(b->cells);
	free(b);
}

/* A batch for reading: a written one emptied (its buffers kept, its rows
 * not cleared: roster_row_parse() fills each), or a new one. */
static struct batch *
batch_get(struct import *im)
{
	struct batch *b;

	pthread_mutex_lock(&im->pipe.mu);	/* the loading thread gives them back */
	if ((b = im->pipe.spare) != NULL)
		im->pipe.spare = b->next_order;
	pthread_mutex_unlock(&im->pipe.mu);
	if (b == NULL)
		return xcalloc(1, sizeof *b);
	b->n = b->alen = b->noffs = 0;
	free(b->cells);
	b->cells = NULL;
	b->done = 0;
	b->next_work = b->next_order = NULL;
	return b;
}

/* Keep a written batch for batch_get(); at most a few.  Either thread. */
static void
batch_put(struct import *im, struct batch *b)
{
	size_t n = 0;

	pthread_mutex_lock(&im->pipe.mu);
	for (struct batch *s = im->pipe.spare; s != NULL; s = s->next_order)
		n++;
	if (n < 8 * MAX_THREADS + LOAD_QUEUE) {	/* as many as can be in flight */
		b->next_order = im->pipe.spare;
		im->pipe.spare = b;
		b = NULL;
	}
	pthread_mutex_unlock(&im->pipe.mu);
	batch_free(b);
}

/* Free the spare batches (no other thread running). */
static void
spare_free(struct import *im)
{
	struct batch *b;

	while ((b = im->pipe.spare) != NULL) {
		im->pipe.spare = b->next_order;
		batch_free(b);
	}
}

/* ---------------------------------------------------------------- loading */

/* The loading thread: the new workers of each batch written by the main
 * thread, then the indexes (db/import.h). */
static void *
loader(void *arg)
{
	struct import *im = arg;
	long long by = im->o->by_user;
	struct batch *b;
	int rc = 0;

	import_phase(im, NULL);
	for (;;) {
		pthread_mutex_lock(&im->pipe.mu);
		while (im->load.head == NULL && !im->load.end)
			pthread_cond_wait(&im->load.cv, &im->pipe.mu);
		if ((b = im->load.head) != NULL) {
			if ((im->load.head = b->next_order) == NULL)
				im->load.tail = NULL;
			im->load.nqueued--;
			pthread_cond_broadcast(&im->load.cv);
		}
		pthread_mutex_unlock(&im->pipe.mu);
		if (b == NULL)
			break;
		struct worker *w[BATCH_ROWS];
		size_t n = 0;
		for (size_t i = 0; i < b->n; i++)
			if (b->load[i])
				w[n++] = &b->rows[i].w;
		if (rc == 0)
			rc = import_load_add(im->load.load, w, n, by);
		batch_put(im, b);
	}
	import_phase(im, "loader: rows");
	if (rc == 0 && !im->load.abort)
		rc = import_load_finish(im->load.load);
	import_phase(im, "loader: indexes");
	pthread_mutex_lock(&im->pipe.mu);
	if (rc != 0)
		snprintf(im->load.err, sizeof im->load.err, _("the workers' copy in memory: %s"),
		    import_load_error(im->load.load));
	im->load.rc = rc;
	pthread_mutex_unlock(&im->pipe.mu);
	return NULL;
}

/* Hand a written batch to the loading thread, waiting while it is behind. */
static void
load_batch(struct import *im, struct batch *b)
{
	b->next_order = NULL;
	pthread_mutex_lock(&im->pipe.mu);
	while (im->load.nqueued >= LOAD_QUEUE)
		pthread_cond_wait(&im->load.cv, &im->pipe.mu);
	if (im->load.tail != NULL)
		im->load.tail->next_order = b;
	else
		im->load.head = b;
	im->load.tail = b;
	im->load.nqueued++;
	pthread_cond_broadcast(&im->load.cv);
	pthread_mutex_unlock(&im->pipe.mu);
}

/* No more batches for the loading thread: it builds the indexes and
 * commits, unless abort. */
static void
load_end(struct import *im, int abort)
{
	pthread_mutex_lock(&im->pipe.mu);
	im->load.end = 1;
	im->load.abort |= abort;
	pthread_cond_broadcast(&im->load.cv);
	pthread_mutex_unlock(&im->pipe.mu);
}

/* Wait for the loading thread after load_end(); the load is over
 * (im->load.loading = 0) and the spare batches are freed.  0, or -1 with the
 * reason in im->load.err. */
int
import_load_wait(struct import *im)
{
	pthread_join(im->load.thread, NULL);
	im->load.loading = 0;
	spare_free(im);
	return im->load.rc != 0 ? -1 : 0;
}

static void
batch_add(struct batch *b, char **cells, size_t n, long line)
{
	b->first[b->n] = b->noffs;
	b->lines[b->n] = line;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(cells[i]) + 1;
		if (b->alen + len > b->acap) {
			b->acap = (b->alen + len) * 2 + 4096;
			b->arena = xrealloc(b->arena, b->acap);
		}
		if (b->noffs == b->capoffs) {
			b->capoffs = b->capoffs ? b->capoffs * 2 : BATCH_ROWS * 12;
			b->offs = xrealloc(b->offs, b->capoffs * sizeof *b->offs);
		}
		b->offs[b->noffs++] = b->alen;
		memcpy(b->arena + b->alen, cells[i], len);
		b->alen += len;
	}
	b->n++;
	b->first[b->n] = b->noffs;
}

static void
batch_seal(struct batch *b)
{
	b->cells = xcalloc(b->noffs, sizeof *b->cells);
	for (size_t i = 0; i < b->noffs; i++)
		b->cells[i] = b->arena + b->offs[i];
}

static void *
validator(void *arg)
{
	struct import *im = arg;
	struct batch *b;

#ifdef SYS_gettid
	/* The writing threads are the import's critical path, the checks are
	 * not (they run ahead): on Linux a thread's nice value is its own,
	 * so the checks take what CPU the writers leave. */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), VALIDATOR_NICE);
#endif
	for (;;) {
		pthread_mutex_lock(&im->pipe.mu);
		while (im->pipe.work_head == NULL && !im->pipe.stop)
			pthread_cond_wait(&im->pipe.work_cv, &im->pipe.mu);
		if ((b = im->pipe.work_head) == NULL) {
			pthread_mutex_unlock(&im->pipe.mu);
			return NULL;
		}
		if ((im->pipe.work_head = b->next_work) == NULL)
			im->pipe.work_tail = NULL;
		pthread_mutex_unlock(&im->pipe.mu);
		for (size_t i = 0; i < b->n; i++)
			roster_row_parse(im->sheets[b->sheet].map, &im->sheets[b->sheet].ropts, b->cells + b->first[i],
			    b->first[i + 1] - b->first[i], b->lines[i], &b->rows[i]);
		pthread_mutex_lock(&im->pipe.mu);
		b->done = 1;
		pthread_cond_broadcast(&im->pipe.done_cv);
		pthread_mutex_unlock(&im->pipe.mu);
	}
}

/* Read up to BATCH_ROWS data rows of one worksheet into a new batch,
 * going on to the next worksheet read at the end of one; NULL at the end. */
static struct batch *
read_batch(struct import *im, int *rc)
{
	struct batch *b = NULL;
	char **cells;
	size_t n;
	long line;

	while (b == NULL || b->n < BATCH_ROWS) {
		if ((*rc = import_source_next(&im->src, &cells, &n, &line)) < 0)
			break;
		if (*rc == 0 && b == NULL && (*rc = import_next_sheet(im)) > 0)
			continue;
		if (*rc <= 0)
			break;
		if (roster_row_blank(cells, n))
			continue;
		if (b == NULL) {
			b = batch_get(im);
			b->sheet = im->cur;
		}
		b->lost[b->n] = import_lost_digits(im, cells, n);
		batch_add(b, cells, n, line);
		im->n.read++;
		im->sheets[im->cur].n.read++;
	}
	if (b != NULL)
		batch_seal(b);
	return b;
}

/* Read, check (on the validator threads) and write every data row;
 * 0, -1 (the database failed) or -2 (reported already). */
int
import_rows(struct import *im)
{
	pthread_t threads[MAX_THREADS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	const char *env = getenv("PAICHA_IMPORT_THREADS");
	int nthreads;

	if (env != NULL && *env != '\0')
		ncpu = strtol(env, NULL, 10);
	nthreads = ncpu < 1 ? 1 : ncpu > MAX_THREADS ? MAX_THREADS : (int)ncpu;
	struct batch *head = NULL, *tail = NULL, *b;
	int inflight = 0, eof = 0, rc = 0, rrc = 1;

	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&threads[i], NULL, validator, im) != 0)
			nthreads = i;
	if (im->load.loading && (rc = pthread_create(&im->load.thread, NULL, loader, im)) != 0) {
		import_error(im, "%s", strerror(rc));
		im->load.loading = 0;
		rc = -2;
	}
	while (rc == 0) {
		while (!eof && inflight < nthreads * 8) {
			if ((b = read_batch(im, &rrc)) == NULL) {
				eof = 1;
				break;
			}
			pthread_mutex_lock(&im->pipe.mu);
			if (im->pipe.work_tail != NULL)
				im->pipe.work_tail->next_work = b;
			else
				im->pipe.work_head = b;
			im->pipe.work_tail = b;
			pthread_cond_signal(&im->pipe.work_cv);
			pthread_mutex_unlock(&im->pipe.mu);
			if (tail != NULL)
				tail->next_order = b;
			else
				head = b;
			tail = b;
			inflight++;
			if (nthreads == 0)
				break;
		}
		if (head == NULL)
			break;
		if (nthreads == 0) {	/* no thread could start: check here */
			for (size_t i = 0; i < head->n; i++)
				roster_row_parse(im->sheets[head->sheet].map, &im->sheets[head->sheet].ropts,
				    head->cells + head->first[i],
				    head->first[i + 1] - head->first[i], head->lines[i], &head->rows[i]);
			head->done = 1;
		}
		pthread_mutex_lock(&im->pipe.mu);
		while (!head->done)
			pthread_cond_wait(&im->pipe.done_cv, &im->pipe.mu);
		pthread_mutex_unlock(&im->pipe.mu);
		struct import_counts before = im->n;
		im->wsheet = head->sheet;
		for (size_t i = 0; i < head->n && rc == 0; i++) {
			if (head->lost[i])
				import_refuse_lost(&head->rows[i], head->lost[i]);
			rc = import_write_row(im, &head->rows[i], head->cells + head->first[i],
			    head->first[i + 1] - head->first[i], &head->load[i]);
		}
		import_sheet_counted(im, head->sheet, &before);
		if (rc == 0 && im->load.loading)
			rc = import_load_phones(im);
		if (rc == 0 && !im->bulk && im->bulk_rows > 0 && im->n.imported >= im->bulk_rows &&
		    im->n.imported > im->existing) {
			int dropped;
			if ((rc = import_bulk_begin(im->db, &im->bulk_state, &dropped)) == 0)
				im->bulk = 1;
			else
				rc = -1;
		}
		b = head;
		if ((head = head->next_order) == NULL)
			tail = NULL;
		inflight--;
		if (im->load.loading && rc == 0)
			load_batch(im, b);
		else
			batch_put(im, b);
		import_progress(im, 0);
	}
	pthread_mutex_lock(&im->pipe.mu);
	im->pipe.stop = 1;
	pthread_cond_broadcast(&im->pipe.work_cv);
	pthread_mutex_unlock(&im->pipe.mu);
	for (int i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	while (head != NULL) {	/* after an error: the batches still read */
		b = head;
		head = head->next_order;
		batch_free(b);
	}
	if (rc == 0 && rrc < 0) {
		import_error(im, "%s", im->src.err);
		rc = -2;
	}
	if (im->load.loading) {
		/* on success the loading thread goes on with the indexes while
		 * the caller rebuilds its own; the caller waits (import_load_wait()) */
		load_end(im, rc != 0);
		if (rc != 0)
			import_load_wait(im);
	}
	if (!im->load.loading)
		spare_free(im);
	return rc;
}

