/*
 * stats.h -- the counts `paicha stats` prints: workers per group and
 * contact state, and open and overdue follow-ups.
 */
#ifndef PAICHA_DB_STATS_H
#define PAICHA_DB_STATS_H

#include <time.h>

#include "db/casestate.h"
#include "db/workers.h"

struct stats {
	long long workers[2];			/* by enum worker_group */
	long long contact[2][4];		/* by group and enum contact_state */
	long long no_number[2][4];		/* of those: no current phone number */
	long long followups_open;
	long long followups_overdue;		/* due before now */
};

int stats_get(struct db *, time_t now, struct stats *out);

#endif
