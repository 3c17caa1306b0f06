/*
 * xmalloc.h -- allocation that cannot fail, and fatal() (tmux's xmalloc.c
 * and log.c): running out of memory or a broken invariant ends paicha with
 * one message, never with a half-done write (SQLite rolls back an open
 * transaction when the process dies).
 */
#ifndef PAICHA_FORMS_XMALLOC_H
#define PAICHA_FORMS_XMALLOC_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

void *xmalloc(size_t);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *, size_t);
/* A copy of s; NULL is copied as "". */
char *xstrdup(const char *s);
/* Print "paicha: MESSAGE" to stderr and abort. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif
