/* worker_arg.c -- finding the worker a command's argument names. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/worker_arg.h"
#include "db/db.h"
#include "db/workers.h"
#include "forms/i18n.h"
#include "forms/idnum.h"

int
worker_arg_find(const struct cmd_ctx *ctx, const char *arg, struct worker *out)
{
	struct idnum id;
	char err[256];
	char *end;
	long long n;
	int rc;

	if (*arg != '\0' && strspn(arg, "0123456789") == strlen(arg) && strlen(arg) < 15) {
		n = strtoll(arg, &end, 10);
		rc = workers_get(ctx->db, n, out);
		if (rc == DB_NOTFOUND)
			return cmd_error(ctx, _("no worker number %s: find the worker with "
			    "'paicha search'"), arg);
	} else {
		if (idnum_parse(arg, NULL, &id, err, sizeof err) != 0)
			return cmd_error(ctx, _("'%s' is neither a worker's number nor an ID number "
			    "(%s)"), arg, err);
		rc = workers_find_idnum(ctx->db, id.number, out);
		if (rc == DB_NOTFOUND)
			return cmd_error(ctx, _("no worker with ID number %s: find the worker with "
			    "'paicha search'"), id.number);
	}
	if (rc != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	return EXIT_OK;
}
