/*
 * answers.h - the answers to a form: a small ordered map from question key
 * to value, both strings, copied in.  Keys keep the order in which they
 * were first set.  Values are canonical once form_validate() has run:
 * dates "YYYY-MM-DD", temperature "37.8", choice = choice key, multi =
 * choice keys joined by ',' in definition order ("" = asked, none), yesno
 * "yes"/"no", phone E.164.
 */
#ifndef PAICHA_FORMS_ANSWERS_H
#define PAICHA_FORMS_ANSWERS_H

#include <stddef.h>

struct answers;

/* An empty map (allocation failure ends paicha: forms/xmalloc.h). */
struct answers *answers_new(void);

/* Free a; NULL is allowed. */
void answers_free(struct answers *a);

/* A copy of a. */
struct answers *answers_copy(const struct answers *a);

/* Remove every answer. */
void answers_clear(struct answers *a);

/* Set key to value (replacing in place, or appending); always 0. */
int answers_set(struct answers *a, const char *key, const char *value);

/* The value for key, or NULL when there is none. */
const char *answers_get(const struct answers *a, const char *key);

/* Remove key; 1 if it was there, 0 if not. */
int answers_remove(struct answers *a, const char *key);

/* Number of answers, and the i-th key and value (i < count). */
size_t answers_count(const struct answers *a);
const char *answers_key_at(const struct answers *a, size_t i);
const char *answers_value_at(const struct answers *a, size_t i);

#endif
