/*
 * export.h -- paicha export as one call: the provincial report for one day
 * (docs/provincial-format.md), as of that day's 24:00.
 *
 * One pass over the as-of cursor (db/report.h) feeds the roster to
 * roster.csv and to the 花名册 sheet while counting each village; then the
 * summary and the open follow-ups follow (io/report_rows.h's tables).
 * Everything is written into a temporary folder that io/report_dir.h
 * publishes whole, or removes on any failure or on SIGINT/SIGTERM/SIGHUP.
 */
#ifndef PAICHA_IO_EXPORT_H
#define PAICHA_IO_EXPORT_H

struct db;

struct export_opts {
	const char *date;	/* YYYY-MM-DD, a day that has ended */
	const char *out;	/* the folder the report folder goes into */
	const char *division;	/* the 9-digit division code */
	int max_attempts;	/* settings: for unreached / unreachable */
	int utf8;		/* UTF-8 with a BOM instead of GB18030 */
	int force;		/* replace an existing report folder */
};

struct export_result {
	char path[4096];		/* the report folder */
	long long workers, open_followups;
	double csv_seconds, xlsx_seconds, total_seconds;	/* PAICHA_EXPORT_TIMES */
	char first_day[11];		/* the first record's day, when the
					 * report's date is before it; else "" */
	int created_out;		/* the --out folder was made */
	char err[1024];			/* why it failed */
};

/* Write the report; 0, or -1 with res->err (nothing was written). */
int export_run(struct db *, const struct export_opts *, struct export_result *res);

#endif
