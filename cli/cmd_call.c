/*
 * cmd_call.c -- paicha call WORKER --outcome O [--phone N] [KEY=VALUE ...]:
 * record a call without the screen, validated by the same call form and
 * saved by the same calls_record() as the screen.  The keys it accepts and
 * their help are generated from the form's table (cmd_call_keys_help).
 */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/reveal.h"
#include "cli/worker_arg.h"
#include "db/calls.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/followups.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "forms/xmalloc.h"
#include "forms/phone.h"

/* Append printf text to a growing buffer. */
static void
buf_add(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
buf_add(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(*buf ? *buf + *len : NULL, *buf ? *cap - *len : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			fatal("vsnprintf failed: %s", fmt);
		if (*buf != NULL && *len + (size_t)n < *cap) {
			*len += (size_t)n;
			return;
		}
		*cap = (*cap + (size_t)n + 1) * 2;
		*buf = xrealloc(*buf, *cap);
	}
}

/* What to type for a field of this type, for people. */
static const char *
type_help(enum field_type t)
{
	switch (t) {
	case FIELD_DATE: return _("a date: 2020-01-26, 1月26日, 1/26, yesterday");
	case FIELD_TIME: return _("a time: 09:30");
	case FIELD_TEMPERATURE: return _("a temperature in °C: 37.8");
	case FIELD_YESNO: return _("yes or no");
	case FIELD_PHONE: return _("a phone number");
	case FIELD_IDNUM: return _("an ID number");
	case FIELD_MULTI: return _("any of these, separated by ','; empty = none:");
	case FIELD_CHOICE: return _("one of these:");
	case FIELD_TEXT: break;
	}
	return _("free text");
}

char *
cmd_call_keys_help(void)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;

	buf_add(&buf, &len, &cap, "%s\n", _("Records a call made now by you and applies the "
	    "follow-up rules (a callback after a failed call, an escalation to the lead when "
	    "the case becomes unreachable, a medical follow-up for symptoms, a daily health "
	    "check during isolation). The answers are checked exactly as on the call screen; "
	    "questions that do not apply to the outcome and whereabouts given are ignored. "
	    "--phone names the number dialled: 1, 2 ... for the worker's first, second ... "
	    "number, or the number itself (it must be one of theirs); without it the call goes "
	    "to the number to dial next. A case another investigator has open on the screen "
	    "is refused."));
	buf_add(&buf, &len, &cap, "\n%s\n", _("Retry rules, per number: a call counts against "
	    "the number dialled. Wrong number (wrong-number) and out of service "
	    "(out-of-service) mark that number at once; it is kept, shown struck, and not "
	    "dialled again by default. No answer, busy, powered off and refused count against "
	    "it; after max_attempts of them since the worker was last reached the number is "
	    "spent too. The next call goes to the valid number with the fewest failed "
	    "attempts, the first one on a tie. A case becomes unreachable (无法联系, escalated "
	    "to the lead) only when every number it has is spent; a worker without any number "
	    "is unreachable after max_attempts failed calls. Reaching the worker clears the "
	    "number's mark and starts every count again. A failed call puts the case's open "
	    "follow-ups that were due behind the retry time."));
	buf_add(&buf, &len, &cap, "\n%s\n", _("A follow-up call says what it is for with "
	    "purpose=: purpose=health or purpose=medical starts from the case's current "
	    "whereabouts, return date and isolation dates (give a key to change it); a health "
	    "check needs temperature= and symptoms= (empty = none); symptoms need "
	    "urged_doctor=yes or no."));
	buf_add(&buf, &len, &cap, "\n%s\n", _("Group B workers (Hubei-origin, working here) "
	    "answer whereabouts as: home = went to Hubei over the holiday and came back here "
	    "(return_date = the day back here), hubei = went and is still there, never-left = "
	    "stayed here; the health and isolation questions are the same."));
	buf_add(&buf, &len, &cap, "\n%s\n", _("KEY=VALUE keys (--outcome sets outcome):"));
	for (size_t i = 0; i < form_field_count(&callform); i++) {
		const struct field_def *f = form_field_at(&callform, i);
		buf_add(&buf, &len, &cap, "  %s: %s%s\n      %s\n", f->key, _(f->label),
		    f->required ? _(", required when asked") : "", type_help(f->type));
		for (const struct field_choice *c = f->choices; c && c->key; c++) {
			/* the province's wording, unless the translation says it already */
			const char *ex = c->export_label && strcmp(c->export_label, _(c->label)) != 0
			    ? c->export_label : "";
			buf_add(&buf, &len, &cap, "      %s = %s%s%s\n", c->key, _(c->label),
			    ex[0] ? " " : "", ex);
		}
	}
	buf_add(&buf, &len, &cap, "\n%s\n", _("Example: paicha call 430121199003071234 "
	    "--outcome reached whereabouts=home return_date=2020-01-24 transport=rail "
	    "temperature=36.8 symptoms="));
	return buf;
}

/* Split KEY=VALUE arguments into answers; EXIT_USAGE on a bad one. */
static int
parse_pairs(struct cmd_ctx *ctx, char **argv, int argc, struct answers *a)
{
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (eq == NULL || eq == argv[i]) {
			cmd_error(ctx, _("'%s' is not KEY=VALUE: see 'paicha help call' for the keys"),
			    argv[i]);
			return EXIT_USAGE;
		}
		*eq = '\0';
		answers_set(a, argv[i], eq + 1);
		*eq = '=';
	}
	return EXIT_OK;
}

/* The number dialled: --phone as the worker's number N (1, 2 ...) or as a
 * number of theirs, else the one to dial next (calls_numbers). */
static int
dialled(struct cmd_ctx *ctx, const struct worker *w, const char *typed, char *e164, size_t sz,
    char *display, size_t dsz)
{
	struct call_number *v;
	struct phone p;
	size_t n;
	int next, rc = EXIT_OK;
	long at = -1;

	e164[0] = display[0] = '\0';
	if (calls_numbers(ctx->db, w->id, ctx->settings.max_attempts, &v, &n, &next) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (n == 0) {
		/* nothing to dial: a call on no number would count for no number */
		rc = cmd_error(ctx, _("%s (%s) has no valid phone number: add the number you reach "
		    "them on first ('paicha edit %s --add-phone NUMBER'), then record the call"),
		    w->name, w->id_number, w->id_number);
		goto out;
	}
	if (typed == NULL)
		at = next;
	else if (typed[0] >= '1' && typed[0] <= '9' && typed[1] == '\0') {
		if ((size_t)(typed[0] - '0') > n) {
			rc = cmd_error(ctx, _("--phone %s: %s (%s) has %zu numbers; see 'paicha show "
			    "%s'"), typed, w->name, w->id_number, n, w->id_number);
			goto out;
		}
		at = typed[0] - '1';
	} else {
		if (phone_parse(typed, ctx->settings.area_code[0] ? ctx->settings.area_code : NULL,
		    &p) != 0) {
			rc = cmd_error(ctx, _("--phone %s: %s"), typed, p.reason);
			goto out;
		}
		for (size_t i = 0; i < n && at < 0; i++)
			if (strcmp(v[i].e164, p.e164) == 0)
				at = (long)i;
		if (at < 0) {
			rc = cmd_error(ctx, _("--phone %s is not a number of %s (%s): add it on the "
			    "case screen first, or give one of theirs (see 'paicha show %s')"), typed,
			    w->name, w->id_number, w->id_number);
			goto out;
		}
	}
	if (at >= 0) {
		snprintf(e164, sz, "%s", v[at].e164);
		snprintf(display, dsz, "%s", v[at].display);
	}
out:
	free(v);
	return rc;
}

/* After a call: say when the number just dialled is spent and which one
 * comes next. */
static void
next_number(struct cmd_ctx *ctx, const struct worker *w, const char *e164)
{
	struct call_number *v;
	size_t n;
	int next;

	if (e164[0] == '\0' ||
	    calls_numbers(ctx->db, w->id, ctx->settings.max_attempts, &v, &n, &next) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v[i].e164, e164) != 0 || !v[i].spent)
			continue;
		if (next >= 0 && !v[next].spent)
			printf(_("That number is spent; the next call goes to %s.\n"),
			    v[next].display);
		else
			printf("%s\n", _("Every number of this worker is spent."));
	}
	free(v);
}

int
cmd_call(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "outcome", required_argument, NULL, 'o' },
		{ "phone", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *outcome = NULL, *phone = NULL, *o;
	struct answers *a = NULL;
	struct form_ctx fctx;
	struct worker w;
	struct case_row before, after;
	enum call_outcome oc;
	char today[11], err[512], e164[24], display[32], until[6], due[17], idbuf[19];
	long long call_id;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'o': outcome = optarg; break;
		case 'p': phone = optarg; break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind >= ctx->argc || outcome == NULL)
		return cmd_usage(ctx);
	a = answers_new();
	if ((rc = parse_pairs(ctx, ctx->argv + optind + 1, ctx->argc - optind - 1, a)) != 0)
		goto out;
	if (answers_get(a, "outcome") != NULL) {
		rc = cmd_error(ctx, _("give the outcome with --outcome, not outcome="));
		goto out;
	}
	if ((rc = worker_arg_find(ctx, ctx->argv[optind], &w)) != 0)
		goto out;
	/* A follow-up call (purpose=health or medical) starts from what is
	 * known, as the call screen does: whereabouts, return date, isolation. */
	if ((o = answers_get(a, "purpose")) != NULL) {
		const struct field_choice *p = field_choice_find(form_field(&callform, "purpose"), o);
		if (p != NULL && (strcmp(p->key, "health") == 0 || strcmp(p->key, "medical") == 0)) {
			if (cases_get(ctx->db, w.id, &before) != 0) {
				rc = cmd_error(ctx, "%s", db_error(ctx->db));
				goto out;
			}
			if (casestate_known_answers(&before.state, a) != 0)
				fatal("%s", _("the case's answers could not be copied into the call"));
		}
	}
	/* The outcome is a question of the form: validate it with the rest. */
	answers_set(a, "outcome", outcome);
	clock_today(today);
	fctx.today = today;
	fctx.area_code = ctx->settings.area_code[0] ? ctx->settings.area_code : NULL;
	/* group B is asked its own way; the keys and their values are the same */
	if (form_validate(w.group == GROUP_B ? &callform_b : &callform, a, &fctx, err,
	    sizeof err) != 0) {
		rc = cmd_error(ctx, "%s", err);
		goto out;
	}
	o = answers_get(a, "outcome");
	if (o == NULL || call_outcome_parse(o, &oc) != 0) {
		rc = cmd_error(ctx, _("unknown outcome '%s': see 'paicha help call'"), outcome);
		goto out;
	}
	answers_remove(a, "outcome");
	if ((rc = dialled(ctx, &w, phone, e164, sizeof e164, display, sizeof display)) != 0)
		goto out;
	if (cases_get(ctx->db, w.id, &before) != 0) {
		rc = cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	if (before.claimed_by != 0 && before.claimed_by != ctx->me.id) {
		clock_hhmm(before.claim_expires, until);
		rc = cmd_error(ctx, _("%s has %s (%s) open on the call screen until %s: "
		    "ask them, or try again later"), before.claimed_by_name, w.name,
		    reveal_masked(w.id_number, idbuf), until);
		goto out;
	}
	if (calls_record(ctx->db, &ctx->settings, w.id, ctx->me.id, clock_now(), e164, oc, a,
	    &call_id) != 0 || cases_get(ctx->db, w.id, &after) != 0) {
		rc = cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	printf(_("Recorded call %lld to %s (%s): %s; case %s, %d calls.\n"), call_id, w.name,
	    reveal_masked(w.id_number, idbuf), labels_outcome(oc), labels_contact(after.state.contact),
	    after.state.calls);
	if (display[0] != '\0')
		printf(_("Number dialled: %s.\n"), display);
	next_number(ctx, &w, e164);
	if (after.next_due_at != 0) {
		clock_datetime(after.next_due_at, due);
		enum followup_kind nk;

		printf(_("Next: %s due %s.\n"), followup_kind_parse(after.next_kind, &nk) == 0 ?
		    labels_followup_kind(nk) : after.next_kind, due);
	}
	rc = EXIT_OK;
out:
	answers_free(a);
	return rc;
}
