/*
 * casestate.c -- folding a case's calls into its state; see casestate.h.
 *
 * casestate_apply() runs once per call for every worker in the as-of
 * export (a million workers), so it allocates nothing and copies strings
 * with bounded memcpy.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db/casestate.h"
#include "forms/answers.h"
#include "forms/callform.h"

static const char *const outcome_names[] = {
	"reached", "no-answer", "busy", "off", "out-of-service", "wrong-number", "refused",
};

static const char *const contact_names[] = {
	"uncalled", "unreached", "reached", "unreachable",
};

#define N_OUTCOMES ((int)(sizeof outcome_names / sizeof outcome_names[0]))
#define N_CONTACTS ((int)(sizeof contact_names / sizeof contact_names[0]))

const char *
call_outcome_name(enum call_outcome o)
{
	if ((int)o < 0 || (int)o >= N_OUTCOMES)
		return "";
	return outcome_names[o];
}

int
call_outcome_parse(const char *s, enum call_outcome *out)
{
	for (int i = 0; i < N_OUTCOMES; i++)
		if (s != NULL && strcmp(s, outcome_names[i]) == 0) {
			*out = (enum call_outcome)i;
			return 0;
		}
	return -1;
}

const char *
contact_state_name(enum contact_state c)
{
	if ((int)c < 0 || (int)c >= N_CONTACTS)
		return "";
	return contact_names[c];
}

int
contact_state_parse(const char *s, enum contact_state *out)
{
	for (int i = 0; i < N_CONTACTS; i++)
		if (s != NULL && strcmp(s, contact_names[i]) == 0) {
			*out = (enum contact_state)i;
			return 0;
		}
	return -1;
}

void
casestate_init(struct case_state *s)
{
	memset(s, 0, sizeof *s);
	s->contact = CONTACT_UNCALLED;
	s->last_outcome = OUTCOME_NONE;
}

/* Copy src (NULL = "") into dst of size sz, truncated at a UTF-8 character
 * boundary so that a cut never leaves half a character. */
static void
put(char *dst, size_t sz, const char *src)
{
	size_t n;

	if (src == NULL) {
		dst[0] = '\0';
		return;
	}
	n = strlen(src);
	if (n >= sz) {
		n = sz - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Override dst with answer key when the call has it. */
static void
take(char *dst, size_t sz, const struct answers *a, const char *key)
{
	const char *v = answers_get(a, key);

	if (v != NULL)
		put(dst, sz, v);
}

/* Fold the answers of a reached call into the state. */
static void
apply_answers(struct case_state *s, const struct answers *a)
{
	const char *v;

	/* Where the worker is: the four answers belong together.  A call that
	 * says the worker is somewhere else now drops the old return date,
	 * transport and city; one that says the same keeps what it does not
	 * ask again (a daily check does not re-ask the transport). */
	if ((v = answers_get(a, "whereabouts")) != NULL && strcmp(v, s->whereabouts) != 0) {
		put(s->whereabouts, sizeof s->whereabouts, v);
		put(s->return_date, sizeof s->return_date, NULL);
		put(s->transport, sizeof s->transport, NULL);
		put(s->place, sizeof s->place, NULL);
	}
	take(s->return_date, sizeof s->return_date, a, "return_date");
	take(s->transport, sizeof s->transport, a, "transport");
	take(s->place, sizeof s->place, a, "hubei_city");
	take(s->place, sizeof s->place, a, "elsewhere_place");
	take(s->isolation_start, sizeof s->isolation_start, a, "isolation_start");
	take(s->isolation_end, sizeof s->isolation_end, a, "isolation_end");
	take(s->work_plan, sizeof s->work_plan, a, "work_plan");
	if ((v = answers_get(a, "note")) != NULL && v[0] != '\0')
		put(s->note, sizeof s->note, v);
	if (answers_get(a, "symptoms") != NULL || answers_get(a, "temperature") != NULL) {
		s->health_asked = 1;
		put(s->symptoms, sizeof s->symptoms, answers_get(a, "symptoms"));
		put(s->temperature, sizeof s->temperature, answers_get(a, "temperature"));
		put(s->onset_date, sizeof s->onset_date, answers_get(a, "onset_date"));
		s->symptomatic = callform_symptomatic(a);
	}
	if ((v = answers_get(a, "urged_doctor")) != NULL && strcmp(v, "yes") == 0)
		s->urged_doctor = 1;
	/* reassured while in Hubei; a later call that finds them elsewhere ends it */
	if (strcmp(s->whereabouts, "hubei") != 0)
		s->reassured = 0;
	else if ((v = answers_get(a, "advice")) != NULL && strstr(v, "reassure") != NULL)
		s->reassured = 1;
}

const struct case_number *
casestate_number(const struct case_state *s, const char *e164)
{
	for (int i = 0; e164 != NULL && i < s->nnumbers; i++)
		if (strcmp(s->numbers[i].e164, e164) == 0)
			return &s->numbers[i];
	return NULL;
}

int
casestate_number_spent(const struct case_number *n, int max_attempts)
{
	return n != NULL && (n->mark != OUTCOME_NONE || n->failed >= max_attempts);
}

int
casestate_next_number(const struct case_state *s, const char *const *numbers, size_t n,
    int max_attempts)
{
	int best = -1, best_failed = 0;

	for (size_t i = 0; i < n; i++) {
		const struct case_number *k = casestate_number(s, numbers[i]);
		int failed = k != NULL ? k->failed : 0;
		if (casestate_number_spent(k, max_attempts))
			continue;
		if (best < 0 || failed < best_failed) {
			best = (int)i;
			best_failed = failed;
		}
	}
	return best >= 0 ? best : n > 0 ? 0 : -1;
}

/* The fold's record of the number a call went to, made on first use. */
static struct case_number *
number_of_call(struct case_state *s, const struct case_call *c)
{
	const char *e164 = c->phone;
	struct case_number *k;

	if ((e164 == NULL || e164[0] == '\0') && c->numbers != NULL && c->nnumbers > 0)
		e164 = c->numbers[0];
	if (e164 == NULL || e164[0] == '\0')
		return NULL;
	if ((k = (struct case_number *)casestate_number(s, e164)) != NULL)
		return k;
	if (s->nnumbers == CASESTATE_MAX_NUMBERS)
		return &s->numbers[CASESTATE_MAX_NUMBERS - 1];
	k = &s->numbers[s->nnumbers++];
	put(k->e164, sizeof k->e164, e164);
	k->failed = 0;
	k->mark = OUTCOME_NONE;
	k->mark_at = 0;
	return k;
}

/* Has every number the worker had at the time of c been spent? */
static int
numbers_spent(const struct case_state *s, const struct case_call *c, int max_attempts)
{
	if (c->numbers == NULL || c->nnumbers == 0)
		return s->failed >= max_attempts;
	for (size_t i = 0; i < c->nnumbers; i++)
		if (!casestate_number_spent(casestate_number(s, c->numbers[i]), max_attempts))
			return 0;
	return 1;
}

void
casestate_apply(struct case_state *s, const struct case_call *c, int max_attempts)
{
	struct case_number *k = number_of_call(s, c);

	s->calls++;
	s->last_call_at = c->at;
	s->last_outcome = c->outcome;
	if (c->outcome == OUTCOME_REACHED) {
		s->contact = CONTACT_REACHED;
		s->failed = 0;
		for (int i = 0; i < s->nnumbers; i++)
			s->numbers[i].failed = 0;
		if (k != NULL) {
			k->mark = OUTCOME_NONE;
			k->mark_at = 0;
		}
		if (s->first_reached_at == 0)
			s->first_reached_at = c->at;
		if (c->answers != NULL)
			apply_answers(s, c->answers);
		return;
	}
	s->failed++;
	if (k != NULL) {
		k->failed++;
		if (c->outcome == OUTCOME_WRONG_NUMBER || c->outcome == OUTCOME_OUT_OF_SERVICE) {
			k->mark = c->outcome;
			k->mark_at = c->at;
		}
	}
	if (s->contact != CONTACT_REACHED)
		s->contact = numbers_spent(s, c, max_attempts) ? CONTACT_UNREACHABLE :
		    CONTACT_UNREACHED;
}

/* Set key to value in a unless a has it or value is empty. */
static int
known(struct answers *a, const char *key, const char *value)
{
	if (value[0] == '\0' || answers_get(a, key) != NULL)
		return 0;
	return answers_set(a, key, value);
}

int
casestate_known_answers(const struct case_state *s, struct answers *a)
{
	const char *place_key = strcmp(s->whereabouts, "hubei") == 0 ? "hubei_city" :
	    strcmp(s->whereabouts, "elsewhere") == 0 ? "elsewhere_place" : NULL;

	if (s->contact != CONTACT_REACHED || s->whereabouts[0] == '\0')
		return 0;
	/* a different whereabouts typed now makes the old place moot */
	if (answers_get(a, "whereabouts") != NULL &&
	    strcmp(answers_get(a, "whereabouts"), s->whereabouts) != 0)
		return 0;
	if (known(a, "whereabouts", s->whereabouts) != 0 ||
	    known(a, "return_date", s->return_date) != 0 ||
	    (place_key != NULL && known(a, place_key, s->place) != 0) ||
	    known(a, "isolation_start", s->isolation_start) != 0 ||
	    known(a, "isolation_end", s->isolation_end) != 0)
		return -1;
	return 0;
}

int
casestate_isolated_on(const struct case_state *s, const char *date)
{
	if (s->isolation_start[0] == '\0' || s->isolation_end[0] == '\0' || date == NULL)
		return 0;
	/* Canonical dates compare as strings. */
	return strcmp(s->isolation_start, date) <= 0 && strcmp(date, s->isolation_end) <= 0;
}

/* Report one field's difference to report(); 1 if they differ. */
static int
diff_str(const char *field, const char *a, const char *b,
    void (*report)(void *, const char *field, const char *text), void *arg)
{
	char text[2200];

	if (strcmp(a, b) == 0)
		return 0;
	snprintf(text, sizeof text, "%s: '%s' vs '%s'", field, a, b);
	report(arg, field, text);
	return 1;
}

static int
diff_int(const char *field, long long a, long long b,
    void (*report)(void *, const char *field, const char *text), void *arg)
{
	char text[128];

	if (a == b)
		return 0;
	snprintf(text, sizeof text, "%s: %lld vs %lld", field, a, b);
	report(arg, field, text);
	return 1;
}

int
casestate_diff_each(const struct case_state *a, const struct case_state *b,
    void (*report)(void *, const char *field, const char *text), void *arg)
{
	int n = 0;

	n += diff_str("contact", contact_state_name(a->contact), contact_state_name(b->contact),
	    report, arg);
	n += diff_int("calls", a->calls, b->calls, report, arg);
	n += diff_int("failed", a->failed, b->failed, report, arg);
	n += diff_int("last_call_at", (long long)a->last_call_at, (long long)b->last_call_at,
	    report, arg);
	n += diff_str("last_outcome", call_outcome_name(a->last_outcome),
	    call_outcome_name(b->last_outcome), report, arg);
	n += diff_int("first_reached_at", (long long)a->first_reached_at,
	    (long long)b->first_reached_at, report, arg);
	n += diff_str("whereabouts", a->whereabouts, b->whereabouts, report, arg);
	n += diff_str("return_date", a->return_date, b->return_date, report, arg);
	n += diff_str("transport", a->transport, b->transport, report, arg);
	n += diff_str("place", a->place, b->place, report, arg);
	n += diff_int("health_asked", a->health_asked, b->health_asked, report, arg);
	n += diff_str("symptoms", a->symptoms, b->symptoms, report, arg);
	n += diff_str("temperature", a->temperature, b->temperature, report, arg);
	n += diff_str("onset_date", a->onset_date, b->onset_date, report, arg);
	n += diff_int("symptomatic", a->symptomatic, b->symptomatic, report, arg);
	n += diff_int("urged_doctor", a->urged_doctor, b->urged_doctor, report, arg);
	n += diff_str("isolation_start", a->isolation_start, b->isolation_start, report, arg);
	n += diff_str("isolation_end", a->isolation_end, b->isolation_end, report, arg);
	n += diff_str("work_plan", a->work_plan, b->work_plan, report, arg);
	n += diff_str("note", a->note, b->note, report, arg);
	return n;
}

struct first_diff {
	char *buf;
	size_t len;
	int seen;
};

static void
keep_first(void *arg, const char *field, const char *text)
{
	struct first_diff *f = arg;

	(void)field;
	if (f->seen++ == 0 && f->len > 0)
		snprintf(f->buf, f->len, "%s", text);
}

int
casestate_diff(const struct case_state *a, const struct case_state *b, char *diff,
    size_t difflen)
{
	struct first_diff f = { diff, difflen, 0 };

	if (difflen > 0)
		diff[0] = '\0';
	return casestate_diff_each(a, b, keep_first, &f) > 0;
}
