/* test_db.c -- the database foundation: schema, settings, users, workers. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "db/dbi.h"
#include "db/schema.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "tests/unit/testdb.h"

static int
setup(void **state)
{
	*state = testdb_new();
	return 0;
}

static int
teardown(void **state)
{
	testdb_free(*state);
	return 0;
}

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

static void
schema_is_created_from_an_empty_file_at_the_latest_version(void **state)
{
	struct testdb *t = *state;

	assert_int_equal(schema_version(t->db), schema_latest());
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
	    "('workers','phones','cases','calls','call_answers','followups','users','audit',"
	    "'assignments','settings','drafts')"), 11);
}

static void
every_connection_uses_wal_and_foreign_keys(void **state)
{
	struct testdb *t = *state;
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(t->db->conn, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	assert_int_equal(scalar(t->db, "PRAGMA foreign_keys"), 1);
	/* issue 13: a saved call is on the disk when paicha says so (FULL
	 * syncs the -wal at every commit; NORMAL could lose the last ones
	 * to a power cut) */
	assert_int_equal(scalar(t->db, "PRAGMA synchronous"), 2);
}

/* The last connection to close keeps the -wal and -shm files (emptied):
 * investigators' processes never race to create them again, which could
 * hand one of them a read-only -shm ("attempt to write a readonly
 * database"). */
static void
closing_the_last_connection_keeps_the_wal_and_shm_files(void **state)
{
	struct testdb *t = *state;
	char wal[160], shm[160], err[256];
	struct stat sb;

	assert_int_equal(users_add(t->db, "li", "李娜", ROLE_LEAD, 0, NULL), 0);
	db_close(t->db);
	t->db = NULL;
	snprintf(wal, sizeof wal, "%s-wal", t->path);
	snprintf(shm, sizeof shm, "%s-shm", t->path);
	assert_int_equal(stat(wal, &sb), 0);
	assert_int_equal(sb.st_size, 0);	/* checkpointed and cut back */
	assert_int_equal(stat(shm, &sb), 0);
	/* and the next connection reads the data through them */
	assert_int_equal(db_open(t->path, DB_OPEN_EXISTING, &t->db, err, sizeof err), 0);
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM users WHERE login = 'li'"), 1);
}

static void
reopening_a_migrated_file_keeps_its_data(void **state)
{
	struct testdb *t = *state;
	struct db *again;
	char err[256];
	struct user u;

	assert_int_equal(users_add(t->db, "li", "李娜", ROLE_LEAD, 0, NULL), 0);
	assert_int_equal(db_open(t->path, DB_OPEN_EXISTING, &again, err, sizeof err), 0);
	assert_int_equal(schema_version(again), schema_latest());
	assert_int_equal(users_find(again, "li", &u), 0);
	assert_string_equal(u.name, "李娜");
	db_close(again);
}

/* Each migration on a file that holds the previous version's data. */
static void
each_migration_upgrades_a_file_of_the_previous_version_keeping_its_data(void **state)
{
	struct testdb *t = *state;
	char path[160], err[512];
	sqlite3 *raw;
	struct db *db;
	struct user u;

	snprintf(path, sizeof path, "%s/old.db", t->dir);
	/* An empty file, brought to version 1 only, the way an old paicha left it. */
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &db, err, sizeof err), DB_ERROR);
	{
		struct db old = { 0 };
		assert_int_equal(sqlite3_open(path, &old.conn), SQLITE_OK);
		assert_int_equal(schema_migrate_to(&old, 1), 0);
		assert_int_equal(schema_version(&old), 1);
		assert_int_equal(sqlite3_exec(old.conn, "INSERT INTO users(login, name, role, "
		    "created_at) VALUES('old', '老用户', 'admin', 1)", NULL, NULL, NULL), SQLITE_OK);
		/* a worker with a phone and a case, for migration 4's new tables */
		assert_int_equal(sqlite3_exec(old.conn,
		    "INSERT INTO workers(id, id_number, name, grp, source, created_at) "
		    "VALUES(7, '11010519491231002X', '张三', 'A', 'test', 1);"
		    "INSERT INTO phones(id, worker_id, rank, typed, e164, kind, display, created_at) "
		    "VALUES(42, 7, 0, '13574895655', '+8613574895655', 'mobile', '13574895655', 1);"
		    "INSERT INTO cases(worker_id, contact, calls, updated_at) VALUES(7, 'reached', 3, 1);",
		    NULL, NULL, NULL), SQLITE_OK);
		for (size_t i = 0; i < old.ncache; i++)
			sqlite3_finalize(old.cache[i].stmt);
		free(old.cache);
		sqlite3_close(old.conn);
	}
	/* Opening it read-only refuses to work on an old schema ... */
	assert_int_equal(db_open(path, DB_OPEN_READONLY, &db, err, sizeof err), DB_ERROR);
	assert_non_null(strstr(err, "schema version 1"));
	/* ... opening it read-write migrates every later version, keeping the data. */
	assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err), 0);
	assert_int_equal(schema_version(db), schema_latest());
	assert_int_equal(users_find(db, "old", &u), 0);
	assert_string_equal(u.name, "老用户");
	/* phones and cases, made again by migration 4, keep rows, ids, indexes
	 * and their checks */
	{
		sqlite3 *c;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(path, &c), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(c,
		    "SELECT (SELECT id || kind FROM phones WHERE worker_id = 7), "
		    "(SELECT contact || calls FROM cases WHERE worker_id = 7), "
		    "(SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_schema WHERE "
		    "type = 'index' AND tbl_name IN ('phones', 'cases') AND sql IS NOT NULL ORDER BY name))",
		    -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), "42mobile");
		assert_string_equal((const char *)sqlite3_column_text(st, 1), "reached3");
		assert_string_equal((const char *)sqlite3_column_text(st, 2),
		    "cases_claimed,cases_investigator,phones_current,phones_removed,phones_search");
		sqlite3_finalize(st);
		assert_int_not_equal(sqlite3_exec(c, "UPDATE phones SET kind = 'fax'", NULL, NULL, NULL),
		    SQLITE_OK);
		assert_int_not_equal(sqlite3_exec(c, "UPDATE cases SET contact = 'maybe'", NULL, NULL,
		    NULL), SQLITE_OK);
		sqlite3_close(c);
	}
	db_close(db);
	unlink(path);
}

/* A file at schema version v made the way paicha v would have left it,
 * with a township's rows in every table version 1 defines. */
static void
make_old(const char *path, int v)
{
	struct db old = { 0 };

	unlink(path);
	assert_int_equal(sqlite3_open(path, &old.conn), SQLITE_OK);
	assert_int_equal(sqlite3_exec(old.conn, "PRAGMA journal_mode = WAL", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(schema_migrate_to(&old, v), 0);
	assert_int_equal(schema_version(&old), v);
	assert_int_equal(sqlite3_exec(old.conn,
	    "INSERT INTO users(id, login, name, role, created_at) VALUES(1, 'old', '老用户', 'admin', 1);"
	    "INSERT INTO workers(id, id_number, name, grp, source, created_at) "
	    "VALUES(7, '11010519491231002X', '张三', 'A', 'test', 1);"
	    "INSERT INTO phones(id, worker_id, rank, typed, e164, kind, display, created_at) "
	    "VALUES(42, 7, 0, '13574895655', '+8613574895655', 'mobile', '13574895655', 1);"
	    "INSERT INTO cases(worker_id, contact, calls, updated_at) VALUES(7, 'reached', 1, 1);"
	    "INSERT INTO calls(id, worker_id, user_id, at, outcome) VALUES(9, 7, 1, 2, 'reached');"
	    "INSERT INTO followups(id, worker_id, kind, due_at, created_at, call_id) "
	    "VALUES(5, 7, 'health', 100, 2, 9);",
	    NULL, NULL, NULL), SQLITE_OK);
	for (size_t i = 0; i < old.ncache; i++)
		sqlite3_finalize(old.cache[i].stmt);
	free(old.cache);
	sqlite3_close(old.conn);
}

/* The rows make_old wrote, as one text. */
static void
assert_old_rows_kept(struct db *db)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db->conn,
	    "SELECT (SELECT group_concat(login || name || role) FROM users) || '|' || "
	    "(SELECT group_concat(id || name || grp) FROM workers) || '|' || "
	    "(SELECT group_concat(id || e164 || kind) FROM phones) || '|' || "
	    "(SELECT group_concat(worker_id || contact || calls) FROM cases) || '|' || "
	    "(SELECT group_concat(id || outcome || at) FROM calls) || '|' || "
	    "(SELECT group_concat(id || kind || due_at || call_id) FROM followups)",
	    -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0),
	    "old老用户admin|7张三A|42+8613574895655mobile|7reached1|9reached2|5health1009");
	sqlite3_finalize(st);
}

/* From every older version, not only 1: each is made with its data and
 * opened by this paicha, which upgrades it to the latest. */
static void
every_old_version_upgrades_to_the_latest_keeping_its_data(void **state)
{
	struct testdb *t = *state;
	char path[160], err[512];
	struct db *db;

	snprintf(path, sizeof path, "%s/v.db", t->dir);
	assert_true(schema_latest() >= 2);
	for (int v = 1; v < schema_latest(); v++) {
		make_old(path, v);
		if (db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err) != 0)
			fail_msg("version %d: %s", v, err);
		assert_int_equal(schema_version(db), schema_latest());
		assert_old_rows_kept(db);
		assert_int_equal(sqlite3_exec(db->conn, "PRAGMA foreign_key_check", NULL, NULL, NULL),
		    SQLITE_OK);
		db_close(db);
	}
	unlink(path);
}

/* A file from a newer paicha is refused, saying so, and left as it is. */
static void
a_file_newer_than_this_paicha_is_refused_untouched(void **state)
{
	struct testdb *t = *state;
	char path[160], err[512] = "", pragma[64];
	struct db *db = NULL;
	sqlite3 *raw;
	sqlite3_stmt *st;

	snprintf(path, sizeof path, "%s/new.db", t->dir);
	make_old(path, schema_latest());
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", schema_latest() + 1);
	assert_int_equal(sqlite3_exec(raw, pragma, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_not_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err), 0);
	assert_null(db);
	if (strstr(err, "newer than this paicha") == NULL || strstr(err, "install the newer paicha") == NULL)
		fail_msg("message: %s", err);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), schema_latest() + 1);
	sqlite3_finalize(st);
	sqlite3_close(raw);
	unlink(path);
}

/* Two processes open a version-1 file at the same moment: both succeed,
 * the file is migrated once, the data kept (no migration run twice). */
static void
two_processes_migrating_at_once_both_succeed(void **state)
{
	struct testdb *t = *state;
	char path[160], err[512];
	struct db *db;

	snprintf(path, sizeof path, "%s/race.db", t->dir);
	for (int round = 0; round < 5; round++) {
		int go[2], status, ok = 0;
		pid_t kids[2];

		make_old(path, 1);
		assert_int_equal(pipe(go), 0);
		for (int k = 0; k < 2; k++) {
			if ((kids[k] = fork()) == 0) {
				char c;
				struct db *d;

				close(go[1]);
				if (read(go[0], &c, 1) != 0)	/* start together at EOF */
					_exit(3);
				_exit(db_open(path, DB_OPEN_EXISTING, &d, err, sizeof err) == 0 &&
				    schema_version(d) == schema_latest() ? 0 : 1);
			}
			assert_true(kids[k] > 0);
		}
		close(go[0]);
		close(go[1]);
		for (int k = 0; k < 2; k++) {
			assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
			ok += WIFEXITED(status) && WEXITSTATUS(status) == 0;
		}
		assert_int_equal(ok, 2);
		assert_int_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err), 0);
		assert_int_equal(schema_version(db), schema_latest());
		assert_old_rows_kept(db);
		db_close(db);
	}
	unlink(path);
}

static void
opening_a_missing_file_says_to_run_init(void **state)
{
	struct db *db;
	char err[512];

	(void)state;
	assert_int_equal(db_open("/tmp/no-such-paicha.db", DB_OPEN_EXISTING, &db, err, sizeof err),
	    DB_NOTFOUND);
	assert_null(db);
	assert_non_null(strstr(err, "paicha init"));
}

static void
opening_a_foreign_sqlite_file_is_refused(void **state)
{
	struct testdb *t = *state;
	char path[160], err[512];
	sqlite3 *raw;
	struct db *db;

	snprintf(path, sizeof path, "%s/other.db", t->dir);
	assert_int_equal(sqlite3_open(path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "CREATE TABLE x(a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(raw);
	assert_int_not_equal(db_open(path, DB_OPEN_EXISTING, &db, err, sizeof err), 0);
	assert_non_null(strstr(err, "not a paicha database"));
	unlink(path);
}

static void
settings_are_validated_and_stored(void **state)
{
	struct testdb *t = *state;
	struct settings s;

	assert_int_equal(settings_store(t->db, "division", "430121101"), 0);
	assert_int_equal(settings_store(t->db, "area_code", "0731"), 0);
	assert_int_not_equal(settings_store(t->db, "division", "4301"), 0);
	assert_non_null(strstr(db_error(t->db), "9-digit"));
	assert_int_not_equal(settings_store(t->db, "retry_busy", "soon"), 0);
	settings_defaults(&s);
	assert_int_equal(settings_load(t->db, &s), 0);
	assert_string_equal(s.division, "430121101");
	assert_string_equal(s.area_code, "0731");
	assert_int_equal(s.retry_no_answer, 120);
	assert_int_equal(s.max_attempts, 5);
}

static void
users_are_unique_by_login_and_can_be_disabled(void **state)
{
	struct testdb *t = *state;
	struct user u;
	long long id, admin;

	assert_int_equal(users_add(t->db, "root", "管理员", ROLE_ADMIN, 0, &admin), 0);
	assert_int_equal(users_add(t->db, "zhangwei", "张伟", ROLE_INVESTIGATOR, 0, &id), 0);
	assert_int_equal(users_add(t->db, "zhangwei", "张伟", ROLE_LEAD, 0, NULL), DB_CONFLICT);
	assert_int_equal(users_find(t->db, "zhangwei", &u), 0);
	assert_int_equal(u.id, id);
	assert_int_equal(u.role, ROLE_INVESTIGATOR);
	assert_true(u.active);
	/* Only an admin manages users (db/roles.h). */
	assert_int_equal(users_set_active(t->db, "zhangwei", 0, id), DB_DENIED);
	assert_int_equal(users_add(t->db, "wang", "王芳", ROLE_LEAD, id, NULL), DB_DENIED);
	assert_int_equal(users_set_active(t->db, "zhangwei", 0, admin), 0);
	assert_int_equal(users_find(t->db, "zhangwei", &u), 0);
	assert_false(u.active);
	assert_int_equal(users_find(t->db, "nobody", &u), DB_NOTFOUND);
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM audit WHERE action = 'user.disable'"), 1);
}

static struct worker
sample_worker(void)
{
	struct worker w;

	memset(&w, 0, sizeof w);
	snprintf(w.id_number, sizeof w.id_number, "11010519491231002X");
	snprintf(w.name, sizeof w.name, "张军");
	w.gender = 'F';
	snprintf(w.birth_date, sizeof w.birth_date, "1949-12-31");
	snprintf(w.township, sizeof w.township, "黄花镇");
	snprintf(w.village, sizeof w.village, "西湖村");
	w.group = GROUP_A;
	snprintf(w.source, sizeof w.source, "test");
	return w;
}

static void
a_worker_is_stored_with_a_case_and_no_double_id_number(void **state)
{
	struct testdb *t = *state;
	struct worker w = sample_worker(), got;

	assert_int_equal(db_begin_write(t->db), 0);
	assert_int_equal(workers_insert(t->db, &w, 0), 0);
	assert_true(w.id > 0);
	assert_int_equal(workers_insert(t->db, &w, 0), DB_CONFLICT);
	assert_int_equal(db_commit(t->db), 0);
	assert_int_equal(workers_find_idnum(t->db, "11010519491231002X", &got), 0);
	assert_string_equal(got.name, "张军");
	assert_int_equal(got.group, GROUP_A);
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(scalar(t->db, "SELECT contact = 'uncalled' FROM cases"), 1);
}

static void
phones_keep_their_order_and_are_not_doubled(void **state)
{
	struct testdb *t = *state;
	struct worker w = sample_worker();
	struct worker_phone p = { 0 }, *v;
	size_t n;
	int added;

	assert_int_equal(db_begin_write(t->db), 0);
	assert_int_equal(workers_insert(t->db, &w, 0), 0);
	snprintf(p.typed, sizeof p.typed, "135 7489 5655");
	snprintf(p.e164, sizeof p.e164, "+8613574895655");
	snprintf(p.kind, sizeof p.kind, "mobile");
	snprintf(p.display, sizeof p.display, "13574895655");
	assert_int_equal(workers_add_phone(t->db, w.id, &p, &added), 0);
	assert_true(added);
	assert_int_equal(workers_add_phone(t->db, w.id, &p, &added), 0);
	assert_false(added);
	snprintf(p.e164, sizeof p.e164, "+867318490013");
	snprintf(p.kind, sizeof p.kind, "fixed");
	snprintf(p.display, sizeof p.display, "0731-8490013");
	assert_int_equal(workers_add_phone(t->db, w.id, &p, &added), 0);
	assert_int_equal(db_commit(t->db), 0);
	assert_int_equal(workers_phones(t->db, w.id, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].display, "13574895655");
	assert_int_equal(v[0].rank, 0);
	assert_string_equal(v[1].kind, "fixed");
	free(v);
}

/* The case screen's correction of a number (workers_replace_phone with
 * the old phone) puts the new one in the old one's place: a corrected
 * primary number stays primary, the other stays second. */
static void
a_corrected_primary_number_stays_primary(void **state)
{
	struct testdb *t = *state;
	struct worker w = sample_worker();
	struct worker_phone p = { 0 }, *v;
	long long admin;
	size_t n;
	int added;

	assert_int_equal(users_add(t->db, "root", "管理员", ROLE_ADMIN, 0, &admin), 0);
	assert_int_equal(db_begin_write(t->db), 0);
	assert_int_equal(workers_insert(t->db, &w, 0), 0);
	snprintf(p.e164, sizeof p.e164, "+8613574895655");
	snprintf(p.kind, sizeof p.kind, "mobile");
	snprintf(p.display, sizeof p.display, "13574895655");
	assert_int_equal(workers_add_phone(t->db, w.id, &p, &added), 0);
	snprintf(p.e164, sizeof p.e164, "+8613800138000");
	snprintf(p.display, sizeof p.display, "13800138000");
	assert_int_equal(workers_add_phone(t->db, w.id, &p, &added), 0);
	assert_int_equal(db_commit(t->db), 0);
	assert_int_equal(workers_phones(t->db, w.id, &v, &n), 0);
	snprintf(p.e164, sizeof p.e164, "+8613574895656");
	snprintf(p.display, sizeof p.display, "13574895656");
	assert_int_equal(workers_replace_phone(t->db, w.id, 0, v[0].id, &p, admin, &added), 0);
	assert_true(added);
	free(v);
	assert_int_equal(workers_phones(t->db, w.id, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].display, "13574895656");
	assert_string_equal(v[1].display, "13800138000");
	free(v);
}

/* The roster's 备注 is the worker's note: stored with the worker, and a
 * later line is added after it (whole lines compared: a part of a line is
 * new), never over it; what is there already adds nothing. */
static void
a_roster_note_is_added_to_never_replaced(void **state)
{
	struct testdb *t = *state;
	struct worker w = sample_worker(), got;
	char big[600];
	int added;

	snprintf(w.note, sizeof w.note, "电话停机");
	snprintf(w.phones_invalid, sizeof w.phones_invalid, "17489917258");
	assert_int_equal(db_begin_write(t->db), 0);
	assert_int_equal(workers_insert(t->db, &w, 0), 0);
	assert_int_equal(workers_add_line(t->db, w.id, "note", "电话停机", 0, &added), 0);
	assert_int_equal(added, 0);
	assert_int_equal(workers_add_line(t->db, w.id, "note", "电话", 0, &added), 0);
	assert_int_equal(added, 1);
	assert_int_equal(workers_add_line(t->db, w.id, "note", "电话", 0, &added), 0);
	assert_int_equal(added, 0);
	assert_int_equal(workers_add_line(t->db, w.id, "note", "", 0, &added), 0);
	assert_int_equal(added, 0);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(workers_add_line(t->db, w.id, "note", big, 0, &added), 0);
	assert_int_equal(added, -1);
	assert_int_equal(workers_add_line(t->db, w.id, "phones_invalid", "12345", 0, &added), 0);
	assert_int_equal(added, 1);
	assert_int_equal(db_commit(t->db), 0);
	assert_int_equal(workers_get(t->db, w.id, &got), 0);
	assert_string_equal(got.note, "电话停机\n电话");
	assert_string_equal(got.phones_invalid, "17489917258\n12345");
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM audit WHERE action = 'worker.update' "
	    "AND field IN ('note', 'phones_invalid')"), 2);
}

static void
changing_a_worker_field_is_audited_with_old_and_new_value(void **state)
{
	struct testdb *t = *state;
	struct worker w = sample_worker();
	int changed;

	assert_int_equal(db_begin_write(t->db), 0);
	assert_int_equal(workers_insert(t->db, &w, 0), 0);
	assert_int_equal(workers_update_field(t->db, w.id, "village", "东山村", 0, &changed), 0);
	assert_true(changed);
	assert_int_equal(workers_update_field(t->db, w.id, "village", "东山村", 0, &changed), 0);
	assert_false(changed);
	assert_int_equal(db_commit(t->db), 0);
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM audit WHERE action = 'worker.update' "
	    "AND field = 'village' AND old_value = '西湖村' AND new_value = '东山村'"), 1);
}

static void
calls_and_the_audit_log_refuse_update_and_delete(void **state)
{
	struct testdb *t = *state;

	assert_int_equal(users_add(t->db, "a", "A", ROLE_ADMIN, 0, NULL), 0);
	assert_int_not_equal(db_exec(t->db, "UPDATE audit SET action = 'x'"), 0);
	assert_non_null(strstr(db_error(t->db), "append-only"));
	assert_int_not_equal(db_exec(t->db, "DELETE FROM audit"), 0);
	assert_int_equal(scalar(t->db, "SELECT count(*) FROM audit"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(schema_is_created_from_an_empty_file_at_the_latest_version, setup, teardown),
		cmocka_unit_test_setup_teardown(every_connection_uses_wal_and_foreign_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(reopening_a_migrated_file_keeps_its_data, setup, teardown),
		cmocka_unit_test_setup_teardown(closing_the_last_connection_keeps_the_wal_and_shm_files, setup, teardown),
		cmocka_unit_test_setup_teardown(each_migration_upgrades_a_file_of_the_previous_version_keeping_its_data, setup, teardown),
		cmocka_unit_test_setup_teardown(every_old_version_upgrades_to_the_latest_keeping_its_data, setup, teardown),
		cmocka_unit_test_setup_teardown(a_file_newer_than_this_paicha_is_refused_untouched, setup, teardown),
		cmocka_unit_test_setup_teardown(two_processes_migrating_at_once_both_succeed, setup, teardown),
		cmocka_unit_test(opening_a_missing_file_says_to_run_init),
		cmocka_unit_test_setup_teardown(opening_a_foreign_sqlite_file_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(settings_are_validated_and_stored, setup, teardown),
		cmocka_unit_test_setup_teardown(users_are_unique_by_login_and_can_be_disabled, setup, teardown),
		cmocka_unit_test_setup_teardown(a_worker_is_stored_with_a_case_and_no_double_id_number, setup, teardown),
		cmocka_unit_test_setup_teardown(phones_keep_their_order_and_are_not_doubled, setup, teardown),
		cmocka_unit_test_setup_teardown(a_corrected_primary_number_stays_primary, setup, teardown),
		cmocka_unit_test_setup_teardown(a_roster_note_is_added_to_never_replaced, setup, teardown),
		cmocka_unit_test_setup_teardown(changing_a_worker_field_is_audited_with_old_and_new_value, setup, teardown),
		cmocka_unit_test_setup_teardown(calls_and_the_audit_log_refuse_update_and_delete, setup, teardown),
	};
	return cmocka_run_group_tests_name("db", tests, NULL, NULL);
}
