# tests/tui/seed.sh -- sourced by the screen tests after tests/lib.sh: a
# demo township (60 workers, seed 3) at a pinned clock, and a few workers
# renamed so that the tests know what to type and what to wait for.
export PAICHA_NOW="2020-02-03 10:00"
ME=$(id -un)

seed_township() {
	"$PAICHA" init --township 黄花镇 --division 430121100 --area-code 0731 >/dev/null &&
	    "$PAICHA" demo --workers 60 --seed 3 >/dev/null || return 1
	# one of my cases that is due (never called or reached), renamed 欧阳娜娜 (pinyin oynn)
	W1=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
	    WHERE u.login = '$ME' AND c.contact IN ('uncalled', 'reached')
	    ORDER BY c.worker_id LIMIT 1")
	sql "UPDATE workers SET name = '欧阳娜娜' WHERE id = $W1"
	# a case of another investigator, renamed 司马懿, for reassignment
	W2=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
	    WHERE u.login = 'zhangli' AND c.contact <> 'unreachable' ORDER BY c.worker_id LIMIT 1")
	sql "UPDATE workers SET name = '司马懿' WHERE id = $W2"
	[ -n "$W1" ] && [ -n "$W2" ]
}

# The pid of the program running in a tmux session.
tui_pid() { "${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" display-message -p -t "$1" '#{pane_pid}'; }

# The statements a screen runs, logged to $QL by db/db.c's test hook
# (PAICHA_TEST_QUERY_LOG="$QL"): polls, how often it asked "changed?"
# (PRAGMA data_version); others, every statement but those and the check
# of its change counters ("does it concern me?"); wait_polls N, until it
# has asked N more times.
polls() { grep -c '^PRAGMA data_version$' "$QL" 2>/dev/null || echo 0; }
others() { grep -v '^PRAGMA data_version$' "$QL" 2>/dev/null | grep -vc '^SELECT audience, seq FROM changes' || echo 0; }
wait_polls() {
	_want=$(($(polls) + $1)) _n=0
	while [ "$(polls)" -lt $_want ] && [ $_n -lt 400 ]; do sleep 0.05; _n=$((_n + 1)); done
	[ "$(polls)" -ge $_want ]
}
