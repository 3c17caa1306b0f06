/*
 * lead_coverage.c -- the Coverage screen: the notice's two counts on top,
 * one row per village (group A, group B, reached, never called, returned,
 * still in Hubei, symptoms, isolated) with a bar of the share reached,
 * and the calls per day of the last 14 days drawn with ▁▂▃▄▅▆▇█ (as
 * htop's and btop's graphs).  Those block characters are East Asian
 * Ambiguous: every one is measured with draw_width(), the one width
 * function, so that the chart and the bars stay inside the screen where a
 * terminal draws them two columns wide.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/lead.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

#define DAYS 14

static struct {
	struct lead_village_row *rows;
	long long per_day[DAYS];
	struct lead_list l;
} cv;

static int
lead_coverage_load(struct app *app)
{
	struct lead_village_row *rows;
	size_t n;
	char today[11];
	time_t now = clock_now();

	clock_date(now, today);
	if (lead_coverage(app->db, app->me->id, today, &rows, &n) != 0 ||
	    lead_calls_per_day(app->db, app->me->id, clock_day_start(today), DAYS,
	    cv.per_day) != 0) {
		lead_list_failed(&cv.l, app->db);
		return REDRAW_BODY;
	}
	free(cv.rows);
	cv.rows = rows;
	lead_list_loaded(&cv.l, n);
	return REDRAW_BODY;
}

static void
lead_coverage_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&cv, 0, sizeof cv);
	lead_coverage_load(app);
}

static void
lead_coverage_leave(struct app *app)
{
	(void)app;
	free(cv.rows);
	memset(&cv, 0, sizeof cv);
}

static int
lead_coverage_poll(struct app *app, int changed)
{
	return lead_list_due(&cv.l, changed, 1) ? lead_coverage_load(app) : REDRAW_NONE;
}

static int
lead_coverage_key(struct app *app, enum action a)
{
	switch (a) {
	case ACT_UP:
		if (cv.l.top > 0)
			cv.l.top--;
		return REDRAW_BODY;
	case ACT_DOWN:
		if (cv.l.top + 1 < cv.l.n)
			cv.l.top++;
		return REDRAW_BODY;
	default:
		return lead_list_other_key(app, a);
	}
}

/* n copies of s into out, as many as fit in cols columns and sz bytes. */
static void
repeat(char *out, size_t sz, const char *s, long long n, int cols)
{
	size_t len = 0, k = strlen(s);
	int w = draw_width(s) > 0 ? draw_width(s) : 1, used = 0;

	out[0] = '\0';
	for (long long i = 0; i < n && used + w <= cols && len + k < sz; i++) {
		memcpy(out + len, s, k + 1);
		len += k;
		used += w;
	}
}

enum { V_NAME, V_A, V_B, V_REACHED, V_NEVER, V_HOME, V_HUBEI, V_SYMPT, V_ISOL, V_BAR, NV };

static void
lead_coverage_row(WINDOW *w, int y, const struct lead_village_row *r, int total,
    const int width[NV])
{
	long long all = r->group_a + r->group_b;
	int bw = draw_width("█") > 0 ? draw_width("█") : 1;
	char num[8][24], bar[512];
	const char *cells[NV];
	attr_t a = total ? A_BOLD : A_NORMAL;

	snprintf(num[0], 24, "%lld", r->group_a);
	snprintf(num[1], 24, "%lld", r->group_b);
	snprintf(num[2], 24, "%lld", r->reached);
	snprintf(num[3], 24, "%lld", r->never_called);
	snprintf(num[4], 24, "%lld", r->returned);
	snprintf(num[5], 24, "%lld", r->in_hubei);
	snprintf(num[6], 24, "%lld", r->symptomatic);
	snprintf(num[7], 24, "%lld", r->isolated);
	repeat(bar, sizeof bar, "█", all ? (long long)(width[V_BAR] / bw) * r->reached / all : 0,
	    width[V_BAR]);
	cells[V_NAME] = total ? _("total") : r->village;
	for (int i = 0; i < 8; i++)
		cells[V_A + i] = num[i];
	cells[V_BAR] = bar;
	lead_list_cells(w, y, NV, width, cells, a);
}

static void
lead_coverage_draw(struct app *app, WINDOW *w)
{
	static const char *const spark[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const int base[NV] = { 10, 5, 5, 5, 5, 5, 5, 5, 5, 0 };
	const char *head[NV] = { _("Village"), _("A"), _("B"), _("Got"), _("Never"),
		_("Home"), _("Hubei"), _("Sympt"), _("Isol"), _("Reached of all") };
	int rows = getmaxy(w), cols = getmaxx(w), width[NV], used = 0, y, list;
	char line[512], chart[256];
	long long most = 0;

	if (cv.l.error[0] != '\0') {
		draw_wrapped(w, 0, 0, cols, 3, cv.l.error, app_attr(app, STYLE_ERROR));
		return;
	}
	if (cv.l.n == 0)
		return;
	snprintf(line, sizeof line, _("Group A (employed in Hubei) %lld   Group B (from Hubei) %lld"),
	    cv.rows[cv.l.n - 1].group_a, cv.rows[cv.l.n - 1].group_b);
	draw_text(w, 0, 0, cols, line, app_attr(app, STYLE_LABEL));
	for (int i = 0; i < NV; i++) {
		width[i] = base[i];
		used += base[i] + (i + 1 < NV);
	}
	width[V_BAR] = cols - used > 0 ? cols - used : 0;
	lead_list_cells(w, 1, NV, width, head, app_attr(app, STYLE_HEADER));
	/* villages, then the total on the last line of the table */
	list = rows - 5;
	y = 2;
	for (size_t k = cv.l.top; k + 1 < cv.l.n && y < 1 + list; k++)
		lead_coverage_row(w, y++, &cv.rows[k], 0, width);
	lead_coverage_row(w, y, &cv.rows[cv.l.n - 1], 1, width);
	/* calls per day: one block character a day, scaled to the busiest */
	for (int d = 0; d < DAYS; d++)
		if (cv.per_day[d] > most)
			most = cv.per_day[d];
	chart[0] = '\0';
	for (int d = 0; d < DAYS; d++) {
		int level = most ? (int)(cv.per_day[d] * 7 / most) : 0;
		strcat(chart, spark[level]);
	}
	mvwhline(w, rows - 3, 0, ACS_HLINE, cols);
	snprintf(line, sizeof line, _("Calls per day, 14 days: %s  today %lld, most %lld"),
	    chart, cv.per_day[DAYS - 1], most);
	draw_text(w, rows - 2, 0, cols, line, A_NORMAL);
}

const struct screen lead_coverage_screen = {
	.name = N_("Coverage"),
	.enter = lead_coverage_enter,
	.key = lead_coverage_key,
	.draw = lead_coverage_draw,
	.leave = lead_coverage_leave,
	.scopes = lead_list_scopes,
	.poll = lead_coverage_poll,
};
