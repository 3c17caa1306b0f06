/* test_drafts.c -- call forms saved while they are being filled. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "db/drafts.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "tests/unit/seed.h"
#include "tests/unit/testdb.h"

static int
setup(void **state)
{
	struct testdb *t = testdb_new();

	seed_user(t->db, "zhang", "张伟", ROLE_INVESTIGATOR);
	seed_user(t->db, "wang", "王芳", ROLE_INVESTIGATOR);
	seed_worker(t->db, 1, "张军", "西湖村", "430121199001010011", NULL, NULL, 1);
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	testdb_free(*state);
	return 0;
}

static void
a_saved_draft_loads_back_with_every_value_and_its_order(void **state)
{
	struct testdb *t = *state;
	struct answers *a = answers_new(), *b;

	answers_set(a, "whereabouts", "home");
	answers_set(a, "note", "line one\nline two\r\nback\\slash n=1 \\n");
	answers_set(a, "symptoms", "");
	answers_set(a, "place", "武汉市=江岸区");
	assert_int_equal(drafts_save(t->db, 1, 1, a), 0);
	assert_int_equal(drafts_load(t->db, 1, 1, &b), 0);
	assert_int_equal(answers_count(b), 4);
	assert_string_equal(answers_key_at(b, 0), "whereabouts");
	assert_string_equal(answers_get(b, "note"), "line one\nline two\r\nback\\slash n=1 \\n");
	assert_string_equal(answers_get(b, "symptoms"), "");
	assert_string_equal(answers_get(b, "place"), "武汉市=江岸区");
	assert_string_equal(answers_key_at(b, 3), "place");
	answers_free(a);
	answers_free(b);
}

static void
saving_again_replaces_the_draft_and_drafts_are_per_user(void **state)
{
	struct testdb *t = *state;
	struct answers *a = answers_new(), *b;

	answers_set(a, "whereabouts", "home");
	assert_int_equal(drafts_save(t->db, 1, 1, a), 0);
	answers_set(a, "whereabouts", "hubei");
	answers_set(a, "hubei_city", "武汉市");
	assert_int_equal(drafts_save(t->db, 1, 1, a), 0);
	assert_int_equal(drafts_load(t->db, 1, 1, &b), 0);
	assert_string_equal(answers_get(b, "whereabouts"), "hubei");
	assert_int_equal(answers_count(b), 2);
	answers_free(b);
	assert_int_equal(drafts_load(t->db, 1, 2, &b), DB_NOTFOUND);
	assert_null(b);
	answers_free(a);
}

static void
a_deleted_draft_is_not_found(void **state)
{
	struct testdb *t = *state;
	struct answers *a = answers_new(), *b;

	answers_set(a, "whereabouts", "home");
	assert_int_equal(drafts_save(t->db, 1, 1, a), 0);
	assert_int_equal(drafts_delete(t->db, 1, 1), 0);
	assert_int_equal(drafts_load(t->db, 1, 1, &b), DB_NOTFOUND);
	assert_int_equal(drafts_delete(t->db, 1, 1), 0);
	answers_free(a);
}

static void
an_empty_draft_is_kept_and_a_key_that_cannot_be_stored_is_refused(void **state)
{
	struct testdb *t = *state;
	struct answers *a = answers_new(), *b;

	assert_int_equal(drafts_save(t->db, 1, 1, a), 0);
	assert_int_equal(drafts_load(t->db, 1, 1, &b), 0);
	assert_int_equal(answers_count(b), 0);
	answers_free(b);
	answers_set(a, "bad=key", "x");
	assert_int_equal(drafts_save(t->db, 1, 1, a), DB_INVALID);
	answers_free(a);
}

static void
a_damaged_escape_is_refused_when_decoding(void **state)
{
	(void)state;
	assert_null(drafts_decode("note=a\\qb\n"));
	assert_null(drafts_decode("no equals sign\n"));
}

/* db/roles.h: a draft is the case's investigator's (or a lead's); and a
 * phone of another investigator's worker is not hers to remove. */
static void
a_draft_or_phone_edit_on_another_investigators_case_is_refused(void **state)
{
	struct testdb *t = *state;
	struct answers *a = answers_new(), *b;
	long long lead = seed_user(t->db, "zhao", "赵组长", ROLE_LEAD);

	answers_set(a, "whereabouts", "home");
	assert_int_equal(drafts_save(t->db, 1, 2, a), DB_DENIED);
	assert_non_null(strstr(db_error(t->db), "张伟 (zhang)"));
	assert_int_equal(drafts_load(t->db, 1, 2, &b), DB_NOTFOUND);
	assert_int_equal(drafts_save(t->db, 1, lead, a), 0);
	assert_int_equal(db_begin_write(t->db), 0);
	assert_int_equal(workers_remove_phone(t->db, 1, 1, 2), DB_DENIED);
	db_rollback(t->db);
	answers_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_saved_draft_loads_back_with_every_value_and_its_order, setup, teardown),
		cmocka_unit_test_setup_teardown(saving_again_replaces_the_draft_and_drafts_are_per_user, setup, teardown),
		cmocka_unit_test_setup_teardown(a_deleted_draft_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(an_empty_draft_is_kept_and_a_key_that_cannot_be_stored_is_refused, setup, teardown),
		cmocka_unit_test(a_damaged_escape_is_refused_when_decoding),
		cmocka_unit_test_setup_teardown(a_draft_or_phone_edit_on_another_investigators_case_is_refused, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
