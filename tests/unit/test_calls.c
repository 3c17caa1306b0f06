/* test_calls.c -- recording calls, the follow-up rules, cases and follow-ups. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>

#include "db/calls.h"
#include "db/cases.h"
#include "db/claims.h"
#include "db/dbi.h"
#include "db/followups.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "tests/unit/testdb.h"

struct fixture {
	struct testdb *t;
	struct settings set;
	long long admin, lead, inv, inv2;
	long long worker;
};

static long long
scalar(struct db *db, const char *sql)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static long long
add_worker(struct db *db, const char *idnum)
{
	struct worker w;
	struct user inv, lead;

	memset(&w, 0, sizeof w);
	snprintf(w.id_number, sizeof w.id_number, "%s", idnum);
	snprintf(w.name, sizeof w.name, "曾小兵");
	w.group = GROUP_A;
	w.created_at = clock_parse("2020-01-26 08:00");
	assert_int_equal(db_begin_write(db), 0);
	assert_int_equal(workers_insert(db, &w, 0), 0);
	assert_int_equal(db_commit(db), 0);
	/* Calls are recorded by the case's investigator (db/roles.h). */
	assert_int_equal(users_find(db, "inv1", &inv), 0);
	assert_int_equal(users_find(db, "lead1", &lead), 0);
	assert_int_equal(cases_assign(db, &w.id, 1, inv.id, lead.id), 0);
	return w.id;
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	clock_pin(clock_parse("2020-01-26 09:00"));
	f->t = testdb_new();
	settings_defaults(&f->set);
	snprintf(f->set.area_code, sizeof f->set.area_code, "0731");
	assert_int_equal(users_add(f->t->db, "root1", "管理员", ROLE_ADMIN, 0, &f->admin), 0);
	assert_int_equal(users_add(f->t->db, "lead1", "组长", ROLE_LEAD, 0, &f->lead), 0);
	assert_int_equal(users_add(f->t->db, "inv1", "李娜", ROLE_INVESTIGATOR, 0, &f->inv), 0);
	assert_int_equal(users_add(f->t->db, "inv2", "王强", ROLE_INVESTIGATOR, 0, &f->inv2), 0);
	f->worker = add_worker(f->t->db, "430121199003071234");
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	testdb_free(f->t);
	free(f);
	clock_unpin();
	return 0;
}

/* Record a call at "YYYY-MM-DD HH:MM" with "key", "value", ..., NULL. */
static int
record(struct fixture *f, long long worker, const char *when, enum call_outcome o, ...)
{
	struct answers *a = answers_new();
	long long id = 0;
	const char *k;
	va_list ap;
	int rc;

	va_start(ap, o);
	while ((k = va_arg(ap, const char *)) != NULL)
		assert_int_equal(answers_set(a, k, va_arg(ap, const char *)), 0);
	va_end(ap);
	rc = calls_record(f->t->db, &f->set, worker, f->inv, clock_parse(when), "+8613574895655",
	    o, a, &id);
	answers_free(a);
	if (rc == 0)
		assert_true(id > 0);
	return rc;
}

static long long
count_open(struct fixture *f, const char *kind)
{
	sqlite3_stmt *st;
	long long v;

	assert_int_equal(sqlite3_prepare_v2(f->t->db->conn, "SELECT count(*) FROM followups "
	    "WHERE kind = ?1 AND done_at IS NULL", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The due time of the only open follow-up of kind, as local text. */
static void
due_of(struct fixture *f, const char *kind, char out[17])
{
	sqlite3_stmt *st;

	assert_int_equal(count_open(f, kind), 1);
	assert_int_equal(sqlite3_prepare_v2(f->t->db->conn, "SELECT due_at FROM followups "
	    "WHERE kind = ?1 AND done_at IS NULL", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	clock_datetime((time_t)sqlite3_column_int64(st, 0), out);
	sqlite3_finalize(st);
}

static void
assert_stored_equals_recomputed(struct fixture *f, long long worker)
{
	struct case_row stored, again;
	char d[2300];

	assert_int_equal(cases_get(f->t->db, worker, &stored), 0);
	assert_int_equal(cases_recompute(f->t->db, worker, f->set.max_attempts, &again), 0);
	if (casestate_diff(&stored.state, &again.state, d, sizeof d))
		fail_msg("worker %lld: %s", worker, d);
	assert_int_equal(stored.next_due_at, again.next_due_at);
	assert_string_equal(stored.next_kind, again.next_kind);
	assert_int_equal(stored.investigator_id, again.investigator_id);
}

static void
invalid_answers_are_refused_with_the_forms_message_and_nothing_is_written(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_REACHED,
	    "whereabouts", "home", "return_date", "2020-02-01", NULL), DB_INVALID);
	assert_non_null(strstr(db_error(f->t->db), "Return date"));
	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_REACHED,
	    "colour", "blue", NULL), DB_INVALID);
	assert_non_null(strstr(db_error(f->t->db), "colour"));
	/* Reached without saying where the worker is: whereabouts is required. */
	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_REACHED, NULL),
	    DB_INVALID);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM calls"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT calls FROM cases"), 0);
}

static void
answers_are_stored_canonical_without_the_outcome(void **state)
{
	struct fixture *f = *state;
	struct call_record *v;
	size_t n;

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_NO_ANSWER, NULL), 0);
	assert_int_equal(record(f, f->worker, "2020-01-27 10:00", OUTCOME_REACHED,
	    "whereabouts", "Returned home", "return_date", "1月25日", "temperature", "37.8度",
	    NULL), 0);
	assert_int_equal(calls_list(f->t->db, f->worker, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].outcome, OUTCOME_REACHED);	/* newest first */
	assert_int_equal(v[1].outcome, OUTCOME_NO_ANSWER);
	assert_string_equal(v[0].user_name, "李娜");
	assert_string_equal(v[0].phone, "+8613574895655");
	assert_null(answers_get(v[0].answers, "outcome"));
	assert_string_equal(answers_get(v[0].answers, "whereabouts"), "home");
	assert_string_equal(answers_get(v[0].answers, "return_date"), "2020-01-25");
	assert_string_equal(answers_get(v[0].answers, "temperature"), "37.8");
	/* The form's default: 14 days of isolation from the return date. */
	assert_string_equal(answers_get(v[0].answers, "isolation_end"), "2020-02-08");
	assert_int_equal(answers_count(v[1].answers), 0);
	calls_free(v, n);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM call_answers WHERE key = 'outcome'"),
	    0);
}

static void
failed_calls_schedule_a_callback_by_outcome_and_supersede_the_last(void **state)
{
	struct fixture *f = *state;
	char due[17];

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_NO_ANSWER, NULL), 0);
	due_of(f, "callback", due);
	assert_string_equal(due, "2020-01-26 12:00");
	assert_int_equal(record(f, f->worker, "2020-01-26 12:00", OUTCOME_BUSY, NULL), 0);
	due_of(f, "callback", due);
	assert_string_equal(due, "2020-01-26 12:15");
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE "
	    "done_reason = 'superseded'"), 1);
	assert_int_equal(record(f, f->worker, "2020-01-26 12:15", OUTCOME_OFF, NULL), 0);
	due_of(f, "callback", due);
	assert_string_equal(due, "2020-01-26 16:15");
	assert_int_equal(record(f, f->worker, "2020-01-26 16:15", OUTCOME_OUT_OF_SERVICE, NULL), 0);
	due_of(f, "callback", due);
	assert_string_equal(due, "2020-01-26 20:15");
	assert_int_equal(scalar(f->t->db, "SELECT next_kind = 'callback' AND next_due_at = "
	    "(SELECT due_at FROM followups WHERE done_at IS NULL) FROM cases"), 1);
	/* Reaching the worker closes the callback as done. */
	assert_int_equal(record(f, f->worker, "2020-01-26 18:00", OUTCOME_REACHED,
	    "whereabouts", "hubei", "hubei_city", "武汉", NULL), 0);
	assert_int_equal(count_open(f, "callback"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE "
	    "done_reason = 'done' AND kind = 'callback'"), 1);
	assert_int_equal(scalar(f->t->db, "SELECT next_due_at IS NULL AND next_kind IS NULL "
	    "FROM cases"), 1);
}

static void
max_failed_attempts_make_the_case_unreachable_and_escalate_once_to_the_lead(void **state)
{
	struct fixture *f = *state;
	static const char *const when[] = { "2020-01-26 10:00", "2020-01-27 10:00",
	    "2020-01-28 10:00", "2020-01-29 10:00" };

	for (int i = 0; i < 4; i++) {
		assert_int_equal(record(f, f->worker, when[i], OUTCOME_NO_ANSWER, NULL), 0);
	}
	assert_int_equal(scalar(f->t->db, "SELECT contact = 'unreached' FROM cases"), 1);
	assert_int_equal(count_open(f, "escalation"), 0);
	assert_int_equal(record(f, f->worker, "2020-01-30 10:00", OUTCOME_WRONG_NUMBER, NULL), 0);
	assert_int_equal(scalar(f->t->db, "SELECT contact = 'unreachable' AND failed = 5 "
	    "FROM cases"), 1);
	assert_int_equal(count_open(f, "callback"), 0);
	assert_int_equal(count_open(f, "escalation"), 1);
	assert_int_equal(scalar(f->t->db, "SELECT owner_id FROM followups WHERE "
	    "kind = 'escalation'"), f->lead);
	assert_int_equal(scalar(f->t->db, "SELECT due_at FROM followups WHERE kind = 'escalation'"),
	    clock_parse("2020-01-30 10:00"));
	/* Failing again: no second escalation, no callback. */
	assert_int_equal(record(f, f->worker, "2020-01-31 10:00", OUTCOME_REFUSED, NULL), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE "
	    "kind = 'escalation'"), 1);
	assert_int_equal(count_open(f, "callback"), 0);
}

static void
escalations_go_to_the_first_admin_when_there_is_no_active_lead(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(users_set_active(f->t->db, "lead1", 0, f->admin), 0);
	f->set.max_attempts = 1;
	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_OFF, NULL), 0);
	assert_int_equal(scalar(f->t->db, "SELECT owner_id FROM followups WHERE "
	    "kind = 'escalation'"), f->admin);
}

static void
a_symptomatic_worker_gets_a_medical_followup_the_next_morning(void **state)
{
	struct fixture *f = *state;
	char due[17];

	assert_int_equal(record(f, f->worker, "2020-01-26 15:30", OUTCOME_REACHED,
	    "whereabouts", "hubei", "symptoms", "cough", "onset_date", "2020-01-25",
	    "urged_doctor", "yes", NULL), 0);
	due_of(f, "medical", due);
	assert_string_equal(due, "2020-01-27 09:00");
	/* A second call the same day does not double it. */
	assert_int_equal(record(f, f->worker, "2020-01-26 17:00", OUTCOME_REACHED,
	    "whereabouts", "hubei", "temperature", "38.0", NULL), 0);
	assert_int_equal(count_open(f, "medical"), 1);
	/* Reached on the due day without symptoms: the medical follow-up is done. */
	assert_int_equal(record(f, f->worker, "2020-01-27 09:10", OUTCOME_REACHED,
	    "whereabouts", "hubei", "temperature", "36.5", "symptoms", "", NULL), 0);
	assert_int_equal(count_open(f, "medical"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE kind = 'medical' "
	    "AND done_reason = 'done'"), 1);
}

static void
an_isolated_worker_gets_a_daily_health_check_until_isolation_ends(void **state)
{
	struct fixture *f = *state;
	char due[17];

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_REACHED,
	    "whereabouts", "home", "return_date", "2020-01-13", "transport", "rail", NULL), 0);
	/* Isolation 2020-01-13 .. 2020-01-27: tomorrow is still inside. */
	due_of(f, "health", due);
	assert_string_equal(due, "2020-01-27 09:00");
	assert_int_equal(record(f, f->worker, "2020-01-27 09:30", OUTCOME_REACHED,
	    "temperature", "36.4", "whereabouts", "home", "return_date", "2020-01-13", NULL), 0);
	/* The check is done and isolation ends today: nothing new. */
	assert_int_equal(count_open(f, "health"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE kind = 'health' "
	    "AND done_reason = 'done'"), 1);
}

static void
needs_job_opens_one_job_followup(void **state)
{
	struct fixture *f = *state;
	char due[17];

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_REACHED,
	    "whereabouts", "never-left", "work_plan", "needs-job", NULL), 0);
	due_of(f, "job", due);
	assert_string_equal(due, "2020-01-27 09:00");
	assert_int_equal(record(f, f->worker, "2020-01-28 10:00", OUTCOME_REACHED,
	    "whereabouts", "never-left", NULL), 0);
	assert_int_equal(count_open(f, "job"), 1);
}

static void
saving_a_call_drops_the_users_draft_only(void **state)
{
	struct fixture *f = *state;
	char sql[256];

	snprintf(sql, sizeof sql, "INSERT INTO drafts VALUES(%lld, %lld, 1, 'a=b'), "
	    "(%lld, %lld, 1, 'c=d')", f->worker, f->inv, f->worker, f->inv2);
	assert_int_equal(db_exec(f->t->db, sql), 0);
	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_BUSY, NULL), 0);
	snprintf(sql, sizeof sql, "SELECT user_id FROM drafts");
	assert_int_equal(scalar(f->t->db, sql), f->inv2);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM drafts"), 1);
}

static void
a_failing_insert_rolls_back_the_call_its_answers_and_the_case(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_NO_ANSWER, NULL), 0);
	/* Make the follow-up insert, which comes after the call, its answers
	 * and the case update, fail. */
	assert_int_equal(db_exec(f->t->db, "CREATE TEMP TRIGGER boom BEFORE INSERT ON "
	    "main.followups BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"), 0);
	assert_int_equal(record(f, f->worker, "2020-01-26 15:30", OUTCOME_REACHED,
	    "whereabouts", "home", "return_date", "2020-01-20", "symptoms", "fever",
	    "urged_doctor", "yes", NULL),
	    DB_ERROR);
	assert_non_null(strstr(db_error(f->t->db), "disk on fire"));
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM calls"), 1);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM call_answers"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT calls = 1 AND contact = 'unreached' AND "
	    "whereabouts IS NULL FROM cases"), 1);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE done_at IS NULL "
	    "AND kind = 'callback'"), 1);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups WHERE done_at IS NOT NULL"),
	    0);
	/* A call by a user who does not exist is refused (db/roles.h). */
	assert_int_equal(db_exec(f->t->db, "DROP TRIGGER boom"), 0);
	assert_int_equal(calls_record(f->t->db, &f->set, f->worker, 999, clock_parse("2020-01-26 16:00"),
	    "", OUTCOME_BUSY, NULL, NULL), DB_DENIED);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM calls"), 1);
	assert_int_equal(calls_record(f->t->db, &f->set, 4242, f->inv, clock_parse("2020-01-26 16:00"),
	    "", OUTCOME_BUSY, NULL, NULL), DB_NOTFOUND);
}

/* A tiny deterministic generator for the long run. */
static unsigned
next_rand(unsigned long long *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(*s >> 33);
}

static void
the_stored_case_equals_the_recomputed_one_after_many_calls(void **state)
{
	struct fixture *f = *state;
	static const char *const where[] = { "home", "hubei", "elsewhere", "never-left" };
	long long w[3] = { f->worker, add_worker(f->t->db, "430121198512120016"),
	    add_worker(f->t->db, "420102199107070027") };
	unsigned long long seed = 7;
	time_t at = clock_parse("2020-01-26 09:00");
	char when[17], ret[11], temp[8];

	for (int i = 0; i < 150; i++) {
		unsigned r = next_rand(&seed);
		long long worker = w[r % 3];
		/* Mostly forward in time, sometimes backdated before the last call. */
		at += (r % 11 == 0) ? -3 * 3600 : (time_t)(r % 7) * 1800;
		clock_datetime(at, when);
		clock_date(at - 86400 * (time_t)(r % 5), ret);
		snprintf(temp, sizeof temp, "%d.%d", 36 + (int)(r % 3), (int)(r / 7 % 10));
		if (r % 3 == 0)
			assert_int_equal(record(f, worker, when, (enum call_outcome)(1 + r / 3 % 6), NULL), 0);
		else if (r % 3 == 1)
			assert_int_equal(record(f, worker, when, OUTCOME_REACHED, "whereabouts",
			    where[r / 5 % 4], "return_date", ret, "hubei_city", "孝感",
			    "elsewhere_place", "长沙", "temperature", temp, "work_plan",
			    r % 4 ? "back-soon" : "needs-job", "note", r % 2 ? "" : when, NULL), 0);
		else
			assert_int_equal(record(f, worker, when, OUTCOME_REACHED, "whereabouts",
			    where[r / 5 % 4], "return_date", ret, "symptoms", r % 2 ? "fever" : "",
			    "onset_date", ret, "urged_doctor", "no", NULL), 0);
		assert_stored_equals_recomputed(f, worker);
	}
	/* Reassigned after its calls (made by its investigator then). */
	assert_int_equal(cases_assign(f->t->db, &w[1], 1, f->inv2, f->lead), 0);
	for (int i = 0; i < 3; i++)
		assert_stored_equals_recomputed(f, w[i]);
	assert_int_equal(scalar(f->t->db, "SELECT sum(calls) FROM cases"), 150);
}

static void
cases_refresh_rewrites_a_damaged_row(void **state)
{
	struct fixture *f = *state;
	struct case_row r;

	assert_int_equal(record(f, f->worker, "2020-01-26 10:00", OUTCOME_REACHED,
	    "whereabouts", "hubei", "hubei_city", "武汉", NULL), 0);
	assert_int_equal(db_exec(f->t->db, "UPDATE cases SET place = '长沙', calls = 9"), 0);
	assert_int_equal(db_begin_write(f->t->db), 0);
	assert_int_equal(cases_refresh(f->t->db, f->worker, f->set.max_attempts), 0);
	assert_int_equal(db_commit(f->t->db), 0);
	assert_int_equal(cases_get(f->t->db, f->worker, &r), 0);
	assert_string_equal(r.state.place, "武汉");
	assert_int_equal(r.state.calls, 1);
}

static void
assigning_appends_assignments_audits_and_sets_the_investigator(void **state)
{
	struct fixture *f = *state;
	long long w2 = add_worker(f->t->db, "430121198512120016");
	long long ids[2] = { f->worker, w2 };
	struct case_row r;

	assert_int_equal(cases_assign(f->t->db, ids, 2, f->inv, f->lead), 0);
	assert_int_equal(cases_get(f->t->db, w2, &r), 0);
	assert_int_equal(r.investigator_id, f->inv);
	assert_string_equal(r.investigator_name, "李娜");
	assert_int_equal(cases_assign(f->t->db, ids, 1, f->inv2, f->admin), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM assignments"), 3);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM audit WHERE action = 'case.assign' "
	    "AND old_value = 'inv1' AND new_value = 'inv2'"), 1);
	assert_stored_equals_recomputed(f, f->worker);
	/* Investigators may not assign; unknown workers roll everything back. */
	assert_int_equal(cases_assign(f->t->db, ids, 2, f->inv, f->inv), DB_DENIED);
	ids[1] = 4242;
	assert_int_equal(cases_assign(f->t->db, ids, 2, f->inv, f->lead), DB_NOTFOUND);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM assignments"), 3);
	assert_int_equal(users_set_active(f->t->db, "inv1", 0, f->admin), 0);
	assert_int_equal(cases_assign(f->t->db, ids, 1, f->inv, f->lead), DB_INVALID);
}

static void
followups_are_added_moved_closed_and_listed_for_their_owner(void **state)
{
	struct fixture *f = *state;
	struct followup *v;
	size_t n;
	long long id, moved;
	struct case_row r;

	assert_int_equal(cases_assign(f->t->db, &f->worker, 1, f->inv, f->lead), 0);
	assert_int_equal(followups_add(f->t->db, f->worker, FOLLOWUP_JOB,
	    clock_parse("2020-01-28 10:00"), 0, "介绍岗位", f->inv, &id), 0);
	assert_int_equal(followups_open(f->t->db, 0, f->inv, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].owner_name, "李娜");
	assert_string_equal(v[0].worker_name, "曾小兵");
	assert_string_equal(v[0].note, "介绍岗位");
	free(v);
	assert_int_equal(followups_move(f->t->db, id, clock_parse("2020-01-29 10:00"), f->inv,
	    &moved), 0);
	assert_true(moved != id);
	assert_int_equal(followups_move(f->t->db, id, clock_parse("2020-01-29 10:00"), f->inv,
	    &moved), DB_INVALID);
	assert_int_equal(cases_get(f->t->db, f->worker, &r), 0);
	assert_int_equal(r.next_due_at, clock_parse("2020-01-29 10:00"));
	assert_string_equal(r.next_kind, "job");
	assert_int_equal(followups_open(f->t->db, 0, f->inv2, &v, &n), 0);
	assert_int_equal(n, 0);
	free(v);
	assert_int_equal(followups_add(f->t->db, f->worker, FOLLOWUP_ESCALATION,
	    clock_parse("2020-01-28 10:00"), f->lead, "", f->inv, NULL), 0);
	assert_int_equal(followups_open(f->t->db, 0, f->lead, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].owner_name, "组长");
	free(v);
	assert_int_equal(followups_close(f->t->db, moved, "cancelled", f->inv), 0);
	assert_int_equal(followups_close(f->t->db, moved, "done", f->inv), DB_INVALID);
	assert_int_equal(followups_close(f->t->db, 999, "done", f->inv), DB_NOTFOUND);
	assert_int_equal(followups_open(f->t->db, f->worker, 0, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].kind, FOLLOWUP_ESCALATION);
	free(v);
	assert_int_equal(followups_open_all(f->t->db, &v, &n), 0);
	assert_int_equal(n, 1);
	free(v);
	assert_stored_equals_recomputed(f, f->worker);
}

/* The claim is checked inside the write transaction, not only by the
 * caller beforehand: a case another investigator holds is refused whole. */
static void
a_call_on_a_case_another_user_claimed_is_refused_and_nothing_is_written(void **state)
{
	struct fixture *f = *state;
	char holder[96];
	time_t until;

	assert_int_equal(claims_take(f->t->db, f->worker, f->inv2, 30, holder, sizeof holder,
	    &until), 0);
	assert_int_equal(record(f, f->worker, "2020-01-26 09:00", OUTCOME_NO_ANSWER, NULL),
	    DB_CONFLICT);
	assert_non_null(strstr(db_error(f->t->db), "王强"));
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM calls"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM followups"), 0);
	assert_int_equal(scalar(f->t->db, "SELECT calls FROM cases"), 0);
	/* once released (or expired) the same call goes through */
	assert_int_equal(claims_release(f->t->db, f->worker, f->inv2), 0);
	assert_int_equal(record(f, f->worker, "2020-01-26 09:00", OUTCOME_NO_ANSWER, NULL), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM calls"), 1);
	/* the holder's own call is never refused by its own claim */
	assert_int_equal(claims_take(f->t->db, f->worker, f->inv, 30, holder, sizeof holder,
	    &until), 0);
	assert_int_equal(record(f, f->worker, "2020-01-26 09:05", OUTCOME_BUSY, NULL), 0);
	assert_int_equal(scalar(f->t->db, "SELECT count(*) FROM calls"), 2);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(invalid_answers_are_refused_with_the_forms_message_and_nothing_is_written),
		T(answers_are_stored_canonical_without_the_outcome),
		T(failed_calls_schedule_a_callback_by_outcome_and_supersede_the_last),
		T(max_failed_attempts_make_the_case_unreachable_and_escalate_once_to_the_lead),
		T(escalations_go_to_the_first_admin_when_there_is_no_active_lead),
		T(a_symptomatic_worker_gets_a_medical_followup_the_next_morning),
		T(an_isolated_worker_gets_a_daily_health_check_until_isolation_ends),
		T(needs_job_opens_one_job_followup),
		T(saving_a_call_drops_the_users_draft_only),
		T(a_failing_insert_rolls_back_the_call_its_answers_and_the_case),
		T(the_stored_case_equals_the_recomputed_one_after_many_calls),
		T(cases_refresh_rewrites_a_damaged_row),
		T(assigning_appends_assignments_audits_and_sets_the_investigator),
		T(followups_are_added_moved_closed_and_listed_for_their_owner),
		T(a_call_on_a_case_another_user_claimed_is_refused_and_nothing_is_written),
	};

	return cmocka_run_group_tests_name("calls", tests, NULL, NULL);
}
