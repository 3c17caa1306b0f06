/* audit.h -- who changed what and when; append-only. */
#ifndef PAICHA_DB_AUDIT_H
#define PAICHA_DB_AUDIT_H

#include <time.h>

struct db;

/* Append one entry (inside the caller's write transaction).  user_id 0
 * means the system (an import run by cron, a migration). */
int audit_log(struct db *, long long user_id, const char *action,
    const char *entity, long long entity_id, const char *field,
    const char *old_value, const char *new_value);

#endif
