/*
 * search.c -- finding workers by name, pinyin, phone or ID number; see
 * search.h for what matches and why it is fast.
 *
 * Each kind of match yields worker numbers (and for phones the number
 * that matched) into one list, without duplicates, in the order of
 * search.h; the details of the hits kept are read at the end, one indexed
 * lookup each.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/pinyin.h"
#include "db/search.h"
#include "forms/i18n.h"
#include "forms/utf8.h"
#include "forms/xmalloc.h"

enum { SEARCH_DEFAULT_LIMIT = 100, SEARCH_MIN_DIGITS = 4 };

struct found {
	long long id;
	enum search_match matched;
	char phone[32];
};

struct found_list {
	struct found *v;
	size_t n, cap, limit;
};

static int
cmp_found(const void *a, const void *b)
{
	long long x = ((const struct found *)a)->id, y = ((const struct found *)b)->id;

	return (x > y) - (x < y);
}

/* Add a worker unless listed already; 1 once the list is full. */
static int
found_add(struct found_list *l, long long id, enum search_match m, const char *phone)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return l->n >= l->limit;
	if (l->n >= l->limit)
		return 1;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].id = id;
	l->v[l->n].matched = m;
	snprintf(l->v[l->n].phone, sizeof l->v[l->n].phone, "%s", phone != NULL ? phone : "");
	l->n++;
	return l->n >= l->limit;
}

/* Step st, adding column 0 (worker) and optional column 1 (phone) as m. */
static int
found_from_stmt(struct db *db, sqlite3_stmt *st, enum search_match m, int has_phone,
    struct found_list *l)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (found_add(l, sqlite3_column_int64(st, 0), m,
		    has_phone ? (const char *)sqlite3_column_text(st, 1) : NULL))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_fail(db, sqlite3_sql(st));
		sqlite3_reset(st);
		return DB_ERROR;
	}
	sqlite3_reset(st);
	return 0;
}

/* The ID number typed in full (18) or its end (4..17): digits, last x/X. */
static int
search_idnum(struct db *db, const char *t, struct found_list *l)
{
	static const char whole_sql[] = "SELECT id FROM workers WHERE id_number = ?1";
	static const char tail_sql[] =
	    "SELECT id FROM workers WHERE substr(id_number, 15) = ?1\n"
	    "  AND substr(id_number, 19 - ?2) = ?3 ORDER BY id";
	char id[19];
	size_t n = 0;
	sqlite3_stmt *st;

	for (const char *p = t; *p != '\0'; p++) {
		if (*p == ' ')
			continue;
		if (n == 18 || !((*p >= '0' && *p <= '9') || ((*p == 'x' || *p == 'X') && p[1] == '\0')))
			return 0;
		id[n++] = *p == 'x' ? 'X' : *p;
	}
	id[n] = '\0';
	if (n < SEARCH_MIN_DIGITS)
		return 0;
	if (n == 18) {
		if ((st = db_stmt(db, whole_sql)) == NULL)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	} else {
		if ((st = db_stmt(db, tail_sql)) == NULL)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, id + n - 4, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, (int)n);
		sqlite3_bind_text(st, 3, id, -1, SQLITE_TRANSIENT);
	}
	return found_from_stmt(db, st, SEARCH_IDNUM, 0, l);
}

/* A phone number in any typed form: its digits inside a stored number's. */
static int
search_phone(struct db *db, const char *t, struct found_list *l)
{
	static const char exact_sql[] =
	    "SELECT worker_id, display FROM phones WHERE e164 = ?1 AND removed_at IS NULL\n"
	    "ORDER BY worker_id, rank";
	/* The display form's digits are the E.164 ones, or for a Chinese
	 * fixed line '0' and the national number: digits typed with the
	 * leading 0 match the start of the national number (?2, a GLOB).
	 * The scan reads the covering index phones_search (migration 2). */
	static const char scan_sql[] =
	    "SELECT worker_id, display FROM phones WHERE removed_at IS NULL\n"
	    "  AND (instr(e164, ?1) > 0 OR e164 GLOB ?2)";
	char digits[40], e164[48], glob[48];
	size_t n = 0, before = l->n;
	sqlite3_stmt *st;
	int rc;

	for (const char *p = t; *p != '\0'; p++) {
		if (*p >= '0' && *p <= '9') {
			if (n + 1 >= sizeof digits)
				return 0;
			digits[n++] = *p;
		} else if (!strchr(" -()+./", *p))
			return 0;	/* letters, Chinese: not a phone number */
	}
	digits[n] = '\0';
	if (n < SEARCH_MIN_DIGITS)
		return 0;
	/* A whole number: one index lookup instead of a scan. */
	e164[0] = '\0';
	if (n == 11 && digits[0] == '1')
		snprintf(e164, sizeof e164, "+86%s", digits);
	else if (n >= 10 && n <= 12 && digits[0] == '0' && digits[1] != '0')
		snprintf(e164, sizeof e164, "+86%s", digits + 1);
	else if (n >= 12 && strncmp(digits, "86", 2) == 0)
		snprintf(e164, sizeof e164, "+%s", digits);
	else if (n >= 9 && strncmp(digits, "00", 2) == 0)	/* 0086..., 00852... */
		snprintf(e164, sizeof e164, "+%s", digits + 2);
	if (e164[0] != '\0') {
		if ((st = db_stmt(db, exact_sql)) == NULL)
			return DB_ERROR;
		sqlite3_bind_text(st, 1, e164, -1, SQLITE_TRANSIENT);
		if ((rc = found_from_stmt(db, st, SEARCH_PHONE, 1, l)) != 0 || l->n > before)
			return rc;
	}
	if ((st = db_stmt(db, scan_sql)) == NULL)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, digits, -1, SQLITE_TRANSIENT);
	if (digits[0] == '0') {
		snprintf(glob, sizeof glob, "+86%s*", digits + 1);
		sqlite3_bind_text(st, 2, glob, -1, SQLITE_TRANSIENT);
	}
	if ((rc = found_from_stmt(db, st, SEARCH_PHONE, 1, l)) != 0)
		return rc;
	/* The index gives them in number order; list them by worker.  (No
	 * qsort of an empty list: l->v may still be NULL.) */
	if (l->n > before)
		qsort(l->v + before, l->n - before, sizeof *l->v, cmp_found);
	return 0;
}

/* Part of the name, anywhere in it. */
static int
search_name(struct db *db, const char *t, struct found_list *l)
{
	static const char sql[] =
	    "SELECT id FROM workers WHERE instr(name, ?1) > 0 ORDER BY id LIMIT ?2";
	sqlite3_stmt *st = db_stmt(db, sql);

	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_text(st, 1, t, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)l->limit);
	return found_from_stmt(db, st, SEARCH_NAME, 0, l);
}

static int
cmp_id(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Names whose pinyin begins like t: skip through the distinct first
 * characters on the name index, read the names under the ones that can
 * begin t, match them in C. */
static int
search_pinyin(struct db *db, const char *t, struct found_list *l)
{
	static const char next_sql[] =
	    "SELECT name FROM workers WHERE name >= ?1 ORDER BY name LIMIT 1";
	static const char range_sql[] =
	    "SELECT id, name FROM workers WHERE name >= ?1 AND name < ?2";
	char *from = calloc(1, 5), to[5];
	long long *ids = NULL;
	size_t nids = 0, cap = 0;
	sqlite3_stmt *st;
	int rc = 0;

	for (;;) {
		uint32_t cp;
		int len;

		if ((st = db_stmt(db, next_sql)) == NULL)
			goto fail;
		sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			break;
		}
		if (rc != SQLITE_ROW) {
			db_fail(db, next_sql);
			sqlite3_reset(st);
			goto fail;
		}
		cp = 0;
		len = utf8_decode((const char *)sqlite3_column_text(st, 0), &cp);
		if (len < 0) {		/* not UTF-8: go on just after this name */
			const char *name = (const char *)sqlite3_column_text(st, 0);
			size_t nl = strlen(name);
			char *k = xmalloc(nl + 2);
			memcpy(k, name, nl);
			memcpy(k + nl, "\001", 2);
			sqlite3_reset(st);
			free(from);
			from = k;
			continue;
		}
		sqlite3_reset(st);
		if (cp >= 0x10FFFF)
			break;
		free(from);
		from = xmalloc(5);
		from[utf8_encode(cp, from)] = '\0';
		to[utf8_encode(cp + 1, to)] = '\0';
		if (len > 0 && pinyin_match_first(cp, t)) {
			if ((st = db_stmt(db, range_sql)) == NULL)
				goto fail;
			sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				if (!pinyin_match((const char *)sqlite3_column_text(st, 1), t))
					continue;
				if (nids == cap) {
					cap = cap ? cap * 2 : 256;
					ids = xrealloc(ids, cap * sizeof *ids);
				}
				ids[nids++] = sqlite3_column_int64(st, 0);
			}
			if (rc != SQLITE_DONE) {
				db_fail(db, range_sql);
				sqlite3_reset(st);
				goto fail;
			}
			sqlite3_reset(st);
		}
		memcpy(from, to, sizeof to);
	}
	if (nids > 0)
		qsort(ids, nids, sizeof *ids, cmp_id);
	for (size_t i = 0; i < nids; i++)
		if (found_add(l, ids[i], SEARCH_PINYIN, NULL))
			break;
	free(ids);
	free(from);
	return 0;
fail:
	free(ids);
	free(from);
	return DB_ERROR;
}

/* Only letters (pinyin), spaces and apostrophes, at least one letter? */
static int
looks_like_pinyin(const char *t)
{
	int letters = 0;

	for (; *t != '\0'; t++) {
		unsigned char c = (unsigned char)*t;
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			letters++;
		else if (c == 0xC3 && ((unsigned char)t[1] == 0xBC || (unsigned char)t[1] == 0x9C))
			t++, letters++;		/* ü Ü */
		else if (c != ' ' && c != '\'')
			return 0;
	}
	return letters > 0;
}

static int
has_non_ascii(const char *t)
{
	for (; *t != '\0'; t++)
		if ((unsigned char)*t >= 0x80)
			return 1;
	return 0;
}

/* Read the details of each hit kept. */
static int
search_details(struct db *db, const struct found_list *l, struct search_hit *out)
{
	static const char sql[] =
	    "SELECT w.name, w.village, w.id_number,\n"
	    "  (SELECT p.display FROM phones p WHERE p.worker_id = w.id AND p.removed_at IS NULL\n"
	    "     ORDER BY p.rank LIMIT 1)\n"
	    "FROM workers w WHERE w.id = ?1";

	for (size_t i = 0; i < l->n; i++) {
		sqlite3_stmt *st = db_stmt(db, sql);
		struct search_hit *h = &out[i];
		const unsigned char *s;

		if (st == NULL)
			return DB_ERROR;
		memset(h, 0, sizeof *h);
		h->worker_id = l->v[i].id;
		h->matched = l->v[i].matched;
		sqlite3_bind_int64(st, 1, h->worker_id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			db_fail(db, sql);
			sqlite3_reset(st);
			return DB_ERROR;
		}
		snprintf(h->name, sizeof h->name, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(h->village, sizeof h->village, "%s", (const char *)sqlite3_column_text(st, 1));
		snprintf(h->id_number, sizeof h->id_number, "%s", (const char *)sqlite3_column_text(st, 2));
		s = sqlite3_column_text(st, 3);
		snprintf(h->phone, sizeof h->phone, "%s", l->v[i].phone[0] != '\0' ? l->v[i].phone
		    : s != NULL ? (const char *)s : "");
		sqlite3_reset(st);
	}
	return 0;
}

int
search_workers(struct db *db, const char *text, size_t limit, struct search_hit **out, size_t *n)
{
	struct found_list l = { NULL, 0, 0, limit > 0 ? limit : SEARCH_DEFAULT_LIMIT };
	char *folded = utf8_fold_fullwidth(text != NULL ? text : ""), *t;
	int rc = 0;

	*out = NULL;
	*n = 0;
	t = utf8_trim(folded);
	free(folded);
	if (*t == '\0')
		goto out;
	if ((rc = search_idnum(db, t, &l)) != 0 || l.n >= l.limit)
		goto done;
	if ((rc = search_phone(db, t, &l)) != 0 || l.n >= l.limit)
		goto done;
	if (has_non_ascii(t) && (rc = search_name(db, t, &l)) != 0)
		goto done;
	if (l.n < l.limit && looks_like_pinyin(t))
		rc = search_pinyin(db, t, &l);
done:
	if (rc == 0 && l.n > 0) {
		*out = xcalloc(l.n, sizeof **out);
		if ((rc = search_details(db, &l, *out)) != 0) {
			free(*out);
			*out = NULL;
		} else
			*n = l.n;
	}
out:
	free(l.v);
	free(t);
	return rc;
}
