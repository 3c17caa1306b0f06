/*
 * facts.h -- the domain's states and kinds, as db/ stores and returns them
 * and as forms/labels.c turns them into words for people.  They live here,
 * below db/, so that the one labels module (forms/) can name them without
 * seeing SQL; db/ headers include this one.
 */
#ifndef PAICHA_FORMS_FACTS_H
#define PAICHA_FORMS_FACTS_H

#include <time.h>

enum contact_state {
	CONTACT_UNCALLED,	/* 未排查 */
	CONTACT_UNREACHED,	/* 未联系上: called, never reached */
	CONTACT_REACHED,	/* 已联系: reached at least once */
	CONTACT_UNREACHABLE,	/* 未联系上, and escalated after max_attempts */
};

/* In the order of the call form's outcome choices (forms/callform.c). */
enum call_outcome {
	OUTCOME_REACHED,
	OUTCOME_NO_ANSWER,
	OUTCOME_BUSY,
	OUTCOME_OFF,
	OUTCOME_OUT_OF_SERVICE,
	OUTCOME_WRONG_NUMBER,
	OUTCOME_REFUSED,
	OUTCOME_NONE = -1,	/* no call yet */
};

enum followup_kind {
	FOLLOWUP_CALLBACK,	/* 回拨 */
	FOLLOWUP_HEALTH,	/* 健康随访: daily health check in isolation */
	FOLLOWUP_MEDICAL,	/* 就医跟进 */
	FOLLOWUP_JOB,		/* 岗位推荐 */
	FOLLOWUP_ESCALATION,	/* 上报组长 */
	FOLLOWUP_NONE = -1,	/* no follow-up */
};

enum user_role { ROLE_INVESTIGATOR, ROLE_LEAD, ROLE_ADMIN };

enum search_match {
	SEARCH_IDNUM,		/* the ID number, whole or its end */
	SEARCH_PHONE,		/* digits of one of the phone numbers */
	SEARCH_NAME,		/* part of the name */
	SEARCH_PINYIN,		/* the name's pinyin */
};

/* Where a case stands in its investigator's queue (db/queue.h). */
enum queue_reason {
	QUEUE_DUE_FOLLOWUP,
	QUEUE_SYMPTOMATIC_CHECK,
	QUEUE_NEVER_CALLED,
	QUEUE_RETRY_DUE,
	QUEUE_REST,
};

/* Why a case is where it is in the queue: what db/queue.c knows. */
struct queue_facts {
	enum queue_reason reason;	/* its category */
	enum contact_state contact;
	enum followup_kind kind;	/* of the follow-up that placed it, or NONE */
	int retry;			/* that callback is a retry after a failed call */
	enum call_outcome last_outcome;	/* of the last call, or NONE */
	time_t last_call_at;		/* 0 = never */
	time_t due_at;			/* the follow-up or retry that placed it, or 0 */
	int failed;			/* failed attempts since last reached */
	int no_phone;			/* the worker has no current number */
};

#endif
