/* export.c -- the provincial report as one call; see export.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db/db.h"
#include "db/report.h"
#include "db/report_summary.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"
#include "io/csv_writer.h"
#include "io/export.h"
#include "io/report_dir.h"
#include "io/report_rows.h"
#include "io/xlsx_writer.h"

static volatile sig_atomic_t export_stop;
static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };

/* Seconds on the monotonic clock (PAICHA_EXPORT_TIMES: the benchmark). */
static double
export_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
export_on_signal(int sig)
{
	export_stop = sig;
}

/* Everything one export run holds open. */
struct export_run {
	const struct export_opts *o;
	struct report_dir dir;
	struct report *report;
	struct csv_writer *csv[REPORT_NTABLES];
	struct report_xlsx *xlsx;
	struct report_file_info info[1 + REPORT_NTABLES];	/* xlsx, then the CSVs */
	long long workers, open_followups;
	double xlsx_seconds;		/* spent in libxlsxwriter */
	char *err;
	size_t errlen;
};

static int
interrupted(struct export_run *x)
{
	if (!export_stop)
		return 0;
	snprintf(x->err, x->errlen, _("interrupted by signal %d: nothing was written"),
	    (int)export_stop);
	return 1;
}

/* Write one row of table t to its CSV and to its sheet. */
static int
export_row(struct export_run *x, size_t t, struct report_row *r)
{
	struct report_cell cells[REPORT_MAX_COLS];
	size_t n = report_tables[t].ncols;
	double t0;
	int rc;

	if (interrupted(x))
		return -1;
	report_table_row(&report_tables[t], r, cells);
	if (csv_writer_cells(x->csv[t], cells, n, x->err, x->errlen) != 0)
		return -1;
	t0 = export_clock();
	rc = report_xlsx_row(x->xlsx, t, cells, n, x->err, x->errlen);
	x->xlsx_seconds += export_clock() - t0;
	return rc;
}

/* The header rows of every table. */
static int
export_headers(struct export_run *x)
{
	for (size_t t = 0; t < REPORT_NTABLES; t++) {
		const struct report_table *tb = &report_tables[t];
		struct report_cell cells[REPORT_MAX_COLS];
		const char *titles[REPORT_MAX_COLS];
		double widths[REPORT_MAX_COLS];

		for (size_t i = 0; i < tb->ncols; i++) {
			titles[i] = report_column_title(&tb->cols[i]);
			widths[i] = tb->cols[i].width;
			cells[i] = (struct report_cell){ .kind = CELL_TEXT, .text = titles[i] };
		}
		if (csv_writer_cells(x->csv[t], cells, tb->ncols, x->err, x->errlen) != 0 ||
		    report_xlsx_header(x->xlsx, t, titles, widths, tb->ncols, x->err,
		    x->errlen) != 0)
			return -1;
	}
	return 0;
}

/* ---- the roster's rows, put in report order ----
 *
 * The workers come in id order (report_open_byid: the database read
 * forward once); the roster wants them village by village.  Each row's
 * cells are serialised into its village's buffer; a full buffer goes to
 * one unlinked scratch file in the report's temporary folder (mode 0600:
 * it holds the same personal data), and its place is kept.  Then the
 * villages are read back in report order, numbered and written.  Memory:
 * about SPILL_MEMORY whatever the township's size; disk: about the
 * roster's size, for the length of the export. */

#define SPILL_MEMORY (8 * 1024 * 1024)

struct spill_chunk {
	off_t off;
	size_t len;
};

struct spill_village {
	unsigned char *buf;
	size_t n;
	struct spill_chunk *chunks;
	size_t nchunks, capchunks;
};

struct spill {
	int fd;
	off_t end;
	size_t cap;			/* each village's buffer */
	struct spill_village *v;
	size_t nv;
};

static int
spill_error(struct export_run *x, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		snprintf(x->err, x->errlen, _("cannot write %s: %s (free some space on that disk "
		    "or choose another --out folder, then export again)"), x->dir.tmp_path,
		    strerror(e));
	else
		snprintf(x->err, x->errlen, _("cannot write %s: %s"), x->dir.tmp_path, strerror(e));
	return -1;
}

static int
spill_open(struct export_run *x, struct spill *sp, size_t nv)
{
	static const char name[] = ".roster.spill";

	memset(sp, 0, sizeof *sp);
	sp->fd = openat(x->dir.fd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (sp->fd < 0)
		return spill_error(x, errno);
	if (unlinkat(x->dir.fd, name, 0) != 0) {	/* it must not be published */
		int e = errno;
		close(sp->fd);
		sp->fd = -1;
		return spill_error(x, e);
	}
	sp->nv = nv;
	sp->cap = nv > 0 ? SPILL_MEMORY / nv : SPILL_MEMORY;
	if (sp->cap < 4096)
		sp->cap = 4096;
	if (sp->cap > 256 * 1024)
		sp->cap = 256 * 1024;
	sp->v = xcalloc(nv + 1, sizeof *sp->v);
	return 0;
}

static void
spill_close(struct spill *sp)
{
	if (sp->fd >= 0)
		close(sp->fd);
	for (size_t i = 0; i < sp->nv; i++) {
		free(sp->v[i].buf);
		free(sp->v[i].chunks);
	}
	free(sp->v);
	sp->fd = -1;
	sp->v = NULL;
}

/* Write village i's buffer to the scratch file. */
static int
spill_flush(struct export_run *x, struct spill *sp, size_t i)
{
	struct spill_village *v = &sp->v[i];
	size_t done = 0;

	if (v->n == 0)
		return 0;
	while (done < v->n) {
		ssize_t k = pwrite(sp->fd, v->buf + done, v->n - done, sp->end + (off_t)done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return spill_error(x, k < 0 ? errno : EIO);
		done += (size_t)k;
	}
	if (v->nchunks == v->capchunks) {
		v->capchunks = v->capchunks ? v->capchunks * 2 : 16;
		v->chunks = xrealloc(v->chunks, v->capchunks * sizeof *v->chunks);
	}
	v->chunks[v->nchunks++] = (struct spill_chunk){ sp->end, v->n };
	sp->end += (off_t)v->n;
	v->n = 0;
	return 0;
}

/* One row's cells: the count, then each cell's kind and its number or its
 * text's length and text. */
static int
spill_put(struct export_run *x, struct spill *sp, size_t i, const struct report_cell *cells,
    size_t n)
{
	struct spill_village *v = &sp->v[i];
	size_t need = 1;
	unsigned char *q;

	for (size_t c = 0; c < n; c++)
		need += 1 + (cells[c].kind == CELL_NUMBER ? sizeof (long long) :
		    sizeof (uint32_t) + (cells[c].text ? strlen(cells[c].text) : 0));
	if (v->n + need > sp->cap && spill_flush(x, sp, i) != 0)
		return -1;
	if (v->buf == NULL)
		v->buf = xmalloc(sp->cap > need ? sp->cap : need);
	else if (need > sp->cap)
		v->buf = xrealloc(v->buf, need);
	q = v->buf + v->n;
	*q++ = (unsigned char)n;
	for (size_t c = 0; c < n; c++) {
		*q++ = (unsigned char)cells[c].kind;
		if (cells[c].kind == CELL_NUMBER) {
			memcpy(q, &cells[c].number, sizeof cells[c].number);
			q += sizeof cells[c].number;
		} else {
			uint32_t len = cells[c].text ? (uint32_t)strlen(cells[c].text) : 0;
			memcpy(q, &len, sizeof len);
			q += sizeof len;
			if (len > 0)
				memcpy(q, cells[c].text, len);
			q += len;
		}
	}
	v->n += need;
	if (need > sp->cap)	/* a row longer than a buffer goes out alone */
		return spill_flush(x, sp, i);
	return 0;
}

/* Write the rows in buf (n bytes) to the roster, numbering them. */
static int
spill_rows(struct export_run *x, const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;
	struct report_cell cells[REPORT_MAX_COLS];
	char text[REPORT_MAX_COLS][4096];
	char *big[REPORT_MAX_COLS] = { NULL };
	int rc = 0;

	while (rc == 0 && p < end) {
		size_t nc = *p++;
		for (size_t c = 0; c < nc; c++) {
			cells[c].kind = (enum report_cell_kind)*p++;
			cells[c].text = NULL;
			cells[c].number = 0;
			if (cells[c].kind == CELL_NUMBER) {
				memcpy(&cells[c].number, p, sizeof cells[c].number);
				p += sizeof cells[c].number;
			} else {
				uint32_t len;
				char *t = text[c];
				memcpy(&len, p, sizeof len);
				p += sizeof len;
				if (len >= sizeof text[c]) {
					free(big[c]);
					t = big[c] = xmalloc((size_t)len + 1);
				}
				memcpy(t, p, len);
				t[len] = '\0';
				p += len;
				cells[c].text = t;
			}
			if (report_column_is_seq(&report_tables[REPORT_ROSTER].cols[c]))
				cells[c].number = ++x->workers;
		}
		if (interrupted(x))
			rc = -1;
		else if (csv_writer_cells(x->csv[REPORT_ROSTER], cells, nc, x->err, x->errlen) != 0)
			rc = -1;
		else {
			double t0 = export_clock();
			rc = report_xlsx_row(x->xlsx, REPORT_ROSTER, cells, nc, x->err, x->errlen);
			x->xlsx_seconds += export_clock() - t0;
		}
	}
	for (size_t c = 0; c < REPORT_MAX_COLS; c++)
		free(big[c]);
	return rc;
}

/* Village after village: its chunks from the file, then its buffer. */
static int
spill_write(struct export_run *x, struct spill *sp)
{
	unsigned char *buf = NULL;
	size_t cap = 0;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sp->nv; i++) {
		struct spill_village *v = &sp->v[i];
		for (size_t k = 0; rc == 0 && k < v->nchunks; k++) {
			size_t len = v->chunks[k].len, done = 0;
			if (len > cap)
				buf = xrealloc(buf, cap = len);
			while (rc == 0 && done < len) {
				ssize_t got = pread(sp->fd, buf + done, len - done,
				    v->chunks[k].off + (off_t)done);
				if (got < 0 && errno == EINTR)
					continue;
				if (got <= 0)
					rc = spill_error(x, got < 0 ? errno : EIO);
				else
					done += (size_t)got;
			}
			if (rc == 0)
				rc = spill_rows(x, buf, len);
		}
		if (rc == 0)
			rc = spill_rows(x, v->buf, v->n);
		free(v->buf);
		v->buf = NULL;
	}
	free(buf);
	return rc;
}

/* 花名册, counting each village; then 汇总. */
static int
export_roster_and_summary(struct export_run *x)
{
	struct report_worker *w = xmalloc(sizeof *w);
	size_t nv = report_nvillages(x->report);
	struct report_counts *counts = xcalloc(nv + 1, sizeof *counts), total = { { 0 } };
	struct report_row r = { .w = w };
	struct report_cell cells[REPORT_MAX_COLS];
	const struct report_table *roster = &report_tables[REPORT_ROSTER];
	struct spill sp;
	int rc = -1, more;

	if (spill_open(x, &sp, nv) != 0) {
		free(counts);
		free(w);
		return -1;
	}
	while ((more = report_next_worker(x->report, w)) == 1) {
		if (interrupted(x))
			goto out;
		report_counts_worker(&counts[w->village_index], w, x->o->date, 1);
		r.seq = 0;	/* numbered when written, in report order */
		report_table_row(roster, &r, cells);
		if (spill_put(x, &sp, w->village_index, cells, roster->ncols) != 0)
			goto out;
	}
	if (more < 0) {
		rc = -2;
		goto out;
	}
	if (spill_write(x, &sp) != 0)
		goto out;
	for (size_t i = 0; i < nv; i++) {
		report_village(x->report, i, &r.township, &r.village);
		report_counts_add(&total, &counts[i]);
		r.counts = &counts[i];
		if (export_row(x, REPORT_SUMMARY, &r) != 0)
			goto out;
	}
	r.township = "合计";
	r.village = "";
	r.counts = &total;
	rc = export_row(x, REPORT_SUMMARY, &r);
out:
	spill_close(&sp);
	free(counts);
	free(w);
	return rc;
}

/* The three tables, row by row; 0 or -1 with x->err. */
static int
export_tables(struct db *db, struct export_run *x)
{
	struct report_followup f;
	struct report_row r = { .f = &f };
	int rc, more;

	if (report_open_byid(db, x->o->date, x->o->max_attempts, &x->report) != 0) {
		snprintf(x->err, x->errlen, "%s", db_error(db));
		return -1;
	}
	r.instant = report_instant(x->report);
	if ((rc = export_headers(x)) == 0 && (rc = export_roster_and_summary(x)) == 0) {
		while ((more = report_next_followup(x->report, &f)) == 1) {
			r.seq = ++x->open_followups;
			if ((rc = export_row(x, REPORT_FOLLOWUPS, &r)) != 0)
				break;
		}
		if (rc == 0 && more < 0)
			rc = -2;
	}
	if (rc == -2)
		snprintf(x->err, x->errlen, "%s", db_error(db));
	/* The read transaction ends here, before the slow part (the xlsx). */
	report_close(x->report);
	x->report = NULL;
	return rc == 0 ? 0 : -1;
}

/* MANIFEST: "sha256  bytes  rows  name" for each file. */
static int
export_manifest(struct export_run *x)
{
	char text[1024];
	size_t n = 0;
	int fd;

	for (int i = 0; i < 1 + REPORT_NTABLES; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s  %lld  %lld  %s\n",
		    x->info[i].sha256, x->info[i].bytes, x->info[i].rows,
		    i == 0 ? "report.xlsx" : report_tables[i - 1].csv);
	fd = openat(x->dir.fd, "MANIFEST", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0640);
	if (fd < 0 || fchmod(fd, 0640) != 0 || write(fd, text, n) != (ssize_t)n ||
	    fsync(fd) != 0) {
		int e = errno;
		snprintf(x->err, x->errlen, _("cannot write %s/MANIFEST: %s"),
		    x->dir.tmp_path, strerror(e));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return close(fd);
}

/* The files, in the temporary folder; 0 or -1 with x->err. */
static int
export_files(struct db *db, struct export_run *x, struct export_result *res, double t_start)
{
	struct csv_write_opts enc = { .encoding = x->o->utf8 ? NULL : "GB18030",
		.bom = x->o->utf8, .crlf = 1, .trim = 1 };
	const char *sheets[REPORT_NTABLES];
	char xlsx[4096];
	double t_csv;
	int c;

	for (size_t t = 0; t < REPORT_NTABLES; t++)
		sheets[t] = report_tables[t].sheet;
	snprintf(xlsx, sizeof xlsx, "%s/report.xlsx", x->dir.tmp_path);
	if (report_xlsx_open(xlsx, x->dir.tmp_path, sheets, REPORT_NTABLES,
	    clock_day_start(x->o->date) + 86400, &x->xlsx, x->err, x->errlen) != 0)
		return -1;
	for (size_t t = 0; t < REPORT_NTABLES; t++) {	/* in the MANIFEST's order */
		if (csv_writer_openat(x->dir.fd, report_tables[t].csv, &enc, &x->csv[t], x->err,
		    x->errlen) != 0)
			return -1;
	}
	if (export_tables(db, x) != 0)
		return -1;
	for (size_t t = 0; t < REPORT_NTABLES; t++) {
		c = csv_writer_finish(x->csv[t], &x->info[1 + t], x->err, x->errlen);
		x->csv[t] = NULL;
		if (c != 0)
			return -1;
	}
	t_csv = export_clock();
	c = report_xlsx_close(x->xlsx, &x->info[0], x->err, x->errlen);
	x->xlsx = NULL;
	if (c != 0 || export_manifest(x) != 0)
		return -1;
	res->csv_seconds = t_csv - t_start - x->xlsx_seconds;
	res->xlsx_seconds = x->xlsx_seconds + (export_clock() - t_csv);
	return 0;
}

/* Move the folder into place, no signal between the last check and the
 * rename; 0 or -1 with x->err. */
static int
export_publish(struct export_run *x)
{
	sigset_t block, prev;
	int c;

	if (interrupted(x))
		return -1;
	sigemptyset(&block);
	for (int i = 0; i < 3; i++)
		sigaddset(&block, sigs[i]);
	sigprocmask(SIG_BLOCK, &block, &prev);
	c = report_dir_publish(&x->dir, x->o->force, x->err, x->errlen);
	if (c != 0)
		report_dir_end(&x->dir);
	sigprocmask(SIG_SETMASK, &prev, NULL);
	return c;
}

/* Is the report folder's name free (or may it be replaced)?  0 or -1. */
static int
export_check_name(struct export_run *x, const char *name, const char *path)
{
	switch (report_dir_exists(x->o->out, name, x->err, x->errlen)) {
	case -1:
		return -1;
	case 1:
		if (!x->o->force) {
			snprintf(x->err, x->errlen, _("%s exists already: it was left as it is; "
			    "add --force to replace it"), path);
			return -1;
		}
	}
	return 0;
}

/* The --out folder, made (0750, reports are personal data) when it does
 * not exist yet; 0 or -1 with x->err. */
static int
export_out_folder(struct export_run *x, struct export_result *res)
{
	struct stat sb;

	if (stat(x->o->out, &sb) == 0 || errno != ENOENT)
		return 0;	/* report_dir says what is wrong with it, if anything */
	if (mkdir(x->o->out, 0750) != 0 && errno != EEXIST) {
		snprintf(x->err, x->errlen, _("cannot create the folder %s: %s"), x->o->out,
		    strerror(errno));
		return -1;
	}
	res->created_out = 1;
	return 0;
}

/* Is the report's day before the first record?  Then res->first_day says
 * which day that was.  0 or -1 with x->err. */
static int
export_first_day(struct db *db, struct export_run *x, struct export_result *res)
{
	time_t first;

	if (report_first_record(db, &first) != 0) {
		snprintf(x->err, x->errlen, "%s", db_error(db));
		return -1;
	}
	if (first != 0 && clock_day_start(x->o->date) + 86400 <= first)
		clock_date(first, res->first_day);
	return 0;
}

int
export_run(struct db *db, const struct export_opts *o, struct export_result *res)
{
	double t_start = export_clock();
	struct export_run *x = xcalloc(1, sizeof *x);
	struct sigaction sa, old[3];
	const char *d = o->date;
	char name[32];
	int rc = -1;

	memset(res, 0, sizeof *res);
	x->o = o;
	x->err = res->err;
	x->errlen = sizeof res->err;
	x->dir.fd = -1;
	snprintf(name, sizeof name, "%s-%.4s%.2s%.2s", o->division, d, d + 5, d + 8);
	snprintf(res->path, sizeof res->path, "%s/%s", o->out, name);
	if (export_out_folder(x, res) != 0 || export_first_day(db, x, res) != 0) {
		free(x);
		return -1;
	}
	report_dir_sweep(o->out);
	if (export_check_name(x, name, res->path) != 0) {
		free(x);
		return -1;
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = export_on_signal;
	sigemptyset(&sa.sa_mask);
	export_stop = 0;
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	if (report_dir_begin(&x->dir, o->out, name, x->err, x->errlen) == 0 &&
	    export_files(db, x, res, t_start) == 0 && export_publish(x) == 0)
		rc = 0;
	for (size_t t = 0; t < REPORT_NTABLES; t++)
		csv_writer_abort(x->csv[t]);
	report_xlsx_abort(x->xlsx);
	report_dir_end(&x->dir);
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	res->workers = x->workers;
	res->open_followups = x->open_followups;
	res->total_seconds = export_clock() - t_start;
	free(x);
	return rc;
}
