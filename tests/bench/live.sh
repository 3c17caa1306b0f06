#!/bin/sh
# Benchmark (not a test): SCREENS (default 20) queue screens open in tmux
# while another process saves SAVES (default 400) drafts and claim renewals
# of other investigators, then SAVES calls on cases of the screens' user;
# prints the CPU the idle screens used per save (utime+stime of their
# processes, /proc/PID/stat), with the counters (this tree) and with every
# write read as news (PAICHA_TEST_LIVE_ALL=1: main's behaviour).
: "${PAICHA:?run through make bench, or PAICHA=path/to/paicha}"
SCREENS=${SCREENS:-20} SAVES=${SAVES:-400} WORKERS=${WORKERS:-20000}
D=$(mktemp -d /var/tmp/paicha-live.XXXXXX)
S=$D/tmux.sock
export PAICHA_DB=$D/t.db PAICHA_NOW="2020-02-03 10:00"
PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init --township 黄花镇 --division 430121100 --area-code 0731 >/dev/null
PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo --workers "$WORKERS" --seed 3 >/dev/null
ME=$(id -un)
MINE=$(sqlite3 "$PAICHA_DB" "SELECT id FROM users WHERE login = '$ME'")
OTHER=$(sqlite3 "$PAICHA_DB" "SELECT id FROM users WHERE login <> '$ME' AND role = 'investigator' LIMIT 1")
ticks() { for p in $(tmux -S "$S" list-panes -a -F '#{pane_pid}'); do
	awk '{ print $14 + $15 }' /proc/$p/stat; done | awk '{ s += $1 } END { print s }'; }
run() {	# run MODE(writes) LIVE_ALL
	for i in $(seq "$SCREENS"); do
		tmux -S "$S" -f /dev/null new-session -d -s "s$i" -x 100 -y 30 -- \
		    env LANG=C.UTF-8 PAICHA_TEST_LIVE_ALL="$2" "$PAICHA"
	done
	sleep 3
	t0=$(ticks) s0=$(date +%s.%N)
	if [ "$1" = drafts ]; then
		i=0; while [ $i -lt "$SAVES" ]; do
			W=$(( (i % 1000) + 1 ))
			sqlite3 "$PAICHA_DB" "PRAGMA busy_timeout=5000; INSERT INTO drafts(worker_id, user_id, saved_at, answers)
			    VALUES($W, $OTHER, $i, 'note=$i') ON CONFLICT DO UPDATE SET answers = excluded.answers;
			    UPDATE cases SET claim_expires = coalesce(claim_expires, 0) + 1 WHERE worker_id = $W;" >/dev/null
			sleep 0.05; i=$((i + 1)); done
	else
		for W in $(sqlite3 "$PAICHA_DB" "SELECT worker_id FROM cases WHERE investigator_id = $MINE
		    AND contact <> 'unreachable' LIMIT $SAVES"); do
			"$PAICHA" call "$W" --outcome busy >/dev/null 2>&1; sleep 0.05; done
	fi
	sleep 1
	t1=$(ticks) s1=$(date +%s.%N)
	tmux -S "$S" kill-server; sleep 1
	echo "$1 live_all=${2:-0}: $SCREENS screens, $SAVES saves, $(echo "$t0 $t1 $SAVES" |
	    awk '{ printf "%.2f", ($2 - $1) * 10 / $3 }') ms of screens' CPU per save ($(echo "$s0 $s1" | awk '{ printf "%.0f", $2 - $1 }') s)"
}
run drafts "" ; run drafts 1 ; run calls "" ; run calls 1
rm -rf "$D"
