#!/bin/sh
# The queue screen holds a window of pages around the cursor, not the
# whole queue (tui/queue_view.c): on a queue of several windows, Page
# Down, End, Home and the arrows across the windows' edges put the cursor
# on the row paicha queue prints at that position, and the position line
# counts the whole queue.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-03 10:00"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
"$PAICHA" init --township 黄花镇 --division 430121100 --area-code 0731 >/dev/null &&
    "$PAICHA" demo --workers 2500 --seed 4 --days 3 >/dev/null
ok $? "a demo township"
"$PAICHA" queue >"$T/queue"
M=$(wc -l <"$T/queue")
ok "$([ "$M" -gt 400 ]; echo $?)" "my queue is several windows long ($M cases)"

# at POS: the screen's position line says POS of M and the cursor's row
# (the reason line under the list names it) is line POS of paicha queue.
at() {
	name=$(sed -n "${1}p" "$T/queue" | awk '{ print $2 }')
	tui_wait q "$1 of $M" && tui_screen q | grep -q -- "^$name: "
}

tui_start q 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait q "Call queue"
ok $? "the queue is drawn"
at 1
ok $? "the cursor starts on the first case"
rows=$(tui_screen q | grep -c '^')
for _ in 1 2 3 4 5 6 7 8 9 10 11 12; do tui_keys q NPage; done
# the keys may still be on their way (a loaded machine, a sanitizer
# build): wait up to 20 s for the twelfth page before reading where it is
n=0
while :; do
	pos=$(tui_screen q | grep -o "[0-9]* of $M" | cut -d' ' -f1)
	[ "${pos:-0}" -gt 192 ] || [ $n -ge 200 ] && break
	sleep 0.1; n=$((n + 1))
done
ok "$([ "${pos:-0}" -gt 192 ]; echo $?)" "twelve Page Downs go past the first window (at $pos)"
at "$pos"
ok $? "and the cursor's row is paicha queue's row $pos"
tui_keys q End
at "$M"
ok $? "End goes to the last case"
tui_keys q Up Up Up
at $((M - 3))
ok $? "the arrows move from there"
tui_keys q Home
at 1
ok $? "Home goes back to the first"
for _ in $(seq 200); do tui_keys q Down; done
at 201
ok $? "two hundred Downs cross the window's edge row by row"
for _ in $(seq 150); do tui_keys q Up; done
at 51
ok $? "and Ups cross it back"
tui_keys q q
done_testing
