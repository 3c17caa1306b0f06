#!/bin/sh
# A fresh machine (issue 11): cloned under /root (mode 0700), the tests
# that run paicha as other Unix accounts still work (tests/lib.sh copies
# the binary and the catalogue where they can reach them), and the quick
# start installs every package the build and the tests use.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

# every tool the tests call comes from a package the quick start installs
# (or from an Essential one)
pk=$(sed -n '/^PACKAGES="/,/"$/p' "$PAICHA_SRCDIR/contrib/quickstart.sh" | tr -d '"' | sed 's/^PACKAGES=//')
for p in procps ncurses-term tmux sqlite3 gettext locales python3 util-linux passwd bc time \
    strace debhelper dpkg-dev lintian; do
	like " $(echo $pk) " " $p " "the quick start installs $p"
done
like "$(sed -n '/^make_locale/,/^}/p' "$PAICHA_SRCDIR/contrib/quickstart.sh")" "zh_CN.GB18030" \
    "the quick start generates zh_CN.GB18030"

if can_switch_users; then
	# a build tree only root can enter, as /root/paicha is
	mkdir -p "$T/root" && chmod 0700 "$T/root"
	cp "$PAICHA" "$T/root/paicha" && cp -R "$PAICHA_LOCALEDIR" "$T/root/locale"
	out=$(PAICHA="$T/root/paicha" PAICHA_LOCALEDIR="$T/root/locale" sh -c \
	    '. "$PAICHA_SRCDIR/tests/lib.sh"; as_user "$(acct nobody)" "$PAICHA" --version; echo "rc=$?"' 2>&1)
	like "$out" "paicha $("$PAICHA" --version | cut -d' ' -f2)" "another account runs paicha from a build tree under a 0700 folder"
	like "$out" "rc=0" "and it succeeds"
	out=$(PAICHA="$T/root/paicha" PAICHA_LOCALEDIR="$T/root/locale" sh -c \
	    '. "$PAICHA_SRCDIR/tests/lib.sh"; as_user "$(acct nobody)" env LANGUAGE= LC_ALL=zh_CN.UTF-8 "$PAICHA" no-such 2>&1' 2>&1)
	if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
		like "$out" "没有命令" "with the Chinese catalogue"
	else
		skip_test "with the Chinese catalogue" "no zh_CN.UTF-8 locale"
	fi
	# four processes asking for one new account at once: one account, one uid
	acct=$(acct race)
	for k in 1 2 3 4; do as_user "$acct" id -u > "$T/uid$k" 2>&1 & done
	wait
	is "$(cat "$T/uid1" "$T/uid2" "$T/uid3" "$T/uid4" | sort -u)" "$(id -u "$acct")" \
	    "an account created by processes racing keeps one uid"
	userdel "$acct" 2>/dev/null
else
	skip_test "another account runs paicha from a 0700 build tree" "needs root to switch accounts"
fi
done_testing
