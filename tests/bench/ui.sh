#!/bin/sh
# Benchmark (not a test) of issue 10: the screens at BENCH_SIZES workers
# (default "1000 10000 100000"; the demo townships of tests/bench/scale.sh,
# kept in BENCH_DIR and made if missing), driven as a user drives them: the
# real binary in tmux at 80x24 with TERM=xterm, as PuTTY announces itself.
#
#   ui start     from starting paicha to the queue's first screen drawn
#                (its "N of M" line), the best of BENCH_RUNS (3)
#                                vs paicha --version (the same program and
#                                libraries, no database, no screen)
#   ui memory    VmHWM after ten Page Downs
#                                vs VmHWM of paicha --version
#
# The caller (root) holds a share of the demo's cases.  Asserts nothing.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { echo "ui.sh: no tmux"; exit 0; }
SIZES=${BENCH_SIZES:-1000 10000 100000}
RUNS=${BENCH_RUNS:-3}
DIR=${BENCH_DIR:-$T}
mkdir -p "$DIR"
NOW="2020-02-03 10:00"
SOCK="paicha-ui-bench-$$"
trap 'tmux -L "$SOCK" kill-server 2>/dev/null' EXIT

ms() { echo $(($(date +%s%N) / 1000000)); }

# one DB: prints "start-ms hwm-kB"
screen_run() {
	tmux -L "$SOCK" kill-server 2>/dev/null
	_t0=$(ms)
	tmux -L "$SOCK" new -d -x 80 -y 24 "env TERM=xterm LANG=C.UTF-8 PAICHA_DB='$1' \
	    PAICHA_NOW='$NOW' PAICHA_CONF=/nonexistent '$PAICHA'; sleep 600"
	_n=0
	while ! tmux -L "$SOCK" capture-pane -p | grep -q " of [0-9]"; do
		sleep 0.005; _n=$((_n + 1)); [ $_n -lt 4000 ] || break; done
	_t1=$(ms)
	for _ in 1 2 3 4 5 6 7 8 9 10; do tmux -L "$SOCK" send-keys NPage; sleep 0.1; done
	sleep 0.3
	_pid=$(tmux -L "$SOCK" list-panes -F '#{pane_pid}')
	_pid=$(pgrep -P "$_pid" -f "$PAICHA" | head -1)
	_hwm=$(awk '/^VmHWM/ { print $2 }' "/proc/$_pid/status" 2>/dev/null)
	tmux -L "$SOCK" kill-server 2>/dev/null
	echo "$((_t1 - _t0)) ${_hwm:-0}"
}

v_hwm=$(/usr/bin/time -f %M "$PAICHA" --version 2>&1 >/dev/null | tail -1)
v_ms=999999
for _ in $(seq "$RUNS"); do
	_t0=$(ms); "$PAICHA" --version >/dev/null; _t=$(($(ms) - _t0))
	[ "$_t" -lt "$v_ms" ] && v_ms=$_t
done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); floor: paicha --version ${v_ms} ms, ${v_hwm} kB"
for n in $SIZES; do
	db="$DIR/demo-$n.db"
	if [ ! -s "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		PAICHA_DB="$db" PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init >/dev/null &&
		    PAICHA_DB="$db" PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo --workers "$n" >/dev/null ||
		    exit 1
	fi
	# once to migrate and warm the file, then the runs
	PAICHA_DB="$db" PAICHA_NOW="$NOW" "$PAICHA" queue --limit 1 >/dev/null 2>&1
	best=999999 hwm=0
	for _ in $(seq "$RUNS"); do
		set -- $(screen_run "$db")
		[ "$1" -lt "$best" ] && best=$1
		[ "$2" -gt "$hwm" ] && hwm=$2
	done
	awk -v n="$n" -v s="$best" -v f="$v_ms" -v h="$hwm" -v fh="$v_hwm" 'BEGIN {
		printf "%8d  ui start (first screen)  %6d ms  floor %5d ms  ratio %5.1f\n", n, s, f, s / (f ? f : 1)
		printf "%8d  ui memory (VmHWM)        %6.1f MB  floor %5.1f MB  ratio %5.2f\n", n, h / 1024, fh / 1024, h / fh }'
done
