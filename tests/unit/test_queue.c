/* test_queue.c -- the call queue: categories, their order, ties, leads'
 * escalations, unreachable cases leaving it, flags and reasons. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/queue.h"
#include "forms/clock.h"
#include "forms/labels.h"
#include "tests/unit/seed.h"
#include "tests/unit/testdb.h"

struct fixture {
	struct testdb *t;
	long long zhang, wang, li, zhao;	/* investigators zhang, wang; leads li, zhao */
	time_t now;
};

static time_t
at(const char *s)
{
	return clock_parse(s);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	f->zhang = seed_user(f->t->db, "zhang", "张伟", ROLE_INVESTIGATOR);
	f->wang = seed_user(f->t->db, "wang", "王芳", ROLE_INVESTIGATOR);
	f->li = seed_user(f->t->db, "li", "李娜", ROLE_LEAD);
	f->zhao = seed_user(f->t->db, "zhao", "赵强", ROLE_ADMIN);
	f->now = at("2020-02-03 10:00");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	testdb_free(f->t);
	free(f);
	return 0;
}

/* A worker of investigator inv with a made-up ID number and phone. */
static void
worker(struct fixture *f, long long id, const char *name, long long inv)
{
	char idn[19], disp[12], e164[16];

	snprintf(idn, sizeof idn, "43012119900101%04lld", id);
	snprintf(disp, sizeof disp, "1357489%04lld", id);
	snprintf(e164, sizeof e164, "+86%s", disp);
	seed_worker(f->t->db, id, name, "西湖村", idn, disp, e164, inv);
}

/* Why row r is in the queue, in words, as of the fixture's now. */
static const char *
why(const struct fixture *f, const struct queue_row *r)
{
	static char text[96];

	labels_queue_reason(&r->why, f->now, text, sizeof text);
	return text;
}

static struct queue_row *
queue(struct fixture *f, long long user, size_t limit, size_t *n)
{
	struct queue_row *rows;

	assert_int_equal(queue_for(f->t->db, user, f->now, limit, &rows, n), 0);
	return rows;
}

static void
assert_order(const struct queue_row *rows, size_t n, const long long *want, size_t nwant)
{
	char got[256] = "", exp[256] = "";

	for (size_t i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof got - strlen(got), "%lld ", rows[i].worker_id);
	for (size_t i = 0; i < nwant; i++)
		snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%lld ", want[i]);
	assert_string_equal(got, exp);
}

static const struct queue_row *
row_of(const struct queue_row *rows, size_t n, long long worker)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].worker_id == worker)
			return &rows[i];
	fail_msg("worker %lld is not in the queue", worker);
	return NULL;
}

/* The investigator's board: one case of each kind (see the comments). */
static void
seed_board(struct fixture *f)
{
	struct db *db = f->t->db;
	long long call;

	worker(f, 1, "张军", f->zhang);			/* never called */
	worker(f, 2, "李明", f->zhang);			/* never called */
	worker(f, 3, "王强", f->zhang);			/* reached, callback due 09:30 */
	seed_case(db, 3, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 3, "callback", at("2020-02-03 09:30"), 0, 0);
	worker(f, 4, "赵丽", f->zhang);			/* medical due 08:00 */
	seed_case(db, 4, "reached", 1, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 4, "medical", at("2020-02-03 08:00"), 0, 0);
	worker(f, 5, "孙红", f->zhang);			/* symptomatic, health due 09:00 */
	seed_case(db, 5, "reached", 1, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 5, "health", at("2020-02-03 09:00"), 0, 0);
	worker(f, 6, "周平", f->zhang);			/* health due 09:00, no symptoms */
	seed_case(db, 6, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 6, "health", at("2020-02-03 09:00"), 0, 0);
	worker(f, 7, "吴刚", f->zhang);			/* no answer at 09:12, retry due */
	call = seed_call(db, 7, f->zhang, at("2020-02-03 09:12"), "no-answer");
	seed_case(db, 7, "unreached", 0, at("2020-02-03 09:12"), "no-answer", 1);
	seed_followup(db, 7, "callback", at("2020-02-03 09:42"), 0, call);
	worker(f, 8, "郑洁", f->zhang);			/* busy, retry at 14:00 */
	call = seed_call(db, 8, f->zhang, at("2020-02-03 09:50"), "busy");
	seed_case(db, 8, "unreached", 0, at("2020-02-03 09:50"), "busy", 1);
	seed_followup(db, 8, "callback", at("2020-02-03 14:00"), 0, call);
	worker(f, 9, "冯涛", f->zhang);			/* reached, nothing open */
	seed_case(db, 9, "reached", 0, at("2020-02-02 11:00"), "reached", 0);
	worker(f, 10, "陈静", f->zhang);			/* unreachable, escalated */
	call = seed_call(db, 10, f->zhang, at("2020-02-03 08:30"), "off");
	seed_case(db, 10, "unreachable", 0, at("2020-02-03 08:30"), "off", 5);
	seed_followup(db, 10, "callback", at("2020-02-03 09:00"), 0, 0);
	seed_followup(db, 10, "escalation", at("2020-02-03 08:30"), 0, call);
	worker(f, 11, "褚燕", f->zhang);			/* isolated, health check tomorrow */
	seed_case(db, 11, "reached", 0, at("2020-02-03 08:00"), "reached", 0);
	seed_exec(db, "UPDATE cases SET isolation_start = '2020-02-01', "
	    "isolation_end = '2020-02-14', work_plan = 'needs-job' WHERE worker_id = 11");
	seed_followup(db, 11, "health", at("2020-02-04 09:00"), 0, 0);
	worker(f, 12, "卫东", f->wang);			/* wang's */
	worker(f, 13, "蒋勇", f->zhang);			/* reached, then a failed call's callback */
	call = seed_call(db, 13, f->zhang, at("2020-02-03 09:15"), "busy");
	seed_case(db, 13, "reached", 0, at("2020-02-03 09:15"), "busy", 1);
	seed_followup(db, 13, "callback", at("2020-02-03 09:45"), 0, call);
	worker(f, 14, "沈梅", f->zhang);			/* health due 09:00 too: a tie with 6 */
	seed_case(db, 14, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 14, "health", at("2020-02-03 09:00"), 0, 0);
}

static void
queue_orders_categories_then_due_time_then_worker(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;
	/* 1: 4 (08:00), 6 and 14 (09:00, tie by number), 3 (09:30), 13 (09:45);
	 * 2: 5; 3: 1, 2; 4: 7; 5: 8 (today 14:00), 11 (tomorrow), 9 (nothing). */
	const long long want[] = { 4, 6, 14, 3, 13, 5, 1, 2, 7, 8, 11, 9 };

	seed_board(f);
	rows = queue(f, f->zhang, 0, &n);
	assert_order(rows, n, want, sizeof want / sizeof want[0]);
	assert_int_equal(row_of(rows, n, 4)->why.reason, QUEUE_DUE_FOLLOWUP);
	assert_int_equal(row_of(rows, n, 5)->why.reason, QUEUE_SYMPTOMATIC_CHECK);
	assert_int_equal(row_of(rows, n, 1)->why.reason, QUEUE_NEVER_CALLED);
	assert_int_equal(row_of(rows, n, 7)->why.reason, QUEUE_RETRY_DUE);
	assert_int_equal(row_of(rows, n, 8)->why.reason, QUEUE_REST);
	assert_int_equal(row_of(rows, n, 9)->why.reason, QUEUE_REST);
	free(rows);
}

static void
queue_says_why_each_case_is_where_it_is(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;

	seed_board(f);
	rows = queue(f, f->zhang, 0, &n);
	assert_string_equal(why(f, row_of(rows, n, 3)), "callback due 09:30");
	assert_string_equal(why(f, row_of(rows, n, 4)), "medical follow-up due");
	assert_string_equal(why(f, row_of(rows, n, 5)), "health check due (symptoms)");
	assert_string_equal(why(f, row_of(rows, n, 6)), "health check due");
	assert_string_equal(why(f, row_of(rows, n, 1)), "never called");
	assert_string_equal(why(f, row_of(rows, n, 7)), "retry due (no answer at 09:12)");
	assert_string_equal(why(f, row_of(rows, n, 8)), "next: retry 02-03 14:00");
	assert_string_equal(why(f, row_of(rows, n, 11)), "next: health check 02-04 09:00");
	assert_string_equal(why(f, row_of(rows, n, 9)), "done");
	assert_int_equal(row_of(rows, n, 7)->why.due_at, at("2020-02-03 09:42"));
	assert_int_equal(row_of(rows, n, 1)->why.due_at, 0);
	free(rows);
}

static void
a_failed_calls_callback_is_a_retry_only_while_the_case_was_never_reached(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;

	seed_board(f);
	rows = queue(f, f->zhang, 0, &n);
	assert_int_equal(row_of(rows, n, 7)->why.reason, QUEUE_RETRY_DUE);
	assert_int_equal(row_of(rows, n, 13)->why.reason, QUEUE_DUE_FOLLOWUP);
	assert_string_equal(why(f, row_of(rows, n, 13)), "callback due 09:45");
	free(rows);
}

static void
queue_flags_symptoms_isolation_medical_job_and_claims(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;

	seed_board(f);
	seed_exec(f->t->db, "UPDATE cases SET claimed_by = 2, claim_expires = 9999999999 "
	    "WHERE worker_id = 1");		/* wang holds 1 */
	seed_exec(f->t->db, "UPDATE cases SET claimed_by = 1, claim_expires = 9999999999 "
	    "WHERE worker_id = 2");		/* zhang holds 2 himself */
	seed_exec(f->t->db, "UPDATE cases SET claimed_by = 2, claim_expires = 1 "
	    "WHERE worker_id = 3");		/* an expired claim */
	rows = queue(f, f->zhang, 0, &n);
	assert_string_equal(row_of(rows, n, 4)->flags, "SM");
	assert_string_equal(row_of(rows, n, 11)->flags, "IJ");
	assert_string_equal(row_of(rows, n, 1)->flags, "C");
	assert_int_equal(row_of(rows, n, 1)->claimed_by, f->wang);
	assert_string_equal(row_of(rows, n, 1)->claimed_by_name, "王芳");
	assert_string_equal(row_of(rows, n, 2)->flags, "");
	assert_int_equal(row_of(rows, n, 2)->claimed_by, 0);
	assert_string_equal(row_of(rows, n, 3)->flags, "");
	assert_string_equal(row_of(rows, n, 1)->name, "张军");
	assert_string_equal(row_of(rows, n, 1)->village, "西湖村");
	assert_string_equal(row_of(rows, n, 1)->phone, "13574890001");
	assert_int_equal(row_of(rows, n, 7)->why.contact, CONTACT_UNREACHED);
	assert_int_equal(row_of(rows, n, 7)->calls, 1);
	assert_int_equal(row_of(rows, n, 7)->why.failed, 1);
	free(rows);
}

/* The boundaries of now: a follow-up due exactly now is due, a claim
 * ending exactly now has ended, the last day of isolation is a day in
 * isolation; at one due time the kinds come escalation, medical, health,
 * callback, other. */
static void
queue_boundaries_of_now_and_the_order_of_kinds(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->t->db;
	struct queue_row *rows;
	size_t n;
	long long call;

	worker(f, 20, "何丽", f->zhang);	/* reached; a job follow-up due exactly now */
	seed_case(db, 20, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 20, "job", f->now, 0, 0);
	worker(f, 21, "高峰", f->zhang);	/* unreached: a retry due 09:00 and a job due now */
	call = seed_call(db, 21, f->zhang, at("2020-02-03 08:30"), "busy");
	seed_case(db, 21, "unreached", 0, at("2020-02-03 08:30"), "busy", 1);
	seed_followup(db, 21, "callback", at("2020-02-03 09:00"), 0, call);
	seed_followup(db, 21, "job", f->now, 0, 0);
	worker(f, 22, "林海", f->zhang);	/* a job and a medical follow-up due at 09:00 */
	seed_case(db, 22, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 22, "job", at("2020-02-03 09:00"), 0, 0);
	seed_followup(db, 22, "medical", at("2020-02-03 09:00"), 0, 0);
	worker(f, 23, "罗兰", f->zhang);	/* only the medical one at 09:00 */
	seed_case(db, 23, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 23, "medical", at("2020-02-03 09:00"), 0, 0);
	worker(f, 24, "马超", f->zhang);	/* only the job one at 09:00 */
	seed_case(db, 24, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 24, "job", at("2020-02-03 09:00"), 0, 0);
	worker(f, 25, "朱文", f->zhang);	/* wang's claim ends exactly now */
	seed_exec(db, "UPDATE cases SET claimed_by = 2, claim_expires = "
	    "CAST(strftime('%s', '2020-02-03 02:00') AS INTEGER) WHERE worker_id = 25");
	worker(f, 26, "胡静", f->zhang);	/* wang's claim ends a second later */
	seed_exec(db, "UPDATE cases SET claimed_by = 2, claim_expires = "
	    "CAST(strftime('%s', '2020-02-03 02:00') AS INTEGER) + 1 WHERE worker_id = 26");
	worker(f, 27, "郭亮", f->zhang);	/* isolated until today */
	seed_case(db, 27, "reached", 0, at("2020-02-02 15:00"), "reached", 0);
	seed_exec(db, "UPDATE cases SET isolation_start = '2020-01-20', "
	    "isolation_end = '2020-02-03' WHERE worker_id = 27");
	worker(f, 28, "宋佳", f->wang);	/* wang's, never called; zhang owns a job tomorrow */
	seed_followup(db, 28, "job", at("2020-02-04 09:00"), f->zhang, 0);
	rows = queue(f, f->zhang, 0, &n);
	/* another's uncalled case is not a first call of mine */
	assert_int_equal(row_of(rows, n, 28)->why.reason, QUEUE_REST);
	assert_int_equal(row_of(rows, n, 20)->why.reason, QUEUE_DUE_FOLLOWUP);
	assert_int_equal(row_of(rows, n, 20)->why.due_at, f->now);
	/* the job due now is a plain due follow-up, ahead of the older retry */
	assert_int_equal(row_of(rows, n, 21)->why.reason, QUEUE_DUE_FOLLOWUP);
	assert_int_equal(row_of(rows, n, 21)->why.due_at, f->now);
	/* the medical one places the case, as it does alone */
	{
		char r22[96];

		snprintf(r22, sizeof r22, "%s", why(f, row_of(rows, n, 22)));
		assert_string_equal(r22, why(f, row_of(rows, n, 23)));
		assert_string_not_equal(r22, why(f, row_of(rows, n, 24)));
	}
	assert_int_equal(row_of(rows, n, 25)->claimed_by, 0);
	assert_string_equal(row_of(rows, n, 25)->flags, "");
	assert_int_equal(row_of(rows, n, 26)->claimed_by, f->wang);
	assert_string_equal(row_of(rows, n, 26)->flags, "C");
	assert_string_equal(row_of(rows, n, 27)->flags, "I");
	free(rows);
}

static void
unreachable_cases_and_other_investigators_cases_leave_the_queue(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;

	seed_board(f);
	rows = queue(f, f->zhang, 0, &n);
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal(rows[i].worker_id, 10);
		assert_int_not_equal(rows[i].worker_id, 12);
	}
	free(rows);
	rows = queue(f, f->wang, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].worker_id, 12);
	free(rows);
}

static void
leads_see_escalations_owned_by_them_or_by_no_one_first(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;
	long long call;

	seed_board(f);
	worker(f, 15, "杨帆", f->zhang);	/* unreachable, escalated to li by name */
	call = seed_call(f->t->db, 15, f->zhang, at("2020-02-03 07:00"), "out-of-service");
	seed_case(f->t->db, 15, "unreachable", 0, at("2020-02-03 07:00"), "out-of-service", 5);
	seed_followup(f->t->db, 15, "escalation", at("2020-02-03 07:00"), f->li, call);
	worker(f, 16, "朱琳", f->li);		/* li's own case, never called */

	rows = queue(f, f->li, 0, &n);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].worker_id, 15);	/* 07:00 */
	assert_int_equal(rows[1].worker_id, 10);	/* 08:30, owner NULL */
	assert_int_equal(rows[2].worker_id, 16);
	assert_int_equal(rows[0].why.reason, QUEUE_DUE_FOLLOWUP);
	assert_string_equal(why(f, &rows[0]), "escalated: not reached after 5 calls");
	assert_string_equal(rows[1].flags, "E");
	free(rows);

	/* Another lead (an admin here) sees the unowned one, not li's. */
	rows = queue(f, f->zhao, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].worker_id, 10);
	free(rows);
	/* Investigators never see escalations. */
	rows = queue(f, f->wang, 0, &n);
	assert_int_equal(n, 1);
	free(rows);
}

static void
a_follow_up_owned_by_someone_else_is_theirs_not_the_case_investigators(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;

	worker(f, 1, "张军", f->zhang);
	seed_case(f->t->db, 1, "reached", 0, at("2020-02-02 10:00"), "reached", 0);
	seed_followup(f->t->db, 1, "job", at("2020-02-03 08:00"), f->wang, 0);
	rows = queue(f, f->zhang, 0, &n);
	assert_int_equal(n, 1);
	assert_string_equal(why(f, &rows[0]), "done");
	free(rows);
	rows = queue(f, f->wang, 0, &n);
	assert_int_equal(n, 1);
	assert_string_equal(why(f, &rows[0]), "job follow-up due");
	free(rows);
}

static void
limit_keeps_the_head_of_the_queue_and_closed_follow_ups_do_not_count(void **state)
{
	struct fixture *f = *state;
	struct queue_row *rows;
	size_t n;
	const long long want[] = { 4, 6, 14 };

	seed_board(f);
	rows = queue(f, f->zhang, 3, &n);
	assert_order(rows, n, want, 3);
	free(rows);
	seed_exec(f->t->db, "UPDATE followups SET done_at = 1, done_reason = 'done' "
	    "WHERE worker_id = 4");
	rows = queue(f, f->zhang, 1, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].worker_id, 6);
	free(rows);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(queue_orders_categories_then_due_time_then_worker, setup, teardown),
		cmocka_unit_test_setup_teardown(queue_says_why_each_case_is_where_it_is, setup, teardown),
		cmocka_unit_test_setup_teardown(a_failed_calls_callback_is_a_retry_only_while_the_case_was_never_reached, setup, teardown),
		cmocka_unit_test_setup_teardown(queue_flags_symptoms_isolation_medical_job_and_claims, setup, teardown),
		cmocka_unit_test_setup_teardown(queue_boundaries_of_now_and_the_order_of_kinds, setup, teardown),
		cmocka_unit_test_setup_teardown(unreachable_cases_and_other_investigators_cases_leave_the_queue, setup, teardown),
		cmocka_unit_test_setup_teardown(leads_see_escalations_owned_by_them_or_by_no_one_first, setup, teardown),
		cmocka_unit_test_setup_teardown(a_follow_up_owned_by_someone_else_is_theirs_not_the_case_investigators, setup, teardown),
		cmocka_unit_test_setup_teardown(limit_keeps_the_head_of_the_queue_and_closed_follow_ups_do_not_count, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
