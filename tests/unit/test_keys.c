/* Unit tests for tui/keys.c: the one table of actions, keys and help. */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <curses.h>

#include "tui/keys.h"

static const unsigned scopes[] = {
	SCOPE_GLOBAL, SCOPE_LIST, SCOPE_QUEUE, SCOPE_CASE, SCOPE_FORM, SCOPE_EDIT,
	SCOPE_SEARCH, SCOPE_PROMPT, SCOPE_HELP,
};

/* Call f(binding, key name, fkey, code, arg) for every key of the table. */
static void
each_key(void (*f)(const struct key_binding *, const char *, int, wint_t, void *), void *arg)
{
	size_t n;
	const struct key_binding *t = keys_table(&n);

	for (size_t i = 0; i < n; i++) {
		char buf[64], *tok, *save = NULL;

		snprintf(buf, sizeof buf, "%s", t[i].keys);
		for (tok = strtok_r(buf, " ", &save); tok != NULL; tok = strtok_r(NULL, " ", &save)) {
			int fkey;
			wint_t code;

			if (keys_parse(tok, &fkey, &code) != 0)
				fail_msg("%s: unknown key name '%s'", t[i].name, tok);
			f(&t[i], tok, fkey, code, arg);
		}
	}
}

static void
the_table_parses(void **state)
{
	(void)state;
	assert_int_equal(keys_init(), 0);
}

struct seen {
	unsigned scope;
	size_t n;
	struct { const char *binding; char key[16]; int fkey; wint_t code; } k[64];
};

static void
remember(const struct key_binding *b, const char *name, int fkey, wint_t code, void *arg)
{
	struct seen *s = arg;

	if (b->scope != s->scope)
		return;
	for (size_t i = 0; i < s->n; i++)
		if (s->k[i].fkey == fkey && s->k[i].code == code)
			fail_msg("scope %#x: key %s is bound to %s and again (as %s) to %s", s->scope,
			    s->k[i].key, s->k[i].binding, name, b->name);
	assert_true(s->n < sizeof s->k / sizeof s->k[0]);
	s->k[s->n].binding = b->name;
	snprintf(s->k[s->n].key, sizeof s->k[s->n].key, "%s", name);
	s->k[s->n].fkey = fkey;
	s->k[s->n].code = code;
	s->n++;
}

static void
no_key_is_bound_twice_within_one_scope(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof scopes / sizeof scopes[0]; i++) {
		struct seen s = { .scope = scopes[i] };

		each_key(remember, &s);
	}
}

/* Within its own scope, each key of a binding gives that binding's action
 * (the editing keys, where printable keys are text, excepted for letters). */
static void
gives_its_action(const struct key_binding *b, const char *name, int fkey, wint_t code,
    void *arg)
{
	enum action a = keys_action(b->scope, code, fkey);

	(void)arg;
	if (a != b->action)
		fail_msg("%s: key %s in its own scope gives action %d, not %d", b->name, name,
		    (int)a, (int)b->action);
}

static void
each_key_does_what_its_row_says_in_its_own_scope(void **state)
{
	(void)state;
	assert_int_equal(keys_init(), 0);
	each_key(gives_its_action, NULL);
}

static void
every_action_has_help_text(void **state)
{
	size_t n;
	const struct key_binding *t = keys_table(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		if (t[i].help == NULL || t[i].help[0] == '\0')
			fail_msg("%s has no help text", t[i].name);
		if (t[i].name == NULL || t[i].keys == NULL || t[i].keys[0] == '\0')
			fail_msg("row %zu has no name or no keys", i);
	}
	/* every action a screen can receive is in the table (so the help
	 * screen shows it), ACT_NONE and ACT_CHAR (typed text) aside */
	for (int a = ACT_CHAR + 1; a < ACT_COUNT; a++) {
		size_t i;

		for (i = 0; i < n && (int)t[i].action != a; i++)
			;
		if (i == n)
			fail_msg("action %d has no row, so no key and no help", a);
	}
}

static void
terminals_variants_of_enter_and_backspace_are_folded(void **state)
{
	(void)state;
	assert_int_equal(keys_init(), 0);
	assert_int_equal(keys_action(SCOPE_PROMPT, '\n', 0), ACT_ENTER);
	assert_int_equal(keys_action(SCOPE_PROMPT, KEY_ENTER, 1), ACT_ENTER);
	assert_int_equal(keys_action(SCOPE_EDIT, 127, 0), ACT_BACKSPACE);
	assert_int_equal(keys_action(SCOPE_EDIT, 8, 0), ACT_BACKSPACE);
	/* in a text field a letter is text, outside it the screen's key */
	assert_int_equal(keys_action(SCOPE_EDIT | SCOPE_GLOBAL, 'q', 0), ACT_CHAR);
	assert_int_equal(keys_action(SCOPE_GLOBAL | SCOPE_QUEUE, 'q', 0), ACT_QUIT);
	/* a screen's own meaning wins over the global one */
	assert_int_equal(keys_action(SCOPE_GLOBAL | SCOPE_CASE, 'q', 0), ACT_BACK);
	assert_int_equal(keys_parse("NoSuchKey", &(int){ 0 }, &(wint_t){ 0 }), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_table_parses),
		cmocka_unit_test(no_key_is_bound_twice_within_one_scope),
		cmocka_unit_test(each_key_does_what_its_row_says_in_its_own_scope),
		cmocka_unit_test(every_action_has_help_text),
		cmocka_unit_test(terminals_variants_of_enter_and_backspace_are_folded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
