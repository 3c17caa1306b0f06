#!/bin/sh
# The Chinese translation: complete (a string added to the sources without a
# translation fails here, on purpose), and what the commands print follows
# the locale -- Chinese under zh_CN.UTF-8, English under C.UTF-8 -- with
# columns that still line up when the text is Chinese.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
po="$PAICHA_SRCDIR/po/zh_CN.po"

# ---- the catalogue itself ----
stats=$(LC_ALL=C "${MSGFMT:-msgfmt}" -c --statistics -o "$T/zh_CN.mo" "$po" 2>&1)
is "$?" 0 "msgfmt -c accepts po/zh_CN.po (printf directives match)"
like "$stats" " translated message" "msgfmt counts the translated messages"
unlike "$stats" "untranslated" "no message is left untranslated"
unlike "$stats" "fuzzy" "no message is left fuzzy"
diag "$stats"

if command -v "${XGETTEXT:-xgettext}" >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1; then
	XGETTEXT=${XGETTEXT:-xgettext} sh "$PAICHA_SRCDIR/po/potfiles.sh" "$PAICHA_SRCDIR" > "$T/POTFILES"
	is "$(cat "$T/POTFILES")" "$(cat "$PAICHA_SRCDIR/po/POTFILES")" \
	    "po/POTFILES lists every source with a marked string (make update-po)"
	# the keywords of XGETTEXT_FLAGS in Makefile.am
	(cd "$PAICHA_SRCDIR" && "${XGETTEXT:-xgettext}" --from-code=UTF-8 -k_ -kN_ \
	    --keyword=gettext_noop -f "$T/POTFILES" -o "$T/paicha.pot" 2>/dev/null)
	msgcmp "$po" "$T/paicha.pot" > "$T/msgcmp" 2>&1
	ok $? "every string in the sources has a translation in po/zh_CN.po"
	[ -s "$T/msgcmp" ] && diag "run 'make update-po' and translate:" "$(head -20 "$T/msgcmp")"
else
	skip_test "po/POTFILES is up to date" "no xgettext or msgcmp"
	skip_test "every string in the sources has a translation" "no xgettext or msgcmp"
fi

# ---- the program in both languages ----
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	skip_test "the commands speak Chinese" "no zh_CN.UTF-8 locale"
	done_testing
fi
# (lib.sh exported both; they go back to C.UTF-8 after each command)
zh() { LANG=zh_CN.UTF-8; LC_ALL=zh_CN.UTF-8; run "$@"; LANG=C.UTF-8; LC_ALL=C.UTF-8; }
en() { run "$@"; }
# display columns of the longest line (wc -L counts a CJK character as two)
cols() { printf '%s\n' "$1" | LC_ALL=zh_CN.UTF-8 wc -L; }

zh --help
is "$RC" 0 "--help in Chinese exits 0"
like "$OUT" "用法：paicha [--db PATH] [COMMAND [ARGS]]" "--help: the usage line is Chinese"
like "$OUT" "  init      创建数据库，并把自己登记为管理员" "--help: each command's summary is Chinese"
like "$OUT" "  --help      本帮助" "--help: the options keep their names"
en --help
like "$OUT" "usage: paicha [--db PATH] [COMMAND [ARGS]]" "--help in C.UTF-8 stays English"
like "$OUT" "create the database and register yourself as its admin" \
    "--help in C.UTF-8: English summaries"

zh help call
like "$OUT" "登记一次对人员的通话" "help call: the summary is Chinese"
like "$OUT" "KEY=VALUE 的键（通话结果用 --outcome 填）：" "help call: keys are introduced in Chinese"
like "$OUT" "    whereabouts: 去向，问到时必填" "help call: keys stay English, labels are Chinese"
like "$OUT" "        reached = 已接通
" "help call: a choice whose translation is the provincial label shows it once"
# (the usage line from the command table is long in English as well)
ok "$([ "$(cols "$(printf '%s\n' "$OUT" | sed 1d)")" -le 80 ] && echo 0 || echo 1)" \
    "help call: Chinese paragraphs are wrapped within 80 columns"
en help call
like "$OUT" "record a call to a worker" "help call in C.UTF-8 stays English"
like "$OUT" "        reached = Reached 已接通" "help call in English: the provincial label follows"

export PAICHA_NOW="2020-02-03 09:00"
run init
run demo --workers 60
is "$RC" 0 "a demo township"
zh stats
is "$RC" 0 "stats in Chinese exits 0"
like "$OUT" "联系进度" "stats: the table's title is Chinese"
like "$OUT" "A类（在鄂务工）：" "stats: group A is named as in the notice"
like "$OUT" "B类（湖北籍在本地就业）：" "stats: group B is named as in the notice"
like "$OUT" "  其中无法联系" "stats: the unreachable row is Chinese, a part of 未联系上"
like "$OUT" "未完成随访：" "stats: open follow-ups in Chinese"
# every row of the progress table ends at the same column, whatever the
# width of its Chinese label; so do the three counts above it
w=$(printf '%s\n' "$OUT" | grep '%$' | while IFS= read -r l; do cols "$l"; done | sort -u)
is "$(printf '%s\n' "$w" | wc -l)" 1 "stats: the progress rows line up in Chinese"
w=$(printf '%s\n' "$OUT" | grep -E '^(A类|B类|合计)' | while IFS= read -r l; do cols "$l"; done |
    sort -u)
is "$(printf '%s\n' "$w" | wc -l)" 1 "stats: the group counts line up in Chinese"
en stats
like "$OUT" "Contact progress" "stats in C.UTF-8 stays English"
like "$OUT" "Group A (local workers employed in Hubei):" "stats in C.UTF-8: English group names"

zh show 1
like "$OUT" "  性别：" "show: the labels are Chinese"
# the values after the labels start at one column: 2 + 14 + 1
vals=$(printf '%s\n' "$OUT" | grep -E '^  (性别|身份证号|联系电话|村\(社区\)|务工地|工作单位|类别)：' |
    while IFS= read -r l; do
	label=${l%%：*}
	rest=${l#*：}
	pad=${rest%%[! ]*}
	cols "$label：$pad"
    done | sort -u)
is "$vals" 17 "show: the values line up after Chinese labels"

zh show 999999
is "$RC" 1 "an unknown worker is a user error in Chinese too"
like "$ERR" "没有编号为 999999 的人员：请用 'paicha search' 查找" "the error message is Chinese"
en show 999999
like "$ERR" "no worker number 999999" "and English in C.UTF-8"

zh frobnicate
like "$ERR" "paicha: 没有命令 'frobnicate'" "an unknown command is reported in Chinese"

done_testing
