/*
 * csv_writer.c -- the one CSV writer; see csv_writer.h.
 *
 * A row is built in UTF-8, converted as a whole (iconv) and appended to a
 * 64 KiB output buffer that goes to the file with write(2) when full.
 * Every byte that reaches the file passes through the SHA-256 first.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv_writer.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

#define OUTBUF 65536

struct csv_writer {
	int fd;
	char *name;
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	int crlf, flags;		/* csv_quote()'s */
	char *row;			/* the row being built, UTF-8 */
	size_t nrow, caprow;
	size_t *starts;			/* where each field of the row begins */
	size_t capstarts;
	char out[OUTBUF];
	size_t nout;
	struct sha256_ctx sha;
	long long bytes, rows;
	char err[512];
};

void
sha256_hex(struct sha256_ctx *ctx, char hex[65])
{
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static int
is_utf8(const char *enc)
{
	return enc == NULL || strcasecmp(enc, "utf-8") == 0 || strcasecmp(enc, "utf8") == 0;
}

/* Say what went wrong writing, and what to do about it. */
static void
ioerr(const struct csv_writer *w, int e, char *err, size_t errlen)
{
	if (e == ENOSPC || e == EDQUOT)
		snprintf(err, errlen, _("cannot write %s: %s (free some space on that disk or "
		    "choose another --out folder, then export again)"), w->name, strerror(e));
	else
		snprintf(err, errlen, _("cannot write %s: %s"), w->name, strerror(e));
}

static int
flush_out(struct csv_writer *w, char *err, size_t errlen)
{
	size_t done = 0;

	while (done < w->nout) {
		ssize_t n = write(w->fd, w->out + done, w->nout - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ioerr(w, errno, err, errlen);
			return -1;
		}
		done += (size_t)n;
	}
	w->nout = 0;
	return 0;
}

/* Hash and queue n bytes of encoded output. */
static int
emit(struct csv_writer *w, const char *p, size_t n, char *err, size_t errlen)
{
	sha256_update(&w->sha, n, (const uint8_t *)p);
	w->bytes += (long long)n;
	while (n > 0) {
		size_t room = OUTBUF - w->nout, take = n < room ? n : room;
		memcpy(w->out + w->nout, p, take);
		w->nout += take;
		p += take;
		n -= take;
		if (w->nout == OUTBUF && flush_out(w, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int
csv_writer_fdopen(int fd, const char *name, const struct csv_write_opts *o,
    struct csv_writer **out, char *err, size_t errlen)
{
	struct csv_writer *w = xcalloc(1, sizeof *w);

	*out = NULL;
	w->fd = fd;
	w->name = xstrdup(name);
	w->cd = (iconv_t)-1;
	w->crlf = o->crlf;
	w->flags = (o->trim ? CSV_TRIM : 0) | (o->keep_formulas ? 0 : CSV_NEUTRALISE);
	sha256_init(&w->sha);
	if (!is_utf8(o->encoding) && (w->cd = iconv_open(o->encoding, "UTF-8")) == (iconv_t)-1) {
		if (strncasecmp(o->encoding, "gb", 2) == 0)
			snprintf(err, errlen, _("this system cannot convert to GB18030 (%s): "
			    "install the C library's gconv modules, or use --encoding utf-8"),
			    strerror(errno));
		else
			snprintf(err, errlen, _("unknown encoding '%s'"), o->encoding);
		goto fail;
	}
	if (o->bom && w->cd == (iconv_t)-1 && emit(w, "\xef\xbb\xbf", 3, err, errlen) != 0)
		goto fail;
	*out = w;
	return 0;
fail:
	csv_writer_abort(w);
	return -1;
}

int
csv_writer_openat(int dirfd, const char *name, const struct csv_write_opts *o,
    struct csv_writer **out, char *err, size_t errlen)
{
	int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);

	*out = NULL;
	if (fd < 0 || fchmod(fd, 0640) != 0) {
		snprintf(err, errlen, _("cannot write %s: %s"), name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return csv_writer_fdopen(fd, name, o, out, err, errlen);
}

int
csv_writer_open(const char *path, const char *encoding, int bom, int crlf,
    struct csv_writer **out, char *err, size_t errlen)
{
	struct csv_write_opts o = { .encoding = encoding, .bom = bom, .crlf = crlf };

	return csv_writer_openat(AT_FDCWD, path, &o, out, err, errlen);
}

/* A number or a list of phone numbers ("+85291234567", "-3", "+852 9123
 * 4567、+86 135 7489 5655"): + or - before nothing but digits, spaces,
 * '.' and 、 (each maybe followed by +) cannot call a function or reach
 * another cell, and is left as it is (a spreadsheet shows the number). */
static int
csv_plain_number(const char *field)
{
	const char *p = field + 1;

	if ((field[0] != '+' && field[0] != '-') || *p == '\0')
		return 0;
	for (; *p != '\0'; p++) {
		if (strncmp(p, "\xe3\x80\x81", 3) == 0)	/* 、, maybe + */
			p += p[3] == '+' ? 3 : 2;
		else if (strchr("0123456789 .", *p) == NULL)
			return 0;
	}
	return 1;
}

int
csv_formula_like(const char *field)
{
	if (field[0] == '\'')
		return csv_formula_like(field + 1);
	return field[0] != '\0' && strchr("=+-@\t\r", field[0]) != NULL &&
	    !csv_plain_number(field);
}

size_t
csv_quote(const char *field, int flags, char *buf, size_t size)
{
	size_t len = strlen(field), need = 0, i;
	int quote = 0;

	while ((flags & CSV_TRIM) && len > 0 && field[len - 1] == ' ')
		len--;
	for (i = 0; i < len; i++)
		if (field[i] == ',' || field[i] == '"' || field[i] == '\r' || field[i] == '\n')
			quote = 1;
#define PUT(ch) do { if (need + 1 < size) buf[need] = (ch); need++; } while (0)
	if (quote)
		PUT('"');
	if ((flags & CSV_NEUTRALISE) && len > 0 && csv_formula_like(field))
		PUT('\'');
	for (i = 0; i < len; i++) {
		if (field[i] == '"')
			PUT('"');
		PUT(field[i]);
	}
	if (quote)
		PUT('"');
#undef PUT
	if (size > 0)
		buf[need < size ? need : size - 1] = '\0';
	return need;
}

/* Make room for n more bytes in the row buffer. */
static void
grow(struct csv_writer *w, size_t n)
{
	if (w->nrow + n + 1 <= w->caprow)
		return;
	while (w->nrow + n + 1 > w->caprow)
		w->caprow = w->caprow ? w->caprow * 2 : 1024;
	w->row = xrealloc(w->row, w->caprow);
}

/* The 1-based column of the row buffer's byte at. */
static size_t
column_at(const struct csv_writer *w, size_t n, size_t at)
{
	size_t col = 0;

	while (col + 1 < n && w->starts[col + 1] <= at)
		col++;
	return col + 1;
}

/* Convert the row buffer (n fields) and queue it; 0 or -1 with err. */
static int
emit_row(struct csv_writer *w, size_t n, char *err, size_t errlen)
{
	char conv[4096], *in = w->row;
	size_t inleft = w->nrow;

	if (w->cd == (iconv_t)-1)
		return emit(w, w->row, w->nrow, err, errlen);
	while (inleft > 0) {
		char *o = conv;
		size_t oleft = sizeof conv;
		size_t rc = iconv(w->cd, &in, &inleft, &o, &oleft);

		if (emit(w, conv, sizeof conv - oleft, err, errlen) != 0)
			return -1;
		if (rc == (size_t)-1 && errno != E2BIG) {
			snprintf(err, errlen, _("%s, row %lld, column %zu: text that is not valid "
			    "UTF-8 or that this encoding cannot hold (%s): correct that record, or "
			    "write UTF-8 (--encoding utf-8)"), w->name, w->rows + 1,
			    column_at(w, n, (size_t)(in - w->row)), strerror(errno));
			iconv(w->cd, NULL, NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

int
csv_writer_cells(struct csv_writer *w, const struct report_cell *cells, size_t n,
    char *err, size_t errlen)
{
	char num[32];

	w->nrow = 0;
	if (n > w->capstarts) {
		w->capstarts = n * 2;
		w->starts = xrealloc(w->starts, w->capstarts * sizeof *w->starts);
	}
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i].text ? cells[i].text : "";
		int flags = w->flags;
		size_t need;

		if (cells[i].kind == CELL_NUMBER) {	/* a count, never a formula */
			flags &= ~CSV_NEUTRALISE;
			snprintf(num, sizeof num, "%lld", cells[i].number);
			s = num;
		}
		if (i > 0) {
			grow(w, 1);
			w->row[w->nrow++] = ',';
		}
		w->starts[i] = w->nrow;
		need = csv_quote(s, flags, NULL, 0);
		grow(w, need);
		csv_quote(s, flags, w->row + w->nrow, w->caprow - w->nrow);
		w->nrow += need;
	}
	grow(w, 2);
	if (w->crlf)
		w->row[w->nrow++] = '\r';
	w->row[w->nrow++] = '\n';
	if (emit_row(w, n, err, errlen) != 0)
		return -1;
	w->rows++;
	return 0;
}

int
csv_writer_row(struct csv_writer *w, const char *const *fields, size_t n)
{
	struct report_cell *cells = xcalloc(n ? n : 1, sizeof *cells);
	int rc;

	for (size_t i = 0; i < n; i++)
		cells[i] = (struct report_cell){ .kind = CELL_TEXT, .text = fields[i] };
	rc = csv_writer_cells(w, cells, n, w->err, sizeof w->err);
	free(cells);
	return rc;
}

const char *
csv_writer_error(const struct csv_writer *w)
{
	return w->err;
}

int
csv_writer_finish(struct csv_writer *w, struct report_file_info *info, char *err, size_t errlen)
{
	int rc = -1;

	if (flush_out(w, err, errlen) != 0)
		goto out;
	if (fsync(w->fd) != 0 || close(w->fd) != 0) {
		w->fd = -1;
		ioerr(w, errno, err, errlen);
		goto out;
	}
	w->fd = -1;
	if (info != NULL) {
		sha256_hex(&w->sha, info->sha256);
		info->bytes = w->bytes;
		info->rows = w->rows > 0 ? w->rows - 1 : 0;
	}
	rc = 0;
out:
	{
		int e = errno;
		csv_writer_abort(w);
		errno = e;
	}
	return rc;
}

int
csv_writer_close(struct csv_writer *w)
{
	char err[512];
	int e;

	if (w == NULL)
		return 0;
	errno = 0;
	if (csv_writer_finish(w, NULL, err, sizeof err) == 0)
		return 0;
	e = errno;
	errno = e ? e : EIO;
	return -1;
}

void
csv_writer_abort(struct csv_writer *w)
{
	if (w == NULL)
		return;
	if (w->fd >= 0)
		close(w->fd);
	if (w->cd != (iconv_t)-1)
		iconv_close(w->cd);
	free(w->row);
	free(w->starts);
	free(w->name);
	free(w);
}
