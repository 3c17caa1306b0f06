#!/bin/sh
# Locales (issue 11): Xshell and SecureCRT expect GBK/GB18030 by default.
# Under zh_CN.GB18030 the screens, the messages and gettext come out in
# GB18030 (decoded from the very bytes the terminal receives), what is
# typed comes in as GB18030, and the commands convert their arguments and
# output.  In a locale that can show no Chinese (C) paicha says so once,
# in English, with the setting to change, and shows '?' instead.
# The GB18030 locale is compiled into the test's folder (LOCPATH), so the
# test needs no root; the quick start generates it for the system.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

TM=${TMUX_BIN:-tmux}
command -v "$TM" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
phone=$(sql "SELECT display FROM phones WHERE worker_id = $W1 AND removed_at IS NULL ORDER BY rank LIMIT 1")
zh() { LANGUAGE= LC_ALL=zh_CN.UTF-8 TEXTDOMAINDIR="$PAICHA_BUILDDIR/locale" gettext paicha "$1"; }
gb() { printf %s "$1" | iconv -f UTF-8 -t GB18030; }
hex() { printf %s "$1" | od -An -tx1; }

mkdir -p "$T/locale"
if command -v localedef >/dev/null && [ -f /usr/share/i18n/charmaps/GB18030.gz ] &&
    localedef -i zh_CN -f GB18030 "$T/locale/zh_CN.GB18030" 2>/dev/null &&
    [ "$(LOCPATH="$T/locale" LC_ALL=zh_CN.GB18030 locale charmap 2>/dev/null)" = GB18030 ]; then
	G="env LOCPATH=$T/locale LANG=zh_CN.GB18030 LC_ALL=zh_CN.GB18030"
	ok 0 "a zh_CN.GB18030 locale"

	# ---- the screens
	tui_start g 80 24 sh -c 'sleep 0.3; exec "$@"' sh $G "$PAICHA"
	"$TM" -S "$TMUX_SOCK" pipe-pane -o -t g "cat >> '$T/gb.bytes'"
	n=0
	while ! { iconv -f GB18030 -t UTF-8 < "$T/gb.bytes"; } 2>/dev/null | grep -qF "欧阳娜娜" && [ $n -lt 200 ]; do
		sleep 0.05; n=$((n + 1))
	done
	sleep 0.3
	text=$(iconv -f GB18030 -t UTF-8 < "$T/gb.bytes")
	ok $? "the bytes the terminal receives are GB18030"
	like "$text" "欧阳娜娜" "the queue shows the Chinese names"
	like "$text" "$phone" "and the phone"
	like "$text" "$(zh "Call queue")" "the title comes from the Chinese catalogue"
	like "$text" "$(zh "Why here")" "and the column titles"
	if iconv -f UTF-8 -t UTF-8 < "$T/gb.bytes" >/dev/null 2>&1; then
		ok 1 "nothing is sent as UTF-8"
	else
		ok 0 "nothing is sent as UTF-8"
	fi
	# what is typed comes in as GB18030: search for 欧阳 and open the case
	size=$(wc -c < "$T/gb.bytes")
	tui_keys g /
	sleep 0.3
	# shellcheck disable=SC2046
	"$TM" -S "$TMUX_SOCK" send-keys -t g -H $(hex "$(gb 欧阳)")
	n=0
	while ! tail -c +"$((size + 1))" "$T/gb.bytes" | iconv -f GB18030 -t UTF-8 2>/dev/null |
	    grep -qF "欧阳娜娜" && [ $n -lt 200 ]; do
		sleep 0.05; n=$((n + 1))
	done
	like "$(tail -c +"$((size + 1))" "$T/gb.bytes" | iconv -f GB18030 -t UTF-8)" "欧阳娜娜" \
	    "typing 欧阳 in GB18030 finds 欧阳娜娜"
	tui_keys g q q

	# ---- the commands
	$G "$PAICHA" queue > "$T/q.gb" 2>&1
	like "$(iconv -f GB18030 -t UTF-8 < "$T/q.gb")" "欧阳娜娜" "paicha queue prints GB18030"
	like "$(iconv -f GB18030 -t UTF-8 < "$T/q.gb")" "$(zh "health check due")" "with the catalogue's Chinese"
	if iconv -f UTF-8 -t UTF-8 < "$T/q.gb" >/dev/null 2>&1; then ok 1 "not UTF-8"; else ok 0 "not UTF-8"; fi
	$G "$PAICHA" search "$(gb 欧阳娜娜)" > "$T/s.gb" 2>&1
	like "$(iconv -f GB18030 -t UTF-8 < "$T/s.gb")" "欧阳娜娜" "an argument typed in GB18030 is understood"
	$G "$PAICHA" no-such-command > "$T/e.gb" 2>&1
	like "$(iconv -f GB18030 -t UTF-8 < "$T/e.gb")" "$(zh "paicha: no command '%s'
" | sed 's/%s.*//')" "error messages are GB18030 too"
else
	skip_test "a zh_CN.GB18030 locale" "localedef or the GB18030 charmap is missing"
fi

# ---- a locale that can show no Chinese
LC_ALL=C LANG=C "$PAICHA" queue > "$T/q.c" 2>"$T/q.c.err"
like "$(cat "$T/q.c")" "????????" "under LC_ALL=C Chinese names become '?', one a column"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$T/q.c"; then ok 1 "and nothing but ASCII is written"
else ok 0 "and nothing but ASCII is written"; fi
is "$(cat "$T/q.c.err")" "" "not on a terminal, nothing is said"
tui_start c 80 24 sh -c 'env LC_ALL=C LANG=C "$1" queue >/dev/null; echo "rc=$?"; env -u LANG LC_ALL= "$1"; echo "exit=$?"; sleep 600' sh "$PAICHA"
tui_wait c "This locale cannot show Chinese"
ok $? "the screens say in English that Chinese cannot be shown"
like "$(tui_screen c)" "??????" "and show '?' for the names"
tui_keys c q
tui_wait c "exit=0"
screen=$(tui_screen c)
is "$(printf '%s\n' "$screen" | grep -c "cannot show Chinese")" 2 \
    "said once by the command and once by the screens, on the terminal"
like "$screen" "export LANG=zh_CN.UTF-8" "with the exact setting to change"
like "$screen" "Remote character set: UTF-8" "and PuTTY's"

done_testing
