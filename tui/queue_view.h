/* queue_view.h -- the investigator's call queue, the first screen. */
#ifndef PAICHA_TUI_QUEUE_VIEW_H
#define PAICHA_TUI_QUEUE_VIEW_H

extern const struct screen queue_view_screen;

#endif
