/* app.h -- the investigator's screens: the entry point. */
#ifndef PAICHA_TUI_APP_H
#define PAICHA_TUI_APP_H

struct db;
struct settings;
struct user;

/* Run the screens for user until they quit; returns an exit status. */
int tui_app_run(struct db *, const struct settings *, const struct user *);

#endif
