/* test_queue_layout.c -- the call queue's columns (issue 11): with
 * ambiguous_width = 2 (a terminal drawing ·, ①, …, ° two columns wide) no
 * line of the queue is wider than the terminal; at 80 columns the reason
 * gets the room it needs before the call count, the state and the last
 * call; wider terminals widen the name and the reason. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "db/queue.h"
#include "forms/clock.h"
#include "forms/labels.h"
#include "forms/utf8.h"
#include "tests/unit/seed.h"
#include "tests/unit/testdb.h"
#include "tui/queue_layout.h"

static const char *const head[QCOL_COUNT] = {
	"Name", "Village", "Phone", "State", "Last call", "Call", "Flags", "Why here",
};

struct fixture {
	struct testdb *t;
	long long me;
	struct queue_row *rows;
	size_t n;
};

static const char *
state_label(enum contact_state s)
{
	switch (s) {
	case CONTACT_UNCALLED: return "uncalled";
	case CONTACT_UNREACHED: return "unreached";
	case CONTACT_REACHED: return "reached";
	case CONTACT_UNREACHABLE: return "unreachable";
	}
	return "?";
}

/* Workers whose names and villages hold East Asian Ambiguous characters
 * (the middle dot of Uyghur names, circled numbers of village groups), a
 * landline, a long reason (a retry after no answer) and a callback. */
static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	struct db *db;
	long long call;
	time_t now = clock_parse("2020-02-03 10:00");

	clock_pin(now);	/* the reasons are worded as of the queue's instant */

	f->t = testdb_new();
	db = f->t->db;
	f->me = seed_user(db, "zhang", "张伟", ROLE_INVESTIGATOR);
	seed_worker(db, 1, "阿依古丽·买买提", "西湖村①组", "430121199001010011", "13574890001",
	    "+8613574890001", f->me);
	seed_worker(db, 2, "张军", "东山村", "430121199001010029", "0731-84900135",
	    "+867318490135", f->me);
	call = seed_call(db, 2, f->me, clock_parse("2020-02-03 09:12"), "no-answer");
	seed_case(db, 2, "unreached", 0, clock_parse("2020-02-03 09:12"), "no-answer", 1);
	seed_followup(db, 2, "callback", clock_parse("2020-02-03 09:42"), 0, call);
	seed_worker(db, 3, "Zoë «Ω» °…", "×村", "430121199001010037", "13574890003",
	    "+8613574890003", f->me);
	seed_case(db, 3, "reached", 0, clock_parse("2020-02-02 15:00"), "reached", 0);
	seed_followup(db, 3, "callback", clock_parse("2020-02-03 09:30"), 0, 0);
	assert_int_equal(queue_for(db, f->me, now, 0, &f->rows, &f->n), 0);
	assert_int_equal(f->n, 3);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	utf8_set_ambiguous_width(1);
	free(f->rows);
	testdb_free(f->t);
	free(f);
	return 0;
}

static void
widths_for(struct fixture *f, int cols, int w[QCOL_COUNT])
{
	int need[QCOL_COUNT];

	queue_layout_need_init(head, need);
	for (size_t i = 0; i < f->n; i++) {
		struct queue_cells c;
		queue_layout_cells(&f->rows[i], f->me, state_label(f->rows[i].why.contact), &c);
		queue_layout_need_add(&c, need);
	}
	queue_layout_widths(cols, need, w);
}

/* Every line (header and rows) at cols is at most cols wide. */
static void
assert_lines_fit(struct fixture *f, int cols)
{
	int w[QCOL_COUNT];
	char line[1024];

	widths_for(f, cols, w);
	queue_layout_line(w, head, line, sizeof line);
	assert_true(utf8_width(line) <= cols);
	for (size_t i = 0; i < f->n; i++) {
		struct queue_cells c;
		queue_layout_cells(&f->rows[i], f->me, state_label(f->rows[i].why.contact), &c);
		queue_layout_line(w, c.cell, line, sizeof line);
		if (utf8_width(line) > cols)
			fail_msg("at %d columns a row is %d wide: %s", cols, utf8_width(line), line);
	}
}

static void
no_row_is_wider_than_the_terminal_when_ambiguous_characters_are_wide(void **state)
{
	struct fixture *f = *state;

	utf8_set_ambiguous_width(2);
	assert_int_equal(utf8_width("·①…°×"), 10);
	for (int cols = 80; cols <= 200; cols += 7)
		assert_lines_fit(f, cols);
	utf8_set_ambiguous_width(1);
	assert_int_equal(utf8_width("·①…°×"), 5);
	for (int cols = 80; cols <= 200; cols += 7)
		assert_lines_fit(f, cols);
}

static void
at_80_columns_the_reason_gets_the_room_it_needs(void **state)
{
	struct fixture *f = *state;
	int w[QCOL_COUNT], widest = 0;

	for (size_t i = 0; i < f->n; i++) {
		char reason[96];

		labels_queue_reason(&f->rows[i].why, clock_now(), reason, sizeof reason);
		if (utf8_width(reason) > widest)
			widest = utf8_width(reason);
	}
	if (widest <= 25)
		fail_msg("reasons too short for the test: %d columns at most", widest);
	widths_for(f, 80, w);
	assert_true(w[QCOL_REASON] >= widest);
	/* the call count goes first, the phone keeps its display form whole */
	assert_int_equal(w[QCOL_TRIES], 0);
	assert_int_equal(w[QCOL_PHONE], utf8_width("0731-84900135"));
	assert_true(w[QCOL_NAME] > 0 && w[QCOL_VILLAGE] > 0 && w[QCOL_FLAGS] > 0);
}

static void
wider_terminals_widen_the_name_and_keep_every_column(void **state)
{
	struct fixture *f = *state;
	int w80[QCOL_COUNT], w[QCOL_COUNT];

	widths_for(f, 80, w80);
	widths_for(f, 132, w);
	for (int i = 0; i < QCOL_COUNT; i++)
		assert_true(w[i] > 0);
	assert_true(w[QCOL_NAME] >= utf8_width("阿依古丽·买买提"));
	assert_true(w[QCOL_NAME] > w80[QCOL_NAME]);
	assert_true(w[QCOL_REASON] >= w80[QCOL_REASON]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_row_is_wider_than_the_terminal_when_ambiguous_characters_are_wide, setup, teardown),
		cmocka_unit_test_setup_teardown(at_80_columns_the_reason_gets_the_room_it_needs, setup, teardown),
		cmocka_unit_test_setup_teardown(wider_terminals_widen_the_name_and_keep_every_column, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
