#!/bin/sh
# The lead's Tonight's report screen (N) at 80x24, with TERM=xterm (as
# PuTTY sends it) and with tmux's own, in English and in Chinese: the 汇总
# as tonight's export will write it (the figures recomputed here in SQL,
# and equal to `paicha report --today --csv`), yesterday's figure beside
# each number (equal to yesterday's export, recomputed from its roster in
# Python), the invariants checked, the villages and investigators without
# a call today marked; a call made meanwhile shows within 2 seconds; wider
# terminals show more villages.  Then Enter on Team: an investigator's
# queue, read-only, the same rows as `paicha queue --user`.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
D0="CAST(strftime('%s', '2020-02-02 16:00') AS INTEGER)"	# today 00:00 CST

# fig SESSION TITLE N: the N-th number on the line of the figure TITLE
# (1 合计 today, 2 合计 yesterday, 3 the first village today, ...)
fig() { tui_screen "$1" | awk -v t="$2" -v n="$3" '$1 == t { print $(n + 1); exit }'; }
# want SQL-CONDITION: the count of workers (with their case) it holds for
want() { sql "SELECT count(*) FROM workers w JOIN cases c ON c.worker_id = w.id WHERE $1"; }

ZH=
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then ZH=zh_CN.UTF-8; fi
"$PAICHA" export --date 2020-02-01 --encoding utf-8 --out "$T/ex" >/dev/null
"$PAICHA" export --date 2020-02-02 --encoding utf-8 --out "$T/ex" >/dev/null
yroster=$(ls "$T"/ex/*20200202/roster.csv)
ysummary=$(ls "$T"/ex/*20200202/summary.csv)
# yesterday's 合计 from its roster, independently of the summary
ytotal=$(python3 - "$yroster" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
a = [r for r in rows if r["人员类别"] == "在鄂务工"]
b = [r for r in rows if r["人员类别"] != "在鄂务工"]
reached = [r for r in a if r["排查状态"] == "已联系"]
print(len(a), len(reached), sum(r["排查状态"] == "未联系上" for r in a),
      sum(r["排查状态"] == "未排查" for r in a),
      sum(r["返乡状态"] == "已返乡" for r in reached), sum(r["返乡状态"] == "仍在湖北" for r in reached),
      sum(r["返乡状态"] == "在其他地区" for r in reached), len(b),
      sum(r["排查状态"] == "已联系" for r in b))
EOF
)

for run in xterm tmux; do
	if [ $run = xterm ]; then L=C.UTF-8 TERMV=xterm ok_word=ok; else L=${ZH:-C.UTF-8} TERMV=; fi
	[ "$L" = zh_CN.UTF-8 ] && ok_word=通过
	tui_start "$run" 80 24 env ${TERMV:+TERM=$TERMV} LANG=$L LC_ALL=$L PAICHA_DB="$PAICHA_DB" \
	    PAICHA_NOW="$PAICHA_NOW" PAICHA_LOCALEDIR="${PAICHA_LOCALEDIR:-}" "$PAICHA"
	tui_wait "$run" "paicha" || break
	tui_keys "$run" N
	tui_wait "$run" "合计"
	ok $? "$run: N opens Tonight's report"
	# the screen is drawn top down: read it once its last line is there
	tui_wait "$run" "当日联系人数" 5
	ok $? "$run: the last figure is on the 80x24 screen"
	screen=$(tui_screen "$run")
	is "$(printf '%s\n' "$screen" | LC_ALL=C.UTF-8 wc -L | tr -d ' ')" 80 \
	    "$run, $L: nothing is wider than the 80 columns"
	unlike "$screen" "�" "$run: no broken characters"
	# today's 合计: the format's columns of report --today --csv, and SQL
	got=""
	for f in 在鄂务工人数 已联系 未联系上 未排查 已返乡 仍在湖北 在其他地区 湖北籍在本地就业人数 \
	    湖北籍已联系 有发热等症状 已督促就医 居家隔离中 当日联系人数; do
		got="$got${got:+,}$(fig "$run" $f 1)"
	done
	is "$got" "$("$PAICHA" report --today --csv | tail -1 | cut -d, -f3-)" \
	    "$run: today's 合计 is report --today's 汇总, as tonight's export will write it"
	is "$(fig "$run" 在鄂务工人数 1)/$(fig "$run" 已联系 1)/$(fig "$run" 未联系上 1)/$(fig "$run" 未排查 1)" \
	    "$(want "w.grp = 'A'")/$(want "w.grp = 'A' AND c.contact = 'reached'")/$(want \
	    "w.grp = 'A' AND c.contact IN ('unreached', 'unreachable')")/$(want \
	    "w.grp = 'A' AND c.contact = 'uncalled'")" "$run: group A, reached, unreached, uncalled (SQL)"
	is "$(fig "$run" 已返乡 1)/$(fig "$run" 仍在湖北 1)/$(fig "$run" 湖北籍在本地就业人数 1)/$(fig "$run" 湖北籍已联系 1)" \
	    "$(want "w.grp = 'A' AND c.contact = 'reached' AND c.whereabouts = 'home'")/$(want \
	    "w.grp = 'A' AND c.contact = 'reached' AND c.whereabouts = 'hubei'")/$(want \
	    "w.grp = 'B'")/$(want "w.grp = 'B' AND c.contact = 'reached'")" \
	    "$run: home, in Hubei, group B and its reached (SQL)"
	# yesterday's beside each: yesterday's export, and its roster recounted
	got=""
	for f in 在鄂务工人数 已联系 未联系上 未排查 已返乡 仍在湖北 在其他地区 湖北籍在本地就业人数 \
	    湖北籍已联系 有发热等症状 已督促就医 居家隔离中 当日联系人数; do
		got="$got${got:+,}$(fig "$run" $f 2)"
	done
	is "$got" "$(tail -1 "$ysummary" | tr -d '\r' | cut -d, -f3-)" \
	    "$run: yesterday's figures beside them are yesterday's export"
	is "$(printf '%s' "$got" | cut -d, -f1-9 | tr , ' ')" "$ytotal" \
	    "$run: and yesterday's roster, recounted, gives them"
	first=$(head -2 "$ysummary" | tail -1 | cut -d, -f2)
	like "$(tui_screen "$run" | sed -n 2p)" "!$first" "$run: a village without a call today is marked (!$first)"
	is "$(tui_screen "$run" | awk '$1 == "Invariants" || $1 == "格式校验" { $1 = ""; print }')" \
	    " $ok_word $ok_word $ok_word $ok_word" "$run: the invariants row says $ok_word in each column"
	tui_keys "$run" Down Down	# English is a line longer than the window: scroll
	tui_wait "$run" "$(sql "SELECT name FROM users WHERE login = 'zhangli'")" 2
	ok $? "$run: the investigators without a call today are named"
	tui_keys "$run" q q	# (the session stays: the server must not exit under the next)
done

# live: a call to a worker of the first village, made while the screen is open
tui_start r 80 24 env TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_DB="$PAICHA_DB" \
    PAICHA_NOW="$PAICHA_NOW" PAICHA_LOCALEDIR="${PAICHA_LOCALEDIR:-}" "$PAICHA"
tui_wait r "paicha"
tui_keys r N
tui_wait r "合计"
w=$(sql "SELECT c.worker_id FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u
    ON u.id = c.investigator_id WHERE u.login = '$ME' AND w.village = '$first'
    AND c.contact <> 'unreachable' ORDER BY c.worker_id LIMIT 1")
before=$(fig r 当日联系人数 3)
"$PAICHA" call "$w" --outcome no-answer >/dev/null
ok $? "a call to worker $w of $first"
n=0
while [ "$(fig r 当日联系人数 1)" != 1 ] && [ $n -lt 40 ]; do sleep 0.05; n=$((n + 1)); done
is "$(fig r 当日联系人数 1)/$(fig r 当日联系人数 3)" "1/$((before + 1))" \
    "the call is counted within 2 seconds, in 合计 and in $first"
is "$(fig r 当日联系人数 1)" "$(sql "SELECT count(DISTINCT worker_id) FROM calls
    WHERE at >= $D0 AND at < $D0 + 86400")" "当日联系人数 is the workers called today (SQL)"
unlike "$(tui_screen r | sed -n 2p)" "!$first" "$first is no longer marked"
# wider: more villages beside 合计
nv=$(sql "SELECT count(DISTINCT village) FROM workers")
like "$(tui_screen r)" "Villages 1-3 of $nv" "80 columns: 3 of the $nv villages beside 合计"
tui_resize r 160 40
tui_wait r "Villages 1-8 of $nv"
ok $? "160 columns: 8 of them"
tui_resize r 80 24
tui_wait r "Villages 1-3 of $nv"
tui_keys r Right
tui_wait r "Villages 4-6 of $nv"
ok $? "Right shows the next villages"
tui_keys r '?'
tui_wait r "Help"
tui_keys r End
tui_wait r "no calls today in this village"
ok $? "the help has the report's keys and the legend of its marks"
tui_keys r Escape

# Flow counts yesterday once a day and today at each reload: after a
# call that puts a group A worker in Wuhan, the screen is paicha flow's
tui_keys r F
tui_wait r "Where / plan"
wa=$(sql "SELECT c.worker_id FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u
    ON u.id = c.investigator_id WHERE u.login = '$ME' AND w.grp = 'A' AND c.contact = 'uncalled'
    ORDER BY c.worker_id LIMIT 1")
[ -n "$wa" ] || wa=$(sql "SELECT c.worker_id FROM cases c JOIN workers w ON w.id = c.worker_id
    JOIN users u ON u.id = c.investigator_id WHERE u.login = '$ME' AND w.grp = 'A'
    AND c.contact <> 'unreachable' AND coalesce(c.whereabouts, '') <> 'hubei'
    ORDER BY c.worker_id LIMIT 1")
"$PAICHA" call "$wa" --outcome reached whereabouts=hubei hubei_city=武汉 >/dev/null
ok $? "a reached call: worker $wa is in Wuhan"
fl=$("$PAICHA" flow --csv | awk -F, '$1 == "total" && $3 == "武汉" { print $4 "/" $5 }')
like "$fl" "/" "paicha flow counts Wuhan in the total ($fl)"
tui_keys r End
wuhan() { tui_screen r | awk '($1 == "total" || $1 == "合计") && $0 ~ /武汉/ { print $(NF-2) "/" $(NF-1) }'; }
n=0
while [ "$(wuhan)" != "$fl" ] && [ $n -lt 260 ]; do sleep 0.05; n=$((n + 1)); done
shown=$(wuhan)
is "$shown" "$fl" "within its 10 s, Flow's total for Wuhan, now and yesterday, is paicha flow's"

# Enter on Team: the investigator's queue, read-only, as they see it
tui_keys r T
tui_wait r "Last call"
pos=$("$PAICHA" team --csv | sed 1d | grep -n '^zhangli,' | cut -d: -f1)
k=1
while [ "$k" -lt "$pos" ]; do tui_keys r Down; k=$((k + 1)); done
tui_keys r Enter
tui_wait r "queue as they see it, read-only"
ok $? "Enter on Team opens the investigator's queue, read-only"
got=$(tui_screen r | sed -n '3,21p' | awk '{ print $1 }' | grep -v '^─' | head -15)
want_rows=$("$PAICHA" queue --user zhangli | awk '{ print $2 }' | head -"$(printf '%s\n' "$got" | wc -l)")
is "$got" "$want_rows" "the rows are paicha queue --user zhangli's, in its order"
tui_keys r Enter
tui_wait r "does not call from it"
ok $? "Enter on a row says the queue is read-only"
is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 "and claims nothing"
like "$(tui_screen r)" "queue as they see it" "no case was opened"
tui_keys r Escape
tui_wait r "Last call"
ok $? "Esc goes back to Team"

# Reassign by village, state and overdue, as paicha assign filters, then
# mark all shown and move them to an investigator chosen from the list
NOWS="CAST(strftime('%s', '2020-02-03 02:00') AS INTEGER)"
tui_keys r R
tui_wait r "all cases:"
ok $? "R opens Reassign on all cases"
tui_keys r v
tui_wait r "Village"
tui_keys r "$first" Enter
n1=$(want "w.village = '$first'")
tui_wait r "all cases · $first: $n1 shown"
ok $? "v $first: its $n1 cases (SQL)"
tui_keys r s
tui_wait r "State:"
tui_keys r 3
n2=$(want "w.village = '$first' AND c.contact = 'reached'")
tui_wait r "all cases · $first · reached: $n2 shown"
ok $? "s 3: the $n2 reached of them (SQL)"
tui_keys r o
overdue="EXISTS (SELECT 1 FROM followups f WHERE f.worker_id = c.worker_id AND f.done_at IS NULL
    AND f.due_at < $NOWS)"
n3=$(want "w.village = '$first' AND c.contact = 'reached' AND $overdue")
tui_wait r "reached · overdue: $n3 shown"
ok $? "o: the $n3 of them with an overdue follow-up (SQL)"
tui_keys r o
tui_wait r "reached: $n2 shown"
ok $? "o again: all states again"
# the investigator to move them to, by the list's order (Team's, by login)
to=wangqiang
key=$("$PAICHA" team --csv | sed 1d | grep -v '^-,' | grep -n "^$to," | cut -d: -f1)
toname=$(sql "SELECT name FROM users WHERE login = '$to'")
tui_keys r '*'
tui_wait r "$n2 shown, $n2 marked"
ok $? "* marks all $n2 shown"
tui_keys r m
tui_wait r "$key $toname"
ok $? "m asks to whom, $toname among them"
before=$(sql "SELECT count(*) FROM audit WHERE action = 'case.assign'")
moving=$(want "w.village = '$first' AND c.contact = 'reached' AND coalesce(c.investigator_id, 0)
    <> (SELECT id FROM users WHERE login = '$to')")
tui_keys r "$key"
tui_wait r "Moved $n2 cases to $toname"
ok $? "the $n2 cases are moved"
is "$(want "w.village = '$first' AND c.contact = 'reached' AND c.investigator_id =
    (SELECT id FROM users WHERE login = '$to')")" "$n2" "all $n2 are $to's now (SQL)"
is "$(($(sql "SELECT count(*) FROM audit WHERE action = 'case.assign'") - before))" "$moving" \
    "each move that changed a case is in the audit log"
tui_keys r q q q

done_testing
