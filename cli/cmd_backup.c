/*
 * cmd_backup.c -- paicha backup DEST: an online, consistent copy of the
 * database while investigators keep working.
 *
 * VACUUM INTO (db_backup) copies one read snapshot into DEST.tmp-PID in
 * DEST's folder; the copy is opened on its own and must pass SQLite's
 * integrity and foreign key checks before it is flushed and renamed to
 * DEST.  An existing DEST is never overwritten: the user removes it.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/priv.h"
#include "db/db.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

struct backup_problems {
	const struct cmd_ctx *ctx;
	int n;
};

static void
backup_report(void *arg, const char *line)
{
	struct backup_problems *p = arg;

	fprintf(stderr, "paicha %s: %s\n", p->ctx->cmd->name, line);
	p->n++;
}

/* Flush a file, or a folder, to disk. */
static int
backup_sync(const char *path, int dir)
{
	int fd = open(path, (dir ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	if (!dir)
		fchmod(fd, 0640);
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
cmd_backup(struct cmd_ctx *ctx)
{
	static const struct option opts[] = { { NULL, 0, NULL, 0 } };
	const char *dest;
	char *tmp = NULL, *folder = NULL, *slash, err[512];
	struct db *copy = NULL;
	struct backup_problems problems = { ctx, 0 };
	struct stat sb;
	int c, rc = EXIT_USER;

	optind = 0;	/* GNU getopt: restart */
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1)
		return cmd_usage(ctx);
	if (optind != ctx->argc - 1)
		return cmd_usage(ctx);
	dest = ctx->argv[optind];
	if (lstat(dest, &sb) == 0)
		return cmd_error(ctx, _("%s exists already: remove it or name another file"), dest);
	tmp = xmalloc(strlen(dest) + 32);
	folder = xstrdup(dest);
	sprintf(tmp, "%s.tmp-%ld", dest, (long)getpid());
	if ((slash = strrchr(folder, '/')) != NULL)
		slash[slash == folder ? 1 : 0] = '\0';
	else
		strcpy(folder, ".");
	if (stat(folder, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		cmd_error(ctx, _("no folder %s: create it first"), folder);
		goto out;
	}
	/* Personal data: the copy is never readable by others, not even
	 * while it is written (VACUUM INTO accepts an empty file). */
	/* the copy is the user's (their own group, not paicha's) */
	if (priv_user_files() != 0) {
		cmd_error(ctx, _("cannot give up the group paicha: %s"), strerror(errno));
		goto out;
	}
	if ((c = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640)) < 0) {
		cmd_error(ctx, _("cannot create %s: %s (choose a folder you may write)"), tmp,
		    strerror(errno));
		goto out;
	}
	fchmod(c, 0640);
	close(c);
	if (db_backup(ctx->db, tmp) != 0) {
		cmd_error(ctx, _("cannot copy the database to %s: %s"), tmp, db_error(ctx->db));
		goto fail;
	}
	if (db_open(tmp, DB_OPEN_READONLY, &copy, err, sizeof err) != 0) {
		cmd_error(ctx, _("the copy cannot be opened: %s"), err);
		goto fail;
	}
	if ((c = db_integrity(copy, backup_report, &problems)) != 0) {
		if (c < 0)
			cmd_error(ctx, _("cannot check the copy: %s"), db_error(copy));
		else
			cmd_error(ctx, _("the copy failed its integrity check (%d problems): "
			    "run 'paicha check' on the database"), c);
		goto fail;
	}
	db_close(copy);
	copy = NULL;
	if (backup_sync(tmp, 0) != 0) {
		cmd_error(ctx, _("cannot write %s: %s"), tmp, strerror(errno));
		goto fail;
	}
	if (link(tmp, dest) != 0) {
		/* link() refuses to replace: a DEST made meanwhile is kept. */
		cmd_error(ctx, _("cannot create %s: %s"), dest, strerror(errno));
		goto fail;
	}
	unlink(tmp);
	backup_sync(folder, 1);
	priv_group_back();
	printf(_("Backed up %s to %s (integrity checked).\n"), db_path(ctx->db), dest);
	rc = EXIT_OK;
	goto out;
fail:
	db_close(copy);
	unlink(tmp);
	priv_group_back();
out:
	free(tmp);
	free(folder);
	return rc;
}
