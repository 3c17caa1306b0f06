/* callform_view.h -- the call form, generated from forms/callform's table. */
#ifndef PAICHA_TUI_CALLFORM_VIEW_H
#define PAICHA_TUI_CALLFORM_VIEW_H

#include <stddef.h>

struct field_def;

/* enter() takes a pointer to the worker's number (long long). */
extern const struct screen callform_view_screen;


#endif
