/*
 * lead_escalations.c -- the Escalations screen: unreachable cases,
 * symptomatic workers not urged to see a doctor, medical follow-ups
 * overdue by more than a day, cases nobody has called for 3 days, workers
 * with no valid number (the numbers as typed on the line below the list,
 * for the one under the cursor: find one through the village).  For
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
#include "forms/labels.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

#define MAX_PEOPLE 9

static struct {
	struct lead_escalation *rows;
	struct lead_team_row *people;
	size_t npeople;
	struct lead_list l;
} ev;

static const char *
esc_label(enum lead_esc_kind k)
{
	switch (k) {
	case ESC_UNREACHABLE: return _("unreachable");
	case ESC_NOT_URGED: return _("symptoms, not urged to see a doctor");
	case ESC_MEDICAL: return _("medical follow-up overdue");
	case ESC_SILENT: return _("nobody called for 3 days");
	case ESC_NO_NUMBER: return _("no valid number: find one through the village");
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
		lead_list_failed(&ev.l, app->db);
		return REDRAW_BODY;
	}
	free(ev.rows);
	ev.rows = rows;
	for (size_t i = 0; i < np; i++)
		if (people[i].id != 0 && k < MAX_PEOPLE)
			people[k++] = people[i];
	free(ev.people);
	ev.people = people;
	ev.npeople = k;
	lead_list_loaded(&ev.l, n);
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
	return lead_list_due(&ev.l, changed, 1) ? lead_esc_load(app) : REDRAW_NONE;
}

static int
lead_esc_close_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	const struct lead_escalation *e;

	(void)key;
	(void)ctx;
	if (!ok || ev.l.n == 0)
		return REDRAW_NONE;
	if (text[0] == '\0')
		return app_message(app, MSG_ERROR, "%s",
		    _("say in the note why the escalation is closed"));
	e = &ev.rows[ev.l.cur];
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
	if (!ok || ev.l.n == 0 || key < '1' || (size_t)(key - '1') >= ev.npeople)
		return REDRAW_NONE;
	to = &ev.people[key - '1'];
	id = ev.rows[ev.l.cur].worker_id;
	if (lead_assign(app->db, app->me->id, &id, 1, to->id, &moved, &pending) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	app_message(app, MSG_OK, pending ? _("%s is being called: moves to %s when the call ends.")
	    : _("%s moved to %s."), ev.rows[ev.l.cur].name, to->name);
	return lead_esc_load(app) | REDRAW_BOTTOM;
}

static int
lead_esc_key(struct app *app, enum action a)
{
	char q[256], keys[16] = "", today[11];
	size_t len;

	if (lead_list_move(&ev.l, a, 0))
		return REDRAW_BODY;
	switch (a) {
	case ACT_ESC_CLOSE:
		if (ev.l.n == 0)
			return REDRAW_NONE;
		return prompt_line(app, _("Why is it closed? (kept in the audit log)"), "", 120,
		    NULL, lead_esc_close_done, NULL);
	case ACT_LEAD_MOVE:
		if (ev.l.n == 0)
			return REDRAW_NONE;
		snprintf(q, sizeof q, _("Move %s to:"), ev.rows[ev.l.cur].name);
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
		if (ev.l.n == 0)
			return REDRAW_NONE;
		clock_date(clock_now() + 86400, today);
		due = clock_day_start(today) + 9 * 3600;
		if (followups_add(app->db, ev.rows[ev.l.cur].worker_id, FOLLOWUP_CALLBACK, due, 0,
		    "", app->me->id, &id) != 0)
			return app_message(app, MSG_ERROR, "%s", db_error(app->db));
		return app_message(app, MSG_OK, _("Callback for %s set for %s 09:00."),
		    ev.rows[ev.l.cur].name, today);
	}
	default:
		return lead_list_other_key(app, a);
	}
}

static void
lead_esc_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 4;
	const int width[5] = { 8, 8, 8, 11, cols - 39 };
	const char *head[5] = { _("Name"), _("Village"), _("Investigator"), _("Since"),
		_("Why here") };
	char line[128];

	if (lead_list_head(app, w, &ev.l, 5, width, head))
		return;
	if (ev.l.n == 0) {
		draw_text(w, 2, 2, cols - 2, _("No escalations."), A_NORMAL);
		return;
	}
	lead_list_scroll(&ev.l, list);
	for (int i = 0; i < list && ev.l.top + (size_t)i < ev.l.n; i++) {
		size_t k = ev.l.top + (size_t)i;
		const struct lead_escalation *e = &ev.rows[k];
		attr_t a = k == ev.l.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char since[17] = "-";
		if (e->since) {
			char full[17];
			clock_datetime(e->since, full);
			snprintf(since, sizeof since, "%s", full + 5);
		}
		const char *cells[5] = { e->name, e->village,
			e->investigator_id ? e->investigator : "-", since, esc_label(e->kind) };
		lead_list_cells(w, 1 + i, 5, width, cells, a);
	}
	/* the one under the cursor in full: a worker with no valid number
	 * with the numbers as typed */
	if (ev.l.cur < ev.l.n) {
		const struct lead_escalation *e = &ev.rows[ev.l.cur];
		char why[512], full[768];
		if (e->kind == ESC_NO_NUMBER)
			labels_no_number(e->typed, why, sizeof why);
		else
			snprintf(why, sizeof why, "%s", esc_label(e->kind));
		snprintf(full, sizeof full, "%s %s: %s", e->name, e->village, why);
		draw_text(w, rows - 3, 0, cols, full, A_BOLD);
	}
	mvwhline(w, rows - 2, 0, ACS_HLINE, cols);
	snprintf(line, sizeof line, _("%zu escalations  m move  f callback tomorrow  x close"),
	    ev.l.n);
	draw_text(w, rows - 1, 0, cols, line, A_NORMAL);
}

const struct screen lead_escalations_screen = {
	.name = N_("Escalations"),
	.enter = lead_esc_enter,
	.key = lead_esc_key,
	.draw = lead_esc_draw,
	.leave = lead_esc_leave,
	.scopes = lead_list_scopes,
	.poll = lead_esc_poll,
};
