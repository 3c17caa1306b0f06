#!/bin/sh
# The screens of issue 12's imported sample at 80x24, in Chinese, as
# PuTTY sends it (TERM=xterm): the lead's Escalations screen lists the
# workers with no valid number as their own kind with the number as typed,
# the queue says why they are there, the case screen shows the roster's
# 备注 and the number that is not valid; a primary number corrected on the
# case screen stays corrected and primary after the same roster is
# imported again.  Figures come from SQL, not from the screens.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	skip_test "the Chinese screens" "no zh_CN.UTF-8 locale"
	done_testing
fi
export PAICHA_NOW="2020-02-01 09:00"
"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
cp "$PAICHA_SRCDIR/tests/data/roster-sample-gb18030.csv" "$T/roster.csv"
"$PAICHA" import "$T/roster.csv" >/dev/null 2>&1
NOPHONE="SELECT w.id FROM workers w WHERE NOT EXISTS (SELECT 1 FROM phones p
    WHERE p.worker_id = w.id AND p.removed_at IS NULL)"
N=$(sql "SELECT count(*) FROM ($NOPHONE)")
is "$N" 10 "the sample's 10 workers without a valid number are imported"
# the first of them in the lead's lists (the same due time: by number)
W=$(sql "$NOPHONE ORDER BY w.id LIMIT 1")
NAME=$(sql "SELECT name FROM workers WHERE id = $W")
TYPED=$(sql "SELECT phones_invalid FROM workers WHERE id = $W")
NOTE=$(sql "SELECT note FROM workers WHERE id = $W")
VILLAGE=$(sql "SELECT village FROM workers WHERE id = $W")

tui_start z 80 24 env TERM=xterm LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$PAICHA"
tui_wait z "$NAME"
ok $? "the lead's queue opens on $NAME"
tui_wait z "$NAME: 已上报组长：无有效号码，请通过村委会查找号码"
ok $? "its reason, under the list: escalated, no valid number, find one through the village"
unlike "$(tui_screen z)" "0 次未联系上" "never 'not reached after 0 calls'"

tui_mark z
tui_keys z E
tui_wait_new z "无有效号码：请通过村委会查找号码"
ok $? "E: the Escalations screen lists workers with no valid number as their own kind"
is "$(tui_screen z | grep -c "无有效号码：请通过村委会查找号码")" "$N" "all $N of them, one row each"
tui_wait z "$NAME $VILLAGE: 无有效号码（原号码：$TYPED）：请通过村委会查找号码"
ok $? "the one under the cursor with the number as typed"
is "$(tui_screen z | LC_ALL=zh_CN.UTF-8 wc -L | tr -d ' ')" 80 "the screen fits 80 columns"
# x closes the second one with a note: it leaves the list, its kind is kept
LAST=$(sql "$NOPHONE ORDER BY w.id LIMIT 1 OFFSET 1")
LASTNAME=$(sql "SELECT name FROM workers WHERE id = $LAST")
tui_keys z Down
tui_wait z "$LASTNAME $(sql "SELECT village FROM workers WHERE id = $LAST"): 无有效号码（原号码："
tui_keys z x
tui_wait z "关闭原因？"
tui_keys z "村委会核实中" Enter
tui_wait z "已关闭 $LASTNAME 的上报。"
ok $? "x closes the escalation of $LASTNAME with a note"
is "$(tui_screen z | grep -c "无有效号码：请通过村委会查找号码")" "$((N - 1))" "it leaves the list"
is "$(sql "SELECT kind || '|' || note FROM escalation_closes WHERE worker_id = $LAST")" "no-number|村委会核实中" \
    "the close is stored as a no-number escalation, with the note"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $LAST AND kind = 'escalation' AND done_at IS NULL")" 0 \
    "and answers the import's escalation"
tui_keys z Up

# the case screen: the roster's 备注 and the number as typed
tui_keys z Escape
tui_wait z "$NAME: 已上报组长"
tui_mark z
tui_keys z Enter
tui_wait_new z "名单备注：$NOTE   无效号码：$TYPED"
ok $? "the case screen shows the roster's 备注 ($NOTE) and the number not valid ($TYPED)"
is "$(tui_screen z | LC_ALL=zh_CN.UTF-8 wc -L | tr -d ' ')" 80 "at 80 columns"
tui_mark z
tui_keys z c
tui_wait_new z "该人员没有有效号码"
ok $? "c on a worker with no valid number: says to add the number first, no call form"
is "$(sql "SELECT count(*) FROM calls WHERE worker_id = $W") $(sql "SELECT count(*) FROM drafts WHERE worker_id = $W")" "0 0" \
    "nothing stored for $NAME"
tui_keys z Escape

# a corrected primary number: 杨飞娟 came with two numbers
Y=$(sql "SELECT id FROM workers WHERE name = '杨飞娟'")
FIRST=$(sql "SELECT display FROM phones WHERE worker_id = $Y AND removed_at IS NULL ORDER BY rank LIMIT 1")
SECOND=$(sql "SELECT display FROM phones WHERE worker_id = $Y AND removed_at IS NULL ORDER BY rank LIMIT 1 OFFSET 1")
tui_mark z
tui_keys z / yfj
tui_wait_new z "杨飞娟"
tui_keys z Enter
tui_wait z "$SECOND"
tui_keys z g e
tui_wait z "$FIRST"
tui_keys z C-u 13974811234
tui_keys z Enter
tui_wait z "13974811234"
tui_wait_gone z "$FIRST" 5
ok $? "the primary number $FIRST is corrected to 13974811234 on the case screen"
tui_keys z Escape q
current() { sql "SELECT group_concat(display, ' ') FROM (SELECT display FROM phones WHERE worker_id = $Y AND removed_at IS NULL ORDER BY rank, id)"; }
is "$(current)" "13974811234 $SECOND" "the corrected number takes the primary's place"
"$PAICHA" import "$T/roster.csv" > "$T/again.out" 2>&1
is "$(current)" "13974811234 $SECOND" "after the same roster is imported again: not brought back, still primary"
like "$(cat "$T/again.out")" "phone $FIRST kept removed" "the import says it kept the removed number out"

done_testing
