/*
 * report_csv.h -- one CSV file of the provincial report
 * (provincial-format.md 3): RFC 4180 with CRLF, a field quoted only when
 * it holds a comma, a quote, CR or LF; GB18030 through iconv, or UTF-8
 * with a byte-order mark.  Bytes are hashed (SHA-256) and counted as
 * they are written, for the MANIFEST, and flushed to disk on close.
 */
#ifndef PAICHA_IO_CSV_WRITER_H
#define PAICHA_IO_CSV_WRITER_H

#include <stddef.h>

struct sha256_ctx;
/* Finish a Nettle SHA-256 and write it as 64 lower-case hex digits. */
void sha256_hex(struct sha256_ctx *, char hex[65]);

enum report_encoding {
	REPORT_GB18030,
	REPORT_UTF8,
};

/* One cell of a report row, shared by the CSV and the xlsx writers. */
enum report_cell_kind {
	CELL_TEXT,		/* text; "" = empty */
	CELL_NUMBER,		/* a count */
};

struct report_cell {
	enum report_cell_kind kind;
	const char *text;
	long long number;
};

struct report_csv;

/* What a finished file was, for the MANIFEST. */
struct report_file_info {
	char sha256[65];
	long long bytes;
	long long rows;		/* data rows: every row after the header */
};

/* Create name (mode 0640, must not exist) in the folder dirfd. */
int report_csv_open(int dirfd, const char *name, enum report_encoding,
    struct report_csv **out, char *err, size_t errlen);
/* Write one row (the first is the header). */
int report_csv_row(struct report_csv *, const struct report_cell *, size_t n,
    char *err, size_t errlen);
/* Flush, fsync and close; info describes the file.  Frees the writer. */
int report_csv_close(struct report_csv *, struct report_file_info *info,
    char *err, size_t errlen);
/* Close without finishing (the caller removes the folder). */
void report_csv_abort(struct report_csv *);

/* Append field to buf as RFC 4180 wants it (quoted when needed, trailing
 * spaces dropped); returns the bytes the result needs, writing at most
 * size (NUL included) like snprintf. */
size_t report_csv_quote(const char *field, char *buf, size_t size);

#endif
