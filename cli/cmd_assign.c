/*
 * cmd_assign.c -- paicha assign: give cases to an investigator, by worker
 * or by filter (--from, --village, --state, --overdue), balance them
 * (--balance), or keep the village -> investigator map (--map).
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/table.h"
#include "cli/worker_arg.h"
#include "db/db.h"
#include "db/lead.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

/* A login to move cases to or from; "-" = nobody (id 0). */
static int
find_user(struct cmd_ctx *ctx, const char *login, struct user *u)
{
	int rc;

	memset(u, 0, sizeof *u);
	if (strcmp(login, "-") == 0)
		return 0;
	if ((rc = users_find(ctx->db, login, u)) != 0)
		return cmd_error(ctx, "%s", rc == DB_NOTFOUND
		    ? _("no such user: see 'paicha user list'") : db_error(ctx->db));
	if (!u->active)
		return cmd_error(ctx, _("%s (%s) is disabled: enable the account first or choose "
		    "another investigator"), u->login, u->name);
	return 0;
}

static void
say_moved(const struct user *to, size_t moved, size_t pending)
{
	if (to->id)
		printf(moved == 1 ? _("Assigned %zu worker to %s (%s).\n")
		    : _("Assigned %zu workers to %s (%s).\n"), moved, to->name, to->login);
	else
		printf(_("Unassigned %zu workers.\n"), moved);
	if (pending > 0)
		printf(_("%zu of them are being called right now: each moves when its call "
		    "ends.\n"), pending);
}

static int
assign_map(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct lead_map_row *v;
	struct user to;
	size_t n;

	if (argc == 0) {
		const char *titles[] = { _("village"), _("login"), _("name") };
		struct table *t;
		if (lead_map_list(ctx->db, ctx->me.id, &v, &n) != 0)
			return cmd_error(ctx, "%s", db_error(ctx->db));
		t = table_new(3, titles, NULL);
		for (size_t i = 0; i < n; i++) {
			const char *row[] = { v[i].village, v[i].login, v[i].name };
			table_add(t, row);
		}
		table_print(t, 0, stdout);
		table_free(t);
		free(v);
		return EXIT_OK;
	}
	if (argc != 2)
		return cmd_usage(ctx);
	if (find_user(ctx, argv[1], &to) != 0)
		return EXIT_USER;
	if (lead_map_set(ctx->db, ctx->me.id, argv[0], to.id) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (to.id)
		printf(_("New workers of %s will be assigned to %s (%s).\n"), argv[0], to.name,
		    to.login);
	else
		printf(_("New workers of %s will stay unassigned.\n"), argv[0]);
	return EXIT_OK;
}

static int
assign_balance(struct cmd_ctx *ctx, const struct user *from)
{
	const char *titles[] = { _("login"), _("name"), _("cases"), _("villages") };
	static const int right[] = { 0, 0, 1, 1 };
	struct lead_share *s;
	struct table *t;
	size_t n, pending;
	char b[2][24];
	int rc;

	if ((rc = lead_balance(ctx->db, ctx->me.id, from->id, &s, &n, &pending)) != 0)
		return cmd_error(ctx, "%s", rc == DB_NOTFOUND
		    ? _("there is no other active investigator to share the cases with")
		    : db_error(ctx->db));
	t = table_new(4, titles, right);
	for (size_t i = 0; i < n; i++) {
		const char *row[] = { s[i].login, s[i].name, table_num(b[0], s[i].cases),
			table_num(b[1], s[i].villages) };
		table_add(t, row);
	}
	table_print(t, 0, stdout);
	table_free(t);
	free(s);
	if (pending > 0)
		printf(_("%zu of them are being called right now: each moves when its call "
		    "ends.\n"), pending);
	return EXIT_OK;
}

int
cmd_assign(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "from", required_argument, NULL, 'f' },
		{ "village", required_argument, NULL, 'v' },
		{ "state", required_argument, NULL, 's' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "balance", no_argument, NULL, 'b' },
		{ "map", no_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 },
	};
	const char *to_login = NULL, *from_login = NULL;
	struct lead_filter f = { 0, 0, NULL, NULL, 0 };
	struct user to, from;
	struct worker w;
	long long *ids = NULL, *sel = NULL;
	size_t n = 0, nsel = 0, moved, pending;
	int c, rc, balance = 0, map = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 't': to_login = optarg; break;
		case 'f': from_login = optarg; break;
		case 'v': f.village = optarg; break;
		case 's': f.state = optarg; break;
		case 'o': f.overdue = 1; break;
		case 'b': balance = 1; break;
		case 'm': map = 1; break;
		default: return cmd_usage(ctx);
		}
	}
	if (map) {
		if (to_login || from_login || balance || f.village || f.state || f.overdue)
			return cmd_usage(ctx);
		return assign_map(ctx, ctx->argc - optind, ctx->argv + optind);
	}
	memset(&from, 0, sizeof from);
	if (from_login != NULL) {
		if (find_user(ctx, from_login, &from) != 0)
			return EXIT_USER;
		f.by_from = 1;
		f.from_id = from.id;
	}
	if (balance) {
		if (to_login || f.village || f.state || f.overdue || optind < ctx->argc)
			return cmd_usage(ctx);
		return assign_balance(ctx, &from);
	}
	if (to_login == NULL)
		return cmd_usage(ctx);
	if (optind >= ctx->argc && !f.by_from && !f.village && !f.state && !f.overdue)
		return cmd_usage(ctx);
	if (f.state && strcmp(f.state, "uncalled") && strcmp(f.state, "unreached") &&
	    strcmp(f.state, "reached") && strcmp(f.state, "unreachable"))
		return cmd_error(ctx, _("the state must be uncalled, unreached, reached or "
		    "unreachable, not '%s'"), f.state);
	if (find_user(ctx, to_login, &to) != 0)
		return EXIT_USER;
	if (optind < ctx->argc) {
		ids = xcalloc((size_t)(ctx->argc - optind), sizeof *ids);
		for (int i = optind; i < ctx->argc; i++) {
			if ((rc = worker_arg_find(ctx, ctx->argv[i], &w)) != 0)
				goto out;
			ids[n++] = w.id;
		}
	}
	if (f.by_from || f.village || f.state || f.overdue) {
		if (lead_select(ctx->db, ctx->me.id, &f, clock_now(), &sel, &nsel) != 0) {
			rc = cmd_error(ctx, "%s", db_error(ctx->db));
			goto out;
		}
		if (ids != NULL) {
			/* Workers named and filtered: those named that match. */
			size_t k = 0;
			for (size_t i = 0; i < n; i++)
				for (size_t j = 0; j < nsel; j++)
					if (sel[j] == ids[i]) {
						ids[k++] = ids[i];
						break;
					}
			n = k;
		} else {
			ids = sel;
			n = nsel;
			sel = NULL;
		}
	}
	if (lead_assign(ctx->db, ctx->me.id, ids, n, to.id, &moved, &pending) != 0) {
		rc = cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	say_moved(&to, moved, pending);
	rc = EXIT_OK;
out:
	free(ids);
	free(sel);
	return rc;
}
