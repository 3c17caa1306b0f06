/* search_view.h -- finding a worker by name, pinyin, phone or ID number. */
#ifndef PAICHA_TUI_SEARCH_VIEW_H
#define PAICHA_TUI_SEARCH_VIEW_H

extern const struct screen search_view_screen;

#endif
