#!/bin/sh
# tests/cli/concurrency.sh -- many real paicha processes on one real
# database file at once, as on the township server: investigators
# recording calls, a lead assigning, readers, the nightly export, a
# backup, and a writer killed with SIGKILL in the middle of its
# transaction.  Every command must exit 0 (no "database is locked"
# reaching a user) and the database must add up afterwards.  Counts,
# never timings, are asserted; every wait polls or waits for a process.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

export PAICHA_NOW="2020-02-03 10:00"
DAY=2020-02-02			# a day that has ended as of PAICHA_NOW
# A command that hangs must not hang make check: every run is bounded.
LIMIT="timeout 50"
command -v timeout >/dev/null || LIMIT=

# pc LOG ARGS...: run paicha; a success appends a line to LOG.ok, a
# failure its exit status, command and messages to LOG.fail.
pc() {
	_log=$1; shift
	if $LIMIT "$PAICHA" "$@" >"$_log.out1" 2>"$_log.err1"; then
		echo "$*" >>"$_log.ok"
	else
		_rc=$?
		{ echo "exit $_rc: paicha $*"; cat "$_log.err1"; } >>"$_log.fail"
	fi
}

# count FILE: its lines (0 when missing).
count() { if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi; }

# failures PREFIX: every failure logged by the loops named PREFIX*.
failures() { cat "$T"/"$1"*.fail 2>/dev/null; }

# caller NAME N FIRST STEP: record N calls, on workers FIRST, FIRST+STEP, ...
# (wrapping inside 1..300), cycling through the outcomes, reached calls
# with their answers.
caller() {
	_name=$1 _n=$2 _w=$3 _step=$4 _i=0
	while [ $_i -lt "$_n" ]; do
		case $((_i % 5)) in
		0) pc "$T/$_name" call "$_w" --outcome reached whereabouts=home \
		    return_date=2020-01-25 transport=rail temperature=36.8 symptoms= ;;
		1) pc "$T/$_name" call "$_w" --outcome no-answer ;;
		2) pc "$T/$_name" call "$_w" --outcome reached whereabouts=hubei hubei_city=武汉 ;;
		3) pc "$T/$_name" call "$_w" --outcome busy ;;
		4) pc "$T/$_name" call "$_w" --outcome reached whereabouts=never-left \
		    symptoms=cough temperature=37.9 urged_doctor=yes ;;
		esac
		_w=$(( (_w + _step - 1) % 300 + 1 ))
		_i=$((_i + 1))
	done
}

# assigner NAME N TO1 TO2 WORKERS...: N assignments of WORKERS, alternating
# between two investigators so that each one changes every case.
assigner() {
	_name=$1 _n=$2 _a=$3 _b=$4 _i=0; shift 4
	while [ $_i -lt "$_n" ]; do
		if [ $((_i % 2)) -eq 0 ]; then _to=$_a; else _to=$_b; fi
		pc "$T/$_name" assign --to "$_to" "$@"
		_i=$((_i + 1))
	done
}

# reader NAME N: the queries investigators and leads run meanwhile.
reader() {
	_name=$1 _n=$2 _i=0
	while [ $_i -lt "$_n" ]; do
		pc "$T/$_name" queue --limit 20
		pc "$T/$_name" queue --user zhangli
		pc "$T/$_name" search 张
		pc "$T/$_name" stats
		_i=$((_i + 1))
	done
}

calls() { sql "SELECT count(*) FROM calls"; }

# ---- the township -------------------------------------------------------
run init
is "$RC" 0 "init creates the database"
run demo --workers 300 --seed 5
is "$RC" 0 "demo fills 300 workers"
[ "$RC" -eq 0 ] || { diag "$ERR"; done_testing; }

# ---- 1. parallel writers, assignments and readers -------------------------
# Start from a known owner, so that every assignment below is a change.
run assign --to root 1 2 3 4 5 6
is "$RC" 0 "the lead's workers start with root"
calls0=$(calls)
NC=15 NA=8 NR=3	# calls per caller, assignments per assigner, read rounds
now0=$(sql "SELECT count(*) FROM calls WHERE at = strftime('%s', '2020-02-03 02:00')")
asg0=$(sql "SELECT count(*) FROM assignments")
aud0=$(sql "SELECT count(*) FROM audit WHERE action <> 'worker.seen'")
pids=
for n in 0 1 2 3 4 5; do
	# loop n calls workers n+1, n+7, n+13, ...: 6 disjoint sets
	caller "c$n" $NC $((n + 1)) 6 &
	pids="$pids $!"
done
assigner a1 $NA zhangli wangqiang 1 2 3 &
pids="$pids $!"
assigner a2 $NA liuyang chenjing 4 5 6 &
pids="$pids $!"
reader r1 $NR &
pids="$pids $!"
for p in $pids; do wait "$p"; done

f=$(failures c; failures a; failures r)
is "$f" "" "1: every call, assign, queue, search and stats run at once exits 0"
unlike "$f" "locked" "1: no 'database is locked' reaches a user"
n=0
for c in 0 1 2 3 4 5; do n=$((n + $(count "$T/c$c.ok"))); done
is "$n" $((6 * NC)) "1: 6 processes recorded $((6 * NC)) calls"
is "$(($(calls) - calls0))" $((6 * NC)) "1: the database holds exactly the calls issued"
is "$(($(sql "SELECT count(*) FROM calls WHERE at = strftime('%s', '2020-02-03 02:00')") - now0))" $((6 * NC)) \
    "1: each at the moment it was recorded"
is "$(($(count "$T/a1.ok") + $(count "$T/a2.ok")))" $((2 * NA)) "1: $((2 * NA)) assign commands succeeded"
is "$(($(sql "SELECT count(*) FROM assignments") - asg0))" $((6 * NA)) \
    "1: $((2 * NA)) assignments of 3 workers appended $((6 * NA)) assignment rows"
is "$(($(sql "SELECT count(*) FROM audit WHERE action <> 'worker.seen'") - aud0))" $((6 * NA)) "1: and as many audit rows"
is "$(sql "SELECT group_concat(u.login, ' ') FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE c.worker_id BETWEEN 1 AND 6 ORDER BY c.worker_id")" \
    "wangqiang wangqiang wangqiang chenjing chenjing chenjing" \
    "1: each case ends with the last assignment made"
is "$(count "$T/r1.ok")" $((4 * NR)) "1: $((4 * NR)) reads succeeded"
run check
is "$RC" 0 "1: check after the parallel writers: stored cases = recomputed"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
is "$(recount)" "" "1: every case's calls, failures and contact state recounted in SQL from its calls"

# ---- 2. one worker, many processes ----------------------------------------
before=$(sql "SELECT count(*) FROM calls WHERE worker_id = 150")
pids=
for n in 0 1 2 3; do
	caller "s$n" 8 150 0 &
	pids="$pids $!"
done
for p in $pids; do wait "$p"; done
is "$(failures s)" "" "2: 4 processes x 8 calls on one worker all exit 0"
is "$(($(sql "SELECT count(*) FROM calls WHERE worker_id = 150") - before))" 32 \
    "2: all 32 calls on the one worker are recorded"
is "$(sql "SELECT calls FROM cases WHERE worker_id = 150")" \
    "$(sql "SELECT count(*) FROM calls WHERE worker_id = 150")" \
    "2: the stored case counts every call"
run check
is "$RC" 0 "2: check after the contended worker: the fold is consistent"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
is "$(recount)" "" "2: recounted in SQL from the calls, every case adds up"

# Two leads act on the same follow-ups at once: each is moved or closed
# exactly once (the read of "still open?" is inside the write lock).
open0=$(sql "SELECT count(*) FROM followups WHERE done_at IS NULL")
fus=$(sql "SELECT id FROM followups WHERE done_at IS NULL ORDER BY id LIMIT 6" | tr '\n' ' ')
pids=
i=0
for id in $fus; do
	for k in 1 2; do
		if [ $((i % 2)) -eq 0 ]; then
			pc "$T/f$id" followup move "$id" --due "2020-02-04 09:00" &
		else
			pc "$T/f$id" followup close "$id" &
		fi
		pids="$pids $!"
	done
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
res=
for id in $fus; do res="$res$(count "$T/f$id.ok")$(grep -c '^exit 1:' "$T/f$id.fail")"; done
is "$res" "111111111111" "2: of two processes moving or closing one follow-up, exactly one succeeds"
like "$(cat "$T"/f*.fail)" "is closed already" "2: the other is told it is closed already"
is "$(sql "SELECT count(*) FROM followups WHERE done_at IS NULL")" "$((open0 - 3))" \
    "2: 3 closed and 3 moved leave 3 fewer open follow-ups, no duplicate"
run check
is "$RC" 0 "2: check after the follow-up races"

# ---- 3. two Unix accounts on one file, racing for one case ----------------
# Only the screens claim: two accounts (root and a test account) open the same
# case in two terminals at the same moment; exactly one holds it.  The
# race inside claims_take is also run by tests/unit/test_claims (two
# forked processes, 25 rounds).
if ! can_switch_users || ! command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1; then
	skip_test "3: two accounts racing for one case" "needs root, setpriv and tmux"
else
	chmod 0777 "$T"
	chmod 0666 "$PAICHA_DB"*
	# the demo's investigator zhangli becomes this run's test account
	U=$(acct zl)
	sql "UPDATE users SET login = '$U' WHERE login = 'zhangli'"
	as_user "$U" true
	ok $? "3: the test account $U exists"
	# An investigator records calls only on her own cases (db/roles.h).
	"$PAICHA" assign --to "$U" 160 >/dev/null
	# Both accounts record calls on one worker at once through one file
	# (two processes of the test account, one of root): each process creates and
	# removes nothing the other account then cannot write.
	u0=$(sql "SELECT count(*) FROM calls WHERE worker_id = 160")
	z0=$(sql "SELECT count(*) FROM calls c JOIN users u ON u.id = c.user_id
	    WHERE c.worker_id = 160 AND u.login = '$U'")
	upids=
	for k in 1 2; do
		as_user "$U" sh -c 'i=0; while [ $i -lt 10 ]; do "$1" call 160 --outcome busy \
		    >/dev/null || echo "exit $?"; i=$((i + 1)); done' sh "$PAICHA" >"$T/u$k.log" 2>&1 &
		upids="$upids $!"
	done
	caller u0 10 160 0
	for p in $upids; do wait "$p"; done
	is "$(cat "$T/u1.log" "$T/u2.log")$(failures u0)" "" \
	    "3: two accounts recording calls on one worker at once all succeed"
	is "$(($(sql "SELECT count(*) FROM calls WHERE worker_id = 160") - u0))" 30 \
	    "3: both accounts' 30 calls are recorded"
	is "$(($(sql "SELECT count(*) FROM calls c JOIN users u ON u.id = c.user_id
	    WHERE c.worker_id = 160 AND u.login = '$U'") - z0))" 20 "3: 20 of them as the second account"
	W=$(sql "SELECT worker_id FROM cases WHERE contact <> 'unreachable' AND worker_id > 200
	    ORDER BY worker_id LIMIT 1")
	"$PAICHA" assign --to zhangli "$W" >/dev/null
	IDN=$(sql "SELECT id_number FROM workers WHERE id = $W")
	WNAME=$(sql "SELECT name FROM workers WHERE id = $W")
	T2_LOGIN=$U
	tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
	t2 -f /dev/null new-session -d -s b -x 80 -y 24 -- env LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" PAICHA_CONF="${PAICHA_CONF:-}" "$PAICHA"
	tui_wait a "Call queue" && t2_wait "Call queue"
	ok $? "3: both accounts' queues are open"
	tui_keys a / "$IDN"
	t2 send-keys -t b / "$IDN"
	tui_wait a "$WNAME" && t2_wait "$WNAME"
	ok $? "3: both found worker $W"
	# both press Enter at once
	tui_keys a Enter &
	k=$!
	t2 send-keys -t b Enter
	wait "$k"
	tui_wait a "Open follow-ups" && t2_wait "Open follow-ups"
	ok $? "3: both opened the case"
	is "$(sqlite "$PAICHA_DB" 'PRAGMA wal_checkpoint(TRUNCATE)')" \
	    "0|0|0" "3: two open case screens hold no read snapshot: the WAL is checkpointed whole"
	holder=$(sql "SELECT coalesce(u.login, '') FROM cases c LEFT JOIN users u ON u.id = c.claimed_by
	    WHERE c.worker_id = $W")
	case $holder in
	root) loser=$U; shown=$(t2 capture-pane -p -t b) ;;
	"$U") loser=root; shown=$(tui_screen a) ;;
	*) loser=none; shown= ;;
	esac
	ok $([ "$loser" != none ]; echo $?) "3: exactly one account holds the claim ($holder)"
	like "$shown" "$(sql "SELECT name FROM users WHERE login = '$holder'") is calling this worker" \
	    "3: the other ($loser) is told who is calling"
	tui_keys a Escape Escape q
	t2 send-keys -t b Escape Escape q
	n=0
	while { ! tui_dead a || t2 has-session -t b 2>/dev/null; } && [ $n -lt 200 ]; do
		sleep 0.05; n=$((n + 1))
	done
	is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 \
	    "3: leaving both screens leaves no claim"
fi

# ---- 4. export of an ended day during writes -----------------------------
# ---- 5. backup during writes -----------------------------------------------
mkdir "$T/exp0"
run export --date "$DAY" --out "$T/exp0"
is "$RC" 0 "4: the export of $DAY before the writers"
[ "$RC" -eq 0 ] || diag "$ERR"
calls1=$(calls)
pids=
for n in 0 1 2; do
	caller "w$n" 10 $((n * 50 + 2)) 3 &
	pids="$pids $!"
done
for k in 1 2 3 4; do
	mkdir "$T/exp$k"
	pc "$T/x" export --date "$DAY" --out "$T/exp$k"
done
pc "$T/b" backup "$T/copy.db"
for k in 5 6; do
	mkdir "$T/exp$k"
	pc "$T/x" export --date "$DAY" --out "$T/exp$k"
done
for p in $pids; do wait "$p"; done
is "$(failures w)" "" "4: the writers' 30 calls all exit 0"
is "$(($(calls) - calls1))" 30 "4: and are all recorded"
is "$(failures x)" "" "4: 6 exports during the writes all exit 0"
same=0
for k in 1 2 3 4 5 6; do
	for f in summary.csv roster.csv followups.csv; do
		cmp -s "$T/exp0/430121101-20200202/$f" "$T/exp$k/430121101-20200202/$f" ||
		    { same=1; diag "export $k: $f differs"; }
	done
	# the CSVs' hash lines (report.xlsx carries its creation time)
	grep -v 'report.xlsx' "$T/exp0/430121101-20200202/MANIFEST" >"$T/m0"
	grep -v 'report.xlsx' "$T/exp$k/430121101-20200202/MANIFEST" >"$T/m$k"
	cmp -s "$T/m0" "$T/m$k" || { same=1; diag "export $k: MANIFEST differs"; }
done
is "$same" 0 "4: every export of $DAY is byte-identical (CSVs and their MANIFEST hashes)"
is "$(failures b)" "" "5: backup during the writes exits 0"
is "$(sqlite "$T/copy.db" 'PRAGMA integrity_check')" ok \
    "5: the copy passes SQLite's integrity check"
run --db "$T/copy.db" check
is "$RC" 0 "5: and paicha check on the copy"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
run check
is "$RC" 0 "4: check after the writers"
is "$(recount)" "" "4: recounted in SQL from the calls, every case adds up"

# ---- 6. a writer killed with SIGKILL inside its transaction ---------------
# A big import is one transaction; kill it while it holds the write lock
# (a probe's BEGIN IMMEDIATE without waiting fails only then).
PY=${PYTHON3:-python3}
if command -v "$PY" >/dev/null 2>&1; then
	"$PY" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 4000 >"$T/big.csv"
	workers0=$(sql "SELECT count(*) FROM workers")
	phones0=$(sql "SELECT count(*) FROM phones")
	"$PAICHA" import "$T/big.csv" --group A >"$T/imp.out" 2>&1 &
	imp=$!
	held=1 tries=0
	while [ $tries -lt 2000 ] && kill -0 "$imp" 2>/dev/null; do
		if ! sqlite -cmd '.timeout 0' "$PAICHA_DB" \
		    'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; then
			held=0
			break
		fi
		tries=$((tries + 1))
		sleep 0.01
	done
	kill -KILL "$imp" 2>/dev/null
	wait "$imp" 2>/dev/null
	st=$?
	is "$held:$st" "0:137" "6: the import was inside its write transaction when SIGKILL ended it"
	w=$(sql "SELECT count(*) FROM workers")
	is "$w:$(sql "SELECT count(*) FROM phones")" "$workers0:$phones0" \
	    "6: nothing of the killed import is in the database"
	is "$(sqlite "$PAICHA_DB" 'PRAGMA integrity_check')" ok \
	    "6: the database passes SQLite's integrity check after the kill"
	run check
	is "$RC" 0 "6: paicha opens it and check exits 0"
	[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
	run call 10 --outcome no-answer
	is "$RC" 0 "6: and the next call is recorded (no lock left behind)"
else
	skip_test "6: SIGKILL during an import" "no python3 to write the roster"
fi

# The demo writes in two transactions: kill it in either, on a new file.
export PAICHA_DB="$T/demo.db"
run init
"$PAICHA" demo --workers 2000 --seed 9 >/dev/null 2>&1 &
dem=$!
held=1 tries=0
while [ $tries -lt 2000 ] && kill -0 "$dem" 2>/dev/null; do
	if ! sqlite -cmd '.timeout 0' "$PAICHA_DB" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; then
		held=0
		break
	fi
	tries=$((tries + 1))
	sleep 0.01
done
kill -KILL "$dem" 2>/dev/null
wait "$dem" 2>/dev/null
st=$?
# 137: ended by the SIGKILL, not by finishing before the probe saw it write
is "$held:$st" "0:137" "6: the demo was killed while it held the write lock"
is "$(sqlite "$PAICHA_DB" 'PRAGMA integrity_check')" ok \
    "6: a demo killed mid-write leaves an intact file"
run check
is "$RC" 0 "6: and check exits 0 (no case without its calls, no call without its case)"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"

done_testing
