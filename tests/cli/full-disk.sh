#!/bin/sh
# A full disk (issue 13, "held up when tried": full disks during call,
# import, export, backup and demo; the import's and the export's are in
# import.sh and export.sh): a call, a backup and a demo on a disk with no
# space left fail saying the disk is full and that nothing was saved; the
# database is intact and holds what it held; no partial file is left.
# Also when the first process to open the database must make its -shm
# anew on the full disk (SQLite calls that an I/O error, paicha called it
# "a disk fault?").
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if [ "$(id -u)" -ne 0 ] || ! mkdir "$T/tiny" || ! mount -t tmpfs -o size=3m tmpfs "$T/tiny" 2>/dev/null; then
	skip_test "full disk" "needs root to mount a small tmpfs"
	done_testing
fi
_full_cleanup() { exec 3>&- 2>/dev/null; [ -n "${HOLDER:-}" ] && wait "$HOLDER" 2>/dev/null
	umount "$T/tiny" 2>/dev/null; _cleanup; }
trap _full_cleanup EXIT
export PAICHA_DB="$T/tiny/paicha.db" PAICHA_NOW="2020-02-03 10:00"
run init
run demo --workers 30 --seed 1
is "$RC" 0 "a township on a 3 MB disk"
W=$(sql "SELECT id FROM workers ORDER BY id LIMIT 1")
before=$(sqlite "$PAICHA_DB" .dump | md5sum)
fill() { dd if=/dev/zero of="$T/tiny/fill" bs=4k >/dev/null 2>&1; }
full_said() {	# full_said WHAT: the words of a full disk and nothing saved
	like "$ERR" "the disk that holds $PAICHA_DB is full: free some space and try again" "$1 says the disk is full"
	like "$ERR" "nothing was saved" "$1 says nothing was saved"
}

# ---- the disk fills while others have the database open
mkfifo "$T/ctl"
sqlite "$PAICHA_DB" <"$T/ctl" >/dev/null 2>&1 &
HOLDER=$!
exec 3>"$T/ctl"
printf 'SELECT count(*) FROM calls;\n' >&3
sleep 0.3
fill
run call "$W" --outcome busy
is "$RC" 1 "a call on a full disk fails"
full_said "it"
run backup "$T/tiny/copy.db"
is "$RC" 1 "a backup onto the full disk fails"
like "$ERR" "is full: free some space and try again; nothing was saved" "and says the disk is full, nothing saved"
is "$(ls -A "$T/tiny" | grep -v '^paicha\.db\(-wal\|-shm\)\{0,1\}$\|^fill$' | tr '\n' ' ')" "" "and leaves no partial copy"
is "$(sqlite "$PAICHA_DB" .dump | md5sum)" "$before" "the database holds what it held"
printf '.quit\n' >&3; exec 3>&-; wait "$HOLDER"; HOLDER=

# ---- nobody has it open: the first to open it after the last writer
# closed makes its -shm again
# (a disk of its own: what the first part left changes what SQLite meets)
umount "$T/tiny"
mount -t tmpfs -o size=3m tmpfs "$T/tiny" || exit 1
export PAICHA_DB="$T/tiny/two.db"
run init
run demo --workers 30 --seed 3
W=$(sql "SELECT id FROM workers ORDER BY id LIMIT 1")
before=$(sqlite "$PAICHA_DB" .dump | md5sum)
# an administrator's sqlite3 shell (without persist_wal) removes the -wal
# and -shm on exit, as observation 2 of the issue has it
"${SQLITE3:-sqlite3}" "$PAICHA_DB" 'SELECT count(*) FROM workers' >/dev/null
[ ! -e "$PAICHA_DB-shm" ]
ok $? "(the sqlite3 shell removed the -shm)"
fill
run call "$W" --outcome busy
is "$RC" 1 "a call on a full disk, the database closed by all and its -shm gone, fails"
full_said "it (not 'a disk fault?')"
unlike "$ERR" "disk fault" "and does not call it a disk fault"
rm -f "$T/tiny/fill"
is "$(sqlite "$PAICHA_DB" 'PRAGMA integrity_check')" ok "once there is space again: integrity_check"
is "$(sqlite "$PAICHA_DB" .dump | md5sum)" "$before" "and the database holds what it held"
run check
is "$RC" 0 "paicha check passes"
rm -f "$T/tiny/two.db"*

# ---- the demo into an empty database on a full disk
export PAICHA_DB="$T/tiny/demo.db"
run init
n0=$(sql "SELECT count(*) FROM workers")
fill
run demo --workers 300 --seed 2
is "$RC" 1 "a demo on a full disk fails"
like "$ERR" "is full: free some space and try again" "saying the disk is full"
rm -f "$T/tiny/fill"
is "$(sql "SELECT count(*) FROM workers")" "$n0" "and leaves the database as it was (no half demo)"
is "$(sqlite "$PAICHA_DB" 'PRAGMA integrity_check')" ok "intact"
done_testing
