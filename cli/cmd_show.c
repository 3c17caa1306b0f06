/* cmd_show.c -- paicha show WORKER: details, state, calls and follow-ups. */
#include "config.h"

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
#include "db/roles.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/i18n.h"
#include "forms/idnum.h"
#include "forms/labels.h"
#include "forms/utf8.h"

/* label padded to 14 columns: translated labels are measured in columns, not
 * bytes (printf's %-14s would misalign Chinese).  Valid until the next call. */
static const char *
show_pad(const char *label, int cols)
{
	static char buf[128];

	return utf8_fit(label, -cols, buf, sizeof buf);
}

static const char *
show_label(const char *label)
{
	return show_pad(label, 14);
}

/* A stored answer as people read it (labels for choices), valid until the
 * next call. */
static const char *
answer_text(const char *key, const char *value)
{
	static char buf[512];
	const struct field_def *f = form_field(&callform, key);

	if (f == NULL)
		return value;
	field_value_text(f, value, buf, sizeof buf);
	return buf;
}

/* A worker's field of lines ('\n' between), one line each, the label on
 * the first. */
static void
show_lines(const char *label, const char *text)
{
	int first = 1;

	for (const char *p = text; *p != '\0'; first = 0) {
		size_t n = strcspn(p, "\n");
		printf("  %s %.*s\n", show_label(first ? label : ""), (int)n, p);
		p += n + (p[n] == '\n');
	}
}

static void
show_details(const struct worker *w, const char *idnum, const struct worker_phone *p, size_t np)
{
	char today[11];
	int age;

	clock_today(today);
	age = date_age(w->birth_date, today);
	printf(_("Worker %lld: %s\n"), w->id, w->name);
	printf("  %s %s", show_label(_("Gender:")), w->gender == 'M' ? _("male")
	    : w->gender == 'F' ? _("female") : "?");
	if (age >= 0)
		printf(_(", %d years old"), age);
	printf("\n  %s %s\n", show_label(_("ID number:")), idnum);
	for (size_t i = 0; i < np; i++)
		printf("  %s %s%s%s  %s%s%s\n", show_label(i == 0 ? _("Phones:") : ""),
		    p[i].display, p[i].extension[0] ? _(" ext. ") : "", p[i].extension, labels_phone_kind(p[i].kind),
		    p[i].region[0] ? "  " : "", p[i].region);
	if (np == 0)
		printf("  %s %s\n", show_label(_("Phones:")), _("none"));
	if (w->phones_invalid[0])
		show_lines(_("Not valid:"), w->phones_invalid);
	printf("  %s %s %s\n", show_label(_("Village:")), w->township, w->village);
	printf("  %s %s %s\n", show_label(_("Works in:")), w->work_province, w->work_city);
	printf("  %s %s\n", show_label(_("Employer:")), w->employer);
	printf("  %s %s\n", show_label(_("Group:")), w->group == GROUP_A
	    ? _("A (local worker employed in Hubei)") : _("B (from Hubei, employed here)"));
	if (w->note[0])
		show_lines(_("Roster note:"), w->note);
}

static void
show_state(const struct case_row *c)
{
	const struct case_state *s = &c->state;
	char t[17];

	printf(_("\nCase: %s"), labels_contact(s->contact));
	printf(_(", %d calls, %d failed since last reached"), s->calls, s->failed);
	if (s->last_call_at) {
		clock_datetime(s->last_call_at, t);
		printf(_(", last %s (%s)"), t, labels_outcome(s->last_outcome));
	}
	printf("\n  %s %s\n", show_label(_("Investigator:")),
	    c->investigator_id ? c->investigator_name : _("(unassigned)"));
	if (c->claimed_by) {
		clock_hhmm(c->claim_expires, t);
		printf("  %s %s (%s %s)\n", show_label(_("Open by:")), c->claimed_by_name,
		    _("until"), t);
	}
	if (s->whereabouts[0])
		printf("  %s %s %s %s\n", show_label(_("Whereabouts:")),
		    answer_text("whereabouts", s->whereabouts),
		    s->return_date, s->place);
	if (s->health_asked)
		printf("  %s %s%s%s %s%s\n", show_label(_("Health:")),
		    s->symptomatic ? _("SYMPTOMS ") : _("no symptoms "),
		    s->symptoms[0] ? answer_text("symptoms", s->symptoms) : "",
		    s->temperature[0] ? " " : "", s->temperature, s->urged_doctor
		    ? _(" (urged to see a doctor)") : "");
	if (s->isolation_start[0])
		printf("  %s %s .. %s\n", show_label(_("Isolation:")), s->isolation_start,
		    s->isolation_end);
	if (s->work_plan[0])
		printf("  %s %s\n", show_label(_("Work plan:")),
		    answer_text("work_plan", s->work_plan));
	if (s->note[0])
		printf("  %s %s\n", show_label(_("Note:")), s->note);
}

static void
show_calls(const struct call_record *v, size_t n)
{
	char t[17], oc[64];

	printf(_("\nCalls (newest first): %zu\n"), n);
	for (size_t i = 0; i < n; i++) {
		clock_datetime(v[i].at, t);
		printf("  %s  %s %s  %s\n", t, utf8_fit(labels_outcome(v[i].outcome), -14, oc,
		    sizeof oc), v[i].user_name,
		    v[i].phone);
		/* In the form's order, with its labels. */
		for (size_t k = 0; k < form_field_count(&callform); k++) {
			const struct field_def *f = form_field_at(&callform, k);
			const char *val = answers_get(v[i].answers, f->key);
			if (val != NULL)
				printf("      %s: %s\n", _(f->label), answer_text(f->key, val));
		}
	}
}

int
cmd_show(struct cmd_ctx *ctx)
{
	struct worker w;
	struct worker_phone *p = NULL;
	struct call_record *calls = NULL;
	struct followup *f = NULL;
	struct case_row c;
	size_t np = 0, nc = 0, nf = 0;
	char t[17], idbuf[19];
	const char *idnum;
	int rc;

	if (ctx->argc != 2)
		return cmd_usage(ctx);
	if ((rc = worker_arg_find(ctx, ctx->argv[1], &w)) != 0)
		return rc;
	if (roles_check_case(ctx->db, ctx->me.id, w.id, ROLE_ACT_READ) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (workers_phones(ctx->db, w.id, &p, &np) != 0 || cases_get(ctx->db, w.id, &c) != 0 ||
	    calls_list(ctx->db, w.id, &calls, &nc) != 0 ||
	    followups_open(ctx->db, w.id, 0, &f, &nf) != 0) {
		rc = cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	/* the ID number masked, as on the case screen (search shows leads
	 * it whole); the phone list is recorded as seen */
	idnum = reveal_masked(w.id_number, idbuf);
	if (np > 0 && reveal_phones(ctx, w.id) != 0) {
		rc = EXIT_USER;
		goto out;
	}
	show_details(&w, idnum, p, np);
	show_state(&c);
	show_calls(calls, nc);
	printf(_("\nOpen follow-ups: %zu\n"), nf);
	for (size_t i = 0; i < nf; i++) {
		clock_datetime(f[i].due_at, t);
		printf("  %6lld %s %s %s%s%s\n", f[i].id, t,
		    show_pad(labels_followup_kind(f[i].kind), 12),
		    f[i].owner_name, f[i].note[0] ? "  " : "", f[i].note);
	}
	rc = EXIT_OK;
out:
	free(p);
	calls_free(calls, nc);
	free(f);
	return rc;
}
