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

struct answers_entry {
	char *key;
	char *value;
};

struct answers {
	struct answers_entry *entries;
	size_t count;
	size_t alloc;
};

/* malloc'd copy of s, NULL when out of memory. */
static char *
answers_strdup(const char *s)
{
	size_t len = strlen(s) + 1;
	char *copy = malloc(len);

	if (copy != NULL)
		memcpy(copy, s, len);
	return copy;
}

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
	return calloc(1, sizeof(struct answers));
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

	if (copy == NULL)
		return NULL;
	for (i = 0; i < a->count; i++) {
		if (answers_set(copy, a->entries[i].key,
		    a->entries[i].value) < 0) {
			answers_free(copy);
			return NULL;
		}
	}
	return copy;
}

int
answers_set(struct answers *a, const char *key, const char *value)
{
	long at = answers_find(a, key);
	char *v, *k;

	v = answers_strdup(value);
	if (v == NULL)
		return -1;
	if (at >= 0) {
		free(a->entries[at].value);
		a->entries[at].value = v;
		return 0;
	}
	if (a->count == a->alloc) {
		size_t alloc = a->alloc == 0 ? 16 : a->alloc * 2;
		struct answers_entry *e = realloc(a->entries,
		    alloc * sizeof *e);
		if (e == NULL)
			goto fail;
		a->entries = e;
		a->alloc = alloc;
	}
	k = answers_strdup(key);
	if (k == NULL)
		goto fail;
	a->entries[a->count].key = k;
	a->entries[a->count].value = v;
	a->count++;
	return 0;
fail:
	free(v);
	return -1;
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
