#!/bin/sh
# What an idle screen costs: the queue, once drawn, asks the database
# nothing but "has anything changed?" (PRAGMA data_version, twice a
# second) while nothing changes; one call saved by another process costs
# it a bounded number of statements (the queue's reload).  The statements
# are counted with db/db.c's test hook PAICHA_TEST_QUERY_LOG.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
QL=$T/queries
# polls, others, wait_polls: tests/tui/seed.sh

tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_TEST_QUERY_LOG="$QL" "$PAICHA"
tui_wait a "Call queue"
ok $? "the queue is drawn"
wait_polls 2
ok $? "and polls for changes"
q0=$(others)
like "$(grep -v '^PRAGMA' "$QL")" "WITH me(lead)" "its first draw ran the queue query"
wait_polls 8
ok $? "four seconds of polling pass"
is "$(others)" "$q0" "an idle queue runs no statement but the poll after its first draw"

W=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$ME' AND c.contact <> 'unreachable' ORDER BY c.worker_id LIMIT 1")
run call "$W" --outcome busy
is "$RC" 0 "another process saves a call on one of the queue's cases"
n=0
while [ "$(others)" = "$q0" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
wait_polls 6
cost=$(($(others) - q0))
ok $([ "$cost" -ge 1 ] && [ "$cost" -le 3 ]; echo $?) "the save costs the screen 1 to 3 statements ($cost)"
[ "$cost" -ge 1 ] && [ "$cost" -le 3 ] || diag "$(tail -20 "$QL")"
tui_keys a q
done_testing
