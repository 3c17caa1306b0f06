/* cmd_assign.c -- paicha assign --to LOGIN WORKER...: give cases to an investigator. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/worker_arg.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

int
cmd_assign(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	const char *login = NULL;
	struct user to;
	struct worker w;
	long long *ids = NULL;
	size_t n = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		if (c != 't')
			return cmd_usage(ctx);
		login = optarg;
	}
	if (login == NULL || optind >= ctx->argc)
		return cmd_usage(ctx);
	if ((rc = users_find(ctx->db, login, &to)) != 0)
		return cmd_error(ctx, "%s", rc == DB_NOTFOUND
		    ? _("no such user: see 'paicha user list'") : db_error(ctx->db));
	if (!to.active)
		return cmd_error(ctx, _("%s (%s) is disabled: enable the account first or choose "
		    "another investigator"), to.login, to.name);
	ids = xcalloc((size_t)(ctx->argc - optind), sizeof *ids);
	for (int i = optind; i < ctx->argc; i++) {
		if ((rc = worker_arg_find(ctx, ctx->argv[i], &w)) != 0)
			goto out;
		ids[n++] = w.id;
	}
	if (cases_assign(ctx->db, ids, n, to.id, ctx->me.id) != 0) {
		rc = cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	printf(n == 1 ? _("Assigned %zu worker to %s (%s).\n")
	    : _("Assigned %zu workers to %s (%s).\n"), n, to.name, to.login);
	rc = EXIT_OK;
out:
	free(ids);
	return rc;
}
