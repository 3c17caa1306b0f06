/*
 * form.h - a form is a table of field_def (field.h) plus two optional
 * hooks: defaults filled in after validation, and cross-question checks.
 * The screen, `paicha call KEY=VALUE` and `paicha help call` all walk the
 * same table.
 */
#ifndef PAICHA_FORMS_FORM_H
#define PAICHA_FORMS_FORM_H

#include <stddef.h>

#include "answers.h"
#include "field.h"

struct form_def {
	const char *name;
	const struct field_def *fields;         /* terminated by key == NULL */
	/* fill answers that may be derived from others; 0 or -1 with err */
	int (*defaults)(struct answers *, const struct form_ctx *, char *err,
	    size_t errlen);
	/* rules across questions; 0 or -1 with err (label included) */
	int (*check)(const struct answers *, const struct form_ctx *,
	    char *err, size_t errlen);
};

/* The field with this key, or NULL. */
const struct field_def *form_field(const struct form_def *form,
    const char *key);

/* Number of fields, and the i-th in definition order (NULL past the end). */
size_t form_field_count(const struct form_def *form);
const struct field_def *form_field_at(const struct form_def *form, size_t i);

/* May typed character c (a wide character) begin an answer to f?  A
 * temperature or a time begins with a digit; anything may begin the
 * others (a date may be "yesterday" or "昨天").  A screen refuses the
 * keystroke in place otherwise, so that letters meant for a choice above
 * never land in the next field. */
int form_char_may_start(const struct field_def *f, unsigned int c);

/*
 * Validate and canonicalise every answer, in definition order: refuse
 * unknown keys ("unknown question 'foo'; see paicha help call"), drop
 * answers to questions that do not apply, fill defaults, then require the
 * required questions that apply.  Fails naming the question's label and
 * why ("Return date: 2020-02-30 is not a date").  On failure the answers
 * are left as they were.  Returns 0 or -1.
 */
int form_validate(const struct form_def *form, struct answers *answers,
    const struct form_ctx *ctx, char *err, size_t errlen);
/* form_validate(), and on failure *field = the index of the question that
 * failed, or form_field_count() when no one question did (an unknown key,
 * a cross-question check). */
int form_validate_at(const struct form_def *form, struct answers *answers,
    const struct form_ctx *ctx, char *err, size_t errlen, size_t *field);

#endif
