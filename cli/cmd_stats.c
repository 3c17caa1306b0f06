/* cmd_stats.c -- paicha stats.  Placeholder until its issue lands. */
#include "config.h"

#include "cli/cmd.h"
#include "forms/i18n.h"

int
cmd_stats(struct cmd_ctx *ctx)
{
	return cmd_error(ctx, _("not available in this build yet"));
}
