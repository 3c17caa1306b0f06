#!/bin/sh
# paicha purge --closed-before DATE: the personal data of the workers whose
# case was closed before DATE goes, everywhere it is stored (the audit log
# too); what the counts need stays; past reports keep their figures.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

export PAICHA_NOW="2020-02-10 10:00"
run init
run demo --workers 200 --seed 4
is "$RC" 0 "a demo township of 200 workers"

# a closed worker whose name and village were changed (old values in the audit log)
W=$(sql "SELECT c.worker_id FROM cases c WHERE c.contact = 'reached' AND c.last_call_at < strftime('%s','2020-02-01')
    AND NOT EXISTS (SELECT 1 FROM followups f WHERE f.worker_id = c.worker_id) ORDER BY 1 LIMIT 1")
NAME=$(sql "SELECT name FROM workers WHERE id = $W")
IDN=$(sql "SELECT id_number FROM workers WHERE id = $W")
PH=$(sql "SELECT substr(e164, 4) FROM phones WHERE worker_id = $W LIMIT 1")
run edit "$W" name=改名字 village=新改村
is "$RC" 0 "worker $W ($NAME) is renamed and moved: the audit log holds the old values"
# the roster's 备注 and a number as typed that was not valid (an import's)
sql "UPDATE workers SET note = '联系电话为家属李四', phones_invalid = '17489917258' WHERE id = $W"
OPEN=$(sql "SELECT worker_id FROM followups WHERE done_at IS NULL LIMIT 1")
OPENNAME=$(sql "SELECT name FROM workers WHERE id = $OPEN")

for d in 2020-01-27 2020-02-02 2020-02-09; do
	mkdir -p "$T/before/$d"
	run export --date $d --out "$T/before/$d"
done
is "$RC" 0 "the reports of three past days, before"

if can_switch_users; then
	TAG=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
	L="pch${TAG}l"
	useradd -M -N -s /bin/sh "$L" >/dev/null 2>&1
	run user add "$L" --role lead --name 组长
	chmod 0777 "$T"; chmod 0666 "$PAICHA_DB"*
	setpriv --reuid="$L" --regid=users --clear-groups -- env PAICHA_DB="$PAICHA_DB" \
	    PAICHA_NOW="$PAICHA_NOW" "$PAICHA" purge --closed-before 2020-02-05 >"$T/l.out" 2>&1
	rc=$?
	userdel "$L" >/dev/null 2>&1
	is "$rc" 1 "a lead (Unix account $L) may not purge"
else
	skip_test "a lead may not purge" "needs root"
fi
dump0=$(sql "SELECT count(*), sum(length(name)) FROM workers")
run purge --closed-before 2020-02-05 --dry-run
is "$RC" 0 "a dry run"
like "$OUT" "nothing was changed" "says it changed nothing"
is "$(sql "SELECT count(*), sum(length(name)) FROM workers")" "$dump0" "and changed nothing"
n=$(echo "$OUT" | sed -n 's/^Would purge \([0-9]*\) workers.*/\1/p')
ok $([ "${n:-0}" -gt 0 ]; echo $?) "it would purge $n workers"

run purge --closed-before 2020-02-05
is "$RC" 0 "the purge"
like "$OUT" "Purged $n workers" "purges as many as the dry run counted"
is "$(sql "SELECT count(*) FROM workers WHERE id_number LIKE 'PURGED%' AND name = '' AND address = '' AND employer = ''")" "$n" \
    "$n workers have no name, ID number, address or employer left"
is "$(sql "SELECT count(*) FROM phones p JOIN workers w ON w.id = p.worker_id WHERE w.id_number LIKE 'PURGED%'")" 0 \
    "nor phones"
is "$(sql "SELECT count(*) FROM workers WHERE id_number LIKE 'PURGED%' AND (note <> '' OR phones_invalid <> '')")" 0 \
    "nor the roster's note and numbers as typed"
"${SQLITE3:-sqlite3}" "$PAICHA_DB" .dump >"$T/dump.sql"
for v in "$NAME" 改名字 "$IDN" "$PH" 联系电话为家属李四 17489917258; do
	grep -qF -- "$v" "$T/dump.sql"
	is $? 1 "'$v' of worker $W is nowhere in the file (audit log included)"
done
grep -qF "新改村" "$T/dump.sql"
is $? 0 "the village it moved to is kept"
is "$(sql "SELECT count(*) FROM audit WHERE entity = 'worker' AND entity_id = $W AND field = 'village' AND old_value <> ''")" 1 \
    "and so is the old village in the audit log, which the past reports need"
is "$(sql "SELECT name FROM workers WHERE id = $OPEN")" "$OPENNAME" "a case with an open follow-up is untouched"
is "$(sql "SELECT count(*) FROM audit WHERE action = 'purge' AND new_value = '$n'")" 1 "the purge is audited"
run check
is "$RC" 0 "paicha check passes after the purge"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
is "$("${SQLITE3:-sqlite3}" -batch "$PAICHA_DB" 'PRAGMA integrity_check')" ok "integrity_check"
is "$(sql "UPDATE audit SET old_value = 'x' WHERE id = 1" 2>&1 | grep -c 'append-only')" 1 \
    "the audit log is append-only again"

for d in 2020-01-27 2020-02-02 2020-02-09; do
	mkdir -p "$T/after/$d"
	"$PAICHA" export --date $d --out "$T/after/$d" >/dev/null 2>&1
	cmp -s "$T"/before/$d/*/summary.csv "$T"/after/$d/*/summary.csv
	is $? 0 "the 汇总 of $d keeps its figures byte for byte"
	is "$(cat "$T"/after/$d/*/roster.csv | wc -l)" "$(cat "$T"/before/$d/*/roster.csv | wc -l)" \
	    "the 花名册 of $d keeps every row"
done
iconv -f gb18030 -t utf-8 "$T"/after/2020-02-02/*/roster.csv >"$T/roster.utf8"
r=$(awk -F, '$3 == "" && $5 == ""' "$T/roster.utf8" | head -1)
[ -n "$r" ]
ok $? "a purged row is in the 花名册"
is "$(echo "$r" | cut -d, -f3,5,6,11)" ",,," "a purged row of the 花名册 has no name, ID number, phone or employer"
unlike "$(cat "$T/roster.utf8")" "PURGED" "the placeholder of a purged ID number is never exported"
like "$r" "黄花镇" "and keeps its township"
run purge --closed-before 2020-02-05
like "$OUT" "Purged 0 workers" "purging again finds nothing more"
done_testing
