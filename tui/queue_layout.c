/* queue_layout.c -- the call queue's columns; see queue_layout.h. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "forms/clock.h"
#include "forms/labels.h"
#include "forms/utf8.h"
#include "tui/queue_layout.h"

/* the widths at 80 columns, the reason's need capped */
static const int queue_base[QCOL_COUNT] = { 8, 8, 13, 9, 11, 4, 5, 0 };
#define QUEUE_REASON_MAX 48
#define QUEUE_NAME_MAX 16
#define QUEUE_VILLAGE_MAX 16
#define QUEUE_PHONE_MIN 11

void
queue_layout_cells(const struct queue_row *r, long long me, const char *state_label,
    struct queue_cells *c)
{
	snprintf(c->last, sizeof c->last, "-");
	if (r->why.last_call_at != 0) {
		char full[17];
		clock_datetime(r->why.last_call_at, full);
		snprintf(c->last, sizeof c->last, "%s", full + 5);
	}
	snprintf(c->tries, sizeof c->tries, "%d", r->calls);
	snprintf(c->flags, sizeof c->flags, "%s%s", r->flags,
	    r->claimed_by != 0 && r->claimed_by != me ? "*" : "");
	c->cell[QCOL_NAME] = r->name;
	c->cell[QCOL_VILLAGE] = r->village;
	c->cell[QCOL_PHONE] = r->phone;
	c->cell[QCOL_STATE] = state_label;
	c->cell[QCOL_LAST] = c->last;
	c->cell[QCOL_TRIES] = c->tries;
	c->cell[QCOL_FLAGS] = c->flags;
	labels_queue_reason(&r->why, clock_now(), c->reason, sizeof c->reason);
	c->cell[QCOL_REASON] = c->reason;
}

void
queue_layout_need_init(const char *const head[QCOL_COUNT], int need[QCOL_COUNT])
{
	for (int i = 0; i < QCOL_COUNT; i++)
		need[i] = utf8_width(head[i]);
}

void
queue_layout_need_add(const struct queue_cells *c, int need[QCOL_COUNT])
{
	for (int i = 0; i < QCOL_COUNT; i++) {
		int n = utf8_width(c->cell[i]);
		if (n > need[i])
			need[i] = n;
	}
}

/* Columns taken by the shown columns and the spaces between them. */
static int
queue_layout_used(const int w[QCOL_COUNT])
{
	int used = 0, shown = 0;

	for (int i = 0; i < QCOL_COUNT; i++)
		if (w[i] > 0) {
			used += w[i];
			shown++;
		}
	return used + (shown > 0 ? shown - 1 : 0);
}

/* Give up to want more columns to column i (up to its need); returns the rest. */
static int
queue_layout_grow(int w[QCOL_COUNT], int i, int need, int room)
{
	int more = need - w[i];

	if (more <= 0 || room <= 0)
		return room;
	if (more > room)
		more = room;
	w[i] += more;
	return room - more;
}

void
queue_layout_widths(int cols, const int need[QCOL_COUNT], int w[QCOL_COUNT])
{
	static const enum queue_col drop[] = { QCOL_TRIES, QCOL_STATE, QCOL_LAST };
	int reason_need = need[QCOL_REASON], room;

	if (reason_need > QUEUE_REASON_MAX)
		reason_need = QUEUE_REASON_MAX;
	for (int i = 0; i < QCOL_COUNT; i++)
		w[i] = queue_base[i];
	/* the phone as wide as its display form, never cut */
	w[QCOL_PHONE] = need[QCOL_PHONE] > QUEUE_PHONE_MIN ? need[QCOL_PHONE] : QUEUE_PHONE_MIN;
	if (w[QCOL_STATE] > need[QCOL_STATE])
		w[QCOL_STATE] = need[QCOL_STATE];
	if (w[QCOL_FLAGS] < need[QCOL_FLAGS] && need[QCOL_FLAGS] <= 8)
		w[QCOL_FLAGS] = need[QCOL_FLAGS];
	w[QCOL_REASON] = 1;
	for (size_t d = 0; d < sizeof drop / sizeof drop[0]; d++) {
		if (cols - queue_layout_used(w) + 1 >= reason_need)
			break;
		w[drop[d]] = 0;
	}
	room = cols - queue_layout_used(w) + 1;	/* the reason's 1 back */
	if (room < 1) {
		/* narrower than the minimum: cut from the right, keep the name */
		for (int i = QCOL_REASON; i > QCOL_NAME && room < 1; i--) {
			room += w[i] + 1;
			w[i] = 0;
		}
		w[QCOL_REASON] = 0;
		if (room > 1)
			w[QCOL_NAME] += room - 1;
		return;
	}
	w[QCOL_REASON] = room < reason_need ? room : reason_need;
	room -= w[QCOL_REASON];
	room = queue_layout_grow(w, QCOL_NAME, need[QCOL_NAME] < QUEUE_NAME_MAX ?
	    need[QCOL_NAME] : QUEUE_NAME_MAX, room);
	room = queue_layout_grow(w, QCOL_VILLAGE, need[QCOL_VILLAGE] < QUEUE_VILLAGE_MAX ?
	    need[QCOL_VILLAGE] : QUEUE_VILLAGE_MAX, room);
	w[QCOL_REASON] += room;
}

void
queue_layout_line(const int w[QCOL_COUNT], const char *const cell[QCOL_COUNT],
    char *out, size_t outsz)
{
	size_t len = 0;
	int first = 1;

	if (outsz == 0)
		return;
	out[0] = '\0';
	for (int i = 0; i < QCOL_COUNT; i++) {
		char buf[512];

		if (w[i] <= 0)
			continue;
		if (!first && len + 1 < outsz)
			out[len++] = ' ';
		first = 0;
		utf8_fit(cell[i] ? cell[i] : "", -w[i], buf, sizeof buf);
		snprintf(out + len, outsz - len, "%s", buf);
		len += strlen(out + len);
	}
	out[len < outsz ? len : outsz - 1] = '\0';
}
