#!/bin/sh
# The screen loads the geocoder module only when a new number needs its
# region (forms/geocoder.h): not for the queue, nor for a case, nor for a
# search; then the number typed on the case screen gets its region.
# Without the module the field says why the number cannot be checked and
# what to do, and Enter saves nothing.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
loaded() { grep -c 'libgeocoding\|paicha-geocoder' "/proc/$(tui_pid "$1")/maps"; }

tui_start g 80 24 env TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait g "Call queue"
ok $? "the queue is on the screen"
tui_keys g NPage NPage
is "$(loaded g)" 0 "the queue has not loaded the geocoder"
tui_keys g / oynn
tui_wait g "欧阳娜娜"
tui_keys g Enter
tui_wait g "Open follow-ups"
ok $? "a case is open"
is "$(loaded g)" 0 "nor has the search or the case"
tui_keys g a
tui_wait g "New phone:"
tui_keys g 1387412
tui_wait g "Not valid"
is "$(loaded g)" 0 "nor a number too short to have a region"
tui_keys g 3456
tui_wait g "Valid mobile number 13874123456 湖南省株洲市"
ok $? "a valid number shows its region"
[ "$(loaded g)" -gt 0 ]
ok $? "which loaded the module"
tui_keys g Enter
tui_wait g "saved"
is "$(sql "SELECT region FROM phones WHERE e164 = '+8613874123456'")" "湖南省株洲市" "it is saved with its region"
tui_keys g q q
sleep 0.3

# without the module
n=$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1")
tui_start h 80 24 env TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_GEOCODER=/nonexistent/paicha-geocoder.so "$PAICHA"
tui_wait h "Call queue"
tui_keys h / oynn
tui_wait h "欧阳娜娜"
tui_keys h Enter
tui_wait h "Open follow-ups"
tui_keys h a
tui_wait h "New phone:"
tui_keys h 13974123456
tui_wait h "cannot be checked now"
ok $? "without the module the field says the number cannot be checked now"
tui_wait h "/nonexistent/paicha-geocoder.so"
ok $? "and names the module"
tui_keys h Enter
sleep 0.3
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1")" "$n" "Enter saves nothing"
tui_screen h | grep -q "Call queue\|Open follow-ups\|New phone"
ok $? "and the program is still running"
tui_keys h Escape q q
done_testing
