/*
 * import_state.h -- the state of one import (io/import.h), split into the
 * pipeline (threads and batches), the load (db/import.h's second thread),
 * the rejects and the counts.  Private to io/import*.c.
 */
#ifndef PAICHA_IO_IMPORT_STATE_H
#define PAICHA_IO_IMPORT_STATE_H

#include <pthread.h>
#include <stddef.h>
#include <time.h>

#include "db/history.h"
#include "db/import.h"
#include "db/workers.h"
#include "io/csv.h"
#include "io/import.h"
#include "io/roster.h"
#include "io/xlsx.h"

#define BATCH_ROWS 256
#define MAX_THREADS 8
#define MAX_NOTES 30		/* row messages printed before "... and N more" */
#define LOAD_QUEUE 16		/* batches waiting for the loading thread, at most */

/* The input: one of the two readers. */
struct source {
	struct csv_reader *csv;
	struct xlsx_reader *xlsx;
	int ended;			/* the worksheet's last row was read */
	char err[512];
};

/* One worksheet of the input (a CSV is one, unnamed): its header, and
 * what became of its rows.  The first read uses struct import's map. */
struct import_sheet {
	size_t index;			/* in the workbook */
	const char *name;		/* the reader's */
	struct roster_map *map;		/* NULL if skipped */
	struct roster_opts ropts;	/* its source: "FILE" or "FILE[SHEET]" */
	char source[400];
	long header_line;
	enum import_skip skipped;
	struct import_counts n;
};

/* Rows read together and checked by one validator. */
struct batch {
	size_t n;
	size_t sheet;			/* every row's, in struct import's sheets */
	char *arena;			/* the cells' text */
	size_t alen, acap;
	size_t *offs;			/* cell starts in arena */
	size_t noffs, capoffs;
	size_t first[BATCH_ROWS + 1];	/* row i's cells: offs[first[i] .. first[i+1]) */
	long lines[BATCH_ROWS];
	unsigned char load[BATCH_ROWS];	/* row i is a new worker for the loader */
	unsigned char lost[BATCH_ROWS];	/* row i's digits lost in Excel (LOST_*) */
	char **cells;			/* pointers, made once the batch is full */
	struct roster_row rows[BATCH_ROWS];
	int done;
	struct batch *next_work, *next_order;
};

/* The threads: validators take batches from work_head, the calling
 * thread waits for each in file order (done_cv). */
struct import_pipeline {
	pthread_mutex_t mu;		/* guards this, and struct import_loading's queue */
	pthread_cond_t work_cv, done_cv;
	struct batch *work_head, *work_tail;
	struct batch *spare;		/* written batches, for reuse */
	int stop;
};

/* A load into an empty database (db/import.h): the loading thread writes
 * the new workers; rows repeating an ID number wait in later. */
struct import_loading {
	struct import_load *load;
	int loading;
	long long cases_id, next_id;	/* cases made up to cases_id - 1 */
	struct worker_new_phone np[BATCH_ROWS * ROSTER_MAX_PHONES];	/* load_phones() */
	size_t nnp;
	struct roster_row *later;
	size_t *later_sheet;		/* each later row's sheet */
	size_t nlater, caplater;
	pthread_t thread;
	pthread_cond_t cv;
	struct batch *head, *tail;
	int nqueued, end, abort, rc;
	char err[512];
};

/* The reject file. */
struct import_rejects {
	char path[4096], tmp[4200];
	struct csv_writer *w;
};

struct import {
	struct db *db;
	const struct import_opts *o;
	struct source src;
	struct roster_map map;
	struct roster_opts ropts;
	struct roster_seen *seen;
	struct import_pipeline pipe;
	struct import_loading load;
	struct import_rejects rej;
	struct import_counts n;
	/* the worksheets read or skipped (o->sheet: one), the one being read
	 * and the one whose rows are being written; named: the workbook has
	 * more than one, so messages and rejects name theirs */
	struct import_sheet *sheets;
	size_t nsheets, cur, wsheet;
	int named;
	/* new workers with no valid number, escalated after the rows */
	struct { long long id; char *note; } *esc;
	size_t nesc, capesc;
	struct { size_t sheet; long line; char *text; } kept[MAX_NOTES];	/* import_note() */
	size_t nkept;
	/* bulk mode (db/import.h): once imported >= bulk_rows and > existing */
	long long existing;
	long bulk_rows;
	int bulk;
	struct import_bulk bulk_state;
	/* a first load holds the derived tables' triggers off (db/history.h) */
	struct history_bulk derived;
	int derived_held;
	/* progress */
	int tty, bar_shown, times;
	struct timespec start, last_draw;
};

/* A number cell where text must be: the digits Excel lost. */
enum { LOST_IDNUM = 1, LOST_PHONE = 2 };

/* io/import.c */
unsigned char import_lost_digits(const struct import *, char *const *cells, size_t n);
void import_refuse_lost(struct roster_row *, unsigned char lost);
int import_source_next(struct source *, char ***cells, size_t *n, long *line);
void import_source_progress(const struct import *, size_t *done, size_t *total);
void import_error(struct import *, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int import_write_row(struct import *, struct roster_row *, char **cells, size_t ncells,
    unsigned char *load);
int import_load_phones(struct import *);
int import_next_sheet(struct import *);
void import_sheet_counted(struct import *, size_t sheet, const struct import_counts *before);

/* io/import_pipe.c */
void import_phase(struct import *, const char *what);
void import_progress(struct import *, int final);
void import_progress_stage(struct import *, int saving);
int import_rows(struct import *);
int import_load_wait(struct import *);

#endif
