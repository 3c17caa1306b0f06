/*
 * pattern.c - field constraints as anchored PCRE2 patterns.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pattern.h"
#include "xmalloc.h"

/* A runaway pattern gives up after this many backtracking steps. */
#define PATTERN_MATCH_LIMIT 1000000

struct pattern {
	pcre2_code *code;
	pcre2_match_context *mctx;
	char *message;
};

struct pattern *
pattern_new(const char *regex, const char *message, char *err, size_t errlen)
{
	struct pattern *p;
	PCRE2_SIZE erroffset;
	PCRE2_UCHAR pcre_msg[256];
	int errcode;

	p = xcalloc(1, sizeof *p);
	p->code = pcre2_compile((PCRE2_SPTR)regex, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_ENDANCHORED |
	    PCRE2_NEVER_BACKSLASH_C, &errcode, &erroffset, NULL);
	if (p->code == NULL) {
		pcre2_get_error_message(errcode, pcre_msg, sizeof pcre_msg);
		if (err != NULL && errlen > 0)
			snprintf(err, errlen,
			    _("bad constraint pattern at character %zu: %s"),
			    (size_t)erroffset + 1, (const char *)pcre_msg);
		pattern_free(p);
		return NULL;
	}
	/* JIT is an optimisation: without it matching is merely slower */
	(void)pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE);
	p->mctx = pcre2_match_context_create(NULL);
	if (p->mctx == NULL)
		fatal("out of memory (a PCRE2 match context)");
	pcre2_set_match_limit(p->mctx, PATTERN_MATCH_LIMIT);
	if (message != NULL)
		p->message = xstrdup(message);
	return p;
}

int
pattern_match(const struct pattern *p, const char *subject)
{
	pcre2_match_data *md;
	int rc;

	md = pcre2_match_data_create_from_pattern(p->code, NULL);
	if (md == NULL)
		return 0;
	rc = pcre2_match(p->code, (PCRE2_SPTR)subject, PCRE2_ZERO_TERMINATED,
	    0, 0, md, p->mctx);
	pcre2_match_data_free(md);
	return rc >= 0;
}

const char *
pattern_message(const struct pattern *p)
{
	return p->message != NULL ? p->message : "";
}

void
pattern_free(struct pattern *p)
{
	if (p == NULL)
		return;
	pcre2_match_context_free(p->mctx);
	pcre2_code_free(p->code);
	free(p->message);
	free(p);
}
