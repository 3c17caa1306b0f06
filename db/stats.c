/* stats.c -- counts for `paicha stats`; see stats.h. */
#include "config.h"

#include <string.h>

#include "db/dbi.h"
#include "db/stats.h"

int
stats_get(struct db *db, time_t now, struct stats *out)
{
	static const char sql_cases[] =
	    "SELECT w.grp, coalesce(c.contact, 'uncalled'), count(*), "
	    "coalesce(sum(w.source <> 'purged' AND NOT EXISTS (SELECT 1 FROM phones p "
	    "  WHERE p.worker_id = w.id AND p.removed_at IS NULL)), 0) FROM workers w "
	    "LEFT JOIN cases c ON c.worker_id = w.id GROUP BY 1, 2";
	static const char sql_followups[] =
	    "SELECT count(*), coalesce(sum(due_at < ?1), 0) FROM followups WHERE done_at IS NULL";
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	/* One read transaction: the case counts and the follow-up counts
	 * describe the same instant while investigators keep saving calls. */
	if (db_begin_read(db) != 0)
		return DB_ERROR;
	if ((st = db_stmt(db, sql_cases)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *g = (const char *)sqlite3_column_text(st, 0);
		int grp = g && g[0] == 'B' ? GROUP_B : GROUP_A;
		enum contact_state c = CONTACT_UNCALLED;
		long long n = sqlite3_column_int64(st, 2);
		contact_state_parse((const char *)sqlite3_column_text(st, 1), &c);
		out->workers[grp] += n;
		out->contact[grp][c] += n;
		out->no_number[grp][c] += sqlite3_column_int64(st, 3);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		db_fail(db, sql_cases);
		goto fail;
	}
	if ((st = db_stmt(db, sql_followups)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->followups_open = sqlite3_column_int64(st, 0);
		out->followups_overdue = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW) {
		db_fail(db, sql_followups);
		goto fail;
	}
	db_rollback(db);	/* read only: nothing to commit */
	return 0;
fail:
	db_rollback(db);
	return DB_ERROR;
}
