/*
 * labels.h -- the one place where the facts db/ returns (states, outcomes,
 * kinds, roles, why a case is in the queue) become words for people,
 * translated through gettext.  tui/ and cli/ both use it, so a state is
 * called the same on a screen and in a command's output.
 */
#ifndef PAICHA_FORMS_LABELS_H
#define PAICHA_FORMS_LABELS_H

#include <stddef.h>
#include <time.h>

#include "forms/facts.h"

/* 未排查, 未联系上, 已联系, 无法联系 ("uncalled" ...). */
const char *labels_contact(enum contact_state);
/* The call form's word for an outcome (已接通, 无人接听, ...); "" for NONE. */
const char *labels_outcome(enum call_outcome);
/* 回拨, 健康随访, 就医跟进, 岗位推荐, 上报组长; "" for NONE. */
const char *labels_followup_kind(enum followup_kind);
/* A stored phone kind ("mobile", "fixed", "other"): 手机, 固话, 其他. */
const char *labels_phone_kind(const char *kind);
/* What a search matched: 身份证号, 电话, 姓名, 拼音. */
const char *labels_search_match(enum search_match);
/* 排查人, 组长, 管理员. */
const char *labels_role(enum user_role);

/* How a follow-up was closed ("done", "moved", "superseded", "cancelled"). */
const char *labels_followup_closed(const char *reason);

/* A kind or a role as a person may type it: the stored key, the English
 * word or the Chinese one, whatever the locale ("callback", "回拨"; "lead",
 * "组长"), full-width letters and surrounding spaces allowed; 0 or -1. */
int labels_followup_kind_parse(const char *typed, enum followup_kind *out);
int labels_role_parse(const char *typed, enum user_role *out);

/* Why a case is where it is in the queue, as of now ("callback due 14:00",
 * "retry due (no answer at 09:12)"), into out. */
void labels_queue_reason(const struct queue_facts *, time_t now, char *out, size_t outsz);
/* Why a worker with no valid number is the lead's: "no valid number (as
 * typed: TYPED): find one through the village", without the part in
 * brackets when typed is empty. */
void labels_no_number(const char *typed, char *out, size_t outsz);
/* Why a case is an escalation, by its kind in the order of db/lead.h's
 * enum lead_esc_kind (0 unreachable, 1 not urged, 2 medical, 3 silent, 4
 * no number); the no-number kind with typed as labels_no_number() says it
 * when typed is given. */
void labels_escalation(int kind, const char *typed, char *out, size_t outsz);
/* How many are open, of the kinds that have some: "14 open: 12
 * unreachable, 2 medical overdue". */
void labels_escalation_counts(const long long count[5], char *out, size_t outsz);

#endif
