/*
 * cmd.h -- paicha's commands, git-style: `paicha [--db PATH] COMMAND ...`.
 *
 * Every command is one row of the table in commands.c (name, handler,
 * usage, description); --help, `paicha help COMMAND` and the manual page
 * paicha(1) are generated from that table and nothing else.  Each handler
 * lives in its own cli/cmd_NAME.c and returns an exit status:
 * 0 success, 1 a user error (after printing what to do), 2 a usage error.
 */
#ifndef PAICHA_CLI_CMD_H
#define PAICHA_CLI_CMD_H

#include "db/settings.h"
#include "db/users.h"

struct db;

enum {
	EXIT_OK = 0,
	EXIT_USER = 1,
	EXIT_USAGE = 2,
};

enum cmd_flags {
	CMD_DB = 1 << 0,	/* opens the existing database */
	CMD_USER = 1 << 1,	/* needs a registered, active user */
	CMD_CREATE = 1 << 2,	/* may create the database */
	CMD_LEAD = 1 << 3,	/* only leads and admins */
	CMD_ADMIN = 1 << 4,	/* only admins */
};

struct cmd_ctx {
	const struct command *cmd;
	const char *db_path;
	struct db *db;
	struct settings settings;
	struct user me;		/* with CMD_USER */
	char login[64];		/* the Unix account running us */
	int argc;		/* the command's arguments, argv[0] = its name */
	char **argv;
};

struct command {
	const char *name;
	int (*handler)(struct cmd_ctx *);
	const char *usage;	/* options and arguments after the name */
	const char *summary;	/* one line, N_() */
	const char *help;	/* paragraphs for help and man, N_(); may be "" */
	unsigned flags;
};

extern const struct command commands[];
const struct command *commands_find(const char *name);

/* Print "usage: paicha NAME USAGE" and a hint to stderr; returns EXIT_USAGE. */
int cmd_usage(const struct cmd_ctx *);
/* Print "paicha NAME: message" to stderr; returns EXIT_USER. */
int cmd_error(const struct cmd_ctx *, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print the help of one command to stdout. */
void cmd_print_help(const struct command *);
/* Print the manual page paicha(1) in troff to stdout. */
void cmd_print_man(void);

/* The handlers, one file each. */
int cmd_assign(struct cmd_ctx *);
int cmd_backup(struct cmd_ctx *);
int cmd_call(struct cmd_ctx *);
/* The keys of `paicha call`, generated from the call form (help, man). */
char *cmd_call_keys_help(void);
int cmd_check(struct cmd_ctx *);
int cmd_demo(struct cmd_ctx *);
int cmd_edit(struct cmd_ctx *);
int cmd_purge(struct cmd_ctx *);
int cmd_export(struct cmd_ctx *);
int cmd_followup(struct cmd_ctx *);
int cmd_help(struct cmd_ctx *);
int cmd_import(struct cmd_ctx *);
int cmd_init(struct cmd_ctx *);
int cmd_queue(struct cmd_ctx *);
int cmd_search(struct cmd_ctx *);
int cmd_show(struct cmd_ctx *);
int cmd_stats(struct cmd_ctx *);
int cmd_user(struct cmd_ctx *);

#endif
