/*
 * app.c -- the screens' main loop.  For now a bare screen that greets the
 * user; the queue, case and call screens come with the investigator issue.
 */
#include "config.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "db/settings.h"
#include "db/users.h"
#include "forms/i18n.h"
#include "tui/app.h"

int
tui_app_run(struct db *db, const struct settings *s, const struct user *me)
{
	wint_t ch;

	(void)db;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, _("paicha: the screens need a terminal; for scripts use the "
		    "commands (see 'paicha help')\n"));
		return 1;
	}
	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	mvprintw(0, 0, "paicha  %s  %s", s->township, me->name);
	mvprintw(2, 0, "%s", _("Press q to quit."));
	refresh();
	while (get_wch(&ch) != ERR && ch != 'q')
		;
	endwin();
	return 0;
}
