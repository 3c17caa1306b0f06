#!/bin/sh
# Widths at 80x24 (issue 11): the queue's reason is shown whole in its
# column and under the list; ambiguous_width = 2 (config or
# $PAICHA_AMBIGUOUS_WIDTH) draws the chrome without East Asian Ambiguous
# characters (tmux cannot draw them wide: the row widths themselves are
# checked by tests/unit/test_queue_layout); a bad value is refused.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
# one of my cases with a callback that was due yesterday: a long reason
# ("callback due 02-02 09:30" was cut to 15 columns)
W3=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$ME' AND c.contact = 'reached' AND c.worker_id <> $W1 ORDER BY c.worker_id LIMIT 1")
name=$(sql "SELECT name FROM workers WHERE id = $W3")
"$PAICHA" followup add "$W3" --kind callback --due "2020-02-02 09:30" --past >/dev/null
ok $? "a callback due yesterday"
like "$("$PAICHA" queue | grep -F "$name")" "callback due 02-02 09:30" "the queue says the callback is due"

for lang in C.UTF-8 zh_CN.UTF-8; do
	if [ "$lang" = zh_CN.UTF-8 ] && ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
		skip_test "in Chinese" "no zh_CN.UTF-8 locale"; continue
	fi
	n=${lang%%_*}; n=${n%%.*}
	why=$(LC_ALL=$lang LANG=$lang "$PAICHA" queue | grep -F "$name" | sed 's/^[0-9]* *[^ ]* *[^ ]* *[^ ]* *//; s/ *\[[A-Z]*\]$//')
	tui_start "w$n" 80 24 env LANG=$lang LC_ALL=$lang "$PAICHA"
	tui_wait "w$n" "$name"
	row=$(tui_screen "w$n" | grep -F "$name" | head -1)
	like "$row" "$why" "$lang: at 80 columns the row shows the reason whole ($why)"
	unlike "$row" "…" "$lang: nothing is cut on that row"
	k=0
	while ! tui_screen "w$n" | tail -4 | grep -qF "$name: $why" && [ $k -lt 40 ]; do
		tui_keys "w$n" Down; sleep 0.1; k=$((k + 1))
	done
	like "$(tui_screen "w$n" | tail -4)" "$name: $why" "$lang: the line under the list says it whole"
	tui_keys "w$n" q
done

# ---- ambiguous_width = 2: the separator is '-', not U+2500
printf 'ambiguous_width = 2\n' > "$T/paicha.conf"
tui_start a2 80 24 env PAICHA_CONF="$T/paicha.conf" LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait a2 "1 of"
like "$(tui_screen a2)" "----------1 of" "ambiguous_width = 2 in the config: the separator is plain '-'"
unlike "$(tui_screen a2)" "─" "and no U+2500 is drawn"
tui_keys a2 q
tui_start e2 80 24 env PAICHA_AMBIGUOUS_WIDTH=2 LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait e2 "1 of"
like "$(tui_screen e2)" "----------1 of" "PAICHA_AMBIGUOUS_WIDTH=2 does the same"
tui_keys e2 q
tui_start e1 80 24 env PAICHA_CONF="$T/paicha.conf" PAICHA_AMBIGUOUS_WIDTH=1 LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait e1 "1 of"
like "$(tui_screen e1)" "──────────1 of" "the environment overrides the config"
tui_keys e1 q

# an ambiguous character in a name: counted two columns and drawn as a wide
# look-alike (・ for ·), so the next column starts where the header's does
sql "UPDATE workers SET name = '阿·买' WHERE id = $W1"
village=$(sql "SELECT village FROM workers WHERE id = $W1")
tui_start n2 80 24 env PAICHA_AMBIGUOUS_WIDTH=2 LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait n2 "1 of"
like "$(tui_screen n2 | grep -F "阿")" "阿・买   $village" "at ambiguous_width = 2 '·' is drawn as '・' and the columns hold"
tui_keys n2 q
tui_start n1 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait n1 "1 of"
like "$(tui_screen n1 | grep -F "阿")" "阿·买    $village" "at ambiguous_width = 1 it is drawn as it is, one column"
tui_keys n1 q

PAICHA_AMBIGUOUS_WIDTH=3 run queue
is "$RC" 1 "ambiguous_width = 3 is refused"
like "$ERR" "ambiguous_width must be 1 or 2" "saying what it may be"
printf 'ambiguous_width = wide\n' > "$T/paicha.conf"
PAICHA_CONF="$T/paicha.conf" run queue
like "$ERR" "$T/paicha.conf" "a bad value in the config names the file"

done_testing
