/*
 * main.c -- paicha's entry point: global options, finding the database,
 * knowing who runs us, and handing over to a command or to the screens.
 */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/conf.h"
#include "cli/termenc.h"
#include "db/db.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/i18n.h"
#include "forms/utf8.h"
#include "tui/app.h"

static void
i18n_init(void)
{
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	const char *dir = getenv("PAICHA_LOCALEDIR");
	bindtextdomain("paicha", dir && *dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("paicha", "UTF-8");
#endif
}

/* The Unix account that runs this process; never $USER. */
static int
whoami(char *out, size_t sz)
{
	struct passwd *pw = getpwuid(getuid());

	if (pw == NULL || pw->pw_name == NULL)
		return -1;
	snprintf(out, sz, "%s", pw->pw_name);
	return 0;
}

/* Refuse anybody who is not a registered, active user, saying whom to ask. */
static int
require_user(struct cmd_ctx *ctx)
{
	struct user *all;
	size_t n;
	char admins[256] = "";
	int rc = users_find(ctx->db, ctx->login, &ctx->me);

	if (rc == 0 && ctx->me.active)
		return 0;
	if (rc != 0 && rc != DB_NOTFOUND) {
		fprintf(stderr, "paicha: %s\n", db_error(ctx->db));
		return EXIT_USER;
	}
	if (users_list(ctx->db, &all, &n) == 0) {
		for (size_t i = 0; i < n; i++) {
			if (all[i].role != ROLE_ADMIN || !all[i].active)
				continue;
			size_t len = strlen(admins);
			snprintf(admins + len, sizeof admins - len, "%s%s (%s)",
			    len ? ", " : "", all[i].name, all[i].login);
		}
		free(all);
	}
	if (rc == DB_NOTFOUND)
		fprintf(stderr, _("paicha: the account '%s' is not registered in %s.\n"
		    "Ask an admin (%s) to run: paicha user add %s --role investigator --name NAME\n"),
		    ctx->login, ctx->db_path, admins[0] ? admins : "?", ctx->login);
	else
		fprintf(stderr, _("paicha: the account '%s' is disabled in %s.\n"
		    "Ask an admin (%s) to run: paicha user enable %s\n"),
		    ctx->login, ctx->db_path, admins[0] ? admins : "?", ctx->login);
	return EXIT_USER;
}

static int
open_db(struct cmd_ctx *ctx, const struct config *cf, unsigned flags)
{
	char err[1024];
	enum db_open_mode mode = flags & CMD_CREATE ? DB_OPEN_CREATE : DB_OPEN_EXISTING;

	if (db_open(ctx->db_path, mode, &ctx->db, err, sizeof err) != 0) {
		fprintf(stderr, "paicha: %s\n", err);
		return EXIT_USER;
	}
	settings_defaults(&ctx->settings);
	if (settings_load(ctx->db, &ctx->settings) != 0) {
		fprintf(stderr, "paicha: %s\n", db_error(ctx->db));
		return EXIT_USER;
	}
	for (size_t i = 0; i < cf->n; i++) {
		if (strcmp(cf->entries[i].key, "db") == 0 ||
		    strcmp(cf->entries[i].key, "ambiguous_width") == 0)
			continue;
		if (settings_apply(&ctx->settings, cf->entries[i].key, cf->entries[i].value,
		    err, sizeof err) != 0) {
			fprintf(stderr, "paicha: %s:%d: %s\n", cf->path, cf->entries[i].line, err);
			return EXIT_USER;
		}
	}
	return EXIT_OK;
}

static void
usage_short(void)
{
	fprintf(stderr, _("usage: paicha [--db PATH] [COMMAND [ARGS]]\nSee 'paicha --help'.\n"));
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "man", no_argument, NULL, 'M' },
		{ "complete", no_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	struct cmd_ctx ctx;
	struct config cf;
	const char *conf_path, *dbopt = NULL, *env;
	const struct command *cmd;
	static struct command ui = { "", NULL, "", "", "", CMD_DB | CMD_USER };
	char err[512];
	int c, rc;

	i18n_init();
	termenc_args(argc, argv);
	memset(&ctx, 0, sizeof ctx);
	while ((c = getopt_long(argc, argv, "+", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			dbopt = optarg;
			break;
		case 'h':
			termenc_output();
			ctx.argc = 1;
			ctx.cmd = commands_find("help");
			return cmd_help(&ctx);
		case 'V':
			printf("paicha %s\n", PACKAGE_VERSION);
			return EXIT_OK;
		case 'M':
			cmd_print_man();
			return EXIT_OK;
		case 'C':	/* for contrib/paicha.bash-completion */
			cmd_print_completion(optind < argc ? argv[optind] : NULL,
			    optind + 1 < argc ? argv[optind + 1] : NULL);
			return EXIT_OK;
		default:
			termenc_output();
			usage_short();
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		if ((cmd = commands_find(argv[optind])) == NULL) {
			termenc_output();
			fprintf(stderr, _("paicha: no command '%s'\n"), argv[optind]);
			usage_short();
			return EXIT_USAGE;
		}
	} else
		cmd = &ui;
	if (cmd != &ui)
		termenc_output();
	else {
		const char *cs;
		/* the screens show '?' for Chinese: said here, seen after quitting */
		if (!termenc_can_show_chinese(&cs) && isatty(STDERR_FILENO))
			fprintf(stderr, "%s\n", termenc_advice());
	}
	ctx.cmd = cmd;
	ctx.argc = argc - optind;
	ctx.argv = argv + optind;
	if (cmd->handler == cmd_help)
		return cmd_help(&ctx);

	conf_path = getenv("PAICHA_CONF");
	if (conf_path == NULL || *conf_path == '\0')
		conf_path = CONFIG_DEFAULT_PATH;
	if (config_load(conf_path, &cf, err, sizeof err) != 0) {
		fprintf(stderr, "paicha: %s\n", err);
		return EXIT_USER;
	}
	if (config_ambiguous_width(&cf, &c, err, sizeof err) != 0) {
		fprintf(stderr, "paicha: %s\n", err);
		config_free(&cf);
		return EXIT_USER;
	}
	/* unset: 2 in a GB18030/GBK/BIG5 locale, whose terminals draw every
	 * character of two bytes (“, …, °) two columns wide; else 1 */
	if (c == 0)
		c = strncmp(nl_langinfo(CODESET), "GB", 2) == 0 ||
		    strcmp(nl_langinfo(CODESET), "BIG5") == 0 ? 2 : 1;
	utf8_set_ambiguous_width(c);
	if (dbopt != NULL)
		ctx.db_path = dbopt;
	else if ((env = getenv("PAICHA_DB")) != NULL && *env != '\0')
		ctx.db_path = env;
	else if (config_get(&cf, "db") != NULL)
		ctx.db_path = config_get(&cf, "db");
	else
		ctx.db_path = "paicha.db";
	if (whoami(ctx.login, sizeof ctx.login) != 0) {
		fprintf(stderr, _("paicha: cannot tell which account runs this process\n"));
		config_free(&cf);
		return EXIT_USER;
	}

	rc = EXIT_OK;
	if (cmd->flags & (CMD_DB | CMD_CREATE))
		rc = open_db(&ctx, &cf, cmd->flags);
	if (rc == EXIT_OK && (cmd->flags & CMD_USER))
		rc = require_user(&ctx);
	if (rc == EXIT_OK && (cmd->flags & CMD_ADMIN) && ctx.me.role != ROLE_ADMIN)
		rc = cmd_error(&ctx, _("only an admin may do this; you are %s"),
		    user_role_name(ctx.me.role));
	if (rc == EXIT_OK && (cmd->flags & CMD_LEAD) && !user_can_lead(&ctx.me))
		rc = cmd_error(&ctx, _("only a lead or an admin may do this; ask your team lead"));
	if (rc == EXIT_OK)
		rc = cmd == &ui ? tui_app_run(ctx.db, &ctx.settings, &ctx.me) : cmd->handler(&ctx);
	db_close(ctx.db);
	config_free(&cf);
	return rc;
}
