#!/bin/sh
# The report's isolation (docs/provincial-format.md section 2): a report
# made while other processes import and edit the township, changing
# villages and phones and recording calls after the report instant, is
# byte for byte the report made with nothing else running.  The report
# reads in one transaction; without it a worker moved between two
# villages during the export is counted twice or not at all, and a phone
# removed during it vanishes from the roster.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { skip_test "the export's isolation" "no python3"; done_testing; }
D=2020-01-29			# T = 2020-01-30 00:00 CST
N=30000

"$PY" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" $N >"$T/roster.csv"
PAICHA_NOW="2020-01-27 08:00" "$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
PAICHA_NOW="2020-01-27 09:00" run import "$T/roster.csv"
is "$RC" 0 "a township of $N workers imports"
# a third reached (returned home), a third unanswered, before the instant
sql "BEGIN;
INSERT INTO calls(worker_id, user_id, at, phone, outcome)
SELECT w.id, 1, 1580173200 + w.id % 36000, p.e164,
    CASE WHEN w.id % 3 = 0 THEN 'reached' ELSE 'no-answer' END
FROM workers w JOIN phones p ON p.worker_id = w.id AND p.rank = 0 WHERE w.id % 3 <> 2;
INSERT INTO call_answers(call_id, key, value)
SELECT c.id, k.key, k.value FROM calls c, (SELECT 'whereabouts' AS key, 'home' AS value
    UNION ALL SELECT 'return_date', '2020-01-22' UNION ALL SELECT 'temperature', '36.6'
    UNION ALL SELECT 'symptoms', '') k WHERE c.outcome = 'reached';
COMMIT;"
is "$(sql "SELECT count(*) FROM calls")" $((N / 3 * 2)) "and $((N / 3 * 2)) calls before the instant"

export PAICHA_NOW="2020-01-30 10:00"	# every write below is after the instant
mkdir "$T/quiet"
run export --date "$D" --out "$T/quiet"
is "$RC" 0 "the report with nothing else running"
Q=$T/quiet/430121101-20200129

# the writers: imports moving workers of every village to another village
# and adding a phone; calls; phones removed as the case screen removes them
"$PY" - "$T" <<'PYEOF'
import sys
t = sys.argv[1]
rows = open(t + "/roster.csv", encoding="utf-8").read().splitlines()
head, rows = rows[0], rows[1:]
V = ["西湖村", "东山村", "南岭村", "北塘村", "柳林社区", "花园社区"]
for k in range(8):
    out = [head]
    for i in range(k, len(rows), 97):
        f = rows[i].split(",")
        v = f[3][len("湖南省长沙县黄花镇"):]
        f[3] = "湖南省长沙县黄花镇" + V[(V.index(v) + 1 + k) % len(V)]
        f[2] = f[2] + "/1390731%04d" % (i % 10000)
        out.append(",".join(f))
    open("%s/move%d.csv" % (t, k), "w", encoding="utf-8").write("\n".join(out) + "\n")
PYEOF
ok $? "8 rosters move $((8 * N / 97)) workers to other villages"
mover() {
	k=0
	while [ ! -e "$T/stop" ]; do
		"$PAICHA" import "$T/move$((k % 8)).csv" >/dev/null 2>>"$T/w.err" || echo "import $k" >>"$T/w.fail"
		k=$((k + 1))
		echo "$k" >"$T/imports"
	done
}
caller() {
	w=$1
	while [ ! -e "$T/stop" ]; do
		"$PAICHA" call "$w" --outcome busy >/dev/null 2>>"$T/w.err" || echo "call $w" >>"$T/w.fail"
		w=$(( (w * 7) % N + 1 ))
	done
}
remover() {
	w=5
	while [ ! -e "$T/stop" ]; do
		sql "UPDATE phones SET removed_at = strftime('%s', 'now')
		    WHERE worker_id IN ($w, $((w + 1000)), $((w + 2000))) AND removed_at IS NULL;" 2>>"$T/w.err" ||
		    echo "remove $w" >>"$T/w.fail"
		w=$(( (w * 13) % N + 1 ))
	done
}
mover & p1=$!
caller 11 & p2=$!
remover & p3=$!
# the exports begin only once the writers write
n=0
while [ ! -s "$T/imports" ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n + 1)); done
fails=0
for k in 1 2 3; do
	mkdir "$T/busy$k"
	"$PAICHA" export --date "$D" --out "$T/busy$k" >/dev/null 2>"$T/x$k.err" || fails=$((fails + 1))
done
i0=$(cat "$T/imports")
touch "$T/stop"
wait $p1 $p2 $p3
is "$fails" 0 "three exports while the others write all succeed"
is "$(cat "$T/w.fail" 2>/dev/null)" "" "and so do the writers"
ok $([ "$i0" -ge 2 ]; echo $?) "the writers moved workers during the exports ($i0 imports)"
moved=$(sql "SELECT count(DISTINCT entity_id) FROM audit WHERE field = 'village' AND at > strftime('%s', '2020-01-30 00:00', '-8 hours')")
ok $([ "$moved" -gt 0 ]; echo $?) "$moved workers now live elsewhere than at the instant"
removed=$(sql "SELECT count(*) FROM phones WHERE removed_at IS NOT NULL")
ok $([ "$removed" -gt 0 ]; echo $?) "$removed phones were removed after the instant"
for k in 1 2 3; do
	B=$T/busy$k/430121101-20200129
	for f in summary.csv roster.csv followups.csv; do
		cmp -s "$Q/$f" "$B/$f"
		ok $? "export $k during the writes: $f is byte-identical to the quiet one"
	done
done
done_testing
