/* csv.c -- RFC 4180 CSV in UTF-8 or GB18030; see csv.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/csv.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

struct csv_reader {
	char *text;		/* the whole file in UTF-8 */
	size_t len, pos;
	char *map;		/* a UTF-8 file mapped (text points into it), or NULL */
	size_t maplen;
	size_t dropped;		/* text[0..dropped) given back (drop_behind()) */
	long line;		/* physical line at pos */
	enum csv_encoding enc;
	char encname[32];
	int crlf, crlf_known;	/* how the first record ended */
	char *buf;		/* the current record's fields, NUL-separated */
	size_t blen, bcap;
	size_t *offs;		/* field starts in buf */
	char **fields;
	size_t nf, fcap;
};

/* 1 if the n bytes at s are well-formed UTF-8 (no overlongs, surrogates). */
static int
utf8_buffer_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t k;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		/* the common case: E1..EC or EE..EF and two continuation bytes
		 * (no overlong form, no surrogate) */
		if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < n &&
		    (s[i + 1] & 0xC0) == 0x80 && (s[i + 2] & 0xC0) == 0x80) {
			i += 3;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			k = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			k = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			k = 3, cp = c & 0x07;
		else
			return 0;
		if (i + k >= n)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3F);
		}
		if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* Convert n bytes from encoding `from` to a malloc'd UTF-8 string. */
static char *
decode(const char *from, const char *in, size_t n, size_t *outlen, char *err, size_t errlen)
{
	iconv_t cd = iconv_open("UTF-8", from);
	size_t cap = n * 3 / 2 + 16, left_in = n, left_out;
	char *out, *ip = (char *)in, *op;

	if (cd == (iconv_t)-1) {
		snprintf(err, errlen, _("unknown encoding '%s' (try UTF-8 or GB18030)"), from);
		return NULL;
	}
	out = xrealloc(NULL, cap);
	op = out;
	left_out = cap - 1;
	while (left_in > 0) {
		if (iconv(cd, &ip, &left_in, &op, &left_out) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(op - out);
			cap *= 2;
			out = xrealloc(out, cap);
			op = out + used;
			left_out = cap - 1 - used;
			continue;
		}
		snprintf(err, errlen, _("the file is not valid %s (byte %zu); name its encoding with --encoding"),
		    from, (size_t)(ip - in) + 1);
		iconv_close(cd);
		free(out);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - out);
	return out;
}

/* The file mapped read-only (*mapped = 1), or read into memory when it
 * cannot be mapped (empty, or not a regular file); *len its size. */
static char *
read_file(const char *path, size_t *len, int *mapped, char *err, size_t errlen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *data = NULL;
	size_t got = 0;

	*mapped = 0;
	if (fd < 0 || fstat(fd, &st) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0) {
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (m != MAP_FAILED) {
			close(fd);
			*mapped = 1;
			*len = (size_t)st.st_size;
			return m;
		}
	}
	data = xrealloc(NULL, (size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, data + got, (size_t)st.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			snprintf(err, errlen, "%s: %s", path, r < 0 ? strerror(errno) : _("file shrank while reading"));
			goto fail;
		}
		got += (size_t)r;
	}
	close(fd);
	data[got] = '\0';
	*len = got;
	return data;
fail:
	if (fd >= 0)
		close(fd);
	free(data);
	return NULL;
}

static void
raw_free(char *raw, size_t len, int mapped)
{
	if (mapped)
		munmap(raw, len);
	else
		free(raw);
}

/* A mapped file's pages before pos (whole pages, DROP_STEP at a time) are
 * given back: the file is read once, front to back, and its pages would
 * otherwise stay counted in the process's memory to the end. */
#define DROP_STEP ((size_t)8 << 20)

static void
drop_behind(struct csv_reader *r)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), off, upto;

	if (r->map == NULL)
		return;
	off = (size_t)(r->text - r->map);
	upto = (off + r->pos) / page * page;
	if (upto >= r->dropped + DROP_STEP || r->pos >= r->len) {
		if (upto > r->dropped)
			madvise(r->map + r->dropped, upto - r->dropped, MADV_DONTNEED);
		r->dropped = upto;
	}
}

static int
is_utf8_name(const char *e)
{
	return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

int
csv_open(const char *path, const char *encoding, struct csv_reader **out, char *err, size_t errlen)
{
	struct csv_reader *r;
	size_t len, skip = 0;
	int mapped;
	char *raw = read_file(path, &len, &mapped, err, errlen);
	int bom, valid = -1;	/* -1: not checked yet */

	*out = NULL;
	if (raw == NULL)
		return -1;
	r = xrealloc(NULL, sizeof *r);
	memset(r, 0, sizeof *r);
	r->line = 1;
	bom = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0;
	if (encoding != NULL && !is_utf8_name(encoding)) {
		r->enc = strncasecmp(encoding, "gb", 2) == 0 ? CSV_GB18030 : CSV_OTHER;
		snprintf(r->encname, sizeof r->encname, "%s", r->enc == CSV_GB18030 ? "GB18030" : encoding);
	} else if (bom || encoding != NULL ||
	    (valid = utf8_buffer_valid((unsigned char *)raw, len)) != 0) {
		r->enc = bom ? CSV_UTF8_BOM : CSV_UTF8;
		skip = bom ? 3 : 0;
		snprintf(r->encname, sizeof r->encname, "UTF-8");
	} else {
		r->enc = CSV_GB18030;
		snprintf(r->encname, sizeof r->encname, "GB18030");
	}
	if (r->enc == CSV_UTF8 || r->enc == CSV_UTF8_BOM) {
		if (valid < 0)
			valid = utf8_buffer_valid((unsigned char *)raw + skip, len - skip);
		if (!valid) {
			snprintf(err, errlen, "%s", _("the file is not valid UTF-8; name its encoding with --encoding"));
			goto fail;
		}
		r->text = raw + skip;
		r->len = len - skip;
		if (mapped) {
			r->map = raw;
			r->maplen = len;
		} else {
			memmove(raw, raw + skip, len - skip + 1);
			r->text = raw;
		}
	} else {
		r->text = decode(r->encname, raw, len, &r->len, err, errlen);
		raw_free(raw, len, mapped);
		raw = NULL;
		if (r->text == NULL)
			goto fail;
	}
	if (memchr(r->text, '\0', r->len) != NULL) {
		snprintf(err, errlen, "%s", _("the file holds NUL bytes: it is not a CSV text file"));
		goto fail;
	}
	/* the checks above read every page; give them back until read */
	if (r->map != NULL)
		madvise(r->map, r->maplen, MADV_DONTNEED);
	*out = r;
	return 0;
fail:
	if (raw != NULL && r->text != raw && r->map == NULL)
		raw_free(raw, len, mapped);
	csv_close(r);
	return -1;
}

void
csv_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	if (r->map != NULL)
		munmap(r->map, r->maplen);
	else
		free(r->text);
	free(r->buf);
	free(r->offs);
	free(r->fields);
	free(r);
}

static void
put(struct csv_reader *r, char c)
{
	if (r->blen == r->bcap) {
		r->bcap = r->bcap ? r->bcap * 2 : 256;
		r->buf = xrealloc(r->buf, r->bcap);
	}
	r->buf[r->blen++] = c;
}

static void
field_start(struct csv_reader *r)
{
	if (r->nf == r->fcap) {
		r->fcap = r->fcap ? r->fcap * 2 : 16;
		r->offs = xrealloc(r->offs, r->fcap * sizeof *r->offs);
		r->fields = xrealloc(r->fields, r->fcap * sizeof *r->fields);
	}
	r->offs[r->nf++] = r->blen;
}

int
csv_next(struct csv_reader *r, char ***fields, size_t *n, long *line)
{
	const char *p = r->text + r->pos, *end = r->text + r->len;
	int eol = 0;

	if (p >= end)
		return 0;
	r->nf = 0;
	r->blen = 0;
	*line = r->line;
	while (!eol) {
		field_start(r);
		if (*p == '"') {
			p++;
			for (;;) {
				if (p >= end)
					break;	/* unterminated: keep what there is */
				if (*p == '"') {
					if (p + 1 < end && p[1] == '"') {
						put(r, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
					r->line++;
				put(r, *p++);
			}
		}
		/* unquoted text, or what follows a closing quote (kept, leniently) */
		while (p < end && *p != ',' && *p != '\n' && *p != '\r')
			put(r, *p++);
		put(r, '\0');
		if (p >= end) {
			eol = 1;
		} else if (*p == ',') {
			p++;
		} else {
			if (*p == '\r' && p + 1 < end && p[1] == '\n')
				p++;
			if (!r->crlf_known) {
				r->crlf = *p == '\n' && p > r->text && p[-1] == '\r';
				r->crlf_known = 1;
			}
			p++;
			r->line++;
			eol = 1;
		}
	}
	r->pos = (size_t)(p - r->text);
	drop_behind(r);
	for (size_t i = 0; i < r->nf; i++) {
		char *f = r->buf + r->offs[i];
		/* the ' csv_writer.h puts before a formula-like field */
		r->fields[i] = f[0] == '\'' && csv_formula_like(f + 1) ? f + 1 : f;
	}
	*fields = r->fields;
	*n = r->nf;
	return 1;
}

enum csv_encoding
csv_encoding(const struct csv_reader *r)
{
	return r->enc;
}

const char *
csv_encoding_name(const struct csv_reader *r)
{
	return r->encname;
}

int
csv_crlf(const struct csv_reader *r)
{
	return r->crlf;
}

void
csv_progress(const struct csv_reader *r, size_t *done, size_t *total)
{
	*done = r->pos;
	*total = r->len;
}

size_t
csv_split(const char *s, char ***fields)
{
	struct csv_reader r;
	char **f, **v;
	size_t n;
	long line;

	memset(&r, 0, sizeof r);
	r.text = (char *)s;
	r.len = strlen(s);
	if (csv_next(&r, &f, &n, &line) != 1)
		n = 0;
	v = xrealloc(NULL, (n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = strdup(f[i]);
	free(r.buf);
	free(r.offs);
	free(r.fields);
	*fields = v;
	return n;
}
