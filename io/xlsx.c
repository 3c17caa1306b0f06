/*
 * xlsx.c -- streaming reader of an .xlsx workbook's sheets; see xlsx.h.
 *
 * The parts are found as Excel and other writers lay them out: each
 * <sheet> of xl/workbook.xml, in the workbook's order, names a relationship in
 * xl/_rels/workbook.xml.rels whose Target is the worksheet (relative to xl/
 * or absolute); the shared strings are the relationship of that type, or
 * xl/sharedStrings.xml.  Phonetic runs (<rPh>, furigana) are not text.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlreader.h>
#include <zip.h>

#include "io/xlsx.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

#define REL_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define MAX_COLUMNS 16384	/* XFD, Excel's last column */
/* The shared strings are held whole, in one block (a string costs its
 * bytes, a NUL and a 4-byte offset): at most this many bytes and strings
 * (a million-row roster of unique text needs about a tenth), and the part
 * may unpack to at most SST_MAX_RATIO times its packed size once past
 * SST_FREE bytes (real shared strings pack 3 to 10 times; Apache POI
 * refuses past 100 too), so a small file that expands into gigabytes is
 * refused after reading a hundred times its size, not loaded. */
#define MAX_SST_BYTES ((size_t)256 << 20)
#define MAX_SST_COUNT ((size_t)16 << 20)
#define SST_MAX_RATIO 100
#define SST_FREE ((zip_uint64_t)1 << 20)

struct entry {
	zip_file_t *zf;
	size_t done;
	int dtd;		/* a DOCTYPE or an entity loop was met */
};

struct strbuf {
	char *s;
	size_t len, cap;
};

/* One worksheet as the workbook lists it. */
struct sheet {
	char *name;
	char *rid;		/* its relationship, until the part is known */
	char part[512];		/* its path in the archive */
	size_t size;		/* uncompressed bytes */
};

struct xlsx_reader {
	zip_t *zip;
	struct sheet *sheets;
	size_t nsheets, cur;
	struct strbuf sst;	/* the shared strings, each NUL-terminated */
	uint32_t *sst_off;	/* where each starts in sst.s */
	size_t nsst;
	struct entry sheet;
	xmlTextReaderPtr xr;
	char **cells;
	unsigned char *numeric;	/* cells[i] was a number */
	size_t maxcols;		/* cells from this column on are not read */
	size_t ncells, capcells;
	long last_row;
	char err[1024];
	char *file;		/* the workbook's name, for messages */
};

static void
sb_add(struct strbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static char *
sb_take(struct strbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	memset(b, 0, sizeof *b);
	return s;
}

static int
entry_read(void *ctx, char *buf, int len)
{
	struct entry *e = ctx;
	zip_int64_t n = zip_fread(e->zf, buf, (zip_uint64_t)len);

	if (n < 0)
		return -1;
	e->done += (size_t)n;
	return (int)n;
}

static int
entry_close(void *ctx)
{
	struct entry *e = ctx;

	if (e->zf != NULL)
		zip_fclose(e->zf);
	e->zf = NULL;
	return 0;
}

/* libxml2's errors are not printed (paicha says what was wrong in the
 * user's language); an entity error (a loop, an external or undeclared
 * one, met before the DOCTYPE's node is read) marks the part as one with
 * a DOCTYPE. */
static void
#if LIBXML_VERSION >= 21200
part_error(void *ctx, const xmlError *err)
#else
part_error(void *ctx, xmlErrorPtr err)
#endif
{
	struct entry *e = ctx;

	if (err == NULL)
		return;
	switch (err->code) {
	case XML_ERR_ENTITY_LOOP:
	case XML_ERR_ENTITY_IS_EXTERNAL:
	case XML_ERR_ENTITY_IS_PARAMETER:
	case XML_ERR_UNDECLARED_ENTITY:
	case XML_WAR_UNDECLARED_ENTITY:
	case XML_ERR_ENTITY_BOUNDARY:
	case XML_ERR_ENTITY_PE_INTERNAL:
	case XML_ERR_EXT_ENTITY_STANDALONE:
		e->dtd = 1;
		break;
	default:
		break;
	}
}

/* An XML reader over one part of the archive, or NULL if it is missing. */
static xmlTextReaderPtr
open_part(zip_t *zip, const char *name, struct entry *e)
{
	xmlTextReaderPtr xr;

	e->done = 0;
	e->dtd = 0;
	if ((e->zf = zip_fopen(zip, name, 0)) == NULL)
		return NULL;
	xr = xmlReaderForIO(entry_read, entry_close, e, name, NULL, XML_PARSE_NONET);
	if (xr != NULL)
		xmlTextReaderSetStructuredErrorHandler(xr, part_error, e);
	return xr;
}

/* xmlTextReaderRead(), but a part with a DOCTYPE ends there: -2.  OOXML
 * parts never have one (ECMA-376 part 2 forbids DTDs); entities are how
 * billion laughs and XXE come in. */
static int
part_read(xmlTextReaderPtr xr, struct entry *e)
{
	int rc = xmlTextReaderRead(xr);

	if (rc == 1 && xmlTextReaderNodeType(xr) == XML_READER_TYPE_DOCUMENT_TYPE)
		e->dtd = 1;
	return e->dtd ? -2 : rc;
}

/* The refusal of a part with a DOCTYPE; -1. */
static int
refuse_dtd(struct xlsx_reader *r, const char *part)
{
	snprintf(r->err, sizeof r->err, _("%s: its part %s declares XML entities (a DOCTYPE), "
	    "which Excel and WPS never write and which billion-laughs and XXE attacks use; "
	    "save the roster again from Excel or WPS, or as CSV, and import that"),
	    r->file, part);
	return -1;
}

static int
is_element(xmlTextReaderPtr xr, const char *local)
{
	return xmlTextReaderNodeType(xr) == XML_READER_TYPE_ELEMENT &&
	    strcmp((const char *)xmlTextReaderConstLocalName(xr), local) == 0;
}

static int
is_end(xmlTextReaderPtr xr, const char *local)
{
	return xmlTextReaderNodeType(xr) == XML_READER_TYPE_END_ELEMENT &&
	    strcmp((const char *)xmlTextReaderConstLocalName(xr), local) == 0;
}

static int
is_text(xmlTextReaderPtr xr)
{
	int t = xmlTextReaderNodeType(xr);

	return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
	    t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* A path inside the archive from a relationship Target of xl/workbook.xml. */
static void
part_path(const char *target, char *out, size_t outsz)
{
	if (target[0] == '/')
		snprintf(out, outsz, "%s", target + 1);
	else
		snprintf(out, outsz, "xl/%s", target);
}

/* Find the sheets and the shared strings through the workbook; a
 * workbook without xl/workbook.xml is taken as one unnamed sheet1.xml.
 * 0, or -1 (r->err) when a part declares entities. */
static int
find_parts(struct xlsx_reader *r, char *sst, size_t sstsz)
{
	struct entry e;
	xmlTextReaderPtr xr;
	size_t cap = 0;

	snprintf(sst, sstsz, "xl/sharedStrings.xml");
	if ((xr = open_part(r->zip, "xl/workbook.xml", &e)) != NULL) {
		while (part_read(xr, &e) == 1) {
			if (!is_element(xr, "sheet"))
				continue;
			if (r->nsheets == cap) {
				cap = cap ? cap * 2 : 8;
				r->sheets = xrealloc(r->sheets, cap * sizeof *r->sheets);
			}
			struct sheet *sh = &r->sheets[r->nsheets++];
			xmlChar *name = xmlTextReaderGetAttribute(xr, BAD_CAST "name");
			xmlChar *rid = xmlTextReaderGetAttributeNs(xr, BAD_CAST "id", BAD_CAST REL_NS);
			memset(sh, 0, sizeof *sh);
			sh->name = xstrdup(name ? (char *)name : "");
			sh->rid = rid ? xstrdup((char *)rid) : NULL;
			/* the usual place, if the relationships do not say */
			snprintf(sh->part, sizeof sh->part, "xl/worksheets/sheet%zu.xml", r->nsheets);
			xmlFree(name);
			xmlFree(rid);
		}
		xmlFreeTextReader(xr);
		if (e.dtd)
			return refuse_dtd(r, "xl/workbook.xml");
	}
	if (r->nsheets == 0) {
		r->sheets = xcalloc(1, sizeof *r->sheets);
		r->sheets[0].name = xstrdup("");
		snprintf(r->sheets[0].part, sizeof r->sheets[0].part, "xl/worksheets/sheet1.xml");
		r->nsheets = 1;
	}
	if ((xr = open_part(r->zip, "xl/_rels/workbook.xml.rels", &e)) != NULL) {
		while (part_read(xr, &e) == 1) {
			if (!is_element(xr, "Relationship"))
				continue;
			xmlChar *id = xmlTextReaderGetAttribute(xr, BAD_CAST "Id");
			xmlChar *type = xmlTextReaderGetAttribute(xr, BAD_CAST "Type");
			xmlChar *target = xmlTextReaderGetAttribute(xr, BAD_CAST "Target");
			int matched = 0;
			for (size_t i = 0; target != NULL && id != NULL && i < r->nsheets; i++)
				if (r->sheets[i].rid != NULL && strcmp((char *)id, r->sheets[i].rid) == 0) {
					part_path((char *)target, r->sheets[i].part, sizeof r->sheets[i].part);
					matched = 1;
				}
			if (!matched && target != NULL && type != NULL && strlen((char *)type) > 14 &&
			    strcmp((char *)type + strlen((char *)type) - 14, "/sharedStrings") == 0)
				part_path((char *)target, sst, sstsz);
			xmlFree(id);
			xmlFree(type);
			xmlFree(target);
		}
		xmlFreeTextReader(xr);
		if (e.dtd)
			return refuse_dtd(r, "xl/_rels/workbook.xml.rels");
	}
	for (size_t i = 0; i < r->nsheets; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat(r->zip, r->sheets[i].part, 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
			r->sheets[i].size = (size_t)st.size;
		free(r->sheets[i].rid);
		r->sheets[i].rid = NULL;
	}
	return 0;
}

/* Why the shared strings were refused, for the message. */
enum sst_cause { SST_OK, SST_RATIO, SST_COUNT, SST_BYTES };

/* Load the shared strings: each <si> is the text of its <t>, outside <rPh>.
 * file is the workbook's name, for the message. */
static int
load_shared_strings(struct xlsx_reader *r, const char *file, const char *path)
{
	struct entry e;
	struct strbuf *a = &r->sst;
	zip_uint64_t bound = UINT64_MAX;
	zip_stat_t st;
	size_t cap = 0, start = 0;
	int in_t = 0, in_si = 0, skip = 0, rc;
	enum sst_cause cause = SST_OK;
	xmlTextReaderPtr xr;

	zip_stat_init(&st);
	if (zip_stat(r->zip, path, 0, &st) == 0 && (st.valid & ZIP_STAT_COMP_SIZE) &&
	    st.comp_size < (UINT64_MAX - SST_FREE) / SST_MAX_RATIO)
		bound = SST_FREE + st.comp_size * SST_MAX_RATIO;
	/* what the archive says it unpacks to, and then what it really does */
	if ((st.valid & ZIP_STAT_SIZE) && st.size > bound) {
		cause = SST_RATIO;
		rc = 0;
		goto refused;
	}
	if ((xr = open_part(r->zip, path, &e)) == NULL)
		return 0;	/* a workbook without text has none */
	while ((rc = part_read(xr, &e)) == 1) {
		int si_done = 0;

		if ((zip_uint64_t)e.done > bound) {
			cause = SST_RATIO;
			break;
		}
		if (is_element(xr, "rPh")) {
			skip = !xmlTextReaderIsEmptyElement(xr);
		} else if (is_end(xr, "rPh")) {
			skip = 0;
		} else if (skip) {
			continue;
		} else if (is_element(xr, "si")) {
			if (in_si)
				a->len = start;	/* an <si> in an <si>: the outer is dropped */
			start = a->len;
			in_si = 1;
			si_done = xmlTextReaderIsEmptyElement(xr);
		} else if (is_element(xr, "t")) {
			in_t = !xmlTextReaderIsEmptyElement(xr);
		} else if (is_end(xr, "t")) {
			in_t = 0;
		} else if (in_t && in_si && is_text(xr)) {
			const char *v = (const char *)xmlTextReaderConstValue(xr);
			size_t len = strlen(v);
			if (a->len + len >= MAX_SST_BYTES) {
				cause = SST_BYTES;
				break;
			}
			sb_add(a, v, len);
		} else if (is_end(xr, "si")) {
			si_done = in_si;
		}
		if (si_done && r->nsst == MAX_SST_COUNT) {
			cause = SST_COUNT;
			break;
		}
		if (si_done) {
			if (r->nsst == cap) {
				cap = cap ? cap * 2 : 256;
				r->sst_off = xrealloc(r->sst_off, cap * sizeof *r->sst_off);
			}
			sb_add(a, "", 1);	/* its NUL */
			r->sst_off[r->nsst++] = (uint32_t)start;
			in_si = 0;
		}
	}
	xmlFreeTextReader(xr);
	if (e.dtd)
		return refuse_dtd(r, path);
refused:
	switch (cause) {
	case SST_RATIO:
		snprintf(r->err, sizeof r->err, _("%s: its shared strings (%s) unpack to more than "
		    "%d times their packed size, which no roster does (a zip bomb); save the roster "
		    "again from Excel or WPS, or as CSV, and import that"), file, path, SST_MAX_RATIO);
		return -1;
	case SST_COUNT:
		snprintf(r->err, sizeof r->err, _("%s: its shared strings (%s) are more than %zu "
		    "strings, more than any roster holds; save the roster again from Excel or WPS, "
		    "or as CSV, and import that"), file, path, MAX_SST_COUNT);
		return -1;
	case SST_BYTES:
		snprintf(r->err, sizeof r->err, _("%s: its shared strings (%s) are larger than "
		    "%zu MiB, more than any roster holds; save the roster again from Excel or WPS, "
		    "or as CSV, and import that"), file, path, MAX_SST_BYTES >> 20);
		return -1;
	case SST_OK:
		break;
	}
	if (rc < 0) {
		snprintf(r->err, sizeof r->err, _("the shared strings of the workbook are broken (%s)"), path);
		return -1;
	}
	return 0;
}

int
xlsx_open(const char *path, struct xlsx_reader **out, char *err, size_t errlen)
{
	struct xlsx_reader *r = xrealloc(NULL, sizeof *r);
	char sst[512];
	int zerr;

	memset(r, 0, sizeof *r);
	r->maxcols = MAX_COLUMNS;
	*out = NULL;
	if ((r->zip = zip_open(path, ZIP_RDONLY, &zerr)) == NULL) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		snprintf(err, errlen, _("%s is not an .xlsx workbook (%s)"), path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		free(r);
		return -1;
	}
	r->file = xstrdup(path);
	if (find_parts(r, sst, sizeof sst) != 0 ||
	    load_shared_strings(r, path, sst) != 0) {
		snprintf(err, errlen, "%s", r->err);
		goto fail;
	}
	if (xlsx_select_sheet(r, 0) != 0) {
		snprintf(err, errlen, _("%s has no worksheet %s"), path, r->sheets[0].part);
		goto fail;
	}
	*out = r;
	return 0;
fail:
	xlsx_close(r);
	return -1;
}

size_t
xlsx_sheet_count(const struct xlsx_reader *r)
{
	return r->nsheets;
}

const char *
xlsx_sheet_name_at(const struct xlsx_reader *r, size_t i)
{
	return i < r->nsheets ? r->sheets[i].name : "";
}

size_t
xlsx_sheet_size(const struct xlsx_reader *r, size_t i)
{
	return i < r->nsheets ? r->sheets[i].size : 0;
}

int
xlsx_select_sheet(struct xlsx_reader *r, size_t i)
{
	if (r->xr != NULL)
		xmlFreeTextReader(r->xr);	/* closes the entry */
	else
		entry_close(&r->sheet);
	r->xr = NULL;
	for (size_t k = 0; k < r->ncells; k++)
		free(r->cells[k]);
	r->ncells = 0;
	r->last_row = 0;
	r->maxcols = MAX_COLUMNS;
	r->err[0] = '\0';
	if (i >= r->nsheets)
		return -1;
	r->cur = i;
	if ((r->xr = open_part(r->zip, r->sheets[i].part, &r->sheet)) == NULL) {
		snprintf(r->err, sizeof r->err, _("the workbook has no part %s for its worksheet '%s'"),
		    r->sheets[i].part, r->sheets[i].name);
		return -1;
	}
	return 0;
}

void
xlsx_close(struct xlsx_reader *r)
{
	if (r == NULL)
		return;
	if (r->xr != NULL)
		xmlFreeTextReader(r->xr);
	else
		entry_close(&r->sheet);
	free(r->sst.s);
	free(r->sst_off);
	free(r->file);
	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	free(r->cells);
	free(r->numeric);
	if (r->zip != NULL)
		zip_discard(r->zip);
	for (size_t i = 0; i < r->nsheets; i++) {
		free(r->sheets[i].name);
		free(r->sheets[i].rid);
	}
	free(r->sheets);
	free(r);
}

/* The 0-based column of a reference like "AB12", or -1. */
static long
ref_column(const char *ref)
{
	long col = 0;
	int n = 0;

	for (; isupper((unsigned char)*ref); ref++, n++)
		col = col * 26 + (*ref - 'A' + 1);
	if (n == 0 || n > 3 || col > MAX_COLUMNS)
		return -1;
	return col - 1;
}

int
xlsx_number_text(const char *s, char *out, size_t outsz)
{
	char digits[64];
	size_t nd = 0, i;
	long point = 0, exp10 = 0;
	int neg = 0, seen_point = 0, any = 0;
	const char *p = s;
	struct strbuf b = { 0 };

	snprintf(out, outsz, "%s", s);
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; *p != '\0'; p++) {
		if (isdigit((unsigned char)*p)) {
			any = 1;
			if (nd == 0 && *p == '0') {	/* leading zero */
				if (seen_point)
					point--;
				continue;
			}
			if (nd + 1 >= sizeof digits)
				return -1;
			digits[nd++] = *p;
			if (!seen_point)
				point++;
		} else if (*p == '.' && !seen_point) {
			seen_point = 1;
		} else {
			break;
		}
	}
	if (!any)
		return -1;
	if (*p == 'E' || *p == 'e') {
		char *end;
		exp10 = strtol(p + 1, &end, 10);
		if (end == p + 1 || *end != '\0' || exp10 > 40 || exp10 < -40)
			return -1;
	} else if (*p != '\0') {
		return -1;
	}
	while (nd > 0 && digits[nd - 1] == '0' && (long)nd > point + exp10)
		nd--;		/* trailing zeros of the fraction */
	if (nd == 0) {
		snprintf(out, outsz, "0");
		return 0;
	}
	point += exp10;
	if (neg)
		sb_add(&b, "-", 1);
	if (point <= 0) {
		sb_add(&b, "0.", 2);
		for (long k = point; k < 0; k++)
			sb_add(&b, "0", 1);
		sb_add(&b, digits, nd);
	} else {
		for (i = 0; i < (size_t)point; i++)
			sb_add(&b, i < nd ? &digits[i] : "0", 1);
		if ((size_t)point < nd) {
			sb_add(&b, ".", 1);
			sb_add(&b, digits + point, nd - (size_t)point);
		}
	}
	snprintf(out, outsz, "%s", b.s);
	free(b.s);
	return 0;
}

/* Put value into column col of the current row, filling the gap. */
static void
set_cell(struct xlsx_reader *r, long col, char *value)
{
	if ((size_t)col >= r->capcells) {
		size_t cap = r->capcells ? r->capcells : 16;
		while (cap <= (size_t)col)
			cap *= 2;
		r->cells = xrealloc(r->cells, cap * sizeof *r->cells);
		r->numeric = xrealloc(r->numeric, cap);
		r->capcells = cap;
	}
	while (r->ncells <= (size_t)col) {
		r->numeric[r->ncells] = 0;
		r->cells[r->ncells++] = NULL;
	}
	free(r->cells[col]);
	r->cells[col] = value;
}

void
xlsx_set_max_columns(struct xlsx_reader *r, size_t n)
{
	r->maxcols = n > 0 && n < MAX_COLUMNS ? n : MAX_COLUMNS;
}

int
xlsx_cell_is_number(const struct xlsx_reader *r, size_t col)
{
	return col < r->ncells && r->numeric[col];
}

/* The value of a finished cell of type t from its text. */
static char *
cell_value(struct xlsx_reader *r, const char *t, char *text)
{
	char num[96];

	if (t != NULL && strcmp(t, "s") == 0) {
		char *end;
		unsigned long i = strtoul(text, &end, 10);
		free(text);
		return strdup(end != text && i < r->nsst ? r->sst.s + r->sst_off[i] : "");
	}
	if (t == NULL || strcmp(t, "n") == 0) {
		if (xlsx_number_text(text, num, sizeof num) == 0) {
			free(text);
			return strdup(num);
		}
	}
	return text;		/* inlineStr, str, b, e, d: as written */
}

int
xlsx_next(struct xlsx_reader *r, char ***cells, size_t *n, long *row)
{
	struct strbuf text = { 0 };
	char *type = NULL;
	long col = -1;
	int rc, in_row = 0, in_text = 0, in_cell = 0, skip = 0, skip_cell = 0;

	for (size_t i = 0; i < r->ncells; i++)
		free(r->cells[i]);
	r->ncells = 0;
	while ((rc = part_read(r->xr, &r->sheet)) == 1) {
		if (skip_cell) {
			skip_cell = !is_end(r->xr, "c");
			continue;
		}
		if (is_element(r->xr, "row")) {
			xmlChar *ref = xmlTextReaderGetAttribute(r->xr, BAD_CAST "r");
			long rn = ref ? strtol((char *)ref, NULL, 10) : 0;
			xmlFree(ref);
			r->last_row = rn > 0 ? rn : r->last_row + 1;
			col = -1;
			in_row = 1;
			if (xmlTextReaderIsEmptyElement(r->xr))
				break;
		} else if (is_end(r->xr, "row")) {
			break;
		} else if (!in_row) {
			continue;
		} else if (is_element(r->xr, "c")) {
			xmlChar *ref = xmlTextReaderGetAttribute(r->xr, BAD_CAST "r");
			long c = ref ? ref_column((char *)ref) : -1;
			xmlFree(ref);
			col = c >= 0 ? c : col + 1;
			if (col >= MAX_COLUMNS)
				col = MAX_COLUMNS - 1;
			if ((size_t)col >= r->maxcols) {	/* not read: costs nothing */
				in_cell = 0;
				skip_cell = !xmlTextReaderIsEmptyElement(r->xr);
				continue;
			}
			xmlFree(type);
			type = (char *)xmlTextReaderGetAttribute(r->xr, BAD_CAST "t");
			free(text.s);
			memset(&text, 0, sizeof text);
			in_cell = 1;
			if (xmlTextReaderIsEmptyElement(r->xr)) {
				set_cell(r, col, strdup(""));
				in_cell = 0;
			}
		} else if (is_end(r->xr, "c") && in_cell) {
			int number = (type == NULL || strcmp(type, "n") == 0) && text.len > 0;
			set_cell(r, col, cell_value(r, type, sb_take(&text)));
			r->numeric[col] = (unsigned char)number;
			in_cell = 0;
		} else if (is_element(r->xr, "rPh")) {
			skip = !xmlTextReaderIsEmptyElement(r->xr);
		} else if (is_end(r->xr, "rPh")) {
			skip = 0;
		} else if (skip) {
			continue;
		} else if (is_element(r->xr, "v") || is_element(r->xr, "t")) {
			in_text = !xmlTextReaderIsEmptyElement(r->xr);
		} else if (is_end(r->xr, "v") || is_end(r->xr, "t")) {
			in_text = 0;
		} else if (in_text && in_cell && is_text(r->xr)) {
			const char *v = (const char *)xmlTextReaderConstValue(r->xr);
			sb_add(&text, v, strlen(v));
		}
	}
	free(text.s);
	xmlFree(type);
	if (rc == -2)
		return refuse_dtd(r, r->sheets[r->cur].part);
	if (rc < 0) {
		snprintf(r->err, sizeof r->err, _("the worksheet is not well-formed XML after row %ld"), r->last_row);
		return -1;
	}
	if (rc == 0 && !in_row)
		return 0;
	for (size_t i = 0; i < r->ncells; i++)
		if (r->cells[i] == NULL)
			r->cells[i] = xstrdup("");
	*cells = r->cells;
	*n = r->ncells;
	*row = r->last_row;
	return 1;
}

const char *
xlsx_error(const struct xlsx_reader *r)
{
	return r->err;
}

const char *
xlsx_sheet_name(const struct xlsx_reader *r)
{
	return r->nsheets > 0 ? r->sheets[r->cur].name : "";
}

void
xlsx_progress(const struct xlsx_reader *r, size_t *done, size_t *total)
{
	*done = r->sheet.done;
	*total = r->nsheets > 0 ? r->sheets[r->cur].size : 0;
}
