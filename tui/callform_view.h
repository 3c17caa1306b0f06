/* callform_view.h -- the call form, generated from forms/callform's table. */
#ifndef PAICHA_TUI_CALLFORM_VIEW_H
#define PAICHA_TUI_CALLFORM_VIEW_H

#include <stddef.h>

struct field_def;

/* enter() takes a pointer to the worker's number (long long). */
extern const struct screen callform_view_screen;

/* The phone (phones.id) the next call form opened dials first; 0 = the one
 * to dial next.  Taken and forgotten by enter(). */
void callform_view_dial(long long phone_id);


#endif
