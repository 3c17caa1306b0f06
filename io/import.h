/*
 * import.h -- paicha import as one call: a roster file (CSV or .xlsx, told
 * apart by its first bytes) read, checked and written into the database.
 *
 * The file is read by the calling thread in batches of rows; validator
 * threads check the batches (forms/ idnum and libphonenumber, the slow
 * part) while the calling thread writes the batches already checked, in
 * file order, into ONE write transaction.  Nothing is committed before the
 * last row: an import that fails, is killed or fills the disk leaves the
 * database as it was.  Rejected rows go to FILE.rejects.csv (written under
 * a temporary name, renamed after the commit), which can be corrected and
 * imported again.  A dry run does all of it in a private copy of the
 * database in memory (db_copy_in_memory(): no write lock, so it runs while
 * others write, with the counts the import would have) and writes no file.  Into a database that holds no worker, the new workers are loaded
 * by a second thread (db/import.h).
 */
#ifndef PAICHA_IO_IMPORT_H
#define PAICHA_IO_IMPORT_H

#include <time.h>

struct db;

struct import_opts {
	const char *path;
	const char *encoding;	/* CSV: iconv name, or NULL to guess */
	const char *sheet;	/* .xlsx: the one worksheet to read, or NULL for all */
	int group;		/* GROUP_A or GROUP_B from --group, or -1 */
	int dry_run;
	long long by_user;	/* who imports */
	const char *area_code;	/* the database's settings */
	const char *township;
	const char *today;	/* "YYYY-MM-DD" */
	time_t now;		/* every new worker's created_at */
	/* a message for the user (an error), in the order they happen */
	void (*error)(void *arg, const char *msg);
	void *error_arg;
	/* around creating a file the user names (the reject file): setgid
	 * paicha gives up its group there and takes it back after, so that
	 * the file is the user's (cli/priv.h); NULL: nothing to do */
	int (*user_files)(void);
	int (*group_back)(void);
};

struct import_counts {
	long read, imported, updated, merged, rejected, bad_phones, notes;
	long no_phone;		/* imported with no valid number, escalated */
	long kept_removed;	/* numbers a person removed, not brought back */
	long remarks;		/* new workers whose 备注 became their note */
	long remarks_added;	/* a known worker's note given a new 备注 line */
};

/* Why a worksheet was not read. */
enum import_skip {
	IMPORT_READ,
	IMPORT_SKIP_EMPTY,	/* no row holds anything */
	IMPORT_SKIP_NO_HEADER,	/* none of the first rows is a header */
};

struct import_sheet_result {
	char name[256];
	enum import_skip skipped;
	long header_line;
	struct import_counts n;
	char ignored[512];	/* titles of its columns not imported */
};

struct import_result {
	struct import_counts n;
	long header_line;
	int csv;			/* the input was CSV (else .xlsx) */
	char encoding[64];		/* CSV: its encoding's name */
	char sheet[256];		/* .xlsx: the first worksheet read */
	size_t nsheets;			/* .xlsx: the workbook's worksheets read or */
	struct import_sheet_result *sheets;	/* skipped (--sheet: one) */
	char ignored[512];		/* titles of columns not imported */
	char reject_path[4096];		/* where rejected rows are, if any */
	long notes_shown;		/* row messages printed (stderr) */
};

/* Import o->path; 0 with *res filled (the row messages are on stderr
 * already); -1 after telling o->error why (nothing was imported); 1 when
 * the import is committed but the reject file could not be renamed into
 * place (told; *res filled). */
int import_run(struct db *, const struct import_opts *o, struct import_result *res);
void import_result_free(struct import_result *);

#endif
