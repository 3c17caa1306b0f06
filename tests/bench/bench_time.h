/* bench_time.h -- the in-process benchmarks' clock and median
 * (tests/bench/queue_bench.c, case_bench.c). */
#ifndef PAICHA_BENCH_TIME_H
#define PAICHA_BENCH_TIME_H

#include <stdlib.h>
#include <time.h>

static inline double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static inline int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n-1] (sorts v). */
static inline double
median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

#endif
