#!/bin/sh
# Benchmark (not a test): import a generated roster of N rows (default
# 1,000,000) with `paicha import`, every ID number and phone validated,
# and `.import` the same file into a plain table with the sqlite3 shell, in
# the same run; print both rates and their ratio.  Asserts nothing.
set -eu
: "${PAICHA:?run through make bench}"
: "${PAICHA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
N=${BENCH_ROWS:-1000000}
PY=${PYTHON3:-python3}
SQ=${SQLITE3:-sqlite3}
dir=$(mktemp -d /tmp/paicha-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT
export LC_ALL=C.UTF-8 PAICHA_CONF=/nonexistent PAICHA_NOW="2020-02-01 09:00"

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.0f", n / (b - a) }'; }

echo "generating $N rows ..."
"$PY" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" "$N" > "$dir/roster.csv"
echo "roster.csv: $(du -m "$dir/roster.csv" | cut -f1) MB; $(nproc) CPUs; load $(cut -d' ' -f1-3 /proc/loadavg)"

"$PAICHA" --db "$dir/p.db" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: GNU time is missing (apt-get install time)"; exit 1; }
t0=$(now)
PAICHA_IMPORT_TIMES=1 $TIME -f "peak memory: %M KB" -o "$dir/mem" \
    "$PAICHA" --db "$dir/p.db" import "$dir/roster.csv" > "$dir/out" 2>&1
t1=$(now)
grep -E '^(Rows read|Imported|Rejected):' "$dir/out" | tr -s ' ' | tr '\n' ' '; echo
# the phases (PAICHA_IMPORT_TIMES): an empty database is loaded (db/import.h)
grep '^time:' "$dir/out" | sed 's/^time: /  /'
cat "$dir/mem"

t2=$(now)
"$SQ" "$dir/s.db" ".import --csv $dir/roster.csv t"
t3=$(now)

p=$(rate "$N" "$t0" "$t1")
s=$(rate "$N" "$t2" "$t3")
awk -v p="$p" -v s="$s" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" 'BEGIN {
	printf "paicha import:   %8d rows/s (%.1f s)\n", p, b - a
	printf "sqlite3 .import: %8d rows/s (%.1f s)\n", s, d - c
	printf "ratio paicha/sqlite3: %.3f (target: 40000 rows/s)\n", p / s }'
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg) (other jobs slow both runs; compare the ratio)"
