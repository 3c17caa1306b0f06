/*
 * keys.h -- every action of the screens, the keys that trigger it and its
 * help text, in ONE table (keys.c).  Keys become actions before a screen
 * sees them; the help screen and the status bar are generated from the
 * table and nothing else.
 */
#ifndef PAICHA_TUI_KEYS_H
#define PAICHA_TUI_KEYS_H

#include <stddef.h>
#include <wchar.h>

enum action {
	ACT_NONE,
	ACT_CHAR,		/* a printable character, in app->ch */
	/* everywhere */
	ACT_QUIT,
	ACT_HELP,
	ACT_REFRESH,
	/* lists */
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_FIRST,
	ACT_LAST,
	ACT_OPEN,
	ACT_BACK,
	/* the queue */
	ACT_NEXT_CASE,
	ACT_SEARCH,
	/* the lead's screens (tui/lead_*.c) */
	ACT_LEAD_TEAM,
	ACT_LEAD_REASSIGN,
	ACT_LEAD_COVERAGE,
	ACT_LEAD_ESCALATIONS,
	ACT_LEAD_FLOW,
	ACT_LEAD_REPORT,
	ACT_ESC_CLOSE,
	ACT_ESC_FOLLOWUP,
	ACT_MARK,
	ACT_MARK_ALL,
	ACT_LEAD_MOVE,
	ACT_LEAD_FILTER,
	ACT_LEAD_BALANCE,
	ACT_LEAD_VILLAGE,
	ACT_LEAD_STATE,
	ACT_LEAD_OVERDUE,
	/* the case */
	ACT_CALL,
	ACT_PHONE_ADD,
	ACT_PHONE_EDIT,
	ACT_FOLLOWUP_ADD,
	ACT_FOLLOWUP_MOVE,
	ACT_FOLLOWUP_CLOSE,
	/* the call form */
	ACT_FIELD_NEXT,
	ACT_FIELD_PREV,
	ACT_SAVE,
	ACT_CANCEL,
	ACT_CLEAR,
	ACT_NEXT_PHONE,
	/* line editing */
	ACT_LEFT,
	ACT_RIGHT,
	ACT_BOL,
	ACT_EOL,
	ACT_BACKSPACE,
	ACT_DELETE,
	ACT_KILL,
	ACT_ENTER,
	ACT_COUNT
};

/* Where a key binding applies; a screen says which scopes it listens to. */
enum key_scope {
	SCOPE_GLOBAL = 1 << 0,	/* every screen that is not taking text */
	SCOPE_LIST = 1 << 1,	/* moving in a list */
	SCOPE_QUEUE = 1 << 2,
	SCOPE_CASE = 1 << 3,
	SCOPE_FORM = 1 << 4,	/* the call form */
	SCOPE_EDIT = 1 << 5,	/* a text field: printable keys are text */
	SCOPE_SEARCH = 1 << 6,
	SCOPE_PROMPT = 1 << 7,	/* a question on the bottom line */
	SCOPE_HELP = 1 << 8,
	SCOPE_LEAD = 1 << 9,	/* the lead's screens */
	SCOPE_REASSIGN = 1 << 10,	/* the lead's Reassign screen: marks and filters */
	SCOPE_MOVE = 1 << 11,	/* lead screens where m moves cases: Reassign, Team, a queue */
};

/* One row of the table. */
struct key_binding {
	enum action action;
	unsigned scope;
	const char *name;	/* "queue-next" */
	const char *keys;	/* default keys, space-separated: "Down j" */
	const char *label;	/* gettext_noop: short, for the status bar; NULL = not shown */
	const char *help;	/* gettext_noop: for the help screen */
};

/* Parse the key names of the table; 0, or -1 if the table is broken. */
int keys_init(void);
/* The action for a key from wget_wch (fkey: KEY_CODE_YES) in the scopes
 * of mask.  With SCOPE_EDIT, printable characters are ACT_CHAR first. */
enum action keys_action(unsigned mask, wint_t ch, int fkey);
/* The table, for the help screen. */
const struct key_binding *keys_table(size_t *n);
/* The status bar for mask: "q Quit  ? Help  ..." (translated), at most
 * cols columns, into out. */
void keys_status(unsigned mask, int cols, char *out, size_t outsz);
/* A key name of the table ("Down", "^S", "q") as keys_action() takes it:
 * *fkey 1 for a curses KEY_* code.  0, or -1 for a name it does not know. */
int keys_parse(const char *name, int *fkey, wint_t *code);
/* Teach curses the F1-F4, Home, End, Delete and keypad sequences of
 * PuTTY, Xshell, SecureCRT, MobaXterm and the Linux console that the
 * terminal's description lacks (after initscr and keypad). */
void keys_define_alternatives(void);
/* A key from wget_wch as the table knows it: the keypad's digits and
 * signs in application mode become the characters they show. */
void keys_translate(wint_t *ch, int *fkey);
/* The title of a scope's section on the help screen (translated). */
const char *keys_scope_title(unsigned scope);

#endif
