/*
 * report_summary.h -- 汇总's counts: one worker counted into its
 * village's (the export, io/export.c, counts with it), and tonight's 汇总
 * as the nightly export will write it (db/report.h's as-of cursor counted
 * so), for the preview: `paicha report --today` and the lead's Tonight's
 * report screen share it, so the two cannot disagree with the export.
 */
#ifndef PAICHA_DB_REPORT_SUMMARY_H
#define PAICHA_DB_REPORT_SUMMARY_H

#include <stddef.h>

#include "db/report.h"
#include "forms/summary.h"

struct db;

/* Count one worker into its village's counts (date = the report date),
 * k times (report_open_counts' rows stand for k workers). */
void report_counts_worker(struct report_counts *, const struct report_worker *,
    const char *date, long long k);

/* One 汇总: villages in report order, then 合计 (village ""). */
struct report_summary {
	size_t n;			/* villages + 1 */
	char (*township)[128];
	char (*village)[128];
	struct report_counts *c;
};

/* The 汇总 for date (YYYY-MM-DD) as of its end; 0 or -1 (db_error). */
int report_summary_make(struct db *, const char *date, int max_attempts,
    struct report_summary *);
void report_summary_free(struct report_summary *);
/* Row y of the other day's summary for row i of s (same township and
 * village; 合计 for 合计), or NULL. */
const struct report_counts *report_summary_find(const struct report_summary *other,
    const struct report_summary *s, size_t i);

/* The format's invariants (provincial-format.md 5), as bits. */
enum {
	SUMMARY_SPLIT = 1,	/* 已联系 + 未联系上 + 未排查 != 在鄂务工人数 */
	SUMMARY_WHERE = 2,	/* 已返乡 + 仍在湖北 + 在其他地区 > 已联系 */
};
/* Which invariants row i breaks: 0 = none. */
int report_summary_check(const struct report_summary *, size_t i);

#endif
