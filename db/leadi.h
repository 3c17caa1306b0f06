/* leadi.h -- what db/lead.c and db/lead_assign.c share; not for callers. */
#ifndef PAICHA_DB_LEADI_H
#define PAICHA_DB_LEADI_H

#include <stddef.h>

struct db;

/* Grow v (of elem bytes) to hold one more than len; *cap follows. */
void *lead_grow(void *v, size_t *cap, size_t len, size_t elem);
/* The start of a lead's view: the role, then the moves whose claim ended. */
int lead_view(struct db *, long long viewer);

#endif
