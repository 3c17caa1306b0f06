/*
 * case_view.c -- one worker's case: who they are, their phones (with the
 * place each is registered in), the state of the case, the open
 * follow-ups, the calls so far and the latest note.
 *
 * Opening the case claims it (app_claim, renewed by the main loop while
 * the case is open; released when going back).  When somebody else holds
 * the claim the screen says who and until when, and refuses the call
 * form.  The cursor moves over the phones and the open follow-ups, which
 * can be corrected, added, moved and closed from here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calls.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/drafts.h"
#include "db/followups.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/i18n.h"
#include "forms/phone.h"
#include "tui/app.h"
#include "tui/callform_view.h"
#include "tui/case_view.h"
#include "tui/draw.h"
#include "tui/queue_view.h"

static struct {
	long long worker_id;
	struct worker w;
	struct worker_phone *phones;
	size_t nphones;
	struct case_row c;
	struct call_record *calls;
	size_t ncalls;
	struct followup *fu;
	size_t nfu;
	int claimed;		/* we hold the claim */
	char holder[96];
	time_t until;
	size_t sel;		/* phones first, then follow-ups */
	long long edit_phone;	/* the phone being corrected, or 0 for a new one */
	int fu_kind;		/* the follow-up being added */
	time_t fu_due;
	long long fu_id;	/* the follow-up being moved or closed */
	char error[512];
} cv;

static void
case_view_free(void)
{
	free(cv.phones);
	calls_free(cv.calls, cv.ncalls);
	free(cv.fu);
	cv.phones = NULL;
	cv.calls = NULL;
	cv.fu = NULL;
	cv.nphones = cv.ncalls = cv.nfu = 0;
}

/* Read everything about the worker again. */
static int
case_view_load(struct app *app)
{
	case_view_free();
	cv.error[0] = '\0';
	if (workers_get(app->db, cv.worker_id, &cv.w) != 0 ||
	    workers_phones(app->db, cv.worker_id, &cv.phones, &cv.nphones) != 0 ||
	    cases_get(app->db, cv.worker_id, &cv.c) != 0 ||
	    followups_open(app->db, cv.worker_id, 0, &cv.fu, &cv.nfu) != 0 ||
	    calls_list(app->db, cv.worker_id, &cv.calls, &cv.ncalls) != 0)
		snprintf(cv.error, sizeof cv.error, "%s", db_error(app->db));
	if (cv.sel >= cv.nphones + cv.nfu)
		cv.sel = cv.nphones + cv.nfu ? cv.nphones + cv.nfu - 1 : 0;
	return REDRAW_BODY;
}

/* Claim the worker, or learn who has it. */
static void
case_view_claim(struct app *app)
{
	int rc = app_claim(app, cv.worker_id, cv.holder, sizeof cv.holder, &cv.until);

	cv.claimed = rc == 0;
	if (rc != 0 && rc != DB_CONFLICT)
		snprintf(cv.error, sizeof cv.error, "%s", db_error(app->db));
}

static void
case_view_enter(struct app *app, void *arg)
{
	struct answers *draft = NULL;

	memset(&cv, 0, sizeof cv);
	cv.worker_id = *(const long long *)arg;
	case_view_claim(app);
	case_view_load(app);
	/* an unsaved call form for this worker: the form offers to resume it */
	if (cv.claimed && drafts_load(app->db, cv.worker_id, app->me->id, &draft) == 0) {
		answers_free(draft);
		app_push(app, &callform_view_screen, &cv.worker_id);
	}
}

static void
case_view_leave(struct app *app)
{
	if (cv.claimed)
		app_unclaim(app);
	case_view_free();
}

static int
case_view_poll(struct app *app, int changed)
{
	if (!changed)
		return REDRAW_NONE;
	if (!cv.claimed)
		case_view_claim(app);	/* the other investigator may be gone */
	return case_view_load(app) | REDRAW_BOTTOM;
}

static unsigned
case_view_scopes(struct app *app)
{
	(void)app;
	return SCOPE_CASE | SCOPE_LIST | SCOPE_GLOBAL;
}

/* ---- phones ---- */

static int
case_view_phone_check(struct app *app, const char *text, void *ctx, char *msg, size_t msgsz)
{
	struct phone p;

	(void)ctx;
	if (text[0] == '\0') {
		snprintf(msg, msgsz, "%s", _("Type the number as the worker gives it."));
		return 0;
	}
	if (phone_parse(text, app->settings->area_code, &p) != 0) {
		snprintf(msg, msgsz, _("Not valid: %s"), p.reason);
		return 0;
	}
	snprintf(msg, msgsz, _("Valid %s number %s%s%s %s"),
	    p.kind == PHONE_KIND_MOBILE ? _("mobile") : p.kind == PHONE_KIND_FIXED ?
	    _("fixed-line") : _("other"), p.display, p.extension[0] ? _(" ext. ") : "",
	    p.extension, p.region);
	return 1;
}

static int
case_view_phone_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	struct phone p;
	struct worker_phone wp;
	int added = 0;

	(void)key;
	(void)ctx;
	if (!ok || phone_parse(text, app->settings->area_code, &p) != 0)
		return REDRAW_NONE;
	memset(&wp, 0, sizeof wp);
	snprintf(wp.typed, sizeof wp.typed, "%s", text);
	snprintf(wp.e164, sizeof wp.e164, "%s", p.e164);
	snprintf(wp.extension, sizeof wp.extension, "%s", p.extension);
	snprintf(wp.kind, sizeof wp.kind, "%s", phone_kind_name(p.kind));
	snprintf(wp.display, sizeof wp.display, "%s", p.display);
	snprintf(wp.region, sizeof wp.region, "%s", p.region);
	if (db_begin_write(app->db) != 0)
		goto fail;
	if (cv.edit_phone != 0 &&
	    workers_remove_phone(app->db, cv.worker_id, cv.edit_phone, app->me->id) != 0)
		goto rollback;
	if (workers_add_phone(app->db, cv.worker_id, &wp, &added) != 0)
		goto rollback;
	if (db_commit(app->db) != 0)
		goto fail;
	case_view_load(app);
	if (!added)
		return REDRAW_BODY | app_message(app, MSG_INFO, "%s",
		    _("The worker already has this number."));
	return REDRAW_BODY | app_message(app, MSG_OK, _("Phone %s saved."), p.display);
rollback:
	db_rollback(app->db);
fail:
	return app_message(app, MSG_ERROR, "%s", db_error(app->db));
}

static int
case_view_phone_add(struct app *app, const struct worker_phone *old)
{
	cv.edit_phone = old ? old->id : 0;
	return prompt_line(app, old ? _("Correct the phone:") : _("New phone:"),
	    old ? old->typed : "", 40, case_view_phone_check, case_view_phone_done, NULL);
}

/* ---- follow-ups ---- */

/* "2020-02-03 09:00", "明天 9点", "tomorrow", "2/3 14:00" -> a time; -1 if not. */
static time_t
case_view_parse_due(const char *text, char *err, size_t errlen)
{
	char today[11], date[11], hhmm[6] = "09:00", buf[128], iso[17];
	const char *sp;

	clock_today(today);
	snprintf(buf, sizeof buf, "%s", text);
	sp = strrchr(buf, ' ');
	if (sp != NULL) {
		buf[sp - buf] = '\0';
		if (time_parse(sp + 1, hhmm, err, errlen) != 0)
			return -1;
	}
	if (date_parse(buf, today, date, err, errlen) != 0)
		return -1;
	snprintf(iso, sizeof iso, "%s %s", date, hhmm);
	return clock_parse(iso);
}

static int
case_view_due_check(struct app *app, const char *text, void *ctx, char *msg, size_t msgsz)
{
	char err[256], when[17];
	time_t t;

	(void)app;
	(void)ctx;
	if ((t = case_view_parse_due(text, err, sizeof err)) < 0) {
		snprintf(msg, msgsz, "%s", err);
		return 0;
	}
	clock_datetime(t, when);
	snprintf(msg, msgsz, _("Due %s"), when);
	return 1;
}

static int
case_view_fu_note_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	(void)key;
	(void)ctx;
	if (!ok)
		return REDRAW_NONE;
	if (followups_add(app->db, cv.worker_id, (enum followup_kind)cv.fu_kind, cv.fu_due, 0,
	    text, app->me->id, NULL) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	return case_view_load(app) | app_message(app, MSG_OK, "%s", _("Follow-up added."));
}

static int
case_view_fu_due_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	char err[256];

	(void)key;
	(void)ctx;
	if (!ok || (cv.fu_due = case_view_parse_due(text, err, sizeof err)) < 0)
		return REDRAW_NONE;
	return prompt_line(app, _("Note (may be empty):"), "", 200, NULL,
	    case_view_fu_note_done, NULL);
}

static int
case_view_fu_kind_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	static const char keys[] = "chmje";
	char tomorrow[11], today[11], initial[32];

	(void)text;
	(void)ctx;
	if (!ok)
		return REDRAW_NONE;
	cv.fu_kind = (int)(strchr(keys, key) - keys);
	clock_today(today);
	date_add_days(today, 1, tomorrow);
	snprintf(initial, sizeof initial, "%s 09:00", tomorrow);
	return prompt_line(app, _("Due (date and time):"), initial, 40, case_view_due_check,
	    case_view_fu_due_done, NULL);
}

static int
case_view_move_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	char err[256];
	time_t due;

	(void)key;
	(void)ctx;
	if (!ok || (due = case_view_parse_due(text, err, sizeof err)) < 0)
		return REDRAW_NONE;
	if (followups_move(app->db, cv.fu_id, due, app->me->id, NULL) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	return case_view_load(app) | app_message(app, MSG_OK, "%s", _("Follow-up moved."));
}

static int
case_view_close_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	(void)text;
	(void)ctx;
	if (!ok)
		return REDRAW_NONE;
	if (followups_close(app->db, cv.fu_id, key == 'd' ? "done" : "cancelled",
	    app->me->id) != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	return case_view_load(app) | app_message(app, MSG_OK, "%s", _("Follow-up closed."));
}

static const struct followup *
case_view_selected_fu(void)
{
	if (cv.sel < cv.nphones || cv.sel - cv.nphones >= cv.nfu)
		return NULL;
	return &cv.fu[cv.sel - cv.nphones];
}

static int
case_view_key(struct app *app, enum action a)
{
	const struct followup *f = case_view_selected_fu();
	size_t items = cv.nphones + cv.nfu;
	char when[17];

	switch (a) {
	case ACT_BACK:
		return app_pop(app);
	case ACT_UP:
	case ACT_PGUP:
	case ACT_FIRST:
		cv.sel = a == ACT_UP && cv.sel > 0 ? cv.sel - 1 : a == ACT_UP ? 0 : 0;
		return REDRAW_BODY;
	case ACT_DOWN:
	case ACT_PGDN:
	case ACT_LAST:
		if (items > 0)
			cv.sel = a == ACT_DOWN && cv.sel + 1 < items ? cv.sel + 1 :
			    a == ACT_DOWN ? cv.sel : items - 1;
		return REDRAW_BODY;
	case ACT_CALL:
		if (!cv.claimed) {
			char hhmm[6];
			clock_hhmm(cv.until, hhmm);
			return app_message(app, MSG_ERROR, _("%s is calling this worker (until %s)"),
			    cv.holder, hhmm);
		}
		return app_push(app, &callform_view_screen, &cv.worker_id);
	case ACT_PHONE_ADD:
		return case_view_phone_add(app, NULL);
	case ACT_PHONE_EDIT:
		if (cv.sel >= cv.nphones)
			return app_message(app, MSG_INFO, "%s",
			    _("Move the cursor to a phone first."));
		return case_view_phone_add(app, &cv.phones[cv.sel]);
	case ACT_FOLLOWUP_ADD:
		return prompt_choice(app, _("Kind: c callback, h health, m medical, j job, "
		    "e escalate?"), "chmje", case_view_fu_kind_done, NULL);
	case ACT_FOLLOWUP_MOVE:
		if (f == NULL)
			return app_message(app, MSG_INFO, "%s",
			    _("Move the cursor to a follow-up first."));
		cv.fu_id = f->id;
		clock_datetime(f->due_at, when);
		return prompt_line(app, _("Move to (date and time):"), when, 40,
		    case_view_due_check, case_view_move_done, NULL);
	case ACT_FOLLOWUP_CLOSE:
		if (f == NULL)
			return app_message(app, MSG_INFO, "%s",
			    _("Move the cursor to a follow-up first."));
		cv.fu_id = f->id;
		return prompt_choice(app, _("Close it as d done, or c cancelled?"), "dc",
		    case_view_close_done, NULL);
	default:
		return REDRAW_NONE;
	}
}

/* ---- drawing ---- */

static const char *
case_view_outcome_label(enum call_outcome o)
{
	const struct field_def *f = form_field(&callform, "outcome");
	const struct field_choice *c = f ? field_choice_by_key(f, call_outcome_name(o)) : NULL;

	return c ? _(c->label) : call_outcome_name(o);
}

/* A section title across the width. */
static int
case_view_section(struct app *app, WINDOW *w, int y, const char *title)
{
	int cols = getmaxx(w);

	draw_hline(w, y, 0, cols);
	draw_text(w, y, 2, cols - 4, title, app_attr(app, STYLE_HEADER));
	return y + 1;
}

/* The worker: name, gender, age, masked ID number, village, work, group. */
static int
case_view_draw_worker(struct app *app, WINDOW *w, int y)
{
	int cols = getmaxx(w);
	char line[1024], today[11], age[16] = "?";
	int by, bm, bd, ty, tm, td;
	const struct worker *k = &cv.w;

	clock_today(today);
	if (date_split(k->birth_date, &by, &bm, &bd) == 0 && date_split(today, &ty, &tm, &td) == 0)
		snprintf(age, sizeof age, "%d", ty - by - (tm < bm || (tm == bm && td < bd)));
	snprintf(line, sizeof line, _("%s   %s, %s years   ID %.6s********%.4s   No. %lld"),
	    k->name, k->gender == 'M' ? _("male") : k->gender == 'F' ? _("female") : "?",
	    age, k->id_number, strlen(k->id_number) == 18 ? k->id_number + 14 : "", k->id);
	draw_text(w, y++, 0, cols, line, app_attr(app, STYLE_LABEL));
	snprintf(line, sizeof line, _("Village: %s   Group %s: %s"), k->village,
	    worker_group_name(k->group),
	    k->group == GROUP_A ? _("local, working in Hubei") : _("from Hubei, working here"));
	draw_text(w, y++, 0, cols, line, A_NORMAL);
	snprintf(line, sizeof line, _("Works in: %s%s   Employer: %s"), k->work_province,
	    k->work_city, k->employer);
	draw_text(w, y++, 0, cols, line, A_NORMAL);
	return y;
}

/* Contact state, calls, whereabouts and health in one or two lines. */
static int
case_view_draw_state(struct app *app, WINDOW *w, int y)
{
	const struct case_state *s = &cv.c.state;
	char line[1024], last[17] = "-";

	if (s->last_call_at)
		clock_datetime(s->last_call_at, last);
	snprintf(line, sizeof line, _("State: %s   calls %d (failed %d)   last %s   investigator %s"),
	    queue_view_state_label(s->contact), s->calls, s->failed, last,
	    cv.c.investigator_name[0] ? cv.c.investigator_name : "-");
	draw_text(w, y++, 0, getmaxx(w), line, A_NORMAL);
	if (s->contact == CONTACT_REACHED) {
		char where[128], sym[256];

		field_value_text(form_field(&callform, "whereabouts"), s->whereabouts, where,
		    sizeof where);
		if (s->health_asked)
			field_value_text(form_field(&callform, "symptoms"), s->symptoms, sym,
			    sizeof sym);
		else
			snprintf(sym, sizeof sym, "-");
		snprintf(line, sizeof line, _("%s %s  %s°C  symptoms: %s%s  isolated until %s"),
		    where, s->return_date, s->temperature[0] ? s->temperature : "-", sym,
		    s->urged_doctor ? _(" (urged doctor)") : "",
		    s->isolation_end[0] ? s->isolation_end : "-");
		draw_text(w, y++, 0, getmaxx(w), line,
		    s->symptomatic ? app_attr(app, STYLE_WARN) : A_NORMAL);
	}
	return y;
}

static void
case_view_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), y = 0, room;
	char line[1024], when[17];

	if (!cv.claimed && cv.holder[0] != '\0') {
		char hhmm[6];
		clock_hhmm(cv.until, hhmm);
		snprintf(line, sizeof line, _("%s is calling this worker (until %s)"), cv.holder, hhmm);
		draw_text(w, y++, 0, cols, line, app_attr(app, STYLE_WARN));
	}
	if (cv.error[0] != '\0') {
		y += draw_wrapped(w, y, 0, cols, 3, cv.error, app_attr(app, STYLE_ERROR));
		if (cv.w.id == 0)
			return;
	}
	y = case_view_draw_worker(app, w, y);
	y = case_view_draw_state(app, w, y);

	y = case_view_section(app, w, y, _("Phones"));
	if (cv.nphones == 0)
		draw_text(w, y++, 2, cols - 2, _("none: press a to add one"), app_attr(app, STYLE_DIM));
	for (size_t i = 0; i < cv.nphones && y < rows - 6; i++) {
		const struct worker_phone *p = &cv.phones[i];
		attr_t a = cv.sel == i ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		int x = draw_cell(w, y, 0, 2, i == 0 ? "*" : " ", a);

		x = draw_cell(w, y, x, 16, p->display, a);
		x = draw_cell(w, y, x, 6, p->extension, a);
		x = draw_cell(w, y, x, 22, p->region, a);
		draw_cell(w, y++, x, cols - x, worker_phone_kind_label(p->kind), a);
	}

	y = case_view_section(app, w, y, _("Open follow-ups"));
	if (cv.nfu == 0)
		draw_text(w, y++, 2, cols - 2, _("none"), app_attr(app, STYLE_DIM));
	for (size_t i = 0; i < cv.nfu && y < rows - 4; i++) {
		const struct followup *f = &cv.fu[i];
		attr_t a = cv.sel == cv.nphones + i ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		int x = draw_cell(w, y, 0, 2, " ", a);

		clock_datetime(f->due_at, when);
		x = draw_cell(w, y, x, 14, followup_kind_label(f->kind), a);
		x = draw_cell(w, y, x, 18, when, a);
		x = draw_cell(w, y, x, 10, f->owner_name, a);
		draw_cell(w, y++, x, cols - x, f->note, a);
	}

	y = case_view_section(app, w, y, _("Calls"));
	room = rows - y - (cv.c.state.note[0] ? 1 : 0);
	if (cv.ncalls == 0 && room > 0) {
		draw_text(w, y++, 2, cols - 2, _("none yet"), app_attr(app, STYLE_DIM));
		room--;
	}
	for (size_t i = 0; i < cv.ncalls && room > 0; i++, room--) {
		const struct call_record *c = &cv.calls[i];
		const char *sym = c->answers ? answers_get(c->answers, "symptoms") : NULL;
		const char *note = c->answers ? answers_get(c->answers, "note") : NULL;
		int x;

		clock_datetime(c->at, when);
		x = draw_cell(w, y, 2, 17, when, A_NORMAL);
		x = draw_cell(w, y, x, 14, case_view_outcome_label(c->outcome), A_NORMAL);
		x = draw_cell(w, y, x, 10, c->user_name, A_NORMAL);
		char syml[256] = "";
		if (sym && *sym)
			field_value_text(form_field(&callform, "symptoms"), sym, syml,
			    sizeof syml);
		snprintf(line, sizeof line, "%s%s%s", syml, syml[0] && note && *note ? "; " : "",
		    note ? note : "");
		draw_text(w, y++, x, cols - x, line, A_NORMAL);
	}
	if (cv.c.state.note[0] != '\0') {
		snprintf(line, sizeof line, _("Note: %s"), cv.c.state.note);
		draw_text(w, rows - 1, 0, cols, line, A_NORMAL);
	}
}

const struct screen case_view_screen = {
	.name = N_("Case"),
	.enter = case_view_enter,
	.key = case_view_key,
	.draw = case_view_draw,
	.leave = case_view_leave,
	.scopes = case_view_scopes,
	.poll = case_view_poll,
};
