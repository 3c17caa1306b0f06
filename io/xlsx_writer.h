/*
 * report_xlsx.h -- report.xlsx: the report's three tables as sheets
 * (provincial-format.md 8), written through libxlsxwriter in its
 * constant-memory mode, so each sheet's rows must come in order (each
 * sheet keeps its own temporary file; sheets may be written in turns).
 */
#ifndef PAICHA_IO_XLSX_WRITER_H
#define PAICHA_IO_XLSX_WRITER_H

#include <stddef.h>
#include <time.h>

#include "io/csv_writer.h"

struct report_xlsx;

/* Create the workbook at path with sheets named names[0..nsheets-1];
 * tmpdir holds libxlsxwriter's temporary files (same disk as path). */
int report_xlsx_open(const char *path, const char *tmpdir, const char *const *names,
    size_t nsheets, time_t created, struct report_xlsx **out, char *err, size_t errlen);
/* The header of one sheet: bold, frozen, columns widths[i] characters wide. */
int report_xlsx_header(struct report_xlsx *, size_t sheet, const char *const *titles,
    const double *widths, size_t n, char *err, size_t errlen);
/* The next row of one sheet: text cells as text, numbers as numbers. */
int report_xlsx_row(struct report_xlsx *, size_t sheet, const struct report_cell *,
    size_t n, char *err, size_t errlen);
/* Write the file out, make it 0640, flush it to disk and describe it
 * (rows = data rows of all sheets).  Frees the writer. */
int report_xlsx_close(struct report_xlsx *, struct report_file_info *info,
    char *err, size_t errlen);
/* Give up (the caller removes the folder). */
void report_xlsx_abort(struct report_xlsx *);

#endif
