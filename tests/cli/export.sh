#!/bin/sh
# paicha export and paicha backup: the provincial report as of a day's
# 24:00 (docs: provincial-format.md), written whole or not at all.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
D=$PAICHA_SRCDIR/tests/data
SQLITE=${SQLITE3:-sqlite3}

# A python with openpyxl (the xlsx checks) and the csv module.
PY=
for p in "${PYTHON3:-}" /usr/bin/python3 python3; do
	[ -n "$p" ] && "$p" -c 'import openpyxl' 2>/dev/null && { PY=$p; break; }
done

PAICHA_NOW="2020-01-26 08:00" run init --township 黄花镇 --division 430121101 --area-code 0731
run user add zw --role investigator --name 张伟
run user add lina --role lead --name 李娜
"$SQLITE" "$PAICHA_DB" <"$D/export-township.sql"
PAICHA_NOW="2020-01-27 12:00" "$PAICHA" assign --to zw 1 2 3 5 6 7 >/dev/null
PAICHA_NOW="2020-01-27 12:00" "$PAICHA" assign --to lina 4 >/dev/null

# call WHEN WORKER ARGS...: record a call at a local time.
call() { _when=$1; shift; PAICHA_NOW=$_when "$PAICHA" call "$@" >/dev/null 2>"$T/.callerr" ||
	diag "call $* failed: $(cat "$T/.callerr")"; }
call "2020-01-28 09:00" 1 --outcome reached whereabouts=home return_date=2020-01-20 transport=rail temperature=36.5 symptoms=
call "2020-01-28 10:00" 2 --outcome no-answer
call "2020-01-28 11:00" 4 --outcome reached whereabouts=hubei hubei_city=宜昌 temperature=36.8 symptoms=
call "2020-01-29 10:00" 1 --outcome reached whereabouts=home return_date=2020-01-20 temperature=37.8 symptoms=fever,cough urged_doctor=yes "note=咳嗽两天, 已去卫生院"
call "2020-01-29 10:30" 2 --outcome busy
call "2020-01-29 11:00" 3 --outcome reached whereabouts=never-left temperature=36.6 symptoms= work_plan=back-soon
call "2020-01-29 15:00" 6 --outcome reached whereabouts=elsewhere elsewhere_place=广东东莞 temperature=36.4 symptoms= work_plan=needs-job
is "$(sql "SELECT count(*) FROM calls")" 7 "the township's calls are recorded"

mkdir "$T/out"
export PAICHA_NOW="2020-01-30 08:00"
run export --out "$T/out"
is "$RC" 0 "export without --date exits 0"
[ "$RC" = 0 ] || diag "stderr: $ERR"
R=$T/out/430121101-20200129
ok "$([ -d "$R" ]; echo $?)" "the default date is the last day that has ended (DIVISION-YYYYMMDD)"
like "$OUT" "7 workers" "export says how many workers it wrote"
is "$(cd "$R" && ls | tr '\n' ' ')" "MANIFEST followups.csv report.xlsx roster.csv summary.csv " \
    "the folder holds the report's five files and nothing else"
is "$(stat -c %a "$R"/* | sort -u | tr '\n' ' ')" "640 " "every file is mode 0640"
is "$(ls -A "$T/out" | wc -l)" 1 "no temporary folder is left next to the report"

cmp -s "$R/roster.csv" "$D/export-roster-20200129.csv"
ok $? "roster.csv equals the golden file byte for byte (GB18030, CRLF)"
[ -n "${PAICHA_KEEP_GOLDEN:-}" ] && cp "$R/roster.csv" "$PAICHA_KEEP_GOLDEN"

# MANIFEST: sha256, bytes and data rows of each file.
(cd "$R" && while read -r sum bytes rows name; do
	[ "$(sha256sum "$name" | cut -d' ' -f1)" = "$sum" ] || echo "bad sum $name"
	[ "$(stat -c %s "$name")" = "$bytes" ] || echo "bad size $name"
	echo "$rows $name"
done <MANIFEST) >"$T/manifest.check"
is "$(tr '\n' ' ' <"$T/manifest.check")" "15 report.xlsx 4 summary.csv 7 roster.csv 4 followups.csv " \
    "MANIFEST gives each file's sha256, bytes and data rows"

if [ -n "$PY" ]; then
	"$PY" - "$R" "2020-01-30 00:00" <<'PYEOF' >"$T/py.out" 2>&1
import csv, io, sys, openpyxl
R, instant = sys.argv[1], sys.argv[2]
def read(name, enc="gb18030"):
    raw = open(f"{R}/{name}", "rb").read()
    check(name + " lines end in CRLF", raw.count(b"\n") == raw.count(b"\r\n"))
    return list(csv.reader(io.StringIO(raw.decode(enc), newline="")))
def check(name, cond):
    print(("ok " if cond else "FAIL ") + name)
summary, roster, fol = read("summary.csv"), read("roster.csv"), read("followups.csv")
check("summary header", summary[0] == ["乡镇(街道)", "村(社区)", "在鄂务工人数", "已联系", "未联系上", "未排查", "已返乡", "仍在湖北", "在其他地区", "湖北籍在本地就业人数", "湖北籍已联系", "有发热等症状", "已督促就医", "居家隔离中", "当日联系人数"])
check("roster header", roster[0][:6] == ["序号", "人员类别", "姓名", "性别", "身份证号", "联系电话"] and roster[0][-3:] == ["联系次数", "排查人", "备注"] and len(roster[0]) == 26)
check("followups header", fol[0] == ["序号", "姓名", "联系电话", "随访类型", "应随访时间", "责任人", "是否逾期"])
rows = summary[1:-1]; total = summary[-1]
check("villages in order of first appearance", [r[:2] for r in rows] == [["黄花镇", "西湖村"], ["黄花镇", "东山村"], ["安沙镇", "和平村"]])
check("totals row", total[:2] == ["合计", ""])
check("totals equal the column sums", all(int(total[c]) == sum(int(r[c]) for r in rows) for c in range(2, 15)))
inv = True
for r in rows + [total]:
    n = [int(x) for x in r[2:]]
    inv &= n[1] + n[2] + n[3] == n[0] and n[4] + n[5] + n[6] <= n[1]
check("invariants of section 5 hold on every row", inv)
check("known counts 西湖村", rows[0][2:] == ["2", "2", "0", "0", "1", "0", "1", "1", "1", "1", "1", "1", "3"])
check("known counts 东山村", rows[1][2:] == ["2", "0", "1", "1", "0", "0", "0", "1", "0", "0", "0", "0", "1"])
check("known counts 和平村", rows[2][2:] == ["1", "1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0"])
check("roster counts match the summary", len(roster) - 1 == int(total[2]) + int(total[9]))
check("roster serial numbers", [r[0] for r in roster[1:]] == [str(i) for i in range(1, len(roster))])
w1 = roster[1]
check("ID number upper-case X", w1[4] == "43012119900307123X" and roster[7][4] == "43012119851224005X")
check("phones primary first joined by 、", w1[5] == "13574895655、0731-84900135")
check("a phone removed before the date is gone", roster[4][5] == "13307120002" and roster[4][6] == "湖北省武汉市")
check("latest health check wins", w1[15:18] == ["是", "发热、咳嗽", "37.8"])
check("quoted note with a comma", w1[25] == "咳嗽两天, 已去卫生院")
for r in fol[1:]:
    check("overdue flag of follow-up " + r[0], r[6] == ("是" if r[4] < instant else "否"))
check("follow-ups by due time", [r[4] for r in fol[1:]] == sorted(r[4] for r in fol[1:]))
wb = openpyxl.load_workbook(f"{R}/report.xlsx")
check("sheets 汇总 花名册 随访 in order", wb.sheetnames == ["汇总", "花名册", "随访"])
ws = wb["花名册"]
check("ID numbers are text cells", all(isinstance(ws.cell(row=i, column=5).value, str) for i in range(2, ws.max_row + 1)))
check("phones are text cells", isinstance(ws.cell(row=2, column=6).value, str))
check("counts are number cells", isinstance(wb["汇总"].cell(row=2, column=3).value, (int, float)))
check("header bold", all(wb[s].cell(row=1, column=1).font.b for s in wb.sheetnames))
check("first row frozen", all(wb[s].freeze_panes == "A2" for s in wb.sheetnames))
check("xlsx roster equals the CSV", [[("" if c is None else str(c)) for c in r] for r in ws.iter_rows(values_only=True)] == roster)
check("columns wide enough", (ws.column_dimensions["E"].width or 0) >= 18)
PYEOF
	while read -r verdict name; do
		[ "$verdict" = ok ]; ok $? "report content: $name"
	done <"$T/py.out"
	grep -q '^\(ok\|FAIL\)' "$T/py.out" || { ok 1 "the python checks ran"; diag "$(cat "$T/py.out")"; }
else
	skip_test "report content" "no python3 with openpyxl"
fi

# As of: more calls, a moved worker and a removed phone after the date
# change nothing in the report for that date.
for f in summary roster followups; do cp "$R/$f.csv" "$T/first-$f.csv"; done
cp "$R/report.xlsx" "$T/first-report.xlsx"; cp "$R/MANIFEST" "$T/first-MANIFEST"
export PAICHA_NOW="2020-01-30 10:00"
call "2020-01-30 09:00" 5 --outcome reached whereabouts=home return_date=2020-01-29 transport=car temperature=36.9 symptoms=
call "2020-01-30 09:10" 2 --outcome reached whereabouts=hubei temperature=38.1 symptoms=fever urged_doctor=no
call "2020-01-30 09:20" 1 --outcome reached whereabouts=home return_date=2020-01-20 temperature=36.7 symptoms=
sql "UPDATE workers SET village = '东山村', name = '孙陆' WHERE id = 6;
INSERT INTO audit(at, action, entity, entity_id, field, old_value, new_value) VALUES
 (strftime('%s', '2020-01-30 09:30:00', '-8 hours'), 'worker.update', 'worker', 6, 'village', '西湖村', '东山村'),
 (strftime('%s', '2020-01-30 09:30:00', '-8 hours'), 'worker.update', 'worker', 6, 'name', '孙六', '孙陆');
UPDATE phones SET removed_at = strftime('%s', '2020-01-30 09:40:00', '-8 hours') WHERE worker_id = 1 AND rank = 0;"
mkdir "$T/out2"
run export --date 2020-01-29 --out "$T/out2"
is "$RC" 0 "the same date exported again the next day"
same=0
for f in summary roster followups; do
	cmp -s "$T/first-$f.csv" "$T/out2/430121101-20200129/$f.csv" || { same=1; diag "$f.csv differs"; }
done
ok $same "the report for yesterday is byte-identical after new calls, edits and phone changes today"
cmp -s "$T/first-report.xlsx" "$T/out2/430121101-20200129/report.xlsx" &&
    cmp -s "$T/first-MANIFEST" "$T/out2/430121101-20200129/MANIFEST"
ok $? "so are report.xlsx (created at the report instant) and the MANIFEST"

ino=$(stat -c %i "$R")
sum=$(sha256sum "$R/MANIFEST")
run export --date 2020-01-29 --out "$T/out"
is "$RC" 1 "an existing report is not replaced without --force"
like "$ERR" "--force" "and the message says how to replace it"
is "$(stat -c %i "$R") $(sha256sum "$R/MANIFEST")" "$ino $sum" "the existing report is left untouched"

run export --date 2020-01-29 --out "$T/out" --force
is "$RC" 0 "--force replaces the report"
ok "$([ "$(stat -c %i "$R")" != "$ino" ]; echo $?)" "the folder was replaced"
cmp -s "$T/first-roster.csv" "$R/roster.csv"
ok $? "the replaced report has the same roster bytes"
is "$(ls -A "$T/out" | wc -l)" 1 "no old or temporary folder is left after --force"

# (a missing --out folder is made, below; one whose parent is missing too
# is not: nothing is guessed)
run export --date 2020-01-29 --out "$T/out3/sub" --encoding utf-8
is "$RC" 1 "a missing --out folder is refused"
like "$ERR" "create the folder" "and the message says what to do"
mkdir "$T/out3"
run export --date 2020-01-29 --out "$T/out3" --encoding utf-8
is "$(head -c 3 "$T/out3/430121101-20200129/roster.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" \
    "--encoding utf-8 starts with a byte-order mark"
tail -c +4 "$T/out3/430121101-20200129/roster.csv" | iconv -f UTF-8 -t GB18030 | cmp -s - "$R/roster.csv"
ok $? "the UTF-8 roster says the same as the GB18030 one"

run export --date 2020-01-30 --out "$T/out3"
is "$RC" 1 "a day that has not ended is refused"
like "$ERR" "2020-01-29" "and the message names the latest day that can be reported"
run export --date 2020-02-30 --out "$T/out3"
is "$RC" 1 "a date that does not exist is refused"
run export --date 2020-01-29
is "$RC" 2 "--out is required"

# A full disk leaves no folder and says what to do.
if [ "$(id -u)" -eq 0 ] && mkdir "$T/tiny" && mount -t tmpfs -o size=4k tmpfs "$T/tiny" 2>/dev/null; then
	run export --date 2020-01-29 --out "$T/tiny"
	is "$RC" 1 "a full disk fails the export"
	like "$ERR" "free some space" "and the message says to free space"
	is "$(ls -A "$T/tiny" | wc -l)" 0 "a full disk leaves nothing behind"
	umount "$T/tiny"
else
	skip_test "full disk" "needs root to mount a small tmpfs"
fi

# Killed exports, on a bigger township.
BIG=$T/big.db
PAICHA_DB=$BIG "$PAICHA" init --township 黄花镇 --division 430121101 >/dev/null
PAICHA_DB=$BIG "$PAICHA" user add zw --role investigator --name 张伟 >/dev/null
printf '.parameter set @n 200000\n.read %s\n' "$D/export-bulk.sql" | "$SQLITE" "$BIG"
mkdir "$T/big"
# wait_tmp: until the export's temporary folder appears (or it ended).
wait_tmp() {
	_n=0
	while [ $_n -lt 2000 ]; do
		ls -A "$T/big" | grep -q '\.tmp-' && return 0
		kill -0 "$1" 2>/dev/null || return 1
		sleep 0.01
		_n=$((_n + 1))
	done
	return 1
}
PAICHA_DB=$BIG "$PAICHA" export --date 2020-01-29 --out "$T/big" >/dev/null 2>"$T/term.err" &
pid=$!
if wait_tmp $pid; then
	kill -TERM $pid
	wait $pid
	is "$?" 1 "an export stopped by SIGTERM exits 1"
	like "$(cat "$T/term.err")" "interrupted" "and says it was interrupted"
	is "$(ls -A "$T/big" | wc -l)" 0 "SIGTERM leaves no folder, not even a temporary one"
else
	wait $pid
	skip_test "SIGTERM" "the export ended before it could be stopped"
fi
PAICHA_DB=$BIG "$PAICHA" export --date 2020-01-29 --out "$T/big" >/dev/null 2>&1 &
pid=$!
if wait_tmp $pid; then
	kill -KILL $pid
	wait $pid
	is "$(ls "$T/big" | wc -l)" 0 "an export killed with SIGKILL publishes no folder"
	run --db "$BIG" export --date 2020-01-29 --out "$T/big"
	is "$RC" 0 "the next export succeeds"
	is "$(ls -A "$T/big" | tr '\n' ' ')" "430121101-20200129 " \
	    "and removes the temporary folder the killed one left"
	is "$(sed -n 3p "$T/big/430121101-20200129/MANIFEST" | awk '{print $3}')" 200000 \
	    "the big roster has every worker"
else
	wait $pid
	skip_test "SIGKILL" "the export ended before it could be killed"
fi

# The division code must be set.
sql "DELETE FROM settings WHERE key = 'division'"
run export --date 2020-01-29 --out "$T/out3" --force
is "$RC" 1 "without a division code export fails"
like "$ERR" "division" "and says how to set it"

# The nightly job: report, dated backup, retention of its own files only.
sql "INSERT INTO settings(key, value) VALUES ('division', '430121101')"
N=$T/nightly
mkdir -p "$N/reports/430121101-20000101" "$N/reports/430121101-29991231" "$N/reports/notes-20000101" "$N/backups"
: >"$N/backups/paicha-20000101.db"
: >"$N/backups/paicha-20000101.db.keep"
: >"$N/backups/other.db"
touch -d "2000-01-01" "$N/reports/430121101-20000101" "$N/reports/notes-20000101" \
    "$N/backups/paicha-20000101.db" "$N/backups/paicha-20000101.db.keep" "$N/backups/other.db"
PAICHA_BIN=$PAICHA PAICHA_DATE=2020-01-29 PAICHA_REPORT_DIR=$N/reports PAICHA_BACKUP_DIR=$N/backups \
    sh "$PAICHA_SRCDIR/contrib/paicha-nightly.sh" >/dev/null 2>"$T/nightly.err"
is "$?" 0 "the nightly job exits 0"
ok "$([ -f "$N/reports/430121101-20200129/MANIFEST" ]; echo $?)" "the nightly job exports the day"
ls "$N/backups" | grep -q "^paicha-[0-9]\{8\}\.db$"
ok $? "the nightly job keeps a dated backup"
# (issue 13: hand-made look-alikes of its names are not the job's either;
# tests/cli/nightly.sh follows a month of its own)
is "$(ls "$N/reports" | tr '\n' ' ')" "430121101-20000101 430121101-20200129 430121101-29991231 notes-20000101 " \
    "retention removes no report folder the job did not make"
is "$(ls "$N/backups" | grep -v "^paicha-$(TZ=Asia/Shanghai date +%Y%m%d)\.db$" | tr '\n' ' ')" "other.db paicha-20000101.db paicha-20000101.db.keep " \
    "retention removes no backup the job did not make"

# Formula injection (OWASP "CSV injection"): text that begins with = + - @
# TAB or CR goes out with a leading ' in every CSV, and stays text in
# report.xlsx.
sql "UPDATE workers SET name = '=HYPERLINK(\"http://x.invalid\",\"点我\")', village = '@SUM(A1)' WHERE id = 7"
PAICHA_NOW="2020-01-30 10:00" "$PAICHA" call 7 --outcome reached whereabouts=never-left temperature=36.6 \
    symptoms= "note=-cmd|' /C calc'!A0" >/dev/null 2>"$T/inj.err" || diag "call: $(cat "$T/inj.err")"
mkdir "$T/inj"
PAICHA_NOW="2020-01-31 08:00" "$PAICHA" export --date 2020-01-30 --out "$T/inj" --encoding utf-8 >/dev/null 2>"$T/inj.err"
is "$?" 0 "export with formula-like text exits 0"
I=$T/inj/430121101-20200130
grep -q ",\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"点我\"\")\"," "$I/roster.csv"
ok $? "roster.csv: a name beginning with = gets a leading '"
grep -q ",'@SUM(A1)," "$I/roster.csv"
ok $? "roster.csv: a village beginning with @ gets a leading '"
grep -q ",'-cmd|' /C calc'!A0" "$I/roster.csv"
ok $? "roster.csv: a note beginning with - gets a leading '"
grep -q ",'@SUM(A1)," "$I/summary.csv"
ok $? "summary.csv: the village's row is neutralised too"
grep -E '(^|,)"?([=@]|[+-][^0-9])' "$I/roster.csv" "$I/summary.csv" "$I/followups.csv" >"$T/inj.bare"
is "$(wc -l <"$T/inj.bare")" 0 "no field of any CSV begins with = or @, or with + or - before anything but a number"
grep -q ',+85291234567,' "$I/roster.csv"
ok $? "a phone number in international form (+852...) is a number, left as it is"
if [ -n "$PY" ]; then
	"$PY" - "$I/report.xlsx" <<'PYEOF' >"$T/inj.py" 2>&1
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
vals = [(c.value, c.data_type) for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
f = [v for v in vals if v[1] == 'f']
names = [v for v in vals if v[0].startswith('=HYPERLINK')]
print('formulas', len(f), 'names', len(names), 'types', sorted(set(t for _, t in names)))
PYEOF
	is "$(cat "$T/inj.py")" "formulas 0 names 1 types ['s']" "report.xlsx keeps =HYPERLINK(...) as text, unprefixed"
else
	skip_test "report.xlsx keeps formula-like text as text" "python3-openpyxl is not installed"
fi

# export --out creates a folder that does not exist yet (0750); a --date
# before the first record is warned about
mkdir "$T/new"
PAICHA_NOW="2020-01-31 08:00" "$PAICHA" export --date 2020-01-30 --out "$T/new/reports" >"$T/new.out" 2>"$T/new.err"
is "$?:$(stat -c %a "$T/new/reports")" "0:750" "export --out DIR creates DIR, mode 0750"
like "$(cat "$T/new.err")" "Created the folder" "and says so"
ok "$([ -f "$T/new/reports/430121101-20200130/MANIFEST" ]; echo $?)" "the report is written into it"
unlike "$(cat "$T/new.err")" "before the first record" "a day with records gets no warning"
PAICHA_NOW="2020-01-31 08:00" "$PAICHA" export --date 2019-12-01 --out "$T/new/reports" >"$T/new.out" 2>"$T/new.err"
like "$(cat "$T/new.err")" "Warning: 2019-12-01 is before the first record (20" "a --date before the first record is warned about"

# paicha backup
run backup "$T/copy.db"
is "$RC" 0 "backup exits 0"
is "$(stat -c %a "$T/copy.db")" 640 "the backup is mode 0640"
is "$("$SQLITE" "$T/copy.db" "PRAGMA integrity_check")" ok "the copy passes SQLite's integrity check"
q="SELECT (SELECT count(*) FROM workers) || ' ' || (SELECT count(*) FROM calls) || ' ' || (SELECT count(*) FROM call_answers) || ' ' || (SELECT count(*) FROM followups)"
is "$("$SQLITE" "$T/copy.db" "$q")" "$(sql "$q")" "the copy has the same rows"
run backup "$T/copy.db"
is "$RC" 1 "backup never overwrites an existing file"
like "$ERR" "remove it" "and says what to do"
ls "$T" | grep -q 'copy.db.tmp'
ok $((! $?)) "no temporary copy is left"
run backup
is "$RC" 2 "backup without DEST is a usage error"

done_testing
