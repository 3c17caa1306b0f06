/*
 * answers.c - an ordered key -> value string map, linear search: a call
 * form has a dozen answers.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "xmalloc.h"

struct answers_entry {
	char *key;
	char *value;
};

struct answers {
	struct answers_entry *entries;
	size_t count;
	size_t alloc;
};

/* Index of key, or -1. */
static long
answers_find(const struct answers *a, const char *key)
{
	size_t i;

	for (i = 0; i < a->count; i++)
		if (strcmp(a->entries[i].key, key) == 0)
			return (long)i;
	return -1;
}

struct answers *
answers_new(void)
{
	return xcalloc(1, sizeof(struct answers));
}

void
answers_clear(struct answers *a)
{
	size_t i;

	for (i = 0; i < a->count; i++) {
		free(a->entries[i].key);
		free(a->entries[i].value);
	}
	a->count = 0;
}

void
answers_free(struct answers *a)
{
	if (a == NULL)
		return;
	answers_clear(a);
	free(a->entries);
	free(a);
}

struct answers *
answers_copy(const struct answers *a)
{
	struct answers *copy = answers_new();
	size_t i;

	for (i = 0; i < a->count; i++)
		answers_set(copy, a->entries[i].key, a->entries[i].value);
	return copy;
}

int
answers_set(struct answers *a, const char *key, const char *value)
{
	long at = answers_find(a, key);
	char *v = xstrdup(value);

	if (at >= 0) {
		free(a->entries[at].value);
		a->entries[at].value = v;
		return 0;
	}
	if (a->count == a->alloc) {
		size_t alloc = a->alloc == 0 ? 16 : a->alloc * 2;
		a->entries = xrealloc(a->entries, alloc * sizeof *a->entries);
		a->alloc = alloc;
	}
	a->entries[a->count].key = xstrdup(key);
	a->entries[a->count].value = v;
	a->count++;
	return 0;
}

const char *
answers_get(const struct answers *a, const char *key)
{
	long at = answers_find(a, key);

	return at >= 0 ? a->entries[at].value : NULL;
}

int
answers_remove(struct answers *a, const char *key)
{
	long at = answers_find(a, key);

	if (at < 0)
		return 0;
	free(a->entries[at].key);
	free(a->entries[at].value);
	memmove(&a->entries[at], &a->entries[at + 1],
	    (a->count - (size_t)at - 1) * sizeof a->entries[0]);
	a->count--;
	return 1;
}

size_t
answers_count(const struct answers *a)
{
	return a->count;
}

const char *
answers_key_at(const struct answers *a, size_t i)
{
	return i < a->count ? a->entries[i].key : NULL;
}

const char *
answers_value_at(const struct answers *a, size_t i)
{
	return i < a->count ? a->entries[i].value : NULL;
}
