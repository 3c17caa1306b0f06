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

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calls.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/drafts.h"
#include "db/followups.h"
#include "db/roles.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "forms/idnum.h"
#include "forms/phone.h"
#include "forms/xmalloc.h"
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
	struct call_number *nums;	/* what the calls say of each phone */
	size_t nnums;
	int next;			/* the phone to dial next, -1 = none */
	int next_at_load;		/* next as the last load found it */
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
	struct worker seen;	/* the worker as the prompt opened on it */
	struct worker_phone *seen_phones;
	size_t nseen;
	int fu_kind;		/* the follow-up being added */
	time_t fu_due;
	long long fu_id;	/* the follow-up being moved or closed */
	time_t past_due;	/* a due time in the past, being asked about */
	int past_ok;		/* ... and kept */
	char error[512];
} cv;

static void
case_view_free(void)
{
	free(cv.phones);
	free(cv.nums);
	cv.nums = NULL;
	cv.nnums = 0;
	calls_free(cv.calls, cv.ncalls);
	free(cv.fu);
	cv.phones = NULL;
	cv.calls = NULL;
	cv.fu = NULL;
	cv.nphones = cv.ncalls = cv.nfu = 0;
}

/* What the calls say of phone id, or NULL. */
static const struct call_number *
case_view_number(long long id)
{
	for (size_t i = 0; i < cv.nnums; i++)
		if (cv.nums[i].phone_id == id)
			return &cv.nums[i];
	return NULL;
}

/* Read everything about the worker again. */
static int
case_view_load(struct app *app)
{
	case_view_free();
	cv.error[0] = '\0';
	if (roles_check_case(app->db, app->me->id, cv.worker_id, ROLE_ACT_READ) != 0) {
		memset(&cv.w, 0, sizeof cv.w);
		snprintf(cv.error, sizeof cv.error, "%s", db_error(app->db));
		return REDRAW_BODY;
	}
	if (workers_get(app->db, cv.worker_id, &cv.w) != 0 ||
	    workers_phones(app->db, cv.worker_id, &cv.phones, &cv.nphones) != 0 ||
	    cases_get(app->db, cv.worker_id, &cv.c) != 0 ||
	    followups_open(app->db, cv.worker_id, 0, &cv.fu, &cv.nfu) != 0 ||
	    calls_list(app->db, cv.worker_id, &cv.calls, &cv.ncalls) != 0 ||
	    calls_numbers(app->db, cv.worker_id, app->settings->max_attempts, &cv.nums, &cv.nnums,
	    &cv.next) != 0)
		snprintf(cv.error, sizeof cv.error, "%s", db_error(app->db));
	if (cv.sel >= cv.nphones + cv.nfu)
		cv.sel = cv.nphones + cv.nfu ? cv.nphones + cv.nfu - 1 : 0;
	/* a call changed which number comes next: the cursor follows it when it
	 * was on the number dialled before */
	if (cv.next >= 0 && cv.next != cv.next_at_load && (size_t)cv.next < cv.nphones &&
	    cv.sel < cv.nphones && cv.next_at_load >= 0 && cv.sel == (size_t)cv.next_at_load)
		cv.sel = (size_t)cv.next;
	cv.next_at_load = cv.next;
	return REDRAW_BODY;
}

/* Claim the worker, or learn who has it; seen: with the audit that the
 * user is shown the worker's phones, in the same commit. */
static void
case_view_claim(struct app *app, int seen)
{
	int rc = app_claim_seen(app, cv.worker_id, seen, cv.holder, sizeof cv.holder, &cv.until);

	cv.claimed = rc == 0;
	/* on the message line: case_view_load() clears cv.error */
	if (rc != 0 && rc != DB_CONFLICT)
		app_message(app, MSG_ERROR, "%s", db_error(app->db));
}

static void
case_view_enter(struct app *app, void *arg)
{
	struct answers *draft = NULL;

	memset(&cv, 0, sizeof cv);
	cv.worker_id = *(const long long *)arg;
	if (roles_check_case(app->db, app->me->id, cv.worker_id, ROLE_ACT_READ) != 0) {
		case_view_load(app);	/* says who may */
		return;
	}
	/* the screen shows all the worker's phones: that is recorded, in the
	 * claim's transaction (one commit to open a case, not two) */
	case_view_claim(app, 1);
	case_view_load(app);
	/* the cursor starts on the number to dial next: c dials it */
	if (cv.next > 0 && (size_t)cv.next < cv.nphones)
		cv.sel = (size_t)cv.next;
	cv.next_at_load = cv.next;
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
		case_view_claim(app, 0);	/* the other investigator may be gone */
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
phone_in(const struct worker_phone *v, size_t n, const struct worker_phone *p)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].e164, p->e164) == 0 && strcmp(v[i].extension, p->extension) == 0)
			return 1;
	return 0;
}

static void
add_change(char *out, size_t sz, const char *what)
{
	size_t len = strlen(out), n = strlen(what);

	if (len + 3 + n >= sz)		/* whole changes only */
		return;
	if (len) {
		memcpy(out + len, "; ", 2);
		len += 2;
	}
	memcpy(out + len, what, n + 1);
}

/* What changed between the worker as the prompt opened (cv.seen) and now. */
static void
case_view_changes(char *out, size_t sz)
{
	static const struct {
		const char *label;
		size_t off;
	} fields[] = {
		{ N_("name"), offsetof(struct worker, name) },
		{ N_("township"), offsetof(struct worker, township) },
		{ N_("village"), offsetof(struct worker, village) },
		{ N_("work place"), offsetof(struct worker, work_city) },
		{ N_("employer"), offsetof(struct worker, employer) },
		{ N_("address"), offsetof(struct worker, address) },
	};
	char one[400];

	out[0] = '\0';
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		const char *a = (const char *)&cv.seen + fields[i].off;
		const char *b = (const char *)&cv.w + fields[i].off;
		if (strcmp(a, b) != 0) {
			snprintf(one, sizeof one, "%s: %s", _(fields[i].label), b);
			add_change(out, sz, one);
		}
	}
	for (size_t i = 0; i < cv.nphones; i++)
		if (!phone_in(cv.seen_phones, cv.nseen, &cv.phones[i])) {
			snprintf(one, sizeof one, _("phone %s added"), cv.phones[i].display);
			add_change(out, sz, one);
		}
	for (size_t i = 0; i < cv.nseen; i++)
		if (!phone_in(cv.phones, cv.nphones, &cv.seen_phones[i])) {
			snprintf(one, sizeof one, _("phone %s removed"), cv.seen_phones[i].display);
			add_change(out, sz, one);
		}
	if (out[0] == '\0')
		snprintf(out, sz, "%s", _("its details or phones"));
}

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
	    labels_phone_kind(phone_kind_name(p.kind)), p.display, p.extension[0] ? _(" ext. ") : "",
	    p.extension, p.region);
	return 1;
}

static int
case_view_phone_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	struct phone p;
	struct worker_phone wp;
	int added = 0, rc;

	(void)key;
	(void)ctx;
	if (!ok || phone_parse(text, app->settings->area_code, &p) != 0)
		return REDRAW_NONE;
	workers_phone_from(&wp, text, &p);
	rc = workers_replace_phone(app->db, cv.worker_id, cv.seen.version, cv.edit_phone, &wp,
	    app->me->id, &added);
	if (rc == DB_CONFLICT) {
		char what[400];

		case_view_load(app);
		case_view_changes(what, sizeof what);
		return REDRAW_BODY | app_message(app, MSG_ERROR,
		    _("Not saved: someone else changed this worker meanwhile (%s). Check the case and type the phone again."),
		    what);
	}
	if (rc != 0)
		return app_message(app, MSG_ERROR, "%s", db_error(app->db));
	case_view_load(app);
	if (!added)
		return REDRAW_BODY | app_message(app, MSG_INFO, "%s",
		    _("The worker already has this number."));
	return REDRAW_BODY | app_message(app, MSG_OK, _("Phone %s saved."), p.display);
}

static int
case_view_phone_add(struct app *app, const struct worker_phone *old)
{
	cv.edit_phone = old ? old->id : 0;
	cv.seen = cv.w;
	free(cv.seen_phones);
	cv.seen_phones = NULL;
	cv.nseen = cv.nphones;
	if (cv.nphones) {
		cv.seen_phones = xmalloc(cv.nphones * sizeof *cv.seen_phones);
		memcpy(cv.seen_phones, cv.phones, cv.nphones * sizeof *cv.seen_phones);
	}
	return prompt_line(app, old ? _("Correct the phone:") : _("New phone:"),
	    old ? old->typed : "", 40, case_view_phone_check, case_view_phone_done, NULL);
}

/* ---- follow-ups ---- */

/* "2020-02-03 09:00", "明天 9点", "tomorrow", "2/3 14:00" -> a time; -1 if not. */
static time_t
case_view_parse_due(const char *text, char *err, size_t errlen)
{
	char today[11], iso[17];

	clock_today(today);
	if (datetime_parse(text, today, "09:00", iso, err, errlen) != 0)
		return -1;
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
	if (t < clock_now())
		snprintf(msg, msgsz, _("Due %s: in the past"), when);
	else
		snprintf(msg, msgsz, _("Due %s"), when);
	return 1;
}

/* A due time in the past is asked about first: y keeps it, n asks again. */
static int case_view_fu_due_done(struct app *, int, char, const char *, void *);
static int case_view_move_done(struct app *, int, char, const char *, void *);

static int
case_view_past_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	char when[17];

	(void)text;
	clock_datetime(cv.past_due, when);
	if (!ok || key != 'y')
		return prompt_line(app, _("Due (date and time):"), when, 40, case_view_due_check,
		    ctx != NULL ? case_view_move_done : case_view_fu_due_done, NULL);
	cv.past_ok = 1;
	return ctx != NULL ? case_view_move_done(app, 1, 0, when, NULL) :
	    case_view_fu_due_done(app, 1, 0, when, NULL);
}

/* 1 if due needs the question first (it was asked). */
static int
case_view_ask_past(struct app *app, time_t due, int moving, int *redraw)
{
	char when[17], q[128];

	if (due >= clock_now() || cv.past_ok) {
		cv.past_ok = 0;
		return 0;
	}
	cv.past_due = due;
	clock_datetime(due, when);
	snprintf(q, sizeof q, _("%s is in the past: y keep it, n change it"), when);
	*redraw = prompt_choice(app, q, "yn", case_view_past_done, moving ? &cv : NULL);
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
	int redraw;

	if (!ok || (cv.fu_due = case_view_parse_due(text, err, sizeof err)) < 0)
		return REDRAW_NONE;
	if (case_view_ask_past(app, cv.fu_due, 0, &redraw))
		return redraw;
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
	int redraw;

	if (!ok || (due = case_view_parse_due(text, err, sizeof err)) < 0)
		return REDRAW_NONE;
	if (case_view_ask_past(app, due, 1, &redraw))
		return redraw;
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
		if (cv.nnums == 0)
			return app_message(app, MSG_ERROR, "%s", _("This worker has no valid phone "
			    "number: press a to add the number you reach them on, then c to call."));
		/* the number under the cursor is the one dialled */
		callform_view_dial(cv.sel < cv.nphones ? cv.phones[cv.sel].id : 0);
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

/* A section title across the width. */
static int
case_view_section(struct app *app, WINDOW *w, int y, const char *title)
{
	int cols = getmaxx(w);

	draw_hline(w, y, 0, cols);
	draw_text(w, y, 2, cols - 4, title, app_attr(app, STYLE_HEADER));
	return y + 1;
}

/* The lines of a worker's field ('\n' between) as one, sep between. */
static void
case_view_join(const char *text, char *out, size_t sz, const char *sep)
{
	size_t o = 0, n = strlen(sep);

	for (const char *p = text; *p != '\0' && o + n + 1 < sz; p++) {
		if (*p == '\n') {
			memcpy(out + o, sep, n);
			o += n;
		} else {
			out[o++] = *p;
		}
	}
	/* cut whole characters only */
	if (o + n + 1 >= sz)
		while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80)
			o--;
	if (o + n + 1 >= sz && o > 0 && (unsigned char)out[o - 1] >= 0xC0)
		o--;
	out[o] = '\0';
}

/* The worker: name, gender, age, masked ID number, village, work, group,
 * and what the roster said (its 备注, numbers not valid). */
static int
case_view_draw_worker(struct app *app, WINDOW *w, int y)
{
	int cols = getmaxx(w);
	char line[1024], today[11], age[16] = "?", idm[19];
	const struct worker *k = &cv.w;

	clock_today(today);
	if (date_age(k->birth_date, today) >= 0)
		snprintf(age, sizeof age, "%d", date_age(k->birth_date, today));
	idnum_mask(k->id_number, idm);
	snprintf(line, sizeof line, _("%s   %s, %s years   ID %s   No. %lld"),
	    k->name, k->gender == 'M' ? _("male") : k->gender == 'F' ? _("female") : "?",
	    age, idm, k->id);
	draw_text(w, y++, 0, cols, line, app_attr(app, STYLE_LABEL));
	snprintf(line, sizeof line, _("Village: %s   Group %s: %s"), k->village,
	    worker_group_name(k->group),
	    k->group == GROUP_A ? _("local, working in Hubei") : _("from Hubei, working here"));
	draw_text(w, y++, 0, cols, line, A_NORMAL);
	snprintf(line, sizeof line, _("Works in: %s%s   Employer: %s"), k->work_province,
	    k->work_city, k->employer);
	draw_text(w, y++, 0, cols, line, A_NORMAL);
	if (k->note[0] != '\0' || k->phones_invalid[0] != '\0') {
		/* what the roster said: its 备注 and the numbers not valid, as typed */
		char note[600], bad[300];
		case_view_join(k->note, note, sizeof note, "；");
		case_view_join(k->phones_invalid, bad, sizeof bad, "、");
		snprintf(line, sizeof line, "%s%s%s%s%s", note[0] ? _("Roster note: ") : "", note,
		    note[0] && bad[0] ? "   " : "", bad[0] ? _("Not valid: ") : "", bad);
		draw_text(w, y++, 0, cols, line, app_attr(app, STYLE_LABEL));
	}
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
	    labels_contact(s->contact), s->calls, s->failed, last,
	    cv.c.investigator_name[0] ? cv.c.investigator_name : "-");
	draw_text(w, y++, 0, getmaxx(w), line, A_NORMAL);
	if (s->contact == CONTACT_REACHED) {
		char where[128], sym[256], asked[17] = "-";

		/* the health answers are one call's: say which day they are of */
		for (size_t i = 0; i < cv.ncalls; i++)
			if (answers_get(cv.calls[i].answers, "temperature") != NULL ||
			    answers_get(cv.calls[i].answers, "symptoms") != NULL) {
				clock_datetime(cv.calls[i].at, asked);
				asked[10] = '\0';
				break;
			}

		field_value_text(form_field(&callform, "whereabouts"), s->whereabouts, where,
		    sizeof where);
		if (s->health_asked)
			field_value_text(form_field(&callform, "symptoms"), s->symptoms, sym,
			    sizeof sym);
		else
			snprintf(sym, sizeof sym, "-");
		snprintf(line, sizeof line, _("%s %s  health of %s: %s°C, symptoms: %s%s  "
		    "isolated until %s"), where, s->return_date, asked[0] == '-' ? "-" : asked + 5,
		    s->temperature[0] ? s->temperature : "-", sym,
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

		const struct call_number *k = case_view_number(p->id);
		char mark[64] = "";

		/* a wrong or out-of-service number is kept, struck: x, dim, and why */
		if (k != NULL && k->mark != OUTCOME_NONE) {
			char at[17] = "";
			if (k->mark_at)
				clock_datetime(k->mark_at, at);
			snprintf(mark, sizeof mark, "[%s %s]", k->mark == OUTCOME_WRONG_NUMBER ?
			    _("wrong number") : _("out of service"), at[0] ? at + 5 : "");
			if (cv.sel != i)
				a = app_attr(app, STYLE_DIM);
		} else if (k != NULL && k->spent)
			snprintf(mark, sizeof mark, "[%s]", _("spent: no answer"));
		if (mark[0] != '\0')
			x = draw_cell(w, y, 0, 2, "x", a);
		x = draw_cell(w, y, x, 16, p->display, a);
		x = draw_cell(w, y, x, 6, p->extension, a);
		x = draw_cell(w, y, x, 22, p->region, a);
		x = draw_cell(w, y, x, 8, labels_phone_kind(p->kind), a);
		draw_cell(w, y++, x, cols - x, mark, a);
	}

	y = case_view_section(app, w, y, _("Open follow-ups"));
	if (cv.nfu == 0)
		draw_text(w, y++, 2, cols - 2, _("none"), app_attr(app, STYLE_DIM));
	for (size_t i = 0; i < cv.nfu && y < rows - 4; i++) {
		const struct followup *f = &cv.fu[i];
		attr_t a = cv.sel == cv.nphones + i ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		int x = draw_cell(w, y, 0, 2, " ", a);

		clock_datetime(f->due_at, when);
		x = draw_cell(w, y, x, 14, labels_followup_kind(f->kind), a);
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
		x = draw_cell(w, y, x, 14, labels_outcome(c->outcome), A_NORMAL);
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
