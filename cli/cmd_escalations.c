/*
 * cmd_escalations.c -- paicha escalations: the cases a lead must act on;
 * `close WORKER KIND NOTE` closes one with a note (audited).  Reassigning
 * is `paicha assign`, a follow-up `paicha followup add`.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "cli/worker_arg.h"
#include "db/db.h"
#include "db/lead.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"

/* Rows fetched at a time. */
#define ESC_CHUNK 1024

static int
esc_close(struct cmd_ctx *ctx)
{
	enum lead_esc_kind k;
	struct worker w;
	char why[128];
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
	labels_escalation((int)k, NULL, why, sizeof why);
	printf(_("Closed the escalation of %s (%lld): %s.\n"), w.name, w.id, why);
	return EXIT_OK;
}

int
cmd_escalations(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "csv", no_argument, NULL, 'c' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *titles[] = { _("worker"), _("name"), _("village"), _("investigator"),
		_("kind"), _("why"), _("since") };
	static const int right[] = { 1, 0, 0, 0, 0, 0, 0 };
	struct lead_escalation *v;
	struct lead_esc_key key;
	long long count[LEAD_ESC_KINDS];
	struct table *t;
	char b[24], since[17], why[512];
	time_t now = clock_now();
	long limit = 0;
	size_t n;
	int c, rc, csv = 0, have = 0;

	if (ctx->argc >= 2 && strcmp(ctx->argv[1], "close") == 0)
		return esc_close(ctx);
	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': csv = 1; break;
		case 'l':
			if ((rc = cmd_limit_arg(ctx, optarg, &limit)) != EXIT_OK)
				return rc;
			break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc)
		return cmd_usage(ctx);
	if (lead_escalation_counts(ctx->db, ctx->me.id, now, count) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	/* page by page in one read: a province's half a million rows are
	 * never held whole (text holds their cells, to align the columns) */
	if (db_begin_read(ctx->db) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	t = table_new(7, titles, right);
	for (size_t left = limit > 0 ? (size_t)limit : SIZE_MAX;;) {
		size_t want = left < ESC_CHUNK ? left : ESC_CHUNK;

		if (lead_escalation_page(ctx->db, ctx->me.id, now, have ? &key : NULL, want, &v,
		    &n) != 0) {
			db_rollback(ctx->db);
			table_free(t);
			return cmd_error(ctx, "%s", db_error(ctx->db));
		}
		for (size_t i = 0; i < n; i++) {
			if (v[i].since)
				clock_datetime(v[i].since, since);
			else
				snprintf(since, sizeof since, "-");
			/* with the numbers as typed when there is no valid one */
			labels_escalation((int)v[i].kind, v[i].typed, why, sizeof why);
			const char *row[] = { table_num(b, v[i].worker_id), v[i].name, v[i].village,
				v[i].investigator_id ? v[i].investigator : _("(unassigned)"),
				lead_esc_kind_name(v[i].kind), why, since };
			table_add(t, row);
		}
		if (n > 0) {
			key = lead_escalation_key(&v[n - 1]);
			have = 1;
		}
		free(v);
		if (csv)
			table_flush_csv(t, stdout);
		left -= n;
		if (n < want || left == 0)
			break;
	}
	db_commit(ctx->db);
	table_print(t, csv, stdout);
	table_free(t);
	if (!csv) {
		labels_escalation_counts(count, why, sizeof why);
		printf("\n%s\n", why);
	}
	return EXIT_OK;
}
