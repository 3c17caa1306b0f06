/*
 * cmd_demo.c -- paicha demo: a realistic township to try paicha on.
 *
 * It registers a lead and four investigators, draws N workers (about 80%
 * group A) with valid ID numbers and phone numbers, assigns them (a share
 * to the account running the demo), and then simulates D days of calls
 * from 2020-01-26 09:00: for each worker a sequence of attempts (retried
 * after the configured delays, given up after max_attempts), and for the
 * reached ones the daily health checks and medical follow-ups while they
 * are isolated or ill.  Every call goes through calls_record(), in time
 * order, so cases and follow-ups come from the real rules.
 *
 * Determinism: one splitmix64 stream seeded by --seed draws everything in
 * a fixed order, details of a call come from a hash of (seed, worker,
 * call), and every timestamp is taken from the simulated clock
 * (PAICHA_NOW is pinned while the demo runs), so the same seed on the
 * same database gives the same rows.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/demo_data.h"
#include "db/calls.h"
#include "db/cases.h"
#include "db/db.h"
#include "db/followups.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/i18n.h"
#include "forms/phone.h"
#include "forms/xmalloc.h"

#define DEMO_START "2020-01-26 09:00"
#define DEMO_CREATED "2020-01-26 08:00"
#define DEMO_MAX_CALLS 40	/* per worker */
#define DEMO_PER_DAY 12		/* first attempts per investigator a day: the
				 * default township is not all called by the
				 * end, so the queue has every kind of row */

struct sim_worker {
	long long id;
	long long investigator;
	char e164[24];
	int group_b;
	unsigned reach_pct;		/* chance that an attempt gets through */
	enum call_outcome dead;		/* the failure of a dead number, or OUTCOME_NONE */
	char truth;			/* H home, B still in Hubei, E elsewhere, N never left */
	char return_date[11];
	char hubei_city[16];
	const char *elsewhere;
	const char *transport;
	const char *work_plan;
	int sick;			/* has symptoms for a while after the first contact */
	char onset[11], well_on[11];	/* symptoms from onset, gone on well_on */
};

struct sim_call {
	time_t at;
	int w;
	int seq;
	enum call_outcome outcome;
};

struct demo {
	struct cmd_ctx *ctx;
	struct demo_rng rng;
	uint64_t seed;
	int days;
	time_t start, end;
	struct sim_worker *w;
	size_t nw;
	struct sim_call *calls;
	size_t ncalls, capcalls;
	long long staff[5];		/* investigators; the last is the caller */
};

static const struct {
	const char *login;
	const char *name;
	enum user_role role;
} demo_users[] = {
	{ "zhangli", "张丽", ROLE_INVESTIGATOR },
	{ "wangqiang", "王强", ROLE_INVESTIGATOR },
	{ "liuyang", "刘洋", ROLE_INVESTIGATOR },
	{ "chenjing", "陈静", ROLE_INVESTIGATOR },
	{ "huangjun", "黄军", ROLE_LEAD },
};

/* Pin clock_now() (audit rows, created_at) to the simulated clock. */
static void
pin_clock(time_t t)
{
	clock_pin(t);
}

/* Store the township's settings that are not set yet. */
static int
demo_settings(struct demo *d)
{
	static const struct {
		const char *key, *value;
	} defaults[] = {
		{ "township", "黄花镇" }, { "division", "430121101" }, { "area_code", "0731" },
	};
	struct settings *s = &d->ctx->settings;
	const char *now[] = { s->township, s->division, s->area_code };
	struct db *db = d->ctx->db;
	char err[256];

	if (db_begin_write(db) != 0)
		return -1;
	for (size_t i = 0; i < 3; i++) {
		if (now[i][0] != '\0')
			continue;
		if (settings_store(db, defaults[i].key, defaults[i].value) != 0) {
			db_rollback(db);
			return -1;
		}
		settings_apply(s, defaults[i].key, defaults[i].value, err, sizeof err);
	}
	return db_commit(db);
}

/* Register the demo's staff (keeping accounts that exist). */
static int
demo_staff(struct demo *d)
{
	struct user u;
	int rc;

	for (size_t i = 0; i < sizeof demo_users / sizeof demo_users[0]; i++) {
		rc = users_find(d->ctx->db, demo_users[i].login, &u);
		if (rc == DB_NOTFOUND)
			rc = users_add(d->ctx->db, demo_users[i].login, demo_users[i].name,
			    demo_users[i].role, d->ctx->me.id, &u.id);
		if (rc != 0)
			return -1;
		if (i < 4)
			d->staff[i] = u.id;
	}
	d->staff[4] = d->ctx->me.id;
	return 0;
}

/* Add one phone as typed if it is valid; 1 added, 0 not valid, -1 error. */
static int
add_phone(struct demo *d, long long worker_id, const char *typed, char *e164, size_t sz)
{
	struct worker_phone wp;
	struct phone p;
	int added;

	if (phone_parse(typed, d->ctx->settings.area_code, &p) != 0)
		return 0;
	memset(&wp, 0, sizeof wp);
	snprintf(wp.typed, sizeof wp.typed, "%s", typed);
	snprintf(wp.e164, sizeof wp.e164, "%s", p.e164);
	snprintf(wp.extension, sizeof wp.extension, "%s", p.extension);
	snprintf(wp.kind, sizeof wp.kind, "%s", phone_kind_name(p.kind));
	snprintf(wp.display, sizeof wp.display, "%s", p.display);
	snprintf(wp.region, sizeof wp.region, "%s", p.region);
	if (workers_add_phone(d->ctx->db, worker_id, &wp, &added) != 0)
		return -1;
	if (e164 != NULL)
		snprintf(e164, sz, "%s", p.e164);
	return 1;
}

/* Draw what is true of a worker: where they are, how reachable, health. */
static void
draw_truth(struct demo *d, struct sim_worker *s)
{
	static const char *const transports[] = { "rail", "rail", "coach", "car", "air" };
	static const char *const plans[] = { "postponed", "postponed", "back-soon", "needs-job",
	    "other" };
	struct demo_rng *r = &d->rng;
	unsigned p = demo_rng_below(r, 100);
	char start[11];

	if (p < 72)
		s->reach_pct = 80;
	else if (p < 92)
		s->reach_pct = 35;
	else {
		static const enum call_outcome dead[] = { OUTCOME_OUT_OF_SERVICE, OUTCOME_OFF,
		    OUTCOME_WRONG_NUMBER, OUTCOME_NO_ANSWER };
		s->reach_pct = 0;
		s->dead = dead[demo_rng_below(r, 4)];
	}
	p = demo_rng_below(r, 100);
	if (!s->group_b)
		s->truth = p < 62 ? 'H' : p < 90 ? 'B' : p < 96 ? 'E' : 'N';
	else
		s->truth = p < 45 ? 'B' : p < 90 ? 'N' : 'E';
	clock_date(d->start, start);
	/* Home since 8 to 18 days before the start, one in ten in its first days. */
	date_add_days(start, demo_rng_percent(r, 10) ? (int)demo_rng_below(r, 3)
	    : -1 - (int)demo_rng_below(r, 18), s->return_date);
	s->elsewhere = demo_elsewhere(r);
	s->transport = transports[demo_rng_below(r, 5)];
	s->work_plan = plans[demo_rng_below(r, 5)];
	s->sick = demo_rng_percent(r, 5);
}

/* Insert the workers and their phones in one transaction. */
static int
demo_workers(struct demo *d, size_t n)
{
	struct db *db = d->ctx->db;
	struct demo_rng *r = &d->rng;
	const char *township = d->ctx->settings.township;
	char typed[32], short_city[16], city[64];
	size_t place;
	int rc;

	d->w = xcalloc(n, sizeof *d->w);
	if (db_begin_write(db) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct sim_worker *s = &d->w[i];
		struct worker w;

		memset(&w, 0, sizeof w);
		s->group_b = demo_rng_percent(r, 20);
		s->dead = OUTCOME_NONE;
		w.group = s->group_b ? GROUP_B : GROUP_A;
		snprintf(w.township, sizeof w.township, "%s", township);
		snprintf(w.village, sizeof w.village, "%s",
		    demo_villages[demo_rng_below(r, (unsigned)demo_n_villages)]);
		snprintf(w.source, sizeof w.source, "demo");
		w.created_at = clock_parse(DEMO_CREATED);
		if (!s->group_b) {
			demo_hubei_work(r, city, sizeof city, short_city, sizeof short_city);
			snprintf(w.work_province, sizeof w.work_province, "湖北省");
			snprintf(w.work_city, sizeof w.work_city, "%s", city);
			demo_employer(r, short_city, w.employer, sizeof w.employer);
			snprintf(w.address, sizeof w.address, "湖南省长沙县%s%s", township, w.village);
			snprintf(s->hubei_city, sizeof s->hubei_city, "%s", short_city);
		} else {
			snprintf(w.work_province, sizeof w.work_province, "湖南省");
			snprintf(w.work_city, sizeof w.work_city, "长沙市长沙县");
			demo_employer(r, "长沙", w.employer, sizeof w.employer);
		}
		do {
			demo_idnum(r, s->group_b, w.id_number, &w.gender, w.birth_date, &place);
			demo_name(r, w.gender, w.name, sizeof w.name);
			if (s->group_b) {
				snprintf(w.address, sizeof w.address, "%s", demo_hubei_home(place));
				snprintf(s->hubei_city, sizeof s->hubei_city, "%.6s",
				    demo_hubei_home(place) + strlen("湖北省"));
			}
			rc = workers_insert(db, &w, d->ctx->me.id);
		} while (rc == DB_CONFLICT);
		if (rc != 0)
			goto fail;
		s->id = w.id;
		/* A valid mobile first; sometimes a relative's or a fixed line too. */
		do
			demo_mobile(r, typed, sizeof typed);
		while ((rc = add_phone(d, w.id, typed, s->e164, sizeof s->e164)) == 0);
		if (rc < 0)
			goto fail;
		if (demo_rng_percent(r, 12)) {
			demo_mobile(r, typed, sizeof typed);
			if (add_phone(d, w.id, typed, NULL, 0) < 0)
				goto fail;
		}
		if (demo_rng_percent(r, 8)) {
			demo_fixed(r, typed, sizeof typed);
			if (add_phone(d, w.id, typed, NULL, 0) < 0)
				goto fail;
		}
		draw_truth(d, s);
	}
	d->nw = n;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

/* Give worker i to investigator i % 5 (the caller is the fifth). */
static int
demo_assign(struct demo *d)
{
	long long *ids = calloc(d->nw / 5 + 1, sizeof *ids);
	int rc = 0;

	if (ids == NULL)
		abort();
	for (size_t k = 0; k < 5 && rc == 0; k++) {
		size_t n = 0;
		for (size_t i = k; i < d->nw; i += 5) {
			ids[n++] = d->w[i].id;
			d->w[i].investigator = d->staff[k];
		}
		if (n > 0)
			rc = cases_assign(d->ctx->db, ids, n, d->staff[k], d->ctx->me.id);
	}
	free(ids);
	return rc;
}

static void
add_call(struct demo *d, int w, int seq, time_t at, enum call_outcome o)
{
	if (d->ncalls == d->capcalls) {
		d->capcalls = d->capcalls ? d->capcalls * 2 : 1024;
		d->calls = xrealloc(d->calls, d->capcalls * sizeof *d->calls);
	}
	d->calls[d->ncalls++] = (struct sim_call){ at, w, seq, o };
}

/* Move t into working hours (09:00-18:00 local), jittered by the rng. */
static time_t
office_hours(struct demo *d, time_t t)
{
	long local = (long)((t + CLOCK_CST_OFFSET) % 86400);

	if (local < 9 * 3600)
		return t - local + 9 * 3600 + 60 * (time_t)demo_rng_below(&d->rng, 30);
	if (local >= 18 * 3600)
		return t - local + 86400 + 9 * 3600 + 60 * (time_t)demo_rng_below(&d->rng, 60);
	return t;
}

/* Is the worker ill on date (YYYY-MM-DD)? */
static int
sick_on(const struct sim_worker *s, const char *date)
{
	return s->sick && s->onset[0] && strcmp(s->onset, date) <= 0 &&
	    strcmp(date, s->well_on) < 0;
}

/* Does the worker say "home" on this day, and is isolation still on tomorrow? */
static int
home_on(const struct sim_worker *s, const char *date)
{
	return s->truth == 'H' && strcmp(s->return_date, date) <= 0;
}

static int
needs_next_day(const struct sim_worker *s, time_t at)
{
	char day[11], tomorrow[11], end[11];

	clock_date(at, day);
	clock_date(at + 86400, tomorrow);
	if (sick_on(s, day))
		return 1;
	if (!home_on(s, day))
		return 0;
	date_add_days(s->return_date, 14, end);
	return strcmp(tomorrow, end) <= 0;
}

/* The call attempts of one worker from its first one on. */
static void
simulate(struct demo *d, int wi, time_t t)
{
	static const enum call_outcome fails[] = { OUTCOME_NO_ANSWER, OUTCOME_NO_ANSWER,
	    OUTCOME_NO_ANSWER, OUTCOME_BUSY, OUTCOME_OFF, OUTCOME_NO_ANSWER, OUTCOME_OFF,
	    OUTCOME_REFUSED };
	struct sim_worker *s = &d->w[wi];
	const struct settings *set = &d->ctx->settings;
	int seq = 0, failures = 0, reached = 0, minutes;
	char day[11];

	while (t < d->end && seq < DEMO_MAX_CALLS) {
		unsigned pct = reached ? 90 : s->reach_pct;
		if (demo_rng_percent(&d->rng, pct)) {
			if (!reached && s->sick) {
				clock_date(t, day);
				date_add_days(day, -(int)demo_rng_below(&d->rng, 3), s->onset);
				date_add_days(day, 2 + (int)demo_rng_below(&d->rng, 4), s->well_on);
			}
			reached = 1;
			failures = 0;
			add_call(d, wi, seq++, t, OUTCOME_REACHED);
			if (!needs_next_day(s, t))
				break;
			clock_date(t + 86400, day);
			t = clock_parse(day) + 9 * 3600 + 60 * (time_t)demo_rng_below(&d->rng, 150);
			continue;
		}
		enum call_outcome o = s->dead != OUTCOME_NONE ? s->dead
		    : fails[demo_rng_below(&d->rng, sizeof fails / sizeof fails[0])];
		add_call(d, wi, seq++, t, o);
		if (!reached && ++failures >= set->max_attempts)
			break;
		minutes = o == OUTCOME_BUSY ? set->retry_busy : o == OUTCOME_OFF ||
		    o == OUTCOME_OUT_OF_SERVICE ? set->retry_off : set->retry_no_answer;
		t = office_hours(d, t + 60 * (time_t)(minutes + (int)demo_rng_below(&d->rng, 20)));
	}
}

/* Fill the answers of a reached call from what is true on its day. */
static void
fill_answers(struct demo *d, const struct sim_call *c, struct answers *a)
{
	static const char *const notes[] = { "家属代接", "电话为家属", "已提醒居家隔离",
	    "已告知村医", "态度配合" };
	const struct sim_worker *s = &d->w[c->w];
	uint64_t h = demo_hash(d->seed, (uint64_t)c->w, (uint64_t)c->seq);
	char day[11], temp[8];
	int home;

	clock_date(c->at, day);
	home = home_on(s, day);
	if (home) {
		answers_set(a, "whereabouts", "home");
		answers_set(a, "return_date", s->return_date);
		answers_set(a, "transport", s->transport);
	} else if (s->truth == 'H' || s->truth == 'B') {
		answers_set(a, "whereabouts", "hubei");
		answers_set(a, "hubei_city", s->hubei_city);
	} else if (s->truth == 'E') {
		answers_set(a, "whereabouts", "elsewhere");
		answers_set(a, "elsewhere_place", s->elsewhere);
	} else
		answers_set(a, "whereabouts", "never-left");
	if (sick_on(s, day)) {
		snprintf(temp, sizeof temp, "%d.%d", 37 + (int)(h % 2), 5 + (int)(h / 2 % 5));
		answers_set(a, "temperature", temp);
		answers_set(a, "symptoms", h / 16 % 3 ? "fever,cough" : "fever,fatigue");
		answers_set(a, "onset_date", s->onset);
		answers_set(a, "urged_doctor", "yes");
	} else {
		snprintf(temp, sizeof temp, "36.%d", (int)(h % 10));
		answers_set(a, "temperature", temp);
		answers_set(a, "symptoms", "");
	}
	answers_set(a, "advice", home ? "isolation,no-hubei-travel" : "no-hubei-travel");
	if (c->seq == 0 || h % 4 == 0)
		answers_set(a, "work_plan", s->work_plan);
	if (h / 64 % 8 == 0)
		answers_set(a, "note", notes[h / 512 % (sizeof notes / sizeof notes[0])]);
}

static int
cmp_call(const void *pa, const void *pb)
{
	const struct sim_call *a = pa, *b = pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Simulate every worker, then record all calls in time order. */
static int
demo_calls(struct demo *d)
{
	struct answers *a = answers_new();
	size_t per[5] = { 0 };
	int rc = 0;

	if (a == NULL)
		abort();
	for (size_t i = 0; i < d->nw; i++) {
		size_t k = i % 5, slot = per[k]++;
		time_t t = d->start + 86400 * (time_t)(slot / DEMO_PER_DAY) +
		    600 * (time_t)(slot % DEMO_PER_DAY) + 60 * (time_t)demo_rng_below(&d->rng, 8);
		simulate(d, (int)i, t);
	}
	if (d->ncalls > 0)
		qsort(d->calls, d->ncalls, sizeof *d->calls, cmp_call);
	for (size_t i = 0; i < d->ncalls && rc == 0; i++) {
		const struct sim_call *c = &d->calls[i];
		const struct sim_worker *s = &d->w[c->w];
		answers_clear(a);
		if (c->outcome == OUTCOME_REACHED)
			fill_answers(d, c, a);
		pin_clock(c->at);
		rc = calls_record(d->ctx->db, &d->ctx->settings, s->id, s->investigator, c->at,
		    s->e164, c->outcome, a, NULL);
	}
	answers_free(a);
	return rc;
}

/* Job recommendations get done: the investigator closes a job follow-up a
 * day after it fell due, as the team did, so the queue is not all old ones. */
static int
demo_close_jobs(struct demo *d)
{
	struct followup *f;
	size_t n;
	int rc;

	if ((rc = followups_open_all(d->ctx->db, &f, &n)) != 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		time_t done = f[i].due_at + 86400 + 3600 * (time_t)(f[i].worker_id % 6);
		if (f[i].kind != FOLLOWUP_JOB || done >= d->end)
			continue;
		size_t k = (size_t)f[i].worker_id - 1;	/* workers are numbered in order */
		long long by = k < d->nw && d->w[k].id == f[i].worker_id ? d->w[k].investigator : 0;
		pin_clock(done);
		rc = followups_close(d->ctx->db, f[i].id, "done", by);
	}
	free(f);
	return rc;
}

static int
demo_refuse_if_filled(struct cmd_ctx *ctx)
{
	long long a, b;

	if (workers_count(ctx->db, GROUP_A, &a) != 0 || workers_count(ctx->db, GROUP_B, &b) != 0)
		return cmd_error(ctx, "%s", db_error(ctx->db));
	if (a + b > 0)
		return cmd_error(ctx, _("the database %s has %lld workers already: the demo only "
		    "fills an empty database (create one with 'paicha --db NEW.db init')"),
		    ctx->db_path, a + b);
	return EXIT_OK;
}

/* A whole number option in [lo, hi]; -1 after an error message. */
static long long
number_opt(struct cmd_ctx *ctx, const char *name, const char *s, long long lo, long long hi)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		cmd_error(ctx, _("--%s must be a whole number from %lld to %lld, not '%s'"), name,
		    lo, hi, s);
		return -1;
	}
	return v;
}

int
cmd_demo(struct cmd_ctx *ctx)
{
	static const struct option opts[] = {
		{ "workers", required_argument, NULL, 'w' },
		{ "seed", required_argument, NULL, 's' },
		{ "days", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	struct demo d;
	long long workers = 500, seed = 1, days = 8;
	long long na = 0, nb = 0;
	int c, rc = EXIT_USER;

	optind = 0;
	while ((c = getopt_long(ctx->argc, ctx->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'w': workers = number_opt(ctx, "workers", optarg, 1, 1000000); break;
		case 's': seed = number_opt(ctx, "seed", optarg, 0, 1000000000000LL); break;
		case 'd': days = number_opt(ctx, "days", optarg, 0, 60); break;
		default: return cmd_usage(ctx);
		}
		if (workers < 0 || seed < 0 || days < 0)
			return EXIT_USER;
	}
	if (optind != ctx->argc)
		return cmd_usage(ctx);
	if ((rc = demo_refuse_if_filled(ctx)) != 0)
		return rc;
	memset(&d, 0, sizeof d);
	d.ctx = ctx;
	d.seed = (uint64_t)seed;
	d.days = (int)days;
	demo_rng_seed(&d.rng, d.seed);
	d.start = clock_parse(DEMO_START);
	d.end = d.start - 9 * 3600 + 86400 * (time_t)days;
	pin_clock(clock_parse(DEMO_CREATED));
	rc = EXIT_USER;
	if (demo_settings(&d) != 0 || demo_staff(&d) != 0 || demo_workers(&d, (size_t)workers) != 0 ||
	    demo_assign(&d) != 0 || demo_calls(&d) != 0 ||
	    demo_close_jobs(&d) != 0) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	workers_count(ctx->db, GROUP_A, &na);
	workers_count(ctx->db, GROUP_B, &nb);
	printf(_("Demo township %s: %lld workers (group A %lld, group B %lld), 4 investigators "
	    "and a lead, %zu calls over %d days from %s.\n"), ctx->settings.township, na + nb, na,
	    nb, d.ncalls, d.days, DEMO_START);
	printf(_("Accounts: zhangli, wangqiang, liuyang, chenjing (investigators), huangjun "
	    "(lead); %s has a share of the cases too.\n"), ctx->me.login);
	rc = EXIT_OK;
out:
	free(d.w);
	free(d.calls);
	return rc;
}
