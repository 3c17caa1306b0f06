#!/bin/sh
# quickstart.sh -- the two commands of README.md's quick start.
#
#   contrib/quickstart.sh demo   install what is missing, build, open the UI
#                                on a demo database (./demo/paicha.db)
#   contrib/quickstart.sh test   install what is missing, build, and run every
#                                test: once plainly, once (as part of make
#                                distcheck) under AddressSanitizer and
#                                UndefinedBehaviorSanitizer
#
# Run it as root on Debian 12 (it installs Debian packages), or as a user
# once the packages are there.  It is idempotent: what is installed or
# built already is not done again.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

PACKAGES="build-essential autoconf automake pkg-config gettext make gcc g++
 libncurses-dev libsqlite3-dev sqlite3 libpcre2-dev libphonenumber-dev libicu-dev
 libprotobuf-dev libxlsxwriter-dev libcmocka-dev libzip-dev libxml2-dev nettle-dev unicode-data
 locales tmux python3 python3-openpyxl util-linux passwd time bc
 ncurses-term procps debhelper dpkg-dev lintian adduser strace"

say() { printf '== %s\n' "$*" >&2; }

install_packages() {
	missing=
	for p in $PACKAGES; do
		s=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
		[ "$s" = installed ] || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "quickstart: these Debian packages are missing:$missing" >&2
		echo "quickstart: run this script as root, or: apt-get install$missing" >&2
		exit 1
	fi
	say "installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

# make_locale: zh_CN.UTF-8, and zh_CN.GB18030 (what Xshell and SecureCRT
# expect by default).
make_locale() {
	have=$(locale -a 2>/dev/null)
	need=
	printf '%s\n' "$have" | grep -qi '^zh_CN\.utf-\?8$' || need="$need zh_CN.UTF-8:UTF-8"
	printf '%s\n' "$have" | grep -qi '^zh_CN\.gb18030$' || need="$need zh_CN.GB18030:GB18030"
	[ -z "$need" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "quickstart: the locales${need} are missing; as root run: locale-gen" >&2
		return 0
	fi
	for l in $need; do
		name=${l%%:*} charset=${l#*:}
		say "generating the $name locale"
		if [ -f /etc/locale.gen ] && grep -q "^# *$name $charset" /etc/locale.gen; then
			sed -i "s/^# *\($name $charset\)/\1/" /etc/locale.gen
		elif ! grep -q "^$name $charset" /etc/locale.gen 2>/dev/null; then
			echo "$name $charset" >> /etc/locale.gen
		fi
	done
	locale-gen >/dev/null
}

# build DIR [CONFIGURE-ARGS...]: configure (once) and make in DIR.
build() {
	dir=$1; shift
	[ -x "$top/configure" ] && [ "$top/configure" -nt "$top/configure.ac" ] \
	    && [ "$top/Makefile.in" -nt "$top/Makefile.am" ] || { say "bootstrapping"; ./autogen.sh; }
	mkdir -p "$dir"
	if [ ! -f "$dir/Makefile" ]; then
		say "configuring $dir"
		(cd "$dir" && "$top/configure" -q "$@")
	fi
	say "building in $dir"
	make -C "$dir" -s -j"$(nproc)"
}

mode=${1:-}
case "$mode" in
demo)
	install_packages
	make_locale
	build "$top/_build/main" --enable-werror
	bin=$top/_build/main/paicha
	mkdir -p "$top/demo"
	export PAICHA_DB="$top/demo/paicha.db" PAICHA_LOCALEDIR="$top/_build/main/locale"
	# The demo township's history runs from 2020-01-26 for 8 days; its
	# clock is pinned to the morning after, so the queue is as it was then.
	export PAICHA_NOW="2020-02-03 09:00"
	if [ ! -f "$PAICHA_DB" ]; then
		"$bin" init --township 黄花镇 --division 430121101 --area-code 0731
		"$bin" demo --workers 500 --seed 1
	fi
	# The township works in Chinese: the demo speaks it unless told
	# otherwise (PAICHA_DEMO_LANG=C.UTF-8 for English).
	export LANG="${PAICHA_DEMO_LANG:-zh_CN.UTF-8}"
	export LC_ALL="$LANG"
	exec "$bin"
	;;
test)
	install_packages
	make_locale
	build "$top/_build/check" --enable-werror
	log=$top/_build/test-output.txt
	: > "$log"
	status=0
	say "pass 1: make check"
	make -C "$top/_build/check" check -j"$(nproc)" 2>&1 | tee -a "$log" | grep -E '^(PASS|FAIL|ERROR|SKIP|XPASS|XFAIL)|^# ' || true
	grep -q '^# FAIL: *0$' "$log" && grep -q '^# ERROR: *0$' "$log" || status=1
	say "pass 2: make distcheck, its tests under AddressSanitizer and UndefinedBehaviorSanitizer"
	san="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	if ! make -C "$top/_build/check" distcheck \
	    DISTCHECK_CONFIGURE_FLAGS="--enable-werror CFLAGS='$san' CXXFLAGS='$san' LDFLAGS='-fsanitize=address,undefined'" \
	    2>&1 | tee "$top/_build/distcheck-output.txt" | grep -E '^(FAIL|ERROR|XPASS)|^# |archives ready|^make.*Error' ; then
		:
	fi
	grep -q 'archives ready for distribution' "$top/_build/distcheck-output.txt" || status=1
	cat "$top/_build/distcheck-output.txt" >> "$log"
	pass=$(awk '/^# PASS:/ {s += $3} END {print s + 0}' "$log")
	fail=$(awk '/^# (FAIL|ERROR|XPASS):/ {s += $3} END {print s + 0}' "$log")
	skip=$(awk '/^# SKIP:/ {s += $3} END {print s + 0}' "$log")
	if [ "$status" -ne 0 ] && [ "$fail" -eq 0 ]; then
		echo "quickstart: the build or make distcheck failed; see _build/distcheck-output.txt" >&2
		fail=1
	fi
	echo "$pass passed, $fail failed, $skip skipped"
	exit "$status"
	;;
*)
	echo "usage: contrib/quickstart.sh demo|test" >&2
	exit 2
	;;
esac
