/*
 * draw.h -- putting text on the screen.  Everything drawn goes through
 * here, and so through forms/utf8's one sanitiser: invalid UTF-8 becomes
 * U+FFFD, controls and bidi/format characters are removed.  Widths are
 * display columns (CJK = 2); text that does not fit is cut at a character
 * boundary and ends with utf8_ellipsis().
 */
#ifndef PAICHA_TUI_DRAW_H
#define PAICHA_TUI_DRAW_H

#include <curses.h>

/* Learn what the locale can show (after setlocale, before drawing). */
void draw_init(void);
/* 1 if the locale's codeset is UTF-8. */
int draw_locale_utf8(void);
/* 1 if the locale can encode Chinese (not C, POSIX or Latin-1). */
int draw_locale_chinese(void);
/* A horizontal line of n columns from y, x: U+2500 in a UTF-8 locale, '-'
 * where that would be drawn wide or cannot be encoded; never the ACS
 * charset switch. */
void draw_hline(WINDOW *, int y, int x, int n);
/* Draw s at y, x in at most width columns; returns the column after it. */
int draw_text(WINDOW *, int y, int x, int width, const char *s, attr_t);
/* Like draw_text, then spaces up to exactly width columns. */
int draw_cell(WINDOW *, int y, int x, int width, const char *s, attr_t);
/* Columns s takes once sanitised. */
int draw_width(const char *s);
/* Draw s wrapped at spaces (or anywhere for CJK) over at most maxlines
 * lines from y; returns the number of lines used. */
int draw_wrapped(WINDOW *, int y, int x, int width, int maxlines, const char *s, attr_t);

#endif
