/*
 * commands.c -- the table of paicha's commands, and the help and manual
 * page generated from it.  Add a command here and nowhere else.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "forms/i18n.h"
#include "forms/utf8.h"

const struct command commands[] = {
	{ "init", cmd_init,
	  "[--township NAME] [--division CODE] [--area-code CODE]",
	  N_("create the database and register yourself as its admin"),
	  N_("Creates the database file (group read-write, WAL mode) with the current schema "
	     "and registers the Unix account that runs the command as an admin. The township's "
	     "name, 9-digit administrative division code and telephone area code are stored in "
	     "the database; values in /etc/paicha.conf override them.\n\n"
	     "Running it again on an existing database changes only the settings given."),
	  CMD_CREATE },
	{ "user", cmd_user,
	  "add LOGIN --role investigator|lead|admin --name NAME | list | disable LOGIN | enable LOGIN",
	  N_("register, list and disable the people who use paicha"),
	  N_("A user is a Unix account on this server. 'user add' registers one with a role "
	     "and a display name (the name the province sees as 排查人); 'user disable' stops "
	     "an account from using paicha without losing its history. Only admins may add, "
	     "disable or enable users."),
	  CMD_DB | CMD_USER },
	{ "demo", cmd_demo,
	  "[--workers N] [--seed S] [--days D]",
	  N_("fill the database with a realistic demo township"),
	  "",
	  CMD_DB | CMD_USER | CMD_ADMIN },
	{ "stats", cmd_stats,
	  "",
	  N_("print the two counts the notice asks for and the contact progress"),
	  "",
	  CMD_DB | CMD_USER },
	{ "check", cmd_check,
	  "",
	  N_("check the database's integrity and recompute every case from its records"),
	  "",
	  CMD_DB | CMD_USER },
	{ "import", cmd_import,
	  "FILE [--group A|B] [--encoding E] [--dry-run]",
	  N_("import a roster from CSV or .xlsx"),
	  N_("Reads a roster as the provincial system or another office hands it out: an .xlsx "
	     "workbook (its first sheet) or a CSV file in UTF-8 (with or without BOM) or GB18030, "
	     "detected unless --encoding names it. The header row is found by its titles (姓名, "
	     "身份证号/公民身份号码, 联系电话/手机号码, 乡镇, 村, 务工地, 工作单位, 人员类别, 户籍地址, "
	     "or English names), in any order, below any title rows; a missing 姓名, 身份证号 or "
	     "联系电话 column stops the import before anything is written. Without a 人员类别 column, "
	     "--group A (在鄂务工) or B (湖北籍在本地就业) says which group the workers are in.\n\n"
	     "A row with an invalid ID number or no valid phone number is not imported: it goes to "
	     "FILE.rejects.csv beside the input, with 行号 and 原因 columns; correct it there and "
	     "import that file. A worker already known by the ID number is merged: new phones are "
	     "added and changed fields updated and audited; importing the same file again changes "
	     "nothing. The whole import is one transaction: if it fails or is interrupted, nothing "
	     "is imported. --dry-run does everything, reports, and writes nothing.\n\n"
	     "Messages about single rows (the first 30, in the file's order) come at the end, "
	     "before the counts. A roster imported into a database that holds no worker yet is "
	     "loaded faster, with a second thread and about 1 GB of memory per million rows."),
	  CMD_DB | CMD_USER | CMD_LEAD },
	{ "queue", cmd_queue,
	  "[--user LOGIN] [--limit N]",
	  N_("print a call queue in the order the cases should be called"),
	  N_("Prints your cases one per line in the order to call them: worker number, name, "
	     "village, phone and why the case is there. First the follow-ups that are due "
	     "(callbacks, medical and job follow-ups, health checks; for leads and admins also "
	     "escalations), then health checks of workers with symptoms, then workers never "
	     "called, then retries of workers not reached yet, then everything else by its next "
	     "due time. Letters in brackets: S symptoms, I in isolation today, M medical "
	     "follow-up open, J needs a job, E escalated, C claimed by someone else. Unreachable "
	     "cases leave the investigator's queue for the leads'.\n\n"
	     "--user LOGIN prints another user's queue (leads and admins only); --limit N the "
	     "first N cases."),
	  CMD_DB | CMD_USER },
	{ "call", cmd_call,
	  "WORKER --outcome OUTCOME [--phone NUMBER] [KEY=VALUE ...]",
	  N_("record a call to a worker"),
	  "",
	  CMD_DB | CMD_USER },
	{ "followup", cmd_followup,
	  "list|add|move|close ...",
	  N_("list, add, move and close follow-ups"),
	  "",
	  CMD_DB | CMD_USER },
	{ "search", cmd_search,
	  "[--limit N] TEXT",
	  N_("find workers by name, pinyin, phone or ID number"),
	  N_("TEXT is part of a name (军), the pinyin of a name from its start (initials zj, "
	     "full zhangjun or zhang jun, or mixed zhangj; every reading of a character counts), "
	     "4 or more digits of a phone number typed in any form, or an ID number, whole or "
	     "its last 4 or more characters. Prints worker number, name, village, phone, ID "
	     "number and what matched; at most 50 workers unless --limit says otherwise."),
	  CMD_DB | CMD_USER },
	{ "show", cmd_show,
	  "WORKER",
	  N_("show a worker's details, calls and follow-ups"),
	  "",
	  CMD_DB | CMD_USER },
	{ "edit", cmd_edit,
	  "WORKER [--version V] [FIELD=VALUE ...] [--add-phone NUMBER | --remove-phone NUMBER]",
	  N_("change a worker's details or phones, refusing if someone changed them meanwhile"),
	  N_("Without a change, prints the worker's details, phones and version. FIELD is one of "
	     "name, township, village, work_province, work_city, employer, address. With "
	     "--version V (the version printed), the change is saved only if nobody changed the "
	     "worker's details or phones since: otherwise nothing is saved and the worker is "
	     "printed as it is now, to check and repeat the change. Every change is audited."),
	  CMD_DB | CMD_USER },
	{ "purge", cmd_purge,
	  "--closed-before DATE [--dry-run]",
	  N_("remove the personal data of workers whose case was closed before a date"),
	  N_("When the campaign ends: removes the names, ID numbers, phones, notes and free-text "
	     "answers of the workers whose case was closed (reached or unreachable, no follow-up "
	     "open, nothing done since) before DATE, also from the audit log, and keeps what the "
	     "counts need: group, township, village, work place, gender, birth date, dates and "
	     "outcomes. Reports of past days keep their figures; their rosters show the purged "
	     "rows without the personal fields. --dry-run counts and changes nothing. Audited; "
	     "admins only."),
	  CMD_DB | CMD_USER | CMD_ADMIN },
	{ "assign", cmd_assign,
	  "--to LOGIN WORKER ...",
	  N_("assign workers' cases to an investigator"),
	  "",
	  CMD_DB | CMD_USER | CMD_LEAD },
	{ "export", cmd_export,
	  "[--date YYYY-MM-DD] --out DIR [--encoding gb18030|utf-8] [--force]",
	  N_("write the provincial report for a day"),
	  N_("Writes the provincial report (HN-PCRB v1) for one day as the folder "
	     "DIR/DIVISION-YYYYMMDD with report.xlsx, summary.csv, roster.csv, "
	     "followups.csv and MANIFEST, as of that day's 24:00 China Standard Time: "
	     "exporting the same day again later gives the same CSV bytes. --date "
	     "defaults to the last day that has ended; a missed night is exported "
	     "with --date. CSVs are GB18030 unless --encoding utf-8. The folder "
	     "appears whole or not at all; an existing report is kept unless --force "
	     "replaces it. Files are readable by the owner and group only."),
	  CMD_DB },
	{ "backup", cmd_backup,
	  "DEST",
	  N_("take a consistent copy of the database while it is in use"),
	  N_("Copies the database into the new file DEST while others keep working "
	     "(VACUUM INTO), checks the copy's integrity, and only then gives it its "
	     "name. An existing DEST is never overwritten: remove it or choose another "
	     "name."),
	  CMD_DB },
	{ "help", cmd_help,
	  "[COMMAND]",
	  N_("show the help of paicha or of one command"),
	  "",
	  0 },
	{ NULL, NULL, NULL, NULL, NULL, 0 },
};

const struct command *
commands_find(const char *name)
{
	for (const struct command *c = commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int
cmd_usage(const struct cmd_ctx *ctx)
{
	fprintf(stderr, _("usage: paicha %s %s\n"), ctx->cmd->name, ctx->cmd->usage);
	fprintf(stderr, _("See 'paicha help %s'.\n"), ctx->cmd->name);
	return EXIT_USAGE;
}

int
cmd_error(const struct cmd_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "paicha %s: ", ctx->cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USER;
}

/* The next piece of text that wrapping keeps whole, and its columns in *cols:
 * a run of narrow characters up to a space or line break, or one wide (CJK)
 * character, since Chinese text breaks between any two characters.  Closing
 * punctuation stays with the character before it. */
static size_t
wrap_unit(const char *p, int *cols)
{
	static const char *const closing[] = { "，", "。", "；", "：", "、", "）", "！", "？",
		"”", "」" };
	uint32_t cp;
	size_t len = 0;
	int n;

	*cols = 0;
	n = utf8_decode(p, &cp);
	if (n > 0 && utf8_cp_width(cp) == 2) {
		len = (size_t)n;
		*cols = 2;
		for (int more = 1; more;) {
			more = 0;
			for (size_t i = 0; i < sizeof closing / sizeof closing[0]; i++) {
				size_t k = strlen(closing[i]);
				if (strncmp(p + len, closing[i], k) == 0) {
					len += k;
					*cols += 2;
					more = 1;
					break;
				}
			}
		}
		return len;
	}
	while (p[len] != '\0' && p[len] != ' ' && p[len] != '\n') {
		n = utf8_decode(p + len, &cp);
		if (n < 0)
			n = 1;
		else if (utf8_cp_width(cp) == 2)
			break;
		*cols += utf8_cp_width(cp);
		len += (size_t)n;
	}
	return len;
}

/* Print text wrapped at about 76 columns with an indent; keeps explicit
 * line breaks.  Columns are counted as the terminal shows them, and Chinese
 * text, which has no spaces, is broken between characters. */
static void
print_wrapped(const char *text, int indent)
{
	int col = 0, wcols;
	const char *p = text;

	while (*p) {
		if (*p == '\n') {
			fputc('\n', stdout);
			col = 0;
			p++;
			continue;
		}
		size_t wlen = wrap_unit(p, &wcols);
		if (col > indent && col + wcols > 76) {
			fputc('\n', stdout);
			col = 0;
		}
		if (col == 0) {
			printf("%*s", indent, "");
			col = indent;
		}
		fwrite(p, 1, wlen, stdout);
		col += wcols;
		p += wlen;
		if (*p == ' ') {
			/* Keep "  --option" style runs of spaces at a line's start. */
			fputc(' ', stdout);
			col++;
			p++;
		}
	}
	if (col > 0)
		fputc('\n', stdout);
}

void
cmd_print_help(const struct command *c)
{
	printf(_("usage: paicha [--db PATH] %s %s\n\n"), c->name, c->usage);
	print_wrapped(_(c->summary), 2);
	if (c->help[0] != '\0') {
		fputc('\n', stdout);
		print_wrapped(_(c->help), 2);
	}
	if (c->handler == cmd_call) {
		/* Generated from the call form's table, never written twice. */
		char *keys = cmd_call_keys_help();
		fputc('\n', stdout);
		print_wrapped(keys, 2);
		free(keys);
	}
}

/* Print s for troff: backslashes escaped, no line starting with . or '. */
static void
man_text(const char *s)
{
	int bol = 1;

	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", stdout);
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else if (*s == '\n' && s[1] == '\n') {
			fputs("\n.PP\n", stdout);
			s++;
			bol = 1;
			continue;
		} else
			fputc(*s, stdout);
		bol = *s == '\n';
	}
	fputc('\n', stdout);
}

void
cmd_print_man(void)
{
	printf(".TH PAICHA 1 \"\" \"paicha %s\" \"User Commands\"\n", PACKAGE_VERSION);
	printf(".SH NAME\npaicha \\- phone screening of workers returning from Hubei\n");
	printf(".SH SYNOPSIS\n.B paicha\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR]]\n");
	printf(".SH DESCRIPTION\n");
	man_text("paicha keeps the township's screening of local workers employed in Hubei "
	    "and of Hubei-origin workers employed locally, as the Hunan notice 湘就服发[2020]3号 "
	    "asks: a call queue for each investigator, the call records, follow-ups, and the "
	    "nightly report to the province. Without a command it opens the investigator's "
	    "screen.");
	printf(".SH OPTIONS\n");
	printf(".TP\n\\fB\\-\\-db\\fR \\fIPATH\\fR\n");
	man_text("The database. Without it: $PAICHA_DB, else db = in /etc/paicha.conf "
	    "(or the file named by $PAICHA_CONF), else ./paicha.db.");
	printf(".TP\n\\fB\\-\\-help\\fR, \\fB\\-\\-version\\fR\n");
	man_text("Print the help or the version and exit.");
	printf(".SH COMMANDS\n");
	for (const struct command *c = commands; c->name != NULL; c++) {
		printf(".TP\n\\fB%s\\fR ", c->name);
		man_text(c->usage);
		man_text(c->summary);
		if (c->help[0] != '\0') {
			printf(".IP\n");
			man_text(c->help);
		}
		if (c->handler == cmd_call) {
			char *keys = cmd_call_keys_help();
			printf(".IP\n.nf\n");
			man_text(keys);
			printf(".fi\n");
			free(keys);
		}
	}
	printf(".SH FILES\n.TP\n/etc/paicha.conf\n");
	man_text("key = value lines: db, township, division, area_code, retry_no_answer, "
	    "retry_busy, retry_off (minutes), max_attempts, claim_minutes.");
	printf(".SH EXIT STATUS\n");
	man_text("0 on success, 1 when the request could not be done (the message says what "
	    "to do), 2 when the command line was wrong.");
}

int
cmd_help(struct cmd_ctx *ctx)
{
	const struct command *c;

	if (ctx->argc > 2)
		return cmd_usage(ctx);
	if (ctx->argc == 2) {
		if ((c = commands_find(ctx->argv[1])) == NULL)
			return cmd_error(ctx, _("no command '%s': see 'paicha help'"), ctx->argv[1]);
		cmd_print_help(c);
		return EXIT_OK;
	}
	printf(_("usage: paicha [--db PATH] [COMMAND [ARGS]]\n\n"));
	printf(_("Without a command, paicha opens your call queue.\n\nCommands:\n"));
	for (c = commands; c->name != NULL; c++)
		printf("  %-9s %s\n", c->name, _(c->summary));
	printf(_("\nOptions:\n  --db PATH   the database (default: $PAICHA_DB, db = in "
	    "/etc/paicha.conf, ./paicha.db)\n  --help      this help\n  --version   the version\n"));
	printf(_("\n'paicha help COMMAND' tells more about one command.\n"));
	return EXIT_OK;
}
