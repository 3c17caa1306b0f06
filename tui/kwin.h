/*
 * kwin.h -- a window of a long ordered list, for screens that must not
 * hold the list: KWIN_PAGES pages of KWIN_PAGE rows around the cursor,
 * each page a keyset range (the rows after the last row of the page
 * before, never an offset), so that memory and the cost of a key are the
 * same at a thousand rows and at a million.  The screen gives how to
 * fetch rows after a key and what a row's key and identity are; positions
 * are in the whole list (the screen counts it, an index count).
 */
#ifndef PAICHA_TUI_KWIN_H
#define PAICHA_TUI_KWIN_H

#include <stddef.h>

#define KWIN_PAGE 64
#define KWIN_PAGES 3

struct kwin_ops {
	size_t row_size, key_size;
	/* At most limit rows after the key `after` (NULL: from the first), in
	 * a malloc'd array; -1 on error (the screen keeps why). */
	int (*fetch)(void *ctx, const void *after, size_t limit, void **rows, size_t *n);
	void (*key)(const void *row, void *key);
	long long (*id)(const void *row);	/* kept under the cursor across loads */
};

struct kwin {
	const struct kwin_ops *ops;
	void *ctx;
	char *rows;		/* the window: pages p0 .. p0 + KWIN_PAGES - 1 */
	size_t n;
	size_t p0;		/* the window's first page */
	int more;		/* a page follows the window */
	char *starts;		/* key j: where page j starts, after it (j >= 1) */
	size_t nstarts;		/* pages whose start is known */
	size_t cur, top;	/* positions in the whole list */
	long long total;	/* rows in the list, as the screen counted them */
	long long cur_id;	/* the row under the cursor, 0 = none */
	unsigned gen;		/* moves on whenever the window's rows change */
};

void kwin_init(struct kwin *, const struct kwin_ops *, void *ctx);
void kwin_free(struct kwin *);
/* Fetch the window again (the list has total rows now), keeping the cursor
 * on the same row where it is still there; -1 on a fetch error. */
int kwin_load(struct kwin *, long long total);
/* The row at position i of the list, or NULL outside the window. */
const void *kwin_row(const struct kwin *, size_t i);
/* The row under the cursor, NULL when the list is empty. */
const void *kwin_cur(const struct kwin *);
/* Put the cursor on position to (kept inside the list), fetching the
 * pages it needs; -1 on a fetch error. */
int kwin_move(struct kwin *, long long to);
/* Keep the cursor inside the rows shown from top. */
void kwin_scroll(struct kwin *, int rows);

#endif
