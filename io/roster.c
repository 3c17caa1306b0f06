/* roster.c -- columns, rows and merging of an imported roster; see roster.h. */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/roster.h"
#include "forms/i18n.h"
#include "forms/idnum.h"
#include "forms/phone.h"
#include "forms/utf8.h"
#include "forms/xmalloc.h"

/* Column titles, normalised (see title_key); Chinese as offices write
 * them, English as other tools export them. */
static const struct {
	enum roster_field field;
	const char *titles[16];
} known_titles[] = {
	{ ROSTER_NAME, { "姓名", "名字", "人员姓名", "name", "fullname", NULL } },
	{ ROSTER_IDNUM, { "身份证号", "身份证号码", "公民身份号码", "公民身份证号",
	    "公民身份证号码", "身份证", "证件号码", "idnumber", "id", "idno", "idcard",
	    "citizenid", NULL } },
	{ ROSTER_PHONE, { "联系电话", "手机号码", "手机号", "手机", "电话", "电话号码",
	    "联系方式", "本人电话", "家属电话", "phone", "mobile", "telephone", "tel",
	    "phonenumber", NULL } },
	{ ROSTER_TOWNSHIP, { "乡镇", "乡镇街道", "街道", "所属乡镇", "乡镇名称",
	    "township", "town", NULL } },
	{ ROSTER_VILLAGE, { "村", "村社区", "社区", "村居", "所属村", "村名", "村组",
	    "village", "community", NULL } },
	{ ROSTER_WORKPLACE, { "务工地", "务工地点", "务工地址", "工作地点", "务工城市",
	    "务工地区", "workplace", "workcity", NULL } },
	{ ROSTER_EMPLOYER, { "工作单位", "务工单位", "单位", "单位名称", "employer",
	    "company", NULL } },
	{ ROSTER_GROUP, { "人员类别", "类别", "人员类型", "类型", "group", "category", NULL } },
	{ ROSTER_ADDRESS, { "户籍地址", "户籍地", "家庭住址", "家庭地址", "住址",
	    "现住址", "地址", "address", "homeaddress", NULL } },
	{ ROSTER_NOTE, { "备注", "备注说明", "备注信息", "说明", "remark", "remarks", "note",
	    "notes", "comment", "comments", NULL } },
	{ ROSTER_LINE, { "行号", "line", NULL } },
	{ ROSTER_REASON, { "原因", "reason", NULL } },
};

static const char *const required_titles[] = {
	[ROSTER_NAME] = "姓名 (name)",
	[ROSTER_IDNUM] = "身份证号 (ID number)",
	[ROSTER_PHONE] = "联系电话 (phone)",
};

/* A title as compared: full-width folded, without spaces, '_', '-', '*',
 * ':' or a bracketed remark, ASCII lower-cased. */
static void
title_key(const char *title, char *out, size_t outsz)
{
	char *f = utf8_fold_fullwidth(title ? title : "");
	size_t o = 0;
	int depth = 0;

	if (f == NULL)
		fatal("out of memory");
	for (const char *p = f; *p != '\0' && o + 1 < outsz; p++) {
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (depth == 0 && !strchr(" \t\r\n_-*:", *p))
			out[o++] = (char)tolower((unsigned char)*p);
	}
	out[o] = '\0';
	free(f);
}

static int
title_field(const char *title)
{
	char key[256];

	title_key(title, key, sizeof key);
	if (key[0] == '\0')
		return -1;
	for (size_t i = 0; i < sizeof known_titles / sizeof known_titles[0]; i++)
		for (size_t j = 0; known_titles[i].titles[j] != NULL; j++)
			if (strcmp(key, known_titles[i].titles[j]) == 0)
				return (int)known_titles[i].field;
	return -1;
}

void
roster_map_init(struct roster_map *m)
{
	memset(m, 0, sizeof *m);
	for (int i = 0; i < ROSTER_NFIELDS; i++)
		m->col[i] = -1;
}

void
roster_map_free(struct roster_map *m)
{
	for (size_t i = 0; i < m->ncols; i++)
		free(m->titles[i]);
	free(m->titles);
	roster_map_init(m);
}

int
roster_map_header(struct roster_map *m, char *const *cells, size_t n)
{
	int fields[ROSTER_NFIELDS] = { 0 }, known = 0;

	for (size_t i = 0; i < n; i++) {
		int f = title_field(cells[i]);
		if (f >= 0 && !fields[f]++)
			known++;
	}
	if (known < 2)
		return 0;
	roster_map_free(m);
	m->ncols = n;
	m->titles = xmalloc((n ? n : 1) * sizeof *m->titles);
	for (size_t i = 0; i < n; i++) {
		int f = title_field(cells[i]);
		m->titles[i] = xstrdup(cells[i]);
		if (f == ROSTER_PHONE && m->nphone_cols < ROSTER_MAX_PHONE_COLS) {
			m->phone_cols[m->nphone_cols++] = (int)i;
			if (m->col[f] < 0)
				m->col[f] = (int)i;
		} else if (f >= 0 && m->col[f] < 0) {
			m->col[f] = (int)i;
		} else if (cells[i][0] != '\0') {
			size_t len = strlen(m->ignored);
			snprintf(m->ignored + len, sizeof m->ignored - len, "%s%s",
			    len ? ", " : "", cells[i]);
		}
	}
	return 1;
}

const char *
roster_map_missing(const struct roster_map *m)
{
	for (int f = ROSTER_NAME; f <= ROSTER_PHONE; f++)
		if (m->col[f] < 0)
			return required_titles[f];
	return NULL;
}

int
roster_row_blank(char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (const char *p = cells[i]; *p != '\0'; p++)
			if (!isspace((unsigned char)*p))
				return 0;
	return 1;
}

/* A cell as stored: controls and line breaks removed, trimmed, runs of
 * spaces made one.  Caller frees. */
static char *
clean(const char *cell)
{
	char *s = utf8_sanitize(cell ? cell : ""), *t;
	size_t o = 0;

	if (s == NULL || (t = utf8_trim(s)) == NULL)
		fatal("out of memory");
	free(s);
	for (size_t i = 0; t[i] != '\0'; i++)
		if (t[i] != ' ' || (o > 0 && t[o - 1] != ' '))
			t[o++] = t[i];
	t[o] = '\0';
	return t;
}

static void
add_reason(struct roster_row *r, const char *fmt, ...)
{
	size_t len = strlen(r->reason);
	va_list ap;

	if (len > 0 && len + 2 < sizeof r->reason) {
		memcpy(r->reason + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(r->reason + len, sizeof r->reason - len, fmt, ap);
	va_end(ap);
	r->rejected = 1;
}

/* Copy src into dst (size bytes), cut at a character if it must be. */
static void
copy(char *dst, size_t size, const char *src)
{
	utf8_truncate(src, INT_MAX, dst, size);
}

/* A worker's source: "import:FILE:LINE" (the file's name cut at 150
 * bytes), built by hand: this runs for every row. */
static void
source(char *dst, size_t size, const char *file, long line)
{
	char digits[24], *d = digits + sizeof digits;
	size_t n = 0, len;

	*--d = '\0';
	do
		*--d = (char)('0' + (line < 0 ? 0 : line % 10));
	while ((line /= 10) > 0);
	len = file != NULL ? strnlen(file, 150) : 0;
	if (7 + len + 1 + strlen(d) >= size) {	/* cannot happen with 192 */
		dst[0] = '\0';
		return;
	}
	memcpy(dst, "import:", 7), n = 7;
	if (len > 0)
		memcpy(dst + n, file, len), n += len;
	dst[n++] = ':';
	memcpy(dst + n, d, strlen(d) + 1);
}

/* Copy a cleaned value into a fixed field; refuse the row if it is too
 * long.  what is untranslated (N_), translated only then. */
static void
store(struct roster_row *r, const char *what, const char *value, char *dst, size_t dstsz)
{
	if (strlen(value) >= dstsz) {
		add_reason(r, _("%s is too long (%zu characters)"), _(what), utf8_chars(value));
		dst[0] = '\0';
		return;
	}
	memcpy(dst, value, strlen(value) + 1);
}

int
roster_group_parse(const char *text, enum worker_group *out)
{
	char key[128];

	title_key(text, key, sizeof key);
	if (strcmp(key, "a") == 0 || strstr(key, "在鄂") != NULL || strcmp(key, "甲") == 0) {
		*out = GROUP_A;
		return 0;
	}
	if (strcmp(key, "b") == 0 || strstr(key, "湖北籍") != NULL || strcmp(key, "乙") == 0) {
		*out = GROUP_B;
		return 0;
	}
	return -1;
}

/* ---------------------------------------------------------------- places */

#define PLACE_MAX 128

/* A place name as code points with their byte offsets. */
struct place {
	const char *s;
	size_t n;
	uint32_t cp[PLACE_MAX];
	size_t off[PLACE_MAX + 1];
};

static void
place_load(struct place *p, const char *s)
{
	size_t o = 0;
	int k;

	p->s = s;
	p->n = 0;
	while (p->n < PLACE_MAX && (k = utf8_decode(s + o, &p->cp[p->n])) != 0) {
		p->off[p->n++] = o;
		o += k > 0 ? (size_t)k : 1;
	}
	p->off[p->n] = o;
}

/* Is the text ending at character i the string w (UTF-8)? */
static int
place_ends_with(const struct place *p, size_t i, const char *w)
{
	size_t len = strlen(w), end = p->off[i + 1];

	return end >= len && memcmp(p->s + end - len, w, len) == 0;
}

static void
place_copy(const struct place *p, size_t from, size_t to, char *out, size_t outsz)
{
	size_t len = p->off[to] - p->off[from];

	if (outsz == 0)
		return;
	if (len >= outsz)
		len = 0;
	memcpy(out, p->s + p->off[from], len);
	out[len] = '\0';
}

/* Ends a province, a city or a county (the levels above a township)? */
static int
is_upper_suffix(const struct place *p, size_t i)
{
	static const char *const w[] = { "省", "市", "县", "区", "州", "旗", "盟", NULL };

	for (size_t k = 0; w[k] != NULL; k++)
		if (place_ends_with(p, i, w[k]))
			return 1;
	return 0;
}

static int
is_township_suffix(const struct place *p, size_t i)
{
	return place_ends_with(p, i, "镇") || place_ends_with(p, i, "乡") ||
	    place_ends_with(p, i, "街道");
}

static int
is_village_suffix(const struct place *p, size_t i)
{
	return place_ends_with(p, i, "村") || place_ends_with(p, i, "社区") ||
	    place_ends_with(p, i, "居委会") || place_ends_with(p, i, "村委会");
}

/* The first unit at or after `from` whose suffix test passes, starting
 * after the last upper-level suffix that leaves it a name of two or more
 * characters (湖南省长沙县新市镇 -> 新市镇, not 镇).  [*start, *end). */
static int
find_unit(const struct place *p, size_t from, int (*suffix)(const struct place *, size_t),
    int skip_upper, size_t *start, size_t *end)
{
	for (size_t i = from; i < p->n; i++) {
		if (!suffix(p, i))
			continue;
		size_t s = from;
		if (skip_upper)
			for (size_t j = from; j + 2 < i; j++)
				if (is_upper_suffix(p, j))
					s = j + 1;
		if (i + 1 - s < 2)
			continue;	/* the suffix alone is no name */
		*start = s;
		*end = i + 1;
		return 1;
	}
	return 0;
}

void
roster_split_address(const char *address, char *township, size_t townsz,
    char *village, size_t villsz)
{
	struct place p;
	size_t s, e, from = 0;

	township[0] = village[0] = '\0';
	place_load(&p, address);
	if (find_unit(&p, 0, is_township_suffix, 1, &s, &e)) {
		place_copy(&p, s, e, township, townsz);
		from = e;
	}
	if (find_unit(&p, from, is_village_suffix, from == 0, &s, &e))
		place_copy(&p, s, e, village, villsz);
}

void
roster_split_place(const char *place, char *province, size_t provsz, char *city, size_t citysz)
{
	static const char *const municipalities[] = { "北京", "天津", "上海", "重庆", NULL };
	struct place p;
	size_t from = 0;

	province[0] = city[0] = '\0';
	place_load(&p, place);
	for (size_t k = 0; municipalities[k] != NULL; k++) {
		size_t len = strlen(municipalities[k]);
		if (strncmp(place, municipalities[k], len) == 0) {
			snprintf(province, provsz, "%s市", municipalities[k]);
			snprintf(city, citysz, "%s市", municipalities[k]);
			return;
		}
	}
	for (size_t i = 1; i < p.n && i < 12; i++) {
		if (place_ends_with(&p, i, "省") || place_ends_with(&p, i, "自治区") ||
		    place_ends_with(&p, i, "特别行政区")) {
			place_copy(&p, 0, i + 1, province, provsz);
			from = i + 1;
			break;
		}
	}
	for (size_t i = from + 1; i < p.n; i++) {
		if (place_ends_with(&p, i, "地区") || place_ends_with(&p, i, "市") ||
		    place_ends_with(&p, i, "州") || place_ends_with(&p, i, "盟")) {
			place_copy(&p, from, i + 1, city, citysz);
			return;
		}
		if (is_upper_suffix(&p, i))
			return;		/* a county, no city named */
	}
	if (province[0] == '\0')
		snprintf(city, citysz, "%s", place);	/* keep what it says */
}

/* ---------------------------------------------------------------- phones */

static void
add_bad_phone(struct roster_row *r, const char *typed, const char *reason)
{
	size_t len = strlen(r->bad_phones);

	snprintf(r->bad_phones + len, sizeof r->bad_phones - len, "%s'%s': %s",
	    len ? "; " : "", typed, reason);
	r->nbad++;
	/* kept as typed for the record (workers.phones_invalid) */
	len = strlen(r->w.phones_invalid);
	if (len + strlen(typed) + 4 < sizeof r->w.phones_invalid)
		snprintf(r->w.phones_invalid + len, sizeof r->w.phones_invalid - len, "%s%s",
		    len ? "、" : "", typed);
}

static void
add_phone(struct roster_row *r, const char *typed, const struct phone *ph)
{
	struct worker_phone *wp;

	for (size_t i = 0; i < r->nphones; i++)
		if (strcmp(r->phones[i].e164, ph->e164) == 0 &&
		    strcmp(r->phones[i].extension, ph->extension) == 0)
			return;		/* the same number twice */
	if (r->nphones == ROSTER_MAX_PHONES) {
		add_bad_phone(r, typed, _("too many numbers in one row"));
		return;
	}
	wp = &r->phones[r->nphones++];
	workers_phone_from(wp, typed, ph);
}

/* One number as typed; if it fails and holds spaces, maybe several. */
static void
parse_phone_part(struct roster_row *r, const char *part, const char *area_code)
{
	struct phone ph, sub[ROSTER_MAX_PHONES];
	char *copy, *tok, *save;
	size_t n = 0;
	int all = 1;

	if (phone_parse(part, area_code, &ph) == 0) {
		add_phone(r, part, &ph);
		return;
	}
	if (strchr(part, ' ') != NULL) {
		copy = xstrdup(part);
		for (tok = strtok_r(copy, " ", &save); tok != NULL && all;
		    tok = strtok_r(NULL, " ", &save)) {
			if (n == ROSTER_MAX_PHONES || phone_parse(tok, area_code, &sub[n]) != 0)
				all = 0;
			else
				n++;
		}
		if (all && n > 1) {
			n = 0;
			for (tok = strtok_r(strcpy(copy, part), " ", &save); tok != NULL;
			    tok = strtok_r(NULL, " ", &save))
				add_phone(r, tok, &sub[n++]);
			free(copy);
			return;
		}
		free(copy);
	}
	add_bad_phone(r, part, ph.reason);
}

/* Every number of a phone cell: split on / 、 , ; (full-width too) and
 * line breaks.  Returns how many non-empty parts it had. */
static int
parse_phone_cell(struct roster_row *r, const char *cell, const char *area_code)
{
	char *f = utf8_fold_fullwidth(cell), *p, *part, *save, *t;
	int parts = 0;

	if (f == NULL)
		fatal("out of memory");
	/* 、 (U+3001) and ， (folded to ,) separate numbers too */
	while ((p = strstr(f, "\xE3\x80\x81")) != NULL) {
		*p = ',';
		memmove(p + 1, p + 3, strlen(p + 3) + 1);
	}
	for (part = strtok_r(f, "/,;\r\n\t", &save); part != NULL; part = strtok_r(NULL, "/,;\r\n\t", &save)) {
		if ((t = clean(part))[0] != '\0') {
			parts++;
			parse_phone_part(r, t, area_code);
		}
		free(t);
	}
	free(f);
	return parts;
}

/* ---------------------------------------------------------------- rows */

/* The 备注 cell as the worker's note: one line (its line breaks become
 * spaces), cut to fit (note_cut says so: the import tells). */
static void
note_cell(struct roster_row *r, const char *text)
{
	char *t = clean(text);

	for (char *p = t; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	r->note_cut = strlen(t) >= sizeof r->w.note;
	copy(r->w.note, sizeof r->w.note, t);
	free(t);
}

static const char *
cell(const struct roster_map *m, enum roster_field f, char *const *cells, size_t n)
{
	return m->col[f] >= 0 && (size_t)m->col[f] < n ? cells[m->col[f]] : "";
}

int
roster_row_parse(const struct roster_map *m, const struct roster_opts *o,
    char *const *cells, size_t n, long line, struct roster_row *r)
{
	struct worker *w = &r->w;
	struct idnum id;
	char err[256], town[96], vill[96];
	char *name, *group, *address, *workplace, *employer, *township, *village;

	memset(r, 0, sizeof *r);
	r->line = line;
	name = clean(cell(m, ROSTER_NAME, cells, n));
	group = clean(cell(m, ROSTER_GROUP, cells, n));
	address = clean(cell(m, ROSTER_ADDRESS, cells, n));
	workplace = clean(cell(m, ROSTER_WORKPLACE, cells, n));
	employer = clean(cell(m, ROSTER_EMPLOYER, cells, n));
	township = clean(cell(m, ROSTER_TOWNSHIP, cells, n));
	village = clean(cell(m, ROSTER_VILLAGE, cells, n));

	if (name[0] == '\0')
		add_reason(r, "%s", _("no name (姓名)"));
	store(r, N_("the name"), name, w->name, sizeof w->name);
	if (idnum_parse(cell(m, ROSTER_IDNUM, cells, n), o->today, &id, err, sizeof err) != 0) {
		add_reason(r, _("ID number: %s"), err);
	} else {
		memcpy(w->id_number, id.number, sizeof w->id_number);
		w->gender = id.gender;
		copy(w->birth_date, sizeof w->birth_date, id.birth);
	}
	if (group[0] != '\0') {
		if (roster_group_parse(group, &w->group) != 0)
			add_reason(r, _("人员类别 '%s' is neither 在鄂务工 (A) nor 湖北籍在本地就业 (B)"), group);
	} else if (o->group >= 0) {
		w->group = (enum worker_group)o->group;
	} else {
		add_reason(r, "%s", _("no 人员类别: write 在鄂务工 or 湖北籍在本地就业, or import with --group"));
	}
	store(r, N_("the address"), address, w->address, sizeof w->address);
	store(r, N_("the employer"), employer, w->employer, sizeof w->employer);
	roster_split_place(workplace, w->work_province, sizeof w->work_province,
	    w->work_city, sizeof w->work_city);
	if (township[0] == '\0' || village[0] == '\0') {
		const char *from = w->group == GROUP_B && workplace[0] ? workplace : address;
		roster_split_address(from, town, sizeof town, vill, sizeof vill);
		if (w->group == GROUP_B && town[0] == '\0' && vill[0] == '\0' && workplace[0])
			roster_split_address(address, town, sizeof town, vill, sizeof vill);
		if (township[0] == '\0')
			copy(w->township, sizeof w->township, town[0] ? town : o->township ? o->township : "");
		if (village[0] == '\0')
			copy(w->village, sizeof w->village, vill);
	}
	if (township[0] != '\0')
		store(r, N_("the township"), township, w->township, sizeof w->township);
	if (village[0] != '\0')
		store(r, N_("the village"), village, w->village, sizeof w->village);
	for (size_t i = 0; i < m->nphone_cols; i++)
		if ((size_t)m->phone_cols[i] < n)
			parse_phone_cell(r, cells[m->phone_cols[i]], o->area_code);
	/* a worker identified by a valid ID number is kept without a number:
	 * the import escalates it (io/import.c) */
	r->no_phone = r->nphones == 0;
	note_cell(r, cell(m, ROSTER_NOTE, cells, n));
	source(w->source, sizeof w->source, o->source, line);
	free(name);
	free(group);
	free(address);
	free(workplace);
	free(employer);
	free(township);
	free(village);
	return r->rejected ? -1 : 0;
}

/* ---------------------------------------------------------------- merging */

size_t
roster_merge(const struct roster_row *r, const struct worker *old, enum roster_merge mode,
    struct roster_change *changes, char *conflicts, size_t conflictsz)
{
	const struct {
		const char *field, *row, *old;
	} f[] = {
		{ "name", r->w.name, old->name },
		{ "township", r->w.township, old->township },
		{ "village", r->w.village, old->village },
		{ "grp", worker_group_name(r->w.group), worker_group_name(old->group) },
		{ "work_province", r->w.work_province, old->work_province },
		{ "work_city", r->w.work_city, old->work_city },
		{ "employer", r->w.employer, old->employer },
		{ "address", r->w.address, old->address },
	};
	size_t n = 0, len;

	conflicts[0] = '\0';
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
		if (f[i].row[0] == '\0' || strcmp(f[i].row, f[i].old) == 0)
			continue;
		if (mode == ROSTER_MERGE_STORED || f[i].old[0] == '\0') {
			changes[n].field = f[i].field;
			changes[n].value = f[i].row;
			n++;
			continue;
		}
		len = strlen(conflicts);
		snprintf(conflicts + len, conflictsz - len, _("%s%s '%s' kept, not '%s'"),
		    len ? "; " : "", f[i].field, f[i].old, f[i].row);
	}
	return n;
}

/* ---------------------------------------------------------------- seen IDs */

/* An open-addressing set of ID numbers packed into 64 bits: the 17 digits
 * times 11 plus the check character (X = 10), plus one (0 = empty). */
struct roster_seen {
	uint64_t *slots;
	size_t cap, n;
};

struct roster_seen *
roster_seen_new(void)
{
	struct roster_seen *s = xcalloc(1, sizeof *s);

	s->slots = xcalloc(1024, sizeof *s->slots);
	s->cap = 1024;
	return s;
}

void
roster_seen_free(struct roster_seen *s)
{
	if (s == NULL)
		return;
	free(s->slots);
	free(s);
}

static uint64_t
pack_idnum(const char *id)
{
	uint64_t v = 0;

	for (int i = 0; i < 17; i++)
		v = v * 10 + (uint64_t)(id[i] - '0');
	return v * 11 + (uint64_t)(id[17] == 'X' ? 10 : id[17] - '0') + 1;
}

static int
seen_insert(uint64_t *slots, size_t cap, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & (cap - 1);

	while (slots[i] != 0) {
		if (slots[i] == key)
			return 1;
		i = (i + 1) & (cap - 1);
	}
	slots[i] = key;
	return 0;
}

int
roster_seen_add(struct roster_seen *s, const char *id_number)
{
	uint64_t key = pack_idnum(id_number);

	if (s->n * 2 >= s->cap) {
		size_t cap = s->cap * 2;
		uint64_t *slots = xcalloc(cap, sizeof *slots);
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i] != 0)
				seen_insert(slots, cap, s->slots[i]);
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	if (seen_insert(s->slots, s->cap, key))
		return 1;
	s->n++;
	return 0;
}
