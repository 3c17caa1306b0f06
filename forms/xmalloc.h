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
/* Once, first thing in main(): keep freed memory at the top of the heap
 * (up to 8 MiB) instead of giving it back at every free.  A write runs
 * SQLite triggers that allocate and free a few hundred KiB each time;
 * with glibc's defaults each free returned those pages and the next
 * allocation faulted them in again (import --dry-run of 20,000 rows: 2.4
 * s of system time for 1.3 s of work).  The peak (VmHWM) is unchanged. */
void xmalloc_tune(void);
/* Print "paicha: MESSAGE" to stderr and abort. */
void fatal(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

#ifdef __cplusplus
}
#endif

#endif
