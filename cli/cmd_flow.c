/* cmd_flow.c -- paicha flow: where group A workers are and their work plans. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "db/db.h"
#include "db/lead.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/leadtext.h"

int
cmd_flow(struct cmd_ctx *ctx)
{
	const char *titles[] = { _("village"), _("where / plan"), _("place"), _("now"),
		_("yesterday"), _("change") };
	static const int right[] = { 0, 0, 0, 1, 1, 1 };
	struct lead_flow_row *v;
	struct table *t;
	char b[3][24];
	size_t n;
	int csv;

	if (cmd_lead_csv_opt(ctx, &csv) != 0)
		return cmd_usage(ctx);
	if (lead_flow(ctx->db, ctx->me.id, clock_now(), ctx->settings.max_attempts, &v, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	t = table_new(6, titles, right);
	for (size_t i = 0; i < n; i++) {
		char what[128];
		if (v[i].where[0])
			snprintf(what, sizeof what, "%s", leadtext_where(v[i].where));
		else
			snprintf(what, sizeof what, _("plan: %s"), leadtext_plan(v[i].plan));
		snprintf(b[2], sizeof b[2], "%+lld", v[i].n - v[i].yesterday);
		const char *row[] = { v[i].village[0] ? v[i].village : _("total"), what,
			v[i].place, table_num(b[0], v[i].n), table_num(b[1], v[i].yesterday), b[2] };
		table_add(t, row);
	}
	table_print(t, csv, stdout);
	table_free(t);
	free(v);
	return EXIT_OK;
}
