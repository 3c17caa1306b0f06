/*
 * app.h -- the investigator's screens: the entry point, and what the
 * screen modules share (the application, the screen table, redraw flags).
 *
 * Every screen is a module that fills one struct screen (tmux's
 * window_mode, ncdu's help_init/help_draw/help_key).  The main loop turns
 * keys into actions (keys.h), hands them to the screen on top of the stack
 * or to the question on the bottom line, and redraws what the handler
 * marked, then calls doupdate() once.  Handlers never draw.
 */
#ifndef PAICHA_TUI_APP_H
#define PAICHA_TUI_APP_H

#include <curses.h>
#include <time.h>

#include "db/db.h"
#include "tui/keys.h"
#include "tui/prompt.h"

struct db;
struct settings;
struct user;
struct app;

/* Run the screens for user until they quit; returns an exit status. */
int tui_app_run(struct db *, const struct settings *, const struct user *);

/* What a handler asks the main loop to redraw. */
enum redraw {
	REDRAW_NONE = 0,
	REDRAW_TITLE = 1 << 0,
	REDRAW_BODY = 1 << 1,
	REDRAW_BOTTOM = 1 << 2,
	REDRAW_ALL = REDRAW_TITLE | REDRAW_BODY | REDRAW_BOTTOM,
};

struct screen {
	const char *name;	/* N_(): the title bar says _(name) */
	void (*enter)(struct app *, void *arg);
	int (*key)(struct app *, enum action);	/* returns REDRAW_* flags */
	void (*draw)(struct app *, WINDOW *);
	void (*leave)(struct app *);
	/* The key scopes the screen listens to now (keys.h). */
	unsigned (*scopes)(struct app *);
	/* Optional: the database changed under us (changed = 1) or a timer
	 * tick (0); also called with 1 when the screen above is closed. */
	int (*poll)(struct app *, int changed);
};

/* How text is shown; without colours (NO_COLOR) only attributes. */
enum style {
	STYLE_NORMAL,
	STYLE_TITLE,
	STYLE_HEADER,
	STYLE_CURSOR,
	STYLE_ERROR,
	STYLE_WARN,
	STYLE_OK,
	STYLE_DIM,
	STYLE_LABEL,
	STYLE_COUNT
};

enum message_kind { MSG_INFO, MSG_OK, MSG_ERROR };

#define APP_STACK_MAX 8

struct app {
	struct db *db;
	const struct settings *settings;
	const struct user *me;
	WINDOW *title, *body, *bottom;
	int too_small;
	int color;
	wint_t ch;			/* the character of ACT_CHAR */
	const struct screen *stack[APP_STACK_MAX];
	int depth;
	int quit;
	int redraw;			/* REDRAW_* asked outside a handler's return */
	int exiting;			/* leave() is called because we quit */
	char message[512];
	char exit_note[512];		/* said on the terminal once the screens are gone */
	enum message_kind message_kind;
	struct prompt prompt;
	int prompting;
	int data_version;
	/* What changed (db_changes_seq): the screens' audiences and their
	 * counters as last read, per level of the stack (app_watch), and
	 * the counter of anything shown */
	struct app_watch {
		int n;
		int fresh;		/* just read by app_tick */
		long long aud[DB_CHANGES_MAX - 1], seq[DB_CHANGES_MAX - 1];
	} watch[APP_STACK_MAX];
	long long seen_any;
	int live_all;			/* PAICHA_TEST_LIVE_ALL: every write is news (benchmarks) */
	long long claim_worker;		/* the case we hold a claim on, or 0 */
	time_t claim_renewed;
	WINDOW *cursor_win;		/* where the terminal cursor goes, or NULL */
	int cursor_y, cursor_x;
};

/* Open a screen above the current one; returns REDRAW_ALL. */
int app_push(struct app *, const struct screen *, void *arg);
/* Close the current screen (leave()); the one below is polled with 1. */
int app_pop(struct app *);
/* Print to stderr, converted from UTF-8 into the locale's encoding. */
void app_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The screen on top. */
const struct screen *app_top(const struct app *);
/* A message on the bottom line until the next key; returns REDRAW_BOTTOM. */
int app_message(struct app *, enum message_kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The attributes of a style. */
attr_t app_attr(const struct app *, enum style);
/* Leave the terminal cursor at y, x of w after this redraw. */
void app_cursor(struct app *, WINDOW *, int y, int x);
/* Claim worker_id for the user (and renew it while open); 0, or
 * DB_CONFLICT with the holder's name and the claim's end. */
int app_claim(struct app *, long long worker_id, char *holder, size_t holdersz,
    time_t *until);
/* The screen on top shows what these audiences see (a user's id, 0 the
 * leads' pool; at most DB_CHANGES_MAX - 1): from now on a write by another
 * process polls it with changed = 1 only when one of their counters moved
 * (db_changes_seq); call it before reading what the screen shows.  A
 * screen that never calls it is polled at every write that changes
 * anything a screen shows (not at drafts, claim renewals, audit rows). */
void app_watch(struct app *, int n, const long long *aud);
/* app_claim; seen: with the audit that the user saw the worker's phones
 * (claim or not) in the same commit (claims_take_seen): opening a case. */
int app_claim_seen(struct app *, long long worker_id, int seen, char *holder, size_t holdersz,
    time_t *until);
/* Release the claim taken with app_claim. */
void app_unclaim(struct app *);

#endif
