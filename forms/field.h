/*
 * field.h - one question of a form, defined as data, and how a typed
 * answer to it becomes a canonical value.
 *
 * Labels are English msgids marked with N_(); show them through _().
 * Choices are matched by key, English label, translated label, Chinese
 * export label or hotkey.  The canonical forms are listed in answers.h.
 */
#ifndef PAICHA_FORMS_FIELD_H
#define PAICHA_FORMS_FIELD_H

#include <stddef.h>

#include "answers.h"

enum field_type {
	FIELD_TEXT,
	FIELD_DATE,
	FIELD_TIME,
	FIELD_TEMPERATURE,
	FIELD_CHOICE,
	FIELD_MULTI,
	FIELD_PHONE,
	FIELD_IDNUM,
	FIELD_YESNO
};

struct field_choice {
	const char *key;
	const char *label;              /* N_() English msgid */
	char hotkey;                    /* 0 = none */
	const char *export_label;       /* fixed Chinese text, or NULL */
};

struct field_def {
	const char *key;                /* storage key and `paicha call KEY=VALUE` key */
	enum field_type type;
	const char *label;              /* N_() English msgid */
	const char *export_label;       /* fixed Chinese text for the provincial export or NULL */
	const struct field_choice *choices; /* terminated by key == NULL */
	int required;                   /* required whenever it applies */
	int max_chars;                  /* FIELD_TEXT: limit in characters; 0 = none */
	const char *constraint;         /* PCRE2 regex on the canonical value, or NULL */
	const char *constraint_message; /* N_() msgid shown when it fails */
	int (*applies)(const struct answers *); /* NULL = always; may look only
	                                           at questions defined earlier */
	int not_after_today;            /* FIELD_DATE: refuse dates after ctx->today */
};

/* What validation needs to know about the world. */
struct form_ctx {
	const char *today;              /* "YYYY-MM-DD", Asia/Shanghai */
	const char *area_code;          /* for local phone numbers, e.g. "0731"; may be NULL */
};

/* Turn typed into the canonical value of f in canon (canonsz bytes).
 * Returns 0, with canon "" when nothing was typed (for FIELD_MULTI ""
 * also means "asked, none", as does "none"); -1 with a message in err
 * (without the label) saying what is wrong and what to type. */
int field_validate(const struct field_def *f, const char *typed,
    const struct form_ctx *ctx, char *canon, size_t canonsz, char *err,
    size_t errlen);

/* The choice of f that typed names (key, label, Chinese label or hotkey),
 * or NULL. */
const struct field_choice *field_choice_find(const struct field_def *f,
    const char *typed);

/* The choice of f with this key, or NULL. */
const struct field_choice *field_choice_by_key(const struct field_def *f,
    const char *key);

/* "reached, no-answer, busy" - the choice keys of f, for messages and
 * help; truncated to size. */
void field_choice_keys(const struct field_def *f, char *buf, size_t size);

/* "text", "date", ... (untranslated, for `paicha help call`). */
const char *field_type_name(enum field_type type);

/* A canonical answer as people read it: choice keys as their translated
 * labels (several joined by ", "), yes/no translated, "" for multi as
 * "none", other values as stored.  out is always terminated. */
void field_value_text(const struct field_def *f, const char *value, char *out,
    size_t outsz);

/* 1 if f applies given the answers so far. */
int field_applies(const struct field_def *f, const struct answers *a);

#endif
