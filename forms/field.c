/*
 * field.c - validation and canonicalisation of one answer.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "field.h"
#include "i18n.h"
#include "idnum.h"
#include "pattern.h"
#include "phone.h"
#include "utf8.h"
#include "xmalloc.h"
#include "errmsg.h"

/* Copy value into canon, or fail if it does not fit. */
static int
field_put(char *canon, size_t canonsz, const char *value, char *err,
    size_t errlen)
{
	size_t len = strlen(value);

	if (len >= canonsz)
		return errmsg_set(err, errlen, "%s", _("too long"));
	memcpy(canon, value, len + 1);
	return 0;
}

/* Case-insensitive comparison of ASCII letters; other bytes exact. */
static int
field_same(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* Folded, trimmed copy of typed (caller frees). */
static char *
field_clean(const char *typed)
{
	char *folded = utf8_fold_fullwidth(typed), *trimmed;

	trimmed = utf8_trim(folded);
	free(folded);
	return trimmed;
}

/* Sanitised, trimmed copy of free text: line breaks and tabs become
 * spaces, other controls and bidi characters go.  Caller frees. */
static char *
field_clean_text(const char *typed)
{
	char *spaced, *safe, *trimmed, *p;

	spaced = xstrdup(typed);
	for (p = spaced; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	safe = utf8_sanitize(spaced);
	free(spaced);
	trimmed = utf8_trim(safe);
	free(safe);
	return trimmed;
}

/* A short, safe quotation of what was typed, for messages. */
static void
field_quote(const char *typed, char *out, size_t size)
{
	char *safe = utf8_sanitize(typed);

	if (safe == NULL) {
		out[0] = '\0';
		return;
	}
	utf8_truncate(safe, 20, out, size);
	free(safe);
}

const char *
field_type_name(enum field_type type)
{
	switch (type) {
	case FIELD_TEXT: return "text";
	case FIELD_DATE: return "date";
	case FIELD_TIME: return "time";
	case FIELD_TEMPERATURE: return "temperature";
	case FIELD_CHOICE: return "choice";
	case FIELD_MULTI: return "multi";
	case FIELD_PHONE: return "phone";
	case FIELD_IDNUM: return "idnum";
	case FIELD_YESNO: return "yesno";
	}
	return "?";
}

int
field_applies(const struct field_def *f, const struct answers *a)
{
	return f->applies == NULL || f->applies(a);
}

const struct field_choice *
field_choice_by_key(const struct field_def *f, const char *key)
{
	const struct field_choice *c;

	for (c = f->choices; c != NULL && c->key != NULL; c++)
		if (strcmp(c->key, key) == 0)
			return c;
	return NULL;
}

const struct field_choice *
field_choice_find(const struct field_def *f, const char *typed)
{
	const struct field_choice *c;
	char *s = field_clean(typed);

	for (c = f->choices; c != NULL && c->key != NULL; c++) {
		if (field_same(s, c->key) || field_same(s, c->label) ||
		    strcmp(s, _(c->label)) == 0 ||
		    (c->export_label != NULL &&
		    strcmp(s, c->export_label) == 0) ||
		    (c->hotkey != 0 && s[1] == '\0' &&
		    field_same(s, (char[]){ c->hotkey, '\0' })))
			break;
	}
	free(s);
	return c != NULL && c->key != NULL ? c : NULL;
}

void
field_choice_keys(const struct field_def *f, char *buf, size_t size)
{
	const struct field_choice *c;
	size_t len = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (c = f->choices; c != NULL && c->key != NULL; c++) {
		int n = snprintf(buf + len, size - len, "%s%s",
		    c == f->choices ? "" : ", ", c->key);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
}

/* Refuse typed as not one of f's choices. */
static int
field_not_a_choice(const struct field_def *f, const char *typed, char *err,
    size_t errlen)
{
	char keys[256], quoted[64];

	field_choice_keys(f, keys, sizeof keys);
	field_quote(typed, quoted, sizeof quoted);
	return errmsg_set(err, errlen, _("'%s' is not one of: %s"), quoted,
	    keys);
}

/* FIELD_MULTI: split on , ; 、 and canonicalise in definition order. */
static int
field_validate_multi(const struct field_def *f, const char *s, char *canon,
    size_t canonsz, char *err, size_t errlen)
{
	const struct field_choice *c;
	unsigned long long chosen = 0;
	size_t len = 0, i, o;
	char *copy, *item, *next;
	int rc = -1;

	if (*s == '\0' || field_same(s, "none") || strcmp(s, "无") == 0 ||
	    strcmp(s, "没有") == 0 || strcmp(s, _("none")) == 0)
		return field_put(canon, canonsz, "", err, errlen);
	copy = xmalloc(strlen(s) + 1);
	/* one separator: 、 and ; become , */
	for (i = 0, o = 0; s[i] != '\0'; i++) {
		if (strncmp(s + i, "、", 3) == 0) {
			copy[o++] = ',';
			i += 2;
		} else
			copy[o++] = s[i] == ';' ? ',' : s[i];
	}
	copy[o] = '\0';
	for (item = copy; item != NULL; item = next) {
		next = strchr(item, ',');
		if (next != NULL)
			*next++ = '\0';
		if (strspn(item, " ") == strlen(item))
			continue;
		c = field_choice_find(f, item);
		if (c == NULL) {
			field_not_a_choice(f, item, err, errlen);
			goto out;
		}
		if (c - f->choices >= 64) {
			errmsg_set(err, errlen, "%s", _("too many choices"));
			goto out;
		}
		chosen |= 1ULL << (c - f->choices);
	}
	canon[0] = '\0';
	for (c = f->choices; c != NULL && c->key != NULL &&
	    c - f->choices < 64; c++) {
		if (!(chosen & (1ULL << (c - f->choices))))
			continue;
		if (len + strlen(c->key) + 2 > canonsz) {
			errmsg_set(err, errlen, "%s", _("too long"));
			goto out;
		}
		len += (size_t)sprintf(canon + len, "%s%s", len ? "," : "",
		    c->key);
	}
	rc = 0;
out:
	free(copy);
	return rc;
}

/* FIELD_YESNO: yes/y/是/有 or no/n/否/无/没有. */
static int
field_validate_yesno(const char *s, char *canon, size_t canonsz, char *err,
    size_t errlen)
{
	if (field_same(s, "yes") || field_same(s, "y") ||
	    strcmp(s, "是") == 0 || strcmp(s, "有") == 0 ||
	    strcmp(s, _("yes")) == 0)
		return field_put(canon, canonsz, "yes", err, errlen);
	if (field_same(s, "no") || field_same(s, "n") ||
	    strcmp(s, "否") == 0 || strcmp(s, "无") == 0 ||
	    strcmp(s, "没有") == 0 || strcmp(s, _("no")) == 0)
		return field_put(canon, canonsz, "no", err, errlen);
	return errmsg_set(err, errlen, "%s", _("answer yes or no (是/否)"));
}

/* FIELD_TEXT: sanitised, at most max_chars characters. */
static int
field_validate_text(const struct field_def *f, const char *typed,
    char *canon, size_t canonsz, char *err, size_t errlen)
{
	char *s = field_clean_text(typed);
	size_t chars;
	int rc;

	chars = utf8_chars(s);
	if (f->max_chars > 0 && chars > (size_t)f->max_chars)
		rc = errmsg_set(err, errlen,
		    _("too long: at most %d characters, this has %zu"),
		    f->max_chars, chars);
	else
		rc = field_put(canon, canonsz, s, err, errlen);
	free(s);
	return rc;
}

/* The type-specific part of field_validate(); s is folded and trimmed. */
static int
field_validate_type(const struct field_def *f, const char *typed,
    const char *s, const struct form_ctx *ctx, char *canon, size_t canonsz,
    char *err, size_t errlen)
{
	const struct field_choice *c;
	struct phone phone;
	struct idnum id;
	char buf[64];
	double t;

	switch (f->type) {
	case FIELD_TEXT:
		return field_validate_text(f, typed, canon, canonsz, err,
		    errlen);
	case FIELD_DATE:
		if (date_parse(s, ctx->today, buf, err, errlen) < 0)
			return -1;
		if (f->not_after_today && ctx->today != NULL &&
		    date_cmp(buf, ctx->today) > 0)
			return errmsg_set(err, errlen,
			    _("%s is in the future: today is %s"), buf,
			    ctx->today);
		return field_put(canon, canonsz, buf, err, errlen);
	case FIELD_TIME:
		if (time_parse(s, buf, err, errlen) < 0)
			return -1;
		return field_put(canon, canonsz, buf, err, errlen);
	case FIELD_TEMPERATURE:
		if (temperature_parse(s, &t, err, errlen) < 0)
			return -1;
		temperature_format(t, buf);
		return field_put(canon, canonsz, buf, err, errlen);
	case FIELD_CHOICE:
		c = field_choice_find(f, s);
		if (c == NULL)
			return field_not_a_choice(f, s, err, errlen);
		return field_put(canon, canonsz, c->key, err, errlen);
	case FIELD_MULTI:
		return field_validate_multi(f, s, canon, canonsz, err, errlen);
	case FIELD_PHONE:
		if (phone_parse(s, ctx->area_code, &phone) < 0)
			return errmsg_set(err, errlen, "%s", phone.reason);
		if (phone.extension[0] != '\0')
			snprintf(buf, sizeof buf, "%s;ext=%s", phone.e164,
			    phone.extension);
		else
			snprintf(buf, sizeof buf, "%s", phone.e164);
		return field_put(canon, canonsz, buf, err, errlen);
	case FIELD_IDNUM:
		if (idnum_parse(s, ctx->today, &id, err, errlen) < 0)
			return -1;
		return field_put(canon, canonsz, id.number, err, errlen);
	case FIELD_YESNO:
		return field_validate_yesno(s, canon, canonsz, err, errlen);
	}
	return errmsg_set(err, errlen, "%s", _("unknown kind of question"));
}

int
field_validate(const struct field_def *f, const char *typed,
    const struct form_ctx *ctx, char *canon, size_t canonsz, char *err,
    size_t errlen)
{
	struct pattern *p = NULL;
	char *s;
	int rc = -1;

	if (canonsz == 0)
		return errmsg_set(err, errlen, "%s", _("too long"));
	canon[0] = '\0';
	s = field_clean(typed != NULL ? typed : "");
	if (*s == '\0' && f->type != FIELD_MULTI) {
		rc = 0;
		goto out;
	}
	if (field_validate_type(f, typed != NULL ? typed : "", s, ctx,
	    canon, canonsz, err, errlen) < 0)
		goto out;
	if (f->constraint != NULL && canon[0] != '\0') {
		char perr[160];
		p = pattern_new(f->constraint, NULL, perr, sizeof perr);
		if (p == NULL) {
			errmsg_set(err, errlen, "%s", perr);
			goto out;
		}
		if (!pattern_match(p, canon)) {
			errmsg_set(err, errlen, "%s",
			    f->constraint_message != NULL ?
			    _(f->constraint_message) :
			    _("not in the expected form"));
			goto out;
		}
	}
	rc = 0;
out:
	if (rc < 0)
		canon[0] = '\0';
	pattern_free(p);
	free(s);
	return rc;
}

/* A canonical answer as people read it; see field.h. */
void
field_value_text(const struct field_def *f, const char *value, char *out, size_t outsz)
{
	size_t len = 0;

	out[0] = '\0';
	if (value == NULL)
		return;
	if (f->type == FIELD_YESNO) {
		snprintf(out, outsz, "%s", strcmp(value, "yes") == 0 ? _("yes") :
		    strcmp(value, "no") == 0 ? _("no") : value);
		return;
	}
	if (f->type != FIELD_CHOICE && f->type != FIELD_MULTI) {
		snprintf(out, outsz, "%s", value);
		return;
	}
	if (f->type == FIELD_MULTI && value[0] == '\0') {
		snprintf(out, outsz, "%s", _("none"));
		return;
	}
	for (const struct field_choice *c = f->choices; c && c->key; c++) {
		size_t kl = strlen(c->key);
		const char *p = value;
		int on = 0;

		while (p && *p) {
			if (strncmp(p, c->key, kl) == 0 && (p[kl] == ',' || p[kl] == '\0'))
				on = 1;
			p = strchr(p, ',');
			if (p)
				p++;
		}
		if (on && len < outsz) {
			snprintf(out + len, outsz - len, "%s%s", len ? ", " : "", _(c->label));
			len = strlen(out);
		}
	}
}
