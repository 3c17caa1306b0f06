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
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/i18n.h"
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
			abort();
		if (*buf != NULL && *len + (size_t)n < *cap) {
			*len += (size_t)n;
			return;
		}
		*cap = (*cap + (size_t)n + 1) * 2;
		if ((*buf = realloc(*buf, *cap)) == NULL)
			abort();
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
	    "--phone names the number dialled (default: the worker's first number). A case "
	    "another investigator has open on the screen is refused."));
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
		if (answers_set(a, argv[i], eq + 1) != 0)
			abort();
		*eq = '=';
	}
	return EXIT_OK;
}

/* The number dialled: --phone as typed, else the worker's first number. */
static int
dialled(struct cmd_ctx *ctx, const struct worker *w, const char *typed, char *e164, size_t sz)
{
	struct worker_phone *v;
	struct phone p;
	size_t n;

	e164[0] = '\0';
	if (typed != NULL) {
		if (phone_parse(typed, ctx->settings.area_code[0] ? ctx->settings.area_code : NULL,
		    &p) != 0)
			return cmd_error(ctx, _("--phone %s: %s"), typed, p.reason);
		snprintf(e164, sz, "%s", p.e164);
		return EXIT_OK;
	}
	if (workers_phones(ctx->db, w->id, &v, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (n > 0)
		snprintf(e164, sz, "%s", v[0].e164);
	free(v);
	return EXIT_OK;
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
	char today[11], err[512], e164[24], until[6], due[17], idbuf[19];
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
	if ((a = answers_new()) == NULL)
		abort();
	if ((rc = parse_pairs(ctx, ctx->argv + optind + 1, ctx->argc - optind - 1, a)) != 0)
		goto out;
	if (answers_get(a, "outcome") != NULL) {
		rc = cmd_error(ctx, _("give the outcome with --outcome, not outcome="));
		goto out;
	}
	if ((rc = worker_arg_find(ctx, ctx->argv[optind], &w)) != 0)
		goto out;
	/* The outcome is a question of the form: validate it with the rest. */
	if (answers_set(a, "outcome", outcome) != 0)
		abort();
	clock_today(today);
	fctx.today = today;
	fctx.area_code = ctx->settings.area_code[0] ? ctx->settings.area_code : NULL;
	if (form_validate(&callform, a, &fctx, err, sizeof err) != 0) {
		rc = cmd_error(ctx, "%s", err);
		goto out;
	}
	o = answers_get(a, "outcome");
	if (o == NULL || call_outcome_parse(o, &oc) != 0) {
		rc = cmd_error(ctx, _("unknown outcome '%s': see 'paicha help call'"), outcome);
		goto out;
	}
	answers_remove(a, "outcome");
	if ((rc = dialled(ctx, &w, phone, e164, sizeof e164)) != 0)
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
	    reveal_masked(w.id_number, idbuf), call_outcome_name(oc), contact_state_name(after.state.contact),
	    after.state.calls);
	if (after.next_due_at != 0) {
		clock_datetime(after.next_due_at, due);
		printf(_("Next: %s due %s.\n"), after.next_kind, due);
	}
	rc = EXIT_OK;
out:
	answers_free(a);
	return rc;
}
