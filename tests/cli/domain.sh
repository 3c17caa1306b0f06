#!/bin/sh
# The case domain through the real binary: demo, stats, check, call,
# follow-ups, assign and show.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
me=$(id -un)

# Pinned clocks: the demo's own clock never looks at the wall clock, and
# init and the live calls below are pinned too, so dumps can be compared.
PAICHA_NOW="2020-01-26 07:00" run init
is "$RC" 0 "init before the demo"

PAICHA_NOW="2020-01-26 07:00" run demo --workers 200 --seed 7
is "$RC" 0 "demo --workers 200 --seed 7 fills the database"
like "$OUT" "200 workers" "demo says how many workers it made"
is "$(sql "SELECT count(*) FROM workers")" "200" "200 workers are stored"
a=$(sql "SELECT count(*) FROM workers WHERE grp = 'A'")
[ "$a" -ge 140 ] && [ "$a" -le 180 ]; ok $? "about 80% of the workers are group A ($a of 200)"
is "$(sql "SELECT count(*) FROM workers WHERE substr(id_number, 1, 2) <> '43' AND grp = 'A'")" \
   "0" "group A ID numbers carry Hunan division codes"
is "$(sql "SELECT count(*) FROM workers WHERE substr(id_number, 1, 2) <> '42' AND grp = 'B'")" \
   "0" "group B ID numbers carry Hubei division codes"
is "$(sql "SELECT count(*) FROM workers w WHERE NOT EXISTS (SELECT 1 FROM phones p WHERE p.worker_id = w.id)")" \
   "0" "every demo worker has a phone"
is "$(sql "SELECT count(DISTINCT village) >= 8 FROM workers")" "1" "workers live in the township's villages"
is "$(sql "SELECT count(*) FROM users WHERE role = 'lead'")" "1" "the demo registers a lead"
is "$(sql "SELECT count(*) FROM users WHERE role = 'investigator'")" "4" "and four investigators"
is "$(sql "SELECT count(*) > 0 FROM cases c JOIN users u ON u.id = c.investigator_id WHERE u.login = '$me'")" \
   "1" "the account running the demo has a share of the cases"
is "$(sql "SELECT count(*) FROM cases WHERE investigator_id IS NULL")" "0" "every case is assigned"
is "$(sql "SELECT min(at) >= CAST(strftime('%s', '2020-01-26 01:00') AS INTEGER) FROM calls")" "1" "calls start on 2020-01-26 09:00 (CST)"
is "$(sql "SELECT max(at) < CAST(strftime('%s', '2020-02-02 16:00') AS INTEGER) FROM calls")" "1" "calls stay within the 8 demo days"
is "$(sql "SELECT count(*) FROM workers WHERE created_at <> CAST(strftime('%s', '2020-01-26 00:00') AS INTEGER)")" "0" \
   "workers are created at 2020-01-26 08:00 CST"
is "$(sql "SELECT count(DISTINCT outcome) >= 5 FROM calls")" "1" "the calls have a mix of outcomes"
is "$(sql "SELECT count(*) > 0 FROM followups WHERE kind = 'escalation'")" "1" "unreachable cases were escalated"
is "$(sql "SELECT count(*) > 0 FROM followups WHERE kind = 'health'")" "1" "isolated workers got health checks"
is "$(sql "SELECT count(*) > 0 FROM followups WHERE kind = 'medical'")" "1" "symptomatic workers got medical follow-ups"

run demo --workers 10
is "$RC" 1 "demo refuses a database that has workers"
like "$ERR" "has 200 workers already" "and says so"

# ---- stats agree with SQL ----
PAICHA_NOW="2020-02-03 09:00" run stats
is "$RC" 0 "stats exits 0"
b=$(sql "SELECT count(*) FROM workers WHERE grp = 'B'")
like "$OUT" "Group A (local workers employed in Hubei):   $(printf '%7d' "$a")" "stats prints group A's count"
like "$OUT" "Group B (Hubei workers employed locally):    $(printf '%7d' "$b")" "stats prints group B's count"
reached=$(sql "SELECT count(*) FROM cases WHERE contact = 'reached'")
unreachable=$(sql "SELECT count(*) FROM cases WHERE contact = 'unreachable'")
line=$(printf '%s\n' "$OUT" | grep '^  已联系 reached')
is "$(echo "$line" | awk '{print $(NF-1)}')" "$reached" "stats' reached total matches the cases table"
line=$(printf '%s\n' "$OUT" | grep '^    其中无法联系 unreachable')
is "$(echo "$line" | awk '{print $(NF-1)}')" "$unreachable" "stats' unreachable total matches the cases table"
open=$(sql "SELECT count(*) FROM followups WHERE done_at IS NULL")
like "$OUT" "Open follow-ups: $open," "stats' open follow-ups match the table"

# ---- check ----
run check
is "$RC" 0 "check passes on a clean demo"
like "$OUT" "No problems found." "and says so"

# ---- determinism ----
dump() { "${SQLITE3:-sqlite3}" -batch "$1" .dump; }
second="$T/second.db"
PAICHA_NOW="2020-01-26 07:00" PAICHA_DB="$second" "$PAICHA" init >/dev/null 2>&1
PAICHA_NOW="2020-01-26 07:00" PAICHA_DB="$second" "$PAICHA" demo --workers 200 --seed 7 >/dev/null 2>&1
dump "$PAICHA_DB" >"$T/one.sql"
dump "$second" >"$T/two.sql"
cmp -s "$T/one.sql" "$T/two.sql"; ok $? "the same seed gives the same database, row for row"
third="$T/third.db"
PAICHA_NOW="2020-01-26 07:00" PAICHA_DB="$third" "$PAICHA" init >/dev/null 2>&1
PAICHA_NOW="2020-01-26 07:00" PAICHA_DB="$third" "$PAICHA" demo --workers 200 --seed 8 >/dev/null 2>&1
dump "$third" >"$T/three.sql"
cmp -s "$T/one.sql" "$T/three.sql"; is "$?" 1 "another seed gives another database"

# ---- a corrupted case is named by check ----
cp "$PAICHA_DB" "$T/corrupt.db"
victim=$(sql "SELECT worker_id FROM cases WHERE contact = 'reached' ORDER BY worker_id LIMIT 1")
vname=$(sql "SELECT name FROM workers WHERE id = $victim")
"${SQLITE3:-sqlite3}" "$T/corrupt.db" "UPDATE cases SET whereabouts = 'bogus', failed = 9 WHERE worker_id = $victim"
PAICHA_DB="$T/corrupt.db" run check
is "$RC" 1 "check exits 1 when a stored case differs from its records"
like "$OUT" "worker $victim ($vname)" "check names the worker"
like "$OUT" "whereabouts: 'bogus' vs" "check names the field and both values"
like "$OUT" "failed: 9 vs 0" "check reports every differing field"

# ---- rows that refer to missing ones: named once each ----
# (calls and the audit log are append-only: closed follow-ups and a
# worker's creator instead)
cp "$PAICHA_DB" "$T/orphans.db"
in_orphans() { "${SQLITE3:-sqlite3}" -batch -noheader "$T/orphans.db" "$1"; }
fu1=$(in_orphans "SELECT min(id) FROM followups WHERE done_at IS NOT NULL")
fu2=$(in_orphans "SELECT min(id) FROM followups WHERE done_at IS NOT NULL AND id > $fu1")
w1=$(in_orphans "SELECT min(id) FROM workers")
in_orphans "UPDATE followups SET owner_id = 999 WHERE id = $fu1;
    UPDATE followups SET done_by = 998 WHERE id = $fu2;
    UPDATE workers SET created_by = 997 WHERE id = $w1"
PAICHA_DB="$T/orphans.db" run check
is "$RC" 1 "check exits 1 on rows that refer to missing users"
like "$OUT" "follow-up $fu1 belongs to user 999, who does not exist" "a follow-up of a missing owner is named as such"
like "$OUT" "foreign key: followups row $fu2 refers to a missing users row" \
    "another column of the same table as SQLite's foreign key check names it"
like "$OUT" "foreign key: workers row $w1 refers to a missing users row" "and a row of another table"
is "$(printf '%s\n' "$OUT" | grep -c "followups row $fu1 \|follow-up $fu1 ")" 1 "each once (the foreign key check runs once)"
like "$ERR" "3 problems found" "three problems"

# ---- an index out of step with its table: only check --full sees it ----
# (the index workers_name made partial WHERE 0 for one update, so that the
# update leaves its old entry, then given its own definition back)
cp "$PAICHA_DB" "$T/index.db"
in_index() { "${SQLITE3:-sqlite3}" -batch -noheader "$T/index.db" "$1"; }
def=$(in_index "SELECT sql FROM sqlite_schema WHERE name = 'workers_name'")
in_index "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX workers_name ON workers(name) WHERE 0' WHERE name = 'workers_name'"
in_index "UPDATE workers SET name = '改名' WHERE id = 1"
in_index "PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = '$def' WHERE name = 'workers_name'"
is "$(in_index "SELECT sql FROM sqlite_schema WHERE name = 'workers_name'")" "$def" "the index has its own definition again"
PAICHA_DB="$T/index.db" run check
is "$RC" 0 "check (SQLite's quick check) does not compare the indexes with their tables"
PAICHA_DB="$T/index.db" run check --full
is "$RC" 1 "check --full does"
like "$OUT" "integrity: row 1 missing from index workers_name" "and names the index and the row"
PAICHA_DB="$T/index.db" run check --fast
is "$RC" 2 "check refuses an unknown option"

# ---- paicha call ----
export PAICHA_NOW="2020-02-03 10:00"
fresh=$(sql "SELECT w.id FROM workers w JOIN cases c ON c.worker_id = w.id JOIN users u ON u.id = c.investigator_id WHERE u.login = '$me' AND c.contact = 'reached' ORDER BY w.id LIMIT 1")
idnum=$(sql "SELECT id_number FROM workers WHERE id = $fresh")
calls_before=$(sql "SELECT count(*) FROM calls")
run call "$idnum" --outcome reached whereabouts=home return_date=2020-02-09
is "$RC" 1 "a call with a return date in the future is refused"
like "$ERR" "Return date: 2020-02-09 is in the future" "with the call form's own message"
run call "$idnum" --outcome reached colour=blue
is "$RC" 1 "an unknown key is refused"
like "$ERR" "unknown question 'colour'" "with the form's message"
run call "$idnum" --outcome reached temperature=45
is "$RC" 1 "an impossible temperature is refused"
run call "$idnum" --outcome answered
is "$RC" 1 "an unknown outcome is refused"
like "$ERR" "Call outcome" "naming the question"
is "$(sql "SELECT count(*) FROM calls")" "$calls_before" "refused calls write nothing"

run call "$idnum" --outcome reached whereabouts=home return_date=2020-02-01 transport=rail \
    temperature=38.2 symptoms=fever,cough onset_date=2020-02-02 urged_doctor=yes
is "$RC" 0 "a reached call with symptoms is recorded"
like "$OUT" "Recorded call" "and call says so"
is "$(sql "SELECT outcome FROM calls ORDER BY id DESC LIMIT 1")" "reached" "the outcome is stored in calls"
is "$(sql "SELECT count(*) FROM call_answers WHERE key = 'outcome'")" "0" "not among the answers"
is "$(sql "SELECT datetime(due_at, 'unixepoch', '+8 hours') FROM followups WHERE worker_id = $fresh AND kind = 'medical' AND done_at IS NULL")" \
   "2020-02-04 09:00:00" "symptoms make a medical follow-up due the next day at 09:00"
is "$(sql "SELECT symptomatic FROM cases WHERE worker_id = $fresh")" "1" "the case is symptomatic"

other=$(sql "SELECT w.id FROM workers w JOIN cases c ON c.worker_id = w.id JOIN users u ON u.id = c.investigator_id WHERE u.login = '$me' AND c.contact = 'reached' AND w.id <> $fresh ORDER BY w.id LIMIT 1")
run call "$other" --outcome no-answer
is "$RC" 0 "a no-answer call is recorded (worker by number)"
is "$(sql "SELECT datetime(due_at, 'unixepoch', '+8 hours') FROM followups WHERE worker_id = $other AND kind = 'callback' AND done_at IS NULL")" \
   "2020-02-03 12:00:00" "no answer makes a callback 120 minutes later"
like "$OUT" "Next: callback due 2020-02-03 12:00" "call prints the next follow-up"

"${SQLITE3:-sqlite3}" "$PAICHA_DB" "INSERT INTO workers(id_number, name, grp, source, created_at) VALUES('430121199001010011', '单新', 'A', 'manual', 0)"
newbie=$(sql "SELECT id FROM workers WHERE id_number = '430121199001010011'")
"${SQLITE3:-sqlite3}" "$PAICHA_DB" "INSERT INTO cases(worker_id, updated_at) VALUES($newbie, 0)"
"$PAICHA" edit "$newbie" --add-phone 13800138011 >/dev/null
for i in 1 2 3 4; do
	PAICHA_NOW="2020-02-03 1$i:00" run call "$newbie" --outcome busy
done
is "$(sql "SELECT contact FROM cases WHERE worker_id = $newbie")" "unreached" "four failures leave the case unreached"
PAICHA_NOW="2020-02-03 16:00" run call "$newbie" --outcome off
is "$(sql "SELECT contact || ' ' || failed FROM cases WHERE worker_id = $newbie")" "unreachable 5" \
   "the fifth failure makes the case unreachable"
is "$(sql "SELECT u.login FROM followups f JOIN users u ON u.id = f.owner_id WHERE f.worker_id = $newbie AND f.kind = 'escalation'")" \
   "huangjun" "and escalates it to the lead"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $newbie AND kind = 'callback' AND done_at IS NULL")" \
   "0" "an unreachable case gets no more callbacks"

# A claim by someone else refuses the call.
held=$(sql "SELECT id FROM users WHERE login = 'zhangli'")
"${SQLITE3:-sqlite3}" "$PAICHA_DB" "UPDATE cases SET claimed_by = $held, claim_expires = CAST(strftime('%s', '2020-02-03 03:00') AS INTEGER) WHERE worker_id = $other"
n=$(sql "SELECT count(*) FROM calls")
PAICHA_NOW="2020-02-03 10:30" run call "$other" --outcome busy
is "$RC" 1 "a case another investigator has open is refused"
like "$ERR" "张丽" "naming who holds it"
is "$(sql "SELECT count(*) FROM calls")" "$n" "and nothing is recorded"
PAICHA_NOW="2020-02-03 11:30" run call "$other" --outcome busy
is "$RC" 0 "an expired claim does not stop a call"

run help call
like "$OUT" "needs-job = Needs a job" "help call lists every choice from the form"
like "$OUT" "isolation_end: Isolation end" "help call lists every key from the form"

# ---- follow-ups ----
run followup add "$fresh" --kind job --due "2020-02-05 10:00" --note 推荐岗位
is "$RC" 0 "followup add works"
fid=$(sql "SELECT id FROM followups WHERE kind = 'job' AND note = '推荐岗位'")
run followup list
like "$OUT" "推荐岗位" "followup list shows my follow-ups"
run followup move "$fid" --due "2020-02-06 10:00"
is "$RC" 0 "followup move works"
is "$(sql "SELECT done_reason FROM followups WHERE id = $fid")" "moved" "a moved follow-up is closed as moved"
nid=$(sql "SELECT id FROM followups WHERE kind = 'job' AND note = '推荐岗位' AND done_at IS NULL")
run followup close "$nid" --cancel
is "$(sql "SELECT done_reason FROM followups WHERE id = $nid")" "cancelled" "followup close --cancel cancels"
run followup close "$nid"
is "$RC" 1 "a closed follow-up cannot be closed again"
run followup add "$fresh" --kind job --due someday
is "$RC" 1 "a bad due time is refused"

# ---- assign ----
target=$(sql "SELECT id FROM workers ORDER BY id LIMIT 1")
if can_switch_users; then
	chmod 0777 "$T"; chmod 0666 "$PAICHA_DB" "$PAICHA_DB"-wal "$PAICHA_DB"-shm 2>/dev/null
	inv=$(acct inv)
	run user add "$inv" --role investigator --name 调查员
	as_user "$inv" "$PAICHA" assign --to chenjing "$target" >"$T/o" 2>&1
	is "$?" 1 "an investigator may not assign cases"
	like "$(cat "$T/o")" "only a lead or an admin" "and is told so"
else
	skip_test "an investigator may not assign cases" "needs root to switch accounts"
	skip_test "and is told so" "needs root to switch accounts"
fi
run assign --to nobody "$target"
is "$RC" 1 "assigning to an unknown login is refused"
run assign --to chenjing "$target"
is "$RC" 0 "the admin assigns a case"
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.investigator_id WHERE c.worker_id = $target")" \
   "chenjing" "the case has its new investigator"
run show "$target"
like "$OUT" "Investigator:  陈静" "show names the new investigator"

# ---- show ----
run show "$idnum"
is "$RC" 0 "show finds a worker by ID number"
masked="$(printf '%s' "$idnum" | cut -c1-6)********$(printf '%s' "$idnum" | cut -c15-18)"
like "$OUT" "$masked" "show masks the middle of the ID number"
unlike "$OUT" "$idnum" "and never prints it whole"
like "$OUT" "Temperature: 38.2" "show lists the calls with their answers"
like "$OUT" "medical" "show lists the open follow-ups"
run show 999999
is "$RC" 1 "show of an unknown worker is a user error"

run check
is "$RC" 0 "check agrees with every case after the live calls, follow-ups and assignments"
is "$(recount)" "" "every case recounted in SQL from its calls adds up (not by paicha's reducer)"
done_testing
