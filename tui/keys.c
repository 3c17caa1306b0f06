/*
 * keys.c -- the one table of actions and keys (calcurse's keys.c).
 *
 * Each row names an action, the scope where it applies, its default keys
 * and its help text.  Key names: a single character, "^X" for control
 * keys, or one of the names in key_names[] below.  A key may appear in
 * several scopes; keys_action() looks at the screen's own scopes first and
 * at SCOPE_GLOBAL last, so a screen can give a key its own meaning.
 *
 * Ctrl-S saves the call form: the screens run in raw mode, so the terminal
 * does not take it for flow control (and Ctrl-C is a key, not a signal).
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <wctype.h>

#include "forms/i18n.h"
#include "forms/utf8.h"
#include "tui/keys.h"

static const struct key_binding bindings[] = {
	{ ACT_QUIT, SCOPE_GLOBAL, "quit", "q ^C", N_("Quit"),
	  N_("Quit paicha (your claims are released)") },
	{ ACT_HELP, SCOPE_GLOBAL, "help", "? F1", N_("Help"),
	  N_("Show this help") },
	{ ACT_REFRESH, SCOPE_GLOBAL, "refresh", "^L", NULL,
	  N_("Reload from the database and redraw the screen") },

	{ ACT_LEAD_TEAM, SCOPE_QUEUE | SCOPE_LEAD, "lead-team", "T", N_("Team"),
	  N_("Leads: the team, one row per investigator (Enter: their cases)") },
	{ ACT_LEAD_REASSIGN, SCOPE_QUEUE | SCOPE_LEAD, "lead-reassign", "R", N_("Reassign"),
	  N_("Leads: mark cases and move them to another investigator, or balance") },
	{ ACT_LEAD_COVERAGE, SCOPE_QUEUE | SCOPE_LEAD, "lead-coverage", "C", N_("Coverage"),
	  N_("Leads: each village's counts and the calls of the last 14 days") },
	{ ACT_LEAD_ESCALATIONS, SCOPE_QUEUE | SCOPE_LEAD, "lead-escalations", "E",
	  N_("Escalations"),
	  N_("Leads: unreachable, not urged to a doctor, medical overdue, not called for 3 days") },
	{ ACT_LEAD_FLOW, SCOPE_QUEUE | SCOPE_LEAD, "lead-flow", "F", N_("Flow"),
	  N_("Leads: where group A workers are and their work plans, beside yesterday") },
	{ ACT_LEAD_REPORT, SCOPE_QUEUE | SCOPE_LEAD, "lead-report", "N", N_("Tonight"),
	  N_("Leads: tonight's report (汇总) so far, beside yesterday, its invariants checked") },
	{ ACT_LEFT, SCOPE_LEAD, "lead-left", "Left", NULL,
	  N_("Tonight's report: the villages before") },
	{ ACT_RIGHT, SCOPE_LEAD, "lead-right", "Right", NULL,
	  N_("Tonight's report: the villages after") },
	{ ACT_ESC_CLOSE, SCOPE_LEAD, "escalation-close", "x", NULL,
	  N_("Escalations: close the one under the cursor with a note") },
	{ ACT_ESC_FOLLOWUP, SCOPE_LEAD, "escalation-followup", "f", NULL,
	  N_("Escalations: set a callback for tomorrow 09:00 for the worker under the cursor") },
	{ ACT_OPEN, SCOPE_LEAD, "lead-open", "Enter", NULL,
	  N_("Team: the queue of the investigator under the cursor as they see it, read-only") },
	{ ACT_MARK, SCOPE_REASSIGN, "lead-mark", "Space", N_("Mark"),
	  N_("Reassign: mark or unmark the case under the cursor") },
	{ ACT_MARK_ALL, SCOPE_REASSIGN, "lead-mark-all", "*", N_("All"),
	  N_("Reassign: mark every case shown (again: unmark them)") },
	{ ACT_LEAD_MOVE, SCOPE_MOVE, "lead-move", "m", N_("Move to"),
	  N_("Reassign: move the marked cases to an investigator chosen from a list; Team and "
	     "their queue: reassign the cases of that investigator") },
	{ ACT_LEAD_FILTER, SCOPE_REASSIGN, "lead-filter", "i", N_("Filter"),
	  N_("Reassign: show the cases of one investigator (0: the unassigned)") },
	{ ACT_LEAD_VILLAGE, SCOPE_REASSIGN, "lead-village", "v", N_("Village"),
	  N_("Reassign: show the cases of one village (a part of its name; empty: all)") },
	{ ACT_LEAD_STATE, SCOPE_REASSIGN, "lead-state", "s", N_("State"),
	  N_("Reassign: show the cases in one state (uncalled, unreached, reached, unreachable)") },
	{ ACT_LEAD_OVERDUE, SCOPE_REASSIGN, "lead-overdue", "o", N_("Overdue"),
	  N_("Reassign: show only the cases with an overdue follow-up (again: all)") },
	{ ACT_LEAD_BALANCE, SCOPE_REASSIGN, "lead-balance", "b", N_("Balance"),
	  N_("Reassign: spread the cases shown evenly over the active investigators") },
	{ ACT_BACK, SCOPE_LEAD, "lead-back", "Esc q", N_("Back"),
	  N_("Back to the screen before") },

	{ ACT_UP, SCOPE_LIST, "up", "Up k", NULL, N_("Move up") },
	{ ACT_DOWN, SCOPE_LIST, "down", "Down j", NULL, N_("Move down") },
	{ ACT_PGUP, SCOPE_LIST, "page-up", "PgUp ^B", NULL, N_("One page up") },
	{ ACT_PGDN, SCOPE_LIST, "page-down", "PgDn ^F Space", NULL, N_("One page down") },
	{ ACT_FIRST, SCOPE_LIST, "first", "Home g", NULL, N_("Go to the first line") },
	{ ACT_LAST, SCOPE_LIST, "last", "End G", NULL, N_("Go to the last line") },

	{ ACT_OPEN, SCOPE_QUEUE, "queue-open", "Enter", N_("Open"),
	  N_("Open the case under the cursor") },
	{ ACT_NEXT_CASE, SCOPE_QUEUE, "queue-next", "n", N_("Next"),
	  N_("Open the next case to call (first free case that is due)") },
	{ ACT_SEARCH, SCOPE_QUEUE, "queue-search", "/", N_("Search"),
	  N_("Search workers by name, pinyin, phone or ID number") },

	{ ACT_CALL, SCOPE_CASE, "case-call", "c Enter", N_("Call"),
	  N_("Fill in the call form for this worker") },
	{ ACT_PHONE_ADD, SCOPE_CASE, "phone-add", "a", N_("Add phone"),
	  N_("Add a phone number to this worker") },
	{ ACT_PHONE_EDIT, SCOPE_CASE, "phone-edit", "e", N_("Edit phone"),
	  N_("Correct the phone under the cursor (the old one is kept as removed)") },
	{ ACT_FOLLOWUP_ADD, SCOPE_CASE, "followup-add", "f", N_("Follow-up"),
	  N_("Add a follow-up for this worker") },
	{ ACT_FOLLOWUP_MOVE, SCOPE_CASE, "followup-move", "m", N_("Move"),
	  N_("Move the follow-up under the cursor to another time") },
	{ ACT_FOLLOWUP_CLOSE, SCOPE_CASE, "followup-close", "x", N_("Close"),
	  N_("Close the follow-up under the cursor (done or cancelled)") },
	{ ACT_BACK, SCOPE_CASE, "case-back", "Esc q Left", N_("Back"),
	  N_("Back to the queue (releases the case)") },

	{ ACT_FIELD_NEXT, SCOPE_FORM, "field-next", "Tab Down Enter", N_("Next"),
	  N_("Next question") },
	{ ACT_FIELD_PREV, SCOPE_FORM, "field-prev", "S-Tab Up", NULL,
	  N_("Previous question") },
	{ ACT_SAVE, SCOPE_FORM, "form-save", "F2 ^S", N_("Save"),
	  N_("Check the whole form and save the call") },
	{ ACT_CANCEL, SCOPE_FORM, "form-cancel", "Esc", N_("Discard"),
	  N_("Discard this call (asks first)") },
	{ ACT_CLEAR, SCOPE_FORM, "form-clear", "^K", NULL,
	  N_("Clear the answer to this question") },
	{ ACT_NEXT_PHONE, SCOPE_FORM, "form-next-phone", "F3 ^N", N_("Number"),
	  N_("Dial the worker's next number (the call is recorded against it)") },
	{ ACT_HELP, SCOPE_FORM, "form-help", "F1", N_("Help"),
	  N_("Show this help (choices: press the letter shown; '-' = none)") },

	{ ACT_OPEN, SCOPE_SEARCH, "search-open", "Enter", N_("Open"),
	  N_("Open the worker under the cursor") },
	{ ACT_UP, SCOPE_SEARCH, "search-up", "Up", NULL, N_("Previous hit") },
	{ ACT_DOWN, SCOPE_SEARCH, "search-down", "Down", NULL, N_("Next hit") },
	{ ACT_BACK, SCOPE_SEARCH, "search-back", "Esc", N_("Back"),
	  N_("Back to the queue") },

	{ ACT_ENTER, SCOPE_PROMPT, "prompt-enter", "Enter", N_("OK"),
	  N_("Accept the answer") },
	{ ACT_CANCEL, SCOPE_PROMPT, "prompt-cancel", "Esc", N_("Cancel"),
	  N_("Cancel the question") },

	{ ACT_BACK, SCOPE_HELP, "help-back", "q Esc ? F1", N_("Back"),
	  N_("Leave the help") },

	{ ACT_LEFT, SCOPE_EDIT, "edit-left", "Left ^B", NULL, N_("Cursor left") },
	{ ACT_RIGHT, SCOPE_EDIT, "edit-right", "Right ^F", NULL, N_("Cursor right") },
	{ ACT_BOL, SCOPE_EDIT, "edit-home", "Home ^A", NULL, N_("Start of the line") },
	{ ACT_EOL, SCOPE_EDIT, "edit-end", "End ^E", NULL, N_("End of the line") },
	{ ACT_BACKSPACE, SCOPE_EDIT, "edit-backspace", "Bksp ^H", NULL,
	  N_("Delete the character before the cursor") },
	{ ACT_DELETE, SCOPE_EDIT, "edit-delete", "Del ^D", NULL,
	  N_("Delete the character under the cursor") },
	{ ACT_KILL, SCOPE_EDIT, "edit-kill", "^U", NULL, N_("Delete the whole line") },
};

#define NBINDINGS (sizeof bindings / sizeof bindings[0])
#define MAXKEYS 6

/* Named keys: name, curses code (fkey) or character. */
static const struct {
	const char *name;
	int fkey;
	wint_t code;
} key_names[] = {
	{ "Up", 1, KEY_UP }, { "Down", 1, KEY_DOWN },
	{ "Left", 1, KEY_LEFT }, { "Right", 1, KEY_RIGHT },
	{ "PgUp", 1, KEY_PPAGE }, { "PgDn", 1, KEY_NPAGE },
	{ "Home", 1, KEY_HOME }, { "End", 1, KEY_END },
	{ "S-Tab", 1, KEY_BTAB }, { "Del", 1, KEY_DC },
	{ "Bksp", 1, KEY_BACKSPACE }, { "F1", 1, KEY_F(1) }, { "F2", 1, KEY_F(2) },
	{ "F3", 1, KEY_F(3) },
	{ "Enter", 0, '\r' }, { "Tab", 0, '\t' }, { "Esc", 0, 27 },
	{ "Space", 0, ' ' },
};

struct parsed_key {
	int fkey;
	wint_t code;
};

static struct parsed_key parsed[NBINDINGS][MAXKEYS];
static int nparsed[NBINDINGS];

/* One key name into a code; -1 if unknown. */
static int
keys_parse_one(const char *name, struct parsed_key *out)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++) {
		if (strcmp(name, key_names[i].name) == 0) {
			out->fkey = key_names[i].fkey;
			out->code = key_names[i].code;
			return 0;
		}
	}
	if (name[0] == '^' && name[1] >= '@' && name[1] <= '_' && name[2] == '\0') {
		out->fkey = 0;
		out->code = (wint_t)(name[1] - '@');
		return 0;
	}
	if (name[0] != '\0' && name[1] == '\0') {
		out->fkey = 0;
		out->code = (unsigned char)name[0];
		return 0;
	}
	return -1;
}

int
keys_init(void)
{
	for (size_t i = 0; i < NBINDINGS; i++) {
		char buf[64], *tok, *save = NULL;

		snprintf(buf, sizeof buf, "%s", bindings[i].keys);
		nparsed[i] = 0;
		for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
			if (nparsed[i] == MAXKEYS || keys_parse_one(tok, &parsed[i][nparsed[i]]) != 0)
				return -1;
			nparsed[i]++;
		}
	}
	return 0;
}

/* Terminals send Enter as CR, LF or KEY_ENTER, and Backspace as DEL, ^H or
 * KEY_BACKSPACE: fold them to the names of the table. */
static void
keys_fold(wint_t *ch, int *fkey)
{
	if (*fkey && *ch == KEY_ENTER) {
		*fkey = 0;
		*ch = '\r';
	} else if (!*fkey && *ch == '\n')
		*ch = '\r';
	else if (!*fkey && (*ch == 127 || *ch == 8)) {
		*fkey = 1;
		*ch = KEY_BACKSPACE;
	}
}

/* The row that binds a key in mask (own scopes before SCOPE_GLOBAL), or
 * NBINDINGS. */
static size_t
keys_index(unsigned mask, wint_t ch, int fkey)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NBINDINGS; i++) {
			unsigned sc = bindings[i].scope;

			if (!(sc & mask) || (pass == 0) != (sc != SCOPE_GLOBAL))
				continue;
			for (int k = 0; k < nparsed[i]; k++)
				if (parsed[i][k].fkey == fkey && parsed[i][k].code == ch)
					return i;
		}
	}
	return NBINDINGS;
}

static enum action
keys_find(unsigned mask, wint_t ch, int fkey)
{
	size_t i = keys_index(mask, ch, fkey);

	return i < NBINDINGS ? bindings[i].action : ACT_NONE;
}

enum action
keys_action(unsigned mask, wint_t ch, int fkey)
{
	keys_fold(&ch, &fkey);
	if ((mask & SCOPE_EDIT) && !fkey && ch >= ' ' && ch != 127 && iswprint(ch))
		return ACT_CHAR;
	enum action a = keys_find(mask, ch, fkey);
	if (a == ACT_NONE && !fkey && ch >= ' ' && ch != 127 && iswprint(ch))
		return ACT_CHAR;
	return a;
}

const struct key_binding *
keys_table(size_t *n)
{
	*n = NBINDINGS;
	return bindings;
}

/* The name of the k-th key of binding i into buf. */
static void
keys_name_at(size_t i, int k, char *buf, size_t bufsz)
{
	const char *p = bindings[i].keys;

	for (; k > 0 && *p; k--) {
		p += strcspn(p, " ");
		p += strspn(p, " ");
	}
	snprintf(buf, bufsz, "%.*s", (int)strcspn(p, " "), p);
}

void
keys_status(unsigned mask, int cols, char *out, size_t outsz)
{
	size_t len = 0;
	int used = 0;

	out[0] = '\0';
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < NBINDINGS; i++) {
			const struct key_binding *b = &bindings[i];
			char item[128], key[16];
			int w, k;

			if (b->label == NULL || !(b->scope & mask) ||
			    (pass == 0) != (b->scope != SCOPE_GLOBAL))
				continue;
			/* show the first key that really does this here */
			for (k = 0; k < nparsed[i]; k++)
				if (keys_action(mask, parsed[i][k].code, parsed[i][k].fkey) == b->action &&
				    keys_index(mask, parsed[i][k].code, parsed[i][k].fkey) == i)
					break;
			if (k == nparsed[i])
				continue;
			keys_name_at(i, k, key, sizeof key);
			snprintf(item, sizeof item, "%s%s %s", len ? "  " : "", key, _(b->label));
			w = utf8_width(item);
			if (used + w > cols || len + strlen(item) + 1 > outsz)
				return;
			memcpy(out + len, item, strlen(item) + 1);
			len += strlen(item);
			used += w;
		}
	}
}

const char *
keys_scope_title(unsigned scope)
{
	switch (scope) {
	case SCOPE_GLOBAL: return _("Everywhere");
	case SCOPE_LIST: return _("Lists");
	case SCOPE_QUEUE: return _("Call queue");
	case SCOPE_CASE: return _("Case");
	case SCOPE_FORM: return _("Call form");
	case SCOPE_EDIT: return _("Typing text");
	case SCOPE_SEARCH: return _("Search");
	case SCOPE_PROMPT: return _("Questions");
	case SCOPE_HELP: return _("Help");
	case SCOPE_LEAD: return _("Team leads");
	case SCOPE_REASSIGN: return _("Reassign");
	case SCOPE_MOVE: return _("Moving cases");
	}
	return "";
}

int
keys_parse(const char *name, int *fkey, wint_t *code)
{
	struct parsed_key k;

	if (keys_parse_one(name, &k) != 0)
		return -1;
	*fkey = k.fkey;
	*code = k.code;
	return 0;
}

/*
 * The sequences terminals send whatever TERM says.  PuTTY's default
 * ("ESC[n~") sends ESC[11~..ESC[14~ for F1-F4 and ESC[1~ / ESC[4~ for Home
 * and End, which xterm's description does not define; its "Linux" mode,
 * like the Linux console, ESC[[A..ESC[[E; Xshell, SecureCRT and MobaXterm
 * send xterm's or VT220's (ESC OP.., ESC[H, ESC[F, ESC OH, ESC OF); rxvt
 * ESC[7~ / ESC[8~.  The numeric keypad in application mode (the smkx of
 * xterm's description turns it on) sends ESC O p..y for the digits: they
 * are typed as digits.  The others are added only where the terminal's
 * description does not define them already.
 */
#define KEYS_KEYPAD_BASE (KEY_MAX + 1)
static const char keys_keypad_chars[] = "0123456789.+-*/+\r";
static const char *const keys_keypad_seqs[] = {
	"\033Op", "\033Oq", "\033Or", "\033Os", "\033Ot", "\033Ou", "\033Ov", "\033Ow",
	"\033Ox", "\033Oy", "\033On", "\033Ok", "\033Om", "\033Oj", "\033Oo", "\033Ol",
	"\033OM",
};
static const struct {
	const char *seq;
	int code;
} keys_alternatives[] = {
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) },
	{ "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) },
	{ "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) },
	{ "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) }, { "\033[[E", KEY_F(5) },
	{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
	{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
	{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
	{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	{ "\033[3~", KEY_DC }, { "\033[2~", KEY_IC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[Z", KEY_BTAB },
};

void
keys_define_alternatives(void)
{
	for (size_t i = 0; i < sizeof keys_alternatives / sizeof keys_alternatives[0]; i++)
		if (key_defined(keys_alternatives[i].seq) == 0)
			define_key(keys_alternatives[i].seq, keys_alternatives[i].code);
	/* xterm's description names the keypad's keys (kp5, kpADD ...) with
	 * codes no screen knows: they are the characters they show */
	for (size_t i = 0; i < sizeof keys_keypad_seqs / sizeof keys_keypad_seqs[0]; i++)
		define_key(keys_keypad_seqs[i], KEYS_KEYPAD_BASE + (int)i);
}

void
keys_translate(wint_t *ch, int *fkey)
{
	if (*fkey && *ch >= KEYS_KEYPAD_BASE &&
	    *ch < KEYS_KEYPAD_BASE + sizeof keys_keypad_seqs / sizeof keys_keypad_seqs[0]) {
		*ch = (wint_t)(unsigned char)keys_keypad_chars[*ch - KEYS_KEYPAD_BASE];
		*fkey = 0;
	}
}
