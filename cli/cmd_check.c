/* cmd_check.c -- paicha check: integrity, and every case recomputed from its records. */
#include "config.h"

#include <stdio.h>

#include "cli/cmd.h"
#include "db/check.h"
#include "db/db.h"
#include "forms/clock.h"
#include "forms/i18n.h"

static void
print_problem(void *arg, const char *line)
{
	(*(long long *)arg)++;
	printf("%s\n", line);
}

int
cmd_check(struct cmd_ctx *ctx)
{
	long long problems = 0;

	if (ctx->argc != 1)
		return cmd_usage(ctx);
	/* One read transaction: every check sees the same picture. */
	if (check_tune(ctx->db) != 0 || db_begin_read(ctx->db) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	db_files_problems(ctx->db, print_problem, &problems);
	/* larger than wal_autocheckpoint's 1000 pages of 8 KiB: checkpoints
	 * cannot reset it, somebody keeps an old read open */
	db_files_readers(ctx->db, 8LL << 20, print_problem, &problems);
	if (db_integrity(ctx->db, print_problem, &problems) < 0 ||
	    check_settings(ctx->db, print_problem, &problems) < 0 ||
	    check_orphans(ctx->db, print_problem, &problems) < 0 ||
	    check_cases(ctx->db, ctx->settings.max_attempts, print_problem, &problems) < 0 ||
	    check_queues(ctx->db, clock_now(), print_problem, &problems) < 0 ||
	    check_tallies(ctx->db, print_problem, &problems) < 0) {
		db_rollback(ctx->db);
		return cmd_error(ctx, "%s", db_error(ctx->db));
	}
	db_rollback(ctx->db);
	if (problems > 0)
		return cmd_error(ctx, _("%lld problems found"), problems);
	printf(_("No problems found.\n"));
	return EXIT_OK;
}
