#!/bin/sh
# tests/crash.sh -- SIGKILL at random points during saves, imports,
# exports, reassignments and backups (CRASH_KILLS of them, 30 in make
# check, 500 by `make crash`), each followed by PRAGMA integrity_check,
# paicha check, and a check that the operation happened whole or not at
# all:
#   call     the call is stored with all its answers, or not at all
#   import   all of a chunk's 200 workers (each with a case and phones), or none
#   assign   all 10 workers moved to the new investigator, or none
#   export   the report folder is absent or complete (MANIFEST hashes match)
#   backup   DEST is absent, or a database that passes both checks
# The kill lands at a random instant from 0 to CRASH_MAX_MS (150 ms; a tenth
# of it for calls and assignments) after the start; a run that finished first still counts as a check of "whole".
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

KILLS=${CRASH_KILLS:-30}
MAXMS=${CRASH_MAX_MS:-150}
SQ=${SQLITE3:-sqlite3}
export PAICHA_NOW="2020-02-03 10:00"
CHUNK=200

run init
run demo --workers 300 --seed 3
is "$RC" 0 "a township of 300 workers"
INV1=$(id -un)
INV2=$(sql "SELECT login FROM users WHERE role = 'investigator' AND active ORDER BY id LIMIT 1")

# chunks of new workers for the imports: one roster, cut in CHUNK-row files
nimp=$(( KILLS / 5 + 1 ))
"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" $(( nimp * CHUNK )) >"$T/all.csv"
head -1 "$T/all.csv" >"$T/head.csv"
tail -n +2 "$T/all.csv" | split -l $CHUNK - "$T/chunk."
for f in "$T"/chunk.*; do cat "$T/head.csv" "$f" >"$f.csv"; rm "$f"; done

rnd() { od -An -N2 -tu2 /dev/urandom | tr -d ' '; }
# killed CMD...: start CMD, SIGKILL it after a random delay; KILLED=1 if
# it was still running.
killed() {
	"$PAICHA" "$@" >"$T/op.out" 2>"$T/op.err" &
	_p=$!
	_ms=$(( $(rnd) % (MAX + 1) ))
	sleep "$(printf '0.%03d' "$_ms")"
	if kill -KILL "$_p" 2>/dev/null; then KILLED=1; else KILLED=0; fi
	wait "$_p" 2>/dev/null
}

bad=0 nkilled=0 integ=0 chk=0
declare_bad() { bad=$((bad + 1)); diag "kill $i ($op): $*"; }
chunks=$(ls "$T"/chunk.*.csv)
ci=0
i=1
while [ $i -le "$KILLS" ]; do
	MAX=$MAXMS
	case $((i % 5)) in 0|2) MAX=$((MAXMS / 10)) ;; esac	# short operations
	case $((i % 5)) in
	0) op=call
	   w=$(( $(rnd) % 300 + 1 ))
	   c0=$(sql "SELECT coalesce(max(id), 0) FROM calls")
	   killed call "$w" --outcome reached whereabouts=home return_date=2020-01-25 \
	       transport=rail temperature=36.8 symptoms=
	   n=$(sql "SELECT count(*) FROM calls WHERE id > $c0")
	   a=$(sql "SELECT count(*) FROM call_answers WHERE call_id > $c0")
	   echo "$n" >>"$T/call.whole"
	   case $n in
	   0) [ "$a" -eq 0 ] || declare_bad "answers without their call" ;;
	   1) [ "$a" -ge 4 ] || declare_bad "a call with $a answers" ;;
	   *) declare_bad "$n calls stored" ;;
	   esac ;;
	1) op=import
	   f=$(echo "$chunks" | sed -n "$(( ci % nimp + 1 ))p"); ci=$((ci + 1))
	   id1=$(sed -n 2p "$f" | cut -d, -f2)
	   w0=$(sql "SELECT count(*) FROM workers")
	   if [ "$(sql "SELECT count(*) FROM workers WHERE id_number = '$id1'")" -eq 0 ]; then
		   killed import "$f" --group A
		   d=$(( $(sql "SELECT count(*) FROM workers") - w0 ))
		   [ $d -eq 0 ] || [ $d -eq $CHUNK ] || declare_bad "$d of $CHUNK workers imported"
		   np=$(sql "SELECT count(*) FROM workers w WHERE NOT EXISTS (SELECT 1 FROM phones p WHERE p.worker_id = w.id)")
		   [ "$np" -eq 0 ] || declare_bad "$np workers without a phone"
	   else
		   killed import "$f" --group A	# again: a merge that changes nothing
		   [ "$(sql "SELECT count(*) FROM workers")" -eq "$w0" ] || declare_bad "a re-import added workers"
	   fi ;;
	2) op=assign
	   first=$(( $(rnd) % 290 + 1 ))
	   ws=$(seq $first $((first + 9)))
	   if [ $((i % 2)) -eq 0 ]; then to=$INV1; else to=$INV2; fi
	   before=$(sql "SELECT count(*) FROM cases c JOIN users u ON u.id = c.investigator_id
	       WHERE c.worker_id BETWEEN $first AND $((first + 9)) AND u.login = '$to'")
	   killed assign --to "$to" $ws
	   n=$(sql "SELECT count(DISTINCT coalesce(investigator_id, 0)) FROM cases WHERE worker_id BETWEEN $first AND $((first + 9))")
	   # before, the 10 may have had different investigators; after a
	   # complete assign all have one; after none, they are unchanged
	   moved=$(sql "SELECT count(*) FROM cases c JOIN users u ON u.id = c.investigator_id
	       WHERE c.worker_id BETWEEN $first AND $((first + 9)) AND u.login = '$to'")
	   if [ "$KILLED" = 0 ] && [ "$moved" -ne 10 ]; then declare_bad "a finished assign moved $moved"; fi
	   [ "$moved" -eq 10 ] || [ "$moved" -eq "$before" ] || declare_bad "$moved of 10 moved (were $before)"
	   [ "$moved" -eq "$before" ] && [ "$before" -ne 10 ] && echo none >>"$T/assign.whole"
	   echo "$first $to $moved $n" >>"$T/assign.log" ;;
	3) op=export
	   rm -rf "$T/exp"; mkdir "$T/exp"
	   killed export --date 2020-02-02 --out "$T/exp"
	   for d in "$T"/exp/*-20200202; do
		   [ -d "$d" ] || continue
		   for f in report.xlsx summary.csv roster.csv followups.csv MANIFEST; do
			   [ -s "$d/$f" ] || declare_bad "export folder without $f"
		   done
		   (cd "$d" && awk '{ print $1 "  " $4 }' MANIFEST | sha256sum -c --quiet - >/dev/null 2>&1) ||
		       declare_bad "MANIFEST does not match the files"
	   done ;;
	4) op=backup
	   rm -f "$T/copy.db"
	   killed backup "$T/copy.db"
	   if [ -e "$T/copy.db" ]; then
		   [ "$("$SQ" -batch "$T/copy.db" 'PRAGMA integrity_check')" = ok ] || declare_bad "backup damaged"
		   "$PAICHA" --db "$T/copy.db" check >/dev/null 2>&1 || declare_bad "backup fails check"
	   fi ;;
	esac
	nkilled=$((nkilled + KILLED))
	[ "$("$SQ" -batch "$PAICHA_DB" 'PRAGMA integrity_check')" = ok ] || { integ=$((integ + 1)); diag "kill $i ($op): integrity"; }
	"$PAICHA" check >"$T/chk.out" 2>&1 || { chk=$((chk + 1)); diag "kill $i ($op): check"; cat "$T/chk.out" | head -5 | diag "$(cat)"; }
	echo "$op $KILLED" >>"$T/ops.log"
	i=$((i + 1))
done
for o in call import assign export backup; do
	diag "$o: $(grep -c "^$o 1" "$T/ops.log") killed, $(grep -c "^$o 0" "$T/ops.log") finished first"
done
diag "killed calls: $(grep -c 1 "$T/call.whole") stored whole, $(grep -c 0 "$T/call.whole") not at all"
ok $([ "$nkilled" -gt 0 ]; echo $?) "$nkilled of $KILLS operations were killed while running"
is "$integ" 0 "PRAGMA integrity_check passes after every kill"
is "$chk" 0 "paicha check passes after every kill"
is "$bad" 0 "every operation happened whole or not at all"
run call 10 --outcome no-answer
is "$RC" 0 "and the next call is recorded: no lock left behind"
done_testing
