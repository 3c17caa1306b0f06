#!/bin/sh
# The foundation: init, users, identity, help, exit codes, database lookup.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
me=$(id -un)

run --help
is "$RC" 0 "--help exits 0"
like "$OUT" "import" "--help lists the commands from the table"

run --version
like "$OUT" "paicha " "--version prints the version"

run frobnicate
is "$RC" 2 "an unknown command is a usage error (exit 2)"
like "$ERR" "no command 'frobnicate'" "an unknown command is named"

run help user
is "$RC" 0 "help COMMAND exits 0"
like "$OUT" "usage: paicha [--db PATH] user add LOGIN" "help COMMAND prints the usage from the table"

run --man
like "$OUT" ".TH PAICHA 1" "the manual page is generated"
like "$OUT" "add LOGIN \\-\\-role" "the manual page has every command"

run stats
is "$RC" 1 "a command without a database is a user error"
like "$ERR" "paicha init" "and says to run paicha init"

run init --division 4301
is "$RC" 1 "a bad division code is refused"
like "$ERR" "9-digit" "the message says what a division code is"

PAICHA_NOW="2020-01-26 08:00" run init --township 黄花镇 --division 430121101 --area-code 0731
is "$RC" 0 "init creates the database"
is "$(sql "SELECT login || ' ' || role FROM users")" "$me admin" "init registers the invoking account as admin"
is "$(sql "SELECT value FROM settings WHERE key = 'division'")" "430121101" "init stores the division code"
is "$(sql "PRAGMA journal_mode")" "wal" "the database is in WAL mode"
mode=$(stat -c %a "$PAICHA_DB")
is "$mode" "660" "the database is read-write for the owner and group only"

run init
is "$RC" 0 "init again is harmless"
is "$(sql "SELECT count(*) FROM users")" "1" "init again registers nobody twice"

run user add zhangwei --role investigator --name 张伟
is "$RC" 0 "user add registers an investigator"
run user add zhangwei --role investigator --name 张伟
is "$RC" 1 "a login is registered once"
like "$ERR" "registered already" "and the message says so"
run user add lina --role boss --name 李娜
is "$RC" 1 "an unknown role is refused"
run user add lina --name 李娜
is "$RC" 2 "user add without --role is a usage error"
run user add lina --role lead --name 李娜
run user list
like "$OUT" "zhangwei" "user list shows the investigator"
like "$OUT" "张伟" "user list shows display names"
run user disable zhangwei
is "$RC" 0 "user disable works"
is "$(sql "SELECT active FROM users WHERE login = 'zhangwei'")" "0" "a disabled user is kept, inactive"
run user disable "$me"
is "$RC" 1 "an admin cannot disable themselves"

# The database is found by --db, then $PAICHA_DB, then the config file.
mkdir "$T/other"
run --db "$T/other/x.db" init
is "$RC" 0 "--db names the database"
test -f "$T/other/x.db"; ok $? "--db created the file it named"
printf 'db = %s\n# a comment\ntownship = 东山镇\n' "$T/other/x.db" > "$T/paicha.conf"
(unset PAICHA_DB; PAICHA_CONF="$T/paicha.conf" "$PAICHA" user list >"$T/o" 2>&1)
like "$(cat "$T/o")" "$me" "db = in the config file is used without --db or PAICHA_DB"
printf 'nonsense line\n' > "$T/bad.conf"
(PAICHA_CONF="$T/bad.conf" "$PAICHA" user list >"$T/o" 2>&1; echo "rc=$?" >>"$T/o")
like "$(cat "$T/o")" "expected 'key = value'" "a broken config file is named with its line"

# Identity is the Unix account, never $USER.
USER=zhangwei LOGNAME=zhangwei run user add someone --role investigator --name 某人
is "$RC" 0 "\$USER does not change who you are"
if can_switch_users; then
	chmod 0777 "$T"; chmod 0666 "$PAICHA_DB" "$PAICHA_DB"-wal "$PAICHA_DB"-shm 2>/dev/null
	nobody=$(acct nobody)
	as_user "$nobody" "$PAICHA" stats >"$T/o" 2>&1
	like "$(cat "$T/o")" "not registered" "an unregistered account is refused"
	like "$(cat "$T/o")" "paicha user add $nobody" "and told what to ask the admin for"
else
	skip_test "an unregistered account is refused" "needs root to switch accounts"
	skip_test "and told what to ask the admin for" "needs root to switch accounts"
fi
done_testing
