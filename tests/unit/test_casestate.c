/* test_casestate.c -- the reducer that says what a sequence of calls means. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "db/casestate.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/field.h"
#include "forms/form.h"

/* Apply one call with the answers given as "key", "value", ..., NULL. */
static void
call(struct case_state *s, time_t at, enum call_outcome o, int max, ...)
{
	struct answers *a = answers_new();
	struct case_call c = { at, at, o, a, NULL, NULL, 0 };
	va_list ap;
	const char *k;

	assert_non_null(a);
	va_start(ap, max);
	while ((k = va_arg(ap, const char *)) != NULL)
		assert_int_equal(answers_set(a, k, va_arg(ap, const char *)), 0);
	va_end(ap);
	casestate_apply(s, &c, max);
	answers_free(a);
}

static void
names_and_parsers_round_trip_and_refuse_unknown_words(void **state)
{
	enum call_outcome o;
	enum contact_state c;

	(void)state;
	for (int i = OUTCOME_REACHED; i <= OUTCOME_REFUSED; i++) {
		assert_int_equal(call_outcome_parse(call_outcome_name((enum call_outcome)i), &o), 0);
		assert_int_equal(o, i);
	}
	for (int i = CONTACT_UNCALLED; i <= CONTACT_UNREACHABLE; i++) {
		assert_int_equal(contact_state_parse(contact_state_name((enum contact_state)i), &c), 0);
		assert_int_equal(c, i);
	}
	assert_string_equal(call_outcome_name(OUTCOME_OUT_OF_SERVICE), "out-of-service");
	assert_string_equal(contact_state_name(CONTACT_UNREACHED), "unreached");
	assert_string_equal(call_outcome_name(OUTCOME_NONE), "");
	assert_int_equal(call_outcome_parse("answered", &o), -1);
	assert_int_equal(call_outcome_parse(NULL, &o), -1);
	assert_int_equal(contact_state_parse("Reached", &c), -1);
}

static void
a_new_case_is_uncalled_with_no_outcome(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	assert_int_equal(s.contact, CONTACT_UNCALLED);
	assert_int_equal(s.last_outcome, OUTCOME_NONE);
	assert_int_equal(s.calls, 0);
	assert_int_equal(s.last_call_at, 0);
	assert_string_equal(s.whereabouts, "");
}

static void
failed_attempts_make_a_case_unreached_then_unreachable_at_max_attempts(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	for (int i = 1; i <= 2; i++) {
		call(&s, 100 * i, OUTCOME_NO_ANSWER, 3, NULL);
		assert_int_equal(s.contact, CONTACT_UNREACHED);
		assert_int_equal(s.failed, i);
	}
	call(&s, 300, OUTCOME_OFF, 3, NULL);
	assert_int_equal(s.contact, CONTACT_UNREACHABLE);
	assert_int_equal(s.failed, 3);
	assert_int_equal(s.calls, 3);
	assert_int_equal(s.last_outcome, OUTCOME_OFF);
	assert_int_equal(s.last_call_at, 300);
	assert_int_equal(s.first_reached_at, 0);
	/* Reached at last: the escalated case is reached, failures reset. */
	call(&s, 400, OUTCOME_REACHED, 3, "whereabouts", "hubei", NULL);
	assert_int_equal(s.contact, CONTACT_REACHED);
	assert_int_equal(s.failed, 0);
	assert_int_equal(s.first_reached_at, 400);
}

static void
a_case_reached_once_stays_reached_after_failed_calls(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	call(&s, 10, OUTCOME_REACHED, 2, "whereabouts", "home", "return_date", "2020-01-20", NULL);
	for (int i = 0; i < 5; i++)
		call(&s, 20 + i, OUTCOME_BUSY, 2, NULL);
	assert_int_equal(s.contact, CONTACT_REACHED);
	assert_int_equal(s.failed, 5);
	assert_int_equal(s.calls, 6);
	assert_int_equal(s.first_reached_at, 10);
	assert_int_equal(s.last_outcome, OUTCOME_BUSY);
	assert_string_equal(s.whereabouts, "home");
}

static void
a_later_call_overrides_only_the_answers_it_has_and_where_as_a_whole(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	call(&s, 10, OUTCOME_REACHED, 5, "whereabouts", "hubei", "hubei_city", "武汉",
	    "work_plan", "postponed", "note", "家人代接", NULL);
	assert_string_equal(s.place, "武汉");
	call(&s, 20, OUTCOME_REACHED, 5, "whereabouts", "home", "return_date", "2020-01-27",
	    "transport", "car", "isolation_start", "2020-01-27", "isolation_end", "2020-02-10",
	    "note", "", NULL);
	assert_string_equal(s.whereabouts, "home");
	assert_string_equal(s.return_date, "2020-01-27");
	assert_string_equal(s.transport, "car");
	assert_string_equal(s.place, "");		/* a new "where" replaces the old city */
	assert_string_equal(s.work_plan, "postponed");
	assert_string_equal(s.note, "家人代接");		/* an empty note keeps the old one */
	assert_string_equal(s.isolation_end, "2020-02-10");
	call(&s, 30, OUTCOME_REACHED, 5, "whereabouts", "elsewhere", "elsewhere_place", "广州",
	    "note", "已到广州", NULL);
	assert_string_equal(s.place, "广州");
	assert_string_equal(s.note, "已到广州");
	assert_int_equal(s.first_reached_at, 10);
}

static void
a_failed_call_does_not_read_its_answers(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	call(&s, 10, OUTCOME_NO_ANSWER, 5, "whereabouts", "home", "note", "x", NULL);
	assert_string_equal(s.whereabouts, "");
	assert_string_equal(s.note, "");
}

/* urged_doctor=no, alone or first, is not being urged. */
static void
urged_doctor_no_is_not_urged(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	call(&s, 10, OUTCOME_REACHED, 5, "whereabouts", "home", "urged_doctor", "no", NULL);
	assert_int_equal(s.urged_doctor, 0);
	call(&s, 20, OUTCOME_REACHED, 5, "urged_doctor", "yes", NULL);
	assert_int_equal(s.urged_doctor, 1);
}

static void
health_answers_are_replaced_together_and_urged_doctor_sticks(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	call(&s, 10, OUTCOME_REACHED, 5, "whereabouts", "home", NULL);
	assert_int_equal(s.health_asked, 0);
	call(&s, 20, OUTCOME_REACHED, 5, "symptoms", "fever,cough", "temperature", "38.1",
	    "onset_date", "2020-01-25", "urged_doctor", "yes", NULL);
	assert_int_equal(s.health_asked, 1);
	assert_int_equal(s.symptomatic, 1);
	assert_string_equal(s.symptoms, "fever,cough");
	assert_string_equal(s.temperature, "38.1");
	assert_string_equal(s.onset_date, "2020-01-25");
	assert_int_equal(s.urged_doctor, 1);
	/* Only a temperature this time: symptoms and onset become empty. */
	call(&s, 30, OUTCOME_REACHED, 5, "temperature", "36.6", "urged_doctor", "no", NULL);
	assert_string_equal(s.symptoms, "");
	assert_string_equal(s.onset_date, "");
	assert_string_equal(s.temperature, "36.6");
	assert_int_equal(s.symptomatic, 0);
	assert_int_equal(s.urged_doctor, 1);
	/* A fever without symptoms is symptomatic (37.3 or more). */
	call(&s, 40, OUTCOME_REACHED, 5, "temperature", "37.3", "symptoms", "", NULL);
	assert_int_equal(s.symptomatic, 1);
	/* A call without health questions keeps the last health answers. */
	call(&s, 50, OUTCOME_REACHED, 5, "work_plan", "needs-job", NULL);
	assert_int_equal(s.symptomatic, 1);
	assert_string_equal(s.temperature, "37.3");
}

static void
a_reached_call_without_answers_is_counted(void **state)
{
	struct case_state s;
	struct case_call c = { 1, 77, OUTCOME_REACHED, NULL, NULL, NULL, 0 };

	(void)state;
	casestate_init(&s);
	casestate_apply(&s, &c, 5);
	assert_int_equal(s.contact, CONTACT_REACHED);
	assert_int_equal(s.first_reached_at, 77);
}

static void
a_long_note_is_cut_on_a_character_boundary(void **state)
{
	struct case_state s;
	char note[1500] = "";

	(void)state;
	for (int i = 0; i < 450; i++)
		strcat(note, "排");	/* 3 bytes each: 1350 bytes */
	casestate_init(&s);
	call(&s, 10, OUTCOME_REACHED, 5, "note", note, NULL);
	assert_true(strlen(s.note) < sizeof s.note);
	assert_int_equal(strlen(s.note) % 3, 0);
	assert_int_equal(strncmp(s.note, note, strlen(s.note)), 0);
}

static void
isolation_covers_its_first_and_last_day_only(void **state)
{
	struct case_state s;

	(void)state;
	casestate_init(&s);
	assert_false(casestate_isolated_on(&s, "2020-01-27"));
	call(&s, 10, OUTCOME_REACHED, 5, "isolation_start", "2020-01-27",
	    "isolation_end", "2020-02-10", NULL);
	assert_false(casestate_isolated_on(&s, "2020-01-26"));
	assert_true(casestate_isolated_on(&s, "2020-01-27"));
	assert_true(casestate_isolated_on(&s, "2020-02-01"));
	assert_true(casestate_isolated_on(&s, "2020-02-10"));
	assert_false(casestate_isolated_on(&s, "2020-02-11"));
}

static void
count_fields(void *arg, const char *field, const char *text)
{
	(void)field;
	(void)text;
	(*(int *)arg)++;
}

static void
diff_names_the_first_differing_field_and_each_lists_all(void **state)
{
	struct case_state a, b;
	char d[256];
	int n = 0;

	(void)state;
	casestate_init(&a);
	casestate_init(&b);
	assert_int_equal(casestate_diff(&a, &b, d, sizeof d), 0);
	assert_string_equal(d, "");
	call(&a, 10, OUTCOME_REACHED, 5, "whereabouts", "home", "return_date", "2020-01-20", NULL);
	call(&b, 10, OUTCOME_REACHED, 5, "whereabouts", "hubei", NULL);
	assert_int_equal(casestate_diff(&a, &b, d, sizeof d), 1);
	assert_string_equal(d, "whereabouts: 'home' vs 'hubei'");
	assert_int_equal(casestate_diff_each(&a, &b, count_fields, &n), 2);
	assert_int_equal(n, 2);
	b = a;
	b.failed = 3;
	assert_int_equal(casestate_diff(&a, &b, d, sizeof d), 1);
	assert_string_equal(d, "failed: 0 vs 3");
}

static void
folding_the_same_calls_twice_gives_equal_states(void **state)
{
	struct case_state a, b;
	char d[256];

	(void)state;
	casestate_init(&a);
	casestate_init(&b);
	for (int i = 0; i < 40; i++) {
		enum call_outcome o = (enum call_outcome)(i % 7);
		call(&a, i, o, 5, "whereabouts", i % 2 ? "home" : "hubei", "temperature", "37.0", NULL);
		call(&b, i, o, 5, "whereabouts", i % 2 ? "home" : "hubei", "temperature", "37.0", NULL);
	}
	assert_int_equal(casestate_diff(&a, &b, d, sizeof d), 0);
}

/* forms/labels.c words an outcome by its place among the call form's
 * choices: the stored names must be those choices' keys, in that order. */
static void
outcome_names_are_the_call_forms_choice_keys_in_order(void **state)
{
	const struct field_def *f = form_field(&callform, "outcome");
	int n = 0;

	(void)state;
	for (; f->choices[n].key != NULL; n++)
		assert_string_equal(call_outcome_name((enum call_outcome)n), f->choices[n].key);
	assert_int_equal(n, OUTCOME_REFUSED + 1);
}

/* Issue 12: calls count per number; a case is unreachable only when every
 * number it has is spent; the next number is the unspent one with the
 * fewest failed attempts. */
static void
calls_spend_numbers_and_the_case_is_unreachable_only_when_all_are_spent(void **state)
{
	static const char *const two[] = { "+8613574890001", "+8613574890011" };
	struct case_state s;
	struct case_call c = { 0, 0, OUTCOME_WRONG_NUMBER, NULL, two[0], two, 2 };

	(void)state;
	casestate_init(&s);
	for (int i = 1; i <= 5; i++) {
		c.id = c.at = i;
		casestate_apply(&s, &c, 5);
	}
	assert_int_equal(s.contact, CONTACT_UNREACHED);
	assert_int_equal(s.failed, 5);
	assert_true(casestate_number_spent(casestate_number(&s, two[0]), 5));
	assert_false(casestate_number_spent(casestate_number(&s, two[1]), 5));
	assert_int_equal(casestate_next_number(&s, two, 2, 5), 1);
	c.phone = two[1];
	c.outcome = OUTCOME_NO_ANSWER;
	for (int i = 6; i <= 9; i++) {
		c.id = c.at = i;
		casestate_apply(&s, &c, 5);
		assert_int_equal(s.contact, CONTACT_UNREACHED);
	}
	c.id = c.at = 10;
	casestate_apply(&s, &c, 5);
	assert_int_equal(s.contact, CONTACT_UNREACHABLE);
	/* the worker reached on the first number: its mark is cleared, all
	 * counts start again */
	c.id = c.at = 11;
	c.phone = two[0];
	c.outcome = OUTCOME_REACHED;
	casestate_apply(&s, &c, 5);
	assert_int_equal(casestate_number(&s, two[0])->mark, OUTCOME_NONE);
	assert_int_equal(casestate_number(&s, two[1])->failed, 0);
	assert_int_equal(casestate_next_number(&s, two, 2, 5), 0);
}

/* A spent number is passed over even when it has the fewest failures: one
 * found wrong on the first call is never offered again, while the other,
 * three times unanswered, still is; when every number is spent the first
 * is offered (the case is then unreachable, not lost). */
static void
the_next_number_skips_a_spent_one_with_fewer_failures(void **state)
{
	static const char *const two[] = { "+8613574890001", "+8613574890011" };
	struct case_state s;
	struct case_call c = { 1, 1, OUTCOME_WRONG_NUMBER, NULL, two[0], two, 2 };

	(void)state;
	casestate_init(&s);
	casestate_apply(&s, &c, 5);
	c.phone = two[1];
	c.outcome = OUTCOME_NO_ANSWER;
	for (int i = 2; i <= 4; i++) {
		c.id = c.at = i;
		casestate_apply(&s, &c, 5);
	}
	assert_int_equal(casestate_number(&s, two[0])->failed, 1);
	assert_int_equal(casestate_number(&s, two[1])->failed, 3);
	assert_true(casestate_number_spent(casestate_number(&s, two[0]), 5));
	assert_int_equal(casestate_next_number(&s, two, 2, 5), 1);
	for (int i = 5; i <= 6; i++) {
		c.id = c.at = i;
		casestate_apply(&s, &c, 5);
	}
	assert_int_equal(s.contact, CONTACT_UNREACHABLE);
	assert_int_equal(casestate_next_number(&s, two, 2, 5), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_and_parsers_round_trip_and_refuse_unknown_words),
		cmocka_unit_test(outcome_names_are_the_call_forms_choice_keys_in_order),
		cmocka_unit_test(a_new_case_is_uncalled_with_no_outcome),
		cmocka_unit_test(calls_spend_numbers_and_the_case_is_unreachable_only_when_all_are_spent),
		cmocka_unit_test(the_next_number_skips_a_spent_one_with_fewer_failures),
		cmocka_unit_test(failed_attempts_make_a_case_unreached_then_unreachable_at_max_attempts),
		cmocka_unit_test(a_case_reached_once_stays_reached_after_failed_calls),
		cmocka_unit_test(a_later_call_overrides_only_the_answers_it_has_and_where_as_a_whole),
		cmocka_unit_test(a_failed_call_does_not_read_its_answers),
		cmocka_unit_test(urged_doctor_no_is_not_urged),
		cmocka_unit_test(health_answers_are_replaced_together_and_urged_doctor_sticks),
		cmocka_unit_test(a_reached_call_without_answers_is_counted),
		cmocka_unit_test(a_long_note_is_cut_on_a_character_boundary),
		cmocka_unit_test(isolation_covers_its_first_and_last_day_only),
		cmocka_unit_test(diff_names_the_first_differing_field_and_each_lists_all),
		cmocka_unit_test(folding_the_same_calls_twice_gives_equal_states),
	};

	return cmocka_run_group_tests_name("casestate", tests, NULL, NULL);
}
