# tests/lib.sh -- sourced by every shell test: TAP output, a private
# folder with its own database, running the real binary, and the terminal
# harness the screen tests use (a private tmux server at a fixed size,
# polled until the expected text appears, or a new screen after a key;
# never a bare sleep).  Unix accounts a test needs are this run's own
# (acct NAME: "pct", a random tag, NAME), created by as_user and removed
# at the end; the sqlite3 shell is run as paicha opens a file (sqlite).
set -u
: "${PAICHA:?run the tests with make check}"
: "${PAICHA_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"
export LC_ALL=C.UTF-8 LANG=C.UTF-8
unset LANGUAGE
T=$(mktemp -d /tmp/paicha-t.XXXXXX)
chmod 0755 "$T"
export PAICHA_DB="$T/paicha.db"
TMUX_SOCK="$T/tmux.sock"
T2SOCK="$T/tmux2.sock"
T2_LOGIN=
_ntest=0
_nfail=0

# Unix accounts made by a test are named with the reserved prefix "pct"
# and a tag of this run (several runs share the machine: none removes
# another's accounts), listed in $T/.accounts and removed at the end.
PCT_TAG=pct$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
# acct SUFFIX: the name of this run's test account SUFFIX (a-z0-9, short).
acct() { printf '%s%s\n' "$PCT_TAG" "$1"; }

_cleanup() {
	if [ -n "${T2_LOGIN:-}" ] && [ -S "$T2SOCK" ]; then
		t2 kill-server 2>/dev/null
	fi
	if [ -S "$TMUX_SOCK" ]; then
		"${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" kill-server 2>/dev/null
	fi
	if [ -f "$T/.accounts" ]; then
		for _a in $(cat "$T/.accounts"); do
			case $_a in "$PCT_TAG"*) ;; *) continue ;; esac
			# userdel fails while the account still runs a process
			# (a tmux server ending) or /etc/passwd is locked: retry
			_n=0
			while id "$_a" >/dev/null 2>&1 && [ $_n -lt 100 ]; do
				userdel "$_a" >/dev/null 2>&1 || sleep 0.1
				_n=$((_n + 1))
			done
			id "$_a" >/dev/null 2>&1 && echo "# test account $_a could not be removed" >&2
		done
	fi
	rm -rf "$T"
}
trap _cleanup EXIT

# ok STATUS NAME: one TAP result; STATUS 0 passes.
ok() {
	_ntest=$((_ntest + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $_ntest - $2"
	else
		_nfail=$((_nfail + 1))
		echo "not ok $_ntest - $2"
	fi
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

skip_test() { _ntest=$((_ntest + 1)); echo "ok $_ntest - $1 # SKIP $2"; }

done_testing() { echo "1..$_ntest"; exit 0; }

# run ARGS...: run paicha; sets OUT, ERR and RC.
run() {
	"$PAICHA" "$@" >"$T/.out" 2>"$T/.err"
	RC=$?
	OUT=$(cat "$T/.out")
	ERR=$(cat "$T/.err")
}

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"; diag "got:" "$1" "want:" "$2"; fi
}

# like GOT FIXED-STRING NAME: GOT contains the string.
like() {
	case "$1" in
	*"$2"*) ok 0 "$3" ;;
	*) ok 1 "$3"; diag "got:" "$1" "wanted it to contain:" "$2" ;;
	esac
}

unlike() {
	case "$1" in
	*"$2"*) ok 1 "$3"; diag "got:" "$1" "wanted it NOT to contain:" "$2" ;;
	*) ok 0 "$3" ;;
	esac
}

# sqlite ARGS...: the sqlite3 shell as paicha opens a database: it keeps
# the -wal and -shm files when it closes (the shell would delete them,
# and the next process to create them does so with its own umask and
# owner: another account's process then finds them read-only) and waits
# for a lock up to 10 s.  A later -cmd '.timeout N' overrides the wait.
sqlite() {
	"${SQLITE3:-sqlite3}" -batch -noheader -cmd '.output /dev/null' \
	    -cmd '.filectrl persist_wal 1' -cmd '.output stdout' -cmd '.timeout 10000' "$@"
}
# sql QUERY: one value from the test database, through the sqlite3 shell.
sql() { sqlite "$PAICHA_DB" "$1"; }

# recount: the cases whose stored counts and contact state differ from
# their calls, recounted in SQL from the calls alone (not by paicha's
# reducer, which both writes the cases and runs `paicha check`): calls =
# all calls; failed = failed calls since the last reached one; contact =
# reached once reached, else uncalled without a call, else 未联系上
# (unreached or unreachable: which numbers are spent is issue 12's
# per-number rule, tested in test_casestate and followed.sh; here an
# unreachable case needs at least max_attempts failures, 5 unless set, or
# a wrong or out-of-service number).  Prints the
# worker ids, one a line; nothing when every case adds up.
recount() {
	sql "WITH k AS (SELECT c.worker_id, c.calls, c.failed, c.contact,
	    (SELECT count(*) FROM calls x WHERE x.worker_id = c.worker_id) AS n,
	    (SELECT id FROM calls x WHERE x.worker_id = c.worker_id AND x.outcome = 'reached'
	       ORDER BY at DESC, id DESC LIMIT 1) AS r
	  FROM cases c),
	m(v) AS (SELECT coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'max_attempts'), 5)),
	f AS (SELECT k.*, (SELECT count(*) FROM calls x WHERE x.worker_id = k.worker_id
	    AND x.outcome <> 'reached' AND (k.r IS NULL OR (x.at, x.id) >
	      (SELECT at, id FROM calls y WHERE y.id = k.r))) AS nf FROM k)
	SELECT worker_id FROM f, m WHERE calls <> n OR failed <> nf OR
	    (CASE contact WHEN 'unreachable' THEN 'unreached' ELSE contact END) <> CASE
	    WHEN r IS NOT NULL THEN 'reached' WHEN n = 0 THEN 'uncalled'
	    ELSE 'unreached' END
	    OR (contact = 'unreachable' AND nf < m.v AND NOT EXISTS(SELECT 1 FROM calls x
	      WHERE x.worker_id = f.worker_id AND x.outcome IN ('wrong-number', 'out-of-service')))
	  ORDER BY worker_id"
}

# as_user LOGIN CMD...: run a command as another Unix account (root only).
# LOGIN must be one of this run's test accounts ($(acct x)); it is created
# when missing and removed when the test ends.  Create it (as_user LOGIN
# true) before running it in parallel.  Its files in $T stay readable.
as_user() {
	_login=$1; shift
	case $_login in
	"$PCT_TAG"?*) ;;
	*) echo "as_user: '$_login' is not a test account (use \$(acct NAME))" >&2; return 1 ;;
	esac
	if ! id "$_login" >/dev/null 2>&1; then
		echo "$_login" >>"$T/.accounts"
		_n=0	# useradd fails while another run holds /etc/passwd's lock
		until add_account "$_login" >/dev/null 2>&1 || id "$_login" >/dev/null 2>&1; do
			_n=$((_n + 1)); [ $_n -lt 50 ] || return 1; sleep 0.1
		done
	fi
	setpriv --reuid="$_login" --regid=users --clear-groups -- "$@"
}
# add_account LOGIN: useradd one at a time.  Two tests (or two processes
# of one) creating the same account at once would both pass useradd's
# check, and the second would give it another uid, leaving the first's
# processes with a uid that no longer exists (seen on a fresh machine).
add_account() {
	flock /tmp/paicha-tests-useradd.lock sh -c \
	    'id "$1" >/dev/null 2>&1 || useradd -M -N -s /bin/sh "$1"' sh "$1"
}
can_switch_users() { [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && command -v useradd >/dev/null; }

# share_build_with_other_users: a build tree under /root (mode 0700) is
# out of other accounts' reach; as root, when nobody else may run $PAICHA,
# copy it, the geocoder module and the catalogue into $T (world-readable)
# and point PAICHA, PAICHA_GEOCODER and PAICHA_LOCALEDIR there, so that
# as_user and t2 run the same binary.
share_build_with_other_users() {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null || return 0
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$PAICHA" 2>/dev/null && return 0
	mkdir -p "$T/build" && cp "$PAICHA" "$T/build/paicha" || return 1
	[ -f "${PAICHA_GEOCODER:-}" ] && cp "$PAICHA_GEOCODER" "$T/build/paicha-geocoder.so" &&
	    PAICHA_GEOCODER=$T/build/paicha-geocoder.so && export PAICHA_GEOCODER
	[ -d "${PAICHA_LOCALEDIR:-}" ] && cp -R "$PAICHA_LOCALEDIR" "$T/build/locale" &&
	    PAICHA_LOCALEDIR=$T/build/locale && export PAICHA_LOCALEDIR
	chmod -R a+rX "$T/build"
	PAICHA=$T/build/paicha
}
share_build_with_other_users

# ---- the terminal harness ----
# tui_start NAME COLS ROWS CMD...: start CMD in a private tmux at a size.
tui_start() {
	_name=$1 _cols=$2 _rows=$3; shift 3
	"${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" -f /dev/null new-session -d -s "$_name" \
	    -x "$_cols" -y "$_rows" -- "$@"
	"${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" set-option -t "$_name" remain-on-exit on >/dev/null
}
tui_keys() { _name=$1; shift; "${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" send-keys -t "$_name" "$@"; }
tui_screen() { "${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" capture-pane -p -t "$1"; }
tui_resize() { "${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" resize-window -t "$1" -x "$2" -y "$3"; }
# tui_wait NAME TEXT [SECONDS]: poll the screen until it shows TEXT.
tui_wait() {
	_name=$1 _text=$2 _secs=${3:-10}
	_tries=$((_secs * 20))
	while [ $_tries -gt 0 ]; do
		if tui_screen "$_name" 2>/dev/null | grep -qF -- "$_text"; then
			return 0
		fi
		sleep 0.05
		_tries=$((_tries - 1))
	done
	diag "timed out waiting for '$_text'; the screen was:"
	tui_screen "$_name" 2>/dev/null | diag "$(cat)"
	return 1
}
# tui_mark NAME: remember the screen as it is, before a key.
tui_mark() { tui_screen "$1" >"$T/.mark.$1" 2>/dev/null; }
# tui_wait_new NAME TEXT [SECONDS]: poll until the screen differs from
# the one tui_mark remembered AND shows TEXT: text the old screen showed
# already proves nothing about the key.
tui_wait_new() {
	_name=$1 _text=$2 _secs=${3:-10}
	_tries=$((_secs * 20))
	while [ $_tries -gt 0 ]; do
		tui_screen "$_name" >"$T/.now.$_name" 2>/dev/null
		if ! cmp -s "$T/.now.$_name" "$T/.mark.$_name" &&
		    grep -qF -- "$_text" "$T/.now.$_name"; then
			return 0
		fi
		sleep 0.05
		_tries=$((_tries - 1))
	done
	diag "timed out waiting for a new screen with '$_text'; the screen was:"
	diag "$(cat "$T/.now.$_name")"
	return 1
}
# tui_wait_gone NAME TEXT [SECONDS]: poll until TEXT is no longer shown.
tui_wait_gone() {
	_name=$1 _text=$2 _secs=${3:-10}
	_tries=$((_secs * 20))
	while [ $_tries -gt 0 ]; do
		tui_screen "$_name" 2>/dev/null | grep -qF -- "$_text" || return 0
		sleep 0.05
		_tries=$((_tries - 1))
	done
	return 1
}
# tui_pgdn_past NAME K MIN: K Page Downs, then wait (up to 20 s: the keys
# may still be on their way on a loaded machine or a sanitizer build)
# until the caller's `pos_now` (the cursor's position the screen shows)
# says more than MIN; pos is left set to it.
tui_pgdn_past() {
	for _ in $(seq "$2"); do tui_keys "$1" NPage; done
	_n=0
	while :; do
		pos=$(pos_now)
		[ "${pos:-0}" -gt "$3" ] || [ $_n -ge 200 ] && break
		sleep 0.1; _n=$((_n + 1))
	done
}
# tui_window_walk NAME M WHAT: on a list screen of M rows held as a window
# of pages (tui/kwin.c), End, the arrows, Home, and the arrows across the
# window's edges row by row; after each, the caller's `at POS` must find
# the screen's cursor on row POS of the list (WHAT names a row: "case").
tui_window_walk() {
	tui_keys "$1" End
	at "$2"
	ok $? "End goes to the last $3"
	tui_keys "$1" Up Up Up
	at $(($2 - 3))
	ok $? "the arrows move from there"
	tui_keys "$1" Home
	at 1
	ok $? "Home goes back to the first"
	for _ in $(seq 200); do tui_keys "$1" Down; done
	at 201
	ok $? "two hundred Downs cross the window's edge row by row"
	for _ in $(seq 150); do tui_keys "$1" Up; done
	at 51
	ok $? "and Ups cross it back"
}
# tui_dead NAME: has the program in NAME exited?
tui_dead() { [ "$("${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" display-message -p -t "$1" '#{pane_dead}')" = 1 ]; }

# ---- a second investigator's terminal, as another Unix account ----
# Set T2_LOGIN=ACCOUNT first (root only; see as_user); the session is "b".
t2() { as_user "$T2_LOGIN" "${TMUX_BIN:-tmux}" -S "$T2SOCK" "$@"; }
# t2_wait TEXT [SECONDS]: poll the second terminal until it shows TEXT.
t2_wait() {
	_n=$((${2:-10} * 20))
	while [ $_n -gt 0 ]; do
		t2 capture-pane -p -t b 2>/dev/null | grep -qF -- "$1" && return 0
		sleep 0.05
		_n=$((_n - 1))
	done
	diag "timed out waiting for '$1'; the screen was:"
	t2 capture-pane -p -t b 2>/dev/null | diag "$(cat)"
	return 1
}
