#!/bin/sh
# paicha import --dry-run takes no write lock (issue 13, observation 7):
# while another process holds the database's write lock, the dry run runs
# to its end and reports the counts the real import then reports; the
# database is as it was.  Into a database that holds workers (row by row)
# and into an empty one (the load of db/import.h).
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

export PAICHA_NOW="2020-02-03 10:00"
run init
run demo --workers 30 --seed 5
is "$RC" 0 "a township of 30 workers"

# the roster: 300 new workers (some sharing a number), a row that merges
# into a stored worker, a row repeated in the file, two rejects
"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 300 >"$T/r.csv"
known=$(sql "SELECT id_number FROM workers ORDER BY id LIMIT 1")
sed -n 2p "$T/r.csv" >>"$T/r.csv"
printf '老王,%s,13800138009,,,某厂,在鄂务工\n' "$known" >>"$T/r.csv"
printf '坏号,430121199003070135,12,,,,在鄂务工\n无号,430121198504120212,,,,,在鄂务工\n' >>"$T/r.csv"
cp "$T/r.csv" "$T/empty.csv"

# hold_lock DB: a sqlite3 shell holding BEGIN IMMEDIATE (the write lock),
# fed through a fifo, until release_lock; waits until it holds it
hold_lock() {
	rm -f "$T/held" "$T/ctl"
	mkfifo "$T/ctl"
	sqlite "$1" <"$T/ctl" >"$T/held" 2>&1 &
	HOLDER=$!
	exec 3>"$T/ctl"
	printf 'BEGIN IMMEDIATE;\n.print held\n' >&3
	n=0
	while ! grep -q held "$T/held" 2>/dev/null && [ $n -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
}
release_lock() { printf 'ROLLBACK;\n' >&3; exec 3>&-; wait "$HOLDER"; }
# counts FILE: the summary's count lines
counts() { grep -E '^(Rows read|Imported|Updated|Rejected|Merged):|^Phone numbers not' "$1"; }

for case in stored empty; do
	if [ $case = empty ]; then
		PAICHA_DB=$T/empty.db; export PAICHA_DB
		run init
		file=$T/empty.csv
	else
		file=$T/r.csv
	fi
	before=$(sqlite "$PAICHA_DB" .dump | md5sum)
	hold_lock "$PAICHA_DB"
	like "$(cat "$T/held")" held "($case) another process holds the write lock"
	"$PAICHA" import "$file" --dry-run >"$T/dry.out" 2>"$T/dry.err"
	RC=$?
	kill -0 "$HOLDER" 2>/dev/null
	ok $? "($case) the dry run ended while the lock was still held"
	is "$RC" 0 "($case) and exits 0"
	[ "$RC" -eq 0 ] || diag "$(cat "$T/dry.err")"
	unlike "$(cat "$T/dry.err")" "locked\|busy" "($case) without a word of a lock"
	like "$(cat "$T/dry.out")" "Dry run: nothing was written." "($case) it says nothing was written"
	release_lock
	is "$(sqlite "$PAICHA_DB" .dump | md5sum)" "$before" "($case) the database is as it was"
	test ! -e "${file%.csv}.rejects.csv"
	ok $? "($case) no reject file is written"
	run import "$file"
	is "$RC" 0 "($case) the real import afterwards"
	printf '%s\n' "$OUT" >"$T/real.out"
	is "$(counts "$T/dry.out")" "$(counts "$T/real.out")" "($case) the dry run's counts are the real import's"
	like "$(counts "$T/real.out")" "Rejected:      2" "($case) (with its rejects)"
done
like "$(counts "$T/real.out")" "Imported:      301" "(into the empty database: a load of 301)"
done_testing
