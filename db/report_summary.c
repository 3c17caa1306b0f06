/*
 * report_summary.c -- 汇总's counting and the preview; see report_summary.h.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/casestate.h"
#include "db/report.h"
#include "forms/xmalloc.h"
#include "db/report_summary.h"

void
report_counts_worker(struct report_counts *c, const struct report_worker *w, const char *date,
    long long k)
{
	const struct case_state *s = &w->cs;

	if (w->grp == 'B') {
		c->n[COUNT_B_WORKERS] += k;
		if (s->contact == CONTACT_REACHED)
			c->n[COUNT_B_REACHED] += k;
	} else {
		c->n[COUNT_A_WORKERS] += k;
		if (s->contact == CONTACT_REACHED) {
			c->n[COUNT_A_REACHED] += k;
			if (strcmp(s->whereabouts, "home") == 0)
				c->n[COUNT_A_HOME] += k;
			else if (strcmp(s->whereabouts, "hubei") == 0)
				c->n[COUNT_A_HUBEI] += k;
			else if (strcmp(s->whereabouts, "elsewhere") == 0)
				c->n[COUNT_A_ELSEWHERE] += k;
		} else if (s->contact == CONTACT_UNCALLED)
			c->n[COUNT_A_UNCALLED] += k;
		else
			c->n[COUNT_A_UNREACHED] += k;
	}
	if (s->health_asked && s->symptomatic)
		c->n[COUNT_SYMPTOMATIC] += k;
	if (s->urged_doctor)
		c->n[COUNT_URGED_DOCTOR] += k;
	if (casestate_isolated_on(s, date))
		c->n[COUNT_ISOLATED] += k;
	if (w->calls_on_day > 0)
		c->n[COUNT_CALLED_TODAY] += k;
}

int
report_summary_make(struct db *db, const char *date, int max_attempts, struct report_summary *s)
{
	struct report *rep;
	struct report_worker *w = xcalloc(1, sizeof *w);
	size_t nv;
	int more;

	memset(s, 0, sizeof *s);
	if (report_open_counts(db, date, max_attempts, &rep) != 0) {
		free(w);
		return -1;
	}
	nv = report_nvillages(rep);
	s->n = nv + 1;
	s->township = xcalloc(s->n, sizeof *s->township);
	s->village = xcalloc(s->n, sizeof *s->village);
	s->c = xcalloc(s->n, sizeof *s->c);
	while ((more = report_next_worker(rep, w)) == 1) {
		report_counts_worker(&s->c[w->village_index], w, date, w->n);
		s->c[w->village_index].n[COUNT_CALLED_TODAY] += w->called;
	}
	for (size_t i = 0; i < nv; i++) {
		const char *t, *v;
		report_village(rep, i, &t, &v);
		snprintf(s->township[i], sizeof s->township[i], "%s", t);
		snprintf(s->village[i], sizeof s->village[i], "%s", v);
		report_counts_add(&s->c[nv], &s->c[i]);
	}
	snprintf(s->township[nv], sizeof s->township[nv], "合计");
	report_close(rep);
	free(w);
	if (more < 0) {
		report_summary_free(s);
		return -1;
	}
	return 0;
}

void
report_summary_free(struct report_summary *s)
{
	free(s->township);
	free(s->village);
	free(s->c);
	memset(s, 0, sizeof *s);
}

const struct report_counts *
report_summary_find(const struct report_summary *y, const struct report_summary *s, size_t i)
{
	if (y->n == 0)
		return NULL;
	if (i + 1 == s->n)
		return &y->c[y->n - 1];
	for (size_t j = 0; j + 1 < y->n; j++)
		if (strcmp(y->township[j], s->township[i]) == 0 &&
		    strcmp(y->village[j], s->village[i]) == 0)
			return &y->c[j];
	return NULL;
}

int
report_summary_check(const struct report_summary *s, size_t i)
{
	const long long *n = s->c[i].n;
	int bad = 0;

	if (n[COUNT_A_REACHED] + n[COUNT_A_UNREACHED] + n[COUNT_A_UNCALLED] != n[COUNT_A_WORKERS])
		bad |= SUMMARY_SPLIT;
	if (n[COUNT_A_HOME] + n[COUNT_A_HUBEI] + n[COUNT_A_ELSEWHERE] > n[COUNT_A_REACHED])
		bad |= SUMMARY_WHERE;
	return bad;
}
