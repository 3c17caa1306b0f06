/*
 * pinyin.c -- readings from the generated table, and matching typed
 * pinyin against a name.
 *
 * Matching is a search over (character, query position) pairs: character
 * i may take any non-empty beginning of any of its readings that the query
 * continues with.  Names are short, but a memo of failed pairs keeps the
 * worst case polynomial all the same.
 */
#include "config.h"

#include <string.h>

#include "db/pinyin.h"
#include "forms/utf8.h"

enum {
	PINYIN_MAX_CHARS = 32,		/* characters of a name looked at */
	PINYIN_MAX_QUERY = 96,		/* letters of a query */
	PINYIN_MAX_READINGS = 16,	/* readings of one character kept */
	PINYIN_NO_SET = 0xFFFF,
};

size_t
pinyin_readings(uint32_t cp, const char **out, size_t max)
{
	size_t lo = 0, hi = pinyin_nruns, n;
	const struct pinyin_run *run = NULL;
	const uint16_t *set;
	uint16_t cell;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < pinyin_runs[mid].first)
			hi = mid;
		else if (cp >= pinyin_runs[mid].first + pinyin_runs[mid].count)
			lo = mid + 1;
		else {
			run = &pinyin_runs[mid];
			break;
		}
	}
	if (run == NULL)
		return 0;
	cell = pinyin_cells[run->base + (cp - run->first)];
	if (cell == PINYIN_NO_SET)
		return 0;
	set = &pinyin_sets[cell];
	n = set[0];
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = pinyin_syllables[set[1 + i]];
	return n;
}

/* The query as bare lower-case letters (ü as v); -1 if it holds anything
 * but letters, spaces and apostrophes, or is empty or too long. */
static int
normalize_query(const char *query, char *out, size_t outsz)
{
	size_t n = 0;
	uint32_t cp;
	int len;

	while ((len = utf8_decode(query, &cp)) != 0) {
		if (len < 0)
			return -1;
		query += len;
		if (cp == ' ' || cp == '\'' || cp == 0x3000 || cp == 0x2019)
			continue;
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		else if (cp >= 0xFF21 && cp <= 0xFF3A)		/* full-width A-Z */
			cp = cp - 0xFF21 + 'a';
		else if (cp >= 0xFF41 && cp <= 0xFF5A)		/* full-width a-z */
			cp = cp - 0xFF41 + 'a';
		else if (cp == 0xFC || cp == 0xDC)		/* ü Ü */
			cp = 'v';
		if (cp < 'a' || cp > 'z' || n + 1 >= outsz)
			return -1;
		out[n++] = (char)cp;
	}
	out[n] = '\0';
	return n > 0 ? 0 : -1;
}

struct pinyin_char {
	size_t n;
	const char *reading[PINYIN_MAX_READINGS];
	char self[2];		/* an ASCII letter stands for itself */
};

/* Can characters i.. of the name spell query from position j on? */
static int
match_from(const struct pinyin_char *c, size_t nc, size_t i, const char *q, size_t j,
    size_t qlen, unsigned char failed[PINYIN_MAX_CHARS + 1][PINYIN_MAX_QUERY + 1])
{
	if (j == qlen)
		return 1;
	if (i == nc || failed[i][j])
		return 0;
	for (size_t r = 0; r < c[i].n; r++) {
		const char *s = c[i].reading[r];
		size_t k = 0;

		while (s[k] != '\0' && j + k < qlen && s[k] == q[j + k])
			k++;
		/* Longest first: a full syllable is the likelier reading. */
		for (; k > 0; k--)
			if (match_from(c, nc, i + 1, q, j + k, qlen, failed))
				return 1;
	}
	failed[i][j] = 1;
	return 0;
}

/* Fill one character's readings; 0 readings for anything not Han or ASCII. */
static void
char_readings(uint32_t cp, struct pinyin_char *pc)
{
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 'a' && cp <= 'z') {
		pc->self[0] = (char)cp;
		pc->self[1] = '\0';
		pc->reading[0] = pc->self;
		pc->n = 1;
		return;
	}
	pc->n = pinyin_readings(cp, pc->reading, PINYIN_MAX_READINGS);
	if (pc->n > PINYIN_MAX_READINGS)
		pc->n = PINYIN_MAX_READINGS;
}

/* Separators inside names (间隔号 in minority names, spaces) are skipped. */
static int
is_name_separator(uint32_t cp)
{
	return cp == ' ' || cp == 0x00B7 || cp == 0x30FB || cp == 0x2022 ||
	    cp == 0x3000 || cp == 0xFF0E || cp == '.' || cp == '-';
}

int
pinyin_match(const char *name, const char *query)
{
	struct pinyin_char c[PINYIN_MAX_CHARS];
	unsigned char failed[PINYIN_MAX_CHARS + 1][PINYIN_MAX_QUERY + 1];
	char q[PINYIN_MAX_QUERY + 1];
	size_t nc = 0;
	uint32_t cp;
	int len;

	if (name == NULL || query == NULL || normalize_query(query, q, sizeof q) != 0)
		return 0;
	while (nc < PINYIN_MAX_CHARS && (len = utf8_decode(name, &cp)) != 0) {
		name += len < 0 ? 1 : len;
		if (len < 0 || is_name_separator(cp))
			continue;
		char_readings(cp, &c[nc]);
		nc++;
	}
	memset(failed, 0, sizeof failed);
	return match_from(c, nc, 0, q, 0, strlen(q), failed);
}

int
pinyin_match_first(uint32_t cp, const char *query)
{
	struct pinyin_char pc;
	char q[PINYIN_MAX_QUERY + 1];

	if (query == NULL || normalize_query(query, q, sizeof q) != 0)
		return 0;
	char_readings(cp, &pc);
	for (size_t r = 0; r < pc.n; r++)
		if (pc.reading[r][0] == q[0])
			return 1;
	return 0;
}
