/*
 * lead_team.c -- the Team screen: one row per active investigator (and
 * the unassigned cases): cases, not reached, calls and reached today,
 * follow-ups open and overdue, unreachable, last call, and a bar of the
 * cases not reached yet so the overloaded stand out.  The bar's block
 * characters are measured with draw_width(), the one width function, so
 * it stays inside the screen where a terminal draws them wide.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/lead.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

static struct {
	struct lead_team_row *rows;
	size_t n, cur;
	struct lead_list l;
} tv;

static int
lead_team_load(struct app *app)
{
	struct lead_team_row *rows;
	size_t n;
	char today[11];
	time_t now = clock_now();

	clock_date(now, today);
	if (lead_team(app->db, app->me->id, clock_day_start(today), now, &rows, &n) != 0) {
		lead_list_failed(&tv.l, app->db);
		return REDRAW_BODY;
	}
	free(tv.rows);
	tv.rows = rows;
	lead_list_loaded(&tv.l, n);
	return REDRAW_BODY;
}

static void
lead_team_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&tv, 0, sizeof tv);
	lead_team_load(app);
}

static void
lead_team_leave(struct app *app)
{
	(void)app;
	free(tv.rows);
	memset(&tv, 0, sizeof tv);
}

static int
lead_team_poll(struct app *app, int changed)
{
	return lead_list_due(&tv.l, changed, 1) ? lead_team_load(app) : REDRAW_NONE;
}

static int
lead_team_key(struct app *app, enum action a)
{
	if (lead_list_move(&tv.l, a, 0))
		return REDRAW_BODY;
	switch (a) {
	case ACT_OPEN:
		/* their queue, read-only; the unassigned cases have none: Reassign */
		if (tv.l.n == 0)
			return REDRAW_NONE;
		if (tv.rows[tv.l.cur].id == 0)
			return app_push(app, &lead_reassign_screen, &tv.rows[tv.l.cur].id);
		return app_push(app, &lead_queue_screen, &tv.rows[tv.l.cur].id);
	case ACT_LEAD_MOVE:
		if (tv.l.n == 0)
			return REDRAW_NONE;
		return app_push(app, &lead_reassign_screen, &tv.rows[tv.l.cur].id);
	default:
		return lead_list_other_key(app, a);
	}
}

enum { C_NAME, C_CASES, C_OPEN, C_TODAY, C_REACHED, C_FU, C_LATE, C_UNREACH, C_LAST, C_BAR,
	NC };

static void
lead_team_draw(struct app *app, WINDOW *w)
{
	static const int base[NC] = { 8, 5, 5, 5, 5, 5, 5, 5, 11, 0 };
	/* Cases, Left (not reached yet), Today (calls), Got (reached today),
	 * F-ups (open follow-ups), Late (overdue), Unreach (unreachable). */
	const char *head[NC] = { _("Name"), _("Cases"), _("Left"), _("Today"), _("Got"),
		_("F-ups"), _("Late"), _("Unreach"), _("Last call"), _("Not reached yet") };
	int rows = getmaxy(w), cols = getmaxx(w), width[NC], used = 0, x = 0;
	long long most = 1;
	const char *block = "█";
	int bw = draw_width(block) > 0 ? draw_width(block) : 1;

	for (int i = 0; i < NC; i++) {
		width[i] = base[i];
		used += base[i] + (i + 1 < NC);
	}
	width[C_BAR] = cols - used > 0 ? cols - used : 0;
	if (lead_list_head(app, w, &tv.l, NC, width, head))
		return;
	for (size_t i = 0; i < tv.l.n; i++)
		if (tv.rows[i].open > most)
			most = tv.rows[i].open;
	for (size_t i = 0; i < tv.l.n && (int)i + 1 < rows - 1; i++) {
		const struct lead_team_row *r = &tv.rows[i];
		attr_t a = i == tv.l.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char num[8][24], last[17] = "-", bar[512] = "";
		const char *cells[NC];
		int nblocks = (int)((long long)(width[C_BAR] / bw) * r->open / most);
		size_t len = 0;

		if (r->last_call) {
			char full[17];
			clock_datetime(r->last_call, full);
			snprintf(last, sizeof last, "%s", full + 5);
		}
		for (int k = 0; k < nblocks && len + strlen(block) < sizeof bar; k++) {
			memcpy(bar + len, block, strlen(block) + 1);
			len += strlen(block);
		}
		snprintf(num[0], 24, "%lld", r->assigned);
		snprintf(num[1], 24, "%lld", r->open);
		snprintf(num[2], 24, "%lld", r->called_today);
		snprintf(num[3], 24, "%lld", r->reached_today);
		snprintf(num[4], 24, "%lld", r->fu_open);
		snprintf(num[5], 24, "%lld", r->fu_overdue);
		snprintf(num[6], 24, "%lld", r->unreachable);
		cells[C_NAME] = r->id ? r->name : _("(unassigned)");
		for (int k = 0; k < 7; k++)
			cells[C_CASES + k] = num[k];
		cells[C_LAST] = last;
		cells[C_BAR] = bar;
		x = 0;
		for (int k = 0; k < NC; k++) {
			attr_t ca = a;
			if (k == C_LATE && r->fu_overdue > 0 && !(a & A_REVERSE))
				ca |= app_attr(app, STYLE_WARN);
			x = draw_cell(w, 1 + (int)i, x, width[k], cells[k], ca);
			if (k + 1 < NC)
				x = draw_cell(w, 1 + (int)i, x, 1, " ", a);
		}
	}
}

int
lead_views_switch(struct app *app, enum action a)
{
	const struct screen *s = a == ACT_LEAD_TEAM ? &lead_team_screen
	    : a == ACT_LEAD_REASSIGN ? &lead_reassign_screen
	    : a == ACT_LEAD_COVERAGE ? &lead_coverage_screen
	    : a == ACT_LEAD_FLOW ? &lead_flow_screen
	    : a == ACT_LEAD_REPORT ? &lead_report_screen : &lead_escalations_screen;

	/* one lead screen at a time above the queue: T, R, C, E, F, N switch */
	if (app_top(app) == s)
		return REDRAW_NONE;
	while (app_top(app) == &lead_team_screen || app_top(app) == &lead_reassign_screen ||
	    app_top(app) == &lead_coverage_screen || app_top(app) == &lead_escalations_screen ||
	    app_top(app) == &lead_flow_screen || app_top(app) == &lead_report_screen ||
	    app_top(app) == &lead_queue_screen)
		app_pop(app);
	return app_push(app, s, NULL);
}

const struct screen lead_team_screen = {
	.name = N_("Team"),
	.enter = lead_team_enter,
	.key = lead_team_key,
	.draw = lead_team_draw,
	.leave = lead_team_leave,
	.scopes = lead_list_move_scopes,
	.poll = lead_team_poll,
};
