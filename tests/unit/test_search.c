/* test_search.c -- finding workers by name, pinyin, phone or ID number. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/search.h"
#include "tests/unit/seed.h"
#include "tests/unit/testdb.h"

static int
setup(void **state)
{
	struct testdb *t = testdb_new();
	struct db *db = t->db;

	seed_user(db, "zhang", "张伟", ROLE_INVESTIGATOR);
	seed_worker(db, 1, "张军", "西湖村", "430121199001011234", "13574895655", "+8613574895655", 1);
	seed_worker(db, 2, "李明", "东山村", "430121198502020021", "0731-84900135", "+8673184900135", 1);
	seed_worker(db, 3, "曾国", "西湖村", "42010219800303123X", "13900001111", "+8613900001111", 1);
	seed_worker(db, 4, "单丽", "西湖村", "430121199204040048", NULL, NULL, 1);
	seed_worker(db, 5, "张建国", "东山村", "430121197705050057", "15800002222", "+8615800002222", 1);
	seed_worker(db, 6, "王小军", "东山村", "430121199906060066", "15800003333", "+8615800003333", 1);
	/* 6's old number, removed: no longer finds him. */
	seed_exec(db, "INSERT INTO phones(worker_id, rank, typed, e164, kind, display, created_at, "
	    "removed_at) VALUES(6, 1, '13311112222', '+8613311112222', 'mobile', '13311112222', 0, 5)");
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	testdb_free(*state);
	return 0;
}

/* The worker numbers text finds, as "1 5 ". */
static const char *
found(struct testdb *t, const char *text, size_t limit, enum search_match *first)
{
	static char out[128];
	struct search_hit *h;
	size_t n;

	assert_int_equal(search_workers(t->db, text, limit, &h, &n), 0);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%lld ", h[i].worker_id);
	if (first != NULL && n > 0)
		*first = h[0].matched;
	free(h);
	return out;
}

static void
a_phone_number_is_found_in_any_typed_form(void **state)
{
	struct testdb *t = *state;
	enum search_match m = SEARCH_NAME;

	assert_string_equal(found(t, "13574895655", 0, &m), "1 ");
	assert_int_equal(m, SEARCH_PHONE);
	assert_string_equal(found(t, "１３５７４８９５６５", 0, NULL), "1 ");
	assert_string_equal(found(t, "135 7489 5655", 0, NULL), "1 ");
	assert_string_equal(found(t, "+86 135-7489-5655", 0, NULL), "1 ");
	assert_string_equal(found(t, "0086 13574895655", 0, NULL), "1 ");
	assert_string_equal(found(t, "0731-84900135", 0, NULL), "2 ");
	assert_string_equal(found(t, "(0731)84900135", 0, NULL), "2 ");
	assert_string_equal(found(t, "０７３１－８４９００１３５", 0, NULL), "2 ");
	assert_string_equal(found(t, "84900135", 0, NULL), "2 ");
}

static void
part_of_a_phone_number_needs_four_digits(void **state)
{
	struct testdb *t = *state;

	assert_string_equal(found(t, "4895", 0, NULL), "1 ");
	assert_string_equal(found(t, "58000", 0, NULL), "5 6 ");
	assert_string_equal(found(t, "489", 0, NULL), "");
	assert_string_equal(found(t, "13311112222", 0, NULL), "");	/* removed */
}

static void
a_phone_hit_shows_the_number_that_matched(void **state)
{
	struct testdb *t = *state;
	struct search_hit *h;
	size_t n;

	assert_int_equal(search_workers(t->db, "84900135", 0, &h, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(h[0].phone, "0731-84900135");
	assert_string_equal(h[0].name, "李明");
	assert_string_equal(h[0].village, "东山村");
	assert_string_equal(h[0].id_number, "430121198502020021");
	free(h);
}

static void
an_id_number_is_found_whole_or_by_its_end(void **state)
{
	struct testdb *t = *state;
	enum search_match m = SEARCH_NAME;

	assert_string_equal(found(t, "42010219800303123X", 0, &m), "3 ");
	assert_int_equal(m, SEARCH_IDNUM);
	assert_string_equal(found(t, "42010219800303123x", 0, NULL), "3 ");
	assert_string_equal(found(t, "123x", 0, &m), "3 ");
	assert_int_equal(m, SEARCH_IDNUM);
	assert_string_equal(found(t, "0303123X", 0, NULL), "3 ");
	assert_string_equal(found(t, "1234", 0, &m), "1 ");
	assert_int_equal(m, SEARCH_IDNUM);
	assert_string_equal(found(t, "23x", 0, NULL), "");
	assert_string_equal(found(t, "x123", 0, NULL), "");
}

static void
a_name_is_found_by_any_part_of_it(void **state)
{
	struct testdb *t = *state;
	enum search_match m = SEARCH_PHONE;

	assert_string_equal(found(t, "军", 0, &m), "1 6 ");
	assert_int_equal(m, SEARCH_NAME);
	assert_string_equal(found(t, " 张建国 ", 0, NULL), "5 ");
	assert_string_equal(found(t, "赵", 0, NULL), "");
}

static void
pinyin_finds_names_by_initials_full_and_every_reading(void **state)
{
	struct testdb *t = *state;
	enum search_match m = SEARCH_PHONE;

	assert_string_equal(found(t, "zj", 0, &m), "1 5 ");
	assert_int_equal(m, SEARCH_PINYIN);
	assert_string_equal(found(t, "zhangjun", 0, NULL), "1 ");
	assert_string_equal(found(t, "zhang jun", 0, NULL), "1 ");
	assert_string_equal(found(t, "zhangj", 0, NULL), "1 5 ");
	assert_string_equal(found(t, "zeng", 0, NULL), "3 ");
	assert_string_equal(found(t, "ceng", 0, NULL), "3 ");
	assert_string_equal(found(t, "shanli", 0, NULL), "4 ");
	assert_string_equal(found(t, "dl", 0, NULL), "4 ");
	assert_string_equal(found(t, "wxj", 0, NULL), "6 ");
	assert_string_equal(found(t, "xj", 0, NULL), "");
	assert_string_equal(found(t, "qq", 0, NULL), "");
}

static void
limit_cuts_the_hits_and_empty_text_finds_nothing(void **state)
{
	struct testdb *t = *state;

	assert_string_equal(found(t, "zj", 1, NULL), "1 ");
	assert_string_equal(found(t, "", 0, NULL), "");
	assert_string_equal(found(t, "   ", 0, NULL), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_phone_number_is_found_in_any_typed_form, setup, teardown),
		cmocka_unit_test_setup_teardown(part_of_a_phone_number_needs_four_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(a_phone_hit_shows_the_number_that_matched, setup, teardown),
		cmocka_unit_test_setup_teardown(an_id_number_is_found_whole_or_by_its_end, setup, teardown),
		cmocka_unit_test_setup_teardown(a_name_is_found_by_any_part_of_it, setup, teardown),
		cmocka_unit_test_setup_teardown(pinyin_finds_names_by_initials_full_and_every_reading, setup, teardown),
		cmocka_unit_test_setup_teardown(limit_cuts_the_hits_and_empty_text_finds_nothing, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
