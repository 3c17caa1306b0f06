/* case_view.h -- one worker's case: details, phones, follow-ups, calls. */
#ifndef PAICHA_TUI_CASE_VIEW_H
#define PAICHA_TUI_CASE_VIEW_H

/* enter() takes a pointer to the worker's number (long long). */
extern const struct screen case_view_screen;

#endif
