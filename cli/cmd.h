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

/* One option of a command (or of one of its subcommands: sub), with its
 * argument's name, the choices it takes (space-separated, for completion)
 * and what it does; `paicha help COMMAND`, the manual page and the bash
 * completion are generated from these rows.  A row with option NULL
 * names a subcommand that takes no option. */
struct cmd_option {
	const char *command;
	const char *sub;	/* "add" for `followup add`; NULL = the command */
	const char *option;	/* "--kind" */
	const char *arg;	/* "KIND", or NULL for a flag */
	const char *choices;	/* "callback health ...", or NULL */
	const char *help;	/* N_() */
};
extern const struct cmd_option cmd_options[];

/* An example of a command, with what it does (N_()). */
struct cmd_example {
	const char *command;
	const char *line;
	const char *what;
};
extern const struct cmd_example cmd_examples[];

/* For the bash completion (contrib/paicha.bash-completion): with no
 * command the commands, else the command's subcommands and options, or
 * the choices of option opt; one a line. */
void cmd_print_completion(const char *command, const char *opt);

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
int cmd_audit(struct cmd_ctx *);
int cmd_backup(struct cmd_ctx *);
int cmd_call(struct cmd_ctx *);
/* The keys of `paicha call`, generated from the call form (help, man). */
char *cmd_call_keys_help(void);
int cmd_check(struct cmd_ctx *);
int cmd_coverage(struct cmd_ctx *);
int cmd_escalations(struct cmd_ctx *);
int cmd_flow(struct cmd_ctx *);
int cmd_report(struct cmd_ctx *);
int cmd_team(struct cmd_ctx *);
/* The lead views' one option, --csv (cmd_team.c); -1 on a usage error. */
int cmd_lead_csv_opt(struct cmd_ctx *, int *csv);
/* A positive count (at most 1,000,000) from text, as --limit takes it; -1
 * if it is not one (cmd_queue.c). */
long cmd_parse_count(const char *);
/* --limit's argument into *limit; EXIT_OK, or the usage error said. */
int cmd_limit_arg(struct cmd_ctx *, const char *arg, long *limit);
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
