/*
 * search.h -- finding a worker from whatever the investigator types: part
 * of the name (军), the pinyin of the name (zj, zhangjun, zhang jun,
 * zhangj; every reading of a character counts, see pinyin.h), part of a
 * phone number in any form (１３５７４８９５６５, (0731)84900135, 4895655:
 * at least 4 digits, matched inside the stored numbers' digits), or the ID
 * number, whole or its last 4 or more characters (x or X).
 *
 * How it stays fast on a million workers without a stored search key:
 *  - pinyin matches the name from its first character, so only names whose
 *    first character can begin the query are read: the distinct first
 *    characters are found by skipping through the workers_name index (one
 *    seek each, a few thousand at most), and the names under each matching
 *    one are read as an index range and checked in C;
 *  - an ID number suffix uses the index on its last four characters
 *    (migration 2); a whole phone number is looked up by E.164; only a
 *    partial phone number and a name fragment scan, as a substring can be
 *    anywhere: the phones through a covering index (migration 2), the
 *    names through the workers table.
 */
#ifndef PAICHA_DB_SEARCH_H
#define PAICHA_DB_SEARCH_H

#include <stddef.h>

#include "forms/facts.h"

struct db;

struct search_hit {
	long long worker_id;
	char name[96];
	char village[96];
	char phone[32];		/* the number that matched, else the primary (display form) */
	char id_number[19];
	enum search_match matched;
};

/* The workers text finds, best kind of match first (ID number, phone,
 * name, pinyin), then by worker number; at most limit (0 = 100).  Text
 * that can match nothing (empty, 1-3 digits) finds nothing.  Caller frees
 * *out. */
int search_workers(struct db *, const char *text, size_t limit,
    struct search_hit **out, size_t *n);

#endif
