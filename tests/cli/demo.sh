#!/bin/sh
# paicha demo at scale (issue 10): the history grows with the township,
# and the fast path (the whole history computed in memory and written at
# once) stores exactly the rows the live path stores, where every call goes
# through calls_record() (PAICHA_DEMO_LIVE=1).
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-01-26 07:00"

# demo_into DB LIVE ARGS...: a new database DB filled by the demo.
demo_into() {
	_db=$1 _live=$2; shift 2
	PAICHA_DB="$_db" "$PAICHA" init >/dev/null 2>&1 &&
	    PAICHA_DB="$_db" PAICHA_DEMO_LIVE=$_live "$PAICHA" demo "$@" >/dev/null 2>&1
}
# same_rows A B: every table of A holds the rows of B's.
same_rows() {
	# (the queue's tables too: the fast path builds them once from their views)
	for t in users settings workers phones assignments calls call_answers followups cases \
	    audit drafts queue_keys queue_due case_tally call_day_tally case_inv_tally fu_tally \
	    calls_per_day esc_keys; do
		case $t in queue_due|call_day_tally|esc_keys) _o="1, 2, 3" ;;
		case_tally) _o="1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11" ;; *) _o="1, 2" ;; esac
		"${SQLITE3:-sqlite3}" -batch "$1" "SELECT * FROM $t ORDER BY $_o" >"$T/a.rows" &&
		    "${SQLITE3:-sqlite3}" -batch "$2" "SELECT * FROM $t ORDER BY $_o" >"$T/b.rows" ||
		    return 1
		if ! cmp -s "$T/a.rows" "$T/b.rows"; then
			diag "table $t differs:" "$(diff "$T/a.rows" "$T/b.rows" | head -5)"
			return 1
		fi
	done
}

demo_into "$T/fast.db" 0 --workers 300 --seed 5; ok $? "the fast demo fills 300 workers"
demo_into "$T/live.db" 1 --workers 300 --seed 5; ok $? "the live demo fills 300 workers"
same_rows "$T/fast.db" "$T/live.db"
ok $? "both leave the same rows: calls, answers, follow-ups, cases, audit, queue keys"

demo_into "$T/fast2.db" 0 --workers 10001 --seed 2 --days 3
ok $? "the fast demo fills 10,001 workers over 3 days"
demo_into "$T/live2.db" 1 --workers 10001 --seed 2 --days 3
ok $? "and the live one"
same_rows "$T/fast2.db" "$T/live2.db"
ok $? "both leave the same rows with 20 investigators"

# ---- check's single pass names what differs, worker by worker, folding the
# calls with the numbers each worker had at each call ----
cp "$T/fast.db" "$T/broken.db"
in_broken() { "${SQLITE3:-sqlite3}" -batch -noheader "$T/broken.db" "$1"; }
gone=$(in_broken "SELECT min(worker_id) FROM cases WHERE calls > 1")
name() { in_broken "SELECT name FROM workers WHERE id = $1"; }
in_broken "DELETE FROM cases WHERE worker_id = $gone;
    INSERT INTO cases(worker_id, updated_at) VALUES(999999, 0);
    UPDATE cases SET calls = calls + 1 WHERE worker_id = 300;
    UPDATE cases SET next_kind = 'job' WHERE worker_id = $gone + 1"
# two unreachable workers get a number: one had it before its calls (so it
# was never spent), the other only after them (the calls spent every number
# the worker had then)
before=$(in_broken "SELECT min(worker_id) FROM cases WHERE contact = 'unreachable'")
after=$(in_broken "SELECT max(worker_id) FROM cases WHERE contact = 'unreachable'")
in_broken "INSERT INTO phones(worker_id, rank, typed, e164, extension, kind, display, region,
    created_at) VALUES($before, 9, '13800000001', '+8613800000001', '', 'mobile', '138', '',
    (SELECT min(at) - 60 FROM calls WHERE worker_id = $before)),
    ($after, 9, '13800000002', '+8613800000002', '', 'mobile', '138', '',
    (SELECT max(at) + 60 FROM calls WHERE worker_id = $after))"
PAICHA_DB="$T/broken.db" PAICHA_NOW="2020-02-03 10:00" run check
is "$RC" 1 "check finds the problems of a broken township"
like "$OUT" "worker $gone ($(name "$gone")) has no case row" "a worker whose case row is gone"
like "$OUT" "case for worker 999999" "a case of a worker who does not exist"
like "$OUT" "worker 300 ($(name 300)): the stored case differs from its records (stored vs recomputed): calls: " \
    "the last worker's wrong count of calls"
like "$OUT" "worker $((gone + 1)) ($(name $((gone + 1)))): the stored case differs from its records (stored vs recomputed): next_kind: 'job' vs" \
    "the next worker's wrong next follow-up"
like "$OUT" "worker $before ($(name "$before")): the stored case differs from its records (stored vs recomputed): contact: 'unreachable' vs 'unreached'" \
    "a worker who had a number its calls never tried is not unreachable"
unlike "$OUT" "worker $after " "a number added after the calls does not undo them"

# ---- a county of 12,000 ----
run init
run demo --workers 12000 --seed 4 --days 8
is "$RC" 0 "demo --workers 12000"
like "$OUT" "19 investigators and a lead" "beyond 10,000 workers, 19 investigators and a lead"
is "$(sql "SELECT count(DISTINCT investigator_id) FROM cases")" "20" \
   "20 accounts hold cases (the caller too)"
is "$(sql "SELECT max(n) - min(n) <= 1 FROM (SELECT count(*) n FROM cases GROUP BY investigator_id)")" \
   "1" "each holds 1/20 of the cases"
calls=$(sql "SELECT count(*) FROM calls")
[ "$calls" -ge 15000 ] && [ "$calls" -le 24000 ]
ok $? "about 1.5 calls a worker ($calls for 12,000)"
open=$(sql "SELECT count(*) FROM followups WHERE done_at IS NULL")
[ "$open" -ge 1200 ] && [ "$open" -le 6000 ]
ok $? "about 0.3 open follow-ups a worker ($open)"
is "$(sql "SELECT count(DISTINCT grp) FROM workers w JOIN cases c ON c.worker_id = w.id WHERE c.calls > 0")" \
   "2" "both groups are called"
for state in uncalled unreached reached unreachable; do
	n=$(sql "SELECT count(*) FROM cases WHERE contact = '$state'")
	[ "$n" -ge 120 ]; ok $? "a share of the cases is $state ($n)"
done
n=$(sql "SELECT count(*) FROM cases WHERE symptomatic = 1")
[ "$n" -ge 50 ]; ok $? "some are symptomatic ($n)"
n=$(sql "SELECT count(*) FROM cases WHERE isolation_end >= '2020-02-02'")
[ "$n" -ge 500 ]; ok $? "many are still isolated at the end ($n)"
is "$(sql "SELECT count(DISTINCT date(at, 'unixepoch', '+8 hours')) FROM calls")" "8" \
   "calls are made on each of the 8 days"
pct=$(sql "SELECT 100 * sum(region LIKE '湖南%' OR region LIKE '湖北%') / count(*) FROM phones WHERE kind = 'mobile'")
[ "$pct" -ge 80 ]; ok $? "mobiles are registered mostly in Hunan and Hubei ($pct%)"
is "$(sql "SELECT count(*) > 0 FROM phones WHERE region LIKE '湖北%' AND worker_id IN (SELECT id FROM workers WHERE grp = 'B')")" \
   "1" "group B has Hubei numbers"
PAICHA_NOW="2020-02-03 10:00" run check
is "$RC" 0 "check passes on the county demo"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"

done_testing
