/*
 * prompt.c -- the question on the bottom line (see prompt.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "forms/i18n.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/prompt.h"

int
prompt_choice(struct app *app, const char *question, const char *keys,
    prompt_done_fn done, void *ctx)
{
	struct prompt *p = &app->prompt;

	memset(p, 0, sizeof *p);
	p->kind = PROMPT_CHOICE;
	snprintf(p->question, sizeof p->question, "%s", question);
	snprintf(p->keys, sizeof p->keys, "%s", keys);
	p->done = done;
	p->ctx = ctx;
	app->prompting = 1;
	return REDRAW_BOTTOM;
}

static void
prompt_recheck(struct app *app)
{
	struct prompt *p = &app->prompt;
	char text[EDITLINE_MAX * 4 + 1];

	p->check_msg[0] = '\0';
	p->check_ok = 1;
	if (p->check == NULL)
		return;
	editline_get(&p->line, text, sizeof text);
	p->check_ok = p->check(app, text, p->ctx, p->check_msg, sizeof p->check_msg);
}

int
prompt_line(struct app *app, const char *question, const char *initial,
    size_t max_chars, prompt_check_fn check, prompt_done_fn done, void *ctx)
{
	struct prompt *p = &app->prompt;

	memset(p, 0, sizeof *p);
	p->kind = PROMPT_LINE;
	snprintf(p->question, sizeof p->question, "%s", question);
	editline_init(&p->line, max_chars);
	editline_set(&p->line, initial);
	p->check = check;
	p->done = done;
	p->ctx = ctx;
	app->prompting = 1;
	prompt_recheck(app);
	return REDRAW_BOTTOM;
}

/* Close the prompt and tell its owner. */
static int
prompt_finish(struct app *app, int accepted, char key)
{
	struct prompt *p = &app->prompt;
	char text[EDITLINE_MAX * 4 + 1];
	prompt_done_fn done = p->done;
	void *ctx = p->ctx;

	editline_get(&p->line, text, sizeof text);
	app->prompting = 0;
	return REDRAW_BOTTOM | (done ? done(app, accepted, key, text, ctx) : 0);
}

int
prompt_key(struct app *app, enum action a)
{
	struct prompt *p = &app->prompt;

	if (a == ACT_CANCEL)
		return prompt_finish(app, 0, 0);
	if (p->kind == PROMPT_CHOICE) {
		wint_t c = app->ch;
		if (a != ACT_CHAR || c > 127)
			return REDRAW_NONE;
		c = towlower(c);
		if (c != 0 && strchr(p->keys, (int)c) != NULL)
			return prompt_finish(app, 1, (char)c);
		return REDRAW_NONE;
	}
	if (a == ACT_ENTER) {
		if (!p->check_ok)
			return REDRAW_BOTTOM;
		return prompt_finish(app, 1, 0);
	}
	if (editline_key(&p->line, a, app->ch))
		prompt_recheck(app);
	return REDRAW_BOTTOM;
}

void
prompt_draw(struct app *app, WINDOW *w)
{
	struct prompt *p = &app->prompt;
	int cols = getmaxx(w), x;

	werase(w);
	x = draw_text(w, 0, 0, p->kind == PROMPT_CHOICE ? cols - 1 : cols / 2, p->question,
	    app_attr(app, STYLE_LABEL));
	if (p->kind == PROMPT_CHOICE) {
		app_cursor(app, w, 0, x < cols ? x : cols - 1);
		draw_text(w, 1, 0, cols, _("Press one of the keys shown; Esc cancels."),
		    app_attr(app, STYLE_DIM));
		return;
	}
	x = draw_text(w, 0, x, 1, " ", A_NORMAL);
	app_cursor(app, w, 0, editline_draw(&p->line, w, 0, x, cols - x, A_UNDERLINE));
	if (p->check_msg[0] != '\0')
		draw_text(w, 1, 0, cols, p->check_msg,
		    app_attr(app, p->check_ok ? STYLE_OK : STYLE_ERROR));
	else
		draw_text(w, 1, 0, cols, _("Enter accepts, Esc cancels."),
		    app_attr(app, STYLE_DIM));
}
