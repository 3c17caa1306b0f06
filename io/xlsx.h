/*
 * xlsx.h -- the worksheets of an .xlsx workbook, row by row.
 *
 * Streaming: the sheet's XML is read from the zip archive (libzip) by
 * libxml2's xmlTextReader, one row in memory at a time; only the shared
 * strings table is held whole.  Shared strings, inline strings and formula
 * strings are text; numbers are given exactly as the digits Excel stored,
 * without exponent (1.3574895655E10 becomes "13574895655"); cells are put
 * in the column their reference names, gaps (A1, C1) are empty cells.
 * The row number is the sheet's own (1-based).
 */
#ifndef PAICHA_IO_XLSX_H
#define PAICHA_IO_XLSX_H

#include <stddef.h>

struct xlsx_reader;

/* Open path, list its worksheets (xl/workbook.xml and its relationships,
 * in the workbook's order) and begin reading the first; 0, or -1 with err. */
int xlsx_open(const char *path, struct xlsx_reader **out, char *err, size_t errlen);
/* The worksheets: how many (at least 1), the name and size (uncompressed
 * bytes) of the i-th. */
size_t xlsx_sheet_count(const struct xlsx_reader *);
const char *xlsx_sheet_name_at(const struct xlsx_reader *, size_t i);
size_t xlsx_sheet_size(const struct xlsx_reader *, size_t i);
/* Read the i-th worksheet from its first row on (all columns again);
 * 0, or -1 if the workbook lacks it (xlsx_error says why). */
int xlsx_select_sheet(struct xlsx_reader *, size_t i);
void xlsx_close(struct xlsx_reader *);
/* The next row: 1 with *cells (n of them, valid until the next call) and
 * *row set; 0 at the end; -1 if the sheet is broken (xlsx_error says why). */
int xlsx_next(struct xlsx_reader *, char ***cells, size_t *n, long *row);
const char *xlsx_error(const struct xlsx_reader *);
/* Read only the first n columns of the rows to come (the header's): a
 * sparse row with a cell in column XFD then costs its cells, not 16,384
 * columns.  0: all (the default). */
void xlsx_set_max_columns(struct xlsx_reader *, size_t n);
/* 1 if cell col of the row xlsx_next() gave was a number (not text). */
int xlsx_cell_is_number(const struct xlsx_reader *, size_t col);
/* The name of the worksheet being read, as the workbook shows it. */
const char *xlsx_sheet_name(const struct xlsx_reader *);
/* How far reading the current worksheet has come: its uncompressed bytes
 * done and in all. */
void xlsx_progress(const struct xlsx_reader *, size_t *done, size_t *total);

/* A number as Excel stores it ("1.3574895655E10", "12.50", "-3") written
 * without exponent or trailing zeros ("13574895655", "12.5", "-3") into
 * out; the digits are never rounded.  Returns 0, or -1 if s is not a
 * number (then out is a copy of s). */
int xlsx_number_text(const char *s, char *out, size_t outsz);

#endif
