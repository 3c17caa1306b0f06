#!/bin/sh
# Benchmark (not a test): paicha export on a township of N workers
# (PAICHA_BENCH_N, default 1,000,000) against the sqlite3 shell writing
# the same roster columns as CSV from the live case rows, in the same run.
# Prints seconds, peak memory and ratios; asserts nothing.
set -eu
: "${PAICHA:?run through make bench}"
: "${PAICHA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
N=${PAICHA_BENCH_N:-1000000}
SQLITE=${SQLITE3:-sqlite3}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time is missing (apt-get install time)"; exit 1; }
W=$(mktemp -d "${TMPDIR:-/tmp}/paicha-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT
export PAICHA_DB="$W/paicha.db" PAICHA_CONF=/nonexistent PAICHA_NOW="2020-01-30 08:00"

t0=$(date +%s.%N)
"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
"$PAICHA" user add zw --role investigator --name 张伟 >/dev/null
printf '.parameter set @n %s\n.read %s\n' "$N" "$PAICHA_SRCDIR/tests/data/export-bulk.sql" |
    "$SQLITE" "$PAICHA_DB"
echo "generated $N workers in $(echo "$(date +%s.%N) - $t0" | bc) s ($(du -m "$PAICHA_DB" | cut -f1) MB)"

# The baseline: the roster's columns, one primary phone, the live case rows.
cat >"$W/roster.sql" <<'SQL'
.headers on
.mode csv
.output roster-sqlite.csv
SELECT w.id AS 序号, w.grp AS 人员类别, w.name AS 姓名, w.gender AS 性别, w.id_number AS 身份证号,
  p.display AS 联系电话, p.region AS 号码归属地, w.township, w.village,
  w.work_province || w.work_city AS 务工地, w.employer, c.contact, c.whereabouts, c.return_date,
  c.transport, c.symptomatic, c.symptoms, c.temperature, c.urged_doctor, c.isolation_start,
  c.isolation_end, c.work_plan, datetime(c.last_call_at, 'unixepoch', '+8 hours'), c.calls,
  u.name, c.note
FROM workers w LEFT JOIN phones p ON p.worker_id = w.id AND p.rank = 0 AND p.removed_at IS NULL
  LEFT JOIN cases c ON c.worker_id = w.id LEFT JOIN users u ON u.id = c.investigator_id
ORDER BY w.township, w.village, w.id;
SQL
cd "$W"
sync
$TIME -f "%e %M %U %S" -o sqlite.time "$SQLITE" "$PAICHA_DB" <roster.sql
mkdir out
sync
PAICHA_EXPORT_TIMES=1 $TIME -f "%e %M %U %S" -o paicha.time "$PAICHA" export --out out 2>times >/dev/null
read -r s_sec s_kb s_u s_s <sqlite.time
read -r p_sec p_kb p_u p_s <paicha.time
read -r _ _ csv _ xlsx _ total <times
echo "sqlite3 -csv roster:     ${s_sec} s (CPU ${s_u} user + ${s_s} sys), peak $((s_kb / 1024)) MB"
echo "paicha export (all):     ${p_sec} s (CPU ${p_u} user + ${p_s} sys), peak $((p_kb / 1024)) MB (target < 200 MB)"
echo "  of which the CSVs:     ${csv} s; report.xlsx: ${xlsx} s"
echo "ratio CSVs / sqlite3:    $(echo "scale=2; $csv / $s_sec" | bc) (target <= 2)"
echo "ratio whole / sqlite3:   $(echo "scale=2; $p_sec / $s_sec" | bc) (target <= 3.5)"
echo "ratio CPU whole/sqlite3: $(echo "scale=2; ($p_u + $p_s) / ($s_u + $s_s)" | bc) (report.xlsx has a thread of its own)"
ls -l out/*/ | sed 's/^/  /'
