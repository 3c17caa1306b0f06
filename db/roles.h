/*
 * roles.h -- what each role may change, checked here for every write path
 * (screens and commands alike) and never only hidden in the screens.
 *
 * An investigator may record calls, drafts, follow-ups and phone edits
 * only on cases assigned to them (or follow-ups they own), and read only
 * their own queue and cases.  A lead may do all of that for the whole
 * township, reassign and close escalations; an admin also manages users
 * and settings.  user_id 0 is the system (cron, a migration): allowed.
 * A refusal is DB_DENIED, and db_error() says who may do it.
 */
#ifndef PAICHA_DB_ROLES_H
#define PAICHA_DB_ROLES_H

#include "forms/roletext.h"

struct db;

/* May user_id do act on worker_id's case?  0, DB_DENIED, DB_NOTFOUND
 * (no such worker or user) or DB_ERROR. */
int roles_check_case(struct db *, long long user_id, long long worker_id, enum role_act);
/* May user_id add, move or close the follow-up?  Its owner, or the case's
 * investigator when it has none, a lead or an admin. */
int roles_check_followup(struct db *, long long user_id, long long followup_id);
/* Leads and admins only (ROLE_ACT_ASSIGN, ROLE_ACT_ESCALATION, reading
 * another's queue: ROLE_ACT_READ). */
int roles_check_lead(struct db *, long long user_id, enum role_act);
/* Admins only (ROLE_ACT_USERS, ROLE_ACT_SETTINGS). */
int roles_check_admin(struct db *, long long user_id, enum role_act);

#endif
