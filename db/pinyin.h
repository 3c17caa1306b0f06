/*
 * pinyin.h -- Mandarin readings of Chinese characters, for finding a
 * worker by the pinyin of their name the way investigators type it:
 * initials (zj), full pinyin without tones (zhangjun, zhang jun) or a mix
 * (zhangj).  Every reading of a character counts: 曾 is zeng and ceng,
 * 单 is dan, shan and chan, 解 is jie and xie.
 *
 * The readings come from Unicode's Unihan database through
 * contrib/gen-pinyin.py, which writes db/pinyin_table.c (`make pinyin`).
 * No SQL here: search.c uses it over candidate names.
 */
#ifndef PAICHA_DB_PINYIN_H
#define PAICHA_DB_PINYIN_H

#include <stddef.h>
#include <stdint.h>

/* The toneless ASCII readings of cp ("zeng", "ceng"), at most max of them,
 * into out (static strings); returns how many cp has (0 if none). */
size_t pinyin_readings(uint32_t cp, const char **out, size_t max);

/*
 * Does query spell the beginning of name in pinyin?  Each character of
 * name, from the first, is matched by any non-empty beginning of any of
 * its readings (so by its initial, its full reading or anything between);
 * the whole query must be used.  Spaces and apostrophes in the query are
 * ignored, ASCII letters in either are compared case-blind, ü may be typed
 * v or u, and ASCII letters in a name stand for themselves.  Returns 1 or 0.
 */
int pinyin_match(const char *name, const char *query);

/* Does the first character of name's pinyin begin like query?  A cheap
 * filter (a single character) before pinyin_match(). */
int pinyin_match_first(uint32_t cp, const char *query);

/* The generated table (db/pinyin_table.c); only pinyin.c reads it. */
struct pinyin_run {
	uint32_t first;		/* first code point of the run */
	uint32_t count;		/* code points in the run */
	uint32_t base;		/* index of the first one's cell */
};
extern const char pinyin_syllables[][8];
extern const uint16_t pinyin_sets[];	/* count, then syllable indices */
extern const uint16_t pinyin_cells[];	/* per code point: offset in sets */
extern const struct pinyin_run pinyin_runs[];
extern const size_t pinyin_nsyllables;
extern const size_t pinyin_nruns;

#endif
