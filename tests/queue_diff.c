/* queue_diff.c -- compare every active user's queue, page by page, with
 * the reference statement of tests/queue_ref.h.
 *
 *   queue_diff DB "YYYY-MM-DD HH:MM" ...
 *
 * For each time given (China Standard Time) and each active user, the
 * whole queue by the reference statement must equal the concatenation of
 * queue_page() pages of 1, 7 and 22 rows and queue_for() with and without
 * a limit, row for row (worker, reason, due time, kind, flags, names...),
 * and queue_count() its length.
 * Prints one line per time and user ("TIME LOGIN ROWS ok") and the first
 * difference of each failing user; exits 1 if any differs.  For
 * tests/cli/queue-diff.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db/db.h"
#include "db/dbi.h"
#include "db/queue.h"
#include "forms/clock.h"
#include "tests/queue_ref.h"

static int
same(const struct queue_row *a, const struct queue_row *b)
{
	struct queue_row x = *a, y = *b;

	memset(&x.key, 0, sizeof x.key);
	memset(&y.key, 0, sizeof y.key);
	return memcmp(&x, &y, sizeof x) == 0;
}

static void
show(const char *what, size_t i, const struct queue_row *r)
{
	if (r == NULL) {
		printf("  %s[%zu]: (none)\n", what, i);
		return;
	}
	printf("  %s[%zu]: worker %lld reason %d due %lld kind %d retry %d flags %s"
	    " contact %d calls %d claimed %lld\n", what, i, r->worker_id, (int)r->why.reason,
	    (long long)r->why.due_at, (int)r->why.kind, r->why.retry, r->flags,
	    (int)r->why.contact, r->calls, r->claimed_by);
}

/* 0 if rows[0..n) equal want[0..nwant) */
static int
compare(const char *label, const struct queue_row *want, size_t nwant,
    const struct queue_row *got, size_t n)
{
	for (size_t i = 0; i < nwant || i < n; i++) {
		if (i < nwant && i < n && same(&want[i], &got[i]))
			continue;
		printf("  %s differs at row %zu (reference %zu rows, got %zu)\n", label, i, nwant, n);
		show("reference", i, i < nwant ? &want[i] : NULL);
		show("got", i, i < n ? &got[i] : NULL);
		return 1;
	}
	return 0;
}

/* The whole queue as pages of `page` rows, each after the last row's key. */
static int
paged(struct db *db, long long user, time_t now, size_t page, struct queue_row **out, size_t *n)
{
	struct queue_row *all = NULL, *rows;
	size_t nall = 0, nrows;
	struct queue_key after;

	for (;;) {
		if (queue_page(db, user, now, nall ? &after : NULL, page, &rows, &nrows) != 0) {
			free(all);
			return -1;
		}
		if (nrows > page) {
			printf("  a page of %zu holds %zu rows\n", page, nrows);
			free(all);
			free(rows);
			return -1;
		}
		all = realloc(all, (nall + nrows + 1) * sizeof *all);
		if (nrows > 0)	/* an empty page may come as NULL */
			memcpy(all + nall, rows, nrows * sizeof *rows);
		nall += nrows;
		free(rows);
		if (nrows < page)
			break;
		after = all[nall - 1].key;
	}
	*out = all;
	*n = nall;
	return 0;
}

int
main(int argc, char **argv)
{
	static const size_t pages[] = { 1, 7, 22 };
	struct db *db;
	char err[512];
	int bad = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: queue_diff DB TIME...\n");
		return 2;
	}
	if (db_open(argv[1], DB_OPEN_READONLY, &db, err, sizeof err) != 0) {
		fprintf(stderr, "queue_diff: %s\n", err);
		return 2;
	}
	for (int a = 2; a < argc; a++) {
		time_t now = clock_parse(argv[a]);
		sqlite3_stmt *st = db_stmt(db, "SELECT id, login FROM users WHERE active = 1 ORDER BY id");
		long long ids[256];
		char logins[256][64];
		size_t nusers = 0;

		if (now == (time_t)-1 || st == NULL) {
			fprintf(stderr, "queue_diff: bad time %s or %s\n", argv[a], db_error(db));
			return 2;
		}
		while (sqlite3_step(st) == SQLITE_ROW && nusers < 256) {
			ids[nusers] = sqlite3_column_int64(st, 0);
			snprintf(logins[nusers++], 64, "%s", (const char *)sqlite3_column_text(st, 1));
		}
		sqlite3_reset(st);
		for (size_t u = 0; u < nusers; u++) {
			struct queue_row *want, *got;
			size_t nwant, n;
			int ubad = 0;

			if (queue_rows_sql(db, queue_ref_sql, ids[u], now, NULL, 0, &want, &nwant) != 0) {
				fprintf(stderr, "queue_diff: %s\n", db_error(db));
				return 2;
			}
			for (size_t p = 0; p < sizeof pages / sizeof pages[0] && !ubad; p++) {
				char label[64];

				if (paged(db, ids[u], now, pages[p], &got, &n) != 0)
					return 2;
				snprintf(label, sizeof label, "pages of %zu", pages[p]);
				ubad |= compare(label, want, nwant, got, n);
				free(got);
			}
			if (!ubad) {
				if (queue_for(db, ids[u], now, 0, &got, &n) != 0)
					return 2;
				ubad |= compare("queue_for", want, nwant, got, n);
				free(got);
			}
			if (!ubad) {
				if (queue_for(db, ids[u], now, 22, &got, &n) != 0)
					return 2;
				ubad |= compare("queue_for limit 22", want, nwant < 22 ? nwant : 22, got, n);
				free(got);
			}
			if (!ubad) {
				long long count;

				if (queue_count(db, ids[u], &count) != 0)
					return 2;
				if (count != (long long)nwant) {
					printf("  queue_count says %lld, the reference has %zu\n", count, nwant);
					ubad = 1;
				}
			}
			printf("%s %s %zu %s\n", argv[a], logins[u], nwant, ubad ? "DIFFERS" : "ok");
			bad |= ubad;
			free(want);
		}
	}
	db_close(db);
	return bad;
}
