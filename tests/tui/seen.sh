#!/bin/sh
# The case screen shows all of a worker's phones: each opening is recorded
# in the audit log (issue 13, item 9), and paicha audit --worker lists it.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
seen() { sql "SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id WHERE u.login = '$ME'
    AND a.action = 'worker.seen' AND a.field = 'phones' AND a.entity_id = $W1"; }
is "$(seen)" 0 "nobody has seen 欧阳娜娜's phones yet"
tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait a "Call queue"
for n in 1 2; do
	tui_keys a / oynn
	tui_wait a "欧阳娜娜"
	tui_keys a Enter
	tui_wait a "Open follow-ups"
	tui_keys a Escape Escape
	tui_wait a "Call queue"
done
is "$(seen)" 2 "opening the case twice is recorded twice: who, whom, when"
run audit --worker "$W1"
like "$OUT" "worker.seen      worker $W1  phones" "paicha audit --worker lists it"
tui_keys a q
done_testing
