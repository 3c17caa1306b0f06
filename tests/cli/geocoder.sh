#!/bin/sh
# The offline geocoder is a module of paicha's own (paicha-geocoder.so,
# forms/geocoder.h), loaded when a new number needs its region: paicha
# itself does not link libgeocoding (14 MB of relocated tables in every
# process, the queue's and the reports' among them); an uninstalled paicha
# finds the module beside itself; when it cannot be loaded, a number is
# refused with why and what to do, and nothing is stored; import and demo
# stop before they start.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

is "$(ldd "$PAICHA" | grep -c 'libgeocoding')" 0 "paicha does not link the geocoder"
is "$(ldd "$PAICHA_GEOCODER" | grep -c 'libgeocoding')" 1 "paicha-geocoder.so does"

export PAICHA_NOW="2020-02-03 10:00"
run init --township 黄花镇 --division 430121100 --area-code 0731
run demo --workers 20 --seed 4
is "$RC" 0 "a demo township, its phones checked through the module"
is "$(sql "SELECT count(*) FROM phones WHERE region = ''")" 0 "every demo phone has its region"

W=$(sql "SELECT min(id) FROM workers")
nph() { sql "SELECT count(*) || ' ' || (SELECT version FROM workers WHERE id = $W) FROM phones WHERE worker_id = $W"; }

# the module beside the program, as a build tree has it
( unset PAICHA_GEOCODER; cd /; "$PAICHA" edit "$W" --add-phone 13874123456 ) >"$T/o" 2>&1
is "$?" 0 "without PAICHA_GEOCODER the program finds the module beside itself"
is "$(sql "SELECT region FROM phones WHERE e164 = '+8613874123456'")" "湖南省株洲市" "and the number has its region"
before=$(nph)

# the module missing
PAICHA_GEOCODER=$T/nowhere/paicha-geocoder.so run edit "$W" --add-phone 13974123456
is "$RC" 1 "without the module a new number is refused"
like "$ERR" "$T/nowhere/paicha-geocoder.so" "the message names the module"
like "$ERR" "ask the administrator to reinstall paicha" "and says what to do"
is "$(nph)" "$before" "nothing is stored: no phone, no new version"
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	PAICHA_GEOCODER=$T/nowhere/paicha-geocoder.so LANGUAGE= LC_ALL=zh_CN.UTF-8 run edit "$W" --add-phone 13974123456
	like "$ERR" "管理员" "in Chinese for a Chinese user"
else
	skip_test "in Chinese for a Chinese user" "no zh_CN.UTF-8 locale"
fi
# a file that is not the module
printf 'not a library\n' >"$T/bad.so"
PAICHA_GEOCODER=$T/bad.so run edit "$W" --add-phone 13974123456
is "$RC" 1 "a file that is not the module is refused as well"
like "$ERR" "$T/bad.so" "and named"
is "$(nph)" "$before" "nothing stored"
# an invalid number is still refused for what it is (libphonenumber, linked)
PAICHA_GEOCODER=$T/nowhere/paicha-geocoder.so run edit "$W" --add-phone 1387412345
like "$ERR" "too short" "an invalid number is refused for what it is, without the module"

# import and demo stop before they start
printf '姓名,身份证号,手机号,村,务工地\n王五,430121199001011234,13574895655,东山村,武汉\n' >"$T/r.csv"
nw=$(sql "SELECT count(*) FROM workers")
PAICHA_GEOCODER=$T/nowhere/paicha-geocoder.so run import --group A "$T/r.csv"
is "$RC" 1 "import without the module fails"
like "$ERR" "phone numbers cannot be checked" "and says why"
is "$(sql "SELECT count(*) FROM workers")" "$nw" "and imports nothing"
PAICHA_DB=$T/empty.db run init --township 某镇 --division 430121100 --area-code 0731
PAICHA_DB=$T/empty.db PAICHA_GEOCODER=$T/nowhere/paicha-geocoder.so run demo --workers 5
is "$RC" 1 "demo without the module fails"
like "$ERR" "phone numbers cannot be checked" "and says why"
is "$(sqlite "$T/empty.db" "SELECT count(*) FROM workers")" 0 "and makes nothing"

# queue, show and stats do not load it
for cmd in "queue --limit 5" "show $W" "stats" "report --today" "team"; do
	PAICHA_GEOCODER=$T/nowhere/paicha-geocoder.so run $cmd
	is "$RC" 0 "paicha $cmd works without the module (it never needs it)"
done
done_testing
