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
pos_now() { tui_screen q | grep -o "[0-9]* of $M" | cut -d' ' -f1; }
tui_pgdn_past q 12 192
ok "$([ "${pos:-0}" -gt 192 ]; echo $?)" "twelve Page Downs go past the first window (at $pos)"
at "$pos"
ok $? "and the cursor's row is paicha queue's row $pos"
tui_window_walk q "$M" case
tui_keys q q
done_testing
