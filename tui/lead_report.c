/*
 * lead_report.c -- the Tonight's report screen: the 汇总 exactly as the
 * nightly export will write it for today so far (db/report_summary.h,
 * the code of `paicha report --today`), yesterday's figure beside each
 * number, the provincial format's invariants checked per column, and the
 * villages and investigators without a call today marked (!).
 *
 * The figures are rows, with the format's own titles; the columns are 合计
 * and then the villages in report order, as many as the terminal is wide
 * (Left and Right show the others).  Taller than the screen, it scrolls.
 * Yesterday's 汇总 cannot change (a past day's report is the same whenever
 * it is made): it is read once a day; today's again within a second or two
 * of a change.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db/db.h"
#include "db/lead.h"
#include "db/report_summary.h"
#include "db/roles.h"
#include "db/settings.h"
#include "db/users.h"
#include "forms/clock.h"
#include "forms/i18n.h"
#include "forms/summary.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/lead_list.h"
#include "tui/lead_views.h"

#define CELL_W 14	/* " %6s %6s": now, yesterday */
#define TEXT_MAX 8	/* lines under the table */

static struct {
	struct report_summary s, y;
	char today[11], yday[11], as_of[17];
	char quiet_people[1024];	/* investigators without a call today */
	size_t left;			/* first village shown */
	size_t shown;			/* villages shown on the last draw */
	struct lead_list l;		/* l.cur = first line shown */
	int lines;			/* of the last draw */
} pv;

static int
lead_report_load(struct app *app)
{
	struct report_summary s;
	struct lead_team_row *team;
	size_t nteam, len = 0;
	char today[11], yday[11];
	time_t now = clock_now();

	if (roles_check_lead(app->db, app->me->id, ROLE_ACT_READ) != 0) {
		lead_list_failed(&pv.l, app->db);
		return REDRAW_BODY;
	}
	clock_date(now, today);
	clock_date(now - 86400, yday);
	if (strcmp(yday, pv.yday) != 0) {
		struct report_summary y;
		if (report_summary_make(app->db, yday, app->settings->max_attempts, &y) != 0) {
			lead_list_failed(&pv.l, app->db);
			return REDRAW_BODY;
		}
		report_summary_free(&pv.y);
		pv.y = y;
		snprintf(pv.yday, sizeof pv.yday, "%s", yday);
	}
	if (report_summary_make(app->db, today, app->settings->max_attempts, &s) != 0 ||
	    lead_team(app->db, app->me->id, clock_day_start(today), now, &team, &nteam) != 0) {
		report_summary_free(&s);
		lead_list_failed(&pv.l, app->db);
		return REDRAW_BODY;
	}
	report_summary_free(&pv.s);
	pv.s = s;
	snprintf(pv.today, sizeof pv.today, "%s", today);
	clock_datetime(now, pv.as_of);
	pv.quiet_people[0] = '\0';
	for (size_t i = 0; i < nteam; i++)
		if (team[i].id != 0 && team[i].called_today == 0 && len < sizeof pv.quiet_people)
			len += (size_t)snprintf(pv.quiet_people + len, sizeof pv.quiet_people - len,
			    "%s%s", len ? "、" : "", team[i].name);
	free(team);
	if (pv.left + 1 >= pv.s.n)
		pv.left = 0;
	lead_list_loaded(&pv.l, pv.l.n);
	return REDRAW_BODY;
}

static void
lead_report_enter(struct app *app, void *arg)
{
	(void)arg;
	memset(&pv, 0, sizeof pv);
	lead_report_load(app);
}

static void
lead_report_leave(struct app *app)
{
	(void)app;
	report_summary_free(&pv.s);
	report_summary_free(&pv.y);
	memset(&pv, 0, sizeof pv);
}

static int
lead_report_poll(struct app *app, int changed)
{
	return lead_list_due(&pv.l, changed, 1) ? lead_report_load(app) : REDRAW_NONE;
}

/* Village columns that fit beside the titles and 合计. */
static size_t
fit(int cols, int label_w)
{
	int room = cols - label_w - CELL_W;

	return room > 0 ? (size_t)(room / CELL_W) : 0;
}

static int
lead_report_key(struct app *app, enum action a)
{
	size_t nv = pv.s.n ? pv.s.n - 1 : 0, shown = pv.shown ? pv.shown : 1;

	switch (a) {
	case ACT_LEFT:
		pv.left = pv.left > shown ? pv.left - shown : 0;
		return REDRAW_BODY;
	case ACT_RIGHT:
		if (pv.left + shown < nv)
			pv.left += shown;
		return REDRAW_BODY;
	case ACT_UP:
		if (pv.l.cur > 0)
			pv.l.cur--;
		return REDRAW_BODY;
	case ACT_DOWN:
		if ((int)pv.l.cur + getmaxy(app->body) < pv.lines)
			pv.l.cur++;
		return REDRAW_BODY;
	case ACT_FIRST:
		pv.l.cur = 0;
		return REDRAW_BODY;
	default:
		return lead_list_other_key(app, a);
	}
}

/* Line i of the page at window row y, if it is shown. */
static void
put(WINDOW *w, int i, int x, int width, const char *s, attr_t a)
{
	int y = i - (int)pv.l.cur;

	if (y >= 0 && y < getmaxy(w))
		draw_cell(w, y, x, width, s, a);
}

/* One column of counts (c, beside yc) at x; column index col (0 = 合计). */
static void
column(struct app *app, WINDOW *w, int x, size_t row, const struct report_counts *yc,
    int first_line)
{
	const struct report_counts *c = &pv.s.c[row];
	int bad = report_summary_check(&pv.s, row);
	int quiet = row + 1 < pv.s.n && c->n[COUNT_CALLED_TODAY] == 0;
	char b[64], name[160];

	snprintf(name, sizeof name, "%s%s", quiet ? "!" : "",
	    row + 1 < pv.s.n ? pv.s.village[row] : pv.s.township[row]);
	put(w, first_line, x, CELL_W, name, app_attr(app, quiet ? STYLE_WARN : STYLE_HEADER));
	snprintf(b, sizeof b, " %6.6s %6.6s", _("Now"), _("Yday"));
	put(w, first_line + 1, x, CELL_W, b, app_attr(app, STYLE_DIM));
	for (int k = 0; k < REPORT_NCOUNTS; k++) {
		char t[24], yv[24];
		snprintf(t, sizeof t, "%lld", c->n[k]);
		if (yc)
			snprintf(yv, sizeof yv, "%lld", yc->n[k]);
		else
			snprintf(yv, sizeof yv, "-");
		snprintf(b, sizeof b, " %6s %6s", t, yv);
		put(w, first_line + 2 + k, x, CELL_W, b,
		    k == COUNT_CALLED_TODAY && quiet ? app_attr(app, STYLE_WARN) : A_NORMAL);
	}
	if (bad == 0)
		snprintf(b, sizeof b, " %6s", _("ok"));
	else
		snprintf(b, sizeof b, " %s%s%s", _("fails"), bad & SUMMARY_SPLIT ? " 1" : "",
		    bad & SUMMARY_WHERE ? " 2" : "");
	put(w, first_line + 2 + REPORT_NCOUNTS, x, CELL_W, b,
	    bad ? app_attr(app, STYLE_ERROR) | A_BOLD : app_attr(app, STYLE_OK));
}

/* Text under the table, wrapped to cols: returns the next line. */
static int
paragraph(WINDOW *w, int i, int cols, const char *s, attr_t a)
{
	char line[1024];
	size_t len = 0;
	const char *p = s;

	/* cut at the widest prefix that fits; at 、 or a space when there is one */
	while (*p) {
		const char *cut = p, *brk = NULL;
		for (const char *q = p; *q;) {
			size_t n = 1;
			while ((q[n] & 0xC0) == 0x80)
				n++;
			len = (size_t)(q + n - p);
			if (len >= sizeof line)
				break;
			memcpy(line, p, len);
			line[len] = '\0';
			if (draw_width(line) > cols)
				break;
			q += n;
			cut = q;
			if (strncmp(q, "、", strlen("、")) == 0 || *q == ' ')
				brk = q;
		}
		if (*cut && brk != NULL && brk > p)
			cut = brk;
		if (cut == p)
			break;
		len = (size_t)(cut - p);
		memcpy(line, p, len);
		line[len] = '\0';
		put(w, i++, 0, cols, line, a);
		p = cut;
		if (strncmp(p, "、", strlen("、")) == 0)
			p += strlen("、");
		while (*p == ' ')
			p++;
	}
	return i;
}

static void
lead_report_draw(struct app *app, WINDOW *w)
{
	int cols = getmaxx(w), label_w = 0, i, x, ok = 1;
	size_t nv = pv.s.n ? pv.s.n - 1 : 0, shown;
	char b[1200], quiet[1024] = "", fails[2048] = "";
	size_t qlen = 0, flen = 0;

	if (pv.l.error[0] != '\0') {
		draw_wrapped(w, 1, 0, cols, 3, pv.l.error, app_attr(app, STYLE_ERROR));
		return;
	}
	if (pv.s.n == 0)
		return;
	for (int k = 0; k < REPORT_NCOUNTS; k++) {
		int cw = draw_width(summary_count_title((enum report_count)k));
		if (cw > label_w)
			label_w = cw;
	}
	if (label_w > 20)
		label_w = 20;
	shown = fit(cols, label_w + 1);
	if (pv.left >= nv)
		pv.left = 0;
	if (shown > nv - pv.left)
		shown = nv - pv.left;
	pv.shown = shown;
	/* the title column */
	snprintf(b, sizeof b, _("Villages %zu-%zu of %zu"), shown ? pv.left + 1 : 0,
	    pv.left + shown, nv);
	put(w, 0, 0, label_w, b, app_attr(app, STYLE_HEADER));
	snprintf(b, sizeof b, "%s", pv.today);
	put(w, 1, 0, label_w, b, app_attr(app, STYLE_DIM));
	for (int k = 0; k < REPORT_NCOUNTS; k++)
		put(w, 2 + k, 0, label_w, summary_count_title((enum report_count)k), A_NORMAL);
	put(w, 2 + REPORT_NCOUNTS, 0, label_w, _("Invariants"), A_NORMAL);
	/* 合计 first, then the villages that fit */
	x = label_w + 1;
	column(app, w, x, nv, report_summary_find(&pv.y, &pv.s, nv), 0);
	for (size_t v = pv.left; v < pv.left + shown; v++) {
		x += CELL_W;
		column(app, w, x, v, report_summary_find(&pv.y, &pv.s, v), 0);
	}
	i = 3 + REPORT_NCOUNTS;
	if (i - (int)pv.l.cur >= 0 && i - (int)pv.l.cur < getmaxy(w))
		draw_hline(w, i - (int)pv.l.cur, 0, cols);
	i++;
	for (size_t r = 0; r < pv.s.n; r++) {
		const long long *n = pv.s.c[r].n;
		int bad = report_summary_check(&pv.s, r);
		if (bad & SUMMARY_SPLIT) {
			snprintf(b, sizeof b, _("Invariant 1 fails in %s %s: 已联系 + 未联系上 + "
			    "未排查 = %lld, 在鄂务工人数 = %lld"), pv.s.township[r], pv.s.village[r],
			    n[1] + n[2] + n[3], n[0]);
			flen += (size_t)snprintf(fails + flen, flen < sizeof fails ? sizeof fails - flen : 0,
			    "%s%s", flen ? " " : "", b);
		}
		if (bad & SUMMARY_WHERE) {
			snprintf(b, sizeof b, _("Invariant 2 fails in %s %s: 已返乡 + 仍在湖北 + "
			    "在其他地区 = %lld > 已联系 = %lld"), pv.s.township[r], pv.s.village[r],
			    n[4] + n[5] + n[6], n[1]);
			flen += (size_t)snprintf(fails + flen, flen < sizeof fails ? sizeof fails - flen : 0,
			    "%s%s", flen ? " " : "", b);
		}
		ok &= bad == 0;
		if (r + 1 < pv.s.n && n[COUNT_CALLED_TODAY] == 0 && qlen < sizeof quiet)
			qlen += (size_t)snprintf(quiet + qlen, sizeof quiet - qlen, "%s%s",
			    qlen ? "、" : "", pv.s.village[r]);
	}
	/* first what the table is, and whether it holds */
	if (ok)
		snprintf(b, sizeof b, _("As of %s, beside %s: the format's invariants 1 and 2 hold in "
		    "every column (? says them)."), pv.as_of + 11, pv.yday);
	else
		snprintf(b, sizeof b, _("As of %s, beside %s: an invariant FAILS (below); tonight's "
		    "export would carry it."), pv.as_of + 11, pv.yday);
	i = paragraph(w, i, cols, b, ok ? app_attr(app, STYLE_OK) : app_attr(app, STYLE_ERROR));
	i = paragraph(w, i, cols, fails, app_attr(app, STYLE_ERROR));
	if (quiet[0]) {
		snprintf(b, sizeof b, _("! No calls today in: %s"), quiet);
		i = paragraph(w, i, cols, b, app_attr(app, STYLE_WARN));
	}
	if (pv.quiet_people[0]) {
		snprintf(b, sizeof b, _("! No calls today by: %s"), pv.quiet_people);
		i = paragraph(w, i, cols, b, app_attr(app, STYLE_WARN));
	}
	pv.lines = i;
	/* taller than the window: say that Down shows the rest */
	if (pv.lines - (int)pv.l.cur > getmaxy(w)) {
		snprintf(b, sizeof b, _("Down: %d more lines"), pv.lines - (int)pv.l.cur - getmaxy(w));
		int y = 3 + REPORT_NCOUNTS - (int)pv.l.cur;
		if (y < 0)
			y = getmaxy(w) - 1;
		draw_text(w, y, cols - draw_width(b) - 2, draw_width(b) + 1, b,
		    app_attr(app, STYLE_DIM) | A_REVERSE);
	}
	if (pv.l.cur > 0 && (int)pv.l.cur + getmaxy(w) > pv.lines)
		pv.l.cur = pv.lines > getmaxy(w) ? (size_t)(pv.lines - getmaxy(w)) : 0;
}

const struct screen lead_report_screen = {
	.name = N_("Tonight's report"),
	.enter = lead_report_enter,
	.key = lead_report_key,
	.draw = lead_report_draw,
	.leave = lead_report_leave,
	.scopes = lead_list_scopes,
	.poll = lead_report_poll,
};
