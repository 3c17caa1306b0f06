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
	  "add LOGIN --role investigator|lead|admin --name NAME | list | disable LOGIN [--release] | "
	  "enable LOGIN",
	  N_("register, list and disable the people who use paicha"),
	  N_("A user is a Unix account on this server. 'user add' registers one with a role "
	     "and a display name (the name the province sees as 排查人); 'user disable' stops "
	     "an account from using paicha without losing its history, and says how many "
	     "cases and follow-ups the account holds (they show in the leads' queues until "
	     "assigned again); with --release they go to the unassigned list. Only admins may "
	     "add, disable or enable users."),
	  CMD_DB | CMD_USER },
	{ "demo", cmd_demo,
	  "[--workers N] [--seed S] [--days D]",
	  N_("fill the database with a realistic demo township"),
	  N_("Registers a lead and four investigators, draws workers with valid ID numbers and "
	     "phone numbers, assigns them (a share to you) and simulates the calls of the first "
	     "days from 2020-01-26 with the real follow-up rules. Admins only; for trying paicha, "
	     "never on the township's real database."),
	  CMD_DB | CMD_USER | CMD_ADMIN },
	{ "stats", cmd_stats,
	  "",
	  N_("print the two counts the notice asks for and the contact progress"),
	  N_("Prints, as of now, the number of group A workers (local workers employed in "
	     "Hubei) and group B workers (Hubei workers employed locally), then for each group "
	     "how many are reached, called but not reached, never called and unreachable "
	     "(escalated to the lead), with percentages, and the open and overdue follow-ups. "
	     "Every worker is counted exactly once."),
	  CMD_DB | CMD_USER },
	{ "check", cmd_check,
	  "[--full]",
	  N_("check the database's integrity and recompute every case from its records"),
	  N_("Runs SQLite's quick integrity check (every page, b-tree and row of the file) and "
	     "its foreign key check, then recomputes each case's state, counts and flags "
	     "from its calls and follow-ups and compares them with what is stored, and checks "
	     "the call queues' and the lead's stored counts. Prints one "
	     "line per problem and exits with 1 when there is any (report it to the admin; "
	     "nothing is changed), else \"No problems found.\" and 0. Safe while others work. "
	     "With --full SQLite's full integrity check also compares every index with its "
	     "table, which takes several times longer: the nightly job runs it."),
	  CMD_DB | CMD_USER },
	{ "import", cmd_import,
	  "FILE [--group A|B] [--encoding E] [--sheet NAME] [--dry-run]",
	  N_("import a roster from CSV or .xlsx"),
	  N_("Reads a roster as the provincial system or another office hands it out: an .xlsx "
	     "workbook (every worksheet with a header row, one sheet per village as often as not; "
	     "the others are skipped and said; --sheet NAME reads one) or a CSV file in UTF-8 "
	     "(with or without BOM) or GB18030, detected unless --encoding names it. The header row is found by its titles (姓名, "
	     "身份证号/公民身份号码, 联系电话/手机号码, 乡镇, 村, 务工地, 工作单位, 人员类别, 户籍地址, "
	     "or English names), in any order, below any title rows; a missing 姓名, 身份证号 or "
	     "联系电话 column stops the import before anything is written. Without a 人员类别 column, "
	     "--group A (在鄂务工) or B (湖北籍在本地就业) says which group the workers are in.\n\n"
	     "A row with an invalid or missing ID number is not imported: it goes to "
	     "FILE.rejects.csv beside the input, with 行号 and 原因 columns; correct it there and "
	     "import that file. A row with a valid ID number is imported even without a valid "
	     "phone number: it is counted, and escalated to the team lead to find a number through "
	     "the village (the number as typed is kept). A 备注 column becomes the worker's first "
	     "note; a later roster's other 备注 is added after it, never over it. A worker already known by the ID number is merged: new phones are "
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
	  "list [--all] | add WORKER --kind KIND --due TIME [--note TEXT] [--past] | "
	  "move ID --due TIME [--past] | close ID [--cancel]",
	  N_("list, add, move and close follow-ups"),
	  N_("'followup list' prints your open follow-ups (number, due time, '!' when overdue, "
	     "kind, worker, owner, note); 'followup add WORKER' opens one; 'followup move ID' "
	     "gives one a new time; 'followup close ID' closes one as done or cancelled. "
	     "Follow-ups decide the order of the call queue."),
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
	  N_("WORKER is the worker's number (as 'paicha queue' and 'paicha search' print it) or "
	     "the 18-character ID number. Prints the personal details with the ID number "
	     "masked, the phones, the case's state with its counts and last call, the calls "
	     "newest first and the open follow-ups."),
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
	  "--to LOGIN [--from LOGIN] [--village V] [--state S] [--overdue] [WORKER ...] | "
	  "--balance [--from LOGIN] | --map [VILLAGE LOGIN]",
	  N_("assign cases to an investigator, balance them, or map villages to investigators"),
	  N_("--to LOGIN moves the named workers' cases, or every case matching --from LOGIN "
	     "(- for the unassigned ones), --village, --state (uncalled, unreached, reached, "
	     "unreachable) and --overdue (an open follow-up past its time), to LOGIN (- "
	     "unassigns). A case someone is calling right now moves when that call ends, and "
	     "you are told how many wait.\n\n"
	     "--balance spreads the unassigned cases, or with --from LOGIN that investigator's, "
	     "evenly over the active investigators, keeping each village with as few "
	     "investigators as possible.\n\n"
	     "--map VILLAGE LOGIN assigns the workers of VILLAGE that later imports bring to "
	     "LOGIN (- removes the entry); --map alone lists the map. Every move is in the "
	     "audit log with who, when, from and to."),
	  CMD_DB | CMD_USER | CMD_LEAD },
	{ "team", cmd_team,
	  "[--csv]",
	  N_("print each investigator's cases, calls today, follow-ups and last call"),
	  N_("One row per active investigator (and anybody else holding cases), then the "
	     "unassigned cases: cases, cases not reached yet, calls made today and of them "
	     "reached, open follow-ups and of them overdue, unreachable cases, last call. "
	     "Leads and admins only."),
	  CMD_DB | CMD_USER },
	{ "coverage", cmd_coverage,
	  "[--csv]",
	  N_("print each village's counts and the calls per day of the last 14 days"),
	  N_("One row per village and the total: group A, group B, reached (both groups), "
	     "never called, returned and still in Hubei (group A reached), with symptoms, in "
	     "isolation today; then the calls of each of the last 14 days (not with --csv). "
	     "Leads and admins only."),
	  CMD_DB | CMD_USER },
	{ "flow", cmd_flow,
	  "[--csv]",
	  N_("print where group A workers are and their work plans, with yesterday's"),
	  N_("For each village and in total: the reached group A workers at home, still in "
	     "Hubei (by city), elsewhere (by place), and their work plans, now and as of the "
	     "end of yesterday. Leads and admins only."),
	  CMD_DB | CMD_USER },
	{ "escalations", cmd_escalations,
	  "[--csv] [--limit N] | close WORKER unreachable|not-urged|medical|silent|no-number NOTE",
	  N_("list the cases a lead must act on, or close one with a note"),
	  N_("Unreachable cases, symptomatic workers not urged to see a doctor, medical "
	     "follow-ups overdue by more than a day, cases not reached that nobody has "
	     "called for 3 days, and workers with no valid number (no-number, with the numbers "
	     "as typed: find one through the village; adding one answers it). Act on one with 'paicha assign --to', 'paicha followup add', "
	     "or close it with a note ('close'), kept in the audit log; it stays closed until "
	     "the case's next call. They come by kind, the oldest first; under the table, how "
	     "many are open of each kind. Leads and admins only."),
	  CMD_DB | CMD_USER },
	{ "report", cmd_report,
	  "--today [--csv]",
	  N_("preview tonight's 汇总 with yesterday's figures and the format's checks"),
	  N_("Prints the 汇总 table exactly as the nightly export will write it for today so "
	     "far, each figure beside yesterday's, checks the provincial format's invariants "
	     "(exit 1 if one fails) and names the villages and investigators without a call "
	     "today. --csv prints the rows as summary.csv has them. Leads and admins only."),
	  CMD_DB | CMD_USER },
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
	  CMD_DB | CMD_USER | CMD_LEAD },
	{ "backup", cmd_backup,
	  "DEST",
	  N_("take a consistent copy of the database while it is in use"),
	  N_("Copies the database into the new file DEST while others keep working "
	     "(VACUUM INTO), checks the copy's integrity, and only then gives it its "
	     "name. An existing DEST is never overwritten: remove it or choose another "
	     "name. Leads and admins only."),
	  CMD_DB | CMD_USER | CMD_LEAD },
	{ "audit", cmd_audit,
	  "[--worker WORKER] [--user LOGIN] [--since DATE]",
	  N_("print the audit log: who changed what, and who saw whose ID number or phones"),
	  N_("Prints the append-only audit log, oldest first: the time, who (- for the "
	     "system), what was done, to what, and the field with its old and new value. "
	     "--worker keeps what concerns one worker (its details, phones, case, follow-ups "
	     "and who was shown its whole ID number or all its phones), --user what one user "
	     "did, --since what happened from a day on. Leads and admins only."),
	  CMD_DB | CMD_USER | CMD_LEAD },
	{ "help", cmd_help,
	  "[COMMAND]",
	  N_("show the help of paicha or of one command"),
	  N_("Without COMMAND, the list of commands; with it, the command's usage, what it "
	     "does, every option and examples. 'man paicha' has all of it."),
	  0 },
	{ NULL, NULL, NULL, NULL, NULL, 0 },
};

/* Every option of every command; see cmd.h.  Keep a row for each long
 * option of the command's getopt table: tests/cli/help.sh checks it. */
const struct cmd_option cmd_options[] = {
	{ "init", NULL, "--township", "NAME", NULL,
	  N_("the township's name as the province writes it, e.g. 黄花镇") },
	{ "init", NULL, "--division", "CODE", NULL,
	  N_("the township's 9-digit administrative division code, e.g. 430121101") },
	{ "init", NULL, "--area-code", "CODE", NULL,
	  N_("the telephone area code, e.g. 0731: local numbers typed without it get it") },
	{ "user", "add", "--role", "ROLE", "investigator lead admin",
	  N_("investigator (calls the cases given to them), lead (also assigns, imports, sees "
	     "escalations) or admin (also manages users)") },
	{ "user", "add", "--name", "NAME", NULL,
	  N_("the person's name as the province sees it (排查人)") },
	{ "user", "list", NULL, NULL, NULL, N_("list every user with role and state") },
	{ "user", "disable", NULL, NULL, NULL, N_("stop LOGIN from using paicha; its history stays") },
	{ "user", "enable", NULL, NULL, NULL, N_("let a disabled LOGIN use paicha again") },
	{ "user", "disable", "--release", NULL, NULL,
	  N_("also hand the user's cases to the leads' unassigned list and their open follow-ups to no owner") },
	{ "demo", NULL, "--workers", "N", NULL, N_("how many workers to draw (default 500)") },
	{ "demo", NULL, "--seed", "S", NULL,
	  N_("the random seed: the same seed gives the same township (default 1)") },
	{ "demo", NULL, "--days", "D", NULL,
	  N_("how many days of calls to simulate from 2020-01-26 (default 8, at most 60)") },
	{ "check", NULL, "--full", NULL, NULL,
	  N_("also compare every index with its table (SQLite's full integrity check, several "
	     "times longer): after a crash or a disk fault, and nightly") },
	{ "import", NULL, "--group", "GROUP", "A B",
	  N_("A (local workers employed in Hubei) or B (Hubei workers employed locally), for a "
	     "file without a 人员类别 column") },
	{ "import", NULL, "--encoding", "ENCODING", "gb18030 utf-8",
	  N_("the CSV file's encoding, gb18030 or utf-8, when detection guesses wrong") },
	{ "import", NULL, "--sheet", "NAME", NULL,
	  N_("read only the worksheet NAME of an .xlsx workbook (by default every worksheet "
	     "with a header row is read)") },
	{ "import", NULL, "--dry-run", NULL, NULL,
	  N_("check and report everything, write nothing") },
	{ "queue", NULL, "--user", "LOGIN", NULL,
	  N_("print another user's queue (leads and admins)") },
	{ "queue", NULL, "--limit", "N", NULL, N_("print only the first N cases") },
	{ "call", NULL, "--outcome", "OUTCOME",
	  "reached no-answer busy off out-of-service wrong-number refused",
	  N_("what happened: reached, no-answer, busy, off, out-of-service, wrong-number or refused") },
	{ "call", NULL, "--phone", "NUMBER", NULL,
	  N_("the number dialled, in any form (default: the worker's first number)") },
	{ "followup", "list", "--all", NULL, NULL,
	  N_("everybody's open follow-ups, not only yours (leads and admins)") },
	{ "followup", "add", "--kind", "KIND", "callback health medical job escalation",
	  N_("what to follow up: callback, health (a health check), medical, job or escalation") },
	{ "followup", "add", "--due", "TIME", NULL,
	  N_("when it is due, local time: \"2020-02-03 09:00\"") },
	{ "followup", "add", "--note", "TEXT", NULL,
	  N_("a note for whoever makes the call (at most 250 bytes)") },
	{ "followup", "move", "--due", "TIME", NULL,
	  N_("the new time; the old follow-up is closed and a new one opened") },
	{ "followup", "add", "--past", NULL, NULL,
	  N_("confirm a due time that has passed already (otherwise refused)") },
	{ "followup", "move", "--past", NULL, NULL,
	  N_("confirm a new time that has passed already (otherwise refused)") },
	{ "followup", "close", "--cancel", NULL, NULL,
	  N_("close it as cancelled instead of done") },
	{ "search", NULL, "--limit", "N", NULL, N_("print at most N workers (default 50)") },
	{ "assign", NULL, "--to", "LOGIN", NULL,
	  N_("the investigator (or lead) who gets the cases; - unassigns them") },
	{ "assign", NULL, "--from", "LOGIN", NULL,
	  N_("only the cases of LOGIN (- for the unassigned ones)") },
	{ "assign", NULL, "--village", "VILLAGE", NULL, N_("only the cases of this village") },
	{ "assign", NULL, "--state", "STATE", "uncalled unreached reached unreachable",
	  N_("only the cases in this state: uncalled, unreached, reached or unreachable") },
	{ "assign", NULL, "--overdue", NULL, NULL,
	  N_("only the cases with an open follow-up past its time") },
	{ "assign", NULL, "--balance", NULL, NULL,
	  N_("spread the unassigned cases (or --from LOGIN's) evenly over the active "
	     "investigators, each village with as few investigators as possible") },
	{ "assign", NULL, "--map", "VILLAGE LOGIN", NULL,
	  N_("give the workers of VILLAGE that later imports bring to LOGIN (- removes the "
	     "entry); alone, list the map") },
	{ "team", NULL, "--csv", NULL, NULL, N_("a CSV table for spreadsheets instead of text") },
	{ "coverage", NULL, "--csv", NULL, NULL, N_("a CSV table for spreadsheets instead of text") },
	{ "flow", NULL, "--csv", NULL, NULL, N_("a CSV table for spreadsheets instead of text") },
	{ "escalations", NULL, "--csv", NULL, NULL,
	  N_("a CSV table for spreadsheets instead of text") },
	{ "escalations", NULL, "--limit", "N", NULL,
	  N_("print only the first N (the counts under the table are of all)") },
	{ "report", NULL, "--today", NULL, NULL,
	  N_("tonight's 汇总 so far, exactly as the nightly export will write it, beside yesterday's") },
	{ "report", NULL, "--csv", NULL, NULL, N_("summary.csv's columns and rows, in UTF-8") },
	{ "edit", NULL, "--version", "V", NULL,
	  N_("the worker's version you saw (paicha edit WORKER prints it): a change made "
	     "meanwhile refuses the save") },
	{ "edit", NULL, "--add-phone", "NUMBER", NULL, N_("add a phone number to the worker") },
	{ "edit", NULL, "--remove-phone", "NUMBER", NULL,
	  N_("remove one of the worker's phone numbers (it stays in the history)") },
	{ "purge", NULL, "--closed-before", "DATE", NULL,
	  N_("the workers whose case was closed before this day") },
	{ "purge", NULL, "--dry-run", NULL, NULL, N_("count what would be removed, change nothing") },
	{ "audit", NULL, "--worker", "WORKER", NULL, N_("only the entries about this worker") },
	{ "audit", NULL, "--user", "LOGIN", NULL, N_("only what this user did") },
	{ "audit", NULL, "--since", "DATE", NULL, N_("only the entries from this day on") },
	{ "export", NULL, "--date", "YYYY-MM-DD", NULL,
	  N_("the day to report (default: the last day that has ended)") },
	{ "export", NULL, "--out", "DIR", NULL, N_("the folder the report's folder is written into") },
	{ "export", NULL, "--encoding", "ENCODING", "gb18030 utf-8",
	  N_("the CSV files' encoding: gb18030 (the default) or utf-8") },
	{ "export", NULL, "--force", NULL, NULL, N_("replace a report of that day that exists already") },
	{ NULL, NULL, NULL, NULL, NULL, NULL },
};

const struct cmd_example cmd_examples[] = {
	{ "init", "paicha init --township 黄花镇 --division 430121101 --area-code 0731",
	  N_("create the database for 黄花镇 and make yourself its admin") },
	{ "user", "paicha user add wangfang --role investigator --name 王芳",
	  N_("let the Unix account wangfang call cases as 王芳") },
	{ "user", "paicha user disable wangfang", N_("stop wangfang; her calls stay") },
	{ "demo", "paicha demo --workers 200 --seed 7", N_("a demo township of 200 workers") },
	{ "stats", "paicha stats", N_("the counts for the daily report") },
	{ "check", "paicha check", N_("check before a backup or after a crash") },
	{ "check", "paicha check --full", N_("check the indexes too, as the nightly job does") },
	{ "import", "paicha import 花名册.xlsx --dry-run", N_("see what an import would do") },
	{ "import", "paicha import 花名册.xlsx --sheet 西湖村", N_("import only the worksheet 西湖村") },
	{ "import", "paicha import roster.csv --group B --encoding gb18030",
	  N_("import a GB18030 CSV of group B workers") },
	{ "queue", "paicha queue --user wangfang --limit 20", N_("the first 20 cases of wangfang") },
	{ "call", "paicha call 42 --outcome no-answer", N_("no answer from worker 42: a retry is scheduled") },
	{ "followup", "paicha followup list --all", N_("every open follow-up") },
	{ "followup", "paicha followup add 42 --kind callback --due \"2020-02-03 09:00\" --note \"works nights\"",
	  N_("call worker 42 back tomorrow morning") },
	{ "followup", "paicha followup move 17 --due \"2020-02-04 14:00\"", N_("move follow-up 17") },
	{ "followup", "paicha followup close 17 --cancel", N_("cancel follow-up 17") },
	{ "search", "paicha search zhangj", N_("workers whose name in pinyin starts with zhang j") },
	{ "search", "paicha search --limit 5 4900135", N_("workers whose phone contains 4900135") },
	{ "show", "paicha show 42", N_("worker 42") },
	{ "show", "paicha show 430121199003071234", N_("the worker with this ID number") },
	{ "assign", "paicha assign --to wangfang 42 43 44", N_("give three cases to wangfang") },
	{ "assign", "paicha assign --balance", N_("spread the unassigned cases over the team") },
	{ "team", "paicha team", N_("each investigator's cases and today's calls") },
	{ "coverage", "paicha coverage --csv > coverage.csv", N_("each village's figures, for a spreadsheet") },
	{ "flow", "paicha flow", N_("where group A workers are now and their work plans") },
	{ "escalations", "paicha escalations", N_("the cases that need the lead") },
	{ "report", "paicha report --today", N_("check tonight's 汇总 before it is sent") },
	{ "edit", "paicha edit 42 --version 3 village=东山村", N_("correct worker 42's village") },
	{ "purge", "paicha purge --closed-before 2020-06-01 --dry-run",
	  N_("how many workers' personal data a purge would remove") },
	{ "audit", "paicha audit --worker 42 --since 2020-02-01", N_("what was done to worker 42 since 1 February") },
	{ "export", "paicha export --out /var/lib/paicha/reports",
	  N_("yesterday's report, as the nightly timer writes it") },
	{ "export", "paicha export --date 2020-02-02 --out reports --force",
	  N_("write the report of 2 February again") },
	{ "backup", "paicha backup /var/backups/paicha-20200203.db", N_("a copy taken while people work") },
	{ "help", "paicha help followup", N_("this help for followup") },
	{ NULL, NULL, NULL },
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

/* The options and examples of command c, for the help. */
static void
print_options(const struct command *c)
{
	int any = 0;

	for (const struct cmd_option *o = cmd_options; o->command != NULL; o++) {
		char head[128];

		if (strcmp(o->command, c->name) != 0 || o->option == NULL)
			continue;
		if (!any++)
			printf("\n%s\n", _("Options:"));
		snprintf(head, sizeof head, "%s%s%s%s%s%s", o->option, o->arg ? " " : "",
		    o->arg ? o->arg : "", o->sub ? "   (" : "", o->sub ? o->sub : "",
		    o->sub ? ")" : "");
		printf("  %s\n", head);
		print_wrapped(_(o->help), 6);
	}
	any = 0;
	for (const struct cmd_example *e = cmd_examples; e->command != NULL; e++) {
		if (strcmp(e->command, c->name) != 0)
			continue;
		if (!any++)
			printf("\n%s\n", _("Examples:"));
		printf("  %s\n", e->line);
		print_wrapped(_(e->what), 6);
	}
}

void
cmd_print_completion(const char *command, const char *opt)
{
	const struct command *c = command ? commands_find(command) : NULL;

	if (command == NULL) {
		for (c = commands; c->name != NULL; c++)
			printf("%s\n", c->name);
		return;
	}
	if (c == NULL)
		return;
	for (const struct cmd_option *o = cmd_options; o->command != NULL; o++) {
		if (strcmp(o->command, c->name) != 0)
			continue;
		if (opt != NULL) {
			if (o->option != NULL && strcmp(o->option, opt) == 0 && o->choices != NULL) {
				for (const char *p = o->choices; *p; p += strspn(p, " ")) {
					size_t n = strcspn(p, " ");
					printf("%.*s\n", (int)n, p);
					p += n;
				}
				return;
			}
			continue;
		}
		/* subcommands once each, then options once each */
		if (o->sub != NULL) {
			const struct cmd_option *q = cmd_options;
			while (q < o && !(strcmp(q->command, c->name) == 0 && q->sub &&
			    strcmp(q->sub, o->sub) == 0))
				q++;
			if (q == o)
				printf("%s\n", o->sub);
		}
	}
	if (opt != NULL)
		return;
	for (const struct cmd_option *o = cmd_options; o->command != NULL; o++) {
		const struct cmd_option *q = cmd_options;
		if (strcmp(o->command, c->name) != 0 || o->option == NULL)
			continue;
		while (q < o && !(strcmp(q->command, c->name) == 0 && q->option &&
		    strcmp(q->option, o->option) == 0))
			q++;
		if (q == o)
			printf("%s\n", o->option);
	}
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
	print_options(c);
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
	printf(".SH %s\npaicha \\- ", _("NAME"));
	man_text(_("phone screening of workers returning from Hubei"));
	printf(".SH %s\n.B paicha\n[\\fB\\-\\-db\\fR \\fIPATH\\fR] [\\fICOMMAND\\fR [\\fIARGS\\fR]]\n", _("SYNOPSIS"));
	printf(".SH %s\n", _("DESCRIPTION"));
	man_text(_("paicha keeps the township's screening of local workers employed in Hubei "
	    "and of Hubei-origin workers employed locally, as the Hunan notice 湘就服发[2020]3号 "
	    "asks: a call queue for each investigator, the call records, follow-ups, and the "
	    "nightly report to the province. Without a command it opens the investigator's "
	    "screen."));
	printf(".SH %s\n", _("OPTIONS"));
	printf(".TP\n\\fB\\-\\-db\\fR \\fIPATH\\fR\n");
	man_text(_("The database. Without it: $PAICHA_DB, else db = in /etc/paicha.conf "
	    "(or the file named by $PAICHA_CONF), else ./paicha.db."));
	printf(".TP\n\\fB\\-\\-help\\fR, \\fB\\-\\-version\\fR\n");
	man_text(_("Print the help or the version and exit."));
	printf(".SH %s\n", _("COMMANDS"));
	for (const struct command *c = commands; c->name != NULL; c++) {
		printf(".TP\n\\fB%s\\fR ", c->name);
		man_text(c->usage);
		man_text(_(c->summary));
		if (c->help[0] != '\0') {
			printf(".IP\n");
			man_text(_(c->help));
		}
		for (const struct cmd_option *o = cmd_options; o->command != NULL; o++) {
			if (strcmp(o->command, c->name) != 0 || o->option == NULL)
				continue;
			printf(".IP\n\\fB\\-\\-%s\\fR", o->option + 2);
			if (o->arg)
				printf(" \\fI%s\\fR", o->arg);
			if (o->sub)
				printf(" (%s)", o->sub);
			printf("\n.br\n");
			man_text(_(o->help));
		}
		for (const struct cmd_example *e = cmd_examples; e->command != NULL; e++) {
			if (strcmp(e->command, c->name) != 0)
				continue;
			printf(".IP\n");
			man_text(e->line);
			printf(".br\n");
			man_text(_(e->what));
		}
		if (c->handler == cmd_call) {
			char *keys = cmd_call_keys_help();
			printf(".IP\n.nf\n");
			man_text(keys);
			printf(".fi\n");
			free(keys);
		}
	}
	printf(".SH %s\n.TP\n/etc/paicha.conf\n", _("FILES"));
	man_text(_("key = value lines: db, township, division, area_code, retry_no_answer, "
	    "retry_busy, retry_off (minutes), max_attempts, claim_minutes, and ambiguous_width "
	    "(2 when the terminals draw characters such as … and ° two columns wide; "
	    "$PAICHA_AMBIGUOUS_WIDTH overrides it)."));
	printf(".SH %s\n", _("EXIT STATUS"));
	man_text(_("0 on success, 1 when the request could not be done (the message says what "
	    "to do), 2 when the command line was wrong."));
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
