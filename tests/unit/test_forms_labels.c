/* Unit tests for forms/labels.c and the date-and-time parser the commands
 * share with the screens (forms/dates.c). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/field.h"
#include "forms/form.h"
#include "forms/labels.h"

static void
outcome_words_are_the_call_forms_in_enum_order(void **state)
{
	const struct field_def *f = form_field(&callform, "outcome");

	(void)state;
	assert_non_null(f);
	for (int o = OUTCOME_REACHED; o <= OUTCOME_REFUSED; o++)
		assert_string_equal(labels_outcome((enum call_outcome)o), f->choices[o].label);
	assert_null(f->choices[OUTCOME_REFUSED + 1].key);	/* no outcome without an enum */
	assert_string_equal(labels_outcome(OUTCOME_NONE), "");
}

static void
kinds_and_roles_are_understood_in_chinese_and_english(void **state)
{
	enum followup_kind k;
	enum user_role r;

	(void)state;
	assert_int_equal(labels_followup_kind_parse("回拨", &k), 0);
	assert_int_equal(k, FOLLOWUP_CALLBACK);
	assert_int_equal(labels_followup_kind_parse(" health ", &k), 0);
	assert_int_equal(k, FOLLOWUP_HEALTH);
	assert_int_equal(labels_followup_kind_parse("health check", &k), 0);
	assert_int_equal(k, FOLLOWUP_HEALTH);
	assert_int_equal(labels_followup_kind_parse("ＪＯＢ", &k), 0);	/* full-width, any case */
	assert_int_equal(k, FOLLOWUP_JOB);
	assert_int_equal(labels_followup_kind_parse("上报组长", &k), 0);
	assert_int_equal(k, FOLLOWUP_ESCALATION);
	assert_int_equal(labels_followup_kind_parse("随便", &k), -1);
	assert_int_equal(labels_followup_kind_parse("", &k), -1);
	assert_int_equal(labels_role_parse("组长", &r), 0);
	assert_int_equal(r, ROLE_LEAD);
	assert_int_equal(labels_role_parse("排查人", &r), 0);
	assert_int_equal(r, ROLE_INVESTIGATOR);
	assert_int_equal(labels_role_parse("Admin", &r), 0);
	assert_int_equal(r, ROLE_ADMIN);
	assert_int_equal(labels_role_parse("队长", &r), -1);
}

static void
every_state_kind_and_role_has_a_word(void **state)
{
	(void)state;
	for (int c = CONTACT_UNCALLED; c <= CONTACT_UNREACHABLE; c++)
		assert_string_not_equal(labels_contact((enum contact_state)c), "?");
	for (int k = FOLLOWUP_CALLBACK; k <= FOLLOWUP_ESCALATION; k++)
		assert_string_not_equal(labels_followup_kind((enum followup_kind)k), "");
	for (int r = ROLE_INVESTIGATOR; r <= ROLE_ADMIN; r++)
		assert_string_not_equal(labels_role((enum user_role)r), "?");
	assert_string_equal(labels_phone_kind("fixed"), "fixed-line");
	assert_string_equal(labels_followup_closed("moved"), "moved");
}

static void
queue_reasons_are_worded_from_their_facts(void **state)
{
	time_t now = clock_parse("2020-02-03 09:00");
	struct queue_facts q = { .reason = QUEUE_RETRY_DUE, .kind = FOLLOWUP_CALLBACK,
		.retry = 1, .last_outcome = OUTCOME_BUSY,
		.last_call_at = clock_parse("2020-02-02 18:05") };
	char out[96];

	(void)state;
	labels_queue_reason(&q, now, out, sizeof out);
	assert_string_equal(out, "retry due (busy at 02-02 18:05)");
	q = (struct queue_facts){ .reason = QUEUE_REST, .kind = FOLLOWUP_NONE,
		.contact = CONTACT_UNREACHED };
	labels_queue_reason(&q, now, out, sizeof out);
	assert_string_equal(out, "nothing scheduled");
	q = (struct queue_facts){ .reason = QUEUE_DUE_FOLLOWUP, .kind = FOLLOWUP_CALLBACK,
		.due_at = clock_parse("2020-02-03 08:30") };
	labels_queue_reason(&q, now, out, sizeof out);
	assert_string_equal(out, "callback due 08:30");
	/* an escalation of a worker with no number: no valid number, never
	 * "not reached after 0 calls" */
	q = (struct queue_facts){ .reason = QUEUE_DUE_FOLLOWUP, .kind = FOLLOWUP_ESCALATION,
		.due_at = clock_parse("2020-02-01 09:00"), .no_phone = 1 };
	labels_queue_reason(&q, now, out, sizeof out);
	assert_string_equal(out, "escalated: no valid number, find one through the village");
	q.no_phone = 0;
	q.failed = 5;
	labels_queue_reason(&q, now, out, sizeof out);
	assert_string_equal(out, "escalated: not reached after 5 calls");
	q = (struct queue_facts){ .reason = QUEUE_NEVER_CALLED, .no_phone = 1 };
	labels_queue_reason(&q, now, out, sizeof out);
	assert_string_equal(out, "never called: no valid number yet");
}

/* The numbers as typed, one list ('\n' between the lines of an import's
 * workers.phones_invalid). */
static void
no_number_is_worded_with_the_numbers_as_typed(void **state)
{
	char out[160];

	(void)state;
	labels_no_number("17489917258\n12345", out, sizeof out);
	assert_string_equal(out, "no valid number (as typed: 17489917258、12345): find one through "
	    "the village");
	labels_no_number("", out, sizeof out);
	assert_string_equal(out, "no valid number: find one through the village");
}

static void
datetime_parse_takes_what_the_call_form_takes(void **state)
{
	static const struct { const char *typed, *want; } ok[] = {
		{ "2020-02-05 10:00", "2020-02-05 10:00" },
		{ "明天 09:00", "2020-02-04 09:00" },
		{ "明天", "2020-02-04 09:00" },		/* a date alone: 09:00 */
		{ "2月5日 9点半", "2020-02-05 09:30" },
		{ "2/6 14:00", "2020-02-06 14:00" },
		{ "tomorrow 8:05", "2020-02-04 08:05" },
		{ "２０２０－０２－０７　１０：００", "2020-02-07 10:00" },	/* full-width */
	};
	char out[17], err[256];

	(void)state;
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		if (datetime_parse(ok[i].typed, "2020-02-03", "09:00", out, err, sizeof err) != 0)
			fail_msg("'%s' refused: %s", ok[i].typed, err);
		assert_string_equal(out, ok[i].want);
	}
	assert_int_equal(datetime_parse("someday", "2020-02-03", "09:00", out, err, sizeof err), -1);
	assert_true(err[0] != '\0');
	assert_int_equal(datetime_parse("明天 25:00", "2020-02-03", "09:00", out, err, sizeof err),
	    -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(outcome_words_are_the_call_forms_in_enum_order),
		cmocka_unit_test(kinds_and_roles_are_understood_in_chinese_and_english),
		cmocka_unit_test(every_state_kind_and_role_has_a_word),
		cmocka_unit_test(queue_reasons_are_worded_from_their_facts),
		cmocka_unit_test(no_number_is_worded_with_the_numbers_as_typed),
		cmocka_unit_test(datetime_parse_takes_what_the_call_form_takes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
