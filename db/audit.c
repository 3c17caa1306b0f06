/* audit.c -- the append-only audit log; see audit.h. */
#include "config.h"

#include "db/audit.h"
#include "db/dbi.h"
#include "forms/clock.h"

int
audit_log(struct db *db, long long user_id, const char *action, const char *entity,
    long long entity_id, const char *field, const char *old_value, const char *new_value)
{
	static const char sql[] =
	    "INSERT INTO audit(at, user_id, action, entity, entity_id, field, old_value, new_value) "
	    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, (sqlite3_int64)clock_now());
	if (user_id > 0)
		sqlite3_bind_int64(st, 2, user_id);
	db_bind_text(st, 3, action);
	db_bind_text(st, 4, entity ? entity : "");
	if (entity_id > 0)
		sqlite3_bind_int64(st, 5, entity_id);
	db_bind_text(st, 6, field ? field : "");
	db_bind_text(st, 7, old_value);
	db_bind_text(st, 8, new_value);
	return db_step_done(db, st);
}
