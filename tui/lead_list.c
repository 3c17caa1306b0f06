/*
 * lead_list.c -- the table, cursor, live reload and keys the lead's
 * screens share (lead_list.h).
 */
#include "config.h"

#include <stdio.h>

#include "db/db.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

unsigned
lead_list_scopes(struct app *app)
{
	(void)app;
	return SCOPE_LEAD | SCOPE_LIST | SCOPE_GLOBAL;
}

/* Team and an investigator's queue: m reassigns that investigator's cases. */
unsigned
lead_list_move_scopes(struct app *app)
{
	return lead_list_scopes(app) | SCOPE_MOVE;
}

/* Reassign: marks, filters, balance and m. */
unsigned
lead_list_reassign_scopes(struct app *app)
{
	return lead_list_move_scopes(app) | SCOPE_REASSIGN;
}

void
lead_list_failed(struct lead_list *l, const struct db *db)
{
	snprintf(l->error, sizeof l->error, "%s", db_error(db));
}

void
lead_list_loaded(struct lead_list *l, size_t n)
{
	l->error[0] = '\0';
	l->n = n;
	l->loaded_at = time(NULL);
	if (l->cur >= n)
		l->cur = n ? n - 1 : 0;
}

int
lead_list_due(struct lead_list *l, int changed, int min_s)
{
	/* Live, but not at every change: a busy township changes all the time. */
	if (changed)
		l->stale = 1;
	if ((l->stale && time(NULL) - l->loaded_at >= min_s) || time(NULL) - l->loaded_at >= 60) {
		l->stale = 0;
		return 1;
	}
	return 0;
}

int
lead_list_move(struct lead_list *l, enum action a, int paged)
{
	size_t page = l->page > 1 ? (size_t)l->page - 1 : 1;

	switch (a) {
	case ACT_UP: if (l->cur > 0) l->cur--; return 1;
	case ACT_DOWN: if (l->cur + 1 < l->n) l->cur++; return 1;
	default: break;
	}
	if (!paged)
		return 0;
	switch (a) {
	case ACT_PGUP: l->cur = l->cur > page ? l->cur - page : 0; return 1;
	case ACT_PGDN: l->cur = l->cur + page < l->n ? l->cur + page : (l->n ? l->n - 1 : 0); return 1;
	case ACT_FIRST: l->cur = 0; return 1;
	case ACT_LAST: l->cur = l->n ? l->n - 1 : 0; return 1;
	default: return 0;
	}
}

int
lead_list_other_key(struct app *app, enum action a)
{
	switch (a) {
	case ACT_LEAD_TEAM:
	case ACT_LEAD_REASSIGN:
	case ACT_LEAD_COVERAGE:
	case ACT_LEAD_ESCALATIONS:
	case ACT_LEAD_FLOW:
	case ACT_LEAD_REPORT:
		return lead_views_switch(app, a);
	case ACT_BACK:
		return app_pop(app);
	default:
		return REDRAW_NONE;
	}
}

void
lead_list_scroll(struct lead_list *l, int list)
{
	if (l->cur < l->top)
		l->top = l->cur;
	if (l->cur >= l->top + (size_t)list)
		l->top = l->cur - (size_t)list + 1;
}

void
lead_list_cells(WINDOW *w, int y, int n, const int *width, const char *const *cells, attr_t a)
{
	int x = 0;

	for (int c = 0; c < n; c++) {
		x = draw_cell(w, y, x, width[c], cells[c], a);
		if (c + 1 < n)
			x = draw_cell(w, y, x, 1, " ", a);
	}
}

int
lead_list_head(struct app *app, WINDOW *w, const struct lead_list *l, int n, const int *width,
    const char *const *head)
{
	lead_list_cells(w, 0, n, width, head, app_attr(app, STYLE_HEADER));
	if (l->error[0] != '\0') {
		draw_wrapped(w, 2, 0, getmaxx(w), 3, l->error, app_attr(app, STYLE_ERROR));
		return 1;
	}
	return 0;
}
