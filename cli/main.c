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
#include "cli/priv.h"
#include "cli/termenc.h"
#include "db/db.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/labels.h"
#include "forms/utf8.h"
#include "forms/xmalloc.h"
#include "tui/app.h"

static void
i18n_init(void)
{
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	const char *dir = getenv("PAICHA_LOCALEDIR");	/* removed under setgid */
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

/*
 * PAICHA_NOW pins the clock, for tests and training only: a database
 * created by an init run with PAICHA_NOW set is marked a sandbox for
 * good, and only a sandbox honours it.  On a township's real database it
 * is removed from the environment before anything reads the clock, so
 * that nobody records calls in the past or the future.
 */
static void
clock_policy(struct cmd_ctx *ctx, int created)
{
	const char *pin = getenv("PAICHA_NOW");

	if (pin == NULL || *pin == '\0')
		return;
	if (created) {
		if (db_sandbox_mark(ctx->db, (long long)clock_now(), ctx->login) != 0)
			fprintf(stderr, "paicha: %s\n", db_error(ctx->db));
		return;
	}
	if (!db_sandbox(ctx->db)) {
		fprintf(stderr, _("paicha: PAICHA_NOW is ignored: %s is a township's real "
		    "database, which runs on the real clock\n"), ctx->db_path);
		unsetenv("PAICHA_NOW");
	}
}

/* A command waiting for another process's write lock says so once, and who. */
static void
cli_wait_notice(void *arg, const char *holder, int waited_ms)
{
	(void)arg;
	if (waited_ms < 2000)
		fprintf(stderr, _("paicha: waiting for the database: %s is writing to it\n"),
		    holder[0] ? holder : _("another process"));
}

static int
open_db(struct cmd_ctx *ctx, const struct config *cf, unsigned flags)
{
	char err[1024];
	enum db_open_mode mode = flags & CMD_CREATE ? DB_OPEN_CREATE : DB_OPEN_EXISTING;
	long long nusers = -1;
	int rc_open, created;
	char *pin = getenv("PAICHA_NOW") ? strdup(getenv("PAICHA_NOW")) : NULL;

	/* the migrations and the open itself run on the real clock */
	unsetenv("PAICHA_NOW");
	rc_open = db_open(ctx->db_path, mode, &ctx->db, err, sizeof err);
	if (pin != NULL)
		setenv("PAICHA_NOW", pin, 1);
	free(pin);
	if (rc_open != 0) {
		fprintf(stderr, "paicha: %s\n", err);
		return EXIT_USER;
	}
	/* "created": an init on a file that has no user yet */
	created = mode == DB_OPEN_CREATE && users_count(ctx->db, &nusers) == 0 && nusers == 0;
	clock_policy(ctx, created);
	db_on_wait(ctx->db, cli_wait_notice, NULL);
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

/* The configuration file, and the width of ambiguous characters it or the
 * locale sets; 0, or -1 said. */
static int
load_config(struct config *cf)
{
	const char *conf_path;
	char err[512];
	int c;

	conf_path = getenv("PAICHA_CONF");
	if (conf_path == NULL || *conf_path == '\0')
		conf_path = CONFIG_DEFAULT_PATH;
	/* Under setgid paicha the settings are the township's: a
	 * configuration the user names (which could change claims and the
	 * counting of attempts) is not read. */
	if (priv_setgid() && strcmp(conf_path, CONFIG_DEFAULT_PATH) != 0) {
		fprintf(stderr, _("paicha: PAICHA_CONF is ignored by the installed paicha; "
		    "%s is read\n"), CONFIG_DEFAULT_PATH);
		conf_path = CONFIG_DEFAULT_PATH;
	}
	if (config_load(conf_path, cf, err, sizeof err) != 0) {
		fprintf(stderr, "paicha: %s\n", err);
		return -1;
	}
	if (config_ambiguous_width(cf, &c, err, sizeof err) != 0) {
		fprintf(stderr, "paicha: %s\n", err);
		config_free(cf);
		return -1;
	}
	/* unset: 2 in a GB18030/GBK/BIG5 locale, whose terminals draw every
	 * character of two bytes (“, …, °) two columns wide; else 1 */
	if (c == 0)
		c = strncmp(nl_langinfo(CODESET), "GB", 2) == 0 ||
		    strcmp(nl_langinfo(CODESET), "BIG5") == 0 ? 2 : 1;
	utf8_set_ambiguous_width(c);
	return 0;
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
	const char *dbopt = NULL, *env;
	const struct command *cmd;
	static struct command ui = { "", NULL, "", "", "", CMD_DB | CMD_USER };
	int c, rc;

	xmalloc_tune();
	priv_init();
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

	if (load_config(&cf) != 0)
		return EXIT_USER;
	if (dbopt != NULL)
		ctx.db_path = dbopt;
	else if ((env = getenv("PAICHA_DB")) != NULL && *env != '\0')
		ctx.db_path = env;
	else if (config_get(&cf, "db") != NULL)
		ctx.db_path = config_get(&cf, "db");
	else
		ctx.db_path = "paicha.db";
	/* ... and so is a database outside the group's data folders (named
	 * with --db or $PAICHA_DB, or the user's own ./paicha.db). */
	if (!priv_trusted(ctx.db_path) && priv_drop_for_good() != 0) {
		fprintf(stderr, _("paicha: cannot give up the group paicha\n"));
		config_free(&cf);
		return EXIT_USER;
	}
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
		    labels_role(ctx.me.role));
	if (rc == EXIT_OK && (cmd->flags & CMD_LEAD) && !user_can_lead(&ctx.me))
		rc = cmd_error(&ctx, _("only a lead or an admin may do this; ask your team lead"));
	if (rc == EXIT_OK)
		rc = cmd == &ui ? tui_app_run(ctx.db, &ctx.settings, &ctx.me) : cmd->handler(&ctx);
	db_close(ctx.db);
	config_free(&cf);
	return rc;
}
