/*
 * cmd_demo.c -- paicha demo: a realistic township to try paicha on.
 *
 * It registers a lead and four investigators (19 beyond 10,000 workers),
 * draws N workers (about 80% group A) with valid ID numbers and phone
 * numbers, mostly registered in Hunan and Hubei, assigns them (a share
 * to the account running the demo), and then simulates D days of calls
 * from 2020-01-26 09:00: for each worker a sequence of attempts (retried
 * after the configured delays, given up after max_attempts), and for the
 * reached ones the daily health checks and medical follow-ups while they
 * are isolated or ill.  Cases and follow-ups come from the real rules
 * (the reducer of casestate.h, calls_rules() of calls.h), in time order,
 * whichever path writes them (see Scale below).
 *
 * Determinism: one splitmix64 stream seeded by --seed draws everything in
 * a fixed order, details of a call come from a hash of (seed, worker,
 * call), and every timestamp is taken from the simulated clock
 * (PAICHA_NOW is pinned while the demo runs), so the same seed on the
 * same database gives the same rows.
 *
 * Scale: the history grows with the township (about 1.5 calls a worker;
 * 20 investigators beyond 10,000 workers), so that a county or a province
 * can be tried at its size.  Saving 1.5 million calls one by one through
 * calls_record() costs about 13 minutes of CPU (0.8 ms a worker measured
 * at 100,000, against 0.2 ms for what follows), so by default the demo
 * computes what the live save would store -- each case through the
 * casestate reducer, fed with the worker's numbers as cases_recompute()
 * feeds it, the follow-ups by calls_rules(), the very decisions
 * calls_record() carries out (demo_rules() below applies them in memory)
 * -- and writes it all in one transaction (db/history.h), numbered as the
 * live save numbers it.
 * PAICHA_DEMO_LIVE=1 takes the live path instead (every call through
 * calls_record(), every job closed through followups_close());
 * tests/cli/demo.sh checks that both leave the same rows.
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
#include "db/history.h"
#include "db/import.h"
#include "db/settings.h"
#include "db/users.h"
#include "db/workers.h"
#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/dates.h"
#include "forms/form.h"
#include "forms/i18n.h"
#include "forms/phone.h"
#include "forms/xmalloc.h"
#include "cli/demo.h"

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
	/* a big township's (DEMO_BIG) further investigators */
	{ "zhaomin", "赵敏", ROLE_INVESTIGATOR },
	{ "zhouhua", "周华", ROLE_INVESTIGATOR },
	{ "wuting", "吴婷", ROLE_INVESTIGATOR },
	{ "xulei", "徐磊", ROLE_INVESTIGATOR },
	{ "sunyan", "孙燕", ROLE_INVESTIGATOR },
	{ "hutao", "胡涛", ROLE_INVESTIGATOR },
	{ "zhujuan", "朱娟", ROLE_INVESTIGATOR },
	{ "guobin", "郭斌", ROLE_INVESTIGATOR },
	{ "hexia", "何霞", ROLE_INVESTIGATOR },
	{ "luopeng", "罗鹏", ROLE_INVESTIGATOR },
	{ "liangmei", "梁梅", ROLE_INVESTIGATOR },
	{ "songfei", "宋飞", ROLE_INVESTIGATOR },
	{ "tangling", "唐玲", ROLE_INVESTIGATOR },
	{ "dengliang", "邓亮", ROLE_INVESTIGATOR },
	{ "pengxiu", "彭秀", ROLE_INVESTIGATOR },
};

#define N_SMALL_STAFF 5		/* demo_users[0..4]: four investigators and the lead */
#define N_DEMO_USERS (sizeof demo_users / sizeof demo_users[0])

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

/* Register the demo's staff (keeping accounts that exist): four
 * investigators and a lead, and 15 more investigators in a big township;
 * the caller holds cases too (the last share). */
static int
demo_staff(struct demo *d, size_t workers)
{
	size_t n = workers > DEMO_BIG ? N_DEMO_USERS : N_SMALL_STAFF;
	struct user u;
	int rc;

	d->nstaff = 0;
	for (size_t i = 0; i < n; i++) {
		rc = users_find(d->ctx->db, demo_users[i].login, &u);
		if (rc == DB_NOTFOUND)
			rc = users_add(d->ctx->db, demo_users[i].login, demo_users[i].name,
			    demo_users[i].role, d->ctx->me.id, &u.id);
		if (rc != 0)
			return -1;
		if (demo_users[i].role == ROLE_INVESTIGATOR) {
			d->staff_login[d->nstaff] = demo_users[i].login;
			d->staff[d->nstaff++] = u.id;
		}
	}
	d->staff_login[d->nstaff] = d->ctx->me.login;
	d->staff[d->nstaff++] = d->ctx->me.id;
	return 0;
}

/* A fixed line as demo_fixed() types it ("0731-8" and 7 digits): what
 * libphonenumber says of it is a matter of its first 9 characters (the
 * CN fixed-line patterns and the geocoder go no deeper for area 731 and
 * an 8-digit number), so each such prefix is parsed once and the rest of
 * its numbers are made from that verdict (libphonenumber takes about 50
 * microseconds a fixed line, the cache of phone.cc keeps mobiles only).
 * -1 when typed is not one of those. */
static int
fixed_slot(const char *typed)
{
	if (strlen(typed) != 13 || strncmp(typed, "0731-8", 6) != 0 ||
	    strspn(typed + 6, "0123456789") != 7)
		return -1;
	return (typed[6] - '0') * 100 + (typed[7] - '0') * 10 + (typed[8] - '0');
}

/* The verdict for typed from the one kept for its prefix. */
static void
fixed_from(const struct phone *kept, const char *typed, struct phone *p)
{
	*p = *kept;
	memcpy(p->e164 + strlen(p->e164) - 4, typed + 9, 4);
	memcpy(p->display + strlen(p->display) - 4, typed + 9, 4);
}

/* Parse typed (phone_parse()), or for a fixed line of a prefix seen
 * before take its verdict (fixed_slot()); those a small township has, and
 * one in 64 beyond, are parsed as well and must agree. */
static int
demo_parse(struct demo *d, const char *typed, struct phone *p)
{
	const char *area = d->ctx->settings.area_code;
	int slot = fixed_slot(typed), rc;
	struct phone *kept;
	char e164[24];

	if (slot < 0)
		return phone_parse(typed, area, p);
	if (d->fixed == NULL)
		d->fixed = xcalloc(1000, sizeof *d->fixed);
	kept = &d->fixed[slot].p;
	if (d->fixed[slot].state == 1) {
		fixed_from(kept, typed, p);
		if (d->nw_planned > 20000 && ++d->fixed_checks % 64 != 0)
			return 0;
		struct phone q;
		if (phone_parse(typed, area, &q) != 0 || strcmp(q.e164, p->e164) != 0 ||
		    strcmp(q.display, p->display) != 0 || strcmp(q.region, p->region) != 0 ||
		    strcmp(q.extension, p->extension) != 0 || q.kind != p->kind ||
		    q.foreign != p->foreign)
			fatal("demo: libphonenumber says %s of %s, not %s (%s)", q.e164, typed,
			    p->e164, p->region);
		return 0;
	}
	rc = phone_parse(typed, area, p);
	if (d->fixed[slot].state == 0) {
		/* kept only when the number is the typed digits after +86 731 */
		snprintf(e164, sizeof e164, "+86731%s", typed + 5);
		d->fixed[slot].state = rc == 0 && strcmp(p->e164, e164) == 0 &&
		    strcmp(p->display, typed) == 0 && p->extension[0] == '\0' ? 1 : 2;
		if (d->fixed[slot].state == 1)
			*kept = *p;
	}
	return rc;
}

/* Check a typed number; 1 valid (wp filled in), 0 not valid. */
static int
demo_phone(struct demo *d, const char *typed, struct worker_phone *wp)
{
	struct phone p;

	if (demo_parse(d, typed, &p) != 0)
		return 0;
	workers_phone_from(wp, typed, &p);
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

/* Draw worker i and its phones (1 to 3, distinct numbers, primary first). */
void
draw_worker(struct demo *d, size_t i, struct worker *w, struct worker_phone ph[3], size_t *nph)
{
	struct demo_rng *r = &d->rng;
	struct sim_worker *s = &d->w[i];
	const char *township = d->ctx->settings.township;
	char typed[32], short_city[16], city[64];
	size_t place;

	memset(w, 0, sizeof *w);
	s->group_b = demo_rng_percent(r, 20);
	s->dead = OUTCOME_NONE;
	w->group = s->group_b ? GROUP_B : GROUP_A;
	snprintf(w->township, sizeof w->township, "%s", township);
	snprintf(w->village, sizeof w->village, "%s",
	    demo_villages[demo_rng_below(r, (unsigned)demo_n_villages)]);
	snprintf(w->source, sizeof w->source, "demo");
	w->created_at = d->created;
	if (!s->group_b) {
		demo_hubei_work(r, city, sizeof city, short_city, sizeof short_city);
		snprintf(w->work_province, sizeof w->work_province, "湖北省");
		snprintf(w->work_city, sizeof w->work_city, "%s", city);
		demo_employer(r, short_city, w->employer, sizeof w->employer);
		snprintf(w->address, sizeof w->address, "湖南省长沙县%s%s", township, w->village);
		snprintf(s->hubei_city, sizeof s->hubei_city, "%s", short_city);
	} else {
		snprintf(w->work_province, sizeof w->work_province, "湖南省");
		snprintf(w->work_city, sizeof w->work_city, "长沙市长沙县");
		demo_employer(r, "长沙", w->employer, sizeof w->employer);
	}
	do {
		demo_idnum(r, s->group_b, w->id_number, &w->gender, w->birth_date, &place);
		demo_name(r, w->gender, w->name, sizeof w->name);
		if (s->group_b) {
			snprintf(w->address, sizeof w->address, "%s", demo_hubei_home(place));
			snprintf(s->hubei_city, sizeof s->hubei_city, "%.6s",
			    demo_hubei_home(place) + strlen("湖北省"));
		}
	} while (!idnum_set_add(&d->ids, i, w->id_number));
	w->id = s->id = d->first_id + (long long)i;
	/* A valid mobile first; sometimes a relative's or a fixed line too. */
	do
		demo_mobile(r, s->group_b, typed, sizeof typed);
	while (!demo_phone(d, typed, &ph[0]));
	snprintf(s->e164, sizeof s->e164, "%s", ph[0].e164);
	*nph = 1;
	if (demo_rng_percent(r, 12)) {
		demo_mobile(r, s->group_b, typed, sizeof typed);
		if (demo_phone(d, typed, &ph[*nph]) && strcmp(ph[*nph].e164, ph[0].e164) != 0)
			(*nph)++;
	}
	if (demo_rng_percent(r, 8)) {
		demo_fixed(r, typed, sizeof typed);
		if (demo_phone(d, typed, &ph[*nph]))
			(*nph)++;
	}
	/* the numbers cases_phones_at() gives a call: distinct, primary first */
	s->nnumbers = 0;
	for (size_t k = 0; k < *nph; k++) {
		int j;
		for (j = 0; j < s->nnumbers && strcmp(s->numbers[j], ph[k].e164) != 0; j++)
			;
		if (j == s->nnumbers)
			snprintf(s->numbers[s->nnumbers++], sizeof s->numbers[0], "%s", ph[k].e164);
	}
	draw_truth(d, s);
}

/* Live path: insert the workers and their phones in one transaction. */
int
demo_workers(struct demo *d, size_t n)
{
	struct db *db = d->ctx->db;
	struct worker_phone ph[3];
	struct worker w;
	size_t nph;
	int added;

	if (db_begin_write(db) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		draw_worker(d, i, &w, ph, &nph);
		if (workers_insert_numbered(db, &w, d->ctx->me.id) != 0 ||
		    workers_insert_case(db, &w) != 0)
			goto fail;
		for (size_t k = 0; k < nph; k++)
			if (workers_add_phone(db, w.id, &ph[k], &added) != 0)
				goto fail;
	}
	d->nw = n;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

/* Give worker i to investigator i % nstaff (the caller is the last). */
int
demo_assign(struct demo *d)
{
	long long *ids = xcalloc(d->nw / d->nstaff + 1, sizeof *ids);
	int rc = 0;

	for (size_t k = 0; k < d->nstaff && rc == 0; k++) {
		size_t n = 0;
		for (size_t i = k; i < d->nw; i += d->nstaff) {
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
	d->calls[d->ncalls++] = (struct sim_call){ at, w, seq, o, 0 };
}

/* The retry delay in minutes after a failed outcome (as calls.h). */
static int
retry_minutes(const struct settings *set, enum call_outcome o)
{
	return o == OUTCOME_BUSY ? set->retry_busy : o == OUTCOME_OFF ||
	    o == OUTCOME_OUT_OF_SERVICE ? set->retry_off : set->retry_no_answer;
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

/* clock_date(), remembering the last day asked (the demo asks for the
 * day of each of its calls, a few times each: the text once a day), each
 * thread its own (demo_bulk.c folds in a second one). */
static void
demo_date(time_t t, char out[11])
{
	static _Thread_local long long day = -1;
	static _Thread_local char text[11];
	long long local = (long long)t + CLOCK_CST_OFFSET;

	if (local < 0) {
		clock_date(t, out);
		return;
	}
	if (local / 86400 != day) {
		clock_date(t, text);
		day = local / 86400;
	}
	memcpy(out, text, sizeof text);
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

	demo_date(at, day);
	demo_date(at + 86400, tomorrow);
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
				demo_date(t, day);
				date_add_days(day, -(int)demo_rng_below(&d->rng, 3), s->onset);
				date_add_days(day, 2 + (int)demo_rng_below(&d->rng, 4), s->well_on);
			}
			reached = 1;
			failures = 0;
			add_call(d, wi, seq++, t, OUTCOME_REACHED);
			if (!needs_next_day(s, t))
				break;
			demo_date(t + 86400, day);
			t = clock_parse(day) + 9 * 3600 + 60 * (time_t)demo_rng_below(&d->rng, 150);
			continue;
		}
		enum call_outcome o = s->dead != OUTCOME_NONE ? s->dead
		    : fails[demo_rng_below(&d->rng, sizeof fails / sizeof fails[0])];
		add_call(d, wi, seq++, t, o);
		if (!reached && ++failures >= set->max_attempts)
			break;
		minutes = retry_minutes(set, o);
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

	demo_date(c->at, day);
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
	const struct sim_call *a = *(struct sim_call *const *)pa, *b = *(struct sim_call *const *)pb;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	if (a->w != b->w)
		return a->w < b->w ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* When the slot-th first attempt of an investigator is made: DEMO_PER_DAY
 * a day, ten minutes apart, or in a big township enough for
 * DEMO_CALLED_PCT of its workers to be called within the days. */
static time_t
first_attempt_at(struct demo *d, size_t slot)
{
	size_t per_inv = (d->nw + d->nstaff - 1) / d->nstaff, per_day = DEMO_PER_DAY;
	time_t gap;

	if (d->days > 0 && per_inv * DEMO_CALLED_PCT / 100 / (size_t)d->days + 1 > per_day)
		per_day = per_inv * DEMO_CALLED_PCT / 100 / (size_t)d->days + 1;
	gap = per_day * 600 <= 9 * 3600 ? 600 : 9 * 3600 / (time_t)per_day;
	if (gap < 1)
		gap = 1;
	return d->start + 86400 * (time_t)(slot / per_day) + gap * (time_t)(slot % per_day) +
	    60 * (time_t)demo_rng_below(&d->rng, 8);
}

/* Simulate every worker (its calls are then together, in time order);
 * *order gets the calls in the order they are made, numbered so. */
void
demo_simulate(struct demo *d, struct sim_call ***order)
{
	size_t per[DEMO_MAX_STAFF] = { 0 };
	struct sim_call **v;

	for (size_t i = 0; i < d->nw; i++) {
		size_t k = i % d->nstaff;
		simulate(d, (int)i, first_attempt_at(d, per[k]++));
	}
	v = xcalloc(d->ncalls ? d->ncalls : 1, sizeof *v);
	for (size_t i = 0; i < d->ncalls; i++)
		v[i] = &d->calls[i];
	if (d->ncalls > 0)
		qsort(v, d->ncalls, sizeof *v, cmp_call);
	for (size_t i = 0; i < d->ncalls; i++)
		v[i]->id = (long long)i + 1;
	*order = v;
}

/* The answers of a call as the live save stores them: what the
 * investigator types (fill_answers), made canonical by the call form.
 * fill_answers() types them canonical already but for what the form
 * adds (callform_defaults(): a worker back home is isolated for
 * CALLFORM_ISOLATION_DAYS from the return date), so this adds that and
 * leaves the call form (a sixth of the fast path's time at 100,000
 * workers) to the calls `check` picks: those go through form_validate()
 * too, and a difference is fatal. */
void
call_answers(struct demo *d, const struct sim_call *c, struct answers *a, int check)
{
	struct answers *v;
	struct form_ctx fc;
	char today[11], err[512], end[11];
	const char *back;

	answers_clear(a);
	if (c->outcome == OUTCOME_REACHED) {
		fill_answers(d, c, a);
		back = answers_get(a, "return_date");
		if (back != NULL && date_add_days(back, CALLFORM_ISOLATION_DAYS, end) == 0) {
			answers_set(a, "isolation_start", back);
			answers_set(a, "isolation_end", end);
		}
	}
	if (!check)
		return;
	v = answers_new();
	if (c->outcome == OUTCOME_REACHED)
		fill_answers(d, c, v);
	clock_date(c->at, today);
	fc.today = today;
	fc.area_code = d->ctx->settings.area_code[0] ? d->ctx->settings.area_code : NULL;
	answers_set(v, "outcome", call_outcome_name(c->outcome));
	if (form_validate(&callform, v, &fc, err, sizeof err) != 0)
		fatal("demo: a simulated call does not pass the call form: %s", err);
	answers_remove(v, "outcome");
	if (answers_count(v) != answers_count(a))
		fatal("demo: call %lld: the call form keeps %zu answers, not %zu", c->id,
		    answers_count(v), answers_count(a));
	for (size_t i = 0; i < answers_count(v); i++) {
		const char *mine = answers_get(a, answers_key_at(v, i));
		if (mine == NULL || strcmp(mine, answers_value_at(v, i)) != 0)
			fatal("demo: call %lld: the call form makes %s '%s', not '%s'", c->id,
			    answers_key_at(v, i), answers_value_at(v, i), mine ? mine : "(none)");
	}
	answers_free(v);
}

/* Live path: record all calls in time order through calls_record(). */
static int
demo_calls(struct demo *d, struct sim_call **order)
{
	struct answers *a = answers_new();
	int rc = 0;

	for (size_t i = 0; i < d->ncalls && rc == 0; i++) {
		const struct sim_call *c = order[i];
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
int
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
		size_t k = (size_t)(f[i].worker_id - d->first_id);	/* numbered in order */
		long long by = k < d->nw && d->w[k].id == f[i].worker_id ? d->w[k].investigator : 0;
		pin_clock(done);
		rc = followups_close(d->ctx->db, f[i].id, "done", by);
	}
	free(f);
	return rc;
}

/* The live path: every row through the functions the screens use. */
static int
demo_live(struct demo *d, size_t n)
{
	struct sim_call **order = NULL;
	int rc = -1;

	if (demo_workers(d, n) != 0 || demo_assign(d) != 0)
		return -1;
	demo_simulate(d, &order);
	if (demo_calls(d, order) == 0 && demo_close_jobs(d) == 0)
		rc = 0;
	free(order);
	return rc;
}

/* PAICHA_DEMO_LIVE set to anything but "" or "0": the live path. */
static int
demo_live_wanted(void)
{
	const char *v = getenv("PAICHA_DEMO_LIVE");

	return v != NULL && v[0] != '\0' && strcmp(v, "0") != 0;
}

/* Say which accounts the demo made. */
static void
demo_print_accounts(const struct demo *d)
{
	char list[512] = "";
	size_t len = 0;

	for (size_t k = 0; k + 1 < d->nstaff; k++)
		len += (size_t)snprintf(list + len, len < sizeof list ? sizeof list - len : 0,
		    "%s%s", k ? ", " : "", d->staff_login[k]);
	printf(_("Accounts: %s (investigators), huangjun (lead); %s has a share of the cases "
	    "too.\n"), list, d->ctx->me.login);
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
	char why[512];
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
	if (phone_ready(why, sizeof why) != 0)
		return cmd_error(ctx, "%s", why);
	memset(&d, 0, sizeof d);
	d.ctx = ctx;
	d.seed = (uint64_t)seed;
	d.days = (int)days;
	demo_rng_seed(&d.rng, d.seed);
	d.start = clock_parse(DEMO_START);
	d.created = clock_parse(DEMO_CREATED);
	d.end = d.start - 9 * 3600 + 86400 * (time_t)days;
	pin_clock(clock_parse(DEMO_CREATED));
	rc = EXIT_USER;
	if (demo_settings(&d) != 0 || demo_staff(&d, (size_t)workers) != 0) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	d.w = xcalloc((size_t)workers, sizeof *d.w);
	d.nw_planned = (size_t)workers;
	idnum_set_init(&d.ids, (size_t)workers);
	if (import_next_worker_id(ctx->db, &d.first_id) != 0 ||
	    (demo_live_wanted() ? demo_live(&d, (size_t)workers)
	    : demo_bulk(&d, (size_t)workers)) != 0) {
		cmd_error(ctx, "%s", db_error(ctx->db));
		goto out;
	}
	workers_count(ctx->db, GROUP_A, &na);
	workers_count(ctx->db, GROUP_B, &nb);
	printf(_("Demo township %s: %lld workers (group A %lld, group B %lld), %zu investigators "
	    "and a lead, %zu calls over %d days from %s.\n"), ctx->settings.township, na + nb, na,
	    nb, d.nstaff - 1, d.ncalls, d.days, DEMO_START);
	demo_print_accounts(&d);
	rc = EXIT_OK;
out:
	idnum_set_free(&d.ids);
	free(d.w);
	free(d.calls);
	free(d.fu);
	free(d.fixed);
	return rc;
}
