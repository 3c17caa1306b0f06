#!/bin/sh
# Waiting for the write lock (issue 13, item 8): while another process
# holds it, a screen says within about a second that it waits, and for
# whom, then carries on when the lock is free (the call form keeps its
# answers); a command says who holds it.  A stopped screen holds no read,
# so it cannot make the -wal grow; a stopped reader that does is named by
# paicha check.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
. "${PAICHA_SRCDIR:-.}/tests/tui/seed.sh"

command -v "${TMUX_BIN:-tmux}" >/dev/null 2>&1 || { skip_test "screens" "no tmux"; done_testing; }
command -v python3 >/dev/null 2>&1 || { skip_test "lock" "no python3 to hold a lock"; done_testing; }
seed_township
ok $? "a demo township with known workers"

# hold DB's write lock (BEGIN IMMEDIATE) or a read (BEGIN; SELECT) until
# $T/release appears; prints "held" once it has it
hold() {
	rm -f "$T/hold.out"
	python3 -c '
import sqlite3, sys, time, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE" if sys.argv[2] == "write" else "BEGIN")
c.execute("SELECT count(*) FROM workers").fetchone()
print("held", flush=True)
while not os.path.exists(sys.argv[3]):
    time.sleep(0.05)
c.execute("COMMIT")
' "$PAICHA_DB" "$1" "$T/release" >"$T/hold.out" &
	HOLDER=$!
	n=0; while ! grep -q held "$T/hold.out" 2>/dev/null && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
}

tui_start a 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait a "Call queue"
rm -f "$T/release"
hold write
ok "$(grep -q held "$T/hold.out"; echo $?)" "another process holds the write lock"
t0=$(date +%s%N)
tui_keys a / oynn
tui_wait a "欧阳娜娜"
tui_keys a Enter
tui_wait a "Waiting for the database" 3
ok $? "opening a case (a claim) says that it waits for the database"
t1=$(date +%s%N)
like "$(tui_screen a)" "is writing to it" "and that someone is writing"
like "$(tui_screen a)" "(pid $HOLDER" "naming the process that holds the lock"
diag "the notice came $(( (t1 - t0) / 1000000 )) ms after the keys"
touch "$T/release"; wait $HOLDER
tui_wait a "Open follow-ups" 5
ok $? "once the lock is free the case opens"
tui_wait_gone a "Waiting for the database" 5
ok $? "and the notice is gone"
is "$(sql "SELECT count(*) FROM cases WHERE claimed_by IS NOT NULL AND worker_id = $W1")" 1 "the claim was taken"

# the call form's draft survives a wait
tui_keys a c
tui_wait a "Call outcome"
rm -f "$T/release"
hold write
tui_keys a n
tui_wait a "Waiting for the database" 3
ok $? "saving the draft after an answer says it waits"
touch "$T/release"; wait $HOLDER
tui_wait_gone a "Waiting for the database" 5
ok $? "and stops saying so once the lock is free"
unlike "$(tui_screen a)" "The draft was not saved" "the draft was saved"
like "$(sql "SELECT answers FROM drafts WHERE worker_id = $W1")" "outcome=no-answer" \
    "with the answer given while waiting"
"${TMUX_BIN:-tmux}" -S "$TMUX_SOCK" kill-session -t a

# the command line: who holds it
rm -f "$T/release"
hold write
W=$(sql "SELECT c.worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = '$ME' AND c.worker_id <> $W1 ORDER BY c.worker_id LIMIT 1")
IDW=$(sql "SELECT id_number FROM workers WHERE id = $W")
"$PAICHA" call "$IDW" --outcome busy >"$T/call.out" 2>"$T/call.err" &
caller=$!
n=0; while ! grep -q "waiting for the database" "$T/call.err" && [ $n -lt 200 ]; do sleep 0.05; n=$((n + 1)); done
like "$(cat "$T/call.err")" "waiting for the database: $(id -un) (pid $HOLDER, python3) is writing to it" \
    "a command waiting for the lock says who holds it"
touch "$T/release"; wait $HOLDER
wait $caller
is "$?" 0 "and the call is recorded once the lock is free"

# a stopped screen keeps no read open: the -wal is reset as usual
tui_start b 80 24 env LANG=C.UTF-8 LC_ALL=C.UTF-8 "$PAICHA"
tui_wait b "Call queue"
kill -STOP "$(tui_pid b)"
sqlite3 "$PAICHA_DB" "CREATE TABLE junk(x); INSERT INTO junk SELECT randomblob(1000) FROM generate_series(1, 12000); DROP TABLE junk;" 2>&1
run check
unlike "$OUT" "keeps reading an old state" "a stopped screen pins nothing"
is "$(sqlite3 "$PAICHA_DB" "PRAGMA wal_checkpoint(RESTART)" | cut -d'|' -f1)" 0 \
    "and a full checkpoint passes it"
kill -CONT "$(tui_pid b)"
# a reader stopped inside a read transaction does pin it: check names it
rm -f "$T/release"
hold read
kill -STOP "$HOLDER"
sqlite3 "$PAICHA_DB" "CREATE TABLE junk(x); INSERT INTO junk SELECT randomblob(1000) FROM generate_series(1, 12000); DROP TABLE junk;" 2>&1
run check
like "$OUT" "because process $HOLDER (python3" "paicha check names a stopped reader that makes the -wal grow"
kill -CONT "$HOLDER"; touch "$T/release"; wait $HOLDER
done_testing
