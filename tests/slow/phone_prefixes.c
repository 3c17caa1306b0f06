/*
 * phone_prefixes.c -- a slow check, run by hand, not by make check: is the
 * verdict of libphonenumber on an 11-digit number starting with 1 a
 * function of its first 7 digits?  forms/phone.cc caches it by that prefix.
 *
 * For every prefix 1000000..1999999 it parses (uncached) the suffixes
 * 0000, 9999 and SAMPLES random ones and checks that they agree on valid,
 * reason, kind, foreign and region, and that a valid mobile's e164 and
 * display are the digits themselves.  Prints each prefix where they do not
 * (phone.cc must leave it uncached: with metadata 8.12 that is 11x, 12x
 * and 179x, and nothing else).  Then it checks phone_parse() (cached)
 * against phone_parse_uncached() on the same numbers: exit 1 if the cache
 * ever answers differently.
 *
 *   make tests/slow/phone_prefixes &&
 *     PAICHA_GEOCODER=$PWD/paicha-geocoder.so tests/slow/phone_prefixes [SAMPLES] [FIRST LAST]
 *
 * (run from the build tree: the geocoder is the module beside paicha,
 * forms/geocoder.h)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "forms/phone.h"

/* Do two verdicts for numbers of the same prefix agree? */
static int
same_verdict(const struct phone *a, const struct phone *b)
{
	return a->valid == b->valid && strcmp(a->reason, b->reason) == 0 &&
	    a->kind == b->kind && a->foreign == b->foreign &&
	    strcmp(a->region, b->region) == 0;
}

static int
same_phone(const struct phone *a, const struct phone *b)
{
	return memcmp(a, b, sizeof *a) == 0;
}

int
main(int argc, char **argv)
{
	int samples = argc > 1 ? atoi(argv[1]) : 2;
	long first = argc > 3 ? atol(argv[2]) : 1000000, last = argc > 3 ? atol(argv[3]) : 1999999;
	long bad = 0, varies = 0, valid = 0, uncacheable = 0;
	unsigned seed = 20200126;

	for (long p = first; p <= last; p++) {
		struct phone ref, u, c;
		char num[32];
		int nonplain = 0;

		for (int i = 0; i < samples + 2; i++) {
			int suffix = i == 0 ? 0 : i == 1 ? 9999 : (int)(rand_r(&seed) % 10000);
			snprintf(num, sizeof num, "%07ld%04d", p, suffix);
			phone_parse_uncached(num, NULL, i == 0 ? &ref : &u);
			if (i == 0) {
				if (ref.valid && !(ref.kind == PHONE_KIND_MOBILE && !ref.foreign &&
				    strcmp(ref.e164 + 3, num) == 0 && strcmp(ref.display, num) == 0))
					nonplain = 1;
			} else if (!same_verdict(&ref, &u)) {
				printf("prefix %ld: %s: valid %d kind %d region '%s' reason '%s'; "
				    "0000: valid %d kind %d region '%s' reason '%s'\n", p, num,
				    u.valid, u.kind, u.region, u.reason,
				    ref.valid, ref.kind, ref.region, ref.reason);
				varies++;
			}
			phone_parse(num, NULL, &c);
			if (!same_phone(i == 0 ? &ref : &u, &c)) {
				printf("prefix %ld: %s: the cache answers differently\n", p, num);
				bad++;
			}
		}
		valid += ref.valid;
		uncacheable += nonplain;
	}
	printf("prefixes %ld..%ld, %d numbers each: %ld valid, %ld valid but not a plain mobile, "
	    "%ld numbers whose verdict is not their prefix's, %ld answered wrongly by the cache\n",
	    first, last, samples + 2, valid, uncacheable, varies, bad);
	return bad ? 1 : 0;
}
