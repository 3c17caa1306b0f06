#!/bin/sh
# Help (issue 11): `paicha help COMMAND` documents every option of every
# command with an example, generated from the command table: each long
# option of a command's getopt table (read from its source) and each
# --option of its usage line appears under "Options:" with its text; the
# manual page exists in English and Chinese; the bash completion offers
# commands, options and choices.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

cmds=$("$PAICHA" --complete)
like "$cmds" "followup" "paicha --complete lists the commands"
for c in $cmds; do
	run help "$c"
	help=$OUT
	opts=$( { [ -f "$PAICHA_SRCDIR/cli/cmd_$c.c" ] &&
	    grep -o '{ "[a-z-]*", \(required\|no\|optional\)_argument' "$PAICHA_SRCDIR/cli/cmd_$c.c" |
	    sed 's/^{ "\([a-z-]*\)".*/--\1/';
	    "$PAICHA" help "$c" | sed -n 1p | grep -o -- '--[a-z][a-z-]*'; } | sort -u)
	missing=
	options=$(printf '%s\n' "$help" | sed -n '/^Options:$/,/^$/p')
	for o in $opts; do
		[ "$o" = --db ] && continue
		printf '%s\n' "$options" | grep -q -- "^  $o\( \|$\)" || missing="$missing $o"
	done
	is "$missing" "" "help $c documents every option of $c${opts:+ (}$(echo $opts)${opts:+)}"
	like "$help" "Examples:
  paicha $c" "help $c has an example"
	n=$(printf '%s\n' "$help" | wc -l)
	[ "$n" -gt 6 ]
	ok $? "help $c is more than a one-liner ($n lines)"
done
run help followup
for o in --kind --due --note --all --cancel; do
	like "$OUT" "  $o" "help followup documents $o"
done
like "$OUT" "callback, health" "and the kinds --kind takes"

if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	out=$(LC_ALL=zh_CN.UTF-8 "$PAICHA" help followup)
	like "$out" "选项：" "the help is in Chinese under zh_CN.UTF-8"
	like "$out" "回拨" "options included"
else
	skip_test "the help in Chinese" "no zh_CN.UTF-8 locale"
fi

# ---- the manual pages
man_en=$PAICHA_BUILDDIR/paicha.1 man_zh=$PAICHA_BUILDDIR/zh_CN/paicha.1
[ -s "$man_en" ] && [ -s "$man_zh" ]
ok $? "paicha.1 and zh_CN/paicha.1 are built"
like "$(cat "$man_en")" '\fB\-\-cancel\fR' "the English page documents the options"
like "$(cat "$man_zh")" ".SH 命令" "the Chinese page has Chinese headings"
like "$(cat "$man_zh")" "以“取消”而不是“完成”关闭" "and the options' text in Chinese"
like "$(grep -A3 'install-data-local:' "$PAICHA_SRCDIR/Makefile.am")" 'mandir)/zh_CN/man1' "make install installs the Chinese page"

# ---- bash completion
if command -v bash >/dev/null; then
	comp() {
		PATH="$(dirname "$PAICHA"):$PATH" bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _paicha; echo "${COMPREPLY[*]}"' \
		    sh "$PAICHA_SRCDIR/contrib/paicha.bash-completion" "$@"
	}
	is "$(comp paicha fol)" "followup" "completion: commands"
	is "$(comp paicha followup "")" "list add move close --all --kind --due --note --past --cancel" "completion: subcommands and options"
	is "$(comp paicha followup add 12 --kind "")" "callback health medical job escalation" "completion: choices"
	is "$(comp paicha user add wf --role l)" "lead" "completion: a role"
	is "$(comp paicha help ex)" "export" "completion: help COMMAND"
else
	skip_test "bash completion" "no bash"
fi
done_testing
