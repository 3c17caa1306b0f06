/*
 * lead_views.h -- the team lead's screens, one key apart from the queue
 * (T Team, R Reassign, C Coverage, E Escalations, F Flow, N Tonight's
 * report; keys.c).  What they show and do is db/lead.h's,
 * role checks included: an investigator who presses the keys is told who
 * may.
 */
#ifndef PAICHA_TUI_LEAD_VIEWS_H
#define PAICHA_TUI_LEAD_VIEWS_H

/* One row per investigator with a bar; Enter opens their cases. */
extern const struct screen lead_team_screen;
/* enter() takes NULL or a pointer to an investigator's id (long long,
 * 0 = the unassigned cases) to show only theirs. */
extern const struct screen lead_reassign_screen;

/* Each village's counts with a bar of the share reached, the notice's two
 * counts, and the calls of the last 14 days in block characters. */
extern const struct screen lead_coverage_screen;
/* The escalations: m reassigns, f sets a callback, x closes with a note. */
extern const struct screen lead_escalations_screen;
/* Where group A workers are and their work plans, now and yesterday. */
extern const struct screen lead_flow_screen;
/* Tonight's 汇总 so far beside yesterday's, the invariants checked. */
extern const struct screen lead_report_screen;
/* enter() takes a pointer to an investigator's id (long long): their
 * queue as they see it, read-only. */
extern const struct screen lead_queue_screen;
/* The one key handler for T, R, C, E on every screen that offers them. */
int lead_views_switch(struct app *, enum action);

#endif
