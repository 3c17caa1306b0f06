#!/bin/sh
# Live updates that cost what changed: an open queue, when another process
# writes, reads its change counters (db_changes_seq, one statement) and
# reads its rows again only when the write concerns what it shows.  A
# draft saved or a claim renewed by somebody else costs it nothing more;
# a call saved on one of its cases, or a case moved to it, reloads it.
# Statements are counted with PAICHA_TEST_QUERY_LOG (db/db.c).
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
QL=$T/queries
polls() { grep -c '^PRAGMA data_version$' "$QL" 2>/dev/null || echo 0; }
checks() { grep -c '^SELECT audience, seq FROM changes' "$QL" 2>/dev/null || echo 0; }
others() { grep -v '^PRAGMA data_version$' "$QL" 2>/dev/null | grep -vc '^SELECT audience, seq FROM changes' || echo 0; }
wait_polls() {
	_want=$(($(polls) + $1)) _n=0
	while [ "$(polls)" -lt $_want ] && [ $_n -lt 400 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ "$(polls)" -ge $_want ]
}
# wait_checks: until the screen has asked whether the last write concerns it
wait_checks() {
	_want=$(($1 + 1)) _n=0
	while [ "$(checks)" -lt $_want ] && [ $_n -lt 400 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ "$(checks)" -ge $_want ]
}

tui_start a 100 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_TEST_QUERY_LOG="$QL" "$PAICHA"
tui_wait a "Call queue"
ok $? "the queue is drawn"
wait_polls 2
ZL=$(sql "SELECT id FROM users WHERE login = 'zhangli'")
MINE=$(sql "SELECT id FROM users WHERE login = '$ME'")
WZ=$(sql "SELECT c.worker_id FROM cases c WHERE c.investigator_id = $ZL ORDER BY c.worker_id LIMIT 1")
NOW=$(sql "SELECT unixepoch('2020-02-03 02:00')")

q0=$(others) c0=$(checks)
sql "INSERT INTO drafts(worker_id, user_id, saved_at, answers) VALUES($WZ, $ZL, $NOW, 'note=x')"
wait_checks "$c0"
ok $? "another investigator saves a draft: the screen asks whether it concerns it"
wait_polls 4
is "$(others)" "$q0" "and reads nothing else"

c0=$(checks)
sql "UPDATE cases SET claimed_by = $ZL, claim_expires = $NOW + 600 WHERE worker_id = $WZ"
wait_checks "$c0"
wait_polls 4
q0=$(others) c0=$(checks)
sql "UPDATE cases SET claim_expires = $NOW + 1200 WHERE worker_id = $WZ"
wait_checks "$c0"
ok $? "the other investigator renews the claim"
wait_polls 4
is "$(others)" "$q0" "which costs the queue nothing but the check"

W=$(sql "SELECT c.worker_id FROM cases c WHERE c.investigator_id = $MINE AND c.contact <> 'unreachable'
    ORDER BY c.worker_id LIMIT 1")
q0=$(others)
tui_mark a
run call "$W" --outcome busy
is "$RC" 0 "another process saves a call on one of the queue's cases"
n=0
while [ "$(others)" = "$q0" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
ok $([ "$(others)" -gt "$q0" ]; echo $?) "the queue reads its rows again"
tui_wait_new a "Call queue"
ok $? "and draws it again"

q0=$(others)
sql "UPDATE cases SET investigator_id = $MINE WHERE worker_id = $WZ"
n=0
while [ "$(others)" = "$q0" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
ok $([ "$(others)" -gt "$q0" ]; echo $?) "a case moved to the investigator reloads the queue"
tui_keys a q
done_testing
