#!/bin/sh
# paicha installed setgid paicha (issue 13: the data is reachable only
# through paicha), run as real Unix accounts the test makes and removes:
# investigators outside the group use the database through paicha but
# cannot delete, replace or read its files; a database, configuration or
# catalogue the user names is used with the user's own rights; backups
# and files the user creates belong to the user's group.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if ! can_switch_users || ! command -v groupadd >/dev/null; then
	skip_test "setgid" "needs root to make accounts and groups"
	done_testing
fi
# a sanitizer build does not run setgid (the kernel's secure mode and the
# sanitizers' own environment do not mix): the plain build's run tests it
if ldd "$PAICHA" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	skip_test "setgid" "a sanitizer build cannot run setgid; the plain build tests this"
	done_testing
fi
tag=pcs$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
G=${tag}g
groupadd "$G" || exit 1
useradd -M -N -g users -s /bin/sh "${tag}i" && useradd -M -N -g users -s /bin/sh "${tag}l" || exit 1
trap 'userdel "${tag}i" 2>/dev/null; userdel "${tag}l" 2>/dev/null; groupdel "$G" 2>/dev/null; _cleanup' EXIT
ok 0 "accounts ${tag}i (investigator) and ${tag}l (lead), neither in the group $G"

# "make install": the program setgid $G, the data folder 2770 $G
mkdir -p "$T/inst" "$T/data" "$T/ih" "$T/lh"
cp "$PAICHA" "$T/inst/paicha" && chgrp "$G" "$T/inst/paicha" && chmod 2755 "$T/inst/paicha"
# (the geocoder module beside it, root's: as make install puts it in
# PKGLIBDIR, which this uninstalled build does not have)
cp "$PAICHA_GEOCODER" "$T/inst/paicha-geocoder.so" && chmod 0644 "$T/inst/paicha-geocoder.so"
P=$T/inst/paicha
chgrp "$G" "$T/data" && chmod 2770 "$T/data"
chown "${tag}i" "$T/ih"; chown "${tag}l" "$T/lh"
chmod 0755 "$T"
export PAICHA_DB="$T/data/paicha.db"
unset PAICHA_NOW
run init --township 黄花镇 --division 430121100 --area-code 0731
run demo --workers 10 --seed 2
run user add "${tag}i" --role investigator --name 调查员
run user add "${tag}l" --role lead --name 组长
is "$(stat -c '%G %a' "$PAICHA_DB" "$PAICHA_DB-wal" "$PAICHA_DB-shm" | sort -u)" "$G 660" \
    "the database, its -wal and -shm belong to $G, mode 0660"
as() { _who=$1; shift; setpriv --reuid="$_who" --regid=users --clear-groups -- "$@" >"$T/.out" 2>"$T/.err"; RC=$?; OUT=$(cat "$T/.out"); ERR=$(cat "$T/.err"); }

as "${tag}i" "$P" stats
is "$RC" 0 "the investigator uses the database through setgid paicha"
as "${tag}i" "$PAICHA" stats
is "$RC" 1 "but not with a paicha that is not setgid"
like "$ERR" "this account may not reach" "and is told why"
as "${tag}i" rm -f "$PAICHA_DB-shm"
[ -e "$PAICHA_DB-shm" ]
ok $? "the investigator cannot delete the -shm"
as "${tag}i" cat "$PAICHA_DB"
is "$RC" 1 "nor read the database file"

# a database of the user's own is opened with the user's rights only
as "${tag}i" "$P" --db "$T/ih/own.db" init --township 某镇 --division 430121100 --area-code 0731
is "$RC" 0 "the investigator makes a database of their own with --db"
is "$(stat -c %G "$T/ih/own.db")" users "it belongs to their own group, not $G"
ln -s "$PAICHA_DB" "$T/ih/link.db"
as "${tag}i" "$P" --db "$T/ih/link.db" stats
is "$RC" 0 "a link to the township's database leads to it (it is the same file)"
mkdir "$T/ih/fake" && chown "${tag}i" "$T/ih/fake" && chgrp "$G" "$T/ih/fake" && chmod 2770 "$T/ih/fake"
cp "$PAICHA_DB" "$T/ih/fake/paicha.db"; chown "${tag}i" "$T/ih/fake/paicha.db"; chmod 0600 "$T/ih/fake/paicha.db"
as "${tag}i" "$P" --db "$T/ih/fake/paicha.db" user add "${tag}i" --role admin --name x
is "$RC" 1 "a folder of the user's own, even of group $G, is not a data folder"

# a catalogue the user names is not read under setgid (its format strings
# would run with the group)
mkdir -p "$T/ih/loc/zh_CN/LC_MESSAGES"
printf 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "paicha: no command '"'"'%%s'"'"'\\n"\nmsgstr "PWNED %%s\\n"\n' >"$T/ih/loc.po"
msgfmt -o "$T/ih/loc/zh_CN/LC_MESSAGES/paicha.mo" "$T/ih/loc.po"
as "${tag}i" env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 PAICHA_LOCALEDIR="$T/ih/loc" "$PAICHA" nosuch
like "$ERR" "PWNED" "(without setgid PAICHA_LOCALEDIR is read)"
as "${tag}i" env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 PAICHA_LOCALEDIR="$T/ih/loc" "$P" nosuch
unlike "$ERR" "PWNED" "setgid paicha ignores PAICHA_LOCALEDIR"

as "${tag}i" env PAICHA_CONF="$T/ih/my.conf" "$P" stats
like "$ERR" "PAICHA_CONF is ignored" "a configuration the user names is ignored under setgid"

# backups: the lead's own
as "${tag}l" "$P" backup "$T/lh/copy.db"
is "$RC" 0 "the lead backs up the database into their own folder"
is "$(stat -c '%U %G' "$T/lh/copy.db")" "${tag}l users" "the copy is the lead's, of the lead's group, not $G"
as "${tag}i" "$P" backup "$T/ih/copy.db"
is "$RC" 1 "the investigator may not back up"
# the report's folder and files: the lead's too
as "${tag}l" "$P" export --date 2020-01-29 --out "$T/lh/rep"
is "$RC" 0 "the lead exports into their own folder"
[ "$RC" -eq 0 ] || diag "$ERR"
is "$(stat -c '%U %G' "$T/lh/rep" "$T/lh/rep"/*/* | sort -u)" "${tag}l users" \
    "the report's folder and files are the lead's, of the lead's group, not $G"
# the import's reject file: the lead's, of the lead's group, made under an
# unpredictable name, never through a link someone planted (a folder all
# may write in, as /tmp)
mkdir "$T/shared" && chmod 1777 "$T/shared"
printf '姓名,身份证号,联系电话,人员类别\n王五,430121198504120211,13800138001,在鄂务工\n坏号,430121199003070135,12,在鄂务工\n' \
    >"$T/shared/r.csv"
chown "${tag}l" "$T/shared/r.csv"
printf 'secret\n' >"$T/lh/victim"; chown "${tag}l" "$T/lh/victim"; chmod 0600 "$T/lh/victim"
as "${tag}i" ln -s "$T/lh/victim" "$T/shared/r.rejects.csv.tmp"
as "${tag}l" "$P" import "$T/shared/r.csv"
is "$RC" 0 "the lead imports a file with a rejected row"
[ "$RC" -eq 0 ] || diag "$ERR"
is "$(stat -c '%U %G %a' "$T/shared/r.rejects.csv" 2>&1)" "${tag}l users 640" \
    "the reject file is the lead's, of the lead's group (not $G), mode 0640"
is "$(cat "$T/lh/victim")" secret "the file the planted link points to is untouched"
like "$(cat "$T/shared/r.rejects.csv")" "坏号,430121199003070135,12" "the reject file holds the rejected row"
is "$(ls -A "$T/shared" | grep -c '^\.r\.rejects')" 0 "no temporary file is left"
is "$(sql "SELECT name FROM workers WHERE id_number = '430121198504120211'")" 王五 \
    "and the accepted row is in the database"
# the environment: a temporary folder the user names (TMPDIR,
# SQLITE_TMPDIR) is not where setgid paicha makes SQLite's temporary
# files (they would be made with the group); an import that sorts makes
# one there when not setgid
if command -v strace >/dev/null 2>&1; then
	"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 3000 >"$T/shared/big.csv"
	chmod 0644 "$T/shared/big.csv"
	mkdir -m 0777 "$T/utmp"
	cp "$PAICHA_DB" "$T/lh/plain.db"
	SQLITE_TMPDIR=$T/utmp TMPDIR=$T/utmp strace -f -e trace=openat -o "$T/plain.trace" \
	    "$PAICHA" --db "$T/lh/plain.db" import "$T/shared/big.csv" --group A >/dev/null 2>&1
	ok "$(grep -q "\"$T/utmp/" "$T/plain.trace"; echo $?)" "(not setgid, the import makes a temporary file in SQLITE_TMPDIR)"
	strace -f -u "${tag}l" -e trace=openat -o "$T/sgid.trace" \
	    env SQLITE_TMPDIR="$T/utmp" TMPDIR="$T/utmp" PAICHA_DB="$PAICHA_DB" "$P" import "$T/shared/big.csv" --group A \
	    >"$T/.out" 2>"$T/.err"
	is "$?" 0 "the lead's setgid import with SQLITE_TMPDIR and TMPDIR set"
	[ -s "$T/.err" ] && diag "$(cat "$T/.err")"
	is "$(grep -c "\"$T/utmp/" "$T/sgid.trace")" 0 "opens nothing in the folder they name"
	like "$(cat "$T/.out")" "Imported:      3000" "and imports the rows"
else
	skip_test "TMPDIR and SQLITE_TMPDIR are ignored under setgid" "no strace"
fi

# the geocoder module: setgid paicha ignores PAICHA_GEOCODER and loads
# only a module root alone may change (what it loads runs with $G)
printf '姓名,身份证号,联系电话,人员类别\n赵六,430121198504120301,13900139001,在鄂务工\n' >"$T/shared/g.csv"
chmod 0644 "$T/shared/g.csv"
as "${tag}l" env PAICHA_GEOCODER=/nonexistent/paicha-geocoder.so "$P" import "$T/shared/g.csv"
is "$RC" 0 "setgid paicha ignores PAICHA_GEOCODER (the module beside it is root's)"
[ "$RC" -eq 0 ] || diag "$ERR"
chmod 0666 "$T/inst/paicha-geocoder.so"
as "${tag}l" "$P" import "$T/shared/g.csv"
is "$RC" 1 "a module others may write is not loaded"
like "$ERR" "not root's alone" "and the lead is told why"
chmod 0644 "$T/inst/paicha-geocoder.so" && chmod 0777 "$T/inst"
as "${tag}l" "$P" import "$T/shared/g.csv"
is "$RC" 1 "nor one in a folder others may write"
like "$ERR" "not root's alone" "for the same reason"
chmod 0755 "$T/inst"
done_testing
