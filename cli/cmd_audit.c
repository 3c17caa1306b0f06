/*
 * cmd_audit.c -- paicha audit [--worker W] [--user LOGIN] [--since DATE]:
 * the audit log, oldest first, for leads and admins: who changed what,
 * registered or disabled whom, and who saw a whole ID number or a
 * worker's phones.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "cli/worker_arg.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/i18n.h"
#include "forms/utf8.h"

/* A value as stored, made safe for the terminal. */
static void
audit_print_value(const char *v)
{
	char *s;

	if (v == NULL) {
		fputs("-", stdout);
		return;
	}
	s = utf8_sanitize(v);
	fputs(s, stdout);
	free(s);
}

static int
audit_print(void *arg, const struct audit_row *r)
{
	char when[17];

	(*(long *)arg)++;
	clock_datetime(r->at, when);
	printf("%s  %-10s %-16s %s %lld", when, r->login[0] ? r->login : "-", r->action,
	    r->entity, r->entity_id);
	if (r->field[0] != '\0' || r->old_value != NULL || r->new_value != NULL) {
		printf("  %s: ", r->field);
		audit_print_value(r->old_value);
		fputs(" -> ", stdout);
		audit_print_value(r->new_value);
	}
	putchar('\n');
	return 0;
}

int
cmd_audit(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "worker", required_argument, NULL, 'w' },
		{ "user", required_argument, NULL, 'u' },
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct audit_filter f = { 0, 0, 0 };
	struct worker w;
	struct user u;
	char today[11], day[11], err[256];
	long n = 0;
	int c, rc;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'w':
			if ((rc = worker_arg_find(ctx, optarg, &w)) != 0)
				return rc;
			f.worker_id = w.id;
			break;
		case 'u':
			if (users_find(ctx->db, optarg, &u) != 0)
				return cmd_error(ctx, "%s", db_error(ctx->db));
			f.user_id = u.id;
			break;
		case 's':
			clock_today(today);
			if (date_parse(optarg, today, day, err, sizeof err) != 0)
				return cmd_error(ctx, _("--since: %s"), err);
			f.since = clock_day_start(day);
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc)
		return cmd_usage(ctx);
	if (audit_list(ctx->db, &f, audit_print, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (n == 0)
		printf(_("No audit entries match.\n"));
	return EXIT_OK;
}
