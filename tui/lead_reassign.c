/*
 * lead_reassign.c -- the Reassign screen: the cases, filtered as `paicha
 * assign` filters them (db/lead.h's lead_filter: i an investigator, v a
 * village, s a state, o only those with an overdue follow-up), marked with
 * Space or all shown with *, moved with m to an investigator chosen from a
 * numbered list, or balanced with b.
 * A case being called moves when its call ends (db/lead.h); the lead is
 * told how many wait.  Marks survive the live reloads (2 s, as the queue)
 * while their cases are still shown.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/lead.h"
#include "db/casestate.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "forms/xmalloc.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"
#include "tui/queue_view.h"

#define MAX_PEOPLE 9	/* a one-key list: 1..9 */

static struct {
	struct lead_filter f;
	char village[96];	/* f.village points here */
	struct lead_case *rows;
	char *marked;		/* per row */
	struct lead_team_row *people;	/* active investigators, id > 0 */
	size_t npeople;
	struct lead_list l;
} rv;

static int
lead_reassign_load(struct app *app)
{
	struct lead_case *rows;
	struct lead_team_row *people;
	size_t n, np, k = 0;
	char *marked, today[11];
	time_t now = clock_now();

	clock_date(now, today);
	if (lead_cases(app->db, app->me->id, &rv.f, now, &rows, &n) != 0 ||
	    lead_team(app->db, app->me->id, clock_day_start(today), now, &people, &np) != 0) {
		lead_list_failed(&rv.l, app->db);
		return REDRAW_BODY;
	}
	/* keep the marks of the cases still shown (both lists by village, id) */
	marked = xcalloc(n ? n : 1, 1);
	for (size_t i = 0, j = 0; i < n && rv.rows != NULL; i++) {
		while (j < rv.l.n && rv.rows[j].worker_id != rows[i].worker_id &&
		    (strcmp(rv.rows[j].village, rows[i].village) < 0 ||
		    (strcmp(rv.rows[j].village, rows[i].village) == 0 &&
		    rv.rows[j].worker_id < rows[i].worker_id)))
			j++;
		if (j < rv.l.n && rv.rows[j].worker_id == rows[i].worker_id)
			marked[i] = rv.marked[j];
	}
	free(rv.rows);
	free(rv.marked);
	rv.rows = rows;
	rv.marked = marked;
	for (size_t i = 0; i < np; i++)
		if (people[i].id != 0 && k < MAX_PEOPLE)
			people[k++] = people[i];
	free(rv.people);
	rv.people = people;
	rv.npeople = k;
	lead_list_loaded(&rv.l, n);
	return REDRAW_BODY | REDRAW_TITLE;
}

static void
lead_reassign_enter(struct app *app, void *arg)
{
	memset(&rv, 0, sizeof rv);
	if (arg != NULL) {
		rv.f.by_from = 1;
		rv.f.from_id = *(const long long *)arg;
	}
	lead_reassign_load(app);
}

static void
lead_reassign_leave(struct app *app)
{
	(void)app;
	free(rv.rows);
	free(rv.marked);
	free(rv.people);
	memset(&rv, 0, sizeof rv);
}

static int
lead_reassign_poll(struct app *app, int changed)
{
	return lead_list_due(&rv.l, changed, 1) ? lead_reassign_load(app) : REDRAW_NONE;
}

static size_t
nmarked(void)
{
	size_t k = 0;

	for (size_t i = 0; i < rv.l.n; i++)
		k += rv.marked[i] != 0;
	return k;
}

/* "1 张丽  2 王强 ..." and the keys "12..." for a choice. */
static void
people_list(char *text, size_t sz, char *keys, size_t ksz)
{
	size_t len = strlen(text), kl = strlen(keys);

	for (size_t i = 0; i < rv.npeople && kl + 1 < ksz; i++) {
		len += (size_t)snprintf(text + len, len < sz ? sz - len : 0, " %zu %s", i + 1,
		    rv.people[i].name);
		keys[kl++] = (char)('1' + i);
		keys[kl] = '\0';
	}
}

static int
lead_reassign_move_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	const struct lead_team_row *to;
	char name[sizeof to->name];
	long long *ids;
	size_t n = 0, moved, pending;
	int rc;

	(void)text;
	(void)ctx;
	if (!ok || key < '1' || (size_t)(key - '1') >= rv.npeople)
		return REDRAW_NONE;
	to = &rv.people[key - '1'];
	/* the reload below frees rv.people: keep the name */
	snprintf(name, sizeof name, "%s", to->name);
	ids = xcalloc(rv.l.n ? rv.l.n : 1, sizeof *ids);
	for (size_t i = 0; i < rv.l.n; i++)
		if (rv.marked[i])
			ids[n++] = rv.rows[i].worker_id;
	rc = lead_assign(app->db, app->me->id, ids, n, to->id, &moved, &pending);
	free(ids);
	if (rc != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	memset(rv.marked, 0, rv.l.n);
	lead_reassign_load(app);
	if (pending > 0)
		return REDRAW_BODY | app_message(app, MSG_OK, _("Moved %zu cases to %s; %zu being "
		    "called move when their calls end."), moved, name, pending);
	return REDRAW_BODY | app_message(app, MSG_OK, _("Moved %zu cases to %s."), moved, name);
}

/* The filter changed: the rows (and their marks) are another list. */
static int
lead_reassign_refilter(struct app *app)
{
	free(rv.rows);
	free(rv.marked);
	rv.rows = NULL;
	rv.marked = NULL;
	rv.l.n = rv.l.cur = rv.l.top = 0;
	return lead_reassign_load(app);
}

static int
lead_reassign_filter_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	(void)text;
	(void)ctx;
	if (!ok)
		return REDRAW_NONE;
	rv.f.by_from = 0;
	rv.f.from_id = 0;
	if (key == '0') {
		rv.f.by_from = 1;
	} else if (key >= '1' && (size_t)(key - '1') < rv.npeople) {
		rv.f.by_from = 1;
		rv.f.from_id = rv.people[key - '1'].id;
	}
	return lead_reassign_refilter(app);
}

/* The village typed: "" (all), a village's name, or a part of exactly one
 * village's name; into out.  0 = none or several match. */
static int
village_match(struct app *app, const char *text, char *out, size_t outsz, char *msg,
    size_t msgsz)
{
	struct lead_village_name *v;
	size_t n, hits = 0, len = 0;
	int rc = 0;

	out[0] = '\0';
	if (text[0] == '\0')
		return 1;
	if (lead_villages(app->db, app->me->id, &v, &n) != 0) {
		snprintf(msg, msgsz, "%s", db_error(app->db));
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].village, text) == 0) {
			snprintf(out, outsz, "%s", v[i].village);
			free(v);
			return 1;
		}
	msg[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (strstr(v[i].village, text) != NULL) {
			if (hits++ == 0)
				snprintf(out, outsz, "%s", v[i].village);
			len += (size_t)snprintf(msg + len, len < msgsz ? msgsz - len : 0, "%s%s",
			    len ? "、" : "", v[i].village);
		}
	if (hits == 1)
		rc = 1;
	else if (hits == 0) {
		len = (size_t)snprintf(msg, msgsz, "%s", _("No such village; villages: "));
		for (size_t i = 0; i < n && len < msgsz; i++)
			len += (size_t)snprintf(msg + len, msgsz - len, "%s%s", i ? "、" : "",
			    v[i].village);
	}
	free(v);
	return rc;
}

static int
lead_reassign_village_check(struct app *app, const char *text, void *ctx, char *msg,
    size_t msgsz)
{
	char v[96];

	(void)ctx;
	msg[0] = '\0';
	if (!village_match(app, text, v, sizeof v, msg, msgsz))
		return 0;
	if (v[0] != '\0')
		snprintf(msg, msgsz, "= %s", v);
	return 1;
}

static int
lead_reassign_village_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	char msg[512];

	(void)key;
	(void)ctx;
	if (!ok || !village_match(app, text, rv.village, sizeof rv.village, msg, sizeof msg))
		return REDRAW_NONE;
	rv.f.village = rv.village[0] ? rv.village : NULL;
	return lead_reassign_refilter(app);
}

static int
lead_reassign_state_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	(void)text;
	(void)ctx;
	if (!ok)
		return REDRAW_NONE;
	rv.f.state = key >= '1' && key <= '4' ? contact_state_name((enum contact_state)(key - '1'))
	    : NULL;
	return lead_reassign_refilter(app);
}

static int
lead_reassign_balance_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	struct lead_share *s;
	size_t n, pending;
	long long total = 0;

	(void)text;
	(void)ctx;
	if (!ok || key != 'y')
		return REDRAW_NONE;
	if (lead_balance(app->db, app->me->id, rv.f.by_from ? rv.f.from_id : 0, &s, &n,
	    &pending) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	for (size_t i = 0; i < n; i++)
		total += s[i].cases;
	free(s);
	lead_reassign_load(app);
	return REDRAW_BODY | app_message(app, MSG_OK, _("Balanced %lld cases over %zu "
	    "investigators."), total, n);
}

static int
lead_reassign_key(struct app *app, enum action a)
{
	char q[256], keys[16] = "";

	if (lead_list_move(&rv.l, a, 1))
		return REDRAW_BODY;
	switch (a) {
	case ACT_MARK:
		if (rv.l.n == 0)
			return REDRAW_NONE;
		rv.marked[rv.l.cur] = !rv.marked[rv.l.cur];
		if (rv.l.cur + 1 < rv.l.n)
			rv.l.cur++;
		break;
	case ACT_MARK_ALL: {
		int all = nmarked() == rv.l.n;
		memset(rv.marked, all ? 0 : 1, rv.l.n);
		break;
	}
	case ACT_LEAD_MOVE:
		if (nmarked() == 0)
			return app_message(app, MSG_INFO, "%s",
			    _("Mark cases first: Space marks one, * all shown."));
		snprintf(q, sizeof q, _("Move %zu cases to:"), nmarked());
		people_list(q, sizeof q, keys, sizeof keys);
		return prompt_choice(app, q, keys, lead_reassign_move_done, NULL);
	case ACT_LEAD_FILTER:
		snprintf(q, sizeof q, "%s", _("Show: a all  0 unassigned"));
		snprintf(keys, sizeof keys, "a0");
		people_list(q, sizeof q, keys, sizeof keys);
		return prompt_choice(app, q, keys, lead_reassign_filter_done, NULL);
	case ACT_LEAD_VILLAGE:
		return prompt_line(app, _("Village (a part of its name; empty: all):"),
		    rv.village, 40, lead_reassign_village_check, lead_reassign_village_done, NULL);
	case ACT_LEAD_STATE:
		snprintf(q, sizeof q, _("State: a any  1 %s  2 %s  3 %s  4 %s"),
		    labels_contact(CONTACT_UNCALLED), labels_contact(CONTACT_UNREACHED),
		    labels_contact(CONTACT_REACHED), labels_contact(CONTACT_UNREACHABLE));
		return prompt_choice(app, q, "a1234", lead_reassign_state_done, NULL);
	case ACT_LEAD_OVERDUE:
		rv.f.overdue = !rv.f.overdue;
		return lead_reassign_refilter(app);
	case ACT_LEAD_BALANCE:
		if (rv.f.by_from && rv.f.from_id != 0)
			snprintf(q, sizeof q, "%s", _("Spread this investigator's cases evenly over "
			    "the others? y/n"));
		else
			snprintf(q, sizeof q, "%s", _("Spread the unassigned cases evenly over the "
			    "investigators? y/n"));
		return prompt_choice(app, q, "yn", lead_reassign_balance_done, NULL);
	default:
		return lead_list_other_key(app, a);
	}
	return REDRAW_BODY;
}

static void
lead_reassign_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), list = rows - 3;
	const int width[6] = { 1, 10, 10, 10, 11, cols - 47 };
	const char *head[6] = { " ", _("Name"), _("Village"), _("Investigator"), _("State"),
		_("Worker") };
	char line[512], shown[320] = "";

	rv.l.page = list;
	if (lead_list_head(app, w, &rv.l, 6, width, head))
		return;
	lead_list_scroll(&rv.l, list);
	for (int i = 0; i < list && rv.l.top + (size_t)i < rv.l.n; i++) {
		size_t k = rv.l.top + (size_t)i;
		const struct lead_case *r = &rv.rows[k];
		attr_t a = k == rv.l.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char id[32];
		enum contact_state cs = CONTACT_UNCALLED;

		contact_state_parse(r->contact, &cs);
		snprintf(id, sizeof id, "%lld%s", r->worker_id, r->claimed ? " *" : "");
		const char *cells[6] = { rv.marked[k] ? "+" : " ", r->name, r->village,
			r->investigator_id ? r->investigator : "-", labels_contact(cs), id };
		lead_list_cells(w, 1 + i, 6, width, cells, a);
	}
	if (!rv.f.by_from)
		snprintf(shown, sizeof shown, "%s", _("all cases"));
	else if (rv.f.from_id == 0)
		snprintf(shown, sizeof shown, "%s", _("unassigned cases"));
	else
		for (size_t i = 0; i < rv.npeople; i++)
			if (rv.people[i].id == rv.f.from_id)
				snprintf(shown, sizeof shown, _("cases of %s"), rv.people[i].name);
	/* the other filters, as `paicha assign` takes them */
	if (rv.f.village != NULL)
		snprintf(shown + strlen(shown), sizeof shown - strlen(shown), " · %s", rv.f.village);
	if (rv.f.state != NULL) {
		enum contact_state st = CONTACT_UNCALLED;
		contact_state_parse(rv.f.state, &st);
		snprintf(shown + strlen(shown), sizeof shown - strlen(shown), " · %s",
		    labels_contact(st));
	}
	if (rv.f.overdue)
		snprintf(shown + strlen(shown), sizeof shown - strlen(shown), " · %s",
		    _("overdue"));
	mvwhline(w, rows - 2, 0, ACS_HLINE, cols);
	snprintf(line, sizeof line, _("%s: %zu shown, %zu marked"), shown, rv.l.n, nmarked());
	draw_text(w, rows - 1, 0, cols, line, A_NORMAL);
}

const struct screen lead_reassign_screen = {
	.name = N_("Reassign"),
	.enter = lead_reassign_enter,
	.key = lead_reassign_key,
	.draw = lead_reassign_draw,
	.leave = lead_reassign_leave,
	.scopes = lead_list_reassign_scopes,
	.poll = lead_reassign_poll,
};
