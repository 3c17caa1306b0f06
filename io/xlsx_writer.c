/*
 * xlsx_writer.c -- report.xlsx through libxlsxwriter; see xlsx_writer.h.
 *
 * libxlsxwriter (in constant_memory mode) formats each row as XML and at
 * the end deflates the sheets: about as much work as the CSVs, and
 * independent of them.  So the rows go, copied into chunks of a few
 * hundred KiB, through a short queue to one thread that owns the
 * workbook; the caller's thread goes on reading the database and writing
 * the CSVs meanwhile.  The queue holds at most QDEPTH chunks, so memory
 * stays bounded whichever side is slower.  The headers are written before
 * the thread starts (at the first row), the file closed after it ends:
 * the workbook is never touched by two threads at once.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <nettle/sha2.h>
#include <xlsxwriter.h>

#include "io/xlsx_writer.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

#define MAX_SHEETS 8
/* Excel's limit: 1,048,576 rows a sheet. */
#define MAX_ROWS 1048576

#define CHUNK (256 * 1024)
#define QDEPTH 4

/* Rows, serialised: sheet, cell count, then each cell: kind, and either
 * the number (8 bytes) or the text's length (4 bytes) and the text. */
struct xlsx_chunk {
	unsigned char *buf;
	size_t n, cap;
};

struct report_xlsx {
	lxw_workbook *wb;
	/* the writing thread and its queue */
	pthread_t thread;
	int started;
	pthread_mutex_t mu;
	pthread_cond_t cv_full, cv_free;	/* a chunk queued; a chunk freed */
	struct xlsx_chunk *queue[QDEPTH];	/* queued, oldest at qhead */
	size_t qhead, qlen;
	struct xlsx_chunk *spare[QDEPTH + 2];	/* emptied, to be reused */
	size_t nspare;
	struct xlsx_chunk *fill;		/* the one being filled */
	int end;				/* no more chunks will come */
	int failed;				/* the thread met an error: terr */
	char terr[512];
	char *path;
	char *tmpdir;
	lxw_format *bold;
	lxw_worksheet *ws[MAX_SHEETS];
	lxw_row_t next[MAX_SHEETS];	/* next row of each sheet (the thread's) */
	lxw_row_t queued[MAX_SHEETS];	/* rows given to each sheet (the caller's) */
	size_t nsheets;
	long long rows;			/* data rows, all sheets */
};

int
report_xlsx_open(const char *path, const char *tmpdir, const char *const *names,
    size_t nsheets, time_t created, struct report_xlsx **out, char *err, size_t errlen)
{
	struct report_xlsx *x;
	lxw_workbook_options opt = { 0 };
	lxw_doc_properties props = { 0 };

	*out = NULL;
	x = xcalloc(1, sizeof *x);
	x->path = xstrdup(path);
	x->tmpdir = xstrdup(tmpdir);
	pthread_mutex_init(&x->mu, NULL);
	pthread_cond_init(&x->cv_full, NULL);
	pthread_cond_init(&x->cv_free, NULL);
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = x->tmpdir;
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL) {
		snprintf(err, errlen, _("cannot start %s: %s"), path, strerror(errno ? errno : ENOMEM));
		goto fail;
	}
	/* The report instant, not the wall clock, as the workbook's creation
	 * time: the same day's report is then the same file byte for byte. */
	props.created = created;
	props.title = (char *)"HN-PCRB v1";
	workbook_set_properties(x->wb, &props);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	for (size_t i = 0; i < nsheets && i < MAX_SHEETS; i++) {
		if ((x->ws[i] = workbook_add_worksheet(x->wb, names[i])) == NULL) {
			snprintf(err, errlen, _("cannot add the sheet %s to %s"), names[i], path);
			goto fail;
		}
		x->nsheets++;
	}
	*out = x;
	return 0;
fail:
	report_xlsx_abort(x);
	return -1;
}

static int
report_xlsx_check(const struct report_xlsx *x, lxw_error e, char *err, size_t errlen)
{
	if (e == LXW_NO_ERROR)
		return 0;
	snprintf(err, errlen, _("cannot write %s: %s"), x->path, lxw_strerror(e));
	return -1;
}

int
report_xlsx_header(struct report_xlsx *x, size_t sheet, const char *const *titles,
    const double *widths, size_t n, char *err, size_t errlen)
{
	lxw_worksheet *ws = x->ws[sheet];

	for (size_t i = 0; i < n; i++) {
		if (report_xlsx_check(x, worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    widths[i], NULL), err, errlen) != 0 ||
		    report_xlsx_check(x, worksheet_write_string(ws, 0, (lxw_col_t)i, titles[i],
		    x->bold), err, errlen) != 0)
			return -1;
	}
	worksheet_freeze_panes(ws, 1, 0);
	x->next[sheet] = x->queued[sheet] = 1;
	return 0;
}

/* Write one serialised row (at *p) to its sheet; 0 or -1 with terr. */
static int
xlsx_write_row(struct report_xlsx *x, const unsigned char **p)
{
	const unsigned char *q = *p;
	size_t sheet = q[0], n = q[1];
	lxw_worksheet *ws = x->ws[sheet];
	lxw_row_t row = x->next[sheet];

	q += 2;
	for (size_t i = 0; i < n; i++) {
		lxw_error e = LXW_NO_ERROR;
		unsigned char kind = *q++;

		if (kind == CELL_NUMBER) {
			long long v;
			memcpy(&v, q, sizeof v);
			q += sizeof v;
			e = worksheet_write_number(ws, row, (lxw_col_t)i, (double)v, NULL);
		} else {
			uint32_t len;
			memcpy(&len, q, sizeof len);
			q += sizeof len;
			if (len > 0)
				e = worksheet_write_string(ws, row, (lxw_col_t)i, (const char *)q,
				    NULL);
			q += len + 1;
		}
		if (report_xlsx_check(x, e, x->terr, sizeof x->terr) != 0)
			return -1;
	}
	x->next[sheet]++;
	*p = q;
	return 0;
}

static void *
xlsx_thread(void *arg)
{
	struct report_xlsx *x = arg;

	for (;;) {
		struct xlsx_chunk *c;
		const unsigned char *p;
		int failed;

		pthread_mutex_lock(&x->mu);
		while (x->qlen == 0 && !x->end)
			pthread_cond_wait(&x->cv_full, &x->mu);
		if (x->qlen == 0) {
			pthread_mutex_unlock(&x->mu);
			return NULL;
		}
		c = x->queue[x->qhead];
		x->qhead = (x->qhead + 1) % QDEPTH;
		x->qlen--;
		failed = x->failed;
		pthread_mutex_unlock(&x->mu);
		/* after an error, chunks are only emptied: the caller hears of
		 * it at its next row and stops */
		for (p = c->buf; !failed && p < c->buf + c->n;)
			failed = xlsx_write_row(x, &p) != 0;
		c->n = 0;
		pthread_mutex_lock(&x->mu);
		x->failed = failed;
		x->spare[x->nspare++] = c;
		pthread_cond_signal(&x->cv_free);
		pthread_mutex_unlock(&x->mu);
	}
}

/* Start the thread, with the signals blocked in it (the caller's thread
 * takes them). */
static int
xlsx_start(struct report_xlsx *x, char *err, size_t errlen)
{
	sigset_t all, prev;
	int e;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &prev);
	e = pthread_create(&x->thread, NULL, xlsx_thread, x);
	pthread_sigmask(SIG_SETMASK, &prev, NULL);
	if (e != 0) {
		snprintf(err, errlen, _("cannot write %s: %s"), x->path, strerror(e));
		return -1;
	}
	x->started = 1;
	return 0;
}

/* Queue the chunk being filled (waiting while the queue is full) and take
 * an empty one; 0, or -1 with err when the thread has failed. */
static int
xlsx_push(struct report_xlsx *x, char *err, size_t errlen)
{
	int failed;

	pthread_mutex_lock(&x->mu);
	while (x->qlen == QDEPTH && !x->failed)
		pthread_cond_wait(&x->cv_free, &x->mu);
	if (!(failed = x->failed)) {
		x->queue[(x->qhead + x->qlen) % QDEPTH] = x->fill;
		x->qlen++;
		pthread_cond_signal(&x->cv_full);
		x->fill = x->nspare > 0 ? x->spare[--x->nspare] : NULL;
	}
	pthread_mutex_unlock(&x->mu);
	if (failed) {
		snprintf(err, errlen, "%s", x->terr);
		return -1;
	}
	return 0;
}

/* Room for n more bytes in the chunk being filled. */
static int
xlsx_room(struct report_xlsx *x, size_t n, char *err, size_t errlen)
{
	if (x->fill != NULL && x->fill->n + n > x->fill->cap && x->fill->n > 0 &&
	    xlsx_push(x, err, errlen) != 0)
		return -1;
	if (x->fill == NULL) {
		x->fill = xcalloc(1, sizeof *x->fill);
		x->fill->cap = CHUNK;
		x->fill->buf = xmalloc(CHUNK);
	}
	if (x->fill->n + n > x->fill->cap) {	/* one row longer than a chunk */
		x->fill->cap = x->fill->n + n;
		x->fill->buf = xrealloc(x->fill->buf, x->fill->cap);
	}
	return 0;
}

int
report_xlsx_row(struct report_xlsx *x, size_t sheet, const struct report_cell *cells,
    size_t n, char *err, size_t errlen)
{
	size_t need = 2, len[256];
	unsigned char *q;

	if (x->queued[sheet] >= MAX_ROWS) {
		snprintf(err, errlen, _("%s: more rows than one sheet can hold (%d)"),
		    x->path, MAX_ROWS - 1);
		return -1;
	}
	if (n > 255) {
		snprintf(err, errlen, _("cannot write %s: %s"), x->path, strerror(E2BIG));
		return -1;
	}
	if (!x->started && xlsx_start(x, err, errlen) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (cells[i].kind == CELL_NUMBER)
			need += 1 + sizeof (long long);
		else {
			len[i] = cells[i].text != NULL ? strlen(cells[i].text) : 0;
			need += 1 + sizeof (uint32_t) + len[i] + 1;
		}
	}
	if (xlsx_room(x, need, err, errlen) != 0)
		return -1;
	q = x->fill->buf + x->fill->n;
	*q++ = (unsigned char)sheet;
	*q++ = (unsigned char)n;
	for (size_t i = 0; i < n; i++) {
		*q++ = (unsigned char)cells[i].kind;
		if (cells[i].kind == CELL_NUMBER) {
			memcpy(q, &cells[i].number, sizeof cells[i].number);
			q += sizeof cells[i].number;
		} else {
			uint32_t l = (uint32_t)len[i];
			memcpy(q, &l, sizeof l);
			q += sizeof l;
			if (l > 0)
				memcpy(q, cells[i].text, l);
			q[l] = '\0';
			q += l + 1;
		}
	}
	x->fill->n += need;
	/* the caller's count; the thread keeps its own in x->next */
	x->queued[sheet]++;
	x->rows++;
	return 0;
}

/* Send what is left, wait for the thread to write it all and end it; 0,
 * or -1 with err when it failed. */
static int
xlsx_finish_thread(struct report_xlsx *x, char *err, size_t errlen)
{
	int rc = 0;

	if (!x->started)
		return 0;
	if (x->fill != NULL && x->fill->n > 0)
		rc = xlsx_push(x, err, errlen);
	pthread_mutex_lock(&x->mu);
	x->end = 1;
	pthread_cond_signal(&x->cv_full);
	pthread_mutex_unlock(&x->mu);
	pthread_join(x->thread, NULL);
	x->started = 0;
	if (rc == 0 && x->failed) {
		snprintf(err, errlen, "%s", x->terr);
		rc = -1;
	}
	return rc;
}

int
report_xlsx_close(struct report_xlsx *x, struct report_file_info *info, char *err, size_t errlen)
{
	struct sha256_ctx sha;
	char buf[65536];
	ssize_t n;
	lxw_error e;
	int fd = -1, rc = -1;

	if (xlsx_finish_thread(x, err, errlen) != 0)
		goto out;
	errno = 0;
	e = workbook_close(x->wb);
	x->wb = NULL;
	if (e != LXW_NO_ERROR) {
		int saved = errno;
		if (saved == ENOSPC || saved == EDQUOT)
			snprintf(err, errlen, _("cannot write %s: %s (free some space on that disk "
			    "or choose another --out folder, then export again)"), x->path,
			    strerror(saved));
		else
			snprintf(err, errlen, _("cannot write %s: %s%s%s"), x->path, lxw_strerror(e),
			    saved ? ": " : "", saved ? strerror(saved) : "");
		goto out;
	}
	if ((fd = open(x->path, O_RDONLY | O_CLOEXEC)) < 0 || fchmod(fd, 0640) != 0)
		goto ioerr;
	sha256_init(&sha);
	info->bytes = 0;
	while ((n = read(fd, buf, sizeof buf)) > 0) {
		sha256_update(&sha, (size_t)n, (const uint8_t *)buf);
		info->bytes += n;
	}
	if (n < 0 || fsync(fd) != 0)
		goto ioerr;
	sha256_hex(&sha, info->sha256);
	info->rows = x->rows;
	rc = 0;
	goto out;
ioerr:
	snprintf(err, errlen, _("cannot write %s: %s"), x->path, strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	report_xlsx_abort(x);
	return rc;
}

void
report_xlsx_abort(struct report_xlsx *x)
{
	char err[512];

	if (x == NULL)
		return;
	xlsx_finish_thread(x, err, sizeof err);
	/* libxlsxwriter frees a workbook only by writing it: write it and let
	 * the caller remove the folder. */
	if (x->wb != NULL)
		workbook_close(x->wb);
	if (x->fill != NULL)
		x->spare[x->nspare++] = x->fill;
	for (size_t i = 0; i < x->nspare; i++) {
		free(x->spare[i]->buf);
		free(x->spare[i]);
	}
	pthread_mutex_destroy(&x->mu);
	pthread_cond_destroy(&x->cv_full);
	pthread_cond_destroy(&x->cv_free);
	free(x->path);
	free(x->tmpdir);
	free(x);
}
