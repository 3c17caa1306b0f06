/* cmd_edit.c -- paicha edit WORKER [--version V] [FIELD=VALUE...]
 * [--add-phone N] [--remove-phone N]: change a worker's details and phones.
 *
 * Without a change it prints the details and their version.  With
 * --version (the one printed, or shown by the screen) the change is saved
 * only when nobody changed the worker since: otherwise nothing is saved
 * and the details as they are now are printed, so that of two people
 * editing one worker the later never silently overwrites the earlier. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/worker_arg.h"
#include "db/db.h"
#include "db/workers.h"
#include "forms/i18n.h"
#include "forms/phone.h"
#include "forms/xmalloc.h"

static const char *const editable[] = { "name", "township", "village", "work_province",
	"work_city", "employer", "address" };

static int
field_ok(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof editable / sizeof editable[0]; i++)
		if (strlen(editable[i]) == len && strncmp(editable[i], name, len) == 0)
			return 1;
	return 0;
}

static int
print_worker(struct cmd_ctx *ctx, long long id)
{
	struct worker w;
	struct worker_phone *p;
	size_t n;

	if (workers_get(ctx->db, id, &w) != 0 || workers_phones(ctx->db, id, &p, &n) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	printf(_("Worker %lld, version %lld\n"), w.id, w.version);
	printf("name=%s\ntownship=%s\nvillage=%s\nwork_province=%s\nwork_city=%s\n"
	    "employer=%s\naddress=%s\n", w.name, w.township, w.village, w.work_province,
	    w.work_city, w.employer, w.address);
	for (size_t i = 0; i < n; i++)
		printf("phone=%s%s%s\n", p[i].display, p[i].extension[0] ? " ext. " : "",
		    p[i].extension);
	free(p);
	return EXIT_OK;
}

/* The stored phone of worker id that number names; 0 if none. */
static long long
phone_id(struct cmd_ctx *ctx, long long id, const struct phone *ph)
{
	struct worker_phone *p;
	size_t n;
	long long found = 0;

	if (workers_phones(ctx->db, id, &p, &n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(p[i].e164, ph->e164) == 0 && strcmp(p[i].extension, ph->extension) == 0)
			found = p[i].id;
	free(p);
	return found;
}

/* Add or remove one phone, checked against the version seen (after this
 * command's own change of details when reread).  0 done, -1 refused (the
 * reason in db_error), or an exit status already said. */
static int
edit_phone(struct cmd_ctx *ctx, struct worker *w, const char *add, const char *rem, int reread,
    long long seen, int *changed)
{
	struct phone ph;
	struct worker_phone wp;
	long long old = 0;
	int added = 0;
	long long now_seen = seen;

	if (phone_parse(add ? add : rem, ctx->settings.area_code, &ph) != 0)
		return cmd_error(ctx, _("%s is not a valid phone number: %s"), add ? add : rem,
		    ph.reason);
	if (reread && workers_get(ctx->db, w->id, w) == 0)
		now_seen = w->version;	/* our own change above */
	if (add != NULL) {
		workers_phone_from(&wp, add, &ph);
		if (workers_replace_phone(ctx->db, w->id, now_seen, 0, &wp, ctx->me.id,
		    &added) != 0)
			return -1;
		*changed += added;
	} else {
		if ((old = phone_id(ctx, w->id, &ph)) <= 0)
			return cmd_error(ctx, _("worker %lld has no phone %s"), w->id, ph.display);
		if (db_begin_write(ctx->db) != 0 ||
		    workers_check_version(ctx->db, w->id, now_seen) != 0 ||
		    workers_remove_phone(ctx->db, w->id, old, ctx->me.id) != 0 ||
		    db_commit(ctx->db) != 0) {
			db_rollback(ctx->db);
			return -1;
		}
		(*changed)++;
	}
	return 0;
}

int
cmd_edit(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "version", required_argument, NULL, 'v' },
		{ "add-phone", required_argument, NULL, 'a' },
		{ "remove-phone", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	const char *add = NULL, *rem = NULL;
	long long seen = 0;
	struct worker w;
	const char **fields = NULL, **values = NULL;
	char **keys = NULL;
	size_t n = 0;
	int c, rc, changed = 0;
	char *end;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			seen = strtoll(optarg, &end, 10);
			if (*end != '\0' || seen <= 0)
				return cmd_error(ctx, _("--version takes the number 'paicha edit WORKER' "
				    "printed"));
			break;
		case 'a':
			add = optarg;
			break;
		case 'r':
			rem = optarg;
			break;
		default:
			return cmd_usage(ctx);
		}
	}
	if (optind >= ctx->argc)
		return cmd_usage(ctx);
	if ((rc = worker_arg_find(ctx, ctx->argv[optind++], &w)) != 0)
		return rc;
	if (optind == ctx->argc && add == NULL && rem == NULL)
		return print_worker(ctx, w.id);
	if (add != NULL && rem != NULL)
		return cmd_error(ctx, _("add or remove one phone at a time"));
	n = (size_t)(ctx->argc - optind);
	fields = xcalloc(n + 1, sizeof *fields);
	values = xcalloc(n + 1, sizeof *values);
	keys = xcalloc(n + 1, sizeof *keys);
	for (size_t i = 0; i < n; i++) {
		const char *arg = ctx->argv[optind + (int)i], *eq = strchr(arg, '=');
		if (eq == NULL || !field_ok(arg, (size_t)(eq - arg))) {
			rc = cmd_error(ctx, _("'%s': write FIELD=VALUE, FIELD one of name, township, "
			    "village, work_province, work_city, employer, address"), arg);
			goto out;
		}
		keys[i] = xstrdup(arg);
		keys[i][eq - arg] = '\0';
		fields[i] = keys[i];
		values[i] = eq + 1;
	}
	if (n > 0 && workers_edit(ctx->db, w.id, seen, fields, values, n, ctx->me.id,
	    &changed) != 0)
		goto refused;
	if (add != NULL || rem != NULL) {
		if ((rc = edit_phone(ctx, &w, add, rem, n > 0 && seen != 0, seen, &changed)) < 0)
			goto refused;
		if (rc > 0)
			goto out;
	}
	if (workers_get(ctx->db, w.id, &w) != 0) {
		rc = cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	printf(_("Worker %lld: %d change(s) saved, now version %lld.\n"), w.id, changed,
	    w.version);
	rc = EXIT_OK;
	goto out;
refused:
	rc = cmd_error(ctx, "%s", db_error(ctx->db));
	if (seen != 0) {
		fprintf(stderr, "%s\n", _("The worker now reads:"));
		print_worker(ctx, w.id);
	}
out:
	for (size_t i = 0; keys != NULL && i < n; i++)
		free(keys[i]);
	free(keys);
	free(fields);
	free(values);
	return rc;
}
