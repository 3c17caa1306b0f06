/*
 * prompt.h -- a question on the bottom line: a one-key choice ("Discard
 * this call? y/n") or a line of text with a live check under it ("valid
 * mobile, 湖南省长沙市" / why not).  While it is open it takes the keys;
 * when answered it calls done(), which may ask the next question.
 */
#ifndef PAICHA_TUI_PROMPT_H
#define PAICHA_TUI_PROMPT_H

#include <curses.h>
#include <stddef.h>

#include "tui/editline.h"
#include "tui/keys.h"

struct app;

enum prompt_kind { PROMPT_CHOICE, PROMPT_LINE };

/* Called once with accepted = 0 (Esc) or 1; key is the choice's key
 * (PROMPT_CHOICE), text the line (PROMPT_LINE).  Returns REDRAW_* flags. */
typedef int (*prompt_done_fn)(struct app *, int accepted, char key, const char *text,
    void *ctx);
/* Live check of the line: 1 acceptable, 0 not; msg says why (or what). */
typedef int (*prompt_check_fn)(struct app *, const char *text, void *ctx, char *msg,
    size_t msgsz);

struct prompt {
	enum prompt_kind kind;
	char question[256];
	char keys[32];		/* PROMPT_CHOICE: the keys that answer */
	struct editline line;
	prompt_check_fn check;
	prompt_done_fn done;
	void *ctx;
	char check_msg[256];
	int check_ok;
};

/* Ask a one-key question; keys lists the accepted keys ("yn"). */
int prompt_choice(struct app *, const char *question, const char *keys,
    prompt_done_fn, void *ctx);
/* Ask for a line of text, starting with initial; check may be NULL. */
int prompt_line(struct app *, const char *question, const char *initial,
    size_t max_chars, prompt_check_fn, prompt_done_fn, void *ctx);
/* Handle a key while the prompt is open; returns REDRAW_* flags. */
int prompt_key(struct app *, enum action);
/* Paint the prompt on the two lines of w. */
void prompt_draw(struct app *, WINDOW *);

#endif
