/*
 * report_xlsx.c -- report.xlsx through libxlsxwriter; see report_xlsx.h.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
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

struct report_xlsx {
	lxw_workbook *wb;
	char *path;
	char *tmpdir;
	lxw_format *bold;
	lxw_worksheet *ws[MAX_SHEETS];
	lxw_row_t next[MAX_SHEETS];	/* next row of each sheet */
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
	x->next[sheet] = 1;
	return 0;
}

int
report_xlsx_row(struct report_xlsx *x, size_t sheet, const struct report_cell *cells,
    size_t n, char *err, size_t errlen)
{
	lxw_worksheet *ws = x->ws[sheet];
	lxw_row_t row = x->next[sheet];

	if (row >= MAX_ROWS) {
		snprintf(err, errlen, _("%s: more rows than one sheet can hold (%d)"),
		    x->path, MAX_ROWS - 1);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		lxw_error e = LXW_NO_ERROR;

		if (cells[i].kind == CELL_NUMBER)
			e = worksheet_write_number(ws, row, (lxw_col_t)i, (double)cells[i].number, NULL);
		else if (cells[i].text != NULL && cells[i].text[0] != '\0')
			e = worksheet_write_string(ws, row, (lxw_col_t)i, cells[i].text, NULL);
		if (report_xlsx_check(x, e, err, errlen) != 0)
			return -1;
	}
	x->next[sheet]++;
	x->rows++;
	return 0;
}

int
report_xlsx_close(struct report_xlsx *x, struct report_file_info *info, char *err, size_t errlen)
{
	struct sha256_ctx sha;
	char buf[65536];
	ssize_t n;
	lxw_error e;
	int fd = -1, rc = -1;

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
	if (x == NULL)
		return;
	/* libxlsxwriter frees a workbook only by writing it: write it and let
	 * the caller remove the folder. */
	if (x->wb != NULL)
		workbook_close(x->wb);
	free(x->path);
	free(x->tmpdir);
	free(x);
}
