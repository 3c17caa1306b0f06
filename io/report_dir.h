/*
 * report_dir.h -- a report folder that appears whole or not at all
 * (provincial-format.md 1).
 *
 * The files are written into `<OUT>/.<NAME>.tmp-<PID>` (same parent, so
 * the final rename is atomic), flushed, and the folder is renamed into
 * place last: with RENAME_NOREPLACE, or, to replace an existing report,
 * with RENAME_EXCHANGE so that there is never a moment without a complete
 * folder (where the file system cannot exchange, the old folder is
 * renamed aside first).  A temporary folder left by a killed process is
 * removed by the next run once its PID is gone.
 */
#ifndef PAICHA_IO_REPORT_DIR_H
#define PAICHA_IO_REPORT_DIR_H

#include <stddef.h>

struct report_dir {
	char *out;		/* the parent folder */
	char *name;		/* the final folder's name */
	char *tmp_path;		/* <out>/.<name>.tmp-<pid> */
	int fd;			/* the temporary folder, open */
};

/* Does <out>/<name> exist?  1 yes, 0 no, -1 error (err says). */
int report_dir_exists(const char *out, const char *name, char *err, size_t errlen);
/* Remove temporary folders of dead processes in out ("." + prefix ...). */
void report_dir_sweep(const char *out);
/* Create the temporary folder (mode 0700 while it is written). */
int report_dir_begin(struct report_dir *, const char *out, const char *name,
    char *err, size_t errlen);
/* Flush the folder and move it into place (replace: an existing one). */
int report_dir_publish(struct report_dir *, int replace, char *err, size_t errlen);
/* Remove the temporary folder, if still there, and free. */
void report_dir_end(struct report_dir *);

#endif
