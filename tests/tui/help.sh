#!/bin/sh
# The help screen and the call form's Ctrl-C (issue 11): `?` does not hide
# its second page (the last line says there is more, and where the page
# is), it ends with a legend of the flag letters and marks; Ctrl-C in the
# call form says, once the screens are gone, that the draft is kept.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"

tui_start h 80 24 sh -c '"$1"; echo "exit=$?"; sleep 600' sh "$PAICHA"
tui_wait h "Call queue"
tui_keys h '?'
tui_wait h "-- more below: Space or PgDn (lines 1-"
ok $? "the help says there is more below"
tui_keys h Space
tui_wait h "(lines 20-"
ok $? "Space turns the page, and the marker says where it is"
tui_keys h G
tui_wait h "-- end (lines"
ok $? "at the end the marker says so"
screen=$(tui_screen h)
like "$screen" "Flags and marks" "the help ends with a legend"
for m in "S                  Flags: has symptoms" "I                  Flags: in home isolation" \
    "E                  Flags: escalated" "*                  After the flags: someone else" \
    "*                  Before a phone: the first number"; do
	like "$screen" "$m" "the legend explains '$(printf %s "$m" | cut -c1)': ${m#* *  }"
done
tui_keys h q
tui_wait h "Call queue"

# ---- Ctrl-C in the call form
tui_keys h / oynn
tui_wait h "欧阳娜娜"
tui_keys h Enter
tui_wait h "Open follow-ups"
tui_keys h c
tui_wait h "Call outcome *"
tui_keys h r h
tui_wait h "Return date *"
tui_keys h C-c
tui_wait h "exit=0"
ok $? "Ctrl-C in the form quits"
like "$(tui_screen h)" "your call form for worker $W1 is kept as a draft" "and says the draft is kept"
is "$(sql "SELECT count(*) FROM drafts WHERE worker_id = $W1")" 1 "the draft is in the database"

done_testing
