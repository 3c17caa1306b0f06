#!/bin/sh
# Roles hold where data changes (db/roles.h), tried as real Unix accounts
# that this test creates and removes: an investigator records calls,
# follow-ups and reads only on her own cases, cannot reassign, see others'
# queues or the lead's views, or manage users; a lead does all of that for
# the township but manage users; every refusal exits 1 and says who may,
# in the user's language; nothing refused is written; moves are audited.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if ! can_switch_users; then
	skip_test "roles as real Unix accounts" "needs root, setpriv and useradd"
	done_testing
fi
# Account names unique to this run, removed at the end whatever happens.
# (tests/lib.sh: acct gives this run's reserved prefix; as_user takes no other)
A=$(acct la) B=$(acct lb) L=$(acct ll)
_roles_cleanup() {
	[ -n "${T2_LOGIN:-}" ] && [ -S "$T2SOCK" ] && t2 kill-server 2>/dev/null
	for u in "$A" "$B" "$L"; do
		id "$u" >/dev/null 2>&1 || continue
		# userdel refuses an account whose processes (a tmux server) live on
		_n=0
		while pgrep -u "$u" >/dev/null 2>&1 && [ $_n -lt 100 ]; do
			sleep 0.05; _n=$((_n + 1))
		done
		userdel "$u" >"$T/.userdel" 2>&1 || { echo "# userdel $u: $(cat "$T/.userdel")"; pgrep -u "$u" -l | sed 's/^/# /'; }
	done
	T2_LOGIN=	# (lib.sh's cleanup would make the account again to reach its tmux)
	_cleanup
}
trap _roles_cleanup EXIT

export PAICHA_NOW="2020-02-02 10:00"
PAICHA_NOW="2020-01-26 07:00" run init
is "$RC" 0 "init"
PAICHA_NOW="2020-01-26 07:00" run demo --workers 40 --seed 5
is "$RC" 0 "a demo township"
run user add "$A" --role investigator --name 李娜
run user add "$B" --role investigator --name 王芳
run user add "$L" --role lead --name 赵组长
is "$(sql "SELECT count(*) FROM users WHERE login IN ('$A', '$B', '$L')")" 3 "three accounts registered"
run assign --to "$A" 1 2 3
run assign --to "$B" 4 5 6
is "$RC" 0 "cases 1-3 are A's, 4-6 B's"
chmod 0777 "$T"
chmod 0666 "$PAICHA_DB"*

# as LOGIN ARGS...: paicha as that account; sets OUT, ERR, RC.
as() {
	_who=$1; shift
	as_user "$_who" env PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" \
	    "$PAICHA" "$@" >"$T/.out" 2>"$T/.err"
	RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}
# refused NAME WANT: the last command exited 1 and its message contains WANT.
refused() {
	is "$RC" 1 "$1: refused with exit 1"
	like "$ERR" "$2" "$1: the message says who may"
}
calls() { sql "SELECT count(*) FROM calls"; }
fus() { sql "SELECT count(*) FROM followups"; }

# ---- calls ----
n=$(calls)
as "$A" call 4 --outcome busy
refused "A records a call on B's case" "assigned to 王芳 ($B): only they, a lead or an admin"
is "$(calls)" "$n" "and no call is written"
as "$A" call 7 --outcome busy
refused "A records a call on a case of neither" "a lead or an admin may record a call"
as "$A" call 1 --outcome busy
is "$RC" 0 "A records a call on her own case"
is "$(calls)" "$((n + 1))" "and it is written"
as "$L" call 4 --outcome busy
is "$RC" 0 "the lead records a call on any case"

# ---- follow-ups ----
n=$(fus)
as "$A" followup add 4 --kind callback --due "2020-02-03 09:00"
refused "A adds a follow-up on B's case" "王芳 ($B)"
is "$(fus)" "$n" "and no follow-up is written"
as "$B" followup add 4 --kind callback --due "2020-02-03 09:00"
is "$RC" 0 "B adds a follow-up on her own case"
F=$(sql "SELECT max(id) FROM followups WHERE worker_id = 4 AND done_at IS NULL")
as "$A" followup move "$F" --due "2020-02-04 09:00"
refused "A moves B's follow-up" "王芳 ($B)"
as "$A" followup close "$F"
refused "A closes B's follow-up" "王芳 ($B)"
is "$(sql "SELECT done_at IS NULL FROM followups WHERE id = $F")" 1 "and it stays open"
as "$L" followup move "$F" --due "2020-02-04 09:00"
is "$RC" 0 "the lead moves it"

# ---- reading ----
as "$A" show 4
refused "A reads B's case" "王芳 ($B)"
unlike "$OUT" "Calls" "and sees nothing of it"
as "$A" show 1
is "$RC" 0 "A reads her own case"
as "$A" queue --user "$B"
is "$RC" 1 "A cannot see B's queue"
like "$ERR" "leads and admins" "and is told who may"
for v in team coverage flow escalations "report --today"; do
	# shellcheck disable=SC2086
	as "$A" $v
	refused "A runs paicha $v" "only a lead or an admin may see this case or queue"
	# shellcheck disable=SC2086
	as "$L" $v
	is "$RC" 0 "the lead runs paicha $v"
done

# ---- reassigning ----
as "$A" assign --to "$A" 4
refused "A reassigns" "only a lead or an admin"
as "$A" assign --balance
refused "A balances" "only a lead or an admin"
as "$A" assign --map 东山村 "$A"
refused "A maps a village" "only a lead or an admin"
is "$(sql "SELECT count(*) FROM village_map")" 0 "and nothing is mapped"
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.investigator_id WHERE worker_id = 4")" \
    "$B" "case 4 is still B's"
as "$A" escalations close 1 silent "done"
refused "A closes an escalation" "only a lead or an admin"
as "$L" assign --to "$A" 4
is "$RC" 0 "the lead reassigns case 4 to A"
is "$(sql "SELECT u.login || ' ' || a.user_id || ' ' || a.old_value || ' ' || a.new_value || ' ' ||
    (a.at = CAST(strftime('%s', '2020-02-02 02:00') AS INTEGER))
    FROM audit a JOIN users u ON u.id = a.user_id WHERE a.action = 'case.assign'
    AND a.entity_id = 4 ORDER BY a.id DESC LIMIT 1")" \
    "$L $(sql "SELECT id FROM users WHERE login = '$L'") $B $A 1" \
    "the audit log has who, when, from and to"
as "$A" call 4 --outcome busy
is "$RC" 0 "now A may call case 4"

# ---- users and settings ----
as "$A" user add "${A}x" --role investigator --name 某某
refused "A adds a user" "only an admin"
as "$L" user add "${A}x" --role investigator --name 某某
refused "the lead adds a user" "only an admin"
as "$L" user disable "$B"
refused "the lead disables a user" "only an admin"
is "$(sql "SELECT count(*) FROM users WHERE login = '${A}x'")" 0 "nobody was added"
is "$(sql "SELECT active FROM users WHERE login = '$B'")" 1 "and B is still active"
as "$L" init --township 别的镇
is "$RC" 1 "the lead cannot change the settings"
like "$ERR" "ask an admin" "and is told to ask an admin"

# ---- in Chinese ----
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	as_user "$A" env PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" LANG=zh_CN.UTF-8 \
	    LC_ALL=zh_CN.UTF-8 "$PAICHA" call 5 --outcome busy >"$T/.out" 2>"$T/.err"
	is "$?" 1 "in Chinese: the refusal exits 1"
	like "$(cat "$T/.err")" "工人 5 由 王芳（$B）负责：只有该排查员、组长或管理员可以为其记录通话" \
	    "in Chinese: the refusal says who may"
	as_user "$A" env PAICHA_DB="$PAICHA_DB" LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 \
	    "$PAICHA" team >"$T/.out" 2>"$T/.err"
	like "$(cat "$T/.err")" "只有组长或管理员可以查看此案件或队列" "in Chinese: the lead's views too"
else
	skip_test "refusals in Chinese" "no zh_CN.UTF-8 locale"
fi

# ---- the screens: the same checks hold ----
if command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1; then
	T2_LOGIN=$A
	W5=$(sql "SELECT name FROM workers WHERE id = 5")
	t2 -f /dev/null new-session -d -s b -x 80 -y 24 -- env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" "$PAICHA"
	t2_wait "Call queue"
	ok $? "A's screen opens"
	t2 send-keys -t b / "$(sql "SELECT phone FROM (SELECT substr(e164, -8) AS phone FROM phones WHERE worker_id = 5 ORDER BY rank LIMIT 1)")"
	t2_wait "$W5"
	t2 send-keys -t b Enter
	t2_wait "only they, a lead or an admin may"
	ok $? "A opening B's case on the screen is refused and told who may"
	is "$(sql "SELECT count(*) FROM cases WHERE worker_id = 5 AND claimed_by IS NOT NULL")" 0 \
	    "and the case is not claimed"
	t2 kill-server 2>/dev/null
else
	skip_test "the screens refuse too" "no tmux"
fi

done_testing
