/*
 * callform.c - the call form's questions, as data.
 *
 * Order matters: a question's applies() looks only at questions above it,
 * which form_validate() has already canonicalised.  Keys are storage keys
 * and `paicha call KEY=VALUE` keys: never rename one.  Chinese texts are
 * the fixed wording of the provincial report (provincial-format.md §6).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdio.h>
#include <string.h>

#include "callform.h"
#include "dates.h"
#include "i18n.h"

/* 1 if answer key equals value. */
static int
callform_is(const struct answers *a, const char *key, const char *value)
{
	const char *v = answers_get(a, key);

	return v != NULL && strcmp(v, value) == 0;
}

/* The worker answered the phone. */
static int
callform_reached(const struct answers *a)
{
	return callform_is(a, "outcome", "reached");
}

/* Reached and back home. */
static int
callform_home(const struct answers *a)
{
	return callform_reached(a) && callform_is(a, "whereabouts", "home");
}

/* Reached and still in Hubei. */
static int
callform_in_hubei(const struct answers *a)
{
	return callform_reached(a) && callform_is(a, "whereabouts", "hubei");
}

/* Reached and somewhere else. */
static int
callform_elsewhere(const struct answers *a)
{
	return callform_reached(a) &&
	    callform_is(a, "whereabouts", "elsewhere");
}

/* Reached and reporting at least one symptom. */
static int
callform_any_symptom(const struct answers *a)
{
	const char *v = answers_get(a, "symptoms");

	return callform_reached(a) && v != NULL && v[0] != '\0';
}

static const struct field_choice callform_outcomes[] = {
	{ "reached", N_("Reached"), 'r', "已接通" },
	{ "no-answer", N_("No answer"), 'n', "无人接听" },
	{ "busy", N_("Busy"), 'b', "占线" },
	{ "off", N_("Powered off"), 'o', "关机" },
	{ "out-of-service", N_("Out of service"), 's', "停机" },
	{ "wrong-number", N_("Wrong number"), 'w', "号码错误" },
	{ "refused", N_("Refused"), 'f', "拒绝配合" },
	{ NULL, NULL, 0, NULL }
};

static const struct field_choice callform_whereabouts[] = {
	{ "home", N_("Returned home"), 'h', "已返乡" },
	{ "hubei", N_("Still in Hubei"), 'b', "仍在湖北" },
	{ "elsewhere", N_("Elsewhere"), 'e', "在其他地区" },
	{ "never-left", N_("Never left"), 'n', "未外出" },
	{ NULL, NULL, 0, NULL }
};

static const struct field_choice callform_transports[] = {
	{ "rail", N_("Rail"), 'r', "铁路" },
	{ "air", N_("Air"), 'a', "飞机" },
	{ "coach", N_("Coach"), 'c', "客车" },
	{ "car", N_("Own car"), 'd', "自驾" },
	{ "other", N_("Other"), 'o', "其他" },
	{ NULL, NULL, 0, NULL }
};

static const struct field_choice callform_symptoms[] = {
	{ "fever", N_("Fever"), 'f', "发热" },
	{ "cough", N_("Cough"), 'c', "咳嗽" },
	{ "fatigue", N_("Fatigue"), 't', "乏力" },
	{ "sore-throat", N_("Sore throat"), 's', "咽痛" },
	{ "short-breath", N_("Short of breath"), 'b', "气促" },
	{ "diarrhea", N_("Diarrhea"), 'd', "腹泻" },
	{ "other", N_("Other"), 'o', "其他" },
	{ NULL, NULL, 0, NULL }
};

static const struct field_choice callform_advice[] = {
	{ "isolation", N_("Isolation reminder"), 'i', "居家隔离提醒" },
	{ "no-hubei-travel", N_("No travel to Hubei"), 'h', "不去湖北" },
	/* the notice: reassure those still in Hubei (做好思想安抚) */
	{ "reassure", N_("Reassured (still in Hubei)"), 'r', "思想安抚" },
	{ NULL, NULL, 0, NULL }
};

static const struct field_choice callform_work_plans[] = {
	{ "back-soon", N_("Back to work soon"), 'b', "近期返岗" },
	{ "postponed", N_("Return postponed"), 'p', "暂缓返岗" },
	{ "needs-job", N_("Needs a job"), 'j', "需要岗位推荐" },
	{ "other", N_("Other"), 'o', "其他" },
	{ NULL, NULL, 0, NULL }
};

/* What a reached call was for: a follow-up call names it, so that what the
 * follow-up needs is asked (a health check: temperature and symptoms). */
static const struct field_choice callform_purposes[] = {
	{ "health", N_("Health check"), 'h', "健康随访" },
	{ "medical", N_("Medical follow-up"), 'm', "就医跟进" },
	{ "job", N_("Job recommendation"), 'j', "岗位推荐" },
	{ "callback", N_("Callback"), 'c', "回拨" },
	{ NULL, NULL, 0, NULL }
};

/* The questions after the whereabouts, the same for both groups. */
#define CALLFORM_OUTCOME \
	{ .key = "outcome", .type = FIELD_CHOICE, \
	  .label = N_("Call outcome"), .choices = callform_outcomes, \
	  .required = 1 },

#define CALLFORM_AFTER_RETURN \
	{ .key = "transport", .type = FIELD_CHOICE, \
	  .label = N_("Transport"), .export_label = "交通方式", \
	  .choices = callform_transports, .applies = callform_home }, \
	{ .key = "hubei_city", .type = FIELD_TEXT, \
	  .label = N_("City in Hubei"), .max_chars = 40, \
	  .applies = callform_in_hubei }, \
	{ .key = "elsewhere_place", .type = FIELD_TEXT, \
	  .label = N_("Where instead"), .max_chars = 40, \
	  .applies = callform_elsewhere }, \
	{ .key = "temperature", .type = FIELD_TEMPERATURE, \
	  .label = N_("Temperature"), .export_label = "体温", \
	  .applies = callform_reached }, \
	{ .key = "symptoms", .type = FIELD_MULTI, \
	  .label = N_("Symptoms"), .export_label = "症状", \
	  .choices = callform_symptoms, .applies = callform_reached }, \
	{ .key = "onset_date", .type = FIELD_DATE, \
	  .label = N_("Symptom onset date"), .applies = callform_any_symptom, \
	  .not_after_today = 1 }, \
	{ .key = "urged_doctor", .type = FIELD_YESNO, \
	  .label = N_("Urged to see a doctor"), .export_label = "已督促就医", \
	  .applies = callform_reached }, \
	{ .key = "isolation_start", .type = FIELD_DATE, \
	  .label = N_("Isolation start"), .export_label = "隔离开始日期", \
	  .applies = callform_reached }, \
	{ .key = "isolation_end", .type = FIELD_DATE, \
	  .label = N_("Isolation end"), .export_label = "隔离结束日期", \
	  .applies = callform_reached }, \
	{ .key = "advice", .type = FIELD_MULTI, \
	  .label = N_("Advice given"), .choices = callform_advice, \
	  .applies = callform_reached }, \
	{ .key = "work_plan", .type = FIELD_CHOICE, \
	  .label = N_("Work plan"), .export_label = "复工意向", \
	  .choices = callform_work_plans, .applies = callform_reached }, \
	{ .key = "purpose", .type = FIELD_CHOICE, \
	  .label = N_("Follow-up for"), .choices = callform_purposes, \
	  .applies = callform_reached }, \
	{ .key = "note", .type = FIELD_TEXT, \
	  .label = N_("Note"), .export_label = "备注", .max_chars = 500 },

static const struct field_def callform_fields[] = {
	CALLFORM_OUTCOME
	{ .key = "whereabouts", .type = FIELD_CHOICE,
	  .label = N_("Whereabouts"), .export_label = "返乡状态",
	  .choices = callform_whereabouts, .required = 1,
	  .applies = callform_reached },
	{ .key = "return_date", .type = FIELD_DATE,
	  .label = N_("Return date"), .export_label = "返乡日期",
	  .required = 1, .applies = callform_home, .not_after_today = 1 },
	CALLFORM_AFTER_RETURN
	{ .key = NULL }
};

/* Group B (Hubei-origin, working here): the same keys, so the same
 * storage, fold and export (provincial-format.md 6, group B); the
 * whereabouts asked as what fits them: did they go to Hubei for the
 * holiday and come back here, are they still there, or did they stay. */
static const struct field_choice callform_b_whereabouts[] = {
	{ "home", N_("Went to Hubei, came back here"), 'h', "已返乡" },
	{ "hubei", N_("Went to Hubei, still there"), 'b', "仍在湖北" },
	{ "elsewhere", N_("Somewhere else"), 'e', "在其他地区" },
	{ "never-left", N_("Stayed here over the holiday"), 'n', "未外出" },
	{ NULL, NULL, 0, NULL }
};

static const struct field_def callform_b_fields[] = {
	CALLFORM_OUTCOME
	{ .key = "whereabouts", .type = FIELD_CHOICE,
	  .label = N_("Holiday travel"), .export_label = "返乡状态",
	  .choices = callform_b_whereabouts, .required = 1,
	  .applies = callform_reached },
	{ .key = "return_date", .type = FIELD_DATE,
	  .label = N_("Date back here"), .export_label = "返乡日期",
	  .required = 1, .applies = callform_home, .not_after_today = 1 },
	CALLFORM_AFTER_RETURN
	{ .key = NULL }
};

/* Returned home with a return date: isolation runs from the return date
 * for CALLFORM_ISOLATION_DAYS days, unless the investigator said otherwise. */
static int
callform_defaults(struct answers *a, const struct form_ctx *ctx, char *err,
    size_t errlen)
{
	const char *back = answers_get(a, "return_date");
	char end[11];

	(void)ctx;
	if (!callform_home(a) || back == NULL)
		return 0;
	(void)err;
	(void)errlen;
	if (answers_get(a, "isolation_start") == NULL)
		answers_set(a, "isolation_start", back);
	if (answers_get(a, "isolation_end") == NULL &&
	    date_add_days(back, CALLFORM_ISOLATION_DAYS, end) == 0)
		answers_set(a, "isolation_end", end);
	return 0;
}

/* The isolation period must not end before it starts; a health check
 * needs the temperature and the symptoms; symptoms need to say whether the
 * worker was urged to see a doctor. */
static int
callform_check(const struct answers *a, const struct form_ctx *ctx,
    char *err, size_t errlen)
{
	const char *start = answers_get(a, "isolation_start");
	const char *end = answers_get(a, "isolation_end");

	(void)ctx;
	if (callform_reached(a) && callform_is(a, "purpose", "health")) {
		if (answers_get(a, "temperature") == NULL) {
			snprintf(err, errlen, _("%s: an answer is required for a health check"),
			    _("Temperature"));
			return -1;
		}
		if (answers_get(a, "symptoms") == NULL) {
			snprintf(err, errlen, _("%s: an answer is required for a health check "
			    "('-' or symptoms= for none)"), _("Symptoms"));
			return -1;
		}
	}
	if (callform_any_symptom(a) && answers_get(a, "urged_doctor") == NULL) {
		snprintf(err, errlen, _("%s: an answer is required when there are symptoms"),
		    _("Urged to see a doctor"));
		return -1;
	}
	if (start != NULL && end != NULL && date_cmp(end, start) < 0) {
		snprintf(err, errlen,
		    _("%s: %s is before the isolation start %s"),
		    _("Isolation end"), end, start);
		return -1;
	}
	return 0;
}

const struct form_def callform = {
	.name = "call",
	.fields = callform_fields,
	.defaults = callform_defaults,
	.check = callform_check,
};

const struct form_def callform_b = {
	.name = "call",
	.fields = callform_b_fields,
	.defaults = callform_defaults,
	.check = callform_check,
};

int
callform_symptomatic(const struct answers *a)
{
	const char *symptoms = answers_get(a, "symptoms");
	const char *t = answers_get(a, "temperature");
	int whole = 0, tenths = 0;
	const char *p;

	if (symptoms != NULL && symptoms[0] != '\0')
		return 1;
	if (t == NULL)
		return 0;
	/* canonical "37.8": compare in tenths, no floating point */
	for (p = t; *p >= '0' && *p <= '9' && whole < 1000; p++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		tenths = p[1] - '0';
	return whole * 10 + tenths >= 373;
}
