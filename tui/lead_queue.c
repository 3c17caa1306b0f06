/*
 * lead_queue.c -- an investigator's call queue as they see it, for the
 * lead (Enter on Team): the same rows, order and reasons (db/queue.h's
 * queue_for() with the investigator as the user, drawn with
 * queue_layout's columns), read-only.  The lead cannot open, claim or
 * record from it: Enter says so, and m takes the lead to Reassign with
 * this investigator's cases.  Reloaded live like the queue.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/queue.h"
#include "db/roles.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"
#include "tui/queue_layout.h"
#include "tui/queue_view.h"

static struct {
	struct user who;
	struct queue_row *rows;
	struct lead_list l;
	long long cur_worker;
	int need[QCOL_COUNT];
	int need_valid;
} lq;

static int
lead_queue_load(struct app *app)
{
	struct queue_row *rows;
	size_t n;
	long long aud[2] = { lq.who.id, 0 };

	app_watch(app, user_can_lead(&lq.who) ? 2 : 1, aud);
	/* db/ says who may: a lead or an admin */
	if (roles_check_lead(app->db, app->me->id, ROLE_ACT_READ) != 0 ||
	    queue_for(app->db, lq.who.id, clock_now(), 0, &rows, &n) != 0) {
		lead_list_failed(&lq.l, app->db);
		return REDRAW_BODY;
	}
	free(lq.rows);
	lq.rows = rows;
	lq.need_valid = 0;
	for (size_t i = 0; i < n && lq.cur_worker != 0; i++)
		if (rows[i].worker_id == lq.cur_worker)
			lq.l.cur = i;
	lead_list_loaded(&lq.l, n);
	lq.cur_worker = n ? rows[lq.l.cur].worker_id : 0;
	return REDRAW_BODY;
}

static void
lead_queue_enter(struct app *app, void *arg)
{
	memset(&lq, 0, sizeof lq);
	if (arg == NULL || users_get(app->db, *(const long long *)arg, &lq.who) != 0) {
		lead_list_failed(&lq.l, app->db);
		return;
	}
	lead_queue_load(app);
}

static void
lead_queue_leave(struct app *app)
{
	(void)app;
	free(lq.rows);
	memset(&lq, 0, sizeof lq);
}

static int
lead_queue_poll(struct app *app, int changed)
{
	/* as the queue: at every change (and once a minute for the clock) */
	if (lq.who.id == 0)
		return REDRAW_NONE;
	return lead_list_due(&lq.l, changed, 0) ? lead_queue_load(app) : REDRAW_NONE;
}

static int
lead_queue_key(struct app *app, enum action a)
{
	if (lead_list_move(&lq.l, a, 1)) {
		lq.cur_worker = lq.l.n ? lq.rows[lq.l.cur].worker_id : 0;
		return REDRAW_BODY;
	}
	switch (a) {
	case ACT_OPEN:
		return app_message(app, MSG_INFO, _("%s's queue, read-only: a lead does not call "
		    "from it. m moves their cases."), lq.who.name);
	case ACT_LEAD_MOVE:
		if (lq.who.id == 0)
			return REDRAW_NONE;
		{
			long long id = lq.who.id;
			app_pop(app);
			return app_push(app, &lead_reassign_screen, &id);
		}
	default:
		return lead_list_other_key(app, a);
	}
}

static void
lead_queue_draw(struct app *app, WINDOW *win)
{
	int rows = getmaxy(win), cols = getmaxx(win), w[QCOL_COUNT], list;
	const char *head[QCOL_COUNT];
	char line[512], pos[64];

	queue_view_titles(head);
	if (!lq.need_valid) {
		queue_layout_need_init(head, lq.need);
		for (size_t i = 0; i < lq.l.n; i++) {
			struct queue_cells c;
			queue_layout_cells(&lq.rows[i], lq.who.id,
			    labels_contact(lq.rows[i].why.contact), &c);
			queue_layout_need_add(&c, lq.need);
		}
		lq.need_valid = 1;
	}
	queue_layout_widths(cols, lq.need, w);
	queue_view_header(app, win, w, head);
	if (lq.l.error[0] != '\0') {
		draw_wrapped(win, 2, 0, cols, 3, lq.l.error, app_attr(app, STYLE_ERROR));
		return;
	}
	list = rows - 3;
	lq.l.page = list;
	lead_list_scroll(&lq.l, list);
	for (int i = 0; i < list && lq.l.top + (size_t)i < lq.l.n; i++) {
		size_t k = lq.l.top + (size_t)i;
		struct queue_cells c;
		attr_t attr = k == lq.l.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		int x = 0, first = 1;

		queue_layout_cells(&lq.rows[k], lq.who.id, labels_contact(lq.rows[k].why.contact),
		    &c);
		for (int j = 0; j < QCOL_COUNT; j++) {
			attr_t a = attr;
			if (w[j] <= 0)
				continue;
			if (!first)
				x = draw_cell(win, 1 + i, x, 1, " ", attr);
			first = 0;
			if (j == QCOL_FLAGS && strchr(lq.rows[k].flags, 'S') != NULL &&
			    !(attr & A_REVERSE))
				a |= app_attr(app, STYLE_ERROR);
			x = draw_cell(win, 1 + i, x, w[j], c.cell[j], a);
		}
	}
	draw_hline(win, rows - 2, 0, cols);
	snprintf(line, sizeof line, _("%s's queue as they see it, read-only"), lq.who.name);
	snprintf(pos, sizeof pos, _("%zu of %zu"), lq.l.n ? lq.l.cur + 1 : 0, lq.l.n);
	draw_text(win, rows - 2, 1, cols - draw_width(pos) - 4, line, app_attr(app, STYLE_DIM));
	draw_text(win, rows - 2, cols - draw_width(pos) - 2, draw_width(pos), pos, A_NORMAL);
	if (lq.l.n > 0) {
		const struct queue_row *r = &lq.rows[lq.l.cur];
		char reason[96];

		labels_queue_reason(&r->why, clock_now(), reason, sizeof reason);
		snprintf(line, sizeof line, "%s: %s", r->name, reason);
		draw_text(win, rows - 1, 0, cols, line, A_NORMAL);
	} else {
		draw_text(win, rows - 1, 0, cols, _("Nothing in this queue."), A_NORMAL);
	}
}

const struct screen lead_queue_screen = {
	.name = N_("Queue (read-only)"),
	.enter = lead_queue_enter,
	.key = lead_queue_key,
	.draw = lead_queue_draw,
	.leave = lead_queue_leave,
	.scopes = lead_list_move_scopes,
	.poll = lead_queue_poll,
};
