#!/bin/sh
# Two people editing the same worker's details or phones: the later save
# is refused with what changed meanwhile (workers.version, checked inside
# the write transaction); nothing is silently overwritten.  Two real
# processes race with the same version, on the command line and with a
# case screen open.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

seed_township
ok $? "a demo township with known workers"

ver() { sql "SELECT version FROM workers WHERE id = $1"; }

# ---- the command line: two processes, one version, ten rounds ----
W=5
wins=0 refused=0 lost=0
for r in 1 2 3 4 5 6 7 8 9 10; do
	v=$(ver $W)
	"$PAICHA" edit $W --version "$v" "village=甲村$r" >"$T/a.out" 2>"$T/a.err" &
	a=$!
	"$PAICHA" edit $W --version "$v" "employer=乙厂$r" >"$T/b.out" 2>"$T/b.err" &
	b=$!
	wait $a; ra=$?
	wait $b; rb=$?
	[ $((ra + rb)) -eq 1 ] && wins=$((wins + 1))
	grep -q "changed worker $W meanwhile" "$T/a.err" "$T/b.err" && refused=$((refused + 1))
	village=$(sql "SELECT village FROM workers WHERE id = $W")
	employer=$(sql "SELECT employer FROM workers WHERE id = $W")
	# exactly the winner's value is stored, the loser's nowhere
	if [ $ra -eq 0 ]; then
		[ "$village" = "甲村$r" ] && [ "$employer" != "乙厂$r" ] || lost=$((lost + 1))
	else
		[ "$employer" = "乙厂$r" ] && [ "$village" != "甲村$r" ] || lost=$((lost + 1))
	fi
done
is "$wins" 10 "of two edits with the same version, exactly one is saved (10 rounds)"
is "$refused" 10 "the other is told the worker changed meanwhile"
is "$lost" 0 "the stored worker holds the winner's change and not the loser's"
like "$(cat "$T/a.out" "$T/b.out")" "village=$village
work_province" "the refused one prints the worker as it is now"

v=$(ver $W)
run edit $W --version "$v" --add-phone 13574890001
is "$RC" 0 "a phone added with the current version"
is "$(ver $W)" $((v + 1)) "adding a phone is a new version"
run edit $W --version "$v" --remove-phone 13574890001
is "$RC" 1 "removing it with the version from before is refused"
like "$ERR" "nothing was saved" "and says nothing was saved"
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W AND e164 = '+8613574890001' AND removed_at IS NULL")" 1 \
    "the phone is still there"
run edit $W --version "$v" name=某某
is "$RC" 1 "a detail saved with a stale version is refused too"
run edit $W --version "$((v + 1))" --remove-phone 13574890001
is "$RC" 0 "with the version now it is removed"
is "$(sql "SELECT count(*) FROM audit WHERE entity_id = $W AND action IN ('worker.update','phone.remove')")" 11 \
    "every saved change is audited (10 details, 1 removal)"
run edit $W bogus=1
is "$RC" 1 "an unknown field is refused"
run check
is "$RC" 0 "check passes"

# ---- the case screen: a phone typed while someone else changes the worker ----
if ! command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1; then
	skip_test "the case screen" "no tmux"
	done_testing
fi
tui_start c 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait c "Call queue"
tui_keys c / oynn
tui_wait c "欧阳娜娜"
tui_keys c Enter
tui_wait c "Open follow-ups"
ok $? "the case of worker $W1 is open"
tui_keys c a
tui_wait c "New phone:"
tui_keys c 13574895655
tui_wait c "Valid mobile number 13574895655"
ok $? "a new phone is typed"
# meanwhile, another process adds a phone and changes the village
run edit "$W1" --add-phone 13574896666 village=新村
is "$RC" 0 "meanwhile another process changes the worker"
tui_keys c Enter
tui_wait c "Not saved: someone else changed this worker meanwhile"
ok $? "the screen refuses the save"
shown=$(tui_screen c | tr -d '\n')
like "$shown" "新村" "and says what changed: the village"
like "$shown" "13574896666" "and the phone added"
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W1 AND e164 = '+8613574895655'")" 0 \
    "the typed phone was not stored"
tui_keys c a
tui_wait c "New phone:"
tui_keys c 13574895655 Enter
tui_wait c "Phone 13574895655 saved."
ok $? "typed again on the fresh worker it is saved"
tui_keys c q Escape q
done_testing
