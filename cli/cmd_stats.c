/* cmd_stats.c -- paicha stats: the notice's two counts and the contact progress. */
#include "config.h"

#include <stdio.h>

#include "cli/cmd.h"
#include "db/db.h"
#include "db/stats.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/utf8.h"

static double
pct(long long n, long long of)
{
	return of > 0 ? 100.0 * (double)n / (double)of : 0.0;
}

/* One row: a label and count (percentage) for A, B and both. */
static void
row(const char *label, long long a, long long na, long long b, long long nb)
{
	char l[128];

	printf("  %s %7lld %5.1f%%  %7lld %5.1f%%  %7lld %5.1f%%\n", utf8_fit(label, -28, l, sizeof l),
	    a, pct(a, na), b, pct(b, nb), a + b, pct(a + b, na + nb));
}

int
cmd_stats(struct cmd_ctx *ctx)
{
	struct stats s;
	long long na, nb;
	char now[17], h[4][128];

	if (ctx->argc != 1)
		return cmd_usage(ctx);
	if (stats_get(ctx->db, clock_now(), &s) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	na = s.workers[GROUP_A];
	nb = s.workers[GROUP_B];
	clock_datetime(clock_now(), now);
	printf(_("%s %s, as of %s\n\n"), ctx->settings.township, ctx->settings.division, now);
	printf(_("Group A (local workers employed in Hubei):   %7lld\n"), na);
	printf(_("Group B (Hubei workers employed locally):    %7lld\n"), nb);
	printf(_("Total:                                       %7lld\n\n"), na + nb);
	printf("  %s %s  %s  %s\n", utf8_fit(_("Contact progress"), -28, h[0], sizeof h[0]),
	    utf8_fit(_("group A"), 15, h[1], sizeof h[1]), utf8_fit(_("group B"), 15, h[2], sizeof h[2]),
	    utf8_fit(_("total"), 15, h[3], sizeof h[3]));
	/* the report's categories (provincial-format.md 5), in its words; a
	 * finer split is shown as a part of its category */
	row(_("已联系 reached"), s.contact[GROUP_A][CONTACT_REACHED], na,
	    s.contact[GROUP_B][CONTACT_REACHED], nb);
	row(_("未联系上 not reached"), s.contact[GROUP_A][CONTACT_UNREACHED] +
	    s.contact[GROUP_A][CONTACT_UNREACHABLE], na, s.contact[GROUP_B][CONTACT_UNREACHED] +
	    s.contact[GROUP_B][CONTACT_UNREACHABLE], nb);
	row(_("  其中无法联系 unreachable"), s.contact[GROUP_A][CONTACT_UNREACHABLE], na,
	    s.contact[GROUP_B][CONTACT_UNREACHABLE], nb);
	row(_("未排查 never called"), s.contact[GROUP_A][CONTACT_UNCALLED], na,
	    s.contact[GROUP_B][CONTACT_UNCALLED], nb);
	row(_("  其中无有效号码 no valid number"), s.no_number[GROUP_A][CONTACT_UNCALLED], na,
	    s.no_number[GROUP_B][CONTACT_UNCALLED], nb);
	printf(_("\nOpen follow-ups: %lld, of which overdue: %lld\n"), s.followups_open,
	    s.followups_overdue);
	return EXIT_OK;
}
