# tests/lib.sh -- sourced by every shell test: TAP output, a private
# folder with its own database, running the real binary, and the terminal
# harness the screen tests use (a private tmux server at a fixed size,
# polled until the expected text appears; never a bare sleep).
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

_cleanup() {
	if [ -n "${T2_LOGIN:-}" ] && [ -S "$T2SOCK" ]; then
		t2 kill-server 2>/dev/null
	fi
	if [ -S "$TMUX_SOCK" ]; then
		"${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" kill-server 2>/dev/null
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

# sql QUERY: one value from the test database, through the sqlite3 shell.
sql() { "${SQLITE3:-sqlite3}" -batch -noheader "$PAICHA_DB" "$1"; }

# as_user LOGIN CMD...: run a command as another Unix account (root only);
# the account is created when missing.  Its files in $T stay readable.
as_user() {
	_login=$1; shift
	id "$_login" >/dev/null 2>&1 || add_account "$_login" >/dev/null 2>&1 || return 1
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
# copy it and the catalogue into $T (world-readable) and point PAICHA and
# PAICHA_LOCALEDIR there, so that as_user and t2 run the same binary.
share_build_with_other_users() {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null || return 0
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$PAICHA" 2>/dev/null && return 0
	mkdir -p "$T/build" && cp "$PAICHA" "$T/build/paicha" || return 1
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
