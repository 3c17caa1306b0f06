/*
 * cmd_export.c -- paicha export: the provincial report for one day
 * (docs: provincial-format.md), as of that day's 24:00.
 *
 * One pass over the as-of cursor (db/report.h) feeds the roster to
 * roster.csv and to the 花名册 sheet while counting each village; then
 * the summary and the open follow-ups follow.  Everything is written
 * into a temporary folder that report_dir publishes whole, or removes on
 * any failure or on SIGINT/SIGTERM/SIGHUP.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "io/csv_writer.h"
#include "io/report_dir.h"
#include "io/report_rows.h"
#include "io/xlsx_writer.h"
#include "db/db.h"
#include "db/report.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

enum { SHEET_SUMMARY, SHEET_ROSTER, SHEET_FOLLOWUPS, NSHEETS };

static const char *const sheet_names[NSHEETS] = { "汇总", "花名册", "随访" };

static volatile sig_atomic_t export_stop;

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
	struct report_dir dir;
	struct report *report;
	struct csv_writer *summary, *roster, *followups;
	struct report_xlsx *xlsx;
	struct report_file_info info[4];	/* xlsx, summary, roster, followups */
	long long workers, open_followups;
	double xlsx_seconds;		/* spent in libxlsxwriter */
	char err[1024];
};

/* Write one row to a CSV and to its sheet. */
static int
export_row(struct export_run *x, struct csv_writer *csv, size_t sheet,
    const struct report_cell *cells, size_t n)
{
	if (export_stop) {
		snprintf(x->err, sizeof x->err, _("interrupted by signal %d: nothing was written"),
		    (int)export_stop);
		return -1;
	}
	double t0;
	int rc;

	if (csv_writer_cells(csv, cells, n, x->err, sizeof x->err) != 0)
		return -1;
	t0 = export_clock();
	rc = report_xlsx_row(x->xlsx, sheet, cells, n, x->err, sizeof x->err);
	x->xlsx_seconds += export_clock() - t0;
	return rc;
}

static int
export_header(struct export_run *x, struct csv_writer *csv, size_t sheet,
    const char *const *titles, const double *widths, size_t n)
{
	struct report_cell cells[ROSTER_COLS];

	for (size_t i = 0; i < n; i++)
		cells[i] = (struct report_cell){ .kind = CELL_TEXT, .text = titles[i] };
	if (csv_writer_cells(csv, cells, n, x->err, sizeof x->err) != 0 ||
	    report_xlsx_header(x->xlsx, sheet, titles, widths, n, x->err, sizeof x->err) != 0)
		return -1;
	return 0;
}

/* The three tables, row by row. */
static int
export_tables(struct cmd_ctx *ctx, struct export_run *x, const char *date)
{
	struct report_worker *w = NULL;
	struct report_followup f;
	struct report_counts *counts = NULL, total = { { 0 } };
	struct report_rows_buf buf;
	struct report_cell cells[ROSTER_COLS];
	size_t nv, i;
	int rc = -1, more;

	if (report_open(ctx->db, date, ctx->settings.max_attempts, &x->report) != 0) {
		snprintf(x->err, sizeof x->err, "%s", db_error(ctx->db));
		return -1;
	}
	if (export_header(x, x->summary, SHEET_SUMMARY, report_rows_summary_titles,
	    report_rows_summary_widths, SUMMARY_COLS) != 0 ||
	    export_header(x, x->roster, SHEET_ROSTER, report_rows_roster_titles,
	    report_rows_roster_widths, ROSTER_COLS) != 0 ||
	    export_header(x, x->followups, SHEET_FOLLOWUPS, report_rows_followup_titles,
	    report_rows_followup_widths, FOLLOWUP_COLS) != 0)
		goto out;
	nv = report_nvillages(x->report);
	if ((counts = calloc(nv + 1, sizeof *counts)) == NULL || (w = malloc(sizeof *w)) == NULL)
		abort();
	while ((more = report_next_worker(x->report, w)) == 1) {
		report_rows_count(&counts[w->village_index], w, date);
		report_rows_roster(++x->workers, w, &buf, cells);
		if (export_row(x, x->roster, SHEET_ROSTER, cells, ROSTER_COLS) != 0)
			goto out;
	}
	if (more < 0)
		goto dberr;
	for (i = 0; i < nv; i++) {
		const char *township, *village;

		report_village(x->report, i, &township, &village);
		report_rows_add(&total, &counts[i]);
		report_rows_summary(township, village, &counts[i], cells);
		if (export_row(x, x->summary, SHEET_SUMMARY, cells, SUMMARY_COLS) != 0)
			goto out;
	}
	report_rows_summary("合计", "", &total, cells);
	if (export_row(x, x->summary, SHEET_SUMMARY, cells, SUMMARY_COLS) != 0)
		goto out;
	while ((more = report_next_followup(x->report, &f)) == 1) {
		report_rows_followup(++x->open_followups, &f, report_instant(x->report), &buf, cells);
		if (export_row(x, x->followups, SHEET_FOLLOWUPS, cells, FOLLOWUP_COLS) != 0)
			goto out;
	}
	if (more < 0)
		goto dberr;
	rc = 0;
	goto out;
dberr:
	snprintf(x->err, sizeof x->err, "%s", db_error(ctx->db));
out:
	/* The read transaction ends here, before the slow part (the xlsx). */
	report_close(x->report);
	x->report = NULL;
	free(counts);
	free(w);
	return rc;
}

/* MANIFEST: "sha256  bytes  rows  name" for each file. */
static int
export_manifest(struct export_run *x)
{
	static const char *const names[4] = {
		"report.xlsx", "summary.csv", "roster.csv", "followups.csv",
	};
	char text[1024];
	size_t n = 0;
	int fd;

	for (int i = 0; i < 4; i++)
		n += (size_t)snprintf(text + n, sizeof text - n, "%s  %lld  %lld  %s\n",
		    x->info[i].sha256, x->info[i].bytes, x->info[i].rows, names[i]);
	fd = openat(x->dir.fd, "MANIFEST", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (fd < 0 || fchmod(fd, 0640) != 0 || write(fd, text, n) != (ssize_t)n ||
	    fsync(fd) != 0) {
		int e = errno;
		snprintf(x->err, sizeof x->err, _("cannot write %s/MANIFEST: %s"),
		    x->dir.tmp_path, strerror(e));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return close(fd);
}

/* Is s a 9-digit division code? */
static int
export_division_ok(const char *s)
{
	return strlen(s) == 9 && strspn(s, "0123456789") == 9;
}

int
cmd_export(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *date = NULL, *out = NULL;
	struct csv_write_opts enc = { .encoding = "GB18030", .crlf = 1, .trim = 1 };
	char today[11], last[11], name[32], path[4096];
	struct export_run *x;
	struct sigaction sa, old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	int c, force = 0, installed = 0, rc = EXIT_USER;
	double t_start = export_clock(), t_rows = 0, t_csv = 0;

	optind = 0;	/* GNU getopt: restart */
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': date = optarg; break;
		case 'o': out = optarg; break;
		case 'f': force = 1; break;
		case 'e':
			if (strcasecmp(optarg, "gb18030") == 0)
				enc.encoding = "GB18030", enc.bom = 0;
			else if (strcasecmp(optarg, "utf-8") == 0 || strcasecmp(optarg, "utf8") == 0)
				enc.encoding = NULL, enc.bom = 1;
			else
				return cmd_error(ctx, _("unknown encoding '%s': use gb18030 "
				    "(the default) or utf-8"), optarg);
			break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc || out == NULL)
		return cmd_usage(ctx);
	if (!export_division_ok(ctx->settings.division))
		return cmd_error(ctx, _("the township's 9-digit division code is not set: set it "
		    "with 'paicha init --division CODE' or 'division = CODE' in /etc/paicha.conf"));
	/* The last day that has ended, in China Standard Time. */
	clock_today(today);
	clock_date(clock_day_start(today) - 1, last);
	if (date == NULL)
		date = last;
	if (clock_day_start(date) == (time_t)-1 || strlen(date) != 10)
		return cmd_error(ctx, _("not a date: '%s' (write YYYY-MM-DD)"), date);
	if (strcmp(date, last) > 0)
		return cmd_error(ctx, _("%s has not ended yet: the latest day that can be "
		    "reported is %s"), date, last);
	snprintf(name, sizeof name, "%s-%.4s%.2s%.2s", ctx->settings.division, date, date + 5,
	    date + 8);
	snprintf(path, sizeof path, "%s/%s", out, name);

	report_dir_sweep(out);
	x = xcalloc(1, sizeof *x);
	x->dir.fd = -1;
	switch (report_dir_exists(out, name, x->err, sizeof x->err)) {
	case -1:
		goto fail;
	case 1:
		if (!force) {
			snprintf(x->err, sizeof x->err, _("%s exists already: it was left as it is; "
			    "add --force to replace it"), path);
			goto fail;
		}
	}

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = export_on_signal;
	sigemptyset(&sa.sa_mask);
	export_stop = 0;
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	installed = 1;
	if (report_dir_begin(&x->dir, out, name, x->err, sizeof x->err) != 0)
		goto fail_sig;
	{
		char xlsx[4096];
		snprintf(xlsx, sizeof xlsx, "%s/report.xlsx", x->dir.tmp_path);
		if (report_xlsx_open(xlsx, x->dir.tmp_path, sheet_names, NSHEETS,
		    clock_day_start(date) + 86400, &x->xlsx,
		    x->err, sizeof x->err) != 0)
			goto fail_sig;
	}
	if (csv_writer_openat(x->dir.fd, "summary.csv", &enc, &x->summary, x->err, sizeof x->err) != 0 ||
	    csv_writer_openat(x->dir.fd, "roster.csv", &enc, &x->roster, x->err, sizeof x->err) != 0 ||
	    csv_writer_openat(x->dir.fd, "followups.csv", &enc, &x->followups, x->err,
	    sizeof x->err) != 0)
		goto fail_sig;
	if (export_tables(ctx, x, date) != 0)
		goto fail_sig;
	t_rows = export_clock();
	c = csv_writer_finish(x->summary, &x->info[1], x->err, sizeof x->err);
	x->summary = NULL;
	if (c != 0)
		goto fail_sig;
	c = csv_writer_finish(x->roster, &x->info[2], x->err, sizeof x->err);
	x->roster = NULL;
	if (c != 0)
		goto fail_sig;
	c = csv_writer_finish(x->followups, &x->info[3], x->err, sizeof x->err);
	x->followups = NULL;
	if (c != 0)
		goto fail_sig;
	t_csv = export_clock();
	c = report_xlsx_close(x->xlsx, &x->info[0], x->err, sizeof x->err);
	x->xlsx = NULL;
	if (c != 0 || export_manifest(x) != 0)
		goto fail_sig;
	if (export_stop) {
		snprintf(x->err, sizeof x->err, _("interrupted by signal %d: nothing was written"),
		    (int)export_stop);
		goto fail_sig;
	}
	{
		/* No signal between the check above and the rename. */
		sigset_t block, prev;
		sigemptyset(&block);
		for (int i = 0; i < 3; i++)
			sigaddset(&block, sigs[i]);
		sigprocmask(SIG_BLOCK, &block, &prev);
		c = report_dir_publish(&x->dir, force, x->err, sizeof x->err);
		if (c != 0)
			report_dir_end(&x->dir);
		sigprocmask(SIG_SETMASK, &prev, NULL);
		if (c != 0)
			goto fail_sig;
	}
	printf(_("Wrote %s: %lld workers, %lld open follow-ups, as of %s 24:00.\n"), path,
	    x->workers, x->open_followups, date);
	if (getenv("PAICHA_EXPORT_TIMES") != NULL) {
		double t_end = export_clock();
		fprintf(stderr, "export-times: csv %.2f xlsx %.2f total %.2f\n",
		    t_csv - t_start - x->xlsx_seconds, x->xlsx_seconds + (t_end - t_csv),
		    t_end - t_start);
	}
	(void)t_rows;
	rc = EXIT_OK;
	goto done;
fail_sig:
	csv_writer_abort(x->summary);
	csv_writer_abort(x->roster);
	csv_writer_abort(x->followups);
	report_xlsx_abort(x->xlsx);
	report_dir_end(&x->dir);
fail:
	cmd_error(ctx, "%s", x->err);
done:
	report_dir_end(&x->dir);
	if (installed)
		for (int i = 0; i < 3; i++)
			sigaction(sigs[i], &old[i], NULL);
	free(x);
	return rc;
}
