#!/bin/sh
# Who may do what, seen with real Unix accounts the test makes and removes
# (issue 13, items 4, 9 and the clock of item 4): export and backup need an
# active lead or admin; investigators see ID numbers masked on the command
# line as on the screens; whole ID numbers and phone lists shown are
# recorded, and `paicha audit` lists them for leads; a login without a
# Unix account cannot be registered; the audit log is append-only; on a
# township's real database PAICHA_NOW is ignored, and `assign` clears a
# claim that ends years ahead.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if ! can_switch_users; then
	skip_test "accounts" "needs root to make Unix accounts"
	done_testing
fi
tag=pcr$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
for s in i l d u x; do
	useradd -M -N -g users -s /bin/sh "$tag$s" || exit 1
done
trap 'for s in i l d u x; do userdel "$tag$s" 2>/dev/null; done; _cleanup' EXIT
as() { _who=$1; shift; setpriv --reuid="$_who" --regid=users --clear-groups -- "$PAICHA" "$@" >"$T/.out" 2>"$T/.err"; RC=$?; OUT=$(cat "$T/.out"); ERR=$(cat "$T/.err"); }
chmod 0777 "$T"
unset PAICHA_NOW
run init --township 黄花镇 --division 430121100 --area-code 0731
is "$RC" 0 "a township's real database (made without a pinned clock)"
run demo --workers 20 --seed 5
is "$RC" 0 "with a demo roster"
chmod 0666 "$PAICHA_DB"*
run user add "$tag"i --role investigator --name 调查员
is "$RC" 0 "an investigator with a real account is registered"
run user add "$tag"l --role lead --name 组长
run user add "$tag"d --role lead --name 停用组长
run user disable "$tag"d
is "$RC" 0 "a lead, and a lead who is disabled"

# ---- registering ----
run user add "${tag}nosuch" --role admin --name 无此人
is "$RC" 1 "a login with no Unix account cannot be registered"
like "$ERR" "there is no Unix account '${tag}nosuch'" "and the admin is told so"
is "$(sql "SELECT count(*) FROM users WHERE login = '${tag}nosuch'")" 0 "nothing is stored"

# ---- export and backup ----
mkdir -m 0777 "$T/out"
for who in u d i; do
	as "$tag$who" export --date 2020-01-29 --out "$T/out"
	is "$RC" 1 "export as $tag$who (unregistered / disabled lead / investigator) is refused"
	as "$tag$who" backup "$T/out/b-$who.db"
	is "$RC" 1 "backup as $tag$who is refused"
done
like "$ERR" "only a lead or an admin" "an investigator is told who may"
is "$(ls -A "$T/out" | tr '\n' ' ')" "" "no report and no backup were written"
as "$tag"l backup "$T/out/b-l.db"
is "$RC" 0 "an active lead may back up"

# ---- what investigators see ----
W=$(sql "SELECT id FROM workers ORDER BY id LIMIT 1")
ID=$(sql "SELECT id_number FROM workers WHERE id = $W")
# an investigator reads only the cases assigned to them (issue 15)
sql "UPDATE cases SET investigator_id = (SELECT id FROM users WHERE login = '${tag}i') WHERE worker_id = $W"
MASKED=$(printf '%s' "$ID" | sed 's/^\(......\)........\(....\)$/\1********\2/')
tail4=$(printf '%s' "$ID" | cut -c13-18)
as "$tag"i search "$tail4"
like "$OUT" "$MASKED" "search shows an investigator the ID number masked"
unlike "$OUT" "$ID" "never whole"
as "$tag"i show "$W"
like "$OUT" "$MASKED" "show masks it"
unlike "$OUT" "$ID" "show never prints it whole"
sql "UPDATE cases SET investigator_id = (SELECT id FROM users WHERE login = '${tag}i') WHERE worker_id = $W"
as "$tag"i call "$ID" --outcome busy
is "$RC" 0 "the investigator records a call"
like "$OUT" "$MASKED" "call echoes the ID number masked"
unlike "$OUT" "$ID" "not whole"
is "$(sql "SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id
    WHERE u.login = '${tag}i' AND a.action = 'worker.seen' AND a.field = 'phones' AND a.entity_id = $W")" 1 \
    "the phone list show printed is recorded: who, whom"
as "$tag"l search "$tail4"
like "$OUT" "$ID" "a lead's search shows the whole ID number"
is "$(sql "SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id
    WHERE u.login = '${tag}l' AND a.action = 'worker.seen' AND a.field = 'id_number' AND a.entity_id = $W")" 1 \
    "and that is recorded"

# ---- paicha audit ----
as "$tag"i audit
is "$RC" 1 "an investigator may not read the audit log"
as "$tag"l audit --worker "$W"
is "$RC" 0 "a lead reads a worker's audit entries"
like "$OUT" "${tag}i" "they name the investigator who saw the phones"
like "$OUT" "worker.seen" "as seen"
unlike "$OUT" "user.add" "and nothing about other things"
as "$tag"l audit --user "$tag"l
like "$OUT" "id_number" "--user shows what one user did"
unlike "$OUT" "${tag}i " "and not what others did"
as "$tag"l audit --since 2099-01-01
like "$OUT" "No audit entries match" "--since a day to come shows nothing"
as "$tag"l audit --since 2000-01-01
like "$OUT" "user.add" "--since a long-past day shows everything"
sqlite3 "$PAICHA_DB" "UPDATE audit SET action = 'x'" 2>"$T/e"; rc=$?
[ $rc -ne 0 ] && grep -q "append-only" "$T/e"
ok $? "the audit log refuses UPDATE"
sqlite3 "$PAICHA_DB" "DELETE FROM audit" 2>"$T/e"; rc=$?
[ $rc -ne 0 ] && grep -q "append-only" "$T/e"
ok $? "and DELETE"

# ---- the clock ----
W2=$(sql "SELECT id FROM workers ORDER BY id LIMIT 1 OFFSET 1")
sql "UPDATE cases SET investigator_id = (SELECT id FROM users WHERE login = '${tag}i') WHERE worker_id = $W2"
ID2=$(sql "SELECT id_number FROM workers WHERE id = $W2")
before=$(date +%s)
setpriv --reuid="${tag}i" --regid=users --clear-groups -- env PAICHA_NOW="2020-01-01 09:00" \
    "$PAICHA" call "$ID2" --outcome busy >"$T/.out" 2>"$T/.err"
is "$?" 0 "an investigator records a call with PAICHA_NOW set"
like "$(cat "$T/.err")" "PAICHA_NOW is ignored" "and is told the clock cannot be set here"
at=$(sql "SELECT max(at) FROM calls WHERE worker_id = $W2")
[ "$at" -ge "$before" ] && [ "$at" -le "$(($(date +%s) + 5))" ]
ok $? "the call is stored at the real time, not in 2020"
PAICHA_NOW="2999-01-01 09:00" run stats
like "$ERR" "PAICHA_NOW is ignored" "not for the admin either"
# a claim that ends in 2998 (taken with a false clock by an older paicha)
sql "UPDATE cases SET claimed_by = (SELECT id FROM users WHERE login = '${tag}i'),
    claim_expires = strftime('%s', '2998-12-31') WHERE worker_id = $W2"
run assign --to "$tag"l "$W2"
is "$RC" 0 "the lead's case is assigned"
is "$(sql "SELECT coalesce(claimed_by, 'none') FROM cases WHERE worker_id = $W2")" none \
    "and the claim that would have held it until 2998 is cleared"
sql "UPDATE cases SET claimed_by = (SELECT id FROM users WHERE login = '${tag}i'),
    claim_expires = strftime('%s', 'now', '+10 minutes') WHERE worker_id = $W2"
run assign --to "$tag"i "$W2"
is "$(sql "SELECT coalesce(claimed_by, 'none') FROM cases WHERE worker_id = $W2")" \
    "$(sql "SELECT id FROM users WHERE login = '${tag}i'")" "an honest claim of 10 minutes stays"

# a sandbox (made by an init with a pinned clock) keeps honouring it
PAICHA_NOW="2020-02-03 10:00" run --db "$T/sandbox.db" init --township 黄花镇 --division 430121100 --area-code 0731
PAICHA_NOW="2020-02-03 10:00" run --db "$T/sandbox.db" user add nobody-here --role investigator --name 演示
is "$RC" 0 "a sandbox may hold a made-up login (tests, training)"
PAICHA_NOW="2020-02-03 10:00" run --db "$T/sandbox.db" stats
unlike "$ERR" "ignored" "and honours PAICHA_NOW"
done_testing
