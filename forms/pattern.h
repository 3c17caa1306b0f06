/*
 * pattern.h - a field constraint: a PCRE2 regular expression that must
 * match the whole canonical value, and the message shown when it does not.
 *
 * Compiled once with PCRE2_UTF | PCRE2_UCP, anchored at both ends, JIT
 * compiled where the platform allows.  A compiled pattern is read-only, so
 * pattern_match() may be called from several threads at once.
 */
#ifndef PAICHA_FORMS_PATTERN_H
#define PAICHA_FORMS_PATTERN_H

#include <stddef.h>

struct pattern;

/* Compile regex; message (may be NULL) is kept for pattern_message().
 * Returns NULL with err set if the regex does not compile. */
struct pattern *pattern_new(const char *regex, const char *message,
    char *err, size_t errlen);

/* 1 if the whole of subject matches, 0 if not (also for invalid UTF-8 or
 * when the match limit is hit). */
int pattern_match(const struct pattern *p, const char *subject);

/* The message given to pattern_new(), or "" if none. */
const char *pattern_message(const struct pattern *p);

/* Free p; NULL is allowed. */
void pattern_free(struct pattern *p);

#endif
