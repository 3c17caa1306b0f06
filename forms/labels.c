/* labels.c -- facts into words for people; see labels.h. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "callform.h"
#include "clock.h"
#include "field.h"
#include "form.h"
#include "i18n.h"
#include "labels.h"
#include "utf8.h"

const char *
labels_contact(enum contact_state s)
{
	switch (s) {
	case CONTACT_UNCALLED: return _("uncalled");
	case CONTACT_UNREACHED: return _("unreached");
	case CONTACT_REACHED: return _("reached");
	case CONTACT_UNREACHABLE: return _("unreachable");
	}
	return "?";
}

const char *
labels_outcome(enum call_outcome o)
{
	const struct field_def *f = form_field(&callform, "outcome");
	int n = 0;

	/* enum call_outcome follows the order of the form's choices */
	while (f != NULL && f->choices[n].key != NULL)
		n++;
	if ((int)o < 0 || (int)o >= n)
		return "";
	return _(f->choices[o].label);
}

const char *
labels_followup_kind(enum followup_kind k)
{
	switch (k) {
	case FOLLOWUP_CALLBACK: return _("callback");
	case FOLLOWUP_HEALTH: return _("health check");
	case FOLLOWUP_MEDICAL: return _("medical");
	case FOLLOWUP_JOB: return _("job");
	case FOLLOWUP_ESCALATION: return _("escalation");
	case FOLLOWUP_NONE: break;
	}
	return "";
}

const char *
labels_phone_kind(const char *kind)
{
	if (kind != NULL && strcmp(kind, "mobile") == 0)
		return _("mobile");
	if (kind != NULL && strcmp(kind, "fixed") == 0)
		return _("fixed-line");
	return _("other");
}

const char *
labels_search_match(enum search_match m)
{
	switch (m) {
	case SEARCH_IDNUM: return _("ID number");
	case SEARCH_PHONE: return _("phone");
	case SEARCH_NAME: return _("name");
	case SEARCH_PINYIN: return _("pinyin");
	}
	return "";
}

const char *
labels_role(enum user_role r)
{
	switch (r) {
	case ROLE_INVESTIGATOR: return _("investigator");
	case ROLE_LEAD: return _("lead");
	case ROLE_ADMIN: return _("admin");
	}
	return "?";
}

/* "14:00" for an instant on the day of now, else "02-04 14:00". */
static void
labels_when(time_t t, time_t now, char *out, size_t outsz)
{
	char day[11], today[11], dt[17];

	clock_date(t, day);
	clock_date(now, today);
	clock_datetime(t, dt);
	snprintf(out, outsz, "%s", strcmp(day, today) == 0 ? dt + 11 : dt + 5);
}

/* The outcome of the last call inside a reason ("retry due (no answer ..."). */
static const char *
labels_reason_outcome(enum call_outcome o)
{
	switch (o) {
	case OUTCOME_NO_ANSWER: return _("no answer");
	case OUTCOME_BUSY: return _("busy");
	case OUTCOME_OFF: return _("phone off");
	case OUTCOME_OUT_OF_SERVICE: return _("out of service");
	case OUTCOME_WRONG_NUMBER: return _("wrong number");
	case OUTCOME_REFUSED: return _("refused");
	case OUTCOME_REACHED: return _("reached");
	case OUTCOME_NONE: break;
	}
	return "";
}

/* What a follow-up of kind is called after "next:". */
static const char *
labels_reason_kind(enum followup_kind kind, int retry)
{
	switch (kind) {
	case FOLLOWUP_CALLBACK: return retry ? _("retry") : _("callback");
	case FOLLOWUP_HEALTH: return _("health check");
	case FOLLOWUP_MEDICAL: return _("medical follow-up");
	case FOLLOWUP_JOB: return _("job follow-up");
	case FOLLOWUP_ESCALATION: return _("escalation");
	case FOLLOWUP_NONE: break;
	}
	return "";
}

void
labels_queue_reason(const struct queue_facts *q, time_t now, char *out, size_t sz)
{
	char when[16], dt[17];

	switch (q->reason) {
	case QUEUE_DUE_FOLLOWUP:
		if (q->kind == FOLLOWUP_CALLBACK) {
			labels_when(q->due_at, now, when, sizeof when);
			snprintf(out, sz, _("callback due %s"), when);
		} else if (q->kind == FOLLOWUP_MEDICAL)
			snprintf(out, sz, "%s", _("medical follow-up due"));
		else if (q->kind == FOLLOWUP_JOB)
			snprintf(out, sz, "%s", _("job follow-up due"));
		else if (q->kind == FOLLOWUP_ESCALATION && q->no_phone)
			snprintf(out, sz, "%s", _("escalated: no valid number, find one through the "
			    "village"));
		else if (q->kind == FOLLOWUP_ESCALATION)
			snprintf(out, sz, _("escalated: not reached after %d calls"), q->failed);
		else
			snprintf(out, sz, "%s", _("health check due"));
		return;
	case QUEUE_SYMPTOMATIC_CHECK:
		snprintf(out, sz, "%s", _("health check due (symptoms)"));
		return;
	case QUEUE_NEVER_CALLED:
		snprintf(out, sz, "%s", q->no_phone ? _("never called: no valid number yet")
		    : _("never called"));
		return;
	case QUEUE_RETRY_DUE:
		labels_when(q->last_call_at, now, when, sizeof when);
		snprintf(out, sz, _("retry due (%s at %s)"), labels_reason_outcome(q->last_outcome),
		    when);
		return;
	case QUEUE_REST:
		if (q->kind != FOLLOWUP_NONE) {
			clock_datetime(q->due_at, dt);
			snprintf(out, sz, _("next: %s %s"), labels_reason_kind(q->kind, q->retry),
			    dt + 5);
		} else if (q->contact == CONTACT_REACHED)
			snprintf(out, sz, "%s", _("done"));
		else
			snprintf(out, sz, "%s", _("nothing scheduled"));
		return;
	}
	snprintf(out, sz, "%s", "");
}

void
labels_no_number(const char *typed, char *out, size_t sz)
{
	char list[512];
	size_t o = 0;

	/* the lines of workers.phones_invalid, as one list */
	for (const char *p = typed ? typed : ""; *p != '\0' && o + 4 < sizeof list; p++) {
		if (*p == '\n') {
			memcpy(list + o, "、", 3);
			o += 3;
		} else {
			list[o++] = *p;
		}
	}
	list[o] = '\0';
	if (o > 0)
		snprintf(out, sz, _("no valid number (as typed: %s): find one through the village"),
		    list);
	else
		snprintf(out, sz, "%s", _("no valid number: find one through the village"));
}

const char *
labels_followup_closed(const char *reason)
{
	if (reason == NULL)
		return "";
	if (strcmp(reason, "done") == 0)
		return _("done");
	if (strcmp(reason, "moved") == 0)
		return _("moved");
	if (strcmp(reason, "superseded") == 0)
		return _("superseded");
	if (strcmp(reason, "cancelled") == 0)
		return _("cancelled");
	return reason;
}

/* A choice people may type: its value, the stored key, and its words. */
struct labels_word {
	int value;
	const char *key;	/* as stored */
	const char *en;		/* N_(): the English word, and the msgid */
	const char *zh;		/* the Chinese word (po/zh_CN.po's glossary) */
	const char *zh2;	/* another Chinese word people use, or NULL */
};

static const struct labels_word labels_kinds[] = {
	{ FOLLOWUP_CALLBACK, "callback", N_("callback"), "回拨", "回电" },
	{ FOLLOWUP_HEALTH, "health", N_("health check"), "健康随访", "健康" },
	{ FOLLOWUP_MEDICAL, "medical", N_("medical"), "就医跟进", "就医" },
	{ FOLLOWUP_JOB, "job", N_("job"), "岗位推荐", "岗位" },
	{ FOLLOWUP_ESCALATION, "escalation", N_("escalation"), "上报组长", "上报" },
};

static const struct labels_word labels_roles[] = {
	{ ROLE_INVESTIGATOR, "investigator", N_("investigator"), "排查人", "调查员" },
	{ ROLE_LEAD, "lead", N_("lead"), "组长", NULL },
	{ ROLE_ADMIN, "admin", N_("admin"), "管理员", NULL },
};

/* The value of the word typed in table t of n rows; -1 if none. */
static int
labels_find(const struct labels_word *t, size_t n, const char *typed)
{
	char *folded = utf8_fold_fullwidth(typed != NULL ? typed : "");
	char *s = utf8_trim(folded);
	int found = -1;

	free(folded);
	for (size_t i = 0; i < n && found < 0; i++)
		if (strcasecmp(s, t[i].key) == 0 || strcasecmp(s, t[i].en) == 0 ||
		    strcmp(s, _(t[i].en)) == 0 || strcmp(s, t[i].zh) == 0 ||
		    (t[i].zh2 != NULL && strcmp(s, t[i].zh2) == 0))
			found = t[i].value;
	free(s);
	return found;
}

int
labels_followup_kind_parse(const char *typed, enum followup_kind *out)
{
	int v = labels_find(labels_kinds, sizeof labels_kinds / sizeof labels_kinds[0], typed);

	if (v < 0)
		return -1;
	*out = (enum followup_kind)v;
	return 0;
}

int
labels_role_parse(const char *typed, enum user_role *out)
{
	int v = labels_find(labels_roles, sizeof labels_roles / sizeof labels_roles[0], typed);

	if (v < 0)
		return -1;
	*out = (enum user_role)v;
	return 0;
}

static const char *
escalation_word(int kind)
{
	switch (kind) {
	case 0: return _("unreachable");
	case 1: return _("symptoms, not urged to see a doctor");
	case 2: return _("medical follow-up overdue");
	case 3: return _("nobody called for 3 days");
	case 4: return _("no valid number: find one through the village");
	}
	return "";
}

void
labels_escalation(int kind, const char *typed, char *out, size_t sz)
{
	if (kind == 4 && typed != NULL)
		labels_no_number(typed, out, sz);
	else
		snprintf(out, sz, "%s", escalation_word(kind));
}

void
labels_escalation_counts(const long long count[5], char *out, size_t sz)
{
	char list[384] = "";
	size_t o = 0;
	long long all = 0;

	/* the kinds that have some, so that the line fits 80 columns */
	for (int k = 0; k < 5; k++) {
		char one[96];

		all += count[k];
		if (count[k] == 0)
			continue;
		switch (k) {
		case 0: snprintf(one, sizeof one, _("%lld unreachable"), count[k]); break;
		case 1: snprintf(one, sizeof one, _("%lld symptoms not urged"), count[k]); break;
		case 2: snprintf(one, sizeof one, _("%lld medical overdue"), count[k]); break;
		case 3: snprintf(one, sizeof one, _("%lld not called for 3 days"), count[k]); break;
		default: snprintf(one, sizeof one, _("%lld no valid number"), count[k]); break;
		}
		o += (size_t)snprintf(list + o, o < sizeof list ? sizeof list - o : 0, "%s%s",
		    o > 0 ? _(", ") : "", one);
		if (o >= sizeof list)
			o = sizeof list - 1;
	}
	if (all == 0)
		snprintf(out, sz, "%s", _("No escalations."));
	else
		/* TRANSLATORS: how many escalations are open: the kinds that have some */
		snprintf(out, sz, _("%lld open: %s"), all, list);
}
