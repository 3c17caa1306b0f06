/*
 * roletext.h -- what a role allows, and the sentence that says who may do
 * something when db/roles refuses it (a label, in the user's language).
 */
#ifndef PAICHA_FORMS_ROLETEXT_H
#define PAICHA_FORMS_ROLETEXT_H

#include <stddef.h>

/* The things a role may or may not do. */
enum role_act {
	ROLE_ACT_CALL,		/* record a call */
	ROLE_ACT_DRAFT,		/* save a call form being filled */
	ROLE_ACT_FOLLOWUP,	/* add, move or close a follow-up */
	ROLE_ACT_PHONE,		/* add, change or remove a phone number */
	ROLE_ACT_READ,		/* read a case or a queue */
	ROLE_ACT_ASSIGN,	/* reassign cases, balance, keep the village map */
	ROLE_ACT_ESCALATION,	/* close an escalation */
	ROLE_ACT_USERS,		/* add, disable, enable users */
	ROLE_ACT_SETTINGS,	/* change the township's settings */
};

/* Who may: the case's own investigator (name, login given), leads and
 * admins, or admins only. */
enum role_need { ROLE_NEED_OWNER, ROLE_NEED_LEAD, ROLE_NEED_ADMIN };

/* The refusal as people read it, e.g. "only 李娜 (lina), to whom worker 12
 * is assigned, a lead or an admin may record a call for it".  name/login
 * are the case's investigator ("" = nobody), worker 0 = no worker. */
void roletext_refusal(char *buf, size_t sz, enum role_act, enum role_need,
    long long worker, const char *name, const char *login);

#endif
