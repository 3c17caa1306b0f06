#!/bin/sh
# The lead's escalations as an index walk (esc_keys, migration 13): the
# list is, row for row and in the same order, what the statement before
# it gave (the one whole query kept here as the reference), at several
# clocks (the medical and silent kinds come with time, no write), after
# every kind of write: calls, a close and the next call that reopens it,
# medical follow-ups, a number removed and one added, an import with
# invalid numbers, a purge, a reassignment; --limit gives the first rows
# of the same list and its counts are of all; paicha check names a row
# of esc_keys that is wrong or missing.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

export PAICHA_NOW="2020-01-26 07:00"
"$PAICHA" init >/dev/null 2>&1 && "$PAICHA" demo --workers 400 --seed 11 >/dev/null 2>&1
is "$?" 0 "a demo township with its history"

# want NOW: the list as the statement before esc_keys gave it, at NOW
# (Unix seconds): worker, kind, since as the CSV prints them.
want() {
	sql "WITH e(worker_id, k, since) AS (
	  SELECT worker_id, 0, coalesce(last_call_at, 0) FROM cases WHERE contact = 'unreachable'
	  UNION ALL SELECT worker_id, 1, coalesce(last_call_at, 0) FROM cases
	    WHERE health_asked AND symptomatic AND NOT urged_doctor
	  UNION ALL SELECT worker_id, 2, min(due_at) FROM followups
	    WHERE kind = 'medical' AND done_at IS NULL AND due_at < $1 - 86400 GROUP BY worker_id
	  UNION ALL SELECT c.worker_id, 3, coalesce(c.last_call_at, w.created_at) FROM cases c
	    JOIN workers w ON w.id = c.worker_id WHERE c.contact IN ('uncalled', 'unreached')
	    AND coalesce(c.last_call_at, w.created_at) < $1 - 3 * 86400
	    AND EXISTS (SELECT 1 FROM phones p WHERE p.worker_id = c.worker_id
	      AND p.removed_at IS NULL)
	  UNION ALL SELECT w.id, 4, coalesce((SELECT max(p.removed_at) FROM phones p
	    WHERE p.worker_id = w.id), w.created_at) FROM workers w
	    WHERE w.source <> 'purged' AND NOT EXISTS (SELECT 1 FROM phones p
	      WHERE p.worker_id = w.id AND p.removed_at IS NULL))
	SELECT e.worker_id || ',' || CASE e.k WHEN 0 THEN 'unreachable' WHEN 1 THEN 'not-urged'
	  WHEN 2 THEN 'medical' WHEN 3 THEN 'silent' ELSE 'no-number' END || ',' ||
	  CASE WHEN e.since THEN strftime('%Y-%m-%d %H:%M', e.since, 'unixepoch', '+8 hours')
	  ELSE '-' END FROM e
	JOIN workers w ON w.id = e.worker_id JOIN cases c ON c.worker_id = e.worker_id
	WHERE NOT EXISTS (SELECT 1 FROM escalation_closes x WHERE x.worker_id = e.worker_id
	  AND x.kind = CASE e.k WHEN 0 THEN 'unreachable' WHEN 1 THEN 'not-urged'
	  WHEN 2 THEN 'medical' WHEN 3 THEN 'silent' ELSE 'no-number' END
	  AND x.closed_at >= coalesce(c.last_call_at, 0))
	ORDER BY e.k, e.since, e.worker_id"
}
# got [ARGS]: the list paicha prints, the same columns.
got() {
	"$PAICHA" escalations --csv "$@" | python3 -c 'import csv, sys
for r in list(csv.reader(sys.stdin))[1:]: print(r[0] + "," + r[4] + "," + r[6])'
}
# same LABEL: the list is the reference at three clocks (now, a day and
# four days on: medical follow-ups and silent cases come with time).
same() {
	for _at in "$PAICHA_NOW" "$(date -u -d "$PAICHA_NOW UTC 1 day" '+%Y-%m-%d %H:%M')" \
	    "$(date -u -d "$PAICHA_NOW UTC 4 days" '+%Y-%m-%d %H:%M')"; do
		_now=$(date -u -d "$_at UTC 8 hours ago" +%s)
		_g=$(PAICHA_NOW="$_at" got)
		_w=$(want "$_now")
		if [ "$_g" != "$_w" ]; then
			diag "at $_at:" "$(printf '%s\n' "$_w" >"$T/w"; printf '%s\n' "$_g" >"$T/g"; diff "$T/w" "$T/g" | head -8)"
			ok 1 "$1"
			return
		fi
	done
	run check
	[ "$RC" = 0 ] || diag "$OUT"
	ok $? "$1 ($(printf '%s\n' "$_g" | grep -c .) rows at the last clock; check finds esc_keys right)"
}

export PAICHA_NOW="2020-02-03 09:00"
n=$(got | grep -c .)
[ "$n" -gt 20 ]; ok $? "the demo leaves escalations of several kinds ($n: $(got | cut -d, -f2 | sort | uniq -c | tr -s ' ' | tr '\n' ' '))"
same "after the demo's bulk history the list is the old statement's"

# calls: a not reached case reached, a reached one with a fever not urged
w1=$(sql "SELECT worker_id FROM cases WHERE contact = 'unreached' ORDER BY worker_id LIMIT 1")
w2=$(sql "SELECT worker_id FROM cases WHERE contact = 'reached' AND NOT symptomatic ORDER BY worker_id LIMIT 1")
run call "$w1" --outcome reached whereabouts=hubei hubei_city=武汉 work_plan=postponed
PAICHA_NOW="2020-02-03 09:05" run call "$w2" --outcome reached whereabouts=home \
    return_date=2020-02-01 transport=rail symptoms=fever temperature=38.1 onset_date=2020-02-02 urged_doctor=no
is "$RC" 0 "a call finds a worker home with a fever, not urged to see a doctor"
like "$(got)" "$w2,not-urged," "it is escalated as not urged"
same "after calls"

# a close, then the next call reopens it
E=$(got | grep ',unreachable,' | head -1 | cut -d, -f1)
run escalations close "$E" unreachable "village head visits"
is "$RC" 0 "a lead closes an unreachable case's escalation"
unlike "$(got)" "$E,unreachable," "it leaves the list"
same "after a close"
PAICHA_NOW="2020-02-03 10:00" run call "$E" --outcome no-answer
like "$(got)" "$E,unreachable,2020-02-03 10:00" "the case's next call brings it back, since that call"
same "after the call that reopens it"

# medical follow-ups: one due today (an escalation from tomorrow on), one moved
w3=$(sql "SELECT worker_id FROM cases WHERE contact = 'reached' AND worker_id NOT IN ($w2) ORDER BY worker_id DESC LIMIT 1")
run followup add "$w3" --kind medical --due "2020-02-03 12:00"
is "$RC" 0 "a medical follow-up due today"
unlike "$(got)" "$w3,medical," "not an escalation today"
like "$(PAICHA_NOW="2020-02-04 12:01" got)" "$w3,medical,2020-02-03 12:00" \
    "an escalation once overdue by a day, with no write in between"
same "after a medical follow-up"

# numbers: the only number of a worker removed, then one added
w4=$(sql "SELECT w.id FROM workers w WHERE (SELECT count(*) FROM phones p WHERE p.worker_id = w.id
    AND p.removed_at IS NULL) = 1 ORDER BY w.id DESC LIMIT 1")
sql "UPDATE phones SET removed_at = strftime('%s', '2020-02-03 02:30') WHERE worker_id = $w4"
like "$(got)" "$w4,no-number,2020-02-03 10:30" "a worker whose only number is removed has no number, since then"
same "after a number is removed"
sql "INSERT INTO phones(worker_id, rank, typed, e164, kind, display, created_at)
    VALUES($w4, 5, '13900001111', '+8613900001111', 'mobile', '13900001111', strftime('%s', '2020-02-03 02:40'))"
unlike "$(got)" "$w4,no-number," "a number added answers it"
same "after a number is added"

# an import with a worker whose number is not valid, and a new worker
printf '姓名,身份证号,联系电话,人员类别,村(社区)\n王新,420102199001011236,13912345678,在鄂务工,新村\n李无,420102199001021231,12345,在鄂务工,新村\n' >"$T/r.csv"
run import "$T/r.csv"
like "$(got)" ",no-number," "an imported worker with no valid number is a no-number escalation"
same "after an import"

# a reassignment and a purge
run assign --to "$(sql "SELECT login FROM users WHERE role = 'investigator' ORDER BY id LIMIT 1")" "$E" "$w2"
same "after a reassignment"
run purge --closed-before 2020-03-01
is "$RC" 0 "a purge of the closed cases"
same "after a purge (purged workers with no number leave the list)"

# --limit: the first rows of the same list; the counts are of all
export PAICHA_NOW="2020-02-07 09:00"
all=$(got)
is "$(got --limit 7)" "$(printf '%s\n' "$all" | head -7)" "--limit 7 gives the list's first 7 rows"
k=$(printf '%s\n' "$all" | cut -d, -f2 | uniq | head -1)
n1=$(printf '%s\n' "$all" | grep -c ",$k,")
is "$(got --limit $((n1 + 2)) | tail -2)" "$(printf '%s\n' "$all" | sed -n "$((n1 + 1)),$((n1 + 2))p")" \
    "and goes on into the next kind past the first one's $n1"
like "$("$PAICHA" escalations --limit 1)" "$(printf '%s\n' "$all" | grep -c .) open: " \
    "the text's counts under a --limit are of the whole list"
run escalations --limit 0
is "$RC" 1 "--limit 0 is refused"
like "$ERR" "positive number" "saying what it needs"

# check names a wrong, a missing and a made-up row of esc_keys
first=$(sql "SELECT kind || '|' || since || '|' || worker_id FROM esc_keys ORDER BY kind DESC, since, worker_id LIMIT 1")
k=${first%%|*}; rest=${first#*|}; s=${rest%%|*}; wid=${rest#*|}
sql "DELETE FROM esc_keys WHERE kind = $k AND since = $s AND worker_id = $wid;
    INSERT INTO esc_keys VALUES(0, 12345, $wid)"
run check
is "$RC" 1 "check fails on a tampered esc_keys"
like "$OUT" "esc_keys $k/" "and names the missing row"
like "$OUT" "esc_keys 0/1970-01-01 11:25:45/$wid" "and the made-up one"
done_testing
