#!/bin/sh
# The lead's counts (case_tally, call_day_tally, calls_per_day,
# case_inv_tally, fu_tally: kept by triggers, read by flow, the 汇总
# preview, coverage and the team view) stay what the cases, workers, calls
# and follow-ups give across every writer: the demo's bulk history, live
# calls with answers, follow-ups, village changes, assignment moves,
# imports (the bulk load of an empty file too) and a purge; and `paicha
# check` counts them again and names a row that is wrong.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

export PAICHA_NOW="2020-01-26 07:00"
"$PAICHA" init >/dev/null 2>&1 && "$PAICHA" demo --workers 300 --seed 5 >/dev/null 2>&1
is "$?" 0 "a demo township with its bulk history"
is "$(sql "SELECT sum(n) FROM case_tally")" "$(sql "SELECT count(*) FROM cases")" \
    "the tally counts every case"
run check
is "$RC" 0 "check finds the tallies right after the bulk history"

# live calls with answers, and their follow-ups
export PAICHA_NOW="2020-02-03 09:00"
w1=$(sql "SELECT worker_id FROM cases WHERE contact <> 'reached' ORDER BY worker_id LIMIT 1")
w2=$(sql "SELECT worker_id FROM cases WHERE contact = 'reached' ORDER BY worker_id LIMIT 1")
run call "$w1" --outcome reached whereabouts=hubei hubei_city=武汉 work_plan=postponed
is "$RC" 0 "a call that reaches a worker not reached before, in Hubei"
PAICHA_NOW="2020-02-03 09:05" run call "$w2" --outcome reached whereabouts=home \
    return_date=2020-02-01 transport=rail symptoms=fever temperature=38.1 onset_date=2020-02-02 urged_doctor=yes
is "$RC" 0 "a call that finds a worker home with a fever"
PAICHA_NOW="2020-02-03 09:10" run call "$w1" --outcome busy
run followup add "$w1" --kind callback --due "2020-02-04 09:00"
is "$RC" 0 "a callback for tomorrow"
run check
is "$RC" 0 "check finds them right after calls and follow-ups"
is "$(sql "SELECT n FROM call_day_tally WHERE day = (1580688000 + 28800) / 86400 AND
    village = (SELECT village FROM workers WHERE id = $w1)")" \
    "$(sql "SELECT count(DISTINCT k.worker_id) FROM calls k JOIN workers w ON w.id = k.worker_id
    WHERE k.at >= 1580659200 AND k.at < 1580745600 AND w.village = (SELECT village FROM workers WHERE id = $w1)")" \
    "a worker called twice on a day is one worker called that day"

# village changes and assignment moves
v2=$(sql "SELECT village FROM workers WHERE village <> (SELECT village FROM workers WHERE id = $w1) LIMIT 1")
ver=$(sql "SELECT version FROM workers WHERE id = $w1")
run edit "$w1" --version "$ver" "village=$v2"
is "$RC" 0 "the called worker moves village"
run edit "$w2" --version "$(sql "SELECT version FROM workers WHERE id = $w2")" "village=新村" grp=B
run assign --to "$(sql "SELECT login FROM users WHERE role = 'investigator' ORDER BY id LIMIT 1")" "$w1" "$w2"
run check
is "$RC" 0 "check finds them right after village, group and assignment changes"

# an import of new workers
printf '姓名,身份证号,联系电话,人员类别,村(社区)\n王新,420102199001011236,13912345678,在鄂务工,新村\n' >"$T/r.csv"
run import "$T/r.csv"
is "$(sql "SELECT count(*) FROM workers WHERE name = '王新'")" 1 "an import adds a worker"
run check
is "$RC" 0 "check finds them right after an import"

# the team view is what the rows give (the old whole-table count)
export PAICHA_NOW="2020-02-03 12:00"
run team --csv
want=$(sql "SELECT coalesce(investigator_id, 0), count(*), sum(contact = 'unreachable'),
    sum(contact IN ('uncalled', 'unreached')) FROM cases GROUP BY 1 ORDER BY 1")
got=$(sql "SELECT uid, sum(n), sum(CASE WHEN contact = 'unreachable' THEN n ELSE 0 END),
    sum(CASE WHEN contact IN ('uncalled', 'unreached') THEN n ELSE 0 END) FROM case_inv_tally
    GROUP BY 1 ORDER BY 1")
is "$got" "$want" "the cases by investigator and contact are the cases'"
want=$(sql "SELECT coalesce(f.owner_id, c.investigator_id, 0), count(*), sum(f.due_at < 1580702400)
    FROM followups f LEFT JOIN cases c ON c.worker_id = f.worker_id
    WHERE f.done_at IS NULL AND f.kind <> 'escalation' GROUP BY 1 ORDER BY 1")
got=$(sql "SELECT uid, sum(n), sum(CASE WHEN slot < 1580702400 / 600 THEN n ELSE 0 END)
    FROM fu_tally t GROUP BY 1 ORDER BY 1")
is "$got" "$want" "the open and overdue follow-ups by owner are the follow-ups'"

# a purge
PAICHA_NOW="2020-04-01 09:00" run purge --closed-before 2020-03-01
is "$(sql "SELECT count(*) > 0 FROM workers WHERE id_number LIKE 'PURGED%'")" 1 "a purge purges workers"
PAICHA_NOW="2020-04-01 09:00" run check
is "$RC" 0 "check finds them right after a purge"

# a wrong count is found and named
sql "UPDATE case_tally SET n = n + 1 WHERE (township, village, grp, contact, whereabouts, place,
    work_plan, sym, urged, iso_start, iso_end) IN (SELECT township, village, grp, contact, whereabouts,
    place, work_plan, sym, urged, iso_start, iso_end FROM case_tally ORDER BY n DESC LIMIT 1)"
sql "DELETE FROM call_day_tally WHERE (day, township, village) IN (SELECT day, township, village
    FROM call_day_tally ORDER BY day LIMIT 1)"
sql "UPDATE case_inv_tally SET n = n + 2 WHERE (uid, contact) IN (SELECT uid, contact FROM case_inv_tally LIMIT 1)"
sql "UPDATE fu_tally SET n = n - 1 WHERE (uid, slot) IN (SELECT uid, slot FROM fu_tally ORDER BY n DESC LIMIT 1)"
sql "UPDATE calls_per_day SET n = n + 1 WHERE day = (SELECT max(day) FROM calls_per_day)"
run check
is "$RC" 1 "check fails on wrong tallies"
like "$OUT$ERR" "the lead's counts (case_tally " "and names the wrong case_tally row"
like "$OUT$ERR" "(call_day_tally 2020-01-26/" "and the missing call_day_tally row"
like "$OUT$ERR" "(case_inv_tally " "and the wrong case_inv_tally row"
like "$OUT$ERR" "(fu_tally " "and the wrong fu_tally row"
like "$OUT$ERR" "(calls_per_day 2020-02-03)" "and the wrong calls_per_day row"
like "$ERR" "5 problems found" "five problems"

# the first import into an empty file (the bulk load: the workers are
# copied in after their cases)
"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 300 >"$T/roster.csv"
rm -f "$PAICHA_DB" "$PAICHA_DB-wal" "$PAICHA_DB-shm"
"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null 2>&1
run import "$T/roster.csv"
is "$(sql "SELECT sum(n) FROM case_tally")" "$(sql "SELECT count(*) FROM cases")" \
    "a first import into an empty file: every case in the tally"
run check
is "$RC" 0 "check finds the tallies right after it"
done_testing
