/* priv.c -- the setgid group and the environment; see priv.h. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/priv.h"

extern char **environ;

static gid_t real_gid, group_gid;
static int privileged;

void
priv_init(void)
{
	real_gid = getgid();
	group_gid = getegid();
	privileged = real_gid != group_gid;
	if (!privileged)
		return;
	/* what could steer a privileged process: temporary files in a folder
	 * of the user's choosing, libraries, message catalogues (format
	 * strings) */
	unsetenv("TMPDIR");
	unsetenv("SQLITE_TMPDIR");
	unsetenv("PAICHA_LOCALEDIR");
	unsetenv("PAICHA_GEOCODER");
	for (int again = 1; again;) {
		again = 0;
		for (char **e = environ; e != NULL && *e != NULL; e++) {
			if (strncmp(*e, "LD_", 3) == 0) {
				char name[256];
				size_t n = strcspn(*e, "=");
				if (n >= sizeof name)
					n = sizeof name - 1;
				memcpy(name, *e, n);
				name[n] = '\0';
				unsetenv(name);
				again = 1;
				break;
			}
		}
	}
}

int
priv_setgid(void)
{
	return privileged;
}

int
priv_drop_for_good(void)
{
	if (!privileged)
		return 0;
	if (setgid(real_gid) != 0)
		return -1;
	privileged = 0;
	return 0;
}

int
priv_user_files(void)
{
	return privileged ? setegid(real_gid) : 0;
}

int
priv_group_back(void)
{
	return privileged ? setegid(group_gid) : 0;
}

int
priv_trusted(const char *db_path)
{
	char real[PATH_MAX], dir[PATH_MAX], *slash;
	struct stat sb;

	if (!privileged)
		return 1;
	/* the file as it really is (a symlink of the user's is followed) */
	if (realpath(db_path, real) == NULL) {
		snprintf(dir, sizeof dir, "%s", db_path);
		if ((slash = strrchr(dir, '/')) != NULL)
			*slash = '\0';
		else
			snprintf(dir, sizeof dir, ".");
		if (realpath(dir[0] ? dir : "/", real) == NULL)
			return 0;
	} else if ((slash = strrchr(real, '/')) != NULL)
		slash[slash == real ? 1 : 0] = '\0';
	/* a data folder of the group, setgid, that the user could not have
	 * filled: not theirs, not writable by all */
	if (stat(real, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return 0;
	return sb.st_gid == group_gid && (sb.st_mode & S_ISGID) && !(sb.st_mode & S_IWOTH) &&
	    sb.st_uid != getuid();
}
