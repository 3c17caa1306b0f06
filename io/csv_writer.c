/*
 * report_csv.c -- writing one CSV of the report; see report_csv.h.
 *
 * A row is built in UTF-8, converted as a whole (iconv to GB18030, which
 * encodes every Unicode character) and appended to a 64 KiB output
 * buffer that goes to the file with write(2) when full.  Every byte that
 * reaches the file passes through the SHA-256 first.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv_writer.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

#define OUTBUF 65536

struct report_csv {
	int fd;
	char *name;
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	char *row;			/* the row being built, UTF-8 */
	size_t nrow, caprow;
	char out[OUTBUF];
	size_t nout;
	struct sha256_ctx sha;
	long long bytes, rows;
};

void
sha256_hex(struct sha256_ctx *ctx, char hex[65])
{
	uint8_t d[SHA256_DIGEST_SIZE];

	sha256_digest(ctx, sizeof d, d);
	for (size_t i = 0; i < sizeof d; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

/* Say what went wrong writing, and what to do about it. */
static void
report_csv_ioerr(const struct report_csv *c, int e, char *err, size_t errlen)
{
	if (e == ENOSPC || e == EDQUOT)
		snprintf(err, errlen, _("cannot write %s: %s (free some space on that disk or "
		    "choose another --out folder, then export again)"), c->name, strerror(e));
	else
		snprintf(err, errlen, _("cannot write %s: %s"), c->name, strerror(e));
}

static int
report_csv_flush(struct report_csv *c, char *err, size_t errlen)
{
	size_t done = 0;

	while (done < c->nout) {
		ssize_t w = write(c->fd, c->out + done, c->nout - done);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			report_csv_ioerr(c, errno, err, errlen);
			return -1;
		}
		done += (size_t)w;
	}
	c->nout = 0;
	return 0;
}

/* Hash and queue n bytes of encoded output. */
static int
report_csv_emit(struct report_csv *c, const char *p, size_t n, char *err, size_t errlen)
{
	sha256_update(&c->sha, n, (const uint8_t *)p);
	c->bytes += (long long)n;
	while (n > 0) {
		size_t room = OUTBUF - c->nout, take = n < room ? n : room;
		memcpy(c->out + c->nout, p, take);
		c->nout += take;
		p += take;
		n -= take;
		if (c->nout == OUTBUF && report_csv_flush(c, err, errlen) != 0)
			return -1;
	}
	return 0;
}

int
report_csv_open(int dirfd, const char *name, enum report_encoding enc,
    struct report_csv **out, char *err, size_t errlen)
{
	struct report_csv *c;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL || (c->name = strdup(name)) == NULL)
		abort();
	c->fd = -1;
	c->cd = (iconv_t)-1;
	sha256_init(&c->sha);
	if (enc == REPORT_GB18030 && (c->cd = iconv_open("GB18030", "UTF-8")) == (iconv_t)-1) {
		snprintf(err, errlen, _("this system cannot convert to GB18030 (%s): "
		    "install the C library's gconv modules, or use --encoding utf-8"), strerror(errno));
		goto fail;
	}
	c->fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
	if (c->fd < 0 || fchmod(c->fd, 0640) != 0) {
		report_csv_ioerr(c, errno, err, errlen);
		goto fail;
	}
	if (enc == REPORT_UTF8 && report_csv_emit(c, "\xef\xbb\xbf", 3, err, errlen) != 0)
		goto fail;
	*out = c;
	return 0;
fail:
	report_csv_abort(c);
	return -1;
}

size_t
report_csv_quote(const char *field, char *buf, size_t size)
{
	size_t len = strlen(field), need = 0, i;
	int quote = 0;

	while (len > 0 && field[len - 1] == ' ')
		len--;
	for (i = 0; i < len; i++)
		if (field[i] == ',' || field[i] == '"' || field[i] == '\r' || field[i] == '\n')
			quote = 1;
#define PUT(ch) do { if (need + 1 < size) buf[need] = (ch); need++; } while (0)
	if (quote)
		PUT('"');
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
report_csv_grow(struct report_csv *c, size_t n)
{
	if (c->nrow + n + 1 <= c->caprow)
		return;
	while (c->nrow + n + 1 > c->caprow)
		c->caprow = c->caprow ? c->caprow * 2 : 1024;
	c->row = xrealloc(c->row, c->caprow);
}

int
report_csv_row(struct report_csv *c, const struct report_cell *cells, size_t n,
    char *err, size_t errlen)
{
	char num[32], conv[4096];

	c->nrow = 0;
	for (size_t i = 0; i < n; i++) {
		const char *s = cells[i].text ? cells[i].text : "";
		size_t need;

		if (cells[i].kind == CELL_NUMBER) {
			snprintf(num, sizeof num, "%lld", cells[i].number);
			s = num;
		}
		if (i > 0) {
			report_csv_grow(c, 1);
			c->row[c->nrow++] = ',';
		}
		need = report_csv_quote(s, NULL, 0);
		report_csv_grow(c, need);
		report_csv_quote(s, c->row + c->nrow, c->caprow - c->nrow);
		c->nrow += need;
	}
	report_csv_grow(c, 2);
	c->row[c->nrow++] = '\r';
	c->row[c->nrow++] = '\n';
	if (c->cd == (iconv_t)-1) {
		if (report_csv_emit(c, c->row, c->nrow, err, errlen) != 0)
			return -1;
	} else {
		char *in = c->row;
		size_t inleft = c->nrow;

		while (inleft > 0) {
			char *o = conv;
			size_t oleft = sizeof conv;
			size_t rc = iconv(c->cd, &in, &inleft, &o, &oleft);

			if (report_csv_emit(c, conv, sizeof conv - oleft, err, errlen) != 0)
				return -1;
			if (rc == (size_t)-1 && errno != E2BIG) {
				snprintf(err, errlen, _("%s, row %lld: text that is not valid UTF-8 "
				    "cannot be written in GB18030 (%s): correct that worker's record, "
				    "or export with --encoding utf-8"),
				    c->name, c->rows, strerror(errno));
				iconv(c->cd, NULL, NULL, NULL, NULL);
				return -1;
			}
		}
	}
	c->rows++;
	return 0;
}

int
report_csv_close(struct report_csv *c, struct report_file_info *info, char *err, size_t errlen)
{
	int rc = -1;

	if (report_csv_flush(c, err, errlen) != 0)
		goto out;
	if (fsync(c->fd) != 0 || close(c->fd) != 0) {
		c->fd = -1;
		report_csv_ioerr(c, errno, err, errlen);
		goto out;
	}
	c->fd = -1;
	sha256_hex(&c->sha, info->sha256);
	info->bytes = c->bytes;
	info->rows = c->rows > 0 ? c->rows - 1 : 0;
	rc = 0;
out:
	report_csv_abort(c);
	return rc;
}

void
report_csv_abort(struct report_csv *c)
{
	if (c == NULL)
		return;
	if (c->fd >= 0)
		close(c->fd);
	if (c->cd != (iconv_t)-1)
		iconv_close(c->cd);
	free(c->row);
	free(c->name);
	free(c);
}
