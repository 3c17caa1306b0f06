/*
 * lead_flow.c -- the Flow screen (the notice's 6, labour-market
 * monitoring): for each village and in total, the reached group A workers
 * at home, still in Hubei (by city), elsewhere (by place), and their work
 * plans, now and at the end of yesterday, with the change.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/lead.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/leadtext.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

static struct {
	struct lead_flow_row *rows;
	struct lead_list l;
} fv;

static int
lead_flow_load(struct app *app)
{
	struct lead_flow_row *rows;
	size_t n;

	if (lead_flow(app->db, app->me->id, clock_now(), app->settings->max_attempts, &rows,
	    &n) != 0) {
		lead_list_failed(&fv.l, app->db);
		return REDRAW_BODY;
	}
	free(fv.rows);
	fv.rows = rows;
	lead_list_loaded(&fv.l, n);
	return REDRAW_BODY;
}

static void
lead_flow_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&fv, 0, sizeof fv);
	lead_flow_load(app);
}

static void
lead_flow_leave(struct app *app)
{
	(void)app;
	free(fv.rows);
	memset(&fv, 0, sizeof fv);
}

static int
lead_flow_poll(struct app *app, int changed)
{
	/* at most every 10 s after a change */
	return lead_list_due(&fv.l, changed, 10) ? lead_flow_load(app) : REDRAW_NONE;
}

static int
lead_flow_key(struct app *app, enum action a)
{
	if (lead_list_move(&fv.l, a, 1))
		return REDRAW_BODY;
	return lead_list_other_key(app, a);
}

static void
lead_flow_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 1;
	const int width[6] = { 10, 16, cols - 52, 6, 6, 6 };
	const char *head[6] = { _("Village"), _("Where / plan"), _("Place"), _("Now"),
		_("Yday"), _("Change") };

	fv.l.page = list;
	if (lead_list_head(app, w, &fv.l, 6, width, head))
		return;
	lead_list_scroll(&fv.l, list);
	for (int i = 0; i < list && fv.l.top + (size_t)i < fv.l.n; i++) {
		size_t k = fv.l.top + (size_t)i;
		const struct lead_flow_row *r = &fv.rows[k];
		attr_t a = k == fv.l.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char what[128], now[24], yday[24], change[24];

		if (r->where[0])
			snprintf(what, sizeof what, "%s", leadtext_where(r->where));
		else
			snprintf(what, sizeof what, "· %s", leadtext_plan(r->plan));
		snprintf(now, sizeof now, "%lld", r->n);
		snprintf(yday, sizeof yday, "%lld", r->yesterday);
		snprintf(change, sizeof change, "%+lld", r->n - r->yesterday);
		const char *cells[6] = { r->village[0] ? r->village : _("total"), what, r->place,
			now, yday, change };
		lead_list_cells(w, 1 + i, 6, width, cells, a);
	}
}

const struct screen lead_flow_screen = {
	.name = N_("Flow"),
	.enter = lead_flow_enter,
	.key = lead_flow_key,
	.draw = lead_flow_draw,
	.leave = lead_flow_leave,
	.scopes = lead_list_scopes,
	.poll = lead_flow_poll,
};
