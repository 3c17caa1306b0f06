/*
 * queue_layout.h -- the columns of the call queue: what each row says and
 * how wide each column is for a terminal so many columns wide, measured
 * with forms/utf8's one width function (so ambiguous_width = 2 counts).
 * No curses here: the screen draws what this computes, and the unit test
 * checks the very lines the screen would draw.
 */
#ifndef PAICHA_TUI_QUEUE_LAYOUT_H
#define PAICHA_TUI_QUEUE_LAYOUT_H

#include <stddef.h>

#include "db/queue.h"

enum queue_col {
	QCOL_NAME, QCOL_VILLAGE, QCOL_PHONE, QCOL_STATE, QCOL_LAST, QCOL_TRIES, QCOL_FLAGS,
	QCOL_REASON, QCOL_COUNT
};

/* The texts of one row; cell[] points into the struct or the row. */
struct queue_cells {
	char last[24], tries[16], flags[24], reason[96];
	const char *cell[QCOL_COUNT];
};

void queue_layout_cells(const struct queue_row *, long long me, const char *state_label,
    struct queue_cells *);

/* Widest text of each column over the header and the rows. */
void queue_layout_need_init(const char *const head[QCOL_COUNT], int need[QCOL_COUNT]);
void queue_layout_need_add(const struct queue_cells *, int need[QCOL_COUNT]);

/*
 * The columns for a terminal cols wide; w[i] = 0 drops column i.  The
 * reason gets the room it needs first: the phone is as wide as its widest
 * display form, then the call count, the state (the reason says it in
 * words) and the last call are dropped in that order until the reason
 * fits.  What is left widens the name, then the village, then the reason.
 * The columns and the spaces between them never exceed cols.
 */
void queue_layout_widths(int cols, const int need[QCOL_COUNT], int w[QCOL_COUNT]);

/* The row as the screen shows it, every column fitted to w. */
void queue_layout_line(const int w[QCOL_COUNT], const char *const cell[QCOL_COUNT],
    char *out, size_t outsz);

#endif
