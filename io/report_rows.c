/*
 * report_rows.c -- the report's tables, column by column; see
 * report_rows.h.
 *
 * The Chinese texts here are data the provincial format fixes (column
 * titles, 是/否, the names of states), not user interface: they are never
 * translated.  What the call form defines (its questions' export titles,
 * its choices' export texts) comes from forms/callform.c, 汇总's count
 * titles from forms/summary.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "forms/callform.h"
#include "forms/clock.h"
#include "forms/summary.h"
#include "io/report_rows.h"

static report_cell_fn cell_count;

const char *
report_column_title(const struct report_column *c)
{
	if (c->cell == cell_count)
		return summary_count_title(c->count);
	if (c->title != NULL)
		return c->title;
	return summary_form_word(c->field, c->choice, c->choice ? strlen(c->choice) : 0);
}

void
report_table_row(const struct report_table *t, struct report_row *r, struct report_cell *cells)
{
	for (size_t i = 0; i < t->ncols; i++)
		cells[i] = t->cols[i].cell(&t->cols[i], r);
}

static struct report_cell
text(const char *s)
{
	return (struct report_cell){ .kind = CELL_TEXT, .text = s };
}

static struct report_cell
number(long long n)
{
	return (struct report_cell){ .kind = CELL_NUMBER, .number = n };
}

static const char *
yesno(int yes)
{
	return yes ? "是" : "否";
}

/* The form's text for the choice the case holds in the column's question. */
static const char *
choice_word(const struct report_column *c, const char *key)
{
	return summary_form_word(c->field, key, strlen(key));
}

/* ---------------------------------------------------------------- 汇总 */

static struct report_cell
cell_township(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return text(r->township);
}

static struct report_cell
cell_village(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return text(r->village);
}

static struct report_cell
cell_count(const struct report_column *c, struct report_row *r)
{
	return number(r->counts->n[c->count]);
}

/* A count column: its title is forms/summary.c's */
#define COUNT(width, which) { NULL, NULL, NULL, width, cell_count, which }

static const struct report_column summary_cols[] = {
	{ "乡镇(街道)", NULL, NULL, 14, cell_township, 0 },
	{ "村(社区)", NULL, NULL, 14, cell_village, 0 },
	COUNT(14, COUNT_A_WORKERS),
	COUNT(8, COUNT_A_REACHED),
	COUNT(10, COUNT_A_UNREACHED),
	COUNT(8, COUNT_A_UNCALLED),
	COUNT(8, COUNT_A_HOME),
	COUNT(10, COUNT_A_HUBEI),
	COUNT(12, COUNT_A_ELSEWHERE),
	COUNT(22, COUNT_B_WORKERS),
	COUNT(14, COUNT_B_REACHED),
	COUNT(14, COUNT_SYMPTOMATIC),
	COUNT(12, COUNT_URGED_DOCTOR),
	COUNT(12, COUNT_ISOLATED),
	COUNT(14, COUNT_CALLED_TODAY),
};

/* ---------------------------------------------------------------- 花名册 */

static struct report_cell
cell_seq(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return number(r->seq);
}

static struct report_cell
cell_group(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return text(r->w->grp == 'B' ? "湖北籍在本地就业" : "在鄂务工");
}

/* 男 / 女 from the ID number's 17th digit (odd = male), else the record. */
static struct report_cell
cell_gender(const struct report_column *c, struct report_row *r)
{
	const struct report_worker *w = r->w;
	char d = strlen(w->id_number) == 18 ? w->id_number[16] : 0;

	(void)c;
	if (d >= '0' && d <= '9')
		return text((d - '0') % 2 ? "男" : "女");
	return text(w->gender == 'M' ? "男" : w->gender == 'F' ? "女" : "");
}

static struct report_cell
cell_id_number(const struct report_column *c, struct report_row *r)
{
	size_t i;

	(void)c;
	/* a worker whose personal data was purged (db/purge.c) has none */
	if (strncmp(r->w->id_number, "PURGED", 6) == 0)
		return text("");
	for (i = 0; i < sizeof r->id_number - 1 && r->w->id_number[i]; i++)
		r->id_number[i] = r->w->id_number[i] == 'x' ? 'X' : r->w->id_number[i];
	r->id_number[i] = '\0';
	return text(r->id_number);
}

static struct report_cell
cell_workplace(const struct report_column *c, struct report_row *r)
{
	const struct report_worker *w = r->w;

	(void)c;
	if (strcmp(w->work_province, w->work_city) == 0)
		snprintf(r->workplace, sizeof r->workplace, "%s", w->work_city);
	else
		snprintf(r->workplace, sizeof r->workplace, "%s%s", w->work_province, w->work_city);
	return text(r->workplace);
}

static struct report_cell
cell_contact(const struct report_column *c, struct report_row *r)
{
	(void)c;
	switch (r->w->cs.contact) {
	case CONTACT_REACHED:
		return text("已联系");
	case CONTACT_UNREACHED:
	case CONTACT_UNREACHABLE:
		return text("未联系上");
	case CONTACT_UNCALLED:
		break;
	}
	return text("未排查");
}

static struct report_cell
cell_whereabouts(const struct report_column *c, struct report_row *r)
{
	return text(choice_word(c, r->w->cs.whereabouts));
}

static struct report_cell
cell_transport(const struct report_column *c, struct report_row *r)
{
	return text(choice_word(c, r->w->cs.transport));
}

static struct report_cell
cell_work_plan(const struct report_column *c, struct report_row *r)
{
	return text(choice_word(c, r->w->cs.work_plan));
}

static struct report_cell
cell_symptomatic(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return text(r->w->cs.health_asked ? yesno(r->w->cs.symptomatic) : "");
}

/* "fever,cough" -> "发热、咳嗽". */
static struct report_cell
cell_symptoms(const struct report_column *c, struct report_row *r)
{
	const char *keys = r->w->cs.symptoms;
	size_t n = 0, sz = sizeof r->symptoms;

	r->symptoms[0] = '\0';
	while (*keys) {
		size_t len = strcspn(keys, ",");
		const char *t = summary_form_word(c->field, keys, len);

		if (t[0] != '\0')
			n += (size_t)snprintf(r->symptoms + n, n < sz ? sz - n : 0, "%s%s",
			    n ? "、" : "", t);
		keys += len;
		if (*keys == ',')
			keys++;
	}
	if (n >= sz)
		r->symptoms[sz - 1] = '\0';
	return text(r->symptoms);
}

static struct report_cell
cell_urged_doctor(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return text(yesno(r->w->cs.urged_doctor));
}

static struct report_cell
cell_last_call(const struct report_column *c, struct report_row *r)
{
	(void)c;
	r->last_call[0] = '\0';
	if (r->w->cs.last_call_at != 0)
		clock_datetime(r->w->cs.last_call_at, r->last_call);
	return text(r->last_call);
}

static struct report_cell
cell_calls(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return number(r->w->cs.calls);
}

/* A cell that is one text member of the worker or of its case. */
#define TEXT_CELL(fn, expr) \
	static struct report_cell \
	fn(const struct report_column *c, struct report_row *r) \
	{ \
		(void)c; \
		return text(r->expr); \
	}

TEXT_CELL(cell_name, w->name)
TEXT_CELL(cell_phones, w->phones)
TEXT_CELL(cell_region, w->region)
TEXT_CELL(cell_w_township, w->township)
TEXT_CELL(cell_w_village, w->village)
TEXT_CELL(cell_employer, w->employer)
TEXT_CELL(cell_return_date, w->cs.return_date)
TEXT_CELL(cell_temperature, w->cs.temperature)
TEXT_CELL(cell_isolation_start, w->cs.isolation_start)
TEXT_CELL(cell_isolation_end, w->cs.isolation_end)
TEXT_CELL(cell_investigator, w->investigator)
/* provincial-format.md 6: 备注 begins 已做思想安抚 for a worker in Hubei who
 * was reassured */
static struct report_cell
cell_note(const struct report_column *c, struct report_row *r)
{
	const struct case_state *cs = &r->w->cs;

	(void)c;
	if (!cs->reassured || strcmp(cs->whereabouts, "hubei") != 0)
		return text(cs->note);
	snprintf(r->note, sizeof r->note, "已做思想安抚%s%s", cs->note[0] ? "；" : "", cs->note);
	return text(r->note);
}

static const struct report_column roster_cols[] = {
	{ "序号", NULL, NULL, 8, cell_seq, 0 },
	{ "人员类别", NULL, NULL, 18, cell_group, 0 },
	{ "姓名", NULL, NULL, 10, cell_name, 0 },
	{ "性别", NULL, NULL, 6, cell_gender, 0 },
	{ "身份证号", NULL, NULL, 21, cell_id_number, 0 },
	{ "联系电话", NULL, NULL, 28, cell_phones, 0 },
	{ "号码归属地", NULL, NULL, 16, cell_region, 0 },
	{ "乡镇(街道)", NULL, NULL, 14, cell_w_township, 0 },
	{ "村(社区)", NULL, NULL, 14, cell_w_village, 0 },
	{ "务工地", NULL, NULL, 18, cell_workplace, 0 },
	{ "工作单位", NULL, NULL, 24, cell_employer, 0 },
	{ "排查状态", NULL, NULL, 10, cell_contact, 0 },
	{ NULL, "whereabouts", NULL, 12, cell_whereabouts, 0 },
	{ NULL, "return_date", NULL, 12, cell_return_date, 0 },
	{ NULL, "transport", NULL, 10, cell_transport, 0 },
	{ "有无症状", NULL, NULL, 10, cell_symptomatic, 0 },
	{ NULL, "symptoms", NULL, 16, cell_symptoms, 0 },
	{ NULL, "temperature", NULL, 7, cell_temperature, 0 },
	{ NULL, "urged_doctor", NULL, 11, cell_urged_doctor, 0 },
	{ NULL, "isolation_start", NULL, 13, cell_isolation_start, 0 },
	{ NULL, "isolation_end", NULL, 13, cell_isolation_end, 0 },
	{ NULL, "work_plan", NULL, 14, cell_work_plan, 0 },
	{ "末次联系时间", NULL, NULL, 17, cell_last_call, 0 },
	{ "联系次数", NULL, NULL, 9, cell_calls, 0 },
	{ "排查人", NULL, NULL, 10, cell_investigator, 0 },
	{ NULL, "note", NULL, 30, cell_note, 0 },
};

/* ---------------------------------------------------------------- 随访 */

/* A follow-up's kind and the report's word for it (not a form choice). */
static const struct {
	const char *key, *text;
} followup_words[] = {
	{ "callback", "回拨" }, { "health", "健康随访" }, { "medical", "就医跟进" },
	{ "job", "岗位推荐" }, { "escalation", "上报组长" },
};

static struct report_cell
cell_kind(const struct report_column *c, struct report_row *r)
{
	(void)c;
	for (size_t i = 0; i < sizeof followup_words / sizeof followup_words[0]; i++)
		if (strcmp(followup_words[i].key, r->f->kind) == 0)
			return text(followup_words[i].text);
	return text("");
}

static struct report_cell
cell_due(const struct report_column *c, struct report_row *r)
{
	(void)c;
	clock_datetime(r->f->due_at, r->due);
	return text(r->due);
}

static struct report_cell
cell_overdue(const struct report_column *c, struct report_row *r)
{
	(void)c;
	return text(yesno(r->f->due_at < r->instant));
}

TEXT_CELL(cell_f_name, f->name)
TEXT_CELL(cell_f_phones, f->phones)
TEXT_CELL(cell_f_owner, f->owner)

static const struct report_column followup_cols[] = {
	{ "序号", NULL, NULL, 8, cell_seq, 0 },
	{ "姓名", NULL, NULL, 10, cell_f_name, 0 },
	{ "联系电话", NULL, NULL, 28, cell_f_phones, 0 },
	{ "随访类型", NULL, NULL, 12, cell_kind, 0 },
	{ "应随访时间", NULL, NULL, 17, cell_due, 0 },
	{ "责任人", NULL, NULL, 10, cell_f_owner, 0 },
	{ "是否逾期", NULL, NULL, 10, cell_overdue, 0 },
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])

_Static_assert(NCOLS(roster_cols) <= REPORT_MAX_COLS, "REPORT_MAX_COLS holds every table");

const struct report_table report_tables[REPORT_NTABLES] = {
	[REPORT_SUMMARY] = { "汇总", "summary.csv", summary_cols, NCOLS(summary_cols) },
	[REPORT_ROSTER] = { "花名册", "roster.csv", roster_cols, NCOLS(roster_cols) },
	[REPORT_FOLLOWUPS] = { "随访", "followups.csv", followup_cols, NCOLS(followup_cols) },
};

int
report_column_is_seq(const struct report_column *c)
{
	return c->cell == cell_seq;
}
