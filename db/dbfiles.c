/*
 * dbfiles.c -- the three files of a shared database (the database, its
 * -wal and its -shm), their owners and modes, and noticing when one was
 * removed or replaced underneath an open connection.
 *
 * Why it matters: SQLite's processes agree on who writes where through
 * locks and a map held in the -shm file.  A process that opened the -shm
 * keeps its own (deleted) copy when somebody removes the file; the next
 * process makes a new one, and from then on the two no longer see each
 * other's locks: the first overwrites the second's saved calls in the
 * -wal, or checkpoints its stale picture over them when it closes.  So a
 * connection remembers which files (device and inode) it opened and,
 * before each write transaction, at each commit and at close, compares
 * them with what is at those paths now; when they differ it refuses to
 * write and does not checkpoint on close.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "db/dbi.h"
#include "forms/fault.h"

static const char *const suffixes[DB_NFILES] = { "", "-wal", "-shm" };

void
db_files_name(const char *path, int which, char *out, size_t sz)
{
	snprintf(out, sz, "%s%s", path, suffixes[which]);
}

void
db_files_note(struct db *db)
{
	char name[PATH_MAX];
	struct stat sb;

	for (int i = 0; i < DB_NFILES; i++) {
		db_files_name(db->path, i, name, sizeof name);
		db->files[i].have = stat(name, &sb) == 0;
		db->files[i].dev = db->files[i].have ? sb.st_dev : 0;
		db->files[i].ino = db->files[i].have ? sb.st_ino : 0;
	}
}

int
db_files_changed(struct db *db)
{
	char name[PATH_MAX];
	struct stat sb;

	if (db->stale)
		return db->stale;
	for (int i = 0; i < DB_NFILES; i++) {
		if (!db->files[i].have)
			continue;
		db_files_name(db->path, i, name, sizeof name);
		if (stat(name, &sb) != 0 || sb.st_dev != db->files[i].dev ||
		    sb.st_ino != db->files[i].ino) {
			db->stale = i + 1;
			return db->stale;
		}
	}
	return 0;
}

/* A line about the database's files, in words (forms/fault.c), into out. */
static char *
files_words(char *out, size_t sz, enum fault_code code, long long a, long long b,
    const char *s, const char *t, const char *u)
{
	struct fault f;

	fault_set(&f, code, a, b, s, t);
	fault_set_u(&f, u);
	return fault_text(&f, out, sz);
}

int
db_files_refuse(struct db *db)
{
	char name[PATH_MAX];

	if (db_files_changed(db) == 0)
		return 0;
	db_files_name(db->path, db->stale - 1, name, sizeof name);
	return db_refuse(db, DB_ERROR, FAULT_FILE_REPLACED, 0, 0, name, NULL);
}

int
db_files_wal_lost(const char *path)
{
	char name[PATH_MAX];
	struct stat sb;
	unsigned int mx = 0;
	int fd;

	db_files_name(path, 1, name, sizeof name);
	if (stat(name, &sb) == 0 || errno != ENOENT)
		return 0;
	db_files_name(path, 2, name, sizeof name);
	if ((fd = open(name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return 0;
	/* the wal-index header: mxFrame, the frames in use, at byte 16 in
	 * the host's byte order (SQLite's walIndexHdr) */
	if (pread(fd, &mx, sizeof mx, 16) != (ssize_t)sizeof mx)
		mx = 0;
	close(fd);
	return mx > 0 ? 2 : 1;
}

static const char *
group_name(gid_t g, char *buf, size_t sz)
{
	struct group *gr = getgrgid(g);

	if (gr != NULL)
		snprintf(buf, sz, "%s", gr->gr_name);
	else
		snprintf(buf, sz, "%ld", (long)g);
	return buf;
}

/*
 * The rules: the -wal and -shm belong to the database's group and, like
 * it, are readable and writable by their owner and that group (0660);
 * the account running us may read and write all three.  One message for
 * the first file that breaks them, with the commands that mend it.
 */
static int db_files_check_once(const char *path, int writing, char *err, size_t errlen);

int
db_files_check(const char *path, int writing, char *err, size_t errlen)
{
	int rc = 0;

	/* SQLite makes a -wal or -shm with the umask's mode and then gives
	 * it the database's mode (and, as root, its owner): a file another
	 * process is making just now gets a moment to settle. */
	for (int tries = 0; tries < 20; tries++) {
		if ((rc = db_files_check_once(path, writing, err, errlen)) == 0)
			return 0;
		usleep(10000);
	}
	return rc;
}

static int
db_files_check_once(const char *path, int writing, char *err, size_t errlen)
{
	char name[PATH_MAX], grp[64], want[64];
	struct stat db, sb;

	if (stat(path, &db) != 0)
		return 0;	/* db_open says so */
	group_name(db.st_gid, want, sizeof want);
	for (int i = 0; i < DB_NFILES; i++) {
		db_files_name(path, i, name, sizeof name);
		if (stat(name, &sb) != 0)
			continue;
		/* a file anybody may read and write (0666) works for all */
		int open_to_all = (sb.st_mode & 0006) == 0006;

		if (i > 0 && sb.st_gid != db.st_gid && !open_to_all) {
			files_words(err, errlen, FAULT_FILE_GROUP, 0, 0, name,
			    group_name(sb.st_gid, grp, sizeof grp), want);
			return DB_DENIED;
		}
		if (i > 0 && (db.st_mode & 0060) == 0060 && (sb.st_mode & 0060) != 0060 &&
		    !open_to_all) {
			files_words(err, errlen, FAULT_FILE_MODE, sb.st_mode & 07777, 0, name, NULL,
			    want);
			return DB_DENIED;
		}
		if (faccessat(AT_FDCWD, name, writing ? R_OK | W_OK : R_OK, AT_EACCESS) != 0 &&
		    errno == EACCES) {
			files_words(err, errlen, writing ? FAULT_FILE_NO_WRITE : FAULT_FILE_NO_READ,
			    sb.st_mode & 07777, 0, name, group_name(sb.st_gid, grp, sizeof grp), want);
			return DB_DENIED;
		}
	}
	return 0;
}

int
db_files_problems(struct db *db, void (*report)(void *, const char *), void *arg)
{
	char name[3 * PATH_MAX], line[4 * PATH_MAX], abs[PATH_MAX], fd[64];
	char target[PATH_MAX + 32], dir[2 * PATH_MAX + 8], *slash;
	struct stat sb;
	DIR *proc, *fds;
	struct dirent *p, *f;
	int n = 0;

	if (db->wal_lost_at_open) {
		db_files_name(db->path, 1, name, sizeof name);
		files_words(line, sizeof line, FAULT_FILE_WAL_LOST, db->wal_lost_at_open, 0, name,
		    NULL, NULL);
		report(arg, line);
		n++;
	}
	if (db_files_check(db->path, 0, line, sizeof line) != 0) {
		report(arg, line);
		n++;
	}
	/* Processes that still hold a deleted -wal or -shm of this database
	 * (all of them as root, our own otherwise). */
	snprintf(dir, sizeof dir, "%s", db->path);
	slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	if (realpath(slash != NULL ? (dir[0] ? dir : "/") : ".", abs) == NULL)
		return n;
	snprintf(dir, sizeof dir, "%s/%s", strcmp(abs, "/") ? abs : "",
	    slash != NULL ? slash + 1 : db->path);
	if ((proc = opendir("/proc")) == NULL)
		return n;
	while ((p = readdir(proc)) != NULL) {
		char *end;
		long pid = strtol(p->d_name, &end, 10);

		if (*end != '\0' || pid <= 0)
			continue;
		snprintf(fd, sizeof fd, "/proc/%ld/fd", pid);
		if ((fds = opendir(fd)) == NULL)
			continue;
		while ((f = readdir(fds)) != NULL) {
			char link[64 + 256];
			ssize_t len;

			snprintf(link, sizeof link, "%s/%s", fd, f->d_name);
			if ((len = readlink(link, target, sizeof target - 1)) <= 0)
				continue;
			target[len] = '\0';
			for (int i = 0; i < DB_NFILES; i++) {
				snprintf(name, sizeof name, "%s%s (deleted)", dir, suffixes[i]);
				if (strcmp(target, name) != 0)
					continue;
				struct passwd *pw = NULL;
				char st[64];
				snprintf(st, sizeof st, "/proc/%ld", pid);
				if (stat(st, &sb) == 0)
					pw = getpwuid(sb.st_uid);
				name[strlen(name) - strlen(" (deleted)")] = '\0';
				files_words(line, sizeof line, FAULT_FILE_DELETED_USED, pid, 0, name,
				    pw ? pw->pw_name : "?", NULL);
				report(arg, line);
				n++;
			}
		}
		closedir(fds);
	}
	closedir(proc);
	return n;
}

/*
 * Who holds a lock on the -shm: SQLite's WAL locks are POSIX byte locks
 * on the -shm file, from byte 120 (the writer's) on, and Linux lists
 * every process's in /proc/locks with its pid and the file's inode.
 * first..last: the bytes (120 the write lock, 123..127 the readers');
 * calls found() for each other process holding one; returns how many.
 */
static int
db_files_lockers(struct db *db, long first, long last,
    void (*found)(void *, long pid, const char *login, const char *prog), void *arg)
{
	char name[PATH_MAX], line[256], st[64], prog[64];
	struct stat sb;
	FILE *f;
	int n = 0;

	db_files_name(db->path, 2, name, sizeof name);
	if (stat(name, &sb) != 0 || (f = fopen("/proc/locks", "re")) == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		char kind[16], mode[16], rw[16], end[32];
		unsigned maj, min;
		unsigned long long ino;
		long pid, start, stop;
		struct passwd *pw = NULL;
		FILE *c;

		/* "1: POSIX  ADVISORY  WRITE 1234 08:01:56789 120 120" */
		if (sscanf(line, "%*s %15s %15s %15s %ld %x:%x:%llu %ld %31s", kind, mode, rw,
		    &pid, &maj, &min, &ino, &start, end) != 9)
			continue;
		stop = strcmp(end, "EOF") == 0 ? LONG_MAX : strtol(end, NULL, 10);
		if (strcmp(kind, "POSIX") != 0 || ino != (unsigned long long)sb.st_ino ||
		    maj != major(sb.st_dev) || min != minor(sb.st_dev) ||
		    stop < first || start > last || pid == (long)getpid())
			continue;
		snprintf(st, sizeof st, "/proc/%ld", pid);
		{
			struct stat ps;
			if (stat(st, &ps) == 0)
				pw = getpwuid(ps.st_uid);
		}
		snprintf(st, sizeof st, "/proc/%ld/comm", pid);
		prog[0] = '\0';
		if ((c = fopen(st, "re")) != NULL) {
			if (fgets(prog, sizeof prog, c) == NULL)
				prog[0] = '\0';
			prog[strcspn(prog, "\n")] = '\0';
			fclose(c);
		}
		found(arg, pid, pw ? pw->pw_name : "?", prog);
		n++;
	}
	fclose(f);
	return n;
}

struct holder_buf {
	char *out;
	size_t sz;
};

static void
holder_found(void *arg, long pid, const char *login, const char *prog)
{
	struct holder_buf *h = arg;

	if (h->out[0] == '\0')
		snprintf(h->out, h->sz, "%s (pid %ld, %s)", login, pid, prog[0] ? prog : "?");
}

int
db_lock_holder(struct db *db, char *out, size_t sz)
{
	struct holder_buf h = { out, sz };

	out[0] = '\0';
	/* byte 120: WAL_WRITE_LOCK; 121 the checkpointer's; 122 recovery */
	return db_files_lockers(db, 120, 122, holder_found, &h) > 0 ? 0 : -1;
}

struct reader_report {
	void (*report)(void *, const char *);
	void *arg;
	const char *wal;
	long long size;
	int n;
};

static void
reader_found(void *arg, long pid, const char *login, const char *prog)
{
	struct reader_report *r = arg;
	char line[PATH_MAX + 256];

	files_words(line, sizeof line, FAULT_FILE_WAL_PINNED, r->size >> 20, pid, r->wal,
	    prog[0] ? prog : "?", login);
	r->report(r->arg, line);
	r->n++;
}

int
db_files_readers(struct db *db, long long limit, void (*report)(void *, const char *), void *arg)
{
	char name[PATH_MAX];
	struct stat sb;
	struct reader_report r = { report, arg, name, 0, 0 };

	db_files_name(db->path, 1, name, sizeof name);
	if (stat(name, &sb) != 0 || sb.st_size <= limit)
		return 0;
	r.size = sb.st_size;
	/* bytes 123..127: the readers' marks (WAL_READ_LOCK(0..4)) */
	db_files_lockers(db, 123, 127, reader_found, &r);
	return r.n;
}
