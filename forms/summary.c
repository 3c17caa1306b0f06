/*
 * summary.c -- 汇总's counts and their titles; see summary.h.
 *
 * The Chinese texts here are data the provincial format fixes, not user
 * interface: they are never translated.
 */
#include <config.h>

#include <string.h>

#include "callform.h"
#include "form.h"
#include "summary.h"

/* Each count's title: the format's words, or the form's question (field)
 * or one of its choices (field and choice). */
static const struct {
	const char *title, *field, *choice;
} counts[REPORT_NCOUNTS] = {
	[COUNT_A_WORKERS] = { "在鄂务工人数", NULL, NULL },
	[COUNT_A_REACHED] = { "已联系", NULL, NULL },
	[COUNT_A_UNREACHED] = { "未联系上", NULL, NULL },
	[COUNT_A_UNCALLED] = { "未排查", NULL, NULL },
	[COUNT_A_HOME] = { NULL, "whereabouts", "home" },
	[COUNT_A_HUBEI] = { NULL, "whereabouts", "hubei" },
	[COUNT_A_ELSEWHERE] = { NULL, "whereabouts", "elsewhere" },
	[COUNT_B_WORKERS] = { "湖北籍在本地就业人数", NULL, NULL },
	[COUNT_B_REACHED] = { "湖北籍已联系", NULL, NULL },
	[COUNT_SYMPTOMATIC] = { "有发热等症状", NULL, NULL },
	[COUNT_URGED_DOCTOR] = { NULL, "urged_doctor", NULL },
	[COUNT_ISOLATED] = { "居家隔离中", NULL, NULL },
	[COUNT_CALLED_TODAY] = { "当日联系人数", NULL, NULL },
};

const char *
summary_form_word(const char *field, const char *key, size_t keylen)
{
	const struct field_def *f = form_field(&callform, field);

	if (f == NULL)
		return "";
	if (key == NULL)
		return f->export_label ? f->export_label : "";
	for (const struct field_choice *c = f->choices; c != NULL && c->key != NULL; c++)
		if (strlen(c->key) == keylen && strncmp(c->key, key, keylen) == 0)
			return c->export_label ? c->export_label : "";
	return "";
}

const char *
summary_count_title(enum report_count k)
{
	if ((unsigned)k >= REPORT_NCOUNTS)
		return "";
	if (counts[k].title != NULL)
		return counts[k].title;
	return summary_form_word(counts[k].field, counts[k].choice,
	    counts[k].choice ? strlen(counts[k].choice) : 0);
}

void
report_counts_add(struct report_counts *total, const struct report_counts *c)
{
	for (int i = 0; i < REPORT_NCOUNTS; i++)
		total->n[i] += c->n[i];
}
