/*
 * report_rows.c -- the report's tables, cell by cell; see report_rows.h.
 *
 * The Chinese texts here are data the provincial format fixes (column
 * titles, 是/否, the names of states and choices), not user interface:
 * they are never translated.  Choice keys come from forms/callform.c.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "io/report_rows.h"
#include "forms/clock.h"

const char *const report_rows_summary_titles[SUMMARY_COLS] = {
	"乡镇(街道)", "村(社区)", "在鄂务工人数", "已联系", "未联系上", "未排查",
	"已返乡", "仍在湖北", "在其他地区", "湖北籍在本地就业人数", "湖北籍已联系",
	"有发热等症状", "已督促就医", "居家隔离中", "当日联系人数",
};
const double report_rows_summary_widths[SUMMARY_COLS] = {
	14, 14, 14, 8, 10, 8, 8, 10, 12, 22, 14, 14, 12, 12, 14,
};

const char *const report_rows_roster_titles[ROSTER_COLS] = {
	"序号", "人员类别", "姓名", "性别", "身份证号", "联系电话", "号码归属地",
	"乡镇(街道)", "村(社区)", "务工地", "工作单位", "排查状态", "返乡状态",
	"返乡日期", "交通方式", "有无症状", "症状", "体温", "已督促就医",
	"隔离开始日期", "隔离结束日期", "复工意向", "末次联系时间", "联系次数",
	"排查人", "备注",
};
const double report_rows_roster_widths[ROSTER_COLS] = {
	8, 18, 10, 6, 21, 28, 16, 14, 14, 18, 24, 10, 12, 12, 10, 10, 16, 7, 11,
	13, 13, 14, 17, 9, 10, 30,
};

const char *const report_rows_followup_titles[FOLLOWUP_COLS] = {
	"序号", "姓名", "联系电话", "随访类型", "应随访时间", "责任人", "是否逾期",
};
const double report_rows_followup_widths[FOLLOWUP_COLS] = {
	8, 10, 28, 12, 17, 10, 10,
};

/* A choice key and the report's word for it. */
struct report_word {
	const char *key;
	const char *text;
};

static const struct report_word whereabouts_words[] = {
	{ "home", "已返乡" }, { "hubei", "仍在湖北" }, { "elsewhere", "在其他地区" },
	{ "never-left", "未外出" }, { NULL, NULL },
};
static const struct report_word transport_words[] = {
	{ "rail", "铁路" }, { "air", "飞机" }, { "coach", "客车" }, { "car", "自驾" },
	{ "other", "其他" }, { NULL, NULL },
};
static const struct report_word symptom_words[] = {
	{ "fever", "发热" }, { "cough", "咳嗽" }, { "fatigue", "乏力" },
	{ "sore-throat", "咽痛" }, { "short-breath", "气促" }, { "diarrhea", "腹泻" },
	{ "other", "其他" }, { NULL, NULL },
};
static const struct report_word work_plan_words[] = {
	{ "back-soon", "近期返岗" }, { "postponed", "暂缓返岗" },
	{ "needs-job", "需要岗位推荐" }, { "other", "其他" }, { NULL, NULL },
};
static const struct report_word followup_words[] = {
	{ "callback", "回拨" }, { "health", "健康随访" }, { "medical", "就医跟进" },
	{ "job", "岗位推荐" }, { "escalation", "上报组长" }, { NULL, NULL },
};

/* The report's word for key, or "" (unknown keys are not guessed). */
static const char *
report_rows_word(const struct report_word *w, const char *key, size_t keylen)
{
	for (; w->key != NULL; w++)
		if (strlen(w->key) == keylen && strncmp(w->key, key, keylen) == 0)
			return w->text;
	return "";
}

#define WORD(table, key) report_rows_word((table), (key), strlen(key))

static const char *
report_rows_contact(enum contact_state c)
{
	switch (c) {
	case CONTACT_REACHED:
		return "已联系";
	case CONTACT_UNREACHED:
	case CONTACT_UNREACHABLE:
		return "未联系上";
	case CONTACT_UNCALLED:
		break;
	}
	return "未排查";
}

static const char *
report_rows_yesno(int yes)
{
	return yes ? "是" : "否";
}

void
report_rows_count(struct report_counts *c, const struct report_worker *w, const char *date)
{
	const struct case_state *s = &w->cs;

	if (w->grp == 'B') {
		c->n[7]++;
		if (s->contact == CONTACT_REACHED)
			c->n[8]++;
	} else {
		c->n[0]++;
		if (s->contact == CONTACT_REACHED) {
			c->n[1]++;
			if (strcmp(s->whereabouts, "home") == 0)
				c->n[4]++;
			else if (strcmp(s->whereabouts, "hubei") == 0)
				c->n[5]++;
			else if (strcmp(s->whereabouts, "elsewhere") == 0)
				c->n[6]++;
		} else if (s->contact == CONTACT_UNCALLED)
			c->n[3]++;
		else
			c->n[2]++;
	}
	if (s->health_asked && s->symptomatic)
		c->n[9]++;
	if (s->urged_doctor)
		c->n[10]++;
	if (casestate_isolated_on(s, date))
		c->n[11]++;
	if (w->calls_on_day > 0)
		c->n[12]++;
}

void
report_rows_add(struct report_counts *total, const struct report_counts *c)
{
	for (int i = 0; i < SUMMARY_COUNTS; i++)
		total->n[i] += c->n[i];
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

void
report_rows_summary(const char *township, const char *village, const struct report_counts *c,
    struct report_cell cells[SUMMARY_COLS])
{
	cells[0] = text(township);
	cells[1] = text(village);
	for (int i = 0; i < SUMMARY_COUNTS; i++)
		cells[2 + i] = number(c->n[i]);
}

/* 男 / 女 from the ID number's 17th digit (odd = male), else the record. */
static const char *
report_rows_gender(const struct report_worker *w)
{
	char d = strlen(w->id_number) == 18 ? w->id_number[16] : 0;

	if (d >= '0' && d <= '9')
		return (d - '0') % 2 ? "男" : "女";
	return w->gender == 'M' ? "男" : w->gender == 'F' ? "女" : "";
}

/* "fever,cough" -> "发热、咳嗽". */
static void
report_rows_symptoms(const char *keys, char *out, size_t sz)
{
	size_t n = 0;

	out[0] = '\0';
	while (*keys) {
		size_t len = strcspn(keys, ",");
		const char *t = report_rows_word(symptom_words, keys, len);

		if (t[0] != '\0')
			n += (size_t)snprintf(out + n, n < sz ? sz - n : 0, "%s%s",
			    n ? "、" : "", t);
		keys += len;
		if (*keys == ',')
			keys++;
	}
	if (n >= sz)
		out[sz - 1] = '\0';
}

void
report_rows_roster(long long seq, const struct report_worker *w, struct report_rows_buf *b,
    struct report_cell cells[ROSTER_COLS])
{
	const struct case_state *s = &w->cs;
	size_t i;

	for (i = 0; i < sizeof b->id_number - 1 && w->id_number[i]; i++)
		b->id_number[i] = w->id_number[i] == 'x' ? 'X' : w->id_number[i];
	b->id_number[i] = '\0';
	if (strcmp(w->work_province, w->work_city) == 0)
		snprintf(b->workplace, sizeof b->workplace, "%s", w->work_city);
	else
		snprintf(b->workplace, sizeof b->workplace, "%s%s", w->work_province, w->work_city);
	report_rows_symptoms(s->symptoms, b->symptoms, sizeof b->symptoms);
	b->last_call[0] = '\0';
	if (s->last_call_at != 0)
		clock_datetime(s->last_call_at, b->last_call);

	cells[0] = number(seq);
	cells[1] = text(w->grp == 'B' ? "湖北籍在本地就业" : "在鄂务工");
	cells[2] = text(w->name);
	cells[3] = text(report_rows_gender(w));
	cells[4] = text(b->id_number);
	cells[5] = text(w->phones);
	cells[6] = text(w->region);
	cells[7] = text(w->township);
	cells[8] = text(w->village);
	cells[9] = text(b->workplace);
	cells[10] = text(w->employer);
	cells[11] = text(report_rows_contact(s->contact));
	cells[12] = text(WORD(whereabouts_words, s->whereabouts));
	cells[13] = text(s->return_date);
	cells[14] = text(WORD(transport_words, s->transport));
	cells[15] = text(s->health_asked ? report_rows_yesno(s->symptomatic) : "");
	cells[16] = text(b->symptoms);
	cells[17] = text(s->temperature);
	cells[18] = text(report_rows_yesno(s->urged_doctor));
	cells[19] = text(s->isolation_start);
	cells[20] = text(s->isolation_end);
	cells[21] = text(WORD(work_plan_words, s->work_plan));
	cells[22] = text(b->last_call);
	cells[23] = number(s->calls);
	cells[24] = text(w->investigator);
	cells[25] = text(s->note);
}

void
report_rows_followup(long long seq, const struct report_followup *f, time_t instant,
    struct report_rows_buf *b, struct report_cell cells[FOLLOWUP_COLS])
{
	clock_datetime(f->due_at, b->due);
	cells[0] = number(seq);
	cells[1] = text(f->name);
	cells[2] = text(f->phones);
	cells[3] = text(WORD(followup_words, f->kind));
	cells[4] = text(b->due);
	cells[5] = text(f->owner);
	cells[6] = text(report_rows_yesno(f->due_at < instant));
}
