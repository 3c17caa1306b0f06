#!/bin/sh
# Real terminals as investigators reach the server (issue 11): PuTTY and
# Xshell announce TERM=xterm; separators are Unicode lines, never the VT100
# charset switch ESC(0 that PuTTY in UTF-8 shows as "qqqq"; PuTTY's F1-F4,
# Home and End (ESC[11~, ESC[12~, ESC[1~, ESC[4~), the Linux console's
# ESC[[A and the keypad in application mode work whatever TERM says; a
# terminal type this machine does not describe (putty without
# ncurses-term, a made-up name) falls back to xterm and says so.
# tmux sets TERM itself: the program is started with env TERM=... inside.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

TM=${TMUX_BIN:-tmux}
command -v "$TM" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"

# ---- the bytes sent for the queue's separator under TERM=xterm
tui_start x 80 24 sh -c 'sleep 0.3; exec env TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 "$1"' sh "$PAICHA"
"$TM" -S "$TMUX_SOCK" pipe-pane -o -t x "cat >> '$T/xterm.bytes'"
tui_wait x "Call queue"
ok $? "the queue opens under TERM=xterm"
tui_wait x "1 of "
sleep 0.2
if grep -q "$(printf '\033(0')" "$T/xterm.bytes"; then ok 1 "no ESC(0 line-drawing switch is sent"
else ok 0 "no ESC(0 line-drawing switch is sent"; fi
if grep -q "$(printf '\342\224\200\342\224\200\342\224\200')" "$T/xterm.bytes"; then
	ok 0 "the separator is sent as U+2500 characters"
else ok 1 "the separator is sent as U+2500 characters"; fi
like "$(tui_screen x)" "────────" "the separator shows as a line"

# ---- PuTTY's Home and End in the queue (ESC[4~, ESC[1~)
n=$(tui_screen x | sed -n 's/.*[^0-9]1 of \([0-9]*\).*/\1/p' | head -1)
"$TM" -S "$TMUX_SOCK" send-keys -t x -H 1b 5b 34 7e
tui_wait x "─$n of $n"
ok $? "ESC[4~ (PuTTY's End) goes to the last case"
"$TM" -S "$TMUX_SOCK" send-keys -t x -H 1b 5b 31 7e
tui_wait x "─1 of $n"
ok $? "ESC[1~ (PuTTY's Home) goes to the first case"

# ---- the keypad in application mode types digits (ESC O q = 1 ...)
tui_keys x /
tui_wait x "Search:"
"$TM" -S "$TMUX_SOCK" send-keys -t x -H 1b 4f 71 1b 4f 72 1b 4f 73 1b 4f 74 1b 4f 75 1b 4f 70
tui_wait x "Search: 123450"
ok $? "the keypad's digits are typed as digits"
tui_keys x C-u oynn
tui_wait x "欧阳娜娜"
tui_keys x Enter
tui_wait x "Open follow-ups"
ok $? "the case is open"

# ---- PuTTY's F1 opens the help, F2 saves the call form
"$TM" -S "$TMUX_SOCK" send-keys -t x -H 1b 5b 31 31 7e
tui_wait x "Show this help"
ok $? "ESC[11~ (PuTTY's F1) opens the help"
tui_keys x q
tui_wait x "Open follow-ups"
before=$(sql "SELECT count(*) FROM calls WHERE worker_id = $W1")
tui_keys x c
tui_wait x "Call outcome *"
tui_keys x r h 2020-02-01 Tab r 38.2 Tab f c Tab 2020-02-02 Tab y
tui_wait x "Symptom onset date"
"$TM" -S "$TMUX_SOCK" send-keys -t x -H 1b 5b 31 32 7e
tui_wait x "Call saved."
ok $? "ESC[12~ (PuTTY's F2) saves the call form under TERM=xterm"
is "$(sql "SELECT count(*) FROM calls WHERE worker_id = $W1")" $((before + 1)) \
    "the call is in the database"
screen=$(tui_screen x)
unlike "$screen" "Discard this call" "F2 is not read as Esc and junk"
tui_keys x Escape Escape Escape
tui_wait x "Call queue"

# ---- the Linux console's F1 (ESC[[A)
"$TM" -S "$TMUX_SOCK" send-keys -t x -H 1b 5b 5b 41
tui_wait x "more below"
ok $? "ESC[[A (the Linux console's F1) opens the help"
tui_keys x q q

# ---- terminal types without a description here
for term in putty no-such-terminal-9; do
	if [ "$term" = putty ] && infocmp putty >/dev/null 2>&1; then
		skip_test "TERM=putty opens" "ncurses-term describes putty here"
		continue
	fi
	tui_start "t$term" 80 24 sh -c \
	    'exec env TERM="$2" LANG=C.UTF-8 LC_ALL=C.UTF-8 "$1" 2> "$3"; sleep 600' sh "$PAICHA" "$term" "$T/$term.err"
	tui_wait "t$term" "Call queue"
	ok $? "TERM=$term opens the queue"
	like "$(tui_screen "t$term")" "Terminal type '$term' unknown here" "the status line says TERM=$term is unknown"
	like "$(cat "$T/$term.err")" "ncurses-term" "the message names the package to install"
	unlike "$(cat "$T/$term.err")" "Error opening terminal" "no curses error"
	tui_keys "t$term" q
done

# ---- and in Chinese
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	tui_start z 80 24 sh -c \
	    'exec env TERM=no-such-terminal-9 LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$1" 2> "$2"; sleep 600' sh "$PAICHA" "$T/zh.err"
	tui_wait z "欧阳娜娜"
	want=$(LANGUAGE= LC_ALL=zh_CN.UTF-8 TEXTDOMAINDIR="$PAICHA_BUILDDIR/locale" gettext paicha \
	    "Terminal type '%s' unknown here: using '%s' (install ncurses-term)" | sed 's/%s.*//')
	like "$(tui_screen z)" "$want" "the fallback is said in Chinese under zh_CN.UTF-8"
	unlike "$want" "Terminal type" "(the message is translated)"
else
	skip_test "the fallback is said in Chinese" "no zh_CN.UTF-8 locale"
fi

done_testing
