/* import.c -- the database side of a bulk roster import; see import.h. */
#include "config.h"

#include "db/dbi.h"
#include "db/import.h"

int
import_tune(struct db *db)
{
	/* 256 MiB (negative: KiB); the default is 2 MiB. */
	return db_exec(db, "PRAGMA cache_size = -262144");
}
