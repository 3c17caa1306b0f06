/* leadi.h -- what db/lead.c and db/lead_assign.c share; not for callers. */
#ifndef PAICHA_DB_LEADI_H
#define PAICHA_DB_LEADI_H

#include <stddef.h>

struct db;
struct sqlite3_stmt;

/* Grow v (of elem bytes) to hold one more than len; *cap follows. */
void *lead_grow(void *v, size_t *cap, size_t len, size_t elem);
/* The start of a lead's view: the role, then the moves whose claim ended. */
int lead_view(struct db *, long long viewer);
/* lead_view(), then the statement of sql in *st. */
int lead_begin(struct db *, long long viewer, const char *sql, struct sqlite3_stmt **st);
/* Step st to its end, each row read by fill(st, row, ctx) into a zeroed
 * element (elem bytes) of a growing array: *out and *n the rows.  On an
 * error nothing is kept (*out NULL, *n 0) and it is db_fail() of sql. */
int lead_rows(struct db *, const char *sql, struct sqlite3_stmt *st, size_t elem,
    void (*fill)(struct sqlite3_stmt *, void *row, void *ctx), void *ctx, void **out,
    size_t *n);

#endif
