/* termenc.c -- UTF-8 inside, the locale's encoding outside; see termenc.h. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <langinfo.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "cli/termenc.h"
#include "forms/utf8.h"

struct termenc_stream {
	int fd;
	iconv_t cd;
	char carry[8];		/* an incomplete UTF-8 sequence from the last write */
	size_t ncarry;
};

/* stdout's and stderr's, for the process's life */
static struct termenc_stream *termenc_streams[2];

static int
termenc_is_utf8(const char *cs)
{
	return strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0;
}

int
termenc_can_show_chinese(const char **codeset)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;

	*codeset = nl_langinfo(CODESET);
	if (termenc_is_utf8(*codeset))
		return 1;
	memset(&st, 0, sizeof st);
	return wcrtomb(mb, L'\x4E2D', &st) != (size_t)-1;	/* 中 */
}

const char *
termenc_advice(void)
{
	return "paicha: this locale cannot show Chinese, so names appear as '?'. Set the "
	    "locale to zh_CN.UTF-8: put 'export LANG=zh_CN.UTF-8' in ~/.profile, or in PuTTY "
	    "Connection > Data > Environment variables add LANG=zh_CN.UTF-8 (and Window > "
	    "Translation > Remote character set: UTF-8); in Xshell or SecureCRT set the "
	    "session's encoding to UTF-8.";
}

static void
termenc_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		p += w;
		n -= (size_t)w;
	}
}

/* Convert in (UTF-8) and write it; an invalid or unencodable character
 * becomes '?', an incomplete one at the end waits for the next write. */
static void
termenc_convert(struct termenc_stream *s, const char *in, size_t n, int final)
{
	char out[4096];
	char *ip = (char *)in;
	size_t il = n;

	while (il > 0) {
		char *op = out;
		size_t ol = sizeof out;
		size_t r = iconv(s->cd, &ip, &il, &op, &ol);

		termenc_write_all(s->fd, out, (size_t)(op - out));
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !final && il < sizeof s->carry) {
			memcpy(s->carry, ip, il);
			s->ncarry = il;
			return;
		}
		/* EILSEQ (or a cut sequence at the very end): '?' in each
		 * column of the character, so that columns still line up */
		{
			char one[5] = "";
			uint32_t cp;
			size_t k = il < 4 ? il : 4;
			int len, cols;

			memcpy(one, ip, k);
			len = utf8_decode(one, &cp);
			cols = len > 0 ? utf8_cp_width(cp) : 1;
			termenc_write_all(s->fd, "??", cols == 2 ? 2 : 1);
			len = len > 0 ? len : 1;
			ip += len;
			il -= (size_t)len;
		}
	}
}

static ssize_t
termenc_cookie_write(void *cookie, const char *buf, size_t n)
{
	struct termenc_stream *s = cookie;
	size_t taken = n;
	char *joined;

	if (s->ncarry == 0) {
		termenc_convert(s, buf, n, 0);
		return (ssize_t)n;
	}
	/* the character the last write cut, then this one */
	if ((joined = malloc(s->ncarry + n)) == NULL)
		return -1;
	memcpy(joined, s->carry, s->ncarry);
	memcpy(joined + s->ncarry, buf, n);
	n += s->ncarry;
	s->ncarry = 0;
	termenc_convert(s, joined, n, 0);
	free(joined);
	return (ssize_t)taken;
}

static int
termenc_cookie_close(void *cookie)
{
	struct termenc_stream *s = cookie;

	if (s->ncarry > 0)
		termenc_convert(s, s->carry, s->ncarry, 1);
	iconv_close(s->cd);
	free(s);
	return 0;
}

/* A stream on fd that converts UTF-8 to codeset, or NULL. */
static FILE *
termenc_stream(int fd, const char *codeset, int buffering)
{
	static const cookie_io_functions_t io = {
		.write = termenc_cookie_write,
		.close = termenc_cookie_close,
	};
	struct termenc_stream *s = calloc(1, sizeof *s);
	char to[64];
	FILE *f;

	if (s == NULL)
		return NULL;
	snprintf(to, sizeof to, "%s", codeset);
	s->fd = fd;
	if ((s->cd = iconv_open(to, "UTF-8")) == (iconv_t)-1) {
		free(s);
		return NULL;
	}
	if ((f = fopencookie(s, "w", io)) == NULL) {
		iconv_close(s->cd);
		free(s);
		return NULL;
	}
	setvbuf(f, NULL, buffering, BUFSIZ);
	termenc_streams[fd == STDERR_FILENO] = s;
	return f;
}

void
termenc_output(void)
{
	const char *cs;
	int chinese = termenc_can_show_chinese(&cs);
	FILE *out, *err;
	static int done;

	if (done++ || termenc_is_utf8(cs))
		return;
	fflush(stdout);
	fflush(stderr);
	if ((out = termenc_stream(STDOUT_FILENO, cs, isatty(STDOUT_FILENO) ? _IOLBF : _IOFBF)) != NULL)
		stdout = out;
	if ((err = termenc_stream(STDERR_FILENO, cs, _IOLBF)) != NULL)
		stderr = err;
	if (!chinese && isatty(STDERR_FILENO))
		fprintf(stderr, "%s\n", termenc_advice());
}

/* the converted arguments, kept for the process's life */
static char **termenc_kept;

void
termenc_args(int argc, char **argv)
{
	const char *cs = nl_langinfo(CODESET);
	iconv_t cd;

	if (termenc_is_utf8(cs) || (cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		return;
	if ((termenc_kept = calloc((size_t)argc + 1, sizeof *termenc_kept)) == NULL) {
		iconv_close(cd);
		return;
	}
	for (int i = 1; i < argc; i++) {
		size_t il = strlen(argv[i]), ol = 4 * il + 1;
		char *out = malloc(ol), *ip = argv[i], *op = out;

		if (out == NULL)
			break;
		iconv(cd, NULL, NULL, NULL, NULL);
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			free(out);	/* not in the locale's encoding: kept as typed */
			continue;
		}
		*op = '\0';
		argv[i] = termenc_kept[i] = out;
	}
	iconv_close(cd);
}
