/*
 * summary.h -- what 汇总 counts (provincial-format.md 5) and its count
 * columns' titles: the words of the format, or the call form's export
 * texts (never retyped).  The export's table (io/report_rows.c), the
 * counting (db/report_summary.c) and the lead's Tonight screen
 * (tui/lead_report.c) all take them from here.
 */
#ifndef PAICHA_FORMS_SUMMARY_H
#define PAICHA_FORMS_SUMMARY_H

#include <stddef.h>

/* The counts of 汇总, one village's or the totals, in its column order. */
enum report_count {
	COUNT_A_WORKERS, COUNT_A_REACHED, COUNT_A_UNREACHED, COUNT_A_UNCALLED,
	COUNT_A_HOME, COUNT_A_HUBEI, COUNT_A_ELSEWHERE,
	COUNT_B_WORKERS, COUNT_B_REACHED,
	COUNT_SYMPTOMATIC, COUNT_URGED_DOCTOR, COUNT_ISOLATED, COUNT_CALLED_TODAY,
	REPORT_NCOUNTS
};

struct report_counts {
	long long n[REPORT_NCOUNTS];
};

/* The title of count k's column in 汇总 (not translated: the format's). */
const char *summary_count_title(enum report_count k);
/* The export text of the call form's question field, or of its choice
 * key (keylen bytes); "" if the form has none. */
const char *summary_form_word(const char *field, const char *key, size_t keylen);
/* Add a village's counts to the totals. */
void report_counts_add(struct report_counts *total, const struct report_counts *);

#endif
