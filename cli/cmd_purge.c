/* cmd_purge.c -- paicha purge --closed-before DATE [--dry-run]: remove the
 * personal data of the workers whose case was closed before DATE (admins
 * only); see db/purge.h for what is removed and what is kept. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "db/db.h"
#include "db/purge.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/form.h"
#include "forms/i18n.h"

int
cmd_purge(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "closed-before", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *arg = NULL, *keys[16];
	char today[11], date[11], err[256];
	size_t nkeys = 0;
	struct purge_counts n;
	int c, dry = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		if (c == 'c')
			arg = optarg;
		else if (c == 'n')
			dry = 1;
		else
			return cmd_usage(ctx);
	}
	if (arg == NULL || optind != ctx->argc)
		return cmd_usage(ctx);
	clock_today(today);
	if (date_parse(arg, today, date, err, sizeof err) != 0)
		return cmd_error(ctx, _("--closed-before: %s"), err);
	/* the call form's free-text answers, but the city in Hubei, which the
	 * counts and the province's roster need like a village */
	for (size_t i = 0; i < form_field_count(&callform) && nkeys < 16; i++) {
		const struct field_def *f = form_field_at(&callform, i);
		if ((f->type == FIELD_TEXT || f->type == FIELD_PHONE || f->type == FIELD_IDNUM) &&
		    strcmp(f->key, "hubei_city") != 0)
			keys[nkeys++] = f->key;
	}
	if (purge_closed(ctx->db, clock_day_start(date), keys, nkeys, ctx->settings.max_attempts,
	    dry, ctx->me.id, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(dry ? _("Would purge %lld workers closed before %s: %lld phones, %lld free-text "
	    "answers, %lld audit values; nothing was changed.\n")
	    : _("Purged %lld workers closed before %s: %lld phones, %lld free-text answers and "
	    "%lld audit values removed; groups, villages, dates and outcomes kept.\n"),
	    n.workers, date, n.phones, n.answers, n.audit);
	return EXIT_OK;
}
