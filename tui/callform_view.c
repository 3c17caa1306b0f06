/*
 * callform_view.c -- the call form.  Nothing here knows the questions: the
 * screen walks forms/callform's table (struct field_def), shows the
 * questions that apply to the answers so far (applies()), marks the
 * required ones, and lets the investigator answer each one:
 *  - a choice is one key, the choice's hotkey (shown in the row); a
 *    multi-choice toggles with the hotkeys, '-' means "asked, none";
 *    yes/no questions take y and n;
 *  - everything else is typed into the line editor, and checked with
 *    field_validate() when the cursor leaves it (the canonical value then
 *    replaces what was typed, so "明天" shows as the date it means).
 * Every change is saved as a draft (drafts_save).  Saving runs
 * form_validate() on the whole form and calls_record(); an invalid or
 * missing answer blocks it, moves the cursor there and says why.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/calls.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/drafts.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/utf8.h"
#include "tui/app.h"
#include "tui/callform_view.h"
#include "tui/draw.h"
#include "tui/editline.h"

#define CALLFORM_LABEL_COLS 24
#define CALLFORM_VALUE_MAX 1024
#define CALLFORM_MAX_FIELDS 64

static struct {
	long long worker_id;
	struct worker w;
	const struct form_def *form;	/* callform, or callform_b for group B */
	struct call_number *nums;	/* the worker's numbers (calls_numbers) */
	size_t nnums;
	int num;			/* the one being dialled, -1 = none */
	struct answers *ans;		/* choice keys; typed text for the others */
	size_t focus;			/* index in callform's fields */
	int top;			/* first screen line shown */
	struct editline line;		/* the focused text question */
	char err[CALLFORM_MAX_FIELDS][256];	/* per field: why its answer is wrong */
	char today[11];
	struct form_ctx ctx;
	int dirty;			/* changed since the draft was saved */
	int fresh;			/* the focused text holds an answer not yet edited:
					 * the first character typed replaces it */
} cf;

static long long callform_view_dial_id;

void
callform_view_dial(long long phone_id)
{
	callform_view_dial_id = phone_id;
}

static const struct field_def *
callform_view_field(size_t i)
{
	return form_field_at(cf.form, i);
}

/* The questions shown: the call form's, up to what the screen keeps. */
static size_t
callform_view_count(void)
{
	size_t n = form_field_count(cf.form);

	return n < CALLFORM_MAX_FIELDS ? n : CALLFORM_MAX_FIELDS;
}

static int
callform_view_is_text(const struct field_def *f)
{
	return f->type != FIELD_CHOICE && f->type != FIELD_MULTI && f->type != FIELD_YESNO;
}

/* Is choice c chosen in the answer of f? */
static int
callform_view_chosen(const struct field_def *f, const char *key)
{
	const char *v = answers_get(cf.ans, f->key), *p;
	size_t kl = strlen(key);

	for (p = v; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (strncmp(p, key, kl) == 0 && (p[kl] == ',' || p[kl] == '\0'))
			return 1;
	return 0;
}

static void
callform_view_draft(struct app *app)
{
	if (!cf.dirty)
		return;
	if (drafts_save(app->db, cf.worker_id, app->me->id, cf.ans) != 0)
		app_message(app, MSG_ERROR, _("The draft was not saved: %s"), db_error(app->db));
	cf.dirty = 0;
}

/* Put the line editor's text into the answers and check it; say what is
 * wrong unless quiet (saving says it once, for every question). */
static void
callform_view_commit_as(struct app *app, int quiet)
{
	const struct field_def *f = callform_view_field(cf.focus);
	char typed[EDITLINE_MAX * 4 + 1], canon[CALLFORM_VALUE_MAX], why[256];
	const char *old;

	if (f == NULL || !callform_view_is_text(f))
		return;
	editline_get(&cf.line, typed, sizeof typed);
	old = answers_get(cf.ans, f->key);
	cf.err[cf.focus][0] = '\0';
	if (typed[0] == '\0') {
		if (answers_remove(cf.ans, f->key))
			cf.dirty = 1;
		return;
	}
	if (field_validate(f, typed, &cf.ctx, canon, sizeof canon, why, sizeof why) == 0) {
		if (canon[0] != '\0')
			snprintf(typed, sizeof typed, "%s", canon);
	} else {
		snprintf(cf.err[cf.focus], sizeof cf.err[cf.focus], "%s", why);
		if (!quiet)
			app_message(app, MSG_ERROR, "%s: %s", _(f->label), why);
	}
	if (old == NULL || strcmp(old, typed) != 0) {
		answers_set(cf.ans, f->key, typed);
		cf.dirty = 1;
	}
}

static void
callform_view_commit(struct app *app)
{
	callform_view_commit_as(app, 0);
}

/* Focus field i (which applies): load its answer into the editor. */
static void
callform_view_focus(size_t i)
{
	const struct field_def *f = callform_view_field(i);

	cf.focus = i;
	editline_init(&cf.line, f && f->max_chars ? (size_t)f->max_chars : 200);
	if (f && callform_view_is_text(f))
		editline_set(&cf.line, answers_get(cf.ans, f->key));
	cf.fresh = f && callform_view_is_text(f) && answers_get(cf.ans, f->key) != NULL;
}

/* The next (dir 1) or previous (-1) question that applies, from i; or i. */
static size_t
callform_view_step(size_t i, int dir)
{
	size_t n = callform_view_count();

	for (size_t j = i;;) {
		if (dir > 0 ? j + 1 >= n : j == 0)
			return i;
		j = dir > 0 ? j + 1 : j - 1;
		if (field_applies(callform_view_field(j), cf.ans))
			return j;
	}
}

/* After a change: if the focused question no longer applies, move on. */
static void
callform_view_refocus(void)
{
	if (field_applies(callform_view_field(cf.focus), cf.ans))
		return;
	size_t j = callform_view_step(cf.focus, -1);
	callform_view_focus(j);
}

static void
callform_view_start(struct answers *draft)
{
	answers_free(cf.ans);
	cf.ans = draft ? draft : answers_new();
	memset(cf.err, 0, sizeof cf.err);
	callform_view_focus(0);
	/* re-check what a draft holds, so the marks are right at once */
	for (size_t i = 0; draft && i < callform_view_count(); i++) {
		const struct field_def *f = callform_view_field(i);
		const char *v = answers_get(cf.ans, f->key);
		char canon[CALLFORM_VALUE_MAX];

		if (v != NULL && field_validate(f, v, &cf.ctx, canon, sizeof canon,
		    cf.err[i], sizeof cf.err[i]) == 0)
			cf.err[i][0] = '\0';
	}
	/* go on where the draft stopped: the first question without an answer */
	for (size_t i = 0; draft && i < callform_view_count(); i++) {
		const struct field_def *f = callform_view_field(i);
		if (field_applies(f, cf.ans) && answers_get(cf.ans, f->key) == NULL) {
			callform_view_focus(i);
			break;
		}
	}
}

static int
callform_view_resume_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	struct answers *draft = NULL;

	(void)text;
	(void)ctx;
	if (!ok)
		return app_pop(app);
	if (key == 'y' && drafts_load(app->db, cf.worker_id, app->me->id, &draft) == 0) {
		callform_view_start(draft);
		return REDRAW_ALL | app_message(app, MSG_OK, "%s", _("The draft is back."));
	}
	drafts_delete(app->db, cf.worker_id, app->me->id);
	return REDRAW_ALL;
}

/* A follow-up call starts from what is known: the case's whereabouts,
 * return date and isolation dates, and, when a health check or medical
 * follow-up is what the case is waiting for, that purpose.  Not a change:
 * no draft is saved for it. */
static void
callform_view_known(struct app *app)
{
	struct case_row c;

	if (cases_get(app->db, cf.worker_id, &c) != 0)
		return;
	if (casestate_known_answers(&c.state, cf.ans) != 0)
		return;
	if (c.state.contact == CONTACT_REACHED && (strcmp(c.next_kind, "health") == 0 ||
	    strcmp(c.next_kind, "medical") == 0))
		answers_set(cf.ans, "purpose", c.next_kind);
}

static void
callform_view_enter(struct app *app, void *arg)
{
	struct answers *draft = NULL;

	memset(&cf, 0, sizeof cf);
	cf.worker_id = *(const long long *)arg;
	clock_today(cf.today);
	cf.ctx.today = cf.today;
	cf.ctx.area_code = app->settings->area_code;
	workers_get(app->db, cf.worker_id, &cf.w);
	cf.form = cf.w.group == GROUP_B ? &callform_b : &callform;
	cf.num = -1;
	if (calls_numbers(app->db, cf.worker_id, app->settings->max_attempts, &cf.nums, &cf.nnums,
	    &cf.num) != 0)
		app_message(app, MSG_ERROR, "%s", db_error(app->db));
	for (size_t i = 0; i < cf.nnums; i++)
		if (cf.nums[i].phone_id == callform_view_dial_id)
			cf.num = (int)i;
	callform_view_dial_id = 0;
	callform_view_start(NULL);
	callform_view_known(app);
	if (drafts_load(app->db, cf.worker_id, app->me->id, &draft) == 0) {
		answers_free(draft);
		prompt_choice(app, _("An unsaved call form is kept: y resume it, n start again"), "yn", callform_view_resume_done, NULL);
	}
}

static void
callform_view_leave(struct app *app)
{
	/* quitting or a signal: what was typed stays in the draft */
	if (app->exiting) {
		struct answers *kept = NULL;

		callform_view_commit(app);
		callform_view_draft(app);
		if (drafts_load(app->db, cf.worker_id, app->me->id, &kept) == 0) {
			answers_free(kept);
			snprintf(app->exit_note, sizeof app->exit_note, _("paicha: your call form "
			    "for worker %lld is kept as a draft; open the case again and press c "
			    "to go on with it."), cf.worker_id);
		}
	}
	answers_free(cf.ans);
	cf.ans = NULL;
	free(cf.nums);
	cf.nums = NULL;
	cf.nnums = 0;
}

static unsigned
callform_view_scopes(struct app *app)
{
	(void)app;
	return SCOPE_FORM | SCOPE_EDIT | SCOPE_GLOBAL;
}

/* A hotkey on a choice question. */
static int
callform_view_choose(struct app *app, const struct field_def *f, wint_t ch)
{
	char v[CALLFORM_VALUE_MAX] = "";
	const struct field_choice *hit = NULL;
	int c = ch < 128 ? tolower((int)ch) : 0;

	if (f->type == FIELD_YESNO) {
		if (c != 'y' && c != 'n')
			return REDRAW_NONE;
		answers_set(cf.ans, f->key, c == 'y' ? "yes" : "no");
		goto changed_next;
	}
	if (f->type == FIELD_MULTI && c == '-') {
		answers_set(cf.ans, f->key, "");
		goto changed;
	}
	for (const struct field_choice *k = f->choices; k && k->key; k++)
		if (k->hotkey == c)
			hit = k;
	if (hit == NULL)
		return app_message(app, MSG_INFO, "%s", _("Press one of the letters shown."));
	if (f->type == FIELD_CHOICE) {
		answers_set(cf.ans, f->key, hit->key);
		goto changed_next;
	}
	/* multi: toggle, keep definition order */
	for (const struct field_choice *k = f->choices; k->key; k++) {
		int on = callform_view_chosen(f, k->key);
		if (k == hit)
			on = !on;
		if (on)
			snprintf(v + strlen(v), sizeof v - strlen(v), "%s%s", v[0] ? "," : "", k->key);
	}
	answers_set(cf.ans, f->key, v);
changed:
	cf.dirty = 1;
	cf.err[cf.focus][0] = '\0';
	callform_view_draft(app);
	return REDRAW_BODY;
changed_next:
	cf.dirty = 1;
	cf.err[cf.focus][0] = '\0';
	callform_view_draft(app);
	callform_view_refocus();
	callform_view_focus(callform_view_step(cf.focus, 1));
	return REDRAW_BODY;
}

/* Check everything, move to the first problem, or record the call. */
static int
callform_view_save(struct app *app)
{
	struct answers *valid = NULL;
	char err[512], canon[CALLFORM_VALUE_MAX];
	enum call_outcome oc;
	long long call_id;
	size_t first = 0;
	int rc, problems = 0;

	callform_view_commit_as(app, 1);
	callform_view_draft(app);
	/* every problem is marked (!) and counted; the cursor goes to the
	 * first, whose message the line under the form shows: once */
	for (size_t i = 0; i < callform_view_count(); i++) {
		const struct field_def *f = callform_view_field(i);
		const char *v = answers_get(cf.ans, f->key);
		int bad = 0;

		if (!field_applies(f, cf.ans))
			continue;
		if (v != NULL && field_validate(f, v, &cf.ctx, canon, sizeof canon, cf.err[i],
		    sizeof cf.err[i]) != 0)
			bad = 1;
		else if (f->required && (v == NULL || (v[0] == '\0' && f->type != FIELD_MULTI))) {
			snprintf(cf.err[i], sizeof cf.err[i], "%s", _("an answer is required"));
			bad = 1;
		} else
			cf.err[i][0] = '\0';
		if (bad && problems++ == 0)
			first = i;
	}
	if (problems > 0) {
		callform_view_focus(first);
		if (problems == 1)
			return REDRAW_BODY;
		return REDRAW_BODY | app_message(app, MSG_ERROR, _("%d problems: the first is "
		    "shown below, the others are marked !"), problems);
	}
	valid = answers_copy(cf.ans);
	if (form_validate(cf.form, valid, &cf.ctx, err, sizeof err) != 0) {
		answers_free(valid);
		return REDRAW_BODY | app_message(app, MSG_ERROR, "%s", err);
	}
	if (call_outcome_parse(answers_get(valid, "outcome"), &oc) != 0) {
		answers_free(valid);
		return app_message(app, MSG_ERROR, "%s", _("Call outcome: an answer is required"));
	}
	rc = calls_record(app->db, app->settings, cf.worker_id, app->me->id, clock_now(),
	    cf.num >= 0 ? cf.nums[cf.num].e164 : "", oc, valid, &call_id);
	answers_free(valid);
	if (rc != 0)
		return app_message(app, MSG_ERROR, _("The call was not saved: %s"), db_error(app->db));
	rc = app_pop(app);
	return rc | app_message(app, MSG_OK, "%s", _("Call saved."));
}

static int
callform_view_discard_done(struct app *app, int ok, char key, const char *text, void *ctx)
{
	(void)text;
	(void)ctx;
	if (!ok || key != 'y')
		return REDRAW_NONE;
	drafts_delete(app->db, cf.worker_id, app->me->id);
	return app_pop(app) | app_message(app, MSG_INFO, "%s", _("The call was discarded."));
}

static int
callform_view_key(struct app *app, enum action a)
{
	const struct field_def *f = callform_view_field(cf.focus);

	switch (a) {
	case ACT_FIELD_NEXT:
	case ACT_FIELD_PREV:
		callform_view_commit(app);
		callform_view_draft(app);
		callform_view_refocus();
		callform_view_focus(callform_view_step(cf.focus, a == ACT_FIELD_NEXT ? 1 : -1));
		return REDRAW_BODY;
	case ACT_SAVE:
		return callform_view_save(app);
	case ACT_NEXT_PHONE:
		if (cf.nnums < 2)
			return app_message(app, MSG_INFO, "%s", _("This worker has no other number."));
		cf.num = (cf.num + 1) % (int)cf.nnums;
		return REDRAW_ALL | app_message(app, MSG_INFO, _("Now dialling %s."),
		    cf.nums[cf.num].display);
	case ACT_CANCEL:
		return prompt_choice(app, _("Discard this call? y/n"), "yn",
		    callform_view_discard_done, NULL);
	case ACT_CLEAR:
		editline_init(&cf.line, f->max_chars ? (size_t)f->max_chars : 200);
		if (answers_remove(cf.ans, f->key))
			cf.dirty = 1;
		cf.err[cf.focus][0] = '\0';
		callform_view_draft(app);
		callform_view_refocus();
		return REDRAW_BODY;
	default:
		break;
	}
	if (callform_view_is_text(f)) {
		/* typing over a known answer replaces it, as in a spreadsheet;
		 * moving in it first edits it */
		if (a == ACT_CHAR && (cf.fresh || cf.line.len == 0) &&
		    !form_char_may_start(f, (unsigned)app->ch))
			return app_message(app, MSG_ERROR, _("%s: that key is not an answer here; "
			    "type digits, as in %s"), _(f->label),
			    f->type == FIELD_TEMPERATURE ? "37.2" : "09:30");
		if (cf.fresh && a == ACT_CHAR)
			editline_init(&cf.line, f->max_chars ? (size_t)f->max_chars : 200);
		cf.fresh = 0;
		editline_key(&cf.line, a, app->ch);
		return REDRAW_BODY;
	}
	if (a == ACT_CHAR)
		return callform_view_choose(app, f, app->ch);
	return REDRAW_NONE;
}

/* The choices of the focused question, wrapped in width from x; returns lines used. */
static int
callform_view_choices(struct app *app, WINDOW *w, int y, int x, int width, int draw,
    const struct field_def *f)
{
	static const struct field_choice yesno[] = {
		{ "yes", N_("Yes"), 'y', NULL }, { "no", N_("No"), 'n', NULL },
		{ NULL, NULL, 0, NULL },
	};
	const struct field_choice *list = f->type == FIELD_YESNO ? yesno : f->choices;
	const char *v = answers_get(cf.ans, f->key);
	int cx = x, lines = 1;

	for (const struct field_choice *c = list; c && c->key; c++) {
		char item[128];
		int on = f->type == FIELD_YESNO ? v && strcmp(v, c->key) == 0 :
		    callform_view_chosen(f, c->key);
		int iw;

		snprintf(item, sizeof item, "%c %s", c->hotkey, _(c->label));
		iw = draw_width(item);
		if (cx > x && cx + iw > x + width) {
			cx = x;
			lines++;
		}
		if (draw) {
			char hk[2] = { c->hotkey, '\0' };
			draw_text(w, y + lines - 1, cx, 1, hk, A_BOLD | A_UNDERLINE |
			    (on ? app_attr(app, STYLE_CURSOR) : 0));
			draw_text(w, y + lines - 1, cx + 1, iw - 1, item + 1,
			    on ? app_attr(app, STYLE_CURSOR) : A_NORMAL);
		}
		cx += iw + 2;
	}
	if (f->type == FIELD_MULTI) {
		const char *none = _("- none");
		int on = v && v[0] == '\0', iw = draw_width(none);
		if (cx > x && cx + iw > x + width) {
			cx = x;
			lines++;
		}
		if (draw)
			draw_text(w, y + lines - 1, cx, iw, none,
			    on ? app_attr(app, STYLE_CURSOR) : A_NORMAL);
	}
	return lines;
}

/* Line 1: the number being dialled, which of how many, and what its
 * calls say of it. */
static void
callform_view_number(struct app *app, WINDOW *w, int cols)
{
	char line[256], state[96] = "";
	const struct call_number *k;

	if (cf.num < 0) {
		draw_text(w, 1, 0, cols, _("No number: add one on the case screen."),
		    app_attr(app, STYLE_ERROR));
		return;
	}
	k = &cf.nums[cf.num];
	if (k->mark == OUTCOME_WRONG_NUMBER)
		snprintf(state, sizeof state, " [%s]", _("wrong number"));
	else if (k->mark == OUTCOME_OUT_OF_SERVICE)
		snprintf(state, sizeof state, " [%s]", _("out of service"));
	else if (k->failed > 0)
		snprintf(state, sizeof state, _(" [failed attempts: %d]"), k->failed);
	if (cf.nnums > 1)
		snprintf(line, sizeof line, _("Dialling %s%s (number %d of %zu; F3 next number)"),
		    k->display, state, cf.num + 1, cf.nnums);
	else
		snprintf(line, sizeof line, _("Dialling %s%s"), k->display, state);
	draw_text(w, 1, 0, cols, line, k->spent ? app_attr(app, STYLE_ERROR) :
	    app_attr(app, STYLE_LABEL));
}

static void
callform_view_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), line = 0, focus_line = 0, focus_h = 1;
	int lw = CALLFORM_LABEL_COLS, vx, vw;
	char head[512];

	snprintf(head, sizeof head, _("Call to %s (%s), %s"), cf.w.name, cf.w.village, cf.today);
	draw_text(w, 0, 0, cols, head, app_attr(app, STYLE_HEADER));
	callform_view_number(app, w, cols);
	vx = lw + 3;
	vw = cols - vx - 1;
	/* first pass: where is the focused question, so that it is shown */
	for (size_t i = 0; i < callform_view_count(); i++) {
		const struct field_def *f = callform_view_field(i);
		if (!field_applies(f, cf.ans))
			continue;
		int h = i == cf.focus && !callform_view_is_text(f) ?
		    callform_view_choices(app, w, 0, vx, vw, 0, f) : 1;
		if (i == cf.focus) {
			focus_line = line;
			focus_h = h;
		}
		line += h;
	}
	{
		int page = rows - 4;
		if (focus_line < cf.top)
			cf.top = focus_line;
		if (focus_line + focus_h > cf.top + page)
			cf.top = focus_line + focus_h - page;
	}
	line = 0;
	for (size_t i = 0; i < callform_view_count(); i++) {
		const struct field_def *f = callform_view_field(i);
		int focused = i == cf.focus, y = 2 + line - cf.top, h = 1;
		char label[256], shown[CALLFORM_VALUE_MAX];

		if (!field_applies(f, cf.ans))
			continue;
		if (focused && !callform_view_is_text(f))
			h = callform_view_choices(app, w, 0, vx, vw, 0, f);
		line += h;
		if (y < 2 || y + h > rows - 2)
			continue;
		snprintf(label, sizeof label, "%s%s", _(f->label), f->required ? " *" : "");
		draw_text(w, y, 0, 1, focused ? ">" : " ", A_BOLD);
		draw_cell(w, y, 1, lw, label, focused ? app_attr(app, STYLE_LABEL) : A_NORMAL);
		draw_text(w, y, lw + 1, 1, cf.err[i][0] ? "!" : " ", app_attr(app, STYLE_ERROR));
		if (focused && callform_view_is_text(f))
			app_cursor(app, w, y, editline_draw(&cf.line, w, y, vx, vw, A_UNDERLINE));
		else if (focused)
			callform_view_choices(app, w, y, vx, vw, 1, f);
		else {
			field_value_text(f, answers_get(cf.ans, f->key), shown, sizeof shown);
			draw_text(w, y, vx, vw, shown, cf.err[i][0] ? app_attr(app, STYLE_ERROR) :
			    A_NORMAL);
		}
	}
	/* under the form: what is wrong with the focused answer, or how to answer */
	{
		const struct field_def *f = callform_view_field(cf.focus);
		char hint[512];

		draw_hline(w, rows - 2, 0, cols);
		if (cf.err[cf.focus][0] != '\0') {
			snprintf(hint, sizeof hint, "%s: %s", _(f->label), cf.err[cf.focus]);
			draw_text(w, rows - 1, 0, cols, hint, app_attr(app, STYLE_ERROR));
		} else {
			draw_text(w, rows - 1, 0, cols, callform_view_is_text(f) ?
			    _("Type the answer; Tab goes on, F2 saves the call.") :
			    f->type == FIELD_MULTI ? _("Letters toggle, '-' for none; Tab goes on.") :
			    _("Press the letter of the answer."), app_attr(app, STYLE_DIM));
		}
	}
}

const struct screen callform_view_screen = {
	.name = N_("Call form"),
	.enter = callform_view_enter,
	.key = callform_view_key,
	.draw = callform_view_draw,
	.leave = callform_view_leave,
	.scopes = callform_view_scopes,
};
