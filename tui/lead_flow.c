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
#include "tui/lead_views.h"

static struct {
	struct lead_flow_row *rows;
	size_t n, cur, top;
	int page;
	time_t loaded_at;
	int stale;		/* changed since loaded */
	char error[512];
} fv;

static int
lead_flow_load(struct app *app)
{
	struct lead_flow_row *rows;
	size_t n;

	if (lead_flow(app->db, app->me->id, clock_now(), app->settings->max_attempts, &rows,
	    &n) != 0) {
		snprintf(fv.error, sizeof fv.error, "%s", db_error(app->db));
		return REDRAW_BODY;
	}
	fv.error[0] = '\0';
	free(fv.rows);
	fv.rows = rows;
	fv.n = n;
	fv.loaded_at = time(NULL);
	if (fv.cur >= n)
		fv.cur = n ? n - 1 : 0;
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
	/* Live, but at most every 10 s: a busy township changes all the time. */
	if (changed)
		fv.stale = 1;
	if ((fv.stale && time(NULL) - fv.loaded_at >= 10) || time(NULL) - fv.loaded_at >= 60) {
		fv.stale = 0;
		return lead_flow_load(app);
	}
	return REDRAW_NONE;
}

static unsigned
lead_flow_scopes(struct app *app)
{
	(void)app;
	return SCOPE_LEAD | SCOPE_LIST | SCOPE_GLOBAL;
}

static int
lead_flow_key(struct app *app, enum action a)
{
	size_t page = fv.page > 1 ? (size_t)fv.page - 1 : 1;

	switch (a) {
	case ACT_UP: if (fv.cur > 0) fv.cur--; break;
	case ACT_DOWN: if (fv.cur + 1 < fv.n) fv.cur++; break;
	case ACT_PGUP: fv.cur = fv.cur > page ? fv.cur - page : 0; break;
	case ACT_PGDN: fv.cur = fv.cur + page < fv.n ? fv.cur + page : (fv.n ? fv.n - 1 : 0); break;
	case ACT_FIRST: fv.cur = 0; break;
	case ACT_LAST: fv.cur = fv.n ? fv.n - 1 : 0; break;
	case ACT_LEAD_TEAM:
	case ACT_LEAD_REASSIGN:
	case ACT_LEAD_COVERAGE:
	case ACT_LEAD_ESCALATIONS:
	case ACT_LEAD_FLOW:
		return lead_views_switch(app, a);
	case ACT_BACK:
		return app_pop(app);
	default:
		return REDRAW_NONE;
	}
	return REDRAW_BODY;
}

static void
lead_flow_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 1, x;
	const int width[6] = { 10, 16, cols - 52, 6, 6, 6 };
	const char *head[6] = { _("Village"), _("Where / plan"), _("Place"), _("Now"),
		_("Yday"), _("Change") };

	x = 0;
	for (int i = 0; i < 6; i++) {
		x = draw_cell(w, 0, x, width[i], head[i], app_attr(app, STYLE_HEADER));
		if (i < 5)
			x = draw_cell(w, 0, x, 1, " ", app_attr(app, STYLE_HEADER));
	}
	fv.page = list;
	if (fv.error[0] != '\0') {
		draw_wrapped(w, 2, 0, cols, 3, fv.error, app_attr(app, STYLE_ERROR));
		return;
	}
	if (fv.cur < fv.top)
		fv.top = fv.cur;
	if (fv.cur >= fv.top + (size_t)list)
		fv.top = fv.cur - (size_t)list + 1;
	for (int i = 0; i < list && fv.top + (size_t)i < fv.n; i++) {
		size_t k = fv.top + (size_t)i;
		const struct lead_flow_row *r = &fv.rows[k];
		attr_t a = k == fv.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
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
		x = 0;
		for (int c = 0; c < 6; c++) {
			x = draw_cell(w, 1 + i, x, width[c], cells[c], a);
			if (c < 5)
				x = draw_cell(w, 1 + i, x, 1, " ", a);
		}
	}
}

const struct screen lead_flow_screen = {
	.name = N_("Flow"),
	.enter = lead_flow_enter,
	.key = lead_flow_key,
	.draw = lead_flow_draw,
	.leave = lead_flow_leave,
	.scopes = lead_flow_scopes,
	.poll = lead_flow_poll,
};
