/*
 * search_view.c -- search as you type: a line at the top, the hits of
 * search_workers() under it (name, pinyin initials or full pinyin, a phone
 * in any typed form, an ID number); Enter opens the worker's case.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/search.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "forms/idnum.h"
#include "tui/app.h"
#include "tui/case_view.h"
#include "tui/draw.h"
#include "tui/editline.h"
#include "tui/search_view.h"

#define SEARCH_LIMIT 200

static struct {
	struct editline line;
	struct search_hit *hits;
	size_t n, cur, top;
	char error[512];
} sv;

static void
search_view_run(struct app *app)
{
	char q[EDITLINE_MAX * 4 + 1];
	struct search_hit *hits = NULL;
	size_t n = 0;

	editline_get(&sv.line, q, sizeof q);
	free(sv.hits);
	sv.hits = NULL;
	sv.n = sv.cur = sv.top = 0;
	sv.error[0] = '\0';
	if (q[0] == '\0')
		return;
	if (search_workers(app->db, q, SEARCH_LIMIT, &hits, &n) != 0) {
		snprintf(sv.error, sizeof sv.error, "%s", db_error(app->db));
		return;
	}
	sv.hits = hits;
	sv.n = n;
}

static void
search_view_enter(struct app *app, void *arg)
{
	(void)app;
	(void)arg;
	memset(&sv, 0, sizeof sv);
	editline_init(&sv.line, 64);
}

static void
search_view_leave(struct app *app)
{
	(void)app;
	free(sv.hits);
	memset(&sv, 0, sizeof sv);
}

static unsigned
search_view_scopes(struct app *app)
{
	(void)app;
	return SCOPE_SEARCH | SCOPE_EDIT | SCOPE_GLOBAL;
}

static int
search_view_key(struct app *app, enum action a)
{
	switch (a) {
	case ACT_BACK:
		return app_pop(app);
	case ACT_UP:
		if (sv.cur > 0)
			sv.cur--;
		return REDRAW_BODY;
	case ACT_DOWN:
		if (sv.cur + 1 < sv.n)
			sv.cur++;
		return REDRAW_BODY;
	case ACT_OPEN:
		if (sv.n == 0)
			return app_message(app, MSG_INFO, "%s", _("No worker matches."));
		return app_push(app, &case_view_screen, &sv.hits[sv.cur].worker_id);
	default:
		if (editline_key(&sv.line, a, app->ch))
			search_view_run(app);
		return REDRAW_BODY;
	}
}

static int
search_view_poll(struct app *app, int changed)
{
	if (!changed)
		return REDRAW_NONE;
	{
		size_t keep = sv.cur;
		search_view_run(app);
		sv.cur = keep < sv.n ? keep : 0;
	}
	return REDRAW_BODY;
}

static void
search_view_draw(struct app *app, WINDOW *w)
{
	int rows = getmaxy(w), cols = getmaxx(w), x, list = rows - 3;
	char count[64];

	x = draw_text(w, 0, 0, cols / 2, _("Search:"), app_attr(app, STYLE_LABEL));
	x = draw_text(w, 0, x, 1, " ", A_NORMAL);
	app_cursor(app, w, 0, editline_draw(&sv.line, w, 0, x, cols - x, A_UNDERLINE));
	draw_text(w, 1, 0, cols, _("Name, pinyin (zw or zhangwei), phone or ID number"),
	    app_attr(app, STYLE_DIM));
	if (sv.error[0] != '\0') {
		draw_wrapped(w, 3, 0, cols, 3, sv.error, app_attr(app, STYLE_ERROR));
		return;
	}
	if (sv.line.len > 0 && sv.n == 0)
		draw_text(w, 3, 2, cols - 2, _("No worker matches."), A_NORMAL);
	if (sv.cur < sv.top)
		sv.top = sv.cur;
	if (sv.cur >= sv.top + (size_t)list)
		sv.top = sv.cur - (size_t)list + 1;
	for (int i = 0; i < list && sv.top + (size_t)i < sv.n; i++) {
		const struct search_hit *h = &sv.hits[sv.top + (size_t)i];
		attr_t a = sv.top + (size_t)i == sv.cur ? app_attr(app, STYLE_CURSOR) : A_NORMAL;
		char idm[19];
		int cx = 0, nw = 12 + (cols - 80) / 4, vw = 12 + (cols - 80) / 4;

		/* the ID number partly masked, as on the case screen */
		idnum_mask(h->id_number, idm);
		cx = draw_cell(w, 3 + i, cx, nw, h->name, a);
		cx = draw_cell(w, 3 + i, cx, 1, " ", a);
		cx = draw_cell(w, 3 + i, cx, vw, h->village, a);
		cx = draw_cell(w, 3 + i, cx, 1, " ", a);
		cx = draw_cell(w, 3 + i, cx, 13, h->phone, a);
		cx = draw_cell(w, 3 + i, cx, 1, " ", a);
		cx = draw_cell(w, 3 + i, cx, 18, idm, a);
		cx = draw_cell(w, 3 + i, cx, 1, " ", a);
		draw_cell(w, 3 + i, cx, cols - cx, labels_search_match(h->matched), a);
	}
	if (sv.n > 0) {
		snprintf(count, sizeof count, _("%zu found"), sv.n);
		draw_text(w, rows - 1, 0, cols, count, app_attr(app, STYLE_DIM));
	}
}

const struct screen search_view_screen = {
	.name = N_("Search"),
	.enter = search_view_enter,
	.key = search_view_key,
	.draw = search_view_draw,
	.leave = search_view_leave,
	.scopes = search_view_scopes,
	.poll = search_view_poll,
};
