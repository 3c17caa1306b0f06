/* schema.h -- the database's versioned schema and its migrations. */
#ifndef PAICHA_DB_SCHEMA_H
#define PAICHA_DB_SCHEMA_H

struct db;

/* The schema version this program writes. */
int schema_latest(void);
/* The version stored in the file (PRAGMA user_version); -1 on error. */
int schema_version(struct db *);
/* Bring the file up to schema_latest(), one transaction per migration. */
int schema_migrate(struct db *);
/* Only up to version target (tests of each migration). */
int schema_migrate_to(struct db *, int target);
/* The lead's counts (case_tally, call_day_tally, case_inv_tally, fu_tally,
 * calls_per_day) and the escalations' keys (esc_keys) emptied and made again from the rows, as the migration
 * made them: for a bulk load that held their triggers off. */
extern const char schema_tally_fill[];

#endif
