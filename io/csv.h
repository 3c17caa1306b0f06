/*
 * csv.h -- RFC 4180 CSV files as township offices exchange them.
 *
 * Reading: the whole file is loaded and turned into UTF-8 first.  A UTF-8
 * byte-order mark means UTF-8; otherwise a file that is valid UTF-8 is
 * UTF-8, and anything else is GB18030 (a superset of GBK and GB2312, what
 * Excel and WPS write on Chinese Windows).  An explicit encoding (any name
 * iconv knows) overrides the guess.  Records end in CRLF, LF or a lone CR;
 * quoted fields may hold commas, quotes ("") and line breaks.  A record's
 * line number is the physical line it starts on (1-based).
 *
 * A field that begins with ' followed by = + - @ TAB or CR loses the ':
 * that is the mark paicha's CSV writer puts before a field a spreadsheet
 * would run as a formula, so a reject file imports again as it was.
 * Writing is io/csv_writer.h's (the one writer for every CSV paicha
 * writes).
 */
#ifndef PAICHA_IO_CSV_H
#define PAICHA_IO_CSV_H

#include <stddef.h>

#include "io/csv_writer.h"

enum csv_encoding {
	CSV_UTF8,		/* UTF-8 without a byte-order mark */
	CSV_UTF8_BOM,		/* UTF-8 with a byte-order mark */
	CSV_GB18030,		/* GB18030 (GBK, GB2312) */
	CSV_OTHER,		/* another encoding named with --encoding */
};

struct csv_reader;

/* Open and decode path; encoding NULL guesses.  0, or -1 with err. */
int csv_open(const char *path, const char *encoding, struct csv_reader **out,
    char *err, size_t errlen);
void csv_close(struct csv_reader *);
/* The next record: 1 with *fields (n of them, valid until the next call)
 * and *line set, 0 at the end of the file. */
int csv_next(struct csv_reader *, char ***fields, size_t *n, long *line);
enum csv_encoding csv_encoding(const struct csv_reader *);
/* The iconv name of the file's encoding ("UTF-8", "GB18030", ...). */
const char *csv_encoding_name(const struct csv_reader *);
/* 1 if the first record read ended in CRLF. */
int csv_crlf(const struct csv_reader *);
/* How far reading has come: decoded bytes done and in all. */
void csv_progress(const struct csv_reader *, size_t *done, size_t *total);

/* Parse one CSV record held in a string (tests, small inputs); caller
 * frees each field and the array.  Returns the number of fields. */
size_t csv_split(const char *s, char ***fields);

#endif
