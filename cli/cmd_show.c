/* cmd_show.c -- paicha show.  Placeholder until its issue lands. */
#include "config.h"

#include "cli/cmd.h"
#include "forms/i18n.h"

int
cmd_show(struct cmd_ctx *ctx)
{
	return cmd_error(ctx, _("not available in this build yet"));
}
