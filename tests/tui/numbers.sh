#!/bin/sh
# The call form dials a number (issue 12): it shows which, F3 switches,
# the call is recorded against it, a wrong number is struck on the case
# screen and the next form dials the other number; the cursor's phone is
# the one dialled.  The form refuses stray letters in place, counts its
# problems once, and a health-check form starts from what is known.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
first=$(sql "SELECT display FROM phones WHERE worker_id = $W1 AND removed_at IS NULL ORDER BY rank LIMIT 1")
sql "INSERT INTO phones(worker_id, rank, typed, e164, kind, display, created_at)
     VALUES($W1, 9, '13574890099', '+8613574890099', 'mobile', '13574890099', 0)"
last_phone() { sql "SELECT phone FROM calls WHERE worker_id = $W1 ORDER BY id DESC LIMIT 1"; }
ncalls() { sql "SELECT count(*) FROM calls WHERE worker_id = $W1"; }
# wait_calls N: until the worker has N calls.
wait_calls() {
	_n=0
	while [ "$(ncalls)" != "$1" ] && [ $_n -lt 200 ]; do sleep 0.05; _n=$((_n + 1)); done
}

tui_start n 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait n "Call queue"
tui_keys n / oynn
tui_wait n "欧阳娜娜"
tui_keys n Enter
tui_wait n "Open follow-ups"
tui_keys n c
tui_wait n "Dialling $first"
ok $? "the call form shows the number being dialled"
like "$(tui_screen n)" "number 1 of 2" "and which of the worker's numbers it is"
tui_keys n F3
tui_wait n "Dialling 13574890099"
ok $? "F3 switches to the worker's next number"
tui_keys n F3
tui_wait n "Dialling $first"
ok $? "and round again"
before=$(ncalls)
tui_keys n w F2
wait_calls $((before + 1))
is "$(last_phone)" "$(sql "SELECT e164 FROM phones WHERE worker_id = $W1 AND removed_at IS NULL ORDER BY rank LIMIT 1")" \
   "a wrong-number call is recorded against the number dialled"
tui_wait n "Call saved."
tui_wait n "[wrong number"
ok $? "the case screen shows the wrong number struck, with why"
tui_keys n c
tui_wait n "Dialling 13574890099"
ok $? "the next call form dials the other number"
tui_keys n Escape
tui_wait n "Discard this call?"
tui_keys n y
tui_wait n "Open follow-ups"

# the cursor on the second phone: the form dials it
tui_keys n g j c
tui_wait n "Dialling 13574890099"
ok $? "with the cursor on the second phone the form dials the second phone"
before=$(ncalls)
tui_keys n n F2
wait_calls $((before + 1))
is "$(last_phone)" "+8613574890099" "and the call is recorded against it"
tui_wait n "Call saved."

# a follow-up due in the past is asked about first
nfu=$(sql "SELECT count(*) FROM followups WHERE worker_id = $W1")
tui_keys n f
tui_wait n "Kind:"
tui_keys n c
tui_wait n "Due (date and time):"
tui_keys n C-u "2020-02-01 09:00"
tui_wait n "Due 2020-02-01 09:00: in the past"
ok $? "while typing, a due time in the past is said to be in the past"
tui_keys n Enter
tui_wait n "2020-02-01 09:00 is in the past: y keep it, n change it"
ok $? "Enter asks before keeping it"
tui_keys n n
tui_wait n "Due (date and time):"
ok $? "n asks for the time again"
tui_keys n Escape
tui_wait n "Open follow-ups"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $W1")" "$nfu" "nothing was added"

# stray letters in a choice field stay there
tui_keys n c
tui_wait n "Call outcome"
tui_keys n r h
tui_wait n "Return date"
tui_keys n C-u 2020-02-01 Tab
tui_wait n "r Rail"
tui_keys n a b c
tui_wait n "Temperature: that key is not an answer here"
ok $? "letters after a choice do not spill into the temperature: refused in place"
tui_keys n 3 7 . 2 Tab
tui_wait n "Symptoms"
screen=$(tui_screen n)
like "$screen" "Air" "the choice made by its key is kept"
like "$(printf '%s\n' "$screen" | grep 'Temperature')" "37.2" "and the temperature holds only what was meant for it"
unlike "$(printf '%s\n' "$screen" | grep 'Temperature')" "bc" "no stray letters"
# F2 with two problems: counted once, the first shown below
tui_keys n BTab C-u 4 5 Tab
tui_wait n "Temperature: "
tui_keys n BTab BTab BTab C-u 2020-02-30
tui_wait n "2020-02-30"
tui_keys n F2
tui_wait n "2 problems: the first is shown below"
ok $? "saving with two problems says how many, once"
screen=$(tui_screen n)
is "$(printf '%s\n' "$screen" | grep -c 'Return date: ')" 1 "the first problem's message is on the screen once"
tui_keys n Escape
tui_wait n "Discard this call?"
tui_keys n y
tui_wait n "Open follow-ups"
tui_keys n Escape
tui_wait n "Search:"
tui_keys n Escape
tui_wait n "Call queue"

# a group B worker is asked what fits them
WB=$(sql "SELECT c.worker_id FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$ME' AND w.grp = 'B' ORDER BY c.worker_id LIMIT 1")
sql "UPDATE workers SET name = '司马光' WHERE id = $WB"
tui_keys n / smg
tui_wait n "司马光"
tui_keys n Enter
tui_wait n "Open follow-ups"
tui_keys n c
tui_wait n "Call outcome"
tui_keys n C-k r
tui_wait n "Holiday travel"
ok $? "a group B worker is asked about holiday travel, not whether they returned home"
like "$(tui_screen n)" "Went to Hubei, came back here" "with choices that fit them"
tui_keys n h
tui_wait n "Date back here"
ok $? "and the date they came back here"
tui_keys n Escape
tui_wait n "Discard this call?"
tui_keys n y
tui_wait n "Open follow-ups"
tui_keys n Escape
tui_wait n "Search:"
tui_keys n Escape
tui_wait n "Call queue"
tui_keys n q
tui_dead n || sleep 0.5
done_testing
