/*
 * demo_data.h -- the tables a demo township is drawn from (names, places,
 * division codes, employers) and the deterministic generator that draws.
 * Everything is fictional: names are common Chinese names put together
 * at random, employers are invented.
 */
#ifndef PAICHA_CLI_DEMO_DATA_H
#define PAICHA_CLI_DEMO_DATA_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: small, fast, the same sequence on every machine. */
struct demo_rng {
	uint64_t s;
};

void demo_rng_seed(struct demo_rng *, uint64_t seed);
uint64_t demo_rng_next(struct demo_rng *);
/* Uniform in [0, n). */
unsigned demo_rng_below(struct demo_rng *, unsigned n);
/* 1 with probability percent/100. */
int demo_rng_percent(struct demo_rng *, unsigned percent);
/* A value derived from a seed and two numbers, independent of any order
 * of drawing (for details of calls recorded in time order). */
uint64_t demo_hash(uint64_t seed, uint64_t a, uint64_t b);

extern const char *const demo_villages[];
extern const size_t demo_n_villages;

/* A full name (surname + 1 or 2 characters) for a gender 'M' or 'F'. */
void demo_name(struct demo_rng *, char gender, char *out, size_t sz);
/* An 18-character ID number for group A (Hunan, mostly 长沙县) or B
 * (Hubei), born 1962..2001; *gender and birth ("YYYY-MM-DD") filled in.
 * *division_index says which Hubei place a group B worker is from. */
void demo_idnum(struct demo_rng *, int group_b, char out[19], char *gender, char birth[11],
    size_t *place);
/* Where a group A worker works in Hubei: province, city, short city name. */
void demo_hubei_work(struct demo_rng *, char *city, size_t citysz, char *short_city,
    size_t shortsz);
/* The home address of a group B worker from the Hubei place index. */
const char *demo_hubei_home(size_t place);
/* An invented employer in a city ("武汉恒通电子有限公司"). */
void demo_employer(struct demo_rng *, const char *city_prefix, char *out, size_t sz);
/* A typed mobile number (not yet checked), mostly registered in Hunan (group
 * A) or Hubei (group B), and a fixed-line one in 0731. */
void demo_mobile(struct demo_rng *, int group_b, char *out, size_t sz);
void demo_fixed(struct demo_rng *, char *out, size_t sz);
/* A place outside Hubei where a worker went instead ("广东省广州市"). */
const char *demo_elsewhere(struct demo_rng *);

/* The ID numbers drawn so far, to draw each once. */
struct idnum_set {
	char (*idnum)[19];		/* per worker */
	unsigned *slot;			/* worker index + 1, or 0 */
	size_t mask;
};

void idnum_set_init(struct idnum_set *s, size_t n);
void idnum_set_free(struct idnum_set *s);
/* Keep worker i's ID number unless an earlier worker has it: 1 kept, 0 a
 * repeat (draw again). */
int idnum_set_add(struct idnum_set *s, size_t i, const char *idnum);

#endif
