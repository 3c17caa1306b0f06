/* cmd_user.c -- paicha user add|list|disable|enable. */
#include "config.h"

#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/users.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "forms/utf8.h"

static int
need_admin(struct cmd_ctx *ctx)
{
	if (ctx->me.role == ROLE_ADMIN)
		return 0;
	cmd_error(ctx, _("only an admin may change users; you are %s"), labels_role(ctx->me.role));
	return -1;
}

/* A login as the system allows it: letters, digits, . _ - and not too long. */
static int
login_ok(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 32 || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", s[i]))
			return 0;
	return 1;
}

static int
user_add(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char *role = NULL, *name = NULL, *login;
	enum user_role r;
	int c, rc;

	/* GNU getopt: optind = 0 restarts it; parse after "add". */
	optind = 0;
	while ((c = getopt_long(ctx->argc - 1, ctx->argv + 1, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r': role = optarg; break;
		case 'n': name = optarg; break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc - 2 || role == NULL || name == NULL)
		return cmd_usage(ctx);
	login = ctx->argv[1 + optind];
	if (!login_ok(login))
		return cmd_error(ctx, _("'%s' is not a Unix login name"), login);
	/* a sandbox (tests, training) may hold made-up accounts */
	if (getpwnam(login) == NULL && !db_sandbox(ctx->db))
		return cmd_error(ctx, _("there is no Unix account '%s' on this server: create it "
		    "first (adduser %s), then register it"), login, login);
	if (user_role_parse(role, &r) != 0 && labels_role_parse(role, &r) != 0)
		return cmd_error(ctx, _("the role must be investigator, lead or admin, not '%s'"), role);
	if (*name == '\0' || strlen(name) > 60)
		return cmd_error(ctx, _("the name must be given and at most 20 characters long"));
	if (need_admin(ctx) != 0)
		return EXIT_USER;
	if ((rc = users_add(ctx->db, login, name, r, ctx->me.id, NULL)) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Registered %s (%s) as %s.\n"), login, name, labels_role(r));
	return EXIT_OK;
}

static int
user_list(struct cmd_ctx *ctx)
{
	struct user *v;
	size_t n;
	char role[64], state[64];

	if (ctx->argc != 2)
		return cmd_usage(ctx);
	if (users_list(ctx->db, &v, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	for (size_t i = 0; i < n; i++)
		printf("%-16s %s %s %s\n", v[i].login, utf8_fit(labels_role(v[i].role), -13, role,
		    sizeof role), utf8_fit(v[i].active ? _("active") : _("disabled"), -8, state,
		    sizeof state), v[i].name);
	free(v);
	return EXIT_OK;
}

static int
user_set_active(struct cmd_ctx *ctx, int active)
{
	if (ctx->argc != 3)
		return cmd_usage(ctx);
	if (need_admin(ctx) != 0)
		return EXIT_USER;
	if (users_set_active(ctx->db, ctx->argv[2], active, ctx->me.id) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Enabled %s.\n"), ctx->argv[2]);
	return EXIT_OK;
}

/* paicha user disable LOGIN [--release]: say what they hold, and with
 * --release hand it to the leads' unassigned list. */
static int
user_disable(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "release", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	long long cases = 0, fu = 0;
	struct user u;
	int c, release = 0;

	optind = 0;
	while ((c = getopt_long(ctx->argc - 1, ctx->argv + 1, "", opts, NULL)) != -1) {
		if (c != 'r')
			return cmd_usage(ctx);
		release = 1;
	}
	if (optind != ctx->argc - 2)
		return cmd_usage(ctx);
	optind++;		/* ctx->argv[optind] is the login */
	if (need_admin(ctx) != 0)
		return EXIT_USER;
	if (strcmp(ctx->argv[optind], ctx->me.login) == 0)
		return cmd_error(ctx, _("you cannot disable yourself; ask another admin"));
	if (users_find(ctx->db, ctx->argv[optind], &u) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (u.active && users_set_active(ctx->db, u.login, 0, ctx->me.id) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Disabled %s.\n"), u.login);
	if (release) {
		if (cases_release(ctx->db, u.id, ctx->me.id, &cases, &fu) != 0)
			return cmd_error(ctx, "%s", db_error(ctx->db));
		printf(_("Released %lld cases of %s (%s) to the unassigned list and %lld open "
		    "follow-ups to the leads; assign them with 'paicha assign --to LOGIN'.\n"),
		    cases, u.name, u.login, fu);
		return EXIT_OK;
	}
	if (cases_held_by(ctx->db, u.id, &cases, &fu) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (cases == 0 && fu == 0)
		printf(_("%s (%s) holds no cases and no open follow-ups.\n"), u.name, u.login);
	else
		printf(_("%s (%s) holds %lld cases and %lld open follow-ups: until they are "
		    "assigned again they show in the leads' queues, marked D. To hand them to the "
		    "unassigned list: paicha user disable %s --release\n"), u.name, u.login, cases,
		    fu, u.login);
	return EXIT_OK;
}

int
cmd_user(struct cmd_ctx *ctx)
{
	if (ctx->argc < 2)
		return cmd_usage(ctx);
	if (strcmp(ctx->argv[1], "add") == 0)
		return user_add(ctx);
	if (strcmp(ctx->argv[1], "list") == 0)
		return user_list(ctx);
	if (strcmp(ctx->argv[1], "disable") == 0)
		return user_disable(ctx);
	if (strcmp(ctx->argv[1], "enable") == 0)
		return user_set_active(ctx, 1);
	return cmd_usage(ctx);
}
