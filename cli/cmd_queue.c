/* cmd_queue.c -- paicha queue: a call queue, in order, with the reasons. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "db/db.h"
#include "db/queue.h"
#include "db/roles.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "io/columns.h"
#include "forms/utf8.h"

long
cmd_parse_count(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return (*s != '\0' && *end == '\0' && v > 0 && v <= 1000000) ? v : -1;
}

int
cmd_limit_arg(struct cmd_ctx *ctx, const char *arg, long *limit)
{
	if ((*limit = cmd_parse_count(arg)) < 0)
		return cmd_error(ctx, _("--limit needs a positive number, not '%s'"), arg);
	return EXIT_OK;
}

int
cmd_queue(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "limit", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *login = NULL;
	struct queue_row *rows;
	time_t now;
	struct user who = ctx->me;
	long limit = 0;
	size_t n;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'u': login = optarg; break;
		case 'l':
			if ((rc = cmd_limit_arg(ctx, optarg, &limit)) != EXIT_OK)
				return rc;
			break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc)
		return cmd_usage(ctx);
	if (login != NULL && strcmp(login, ctx->me.login) != 0) {
		if (roles_check_lead(ctx->db, ctx->me.id, ROLE_ACT_READ) != 0)	/* db/roles.h */
			return cmd_error(ctx, _("only leads and admins may see another user's queue; "
			    "run 'paicha queue' for your own"));
		if (users_find(ctx->db, login, &who) != 0)
			return cmd_error(ctx, "%s", db_error(ctx->db));
	}
	now = clock_now();
	if (queue_for(ctx->db, who.id, now, (size_t)limit, &rows, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (n == 0)
		printf(_("The queue of %s is empty.\n"), who.name);
	for (size_t i = 0; i < n; i++) {
		const struct queue_row *r = &rows[i];
		char reason[96];

		printf("%-6lld ", r->worker_id);
		columns_print(r->name, 8);
		columns_print(r->village, 10);
		columns_print(r->phone[0] ? r->phone : "-", 13);
		labels_queue_reason(&r->why, now, reason, sizeof reason);
		printf("%s", reason);
		if (r->flags[0] != '\0')
			printf("  [%s]", r->flags);
		if (r->claimed_by != 0)
			printf(_("  (claimed by %s)"), r->claimed_by_name);
		putchar('\n');
	}
	free(rows);
	return EXIT_OK;
}
