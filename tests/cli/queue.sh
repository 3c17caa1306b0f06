#!/bin/sh
# paicha queue and paicha search on the real binary, over states seeded
# with SQL as calls would have left them.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
me=$(id -un)
export PAICHA_NOW="2020-02-03 10:00"

run init --township 黄花镇 --division 430121101 --area-code 0731
is "$RC" 0 "init"
run user add zhangwei --role investigator --name 张伟
run user add lina --role lead --name 李娜
zw=$(sql "SELECT id FROM users WHERE login = 'zhangwei'")
mine=$(sql "SELECT id FROM users WHERE login = '$me'")

# t 'HH:MM' [day]: Unix seconds of that China Standard Time on 2020-02-03.
t() { echo "strftime('%s', '2020-02-${2:-03} $1', '-8 hours')"; }

# worker ID NAME VILLAGE PHONE INVESTIGATOR
worker() {
	sql "INSERT INTO workers(id, id_number, name, township, village, grp, source, created_at)
	     VALUES($1, '$(printf '43012119900101%04d' "$1")', '$2', '黄花镇', '$3', 'A', 'test', 0);
	     INSERT INTO phones(worker_id, rank, typed, e164, kind, display, created_at)
	     VALUES($1, 0, '$4', '+86$4', 'mobile', '$4', 0);
	     INSERT INTO cases(worker_id, investigator_id, updated_at) VALUES($1, $5, 0);"
}
worker 1 张军 西湖村 13574895655 "$mine"
worker 2 李明 西湖村 13574890002 "$mine"
worker 3 王强 东山村 13574890003 "$mine"
worker 4 赵丽 东山村 13574890004 "$mine"
worker 5 孙红 西湖村 13574890005 "$mine"
worker 6 周平 西湖村 13574890006 "$zw"
worker 7 吴刚 西湖村 13574890007 "$mine"
# 3: no answer at 09:12, retry due 09:42.
sql "INSERT INTO calls(id, worker_id, user_id, at, outcome) VALUES(1, 3, $mine, $(t 09:12), 'no-answer');
     UPDATE cases SET contact = 'unreached', calls = 1, failed = 1, last_call_at = $(t 09:12),
       last_outcome = 'no-answer' WHERE worker_id = 3;
     INSERT INTO followups(worker_id, kind, due_at, call_id, created_at) VALUES(3, 'callback', $(t 09:42), 1, 0);"
# 4: reached, symptomatic, medical follow-up due at 09:00.
sql "UPDATE cases SET contact = 'reached', calls = 1, symptomatic = 1 WHERE worker_id = 4;
     INSERT INTO followups(worker_id, kind, due_at, created_at) VALUES(4, 'medical', $(t 09:00), 0);"
# 5: reached, isolated, health check tomorrow.
sql "UPDATE cases SET contact = 'reached', calls = 1, isolation_start = '2020-02-01',
       isolation_end = '2020-02-14' WHERE worker_id = 5;
     INSERT INTO followups(worker_id, kind, due_at, created_at) VALUES(5, 'health', $(t 09:00 04), 0);"
# 7: unreachable after 5 attempts, escalated to the leads.
sql "INSERT INTO calls(id, worker_id, user_id, at, outcome) VALUES(2, 7, $mine, $(t 08:00), 'off');
     UPDATE cases SET contact = 'unreachable', calls = 5, failed = 5 WHERE worker_id = 7;
     INSERT INTO followups(worker_id, kind, due_at, call_id, created_at) VALUES(7, 'escalation', $(t 08:00), 2, 0);"

run queue
is "$RC" 0 "queue exits 0"
is "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "7 4 1 2 3 5 " \
    "queue order: due follow-ups (the admin's escalation first), never called, retry, rest"
line1=$(printf '%s\n' "$OUT" | sed -n 3p)
like "$line1" "1      张军" "a row starts with the worker number and name"
like "$line1" "西湖村" "a row shows the village"
like "$line1" "13574895655" "a row shows the phone"
like "$line1" "never called" "a row ends with the reason"
like "$(printf '%s\n' "$OUT" | grep '^3 ')" "retry due (no answer at 09:12)" "a due retry says what happened when"
like "$(printf '%s\n' "$OUT" | grep '^4 ')" "medical follow-up due  [SM]" "a medical follow-up with its flags"
like "$(printf '%s\n' "$OUT" | grep '^5 ')" "next: health check 02-04 09:00  [I]" "the rest says what comes next"
like "$(printf '%s\n' "$OUT" | grep '^7 ')" "escalated" "an escalation heads a lead's or admin's queue"
unlike "$OUT" "周平" "another investigator's case is not in my queue"

run queue --limit 2
is "$(printf '%s\n' "$OUT" | wc -l)" "2" "--limit keeps the head of the queue"
run queue --limit many
is "$RC" 1 "a bad --limit is refused"
run queue extra
is "$RC" 2 "a stray argument is a usage error"

run queue --user zhangwei
is "$RC" 0 "an admin may see an investigator's queue"
is "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "6 " "and sees that investigator's cases"

sql "UPDATE cases SET claimed_by = $zw, claim_expires = $(t 10:15) WHERE worker_id = 1"
run queue
like "$(printf '%s\n' "$OUT" | grep '^1 ')" "[C]  (claimed by 张伟)" "a case claimed by someone else says by whom"

# Now the invoking account is only an investigator.
sql "UPDATE users SET role = 'investigator' WHERE id = $mine"
run queue --user zhangwei
is "$RC" 1 "an investigator may not see someone else's queue"
like "$ERR" "only leads and admins" "and is told why"
run queue --user "$me"
is "$RC" 0 "an investigator may name themselves"
unlike "$OUT" "吴刚" "an unreachable case leaves an investigator's queue"

run search zj
is "$RC" 0 "search exits 0"
like "$OUT" "张军" "search finds a name by its pinyin initials"
like "$OUT" "(pinyin)" "and says what matched"
run search zhang jun
like "$OUT" "张军" "search joins its words: zhang jun"
run search "１３５７４８９５６５"
like "$OUT" "张军" "search finds a full-width phone number"
like "$OUT" "(phone)" "and says it was the phone"
run search 军
like "$OUT" "1      张军" "search finds part of a name"
run search 010001
like "$OUT" "430121********0001" "search finds the end of an ID number (masked: an investigator, issue 13)"
like "$OUT" "(ID number)" "and says it was the ID number"
run search qqqq
is "$RC" 1 "search without a hit exits 1"
like "$ERR" "no worker matches" "and says what can be searched"
run search
is "$RC" 2 "search without text is a usage error"

done_testing
