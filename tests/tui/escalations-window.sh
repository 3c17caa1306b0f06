#!/bin/sh
# The Escalations screen holds a window of pages around the cursor, not
# the list (tui/kwin.c): on a list of several windows, Page Down, End,
# Home and the arrows across the windows' edges put the cursor on the row
# paicha escalations prints at that position; the position line and the
# counts over it are of the whole list, and a close made by another
# process while the screen is open shows within 2 seconds.
# As PuTTY connects: TERM=xterm, 80x24.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-03 10:00"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init --township 黄花镇 --division 430121100 \
    --area-code 0731 >/dev/null && PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo --workers 1500 --seed 4 >/dev/null
ok $? "a demo township"
"$PAICHA" escalations --csv | python3 -c 'import csv, sys
for r in list(csv.reader(sys.stdin))[1:]: print(r[1] + " " + r[2])' >"$T/esc"
M=$(wc -l <"$T/esc")
ok "$([ "$M" -gt 400 ]; echo $?)" "the lead's list is several windows long ($M escalations)"

# at POS: the position line says POS/M and the cursor's row (named in
# full under the list) is row POS of paicha escalations.
at() {
	who=$(sed -n "${1}p" "$T/esc")
	tui_wait e "$1/$M " && tui_screen e | grep -q -- "^$who: "
}

tui_start e 80 24 env TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait e "Call queue"
tui_keys e E
tui_wait e "Escalations"
ok $? "E opens the Escalations screen"
at 1
ok $? "the cursor starts on the first escalation"
like "$(tui_screen e)" "$M open: " "the counts over the status line are of the whole list"
is "$(tui_screen e | wc -L | tr -d ' ')" 80 "and the screen fits 80 columns"
pos_now() { tui_screen e | grep -o "^[0-9]*/$M " | cut -d/ -f1; }
tui_pgdn_past e 14 192
ok "$([ "${pos:-0}" -gt 192 ]; echo $?)" "fourteen Page Downs go past the first window (at $pos)"
at "$pos"
ok $? "and the cursor's row is paicha escalations' row $pos"
tui_window_walk e "$M" escalation

# another process (the lead's command line) closes the first one: the
# screen's count and its first row follow within 2 seconds
first=$("$PAICHA" escalations --csv | sed -n 2p | cut -d, -f1,5)
run escalations close "${first%,*}" "${first#*,}" "村委会核实"
is "$RC" 0 "another process closes the first escalation ($first)"
tui_keys e Home
tui_wait e "/$((M - 1)) " 3
ok $? "the screen counts one fewer within 2 seconds"
at_new=$("$PAICHA" escalations --csv | python3 -c 'import csv, sys
r = list(csv.reader(sys.stdin))[1]; print(r[1] + " " + r[2])')
tui_wait e "$at_new: " 3
ok $? "and its first row is the list's new first"
tui_keys e q
done_testing
