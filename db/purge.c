/* purge.c -- personal data when the campaign ends; see purge.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "db/audit.h"
#include "db/cases.h"
#include "db/dbi.h"
#include "db/purge.h"
#include "forms/xmalloc.h"

/* The worker fields the counts and the as-of roster's grouping need: their
 * audit rows keep their values. */
#define KEPT_FIELDS "('township','village','grp','work_province','work_city','gender'," \
	"'birth_date','investigator')"

static const char select_sql[] =
    "INSERT INTO temp.purge_set SELECT c.worker_id FROM cases c "
    "WHERE c.contact IN ('reached','unreachable') "
    "AND coalesce(c.last_call_at, 0) < ?1 "
    "AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.worker_id = c.worker_id "
    "  AND (f.done_at IS NULL OR f.done_at >= ?1 OR f.created_at >= ?1))";

/* Run sql and add the rows it changed to *n. */
static int
purge_exec(struct db *db, const char *sql, long long *n)
{
	if (db_exec(db, sql) != 0)
		return DB_ERROR;
	if (n != NULL)
		*n += sqlite3_changes(db->conn);
	return 0;
}

/* The append-only triggers of the tables the purge scrubs, to drop and
 * make again inside the transaction (SQLite's DDL is transactional). */
static int
triggers(struct db *db, char ***sqls, size_t *n)
{
	static const char sql[] =
	    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
	    "AND tbl_name IN ('calls','call_answers','audit') AND sql LIKE '%RAISE(ABORT%'";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*sqls = NULL;
	*n = 0;
	if (st == NULL)
		return DB_ERROR;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*sqls = xrealloc(*sqls, (*n + 1) * 2 * sizeof **sqls);
		(*sqls)[2 * *n] = db_column_strdup(st, 0);
		(*sqls)[2 * *n + 1] = db_column_strdup(st, 1);
		(*n)++;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : db_fail(db, sql);
}

int
purge_closed(struct db *db, time_t before, const char *const *free_keys, size_t nkeys,
    int max_attempts, int dry_run, long long by_user, struct purge_counts *out)
{
	sqlite3_stmt *st;
	char **trig = NULL, drop[256];
	size_t ntrig = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = db_begin_write(db)) != 0)
		return rc;
	if ((rc = purge_exec(db, "CREATE TEMP TABLE IF NOT EXISTS purge_set(id INTEGER PRIMARY KEY);"
	    "DELETE FROM temp.purge_set;"
	    "CREATE TEMP TABLE IF NOT EXISTS purge_keys(key TEXT PRIMARY KEY);"
	    "DELETE FROM temp.purge_keys;", NULL)) != 0)
		goto fail;
	if ((st = db_stmt(db, select_sql)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)before);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, select_sql);
		goto fail;
	}
	/* a worker purged already counts no more; the placeholder ID number
	 * keeps the 17th digit's parity (the gender the reports read from it) */
	if (purge_exec(db, "DELETE FROM temp.purge_set WHERE id IN "
	    "(SELECT id FROM workers WHERE id_number LIKE 'PURGED%')", NULL) != 0 ||
	    db_step_int64(db, db_stmt(db, "SELECT count(*) FROM temp.purge_set"),
	    &out->workers) != 0)
		goto fail;
	for (size_t i = 0; i < nkeys; i++) {
		if ((st = db_stmt(db, "INSERT OR IGNORE INTO temp.purge_keys VALUES(?1)")) == NULL)
			goto fail;
		db_bind_text(st, 1, free_keys[i]);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			goto fail;
	}
	if (dry_run) {
		if (db_step_int64(db, db_stmt(db, "SELECT count(*) FROM phones WHERE worker_id IN "
		    "temp.purge_set"), &out->phones) != 0 ||
		    db_step_int64(db, db_stmt(db, "SELECT count(*) FROM call_answers a JOIN calls c "
		    "ON c.id = a.call_id WHERE c.worker_id IN temp.purge_set AND a.key IN "
		    "temp.purge_keys"), &out->answers) != 0 ||
		    db_step_int64(db, db_stmt(db, "SELECT count(*) FROM audit WHERE entity = 'worker' "
		    "AND entity_id IN temp.purge_set AND coalesce(field, '') NOT IN " KEPT_FIELDS),
		    &out->audit) != 0)
			goto fail;
		db_rollback(db);
		return 0;
	}
	if (triggers(db, &trig, &ntrig) != 0)
		goto fail;
	for (size_t i = 0; i < ntrig; i++) {
		snprintf(drop, sizeof drop, "DROP TRIGGER \"%s\"", trig[2 * i]);
		if (db_exec(db, drop) != 0)
			goto fail;
	}
	if (purge_exec(db, "UPDATE workers SET name = '', id_number = printf('PURGED%010d%s0', id, "
	    "CASE WHEN substr(id_number, 17, 1) IN ('1','3','5','7','9') THEN '1' ELSE '2' END), "
	    "address = '', employer = '', note = '', phones_invalid = '', source = 'purged' WHERE id IN temp.purge_set", NULL) != 0 ||
	    purge_exec(db, "DELETE FROM phones WHERE worker_id IN temp.purge_set", &out->phones) != 0 ||
	    purge_exec(db, "UPDATE calls SET phone = '' WHERE worker_id IN temp.purge_set", NULL) != 0 ||
	    purge_exec(db, "DELETE FROM call_answers WHERE key IN temp.purge_keys AND call_id IN "
	    "(SELECT id FROM calls WHERE worker_id IN temp.purge_set)", &out->answers) != 0 ||
	    purge_exec(db, "UPDATE followups SET note = '' WHERE worker_id IN temp.purge_set", NULL) != 0 ||
	    purge_exec(db, "DELETE FROM drafts WHERE worker_id IN temp.purge_set", NULL) != 0 ||
	    purge_exec(db, "UPDATE audit SET old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '' END, "
	    "new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '' END WHERE entity = 'worker' "
	    "AND entity_id IN temp.purge_set AND coalesce(field, '') NOT IN " KEPT_FIELDS,
	    &out->audit) != 0 ||
	    purge_exec(db, "UPDATE audit SET old_value = CASE WHEN old_value IS NULL THEN NULL ELSE '' END, "
	    "new_value = CASE WHEN new_value IS NULL THEN NULL ELSE '' END WHERE entity = 'followup' "
	    "AND entity_id IN (SELECT id FROM followups WHERE worker_id IN temp.purge_set) "
	    "AND field NOT IN ('due_at','done_reason')", &out->audit) != 0)
		goto fail;
	for (size_t i = 0; i < ntrig; i++)
		if (db_exec(db, trig[2 * i + 1]) != 0)
			goto fail;
	/* the stored cases follow from what is left */
	if ((st = db_stmt(db, "SELECT id FROM temp.purge_set ORDER BY id")) == NULL)
		goto fail;
	{
		long long *ids = xcalloc((size_t)out->workers + 1, sizeof *ids);
		size_t k = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < (size_t)out->workers)
			ids[k++] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		for (size_t i = 0; i < k; i++)
			if (cases_refresh(db, ids[i], max_attempts) != 0) {
				free(ids);
				goto fail;
			}
		free(ids);
	}
	{
		char n[32];
		snprintf(n, sizeof n, "%lld", out->workers);
		if (audit_log(db, by_user, "purge", "campaign", 0, "workers", NULL, n) != 0)
			goto fail;
	}
	if (db_commit(db) != 0)
		goto fail;
	for (size_t i = 0; i < 2 * ntrig; i++)
		free(trig[i]);
	free(trig);
	return 0;
fail:
	db_rollback(db);
	for (size_t i = 0; i < 2 * ntrig; i++)
		free(trig[i]);
	free(trig);
	return DB_ERROR;
}
