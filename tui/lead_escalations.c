/*
 * lead_escalations.c -- the Escalations screen: unreachable cases,
 * symptomatic workers not urged to see a doctor, medical follow-ups
 * overdue by more than a day, cases nobody has called for 3 days, workers
 * with no valid number (the numbers as typed on the line below the list,
 * for the one under the cursor: find one through the village).  For
 * the one under the cursor: m reassigns it to an investigator chosen from
 * a list, f sets a callback for tomorrow 09:00, x closes the escalation
 * with a note (audited; db/lead.h).
 *
 * The screen holds a window of the list (tui/kwin.h: keyset pages of
 * lead_escalation_page()), never the list: half a million escalations at
 * a province's scale cost what twenty do.  Over the list, how many are
 * open of each kind (index counts).
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
#include "tui/kwin.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

#define MAX_PEOPLE 9

static struct {
	struct kwin win;
	long long count[LEAD_ESC_KINDS];
	struct lead_team_row *people;
	size_t npeople;
	struct lead_list l;	/* the error, when loaded, whether stale */
} ev;

static int
esc_fetch(void *ctx, const void *after, size_t limit, void **rows, size_t *n)
{
	struct app *app = ctx;
	struct lead_escalation *v;

	if (lead_escalation_page(app->db, app->me->id, clock_now(), after, limit, &v, n) != 0) {
		lead_list_failed(&ev.l, app->db);
		return -1;
	}
	*rows = v;
	return 0;
}

static void
esc_key(const void *row, void *key)
{
	*(struct lead_esc_key *)key = lead_escalation_key(row);
}

/* A worker is at most once of each kind: the two make one row. */
static long long
esc_id(const void *row)
{
	const struct lead_escalation *e = row;

	return e->worker_id * LEAD_ESC_KINDS + (long long)e->kind;
}

static const struct kwin_ops esc_ops = {
	sizeof(struct lead_escalation), sizeof(struct lead_esc_key), esc_fetch, esc_key, esc_id,
};

static const struct lead_escalation *
esc_cur(void)
{
	return kwin_cur(&ev.win);
}

static int
lead_esc_load(struct app *app)
{
	struct lead_team_row *people;
	long long count[LEAD_ESC_KINDS], total = 0;
	size_t np, k = 0;
	char today[11];
	time_t now = clock_now();

	clock_date(now, today);
	if (lead_escalation_counts(app->db, app->me->id, now, count) != 0 ||
	    lead_team(app->db, app->me->id, clock_day_start(today), now, &people, &np) != 0) {
		lead_list_failed(&ev.l, app->db);
		return REDRAW_BODY;
	}
	for (int i = 0; i < LEAD_ESC_KINDS; i++)
		total += count[i];
	if (kwin_load(&ev.win, total) != 0) {
		free(people);
		return REDRAW_BODY;
	}
	memcpy(ev.count, count, sizeof count);
	for (size_t i = 0; i < np; i++)
		if (people[i].id != 0 && k < MAX_PEOPLE)
			people[k++] = people[i];
	free(ev.people);
	ev.people = people;
	ev.npeople = k;
	lead_list_loaded(&ev.l, ev.win.n);
	return REDRAW_BODY;
}

static void
lead_esc_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&ev, 0, sizeof ev);
	kwin_init(&ev.win, &esc_ops, app);
	lead_esc_load(app);
}

static void
lead_esc_leave(struct app *app)
{
	(void)app;
	kwin_free(&ev.win);
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
	if (!ok || (e = esc_cur()) == NULL)
		return REDRAW_NONE;
	if (text[0] == '\0')
		return app_message(app, MSG_ERROR, "%s",
		    _("say in the note why the escalation is closed"));
	if (lead_escalation_close(app->db, app->me->id, e->worker_id, e->kind, text) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	app_message(app, MSG_OK, _("Closed the escalation of %s."), e->name);
	return lead_esc_load(app) | REDRAW_BOTTOM;
}

static int
lead_esc_move_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	const struct lead_escalation *e = esc_cur();
	size_t moved, pending;
	const struct lead_team_row *to;
	long long id;

	(void)text;
	(void)ctx;
	if (!ok || e == NULL || key < '1' || (size_t)(key - '1') >= ev.npeople)
		return REDRAW_NONE;
	to = &ev.people[key - '1'];
	id = e->worker_id;
	if (lead_assign(app->db, app->me->id, &id, 1, to->id, &moved, &pending) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	app_message(app, MSG_OK, pending ? _("%s is being called: moves to %s when the call ends.")
	    : _("%s moved to %s."), e->name, to->name);
	return lead_esc_load(app) | REDRAW_BOTTOM;
}

static int
lead_esc_key(struct app *app, enum action a)
{
	const struct lead_escalation *e = esc_cur();
	long long page = ev.l.page > 1 ? ev.l.page - 1 : 1, cur = (long long)ev.win.cur;
	char q[256], keys[16] = "", today[11];
	size_t len;

	switch (a) {
	case ACT_UP: kwin_move(&ev.win, cur - 1); return REDRAW_BODY;
	case ACT_DOWN: kwin_move(&ev.win, cur + 1); return REDRAW_BODY;
	case ACT_PGUP: kwin_move(&ev.win, cur - page); return REDRAW_BODY;
	case ACT_PGDN: kwin_move(&ev.win, cur + page); return REDRAW_BODY;
	case ACT_FIRST: kwin_move(&ev.win, 0); return REDRAW_BODY;
	case ACT_LAST:
		kwin_move(&ev.win, ev.win.total > 0 ? ev.win.total - 1 : 0);
		return REDRAW_BODY;
	case ACT_ESC_CLOSE:
		if (e == NULL)
			return REDRAW_NONE;
		return prompt_line(app, _("Why is it closed? (kept in the audit log)"), "", 120,
		    NULL, lead_esc_close_done, NULL);
	case ACT_LEAD_MOVE:
		if (e == NULL)
			return REDRAW_NONE;
		snprintf(q, sizeof q, _("Move %s to:"), e->name);
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
		if (e == NULL)
			return REDRAW_NONE;
		clock_date(clock_now() + 86400, today);
		due = clock_day_start(today) + 9 * 3600;
		if (followups_add(app->db, e->worker_id, FOLLOWUP_CALLBACK, due, 0,
		    "", app->me->id, &id) != 0)
			return app_message(app, MSG_ERROR, "%s", db_error(app->db));
		return app_message(app, MSG_OK, _("Callback for %s set for %s 09:00."),
		    e->name, today);
	}
	default:
		return lead_list_other_key(app, a);
	}
}

static void
lead_esc_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 5;
	const int width[5] = { 8, 8, 8, 11, cols - 39 };
	const char *head[5] = { _("Name"), _("Village"), _("Investigator"), _("Since"),
		_("Why here") };
	const struct lead_escalation *cur = esc_cur();
	char line[512];

	if (lead_list_head(app, w, &ev.l, 5, width, head))
		return;
	if (ev.win.n == 0) {
		draw_text(w, 2, 2, cols - 2, _("No escalations."), A_NORMAL);
		return;
	}
	ev.l.page = list;
	kwin_scroll(&ev.win, list);
	for (int i = 0; i < list; i++) {
		size_t k = ev.win.top + (size_t)i;
		const struct lead_escalation *e = kwin_row(&ev.win, k);
		if (e == NULL)
			break;
		attr_t a = k == ev.win.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char since[17] = "-", why[128];
		if (e->since) {
			char full[17];
			clock_datetime(e->since, full);
			snprintf(since, sizeof since, "%s", full + 5);
		}
		labels_escalation((int)e->kind, NULL, why, sizeof why);
		const char *cells[5] = { e->name, e->village,
			e->investigator_id ? e->investigator : "-", since, why };
		lead_list_cells(w, 1 + i, 5, width, cells, a);
	}
	/* how many of each kind, whatever part of the list is shown */
	labels_escalation_counts(ev.count, line, sizeof line);
	draw_text(w, rows - 4, 0, cols, line, A_NORMAL);
	/* the one under the cursor in full: a worker with no valid number
	 * with the numbers as typed */
	if (cur != NULL) {
		char why[512], full[768];
		labels_escalation((int)cur->kind, cur->typed, why, sizeof why);
		snprintf(full, sizeof full, "%s %s: %s", cur->name, cur->village, why);
		draw_text(w, rows - 3, 0, cols, full, A_BOLD);
	}
	mvwhline(w, rows - 2, 0, ACS_HLINE, cols);
	snprintf(line, sizeof line, _("%zu/%lld  m move  f callback tomorrow  x close"),
	    ev.win.cur + 1, ev.win.total);
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
