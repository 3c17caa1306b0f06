/* cmd_init.c -- paicha init: create the database, register its admin. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cmd.h"
#include "db/db.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/i18n.h"

int
cmd_init(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "township", required_argument, NULL, 't' },
		{ "division", required_argument, NULL, 'd' },
		{ "area-code", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 },
	};
	const char *keys[3] = { "township", "division", "area_code" };
	const char *vals[3] = { NULL, NULL, NULL };
	struct settings probe;
	struct user me;
	long long nusers;
	char err[256];
	int c, rc;

	optind = 0;	/* GNU getopt: restart */
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 't': vals[0] = optarg; break;
		case 'd': vals[1] = optarg; break;
		case 'a': vals[2] = optarg; break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc)
		return cmd_usage(ctx);
	settings_defaults(&probe);
	for (int i = 0; i < 3; i++)
		if (vals[i] != NULL && settings_apply(&probe, keys[i], vals[i], err, sizeof err) != 0)
			return cmd_error(ctx, "%s", err);

	if (users_count(ctx->db, &nusers) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	rc = users_find(ctx->db, ctx->login, &me);
	if (nusers > 0 && (rc != 0 || me.role != ROLE_ADMIN))
		return cmd_error(ctx, _("%s exists already and you are not its admin; "
		    "ask an admin to change its settings"), ctx->db_path);

	if (db_begin_write(ctx->db) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	for (int i = 0; i < 3; i++)
		if (vals[i] != NULL && settings_store(ctx->db, keys[i], vals[i]) != 0) {
			db_rollback(ctx->db);
			return cmd_error(ctx, "%s", db_error(ctx->db));
		}
	if (db_commit(ctx->db) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));

	if (nusers == 0) {
		if (users_add(ctx->db, ctx->login, ctx->login, ROLE_ADMIN, 0, NULL) != 0)
			return cmd_error(ctx, "%s", db_error(ctx->db));
		printf(_("Created %s; '%s' is its admin.\n"), ctx->db_path, ctx->login);
		printf(_("Next: register the team with 'paicha user add LOGIN --role investigator "
		    "--name NAME', then import the roster with 'paicha import FILE'.\n"));
	} else
		printf(_("%s is up to date.\n"), ctx->db_path);
	return EXIT_OK;
}
