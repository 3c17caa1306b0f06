#!/bin/sh
# paicha import: both sample rosters, a messy CSV in every encoding and line
# ending, rejects that round-trip, merging, idempotence, all-or-nothing.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-01 09:00"
DATA=$PAICHA_SRCDIR/tests/data

# dump [DB]: every table the import writes, in full.
dump() {
	"${SQLITE3:-sqlite3}" -batch -noheader "${1:-$PAICHA_DB}" \
	    "SELECT * FROM workers ORDER BY id; SELECT * FROM phones ORDER BY id;
	     SELECT * FROM cases ORDER BY worker_id; SELECT * FROM audit ORDER BY id;"
}
# newdb PATH: a database for the township of the samples.
newdb() { "$PAICHA" --db "$1" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null; }

newdb "$PAICHA_DB"

# ---- the real samples
mkdir "$T/x" "$T/g"
cp "$DATA/roster-sample.xlsx" "$T/x/roster.xlsx"
run import "$T/x/roster.xlsx"
is "$RC" 0 "the .xlsx sample imports"
like "$OUT" "header on row 2" "the header is found below the merged title row"
like "$OUT" "Rows read:     120" "all 120 rows are read"
like "$OUT" "Imported:      110" "110 workers are imported"
like "$OUT" "Rejected:      10" "10 rows with invalid phone numbers are rejected"
like "$OUT" "Columns not imported: 序号, 性别, 备注" "unknown columns are reported"
is "$(sql "SELECT count(*) FROM workers")" 110 "the database holds the imported workers"
is "$(sql "SELECT count(*) FROM cases")" 110 "every worker gets a case"
is "$(sql "SELECT display FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '任红敏'")" \
    18855703312 "a numeric phone cell becomes the exact digits"
is "$(sql "SELECT display FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '卢燕国'")" \
    17778172001 "a phone with a full-width digit is folded"
is "$(sql "SELECT group_concat(display, ' ') FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '杨飞娟'")" \
    "15611096665 15611096666" "two numbers joined by / are two phones, in order"
is "$(sql "SELECT kind || ' ' || display FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '唐平平'")" \
    "fixed 0731-86133415" "a fixed-line number is kept"
is "$(sql "SELECT township || ' ' || village || ' ' || grp || ' ' || work_province || ' ' || work_city || ' ' || gender || ' ' || birth_date FROM workers WHERE name = '郝军玲'")" \
    "黄花镇 东山村 A 湖北省 武汉市 F 1990-02-23" "township and village come from the address, province and city from the workplace, gender and birth from the ID"
is "$(sql "SELECT count(*) FROM workers WHERE grp = 'B'")" 21 "人员类别 湖北籍在本地就业 is group B"
is "$(sql "SELECT source FROM workers WHERE name = '任红敏'")" "import:roster.xlsx:3" "the source names the file and row"
test -f "$T/x/roster.rejects.csv"; ok $? "the rejects go to a file beside the input"
head -c 3 "$T/x/roster.rejects.csv" | od -An -tx1 | tr -d ' \n' > "$T/bom"
is "$(cat "$T/bom")" "efbbbf" "the reject file of an .xlsx is UTF-8 with a BOM"
like "$OUT" "UTF-8 with BOM" "and the summary says so"
like "$(head -1 "$T/x/roster.rejects.csv")" "备注,行号,原因" "the reject file has the original columns plus 行号 and 原因"
like "$(cat "$T/x/roster.rejects.csv")" ",17489917258,湖南省长沙县黄花镇南岭村,湖北省孝感市,某建筑工地,在鄂务工,联系电话为家属,15,no valid phone number" \
    "a rejected row keeps its cells, with its line number and the reason"
dump > "$T/dump-xlsx"

# the same sheet as GB18030 CSV, into a fresh database
iconv -f GB18030 -t UTF-8 "$DATA/roster-sample-gb18030.csv" | sed 's/\r$//' > "$T/utf8-lf.csv"
cp "$DATA/roster-sample-gb18030.csv" "$T/g/roster.csv"
run --db "$T/g.db" init --township 黄花镇 --division 430121101 --area-code 0731
run --db "$T/g.db" import "$T/g/roster.csv"
is "$RC" 0 "the GB18030 sample imports"
like "$OUT" "(CSV, GB18030)" "its encoding is detected"
dump "$T/g.db" | sed 's/import:roster\.csv:/import:roster.xlsx:/' > "$T/dump-csv"
cmp -s "$T/dump-xlsx" "$T/dump-csv"; ok $? "both samples import with the same result"
iconv -f GB18030 -t UTF-8 "$T/g/roster.rejects.csv" | head -1 | grep -q '^序号,姓名'; ok $? "the reject file of a GB18030 CSV is GB18030"

# importing the same file again changes nothing
run import "$T/x/roster.xlsx"
is "$RC" 0 "a second import of the same file succeeds"
like "$OUT" "Imported:      0" "and imports nobody twice"
like "$OUT" "Merged:        110" "every row merges into its worker"
like "$OUT" "Updated:       0" "and updates nothing"
dump > "$T/dump-again"
cmp -s "$T/dump-xlsx" "$T/dump-again"; ok $? "the second import leaves every table as it was"

# the reject file, corrected, imports (its 行号 and 原因 columns are ignored)
# (the rejected numbers have prefixes no operator uses: make them 138...)
sed -E 's/,1[0-9]{2}([0-9]{8}),/,138\1,/' "$T/x/roster.rejects.csv" > "$T/x/fixed.csv"
run import "$T/x/fixed.csv"
is "$RC" 0 "the corrected reject file imports"
like "$OUT" "Imported:      10" "its ten rows are imported"
unlike "$OUT" "Columns not imported: 序号, 性别, 备注, 行号" "its 行号 and 原因 columns are not reported as unknown"
is "$(sql "SELECT count(*) FROM workers")" 120 "the roster is now complete"
is "$(sql "SELECT source FROM workers WHERE name = '董红辉'")" "import:fixed.csv:2" "the source names the reject file's line"

# ---- a messy CSV: title row, columns in another order, quoted commas and
# line breaks, full-width ID, bad ID, bad phones, duplicates, shared phones
export PAICHA_DB="$T/m.db"
newdb "$PAICHA_DB"
mkdir "$T/crlf" "$T/lf" "$T/gb"
{
	printf '\357\273\277测试花名册,,,,,,,\r\n'
	printf 'Name,公民身份号码,手机号码,户籍地址,务工地,工作单位,人员类别,备注\r\n'
	printf '任红敏,４３０１２１１９９１０８１６６８６１,"18855703312、0731-86133415",湖南省长沙县黄花镇西湖村,湖北省武汉市江岸区,"长沙某某物流有限公司,武汉分公司",在鄂务工,全角\r\n'
	printf '郝军玲,43012119900223482X,18855703312,"湖南省长沙县黄花镇\r\n东山村",湖北省孝感市,,在鄂务工,"家属 ""共用"" 电话"\r\n'
	printf '坏号码,430121199108166862,13912345678,湖南省长沙县黄花镇南岭村,湖北省宜昌市,,在鄂务工,\r\n'
	printf '龙涛磊,430121199612031245,13691164562/12345,湖南省长沙县黄花镇柳林社区,湖北省宜昌市,个体,在鄂务工,\r\n'
	printf '任红敏,430121199108166861,13800138000,湖南省长沙县黄花镇东山村,湖北省武汉市,,在鄂务工,重复\r\n'
	printf '杨飞娟,430121199104175138,abc,湖南省长沙县黄花镇西湖村,湖北省武汉市,,在鄂务工,\r\n'
	printf '\r\n'
	printf '马敏林,42100219900621728X,15595052378,湖北省仙桃市,湖南省长沙县黄花镇,,湖北籍在本地就业,\r\n'
} > "$T/crlf/messy.csv"
tail -c +4 "$T/crlf/messy.csv" | sed 's/\r$//' > "$T/lf/messy.csv"
iconv -f UTF-8 -t GB18030 "$T/lf/messy.csv" > "$T/gb/messy.csv"

run import "$T/crlf/messy.csv"
is "$RC" 0 "the messy CSV imports"
like "$OUT" "(CSV, UTF-8)" "UTF-8 with a BOM is read as UTF-8"
like "$OUT" "Rows read:     7" "seven data rows are read (a blank line is skipped)"
like "$OUT" "Imported:      4" "four workers are imported"
like "$OUT" "Merged:        1" "the repeated ID number is merged"
like "$OUT" "Rejected:      2" "the bad ID and the row without a valid phone are rejected"
like "$ERR" "line 6: rejected: ID number:" "the bad ID is named with its physical line (after a quoted line break)"
like "$ERR" "line 7: phone number not imported: '12345'" "an invalid second phone is reported"
like "$ERR" "line 8: ID number 430121199108166861 appears earlier in the file" "a conflicting repeat is reported"
is "$(sql "SELECT count(*) FROM workers WHERE id_number = '430121199108166861'")" 1 "a repeated ID number is one worker"
is "$(sql "SELECT group_concat(display, ' ') FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '任红敏'")" \
    "18855703312 0731-86133415 13800138000" "numbers split on 、 and the repeat's new phone are added"
is "$(sql "SELECT village FROM workers WHERE name = '任红敏'")" "西湖村" "within one file the first row's village is kept"
is "$(sql "SELECT count(DISTINCT worker_id) FROM phones WHERE e164 = '+8618855703312'")" 2 "two workers may share a phone"
is "$(sql "SELECT employer FROM workers WHERE name = '任红敏'")" "长沙某某物流有限公司,武汉分公司" "a quoted comma stays in its field"
is "$(sql "SELECT address || ' ' || village FROM workers WHERE name = '郝军玲'")" "湖南省长沙县黄花镇东山村 东山村" "a quoted line break is read as part of the field"
is "$(sql "SELECT display FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '龙涛磊'")" 13691164562 "a row with one valid and one invalid phone keeps the valid one"
like "$(cat "$T/crlf/messy.rejects.csv")" "坏号码,430121199108166862,13912345678" "the bad ID row is in the reject file"
like "$(cat "$T/crlf/messy.rejects.csv")" ",9,no valid phone number" "with line number and reason"
dump > "$T/dump-crlf"
run import "$T/crlf/messy.csv"
dump > "$T/dump-crlf2"
cmp -s "$T/dump-crlf" "$T/dump-crlf2"; ok $? "importing the messy file twice changes nothing the second time"

newdb "$T/lf.db"
run --db "$T/lf.db" import "$T/lf/messy.csv"
is "$RC" 0 "the same file with LF and without BOM imports"
dump "$T/lf.db" > "$T/dump-lf"
cmp -s "$T/dump-crlf" "$T/dump-lf"; ok $? "with the same result"
newdb "$T/gb.db"
run --db "$T/gb.db" import "$T/gb/messy.csv"
like "$OUT" "(CSV, GB18030)" "the GB18030 file is detected"
dump "$T/gb.db" > "$T/dump-gb"
cmp -s "$T/dump-crlf" "$T/dump-gb"; ok $? "and imports with the same result"
run --db "$T/gb.db" import --encoding UTF-8 "$T/gb/messy.csv"
is "$RC" 1 "--encoding UTF-8 on a GB18030 file is refused"
like "$ERR" "not valid UTF-8" "saying the file is not UTF-8"

# merging into the database: a new phone is added, a changed village audited
printf '姓名,身份证号,联系电话,村,人员类别\n任红敏,430121199108166861,13912345678,东山村,在鄂务工\n' > "$T/update.csv"
run import "$T/update.csv"
like "$OUT" "Merged:        1" "a stored ID number is merged"
like "$OUT" "Updated:       1" "and the worker is updated"
is "$(sql "SELECT village FROM workers WHERE name = '任红敏'")" "东山村" "the changed village is stored"
is "$(sql "SELECT old_value || '>' || new_value FROM audit WHERE action = 'worker.update' AND field = 'village'")" "西湖村>东山村" "and audited"
is "$(sql "SELECT count(*) FROM phones JOIN workers w ON w.id = worker_id WHERE w.name = '任红敏'")" 4 "the new phone is added"
is "$(sql "SELECT count(*) FROM workers")" 4 "nobody is doubled"

# ---- what stops an import before anything is written
dump > "$T/before"
printf '姓名,联系电话,人员类别\n张三,13912345678,在鄂务工\n' > "$T/noid.csv"
run import "$T/noid.csv"
is "$RC" 1 "a missing required column stops the import (exit 1)"
like "$ERR" "身份证号" "the message names the missing column"
printf '姓名,身份证号,联系电话\n邱文静,430121196506081421,18672357181\n' > "$T/nogroup.csv"
run import "$T/nogroup.csv"
is "$RC" 1 "a file without 人员类别 and without --group stops"
like "$ERR" "--group" "and says to give --group"
run import "$T/nogroup.csv" --dry-run --group B
is "$RC" 0 "--dry-run runs the whole import"
like "$OUT" "Imported:      1" "and says what it would do"
like "$OUT" "Dry run: nothing was written." "and that nothing was written"
dump > "$T/after"
cmp -s "$T/before" "$T/after"; ok $? "missing columns and --dry-run leave the database as it was"
test ! -e "$T/noid.rejects.csv" && test ! -e "$T/nogroup.rejects.csv"; ok $? "and write no reject file"
run import "$T/nogroup.csv" --group B
is "$(sql "SELECT grp FROM workers WHERE name = '邱文静'")" B "--group sets the group of a file without the column"
run import "$T/nonexistent.csv"
is "$RC" 1 "a missing file is a user error"
run import
is "$RC" 2 "import without a file is a usage error"

# ---- all or nothing: killed, or out of disk space
big="$T/big.csv"
"${PYTHON3:-python3}" "$PAICHA_SRCDIR/tests/bench/gen_roster.py" 60000 > "$big" 2>/dev/null
if [ -s "$big" ]; then
	# an invalid row near the top makes the import open its reject file
	# early: then it is inside its transaction, and is killed there.
	sed -i '3s/,1[0-9]*,/,12345,/' "$big"
	dump > "$T/before"
	"$PAICHA" import "$big" >/dev/null 2>&1 &
	pid=$!
	n=0
	while [ ! -e "$T/big.rejects.csv.tmp" ] && [ $n -lt 600 ] && kill -0 $pid 2>/dev/null; do
		sleep 0.05; n=$((n + 1)); done
	kill -9 $pid 2>/dev/null; st=$?
	wait $pid 2>/dev/null
	is "$st" 0 "the import is killed while it writes"
	dump > "$T/after"
	cmp -s "$T/before" "$T/after"; ok $? "a killed import leaves the database exactly as it was"
	is "$(sql "PRAGMA integrity_check")" ok "and intact"
else
	skip_test "a killed import leaves the database as it was" "python3 is needed to make a large roster"
fi

if [ "$(id -u)" -eq 0 ] && [ -s "$big" ] && mkdir "$T/small" && mount -t tmpfs -o size=2m tmpfs "$T/small" 2>/dev/null; then
	newdb "$T/small/p.db"
	"$PAICHA" --db "$T/small/p.db" import "$T/x/roster.xlsx" >/dev/null 2>&1
	dump "$T/small/p.db" > "$T/before"
	run --db "$T/small/p.db" import "$big"
	is "$RC" 1 "an import that fills the disk fails"
	like "$ERR" "nothing was imported" "and says nothing was imported"
	dump "$T/small/p.db" > "$T/after"
	cmp -s "$T/before" "$T/after"; ok $? "and leaves the database exactly as it was"
	umount "$T/small"
else
	skip_test "an import that fills the disk leaves the database as it was" "needs root to mount a small tmpfs"
fi

# ---- only leads and admins import
if can_switch_users; then
	inv=$(acct inv)
	run user add "$inv" --role investigator --name 调查员
	chmod 0777 "$T"; chmod 0666 "$PAICHA_DB" "$PAICHA_DB"-wal "$PAICHA_DB"-shm 2>/dev/null
	as_user "$inv" "$PAICHA" import "$T/update.csv" >"$T/o" 2>&1; st=$?
	is "$st" 1 "an investigator may not import"
else
	skip_test "an investigator may not import" "needs root to switch accounts"
fi

done_testing
