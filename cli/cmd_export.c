/*
 * cmd_export.c -- paicha export [--date D] --out DIR [--encoding E] [--force]
 *
 * The options and the summary; the report itself is io/export.h's.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli/cmd.h"
#include "cli/priv.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "io/export.h"

/* Is s a 9-digit division code? */
static int
export_division_ok(const char *s)
{
	return strlen(s) == 9 && strspn(s, "0123456789") == 9;
}

int
cmd_export(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "out", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct export_opts o = { .division = ctx->settings.division,
		.max_attempts = ctx->settings.max_attempts };
	struct export_result res;
	char today[11], last[11];
	int c, rc;

	optind = 0;	/* GNU getopt: restart */
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': o.date = optarg; break;
		case 'o': o.out = optarg; break;
		case 'f': o.force = 1; break;
		case 'e':
			if (strcasecmp(optarg, "gb18030") == 0)
				o.utf8 = 0;
			else if (strcasecmp(optarg, "utf-8") == 0 || strcasecmp(optarg, "utf8") == 0)
				o.utf8 = 1;
			else
				return cmd_error(ctx, _("unknown encoding '%s': use gb18030 "
				    "(the default) or utf-8"), optarg);
			break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc || o.out == NULL)
		return cmd_usage(ctx);
	if (!export_division_ok(ctx->settings.division))
		return cmd_error(ctx, _("the township's 9-digit division code is not set: set it "
		    "with 'paicha init --division CODE' or 'division = CODE' in /etc/paicha.conf"));
	/* The last day that has ended, in China Standard Time. */
	clock_today(today);
	clock_date(clock_day_start(today) - 1, last);
	if (o.date == NULL)
		o.date = last;
	if (clock_day_start(o.date) == (time_t)-1 || strlen(o.date) != 10)
		return cmd_error(ctx, _("not a date: '%s' (write YYYY-MM-DD)"), o.date);
	if (strcmp(o.date, last) > 0)
		return cmd_error(ctx, _("%s has not ended yet: the latest day that can be "
		    "reported is %s"), o.date, last);
	/* the report's files are the user's (their own group, not paicha's:
	 * cli/priv.h); the database stays open as it was */
	if (priv_user_files() != 0)
		return cmd_error(ctx, _("cannot give up the group paicha: %s"), strerror(errno));
	rc = export_run(ctx->db, &o, &res);
	priv_group_back();
	if (rc != 0)
		return cmd_error(ctx, "%s", res.err);
	if (res.created_out)
		fprintf(stderr, _("Created the folder %s (mode 0750).\n"), o.out);
	if (res.first_day[0] != '\0')
		fprintf(stderr, _("Warning: %s is before the first record (%s): the report counts "
		    "nobody. Check --date.\n"), o.date, res.first_day);
	printf(_("Wrote %s: %lld workers, %lld open follow-ups, as of %s 24:00.\n"), res.path,
	    res.workers, res.open_followups, o.date);
	if (getenv("PAICHA_EXPORT_TIMES") != NULL)
		fprintf(stderr, "export-times: csv %.2f xlsx %.2f total %.2f\n",
		    res.csv_seconds, res.xlsx_seconds, res.total_seconds);
	return EXIT_OK;
}
