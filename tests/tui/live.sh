#!/bin/sh
# Live screens: a reassignment made with `paicha assign` appears on an open
# queue within 2 seconds without a key press, the cursor staying on its
# worker; two investigators in two terminals (two Unix accounts) cannot
# both call one worker.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"

tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait a "Call queue"
ok $? "the queue is open"
# the line under the list names the worker under the cursor
detail() { tui_screen a | sed -n 22p | cut -d: -f1; }
tui_keys a j
tui_wait a "2 of"
before=$(detail)
"$PAICHA" assign --to "$ME" "$W2" >/dev/null
ok $? "a lead reassigns 司马懿 to this investigator"
tui_wait a "司马懿" 2
ok $? "the reassigned case appears within 2 seconds, without a key"
after=$(detail)
[ -n "$before" ] && [ "$after" = "$before" ]
ok $? "the cursor stays on the same worker ($before)"
"$PAICHA" assign --to zhangli "$W2" >/dev/null
tui_wait_gone a "司马懿" 2
ok $? "and leaves again within 2 seconds when assigned away"

if ! can_switch_users; then
	skip_test "two investigators cannot call one worker" "needs root to run a second account"
	done_testing
fi
# the second investigator runs as another Unix account
chmod 0777 "$T"
chmod 0666 "$PAICHA_DB"*
# (the demo's zhangli, renamed to this run's test account)
T2_LOGIN=$(acct zl)
sql "UPDATE users SET login = '$T2_LOGIN' WHERE login = 'zhangli'"
# she calls only her own cases (db/roles.h); the first, an admin, may open any
"$PAICHA" assign --to "$T2_LOGIN" "$W1" >/dev/null
my_name=$(sql "SELECT name FROM users WHERE login = '$ME'")
her_name=$(sql "SELECT name FROM users WHERE login = '$T2_LOGIN'")

tui_keys a / oynn
tui_wait a "欧阳娜娜"
tui_keys a Enter
tui_wait a "Open follow-ups"
ok $? "the first investigator opens 欧阳娜娜's case"

t2 -f /dev/null new-session -d -s b -x 80 -y 24 -- env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
t2_wait "Call queue"
ok $? "the second investigator's queue opens in another terminal as another account"
t2 send-keys -t b / oynn
t2_wait "欧阳娜娜"
t2 send-keys -t b Enter
t2_wait "$my_name is calling this worker (until 10:15)"
ok $? "the second sees who is calling the worker, and until when"
t2 send-keys -t b c
t2_wait "$my_name is calling this worker"
unlike "$(t2 capture-pane -p -t b)" "Call outcome" "and cannot open the call form"
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.claimed_by WHERE c.worker_id = $W1")" \
    "$ME" "the claim stays with the first"

tui_keys a Escape Escape
tui_wait a "Call queue"
t2_wait "Open follow-ups"
n=0
while t2 capture-pane -p -t b | grep -qF "is calling this worker" && [ $n -lt 60 ]; do
	sleep 0.05; n=$((n + 1))
done
t2 send-keys -t b c
t2_wait "Call outcome"
ok $? "once the first leaves the case, the second may call"
tui_keys a / oynn
tui_wait a "欧阳娜娜"
tui_keys a Enter
tui_wait a "$her_name is calling this worker"
ok $? "and now the first is told who is calling"

t2 send-keys -t b Escape y
t2_wait "Open follow-ups"
t2 send-keys -t b Escape q
tui_keys a Escape Escape q
n=0
while { ! tui_dead a || t2 has-session -t b 2>/dev/null; } && [ $n -lt 200 ]; do
	sleep 0.05; n=$((n + 1))
done
is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 "quitting leaves no claim"

done_testing
