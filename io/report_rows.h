/*
 * report_rows.h -- the three tables of the provincial report
 * (provincial-format.md 5-7): their exact column titles, and the rows
 * made from the as-of records of db/report.h.  The same cells go to the
 * CSV and to the xlsx writer, so the two cannot disagree.
 */
#ifndef PAICHA_IO_REPORT_ROWS_H
#define PAICHA_IO_REPORT_ROWS_H

#include <stddef.h>
#include <time.h>

#include "io/csv_writer.h"
#include "db/report.h"

enum {
	SUMMARY_COLS = 15,
	ROSTER_COLS = 26,
	FOLLOWUP_COLS = 7,
	SUMMARY_COUNTS = 13,	/* the count columns of 汇总 */
};

extern const char *const report_rows_summary_titles[SUMMARY_COLS];
extern const double report_rows_summary_widths[SUMMARY_COLS];
extern const char *const report_rows_roster_titles[ROSTER_COLS];
extern const double report_rows_roster_widths[ROSTER_COLS];
extern const char *const report_rows_followup_titles[FOLLOWUP_COLS];
extern const double report_rows_followup_widths[FOLLOWUP_COLS];

/* One village's counts (or the totals), in column order. */
struct report_counts {
	long long n[SUMMARY_COUNTS];
};

/* Text a row's cells point into; one per row being built. */
struct report_rows_buf {
	char id_number[19];
	char workplace[160];
	char symptoms[256];
	char last_call[17];
	char due[17];
};

/* Count one worker into its village's counts (date = the report date). */
void report_rows_count(struct report_counts *, const struct report_worker *, const char *date);
/* Add a village's counts to the totals. */
void report_rows_add(struct report_counts *total, const struct report_counts *);
/* The cells of one 汇总 row; township "合计" and village "" for the totals. */
void report_rows_summary(const char *township, const char *village,
    const struct report_counts *, struct report_cell cells[SUMMARY_COLS]);
/* The cells of one 花名册 row; seq is its 序号. */
void report_rows_roster(long long seq, const struct report_worker *, struct report_rows_buf *,
    struct report_cell cells[ROSTER_COLS]);
/* The cells of one 随访 row; instant = the report's (for 是否逾期). */
void report_rows_followup(long long seq, const struct report_followup *, time_t instant,
    struct report_rows_buf *, struct report_cell cells[FOLLOWUP_COLS]);

#endif
