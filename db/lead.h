/*
 * lead.h -- what a team lead sees and does: the team's progress, coverage
 * by village, calls per day, escalations, reassignment, balance and the
 * village -> investigator map.  Facts only: the words are cli/'s and
 * tui/'s.  Every function checks the viewer's or the actor's role
 * (db/roles.h): leads and admins only.
 *
 * A case someone holds a claim on (it is being called) is not moved at
 * once: the move waits in pending_moves and is made when the claim ends
 * (lead_pending_apply(), run by claims_release() and by every lead view).
 */
#ifndef PAICHA_DB_LEAD_H
#define PAICHA_DB_LEAD_H

#include <stddef.h>
#include <time.h>

struct db;

/* One row of the team view; id 0 is the row of the unassigned cases. */
struct lead_team_row {
	long long id;
	char login[64];
	char name[96];
	long long assigned;	/* cases */
	long long called_today;	/* calls this user made today */
	long long reached_today;	/* of which reached */
	long long fu_open;	/* open follow-ups they own (not escalations) */
	long long fu_overdue;	/* of which due before now */
	long long unreachable;	/* their cases that are unreachable */
	long long open;		/* their cases not reached yet (uncalled, unreached) */
	time_t last_call;	/* 0 = never */
};

/* Active investigators (and anybody else holding cases) by login, then
 * the unassigned row; day_start = 00:00 today. */
int lead_team(struct db *, long long viewer, time_t day_start, time_t now,
    struct lead_team_row **out, size_t *n);

struct lead_village_row {
	char village[96];	/* "" for the total row */
	long long group_a, group_b;
	long long reached;	/* both groups */
	long long never_called;
	long long returned;	/* group A reached, whereabouts home */
	long long in_hubei;	/* group A reached, whereabouts hubei */
	long long symptomatic;
	long long isolated;	/* in isolation on date */
};

/* One row per village in order of first import, then the total
 * (village ""); date = today ("YYYY-MM-DD"). */
int lead_coverage(struct db *, long long viewer, const char *date,
    struct lead_village_row **out, size_t *n);
/* Calls per local day for ndays days ending with the day that starts at
 * last_day_start: counts[0] is the oldest. */
int lead_calls_per_day(struct db *, long long viewer, time_t last_day_start, int ndays,
    long long *counts);

/* Where group A workers are, and their work plans (the notice's 6). */
struct lead_flow_row {
	char village[96];	/* "" = the total */
	char where[16];		/* home, hubei, elsewhere, never-left, "" (not known) */
	char place[128];	/* city in Hubei, province or place elsewhere; "" */
	char plan[16];		/* back-soon, postponed, needs-job, other, "" */
	long long n;
	long long yesterday;	/* the same count as of yesterday's end */
};
int lead_flow(struct db *, long long viewer, time_t now, int max_attempts,
    struct lead_flow_row **out, size_t *n);
/* The same, with yesterday's figures taken from prev (nprev rows that an
 * earlier call returned when today was prev_day) instead of counted again,
 * as long as it is still prev_day: a past day's figures never change, and
 * counting them is half the work. */
int lead_flow_again(struct db *, long long viewer, time_t now, int max_attempts,
    const struct lead_flow_row *prev, size_t nprev, const char *prev_day,
    struct lead_flow_row **out, size_t *n);

enum lead_esc_kind {
	ESC_UNREACHABLE,	/* contact unreachable */
	ESC_NOT_URGED,		/* symptomatic, not urged to see a doctor */
	ESC_MEDICAL,		/* a medical follow-up overdue by more than a day */
	ESC_SILENT,		/* not reached and nobody called for 3 days */
	ESC_NO_NUMBER,		/* no current phone number: find one (village) */
};
const char *lead_esc_kind_name(enum lead_esc_kind);	/* "unreachable" ... */
int lead_esc_kind_parse(const char *, enum lead_esc_kind *);

struct lead_escalation {
	long long worker_id;
	char name[96];
	char village[96];
	long long investigator_id;
	char investigator[96];
	enum lead_esc_kind kind;
	time_t since;		/* last call, due time or import */
	char typed[256];	/* ESC_NO_NUMBER: numbers given, not valid, as typed */
};

#define LEAD_ESC_KINDS 5

/* Where an escalation stands in the list: by kind, then since, then
 * worker; a page starts after a row's key (keyset, never an offset). */
struct lead_esc_key {
	int kind;
	long long since;
	long long worker;
};

/* The open escalations as of now, by kind then since: the next rows after `after` (NULL: from the first), at most limit (0 =
 * all): one index range of esc_keys per kind, so a page costs the same
 * whatever the number of escalations. */
int lead_escalation_page(struct db *, long long viewer, time_t now,
    const struct lead_esc_key *after, size_t limit, struct lead_escalation **out, size_t *n);
/* How many are open of each kind (an index count each). */
int lead_escalation_counts(struct db *, long long viewer, time_t now,
    long long count[LEAD_ESC_KINDS]);
/* The key of a row (for the page after it). */
struct lead_esc_key lead_escalation_key(const struct lead_escalation *);
/* Close one with a note (audited); stays closed until the case's next call. */
int lead_escalation_close(struct db *, long long by_user, long long worker_id,
    enum lead_esc_kind, const char *note);

/* Which cases a reassignment takes. */
struct lead_filter {
	int by_from;		/* from_id applies */
	long long from_id;	/* 0 = unassigned */
	const char *village;	/* NULL = any */
	const char *state;	/* uncalled, unreached, reached, unreachable; NULL = any */
	int overdue;		/* only cases with an overdue follow-up */
};
/* The worker ids matching, by worker id; caller frees. */
int lead_select(struct db *, long long viewer, const struct lead_filter *, time_t now,
    long long **ids, size_t *n);

/* The cases lead_select() takes, with what the Reassign screen shows. */
struct lead_case {
	long long worker_id;
	char name[96];
	char village[96];
	long long investigator_id;
	char investigator[96];
	char contact[16];	/* uncalled, unreached, reached, unreachable */
	int claimed;		/* someone is calling it now */
};
int lead_cases(struct db *, long long viewer, const struct lead_filter *, time_t now,
    struct lead_case **out, size_t *n);

/* The villages that have workers, in order of first import. */
struct lead_village_name {
	char village[96];
};
int lead_villages(struct db *, long long viewer, struct lead_village_name **out, size_t *n);

/* Move cases to to_user (0 = unassigned), audited (who, when, from, to)
 * as action "case.assign"; cases being called wait for the claim to end:
 * *moved and *pending say how many went each way. */
int lead_assign(struct db *, long long by_user, const long long *ids, size_t n,
    long long to_user, size_t *moved, size_t *pending);

/* Balance: spread the unassigned cases (from_id 0) or one investigator's
 * over the active investigators (but from_id), evenly, each village with
 * as few investigators as possible; audited as "case.balance". */
struct lead_share {
	long long user_id;
	char login[64];
	char name[96];
	long long cases;	/* given by this balance */
	long long villages;	/* villages they got cases of */
};
int lead_balance(struct db *, long long by_user, long long from_id,
    struct lead_share **shares, size_t *nshares, size_t *pending);

/* The village map: to_user 0 removes the village's entry. */
int lead_map_set(struct db *, long long by_user, const char *village, long long to_user);
struct lead_map_row {
	char village[96];
	long long user_id;
	char login[64];
	char name[96];
};
int lead_map_list(struct db *, long long viewer, struct lead_map_row **out, size_t *n);
/* Inside the import's write transaction: assign, by the map, the cases of
 * mapped villages that were never assigned (new workers; a case a lead
 * unassigned on purpose has an assignment and stays so), audited as
 * "case.map"; *n gets how many (n may be NULL). */
int lead_map_assign_new(struct db *, long long by_user, size_t *n);

/* Make the moves whose claim has ended (own write transaction unless the
 * caller has one); *n gets how many (may be NULL). */
int lead_pending_apply(struct db *, size_t *n);
/* Cases waiting for their claim to end. */
int lead_pending_count(struct db *, long long *n);

#endif
