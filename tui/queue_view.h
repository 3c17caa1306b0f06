/* queue_view.h -- the investigator's call queue, the first screen. */
#ifndef PAICHA_TUI_QUEUE_VIEW_H
#define PAICHA_TUI_QUEUE_VIEW_H

#include <curses.h>

#include "tui/queue_layout.h"

struct app;

extern const struct screen queue_view_screen;

/* The queue's column titles (translated), as the investigator's queue and
 * the lead's read-only copy of it show them. */
void queue_view_titles(const char *head[QCOL_COUNT]);
/* The header row in the widths w (a column of width 0 is left out). */
void queue_view_header(struct app *, WINDOW *, const int w[QCOL_COUNT],
    const char *const head[QCOL_COUNT]);

#endif
