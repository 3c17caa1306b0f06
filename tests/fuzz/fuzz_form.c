/* fuzz_form.c -- the call form's constraints (forms/form, forms/field):
 * the input's lines are KEY=VALUE answers, validated as `paicha call`
 * and the screen validate them. */
#include "config.h"

#include "forms/answers.h"
#include "forms/callform.h"
#include "forms/form.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct form_ctx ctx = { "2020-01-28", "0731" };
	struct answers *a = answers_new();
	char *s = fuzz_str(data, size), *line, *save = NULL, err[512];
	size_t at;

	for (line = strtok_r(s, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (eq == NULL)
			continue;
		*eq = '\0';
		(void)answers_set(a, line, eq + 1);
	}
	(void)form_validate_at(&callform, a, &ctx, err, sizeof err, &at);
	(void)callform_symptomatic(a);
	answers_free(a);
	free(s);
	return 0;
}
