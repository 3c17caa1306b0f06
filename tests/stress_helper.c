/*
 * stress_helper.c -- the parts of tests/stress.sh that the command line
 * cannot do.  Claims are taken only by the screens, so "claim" mode plays
 * an open case screen: it takes claims through db/claims (the screens'
 * own function) and logs when it held each one, for the checker to find
 * any instant at which two processes held one case.  "calls" mode is the
 * benchmark's baseline: the same calls_record() transaction as
 * `paicha call`, in a loop in one process, with its latencies.
 *
 *   stress_helper claim DB LOGIN SECONDS LOG WORKER...
 *     LOG lines: "W TAKE_NS RELEASE_NS" per claim held, "ERR text" per
 *     failure that is not "someone else holds it".
 *   stress_helper calls DB LOGIN SECONDS LOG WORKER...
 *     LOG lines: "W LATENCY_NS CALL_ID" per call recorded, "ERR text".
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db/calls.h"
#include "db/claims.h"
#include "db/db.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/answers.h"
#include "forms/clock.h"

static long long
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int
main(int argc, char **argv)
{
	struct db *db;
	struct user me;
	struct settings set;
	char err[512], holder[96];
	long long deadline, *w;
	int nw, claim;
	FILE *log;
	unsigned seed;

	if (argc < 7 || (strcmp(argv[1], "claim") != 0 && strcmp(argv[1], "calls") != 0)) {
		fprintf(stderr, "usage: stress_helper claim|calls DB LOGIN SECONDS LOG WORKER...\n");
		return 2;
	}
	claim = strcmp(argv[1], "claim") == 0;
	if ((log = fopen(argv[5], "a")) == NULL) {
		perror(argv[5]);
		return 1;
	}
	setvbuf(log, NULL, _IOLBF, 0);
	if (db_open(argv[2], DB_OPEN_EXISTING, &db, err, sizeof err) != 0) {
		fprintf(log, "ERR open: %s\n", err);
		return 1;
	}
	if (users_find(db, argv[3], &me) != 0 || settings_load(db, &set) != 0) {
		fprintf(log, "ERR %s\n", db_error(db));
		return 1;
	}
	nw = argc - 6;
	w = calloc((size_t)nw, sizeof *w);
	for (int i = 0; i < nw; i++)
		w[i] = atoll(argv[6 + i]);
	seed = (unsigned)now_ns() ^ (unsigned)getpid();
	deadline = now_ns() + atoll(argv[4]) * 1000000000LL;
	struct answers *a = answers_new();
	while (now_ns() < deadline) {
		long long id = w[rand_r(&seed) % (unsigned)nw];
		time_t until;
		if (claim) {
			int rc = claims_take(db, id, me.id, 1, holder, sizeof holder, &until);
			if (rc == 0) {
				long long t0 = now_ns();
				struct timespec hold = { 0, 2000000 + (rand_r(&seed) % 3000000) };
				nanosleep(&hold, NULL);
				long long t1 = now_ns();
				if (claims_release(db, id, me.id) != 0)
					fprintf(log, "ERR release: %s\n", db_error(db));
				fprintf(log, "%lld %lld %lld\n", id, t0, t1);
			} else if (rc != DB_CONFLICT) {
				fprintf(log, "ERR take: %s\n", db_error(db));
			}
		} else {
			long long call_id = 0, t0 = now_ns();
			if (calls_record(db, &set, id, me.id, clock_now(), "", OUTCOME_BUSY, a,
			    &call_id) == 0)
				fprintf(log, "%lld %lld %lld\n", id, now_ns() - t0, call_id);
			else
				fprintf(log, "ERR call: %s\n", db_error(db));
		}
	}
	answers_free(a);
	free(w);
	db_close(db);
	fclose(log);
	return 0;
}
