/*
 * demo.h -- what the demo's two halves share (cli/cmd_demo.c draws the
 * township and its history and records it call by call; cli/demo_bulk.c
 * writes the same history in one pass, db/history.h).  Not for other
 * callers.
 */
#ifndef PAICHA_CLI_DEMO_H
#define PAICHA_CLI_DEMO_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "cli/cmd.h"
#include "cli/demo_data.h"
#include "db/calls.h"
#include "db/settings.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/phone.h"

#define DEMO_START "2020-01-26 09:00"
#define DEMO_CREATED "2020-01-26 08:00"
#define DEMO_MAX_CALLS 40	/* per worker */
#define DEMO_PER_DAY 12		/* first attempts per investigator a day, at
				 * least: the default township is not all
				 * called by the end, so the queue has every
				 * kind of row */
#define DEMO_CALLED_PCT 55	/* a big township: the share of its workers
				 * first called within the days (about 1.5
				 * calls a worker in all) */
#define DEMO_BIG 10000		/* beyond this many workers, 20 investigators */
#define DEMO_MAX_STAFF 20
#define DEMO_RULES_PER_CALL 64	/* follow-ups one call may make, at most */

struct sim_worker {
	long long id;
	long long investigator;
	char e164[24];			/* the number the demo dials: the primary */
	char numbers[3][24];		/* every number, primary first, distinct */
	int nnumbers;
	int group_b;
	unsigned reach_pct;		/* chance that an attempt gets through */
	enum call_outcome dead;		/* the failure of a dead number, or OUTCOME_NONE */
	char truth;			/* H home, B still in Hubei, E elsewhere, N never left */
	char return_date[11];
	char hubei_city[16];
	const char *elsewhere;
	const char *transport;
	const char *work_plan;
	int sick;			/* has symptoms for a while after the first contact */
	char onset[11], well_on[11];	/* symptoms from onset, gone on well_on */
};

struct sim_call {
	time_t at;
	int w;
	int seq;
	enum call_outcome outcome;
	long long id;			/* the number the live save gives it */
};

/* A follow-up the rules made, in memory (bulk path). */
struct sim_followup {
	struct history_followup f;
	long long order;		/* creation order: call id * DEMO_RULES_PER_CALL +
					 * the row's place among the call's */
};

/* ID numbers drawn so far, for drawing again on a repeat. */
struct demo {
	struct cmd_ctx *ctx;
	struct demo_rng rng;
	uint64_t seed;
	int days;
	time_t start, end;
	time_t created;			/* DEMO_CREATED */
	struct sim_worker *w;
	size_t nw;
	struct sim_call *calls;
	size_t ncalls, capcalls;
	long long staff[DEMO_MAX_STAFF];	/* investigators; the last is the caller */
	const char *staff_login[DEMO_MAX_STAFF];
	size_t nstaff;
	struct idnum_set ids;
	long long first_id;		/* the first worker's number */
	size_t nw_planned;		/* --workers */
	struct {			/* a verdict per fixed-line prefix (cmd_demo.c) */
		int state;		/* 0 not seen, 1 kept in p, 2 always parse */
		struct phone p;
	} *fixed;
	unsigned long fixed_checks;
	/* bulk path */
	struct sim_followup *fu;
	size_t nfu, capfu;
	long long escalation_owner;
};

void draw_worker(struct demo *d, size_t i, struct worker *w, struct worker_phone ph[3], size_t *nph);
int demo_workers(struct demo *d, size_t n);
int demo_assign(struct demo *d);
void demo_simulate(struct demo *d, struct sim_call ***order);
void call_answers(struct demo *d, const struct sim_call *c, struct answers *a, int check);
int demo_close_jobs(struct demo *d);
int demo_bulk(struct demo *d, size_t n);

#endif
