#!/bin/sh
# The database's three files (issue 13, items 1, 2 and 10): a screen whose
# -shm or -wal was deleted underneath it stops writing instead of losing
# the calls others saved meanwhile, and paicha check names what it can; at
# open, a -wal or -shm of the wrong group or mode is named with the
# commands that mend it; a foreign SQLite file is refused before it is
# touched, and a file that is not SQLite at all is not called "damaged".
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
seed_township
ok $? "a demo township with known workers"
W=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$ME' AND c.worker_id <> $W1 ORDER BY c.worker_id LIMIT 2")
idnum() { sql "SELECT id_number FROM workers WHERE id = $1"; }

for f in shm wal; do
	tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
	tui_wait a "Call queue"
	ok $? "-$f: a screen is open"
	before=$(sql "SELECT count(*) FROM calls")
	rm -f "$PAICHA_DB-$f"
	for w in $W; do
		run call "$(idnum "$w")" --outcome no-answer
		like "$OUT" "Recorded call" "-$f deleted: another process records a call ($w)"
	done
	saved=$(sql "SELECT count(*) FROM calls")
	is "$saved" "$((before + 2))" "-$f deleted: both calls are stored"
	run check
	like "$OUT" "still uses the deleted $T/paicha.db-$f" "paicha check names the screen that still uses the deleted -$f"
	is "$RC" 1 "and counts it as a problem"
	# the screen writes: opening a case takes a claim
	tui_keys a / oynn
	tui_wait a "欧阳娜娜"
	tui_keys a Enter
	tui_wait a "nothing was saved: quit paicha and start it again"
	ok $? "-$f deleted: the screen refuses to write and says what to do"
	is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL")" 0 "and took no claim"
	tui_keys a Escape q
	n=0; while ! tui_dead a && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	"${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" kill-session -t a
	is "$(sql "SELECT count(*) FROM calls")" "$saved" "-$f deleted: after the screen quit, the calls are still there"
	run check
	is "$RC" 0 "and paicha check passes once the screen is gone"
done

# a -wal deleted while nobody had it open, its -shm left: check tells
run call "$(idnum "$W1")" --outcome busy
rm -f "$PAICHA_DB-wal"
run check
like "$OUT" "paicha.db-wal was deleted with saved changes in it" "paicha check tells that a -wal with saved changes was deleted"

# ---- item 2: groups and modes at open ----
if can_switch_users; then
	tag=pcr$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
	g1=${tag}g
	groupadd "$g1" && useradd -M -N -g users -G "$g1" -s /bin/sh "${tag}a" && useradd -M -N -g users -G "$g1" -s /bin/sh "${tag}b"
	ok $? "two accounts $tag{a,b} in the shared group $g1"
	trap 'userdel "${tag}a" 2>/dev/null; userdel "${tag}b" 2>/dev/null; groupdel "$g1" 2>/dev/null; _cleanup' EXIT
	chmod 0755 "$T"
	mkdir "$T/data" && chgrp "$g1" "$T/data" && chmod 0770 "$T/data"
	export PAICHA_DB="$T/data/paicha.db"
	unset PAICHA_NOW
	"$PAICHA" init --township 黄花镇 --division 430121100 --area-code 0731 >/dev/null
	"$PAICHA" user add "${tag}a" --role investigator --name 甲 >/dev/null &&
	    "$PAICHA" user add "${tag}b" --role investigator --name 乙 >/dev/null
	chgrp "$g1" "$PAICHA_DB"*
	chmod 0660 "$PAICHA_DB"*
	setpriv --reuid="${tag}a" --regid=users --init-groups -- "$PAICHA" stats >/dev/null 2>&1
	ok $? "the first account works"
	# the sqlite3 shell run by the admin removed -wal and -shm on exit; the
	# first account's process makes new ones in its own primary group
	rm -f "$PAICHA_DB-wal" "$PAICHA_DB-shm"
	setpriv --reuid="${tag}a" --regid=users --init-groups -- sh -c 'umask 007; "$0" stats' "$PAICHA" >/dev/null 2>&1
	is "$(stat -c %G "$PAICHA_DB-shm")" users "the new -shm belongs to the group users"
	out=$(setpriv --reuid="${tag}b" --regid=users --init-groups -- "$PAICHA" stats 2>&1)
	like "$out" "$PAICHA_DB-wal belongs to the group users, not to $g1 like the database" "the other account is told which file is wrong"
	like "$out" "chgrp $g1 '$PAICHA_DB-wal' && chmod 0660 '$PAICHA_DB-wal'" "and how to mend it"
	unlike "$out" "unable to open database file" "not SQLite's riddle"
	chgrp "$g1" "$PAICHA_DB-wal" "$PAICHA_DB-shm"
	chmod 0640 "$PAICHA_DB-shm"
	out=$(setpriv --reuid="${tag}b" --regid=users --init-groups -- "$PAICHA" stats 2>&1)
	like "$out" "$PAICHA_DB-shm has mode 0640: its group $g1 cannot write it" "a -shm the group cannot write is named"
	chmod 0660 "$PAICHA_DB-shm"
	setpriv --reuid="${tag}b" --regid=users --init-groups -- "$PAICHA" stats >/dev/null 2>&1
	ok $? "once mended, the other account works"
	out=$(setpriv --reuid="${tag}b" --regid=users --clear-groups -- "$PAICHA" stats 2>&1)
	like "$out" "this account may not reach $PAICHA_DB" "an account outside the group is told so"
	export PAICHA_DB="$T/paicha.db"
else
	skip_test "groups and modes at open" "needs root to make accounts"
fi

# ---- item 10: foreign files ----
sqlite3 "$T/foreign.db" "CREATE TABLE workers(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO workers VALUES (1, 'x')"
run --db "$T/foreign.db" stats
like "$ERR" "is not a paicha database" "a foreign SQLite file with a workers table is refused"
is "$(sqlite3 "$T/foreign.db" "PRAGMA journal_mode")" "delete" "and left in its own journal mode, not switched to WAL"
[ ! -e "$T/foreign.db-wal" ] && [ ! -e "$T/foreign.db-shm" ]
ok $? "and no -wal or -shm was made beside it"
printf 'id,name\n1,x\n' >"$T/roster.db"
run --db "$T/roster.db" stats
like "$ERR" "is not a paicha database (not even an SQLite file)" "a text file is not a paicha database"
unlike "$ERR" "damaged" "and is not called damaged"
done_testing
