/*
 * kwin.c -- a keyset window of a long list (kwin.h).
 *
 * The window holds KWIN_PAGES pages from page p0.  Where each page starts
 * (the key of the row before it) is remembered once seen, so going back
 * is one fetch from a known start; going forward past the known starts
 * walks the list one window at a time (End walks it once).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "forms/xmalloc.h"
#include "tui/kwin.h"

void
kwin_init(struct kwin *w, const struct kwin_ops *ops, void *ctx)
{
	memset(w, 0, sizeof *w);
	w->ops = ops;
	w->ctx = ctx;
	w->starts = xcalloc(1, ops->key_size);
	w->nstarts = 1;
}

void
kwin_free(struct kwin *w)
{
	free(w->rows);
	free(w->starts);
	memset(w, 0, sizeof *w);
}

static size_t
kwin_base(const struct kwin *w)
{
	return w->p0 * KWIN_PAGE;
}

const void *
kwin_row(const struct kwin *w, size_t i)
{
	if (i < kwin_base(w) || i >= kwin_base(w) + w->n)
		return NULL;
	return w->rows + (i - kwin_base(w)) * w->ops->row_size;
}

const void *
kwin_cur(const struct kwin *w)
{
	return kwin_row(w, w->cur);
}

/* Remember where the pages of rows (which start at page p) end. */
static void
kwin_note_starts(struct kwin *w, size_t p, const char *rows, size_t n)
{
	size_t ks = w->ops->key_size;

	for (size_t k = 1; k * KWIN_PAGE <= n; k++) {
		size_t j = p + k;

		if (j >= w->nstarts) {
			w->starts = xrealloc(w->starts, (j + 1) * ks);
			w->nstarts = j + 1;
		}
		w->ops->key(rows + (k * KWIN_PAGE - 1) * w->ops->row_size, w->starts + j * ks);
	}
}

/* Fetch pages p0 .. p0 + pages - 1 (p0 < nstarts) in one go. */
static int
kwin_fetch(struct kwin *w, size_t p0, size_t pages, void **rows, size_t *n)
{
	if (w->ops->fetch(w->ctx, p0 > 0 ? w->starts + p0 * w->ops->key_size : NULL,
	    pages * KWIN_PAGE, rows, n) != 0)
		return -1;
	kwin_note_starts(w, p0, *rows, *n);
	return 0;
}

/* Load the window from page p0 (whose start is known). */
static int
kwin_window(struct kwin *w, size_t p0)
{
	void *rows;
	size_t n;

	if (p0 >= w->nstarts)
		p0 = w->nstarts - 1;
	if (kwin_fetch(w, p0, KWIN_PAGES, &rows, &n) != 0)
		return -1;
	/* an empty page after the end: the list ends before it */
	if (n == 0 && p0 > 0) {
		free(rows);
		w->nstarts = p0;
		return kwin_window(w, p0 - 1);
	}
	free(w->rows);
	w->rows = rows;
	w->n = n;
	w->p0 = p0;
	w->more = n == KWIN_PAGES * KWIN_PAGE;
	w->gen++;
	return 0;
}

/* Put position i in the window, with a page on each side of its own
 * where there is one. */
static int
kwin_reach(struct kwin *w, size_t i)
{
	size_t want = i / KWIN_PAGE;

	while (want >= w->nstarts) {
		void *rows;
		size_t n;

		if (kwin_fetch(w, w->nstarts - 1, KWIN_PAGES, &rows, &n) != 0)
			return -1;
		free(rows);
		if (n < KWIN_PAGES * KWIN_PAGE)
			break;		/* the end of the list */
	}
	if (want >= w->nstarts)
		want = w->nstarts - 1;
	if (want < w->p0 || want >= w->p0 + KWIN_PAGES || !kwin_row(w, i)
	    || (want == w->p0 && w->p0 > 0) || (want == w->p0 + KWIN_PAGES - 1 && w->more))
		return kwin_window(w, want > 0 ? want - 1 : 0);
	return 0;
}

/* The cursor inside the window's rows, on the row it names. */
static void
kwin_settle(struct kwin *w)
{
	if (w->n == 0) {
		w->cur = w->top = 0;
		w->cur_id = 0;
		return;
	}
	if (w->cur < kwin_base(w))
		w->cur = kwin_base(w);
	if (w->cur >= kwin_base(w) + w->n)
		w->cur = kwin_base(w) + w->n - 1;
	w->cur_id = w->ops->id(kwin_cur(w));
}

int
kwin_load(struct kwin *w, long long total)
{
	/* the pages after the window may have moved: found again when needed */
	if (w->nstarts > w->p0 + 1)
		w->nstarts = w->p0 + 1;
	if (kwin_window(w, w->p0) != 0)
		return -1;
	w->total = total;
	if (w->cur_id != 0) {
		for (size_t i = 0; i < w->n; i++) {
			if (w->ops->id(w->rows + i * w->ops->row_size) == w->cur_id) {
				w->cur = kwin_base(w) + i;
				return 0;
			}
		}
	}
	kwin_settle(w);
	return 0;
}

int
kwin_move(struct kwin *w, long long to)
{
	if (w->n == 0)
		return 0;
	if (to < 0)
		to = 0;
	if (kwin_reach(w, (size_t)to) != 0)
		return -1;
	w->cur = (size_t)to;
	kwin_settle(w);
	return 0;
}

void
kwin_scroll(struct kwin *w, int rows)
{
	if (rows < 1)
		rows = 1;
	if (w->cur < w->top)
		w->top = w->cur;
	if (w->cur >= w->top + (size_t)rows)
		w->top = w->cur - (size_t)rows + 1;
	/* the rows above the window's first are not held: start there */
	if (w->top < kwin_base(w))
		w->top = kwin_base(w);
}
