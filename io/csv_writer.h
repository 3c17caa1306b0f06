/*
 * csv_writer.h -- the one CSV writer: the report's files
 * (provincial-format.md 3) and the import's reject file.
 *
 * RFC 4180: a field is quoted only when it holds a comma, a quote, CR or
 * LF.  The bytes are written in UTF-8 (with a byte-order mark if asked) or
 * converted through iconv into any encoding (GB18030 for the report, the
 * input's own for a reject file).  One rule for text the encoding cannot
 * hold: the row is refused with its row and column, nothing is replaced.
 * Bytes are hashed (SHA-256, Nettle) and counted as they are written, for
 * the report's MANIFEST, and flushed to disk on close.  The file formats
 * (this, csv.h, xlsx*.h, report_dir.h) know nothing of db/.
 */
#ifndef PAICHA_IO_CSV_WRITER_H
#define PAICHA_IO_CSV_WRITER_H

#include <stddef.h>

struct sha256_ctx;
/* Finish a Nettle SHA-256 and write it as 64 lower-case hex digits. */
void sha256_hex(struct sha256_ctx *, char hex[65]);

/* One cell of a row, shared by the CSV and the xlsx writers. */
enum report_cell_kind {
	CELL_TEXT,		/* text; "" = empty */
	CELL_NUMBER,		/* a count */
};

struct report_cell {
	enum report_cell_kind kind;
	const char *text;
	long long number;
};

/* What a finished file was, for the MANIFEST. */
struct report_file_info {
	char sha256[65];
	long long bytes;
	long long rows;		/* data rows: every row after the header */
};

struct csv_write_opts {
	const char *encoding;	/* iconv name; NULL or "UTF-8": UTF-8 */
	int bom;		/* UTF-8: begin with a byte-order mark */
	int crlf;		/* CRLF line ends, else LF */
	int trim;		/* drop trailing spaces (the report) */
	int keep_formulas;	/* 0 (always, in paicha): neutralise, as below */
};

struct csv_writer;

/* Write to fd (the writer owns it from now on, even on failure); name is
 * what messages call the file.  0, or -1 with err. */
int csv_writer_fdopen(int fd, const char *name, const struct csv_write_opts *,
    struct csv_writer **out, char *err, size_t errlen);
/* Create name in the folder dirfd (mode 0640, O_EXCL|O_NOFOLLOW: it must
 * not exist); 0, or -1 with err. */
int csv_writer_openat(int dirfd, const char *name, const struct csv_write_opts *,
    struct csv_writer **out, char *err, size_t errlen);
/* Create path the same way, in encoding, with a BOM if bom, CRLF if crlf. */
int csv_writer_open(const char *path, const char *encoding, int bom, int crlf,
    struct csv_writer **out, char *err, size_t errlen);
/* Write one row of cells (the first row is the header); 0 or -1 with err. */
int csv_writer_cells(struct csv_writer *, const struct report_cell *, size_t n,
    char *err, size_t errlen);
/* Write one row of text fields; 0, or -1 (csv_writer_error() says why). */
int csv_writer_row(struct csv_writer *, const char *const *fields, size_t n);
/* Why the last call failed. */
const char *csv_writer_error(const struct csv_writer *);
/* Flush, fsync and close; info (may be NULL) describes the file.  Frees
 * the writer.  0, or -1 with err. */
int csv_writer_finish(struct csv_writer *, struct report_file_info *info,
    char *err, size_t errlen);
/* csv_writer_finish() without info; 0, or -1 (errno). */
int csv_writer_close(struct csv_writer *);
/* Close without finishing (the caller removes the file).  NULL is fine. */
void csv_writer_abort(struct csv_writer *);

/* csv_quote()'s flags. */
enum {
	CSV_TRIM = 1,		/* drop trailing spaces */
	CSV_NEUTRALISE = 2,	/* a field beginning with = + - @ TAB or CR gets a
				 * leading ' so that a spreadsheet never runs it
				 * as a formula (OWASP "CSV injection"); the
				 * reader (csv.h) takes it off again */
};

/* Does field begin with a character a spreadsheet reads as a formula (=,
 * @, TAB, CR, or + or - before more than a number), maybe after marks (')
 * already?  Such a field is written with one ' more, and the reader takes
 * one off a field that begins with ' and is formula-like after it. */
int csv_formula_like(const char *field);
/* Append field to buf as RFC 4180 wants it (quoted when needed), as flags
 * say; returns the bytes the result needs, writing at most size (NUL
 * included) like snprintf. */
size_t csv_quote(const char *field, int flags, char *buf, size_t size);

#endif
