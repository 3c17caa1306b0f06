/*
 * cmd_import.c -- paicha import FILE [--group A|B] [--encoding E] [--sheet NAME]
 * [--dry-run]
 *
 * The options and the summary; the import itself is io/import.h's.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/priv.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/phone.h"
#include "io/import.h"
#include "io/roster.h"

/* A workbook of several worksheets: one line each (--sheet: the one). */
static void
sheets(const struct import_opts *o, const struct import_result *r)
{
	printf(_("Read %s, a workbook of several worksheets:\n"), o->path);
	for (size_t k = 0; k < r->nsheets; k++) {
		const struct import_sheet_result *s = &r->sheets[k];
		if (s->skipped == IMPORT_SKIP_EMPTY) {
			printf(_("  worksheet '%s': skipped, it is empty\n"), s->name);
			continue;
		}
		if (s->skipped != IMPORT_READ) {
			printf(_("  worksheet '%s': skipped, no header row (none of its first rows holds "
			    "column titles such as 姓名, 身份证号 and 联系电话)\n"), s->name);
			continue;
		}
		printf(_("  worksheet '%s': header on row %ld, %ld rows read, %ld imported, "
		    "%ld updated, %ld rejected\n"), s->name, s->header_line, s->n.read,
		    s->n.imported, s->n.updated, s->n.rejected);
		if (s->ignored[0] != '\0')
			printf(_("    columns not imported: %s\n"), s->ignored);
	}
}

static void
summary(const struct import_opts *o, const struct import_result *r)
{
	if (r->csv)
		printf(_("Read %s (CSV, %s), header on line %ld.\n"), o->path, r->encoding,
		    r->header_line);
	else if (r->nsheets == 0)
		printf(_("Read %s (worksheet '%s'), header on row %ld.\n"), o->path, r->sheet,
		    r->header_line);
	else
		sheets(o, r);
	if (r->ignored[0] != '\0' && r->nsheets == 0)
		printf(_("Columns not imported: %s\n"), r->ignored);
	if (r->n.notes > r->notes_shown)
		fprintf(stderr, _("... and %ld more messages\n"), r->n.notes - r->notes_shown);
	printf(_("Rows read:     %ld\n"), r->n.read);
	printf(_("Imported:      %ld\n"), r->n.imported);
	printf(_("Updated:       %ld\n"), r->n.updated);
	printf(_("Rejected:      %ld\n"), r->n.rejected);
	printf(_("Merged:        %ld\n"), r->n.merged);
	if (r->n.bad_phones > 0)
		printf(_("Phone numbers not imported (the row had a valid one): %ld\n"),
		    r->n.bad_phones);
	if (r->n.kept_removed > 0)
		printf(_("Phone numbers kept removed (someone removed them; not brought back): %ld\n"),
		    r->n.kept_removed);
	if (r->n.no_phone > 0)
		printf(_("Imported without a valid phone number: %ld. They are in the lead's "
		    "escalations ('paicha escalations', the Escalations screen) to find a number "
		    "through the village; the numbers as typed are kept.\n"), r->n.no_phone);
	if (r->n.remarks > 0)
		printf(_("New workers whose 备注 became their first note: %ld\n"), r->n.remarks);
	if (r->n.remarks_added > 0)
		printf(_("Known workers given a new 备注 line (after their note, which is kept): %ld\n"),
		    r->n.remarks_added);
	if (!o->dry_run && r->n.imported > 0)
		printf(_("New workers in nobody's queue yet: %ld. Give them to an investigator with "
		    "'paicha assign --to LOGIN WORKER ...' (WORKER: the worker's number or ID number).\n"),
		    r->n.imported);
	if (o->dry_run) {
		printf("%s\n", _("Dry run: nothing was written."));
	} else if (r->n.rejected > 0) {
		printf(_("Rejected rows are in %s (%s), with their line number and the reason; "
		    "correct them there and import that file.\n"), r->reject_path,
		    r->csv ? r->encoding : _("CSV, UTF-8 with BOM"));
	}
}

static int
parse_group(const char *s, int *group)
{
	enum worker_group g;

	if (roster_group_parse(s, &g) != 0)
		return -1;
	*group = (int)g;
	return 0;
}

static void
report_error(void *arg, const char *msg)
{
	cmd_error(arg, "%s", msg);
}

int
cmd_import(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "sheet", required_argument, NULL, 's' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	struct import_opts o = { .group = -1 };
	struct import_result res;
	char today[11], why[512];
	int opt, rc;

	optind = 0;
	while ((opt = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (opt) {
		case 'g':
			if (parse_group(optarg, &o.group) != 0)
				return cmd_error(ctx, _("--group is A (在鄂务工) or B (湖北籍在本地就业), not '%s'"), optarg);
			break;
		case 'e': o.encoding = optarg; break;
		case 's': o.sheet = optarg; break;
		case 'n': o.dry_run = 1; break;
		default: return cmd_usage(ctx);
		}
	}
	if (optind != ctx->argc - 1)
		return cmd_usage(ctx);
	o.path = ctx->argv[optind];
	clock_today(today);
	o.today = today;
	o.now = clock_now();
	o.by_user = ctx->me.id;
	o.area_code = ctx->settings.area_code;
	o.township = ctx->settings.township;
	o.error = report_error;
	o.error_arg = ctx;
	o.user_files = priv_user_files;
	o.group_back = priv_group_back;
	if (phone_ready(why, sizeof why) != 0)
		return cmd_error(ctx, "%s", why);
	if ((rc = import_run(ctx->db, &o, &res)) < 0)
		return EXIT_USER;
	summary(&o, &res);
	import_result_free(&res);
	return rc == 0 ? EXIT_OK : EXIT_USER;
}
