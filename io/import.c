/*
 * import.c -- paicha import as one call; see import.h.  The rows (read,
 * checked and ordered by io/import_pipe.c) are written here: a new
 * worker, a merge into a known one, or a reject.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include "db/cases.h"
#include "db/db.h"
#include "db/followups.h"
#include "db/import.h"
#include "db/lead.h"
#include "db/workers.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"
#include "io/import_state.h"

#define HEADER_SEARCH 30	/* rows looked at for the header */
#define BULK_ROWS 50000		/* new workers that make an import a bulk load */

/* ---------------------------------------------------------------- input */

/* Does path end in .xls, .et or .ods (any case)? */
static int
old_format_name(const char *path)
{
	static const char *const ext[] = { ".xls", ".et", ".ods" };
	size_t n = strlen(path);

	for (size_t i = 0; i < sizeof ext / sizeof ext[0]; i++) {
		size_t e = strlen(ext[i]);
		if (n > e && strcasecmp(path + n - e, ext[i]) == 0)
			return 1;
	}
	return 0;
}

static int
source_open(struct source *s, const char *path, const char *encoding, char *err, size_t errlen)
{
	unsigned char magic[4] = { 0 };
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fread(magic, 1, sizeof magic, f) != sizeof magic)
		memset(magic, 0, sizeof magic);
	fclose(f);
	if (memcmp(magic, "\xd0\xcf\x11\xe0", 4) == 0 || old_format_name(path)) {
		snprintf(err, errlen, _("%s is an old Excel or WPS workbook (.xls, .et) or an "
		    "OpenDocument one (.ods), which paicha cannot read: open it in Excel, WPS or "
		    "LibreOffice, save it as .xlsx (or as CSV) and import that file"), path);
		return -1;
	}
	if (memcmp(magic, "PK\x03\x04", 4) == 0) {
		if (encoding != NULL) {
			snprintf(err, errlen, "%s", _("--encoding is for CSV files; an .xlsx workbook has its own"));
			return -1;
		}
		return xlsx_open(path, &s->xlsx, err, errlen);
	}
	return csv_open(path, encoding, &s->csv, err, errlen);
}

int
import_source_next(struct source *s, char ***cells, size_t *n, long *line)
{
	int rc;

	if (s->ended)	/* the end of a worksheet, until the next is opened */
		return 0;
	if (s->csv != NULL)
		rc = csv_next(s->csv, cells, n, line);
	else if ((rc = xlsx_next(s->xlsx, cells, n, line)) < 0)
		snprintf(s->err, sizeof s->err, "%s", xlsx_error(s->xlsx));
	s->ended = rc == 0;
	return rc;
}

/* Progress through the worksheets read: their bytes before the current
 * one's and its own. */
void
import_source_progress(const struct import *im, size_t *done, size_t *total)
{
	size_t before = 0, all = 0, d, t;

	if (im->src.csv != NULL) {
		csv_progress(im->src.csv, done, total);
		return;
	}
	xlsx_progress(im->src.xlsx, &d, &t);
	for (size_t k = 0; k < im->nsheets; k++) {
		size_t size = im->sheets[k].skipped ? 0 : xlsx_sheet_size(im->src.xlsx, im->sheets[k].index);
		before += k < im->cur ? size : 0;
		all += size;
	}
	*done = before + d;
	*total = all > 0 ? all : t;
}

static void
source_close(struct source *s)
{
	csv_close(s->csv);
	xlsx_close(s->xlsx);
}

/* A message about one row.  The MAX_NOTES first by line number are kept
 * and printed on stderr at the end (notes_flush()): a load writes rows
 * with a repeated ID number after the others, and the messages come out
 * in the file's order all the same. */
static void
note(struct import *im, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
note(struct import *im, long line, const char *fmt, ...)
{
	va_list ap;
	size_t at;

	size_t sheet = im->wsheet;
	char *text;

#define NOTE_AFTER(k) (im->kept[k].sheet > sheet || (im->kept[k].sheet == sheet && im->kept[k].line > line))
	im->n.notes++;
	if (im->nkept == MAX_NOTES && !NOTE_AFTER(MAX_NOTES - 1))
		return;
	/* after every kept note of the same line or before */
	for (at = im->nkept; at > 0 && NOTE_AFTER(at - 1); at--)
		;
#undef NOTE_AFTER
	if (im->nkept == MAX_NOTES)
		free(im->kept[--im->nkept].text);
	memmove(&im->kept[at + 1], &im->kept[at], (im->nkept - at) * sizeof im->kept[0]);
	im->nkept++;
	im->kept[at].line = line;
	im->kept[at].sheet = sheet;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		fatal("out of memory");
	va_end(ap);
	/* a workbook of several worksheets: the row's worksheet first */
	if (!im->named)
		im->kept[at].text = text;
	else if (asprintf(&im->kept[at].text, "[%s] %s", im->sheets[sheet].name, text) < 0)
		fatal("out of memory");
	else
		free(text);
}

static void
notes_flush(struct import *im)
{
	for (size_t i = 0; i < im->nkept; i++) {
		fprintf(stderr, "%s\n", im->kept[i].text);
		free(im->kept[i].text);
	}
	im->nkept = 0;
}

/* An .xlsx row: is the ID number a number cell (Excel keeps 15 digits of
 * a number: an 18-digit ID number is always rounded), or a phone a number
 * of more than 15 digits?  LOST_* bits, 0 for a CSV. */
unsigned char
import_lost_digits(const struct import *im, char *const *cells, size_t n)
{
	const struct roster_map *map = im->sheets[im->cur].map;
	int id = map->col[ROSTER_IDNUM];
	unsigned char lost = 0;

	if (im->src.xlsx == NULL)
		return 0;
	if (id >= 0 && (size_t)id < n && cells[id][0] != '\0' && xlsx_cell_is_number(im->src.xlsx, (size_t)id))
		lost |= LOST_IDNUM;
	for (size_t i = 0; i < map->nphone_cols; i++) {
		size_t c = (size_t)map->phone_cols[i];
		if (c < n && xlsx_cell_is_number(im->src.xlsx, c) &&
		    strspn(cells[c], "0123456789") > 15)
			lost |= LOST_PHONE;
	}
	return lost;
}

/* Refuse a row whose digits were lost, never rounding them into an ID
 * number or a phone. */
void
import_refuse_lost(struct roster_row *r, unsigned char lost)
{
	r->rejected = 1;
	if (lost & LOST_IDNUM)
		snprintf(r->reason, sizeof r->reason, "%s", _("ID number: the cell holds a number, "
		    "not text, and Excel keeps only 15 digits of a number, so its last digits are "
		    "lost; format the 身份证号 column as text, enter the ID numbers again and export "
		    "again"));
	else
		snprintf(r->reason, sizeof r->reason, "%s", _("phone: the cell holds a number of "
		    "more than 15 digits, which Excel has rounded; format the phone column as text, "
		    "enter the numbers again and export again"));
}

/* The reject file's path beside the input: roster.csv -> roster.rejects.csv. */
static void
reject_path(const char *in, char *out, size_t outsz)
{
	const char *slash = strrchr(in, '/'), *dot = strrchr(in, '.');
	size_t stem = dot != NULL && (slash == NULL || dot > slash + 1) ? (size_t)(dot - in) : strlen(in);

	snprintf(out, outsz, "%.*s.rejects.csv", (int)stem, in);
}

/* The cells under the header's columns but the input's own 行号 and 原因
 * (a reject file imported again); returns how many went to out. */
static size_t
reject_fields(const struct import *im, const char *const *cells, size_t ncells, const char **out)
{
	size_t n = 0;

	for (size_t i = 0; i < im->map.ncols; i++)
		if ((int)i != im->map.col[ROSTER_LINE] && (int)i != im->map.col[ROSTER_REASON])
			out[n++] = i < ncells ? cells[i] : "";
	return n;
}

/* The reject file's temporary name, beside it and unpredictable
 * (.NAME.XXXXXX), created with O_EXCL (mkostemp: never a file or a link
 * someone put there) and renamed over NAME after the commit; mode 0640.
 * The open file, or -1 (reported). */
static int
reject_tmp_create(struct import *im)
{
	const char *slash = strrchr(im->rej.path, '/');
	int dirlen = slash ? (int)(slash - im->rej.path + 1) : 0;
	struct stat sb;
	int fd, e;

	/* a folder in the way would make the rename fail after the commit */
	if (lstat(im->rej.path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		import_error(im, _("cannot write %s: %s"), im->rej.path, strerror(EISDIR));
		return -1;
	}
	snprintf(im->rej.tmp, sizeof im->rej.tmp, "%.*s.%s.XXXXXX", dirlen, im->rej.path,
	    im->rej.path + dirlen);
	/* the user's file, of the user's group: never made with setgid's */
	if (im->o->user_files != NULL && im->o->user_files() != 0) {
		import_error(im, _("cannot write %s: %s"), im->rej.path, strerror(errno));
		im->rej.tmp[0] = '\0';
		return -1;
	}
	fd = mkostemp(im->rej.tmp, O_CLOEXEC);
	e = errno;
	if (im->o->group_back != NULL)
		im->o->group_back();
	errno = e;
	if (fd < 0 || fchmod(fd, 0640) != 0) {
		import_error(im, _("cannot write %s: %s"), im->rej.tmp, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(im->rej.tmp);
		}
		im->rej.tmp[0] = '\0';
		return -1;
	}
	return fd;
}

static int
reject_open(struct import *im)
{
	const char *enc = "UTF-8";
	int bom = 1, crlf = 1, fd, rc;
	struct csv_write_opts o;
	char err[512];
	const char **titles;
	size_t n;

	if (im->src.csv != NULL) {
		enum csv_encoding e = csv_encoding(im->src.csv);
		enc = csv_encoding_name(im->src.csv);
		bom = e == CSV_UTF8_BOM;
		crlf = csv_crlf(im->src.csv);
	}
	if ((fd = reject_tmp_create(im)) < 0)
		return -1;
	o = (struct csv_write_opts){ .encoding = enc, .bom = bom, .crlf = crlf };
	if (csv_writer_fdopen(fd, im->rej.tmp, &o, &im->rej.w, err, sizeof err) != 0)
		return import_error(im, "%s", err), -1;
	titles = xcalloc(im->map.ncols + 3, sizeof *titles);
	n = reject_fields(im, (const char *const *)im->map.titles, im->map.ncols, titles);
	if (im->named)
		titles[n++] = "工作表";
	titles[n++] = "行号";
	titles[n++] = "原因";
	rc = csv_writer_row(im->rej.w, titles, n);
	free(titles);
	return rc;
}

/* A row of a later worksheet in the first one's columns (the reject
 * file's): each column takes the cell under the same title, else under the
 * column of the same field, else nothing.  *mapped is to be freed. */
static char **
sheet_cells(const struct import *im, char **cells, size_t ncells, char ***mapped)
{
	const struct roster_map *m = im->sheets[im->wsheet].map;
	static char empty[] = "";

	*mapped = xcalloc(im->map.ncols + 1, sizeof **mapped);
	for (size_t i = 0; i < im->map.ncols; i++) {
		int from = -1;
		for (size_t j = 0; j < m->ncols && from < 0; j++)
			if (strcmp(m->titles[j], im->map.titles[i]) == 0)
				from = (int)j;
		for (int f = 0; f < ROSTER_NFIELDS && from < 0; f++)
			if (im->map.col[f] == (int)i)
				from = m->col[f];
		(*mapped)[i] = from >= 0 && (size_t)from < ncells ? cells[from] : empty;
	}
	return *mapped;
}

/* Write a rejected row: its cells under the header's columns, (工作表,)
 * 行号, 原因. */
static int
reject_row(struct import *im, char **cells, size_t ncells, const struct roster_row *r)
{
	const char **out;
	char line[24], **mapped = NULL;
	size_t n = 0;
	int rc;

	if (im->o->dry_run)
		return 0;
	if (im->rej.w == NULL && reject_open(im) != 0)
		return -1;
	out = xcalloc(im->map.ncols + 3, sizeof *out);
	if (im->sheets[im->wsheet].map != &im->map) {	/* in the first worksheet's columns */
		cells = sheet_cells(im, cells, ncells, &mapped);
		ncells = im->map.ncols;
	}
	n = reject_fields(im, (const char *const *)cells, ncells, out);
	free(mapped);
	if (im->named)
		out[n++] = im->sheets[im->wsheet].name;
	snprintf(line, sizeof line, "%ld", r->line);
	out[n++] = line;
	out[n++] = r->reason;
	rc = csv_writer_row(im->rej.w, out, n);
	free(out);
	if (rc != 0)
		import_error(im, "%s", csv_writer_error(im->rej.w));
	return rc;
}

/* ---------------------------------------------------------------- writing */

/* A known worker's 备注 and numbers not valid: a line the worker does not
 * have yet is added after its note, never over it (db/workers.h); *any
 * is set when one was.  0 or -1 (db_error). */
static int
merge_lines(struct import *im, const struct roster_row *r, const struct worker *old, int *any)
{
	int added;

	if (workers_add_line(im->db, old->id, "note", r->w.note, im->o->by_user, &added) != 0)
		return -1;
	if (added > 0) {
		*any = 1;
		im->n.remarks_added++;
		if (old->note[0] != '\0')
			note(im, r->line, _("line %ld: 备注 '%s' added to the note of worker %lld, after "
			    "what it said before"), r->line, r->w.note, old->id);
	} else if (added < 0) {
		note(im, r->line, _("line %ld: 备注 '%s' not added: the note of worker %lld is full"),
		    r->line, r->w.note, old->id);
	}
	if (workers_add_line(im->db, old->id, "phones_invalid", r->w.phones_invalid,
	    im->o->by_user, &added) != 0)
		return -1;
	if (added > 0)
		*any = 1;
	return 0;
}

/* Merge row r into the stored worker with its ID number (repeat: an
 * earlier row of the file made or merged it); 0 or -1 (db_error). */
static int
merge_row(struct import *im, struct roster_row *r, int repeat)
{
	struct db *db = im->db;
	long long by = im->o->by_user;
	struct roster_change ch[ROSTER_MAX_CHANGES];
	char conflicts[512];
	struct worker old;
	size_t nch;
	int changed, any = 0;

	if (workers_find_idnum(db, r->w.id_number, &old) != 0)
		return -1;
	im->n.merged++;
	nch = roster_merge(r, &old, repeat ? ROSTER_MERGE_REPEAT : ROSTER_MERGE_STORED,
	    ch, conflicts, sizeof conflicts);
	for (size_t i = 0; i < nch; i++) {
		if (workers_update_field(db, old.id, ch[i].field, ch[i].value, by, &changed) != 0)
			return -1;
		any |= changed;
	}
	for (size_t i = 0; i < r->nphones; i++) {
		int removed;

		/* what a person removed or replaced stays so */
		if (workers_phone_removed(db, old.id, &r->phones[i], &removed) != 0)
			return -1;
		if (removed) {
			im->n.kept_removed++;
			note(im, r->line, _("line %ld: phone %s kept removed: someone removed it from "
			    "worker %lld; add it again on the case screen if it is right after all"),
			    r->line, r->phones[i].display, old.id);
			continue;
		}
		if (workers_add_phone(db, old.id, &r->phones[i], &changed) != 0)
			return -1;
		any |= changed;
	}
	if (merge_lines(im, r, &old, &any) != 0)
		return -1;
	if (conflicts[0] != '\0')
		note(im, r->line, _("line %ld: ID number %s appears earlier in the file; %s"),
		    r->line, r->w.id_number, conflicts);
	if (any)
		im->n.updated++;
	return 0;
}

/* A new worker without a valid number: after the rows, an open
 * escalation for the lead (owner none) to find one through the village,
 * its note keeping the numbers as typed. */
static void
escalate_later(struct import *im, const struct roster_row *r)
{
	char note[800];

	if (r->bad_phones[0] != '\0')
		snprintf(note, sizeof note, _("no valid number: find one through the village "
		    "(as typed: %s)"), r->bad_phones);
	else
		snprintf(note, sizeof note, "%s", _("no number: find one through the village"));
	if (im->nesc == im->capesc) {
		im->capesc = im->capesc ? im->capesc * 2 : 16;
		im->esc = xrealloc(im->esc, im->capesc * sizeof *im->esc);
	}
	im->esc[im->nesc].id = r->w.id;
	im->esc[im->nesc].note = xstrdup(note);
	im->nesc++;
	im->n.no_phone++;
}

/* The escalations of escalate_later(), once every case exists; 0 or -1. */
static int
escalate_all(struct import *im)
{
	for (size_t i = 0; i < im->nesc; i++) {
		if (followups_create(im->db, im->esc[i].id, FOLLOWUP_ESCALATION, im->o->now, 0,
		    im->esc[i].note, im->o->now, im->o->by_user, 0, NULL) != 0)
			return -1;
		if (!im->o->dry_run && cases_refresh_next(im->db, im->esc[i].id, im->o->now) != 0)
			return -1;
	}
	return 0;
}

/* A load: a new worker gets its number here, its phones and case are
 * written with the batch's (import_load_phones()), and it goes to the loading
 * thread (*load = 1); a repeated ID number waits in im->load.later for
 * load_copy().  0. */
static int
load_row(struct import *im, struct roster_row *r, int repeat, unsigned char *load)
{
	if (repeat) {
		if (im->load.nlater == im->load.caplater) {
			im->load.caplater = im->load.caplater ? im->load.caplater * 2 : 64;
			im->load.later = xrealloc(im->load.later, im->load.caplater * sizeof *im->load.later);
			im->load.later_sheet = xrealloc(im->load.later_sheet,
			    im->load.caplater * sizeof *im->load.later_sheet);
		}
		im->load.later_sheet[im->load.nlater] = im->wsheet;
		im->load.later[im->load.nlater++] = *r;
		return 0;
	}
	r->w.id = im->load.next_id++;
	im->n.imported++;
	im->n.remarks += r->w.note[0] != '\0';
	if (r->no_phone)
		escalate_later(im, r);
	for (size_t i = 0; i < r->nphones; i++)
		im->load.np[im->load.nnp++] = (struct worker_new_phone){ .w = &r->w, .p = &r->phones[i],
		    .rank = (int)i };
	*load = 1;
	return 0;
}

/* A load: the phones and cases of a batch's new workers, at once (their
 * numbers follow those of the batch before); 0 or -1. */
int
import_load_phones(struct import *im)
{
	int rc = workers_insert_phones(im->db, im->load.np, im->load.nnp) != 0 ||
	    import_load_cases(im->db, im->load.cases_id, im->load.next_id - 1, (long long)im->o->now) != 0;

	im->load.nnp = 0;
	im->load.cases_id = im->load.next_id;
	return rc ? -1 : 0;
}

/* Store one checked row: new worker, merge into a known one, or reject.
 * 0, -1 (the database failed: db_error) or -2 (reported already). */
int
import_write_row(struct import *im, struct roster_row *r, char **cells, size_t ncells,
    unsigned char *load)
{
	struct db *db = im->db;
	long long by = im->o->by_user;
	int repeat, rc;

	*load = 0;
	if (r->rejected) {
		im->n.rejected++;
		note(im, r->line, _("line %ld: rejected: %s"), r->line, r->reason);
		return reject_row(im, cells, ncells, r) != 0 ? -2 : 0;
	}
	if (r->nbad > 0) {
		if (!r->no_phone)
			im->n.bad_phones += r->nbad;
		note(im, r->line, r->no_phone ?
		    _("line %ld: no valid phone number (%s): imported, escalated to the lead to find one") :
		    _("line %ld: phone number not imported: %s"), r->line, r->bad_phones);
	} else if (r->no_phone) {
		note(im, r->line, _("line %ld: no phone number: imported, escalated to the lead to find one"),
		    r->line);
	}
	if (r->note_cut)
		note(im, r->line, _("line %ld: 备注 cut to %zu bytes"), r->line, strlen(r->w.note));
	repeat = roster_seen_add(im->seen, r->w.id_number);
	if (!repeat)
		r->w.created_at = im->o->now;
	if (im->load.loading)
		return load_row(im, r, repeat, load);
	if (!repeat) {
		rc = im->bulk ? workers_insert_only(db, &r->w, by) : workers_insert(db, &r->w, by);
		if (rc == 0) {
			im->n.imported++;
			im->n.remarks += r->w.note[0] != '\0';
			if (r->no_phone)
				escalate_later(im, r);
			return workers_add_new_phones(db, &r->w, r->phones, r->nphones) != 0 ? -1 : 0;
		}
		if (rc != DB_CONFLICT)
			return -1;
	}
	return merge_row(im, r, repeat);
}

/* After the load: copy the loaded workers into the database, then merge
 * the rows that repeated an ID number, in file order.  0 or -1. */
static int
load_copy(struct import *im)
{
	struct db *db = im->db;
	long long copied;

	if (import_load_copy(db, im->load.load, &copied) != 0)
		return -1;
	if (copied != im->n.imported)
		return db_failf(db, "%lld workers were loaded, %ld expected", copied, im->n.imported), -1;
	for (size_t i = 0; i < im->load.nlater; i++) {
		struct import_counts before = im->n;
		im->wsheet = im->load.later_sheet[i];
		if (merge_row(im, &im->load.later[i], 1) != 0)
			return -1;
		import_sheet_counted(im, im->wsheet, &before);
	}
	return 0;
}

/* ---------------------------------------------------------------- command */

void
import_error(struct import *im, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int rc;

	va_start(ap, fmt);
	rc = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (rc < 0)
		fatal("out of memory");
	im->o->error(im->o->error_arg, msg);
	free(msg);
}

/* Find the header among the first rows into map: 1, 0 if there is none
 * (*blank: no row holds anything), or -1 (reported). */
static int
find_header(struct import *im, struct roster_map *map, long *header_line, int *blank)
{
	char **cells;
	size_t n;
	int rc;

	*blank = 1;
	for (int looked = 0; looked < HEADER_SEARCH; ) {
		if ((rc = import_source_next(&im->src, &cells, &n, header_line)) < 0) {
			import_error(im, "%s", im->src.err);
			return -1;
		}
		if (rc == 0)
			break;
		if (roster_row_blank(cells, n))
			continue;
		looked++;
		*blank = 0;
		if (roster_map_header(map, cells, n))
			return 1;
	}
	return 0;
}

/* The columns of a worksheet with a header: everything that can stop the
 * import is checked before writing.  0 or -1 (reported). */
static int
check_columns(struct import *im, const struct import_sheet *s)
{
	const char *missing = roster_map_missing(s->map);

	if (missing != NULL && !im->named) {
		import_error(im, _("%s has no column %s (header on line %ld); nothing was imported"),
		    im->o->path, missing, s->header_line);
		return -1;
	}
	if (missing != NULL) {
		import_error(im, _("worksheet '%s' of %s has no column %s (header on row %ld); nothing "
		    "was imported: add the column there, or import the other worksheets one by one "
		    "with --sheet NAME"), s->name, im->o->path, missing, s->header_line);
		return -1;
	}
	if (s->map->col[ROSTER_GROUP] < 0 && im->ropts.group < 0) {
		if (im->named)
			import_error(im, _("worksheet '%s' of %s has no column 人员类别: say which group "
			    "its workers are in with --group A (在鄂务工) or --group B (湖北籍在本地就业); "
			    "nothing was imported"), s->name, im->o->path);
		else
			import_error(im, _("%s has no column 人员类别: say which group its workers are in "
			    "with --group A (在鄂务工) or --group B (湖北籍在本地就业); nothing was imported"),
			    im->o->path);
		return -1;
	}
	return 0;
}

/* The workbook's worksheet names, quoted, for a message. */
static char *
sheet_names(const struct import *im)
{
	struct xlsx_reader *x = im->src.xlsx;
	char *list = xstrdup(""), *more;

	for (size_t i = 0; i < xlsx_sheet_count(x); i++) {
		if (asprintf(&more, "%s%s'%s'", list, i > 0 ? ", " : "", xlsx_sheet_name_at(x, i)) < 0)
			fatal("out of memory");
		free(list);
		list = more;
	}
	return list;
}

/* Read the rows of sheet k from the one after its header on; 1, or -1
 * with the reason in im->src.err. */
static int
open_sheet(struct import *im, size_t k)
{
	struct import_sheet *s = &im->sheets[k];
	char **cells;
	size_t n;
	long line = 0;
	int rc;

	im->cur = k;
	if (im->src.xlsx == NULL)	/* a CSV's one table: after its header already */
		return 1;
	im->src.ended = 0;
	if (xlsx_select_sheet(im->src.xlsx, s->index) != 0) {
		snprintf(im->src.err, sizeof im->src.err, "%s", xlsx_error(im->src.xlsx));
		return -1;
	}
	do
		rc = import_source_next(&im->src, &cells, &n, &line);
	while (rc > 0 && line < s->header_line);
	if (rc < 0)
		return -1;
	xlsx_set_max_columns(im->src.xlsx, s->map->ncols);	/* no row needs more */
	return 1;
}

/* After the last row of a worksheet: open the next one read; 1, 0 after
 * the last, or -1 with the reason in im->src.err. */
int
import_next_sheet(struct import *im)
{
	for (size_t k = im->cur + 1; k < im->nsheets; k++)
		if (!im->sheets[k].skipped)
			return open_sheet(im, k);
	return 0;
}

/* Add what the rows just written did (im->n since before) to sheet's counts. */
void
import_sheet_counted(struct import *im, size_t sheet, const struct import_counts *before)
{
	struct import_counts *c = &im->sheets[sheet].n;

	c->imported += im->n.imported - before->imported;
	c->updated += im->n.updated - before->updated;
	c->merged += im->n.merged - before->merged;
	c->rejected += im->n.rejected - before->rejected;
	c->bad_phones += im->n.bad_phones - before->bad_phones;
}

/* Every worksheet (o->sheet: that one; a CSV: its table) looked at for a
 * header: one with none is skipped, one with a header must have the
 * columns.  Then the first read is opened.  0 or -1 (reported). */
static int
check_sheets(struct import *im)
{
	struct xlsx_reader *x = im->src.xlsx;
	size_t count = x != NULL ? xlsx_sheet_count(x) : 1, want = count, used = 0;
	int blank;

	if (im->o->sheet != NULL && x == NULL) {
		import_error(im, "%s", _("--sheet is for an .xlsx workbook; a CSV file has one table"));
		return -1;
	}
	for (want = 0; im->o->sheet != NULL && want < count; want++)
		if (strcmp(xlsx_sheet_name_at(x, want), im->o->sheet) == 0)
			break;
	if (im->o->sheet != NULL && want == count) {
		char *list = sheet_names(im);
		import_error(im, _("%s has no worksheet '%s'; its worksheets are %s"), im->o->path,
		    im->o->sheet, list);
		free(list);
		return -1;
	}
	im->named = count > 1;
	im->sheets = xcalloc(count, sizeof *im->sheets);
	for (size_t i = 0; i < count; i++) {
		if (im->o->sheet != NULL && i != want)
			continue;
		struct import_sheet *s = &im->sheets[im->nsheets++];
		s->index = i;
		s->name = x != NULL ? xlsx_sheet_name_at(x, i) : "";
		s->ropts = im->ropts;
		if (im->named)
			snprintf(s->source, sizeof s->source, "%s[%s]", im->ropts.source, s->name);
		else
			snprintf(s->source, sizeof s->source, "%s", im->ropts.source);
		s->ropts.source = s->source;
		if (x != NULL && i > 0 && xlsx_select_sheet(x, i) != 0) {
			import_error(im, "%s: %s", im->o->path, xlsx_error(x));
			return -1;
		}
		im->src.ended = 0;
		s->map = xcalloc(1, sizeof *s->map);
		roster_map_init(s->map);
		int rc = find_header(im, s->map, &s->header_line, &blank);
		if (rc < 0)
			return -1;
		if (rc == 0) {
			s->skipped = blank ? IMPORT_SKIP_EMPTY : IMPORT_SKIP_NO_HEADER;
			roster_map_free(s->map);
			free(s->map);
			s->map = NULL;
			continue;
		}
		if (used++ == 0) {	/* the first read: the reject file's columns */
			roster_map_free(&im->map);
			im->map = *s->map;
			free(s->map);
			s->map = &im->map;
		}
		if (check_columns(im, s) != 0)
			return -1;
	}
	if (used == 0 && (count == 1 || im->o->sheet != NULL)) {
		import_error(im, _("%s has no header row: none of its first rows holds column "
		    "titles such as 姓名, 身份证号 and 联系电话"), im->o->path);
		return -1;
	}
	if (used == 0) {
		char *list = sheet_names(im);
		import_error(im, _("none of the worksheets of %s (%s) has a header row: none of their "
		    "first rows holds column titles such as 姓名, 身份证号 and 联系电话"), im->o->path, list);
		free(list);
		return -1;
	}
	for (size_t k = 0; k < im->nsheets; k++)
		if (!im->sheets[k].skipped) {
			if (open_sheet(im, k) < 0) {
				import_error(im, "%s", im->src.err);
				return -1;
			}
			break;
		}
	return 0;
}

/* The write transaction, and a load when the database holds no worker
 * (db/import.h) and still holds none once the transaction has begun.
 * 0 or -1 (reported). */
static int
begin(struct import *im)
{
	struct db *db = im->db;
	const char *env = getenv("PAICHA_IMPORT_BULK_ROWS");
	int dropped;

	im->bulk_rows = env != NULL && *env != '\0' ? strtol(env, NULL, 10) : BULK_ROWS;
	if (import_tune(db) != 0)
		goto fail;
	if (im->bulk_rows > 0 && import_count_workers(db, &im->existing) == 0 &&
	    im->existing == 0 && import_load_open(db, &im->load.load) != 0)
		im->load.load = NULL;	/* then row by row, as into any database */
	if (import_begin(db, im->load.load) != 0)
		goto fail;
	if (import_count_workers(db, &im->existing) != 0 ||
	    (im->load.load != NULL && im->existing == 0 &&
	    (import_bulk_begin_load(db, &im->bulk_state, &dropped) != 0 ||
	    import_next_worker_id(db, &im->load.next_id) != 0))) {
		import_error(im, "%s", db_error(db));
		db_rollback(db);
		return -1;
	}
	im->load.loading = im->bulk = im->load.load != NULL && im->existing == 0;
	im->load.cases_id = im->load.next_id;
	/* a first load: the queue's rows, the lead's tallies and the screens'
	 * counters are made once from the rows at the end, not a trigger's
	 * worth at every case, phone and worker (and the workers' copy keeps
	 * SQLite's transfer of whole pages, which a trigger on the table stops) */
	if (im->load.loading) {
		if (history_derived_off(db, &im->derived) != 0) {
			import_error(im, "%s", db_error(db));
			history_bulk_free(&im->derived);
			db_rollback(db);
			return -1;
		}
		im->derived_held = 1;
	}
	return 0;
fail:
	import_error(im, "%s", db_error(db));
	return -1;
}

/* Every row, the indexes and the load's copy; 0, -1 (the database
 * failed) or -2 (reported already). */
static int
write_all(struct import *im)
{
	struct db *db = im->db;
	int c = import_rows(im);

	import_phase(im, "rows");
	if (c == 0 && im->bulk)
		import_progress_stage(im, 0);
	if (c == 0 && im->bulk && !im->o->dry_run && import_bulk_end(db, &im->bulk_state) != 0)
		c = -1;
	import_phase(im, "indexes");
	if (im->load.loading) {
		if (c == 0 && !im->o->dry_run && import_flush(db) != 0)
			c = -1;
		import_phase(im, "flush");
		if (import_load_wait(im) != 0 && c == 0) {
			import_error(im, "%s", im->load.err);
			c = -2;
		}
		import_phase(im, "load");
		if (c == 0) {
			import_progress_stage(im, 1);
			c = load_copy(im);
		}
		import_phase(im, "copy");
	}
	if (c == 0 && escalate_all(im) != 0)
		c = -1;
	/* the lead's village map assigns the new workers of mapped villages */
	if (c == 0 && lead_map_assign_new(db, im->o->by_user, NULL) != 0) {
		import_error(im, "%s", db_error(db));
		c = -1;
	}
	if (im->derived_held) {
		im->derived_held = 0;
		if (c == 0 && history_derived_on(db, &im->derived) != 0)
			c = -1;
		history_bulk_free(&im->derived);	/* a rollback puts the triggers back */
	}
	import_phase(im, "derived");
	return c;
}

/* After every row: the reject file closed, the commit (or the dry run's
 * rollback), the reject file renamed into place.  0, -1 (reported; nothing
 * imported) or 1 (imported, but the reject file's rename failed: reported). */
static int
finish(struct import *im)
{
	struct db *db = im->db;

	import_progress_stage(im, 1);
	if (im->rej.w != NULL) {
		struct csv_writer *w = im->rej.w;
		im->rej.w = NULL;
		if (csv_writer_close(w) != 0) {
			import_progress(im, 1);
			db_rollback(db);
			import_error(im, _("cannot write %s: %s; nothing was imported"), im->rej.tmp,
			    strerror(errno));
			return -1;
		}
	}
	if (im->o->dry_run) {
		db_rollback(db);
	} else if (db_commit(db) != 0) {
		import_progress(im, 1);
		import_error(im, _("%s; nothing was imported"), db_error(db));
		return -1;
	}
	import_phase(im, "commit");
	import_progress(im, 1);
	if (im->rej.tmp[0] != '\0' && rename(im->rej.tmp, im->rej.path) != 0) {
		import_error(im, _("the import is done, but %s could not be renamed to %s: %s"),
		    im->rej.tmp, im->rej.path, strerror(errno));
		return 1;
	}
	return 0;
}

/* The transaction and everything in it; as finish(). */
static int
run(struct import *im)
{
	int c;

	im->seen = roster_seen_new();
	im->tty = isatty(STDERR_FILENO);
	import_phase(im, "open");
	clock_gettime(CLOCK_MONOTONIC, &im->start);
	if (begin(im) != 0)
		return -1;
	import_phase(im, "begin");
	c = write_all(im);
	import_progress(im, 1);
	notes_flush(im);
	if (c != 0) {
		db_rollback(im->db);
		if (c == -1)
			import_error(im, _("%s; nothing was imported"), db_error(im->db));
		else
			import_error(im, "%s", _("nothing was imported"));
		return -1;
	}
	return finish(im);
}

static void
result(const struct import *im, struct import_result *res)
{
	const struct import_sheet *first = NULL;

	memset(res, 0, sizeof *res);
	res->n = im->n;
	for (size_t k = 0; k < im->nsheets && first == NULL; k++)
		if (!im->sheets[k].skipped)
			first = &im->sheets[k];
	res->header_line = first->header_line;
	res->csv = im->src.csv != NULL;
	if (im->src.csv != NULL)
		snprintf(res->encoding, sizeof res->encoding, "%s", csv_encoding_name(im->src.csv));
	else
		snprintf(res->sheet, sizeof res->sheet, "%s", first->name);
	snprintf(res->ignored, sizeof res->ignored, "%s", im->map.ignored);
	if (im->src.xlsx != NULL && im->named) {
		res->nsheets = im->nsheets;
		res->sheets = xcalloc(im->nsheets, sizeof *res->sheets);
		for (size_t k = 0; k < im->nsheets; k++) {
			const struct import_sheet *s = &im->sheets[k];
			struct import_sheet_result *r = &res->sheets[k];
			snprintf(r->name, sizeof r->name, "%s", s->name);
			r->skipped = s->skipped;
			r->header_line = s->header_line;
			r->n = s->n;
			if (s->map != NULL)
				snprintf(r->ignored, sizeof r->ignored, "%s", s->map->ignored);
		}
	}
	if (im->rej.tmp[0] != '\0')
		snprintf(res->reject_path, sizeof res->reject_path, "%s", im->rej.path);
	res->notes_shown = im->n.notes < MAX_NOTES ? im->n.notes : MAX_NOTES;
}

void
import_result_free(struct import_result *res)
{
	free(res->sheets);
	res->sheets = NULL;
	res->nsheets = 0;
}

int
import_run(struct db *db, const struct import_opts *o, struct import_result *res)
{
	struct import *im = xcalloc(1, sizeof *im);
	const char *env, *base = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	char err[512];
	int rc = -1;

	im->db = db;
	im->o = o;
	im->times = (env = getenv("PAICHA_IMPORT_TIMES")) != NULL && *env == '1';
	import_phase(im, NULL);
	im->ropts = (struct roster_opts){ .area_code = o->area_code, .today = o->today,
		.group = o->group, .township = o->township, .source = base };
	roster_map_init(&im->map);
	reject_path(o->path, im->rej.path, sizeof im->rej.path);
	if (source_open(&im->src, o->path, o->encoding, err, sizeof err) != 0) {
		import_error(im, "%s", err);
		goto out;
	}
	if (check_sheets(im) != 0)
		goto out;
	/* a dry run writes into a private copy: no write lock, the same counts */
	if (o->dry_run && db_copy_in_memory(db, &im->db) != 0) {
		import_error(im, _("%s; nothing was imported"), db_error(db));
		goto out;
	}
	pthread_mutex_init(&im->pipe.mu, NULL);
	pthread_cond_init(&im->pipe.work_cv, NULL);
	pthread_cond_init(&im->pipe.done_cv, NULL);
	pthread_cond_init(&im->load.cv, NULL);
	rc = run(im);
	if (im->rej.w != NULL)
		csv_writer_abort(im->rej.w);
	if (rc != 0 && im->rej.tmp[0] != '\0')
		unlink(im->rej.tmp);	/* after a rename that failed, too */
	import_load_close(im->db, im->load.load);
	notes_flush(im);
	free(im->load.later);
	free(im->load.later_sheet);
	for (size_t i = 0; i < im->nesc; i++)
		free(im->esc[i].note);
	free(im->esc);
	pthread_mutex_destroy(&im->pipe.mu);
	pthread_cond_destroy(&im->pipe.work_cv);
	pthread_cond_destroy(&im->pipe.done_cv);
	pthread_cond_destroy(&im->load.cv);
	if (rc >= 0)
		result(im, res);
out:
	if (im->db != db)
		db_close(im->db);
	roster_seen_free(im->seen);
	for (size_t k = 0; k < im->nsheets; k++)
		if (im->sheets[k].map != NULL && im->sheets[k].map != &im->map) {
			roster_map_free(im->sheets[k].map);
			free(im->sheets[k].map);
		}
	free(im->sheets);
	roster_map_free(&im->map);
	source_close(&im->src);
	import_phase(im, "end");
	free(im);
	return rc;
}
