/*
 * report_dir.c -- writing a folder atomically; see report_dir.h.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/report_dir.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

#define TMP_MARK ".tmp-"

/* What to do about an error on the output folder. */
static const char *
report_dir_hint(int e)
{
	switch (e) {
	case ENOSPC:
	case EDQUOT:
		return _(" (free some space on that disk or choose another --out folder, "
		    "then export again)");
	case EACCES:
	case EPERM:
	case EROFS:
		return _(" (choose a folder you may write with --out, or ask the "
		    "administrator for write access)");
	case ENOENT:
		return _(" (create the folder first, or name another with --out)");
	}
	return "";
}

static void
report_dir_err(char *err, size_t errlen, const char *what, const char *path, int e)
{
	snprintf(err, errlen, "%s %s: %s%s", what, path, strerror(e), report_dir_hint(e));
}

int
report_dir_exists(const char *out, const char *name, char *err, size_t errlen)
{
	struct stat sb;
	int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		report_dir_err(err, errlen, _("cannot open the folder"), out, errno);
		return -1;
	}
	if (fstatat(fd, name, &sb, AT_SYMLINK_NOFOLLOW) == 0) {
		close(fd);
		return 1;
	}
	close(fd);
	return 0;
}

/* Remove a folder holding only files (what the export writes). */
static void
report_dir_remove(int parent, const char *name)
{
	int fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d;
	struct dirent *e;

	if (fd >= 0 && (d = fdopendir(fd)) != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	} else if (fd >= 0)
		close(fd);
	unlinkat(parent, name, AT_REMOVEDIR);
}

void
report_dir_sweep(const char *out)
{
	int fd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d;
	struct dirent *e;

	if (fd < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		const char *mark;
		char *end;
		long pid;

		/* Ours: "." DIVISION "-" YYYYMMDD (".tmp-" | ".old-") PID. */
		if (e->d_name[0] != '.' || strlen(e->d_name) < 20)
			continue;
		if ((mark = strstr(e->d_name, TMP_MARK)) == NULL &&
		    (mark = strstr(e->d_name, ".old-")) == NULL)
			continue;
		if (mark - e->d_name != 19 || e->d_name[10] != '-')
			continue;
		pid = strtol(mark + 5, &end, 10);
		if (*end != '\0' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;	/* alive, or not ours to judge */
		report_dir_remove(dirfd(d), e->d_name);
	}
	closedir(d);
}

int
report_dir_begin(struct report_dir *rd, const char *out, const char *name,
    char *err, size_t errlen)
{
	size_t n = strlen(out) + strlen(name) + 64;

	memset(rd, 0, sizeof *rd);
	rd->fd = -1;
	rd->out = xstrdup(out);
	rd->name = xstrdup(name);
	rd->tmp_path = xmalloc(n);
	snprintf(rd->tmp_path, n, "%s/.%s" TMP_MARK "%ld", out, name, (long)getpid());
	if (mkdir(rd->tmp_path, 0700) != 0) {
		report_dir_err(err, errlen, _("cannot create the folder"), rd->tmp_path, errno);
		free(rd->tmp_path);
		rd->tmp_path = NULL;
		return -1;
	}
	if ((rd->fd = open(rd->tmp_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		report_dir_err(err, errlen, _("cannot open the folder"), rd->tmp_path, errno);
		return -1;
	}
	return 0;
}

int
report_dir_publish(struct report_dir *rd, int replace, char *err, size_t errlen)
{
	char tmpname[256], oldname[256], final[4096];
	int parent, rc = -1;

	snprintf(tmpname, sizeof tmpname, ".%s" TMP_MARK "%ld", rd->name, (long)getpid());
	snprintf(oldname, sizeof oldname, ".%s.old-%ld", rd->name, (long)getpid());
	snprintf(final, sizeof final, "%s/%s", rd->out, rd->name);
	/* Readable by the group, like the files (0640). */
	if (fchmod(rd->fd, 0750) != 0 || fsync(rd->fd) != 0) {
		report_dir_err(err, errlen, _("cannot write"), rd->tmp_path, errno);
		return -1;
	}
	if ((parent = open(rd->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		report_dir_err(err, errlen, _("cannot open the folder"), rd->out, errno);
		return -1;
	}
	if (renameat2(parent, tmpname, parent, rd->name, RENAME_NOREPLACE) == 0)
		goto done;
	if (errno != EEXIST) {
		if (errno != EINVAL && errno != ENOSYS)
			goto fail;
		/* No RENAME_NOREPLACE here: check, then rename. */
		if (faccessat(parent, rd->name, F_OK, AT_SYMLINK_NOFOLLOW) != 0) {
			if (renameat(parent, tmpname, parent, rd->name) != 0)
				goto fail;
			goto done;
		}
	}
	if (!replace) {
		snprintf(err, errlen, _("%s exists already: it was left as it is; add --force "
		    "to replace it"), final);
		goto out;
	}
	/* Swap the new folder in and the old out in one step ... */
	if (renameat2(parent, tmpname, parent, rd->name, RENAME_EXCHANGE) == 0) {
		report_dir_remove(parent, tmpname);
		goto done;
	}
	if (errno != EINVAL && errno != ENOSYS)
		goto fail;
	/* ... or, where the file system cannot, old aside, new in, old gone. */
	if (renameat(parent, rd->name, parent, oldname) != 0)
		goto fail;
	if (renameat(parent, tmpname, parent, rd->name) != 0) {
		int e = errno;
		renameat(parent, oldname, parent, rd->name);
		errno = e;
		goto fail;
	}
	report_dir_remove(parent, oldname);
done:
	free(rd->tmp_path);
	rd->tmp_path = NULL;
	fsync(parent);
	rc = 0;
	goto out;
fail:
	report_dir_err(err, errlen, _("cannot move the report into place at"), final, errno);
out:
	close(parent);
	return rc;
}

void
report_dir_end(struct report_dir *rd)
{
	if (rd->fd >= 0)
		close(rd->fd);
	if (rd->tmp_path != NULL) {
		int parent = open(rd->out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (parent >= 0) {
			report_dir_remove(parent, strrchr(rd->tmp_path, '/') + 1);
			close(parent);
		}
	}
	free(rd->out);
	free(rd->name);
	free(rd->tmp_path);
	memset(rd, 0, sizeof *rd);
	rd->fd = -1;
}
