/*
 * form.c - validation of a whole form against its table of fields.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "i18n.h"
#include "utf8.h"
#include "errmsg.h"
#include "xmalloc.h"

/* Room for a canonical value: 500 characters of 4 bytes, and some. */
#define FORM_CANON_SIZE 4096

const struct field_def *
form_field(const struct form_def *form, const char *key)
{
	const struct field_def *f;

	for (f = form->fields; f->key != NULL; f++)
		if (strcmp(f->key, key) == 0)
			return f;
	return NULL;
}

size_t
form_field_count(const struct form_def *form)
{
	size_t n = 0;

	while (form->fields[n].key != NULL)
		n++;
	return n;
}

const struct field_def *
form_field_at(const struct form_def *form, size_t i)
{
	return i < form_field_count(form) ? &form->fields[i] : NULL;
}

int
form_char_may_start(const struct field_def *f, unsigned int c)
{
	if (f->type != FIELD_TEMPERATURE && f->type != FIELD_TIME)
		return 1;
	/* ASCII and full-width digits */
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Refuse the first key of a that the form does not know. */
static int
form_check_keys(const struct form_def *form, const struct answers *a,
    char *err, size_t errlen)
{
	char quoted[64], *safe;
	size_t i;

	for (i = 0; i < answers_count(a); i++) {
		if (form_field(form, answers_key_at(a, i)) != NULL)
			continue;
		safe = utf8_sanitize(answers_key_at(a, i));
		utf8_truncate(safe, 30, quoted, sizeof quoted);
		free(safe);
		return errmsg_set(err, errlen,
		    _("unknown question '%s'; see paicha help %s"), quoted,
		    form->name);
	}
	return 0;
}

/* 1 if f counts as unanswered in a. */
static int
form_unanswered(const struct field_def *f, const struct answers *a)
{
	const char *v = answers_get(a, f->key);

	return v == NULL || (v[0] == '\0' && f->type != FIELD_MULTI);
}

/* Validate, drop and canonicalise answers in a, in definition order. */
static int
form_canonicalise(const struct form_def *form, struct answers *a,
    const struct form_ctx *ctx, char *err, size_t errlen, size_t *at)
{
	const struct field_def *f;
	char *canon, why[256];
	int rc = -1;

	canon = xmalloc(FORM_CANON_SIZE);
	for (f = form->fields; f->key != NULL; f++) {
		const char *v = answers_get(a, f->key);
		if (v == NULL)
			continue;
		if (!field_applies(f, a)) {
			answers_remove(a, f->key);
			continue;
		}
		if (field_validate(f, v, ctx, canon, FORM_CANON_SIZE, why,
		    sizeof why) < 0) {
			errmsg_set(err, errlen, "%s: %s", _(f->label), why);
			*at = (size_t)(f - form->fields);
			goto out;
		}
		if (canon[0] == '\0' && f->type != FIELD_MULTI)
			answers_remove(a, f->key);
		else
			answers_set(a, f->key, canon);
	}
	rc = 0;
out:
	free(canon);
	return rc;
}

/* Refuse the first required question that applies and has no answer. */
static int
form_check_required(const struct form_def *form, const struct answers *a,
    char *err, size_t errlen, size_t *at)
{
	const struct field_def *f;
	char keys[256];

	for (f = form->fields; f->key != NULL; f++) {
		if (!f->required || !field_applies(f, a) ||
		    !form_unanswered(f, a))
			continue;
		*at = (size_t)(f - form->fields);
		if (f->type == FIELD_CHOICE || f->type == FIELD_MULTI) {
			field_choice_keys(f, keys, sizeof keys);
			return errmsg_set(err, errlen,
			    _("%s: an answer is required (%s)"), _(f->label),
			    keys);
		}
		return errmsg_set(err, errlen, _("%s: an answer is required"),
		    _(f->label));
	}
	return 0;
}

int
form_validate(const struct form_def *form, struct answers *answers,
    const struct form_ctx *ctx, char *err, size_t errlen)
{
	size_t field;

	return form_validate_at(form, answers, ctx, err, errlen, &field);
}

int
form_validate_at(const struct form_def *form, struct answers *answers,
    const struct form_ctx *ctx, char *err, size_t errlen, size_t *field)
{
	struct answers *work;
	size_t i;
	int rc = -1;

	*field = form_field_count(form);
	if (form_check_keys(form, answers, err, errlen) < 0)
		return -1;
	work = answers_copy(answers);
	if (form_canonicalise(form, work, ctx, err, errlen, field) < 0)
		goto out;
	if (form->defaults != NULL &&
	    form->defaults(work, ctx, err, errlen) < 0)
		goto out;
	if (form_check_required(form, work, err, errlen, field) < 0)
		goto out;
	if (form->check != NULL && form->check(work, ctx, err, errlen) < 0)
		goto out;
	/* success: answers become the canonical ones, in definition order */
	answers_clear(answers);
	for (i = 0; i < form_field_count(form); i++) {
		const char *v = answers_get(work, form->fields[i].key);
		if (v != NULL)
			answers_set(answers, form->fields[i].key, v);
	}
	rc = 0;
out:
	answers_free(work);
	return rc;
}
