#!/bin/sh
# Benchmark (not a test) of issue 10: demo townships of BENCH_SIZES workers
# (default "1000 10000 100000"; add 1000000 for the province), and for each
# one line per figure with its ratio to a floor measured in the same run:
#
#   demo     paicha demo --workers N    vs VACUUM INTO a new file (SQLite
#                                          writing the same rows and indexes)
#   check    paicha check                vs PRAGMA quick_check alone
#            (which check runs beside its own passes, in a second thread;
#            the note gives check's CPU time, user + sys, and the demo's;
#            paicha check --full runs integrity_check instead)
#   queue    paicha queue --user zhangli --limit 22 (the first screen of an
#            investigator holding 1/20 of the cases beyond 10,000 workers,
#            1/5 below)                  vs the same 22 rows by primary key
#   queue first-screen, page-down, page-down-middle: the same in-process
#            (tests/bench/queue_bench: queue_page() for the first page, the
#            second, and a page from the middle of the queue; medians of
#            101 runs, in µs, with the screen's 512 KiB page cache)
#                                       vs the same rows with the columns the
#                                          screen shows, by primary key
#   search   paicha search (name, pinyin, phone, ID number) at the largest
#            size                        vs the same rows by primary key
#
# Floors run as processes through the sqlite3 C API (tests/bench/floor) or
# the sqlite3 shell, timed as paicha is: the best of BENCH_RUNS (3) runs of
# the whole process.  BENCH_DIR=DIR keeps the townships (DIR/demo-N.db) and
# reuses them; the demo figure is then the time of the run that made them.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
FLOOR=${BENCH_FLOOR:?run through make bench}
QUEUE_BENCH=${BENCH_QUEUE:?run through make bench}
SIZES=${BENCH_SIZES:-1000 10000 100000}
RUNS=${BENCH_RUNS:-3}
DIR=${BENCH_DIR:-$T}
mkdir -p "$DIR"
SQLITE=${SQLITE3:-sqlite3}
NOW="2020-02-03 10:00"

# best CMD...: the best wall time in seconds of RUNS runs of CMD.
best() {
	_b=
	for _ in $(seq "$RUNS"); do
		_s=$(date +%s.%N)
		"$@" >"$T/out" 2>"$T/err"
		_e=$(echo "$(date +%s.%N) - $_s" | bc)
		if [ -z "$_b" ] || [ "$(echo "$_e < $_b" | bc)" -eq 1 ]; then _b=$_e; fi
	done
	echo "$_b"
}
# cpu FILE CMD...: run CMD, FILE gets its CPU time ("N.NN s CPU", user +
# sys; "" without /usr/bin/time).
cpu() {
	_f=$1; shift
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f "%U %S" -o "$_f.t" "$@"; _r=$?
		awk '{ printf "%.2f s CPU", $1 + $2 }' "$_f.t" >"$_f"
		return $_r
	fi
	: >"$_f"; "$@"
}
# line N FIGURE PAICHA_SECONDS FLOOR_SECONDS [NOTE]
line() {
	printf '%8s  %-22s %9.4f s  floor %8.4f s  ratio %7.1f  %s\n' "$1" "$2" "$3" "$4" \
	    "$(echo "scale=3; $3 / $4" | bc)" "${5:-}"
}
# line_us N FIGURE PAICHA_US FLOOR_US [NOTE]
line_us() {
	printf '%8s  %-22s %9.1f µs floor %8.1f µs ratio %7.1f  %s\n' "$1" "$2" "$3" "$4" \
	    "$(echo "scale=3; $3 / $4" | bc)" "${5:-}"
}
# ids_sql COLUMNS: "SELECT COLUMNS ... WHERE w.id IN (first column of $T/out)"
ids() { awk '{ printf "%s%s", (NR > 1 ? "," : ""), $1 }' "$T/out"; }
by_key() {
	echo "SELECT w.id, w.name, w.village, c.contact, c.calls, c.failed, c.last_call_at,
	    c.next_due_at, c.next_kind, (SELECT p.display FROM phones p WHERE p.worker_id = w.id
	    AND p.removed_at IS NULL ORDER BY p.rank LIMIT 1) FROM workers w
	    JOIN cases c ON c.worker_id = w.id WHERE w.id IN ($1) ORDER BY w.id"
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sqlite $("$SQLITE" -version | cut -d' ' -f1), sizes: $SIZES, best of $RUNS"
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	if [ ! -s "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		PAICHA_DB="$db" PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init >/dev/null
		s=$(date +%s.%N)
		cpu "$T/cpu" env PAICHA_DB="$db" PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo \
		    --workers "$n" >"$T/demo" || exit 1
		demo=$(echo "$(date +%s.%N) - $s" | bc)
		echo "$demo" >"$db.demo-seconds"
		cat "$T/cpu" >"$db.demo-cpu"
	fi
	demo=$(cat "$db.demo-seconds" 2>/dev/null || echo 0)
	export PAICHA_DB="$db" PAICHA_NOW="$NOW"
	calls=$("$SQLITE" "$db" "SELECT count(*) FROM calls")
	rm -f "$T/copy.db"
	floor=$(best sh -c "rm -f '$T/copy.db'; '$SQLITE' '$db' \"VACUUM INTO '$T/copy.db'\"")
	line "$n" "demo (build)" "$demo" "$floor" "$calls calls, $(($(stat -c %s "$db") / 1048576)) MB, $(cat "$db.demo-cpu" 2>/dev/null)"
	t=$(best "$PAICHA" check)
	floor=$(best "$SQLITE" "$db" "PRAGMA quick_check")
	cpu "$T/cpu" "$PAICHA" check >/dev/null
	line "$n" "check" "$t" "$floor" "$(cat "$T/cpu") (two threads)"
	held=$("$SQLITE" "$db" "SELECT count(*) FROM cases c JOIN users u ON u.id = c.investigator_id WHERE u.login = 'zhangli'")
	t=$(best "$PAICHA" queue --user zhangli --limit 22)
	floor=$(best "$FLOOR" "$db" "$(by_key "$(ids)")")
	line "$n" "queue first screen" "$t" "$floor" "zhangli holds $held of $n"
	# the same in-process (tests/bench/queue_bench): queue_page() against
	# the same rows with the same columns by primary key, medians in µs
	"$QUEUE_BENCH" "$db" zhangli "$NOW" 101 22 >"$T/qb" || exit 1
	while read -r fig us fus rows len; do
		line_us "$n" "queue $fig" "$us" "$fus" "$rows rows of $len, in-process"
	done <"$T/qb"
	last=$n
done

# Search at the largest size: the same rows by primary key as the floor.
export PAICHA_DB="$DIR/demo-$last.db"
w=$("$SQLITE" "$PAICHA_DB" "SELECT w.id_number || ' ' || p.display FROM workers w JOIN phones p ON p.worker_id = w.id AND p.rank = 0 WHERE w.id = $((last / 2))")
for q in 张伟 zhangwei zw "${w#* }" "${w% *}" "$(echo "${w% *}" | cut -c 11-18)"; do
	t=$(best "$PAICHA" search "$q")
	rows=$(wc -l <"$T/out")
	floor=$(best "$FLOOR" "$PAICHA_DB" "$(by_key "$(ids)")")
	line "$last" "search $q" "$t" "$floor" "$rows rows"
done
t=$(best "$PAICHA" --version)
floor=$(best "$FLOOR" "$PAICHA_DB" "SELECT 1")
line "-" "start-up (--version)" "$t" "$floor"
