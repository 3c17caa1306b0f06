/*
 * report_rows.h -- the three tables of the provincial report
 * (provincial-format.md 5-7), each ONE table of columns: its title, its
 * width in report.xlsx and the function that makes its cell, side by side,
 * so that a title cannot drift from its cell.  The same cells go to the
 * CSV and to the xlsx writer, so the two cannot disagree.  Every word the
 * call form defines (a question's export title, a choice's export text)
 * is read from the form definition (forms/callform.c), never retyped.
 */
#ifndef PAICHA_IO_REPORT_ROWS_H
#define PAICHA_IO_REPORT_ROWS_H

#include <stddef.h>
#include <time.h>

#include "db/report.h"
#include "forms/summary.h"
#include "io/csv_writer.h"

/* One row being made: what its cells come from, and the text they point
 * into. */
struct report_row {
	long long seq;				/* 序号 */
	const struct report_worker *w;		/* 花名册 */
	const struct report_followup *f;	/* 随访 */
	time_t instant;				/* 随访: the report's (是否逾期) */
	const char *township, *village;		/* 汇总 */
	const struct report_counts *counts;
	char id_number[19], workplace[160], symptoms[256], last_call[17], due[17];
	char note[1100];
};

struct report_column;
typedef struct report_cell report_cell_fn(const struct report_column *, struct report_row *);

struct report_column {
	const char *title;	/* fixed by the format, or NULL: the form's (below) */
	const char *field;	/* the call form's question: its export title, */
	const char *choice;	/* or this choice's export text */
	double width;		/* in report.xlsx, characters */
	report_cell_fn *cell;
	enum report_count count;	/* 汇总's count columns */
};

struct report_table {
	const char *sheet;	/* in report.xlsx */
	const char *csv;	/* the CSV file's name */
	const struct report_column *cols;
	size_t ncols;
};

enum { REPORT_SUMMARY, REPORT_ROSTER, REPORT_FOLLOWUPS, REPORT_NTABLES };
#define REPORT_MAX_COLS 32

extern const struct report_table report_tables[REPORT_NTABLES];

/* A column's title. */
const char *report_column_title(const struct report_column *);
/* The cells of one row of table t (t->ncols of them). */
/* Is this the 序号 column (the row's number in its table)? */
int report_column_is_seq(const struct report_column *);
void report_table_row(const struct report_table *t, struct report_row *, struct report_cell *cells);

#endif
