/* test_claims.c -- one investigator per case at a time. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/claims.h"
#include "forms/clock.h"
#include "tests/unit/seed.h"
#include "tests/unit/testdb.h"

struct fixture {
	struct testdb *t;
	long long zhang, wang;
	time_t now;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	f->t = testdb_new();
	f->zhang = seed_user(f->t->db, "zhang", "张伟", ROLE_INVESTIGATOR);
	f->wang = seed_user(f->t->db, "wang", "王芳", ROLE_INVESTIGATOR);
	seed_worker(f->t->db, 1, "张军", "西湖村", "430121199001010011", NULL, NULL, f->zhang);
	seed_worker(f->t->db, 2, "李明", "西湖村", "430121199001010022", NULL, NULL, f->zhang);
	f->now = clock_parse("2020-02-03 10:00");
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

static long long
claimed_by(struct fixture *f, long long worker)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(f->t->db->conn,
	    "SELECT coalesce(claimed_by, 0) FROM cases WHERE worker_id = ?1", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, worker);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
a_second_investigator_is_refused_with_the_holders_name(void **state)
{
	struct fixture *f = *state;
	char holder[96];
	time_t until;

	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now, holder, sizeof holder,
	    &until), 0);
	assert_int_equal(until, f->now + 15 * 60);
	assert_int_equal(claims_take_at(f->t->db, 1, f->wang, 15, f->now + 60, holder, sizeof holder,
	    &until), DB_CONFLICT);
	assert_string_equal(holder, "张伟");
	assert_int_equal(until, f->now + 15 * 60);
	assert_non_null(strstr(db_error(f->t->db), "张伟"));
	assert_int_equal(claimed_by(f, 1), f->zhang);
	/* The holder renews; the other case stays free for the second. */
	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now + 600, NULL, 0, &until), 0);
	assert_int_equal(until, f->now + 600 + 15 * 60);
	assert_int_equal(claims_take_at(f->t->db, 2, f->wang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claimed_by(f, 2), f->wang);
}

static void
an_expired_claim_is_free(void **state)
{
	struct fixture *f = *state;
	char holder[96];

	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_take_at(f->t->db, 1, f->wang, 15, f->now + 15 * 60 - 1, holder,
	    sizeof holder, NULL), DB_CONFLICT);
	assert_int_equal(claims_take_at(f->t->db, 1, f->wang, 15, f->now + 15 * 60, holder,
	    sizeof holder, NULL), 0);
	assert_int_equal(claimed_by(f, 1), f->wang);
}

static long long
seen_rows(struct fixture *f, long long worker, long long user)
{
	sqlite3_stmt *st;
	long long v = -1;

	assert_int_equal(sqlite3_prepare_v2(f->t->db->conn,
	    "SELECT count(*) FROM audit WHERE action = 'worker.seen' AND entity = 'worker' "
	    "AND entity_id = ?1 AND user_id = ?2 AND field = 'phones'", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, worker);
	sqlite3_bind_int64(st, 2, user);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Opening a case: the claim and the audit of the phones seen in one
 * commit; the audit also when another holds the claim, and none for a
 * worker without phones. */
static void
claim_and_seen_are_one_transaction(void **state)
{
	struct fixture *f = *state;
	char holder[96];
	time_t until;

	seed_worker(f->t->db, 3, "王强", "西湖村", "430121199001010033", "13574895655",
	    "+8613574895655", f->zhang);
	clock_pin(f->now);
	assert_int_equal(claims_take_seen(f->t->db, 3, f->zhang, 15, holder, sizeof holder,
	    &until), 0);
	assert_int_equal(until, f->now + 15 * 60);
	assert_int_equal(claimed_by(f, 3), f->zhang);
	assert_int_equal(seen_rows(f, 3, f->zhang), 1);
	assert_int_equal(claims_take_seen(f->t->db, 3, f->wang, 15, holder, sizeof holder,
	    &until), DB_CONFLICT);
	assert_string_equal(holder, "张伟");
	assert_non_null(strstr(db_error(f->t->db), "张伟"));
	assert_int_equal(claimed_by(f, 3), f->zhang);
	assert_int_equal(seen_rows(f, 3, f->wang), 1);
	assert_int_equal(claims_take_seen(f->t->db, 1, f->zhang, 15, NULL, 0, NULL), 0);
	assert_int_equal(seen_rows(f, 1, f->zhang), 0);
	assert_false(f->t->db->in_tx);
	clock_unpin();
}

/* claims_check (what a call checks) agrees with claims_take: a claim
 * holds up to the second before its expiry and is over at that second. */
static void
a_claim_refuses_others_until_its_expiry_second(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_check(f->t->db, 1, f->wang, f->now + 15 * 60 - 1), DB_CONFLICT);
	assert_int_equal(claims_check(f->t->db, 1, f->wang, f->now + 15 * 60), 0);
	assert_int_equal(claims_check(f->t->db, 1, f->zhang, f->now + 60), 0);
}

static void
release_frees_only_ones_own_claim(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_release(f->t->db, 1, f->wang), 0);
	assert_int_equal(claimed_by(f, 1), f->zhang);
	assert_int_equal(claims_release(f->t->db, 1, f->zhang), 0);
	assert_int_equal(claimed_by(f, 1), 0);
	assert_int_equal(claims_take_at(f->t->db, 1, f->wang, 15, f->now, NULL, 0, NULL), 0);
}

static void
release_all_frees_every_claim_of_the_user_and_no_other(void **state)
{
	struct fixture *f = *state;

	seed_worker(f->t->db, 3, "王强", "西湖村", "430121199001010033", NULL, NULL, f->wang);
	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_take_at(f->t->db, 2, f->zhang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_take_at(f->t->db, 3, f->wang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_release_all(f->t->db, f->zhang), 0);
	assert_int_equal(claimed_by(f, 1), 0);
	assert_int_equal(claimed_by(f, 2), 0);
	assert_int_equal(claimed_by(f, 3), f->wang);
}

static void
claiming_a_worker_without_a_case_is_not_found(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(claims_take_at(f->t->db, 99, f->zhang, 15, f->now, NULL, 0, NULL),
	    DB_NOTFOUND);
}

static void
a_claim_is_seen_by_another_connection_at_once(void **state)
{
	struct fixture *f = *state;
	struct db *other;
	char err[256], holder[96];

	assert_int_equal(db_open(f->t->path, DB_OPEN_EXISTING, &other, err, sizeof err), 0);
	assert_int_equal(claims_take_at(f->t->db, 1, f->zhang, 15, f->now, NULL, 0, NULL), 0);
	assert_int_equal(claims_take_at(other, 1, f->wang, 15, f->now, holder, sizeof holder, NULL),
	    DB_CONFLICT);
	assert_string_equal(holder, "张伟");
	db_close(other);
}

/* In a child: open an own connection, say so on `ready`, wait until `go`
 * closes, claim worker 1 for user; exit 0 won, 1 refused, 2 error. */
static void
race_child(const char *path, long long user, time_t now, int ready, int go)
{
	struct db *db;
	char err[256], c = 'r';
	int rc;

	if (db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) != 0)
		_exit(2);
	if (write(ready, &c, 1) != 1)
		_exit(2);
	while (read(go, &c, 1) > 0)
		;
	rc = claims_take_at(db, 1, user, 15, now, NULL, 0, NULL);
	db_close(db);
	_exit(rc == 0 ? 0 : rc == DB_CONFLICT ? 1 : 2);
}

static void
two_processes_racing_for_one_case_exactly_one_wins(void **state)
{
	struct fixture *f = *state;
	long long users[2] = { f->zhang, f->wang };

	for (int round = 0; round < 25; round++) {
		int ready[2], go[2], status, won = -1, lost = 0;
		pid_t pid[2];
		char c;

		assert_int_equal(pipe(ready), 0);
		assert_int_equal(pipe(go), 0);
		for (int i = 0; i < 2; i++) {
			pid[i] = fork();
			assert_true(pid[i] >= 0);
			if (pid[i] == 0) {
				close(ready[0]);
				close(go[1]);
				race_child(f->t->path, users[i], f->now, ready[1], go[0]);
			}
		}
		close(ready[1]);
		close(go[0]);
		for (int i = 0; i < 2; i++)
			assert_int_equal(read(ready[0], &c, 1), 1);
		close(go[1]);	/* both children start claiming now */
		for (int i = 0; i < 2; i++) {
			assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
			assert_true(WIFEXITED(status));
			if (WEXITSTATUS(status) == 0) {
				assert_int_equal(won, -1);
				won = i;
			} else {
				assert_int_equal(WEXITSTATUS(status), 1);
				lost++;
			}
		}
		close(ready[0]);
		assert_int_equal(lost, 1);
		assert_true(won >= 0);
		assert_int_equal(claimed_by(f, 1), users[won]);
		assert_int_equal(claims_release(f->t->db, 1, users[won]), 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(a_second_investigator_is_refused_with_the_holders_name, setup, teardown),
		cmocka_unit_test_setup_teardown(an_expired_claim_is_free, setup, teardown),
		cmocka_unit_test_setup_teardown(claim_and_seen_are_one_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(a_claim_refuses_others_until_its_expiry_second, setup, teardown),
		cmocka_unit_test_setup_teardown(release_frees_only_ones_own_claim, setup, teardown),
		cmocka_unit_test_setup_teardown(release_all_frees_every_claim_of_the_user_and_no_other, setup, teardown),
		cmocka_unit_test_setup_teardown(claiming_a_worker_without_a_case_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(a_claim_is_seen_by_another_connection_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(two_processes_racing_for_one_case_exactly_one_wins, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
