/* cmd_team.c -- paicha team: one row per investigator, as the lead's Team screen. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "db/db.h"
#include "db/lead.h"
#include "forms/clock.h"
#include "forms/i18n.h"

/* --csv, the only option of the lead's views; -1 on a usage error. */
int
cmd_lead_csv_opt(struct cmd_ctx *ctx, int *csv)
{
	static const struct option opts[] = {
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*csv = 0;
	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		if (c != 'c')
			return -1;
		*csv = 1;
	}
	return optind == ctx->argc ? 0 : -1;
}

int
cmd_team(struct cmd_ctx *ctx)
{
	const char *titles[] = { _("login"), _("name"), _("cases"), _("not reached"),
		_("calls today"), _("reached today"), _("follow-ups"), _("overdue"),
		_("unreachable"), _("last call") };
	static const int right[] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 0 };
	struct lead_team_row *v;
	struct table *t;
	char today[11], b[8][24], last[17];
	time_t now = clock_now();
	size_t n;
	int csv;

	if (cmd_lead_csv_opt(ctx, &csv) != 0)
		return cmd_usage(ctx);
	clock_date(now, today);
	if (lead_team(ctx->db, ctx->me.id, clock_day_start(today), now, &v, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	t = table_new(10, titles, right);
	for (size_t i = 0; i < n; i++) {
		if (v[i].last_call)
			clock_datetime(v[i].last_call, last);
		else
			snprintf(last, sizeof last, "-");
		const char *row[] = { v[i].id ? v[i].login : "-",
			v[i].id ? v[i].name : _("(unassigned)"), table_num(b[0], v[i].assigned),
			table_num(b[1], v[i].open), table_num(b[2], v[i].called_today),
			table_num(b[3], v[i].reached_today), table_num(b[4], v[i].fu_open),
			table_num(b[5], v[i].fu_overdue), table_num(b[6], v[i].unreachable), last };
		table_add(t, row);
	}
	table_print(t, csv, stdout);
	table_free(t);
	free(v);
	return EXIT_OK;
}
