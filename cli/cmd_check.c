/* cmd_check.c -- paicha check: integrity, and every case recomputed from its records. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "db/check.h"
#include "db/db.h"
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
	struct check_side *side = NULL;
	/* the lines of the parts run here, printed once the parts before them are */
	struct check_lines fk = { NULL, 0, 0 }, mine = { NULL, 0, 0 },
	    unqueued = { NULL, 0, 0 }, tallies = { NULL, 0, 0 };
	int rc = 0, fk_rc = 0, mine_rc = 0, unqueued_rc = 0, tallies_rc = 0, full = 0, c;
	unsigned parts;
	static const struct option opts[] = {
		{ "full", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		if (c != 'f')
			return cmd_usage(ctx);
		full = 1;
	}
	if (optind != ctx->argc)
		return cmd_usage(ctx);
	/* One read transaction: every check sees the same picture. */
	if (check_tune(ctx->db) != 0 || db_begin_read(ctx->db) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	db_files_problems(ctx->db, print_problem, &problems);
	/* larger than wal_autocheckpoint's 1000 pages of 8 KiB: checkpoints
	 * cannot reset it, somebody keeps an old read open */
	db_files_readers(ctx->db, 8LL << 20, print_problem, &problems);
	/* SQLite's own checks, the foreign keys and the queue keys beside the
	 * passes over the workers and the lead's counts (check.h), the foreign
	 * keys here instead when SQLite's full check takes the side a while;
	 * the lines in the order of the checks, up to the first that fails. */
	parts = CHECK_SIDE_SQLITE | CHECK_SIDE_QUEUE_KEYS | (full ? 0 : CHECK_SIDE_FOREIGN_KEYS);
	if (check_side_start(ctx->db, full, parts, &side) != 0)
		rc = -1;
	else if (full && check_foreign_keys(ctx->db, check_lines_keep, &fk) < 0)
		fk_rc = mine_rc = unqueued_rc = tallies_rc = -1;
	else if (check_settings(ctx->db, check_lines_keep, &mine) < 0 ||
	    check_cases(ctx->db, ctx->settings.max_attempts, check_lines_keep, &mine) < 0)
		mine_rc = unqueued_rc = tallies_rc = -1;
	else if (check_queues(ctx->db, check_lines_keep, &unqueued) < 0)
		unqueued_rc = tallies_rc = -1;
	else if (check_tallies(ctx->db, check_lines_keep, &tallies) < 0)
		tallies_rc = -1;
	if (rc == 0 && check_side_finish(ctx->db, side, CHECK_SIDE_SQLITE, print_problem,
	    &problems) < 0)
		rc = -1;
	if (rc == 0 && !full && check_side_finish(ctx->db, side, CHECK_SIDE_FOREIGN_KEYS,
	    print_problem, &problems) < 0)
		rc = -1;
	if (rc == 0) {
		check_lines_report(&fk, print_problem, &problems);
		rc = fk_rc;
	}
	if (rc == 0) {
		check_lines_report(&mine, print_problem, &problems);
		rc = mine_rc;
	}
	if (rc == 0 && check_side_finish(ctx->db, side, CHECK_SIDE_QUEUE_KEYS, print_problem,
	    &problems) < 0)
		rc = -1;
	if (rc == 0) {
		check_lines_report(&unqueued, print_problem, &problems);
		rc = unqueued_rc;
	}
	if (rc == 0) {
		check_lines_report(&tallies, print_problem, &problems);
		rc = tallies_rc;
	}
	check_side_free(side);
	check_lines_free(&fk);
	check_lines_free(&mine);
	check_lines_free(&unqueued);
	check_lines_free(&tallies);
	db_rollback(ctx->db);
	if (rc != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (problems > 0)
		return cmd_error(ctx, _("%lld problems found"), problems);
	printf(_("No problems found.\n"));
	return EXIT_OK;
}
