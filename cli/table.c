/* table.c -- plain or CSV tables for the lead commands; see table.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/table.h"
#include "forms/utf8.h"
#include "forms/xmalloc.h"

struct table {
	int ncols;
	char **cells;		/* rows * ncols, the titles first */
	size_t nrows, cap;
	int *right;
};

struct table *
table_new(int ncols, const char *const *titles, const int *right)
{
	struct table *t = xcalloc(1, sizeof *t);

	t->ncols = ncols;
	t->right = xcalloc((size_t)ncols, sizeof *t->right);
	for (int i = 0; right != NULL && i < ncols; i++)
		t->right[i] = right[i];
	table_add(t, titles);
	return t;
}

void
table_add(struct table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 32;
		t->cells = xrealloc(t->cells, t->cap * (size_t)t->ncols * sizeof *t->cells);
	}
	for (int i = 0; i < t->ncols; i++) {
		char *s = utf8_sanitize(cells[i] ? cells[i] : "");
		t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = s;
	}
	t->nrows++;
}

static void
csv_cell(const char *s, FILE *f)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
table_print(const struct table *t, int csv, FILE *f)
{
	int *w = xcalloc((size_t)t->ncols, sizeof *w);

	for (size_t r = 0; r < t->nrows; r++)
		for (int i = 0; i < t->ncols; i++) {
			int cw = utf8_width(t->cells[r * (size_t)t->ncols + (size_t)i]);
			if (cw > w[i])
				w[i] = cw;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		for (int i = 0; i < t->ncols; i++) {
			const char *s = t->cells[r * (size_t)t->ncols + (size_t)i];
			if (csv) {
				if (i > 0)
					fputc(',', f);
				csv_cell(s, f);
				continue;
			}
			int pad = w[i] - utf8_width(s);
			if (i > 0)
				fputs("  ", f);
			if (t->right[i])
				fprintf(f, "%*s%s", pad, "", s);
			else if (i < t->ncols - 1)
				fprintf(f, "%s%*s", s, pad, "");
			else
				fputs(s, f);
		}
		fputc('\n', f);
	}
	free(w);
}

void
table_flush_csv(struct table *t, FILE *f)
{
	table_print(t, 1, f);
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	t->nrows = 0;
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t);
}

const char *
table_num(char *buf, long long n)
{
	snprintf(buf, 24, "%lld", n);
	return buf;
}
