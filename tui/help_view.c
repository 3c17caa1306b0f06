/*
 * help_view.c -- every action of keys.c's table with its keys and help
 * text, by scope; the sections of the screen the user came from first;
 * then the legend of the flag letters and marks the screens show.  When
 * it does not fit, the last line says so and where the page is.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "forms/i18n.h"
#include "forms/utf8.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/help_view.h"
#include "tui/keys.h"

static const unsigned help_order[] = {
	SCOPE_QUEUE, SCOPE_CASE, SCOPE_FORM, SCOPE_SEARCH, SCOPE_LIST, SCOPE_EDIT,
	SCOPE_PROMPT, SCOPE_GLOBAL, SCOPE_HELP, SCOPE_LEAD, SCOPE_REASSIGN, SCOPE_MOVE,
};
#define NSECTIONS (sizeof help_order / sizeof help_order[0])

static struct {
	unsigned from;		/* the scopes of the screen below */
	int top, lines, page;
} hv;

/* The marks and letters of the screens, for the legend at the end. */
static const struct {
	const char *mark;
	const char *text;
} help_legend[] = {
	{ "S", N_("Flags: has symptoms (fever, cough ...)") },
	{ "I", N_("Flags: in home isolation today") },
	{ "M", N_("Flags: a medical follow-up is open") },
	{ "J", N_("Flags: needs a job (job follow-up)") },
	{ "E", N_("Flags: escalated (unreachable, or an escalation is open)") },
	{ "C", N_("Flags: claimed by someone else") },
	{ "U", N_("Flags: nobody's case (no investigator): the leads' to assign") },
	{ "D", N_("Flags: its investigator is disabled: the leads' to assign") },
	{ "x", N_("Before a phone: found wrong or out of service; not dialled again") },
	{ "*", N_("After the flags: someone else has this case open now") },
	{ "*", N_("Before a phone: the first number, the one dialled") },
	{ "~", N_("Text cut to fit (the line under the list says it whole)") },
	{ "!", N_("Tonight's report: no calls today in this village or by this investigator") },
	{ "1", N_("Tonight's report, invariant 1: 已联系 + 未联系上 + 未排查 = 在鄂务工人数") },
	{ "2", N_("Tonight's report, invariant 2: 已返乡 + 仍在湖北 + 在其他地区 <= 已联系") },
};

static void
help_view_enter(struct app *app, void *arg)
{
	const struct screen *below = arg;

	memset(&hv, 0, sizeof hv);
	hv.from = below && below->scopes ? below->scopes(app) : 0;
}

static unsigned
help_view_scopes(struct app *app)
{
	(void)app;
	return SCOPE_HELP | SCOPE_LIST | SCOPE_GLOBAL;
}

static int
help_view_key(struct app *app, enum action a)
{
	int max = hv.lines > hv.page ? hv.lines - hv.page : 0;

	switch (a) {
	case ACT_BACK: return app_pop(app);
	case ACT_UP: hv.top--; break;
	case ACT_DOWN: hv.top++; break;
	case ACT_PGUP: hv.top -= hv.page > 2 ? hv.page - 1 : 1; break;
	case ACT_PGDN: hv.top += hv.page > 2 ? hv.page - 1 : 1; break;
	case ACT_FIRST: hv.top = 0; break;
	case ACT_LAST: hv.top = max; break;
	default: return REDRAW_NONE;
	}
	if (hv.top > max)
		hv.top = max;
	if (hv.top < 0)
		hv.top = 0;
	return REDRAW_BODY;
}

/* Draw line number `line` if it is on the page; returns line + 1. */
static int
help_view_line(struct app *app, WINDOW *w, int line, const char *keys, const char *text,
    int section)
{
	int y = line - hv.top, cols = getmaxx(w);

	if (y >= 0 && y < hv.page) {
		if (section)
			draw_text(w, y, 0, cols, text, app_attr(app, STYLE_HEADER));
		else {
			draw_text(w, y, 2, 18, keys, app_attr(app, STYLE_LABEL));
			draw_text(w, y, 21, cols - 21, text, A_NORMAL);
		}
	}
	return line + 1;
}

static void
help_view_draw(struct app *app, WINDOW *w)
{
	size_t n;
	const struct key_binding *t = keys_table(&n);
	int line = 0;

	/* the last line says where we are when the help does not fit */
	hv.page = getmaxy(w) - (hv.lines > getmaxy(w) ? 1 : 0);
	/* the sections of the screen we came from first, then the others */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t s = 0; s < NSECTIONS; s++) {
			unsigned sc = help_order[s];
			if (((hv.from & sc) != 0) != (pass == 0))
				continue;
			line = help_view_line(app, w, line, NULL, keys_scope_title(sc), 1);
			for (size_t i = 0; i < n; i++)
				if (t[i].scope & sc)
					line = help_view_line(app, w, line, t[i].keys, _(t[i].help), 0);
			line++;
		}
	}
	line = help_view_line(app, w, line, NULL, _("Flags and marks"), 1);
	for (size_t i = 0; i < sizeof help_legend / sizeof help_legend[0]; i++) {
		const char *mark = help_legend[i].mark;
		/* the ellipsis is whatever utf8 cuts text with */
		if (strcmp(mark, "~") == 0)
			mark = utf8_ellipsis();
		line = help_view_line(app, w, line, mark, _(help_legend[i].text), 0);
	}
	if (hv.lines == 0 && line > hv.page) {
		/* the first draw learns the length: draw again with the marker's room */
		hv.lines = line;
		werase(w);
		help_view_draw(app, w);
		return;
	}
	hv.lines = line;
	if (hv.lines > hv.page) {
		char more[160];
		int last = hv.top + hv.page < hv.lines ? hv.top + hv.page : hv.lines;

		if (last < hv.lines)
			snprintf(more, sizeof more, _("-- more below: Space or PgDn (lines %d-%d of %d) --"),
			    hv.top + 1, last, hv.lines);
		else
			snprintf(more, sizeof more, _("-- end (lines %d-%d of %d); PgUp or g goes back --"),
			    hv.top + 1, last, hv.lines);
		draw_text(w, getmaxy(w) - 1, 0, getmaxx(w), more, app_attr(app, STYLE_WARN));
	}
}

const struct screen help_view_screen = {
	.name = N_("Help"),
	.enter = help_view_enter,
	.key = help_view_key,
	.draw = help_view_draw,
	.scopes = help_view_scopes,
};
