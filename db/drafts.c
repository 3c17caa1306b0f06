/* drafts.c -- call forms being filled, saved as escaped key=value lines. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "db/dbi.h"
#include "db/drafts.h"
#include "db/roles.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "forms/xmalloc.h"

/* Grow-only string buffer; aborts when memory runs out (fatal, as xmalloc). */
struct buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

char *
drafts_encode(const struct answers *a)
{
	struct buf b = { NULL, 0, 0 };

	buf_add(&b, "", 0);
	for (size_t i = 0; i < answers_count(a); i++) {
		const char *k = answers_key_at(a, i), *v = answers_value_at(a, i);

		if (*k == '\0' || strpbrk(k, "=\n\r\\") != NULL) {
			free(b.s);
			return NULL;
		}
		buf_add(&b, k, strlen(k));
		buf_add(&b, "=", 1);
		for (; *v != '\0'; v++) {
			switch (*v) {
			case '\\': buf_add(&b, "\\\\", 2); break;
			case '\n': buf_add(&b, "\\n", 2); break;
			case '\r': buf_add(&b, "\\r", 2); break;
			default: buf_add(&b, v, 1); break;
			}
		}
		buf_add(&b, "\n", 1);
	}
	return b.s;
}

/* Undo the escapes of one value in place; -1 on a bad escape. */
static int
unescape(char *v)
{
	char *w = v;

	for (; *v != '\0'; v++) {
		if (*v != '\\') {
			*w++ = *v;
			continue;
		}
		switch (*++v) {
		case '\\': *w++ = '\\'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		default: return -1;
		}
	}
	*w = '\0';
	return 0;
}

struct answers *
drafts_decode(const char *text)
{
	struct answers *a = answers_new();
	char *copy = xstrdup(text), *line, *next, *eq;

	for (line = copy; *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		if (*line == '\0')
			continue;
		if ((eq = strchr(line, '=')) == NULL || eq == line)
			goto bad;
		*eq = '\0';
		if (unescape(eq + 1) != 0)
			goto bad;
		answers_set(a, line, eq + 1);
	}
	free(copy);
	return a;
bad:
	free(copy);
	answers_free(a);
	return NULL;
}

int
drafts_save(struct db *db, long long worker_id, long long user_id, const struct answers *a)
{
	static const char sql[] =
	    "INSERT INTO drafts(worker_id, user_id, saved_at, answers) VALUES(?1, ?2, ?3, ?4)\n"
	    "ON CONFLICT(worker_id, user_id) DO UPDATE SET saved_at = excluded.saved_at,\n"
	    "  answers = excluded.answers";
	sqlite3_stmt *st;
	char *text = drafts_encode(a);
	int rc;

	if (text == NULL)
		return db_refuse(db, DB_INVALID, FAULT_DRAFT_KEY, 0, 0, NULL, NULL);
	if ((rc = db_begin_write(db)) != 0)
		goto out;
	if ((rc = roles_check_case(db, user_id, worker_id, ROLE_ACT_DRAFT)) != 0) {
		db_rollback(db);
		goto out;
	}
	if ((st = db_stmt(db, sql)) == NULL) {
		rc = DB_ERROR;
		db_rollback(db);
		goto out;
	}
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)clock_now());
	db_bind_text(st, 4, text);
	if ((rc = db_step_done(db, st)) != 0) {
		db_rollback(db);
		goto out;
	}
	rc = db_commit(db);
out:
	free(text);
	return rc;
}

int
drafts_load(struct db *db, long long worker_id, long long user_id, struct answers **out)
{
	static const char sql[] =
	    "SELECT answers FROM drafts WHERE worker_id = ?1 AND user_id = ?2";
	sqlite3_stmt *st = db_stmt(db, sql);
	int rc;

	*out = NULL;
	if (st == NULL)
		return DB_ERROR;
	sqlite3_bind_int64(st, 1, worker_id);
	sqlite3_bind_int64(st, 2, user_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return db_refuse(db, DB_NOTFOUND, FAULT_NO_DRAFT, worker_id, 0, NULL, NULL);
	}
	if (rc != SQLITE_ROW) {
		db_fail(db, sql);
		sqlite3_reset(st);
		return DB_ERROR;
	}
	*out = drafts_decode((const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (*out == NULL)
		return db_refuse(db, DB_INVALID, FAULT_DRAFT_DAMAGED, worker_id, 0, NULL, NULL);
	return 0;
}

int
drafts_delete(struct db *db, long long worker_id, long long user_id)
{
	static const char sql[] = "DELETE FROM drafts WHERE worker_id = ?1 AND user_id = ?2";

	return db_write_ids(db, sql, 2, worker_id, user_id);
}
