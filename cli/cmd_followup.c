/* cmd_followup.c -- paicha followup list|add|move|close. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/worker_arg.h"
#include "db/db.h"
#include "db/followups.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/i18n.h"
#include "forms/labels.h"

static int
followup_list(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	struct followup *v;
	size_t n;
	time_t now = clock_now();
	char due[17];
	int c, all = 0, rc;

	optind = 0;
	while ((c = getopt_long(ctx->argc - 1, ctx->argv + 1, "", opts, NULL)) != -1) {
		if (c != 'a')
			return cmd_usage(ctx);
		all = 1;
	}
	if (optind != ctx->argc - 1)
		return cmd_usage(ctx);
	if (all && !user_can_lead(&ctx->me))
		return cmd_error(ctx, _("only a lead or an admin may list everybody's follow-ups"));
	rc = all ? followups_open_all(ctx->db, &v, &n)
	    : followups_open(ctx->db, 0, ctx->me.id, &v, &n);
	if (rc != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (n == 0)
		printf("%s\n", all ? _("No open follow-ups.") : _("You have no open follow-ups."));
	for (size_t i = 0; i < n; i++) {
		clock_datetime(v[i].due_at, due);
		printf("%6lld %s%c %-10s %6lld %s  %s%s%s\n", v[i].id, due,
		    v[i].due_at <= now ? '!' : ' ', labels_followup_kind(v[i].kind), v[i].worker_id,
		    v[i].worker_name, v[i].owner_name[0] ? v[i].owner_name : _("(unassigned)"),
		    v[i].note[0] ? "  " : "", v[i].note);
	}
	free(v);
	return EXIT_OK;
}

/* --due as the call form takes a date and a time ("2020-01-28 09:00",
 * "明天 09:00", "2月3日 9点"; a date alone is at 09:00) as an instant, or -1
 * after an error message. */
static time_t
parse_due(struct cmd_ctx *ctx, const char *s, char iso[17])
{
	char today[11], why[256];

	clock_today(today);
	if (s == NULL || datetime_parse(s, today, "09:00", iso, why, sizeof why) != 0) {
		cmd_error(ctx, _("--due must be a local date and time like \"2020-01-28 09:00\" "
		    "or \"明天 09:00\", not '%s': %s"), s ? s : "", s ? why : "");
		return -1;
	}
	return clock_parse(iso);
}

/* A due time in the past is refused unless --past says it is meant. */
static int
past_refused(struct cmd_ctx *ctx, time_t t, const char *due, int past)
{
	char now[17];

	if (past || t >= clock_now())
		return 0;
	clock_datetime(clock_now(), now);
	cmd_error(ctx, _("--due %s is in the past (it is %s now): give a later time, or add "
	    "--past if you mean it"), due, now);
	return 1;
}

static int
followup_add(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "due", required_argument, NULL, 'd' },
		{ "note", required_argument, NULL, 'n' },
		{ "past", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *kind = NULL, *due = NULL, *note = "";
	enum followup_kind k;
	struct worker w;
	long long id;
	time_t t;
	char iso[17];
	int c, rc, past = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc - 1, ctx->argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'k': kind = optarg; break;
		case 'd': due = optarg; break;
		case 'n': note = optarg; break;
		case 'p': past = 1; break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc - 2 || kind == NULL || due == NULL)
		return cmd_usage(ctx);
	if (followup_kind_parse(kind, &k) != 0 && labels_followup_kind_parse(kind, &k) != 0)
		return cmd_error(ctx, _("the kind must be callback, health, medical, job or "
		    "escalation, not '%s'"), kind);
	if (strlen(note) > 250)
		return cmd_error(ctx, _("the note is too long: at most 250 bytes"));
	if ((t = parse_due(ctx, due, iso)) == -1 || past_refused(ctx, t, due, past))
		return EXIT_USER;
	if ((rc = worker_arg_find(ctx, ctx->argv[1 + optind], &w)) != 0)
		return rc;
	if (followups_add(ctx->db, w.id, k, t, 0, note, ctx->me.id, &id) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Added follow-up %lld (%s) for %s, due %s.\n"), id, labels_followup_kind(k),
	    w.name, iso);
	return EXIT_OK;
}

/* The follow-up number argument; -1 after an error message. */
static long long
parse_id(struct cmd_ctx *ctx, const char *s)
{
	char *end;
	long long id = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || id <= 0) {
		cmd_error(ctx, _("'%s' is not a follow-up number: see 'paicha followup list'"), s);
		return -1;
	}
	return id;
}

static int
followup_move(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "due", required_argument, NULL, 'd' },
		{ "past", no_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 },
	};
	const char *due = NULL;
	long long id, nid;
	time_t t;
	char iso[17];
	int c, past = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc - 1, ctx->argv + 1, "", opts, NULL)) != -1) {
		if (c == 'p')
			past = 1;
		else if (c != 'd')
			return cmd_usage(ctx);
		else
			due = optarg;
	}
	if (optind != ctx->argc - 2 || due == NULL)
		return cmd_usage(ctx);
	if ((id = parse_id(ctx, ctx->argv[1 + optind])) < 0 || (t = parse_due(ctx, due, iso)) == -1 ||
	    past_refused(ctx, t, due, past))
		return EXIT_USER;
	if (followups_move(ctx->db, id, t, ctx->me.id, &nid) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Moved follow-up %lld to %s; it is now follow-up %lld.\n"), id, iso, nid);
	return EXIT_OK;
}

static int
followup_close(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "cancel", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	long long id;
	int c, cancel = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc - 1, ctx->argv + 1, "", opts, NULL)) != -1) {
		if (c != 'c')
			return cmd_usage(ctx);
		cancel = 1;
	}
	if (optind != ctx->argc - 2)
		return cmd_usage(ctx);
	if ((id = parse_id(ctx, ctx->argv[1 + optind])) < 0)
		return EXIT_USER;
	if (followups_close(ctx->db, id, cancel ? "cancelled" : "done", ctx->me.id) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(cancel ? _("Cancelled follow-up %lld.\n") : _("Closed follow-up %lld as done.\n"), id);
	return EXIT_OK;
}

int
cmd_followup(struct cmd_ctx *ctx)
{
	if (ctx->argc < 2)
		return cmd_usage(ctx);
	if (strcmp(ctx->argv[1], "list") == 0)
		return followup_list(ctx);
	if (strcmp(ctx->argv[1], "add") == 0)
		return followup_add(ctx);
	if (strcmp(ctx->argv[1], "move") == 0)
		return followup_move(ctx);
	if (strcmp(ctx->argv[1], "close") == 0)
		return followup_close(ctx);
	return cmd_usage(ctx);
}
