/* help_view.h -- the help screen, generated from the key table. */
#ifndef PAICHA_TUI_HELP_VIEW_H
#define PAICHA_TUI_HELP_VIEW_H

extern const struct screen help_view_screen;

#endif
