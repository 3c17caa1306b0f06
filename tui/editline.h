/*
 * editline.h -- a one-line text editor of our own: wchar_t text, a cursor,
 * a horizontal scroll, and widths measured with forms/utf8's one width
 * function (CJK = 2 columns, ambiguous as configured).  It never draws by itself: editline_draw() paints it where
 * the caller says.
 */
#ifndef PAICHA_TUI_EDITLINE_H
#define PAICHA_TUI_EDITLINE_H

#include <curses.h>
#include <stddef.h>
#include <wchar.h>

#include "tui/keys.h"

#define EDITLINE_MAX 512

struct editline {
	wchar_t text[EDITLINE_MAX + 1];
	size_t len;		/* characters */
	size_t cur;		/* cursor, 0..len */
	size_t scroll;		/* first character shown */
	size_t max_chars;	/* 0 = EDITLINE_MAX */
};

void editline_init(struct editline *, size_t max_chars);
/* Replace the text with UTF-8 s (sanitised; invalid bytes dropped). */
void editline_set(struct editline *, const char *s);
/* The text as UTF-8 into out. */
void editline_get(const struct editline *, char *out, size_t outsz);
/* Apply an editing action (ch for ACT_CHAR); 1 if the text changed,
 * 0 if only the cursor moved or nothing happened. */
int editline_key(struct editline *, enum action, wint_t ch);
/* Paint at y, x in width columns (attr for the text); returns the
 * column where the terminal cursor belongs. */
int editline_draw(struct editline *, WINDOW *, int y, int x, int width, attr_t attr);

#endif
