/* cmd_check.c -- paicha check: integrity, and every case recomputed from its records. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli/cmd.h"
#include "db/check.h"
#include "db/db.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

/* The lines of one part of the check, printed once the parts before it are. */
struct held {
	char **v;
	size_t n, cap;
};

static void
print_problem(void *arg, const char *line)
{
	(*(long long *)arg)++;
	printf("%s\n", line);
}

static void
hold_problem(void *arg, const char *line)
{
	struct held *h = arg;

	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->v = xrealloc(h->v, h->cap * sizeof *h->v);
	}
	h->v[h->n++] = xstrdup(line);
}

static void
held_free(struct held *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i]);
	free(h->v);
	h->v = NULL;
	h->n = h->cap = 0;
}

static void
held_print(struct held *h, long long *problems)
{
	for (size_t i = 0; i < h->n; i++)
		print_problem(problems, h->v[i]);
	held_free(h);
}

int
cmd_check(struct cmd_ctx *ctx)
{
	long long problems = 0;
	struct check_side *side = NULL;
	struct held mine = { NULL, 0, 0 }, unqueued = { NULL, 0, 0 };
	int rc = 0, mine_rc = 0, unqueued_rc = 0;

	if (ctx->argc != 1)
		return cmd_usage(ctx);
	/* One read transaction: every check sees the same picture. */
	if (check_tune(ctx->db) != 0 || db_begin_read(ctx->db) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	db_files_problems(ctx->db, print_problem, &problems);
	/* larger than wal_autocheckpoint's 1000 pages of 8 KiB: checkpoints
	 * cannot reset it, somebody keeps an old read open */
	db_files_readers(ctx->db, 8LL << 20, print_problem, &problems);
	/* SQLite's own checks and the queue keys beside the passes over the
	 * workers (check.h); the lines in the order of the checks, up to the
	 * first that fails. */
	if (check_side_start(ctx->db, &side) != 0)
		rc = -1;
	else if (check_settings(ctx->db, hold_problem, &mine) < 0 ||
	    check_orphans(ctx->db, hold_problem, &mine) < 0 ||
	    check_cases(ctx->db, ctx->settings.max_attempts, hold_problem, &mine) < 0)
		mine_rc = unqueued_rc = -1;
	else if (check_queues(ctx->db, clock_now(), hold_problem, &unqueued) < 0 ||
	    check_tallies(ctx->db, hold_problem, &unqueued) < 0)
		unqueued_rc = -1;
	if (rc == 0 && check_side_finish(ctx->db, side, 0, print_problem, &problems) < 0)
		rc = -1;
	if (rc == 0) {
		held_print(&mine, &problems);
		rc = mine_rc;
	}
	if (rc == 0 && check_side_finish(ctx->db, side, 1, print_problem, &problems) < 0)
		rc = -1;
	if (rc == 0) {
		held_print(&unqueued, &problems);
		rc = unqueued_rc;
	}
	check_side_free(side);
	held_free(&mine);
	held_free(&unqueued);
	db_rollback(ctx->db);
	if (rc != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (problems > 0)
		return cmd_error(ctx, _("%lld problems found"), problems);
	printf(_("No problems found.\n"));
	return EXIT_OK;
}
