#!/bin/sh
# Every worker called, counted and followed (issue 12): calls go to a
# number and spend it, a failed call defers the case, no open case is in
# nobody's queue, follow-up calls start from what is known, and stats
# speak the report's words.  Real binary, real database, real calls.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
me=$(id -un)
export PAICHA_NOW="2020-02-03 10:00"

run init --township 黄花镇 --division 430121101 --area-code 0731
is "$RC" 0 "init"
run user add lina --role lead --name 李娜
run user add zhangwei --role investigator --name 张伟
mine=$(sql "SELECT id FROM users WHERE login = '$me'")
zw=$(sql "SELECT id FROM users WHERE login = 'zhangwei'")
lead=$(sql "SELECT id FROM users WHERE login = 'lina'")

# idn N: a valid ID number for worker N (check character computed).
idn() {
	printf '43012119900101%03d' "$1" | awk '{
		split("7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2", w, " "); s = 0
		for (i = 1; i <= 17; i++) s += substr($0, i, 1) * w[i]
		printf "%s%s\n", $0, substr("10X98765432", s % 11 + 1, 1) }'
}

# worker ID NAME INVESTIGATOR PHONE...: a worker with these mobile numbers
# (rank in the order given), created at 2020-02-01.
worker() {
	_id=$1 _name=$2 _inv=$3; shift 3
	sql "INSERT INTO workers(id, id_number, name, township, village, grp, source, created_at)
	     VALUES($_id, '$(idn "$_id")', '$_name', '黄花镇', '西湖村', 'A',
	       'test', strftime('%s', '2020-02-01 00:00'));
	     INSERT INTO cases(worker_id, investigator_id, updated_at) VALUES($_id, nullif($_inv, 0), 0);
	     INSERT INTO assignments(worker_id, investigator_id, at) SELECT $_id, $_inv, 0 WHERE $_inv > 0;"
	_rank=0
	for _p in "$@"; do
		sql "INSERT INTO phones(worker_id, rank, typed, e164, kind, display, created_at)
		     VALUES($_id, $_rank, '$_p', '+86$_p', 'mobile', '$_p', strftime('%s', '2020-02-01 00:00'))"
		_rank=$((_rank + 1))
	done
}
# at HH:MM CMD...: run paicha at that time on 2020-02-03.
at() { _t=$1; shift; PAICHA_NOW="2020-02-03 $_t" run "$@"; }
sql_demo() { "${SQLITE3:-sqlite3}" -batch -noheader "$DEMO" "$1"; }
last_phone() { sql "SELECT phone FROM calls WHERE worker_id = $1 ORDER BY id DESC LIMIT 1"; }

# ---- 1. calls to a number ----
worker 1 张军 "$mine" 13574890001 13574890011
at 09:00 call "$(idn 1)" --outcome wrong-number
is "$RC" 0 "a wrong-number call is recorded"
is "$(last_phone 1)" "+8613574890001" "without --phone the first call goes to the first number"
like "$OUT" "Number dialled: 13574890001" "call says which number it dialled"
like "$OUT" "the next call goes to 13574890011" "and that the next call goes to the second number"
at 11:00 call "$(idn 1)" --outcome no-answer
is "$(last_phone 1)" "+8613574890011" "after a wrong number the next call goes to the next valid number"
is "$(sql "SELECT contact FROM cases WHERE worker_id = 1")" "unreached" \
   "one spent number of two does not make the case unreachable"
at 13:00 call "$(idn 1)" --outcome no-answer --phone 1
is "$RC" 0 "--phone 1 names the worker's first number"
is "$(last_phone 1)" "+8613574890001" "and the call is recorded against it"
at 13:05 call "$(idn 1)" --outcome no-answer --phone 13574890011
is "$(last_phone 1)" "+8613574890011" "--phone takes one of the worker's numbers as typed"
at 13:06 call "$(idn 1)" --outcome no-answer --phone 13900000000
is "$RC" 1 "--phone with a number that is not the worker's is refused"
like "$ERR" "is not a number of 张军" "saying whose numbers it may be"
at 13:07 call "$(idn 1)" --outcome no-answer --phone 3
is "$RC" 1 "--phone 3 for a worker with two numbers is refused"

# five wrong-number calls to one number while it had another: not escalated
worker 2 李明 "$mine" 13574890002 13574890012
for h in 09 10 11 12 13; do
	at "$h:30" call "$(idn 2)" --outcome wrong-number --phone 1
done
is "$(sql "SELECT contact FROM cases WHERE worker_id = 2")" "unreached" \
   "five wrong-number calls to one number do not make a case with another number unreachable"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = 2 AND kind = 'escalation'")" "0" \
   "and it is not escalated"
at 14:00 call "$(idn 2)" --outcome out-of-service
is "$(last_phone 2)" "+8613574890012" "the next call goes to the other number"
is "$(sql "SELECT contact FROM cases WHERE worker_id = 2")" "unreachable" \
   "the case is unreachable once every number has failed"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = 2 AND kind = 'escalation' AND done_at IS NULL")" "1" \
   "and escalated then"
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = 2 AND removed_at IS NULL")" "2" \
   "marked numbers are kept"

# no-answers count per number: max_attempts (5) on each before unreachable
worker 3 王强 "$mine" 13574890003 13574890013
for m in 01 02 03 04 05 06 07 08 09; do
	at "09:$m" call "$(idn 3)" --outcome no-answer
done
is "$(sql "SELECT group_concat(phone, ' ') FROM (SELECT phone FROM calls WHERE worker_id = 3 ORDER BY id LIMIT 4)")" \
   "+8613574890003 +8613574890013 +8613574890003 +8613574890013" "no-answers alternate between the numbers"
is "$(sql "SELECT contact FROM cases WHERE worker_id = 3")" "unreached" "nine no-answers over two numbers: not yet unreachable"
at 09:10 call "$(idn 3)" --outcome no-answer
is "$(sql "SELECT contact FROM cases WHERE worker_id = 3")" "unreachable" "the tenth spends the second number: unreachable"
run help call
like "$OUT" "Retry rules, per number" "help call explains the retry rules per number"

run check
is "$RC" 0 "check agrees with the stored cases after calls to several numbers"

# ---- 2. a failed call defers the case ----
# 4: home and isolating until 02-07, health check due 09:00; 5: never called.
worker 4 赵丽 "$zw" 13574890004
worker 5 孙红 "$zw" 13574890005
PAICHA_NOW="2020-02-02 10:00" run call "$(idn 4)" --outcome reached whereabouts=home \
    return_date=2020-01-24 isolation_end=2020-02-07 temperature=36.5 symptoms= work_plan=needs-job
is "$RC" 0 "a reached call on 02-02 (isolating, needs a job)"
is "$(sql "SELECT group_concat(kind, ',') FROM (SELECT kind FROM followups WHERE worker_id = 4 AND done_at IS NULL ORDER BY kind)")" \
   "health,job" "it leaves a health check and a job follow-up"
q() { PAICHA_NOW="2020-02-03 $1" "$PAICHA" queue --user zhangwei | awk '{print $1}' | tr '\n' ' '; }
is "$(q 10:00)" "4 5 " "at 10:00 the due health check puts 赵丽 first"
at 10:00 call "$(idn 4)" --outcome no-answer
n=1
for m in 02 04 06 08 10; do
	at "10:$m" call "$(idn 4)" --outcome no-answer >/dev/null
done
is "$(sql "SELECT count(*) FROM calls WHERE worker_id = 4 AND outcome = 'no-answer'")" "6" "six no-answers in ten minutes"
is "$(q 10:11)" "5 4 " "after them the queue goes on to someone else: 孙红 first, 赵丽 last"
is "$(sql "SELECT datetime(due_at, 'unixepoch', '+8 hours') FROM followups WHERE worker_id = 4 AND kind = 'health' AND done_at IS NULL")" \
   "2020-02-03 12:10:00" "the health check waits behind the retry time"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = 4 AND kind = 'health' AND done_reason = 'moved'")" "6" \
   "each move is kept as a closed row"
is "$(q 12:10)" "4 5 " "at the retry time the case is due again"
at 12:15 call "$(idn 4)" --outcome reached whereabouts=home return_date=2020-01-24 temperature=36.6 symptoms= work_plan=back-soon
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = 4 AND kind = 'job' AND done_at IS NULL")" "0" \
   "a reached call whose work plan is no longer needs-job closes the job follow-up"
is "$(sql "SELECT done_reason FROM followups WHERE worker_id = 4 AND kind = 'job' ORDER BY id DESC LIMIT 1")" "superseded" "as superseded"
at 12:20 call "$(idn 4)" --outcome reached whereabouts=home return_date=2020-01-24 temperature=36.6 symptoms= work_plan=needs-job
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = 4 AND kind = 'job' AND done_at IS NULL")" "1" \
   "and one becoming needs-job opens one"
run check
is "$RC" 0 "check agrees after the deferrals"

# ---- 3. no case in nobody's queue ----
qids() { PAICHA_NOW="2020-02-03 ${2:-15:00}" "$PAICHA" queue --user "$1" | awk '{print $1}' | tr '\n' ' '; }
inq() { case " $(qids "$1" "${3:-15:00}")" in *" $2 "*) echo yes ;; *) echo no ;; esac; }
# an unassigned case is the lead's, marked U
worker 6 周平 0 13574890006
is "$(inq lina 6)" "yes" "a lead's queue shows a case without an investigator"
like "$(PAICHA_NOW="2020-02-03 15:00" "$PAICHA" queue --user lina | grep '^6 ')" "U]" "marked U (unassigned)"
is "$(inq zhangwei 6)" "no" "an investigator's queue does not"
run check
is "$RC" 0 "check finds every case in a queue"
# the escalated case reassigned, then its escalation closed
esc=$(sql "SELECT id FROM followups WHERE worker_id = 2 AND kind = 'escalation' AND done_at IS NULL")
PAICHA_NOW="2020-02-03 14:30" run assign --to zhangwei "$(idn 2)"
is "$RC" 0 "the escalated case is reassigned"
is "$(inq zhangwei 2 14:31)" "no" "while escalated it is the lead's, not the investigator's"
is "$(inq lina 2 14:31)" "yes" "the lead has it"
PAICHA_NOW="2020-02-03 14:32" run followup add "$(idn 2)" --kind callback --due "2020-02-03 14:35"
is "$RC" 0 "a callback is added for the reassigned case"
PAICHA_NOW="2020-02-03 14:40" run followup close "$esc"
is "$RC" 0 "the lead closes the escalation without reassigning"
is "$(inq zhangwei 2 14:41)" "yes" "the case is back in its investigator's queue"
like "$(PAICHA_NOW="2020-02-03 14:41" "$PAICHA" queue --user zhangwei | head -1)" "callback due 14:35" \
   "at its head, with its overdue callback"
run check
is "$RC" 0 "check: every case is in a queue after the escalation is closed"
# a later failed call escalates it again
PAICHA_NOW="2020-02-03 14:50" run call "$(idn 2)" --outcome no-answer
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = 2 AND kind = 'escalation' AND done_at IS NULL")" "1" \
   "a failed call on the unreachable case escalates it again"
# a disabled investigator's cases
export PAICHA_NOW="2020-02-03 15:00"
held=$(sql "SELECT count(*) FROM cases WHERE investigator_id = $zw")
run user disable zhangwei
is "$RC" 0 "user disable"
like "$OUT" "holds $held cases" "disabling says how many cases the user holds"
like "$OUT" "paicha user disable zhangwei --release" "and how to hand them to the unassigned list"
is "$(inq lina 5)" "yes" "a disabled investigator's case is in the lead's queue"
like "$(PAICHA_NOW="2020-02-03 15:00" "$PAICHA" queue --user lina | grep '^5 ')" "D]" "marked D"
run check
is "$RC" 0 "check: no case is stranded by the disabled account"
run user disable zhangwei --release
is "$RC" 0 "user disable --release"
like "$OUT" "Released $held cases" "hands the cases to the unassigned list"
is "$(sql "SELECT count(*) FROM cases WHERE investigator_id = $zw")" "0" "none is assigned to the account now"
like "$(PAICHA_NOW="2020-02-03 15:00" "$PAICHA" queue --user lina | grep '^5 ')" "U]" "the lead sees them as unassigned"
run check
is "$RC" 0 "check agrees after the release"
# forced: a case whose investigator is no user at all is in no queue
sql "UPDATE cases SET investigator_id = 999 WHERE worker_id = 6"
run check
is "$RC" 1 "check fails when a case is in nobody's queue"
like "$OUT" "worker 6 (周平) is in nobody's queue" "and names the case"
sql "UPDATE cases SET investigator_id = NULL WHERE worker_id = 6"
# forced: no lead or admin any more, so nobody sees the unassigned cases
leads=$(sql "SELECT group_concat(id) FROM users WHERE role = 'lead'")
admins=$(sql "SELECT group_concat(id) FROM users WHERE role = 'admin'")
sql "UPDATE users SET role = 'investigator' WHERE role IN ('lead', 'admin')"
run check
is "$RC" 1 "check fails when no active lead or admin sees the unassigned cases"
like "$OUT" "worker 6 (周平) is in nobody's queue: it has no investigator and no active lead sees it" \
    "and names them"
sql "UPDATE users SET role = 'lead' WHERE id IN ($leads); UPDATE users SET role = 'admin' WHERE id IN ($admins)"
run check
is "$RC" 0 "check passes again with the lead and admin back"

# ---- 4. follow-up calls know what is known ----
# 7: home since 01-24, isolating until 02-07 (reached 02-02); health check due 02-03 09:00.
worker 7 吴刚 "$mine" 13574890007
PAICHA_NOW="2020-02-02 10:00" run call "$(idn 7)" --outcome reached whereabouts=home \
    return_date=2020-01-24 transport=rail isolation_end=2020-02-07 temperature=36.5 symptoms=
is "$RC" 0 "a first reached call: home, isolating until 02-07"
at 16:00 call "$(idn 7)" --outcome reached purpose=health
is "$RC" 1 "a health-check call without temperature and symptoms is refused"
like "$ERR" "Temperature: an answer is required for a health check" "naming the temperature"
unlike "$ERR" "Return date" "the known whereabouts and return date are not asked again"
at 16:00 call "$(idn 7)" --outcome reached purpose=health temperature=36.6
is "$RC" 1 "a health-check call without symptoms is refused"
like "$ERR" "Symptoms: an answer is required for a health check" "naming the symptoms"
at 16:00 call "$(idn 7)" --outcome reached purpose=health temperature=37.9 symptoms=cough
is "$RC" 1 "symptoms without the urged-to-see-a-doctor answer are refused"
like "$ERR" "Urged to see a doctor: an answer is required when there are symptoms" "naming the question"
at 16:00 call "$(idn 7)" --outcome reached purpose=health temperature=36.6 symptoms=
is "$RC" 0 "a health-check call with temperature and symptoms is recorded"
last_call=$(sql "SELECT max(id) FROM calls WHERE worker_id = 7")
is "$(sql "SELECT group_concat(key || '=' || value, ' ') FROM (SELECT key, value FROM call_answers WHERE call_id = $last_call AND key IN ('whereabouts', 'return_date', 'isolation_end') ORDER BY key)")" \
   "isolation_end=2020-02-07 return_date=2020-01-24 whereabouts=home" \
   "it starts from the case's whereabouts, return date and isolation end"
is "$(sql "SELECT return_date || ' ' || isolation_end || ' ' || temperature FROM cases WHERE worker_id = 7")" \
   "2020-01-24 2020-02-07 36.6" "the case keeps them and takes the new temperature"
run help call
like "$OUT" "purpose=health" "help call explains follow-up calls"

# ---- 7. reassuring workers still in Hubei (做好思想安抚) ----
worker 8 郑芳 "$mine" 13574890008
at 16:30 call "$(idn 8)" --outcome reached whereabouts=hubei hubei_city=孝感 temperature=36.4 \
    symptoms= advice=reassure,no-hubei-travel note=家属代接
is "$RC" 0 "reassurance is advice the call form knows"
run help call
like "$OUT" "reassure = Reassured (still in Hubei) 思想安抚" "help call lists it with the notice's word"
PAICHA_NOW="2020-02-04 08:00" run export --date 2020-02-03 --encoding utf-8 --out "$T"
is "$RC" 0 "export"
is "$(tr -d '\r' <"$T/430121101-20200203/roster.csv" | grep '郑芳' | awk -F, '{print $NF}')" "已做思想安抚；家属代接" \
   "the roster's 备注 says the worker in Hubei was reassured, then the note"
is "$(tr -d '\r' <"$T/430121101-20200203/roster.csv" | grep '吴刚' | awk -F, '{print $NF}')" "" \
   "and says nothing of it for others"

# ---- 5. a follow-up due in the past needs a confirmation ----
nfu=$(sql "SELECT count(*) FROM followups")
at 16:40 followup add "$(idn 8)" --kind callback --due "2020-02-03 09:00"
is "$RC" 1 "a follow-up due in the past is refused"
like "$ERR" "is in the past (it is 2020-02-03 16:40 now)" "saying so"
like "$ERR" "--past" "and how to mean it"
is "$(sql "SELECT count(*) FROM followups")" "$nfu" "nothing is written"
at 16:40 followup add "$(idn 8)" --kind callback --due "2020-02-03 09:00" --past
is "$RC" 0 "--past confirms it"
fid=$(sql "SELECT max(id) FROM followups")
at 16:41 followup move "$fid" --due "2020-02-02 09:00"
is "$RC" 1 "moving a follow-up into the past is refused"
at 16:41 followup move "$fid" --due "2020-02-04 09:00"
is "$RC" 0 "moving it to a later time is not"

# ---- 6. one vocabulary: stats says what the report's 汇总 says ----
DEMO=$T/demo.db
PAICHA_DB=$DEMO PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init --township 黄花镇 --division 430121101 >/dev/null
PAICHA_DB=$DEMO PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo --workers 300 --seed 12 >/dev/null
PAICHA_DB=$DEMO PAICHA_NOW="2020-02-03 09:00" run stats
is "$RC" 0 "stats on a seeded township"
# count LABEL COLUMN: the count in stats' row LABEL (1 = group A, 2 = B)
count() { printf '%s\n' "$OUT" | grep -F -- "$1" | sed "s/.*$1//" | awk -v c="$2" '{print $(2 * c - 1)}'; }
PAICHA_DB=$DEMO PAICHA_NOW="2020-02-03 09:00" "$PAICHA" export --date 2020-02-02 --encoding utf-8 \
    --out "$T" >/dev/null
total=$(tr -d '\r' <"$T/430121101-20200202/summary.csv" | sed 's/^\xEF\xBB\xBF//' | grep '^合计,')
col() { echo "$total" | cut -d, -f"$1"; }
is "$(count '已联系 reached' 1)" "$(col 4)" "stats' 已联系 is the report's 已联系"
is "$(count '未联系上 not reached' 1)" "$(col 5)" "stats' 未联系上 is the report's 未联系上 (unreachable included)"
is "$(count '未排查 never called' 1)" "$(col 6)" "stats' 未排查 is the report's 未排查"
is "$(count '已联系 reached' 2)" "$(col 11)" "stats' group B 已联系 is the report's 湖北籍已联系"
part=$(count '其中无法联系 unreachable' 1)
[ "$part" -le "$(col 5)" ]; ok $? "其中无法联系 ($part) is a part of 未联系上 ($(col 5))"
is "$(PAICHA_DB=$DEMO sql_demo "SELECT count(*) FROM cases c JOIN workers w ON w.id = c.worker_id WHERE w.grp = 'A' AND c.contact = 'unreachable'")" \
   "$part" "and counts the unreachable cases"

done_testing
