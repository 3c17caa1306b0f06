/*
 * app.c -- the screens' main loop.
 *
 * One loop: wait for a key for at most half a second (no database
 * statement is open while we wait), turn it into an action, give it to the
 * question on the bottom line or to the screen on top, redraw what was
 * marked and call doupdate() once.  Every half second without a key the
 * loop asks the database whether somebody else changed it (PRAGMA
 * data_version) and, when so, whether the change concerns the screen on
 * top (its counters in the table changes: app_watch), and tells the
 * screen; it renews the claim on the open case once a minute.
 *
 * Signals only set a flag; the loop sees it when wget_wch returns (the
 * handlers are installed without SA_RESTART, and the timeout bounds the
 * wait anyway), then leaves every screen (the call form keeps its draft),
 * releases the user's claims and restores the terminal.  atexit() restores
 * the terminal on any other way out.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <wchar.h>
#include <unistd.h>

#include "db/claims.h"
#include "db/db.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/utf8.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/help_view.h"
#include "tui/keys.h"
#include "tui/queue_view.h"

#define APP_POLL_MS 500
#define APP_RENEW_SECONDS 60
#define APP_MIN_COLS 80
#define APP_MIN_ROWS 24

static volatile sig_atomic_t app_signal;

static void
app_on_signal(int sig)
{
	app_signal = sig;
}

void
app_say(const char *fmt, ...)
{
	char buf[2048], mb[MB_LEN_MAX];
	const char *p = buf;
	va_list ap;
	uint32_t cp;
	int n;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* the program's strings are UTF-8; the terminal's may be GB18030 */
	while ((n = utf8_decode(p, &cp)) != 0) {
		mbstate_t st;
		size_t k;

		p += n > 0 ? n : 1;
		memset(&st, 0, sizeof st);
		k = wcrtomb(mb, (wchar_t)cp, &st);
		if (k == (size_t)-1)
			fputc('?', stderr);
		else
			fwrite(mb, 1, k, stderr);
	}
}

/* Whatever happens, give the terminal back as we found it. */
static void
app_restore(void)
{
	if (!isendwin())
		endwin();
}

static void
app_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = app_on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: wget_wch returns */
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
}

static long long
app_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

attr_t
app_attr(const struct app *app, enum style s)
{
	static const attr_t plain[STYLE_COUNT] = {
		[STYLE_NORMAL] = A_NORMAL,
		[STYLE_TITLE] = A_REVERSE,
		[STYLE_HEADER] = A_BOLD,
		[STYLE_CURSOR] = A_REVERSE,
		[STYLE_ERROR] = A_BOLD,
		[STYLE_WARN] = A_BOLD,
		[STYLE_OK] = A_NORMAL,
		[STYLE_DIM] = A_DIM,
		[STYLE_LABEL] = A_BOLD,
	};

	if (s < 0 || s >= STYLE_COUNT)
		return A_NORMAL;
	if (!app->color)
		return plain[s];
	switch (s) {
	case STYLE_TITLE: return A_REVERSE | COLOR_PAIR(1);
	case STYLE_ERROR: return A_BOLD | COLOR_PAIR(2);
	case STYLE_WARN: return A_BOLD | COLOR_PAIR(3);
	case STYLE_OK: return COLOR_PAIR(4);
	default: return plain[s];
	}
}

/*
 * A terminal type this machine has no description for (TERM=putty without
 * Debian's ncurses-term, a name nobody knows) would end initscr() with
 * curses' English "Error opening terminal".  Try it first; when it is
 * missing, take the closest description there is, and keep the message
 * for the status line.  Returns the name in use.
 */
static const char *
app_terminal(char *note, size_t notesz)
{
	static const char *const fallbacks[] = { "xterm-256color", "xterm", "vt100", "dumb" };
	static char wanted[64];
	const char *term = getenv("TERM");
	int err = 0;

	note[0] = '\0';
	if (term != NULL && *term != '\0' && setupterm(term, STDOUT_FILENO, &err) == OK) {
		del_curterm(cur_term);
		return term;
	}
	snprintf(wanted, sizeof wanted, "%s", term && *term ? term : "");
	for (size_t i = 0; i < sizeof fallbacks / sizeof fallbacks[0]; i++) {
		if (setupterm(fallbacks[i], STDOUT_FILENO, &err) != OK)
			continue;
		del_curterm(cur_term);
		setenv("TERM", fallbacks[i], 1);
		/* said on the status line, and on the terminal, seen after quitting */
		snprintf(note, notesz, _("Terminal type '%s' unknown here: using '%s' "
		    "(install ncurses-term)"), wanted, fallbacks[i]);
		app_say(_("paicha: this server has no description of the terminal type "
		    "'%s'; using '%s'. Ask the administrator to install ncurses-term, or set "
		    "the terminal type to xterm in your client (PuTTY: Connection > Data > "
		    "Terminal-type string).\n"), wanted, fallbacks[i]);
		return fallbacks[i];
	}
	return NULL;
}

/* Colours unless NO_COLOR is set (https://no-color.org) or unsupported. */
static void
app_colors(struct app *app)
{
	const char *nc = getenv("NO_COLOR");

	app->color = 0;
	if ((nc != NULL && *nc != '\0') || !has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(1, COLOR_CYAN, -1);
	init_pair(2, COLOR_RED, -1);
	init_pair(3, COLOR_YELLOW, -1);
	init_pair(4, COLOR_GREEN, -1);
	app->color = 1;
}

/* (Re)create the windows for the terminal's size. */
static void
app_layout(struct app *app)
{
	int rows = LINES, cols = COLS;

	if (app->title)
		delwin(app->title);
	if (app->body)
		delwin(app->body);
	if (app->bottom)
		delwin(app->bottom);
	app->title = app->body = app->bottom = NULL;
	app->cursor_win = NULL;
	/* stdscr only reads keys; once resized it counts as changed, and
	 * wget_wch would paint it (blank) over our windows */
	werase(stdscr);
	wnoutrefresh(stdscr);
	app->too_small = rows < APP_MIN_ROWS || cols < APP_MIN_COLS;
	if (app->too_small) {
		app->body = newwin(rows > 0 ? rows : 1, cols > 0 ? cols : 1, 0, 0);
		return;
	}
	app->title = newwin(1, cols, 0, 0);
	app->body = newwin(rows - 3, cols, 1, 0);
	app->bottom = newwin(2, cols, rows - 2, 0);
	clearok(curscr, TRUE);
}

const struct screen *
app_top(const struct app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

static unsigned
app_scopes(struct app *app)
{
	if (app->prompting)
		return SCOPE_PROMPT | (app->prompt.kind == PROMPT_LINE ? SCOPE_EDIT : 0);
	return app_top(app) && app_top(app)->scopes ? app_top(app)->scopes(app) : SCOPE_GLOBAL;
}

int
app_push(struct app *app, const struct screen *s, void *arg)
{
	if (app->depth == APP_STACK_MAX)
		return REDRAW_NONE;
	app->stack[app->depth++] = s;
	memset(&app->watch[app->depth - 1], 0, sizeof app->watch[0]);
	if (s->enter)
		s->enter(app, arg);
	return REDRAW_ALL;
}

int
app_pop(struct app *app)
{
	const struct screen *s = app_top(app), *below;

	if (s == NULL)
		return REDRAW_NONE;
	if (s->leave)
		s->leave(app);
	app->depth--;
	below = app_top(app);
	if (!app->exiting && below && below->poll)
		below->poll(app, 1);
	return REDRAW_ALL;
}

int
app_message(struct app *app, enum message_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	va_end(ap);
	app->message_kind = kind;
	app->redraw |= REDRAW_BOTTOM;	/* also when the caller drops the flags */
	return REDRAW_BOTTOM;
}

void
app_cursor(struct app *app, WINDOW *w, int y, int x)
{
	app->cursor_win = w;
	app->cursor_y = y;
	app->cursor_x = x;
}

int
app_claim(struct app *app, long long worker_id, char *holder, size_t holdersz,
    time_t *until)
{
	return app_claim_seen(app, worker_id, 0, holder, holdersz, until);
}

int
app_claim_seen(struct app *app, long long worker_id, int seen, char *holder, size_t holdersz,
    time_t *until)
{
	int rc;

	if (app->claim_worker != 0 && app->claim_worker != worker_id)
		app_unclaim(app);
	rc = (seen ? claims_take_seen : claims_take)(app->db, worker_id, app->me->id,
	    app->settings->claim_minutes, holder, holdersz, until);
	if (rc == 0) {
		app->claim_worker = worker_id;
		app->claim_renewed = clock_now();	/* on the clock claims run on */
	}
	return rc;
}

void
app_unclaim(struct app *app)
{
	if (app->claim_worker == 0)
		return;
	claims_release(app->db, app->claim_worker, app->me->id);
	app->claim_worker = 0;
}

static void
app_draw_title(struct app *app)
{
	WINDOW *w = app->title;
	int cols = getmaxx(w);
	char left[256];
	const struct screen *s = app_top(app);
	const char *right = s ? _(s->name) : "";
	int rw = draw_width(right);

	snprintf(left, sizeof left, "paicha  %s  %s", app->settings->township, app->me->name);
	wbkgdset(w, ' ' | app_attr(app, STYLE_TITLE));
	werase(w);
	draw_text(w, 0, 0, cols - rw - 2, left, app_attr(app, STYLE_TITLE) | A_BOLD);
	draw_text(w, 0, cols - rw - 1, rw, right, app_attr(app, STYLE_TITLE));
}

static void
app_draw_bottom(struct app *app)
{
	WINDOW *w = app->bottom;
	int cols = getmaxx(w);
	char status[512];
	static const enum style kinds[] = { STYLE_NORMAL, STYLE_OK, STYLE_ERROR };

	if (app->prompting) {
		prompt_draw(app, w);
		return;
	}
	werase(w);
	if (app->message[0] != '\0')
		draw_text(w, 0, 0, cols, app->message, app_attr(app, kinds[app->message_kind]));
	keys_status(app_scopes(app), cols, status, sizeof status);
	draw_text(w, 1, 0, cols, status, app_attr(app, STYLE_DIM));
}

static void
app_redraw(struct app *app, int what)
{
	if (app->too_small) {
		werase(app->body);
		draw_text(app->body, 0, 0, getmaxx(app->body),
		    _("terminal too small (need 80x24)"), A_BOLD);
		wnoutrefresh(app->body);
		curs_set(0);
		doupdate();
		return;
	}
	if (what & REDRAW_TITLE) {
		app_draw_title(app);
		wnoutrefresh(app->title);
	}
	if (what & REDRAW_BODY) {
		if (app->cursor_win == app->body)
			app->cursor_win = NULL;
		werase(app->body);
		if (app_top(app) && app_top(app)->draw)
			app_top(app)->draw(app, app->body);
		wnoutrefresh(app->body);
	}
	if (what & REDRAW_BOTTOM) {
		if (app->cursor_win == app->bottom)
			app->cursor_win = NULL;
		app_draw_bottom(app);
		wnoutrefresh(app->bottom);
	}
	/* a question on the bottom line takes the cursor */
	if (app->cursor_win != NULL && (!app->prompting || app->cursor_win == app->bottom)) {
		curs_set(1);
		wmove(app->cursor_win, app->cursor_y, app->cursor_x);
		wnoutrefresh(app->cursor_win);
	} else
		curs_set(0);
	doupdate();
}

/* While a save or a claim waits for another process's write lock: after a
 * second the bottom line says so, and who holds it; the wait goes on (the
 * form and its answers stay as they are).  The notice is taken away once
 * the wait is over, unless something else was said meanwhile. */
static char app_wait_text[sizeof ((struct app *)0)->message];

static void
app_wait_notice(void *arg, const char *holder, int waited_ms)
{
	struct app *app = arg;

	app_message(app, MSG_INFO, _("Waiting for the database (%d s): %s is writing to it..."),
	    (waited_ms + 500) / 1000, holder[0] ? holder : _("another process"));
	snprintf(app_wait_text, sizeof app_wait_text, "%s", app->message);
	app_redraw(app, REDRAW_BOTTOM);
}

static int
app_wait_over(struct app *app)
{
	if (app_wait_text[0] == '\0')
		return 0;
	if (strcmp(app->message, app_wait_text) == 0)
		app->message[0] = '\0';
	app_wait_text[0] = '\0';
	return REDRAW_BOTTOM;
}

void
app_watch(struct app *app, int n, const long long *aud)
{
	struct app_watch *w;
	long long a[DB_CHANGES_MAX], seq[DB_CHANGES_MAX];
	int same;

	if (app->depth == 0)
		return;
	w = &app->watch[app->depth - 1];
	if (n < 0)
		n = 0;
	if (n > DB_CHANGES_MAX - 1)
		n = DB_CHANGES_MAX - 1;
	same = w->n == n;
	for (int i = 0; same && i < n; i++)
		same = w->aud[i] == aud[i];
	/* app_tick read them just before this reload */
	if (same && w->fresh)
		return;
	w->n = n;
	a[0] = DB_CHANGES_ANY;
	for (int i = 0; i < n; i++)
		a[i + 1] = w->aud[i] = aud[i];
	if (db_changes_seq(app->db, a, n + 1, seq) != 0) {
		w->n = 0;	/* told at every change */
		return;
	}
	app->seen_any = seq[0];
	for (int i = 0; i < n; i++)
		w->seq[i] = seq[i + 1];
}

/* Another process wrote: does it concern the screen on top?  Reads the
 * counters it watches (and that of anything shown) in one statement. */
static int
app_concerned(struct app *app)
{
	struct app_watch *w = app->depth > 0 ? &app->watch[app->depth - 1] : NULL;
	long long a[DB_CHANGES_MAX], seq[DB_CHANGES_MAX];
	int n = w ? w->n : 0, moved;

	if (app->live_all)
		return 1;
	a[0] = DB_CHANGES_ANY;
	for (int i = 0; i < n; i++)
		a[i + 1] = w->aud[i];
	if (db_changes_seq(app->db, a, n + 1, seq) != 0)
		return 1;
	moved = n == 0 && seq[0] != app->seen_any;
	app->seen_any = seq[0];
	for (int i = 0; i < n; i++) {
		moved |= seq[i + 1] != w->seq[i];
		w->seq[i] = seq[i + 1];
	}
	if (w != NULL)
		w->fresh = 1;
	return moved;
}

/* Every half second: has anybody else changed the database?  Once a
 * minute: renew the claim on the open case. */
static int
app_tick(struct app *app, long long *last_poll)
{
	long long now = app_ms();
	const struct screen *s = app_top(app);
	int redraw = 0, v;

	if (now - *last_poll < APP_POLL_MS)
		return 0;
	*last_poll = now;
	if (app->claim_worker != 0 && clock_now() - app->claim_renewed >= APP_RENEW_SECONDS) {
		char holder[96];
		time_t until;
		long long w = app->claim_worker;

		if (app_claim(app, w, holder, sizeof holder, &until) != 0)
			redraw |= app_message(app, MSG_ERROR,
			    _("Could not renew your claim on this worker: %s"), db_error(app->db));
	}
	v = db_data_version(app->db);
	if (v != app->data_version) {
		int concerned;

		app->data_version = v;
		concerned = app_concerned(app);
		if (s && s->poll)
			redraw |= s->poll(app, concerned);
		if (app->depth > 0)
			app->watch[app->depth - 1].fresh = 0;
	} else if (s && s->poll)
		redraw |= s->poll(app, 0);
	return redraw;
}

static int
app_key(struct app *app, wint_t ch, int fkey)
{
	unsigned mask = app_scopes(app);
	enum action a = keys_action(mask, ch, fkey);
	const struct screen *s = app_top(app);
	int redraw = 0;

	app->ch = ch;
	if (app->message[0] != '\0' && a != ACT_NONE) {
		app->message[0] = '\0';
		redraw |= REDRAW_BOTTOM;
	}
	if (a == ACT_NONE)
		return redraw;
	if (app->prompting)
		return redraw | prompt_key(app, a);
	switch (a) {
	case ACT_QUIT:
		app->quit = 1;
		return redraw;
	case ACT_HELP:
		if (s != &help_view_screen)
			return redraw | app_push(app, &help_view_screen, (void *)s);
		break;
	case ACT_REFRESH:
		clearok(curscr, TRUE);
		return REDRAW_ALL | (s && s->poll ? s->poll(app, 1) : 0);
	default:
		break;
	}
	return redraw | (s && s->key ? s->key(app, a) : 0);
}

/* Leave every screen (drafts are kept), release the claims, restore the terminal. */
static void
app_shutdown(struct app *app)
{
	app->exiting = 1;
	app->prompting = 0;
	while (app->depth > 0)
		app_pop(app);
	app_unclaim(app);
	claims_release_all(app->db, app->me->id);
	if (app->title)
		delwin(app->title);
	if (app->body)
		delwin(app->body);
	if (app->bottom)
		delwin(app->bottom);
	app_restore();
	if (app->exit_note[0] != '\0')
		app_say("%s\n", app->exit_note);
}

int
tui_app_run(struct db *db, const struct settings *s, const struct user *me)
{
	struct app app;
	long long last_poll = 0, waited;
	int redraw = REDRAW_ALL, quick_errors = 0, rc;
	wint_t ch;
	char note[512];

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("paicha: the screens need a terminal; for scripts use the "
		    "commands (see 'paicha help')\n"));
		return 1;
	}
	if (keys_init() != 0) {
		fprintf(stderr, "paicha: internal error: bad key table\n");
		return 1;
	}
	memset(&app, 0, sizeof app);
	app.db = db;
	app.settings = s;
	app.me = me;
	db_screen_tune(db);
	app.data_version = db_data_version(db);
	app.live_all = getenv("PAICHA_TEST_LIVE_ALL") != NULL && *getenv("PAICHA_TEST_LIVE_ALL") != '\0';
	{
		long long any = DB_CHANGES_ANY;

		if (db_changes_seq(db, &any, 1, &app.seen_any) != 0)
			app.live_all = 1;
	}
	db_on_wait(db, app_wait_notice, &app);

	app_signals();		/* before initscr: ncurses keeps our handlers */
	atexit(app_restore);
	set_escdelay(100);
	/* ncurses draws ACS lines as Unicode in a UTF-8 locale, not ESC(0 */
	setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	if (app_terminal(note, sizeof note) == NULL) {
		app_say(_("paicha: no terminal description can be found (TERM=%s); "
		    "install ncurses-base and ncurses-term\n"), getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	draw_init();
	if (initscr() == NULL)
		return 1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	keys_define_alternatives();
	wtimeout(stdscr, APP_POLL_MS);
	app_colors(&app);
	app_layout(&app);
	app_push(&app, &queue_view_screen, NULL);
	if (note[0] != '\0')
		app_message(&app, MSG_INFO, "%s", note);
	else if (!draw_locale_chinese())
		/* English: a Chinese message could not be shown either */
		app_message(&app, MSG_ERROR, "%s", "This locale cannot show Chinese ('?'): "
		    "set LANG=zh_CN.UTF-8 (details after q)");

	while (!app.quit && !app_signal) {
		redraw |= app.redraw;
		app.redraw = 0;
		if (redraw)
			app_redraw(&app, redraw);
		redraw = 0;
		waited = app_ms();
		errno = 0;
		rc = wget_wch(stdscr, &ch);
		if (app_signal)
			break;
		if (rc == ERR) {
			/* the terminal is gone when reads fail at once, again and again */
			if (app_ms() - waited < APP_POLL_MS / 10 && errno != EINTR) {
				if (++quick_errors > 50)
					break;
			} else
				quick_errors = 0;
			redraw |= app_tick(&app, &last_poll);
			redraw |= app_wait_over(&app);
			continue;
		}
		quick_errors = 0;
		{
			int fkey = rc == KEY_CODE_YES;
			keys_translate(&ch, &fkey);
			rc = fkey ? KEY_CODE_YES : OK;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			app_layout(&app);
			redraw = REDRAW_ALL;
			continue;
		}
		redraw |= app_key(&app, ch, rc == KEY_CODE_YES);
		redraw |= app_tick(&app, &last_poll);
		redraw |= app_wait_over(&app);
		if (app.depth == 0)
			app.quit = 1;
	}
	rc = app_signal ? 128 + app_signal : 0;
	app_shutdown(&app);
	return rc;
}
