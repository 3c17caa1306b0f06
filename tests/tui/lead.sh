#!/bin/sh
# The lead's screens at 80x24, each program running as its own Unix
# account (created here, removed at the end): a lead, in Chinese, marks 50
# cases of one investigator on the Reassign screen and moves them to
# another, chosen from a list; the second investigator's open queue shows
# them within 2 seconds; the Team screen's numbers change accordingly.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
if ! can_switch_users; then
	skip_test "the lead's screens as three accounts" "needs root, setpriv and useradd"
	done_testing
fi
tag=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
A=pcl${tag}a B=pcl${tag}b L=pcl${tag}l
_lead_cleanup() {
	[ -S "$TMUX_SOCK" ] && "${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" kill-server 2>/dev/null
	for u in "$A" "$B" "$L"; do
		id "$u" >/dev/null 2>&1 || continue
		_n=0
		while pgrep -u "$u" >/dev/null 2>&1 && [ $_n -lt 200 ]; do
			sleep 0.05; _n=$((_n + 1))
		done
		userdel "$u" >/dev/null 2>&1
	done
	_cleanup
}
trap _lead_cleanup EXIT
for u in "$A" "$B" "$L"; do useradd -M -N -s /bin/sh "$u" || exit 1; done

export PAICHA_NOW="2020-02-03 10:00"
"$PAICHA" init --township 黄花镇 --division 430121100 --area-code 0731 >/dev/null
"$PAICHA" user add "$A" --role investigator --name 李娜 >/dev/null
"$PAICHA" user add "$B" --role investigator --name 王芳 >/dev/null
"$PAICHA" user add "$L" --role lead --name 赵组长 >/dev/null
python3 - >"$T/r.csv" <<'EOF'
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print("姓名,身份证号,联系电话,村")
for i in range(120):
    body = "430121%04d%02d%02d%03d" % (1960 + i % 40, 1 + i % 12, 1 + i % 28, i)
    ident = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]
    print("工人%d,%s,138%08d,%s" % (i, ident, 10000000 + i, ["东村", "西村"][i % 2]))
EOF
"$PAICHA" import "$T/r.csv" --group A >/dev/null
"$PAICHA" assign --balance >/dev/null
is "$(sql "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM cases GROUP BY investigator_id)")" \
    "60 60" "120 workers, 60 for each investigator"
chmod 0777 "$T"
chmod 0666 "$PAICHA_DB"*

# run_as SESSION LOGIN LANG: paicha in a tmux session at 80x24 as LOGIN
run_as() {
	tui_start "$1" 80 24 setpriv --reuid="$2" --regid=users --clear-groups -- \
	    env LANG="$3" LC_ALL="$3" PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" \
	    PAICHA_LOCALEDIR="${PAICHA_LOCALEDIR:-}" "$PAICHA"
}
run_as b "$B" C.UTF-8
tui_wait b "1 of 60"
ok $? "王芳's queue shows her 60 cases"

ZH=C.UTF-8
s120="120 shown" s60="60 shown" m50="50 marked" esc="Why here" why="Why is it closed" flow="Where / plan"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	ZH=zh_CN.UTF-8 s120="显示 120 件" s60="显示 60 件" m50="已标记 50 件" esc="原因"
	why="关闭原因" flow="去向 / 打算"
fi
run_as a "$L" "$ZH"
tui_wait a "paicha"
tui_keys a T
tui_wait a "李娜"
row() { tui_screen a | grep -F "$1" | head -1 | tr -s ' ' | cut -d' ' -f2; }
is "$(row 李娜)/$(row 王芳)" "60/60" "the Team screen: 60 cases each"
tui_keys a R
tui_wait a "$s120"
ok $? "the Reassign screen shows all 120 cases"
tui_keys a i
tui_wait a "1 李娜"
tui_keys a 1
tui_wait a "$s60"
ok $? "i shows one investigator's cases, chosen from a list"
i=0
while [ $i -lt 50 ]; do tui_keys a Space; i=$((i + 1)); done
tui_wait a "$m50"
ok $? "Space marks 50 of them"
like "$(tui_screen a | tail -n 1)" "Space" "Reassign's status bar offers Space (mark)"
tui_keys a m
tui_wait a "2 王芳"
ok $? "m asks to whom, from a list of the investigators"
tui_keys a 2
# the second investigator's queue, without a key
tui_wait b " of 110" 2
ok $? "王芳's open queue shows the 50 cases within 2 seconds"
is "$(sql "SELECT count(*) FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$B'")" 110 "王芳 has 110 cases"
is "$(sql "SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id
    WHERE a.action = 'case.assign' AND u.login = '$L' AND a.old_value = '$A'
    AND a.new_value = '$B'")" 50 "50 moves in the audit log: by the lead, from 李娜 to 王芳"
tui_keys a T
n=0
while [ "$(row 李娜)/$(row 王芳)" != "10/110" ] && [ $n -lt 40 ]; do sleep 0.05; n=$((n + 1)); done
is "$(row 李娜)/$(row 王芳)" "10/110" "the Team screen: 10 and 110"
screen=$(tui_screen a)
is "$(printf '%s\n' "$screen" | LC_ALL=zh_CN.UTF-8 wc -L 2>/dev/null | tr -d ' ')" 80 \
    "nothing is wider than the 80 columns"
unlike "$screen" "�" "no broken characters"

# Coverage: the villages' counts, the bars and the 14-day chart inside 80 columns
tui_keys a C
tui_wait a "▁"
ok $? "C opens Coverage with the calls-per-day chart"
vrow() { tui_screen a | grep "^$1 " | tr -s ' ' | cut -d' ' -f2,3,4; }
is "$(vrow 东村)" "$(sql "SELECT sum(grp = 'A') || ' ' || sum(grp = 'B') || ' ' ||
    sum(c.contact = 'reached') FROM workers w JOIN cases c ON c.worker_id = w.id
    WHERE w.village = '东村'")" "Coverage: 东村's group A, group B, reached"
is "$(tui_screen a | grep -c '▁▁▁▁▁▁▁▁▁▁▁▁▁▁')" 1 "the chart has 14 days (no call yet: all low)"
is "$(tui_screen a | LC_ALL=zh_CN.UTF-8 wc -L 2>/dev/null | tr -d ' ')" 80 "and fits in 80 columns"
status=$(tui_screen a | tail -n 1)
unlike "$status" "Space" "Coverage's status bar does not offer Reassign's Space (mark)"
unlike "$status" "  * " "nor * (mark all)"
unlike "$status" "  m " "nor m (move to): they do nothing here"

# Escalations: a case becomes unreachable while the screen is open
tui_keys a E
tui_wait a "$esc"
for i in 1 2 3 4 5; do "$PAICHA" call 1 --outcome off >/dev/null; done
is "$(sql "SELECT contact FROM cases WHERE worker_id = 1")" unreachable "worker 1 is unreachable"
tui_wait a "工人0" 2
ok $? "E: the unreachable case appears within 2 seconds"
tui_keys a x
tui_wait a "$why"
tui_keys a "village head visits" Enter
tui_wait_gone a "工人0    东村" 3	# (the message below still names him)
ok $? "x closes it with a note and it leaves the list"
is "$(sql "SELECT u.login || '|' || a.new_value FROM audit a JOIN users u ON u.id = a.user_id
    WHERE a.action = 'escalation.close' AND a.entity_id = 1")" "$L|village head visits" \
    "the close is in the audit log with who and the note"

# Flow: the same figures as paicha flow (tests/cli/lead.sh checks them)
tui_keys a F
tui_wait a "$flow"
ok $? "F opens Flow"
tui_keys a '?'
tui_wait a "Space"
ok $? "the lead's keys are in the help"
tui_keys a Escape q
# an investigator's screen: Tonight's report is refused in db/, saying who may
tui_keys b N
tui_wait b "only a lead or an admin may see this case or queue" 3
ok $? "王芳 pressing N is told that only a lead or an admin may see it"
tui_keys b Escape
tui_keys b q

done_testing
