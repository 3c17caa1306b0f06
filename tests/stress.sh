#!/bin/sh
# tests/stress.sh -- many real paicha processes on one database for a
# bounded time, as on the township server: investigators (separate Unix
# accounts when run as root) opening cases (claims), recording calls,
# adding follow-ups, editing worker details and phones; a lead reassigning
# cases and closing follow-ups; an import and an export at the same time.
# Afterwards: every acknowledged save ("Recorded call N") is stored exactly
# once and nothing unacknowledged is; no instant saw one case claimed by
# two; no "database is locked" reached anyone; paicha check passes.
#
# A shell script driving the real binary, because the promise is about
# what the people at the keyboards get: a process per save, as they run
# it, with its exit status and its words.  Claims are taken by the
# screens: a few real paicha screens in tmux (TERM=xterm, as PuTTY sends
# it), each as its own investigator account (as root), open cases from
# their queue (a claim), type an outcome and a note into the call form and
# save it with F2 or with ESC[12~ (PuTTY's F2); every save the status line
# acknowledges ("通话已保存。" / "Call saved.") is counted and compared with
# the calls stored for that account.  Many more claims and releases come
# from tests/stress_helper (db/claims, the screens' own code) rather than
# 20 terminals on a 2-core machine.
#
#   STRESS_PROCS (20)  STRESS_SECONDS (5)  STRESS_SCREENS (2; 4 past 10 s)
#   STRESS_BENCH=1: print latencies
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

N=${STRESS_PROCS:-20}
SECS=${STRESS_SECONDS:-5}
HELPER=${STRESS_HELPER:-$(dirname "$PAICHA")/tests/stress_helper}
NSCREENS=${STRESS_SCREENS:-$([ "$SECS" -gt 10 ] && echo 4 || echo 2)}
export PAICHA_NOW="2020-02-03 10:00"
umask 000
WORKERS=60

run init
run demo --workers $WORKERS --seed 11
is "$RC" 0 "a township of $WORKERS workers"
[ "$RC" -eq 0 ] || { diag "$ERR"; done_testing; }

# ---- the accounts: pch + a random tag, removed at the end ----
TAG=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
ACCTS=
LEAD=$(id -un)
if can_switch_users; then
	chmod 0777 "$T"
	for k in 1 2 3 4; do
		a="pch${TAG}i$k"
		useradd -M -N -s /bin/sh "$a" >/dev/null 2>&1 && ACCTS="$ACCTS $a"
		run user add "$a" --role investigator --name "调查员$k"
	done
	LEAD="pch${TAG}l"
	useradd -M -N -s /bin/sh "$LEAD" >/dev/null 2>&1 && ACCTS="$ACCTS $LEAD"
	run user add "$LEAD" --role lead --name 组长
	# the screens' investigators, each with workers 51-60 of its own (the
	# lead reassigns only 1-50)
	SCREENS=
	if command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1; then
		for k in $(seq 1 "$NSCREENS"); do
			a="pch${TAG}s$k"
			useradd -M -N -s /bin/sh "$a" >/dev/null 2>&1 && ACCTS="$ACCTS $a" && SCREENS="$SCREENS $a"
			run user add "$a" --role investigator --name "屏幕$k"
			run assign --to "$a" $(seq $((50 + k)) "$NSCREENS" $WORKERS)
		done
	fi
	chmod 0666 "$PAICHA_DB"*
	_stress_cleanup() {
		for a in $ACCTS; do userdel "$a" >/dev/null 2>&1; done
		_cleanup
	}
	trap _stress_cleanup EXIT
	ok 0 "$(echo $ACCTS | wc -w) Unix accounts (pch$TAG*): 4 investigators, a lead, the screens'"
else
	skip_test "separate Unix accounts" "needs root"
fi
INV=$(echo $ACCTS | tr ' ' '\n' | grep "pch${TAG}i" || true)
[ -n "${SCREENS:-}" ] || skip_test "real screens in the stress" "needs root (an account per screen) and tmux"
acct() {	# acct K: the account of process K
	if [ -z "$INV" ]; then id -un; return; fi
	echo "$INV" | sed -n "$(( ($1 % 4) + 1 ))p"
}
as() {	# as LOGIN CMD...: run as that account (or ourselves)
	_l=$1; shift
	if [ "$_l" = "$(id -un)" ]; then "$@"; else
		setpriv --reuid="$_l" --regid=users --clear-groups -- env PAICHA_DB="$PAICHA_DB" \
		    PAICHA_NOW="$PAICHA_NOW" "$@"; fi
}
now_ns() { date +%s%N; }

# workers 1-50 to the investigators' accounts, w mod 4 (acct's order)
if [ -n "$INV" ]; then
	for j in 0 1 2 3; do
		run assign --to "$(acct $j)" $(seq 1 50 | awk -v j=$j '$1 % 4 == j')
	done
fi
calls0=$(sql "SELECT coalesce(max(id), 0) FROM calls")

# investigator K LOG: until the deadline, a mix of the day's work on the
# workers of its stripe; every command's words and status are logged.
investigator() {
	_k=$1 _log=$2 _me=$(acct "$1") _i=0
	while [ "$(date +%s)" -lt "$END" ]; do
		# its account's workers of 1-50 (w = k mod 4; the lead moves some)
		_w=$(( 1 + (_k % 4 + 3) % 4 + 4 * ((_k * 7 + _i * 13) % 12) ))
		_t0=$(now_ns)
		case $(( (_i + _k) % 6 )) in
		0|1|2) as "$_me" "$PAICHA" call "$_w" --outcome busy >"$_log.o" 2>"$_log.e"; _rc=$?
		    _op=call ;;
		3) as "$_me" "$PAICHA" followup add "$_w" --kind callback --due "2020-02-04 09:00" \
		    >"$_log.o" 2>"$_log.e"; _rc=$?; _op=followup ;;
		4) _v=$(as "$_me" "$PAICHA" edit "$_w" 2>/dev/null | sed -n 's/.*version \([0-9]*\)$/\1/p')
		    as "$_me" "$PAICHA" edit "$_w" --version "${_v:-1}" "employer=厂$_k-$_i" \
		    >"$_log.o" 2>"$_log.e"; _rc=$?; _op=edit ;;
		5) as "$_me" "$PAICHA" edit "$_w" --add-phone "1357489$(printf %04d $(( (_k * 100 + _i) % 10000 )))" \
		    >"$_log.o" 2>"$_log.e"; _rc=$?; _op=phone ;;
		esac
		_t1=$(now_ns)
		echo "$_op $_rc $(( (_t1 - _t0) / 1000 ))" >>"$_log.ops"
		[ "$_op" = call ] && [ $_rc -eq 0 ] &&
		    sed -n 's/^Recorded call \([0-9]*\) .*/\1/p' "$_log.o" >>"$_log.acks"
		if [ $_rc -ne 0 ]; then { echo "$_op exit $_rc:"; cat "$_log.e"; } >>"$_log.fail"; fi
		_i=$((_i + 1))
	done
}

# lead LOG: reassignments and follow-up closings, until the deadline.
lead() {
	_log=$1 _i=0
	while [ "$(date +%s)" -lt "$END" ]; do
		_to=$(acct $_i)
		as "$LEAD" "$PAICHA" assign --to "$_to" $(( _i % 50 + 1 )) $(( (_i + 30) % 50 + 1 )) \
		    >"$_log.o" 2>"$_log.e" || { echo "assign exit $?:"; cat "$_log.e"; } >>"$_log.fail"
		_i=$((_i + 1))
	done
}

# screen K LOGIN LOG: a real paicha in tmux as LOGIN until the deadline:
# from the queue, open a case (Enter: a claim), c, an outcome and a note
# typed into the form, saved with F2 or ESC[12~ in turn; counts in
# LOG.acks the saves the status line acknowledged; then back to the queue
# (Esc; a save refused is discarded) and down to the next case.  q at the end.
scr_wait() {	# scr_wait NAME SECONDS TEXT...: 0 when one of TEXT shows, else 1
	_n=$(( $2 * 10 )) _s=$1; shift 2
	while [ $_n -gt 0 ]; do
		tui_screen "$_s" >"$T/.scr.$_s" 2>/dev/null
		for _x in "$@"; do grep -qF -- "$_x" "$T/.scr.$_s" && { SCR_SAW=$_x; return 0; }; done
		sleep 0.1; _n=$((_n - 1))
	done
	return 1
}
screen() {
	_k=$1 _me=$2 _log=$3 _i=0
	if [ $((_k % 2)) -eq 1 ] && locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
		_loc=zh_CN.UTF-8 _saved=通话已保存 _queue=拨打队列 _case=未完成随访 _form=通话表
		_discard=放弃本次通话
	else
		_loc=C.UTF-8 _saved="Call saved." _queue="Call queue" _case="Open follow-ups"
		_form="Call outcome" _discard="Discard this call"
	fi
	tui_start "s$_k" 80 24 setpriv --reuid="$_me" --regid=users --clear-groups -- env TERM=xterm \
	    LANG=$_loc LC_ALL=$_loc PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" \
	    ${PAICHA_LOCALEDIR:+PAICHA_LOCALEDIR="$PAICHA_LOCALEDIR"} "$PAICHA"
	scr_wait "s$_k" 20 "$_queue" || { echo "no queue"; cat "$T/.scr.s$_k"; } >>"$_log.fail"
	: >"$_log.acks"
	while [ "$(date +%s)" -lt "$END" ] || [ $_i -lt 2 ]; do	# both keys at least once
		tui_keys "s$_k" Enter
		scr_wait "s$_k" 25 "$_case"
		tui_keys "s$_k" c
		if scr_wait "s$_k" 25 "$_form"; then
			tui_keys "s$_k" n Tab
			tui_keys "s$_k" -l "压测 $_me $_i"
			sleep 0.1
			_t0=$(now_ns)
			if [ $((_i % 2)) -eq 0 ]; then _key=F2; tui_keys "s$_k" F2
			else _key='ESC[12~'; "${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" send-keys -t "s$_k" -H 1b 5b 31 32 7e; fi
			if scr_wait "s$_k" 25 "$_saved"; then
				echo "$_i $_key" >>"$_log.acks"
				echo "screen 0 $(( ($(now_ns) - _t0) / 1000 ))" >>"$_log.ops"
			else
				{ echo "screen save $_i not acknowledged:"; cat "$T/.scr.s$_k"; } >>"$_log.unacked"
			fi
		fi
		tui_keys "s$_k" Escape
		if scr_wait "s$_k" 25 "$_queue" "$_discard" && [ "$SCR_SAW" = "$_discard" ]; then
			tui_keys "s$_k" y; scr_wait "s$_k" 25 "$_queue"
		fi
		if [ $((_i % 4)) -eq 3 ]; then tui_keys "s$_k" Up Up Up; else tui_keys "s$_k" Down; fi
		_i=$((_i + 1))
	done
	tui_keys "s$_k" q
	_n=0; while ! tui_dead "s$_k" && [ $_n -lt 100 ]; do sleep 0.1; _n=$((_n + 1)); done
	tui_dead "s$_k" || { echo "screen did not quit"; tui_screen "s$_k"; } >>"$_log.fail"
}

"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 500 >"$T/more.csv"
chmod 0644 "$T/more.csv"
END=$(( $(date +%s) + SECS ))
pids=
# claims: two "screens" per account (or 4 as ourselves), on a few hot workers
nclaim=4
for c in $(seq 1 $nclaim); do
	as "$(acct $c)" "$HELPER" claim "$PAICHA_DB" "$(acct $c)" "$SECS" "$T/claim$c.log" \
	    1 2 3 4 5 6 &
	pids="$pids $!"
done
( "$PAICHA" import "$T/more.csv" --group A >"$T/import.o" 2>"$T/import.e"; echo $? >"$T/import.rc" ) &
pids="$pids $!"
mkdir -m 0777 "$T/exp"
( as "$LEAD" "$PAICHA" export --date 2020-02-02 --out "$T/exp" >"$T/export.o" 2>"$T/export.e"
  echo $? >"$T/export.rc" ) &
pids="$pids $!"
lead "$T/lead" &
pids="$pids $!"
k=0
for a in ${SCREENS:-}; do
	k=$((k + 1))
	screen "$k" "$a" "$T/scr$k" &
	pids="$pids $!"
done
nwork=$((N - nclaim - 3 - k))
[ $nwork -ge 1 ] || nwork=1
for k in $(seq 1 $nwork); do
	investigator "$k" "$T/inv$k" &
	pids="$pids $!"
done
if [ -n "${STRESS_BASELINE:-}" ]; then	# the benchmark's in-process loop, at the same time
	"$HELPER" calls "$PAICHA_DB" "$(id -un)" "$SECS" "$T/base.log" $(seq 31 40) &
	pids="$pids $!"
fi
for p in $pids; do wait "$p"; done

# ---- the checks ----
is "$(cat "$T/import.rc"):$(cat "$T/export.rc")" "0:0" "the import and the export during the stress exit 0"
[ "$(cat "$T/import.rc")" = 0 ] || diag "$(cat "$T/import.e")"
[ "$(cat "$T/export.rc")" = 0 ] || diag "$(cat "$T/export.e")"
all_fail=$(cat "$T"/*.fail "$T"/import.e "$T"/export.e 2>/dev/null)
unlike "$all_fail" "locked" "no 'database is locked' reached anyone"
unlike "$(cat "$T"/claim*.log)" "ERR" "no claim or release failed"
# the only refusals allowed: a case someone else has open, a worker changed
# meanwhile, and a worker that is not (or no longer: the lead moves cases
# meanwhile) the investigator's own, which the role check refuses (db/roles.h);
# a refused edit goes on with "The worker now reads:" and the worker (cli/cmd_edit.c);
# a command that waited over a second for the lock said so on the way
other=$(printf '%s\n' "$(cat "$T"/inv*.fail "$T"/lead.fail 2>/dev/null)" | grep -v '^$' |
    grep -v 'exit 1:$' | grep -v 'open on the call screen\|is working on this case\|is calling this worker\|changed worker .* meanwhile\|already has\|only they, a lead or an admin may' |
    grep -v '^The worker now reads:$' | grep -v '^paicha: waiting for the database: .* is writing to it$' || true)
is "$other" "" "every refusal is a case open elsewhere or a worker changed meanwhile"
nops=$(cat "$T"/inv*.ops | wc -l); nkinds=$(cut -d" " -f1 "$T"/inv*.ops | sort -u | tr "\n" " ")
nacks=$(cat "$T"/inv*.acks 2>/dev/null | wc -l)
ok $([ "$nacks" -gt 0 ]; echo $?) "$nops commands by $nwork investigators, $nacks calls acknowledged (ran: $nkinds)"
cat "$T"/inv*.acks 2>/dev/null >"$T/acked1"
[ -f "$T/base.log" ] && awk '$1 != "ERR" {print $3}' "$T/base.log" >>"$T/acked1"
sort -n "$T/acked1" >"$T/acked"
sql "SELECT id FROM calls WHERE id > $calls0 AND user_id NOT IN
    (SELECT id FROM users WHERE login LIKE 'pch${TAG}s%') ORDER BY id" >"$T/stored"
is "$(uniq -d "$T/acked" | wc -l)" 0 "no call number was acknowledged twice"
cmp -s "$T/acked" "$T/stored"
ok $? "the calls stored are exactly the acknowledged ones ($(wc -l <"$T/stored") rows)"
# the screens: as many calls stored for each account as its status line
# acknowledged, with the note typed; nothing failed on a screen
k=0
for a in ${SCREENS:-}; do
	k=$((k + 1))
	nack=$(wc -l <"$T/scr$k.acks")
	is "$(sql "SELECT count(*) FROM calls c JOIN users u ON u.id = c.user_id
	    WHERE u.login = '$a' AND c.id > $calls0")" "$nack" \
	    "screen $k ($a): the calls stored are the $nack its status line acknowledged"
	is "$(sql "SELECT count(*) FROM calls c JOIN users u ON u.id = c.user_id
	    JOIN call_answers n ON n.call_id = c.id AND n.key = 'note'
	    WHERE u.login = '$a' AND c.id > $calls0 AND n.value LIKE '压测 $a %'")" "$nack" \
	    "screen $k: each with the note typed into the form"
	[ -s "$T/scr$k.unacked" ] && diag "$(head -30 "$T/scr$k.unacked")"
	[ -s "$T/scr$k.fail" ] && diag "$(cat "$T/scr$k.fail")"
done
if [ -n "${SCREENS:-}" ]; then
	scr_acks=$(cat "$T"/scr*.acks | wc -l)
	ok $([ "$scr_acks" -gt 0 ]; echo $?) "$k screens saved $scr_acks calls during the stress"
	is "$(cut -d' ' -f2 "$T"/scr*.acks | sort -u | tr '\n' ' ')" "ESC[12~ F2 " \
	    "saved with F2 and with ESC[12~ (PuTTY's F2 under TERM=xterm)"
	is "$(cat "$T"/scr*.fail 2>/dev/null)" "" "every screen opened, and quit at the end"
fi
# claims: sort every held interval by worker and start; any start before
# the previous holder's release is a double claim
dbl=$(cat "$T"/claim*.log | grep -v ERR | sort -k1,1n -k2,2n |
    awk '$1 == w && $2 < rel { n++ } { if ($1 != w || $3 > rel) rel = $3; w = $1 } END { print n + 0 }')
held=$(cat "$T"/claim*.log | grep -vc ERR)
is "$dbl" 0 "no case was ever claimed by two at once ($held claims held)"
is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 "no claim is left"
is "$("${SQLITE3:-sqlite3}" -batch "$PAICHA_DB" 'PRAGMA integrity_check')" ok "integrity_check"
run check
is "$RC" 0 "paicha check passes"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"

if [ -n "${STRESS_BENCH:-}" ]; then
	# p50/p99 and saves per second: the binary vs the in-process loop, same run
	stat() {	# stat FILE(us per line) SECONDS
		sort -n "$1" | awk -v s="$2" '{ v[NR] = $1 } END { if (NR == 0) { print "none"; exit }
		    printf "%d saves, %.1f/s, p50 %.1f ms, p99 %.1f ms\n", NR, NR / s,
		    v[int(NR * 0.50) + (NR * 0.50 > int(NR * 0.50))] / 1000,
		    v[int(NR * 0.99) + (NR * 0.99 > int(NR * 0.99))] / 1000 }'
	}
	cat "$T"/inv*.ops | awk '$1 == "call" && $2 == 0 { print $3 }' >"$T/lat.cli"
	awk '$1 != "ERR" { print int($2 / 1000) }' "$T/base.log" >"$T/lat.base" 2>/dev/null
	echo "paicha call ($nwork processes): $(stat "$T/lat.cli" "$SECS")"
	echo "C loop, calls_record() in one process: $(stat "$T/lat.base" "$SECS")"
	cat "$T"/scr*.ops 2>/dev/null | awk '{ print $3 }' >"$T/lat.scr"
	echo "paicha screens in tmux ($k, key to \"saved\" on screen): $(stat "$T/lat.scr" "$SECS")"
	awk -v a="$(wc -l <"$T/lat.cli")" -v b="$(wc -l <"$T/lat.base")" 'BEGIN {
	    if (b > 0) printf "ratio: the command line stores %.3f of the loop'"'"'s saves per second\n", a / b }'
fi
done_testing
