/*
 * cmd_import.c -- paicha import FILE [--group A|B] [--encoding E] [--dry-run]
 *
 * The file (CSV or .xlsx, told apart by its first bytes) is read by the
 * main thread in batches of rows; validator threads check the batches
 * (forms/ idnum and libphonenumber, the slow part) while the main thread
 * writes the batches already checked, in file order, into ONE write
 * transaction.  Nothing is committed before the last row: an import that
 * fails, is killed or fills the disk leaves the database as it was.
 * Rejected rows go to FILE.rejects.csv (written under a temporary name,
 * renamed after the commit), which can be corrected and imported again.
 * --dry-run does all of it and rolls back, writing no file.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "cli/cmd.h"
#include "io/csv.h"
#include "io/roster.h"
#include "io/xlsx.h"
#include "db/db.h"
#include "db/import.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

#define BATCH_ROWS 256
#define MAX_THREADS 8
#define MAX_NOTES 30		/* row messages printed before "... and N more" */
#define HEADER_SEARCH 30	/* rows looked at for the header */
#define BULK_ROWS 50000		/* new workers that make an import a bulk load */
#define LOAD_QUEUE 16		/* batches waiting for the loading thread, at most */
#define VALIDATOR_NICE 10	/* the checking threads' priority, below the writers' */

/* The input: one of the two readers. */
struct source {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	char err[512];
};

/* Rows read together and checked by one validator. */
struct batch {
	size_t n;
	char *arena;			/* the cells' text */
	size_t alen, acap;
	size_t *offs;			/* cell starts in arena */
	size_t noffs, capoffs;
	size_t first[BATCH_ROWS + 1];	/* row i's cells: offs[first[i] .. first[i+1]) */
	long lines[BATCH_ROWS];
	unsigned char load[BATCH_ROWS];	/* row i is a new worker for the loader */
	char **cells;			/* pointers, made once the batch is full */
	struct roster_row rows[BATCH_ROWS];
	int done;
	struct batch *next_work, *next_order;
};

struct import {
	struct cmd_ctx *ctx;
	struct source src;
	struct roster_map map;
	struct roster_opts opts;
	struct roster_seen *seen;
	const char *path;
	int dry_run;
	/* the reject file */
	char reject_path[4096], reject_tmp[4200];
	struct csv_writer *rejects;
	/* counts */
	long read, imported, updated, merged, rejected, bad_phones, notes;
	struct { long line; char *text; } kept[MAX_NOTES];	/* note() */
	size_t nkept;
	/* bulk mode (db/import.h): once imported >= bulk_rows and > existing */
	long long existing;
	/* a load into an empty database (db/import.h): the loading thread
	 * writes the new workers; rows repeating an ID number wait in later */
	struct import_load *load;
	int loading;
	long long cases_id, next_id;	/* cases made up to cases_id - 1 */
	struct worker_new_phone np[BATCH_ROWS * ROSTER_MAX_PHONES];	/* load_phones() */
	size_t nnp;
	struct roster_row *later;
	size_t nlater, caplater;
	pthread_t loader;
	pthread_cond_t load_cv;
	struct batch *load_head, *load_tail;
	int nload, load_end, load_abort, load_rc;
	char load_err[512];
	time_t now;			/* every new worker's created_at */
	long bulk_rows;
	int bulk;
	/* threads */
	pthread_mutex_t mu;
	pthread_cond_t work_cv, done_cv;
	struct batch *work_head, *work_tail;
	struct batch *spare;		/* written batches, for reuse (main thread) */
	int stop;
	/* progress */
	int tty, bar_shown, times;
	struct timespec start, last_draw;
};

/* ---------------------------------------------------------------- input */

static int
source_open(struct source *s, const char *path, const char *encoding, char *err, size_t errlen)
{
	unsigned char magic[4] = { 0 };
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fread(magic, 1, sizeof magic, f) != sizeof magic)
		memset(magic, 0, sizeof magic);
	fclose(f);
	if (memcmp(magic, "PK\x03\x04", 4) == 0) {
		if (encoding != NULL) {
			snprintf(err, errlen, "%s", _("--encoding is for CSV files; an .xlsx workbook has its own"));
			return -1;
		}
		return xlsx_open(path, &s->xlsx, err, errlen);
	}
	return csv_open(path, encoding, &s->csv, err, errlen);
}

static int
source_next(struct source *s, char ***cells, size_t *n, long *line)
{
	int rc;

	if (s->csv != NULL)
		return csv_next(s->csv, cells, n, line);
	if ((rc = xlsx_next(s->xlsx, cells, n, line)) < 0)
		snprintf(s->err, sizeof s->err, "%s", xlsx_error(s->xlsx));
	return rc;
}

static void
source_progress(const struct source *s, size_t *done, size_t *total)
{
	if (s->csv != NULL)
		csv_progress(s->csv, done, total);
	else
		xlsx_progress(s->xlsx, done, total);
}

static void
source_close(struct source *s)
{
	csv_close(s->csv);
	xlsx_close(s->xlsx);
}

/* ---------------------------------------------------------------- output */

/* PAICHA_IMPORT_TIMES=1: the time each phase took, on stderr (for the
 * benchmark, tests/bench/import.sh). */
static void
phase(struct import *im, const char *what)
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
static void
progress(struct import *im, int final)
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
	source_progress(&im->src, &done, &total);
	pct = total ? (double)done * 100.0 / (double)total : 0;
	for (int i = 0; i < 30; i++)
		bar[i] = i < (int)(pct * 30 / 100) ? '#' : '.';
	bar[30] = '\0';
	secs = seconds_since(&im->start);
	fputc('\r', stderr);
	fprintf(stderr, _("[%s] %3.0f%%  %ld rows  %.0f rows/s"), bar, pct, im->read,
	    secs > 0 ? (double)im->read / secs : 0.0);
	fflush(stderr);
	im->bar_shown = 1;
}

/* After the bar: what the import does once every row is read, which
 * can take a while for a big file (indexes, the commit). */
static void
progress_stage(struct import *im, int saving)
{
	if (!im->tty)
		return;
	fputs("\r\033[K", stderr);
	fprintf(stderr, saving ? _("%ld rows read and checked; saving ...")
	    : _("%ld rows read and checked; building the indexes ..."), im->read);
	fflush(stderr);
	im->bar_shown = 1;
}

/* A message about one row.  The MAX_NOTES first by line number are kept
 * and printed on stderr at the end (notes_flush()): a load writes rows
 * with a repeated ID number after the others, and the messages come out
 * in the file's order all the same. */
static void
note(struct import *im, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(struct import *im, long line, const char *fmt, ...)
{
	va_list ap;
	size_t at;

	im->notes++;
	if (im->nkept == MAX_NOTES && im->kept[MAX_NOTES - 1].line <= line)
		return;
	/* after every kept note of the same line or before */
	for (at = im->nkept; at > 0 && im->kept[at - 1].line > line; at--)
		;
	if (im->nkept == MAX_NOTES)
		free(im->kept[--im->nkept].text);
	memmove(&im->kept[at + 1], &im->kept[at], (im->nkept - at) * sizeof im->kept[0]);
	im->nkept++;
	im->kept[at].line = line;
	va_start(ap, fmt);
	if (vasprintf(&im->kept[at].text, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
}

static void
notes_flush(struct import *im)
{
	for (size_t i = 0; i < im->nkept; i++) {
		fprintf(stderr, "%s\n", im->kept[i].text);
		free(im->kept[i].text);
	}
	im->nkept = 0;
}

/* The reject file's path beside the input: roster.csv -> roster.rejects.csv. */
static void
reject_path(const char *in, char *out, size_t outsz)
{
	const char *slash = strrchr(in, '/'), *dot = strrchr(in, '.');
	size_t stem = dot != NULL && (slash == NULL || dot > slash + 1) ? (size_t)(dot - in) : strlen(in);

	snprintf(out, outsz, "%.*s.rejects.csv", (int)stem, in);
}

static int
reject_open(struct import *im)
{
	const char *enc = "UTF-8";
	int bom = 1, crlf = 1;
	char err[512];
	const char **titles;
	size_t n = 0;
	int rc;

	if (im->src.csv != NULL) {
		enum csv_encoding e = csv_encoding(im->src.csv);
		enc = csv_encoding_name(im->src.csv);
		bom = e == CSV_UTF8_BOM;
		crlf = csv_crlf(im->src.csv);
	}
	snprintf(im->reject_tmp, sizeof im->reject_tmp, "%s.tmp", im->reject_path);
	if (csv_writer_open(im->reject_tmp, enc, bom, crlf, &im->rejects, err, sizeof err) != 0)
		return cmd_error(im->ctx, "%s", err), -1;
	titles = xcalloc(im->map.ncols + 2, sizeof *titles);
	for (size_t i = 0; i < im->map.ncols; i++)
		if ((int)i != im->map.col[ROSTER_LINE] && (int)i != im->map.col[ROSTER_REASON])
			titles[n++] = im->map.titles[i];
	titles[n++] = "行号";
	titles[n++] = "原因";
	rc = csv_writer_row(im->rejects, titles, n);
	free(titles);
	return rc;
}

/* Write a rejected row: its cells under the header's columns, 行号, 原因. */
static int
reject_row(struct import *im, char **cells, size_t ncells, const struct roster_row *r)
{
	const char **out;
	char line[24];
	size_t n = 0;
	int rc;

	if (im->dry_run)
		return 0;
	if (im->rejects == NULL && reject_open(im) != 0)
		return -1;
	out = xcalloc(im->map.ncols + 2, sizeof *out);
	for (size_t i = 0; i < im->map.ncols; i++)
		if ((int)i != im->map.col[ROSTER_LINE] && (int)i != im->map.col[ROSTER_REASON])
			out[n++] = i < ncells ? cells[i] : "";
	snprintf(line, sizeof line, "%ld", r->line);
	out[n++] = line;
	out[n++] = r->reason;
	rc = csv_writer_row(im->rejects, out, n);
	free(out);
	if (rc != 0)
		cmd_error(im->ctx, "%s", csv_writer_error(im->rejects));
	return rc;
}

/* ---------------------------------------------------------------- writing */

/* Merge row r into the stored worker with its ID number (repeat: an
 * earlier row of the file made or merged it); 0 or -1 (db_error). */
static int
merge_row(struct import *im, struct roster_row *r, int repeat)
{
	struct db *db = im->ctx->db;
	long long by = im->ctx->me.id;
	struct roster_change ch[ROSTER_MAX_CHANGES];
	char conflicts[512];
	struct worker old;
	size_t nch;
	int changed, any = 0;

	if (workers_find_idnum(db, r->w.id_number, &old) != 0)
		return -1;
	im->merged++;
	nch = roster_merge(r, &old, repeat ? ROSTER_MERGE_REPEAT : ROSTER_MERGE_STORED,
	    ch, conflicts, sizeof conflicts);
	for (size_t i = 0; i < nch; i++) {
		if (workers_update_field(db, old.id, ch[i].field, ch[i].value, by, &changed) != 0)
			return -1;
		any |= changed;
	}
	for (size_t i = 0; i < r->nphones; i++) {
		if (workers_add_phone(db, old.id, &r->phones[i], &changed) != 0)
			return -1;
		any |= changed;
	}
	if (conflicts[0] != '\0')
		note(im, r->line, _("line %ld: ID number %s appears earlier in the file; %s"),
		    r->line, r->w.id_number, conflicts);
	if (any)
		im->updated++;
	return 0;
}

/* A load: a new worker gets its number here, its phones and case are
 * written with the batch's (load_phones()), and it goes to the loading
 * thread (*load = 1); a repeated ID number waits in im->later for
 * load_copy().  0. */
static int
load_row(struct import *im, struct roster_row *r, int repeat, unsigned char *load)
{
	if (repeat) {
		if (im->nlater == im->caplater) {
			im->caplater = im->caplater ? im->caplater * 2 : 64;
			im->later = xrealloc(im->later, im->caplater * sizeof *im->later);
		}
		im->later[im->nlater++] = *r;
		return 0;
	}
	r->w.id = im->next_id++;
	im->imported++;
	for (size_t i = 0; i < r->nphones; i++)
		im->np[im->nnp++] = (struct worker_new_phone){ .w = &r->w, .p = &r->phones[i],
		    .rank = (int)i };
	*load = 1;
	return 0;
}

/* A load: the phones and cases of a batch's new workers, at once (their
 * numbers follow those of the batch before); 0 or -1. */
static int
load_phones(struct import *im)
{
	int rc = workers_insert_phones(im->ctx->db, im->np, im->nnp) != 0 ||
	    import_load_cases(im->ctx->db, im->cases_id, im->next_id - 1, (long long)im->now) != 0;

	im->nnp = 0;
	im->cases_id = im->next_id;
	return rc ? -1 : 0;
}

/* Store one checked row: new worker, merge into a known one, or reject.
 * 0, -1 (the database failed: db_error) or -2 (reported already). */
static int
write_row(struct import *im, struct roster_row *r, char **cells, size_t ncells,
    unsigned char *load)
{
	struct db *db = im->ctx->db;
	long long by = im->ctx->me.id;
	int repeat, rc;

	*load = 0;
	if (r->rejected) {
		im->rejected++;
		note(im, r->line, _("line %ld: rejected: %s"), r->line, r->reason);
		return reject_row(im, cells, ncells, r) != 0 ? -2 : 0;
	}
	if (r->nbad > 0) {
		im->bad_phones += r->nbad;
		note(im, r->line, _("line %ld: phone number not imported: %s"), r->line, r->bad_phones);
	}
	repeat = roster_seen_add(im->seen, r->w.id_number);
	if (!repeat)
		r->w.created_at = im->now;
	if (im->loading)
		return load_row(im, r, repeat, load);
	if (!repeat) {
		rc = im->bulk ? workers_insert_only(db, &r->w, by) : workers_insert(db, &r->w, by);
		if (rc == 0) {
			im->imported++;
			return workers_add_new_phones(db, &r->w, r->phones, r->nphones) != 0 ? -1 : 0;
		}
		if (rc != DB_CONFLICT)
			return -1;
	}
	return merge_row(im, r, repeat);
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

	pthread_mutex_lock(&im->mu);	/* the loading thread gives them back */
	if ((b = im->spare) != NULL)
		im->spare = b->next_order;
	pthread_mutex_unlock(&im->mu);
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

	pthread_mutex_lock(&im->mu);
	for (struct batch *s = im->spare; s != NULL; s = s->next_order)
		n++;
	if (n < 8 * MAX_THREADS + LOAD_QUEUE) {	/* as many as can be in flight */
		b->next_order = im->spare;
		im->spare = b;
		b = NULL;
	}
	pthread_mutex_unlock(&im->mu);
	batch_free(b);
}

/* Free the spare batches (no other thread running). */
static void
spare_free(struct import *im)
{
	struct batch *b;

	while ((b = im->spare) != NULL) {
		im->spare = b->next_order;
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
	long long by = im->ctx->me.id;
	struct batch *b;
	int rc = 0;

	phase(im, NULL);
	for (;;) {
		pthread_mutex_lock(&im->mu);
		while (im->load_head == NULL && !im->load_end)
			pthread_cond_wait(&im->load_cv, &im->mu);
		if ((b = im->load_head) != NULL) {
			if ((im->load_head = b->next_order) == NULL)
				im->load_tail = NULL;
			im->nload--;
			pthread_cond_broadcast(&im->load_cv);
		}
		pthread_mutex_unlock(&im->mu);
		if (b == NULL)
			break;
		struct worker *w[BATCH_ROWS];
		size_t n = 0;
		for (size_t i = 0; i < b->n; i++)
			if (b->load[i])
				w[n++] = &b->rows[i].w;
		if (rc == 0)
			rc = import_load_add(im->load, w, n, by);
		batch_put(im, b);
	}
	phase(im, "loader: rows");
	if (rc == 0 && !im->load_abort)
		rc = import_load_finish(im->load);
	phase(im, "loader: indexes");
	pthread_mutex_lock(&im->mu);
	if (rc != 0)
		snprintf(im->load_err, sizeof im->load_err, _("the workers' copy in memory: %s"),
		    import_load_error(im->load));
	im->load_rc = rc;
	pthread_mutex_unlock(&im->mu);
	return NULL;
}

/* Hand a written batch to the loading thread, waiting while it is behind. */
static void
load_batch(struct import *im, struct batch *b)
{
	b->next_order = NULL;
	pthread_mutex_lock(&im->mu);
	while (im->nload >= LOAD_QUEUE)
		pthread_cond_wait(&im->load_cv, &im->mu);
	if (im->load_tail != NULL)
		im->load_tail->next_order = b;
	else
		im->load_head = b;
	im->load_tail = b;
	im->nload++;
	pthread_cond_broadcast(&im->load_cv);
	pthread_mutex_unlock(&im->mu);
}

/* No more batches for the loading thread: it builds the indexes and
 * commits, unless abort. */
static void
load_end(struct import *im, int abort)
{
	pthread_mutex_lock(&im->mu);
	im->load_end = 1;
	im->load_abort |= abort;
	pthread_cond_broadcast(&im->load_cv);
	pthread_mutex_unlock(&im->mu);
}

/* Wait for the loading thread after load_end(); the load is over
 * (im->loading = 0) and the spare batches are freed.  0, or -1 with the
 * reason in im->load_err. */
static int
load_wait(struct import *im)
{
	pthread_join(im->loader, NULL);
	im->loading = 0;
	spare_free(im);
	return im->load_rc != 0 ? -1 : 0;
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
		pthread_mutex_lock(&im->mu);
		while (im->work_head == NULL && !im->stop)
			pthread_cond_wait(&im->work_cv, &im->mu);
		if ((b = im->work_head) == NULL) {
			pthread_mutex_unlock(&im->mu);
			return NULL;
		}
		if ((im->work_head = b->next_work) == NULL)
			im->work_tail = NULL;
		pthread_mutex_unlock(&im->mu);
		for (size_t i = 0; i < b->n; i++)
			roster_row_parse(&im->map, &im->opts, b->cells + b->first[i],
			    b->first[i + 1] - b->first[i], b->lines[i], &b->rows[i]);
		pthread_mutex_lock(&im->mu);
		b->done = 1;
		pthread_cond_broadcast(&im->done_cv);
		pthread_mutex_unlock(&im->mu);
	}
}

/* Read up to BATCH_ROWS data rows into a new batch; NULL at the end. */
static struct batch *
read_batch(struct import *im, int *rc)
{
	struct batch *b = NULL;
	char **cells;
	size_t n;
	long line;

	while (b == NULL || b->n < BATCH_ROWS) {
		if ((*rc = source_next(&im->src, &cells, &n, &line)) <= 0)
			break;
		if (roster_row_blank(cells, n))
			continue;
		if (b == NULL)
			b = batch_get(im);
		batch_add(b, cells, n, line);
		im->read++;
	}
	if (b != NULL)
		batch_seal(b);
	return b;
}

/* Read, check (on the validator threads) and write every data row;
 * 0, -1 (the database failed) or -2 (reported already). */
static int
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
	if (im->loading && (rc = pthread_create(&im->loader, NULL, loader, im)) != 0) {
		cmd_error(im->ctx, "%s", strerror(rc));
		im->loading = 0;
		rc = -2;
	}
	while (rc == 0) {
		while (!eof && inflight < nthreads * 8) {
			if ((b = read_batch(im, &rrc)) == NULL) {
				eof = 1;
				break;
			}
			pthread_mutex_lock(&im->mu);
			if (im->work_tail != NULL)
				im->work_tail->next_work = b;
			else
				im->work_head = b;
			im->work_tail = b;
			pthread_cond_signal(&im->work_cv);
			pthread_mutex_unlock(&im->mu);
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
				roster_row_parse(&im->map, &im->opts, head->cells + head->first[i],
				    head->first[i + 1] - head->first[i], head->lines[i], &head->rows[i]);
			head->done = 1;
		}
		pthread_mutex_lock(&im->mu);
		while (!head->done)
			pthread_cond_wait(&im->done_cv, &im->mu);
		pthread_mutex_unlock(&im->mu);
		for (size_t i = 0; i < head->n && rc == 0; i++)
			rc = write_row(im, &head->rows[i], head->cells + head->first[i],
			    head->first[i + 1] - head->first[i], &head->load[i]);
		if (rc == 0 && im->loading)
			rc = load_phones(im);
		if (rc == 0 && !im->bulk && im->bulk_rows > 0 && im->imported >= im->bulk_rows &&
		    im->imported > im->existing) {
			int dropped;
			if ((rc = import_bulk_begin(im->ctx->db, &dropped)) == 0)
				im->bulk = 1;
			else
				rc = -1;
		}
		b = head;
		if ((head = head->next_order) == NULL)
			tail = NULL;
		inflight--;
		if (im->loading && rc == 0)
			load_batch(im, b);
		else
			batch_put(im, b);
		progress(im, 0);
	}
	pthread_mutex_lock(&im->mu);
	im->stop = 1;
	pthread_cond_broadcast(&im->work_cv);
	pthread_mutex_unlock(&im->mu);
	for (int i = 0; i < nthreads; i++)
		pthread_join(threads[i], NULL);
	while (head != NULL) {	/* after an error: the batches still read */
		b = head;
		head = head->next_order;
		batch_free(b);
	}
	if (rc == 0 && rrc < 0) {
		cmd_error(im->ctx, "%s", im->src.err);
		rc = -2;
	}
	if (im->loading) {
		/* on success the loading thread goes on with the indexes while
		 * the caller rebuilds its own; the caller waits (load_wait()) */
		load_end(im, rc != 0);
		if (rc != 0)
			load_wait(im);
	}
	if (!im->loading)
		spare_free(im);
	return rc;
}

/* After the load: copy the loaded workers into the database, then merge
 * the rows that repeated an ID number, in file order.  0 or -1. */
static int
load_copy(struct import *im)
{
	struct db *db = im->ctx->db;
	long long copied;

	if (import_load_copy(db, im->load, &copied) != 0)
		return -1;
	if (copied != im->imported)
		return db_failf(db, "%lld workers were loaded, %ld expected", copied, im->imported), -1;
	for (size_t i = 0; i < im->nlater; i++)
		if (merge_row(im, &im->later[i], 1) != 0)
			return -1;
	return 0;
}

/* ---------------------------------------------------------------- command */

/* Find the header among the first rows; 0, or an exit status. */
static int
find_header(struct import *im, long *header_line)
{
	char **cells;
	size_t n;
	int rc;

	for (int looked = 0; looked < HEADER_SEARCH; ) {
		if ((rc = source_next(&im->src, &cells, &n, header_line)) < 0)
			return cmd_error(im->ctx, "%s", im->src.err);
		if (rc == 0)
			break;
		if (roster_row_blank(cells, n))
			continue;
		looked++;
		if (roster_map_header(&im->map, cells, n))
			return 0;
	}
	return cmd_error(im->ctx, _("%s has no header row: none of its first rows holds column "
	    "titles such as 姓名, 身份证号 and 联系电话"), im->path);
}

static void
summary(struct import *im, long header_line)
{
	if (im->src.csv != NULL)
		printf(_("Read %s (CSV, %s), header on line %ld.\n"), im->path,
		    csv_encoding_name(im->src.csv), header_line);
	else
		printf(_("Read %s (worksheet '%s'), header on row %ld.\n"), im->path,
		    xlsx_sheet_name(im->src.xlsx), header_line);
	if (im->map.ignored[0] != '\0')
		printf(_("Columns not imported: %s\n"), im->map.ignored);
	if (im->notes > MAX_NOTES)
		fprintf(stderr, _("... and %ld more messages\n"), im->notes - MAX_NOTES);
	printf(_("Rows read:     %ld\n"), im->read);
	printf(_("Imported:      %ld\n"), im->imported);
	printf(_("Updated:       %ld\n"), im->updated);
	printf(_("Rejected:      %ld\n"), im->rejected);
	printf(_("Merged:        %ld\n"), im->merged);
	if (im->bad_phones > 0)
		printf(_("Phone numbers not imported (the row had a valid one): %ld\n"), im->bad_phones);
	if (im->dry_run) {
		printf("%s\n", _("Dry run: nothing was written."));
	} else if (im->rejected > 0) {
		printf(_("Rejected rows are in %s (%s), with their line number and the reason; "
		    "correct them there and import that file.\n"), im->reject_path,
		    im->src.csv == NULL ? _("CSV, UTF-8 with BOM") : csv_encoding_name(im->src.csv));
	}
}

static int
parse_group(const char *s, int *group)
{
	enum worker_group g;

	if (roster_group_parse(s, &g) != 0)
		return -1;
	*group = (int)g;
	return 0;
}

int
cmd_import(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct import im;
	const char *encoding = NULL, *base, *env;
	char today[11], err[512];
	long header_line = 0;
	int c, rc = EXIT_USER;

	memset(&im, 0, sizeof im);
	im.ctx = ctx;
	im.times = (env = getenv("PAICHA_IMPORT_TIMES")) != NULL && *env == '1';
	phase(&im, NULL);
	im.opts.group = -1;
	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'g':
			if (parse_group(optarg, &im.opts.group) != 0)
				return cmd_error(ctx, _("--group is A (在鄂务工) or B (湖北籍在本地就业), not '%s'"), optarg);
			break;
		case 'e': encoding = optarg; break;
		case 'n': im.dry_run = 1; break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc - 1)
		return cmd_usage(ctx);
	im.path = ctx->argv[optind];
	base = strrchr(im.path, '/') ? strrchr(im.path, '/') + 1 : im.path;
	clock_today(today);
	im.opts.today = today;
	im.opts.area_code = ctx->settings.area_code;
	im.opts.township = ctx->settings.township;
	im.opts.source = base;
	roster_map_init(&im.map);
	reject_path(im.path, im.reject_path, sizeof im.reject_path);
	if (source_open(&im.src, im.path, encoding, err, sizeof err) != 0)
		return cmd_error(ctx, "%s", err);

	/* Everything that can stop the import is checked before writing. */
	if ((rc = find_header(&im, &header_line)) != 0)
		goto out;
	if (roster_map_missing(&im.map) != NULL) {
		rc = cmd_error(ctx, _("%s has no column %s (header on line %ld); nothing was imported"),
		    im.path, roster_map_missing(&im.map), header_line);
		goto out;
	}
	if (im.map.col[ROSTER_GROUP] < 0 && im.opts.group < 0) {
		rc = cmd_error(ctx, _("%s has no column 人员类别: say which group its workers are in "
		    "with --group A (在鄂务工) or --group B (湖北籍在本地就业); nothing was imported"), im.path);
		goto out;
	}

	im.seen = roster_seen_new();
	im.tty = isatty(STDERR_FILENO);
	im.now = clock_now();
	phase(&im, "open");
	clock_gettime(CLOCK_MONOTONIC, &im.start);
	pthread_mutex_init(&im.mu, NULL);
	pthread_cond_init(&im.work_cv, NULL);
	pthread_cond_init(&im.done_cv, NULL);
	rc = EXIT_USER;
	pthread_cond_init(&im.load_cv, NULL);
	env = getenv("PAICHA_IMPORT_BULK_ROWS");
	im.bulk_rows = env != NULL && *env != '\0' ? strtol(env, NULL, 10) : BULK_ROWS;
	if (import_tune(ctx->db) != 0) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		goto out_threads;
	}
	/* Into a database that holds no worker: a load (db/import.h), if
	 * it still holds none once the transaction has begun. */
	if (im.bulk_rows > 0 && import_count_workers(ctx->db, &im.existing) == 0 &&
	    im.existing == 0 && import_load_open(ctx->db, &im.load) != 0)
		im.load = NULL;		/* then row by row, as into any database */
	if (import_begin(ctx->db, im.load) != 0) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		goto out_threads;
	}
	if (import_count_workers(ctx->db, &im.existing) != 0 ||
	    (im.load != NULL && im.existing == 0 &&
	    (import_bulk_begin_load(ctx->db, &c) != 0 ||
	    import_next_worker_id(ctx->db, &im.next_id) != 0))) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		db_rollback(ctx->db);
		goto out_threads;
	}
	im.loading = im.bulk = im.load != NULL && im.existing == 0;
	im.cases_id = im.next_id;
	phase(&im, "begin");
	c = import_rows(&im);
	phase(&im, "rows");
	if (c == 0 && im.bulk)
		progress_stage(&im, 0);
	if (c == 0 && im.bulk && !im.dry_run && import_bulk_end(ctx->db) != 0)
		c = -1;
	phase(&im, "indexes");
	if (im.loading) {
		if (c == 0 && !im.dry_run && import_flush(ctx->db) != 0)
			c = -1;
		phase(&im, "flush");
		if (load_wait(&im) != 0 && c == 0) {
			cmd_error(ctx, "%s", im.load_err);
			c = -2;
		}
		phase(&im, "load");
		if (c == 0) {
			progress_stage(&im, 1);
			c = load_copy(&im);
		}
		phase(&im, "copy");
	}
	progress(&im, 1);
	notes_flush(&im);
	if (c != 0) {
		db_rollback(ctx->db);
		if (c == -1)
			cmd_error(ctx, _("%s; nothing was imported"), db_error(ctx->db));
		else
			cmd_error(ctx, "%s", _("nothing was imported"));
		goto out_threads;
	}
	progress_stage(&im, 1);
	if (im.rejects != NULL) {
		struct csv_writer *w = im.rejects;
		im.rejects = NULL;
		if (csv_writer_close(w) != 0) {
			progress(&im, 1);
			db_rollback(ctx->db);
			cmd_error(ctx, _("cannot write %s: %s; nothing was imported"), im.reject_tmp, strerror(errno));
			goto out_threads;
		}
	}
	if (im.dry_run) {
		db_rollback(ctx->db);
	} else if (db_commit(ctx->db) != 0) {
		progress(&im, 1);
		cmd_error(ctx, _("%s; nothing was imported"), db_error(ctx->db));
		goto out_threads;
	}
	phase(&im, "commit");
	progress(&im, 1);
	if (im.reject_tmp[0] != '\0' && rename(im.reject_tmp, im.reject_path) != 0)
		cmd_error(ctx, _("the import is done, but %s could not be renamed to %s: %s"),
		    im.reject_tmp, im.reject_path, strerror(errno));
	else
		rc = EXIT_OK;
	summary(&im, header_line);
out_threads:
	if (im.rejects != NULL)
		csv_writer_close(im.rejects);
	if (rc != EXIT_OK && im.reject_tmp[0] != '\0')
		unlink(im.reject_tmp);
	import_load_close(ctx->db, im.load);
	notes_flush(&im);
	free(im.later);
	pthread_mutex_destroy(&im.mu);
	pthread_cond_destroy(&im.work_cv);
	pthread_cond_destroy(&im.done_cv);
	pthread_cond_destroy(&im.load_cv);
out:
	roster_seen_free(im.seen);
	roster_map_free(&im.map);
	source_close(&im.src);
	phase(&im, "end");
	return rc;
}
