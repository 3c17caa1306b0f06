#!/bin/sh
# SIGHUP (the SSH link drops) and SIGTERM while a call form is being
# filled: the draft keeps every answer, even the one being typed, the
# claim is released and the terminal restored; opening the case again
# offers the draft back.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"

# Run paicha under a shell that shows its exit status when it ends.
start_paicha() {
	tui_start "$1" 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -c \
	    '"$0"; echo "exit=$?"; sleep 600' "$PAICHA"
}
# term_state NAME: the terminal as the shell after paicha sees it: tmux's
# alternate screen, cursor visibility and keypad modes of the pane, and
# the pty's line discipline (stty): "alt=0 cursor=1 keypad=0 icanon echo"
# when restored; curses runs with alt=1 and -icanon -echo.
term_state() {
	_f='alt=#{alternate_on} cursor=#{cursor_flag} keypad=#{keypad_cursor_flag}'
	_tty=$("${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" display-message -p -t "$1" '#{pane_tty}')
	printf '%s %s %s\n' "$("${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" display-message -p -t "$1" "$_f")" \
	    "$(stty -F "$_tty" -a | tr ' ' '\n' | grep -x -e '-\{0,1\}icanon' -e '-\{0,1\}echo')" | tr '\n' ' ' | sed 's/ *$//'
}
RESTORED="alt=0 cursor=1 keypad=0 icanon echo"
# The pid of paicha under that shell.
paicha_pid() { pgrep -P "$(tui_pid "$1")" -x paicha; }
# start paicha, open 欧阳娜娜's call form, answer two questions and type a third
start_call() {
	start_paicha "$1"
	tui_wait "$1" "Call queue" &&
	    tui_keys "$1" / oynn && tui_wait "$1" "欧阳娜娜" &&
	    tui_keys "$1" Enter && tui_wait "$1" "Open follow-ups" &&
	    tui_keys "$1" c && tui_wait "$1" "Call outcome *" &&
	    tui_keys "$1" r h && tui_wait "$1" "Return date *" &&
	    tui_keys "$1" 2020-02-01 && tui_wait "$1" "2020-02-01"
}

start_call a
ok $? "a call form is being filled"
is "$(sql "SELECT coalesce(claimed_by, 0) > 0 FROM cases WHERE worker_id = $W1")" 1 \
    "the case is claimed"
is "$(term_state a)" "alt=1 cursor=1 keypad=1 -icanon -echo" "paicha runs on the alternate screen, keypad on, raw"
kill -HUP "$(paicha_pid a)"
tui_wait a "exit=129"
ok $? "SIGHUP ends paicha with the status of SIGHUP"
is "$(term_state a)" "$RESTORED" "after SIGHUP the terminal is restored (main screen, cursor, echo)"
draft=$(sql "SELECT answers FROM drafts WHERE worker_id = $W1")
like "$draft" "whereabouts=home" "the draft keeps the answers given"
like "$draft" "return_date=2020-02-01" "and the one that was being typed"
is "$(sql "SELECT coalesce(claimed_by, 0) FROM cases WHERE worker_id = $W1")" 0 \
    "the claim is released"

start_paicha b
tui_wait b "Call queue"
tui_keys b / oynn
tui_wait b "欧阳娜娜"
tui_keys b Enter
tui_wait b "An unsaved call form is kept: y resume it, n start again"
ok $? "opening the case again offers the draft"
tui_keys b y
tui_wait b "Returned home"
ok $? "y brings the answers back"
like "$(tui_screen b)" "2020-02-01" "all of them"
tui_keys b r
tui_wait b "Rail"
kill -TERM "$(paicha_pid b)"
tui_wait b "exit=143"
ok $? "SIGTERM ends paicha with the status of SIGTERM"
is "$(term_state b)" "$RESTORED" "after SIGTERM the terminal is restored (main screen, cursor, echo)"
like "$(sql "SELECT answers FROM drafts WHERE worker_id = $W1")" "transport=rail" \
    "the draft has the answer given after resuming"
is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 "no claim is left"

done_testing
