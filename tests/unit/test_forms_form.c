/* Unit tests for forms/answers.c, field.c, form.c and callform.c. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/field.h"
#include "forms/form.h"

static const struct form_ctx ctx = { "2020-01-28", "0731" };

/* A map from "key=value" strings, NULL-terminated. */
static struct answers *
make_answers(const char *const *pairs)
{
	struct answers *a = answers_new();

	assert_non_null(a);
	for (; *pairs != NULL; pairs++) {
		char key[64];
		const char *eq = strchr(*pairs, '=');
		assert_non_null(eq);
		assert_true((size_t)(eq - *pairs) < sizeof key);
		memcpy(key, *pairs, (size_t)(eq - *pairs));
		key[eq - *pairs] = '\0';
		assert_int_equal(answers_set(a, key, eq + 1), 0);
	}
	return a;
}

/* Validate the call form on pairs; expect success. Caller frees. */
static struct answers *
call_ok(const char *const *pairs)
{
	struct answers *a = make_answers(pairs);
	char err[256] = "";

	if (form_validate(&callform, a, &ctx, err, sizeof err) != 0)
		fail_msg("refused: %s", err);
	return a;
}

/* Validate the call form on pairs; expect failure with message want. */
static void
call_refused(const char *const *pairs, const char *want)
{
	struct answers *a = make_answers(pairs);
	char err[256] = "";

	assert_int_equal(form_validate(&callform, a, &ctx, err, sizeof err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("message '%s' lacks '%s'", err, want);
	answers_free(a);
}

/* Validate one field of the call form; expect canonical value want. */
static void
field_ok(const char *key, const char *typed, const char *want)
{
	char canon[600] = "", err[256] = "";

	if (field_validate(form_field(&callform, key), typed, &ctx, canon,
	    sizeof canon, err, sizeof err) != 0)
		fail_msg("%s='%s' refused: %s", key, typed, err);
	assert_string_equal(canon, want);
}

/* Validate one field of the call form; expect refusal with want. */
static void
field_refused(const char *key, const char *typed, const char *want)
{
	char canon[600] = "", err[256] = "";

	assert_int_equal(field_validate(form_field(&callform, key), typed,
	    &ctx, canon, sizeof canon, err, sizeof err), -1);
	assert_string_equal(canon, "");
	if (strstr(err, want) == NULL)
		fail_msg("%s='%s': message '%s' lacks '%s'", key, typed, err,
		    want);
}

static void
answers_keep_insertion_order_and_replace_in_place(void **state)
{
	struct answers *a = answers_new();

	(void)state;
	assert_int_equal(answers_set(a, "b", "1"), 0);
	assert_int_equal(answers_set(a, "a", "2"), 0);
	assert_int_equal(answers_set(a, "b", "3"), 0);
	assert_int_equal(answers_count(a), 2);
	assert_string_equal(answers_key_at(a, 0), "b");
	assert_string_equal(answers_value_at(a, 0), "3");
	assert_string_equal(answers_get(a, "a"), "2");
	assert_null(answers_get(a, "c"));
	assert_int_equal(answers_remove(a, "b"), 1);
	assert_int_equal(answers_remove(a, "b"), 0);
	assert_string_equal(answers_key_at(a, 0), "a");
	assert_null(answers_key_at(a, 1));
	answers_free(a);
	answers_free(NULL);
}

/* Issue 12: a health check needs temperature and symptoms; symptoms need
 * the urged-to-see-a-doctor answer. */
static void
a_health_check_needs_temperature_and_symptoms_and_symptoms_need_urged(void **state)
{
	static const char *const no_temp[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020-01-20", "purpose=health", "symptoms=", NULL };
	static const char *const no_sym[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020-01-20", "purpose=health", "temperature=36.5", NULL };
	static const char *const no_urged[] = { "outcome=reached", "whereabouts=hubei",
	    "temperature=37.9", "symptoms=cough", NULL };
	static const char *const fine[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020-01-20", "purpose=健康随访", "temperature=36.5", "symptoms=", NULL };
	static const char *const not_health[] = { "outcome=reached", "whereabouts=never-left",
	    "purpose=callback", NULL };

	(void)state;
	call_refused(no_temp, "Temperature: an answer is required for a health check");
	call_refused(no_sym, "Symptoms: an answer is required for a health check");
	call_refused(no_urged, "Urged to see a doctor: an answer is required when there are symptoms");
	answers_free(call_ok(fine));
	answers_free(call_ok(not_health));
}

/* Issue 12: a temperature or a time begins with a digit; other answers
 * may begin with anything. */
static void
a_temperature_or_time_begins_with_a_digit(void **state)
{
	(void)state;
	assert_false(form_char_may_start(form_field(&callform, "temperature"), 'b'));
	assert_true(form_char_may_start(form_field(&callform, "temperature"), '3'));
	assert_true(form_char_may_start(form_field(&callform, "temperature"), 0xFF13));
	assert_true(form_char_may_start(form_field(&callform, "return_date"), 'y'));
	assert_true(form_char_may_start(form_field(&callform, "note"), 'b'));
}

static void
callform_has_the_agreed_keys_in_order(void **state)
{
	static const char *const keys[] = { "outcome", "whereabouts",
	    "return_date", "transport", "hubei_city", "elsewhere_place",
	    "temperature", "symptoms", "onset_date", "urged_doctor",
	    "isolation_start", "isolation_end", "advice", "work_plan", "purpose", "note" };
	size_t i;

	(void)state;
	assert_int_equal(form_field_count(&callform), 16);
	for (i = 0; i < 16; i++)
		assert_string_equal(form_field_at(&callform, i)->key, keys[i]);
	assert_null(form_field_at(&callform, 16));
	assert_int_equal(form_field(&callform, "note")->max_chars, 500);
	assert_int_equal(form_field(&callform, "hubei_city")->type, FIELD_TEXT);
	assert_null(form_field(&callform, "foo"));
}

static void
choice_accepts_key_label_chinese_label_and_hotkey(void **state)
{
	(void)state;
	field_ok("whereabouts", "home", "home");
	field_ok("whereabouts", "HOME", "home");
	field_ok("whereabouts", "Returned home", "home");
	field_ok("whereabouts", "已返乡", "home");
	field_ok("whereabouts", " 仍在湖北 ", "hubei");
	field_ok("whereabouts", "h", "home");
	field_ok("whereabouts", "ｎｅｖｅｒ－ｌｅｆｔ", "never-left");
	field_ok("transport", "自驾", "car");
	field_ok("outcome", "no-answer", "no-answer");
	field_ok("work_plan", "需要岗位推荐", "needs-job");
}

static void
choice_refuses_unknown_answers_and_lists_the_keys(void **state)
{
	(void)state;
	field_refused("whereabouts", "Wuhan",
	    "'Wuhan' is not one of: home, hubei, elsewhere, never-left");
	field_refused("outcome", "x", "is not one of: reached, no-answer");
}

static void
multi_canonicalises_in_definition_order_without_duplicates(void **state)
{
	(void)state;
	field_ok("symptoms", "cough,fever", "fever,cough");
	field_ok("symptoms", "咳嗽、发热、咳嗽", "fever,cough");
	field_ok("symptoms", "Sore throat，f", "fever,sore-throat");
	field_ok("symptoms", "diarrhea; other", "diarrhea,other");
	field_ok("advice", "no-hubei-travel,isolation", "isolation,no-hubei-travel");
}

static void
multi_takes_empty_and_none_as_asked_and_none(void **state)
{
	(void)state;
	field_ok("symptoms", "", "");
	field_ok("symptoms", "none", "");
	field_ok("symptoms", "无", "");
	field_refused("symptoms", "fever,headache", "'headache' is not one of");
}

static void
yesno_accepts_english_and_chinese(void **state)
{
	(void)state;
	field_ok("urged_doctor", "yes", "yes");
	field_ok("urged_doctor", "Y", "yes");
	field_ok("urged_doctor", "是", "yes");
	field_ok("urged_doctor", "否", "no");
	field_ok("urged_doctor", "no", "no");
	field_refused("urged_doctor", "maybe", "yes or no");
}

static void
text_limit_counts_characters_not_bytes(void **state)
{
	char forty[200] = "", fortyone[200];
	int i;

	(void)state;
	for (i = 0; i < 40; i++)
		strcat(forty, "汉");
	field_ok("hubei_city", forty, forty);
	strcpy(fortyone, forty);
	strcat(fortyone, "x");
	field_refused("hubei_city", fortyone,
	    "too long: at most 40 characters, this has 41");
}

static void
text_is_sanitised_and_trimmed(void **state)
{
	(void)state;
	field_ok("note", "  回拨\x1B[31m 明天\n上午\xE2\x80\xAE ", "回拨[31m 明天 上午");
	field_ok("hubei_city", "\xB0\xA1", "\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void
date_field_refuses_future_return_dates(void **state)
{
	(void)state;
	field_ok("return_date", "1月26日", "2020-01-26");
	field_ok("return_date", "昨天", "2020-01-27");
	field_refused("return_date", "明天", "2020-01-29 is in the future");
	field_ok("isolation_end", "2020-02-09", "2020-02-09");
}

static void
temperature_field_stores_one_decimal(void **state)
{
	(void)state;
	field_ok("temperature", "37", "37.0");
	field_ok("temperature", "３７．８℃", "37.8");
	field_refused("temperature", "45", "not a body temperature");
}

static void
empty_answers_validate_to_nothing(void **state)
{
	(void)state;
	field_ok("temperature", "  ", "");
	field_ok("return_date", "", "");
	field_ok("note", "", "");
}

static const struct field_def extra_fields[] = {
	{ .key = "phone", .type = FIELD_PHONE, .label = "Phone" },
	{ .key = "id", .type = FIELD_IDNUM, .label = "ID number" },
	{ .key = "when", .type = FIELD_TIME, .label = "Time" },
	{ .key = "village", .type = FIELD_TEXT, .label = "Village",
	  .max_chars = 20, .constraint = "\\p{Han}+村",
	  .constraint_message = "a village name ends in 村" },
	{ .key = "confirmed_contact", .type = FIELD_YESNO,
	  .label = "Contact with a confirmed case", .required = 1 },
	{ .key = NULL }
};

static const struct form_def extra_form = { .name = "extra",
	.fields = extra_fields };

/* Validate one field of extra_form. */
static int
extra(const char *key, const char *typed, char *canon, char *err)
{
	return field_validate(form_field(&extra_form, key), typed, &ctx,
	    canon, 128, err, 256);
}

static void
phone_idnum_and_time_fields_store_canonical_values(void **state)
{
	char canon[128], err[256];

	(void)state;
	assert_int_equal(extra("phone", "１３５ ７４８９ ５６５５", canon, err), 0);
	assert_string_equal(canon, "+8613574895655");
	assert_int_equal(extra("phone", "84900135转12", canon, err), 0);
	assert_string_equal(canon, "+8673184900135;ext=12");
	assert_int_equal(extra("phone", "1357489565", canon, err), -1);
	assert_non_null(strstr(err, "too short"));
	assert_int_equal(extra("id", "11010519491231002x", canon, err), 0);
	assert_string_equal(canon, "11010519491231002X");
	assert_int_equal(extra("id", "110105194912310021", canon, err), -1);
	assert_non_null(strstr(err, "check character should be X"));
	assert_int_equal(extra("when", "9点5分", canon, err), 0);
	assert_string_equal(canon, "09:05");
}

static void
constraint_pattern_refuses_with_its_message(void **state)
{
	char canon[128], err[256];

	(void)state;
	assert_int_equal(extra("village", "桃花村", canon, err), 0);
	assert_string_equal(canon, "桃花村");
	assert_int_equal(extra("village", "桃花", canon, err), -1);
	assert_string_equal(err, "a village name ends in 村");
}

static void
a_new_question_is_one_table_entry(void **state)
{
	const char *const missing[] = { "phone=13574895655", NULL };
	const char *const given[] = { "confirmed_contact=否", NULL };
	struct answers *a;
	char err[256];

	(void)state;
	a = make_answers(missing);
	assert_int_equal(form_validate(&extra_form, a, &ctx, err, sizeof err), -1);
	assert_string_equal(err,
	    "Contact with a confirmed case: an answer is required");
	answers_free(a);
	a = make_answers(given);
	assert_int_equal(form_validate(&extra_form, a, &ctx, err, sizeof err), 0);
	assert_string_equal(answers_get(a, "confirmed_contact"), "no");
	answers_free(a);
}

static void
form_requires_an_outcome(void **state)
{
	const char *const none[] = { "note=hello", NULL };

	(void)state;
	call_refused(none, "Call outcome: an answer is required (reached, no-answer, busy");
}

static void
form_accepts_an_unanswered_call_with_only_the_outcome(void **state)
{
	const char *const pairs[] = { "outcome=无人接听", NULL };
	struct answers *a = call_ok(pairs);

	(void)state;
	assert_int_equal(answers_count(a), 1);
	assert_string_equal(answers_get(a, "outcome"), "no-answer");
	answers_free(a);
}

static void
form_drops_answers_to_questions_that_do_not_apply(void **state)
{
	const char *const pairs[] = { "outcome=busy", "whereabouts=home",
	    "return_date=2020-01-20", "temperature=38.5", "note=call back",
	    NULL };
	const char *const hubei[] = { "outcome=reached", "whereabouts=hubei",
	    "hubei_city=武汉市", "return_date=2020-01-20", "transport=rail",
	    "elsewhere_place=Beijing", "symptoms=none", "onset_date=2020-01-20",
	    NULL };
	struct answers *a;

	(void)state;
	a = call_ok(pairs);
	assert_int_equal(answers_count(a), 2);
	assert_string_equal(answers_get(a, "outcome"), "busy");
	assert_string_equal(answers_get(a, "note"), "call back");
	assert_null(answers_get(a, "whereabouts"));
	assert_null(answers_get(a, "temperature"));
	answers_free(a);
	a = call_ok(hubei);
	assert_string_equal(answers_get(a, "hubei_city"), "武汉市");
	assert_null(answers_get(a, "return_date"));
	assert_null(answers_get(a, "transport"));
	assert_null(answers_get(a, "elsewhere_place"));
	assert_null(answers_get(a, "onset_date"));
	assert_null(answers_get(a, "isolation_start"));
	assert_string_equal(answers_get(a, "symptoms"), "");
	answers_free(a);
}

static void
form_requires_whereabouts_when_reached_and_return_date_when_home(void **state)
{
	const char *const reached[] = { "outcome=reached", NULL };
	const char *const home[] = { "outcome=reached", "whereabouts=已返乡",
	    NULL };

	(void)state;
	call_refused(reached, "Whereabouts: an answer is required (home, hubei");
	call_refused(home, "Return date: an answer is required");
}

static void
form_fills_isolation_dates_from_the_return_date(void **state)
{
	const char *const pairs[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020年1月26日", "transport=铁路", NULL };
	struct answers *a = call_ok(pairs);

	(void)state;
	assert_string_equal(answers_get(a, "return_date"), "2020-01-26");
	assert_string_equal(answers_get(a, "transport"), "rail");
	assert_string_equal(answers_get(a, "isolation_start"), "2020-01-26");
	assert_string_equal(answers_get(a, "isolation_end"), "2020-02-09");
	answers_free(a);
}

static void
form_keeps_isolation_dates_that_were_given(void **state)
{
	const char *const pairs[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020-01-20", "isolation_start=2020-01-22",
	    "isolation_end=2020-02-05", NULL };
	struct answers *a = call_ok(pairs);

	(void)state;
	assert_string_equal(answers_get(a, "isolation_start"), "2020-01-22");
	assert_string_equal(answers_get(a, "isolation_end"), "2020-02-05");
	answers_free(a);
}

static void
form_refuses_isolation_ending_before_it_starts(void **state)
{
	const char *const pairs[] = { "outcome=reached",
	    "whereabouts=never-left", "isolation_start=2020-01-26",
	    "isolation_end=2020-01-20", NULL };

	(void)state;
	call_refused(pairs,
	    "Isolation end: 2020-01-20 is before the isolation start 2020-01-26");
}

static void
form_names_the_question_and_the_problem(void **state)
{
	const char *const bad_date[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020-02-30", NULL };
	const char *const future[] = { "outcome=reached", "whereabouts=home",
	    "return_date=2020-02-01", NULL };

	(void)state;
	call_refused(bad_date, "Return date: 2020-02-30 is not a date");
	call_refused(future, "Return date: 2020-02-01 is in the future");
}

static void
form_refuses_unknown_keys(void **state)
{
	const char *const pairs[] = { "outcome=reached", "foo=bar", NULL };

	(void)state;
	call_refused(pairs, "unknown question 'foo'; see paicha help call");
}

static void
form_leaves_answers_untouched_when_it_fails(void **state)
{
	const char *const pairs[] = { "outcome=已接通", "whereabouts=home",
	    "return_date=2020-02-30", NULL };
	struct answers *a = make_answers(pairs);
	char err[256];

	(void)state;
	assert_int_equal(form_validate(&callform, a, &ctx, err, sizeof err), -1);
	assert_int_equal(answers_count(a), 3);
	assert_string_equal(answers_get(a, "outcome"), "已接通");
	answers_free(a);
}

static void
form_returns_answers_in_definition_order(void **state)
{
	const char *const pairs[] = { "note=ok", "symptoms=发热",
	    "outcome=reached", "whereabouts=elsewhere",
	    "elsewhere_place=广东省东莞市", "onset_date=1月25日",
	    "urged_doctor=是", "advice=i", "work_plan=postponed",
	    "temperature=37.5", NULL };
	static const char *const order[] = { "outcome", "whereabouts",
	    "elsewhere_place", "temperature", "symptoms", "onset_date",
	    "urged_doctor", "advice", "work_plan", "note" };
	struct answers *a = call_ok(pairs);
	size_t i;

	(void)state;
	assert_int_equal(answers_count(a), 10);
	for (i = 0; i < 10; i++)
		assert_string_equal(answers_key_at(a, i), order[i]);
	assert_string_equal(answers_get(a, "onset_date"), "2020-01-25");
	assert_string_equal(answers_get(a, "symptoms"), "fever");
	assert_string_equal(answers_get(a, "advice"), "isolation");
	answers_free(a);
}

static void
callform_symptomatic_counts_symptoms_or_fever_from_37_3(void **state)
{
	const char *const cough[] = { "symptoms=cough", NULL };
	const char *const warm[] = { "temperature=37.3", "symptoms=", NULL };
	const char *const normal[] = { "temperature=37.2", "symptoms=", NULL };
	const char *const nothing[] = { NULL };
	struct answers *a;

	(void)state;
	a = make_answers(cough);
	assert_true(callform_symptomatic(a));
	answers_free(a);
	a = make_answers(warm);
	assert_true(callform_symptomatic(a));
	answers_free(a);
	a = make_answers(normal);
	assert_false(callform_symptomatic(a));
	answers_free(a);
	a = make_answers(nothing);
	assert_false(callform_symptomatic(a));
	answers_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(answers_keep_insertion_order_and_replace_in_place),
		cmocka_unit_test(callform_has_the_agreed_keys_in_order),
		cmocka_unit_test(a_health_check_needs_temperature_and_symptoms_and_symptoms_need_urged),
		cmocka_unit_test(a_temperature_or_time_begins_with_a_digit),
		cmocka_unit_test(choice_accepts_key_label_chinese_label_and_hotkey),
		cmocka_unit_test(choice_refuses_unknown_answers_and_lists_the_keys),
		cmocka_unit_test(multi_canonicalises_in_definition_order_without_duplicates),
		cmocka_unit_test(multi_takes_empty_and_none_as_asked_and_none),
		cmocka_unit_test(yesno_accepts_english_and_chinese),
		cmocka_unit_test(text_limit_counts_characters_not_bytes),
		cmocka_unit_test(text_is_sanitised_and_trimmed),
		cmocka_unit_test(date_field_refuses_future_return_dates),
		cmocka_unit_test(temperature_field_stores_one_decimal),
		cmocka_unit_test(empty_answers_validate_to_nothing),
		cmocka_unit_test(phone_idnum_and_time_fields_store_canonical_values),
		cmocka_unit_test(constraint_pattern_refuses_with_its_message),
		cmocka_unit_test(a_new_question_is_one_table_entry),
		cmocka_unit_test(form_requires_an_outcome),
		cmocka_unit_test(form_accepts_an_unanswered_call_with_only_the_outcome),
		cmocka_unit_test(form_drops_answers_to_questions_that_do_not_apply),
		cmocka_unit_test(form_requires_whereabouts_when_reached_and_return_date_when_home),
		cmocka_unit_test(form_fills_isolation_dates_from_the_return_date),
		cmocka_unit_test(form_keeps_isolation_dates_that_were_given),
		cmocka_unit_test(form_refuses_isolation_ending_before_it_starts),
		cmocka_unit_test(form_names_the_question_and_the_problem),
		cmocka_unit_test(form_refuses_unknown_keys),
		cmocka_unit_test(form_leaves_answers_untouched_when_it_fails),
		cmocka_unit_test(form_returns_answers_in_definition_order),
		cmocka_unit_test(callform_symptomatic_counts_symptoms_or_fever_from_37_3),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
