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
#include "tui/kwin.h"
#include "tui/lead_views.h"
#include "tui/queue_layout.h"
#include "tui/queue_view.h"
#include "tui/search_view.h"

#define QUEUE_RELOAD_SECONDS 60
/* The screen holds a window of the queue, not the queue (tui/kwin.h):
 * pages of rows around the cursor, each page a keyset range
 * (queue_page() after the last row of the page before), so memory and the
 * cost of a key are the same at 1,000 workers and at 1,000,000. */
static struct {
	struct kwin win;	/* the window: struct queue_row, by struct queue_key */
	time_t loaded_at;
	int page;		/* rows of the list on the last draw */
	int need[QCOL_COUNT];	/* widest text of each column in the window */
	unsigned need_gen;	/* the window's gen they were measured on, + 1 */
	long long open;		/* the worker handed to the case screen */
	char error[512];
} qv;

static int
qv_fetch(void *ctx, const void *after, size_t limit, void **rows, size_t *n)
{
	struct app *app = ctx;
	struct queue_row *v;

	if (queue_page(app->db, app->me->id, clock_now(), after, limit, &v, n) != 0) {
		snprintf(qv.error, sizeof qv.error, "%s", db_error(app->db));
		return -1;
	}
	*rows = v;
	return 0;
}

static void
qv_key(const void *row, void *key)
{
	*(struct queue_key *)key = ((const struct queue_row *)row)->key;
}

static long long
qv_id(const void *row)
{
	return ((const struct queue_row *)row)->worker_id;
}

static const struct kwin_ops qv_ops = {
	sizeof(struct queue_row), sizeof(struct queue_key), qv_fetch, qv_key, qv_id,
};

/* The row at position i of the queue, or NULL outside the window. */
static const struct queue_row *
qv_row(size_t i)
{
	return kwin_row(&qv.win, i);
}

/* Load the queue again; keep the cursor on the same worker if it is still there. */
static int
queue_view_load(struct app *app)
{
	/* what the queue shows changes with these audiences' rows */
	long long aud[2] = { app->me->id, 0 };
	long long total;

	app_watch(app, user_can_lead(app->me) ? 2 : 1, aud);
	if (queue_count(app->db, app->me->id, &total) != 0) {
		snprintf(qv.error, sizeof qv.error, "%s", db_error(app->db));
		return REDRAW_BODY;
	}
	if (kwin_load(&qv.win, total) != 0)
		return REDRAW_BODY;
	qv.error[0] = '\0';
	qv.loaded_at = clock_now();
	return REDRAW_BODY | REDRAW_TITLE;
}

static void
queue_view_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&qv, 0, sizeof qv);
	kwin_init(&qv.win, &qv_ops, app);
	queue_view_load(app);
}

static void
queue_view_leave(struct app *app)
{
	(void)app;
	kwin_free(&qv.win);
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

/* Open the first free case that is due (queue categories 1-4). */
static int
queue_view_next(struct app *app)
{
	size_t was = qv.win.cur;

	for (size_t i = 0; qv.win.n > 0; i++) {
		const struct queue_row *r;

		if (kwin_move(&qv.win, (long long)i) != 0 || qv.win.cur != i ||
		    (r = qv_row(i)) == NULL)
			break;
		if (r->why.reason == QUEUE_REST)
			break;
		if (r->claimed_by != 0 && r->claimed_by != app->me->id)
			continue;
		qv.open = r->worker_id;
		return app_push(app, &case_view_screen, &qv.open);
	}
	kwin_move(&qv.win, (long long)was);
	return app_message(app, MSG_INFO, "%s", _("Nothing is due now: no free case to call."));
}

static int
queue_view_key(struct app *app, enum action a)
{
	long long page = qv.page > 1 ? qv.page - 1 : 1, cur = (long long)qv.win.cur;
	const struct queue_row *r;

	switch (a) {
	case ACT_UP: kwin_move(&qv.win, cur - 1); break;
	case ACT_DOWN: kwin_move(&qv.win, cur + 1); break;
	case ACT_PGUP: kwin_move(&qv.win, cur - page); break;
	case ACT_PGDN: kwin_move(&qv.win, cur + page); break;
	case ACT_FIRST: kwin_move(&qv.win, 0); break;
	case ACT_LAST: kwin_move(&qv.win, qv.win.total > 0 ? qv.win.total - 1 : 0); break;
	case ACT_OPEN:
		if ((r = kwin_cur(&qv.win)) == NULL)
			return REDRAW_NONE;
		qv.open = r->worker_id;
		return app_push(app, &case_view_screen, &qv.open);
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
	if (qv.need_gen != qv.win.gen + 1) {
		queue_layout_need_init(head, qv.need);
		for (size_t i = 0; i < qv.win.n; i++) {
			const struct queue_row *r = qv_row(qv.win.p0 * KWIN_PAGE + i);
			struct queue_cells c;
			queue_layout_cells(r, app->me->id, labels_contact(r->why.contact), &c);
			queue_layout_need_add(&c, qv.need);
		}
		qv.need_gen = qv.win.gen + 1;
	}
	queue_layout_widths(cols, qv.need, w);
	queue_view_header(app, win, w, head);
	/* the reason under the list is never cut: two lines when it is long */
	if (kwin_cur(&qv.win) != NULL) {
		const struct queue_row *r = kwin_cur(&qv.win);
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
	if (qv.win.n == 0) {
		draw_text(win, 2, 2, cols - 2, _("No cases are assigned to you."), A_NORMAL);
		return;
	}
	kwin_scroll(&qv.win, list);
	for (int i = 0; i < list && qv_row(qv.win.top + (size_t)i) != NULL; i++) {
		size_t k = qv.win.top + (size_t)i;
		queue_view_row(app, win, 1 + i, qv_row(k), w,
		    k == qv.win.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL);
	}
	/* the line under the list: position, and why the current case is here */
	{
		char pos[64];
		int y = rows - 1 - reason_lines;

		snprintf(pos, sizeof pos, _("%zu of %zu"), qv.win.cur + 1,
		    qv.win.total > (long long)(qv.win.cur + 1) ? (size_t)qv.win.total : qv.win.cur + 1);
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
