/*
 * table.h -- the lead commands' output: a plain table whose columns are
 * aligned by terminal width (Chinese counts two) and that reads well piped
 * (no colours, no box drawing), or CSV (--csv, UTF-8, quoted where needed)
 * for a spreadsheet.
 */
#ifndef PAICHA_CLI_TABLE_H
#define PAICHA_CLI_TABLE_H

#include <stdio.h>

struct table;

/* ncols titles; right[i] != 0 right-aligns column i (numbers). */
struct table *table_new(int ncols, const char *const *titles, const int *right);
/* Add a row of ncols cells (copied; NULL = ""). */
void table_add(struct table *, const char *const *cells);
void table_print(const struct table *, int csv, FILE *);
/* Print the rows held so far as CSV (the titles the first time) and let
 * them go: a long CSV listing holds one page, not the list.  A last
 * table_print(t, 1, f) prints what was added after. */
void table_flush_csv(struct table *, FILE *);
void table_free(struct table *);
/* A number as a cell: buf must hold 24 bytes. */
const char *table_num(char *buf, long long n);

#endif
