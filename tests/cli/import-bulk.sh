#!/bin/sh
# paicha import in bulk mode (db/import.h: secondary indexes dropped and
# rebuilt inside the transaction) and as a load into an empty database
# (workers written by a second thread into a private copy of their
# table, copied whole at the end) writes exactly what the row-by-row path
# writes.  PAICHA_IMPORT_BULK_ROWS=1 makes every import that adds more
# workers than the database holds a bulk load; 0 turns both off.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-01 09:00"
DATA=$PAICHA_SRCDIR/tests/data
SQ=${SQLITE3:-sqlite3}

# phones without their own id: a load writes the phones of a repeated ID
# number after the others (same ranks, same times, later ids)
dump() {
	"$SQ" -batch -noheader "$1" \
	    "SELECT * FROM workers ORDER BY id;
	     SELECT worker_id, rank, typed, e164, extension, kind, display, region, created_at,
	       removed_at FROM phones ORDER BY worker_id, rank;
	     SELECT * FROM cases ORDER BY worker_id; SELECT * FROM audit ORDER BY id;
	     SELECT * FROM followups ORDER BY id;"
}
cookie() { "$SQ" -batch -noheader "$1" "PRAGMA schema_version"; }
schema() { "$SQ" -batch -noheader "$1" "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name"; }

if ! "${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 1500 > "$T/gen.csv" 2>/dev/null; then
	skip_test "bulk import" "python3 is needed to make a roster"
	done_testing
fi
# repeated ID numbers with other values and phones (merges, conflicts), a
# bad ID number, a bad second phone, a local fixed line
sed -n '10,40p' "$T/gen.csv" | sed 's/,1\([0-9]\{10\}\),/,18612345678,/; s/某某公司/另一公司/' >> "$T/gen.csv"
printf '%s\n' "王五,430121199001011234,13574895655,湖南省长沙县黄花镇西湖村,湖北省武汉市,某厂,在鄂务工" \
    "赵六,$(sed -n 2p "$T/gen.csv" | cut -d, -f2),13574895655/12345,湖南省长沙县黄花镇西湖村,湖北省武汉市,某厂,在鄂务工" \
    "钱七,$(sed -n 3p "$T/gen.csv" | cut -d, -f2),84900135,湖南省长沙县黄花镇东山村,湖北省孝感市,某厂,在鄂务工" \
    "孙八,430121199203155677,abc,湖南省长沙县黄花镇东山村,湖北省孝感市,某厂,在鄂务工" >> "$T/gen.csv"
head -200 "$T/gen.csv" > "$T/small.csv"
# for the dry run: 2,500 workers more than the 1,610 stored by then
"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 4000 > "$T/more.csv"

# import_all MODE BULK_ROWS: the same imports into $T/MODE/p.db; outputs in $T/MODE/*.out
import_all() {
	mkdir "$T/$1"
	cp "$DATA/roster-sample.xlsx" "$T/gen.csv" "$T/small.csv" "$T/$1/"
	db=$T/$1/p.db
	"$PAICHA" --db "$db" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
	for f in roster-sample.xlsx gen.csv gen.csv; do
		c=$(cookie "$db")
		PAICHA_IMPORT_BULK_ROWS=$2 "$PAICHA" --db "$db" import "$T/$1/$f" >> "$T/$1/import.out" 2>&1
		echo "rc $?" >> "$T/$1/import.out"
		[ "$(cookie "$db")" = "$c" ] && echo rows >> "$T/$1/modes" || echo bulk >> "$T/$1/modes"
	done
	dump "$db" > "$T/$1/before-dry.dump"
	c=$(cookie "$db")
	PAICHA_IMPORT_BULK_ROWS=$2 "$PAICHA" --db "$db" import --dry-run "$T/more.csv" > "$T/$1/dry.out" 2>&1
	[ "$(cookie "$db")" = "$c" ] && echo rows >> "$T/$1/modes" || echo bulk >> "$T/$1/modes"
}
import_all normal 0
import_all bulk 1
import_all auto ""

is "$(grep -c '^rc 0' "$T/bulk/import.out")" 3 "the three imports succeed in bulk mode"
is "$(cat "$T/bulk/modes" | tr '\n' ' ')" "bulk bulk rows rows " \
    "the first two imports are bulk loads (more new workers than stored), the third is not; a dry run keeps nothing"
is "$(cat "$T/normal/modes" | tr '\n' ' ')" "rows rows rows rows " "PAICHA_IMPORT_BULK_ROWS=0: row by row"
is "$(cat "$T/auto/modes" | tr '\n' ' ')" "bulk rows rows rows " \
    "by default the first import is a load (the database is empty), the others are below the threshold"
is "$(sed "s|$T/auto|X|g" "$T/auto/import.out")" \
    "$(sed "s|$T/normal|X|g" "$T/normal/import.out")" "a load prints the same counts, notes and rejects"
if cmp -s "$T/normal/before-dry.dump" "$T/auto/before-dry.dump"; then ok 0 "a load writes the same workers, phones, cases and audit"
else ok 1 "a load writes the same workers, phones, cases and audit"; diag "$(diff "$T/normal/before-dry.dump" "$T/auto/before-dry.dump" | head -20)"; fi
is "$(schema "$T/auto/p.db")" "$(schema "$T/normal/p.db")" "after a load every index is there, defined as before"
for m in normal bulk auto; do
	"$SQ" -batch -noheader "$T/$m/p.db" "SELECT count(*) FROM followups f JOIN cases c USING (worker_id)
	    WHERE f.kind = 'escalation' AND f.owner_id IS NULL AND f.done_at IS NULL AND c.next_kind = 'escalation'"
done > "$T/esc"
is "$(tr '\n' ' ' < "$T/esc")" "11 11 11 " \
    "row by row, in bulk mode and as a load, a worker without a valid phone is imported and escalated"
# the sample's 备注 (counted in its CSV twin) are notes on every path; 12
# workers have a number not valid: the sample's 10, 赵六 (12345, merged)
# and 孙八 (abc)
NREM=$(iconv -f GB18030 -t UTF-8 "$DATA/roster-sample-gb18030.csv" | tail -n +3 | tr -d '\r' | awk -F, '$10 != ""' | wc -l)
for m in normal bulk auto; do
	"$SQ" -batch -noheader "$T/$m/p.db" "SELECT count(*) FROM workers WHERE note <> '' AND source LIKE 'import:roster-sample.xlsx:%'"
	"$SQ" -batch -noheader "$T/$m/p.db" "SELECT count(*) FROM workers WHERE phones_invalid <> ''"
done > "$T/notes"
is "$(tr '\n' ' ' < "$T/notes")" "$NREM 12 $NREM 12 $NREM 12 " \
    "row by row, in bulk mode and as a load, each 备注 becomes a note and each number not valid is kept as typed"
is "$("$SQ" "$T/auto/p.db" "PRAGMA integrity_check; PRAGMA foreign_key_check")" ok "and holds every row; no reference is broken"
is "$(sed "s|$T/bulk|X|g" "$T/bulk/import.out")" \
    "$(sed "s|$T/normal|X|g" "$T/normal/import.out")" "bulk mode prints the same counts, notes and rejects"
like "$(cat "$T/normal/import.out")" "Merged:        33" "the roster has merges"
like "$(cat "$T/normal/import.out")" "Rejected:      1" "and a rejected row"
is "$(cmp "$T/normal/gen.rejects.csv" "$T/bulk/gen.rejects.csv" && echo same)" same "the reject files are the same"
if cmp -s "$T/normal/before-dry.dump" "$T/bulk/before-dry.dump"; then ok 0 "workers, phones, cases and audit are the same"
else ok 1 "workers, phones, cases and audit are the same"; diag "$(diff "$T/normal/before-dry.dump" "$T/bulk/before-dry.dump" | head -20)"; fi
is "$(schema "$T/bulk/p.db")" "$(schema "$T/normal/p.db")" "every index is back, defined as before"
is "$("$SQ" "$T/bulk/p.db" "PRAGMA integrity_check")" ok "the rebuilt indexes hold every row"
is "$("$SQ" "$T/bulk/p.db" "SELECT count(*) FROM workers INDEXED BY workers_name WHERE name > ''")" \
    "$("$SQ" "$T/bulk/p.db" "SELECT count(*) FROM workers")" "a rebuilt index is used and complete"
like "$(cat "$T/bulk/dry.out")" "Imported:      2500" "the dry run would add 2,500 workers"
is "$(dump "$T/bulk/p.db")" "$(cat "$T/bulk/before-dry.dump")" "a bulk dry run writes nothing"
is "$(schema "$T/bulk/p.db")" "$(schema "$T/normal/p.db")" "and leaves every index in place"

# a load whose file repeats ID numbers (merged after the copy), rejects
# a row and a phone: the same as row by row
for m in 0 ""; do
	mkdir "$T/first$m" && cp "$T/gen.csv" "$T/first$m/"
	"$PAICHA" --db "$T/first$m/p.db" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
	PAICHA_IMPORT_BULK_ROWS=$m "$PAICHA" --db "$T/first$m/p.db" import "$T/first$m/gen.csv" > "$T/first$m/out" 2>&1
	echo "rc $?" >> "$T/first$m/out"
done
like "$(cat "$T/first/out")" "Merged:        33" "a load of a file with repeated ID numbers merges them"
is "$(sed "s|$T/first|X|g" "$T/first/out")" "$(sed "s|$T/first0|X|g" "$T/first0/out")" \
    "with the same counts and messages, in the file's order"
is "$(dump "$T/first/p.db")" "$(dump "$T/first0/p.db")" "and the same workers, phones, cases and audit"
is "$(cmp "$T/first/gen.rejects.csv" "$T/first0/gen.rejects.csv" && echo same)" same "and the same reject file"

# all-or-nothing in a load: its loading thread fails (the private copy
# reaches a ceiling set low), or the import is killed while both write
mkdir "$T/lf" && head -3000 "$T/gen.csv" > "$T/lf/r.csv"
"$PAICHA" --db "$T/lf/p.db" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
dump "$T/lf/p.db" > "$T/lf/before"
PAICHA_IMPORT_LOAD_LIMIT=65536 "$PAICHA" --db "$T/lf/p.db" import "$T/lf/r.csv" > "$T/lf/out" 2>&1
is "$?" 1 "a load whose loading thread fails is an error"
like "$(cat "$T/lf/out")" "nothing was imported" "which says nothing was imported"
is "$(dump "$T/lf/p.db")" "$(cat "$T/lf/before")" "and nothing was"
is "$(schema "$T/lf/p.db")" "$(schema "$T/normal/p.db")" "every index is in place"
is "$(ls "$T/lf" | grep -v '^p\.db-')" "$(printf 'before\nout\np.db\nr.csv')" "and no file is left behind"
if "${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 60000 > "$T/lf/big.csv" 2>/dev/null; then
	sed -i '3s/^[^,]*,/,/' "$T/lf/big.csv"	# the reject file opens early
	"$PAICHA" --db "$T/lf/p.db" import "$T/lf/big.csv" >/dev/null 2>&1 &
	pid=$!
	n=0
	while ! ls -A "$T/lf" | grep -q '^\.big\.rejects\.csv\.' && [ $n -lt 600 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.05; n=$((n + 1)); done
	# wait until it writes: its loading thread is running and it holds
	# the database's write lock (a probe's BEGIN IMMEDIATE fails at once)
	writing=1 n=0
	while [ $n -lt 1200 ] && kill -0 $pid 2>/dev/null; do
		if [ "$(ls /proc/$pid/task 2>/dev/null | wc -l)" -ge 2 ] &&
		    ! sqlite -cmd '.timeout 0' "$T/lf/p.db" 'BEGIN IMMEDIATE; ROLLBACK;' >/dev/null 2>&1; then
			writing=0; break
		fi
		sleep 0.02; n=$((n + 1))
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null; st=$?
	is "$writing:$st" "0:137" "a load is killed (SIGKILL) while its threads write"
	is "$(dump "$T/lf/p.db")" "$(cat "$T/lf/before")" "a killed load leaves the database as it was"
	is "$("$SQ" "$T/lf/p.db" "PRAGMA integrity_check")" ok "and intact"
fi

# all-or-nothing: a bulk import whose reject file cannot be written (a
# directory stands in its way) after its indexes were dropped
mkdir "$T/ro" "$T/ro/small.rejects.csv"
head -600 "$T/gen.csv" > "$T/ro/small.csv"
printf '%s\n' "坏人,123,13574895655,湖南省长沙县黄花镇西湖村,湖北省武汉市,某厂,在鄂务工" >> "$T/ro/small.csv"
"$PAICHA" --db "$T/ro.db" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
PAICHA_IMPORT_BULK_ROWS=1 "$PAICHA" --db "$T/ro.db" import "$T/ro/small.csv" > "$T/ro.out" 2>&1
rc=$?
like "$(cat "$T/ro.out")" "nothing was imported" "a bulk import that cannot write its reject file fails"
is "$rc:$("$SQ" "$T/ro.db" "SELECT count(*) FROM workers")" "1:0" "a failed bulk import leaves no worker"
is "$(schema "$T/ro.db")" "$(schema "$T/normal/p.db")" "and every index in place"
done_testing
