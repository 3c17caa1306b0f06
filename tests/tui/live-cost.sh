#!/bin/sh
# Live updates that cost what changed: an open queue, when another process
# writes, reads its change counters (db_changes_seq, one statement) and
# reads its rows again only when the write concerns what it shows.  A
# draft saved or a claim renewed by somebody else costs it nothing more;
# a call saved on one of its cases, or a case moved to it, reloads it; a
# lead's reassignment shows on both investigators' screens (two Unix
# accounts, root only).
# Statements are counted with PAICHA_TEST_QUERY_LOG (db/db.c).
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
QL=$T/queries
# polls, others, wait_polls: tests/tui/seed.sh
checks() { grep -c '^SELECT audience, seq FROM changes' "$QL" 2>/dev/null || echo 0; }
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
WZ=$(sql "SELECT c.worker_id FROM cases c WHERE c.investigator_id = $ZL AND c.worker_id <> $W2 ORDER BY c.worker_id LIMIT 1")
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

if ! can_switch_users; then
	skip_test "a reassignment shows on both investigators' screens" "needs root to run a second account"
	tui_keys a q
	done_testing
fi
# a second investigator's queue, as another Unix account (the demo's
# zhangli renamed to this run's test account), with its own statement log
chmod 0777 "$T"
chmod 0666 "$PAICHA_DB"*
T2_LOGIN=$(acct zl)
sql "UPDATE users SET login = '$T2_LOGIN' WHERE login = 'zhangli'"
QL2=$T/queries2
: >"$QL2"; chmod 0666 "$QL2"
others2() { grep -v '^PRAGMA data_version$' "$QL2" 2>/dev/null | grep -vc '^SELECT audience, seq FROM changes' || echo 0; }
checks2() { grep -c '^SELECT audience, seq FROM changes' "$QL2" 2>/dev/null || echo 0; }
t2 -f /dev/null new-session -d -s b -x 100 -y 24 -- env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
    PAICHA_TEST_QUERY_LOG="$QL2" "$PAICHA"
t2_wait "Call queue"
ok $? "a second investigator's queue opens in another terminal"
t2_wait "司马懿"
ok $? "it shows her case 司马懿"

# a draft saved by the first investigator costs her screen the check only
c0=$(checks2); sleep 1; q0=$(others2)
sql "INSERT INTO drafts(worker_id, user_id, saved_at, answers) VALUES($W1, $MINE, $NOW, 'note=y')
    ON CONFLICT DO UPDATE SET answers = excluded.answers"
n=0
while [ "$(checks2)" -le "$c0" ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
sleep 1
is "$(others2)" "$q0" "the other investigator's draft costs her queue nothing but the check"

q1=$(others) q2=$(others2)
"$PAICHA" assign --to "$ME" "$W2" >/dev/null
ok $? "the lead moves 司马懿 from her to the first investigator"
tui_wait a "司马懿" 2
ok $? "it appears on the first investigator's screen"
t2_gone() {	# t2_gone TEXT: until the second terminal no longer shows TEXT
	_n=40
	while t2 capture-pane -p -t b | grep -qF -- "$1" && [ $_n -gt 0 ]; do sleep 0.05; _n=$((_n - 1)); done
	! t2 capture-pane -p -t b | grep -qF -- "$1"
}
t2_gone "司马懿"
ok $? "and leaves hers"
ok $([ "$(others)" -gt "$q1" ] && [ "$(others2)" -gt "$q2" ]; echo $?) "both screens read their rows again"
"$PAICHA" assign --to "$T2_LOGIN" "$W2" >/dev/null
t2_wait "司马懿" 2
ok $? "moved back: it appears on hers again"
tui_wait_gone a "司马懿" 2
ok $? "and leaves the first's"

t2 send-keys -t b q
tui_keys a q
n=0
while { ! tui_dead a || t2 has-session -t b 2>/dev/null; } && [ $n -lt 200 ]; do
	sleep 0.05; n=$((n + 1))
done
done_testing
