#!/bin/sh
# The investigator's whole flow at 80x24 in English: the queue, a search
# by pinyin initials, a case, a reached call with symptoms, the follow-ups
# it leaves; resizing; q gives the terminal back as it was.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"

# the terminal settings before and after, from the shell that runs paicha
tui_start s 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 sh -c \
    'stty -a > "$1/stty.before"; "$2"; echo "exit=$?"; stty -a > "$1/stty.after"; sleep 600' \
    sh "$T" "$PAICHA"
tui_wait s "Call queue"
ok $? "the queue opens without a command"
screen=$(tui_screen s)
like "$screen" "Why here" "the queue has a column saying why a case is where it is"
like "$screen" "$(sql "SELECT display FROM phones WHERE worker_id = $W1 AND rank = 0")" \
    "the queue shows a worker's primary phone in display form"

tui_keys s /
tui_wait s "Search:"
ok $? "/ opens the search"
tui_keys s o y n n
tui_wait s "欧阳娜娜"
ok $? "pinyin initials find a worker"
tui_keys s Enter
tui_wait s "Open follow-ups"
ok $? "Enter on a hit opens the worker's case"
like "$(tui_screen s)" "Phones" "the case shows the phones"
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.claimed_by WHERE c.worker_id = $W1")" \
    "$ME" "opening the case claims it"
calls_before=$(sql "SELECT count(*) FROM calls WHERE worker_id = $W1")

tui_keys s c
tui_wait s "Call outcome *"
ok $? "c opens the call form, required questions marked"
tui_keys s F2
tui_wait s "Call outcome: an answer is required"
ok $? "saving an empty form names the missing answer"
tui_keys s r h
tui_wait s "Return date *"
ok $? "questions that apply to the answers so far appear"
tui_keys s 2020-02-30 Tab
tui_wait s "Return date: 2020-02-30"
ok $? "a wrong date is refused when leaving the field, naming it"
tui_keys s BTab C-u 2020-02-01 Tab r 38.2 Tab f c Tab 2020-02-02 Tab y
tui_wait s "Symptom onset date"
ok $? "a symptom brings the onset date question"
tui_keys s C-s
tui_wait s "Call saved."
ok $? "Ctrl-S saves the call and goes back to the case"
tui_wait s "medical"
ok $? "the case shows the medical follow-up the call left"
like "$(tui_screen s)" "health check" "and the health check of the isolation"
is "$(sql "SELECT count(*) FROM calls WHERE worker_id = $W1")" $((calls_before + 1)) \
    "one call was recorded"
is "$(sql "SELECT a.value FROM call_answers a JOIN calls c ON c.id = a.call_id
    WHERE c.worker_id = $W1 AND a.key = 'symptoms' ORDER BY c.id DESC LIMIT 1")" "fever,cough" \
    "with its symptoms"
is "$(sql "SELECT count(*) FROM drafts WHERE worker_id = $W1")" 0 "the saved call leaves no draft"

tui_resize s 120 40
tui_wait s "Open follow-ups"
tui_screen s | grep -q "Case\$" && [ "$(tui_screen s | head -1 | wc -m)" -gt 100 ]
ok $? "at 120x40 the title bar spans the width"
tui_resize s 79 23
tui_wait s "terminal too small (need 80x24)"
ok $? "below 80x24 one line says the terminal is too small"
tui_resize s 80 24
tui_wait s "Open follow-ups"
ok $? "back at 80x24 the case is drawn again"

tui_keys s Escape
tui_wait s "Search:"
ok $? "Esc goes back to the search the case was opened from"
tui_keys s Escape
tui_wait s "Call queue"
ok $? "and Esc again to the queue"
is "$(sql "SELECT coalesce(claimed_by, 0) FROM cases WHERE worker_id = $W1")" 0 \
    "leaving the case releases the claim"
tui_keys s '?'
tui_wait s "Open the next case to call"
ok $? "? shows the help made from the key table, the queue's keys first"
tui_keys s G
tui_wait s "Flags and marks"
ok $? "the help scrolls to the other screens' keys"
tui_keys s q
tui_wait s "Call queue"
tui_keys s q
tui_wait s "exit=0"
ok $? "q quits with status 0"
n=0
while [ ! -s "$T/stty.after" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
cmp -s "$T/stty.before" "$T/stty.after"
ok $? "the terminal settings are restored"

done_testing
