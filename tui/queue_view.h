/* queue_view.h -- the investigator's call queue, the first screen. */
#ifndef PAICHA_TUI_QUEUE_VIEW_H
#define PAICHA_TUI_QUEUE_VIEW_H

#include "db/casestate.h"

extern const struct screen queue_view_screen;

/* A case's contact state for people, short (translated). */
const char *queue_view_state_label(enum contact_state);

#endif
