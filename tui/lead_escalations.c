/*
 * lead_escalations.c -- the Escalations screen: unreachable cases,
 * symptomatic workers not urged to see a doctor, medical follow-ups
 * overdue by more than a day, cases nobody has called for 3 days.  For
 * the one under the cursor: m reassigns it to an investigator chosen from
 * a list, f sets a callback for tomorrow 09:00, x closes the escalation
 * with a note (audited; db/lead.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/followups.h"
#include "db/lead.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_views.h"

#define MAX_PEOPLE 9

static struct {
	struct lead_escalation *rows;
	size_t n, cur, top;
	struct lead_team_row *people;
	size_t npeople;
	time_t loaded_at;
	int stale;		/* changed since loaded */
	char error[512];
} ev;

static const char *
esc_label(enum lead_esc_kind k)
{
	switch (k) {
	case ESC_UNREACHABLE: return _("unreachable");
	case ESC_NOT_URGED: return _("symptoms, not urged to see a doctor");
	case ESC_MEDICAL: return _("medical follow-up overdue");
	case ESC_SILENT: return _("nobody called for 3 days");
	}
	return "";
}

static int
lead_esc_load(struct app *app)
{
	struct lead_escalation *rows;
	struct lead_team_row *people;
	size_t n, np, k = 0;
	char today[11];
	time_t now = clock_now();

	clock_date(now, today);
	if (lead_escalations(app->db, app->me->id, now, &rows, &n) != 0 ||
	    lead_team(app->db, app->me->id, clock_day_start(today), now, &people, &np) != 0) {
		snprintf(ev.error, sizeof ev.error, "%s", db_error(app->db));
		return REDRAW_BODY;
	}
	ev.error[0] = '\0';
	free(ev.rows);
	ev.rows = rows;
	ev.n = n;
	for (size_t i = 0; i < np; i++)
		if (people[i].id != 0 && k < MAX_PEOPLE)
			people[k++] = people[i];
	free(ev.people);
	ev.people = people;
	ev.npeople = k;
	ev.loaded_at = time(NULL);
	if (ev.cur >= n)
		ev.cur = n ? n - 1 : 0;
	return REDRAW_BODY;
}

static void
lead_esc_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&ev, 0, sizeof ev);
	lead_esc_load(app);
}

static void
lead_esc_leave(struct app *app)
{
	(void)app;
	free(ev.rows);
	free(ev.people);
	memset(&ev, 0, sizeof ev);
}

static int
lead_esc_poll(struct app *app, int changed)
{
	/* Live, but at most every 1 s: a busy township changes all the time. */
	if (changed)
		ev.stale = 1;
	if ((ev.stale && time(NULL) - ev.loaded_at >= 1) || time(NULL) - ev.loaded_at >= 60) {
		ev.stale = 0;
		return lead_esc_load(app);
	}
	return REDRAW_NONE;
}

static unsigned
lead_esc_scopes(struct app *app)
{
	(void)app;
	return SCOPE_LEAD | SCOPE_LIST | SCOPE_GLOBAL;
}

static int
lead_esc_close_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	const struct lead_escalation *e;

	(void)key;
	(void)ctx;
	if (!ok || ev.n == 0)
		return REDRAW_NONE;
	if (text[0] == '\0')
		return app_message(app, MSG_ERROR, "%s",
		    _("say in the note why the escalation is closed"));
	e = &ev.rows[ev.cur];
	if (lead_escalation_close(app->db, app->me->id, e->worker_id, e->kind, text) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	app_message(app, MSG_OK, _("Closed the escalation of %s."), e->name);
	return lead_esc_load(app) | REDRAW_BOTTOM;
}

static int
lead_esc_move_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	size_t moved, pending;
	const struct lead_team_row *to;
	long long id;

	(void)text;
	(void)ctx;
	if (!ok || ev.n == 0 || key < '1' || (size_t)(key - '1') >= ev.npeople)
		return REDRAW_NONE;
	to = &ev.people[key - '1'];
	id = ev.rows[ev.cur].worker_id;
	if (lead_assign(app->db, app->me->id, &id, 1, to->id, &moved, &pending) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	app_message(app, MSG_OK, pending ? _("%s is being called: moves to %s when the call ends.")
	    : _("%s moved to %s."), ev.rows[ev.cur].name, to->name);
	return lead_esc_load(app) | REDRAW_BOTTOM;
}

static int
lead_esc_key(struct app *app, enum action a)
{
	char q[256], keys[16] = "", today[11];
	size_t len;

	switch (a) {
	case ACT_UP:
		if (ev.cur > 0)
			ev.cur--;
		return REDRAW_BODY;
	case ACT_DOWN:
		if (ev.cur + 1 < ev.n)
			ev.cur++;
		return REDRAW_BODY;
	case ACT_ESC_CLOSE:
		if (ev.n == 0)
			return REDRAW_NONE;
		return prompt_line(app, _("Why is it closed? (kept in the audit log)"), "", 120,
		    NULL, lead_esc_close_done, NULL);
	case ACT_LEAD_MOVE:
		if (ev.n == 0)
			return REDRAW_NONE;
		snprintf(q, sizeof q, _("Move %s to:"), ev.rows[ev.cur].name);
		len = strlen(q);
		for (size_t i = 0; i < ev.npeople; i++) {
			len += (size_t)snprintf(q + len, len < sizeof q ? sizeof q - len : 0, " %zu %s",
			    i + 1, ev.people[i].name);
			keys[i] = (char)('1' + i);
		}
		return prompt_choice(app, q, keys, lead_esc_move_done, NULL);
	case ACT_ESC_FOLLOWUP: {
		long long id;
		time_t due;
		if (ev.n == 0)
			return REDRAW_NONE;
		clock_date(clock_now() + 86400, today);
		due = clock_day_start(today) + 9 * 3600;
		if (followups_add(app->db, ev.rows[ev.cur].worker_id, FOLLOWUP_CALLBACK, due, 0,
		    "", app->me->id, &id) != 0)
			return app_message(app, MSG_ERROR, "%s", db_error(app->db));
		return app_message(app, MSG_OK, _("Callback for %s set for %s 09:00."),
		    ev.rows[ev.cur].name, today);
	}
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
}

static void
lead_esc_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 3, x;
	const int width[5] = { 8, 8, 8, 11, cols - 39 };
	const char *head[5] = { _("Name"), _("Village"), _("Investigator"), _("Since"),
		_("Why here") };
	char line[128];

	x = 0;
	for (int i = 0; i < 5; i++) {
		x = draw_cell(w, 0, x, width[i], head[i], app_attr(app, STYLE_HEADER));
		if (i < 4)
			x = draw_cell(w, 0, x, 1, " ", app_attr(app, STYLE_HEADER));
	}
	if (ev.error[0] != '\0') {
		draw_wrapped(w, 2, 0, cols, 3, ev.error, app_attr(app, STYLE_ERROR));
		return;
	}
	if (ev.n == 0) {
		draw_text(w, 2, 2, cols - 2, _("No escalations."), A_NORMAL);
		return;
	}
	if (ev.cur < ev.top)
		ev.top = ev.cur;
	if (ev.cur >= ev.top + (size_t)list)
		ev.top = ev.cur - (size_t)list + 1;
	for (int i = 0; i < list && ev.top + (size_t)i < ev.n; i++) {
		size_t k = ev.top + (size_t)i;
		const struct lead_escalation *e = &ev.rows[k];
		attr_t a = k == ev.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char since[17] = "-";
		if (e->since) {
			char full[17];
			clock_datetime(e->since, full);
			snprintf(since, sizeof since, "%s", full + 5);
		}
		const char *cells[5] = { e->name, e->village,
			e->investigator_id ? e->investigator : "-", since, esc_label(e->kind) };
		x = 0;
		for (int c = 0; c < 5; c++) {
			x = draw_cell(w, 1 + i, x, width[c], cells[c], a);
			if (c < 4)
				x = draw_cell(w, 1 + i, x, 1, " ", a);
		}
	}
	mvwhline(w, rows - 2, 0, ACS_HLINE, cols);
	snprintf(line, sizeof line, _("%zu escalations  m move  f callback tomorrow  x close"),
	    ev.n);
	draw_text(w, rows - 1, 0, cols, line, A_NORMAL);
}

const struct screen lead_escalations_screen = {
	.name = N_("Escalations"),
	.enter = lead_esc_enter,
	.key = lead_esc_key,
	.draw = lead_esc_draw,
	.leave = lead_esc_leave,
	.scopes = lead_esc_scopes,
	.poll = lead_esc_poll,
};
