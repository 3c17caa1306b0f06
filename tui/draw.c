/*
 * draw.c -- sanitised, width-aware text output (see draw.h).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "forms/utf8.h"
#include "tui/draw.h"

int
draw_text(WINDOW *w, int y, int x, int width, const char *s, attr_t attr)
{
	char *clean, buf[1024];
	int used;

	if (width <= 0 || s == NULL)
		return x;
	if ((clean = utf8_sanitize(s)) == NULL)
		return x;
	utf8_truncate(clean, width, buf, sizeof buf);
	free(clean);
	used = utf8_width(buf);
	wattr_on(w, attr, NULL);
	mvwaddstr(w, y, x, buf);
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
