/*
 * queue_view.c -- the call queue: the user's cases in queue_for() order,
 * one line each, and under the list the full reason why the case under
 * the cursor is where it is.
 *
 * The columns are queue_layout's: the reason gets the room it needs
 * first, and the line under the list says the current row's reason whole,
 * over two lines when it is long.  The screen holds a window of pages
 * around the cursor (keyset pages of queue_page()), never the whole queue.
 * The window reloads whenever somebody else changes what the queue shows
 * (the counters of the user's audiences, app_watch), keeping the cursor on
 * the same worker, and once a minute for the clock.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/queue.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "tui/app.h"
#include "tui/case_view.h"
#include "tui/draw.h"
#include "tui/lead_views.h"
#include "tui/queue_layout.h"
#include "tui/queue_view.h"
#include "tui/search_view.h"

#define QUEUE_RELOAD_SECONDS 60
/* The screen holds a window of the queue, not the queue: QV_PAGES pages
 * of QV_PAGE rows around the cursor, each page a keyset range
 * (queue_page() after the last row of the page before), so memory and the
 * cost of a key are the same at 1,000 workers and at 1,000,000. */
#define QV_PAGE 64
#define QV_PAGES 3

static struct {
	struct queue_row *rows;	/* the window: pages p0 .. p0 + QV_PAGES - 1 */
	size_t n;
	size_t p0;		/* the window's first page */
	int more;		/* a page follows the window */
	struct queue_key *starts; /* starts[j]: the key page j follows (j >= 1) */
	size_t nstarts;		/* pages whose start is known */
	size_t cur, top;	/* positions in the whole queue */
	long long total;	/* cases in the queue (queue_count) */
	long long cur_worker;
	time_t loaded_at;
	int page;		/* rows of the list on the last draw */
	int need[QCOL_COUNT];	/* widest text of each column in the window */
	int need_valid;
	char error[512];
} qv;

static size_t
qv_base(void)
{
	return qv.p0 * QV_PAGE;
}

/* The row at position i of the queue, or NULL outside the window. */
static const struct queue_row *
qv_row(size_t i)
{
	if (i < qv_base() || i >= qv_base() + qv.n)
		return NULL;
	return &qv.rows[i - qv_base()];
}

/* Remember where the pages of rows (which starts at page p) end. */
static void
qv_note_starts(size_t p, const struct queue_row *rows, size_t n)
{
	for (size_t k = 1; k * QV_PAGE <= n; k++) {
		size_t j = p + k;

		if (j >= qv.nstarts) {
			qv.starts = realloc(qv.starts, (j + 1) * sizeof *qv.starts);
			if (qv.starts == NULL)
				abort();
			qv.nstarts = j + 1;
		}
		qv.starts[j] = rows[k * QV_PAGE - 1].key;
	}
}

/* Fetch pages p0 .. p0 + pages - 1 (p0 < nstarts) in one statement. */
static int
qv_fetch(struct app *app, size_t p0, size_t pages, struct queue_row **rows, size_t *n)
{
	if (queue_page(app->db, app->me->id, clock_now(), p0 > 0 ? &qv.starts[p0] : NULL,
	    pages * QV_PAGE, rows, n) != 0) {
		snprintf(qv.error, sizeof qv.error, "%s", db_error(app->db));
		return -1;
	}
	qv_note_starts(p0, *rows, *n);
	return 0;
}

/* Load the window from page p0 (whose start is known). */
static int
qv_window(struct app *app, size_t p0)
{
	struct queue_row *rows;
	size_t n;

	if (p0 >= qv.nstarts)
		p0 = qv.nstarts ? qv.nstarts - 1 : 0;
	if (qv_fetch(app, p0, QV_PAGES, &rows, &n) != 0)
		return -1;
	/* an empty page after the end: the window ends the queue before it */
	if (n == 0 && p0 > 0) {
		free(rows);
		qv.nstarts = p0;
		return qv_window(app, p0 - 1);
	}
	free(qv.rows);
	qv.rows = rows;
	qv.n = n;
	qv.p0 = p0;
	qv.more = n == QV_PAGES * QV_PAGE;
	qv.need_valid = 0;
	return 0;
}

/* Put position i in the window: pages are found one window at a time
 * from the last known start (End walks the queue once, keeping keys). */
static int
qv_reach(struct app *app, size_t i)
{
	size_t want = i / QV_PAGE;

	while (want >= qv.nstarts) {
		struct queue_row *rows;
		size_t n, from = qv.nstarts - 1;

		if (qv_fetch(app, from, QV_PAGES, &rows, &n) != 0)
			return -1;
		free(rows);
		if (n < QV_PAGES * QV_PAGE)
			break;		/* the end of the queue */
	}
	if (want >= qv.nstarts)
		want = qv.nstarts - 1;
	/* a page of the window on each side of the cursor's, where there is one */
	if (want < qv.p0 || want >= qv.p0 + QV_PAGES || !qv_row(i)
	    || (want == qv.p0 && qv.p0 > 0) || (want == qv.p0 + QV_PAGES - 1 && qv.more))
		return qv_window(app, want > 0 ? want - 1 : 0);
	return 0;
}

/* Load the queue again; keep the cursor on the same worker if it is still there. */
static int
queue_view_load(struct app *app)
{
	/* what the queue shows changes with these audiences' rows */
	long long aud[2] = { app->me->id, 0 };
	long long total;

	app_watch(app, user_can_lead(app->me) ? 2 : 1, aud);

	if (qv.starts == NULL) {
		qv.starts = calloc(1, sizeof *qv.starts);
		if (qv.starts == NULL)
			abort();
		qv.nstarts = 1;
	}
	if (queue_count(app->db, app->me->id, &total) != 0) {
		snprintf(qv.error, sizeof qv.error, "%s", db_error(app->db));
		return REDRAW_BODY;
	}
	/* the pages after the window may have moved: found again when needed */
	if (qv.nstarts > qv.p0 + 1)
		qv.nstarts = qv.p0 + 1;
	if (qv_window(app, qv.p0) != 0)
		return REDRAW_BODY;
	qv.error[0] = '\0';
	qv.total = total;
	qv.loaded_at = clock_now();
	if (qv.cur_worker != 0) {
		for (size_t i = 0; i < qv.n; i++) {
			if (qv.rows[i].worker_id == qv.cur_worker) {
				qv.cur = qv_base() + i;
				return REDRAW_BODY | REDRAW_TITLE;
			}
		}
	}
	if (qv.n == 0) {
		qv.cur = qv.top = 0;
		qv.cur_worker = 0;
		return REDRAW_BODY | REDRAW_TITLE;
	}
	if (qv.cur < qv_base())
		qv.cur = qv_base();
	if (qv.cur >= qv_base() + qv.n)
		qv.cur = qv_base() + qv.n - 1;
	qv.cur_worker = qv_row(qv.cur)->worker_id;
	return REDRAW_BODY | REDRAW_TITLE;
}

static void
queue_view_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&qv, 0, sizeof qv);
	queue_view_load(app);
}

static void
queue_view_leave(struct app *app)
{
	(void)app;
	free(qv.rows);
	free(qv.starts);
	memset(&qv, 0, sizeof qv);
}

static int
queue_view_poll(struct app *app, int changed)
{
	if (changed || clock_now() - qv.loaded_at >= QUEUE_RELOAD_SECONDS)
		return queue_view_load(app);
	return REDRAW_NONE;
}

static unsigned
queue_view_scopes(struct app *app)
{
	(void)app;
	return SCOPE_QUEUE | SCOPE_LIST | SCOPE_GLOBAL;
}

static void
queue_view_move(struct app *app, long long to)
{
	if (qv.n == 0)
		return;
	if (to < 0)
		to = 0;
	if (qv_reach(app, (size_t)to) != 0)
		return;
	/* past the end: the last row */
	if ((size_t)to >= qv_base() + qv.n)
		to = (long long)(qv_base() + qv.n) - 1;
	if ((size_t)to < qv_base())
		to = (long long)qv_base();
	qv.cur = (size_t)to;
	qv.cur_worker = qv_row(qv.cur)->worker_id;
}

/* Open the first free case that is due (queue categories 1-4). */
static int
queue_view_next(struct app *app)
{
	for (size_t i = 0; qv.n > 0; i++) {
		const struct queue_row *r;

		if (qv_reach(app, i) != 0 || (r = qv_row(i)) == NULL)
			break;
		if (r->why.reason == QUEUE_REST)
			break;
		if (r->claimed_by != 0 && r->claimed_by != app->me->id)
			continue;
		queue_view_move(app, (long long)i);
		return app_push(app, &case_view_screen, &qv.rows[i - qv_base()].worker_id);
	}
	return app_message(app, MSG_INFO, "%s", _("Nothing is due now: no free case to call."));
}

static int
queue_view_key(struct app *app, enum action a)
{
	long long page = qv.page > 1 ? qv.page - 1 : 1;

	switch (a) {
	case ACT_UP: queue_view_move(app, (long long)qv.cur - 1); break;
	case ACT_DOWN: queue_view_move(app, (long long)qv.cur + 1); break;
	case ACT_PGUP: queue_view_move(app, (long long)qv.cur - page); break;
	case ACT_PGDN: queue_view_move(app, (long long)qv.cur + page); break;
	case ACT_FIRST: queue_view_move(app, 0); break;
	case ACT_LAST: queue_view_move(app, qv.total > 0 ? qv.total - 1 : 0); break;
	case ACT_OPEN:
		if (qv.n == 0)
			return REDRAW_NONE;
		return app_push(app, &case_view_screen, &qv.rows[qv.cur - qv_base()].worker_id);
	case ACT_NEXT_CASE:
		return queue_view_next(app);
	case ACT_SEARCH:
		return app_push(app, &search_view_screen, NULL);
	case ACT_LEAD_TEAM:
	case ACT_LEAD_REASSIGN:
	case ACT_LEAD_COVERAGE:
	case ACT_LEAD_ESCALATIONS:
	case ACT_LEAD_FLOW:
	case ACT_LEAD_REPORT:
		return lead_views_switch(app, a);
	default:
		return REDRAW_NONE;
	}
	return REDRAW_BODY;
}

static void
queue_view_row(struct app *app, WINDOW *win, int y, const struct queue_row *r,
    const int w[QCOL_COUNT], attr_t attr)
{
	struct queue_cells c;
	int x = 0, first = 1;

	queue_layout_cells(r, app->me->id, labels_contact(r->why.contact), &c);
	for (int i = 0; i < QCOL_COUNT; i++) {
		attr_t a = attr;
		if (w[i] <= 0)
			continue;
		if (!first)
			x = draw_cell(win, y, x, 1, " ", attr);
		first = 0;
		if (i == QCOL_FLAGS && strchr(r->flags, 'S') != NULL && !(attr & A_REVERSE))
			a |= app_attr(app, STYLE_ERROR);
		x = draw_cell(win, y, x, w[i], c.cell[i], a);
	}
}

void
queue_view_titles(const char *head[QCOL_COUNT])
{
	const char *t[QCOL_COUNT] = {
		_("Name"), _("Village"), _("Phone"), _("State"), _("Last call"),
		_("Call"), _("Flags"), _("Why here"),
	};

	for (int i = 0; i < QCOL_COUNT; i++)
		head[i] = t[i];
}

void
queue_view_header(struct app *app, WINDOW *win, const int w[QCOL_COUNT],
    const char *const head[QCOL_COUNT])
{
	int x = 0, first = 1;

	for (int i = 0; i < QCOL_COUNT; i++) {
		if (w[i] <= 0)
			continue;
		if (!first)
			x = draw_cell(win, 0, x, 1, " ", app_attr(app, STYLE_HEADER));
		first = 0;
		x = draw_cell(win, 0, x, w[i], head[i], app_attr(app, STYLE_HEADER));
	}
}

static void
queue_view_draw(struct app *app, WINDOW *win)
{
	int rows = getmaxy(win), cols = getmaxx(win), w[QCOL_COUNT], list;
	int reason_lines = 1;
	const char *head[QCOL_COUNT];
	char line[512];

	queue_view_titles(head);
	if (!qv.need_valid) {
		queue_layout_need_init(head, qv.need);
		for (size_t i = 0; i < qv.n; i++) {
			struct queue_cells c;
			queue_layout_cells(&qv.rows[i], app->me->id,
			    labels_contact(qv.rows[i].why.contact), &c);
			queue_layout_need_add(&c, qv.need);
		}
		qv.need_valid = 1;
	}
	queue_layout_widths(cols, qv.need, w);
	queue_view_header(app, win, w, head);
	/* the reason under the list is never cut: two lines when it is long */
	if (qv.n > 0 && qv_row(qv.cur) != NULL) {
		const struct queue_row *r = qv_row(qv.cur);
		char reason[96];

		labels_queue_reason(&r->why, clock_now(), reason, sizeof reason);
		snprintf(line, sizeof line, "%s: %s", r->name, reason);
		if (r->claimed_by != 0 && r->claimed_by != app->me->id)
			snprintf(line, sizeof line, _("%s: %s; %s is calling this worker"),
			    r->name, reason, r->claimed_by_name);
		if (draw_width(line) > cols)
			reason_lines = 2;
	}
	list = rows - 2 - reason_lines;
	qv.page = list;
	if (qv.error[0] != '\0') {
		draw_wrapped(win, 2, 0, cols, 3, qv.error, app_attr(app, STYLE_ERROR));
		return;
	}
	if (qv.n == 0) {
		draw_text(win, 2, 2, cols - 2, _("No cases are assigned to you."), A_NORMAL);
		return;
	}
	if (qv.cur < qv.top)
		qv.top = qv.cur;
	if (list > 0 && qv.cur >= qv.top + (size_t)list)
		qv.top = qv.cur - (size_t)list + 1;
	/* the lines above the window's first row are not held: start there */
	if (qv.top < qv_base())
		qv.top = qv_base();
	for (int i = 0; i < list && qv_row(qv.top + (size_t)i) != NULL; i++) {
		size_t k = qv.top + (size_t)i;
		queue_view_row(app, win, 1 + i, qv_row(k), w,
		    k == qv.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL);
	}
	/* the line under the list: position, and why the current case is here */
	{
		char pos[64];
		int y = rows - 1 - reason_lines;

		snprintf(pos, sizeof pos, _("%zu of %zu"), qv.cur + 1,
		    qv.total > (long long)(qv.cur + 1) ? (size_t)qv.total : qv.cur + 1);
		draw_hline(win, y, 0, cols);
		draw_text(win, y, cols - draw_width(pos) - 2, draw_width(pos), pos, A_NORMAL);
		draw_wrapped(win, y + 1, 0, cols, reason_lines, line, A_NORMAL);
	}
}

const struct screen queue_view_screen = {
	.name = N_("Call queue"),
	.enter = queue_view_enter,
	.key = queue_view_key,
	.draw = queue_view_draw,
	.leave = queue_view_leave,
	.scopes = queue_view_scopes,
	.poll = queue_view_poll,
};
