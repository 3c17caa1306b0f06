/*
 * editline.c -- the one-line editor behind every text field and question
 * (calcurse's getstring.c, without libform: libform's wide-character path
 * skips validation and pads its buffers).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "forms/utf8.h"
#include "tui/editline.h"

/* Columns of one character: the one width function of forms/utf8. */
static int
editline_cw(wchar_t c)
{
	return utf8_cp_width((uint32_t)c);
}

static size_t
editline_cap(const struct editline *e)
{
	return e->max_chars && e->max_chars < EDITLINE_MAX ? e->max_chars : EDITLINE_MAX;
}

void
editline_init(struct editline *e, size_t max_chars)
{
	memset(e, 0, sizeof *e);
	e->max_chars = max_chars;
}

void
editline_set(struct editline *e, const char *s)
{
	char *clean = utf8_sanitize(s ? s : "");
	const char *p = clean ? clean : "";
	uint32_t cp;
	int n;

	e->len = 0;
	while ((n = utf8_decode(p, &cp)) != 0 && e->len < editline_cap(e)) {
		p += n < 0 ? 1 : n;
		if (n > 0)
			e->text[e->len++] = (wchar_t)cp;
	}
	e->text[e->len] = L'\0';
	e->cur = e->len;
	e->scroll = 0;
	free(clean);
}

void
editline_get(const struct editline *e, char *out, size_t outsz)
{
	size_t o = 0;

	for (size_t i = 0; i < e->len; i++) {
		char b[4];
		size_t n = utf8_encode((uint32_t)e->text[i], b);

		if (o + n + 1 > outsz)
			break;
		memcpy(out + o, b, n);
		o += n;
	}
	if (outsz)
		out[o] = '\0';
}

int
editline_key(struct editline *e, enum action a, wint_t ch)
{
	switch (a) {
	case ACT_CHAR:
		if (e->len >= editline_cap(e) || !iswprint(ch))
			return 0;
		memmove(e->text + e->cur + 1, e->text + e->cur,
		    (e->len - e->cur) * sizeof e->text[0]);
		e->text[e->cur++] = (wchar_t)ch;
		e->text[++e->len] = L'\0';
		return 1;
	case ACT_BACKSPACE:
		if (e->cur == 0)
			return 0;
		e->cur--;
		/* fall through */
	case ACT_DELETE:
		if (e->cur >= e->len)
			return 0;
		memmove(e->text + e->cur, e->text + e->cur + 1,
		    (e->len - e->cur) * sizeof e->text[0]);
		e->len--;
		return 1;
	case ACT_KILL:
		if (e->len == 0)
			return 0;
		e->len = e->cur = e->scroll = 0;
		e->text[0] = L'\0';
		return 1;
	case ACT_LEFT:
		if (e->cur > 0)
			e->cur--;
		return 0;
	case ACT_RIGHT:
		if (e->cur < e->len)
			e->cur++;
		return 0;
	case ACT_BOL:
		e->cur = 0;
		return 0;
	case ACT_EOL:
		e->cur = e->len;
		return 0;
	default:
		return 0;
	}
}

int
editline_draw(struct editline *e, WINDOW *w, int y, int x, int width, attr_t attr)
{
	int used = 0, cx = x;

	if (width <= 0)
		return x;
	if (e->cur < e->scroll)
		e->scroll = e->cur;
	/* keep the cursor (and one column for it) inside the width */
	for (;;) {
		int span = 1;
		for (size_t i = e->scroll; i < e->cur; i++)
			span += editline_cw(e->text[i]);
		if (span <= width || e->scroll >= e->cur)
			break;
		e->scroll++;
	}
	wattr_on(w, attr, NULL);
	wmove(w, y, x);
	for (size_t i = e->scroll; i < e->len; i++) {
		int cw = editline_cw(e->text[i]);
		if (used + cw > width)
			break;
		if (i == e->cur)
			cx = x + used;
		waddnwstr(w, &e->text[i], 1);
		used += cw;
	}
	if (e->cur >= e->len || e->cur < e->scroll)
		cx = x + used;
	for (; used < width; used++)
		waddch(w, ' ');
	wattr_off(w, attr, NULL);
	return cx < x + width ? cx : x + width - 1;
}
