/*
 * lead_list.h -- what the lead's screens share: a table loaded from the
 * database, reloaded live, with a cursor that scrolls, the same header
 * and row drawing and the same keys to switch screens or go back.
 */
#ifndef PAICHA_TUI_LEAD_LIST_H
#define PAICHA_TUI_LEAD_LIST_H

#include <stddef.h>
#include <time.h>

#include "tui/app.h"

struct db;

struct lead_list {
	size_t n, cur, top;
	int page;		/* rows shown, set by the draw */
	time_t loaded_at;
	int stale;		/* changed since loaded */
	char error[512];
};

/* The lead's keys, the list's and the global ones. */
unsigned lead_list_scopes(struct app *);
unsigned lead_list_move_scopes(struct app *);
unsigned lead_list_reassign_scopes(struct app *);
/* The load failed: keep the rows, show db's error. */
void lead_list_failed(struct lead_list *, const struct db *);
/* The load gave n rows: no error, the cursor kept inside. */
void lead_list_loaded(struct lead_list *, size_t n);
/* Whether to reload now: at most every min_s seconds after a change,
 * every 60 s anyway. */
int lead_list_due(struct lead_list *, int changed, int min_s);
/* Up and Down move the cursor, and with paged also PgUp, PgDn, Home and
 * End; 1 where the key was one of them. */
int lead_list_move(struct lead_list *, enum action, int paged);
/* T, R, C, E, F switch lead screens, Esc goes back, the rest does nothing. */
int lead_list_other_key(struct app *, enum action);
/* Keep the cursor inside the list rows shown from top. */
void lead_list_scroll(struct lead_list *, int list);
/* n cells in row y, a space between, each in attr a. */
void lead_list_cells(WINDOW *, int y, int n, const int *width, const char *const *cells,
    attr_t a);
/* The header line; then 1 where the error was drawn instead of rows. */
int lead_list_head(struct app *, WINDOW *, const struct lead_list *, int n, const int *width,
    const char *const *head);

#endif
