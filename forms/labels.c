/* labels.c -- facts into words for people; see labels.h. */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include "callform.h"
#include "clock.h"
#include "field.h"
#include "form.h"
#include "i18n.h"
#include "labels.h"

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
		else if (q->kind == FOLLOWUP_ESCALATION)
			snprintf(out, sz, _("escalated: not reached after %d calls"), q->failed);
		else
			snprintf(out, sz, "%s", _("health check due"));
		return;
	case QUEUE_SYMPTOMATIC_CHECK:
		snprintf(out, sz, "%s", _("health check due (symptoms)"));
		return;
	case QUEUE_NEVER_CALLED:
		snprintf(out, sz, "%s", _("never called"));
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
