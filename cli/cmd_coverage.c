/* cmd_coverage.c -- paicha coverage: one row per village, and calls per day. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "db/db.h"
#include "db/lead.h"
#include "forms/clock.h"
#include "forms/i18n.h"

#define DAYS 14

int
cmd_coverage(struct cmd_ctx *ctx)
{
	const char *titles[] = { _("village"), _("group A"), _("group B"), _("reached"),
		_("never called"), _("returned"), _("in Hubei"), _("symptoms"),
		_("isolated") };
	static const int right[] = { 0, 1, 1, 1, 1, 1, 1, 1, 1 };
	struct lead_village_row *v;
	struct table *t;
	long long per_day[DAYS];
	char today[11], b[8][24];
	time_t now = clock_now(), day0;
	size_t n;
	int csv;

	if (cmd_lead_csv_opt(ctx, &csv) != 0)
		return cmd_usage(ctx);
	clock_date(now, today);
	day0 = clock_day_start(today);
	if (lead_coverage(ctx->db, ctx->me.id, today, &v, &n) != 0 ||
	    lead_calls_per_day(ctx->db, ctx->me.id, day0, DAYS, per_day) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (!csv)
		printf(_("Group A (employed in Hubei): %lld   Group B (from Hubei, employed here): "
		    "%lld\n\n"), v[n - 1].group_a, v[n - 1].group_b);
	t = table_new(9, titles, right);
	for (size_t i = 0; i < n; i++) {
		const char *row[] = { v[i].village[0] || i + 1 < n ? v[i].village : _("total"),
			table_num(b[0], v[i].group_a), table_num(b[1], v[i].group_b),
			table_num(b[2], v[i].reached), table_num(b[3], v[i].never_called),
			table_num(b[4], v[i].returned), table_num(b[5], v[i].in_hubei),
			table_num(b[6], v[i].symptomatic), table_num(b[7], v[i].isolated) };
		table_add(t, row);
	}
	table_print(t, csv, stdout);
	table_free(t);
	free(v);
	if (csv)
		return EXIT_OK;
	printf(_("\nCalls per day, last %d days:\n"), DAYS);
	{
		const char *dt[] = { _("date"), _("calls") };
		static const int dr[] = { 0, 1 };
		t = table_new(2, dt, dr);
		for (int i = 0; i < DAYS; i++) {
			char d[11];
			clock_date(day0 - (time_t)(DAYS - 1 - i) * 86400, d);
			const char *row[] = { d, table_num(b[0], per_day[i]) };
			table_add(t, row);
		}
		table_print(t, 0, stdout);
		table_free(t);
	}
	return EXIT_OK;
}
