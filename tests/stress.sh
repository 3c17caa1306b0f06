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
# it, with its exit status and its words.  Claims are only taken by the
# screens, so those come from tests/stress_helper (db/claims, the screens'
# own code) rather than 20 terminals on a 2-core machine.
#
#   STRESS_PROCS (20)  STRESS_SECONDS (3)  STRESS_BENCH=1: print latencies
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

N=${STRESS_PROCS:-20}
SECS=${STRESS_SECONDS:-5}
HELPER=${STRESS_HELPER:-$(dirname "$PAICHA")/tests/stress_helper}
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
	chmod 0666 "$PAICHA_DB"*
	_stress_cleanup() {
		for a in $ACCTS; do userdel "$a" >/dev/null 2>&1; done
		_cleanup
	}
	trap _stress_cleanup EXIT
	ok 0 "5 Unix accounts (pch$TAG*): 4 investigators and a lead"
else
	skip_test "separate Unix accounts" "needs root"
fi
INV=$(echo $ACCTS | tr ' ' '\n' | grep i || true)
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

calls0=$(sql "SELECT coalesce(max(id), 0) FROM calls")

# investigator K LOG: until the deadline, a mix of the day's work on the
# workers of its stripe; every command's words and status are logged.
investigator() {
	_k=$1 _log=$2 _me=$(acct "$1") _i=0
	while [ "$(date +%s)" -lt "$END" ]; do
		_w=$(( (_k * 7 + _i * 13) % WORKERS + 1 ))
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
		as "$LEAD" "$PAICHA" assign --to "$_to" $(( _i % WORKERS + 1 )) $(( (_i + 30) % WORKERS + 1 )) \
		    >"$_log.o" 2>"$_log.e" || { echo "assign exit $?:"; cat "$_log.e"; } >>"$_log.fail"
		_i=$((_i + 1))
	done
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
nwork=$((N - nclaim - 3))
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
# a refused edit goes on with "The worker now reads:" and the worker (cli/cmd_edit.c)
other=$(printf '%s\n' "$(cat "$T"/inv*.fail "$T"/lead.fail 2>/dev/null)" | grep -v '^$' |
    grep -v 'exit 1:$' | grep -v 'open on the call screen\|is working on this case\|is calling this worker\|changed worker .* meanwhile\|already has\|only they, a lead or an admin may' |
    grep -v '^The worker now reads:$' || true)
is "$other" "" "every refusal is a case open elsewhere or a worker changed meanwhile"
nops=$(cat "$T"/inv*.ops | wc -l); nkinds=$(cut -d" " -f1 "$T"/inv*.ops | sort -u | tr "\n" " ")
nacks=$(cat "$T"/inv*.acks 2>/dev/null | wc -l)
ok $([ "$nacks" -gt 0 ]; echo $?) "$nops commands by $nwork investigators, $nacks calls acknowledged (ran: $nkinds)"
cat "$T"/inv*.acks 2>/dev/null >"$T/acked1"
[ -f "$T/base.log" ] && awk '$1 != "ERR" {print $3}' "$T/base.log" >>"$T/acked1"
sort -n "$T/acked1" >"$T/acked"
sql "SELECT id FROM calls WHERE id > $calls0 ORDER BY id" >"$T/stored"
is "$(uniq -d "$T/acked" | wc -l)" 0 "no call number was acknowledged twice"
cmp -s "$T/acked" "$T/stored"
ok $? "the calls stored are exactly the acknowledged ones ($(wc -l <"$T/stored") rows)"
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
	awk -v a="$(wc -l <"$T/lat.cli")" -v b="$(wc -l <"$T/lat.base")" 'BEGIN {
	    if (b > 0) printf "ratio: the command line stores %.3f of the loop'"'"'s saves per second\n", a / b }'
fi
done_testing
