/*
 * utf8.h - UTF-8 text helpers that do not depend on the locale.
 *
 * Everything here works the same in the C locale as in zh_CN.UTF-8: widths
 * come from our own East Asian Wide/Fullwidth table, not from wcwidth().
 * Functions returning char * return a malloc'd string the caller frees
 * (allocation failure ends paicha: forms/xmalloc.h).
 */
#ifndef PAICHA_FORMS_UTF8_H
#define PAICHA_FORMS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if s is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int utf8_valid(const char *s);

/* Number of code points in s; each invalid byte counts as one. */
size_t utf8_chars(const char *s);

/* Terminal columns of s: CJK and full-width 2, combining and controls 0,
 * each invalid byte 1 (it will be drawn as U+FFFD). */
int utf8_width(const char *s);

/* Columns taken by one code point (0, 1 or 2): the one width function
 * that every layout and drawing uses. */
int utf8_cp_width(uint32_t cp);

/* East Asian Ambiguous characters (…, °, ─, ×, Greek, Cyrillic ...) take
 * one column, or two where the terminal's font draws them wide (a common
 * choice with Chinese fonts): utf8_set_ambiguous_width(2).  The default
 * is 1; paicha sets it from ambiguous_width in the config or
 * $PAICHA_AMBIGUOUS_WIDTH. */
void utf8_set_ambiguous_width(int cols);
int utf8_ambiguous_width(void);
/* 1 if cp is East Asian Ambiguous. */
int utf8_is_ambiguous(uint32_t cp);
/* The mark that ends cut text: "…" (U+2026), or "~" when ambiguous
 * characters are two columns wide. */
const char *utf8_ellipsis(void);

/* Decode one code point at s; returns its length in bytes, or 0 at the end
 * of the string, or -1 for an invalid byte (*cp is then U+FFFD and the
 * caller should skip one byte). */
int utf8_decode(const char *s, uint32_t *cp);

/* Write cp to out as UTF-8 (no terminating NUL); returns the number of
 * bytes written (1..4).  Surrogates are encoded like any other value, which
 * keeps byte order equal to code point order. */
size_t utf8_encode(uint32_t cp, char *out);

/* Copy of s with full-width ASCII (U+FF01..U+FF5E) folded to ASCII, the
 * ideographic space to a space and the dashes people type for '-' (U+2012,
 * U+2013, U+2014, U+2015, U+2212, U+FF0D) to '-'.  Invalid bytes are kept. */
char *utf8_fold_fullwidth(const char *s);

/* Copy of s safe to draw: invalid bytes become U+FFFD; C0 and C1 controls
 * (TAB, CR, LF and ESC included), DEL, and bidi/format characters
 * (U+061C, U+200B..U+200F, U+2028..U+202E, U+2060..U+2069, U+FEFF) are
 * removed. */
char *utf8_sanitize(const char *s);

/* Copy s into out (outsz bytes, always terminated if outsz > 0), cut at a
 * character boundary so that it takes at most maxcols columns and fits in
 * outsz; when cut, utf8_ellipsis() (one column) ends it.  Returns the length in
 * bytes of out.  s should have been sanitized. */
size_t utf8_truncate(const char *s, int maxcols, char *out, size_t outsz);

/*
 * s fitted to exactly |cols| terminal columns, like printf's "%*s" but
 * measured in columns: cut with utf8_truncate when too wide, padded with
 * spaces when narrower; cols < 0 pads on the right (left-aligned, as
 * "%-*s"), cols > 0 on the left.  Returns out.
 */
char *utf8_fit(const char *s, int cols, char *out, size_t outsz);

/* Copy of s without leading and trailing ASCII white space and U+3000. */
char *utf8_trim(const char *s);

#ifdef __cplusplus
}
#endif

#endif
