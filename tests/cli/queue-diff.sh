#!/bin/sh
# The call queue as an index walk (db/queue.c, queue_keys and queue_due)
# against the statement it replaced (tests/queue_ref.h): every page of
# every active user's queue, leads' unassigned (U) and disabled (D) cases
# included, on demo townships of several shapes, then through a live
# history of calls, follow-ups, reassignments and disabled investigators,
# each compared at several instants (time passing moves cases from later
# to due).  And paicha check finds the stored keys right throughout.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
DIFF="${PAICHA_BUILDDIR:-.}/tests/queue_diff"
export PAICHA_NOW="2020-02-03 10:00"

# compare NAME: queue_diff at several instants around the clock; passes
# when every user's every page is the reference's.
compare() {
	"$DIFF" "$PAICHA_DB" "$PAICHA_NOW" "2020-01-26 08:00" "2020-02-03 09:30" \
	    "2020-02-03 12:00" "2020-02-04 09:00" "2020-02-09 10:00" >"$T/diff" 2>&1
	rc=$?
	ok "$rc" "$1"
	[ "$rc" -eq 0 ] || diag "$(grep -v ' ok$' "$T/diff" | head -20)"
	run check
	is "$RC" 0 "$1: paicha check finds the queue keys right"
	[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
}

# fresh WORKERS SEED DAYS: a new demo township.
fresh() {
	rm -f "$PAICHA_DB" "$PAICHA_DB-wal" "$PAICHA_DB-shm"
	"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null 2>&1
	"$PAICHA" demo --workers "$1" --seed "$2" --days "$3" >/dev/null 2>"$T/err" \
	    || diag "demo: $(cat "$T/err")"
}

fresh 300 1 8
compare "demo of 300, seed 1, 8 days"
fresh 2000 7 2
compare "demo of 2000, seed 7, 2 days (mostly never called)"
fresh 1200 3 30
compare "demo of 1200, seed 3, 30 days (long histories)"

# A live history, the clock moving on, on a township two days into its
# calls (never called, not reached and reached cases for everybody).
fresh 1000 5 2
inv() { sql "SELECT id FROM users WHERE login = '$1'"; }
pick() { sql "SELECT worker_id FROM cases WHERE investigator_id = $(inv "$1") AND contact = '$2' ORDER BY worker_id LIMIT 1 OFFSET ${3:-0}"; }
me=$(id -un)
w1=$(pick "$me" unreached)
w2=$(pick "$me" uncalled)
w3=$(pick "$me" reached)
w4=$(pick zhangli unreached)
w5=$(pick wangqiang uncalled)
run call "$w1" --outcome no-answer
is "$RC" 0 "a failed call"
export PAICHA_NOW="2020-02-03 10:20"
run call "$w2" --outcome busy
run call "$w3" --outcome reached whereabouts=home return_date=2020-01-20
is "$RC" 0 "a call that reaches the worker"
run call "$w5" --outcome reached whereabouts=home symptoms=fever temperature=38.5 urged_doctor=yes return_date=2020-01-20
is "$RC" 0 "a call that finds symptoms (a medical follow-up, a health check)"
compare "after calls"
run followup add "$w2" --kind job --due "2020-02-03 11:00"
is "$RC" 0 "a follow-up added"
fid=$(sql "SELECT id FROM followups WHERE worker_id = $w2 AND kind = 'job' AND done_at IS NULL")
run followup add "$w2" --kind medical --due "2020-02-03 09:00" --past
run followup add "$w4" --kind health --due "2020-02-04 09:00"
compare "after follow-ups added"
export PAICHA_NOW="2020-02-03 11:30"
run followup move "$fid" --due "2020-02-03 15:00"
is "$RC" 0 "a follow-up moved"
esc=$(sql "SELECT id FROM followups WHERE kind = 'escalation' AND done_at IS NULL ORDER BY id LIMIT 1")
[ -n "$esc" ] && run followup close "$esc"
compare "after a move and a close"
run assign --to wangqiang "$w1" "$w4"
is "$RC" 0 "cases reassigned"
run assign --to - "$w3" "$w5"
is "$RC" 0 "cases unassigned"
sql "UPDATE followups SET owner_id = $(inv huangjun) WHERE worker_id = $w5 AND done_at IS NULL"
compare "after reassignments (a lead owning a follow-up of an unassigned case)"
run user disable liuyang
is "$RC" 0 "an investigator disabled"
compare "with a disabled investigator (D in the leads' queues)"
run user disable chenjing --release
is "$RC" 0 "an investigator disabled, cases released"
export PAICHA_NOW="2020-02-04 09:30"
compare "with released cases (U), a day later"
run user enable liuyang
is "$RC" 0 "an investigator enabled again"
sql "UPDATE cases SET claimed_by = $(inv zhangli), claim_expires = strftime('%s', 'now') + 86400 WHERE worker_id = $w1"
compare "after enabling, with a claim"

# paicha check recomputes the keys: a stored key changed behind the
# triggers' back, a follow-up's row lost, a write no trigger saw.
ws=$(sql "SELECT worker_id FROM queue_due WHERE worker_id NOT IN ($w1, $w2) ORDER BY worker_id LIMIT 1")
sql "UPDATE queue_keys SET min_due = min_due - 1 WHERE worker_id = $w1;
     DELETE FROM queue_due WHERE worker_id = $w2;
     UPDATE queue_due SET shadow = 1 - shadow WHERE worker_id = $ws"
run check
ok "$([ "$RC" -ne 0 ] && echo 0 || echo 1)" "check refuses keys that differ from their recomputation"
like "$OUT$ERR" "worker $w1 (" "and names the worker whose key is wrong"
like "$OUT$ERR" "worker $w2 (" "and the worker whose follow-up is missing from the queue"
like "$OUT$ERR" "worker $ws (" "and the worker whose follow-up is wrongly marked shadowed or not"
sql "DELETE FROM queue_keys; DELETE FROM queue_due;
     INSERT INTO queue_due(worker_id, aud, fid, dc, due_at, kr) SELECT * FROM queue_due_v;
     UPDATE queue_due SET shadow = EXISTS(SELECT 1 FROM queue_due b WHERE b.worker_id = queue_due.worker_id
       AND b.aud = queue_due.aud AND b.due_at <= queue_due.due_at
       AND (b.dc, b.due_at, b.kr, b.fid) < (queue_due.dc, queue_due.due_at, queue_due.kr, queue_due.fid));
     INSERT INTO queue_keys SELECT * FROM queue_keys_v"
run check
is "$RC" 0 "keys made again from the views pass the check"
sql "DROP TRIGGER queue_user_change"
run user disable wangqiang
run check
like "$OUT$ERR" "the call queue's stored order differs" "check finds a write the triggers missed (a user disabled)"
# Imports: the first load of an empty database (the bulk path), the
# unassigned cases it makes balanced over the team, then a second import.
"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 600 >"$T/roster.csv"
head -1 "$T/roster.csv" >"$T/roster2.csv"
sed -n '402,$p' "$T/roster.csv" >>"$T/roster2.csv"
head -401 "$T/roster.csv" >"$T/roster1.csv"
rm -f "$PAICHA_DB" "$PAICHA_DB-wal" "$PAICHA_DB-shm"
"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null 2>&1
run user add zhangwei --role investigator --name 张伟
run user add lina --role lead --name 李娜
run import "$T/roster1.csv"
is "$RC" 0 "a first import into an empty database"
compare "after the first import (every case unassigned: the leads' pool)"
run assign --balance
is "$RC" 0 "the unassigned cases balanced over the team"
run import "$T/roster2.csv"
is "$RC" 0 "a second import"
compare "after balancing and a second import"
done_testing
