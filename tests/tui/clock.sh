#!/bin/sh
# Time passing on the screens, on a clock that runs 60 times as fast
# (PAICHA_NOW="... x60", forms/clock.h): a claim is renewed while its case
# stays open, so that past its 15 minutes the other investigator is still
# refused; and the queue reloads once a minute on its own, so that a
# follow-up that falls due shows as due without a key or a write.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
FAST="2020-02-03 10:00 x60"	# one real second is a minute
# UTC seconds of a CST time
utc() { sql "SELECT CAST(strftime('%s', '$1', '-8 hours') AS INTEGER)"; }

# ---- the 60-second reload ----
# one of my reached cases with nothing open gets a job follow-up due 10:02
W3=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$ME' AND c.contact = 'reached' AND NOT EXISTS(SELECT 1 FROM followups f
    WHERE f.worker_id = c.worker_id AND f.done_at IS NULL) ORDER BY c.worker_id LIMIT 1")
sql "UPDATE workers SET name = '诸葛亮' WHERE id = $W3"
run followup add "$W3" --kind job --due "2020-02-03 10:02"
is "$RC" 0 "a follow-up due at 10:02 for 诸葛亮"
tui_start q 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_NOW="$FAST" "$PAICHA"
tui_wait q "诸葛亮"
before=$(tui_screen q | grep -F "诸葛亮")
a0=$(sql "SELECT count(*) FROM audit")
n=0
while [ "$(tui_screen q | grep -F "诸葛亮")" = "$before" ] && [ $n -lt 300 ]; do
	sleep 0.05; n=$((n + 1))
done
after=$(tui_screen q | grep -F "诸葛亮")
ok $([ "$after" != "$before" ]; echo $?) "once due, the follow-up changes its row without a key"
diag "before: $before" "after:  $after"
is "$(sql "SELECT count(*) FROM audit")" "$a0" "and without any write to the database"
tui_keys q q

# ---- claim renewal ----
tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_NOW="$FAST" "$PAICHA"
tui_wait a "Call queue" && tui_keys a / oynn && tui_wait a "欧阳娜娜" && tui_keys a Enter &&
    tui_wait a "Open follow-ups"
ok $? "the case of 欧阳娜娜 is open at 10:00"
first=$(sql "SELECT claim_expires FROM cases WHERE worker_id = $W1")
ok $([ -n "$first" ] && [ "$first" -le "$(utc '2020-02-03 10:16')" ]; echo $?) \
    "it is claimed for 15 minutes"
# past 10:16 on the screen's clock the claim must reach beyond 10:31
want=$(utc '2020-02-03 10:31')
n=0
while [ "$(sql "SELECT coalesce(claim_expires, 0) >= $want FROM cases WHERE worker_id = $W1")" != 1 ] &&
    [ $n -lt 800 ]; do
	sleep 0.05; n=$((n + 1))
done
is "$(sql "SELECT coalesce(claim_expires, 0) >= $want FROM cases WHERE worker_id = $W1")" 1 \
    "kept open past 10:16, the claim is renewed beyond 10:31"
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.claimed_by WHERE c.worker_id = $W1")" \
    "$ME" "still by the same investigator"
if can_switch_users; then
	other=$(acct inv)
	run user add "$other" --role investigator --name 另一人
	chmod 0777 "$T"; chmod 0666 "$PAICHA_DB"*
	calls0=$(sql "SELECT count(*) FROM calls WHERE worker_id = $W1")
	as_user "$other" env PAICHA_NOW="2020-02-03 10:20" "$PAICHA" call "$W1" --outcome busy >"$T/o" 2>&1
	is "$?" 1 "at 10:20, after the first 15 minutes, another investigator's call is still refused"
	like "$(cat "$T/o")" "$(sql "SELECT name FROM users WHERE login = '$ME'")" "naming who holds it"
	is "$(sql "SELECT count(*) FROM calls WHERE worker_id = $W1")" "$calls0" "and nothing is recorded"
else
	skip_test "another investigator is still refused" "needs root to run a second account"
fi
tui_keys a Escape Escape q
n=0
while ! tui_dead a && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 "leaving releases the claim"

done_testing
