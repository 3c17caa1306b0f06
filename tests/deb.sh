#!/bin/sh
# make deb (issue 11, "A Debian package"): the package is built with
# debhelper from the release tree, holds every file the install needs with
# its mode (the program is setgid only through postinst's
# dpkg-statoverride), passes lintian without an error, and -- as root, on
# a machine where paicha is not installed already -- installs, runs as an
# ordinary account from the installed paths, and purges without a trace.
#
# Skipped without dpkg-buildpackage or debhelper, and in make distcheck's
# build from the read-only release tree (its sanitizer build): the package
# is built from that same tree by `make deb` in the checkout's make check.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null; then
	skip_test "make deb builds the package" "dpkg-buildpackage or debhelper is not installed (apt-get install dpkg-dev debhelper)"
	done_testing
fi
if [ -z "$(find "$PAICHA_SRCDIR/configure" -perm -u=w 2>/dev/null)" ] ||
    grep -q '^CFLAGS = .*-fsanitize' "$PAICHA_BUILDDIR/Makefile"; then
	skip_test "make deb builds the package" "make distcheck's build (read-only release tree, sanitizers): the checkout's make check builds it"
	done_testing
fi

version=$("$PAICHA" --version | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')
arch=$(dpkg --print-architecture)
deb=paicha_${version}_$arch.deb
is "$(sed -n '1s/^paicha (\([^)]*\)).*/\1/p' "$PAICHA_SRCDIR/debian/changelog")" "$version" \
    "debian/changelog has the version of configure.ac ($version)"

# the build, in the build folder (make's variables of make check unset:
# this is a make of its own)
(unset MAKEFLAGS MFLAGS MAKELEVEL; cd "$PAICHA_BUILDDIR" && rm -f "$deb" && make -s deb) >"$T/make-deb.log" 2>&1
ok $? "make deb succeeds" || diag "$(tail -30 "$T/make-deb.log")"
mv "$PAICHA_BUILDDIR/$deb" "$T/$deb" 2>/dev/null
[ -f "$T/$deb" ]
ok $? "it makes $deb"
[ -f "$T/$deb" ] || done_testing
[ ! -e "$PAICHA_BUILDDIR/deb-build" ]
ok $? "and leaves no build tree behind"

# ---- its contents: every file, its owner and mode
dpkg-deb -c "$T/$deb" | awk '{ sub(/^\.\//, "", $6); print $1, $2, $6 }' >"$T/contents"
for want in \
    "-rwxr-xr-x root/root usr/bin/paicha" \
    "-rw-r--r-- root/root usr/share/locale/zh_CN/LC_MESSAGES/paicha.mo" \
    "-rw-r--r-- root/root usr/share/man/man1/paicha.1.gz" \
    "-rw-r--r-- root/root usr/share/man/zh_CN/man1/paicha.1.gz" \
    "-rw-r--r-- root/root usr/share/bash-completion/completions/paicha" \
    "-rw-r--r-- root/root etc/paicha.conf" \
    "-rw-r--r-- root/root etc/default/paicha-nightly" \
    "-rw-r--r-- root/root etc/cron.d/paicha" \
    "-rw-r--r-- root/root lib/systemd/system/paicha-nightly.service" \
    "-rw-r--r-- root/root lib/systemd/system/paicha-nightly.timer" \
    "-rwxr-xr-x root/root usr/lib/paicha/paicha-nightly.sh" \
    "-rw-r--r-- root/root usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH)/paicha/paicha-geocoder.so" \
    "drwxr-xr-x root/root var/lib/paicha/" \
    "-rw-r--r-- root/root usr/share/doc/paicha/copyright"; do
	grep -qxF -- "$want" "$T/contents"
	ok $? "the package holds $want"
done
is "$(grep -c '^-..[sS]\|^-.....[sS]' "$T/contents")" 0 "no file in the package is setuid or setgid (postinst makes paicha setgid)"
dpkg-deb -e "$T/$deb" "$T/control"
is "$(sort "$T/control/conffiles" | tr '\n' ' ')" "/etc/cron.d/paicha /etc/default/paicha-nightly /etc/paicha.conf " \
    "the conffiles: /etc/paicha.conf, the nightly settings and the cron file"
like "$(cat "$T/control/postinst")" "dpkg-statoverride --update --add root paicha 2755 /usr/bin/paicha" \
    "postinst makes the program setgid paicha (2755)"
like "$(cat "$T/control/postinst")" "dpkg-statoverride --update --add root paicha 2770 /var/lib/paicha" \
    "and the data folder 2770, group paicha, as README and make install do"
like "$(cat "$T/control/postinst")" "addgroup --system --quiet paicha" "postinst creates the system group paicha"
like "$(dpkg-deb -f "$T/$deb" Depends)" "adduser" "the package depends on adduser (addgroup, delgroup)"
dpkg-deb --fsys-tarfile "$T/$deb" | tar -xOf - ./etc/paicha.conf >"$T/paicha.conf"
like "$(cat "$T/paicha.conf")" "db = /var/lib/paicha/paicha.db" "/etc/paicha.conf puts the database in /var/lib/paicha"
dpkg-deb --fsys-tarfile "$T/$deb" | tar -xOf - ./etc/cron.d/paicha >"$T/cron"
like "$(cat "$T/cron")" "30 0 * * * paicha [ -d /run/systemd/system ] || /usr/lib/paicha/paicha-nightly.sh" \
    "the cron line runs the installed job where systemd (the timer) does not"
dpkg-deb --fsys-tarfile "$T/$deb" | tar -xOf - ./lib/systemd/system/paicha-nightly.service >"$T/service"
like "$(cat "$T/service")" "ExecStart=/usr/lib/paicha/paicha-nightly.sh" "the service runs the installed job"

# ---- lintian: no error (warnings and notes are printed)
if command -v lintian >/dev/null; then
	lintian --tag-display-limit 0 "$T/$deb" >"$T/lintian" 2>/dev/null
	is "$(grep -c '^E:' "$T/lintian")" 0 "lintian finds no error" || diag "$(cat "$T/lintian")"
	[ -s "$T/lintian" ] && diag "lintian:" "$(cat "$T/lintian")"
else
	skip_test "lintian finds no error" "lintian is not installed"
fi

# ---- install, run, purge (root only; never over a paicha already there)
if ! can_switch_users || ! command -v flock >/dev/null; then
	skip_test "the package installs, runs and purges" "not root (or no setpriv, useradd, flock)"
	done_testing
fi
exec 9>/tmp/paicha-tests-deb.lock
flock 9
if dpkg-query -W -f='${db:Status-Status}' paicha 2>/dev/null | grep -q . ||
    [ -e /usr/bin/paicha ] || [ -e /etc/paicha.conf ] || [ -e /var/lib/paicha ] || getent group paicha >/dev/null ||
    dpkg-statoverride --list /usr/bin/paicha >/dev/null 2>&1; then
	skip_test "the package installs, runs and purges" "this machine has a paicha (package, /usr/bin/paicha, /etc/paicha.conf, /var/lib/paicha or the group paicha) the test must not touch"
	done_testing
fi
installed=
deb_cleanup() { [ -n "$installed" ] && dpkg --purge paicha >/dev/null 2>&1; }
trap 'deb_cleanup; _cleanup' EXIT

installed=1
DEBIAN_FRONTEND=noninteractive dpkg -i "$T/$deb" >"$T/dpkg-i.log" 2>&1
ok $? "dpkg -i installs the package" || diag "$(cat "$T/dpkg-i.log")"
is "$(dpkg-query -W -f='${db:Status-Status} ${Version}' paicha)" "installed $version" "dpkg says it is installed"
getent group paicha >/dev/null
ok $? "the group paicha exists"
is "$(stat -c '%a %U %G' /usr/bin/paicha)" "2755 root paicha" "/usr/bin/paicha is setgid paicha"
is "$(stat -c '%a %U %G' /var/lib/paicha)" "2770 root paicha" "/var/lib/paicha is 2770 root:paicha"
[ ! -e /etc/systemd/system/timers.target.wants/paicha-nightly.timer ]
ok $? "the nightly timer is installed but not enabled (it needs the account paicha and its settings)"

# an ordinary account (not in the group paicha) runs the installed paicha,
# with a clean environment: the catalogue, the configuration and the data
# folder are the installed ones
u=$(acct deb)
as_user "$u" true
inst() { (cd / && as_user "$u" env -i PATH=/usr/bin:/bin HOME=/ LANG="${LANG_RUN:-C.UTF-8}" PAICHA_NOW="2020-02-03 09:00" /usr/bin/paicha "$@"); }
out=$(inst --version 2>&1)
is "$out" "$("$PAICHA" --version)" "paicha --version runs from /usr/bin as $u"
out=$(inst init --township 黄花镇 --division 430121101 --area-code 0731 2>&1)
ok $? "paicha init, as $u, makes the database named by /etc/paicha.conf" || diag "$out"
is "$(stat -c '%a %G' /var/lib/paicha/paicha.db 2>&1)" "660 paicha" "/var/lib/paicha/paicha.db is 0660, group paicha"
out=$(inst demo --workers 60 --days 2 2>&1)
ok $? "paicha demo runs as $u (its numbers checked through the installed geocoder module)" || diag "$out"
is "$(sqlite /var/lib/paicha/paicha.db "SELECT count(*) FROM workers")" 60 "the demo's 60 workers are in the installed database"
as_user "$u" cat /var/lib/paicha/paicha.db >/dev/null 2>&1
ok "$([ $? -ne 0 ]; echo $?)" "$u cannot read the database except through paicha"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	out=$(LANG_RUN=zh_CN.UTF-8 inst help demo 2>&1)
	like "$out" "选项：" "the installed catalogue speaks Chinese under zh_CN.UTF-8"
else
	skip_test "the installed catalogue speaks Chinese" "no zh_CN.UTF-8 locale"
fi
[ -r /usr/share/bash-completion/completions/paicha ] && [ -r /usr/share/man/zh_CN/man1/paicha.1.gz ]
ok $? "the completion and the Chinese manual page are installed"

# ---- purge: nothing is left
DEBIAN_FRONTEND=noninteractive dpkg --purge paicha >"$T/dpkg-purge.log" 2>&1
ok $? "dpkg --purge removes the package" || diag "$(cat "$T/dpkg-purge.log")"
installed=
left=
for f in /usr/bin/paicha /etc/paicha.conf /etc/default/paicha-nightly /etc/cron.d/paicha \
    /lib/systemd/system/paicha-nightly.service /lib/systemd/system/paicha-nightly.timer \
    /usr/lib/paicha /var/lib/paicha /usr/share/locale/zh_CN/LC_MESSAGES/paicha.mo \
    /usr/share/man/man1/paicha.1.gz /usr/share/man/zh_CN/man1/paicha.1.gz \
    /usr/share/bash-completion/completions/paicha /usr/share/doc/paicha; do
	[ -e "$f" ] && left="$left $f"
done
is "$left" "" "no file of the package is left"
getent group paicha >/dev/null
ok "$([ $? -ne 0 ]; echo $?)" "the group paicha postinst made is gone"
is "$(dpkg-statoverride --list | grep -c paicha)" 0 "and the stat overrides"
st=$(dpkg-query -W -f='${db:Status-Status}' paicha 2>/dev/null)
[ -z "$st" ] || [ "$st" = not-installed ]
ok $? "dpkg knows paicha no more${st:+ (status $st)}"
done_testing
