/* history.c -- writing a simulated history at once; see history.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/history.h"
#include "db/schema.h"
#include "forms/answers.h"
#include "forms/xmalloc.h"

/* Bind s, or NULL when it is empty (as cases.c stores it). */
static void
bind_opt_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_text(st, idx, s, -1, SQLITE_STATIC);
}

static void
bind_opt_id(sqlite3_stmt *st, int idx, long long v)
{
	if (v == 0)
		sqlite3_bind_null(st, idx);
	else
		sqlite3_bind_int64(st, idx, (sqlite3_int64)v);
}

int
history_add_case(struct db *db, const struct case_row *r, time_t updated_at)
{
	static const char sql[] =
	    "INSERT INTO cases(worker_id, investigator_id, contact, calls, failed, "
	    "last_call_at, last_outcome, first_reached_at, whereabouts, return_date, "
	    "transport, place, health_asked, symptoms, temperature, onset_date, symptomatic, "
	    "urged_doctor, isolation_start, isolation_end, work_plan, note, next_due_at, "
	    "next_kind, updated_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
	    "?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)";
	sqlite3_stmt *st = db_stmt(db, sql);
	const struct case_state *s = &r->state;

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, r->worker_id);
	bind_opt_id(st, 2, r->investigator_id);
	bind_opt_text(st, 3, contact_state_name(s->contact));
	sqlite3_bind_int(st, 4, s->calls);
	sqlite3_bind_int(st, 5, s->failed);
	bind_opt_id(st, 6, (long long)s->last_call_at);
	bind_opt_text(st, 7, call_outcome_name(s->last_outcome));
	bind_opt_id(st, 8, (long long)s->first_reached_at);
	bind_opt_text(st, 9, s->whereabouts);
	bind_opt_text(st, 10, s->return_date);
	bind_opt_text(st, 11, s->transport);
	bind_opt_text(st, 12, s->place);
	sqlite3_bind_int(st, 13, s->health_asked);
	bind_opt_text(st, 14, s->symptoms);
	bind_opt_text(st, 15, s->temperature);
	bind_opt_text(st, 16, s->onset_date);
	sqlite3_bind_int(st, 17, s->symptomatic);
	sqlite3_bind_int(st, 18, s->urged_doctor);
	bind_opt_text(st, 19, s->isolation_start);
	bind_opt_text(st, 20, s->isolation_end);
	bind_opt_text(st, 21, s->work_plan);
	bind_opt_text(st, 22, s->note);
	bind_opt_id(st, 23, (long long)r->next_due_at);
	bind_opt_text(st, 24, r->next_kind);
	sqlite3_bind_int64(st, 25, (sqlite3_int64)updated_at);
	return db_step_done(db, st);
}

/* An audit row (audit_log() with an explicit time). */
static int
audit_at(struct db *db, time_t at, long long user_id, const char *action, const char *entity,
    long long entity_id, const char *field, const char *new_value)
{
	static const char sql[] =
	    "INSERT INTO audit(at, user_id, action, entity, entity_id, field, old_value, new_value) "
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, NULL, ?7)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)at);
	bind_opt_id(st, 2, user_id);
	sqlite3_bind_text(st, 3, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
	bind_opt_id(st, 5, entity_id);
	sqlite3_bind_text(st, 6, field, -1, SQLITE_STATIC);
	if (new_value != NULL)
		sqlite3_bind_text(st, 7, new_value, -1, SQLITE_STATIC);
	return db_step_done(db, st);
}

int
history_add_assignment(struct db *db, long long worker_id, long long to_user,
    const char *to_login, long long by_user, time_t at)
{
	static const char sql[] =
	    "INSERT INTO assignments(worker_id, investigator_id, at, by_user) "
	    "VALUES(?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	bind_opt_id(st, 2, to_user);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)at);
	bind_opt_id(st, 4, by_user);
	if (db_step_done(db, st) != 0)
		return DB_ERROR;
	return audit_at(db, at, by_user, "case.assign", "worker", worker_id, "investigator",
	    to_user > 0 ? to_login : NULL);
}

/* Many rows a statement: the fixed cost of a statement (its reset, and
 * the table its CHECK's IN list builds) paid once for HISTORY_MANY calls
 * or follow-ups, or ANSWERS_MANY answers. */
#define ANSWERS_MANY 32
#define R4(r) r "," r "," r "," r
#define R16(r) R4(r) "," R4(r) "," R4(r) "," R4(r)
#define CALL_COLS "INSERT INTO calls(id, worker_id, user_id, at, phone, outcome) VALUES"
#define CALL_ROW "(?,?,?,?,?,?)"
#define CALL_VALUES 6
#define ANSWER_COLS "INSERT INTO call_answers(call_id, key, value) VALUES"
#define ANSWER_ROW "(?,?,?)"
#define FU_COLS "INSERT INTO followups(id, worker_id, kind, due_at, owner_id, note, created_at, " \
	"created_by, call_id, done_at, done_by, done_reason) VALUES"
#define FU_ROW "(?,?,?,?,?,'',?,?,?,?,?,?)"
#define FU_VALUES 11

static void
bind_call(sqlite3_stmt *st, int at, const struct history_call *c)
{
	sqlite3_bind_int64(st, at + 1, c->id);
	sqlite3_bind_int64(st, at + 2, c->worker_id);
	sqlite3_bind_int64(st, at + 3, c->user_id);
	sqlite3_bind_int64(st, at + 4, (sqlite3_int64)c->at);
	sqlite3_bind_text(st, at + 5, c->phone ? c->phone : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, at + 6, call_outcome_name(c->outcome), -1, SQLITE_STATIC);
}

/* The answers of calls c[0..n-1], ANSWERS_MANY rows a statement. */
static int
add_answers(struct db *db, const struct history_call *c, size_t n)
{
	static const char sql1[] = ANSWER_COLS ANSWER_ROW;
	static const char sqlmany[] = ANSWER_COLS R16(ANSWER_ROW) "," R16(ANSWER_ROW);
	struct {
		long long call_id;
		const char *key, *value;
	} row[ANSWERS_MANY];
	size_t nrow = 0, i = 0, k = 0;
	sqlite3_stmt *st;

	for (;;) {
		/* gather up to ANSWERS_MANY rows, in the order of (call, key) */
		while (i < n && nrow < ANSWERS_MANY) {
			size_t m = c[i].answers != NULL ? answers_count(c[i].answers) : 0;
			if (k >= m) {
				i++;
				k = 0;
				continue;
			}
			row[nrow].call_id = c[i].id;
			row[nrow].key = answers_key_at(c[i].answers, k);
			row[nrow].value = answers_value_at(c[i].answers, k);
			nrow++;
			k++;
		}
		if (nrow == 0)
			return 0;
		if (nrow == ANSWERS_MANY) {
			if ((st = db_stmt(db, sqlmany)) == NULL)
				return DB_ERROR;
			for (size_t j = 0; j < nrow; j++) {
				sqlite3_bind_int64(st, 3 * (int)j + 1, row[j].call_id);
				sqlite3_bind_text(st, 3 * (int)j + 2, row[j].key, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 3 * (int)j + 3, row[j].value, -1, SQLITE_STATIC);
			}
			if (db_step_done(db, st) != 0)
				return DB_ERROR;
		} else
			for (size_t j = 0; j < nrow; j++) {
				if ((st = db_stmt(db, sql1)) == NULL)
					return DB_ERROR;
				sqlite3_bind_int64(st, 1, row[j].call_id);
				sqlite3_bind_text(st, 2, row[j].key, -1, SQLITE_STATIC);
				sqlite3_bind_text(st, 3, row[j].value, -1, SQLITE_STATIC);
				if (db_step_done(db, st) != 0)
					return DB_ERROR;
			}
		nrow = 0;
	}
}

/* Bind row i of rows to st's parameters from at + 1 on. */
typedef void bind_row_fn(sqlite3_stmt *st, int at, const void *rows, size_t i);

/* Insert n rows: HISTORY_MANY a statement with sqlmany (nvalues
 * parameters a row), the rest one a statement with sql1. */
static int
insert_rows(struct db *db, const char *sql1, const char *sqlmany, int nvalues, bind_row_fn *bind,
    const void *rows, size_t n)
{
	size_t i = 0;
	sqlite3_stmt *st;

	for (; i + HISTORY_MANY <= n; i += HISTORY_MANY) {
		if ((st = db_stmt(db, sqlmany)) == NULL)
			return DB_ERROR;
		for (int j = 0; j < HISTORY_MANY; j++)
			bind(st, j * nvalues, rows, i + (size_t)j);
		if (db_step_done(db, st) != 0)
			return DB_ERROR;
	}
	for (; i < n; i++) {
		if ((st = db_stmt(db, sql1)) == NULL)
			return DB_ERROR;
		bind(st, 0, rows, i);
		if (db_step_done(db, st) != 0)
			return DB_ERROR;
	}
	return 0;
}

static void
bind_call_row(sqlite3_stmt *st, int at, const void *rows, size_t i)
{
	bind_call(st, at, &((const struct history_call *)rows)[i]);
}

int
history_add_calls(struct db *db, const struct history_call *c, size_t n)
{
	static const char sql1[] = CALL_COLS CALL_ROW;
	static const char sqlmany[] = CALL_COLS R16(CALL_ROW);

	if (insert_rows(db, sql1, sqlmany, CALL_VALUES, bind_call_row, c, n) != 0)
		return DB_ERROR;
	return add_answers(db, c, n);
}

static void
bind_followup(sqlite3_stmt *st, int at, const struct history_followup *f)
{
	sqlite3_bind_int64(st, at + 1, f->id);
	sqlite3_bind_int64(st, at + 2, f->worker_id);
	sqlite3_bind_text(st, at + 3, followup_kind_name(f->kind), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, at + 4, (sqlite3_int64)f->due_at);
	bind_opt_id(st, at + 5, f->owner_id);
	sqlite3_bind_int64(st, at + 6, (sqlite3_int64)f->created_at);
	bind_opt_id(st, at + 7, f->created_by);
	bind_opt_id(st, at + 8, f->call_id);
	bind_opt_id(st, at + 9, (long long)f->done_at);
	bind_opt_id(st, at + 10, f->done_at ? f->done_by : 0);
	if (f->done_at != 0)
		sqlite3_bind_text(st, at + 11, f->done_reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, at + 11);
}

static void
bind_followup_row(sqlite3_stmt *st, int at, const void *rows, size_t i)
{
	bind_followup(st, at, ((const struct history_followup *const *)rows)[i]);
}

int
history_add_followups(struct db *db, const struct history_followup *const *f, size_t n)
{
	static const char sql1[] = FU_COLS FU_ROW;
	static const char sqlmany[] = FU_COLS R16(FU_ROW);

	return insert_rows(db, sql1, sqlmany, FU_VALUES, bind_followup_row, f, n);
}

int
history_audit_close(struct db *db, long long followup_id, const char *reason, long long by_user,
    time_t at)
{
	return audit_at(db, at, by_user, "followup.close", "followup", followup_id, "done_reason",
	    reason);
}

/* The tables the demo fills, whose secondary indexes it builds after the
 * load, and the queue tables it builds once from their views. */
static const char bulk_tables[] =
    "('workers', 'phones', 'assignments', 'calls', 'call_answers', 'followups', 'cases', "
    "'audit', 'queue_keys', 'queue_due')";

static int
bulk_keep(struct db *db, struct history_bulk *b, const char *sql)
{
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (b->n == b->cap) {
			b->cap = b->cap ? 2 * b->cap : 32;
			b->name = xrealloc(b->name, b->cap * sizeof *b->name);
			b->sql = xrealloc(b->sql, b->cap * sizeof *b->sql);
			b->trigger = xrealloc(b->trigger, b->cap * sizeof *b->trigger);
		}
		b->name[b->n] = db_column_strdup(st, 0);
		b->sql[b->n] = db_column_strdup(st, 1);
		b->trigger[b->n] = sqlite3_column_int(st, 2);
		b->n++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

/* history_bulk_begin(), and with indexes = 0 history_derived_off(). */
static int
bulk_begin(struct db *db, struct history_bulk *b, int indexes)
{
	char sql[1024];

	memset(b, 0, sizeof *b);
	/* Secondary indexes: SQLite builds each by sorting at the end, far
	 * cheaper than a b-tree insert per row.  The queue triggers: each
	 * rewrites a case's queue rows at every case and follow-up insert;
	 * the lead's counts' triggers (tally_*, team_*) add one at every case,
	 * call and follow-up, the live screens' (changes_*, but users') one
	 * counter update at every row, the escalations' (esc_*) a worker's
	 * rows at every case, phone and follow-up; history_bulk_end() writes them all at
	 * once from their views (schema_tally_fill) and moves every counter
	 * once. */
	snprintf(sql, sizeof sql,
	    "SELECT name, sql, type = 'trigger' FROM sqlite_schema WHERE sql IS NOT NULL AND "
	    "((type = 'index' AND %d AND tbl_name IN %s) OR (type = 'trigger' AND "
	    "((tbl_name IN ('cases', 'followups') AND name LIKE 'queue\\_%%' ESCAPE '\\') OR "
	    "(tbl_name IN ('cases', 'followups', 'calls', 'workers') AND "
	    "(name LIKE 'tally\\_%%' ESCAPE '\\' OR name LIKE 'team\\_%%' ESCAPE '\\')) OR "
	    "(name LIKE 'changes\\_%%' ESCAPE '\\' AND tbl_name <> 'users') OR "
	    "name LIKE 'esc\\_%%' ESCAPE '\\'))) "
	    "ORDER BY rowid", indexes, bulk_tables);
	if (bulk_keep(db, b, sql) != 0)
		return DB_ERROR;
	for (size_t i = 0; i < b->n; i++) {
		snprintf(sql, sizeof sql, "DROP %s \"%s\"", b->trigger[i] ? "TRIGGER" : "INDEX",
		    b->name[i]);
		if (db_exec(db, sql) != 0)
			return DB_ERROR;
	}
	return db_exec(db, "DELETE FROM queue_due; DELETE FROM queue_keys");
}

int
history_bulk_foreign_keys(struct db *db, int on)
{
	return db_exec(db, on ? "PRAGMA foreign_keys = ON" : "PRAGMA foreign_keys = OFF");
}

/* PRAGMA journal_mode = mode; *now gets the mode it leaves (lower case). */
static int
journal_mode(struct db *db, const char *mode, char *now, size_t nowsz)
{
	char sql[64];
	sqlite3_stmt *st;
	int rc;

	snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
	if (sqlite3_prepare_v2(db->conn, sql, -1, &st, NULL) != SQLITE_OK)
		return db_fail(db, sql);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(now, nowsz, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_fail(db, sql);
}

int
history_bulk_journal(struct db *db, int wal, int *off)
{
	char now[16] = "";

	if (!wal) {
		/* Each multi-row INSERT keeps a statement journal (to undo
		 * itself alone on a constraint error) of every page it changes
		 * that was there before it: the right edges of the tables, the
		 * ID number index's leaves.  In a file (temp_store FILE) that
		 * was 3.5 GB of writes at 200,000 workers, a sixth of the
		 * demo's CPU in the kernel; in memory, one statement's pages
		 * at a time.  SQLite reads the setting when the transaction
		 * begins, so it is set before. */
		if (db_exec(db, "PRAGMA temp_store = MEMORY") != 0)
			return DB_ERROR;
		/* refused (busy: another connection has the file) or not
		 * changed: the load goes through the WAL */
		*off = journal_mode(db, "DELETE", now, sizeof now) == 0 &&
		    strcmp(now, "delete") == 0;
		return 0;
	}
	if (db_exec(db, "PRAGMA temp_store = DEFAULT") != 0 ||
	    journal_mode(db, "WAL", now, sizeof now) != 0)
		return DB_ERROR;
	if (strcmp(now, "wal") != 0)
		return db_failf(db, "the database stays in journal mode %s, not wal", now);
	return 0;
}

int
history_bulk_after(struct db *db, int journal, int failed)
{
	char keep[sizeof db->errmsg];
	struct fault fault = db->fault;
	int rc;

	memcpy(keep, db->errmsg, sizeof keep);
	rc = history_bulk_foreign_keys(db, 1);
	if (journal && history_bulk_journal(db, 1, NULL) != 0)
		rc = DB_ERROR;
	if (failed) {
		memcpy(db->errmsg, keep, sizeof keep);
		db->fault = fault;
	}
	return rc;
}

int
history_bulk_cache(struct db *db, int mib)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d", -1024 * mib);
	return db_exec(db, sql);
}

int
history_bulk_begin(struct db *db, struct history_bulk *b)
{
	return bulk_begin(db, b, 1);
}

int
history_derived_off(struct db *db, struct history_bulk *b)
{
	return bulk_begin(db, b, 0);
}

int
history_derived_on(struct db *db, struct history_bulk *b)
{
	return history_bulk_end(db, b);
}

int
history_bulk_end(struct db *db, struct history_bulk *b)
{
	/* the sorts of the index builds and views in temporary files again
	 * (import_tune()): SQLite sorts those in runs on its helper thread */
	if (db_exec(db, "PRAGMA temp_store = FILE") != 0)
		return DB_ERROR;
	/* As the queue's migration builds them (in key order). */
	static const char queue[] =
	    "INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) "
	    "  SELECT * FROM queue_due_v ORDER BY 1, 2, 3;\n"
	    "UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE "
	    "  b.worker_id = queue_due.worker_id AND b.aud = queue_due.aud "
	    "  AND b.due_at <= queue_due.due_at AND (b.dc, b.due_at, b.kr, b.fid) < "
	    "  (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid));\n"
	    "INSERT INTO queue_keys SELECT * FROM queue_keys_v ORDER BY 1, 2;\n";
	int rc = 0;

	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		/* the indexes first: the views read through them */
		if (pass == 1 && (db_exec(db, queue) != 0 || db_exec(db, schema_tally_fill) != 0 ||
		    db_exec(db, "UPDATE changes SET seq = seq + 1") != 0))
			rc = DB_ERROR;
		for (size_t i = 0; i < b->n && rc == 0; i++)
			if (b->trigger[i] == pass && b->sql[i] != NULL && db_exec(db, b->sql[i]) != 0)
				rc = DB_ERROR;
	}
	history_bulk_free(b);
	return rc;
}

void
history_bulk_free(struct history_bulk *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->name[i]);
		free(b->sql[i]);
	}
	free(b->name);
	free(b->sql);
	free(b->trigger);
	memset(b, 0, sizeof *b);
}
