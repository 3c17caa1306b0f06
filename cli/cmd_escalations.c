/*
 * cmd_escalations.c -- paicha escalations: the cases a lead must act on;
 * `close WORKER KIND NOTE` closes one with a note (audited).  Reassigning
 * is `paicha assign`, a follow-up `paicha followup add`.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "cli/worker_arg.h"
#include "db/db.h"
#include "db/lead.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"

static const char *
cmd_esc_label(enum lead_esc_kind k)
{
	switch (k) {
	case ESC_UNREACHABLE: return _("unreachable");
	case ESC_NOT_URGED: return _("symptoms, not urged to see a doctor");
	case ESC_MEDICAL: return _("medical follow-up overdue");
	case ESC_SILENT: return _("nobody called for 3 days");
	case ESC_NO_NUMBER: return _("no valid number: find one through the village");
	}
	return "";
}

static int
esc_close(struct cmd_ctx *ctx)
{
	enum lead_esc_kind k;
	struct worker w;
	int rc;

	if (ctx->argc != 5)
		return cmd_usage(ctx);
	if ((rc = worker_arg_find(ctx, ctx->argv[2], &w)) != 0)
		return rc;
	if (lead_esc_kind_parse(ctx->argv[3], &k) != 0)
		return cmd_error(ctx, _("the kind must be unreachable, not-urged, medical, silent or "
		    "no-number, not '%s'"), ctx->argv[3]);
	if (ctx->argv[4][0] == '\0')
		return cmd_error(ctx, _("say in the note why the escalation is closed"));
	if (lead_escalation_close(ctx->db, ctx->me.id, w.id, k, ctx->argv[4]) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Closed the escalation of %s (%lld): %s.\n"), w.name, w.id, cmd_esc_label(k));
	return EXIT_OK;
}

int
cmd_escalations(struct cmd_ctx *ctx)
{
	const char *titles[] = { _("worker"), _("name"), _("village"), _("investigator"),
		_("kind"), _("why"), _("since") };
	static const int right[] = { 1, 0, 0, 0, 0, 0, 0 };
	struct lead_escalation *v;
	struct table *t;
	char b[24], since[17], why[512];
	size_t n;
	int csv;

	if (ctx->argc >= 2 && strcmp(ctx->argv[1], "close") == 0)
		return esc_close(ctx);
	if (cmd_lead_csv_opt(ctx, &csv) != 0)
		return cmd_usage(ctx);
	if (lead_escalations(ctx->db, ctx->me.id, clock_now(), &v, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	t = table_new(7, titles, right);
	for (size_t i = 0; i < n; i++) {
		if (v[i].since)
			clock_datetime(v[i].since, since);
		else
			snprintf(since, sizeof since, "-");
		/* with the numbers as typed when there is no valid one */
		if (v[i].kind == ESC_NO_NUMBER)
			labels_no_number(v[i].typed, why, sizeof why);
		else
			snprintf(why, sizeof why, "%s", cmd_esc_label(v[i].kind));
		const char *row[] = { table_num(b, v[i].worker_id), v[i].name, v[i].village,
			v[i].investigator_id ? v[i].investigator : _("(unassigned)"),
			lead_esc_kind_name(v[i].kind), why, since };
		table_add(t, row);
	}
	table_print(t, csv, stdout);
	table_free(t);
	free(v);
	return EXIT_OK;
}
