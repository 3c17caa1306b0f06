/*
 * cmd_report.c -- paicha report --today: tonight's 汇总 as the nightly
 * export will write it for today so far, with yesterday's figures beside
 * each number, the provincial format's invariants checked, and the
 * villages and investigators without a call today named.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "db/db.h"
#include "db/lead.h"
#include "db/report.h"
#include "db/report_summary.h"
#include "db/roles.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "io/report_rows.h"

/* The format's invariants for one row (provincial-format.md 5). */
static int
summary_check(const struct report_summary *s, size_t i)
{
	const long long *n = s->c[i].n;
	int bad = report_summary_check(s, i);

	if (bad & SUMMARY_SPLIT)
		printf(_("INVARIANT FAILS in %s %s: 已联系 + 未联系上 + 未排查 = %lld, "
		    "在鄂务工人数 = %lld\n"), s->township[i], s->village[i], n[1] + n[2] + n[3], n[0]);
	if (bad & SUMMARY_WHERE)
		printf(_("INVARIANT FAILS in %s %s: 已返乡 + 仍在湖北 + 在其他地区 = %lld > "
		    "已联系 = %lld\n"), s->township[i], s->village[i], n[4] + n[5] + n[6], n[1]);
	return bad != 0;
}

int
cmd_report(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "today", no_argument, NULL, 't' },
		{ "csv", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char *titles[] = { "乡镇(街道)", "村(社区)", _("figure"), _("today"),
		_("yesterday") };
	static const int right[] = { 0, 0, 0, 1, 1 };
	struct report_summary s, y;
	struct lead_team_row *team;
	struct table *t;
	char today[11], yday[11], b[2][24];
	time_t now = clock_now();
	size_t nteam;
	int c, csv = 0, todayopt = 0, bad = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		if (c == 't')
			todayopt = 1;
		else if (c == 'c')
			csv = 1;
		else
			return cmd_usage(ctx);
	}
	if (!todayopt || optind != ctx->argc)
		return cmd_usage(ctx);
	if (roles_check_lead(ctx->db, ctx->me.id, ROLE_ACT_READ) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	clock_date(now, today);
	clock_date(now - 86400, yday);
	if (report_summary_make(ctx->db, today, ctx->settings.max_attempts, &s) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (report_summary_make(ctx->db, yday, ctx->settings.max_attempts, &y) != 0) {
		report_summary_free(&s);
		return cmd_error(ctx, "%s", db_error(ctx->db));
	}
	if (csv) {
		/* Exactly summary.csv's columns and rows (in UTF-8). */
		const char *sum_titles[REPORT_MAX_COLS];

		for (size_t k = 0; k < report_tables[REPORT_SUMMARY].ncols; k++)
			sum_titles[k] = report_column_title(&report_tables[REPORT_SUMMARY].cols[k]);
		t = table_new((int)report_tables[REPORT_SUMMARY].ncols, sum_titles, NULL);
		for (size_t i = 0; i < s.n; i++) {
			const char *row[REPORT_MAX_COLS];
			char nb[REPORT_NCOUNTS][24];
			row[0] = s.township[i];
			row[1] = s.village[i];
			for (int k = 0; k < REPORT_NCOUNTS; k++)
				row[2 + k] = table_num(nb[k], s.c[i].n[k]);
			table_add(t, row);
		}
		table_print(t, 1, stdout);
		table_free(t);
		goto out;
	}
	printf(_("汇总 for %s so far (as the nightly export will write it), beside %s:\n\n"),
	    today, yday);
	t = table_new(5, titles, right);
	for (size_t i = 0; i < s.n; i++) {
		const struct report_counts *yc = report_summary_find(&y, &s, i);
		for (int k = 0; k < REPORT_NCOUNTS; k++) {
			const char *row[] = { k == 0 ? s.township[i] : "", k == 0 ? s.village[i] : "",
				report_column_title(&report_tables[REPORT_SUMMARY].cols[2 + k]), table_num(b[0], s.c[i].n[k]),
				yc ? table_num(b[1], yc->n[k]) : "-" };
			table_add(t, row);
		}
	}
	table_print(t, 0, stdout);
	table_free(t);
	putchar('\n');
	for (size_t i = 0; i < s.n; i++)
		bad |= summary_check(&s, i);
	if (!bad)
		printf(_("The format's invariants hold in every row.\n"));
	for (size_t i = 0; i + 1 < s.n; i++)
		if (s.c[i].n[12] == 0)
			printf(_("No calls today in %s %s.\n"), s.township[i], s.village[i]);
	if (lead_team(ctx->db, ctx->me.id, clock_day_start(today), now, &team, &nteam) == 0) {
		for (size_t i = 0; i < nteam; i++)
			if (team[i].id != 0 && team[i].called_today == 0)
				printf(_("No calls today by %s (%s).\n"), team[i].name, team[i].login);
		free(team);
	}
out:
	report_summary_free(&s);
	report_summary_free(&y);
	return bad ? EXIT_USER : EXIT_OK;
}
