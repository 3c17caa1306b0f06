/*
 * draw.c -- sanitised, width-aware text output (see draw.h).
 *
 * Text is kept in UTF-8 inside paicha and handed to curses as wide
 * characters (glibc's wchar_t is UCS-4 in every locale), so curses writes
 * it in the terminal's own encoding: UTF-8, GB18030 or GBK alike.  A
 * character the locale cannot encode at all (Chinese under C or POSIX) is
 * drawn as '?' in each of its columns, so the layout holds.
 */
#include "config.h"

#include <langinfo.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "forms/utf8.h"
#include "tui/draw.h"

static struct {
	int utf8;		/* the locale's codeset is UTF-8 */
	int chinese;		/* the locale can encode Chinese */
} dr = { 1, 1 };

/* 1 if the current locale can encode cp. */
static int
draw_encodable(uint32_t cp)
{
	char mb[MB_LEN_MAX];
	mbstate_t st;

	if (cp < 0x80 || dr.utf8)
		return 1;
	memset(&st, 0, sizeof st);
	return wcrtomb(mb, (wchar_t)cp, &st) != (size_t)-1;
}

/*
 * Where the terminal draws East Asian Ambiguous characters two columns
 * wide, curses (which counts them as one) would lose its place after each
 * of them and rows would wrap.  The layout counts them as two; here they
 * are drawn as something curses and the terminal agree on, at most two
 * columns: a wide look-alike (＂ for “ and ”), or ASCII; '?' for the rest.
 * Writes 1 or 2 wide characters to out; returns how many.
 */
static size_t
draw_wide_ambiguous(uint32_t cp, wchar_t *out)
{
	switch (cp) {
	case 0x201C: case 0x201D: out[0] = 0xFF02; return 1;	/* “ ” */
	case 0x2018: case 0x2019: out[0] = 0xFF07; return 1;	/* ‘ ’ */
	case 0x00B7: out[0] = 0x30FB; return 1;		/* · */
	case 0x2026: out[0] = L'.'; out[1] = L'.'; return 2;	/* … */
	case 0x2014: case 0x2015: out[0] = L'-'; out[1] = L'-'; return 2;
	case 0x2013: case 0x2500: out[0] = L'-'; return 1;
	case 0x00B0: out[0] = L'o'; return 1;		/* ° */
	case 0x00D7: out[0] = L'x'; return 1;		/* × */
	default: out[0] = L'?'; out[1] = L'?'; return 2;
	}
}

void
draw_init(void)
{
	const char *cs = nl_langinfo(CODESET);

	dr.utf8 = cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	dr.chinese = 1;
	dr.chinese = draw_encodable(0x4E2D);	/* 中 */
}

int
draw_locale_utf8(void)
{
	return dr.utf8;
}

int
draw_locale_chinese(void)
{
	return dr.chinese;
}

int
draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	char *clean, buf[1024];
	wchar_t wbuf[1024];
	const char *p;
	uint32_t cp;
	int used, n;
	size_t nw = 0;

	if (width <= 0 || s == NULL)
		return x;
	if ((clean = utf8_sanitize(s)) == NULL)
		return x;
	utf8_truncate(clean, width, buf, sizeof buf);
	free(clean);
	used = utf8_width(buf);
	for (p = buf; (n = utf8_decode(p, &cp)) != 0 && nw + 2 < sizeof wbuf / sizeof wbuf[0];) {
		p += n > 0 ? n : 1;
		if (utf8_ambiguous_width() == 2 && cp >= 0xA1 && utf8_is_ambiguous(cp))
			nw += draw_wide_ambiguous(cp, wbuf + nw);
		else if (draw_encodable(cp))
			wbuf[nw++] = (wchar_t)cp;
		else
			for (int k = utf8_cp_width(cp); k > 0; k--)
				wbuf[nw++] = L'?';
	}
	wbuf[nw] = L'\0';
	wattr_on(w, attr, NULL);
	mvwaddnwstr(w, y, x, wbuf, (int)nw);
	wattr_off(w, attr, NULL);
	return x + used;
}

int
draw_cell(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	int end = draw_text(w, y, x, width, s, attr);

	wattr_on(w, attr, NULL);
	for (; end < x + width; end++)
		mvwaddch(w, y, end, ' ');
	wattr_off(w, attr, NULL);
	return end;
}

void
draw_hline(WINDOW *w, int y, int x, int n)
{
	/* never the VT100 line-drawing switch (ESC ( 0): PuTTY in UTF-8 shows
	 * it as "qqqq"; U+2500 is East Asian Ambiguous, so '-' where the
	 * terminal draws such characters wide or cannot encode them */
	if (dr.utf8 && utf8_ambiguous_width() == 1) {
		cchar_t line;
		wchar_t wc[2] = { 0x2500, L'\0' };

		setcchar(&line, wc, A_NORMAL, 0, NULL);
		mvwhline_set(w, y, x, &line, n);
	} else
		mvwhline(w, y, x, '-', n);
}

int
draw_width(const char *s)
{
	char *clean = utf8_sanitize(s ? s : "");
	int n = clean ? utf8_width(clean) : 0;

	free(clean);
	return n;
}

int
draw_wrapped(WINDOW *w, int y, int x, int width, int maxlines, const char *s, attr_t attr)
{
	char *clean = utf8_sanitize(s ? s : "");
	const char *p = clean, *brk;
	int lines = 0;

	if (clean == NULL || width <= 0)
		goto out;
	while (*p != '\0' && lines < maxlines) {
		const char *q = p;
		int cols = 0;
		uint32_t cp;
		int n;

		brk = NULL;
		while ((n = utf8_decode(q, &cp)) != 0) {
			int cw = utf8_cp_width(cp);
			if (n < 0)
				n = 1;
			if (cols + cw > width)
				break;
			cols += cw;
			q += n;
			if (cp == ' ')
				brk = q;
		}
		if (*q == '\0' || brk == NULL || lines == maxlines - 1)
			brk = q;
		{
			char line[1024];
			size_t len = (size_t)(brk - p);
			if (len >= sizeof line)
				len = sizeof line - 1;
			memcpy(line, p, len);
			line[len] = '\0';
			if (lines == maxlines - 1 && *brk != '\0') {
				/* the last line that fits: cut with '…' */
				draw_text(w, y + lines, x, width, p, attr);
			} else
				draw_text(w, y + lines, x, width, line, attr);
		}
		lines++;
		p = brk;
		while (*p == ' ')
			p++;
	}
out:
	free(clean);
	return lines;
}
