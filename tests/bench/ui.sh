#!/bin/sh
# Benchmark (not a test) of issue 10: the case screen, saving a call and
# the screen program itself, on demo townships of BENCH_SIZES workers.
# Asserts nothing; prints each figure with a floor measured in the same run.
#
#   open-read, open, save   tests/bench/case_bench on a copy of the township
#       (medians of BENCH_CASE_RUNS runs, microseconds): what the case
#       screen reads, the whole opening (claim, reads, audit), and
#       calls_record(), against the same rows by key and bare writes.
#   ui start                `paicha` (the screens) in tmux, 80x24,
#       TERM=xterm, until the queue's position line ("1 of N") is drawn,
#       polled with capture-pane; floor: `sh -c 'paicha --version; sleep'`
#       in the same tmux until its line shows (the same binary, its
#       libraries, the same polling).  Best of BENCH_RUNS; the CPU time (user + system,
#       /proc/PID/stat) of paicha at that moment is printed too.
#   ui VmHWM               the UI's peak resident memory after 10 Page
#       Downs (/proc/PID/status); floor: the peak of `paicha --version`
#       (/usr/bin/time), the same binary with its libraries loaded.
#
# The screens run as the invoking Unix user, which must be a user of the
# township: root is (the demo gives root a share of the cases, as many as
# zhangli's: 1/5 up to 10,000 workers, 1/20 beyond).  BENCH_DIR=DIR holds
# the townships (DIR/demo-N.db, made with `paicha demo` when missing);
# each is copied first (paicha opens files read-write).
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
SIZES=${BENCH_SIZES:-1000 10000 100000}
RUNS=${BENCH_RUNS:-3}
CRUNS=${BENCH_CASE_RUNS:-101}
DIR=${BENCH_DIR:-$T/bench}
NOW="2020-02-03 10:00"
CASE_BENCH=${BENCH_CASE:?run with make bench}
TM="${TMUX_BIN:-tmux}"
mkdir -p "$DIR"
command -v "$TM" >/dev/null 2>&1 || { echo "no tmux: the screen figures are left out"; TM=; }
# one server for the run, whose panes stay when their program exits (the
# floor's does at once)
if [ -n "$TM" ]; then
	"$TM" -S "$TMUX_SOCK" -f /dev/null new-session -d -s idle -x 80 -y 24 -- sleep 100000
	"$TM" -S "$TMUX_SOCK" set-option -g remain-on-exit on >/dev/null
fi

line() {	# SIZE NAME VALUE FLOOR UNIT [NOTE]
	printf '%8s  %-22s %10.1f %-3s floor %9.1f %-3s ratio %5.1f  %s\n' "$1" "$2" "$3" "$5" \
	    "$4" "$5" "$(echo "$3 / ($4 + 0.000001)" | bc -l)" "${6:-}"
}
now_ms() { echo "$(date +%s%N) / 1000000" | bc; }
tick=$(getconf CLK_TCK)
# cpu_ms PID: user + system time of PID so far, in ms
cpu_ms() { awk -v t="$tick" '{ print ($14 + $15) * 1000 / t }' "/proc/$1/stat"; }

# start NAME TEXT CMD...: ms from tmux new-session to TEXT on the screen
start() {
	_n=$1 _txt=$2; shift 2
	"$TM" -S "$TMUX_SOCK" kill-session -t "$_n" 2>/dev/null
	_s=$(now_ms)
	"$TM" -S "$TMUX_SOCK" -f /dev/null new-session -d -s "$_n" -x 80 -y 24 -- \
	    env TERM=xterm LANG=C.UTF-8 LC_ALL=C.UTF-8 PAICHA_DB="$PAICHA_DB" \
	    PAICHA_NOW="$PAICHA_NOW" "$@"
	_i=0
	until "$TM" -S "$TMUX_SOCK" capture-pane -p -t "$_n" 2>/dev/null | grep -q -- "$_txt"; do
		_i=$((_i + 1))
		if [ $_i -ge 3000 ]; then
			echo "$_txt not shown; the screen was:" >&2
			"$TM" -S "$TMUX_SOCK" capture-pane -p -t "$_n" >&2
			return 1
		fi
	done
	echo $(($(now_ms) - _s))
}
best_of() {	# the least of the numbers on stdin
	sort -n | head -1
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "sizes: $SIZES; case figures median of $CRUNS (µs), screen figures best of $RUNS (ms, MB); as $(id -un)"
for n in $SIZES; do
	src="$DIR/demo-$n.db"
	if [ ! -s "$src" ]; then
		rm -f "$src" "$src-wal" "$src-shm"
		PAICHA_DB="$src" PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init >/dev/null &&
		    PAICHA_DB="$src" PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo --workers "$n" \
		    >/dev/null || exit 1
	fi
	db="$T/ui-$n.db"
	rm -f "$db" "$db-wal" "$db-shm"
	cp "$src" "$db" || exit 1
	export PAICHA_DB="$db" PAICHA_NOW="$NOW"
	# the screens first, on the township as it was made
	if [ -n "$TM" ]; then
		: >"$T/starts"; : >"$T/floors"; : >"$T/hwm"; : >"$T/cpu"
		for _ in $(seq "$RUNS"); do
			# (the pane's shell waits after it: tmux may lose the output
			# of a program that ends before it reads the terminal)
			start v "^paicha " sh -c '"$0" --version; exec sleep 100' "$PAICHA" \
			    >>"$T/floors" || exit 1
			"$TM" -S "$TMUX_SOCK" kill-session -t v
			t=$(start q " of [0-9]" "$PAICHA") || { echo "the queue was not drawn:";
			    "$TM" -S "$TMUX_SOCK" capture-pane -p -t q; exit 1; }
			pid=$("$TM" -S "$TMUX_SOCK" display-message -p -t q '#{pane_pid}')
			cpu_ms "$pid" >>"$T/cpu"
			echo "$t" >>"$T/starts"
			for _ in 1 2 3 4 5 6 7 8 9 10; do
				"$TM" -S "$TMUX_SOCK" send-keys -t q NPage
			done
			# the tenth page drawn: the position line past the ninth screen
			_i=0
			while :; do
				pos=$("$TM" -S "$TMUX_SOCK" capture-pane -p -t q | grep -o "[0-9]* of [0-9]" | cut -d' ' -f1)
				[ "${pos:-0}" -gt 150 ] || [ $_i -ge 200 ] && break
				sleep 0.05; _i=$((_i + 1))
			done
			awk '/^VmHWM/ { print $2 / 1024 }' "/proc/$pid/status" >>"$T/hwm"
			"$TM" -S "$TMUX_SOCK" kill-session -t q
		done
		fhwm=$(/usr/bin/time -f %M "$PAICHA" --version 2>&1 >/dev/null | tail -1)
		line "$n" "ui start" "$(best_of <"$T/starts")" "$(best_of <"$T/floors")" ms \
		    "paicha's CPU by then: $(best_of <"$T/cpu") ms"
		line "$n" "ui VmHWM, 10 PgDn" "$(best_of <"$T/hwm")" "$(echo "$fhwm / 1024" | bc -l)" MB \
		    "at position ${pos:-?}; floor: paicha --version"
	fi
	# then the case screen and the save (these write to the copy)
	"$CASE_BENCH" "$db" zhangli "$NOW" "$CRUNS" >"$T/cb" || exit 1
	while read -r fig us fus cases; do
		line "$n" "case $fig" "$us" "$fus" µs "zhangli holds $cases cases"
	done <"$T/cb"
	rm -f "$db" "$db-wal" "$db-shm"
done
