#!/bin/sh
# One language (issue 11): under zh_CN.UTF-8 every command says what it
# says in Chinese -- states, outcomes, kinds, roles and why SQLite failed --
# never the internal keys the database stores (reached, no-answer, health,
# lead ...); and every command takes its choices and its dates and times in
# Chinese as well as in English.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	skip_test "the commands speak Chinese" "no zh_CN.UTF-8 locale"
	done_testing
fi
zh() { LANG=zh_CN.UTF-8; LC_ALL=zh_CN.UTF-8; run "$@"; LANG=C.UTF-8; LC_ALL=C.UTF-8; }

# The keys of the database that must never reach a person as words.
KEYS='reached|unreached|uncalled|unreachable|no-answer|busy|out-of-service|wrong-number'
KEYS="$KEYS|refused|callback|health|medical|job|escalation|investigator|lead|admin"
KEYS="$KEYS|moved|superseded|cancelled|mobile|fixed|home|hubei|elsewhere|needs-job"
# keys_in TEXT: the internal keys TEXT shows as words.  What is quoted
# ('paicha user add ... --role investigator') is a command to type, and the
# test's own folder is a path: both are left out.
keys_in() {
	printf '%s\n' "$1" | sed -e "s|$T|DIR|g" -e "s/'[^']*'//g" |
	    grep -oE "(^|[^A-Za-z0-9_-])($KEYS)([^A-Za-z0-9_-]|\$)" | sort -u | tr '\n' ' '
}
# speaks NAME: the last command's output and errors hold no internal key.
speaks() {
	is "$(keys_in "$OUT
$ERR")" "" "$1"
}

export PAICHA_NOW="2020-02-03 09:00"
zh init --township 乔口镇 --division 430122104 --area-code 0731
is "$RC" 0 "init"
speaks "init says nothing in keys"
zh demo --workers 60 --seed 3
is "$RC" 0 "demo"
speaks "demo names its roles in Chinese"

# ---- every choice in Chinese or English ----
zh user add zhaolei --role 组长 --name 赵磊
is "$RC" 0 "user add --role 组长 is a lead"
is "$(sql "SELECT role FROM users WHERE login = 'zhaolei'")" "lead" "and is stored as lead"
speaks "user add names the role in Chinese"
zh user add qianli --role investigator --name 钱立
is "$RC" 0 "user add --role investigator still works"
zh user add sunmei --role 队长 --name 孙梅
is "$RC" 1 "an unknown role is refused"
zh user list
like "$OUT" "组长" "user list: roles in Chinese"
speaks "user list shows no role key"

never=$(sql "SELECT worker_id FROM cases WHERE contact = 'uncalled' ORDER BY worker_id LIMIT 1")
reached=$(sql "SELECT worker_id FROM cases WHERE contact = 'reached' ORDER BY worker_id LIMIT 1")
[ -n "$never" ] || never=$(sql "SELECT worker_id FROM cases ORDER BY worker_id DESC LIMIT 1")
zh call "$never" --outcome 无人接听
is "$RC" 0 "call --outcome 无人接听"
like "$OUT" "无人接听" "call: the outcome in Chinese"
speaks "call says no outcome, state or kind key"
zh call "$never" --outcome wrong-number
is "$RC" 0 "call --outcome wrong-number (the English key) still works"
speaks "call after a wrong number: no key"
zh call "$reached" --outcome 已接通 whereabouts=hubei hubei_city=武汉 symptoms=none \
    temperature=36.5 advice=no-hubei-travel work_plan=postponed
speaks "call of a reached worker: no key (${ERR:-ok})"

zh show "$never"
is "$RC" 0 "show"
like "$OUT" "号码错误" "show: the last outcome in Chinese"
speaks "show: state, outcomes, kinds and phone kinds in Chinese"
zh show "$reached"
speaks "show of a reached worker: no key"

zh followup add "$never" --kind 回拨 --due "明天 09:00"
is "$RC" 0 "followup add --kind 回拨 --due \"明天 09:00\""
is "$(sql "SELECT kind || ' ' || datetime(due_at, 'unixepoch', '+8 hours') FROM followups
    ORDER BY id DESC LIMIT 1")" "callback 2020-02-04 09:00:00" "stored as a callback due tomorrow 09:00"
speaks "followup add names the kind in Chinese"
zh followup add "$never" --kind 岗位推荐 --due "2月5日 9点半"
is "$RC" 0 "followup add --kind 岗位推荐 --due \"2月5日 9点半\""
fid=$(sql "SELECT id FROM followups WHERE kind = 'job' ORDER BY id DESC LIMIT 1")
is "$(sql "SELECT datetime(due_at, 'unixepoch', '+8 hours') FROM followups WHERE id = $fid")" \
    "2020-02-05 09:30:00" "due 2月5日 9点半 is 2020-02-05 09:30"
zh followup add "$never" --kind job --due "2020-02-06 10:00"
is "$RC" 0 "the English kind and the ISO time still work"
zh followup add "$never" --kind 随便 --due 明天
is "$RC" 1 "an unknown kind is refused"
like "$ERR" "回拨" "the refusal names the kinds in Chinese"
zh followup list
like "$OUT" "岗位推荐" "followup list: kinds in Chinese"
speaks "followup list shows no kind key"
zh followup move "$fid" --due "2月6日 14:00"
is "$RC" 0 "followup move --due \"2月6日 14:00\""
speaks "followup move: no key"
zh followup close "$fid"
is "$RC" 1 "a moved follow-up cannot be closed"
speaks "closing a moved follow-up says how it was closed in Chinese"

zh queue
speaks "queue: reasons in Chinese"
zh queue --user zhaolei
speaks "a lead's queue: no key"
zh search 王
speaks "search: what matched in Chinese"
zh stats
speaks "stats: no key"
zh check
speaks "check: no key"
zh assign --to qianli "$never"
is "$RC" 0 "assign"
speaks "assign: no key"
zh backup "$T/copy.db"
speaks "backup: no key"
cp "$PAICHA_SRCDIR/tests/data/roster-sample-gb18030.csv" "$T/roster.csv"
zh import "$T/roster.csv" --group A
speaks "import: no key"
zh export --date 2020-02-03 --out "$T/report"
speaks "export: no key"

# ---- errors ----
zh show 99999
is "$RC" 1 "show of an unknown worker is refused"
speaks "and says so without a key"
printf 'not a database, but a letter\n%.0s' $(seq 1 200) > "$T/letter.db"
zh --db "$T/letter.db" stats
is "$RC" 1 "a file that is not a database is refused"
like "$ERR" "$T/letter.db" "the refusal names the file"
like "$ERR" "不是" "and says in Chinese what it is not"
# a database this account may only read: the file is named, and what to do
cp "$PAICHA_DB" "$T/ro.db"
chmod 0444 "$T/ro.db"
if [ "$(id -u)" -ne 0 ]; then
	zh --db "$T/ro.db" followup add "$never" --kind 回拨 --due 明天
elif can_switch_users; then
	chmod 0644 "$T/ro.db"
	LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 as_user "$(acct zl)" "$PAICHA" --db "$T/ro.db" \
	    followup add "$never" --kind 回拨 --due 明天 >"$T/.out" 2>"$T/.err"
	RC=$?
	ERR=$(cat "$T/.err")
else
	RC=skip
fi
if [ "$RC" = skip ]; then
	skip_test "a read-only database names the file and the permissions" "root writes anything"
else
	is "$RC" 1 "a database the user may not write refuses a write"
	like "$ERR" "$T/ro.db" "the refusal names the file"
	like "$ERR" "不能写入" "and says, in Chinese, to check the permissions"
fi
done_testing
