#!/bin/sh
# The case screen's own work: a phone field that says while you type
# whether the number is valid and why not, correcting a phone (the old one
# is kept as removed), and follow-ups added, moved and closed; NO_COLOR.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"

tui_start c 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 NO_COLOR=1 "$PAICHA"
tui_wait c "Call queue"
tui_keys c / oynn
tui_wait c "欧阳娜娜"
tui_keys c Enter
tui_wait c "Open follow-ups"
ok $? "the case is open"
colours=$("${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" capture-pane -e -p -t c | grep -c "$(printf '\033')\[[0-9;]*3[0-7]m")
is "$colours" 0 "with NO_COLOR set nothing is coloured"

nphones=$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1 AND removed_at IS NULL")
tui_keys c a
tui_wait c "New phone:"
ok $? "a asks for a new phone"
tui_keys c 1357489
tui_wait c "Not valid"
ok $? "while typing, the field says the number is not valid and why"
tui_keys c 5655
tui_wait c "Valid mobile number 13574895655"
ok $? "and says when it becomes valid"
tui_keys c Enter
tui_wait c "Phone 13574895655 saved."
ok $? "Enter adds it"
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1 AND removed_at IS NULL")" $((nphones + 1)) \
    "the worker has one more phone"

# the cursor goes over the phones, then the follow-ups: the new phone is the
# second; e corrects the phone under the cursor
tui_keys c g j e
tui_wait c "Correct the phone:"
ok $? "e offers the phone under the cursor for correction"
tui_keys c C-u 84900135
tui_wait c "Valid fixed-line number 0731-84900135"
ok $? "a local fixed-line number takes the township's area code"
tui_keys c Enter
tui_wait c "Phone 0731-84900135 saved."
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1 AND e164 = '+8613574895655' AND removed_at IS NOT NULL")" 1 \
    "the corrected number is kept as removed"
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1 AND e164 = '+8673184900135' AND removed_at IS NULL")" 1 \
    "and the new one is current"

open_fu() { sql "SELECT count(*) FROM followups WHERE worker_id = $W1 AND done_at IS NULL"; }
before=$(open_fu)
tui_keys c f
tui_wait c "Kind:"
tui_keys c c
tui_wait c "Due (date and time):"
tui_keys c C-u "2020-02-05 14:30"
tui_wait c "Due 2020-02-05 14:30"
ok $? "a follow-up's due time is checked while typing"
tui_keys c Enter
tui_wait c "Note (may be empty):"
tui_keys c "ask about the job" Enter
tui_wait c "Follow-up added."
ok $? "f adds a follow-up"
is "$(open_fu)" $((before + 1)) "one more follow-up is open"
tui_wait c "ask about the job"
ok $? "the case lists it"

# the new follow-up is due last: the last item of the cursor
tui_keys c G m
tui_wait c "Move to (date and time):"
tui_keys c C-u "2020-02-06 9:00" Enter
tui_wait c "Follow-up moved."
ok $? "m moves it"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $W1 AND done_reason = 'moved'")" 1 \
    "the old one is closed as moved"
tui_wait c "2020-02-06 09:00"
ok $? "and the new time is shown"
tui_keys c G x
tui_wait c "Close it as d done, or c cancelled?"
tui_keys c d
tui_wait c "Follow-up closed."
ok $? "x closes it"
is "$(open_fu)" "$before" "as many follow-ups are open as before"

tui_keys c q Escape q
n=0
while ! tui_dead c && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
tui_dead c
ok $? "q and Esc go back, q on the queue quits"

done_testing
