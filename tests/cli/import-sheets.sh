#!/bin/sh
# paicha import of a workbook of several worksheets (issue 11: "An .xlsx
# with two sheets imports the first and silently skips the second"): every
# worksheet with a header row is read, one without is skipped and said,
# the counts come per worksheet, --sheet reads one; the workbooks are
# written by libxlsxwriter (tests/mkxlsx), as Excel and WPS write them.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-01 09:00"
MKXLSX=$PAICHA_BUILDDIR/tests/mkxlsx
newdb() { "$PAICHA" --db "$1" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null; }
newdb "$PAICHA_DB"

# one worksheet per village, with their columns in different orders, a
# 说明 sheet without a header, an empty one; a row no ID number identifies
# in each village (a valid ID without a valid phone is imported: issue 12)
mkdir "$T/w"
"$MKXLSX" "$T/w/villages.xlsx" <<'ROWS'
=== 说明
本花名册按村分工作表填写
填表人：张三
=== 西湖村
黄花镇西湖村在鄂务工人员花名册
姓名|身份证号|联系电话|人员类别|户籍地址
任红敏|430121199108166861|18855703312|在鄂务工|湖南省长沙县黄花镇西湖村
杨飞娟|430121199104175138|15611096665|在鄂务工|湖南省长沙县黄花镇西湖村
邱文静|430121196506081421|18672357181|在鄂务工|湖南省长沙县黄花镇西湖村
错号甲|430121196506081422|18672357182|在鄂务工|湖南省长沙县黄花镇西湖村
=== Sheet3
=== 柳林社区
联系电话|姓名|人员类别|身份证号|户籍地址|备注|学历
13691164562|龙涛磊|在鄂务工|430121199612031245|湖南省长沙县黄花镇柳林社区||初中
18151053240|武红|在鄂务工|430121199503280939|湖南省长沙县黄花镇柳林社区|已返乡|高中
123|无号乙|在鄂务工|430121200007189130|湖南省长沙县黄花镇柳林社区||初中
13800138009|任红敏|在鄂务工|430121199108166861|湖南省长沙县黄花镇西湖村|也在柳林|大专
ROWS
ok $? "tests/mkxlsx writes a workbook of four worksheets"

run import --dry-run "$T/w/villages.xlsx"
is "$RC" 0 "a dry run of the workbook succeeds"
like "$OUT" "worksheet '西湖村': header on row 2, 4 rows read, 3 imported, 0 updated, 1 rejected" "the dry run reports 西湖村"
like "$OUT" "worksheet '柳林社区': header on row 1, 4 rows read, 2 imported, 1 updated, 1 rejected" "and 柳林社区"
is "$(sql "SELECT count(*) FROM workers")" 0 "and writes nothing"

run import "$T/w/villages.xlsx"
is "$RC" 0 "the workbook imports"
like "$OUT" "worksheet '说明': skipped, no header row" "a worksheet without a header row is skipped, and said"
like "$OUT" "worksheet 'Sheet3': skipped, it is empty" "an empty worksheet is skipped, and said"
like "$OUT" "worksheet '西湖村': header on row 2, 4 rows read, 3 imported, 0 updated, 1 rejected" "the counts of 西湖村"
like "$OUT" "worksheet '柳林社区': header on row 1, 4 rows read, 2 imported, 1 updated, 1 rejected" "the counts of 柳林社区"
like "$OUT" "columns not imported: 学历" "the columns a worksheet has that are not imported"
like "$OUT" "Imported:      5" "the totals are the sum"
like "$ERR" "[西湖村] line 6: rejected: " "a row's message names its worksheet"
like "$ERR" "[柳林社区] line 4: rejected: " "in each worksheet"
is "$(sql "SELECT count(*) FROM workers WHERE source LIKE 'import:villages.xlsx[西湖村]:%'")" 3 \
    "three workers come from 西湖村 (the source names the worksheet)"
is "$(sql "SELECT count(*) FROM workers WHERE source LIKE 'import:villages.xlsx[柳林社区]:%'")" 2 \
    "two from 柳林社区"
is "$(sql "SELECT source FROM workers WHERE name = '龙涛磊'")" "import:villages.xlsx[柳林社区]:2" \
    "a worker's source is the file, the worksheet and the row"
is "$(sql "SELECT name || ' ' || id_number FROM workers WHERE name = '武红'")" "武红 430121199503280939" \
    "the columns of a worksheet in another order are read by their titles"
is "$(sql "SELECT note FROM workers WHERE name = '武红'")" "已返乡" \
    "the 备注 of a worksheet's row becomes the worker's first note"
is "$(sql "SELECT count(*) FROM cases")" 5 "every worker imported has a case"
is "$(sql "SELECT count(*) FROM phones p JOIN workers w ON w.id = p.worker_id WHERE w.name = '任红敏'")" 2 \
    "a worker in two worksheets is one worker with the phones of both"

# one reject file for the workbook, in the first worksheet's columns, each
# row with its worksheet and row
rej=$T/w/villages.rejects.csv
is "$(sed -n 1p "$rej" | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" "姓名,身份证号,联系电话,人员类别,户籍地址,工作表,行号,原因" \
    "the reject file has the first worksheet's columns and 工作表"
like "$(grep 错号甲 "$rej")" "错号甲,430121196506081422,18672357182,在鄂务工,湖南省长沙县黄花镇西湖村,西湖村,6," "a reject of 西湖村 names its worksheet and row"
like "$(grep 无号乙 "$rej")" "无号乙,430121200007189130,123,在鄂务工,湖南省长沙县黄花镇柳林社区,柳林社区,4," \
    "a reject of 柳林社区 is put in the same columns by their titles"

# the same workbook again changes nothing
before=$(sql "SELECT count(*) FROM workers; SELECT count(*) FROM audit")
run import "$T/w/villages.xlsx"
like "$OUT" "worksheet '西湖村': header on row 2, 4 rows read, 0 imported, 0 updated, 1 rejected" "imported again, 西湖村 brings nobody new"
is "$(sql "SELECT count(*) FROM workers; SELECT count(*) FROM audit")" "$before" "and nothing changes"

# ---- --sheet NAME
newdb "$T/one.db"
run --db "$T/one.db" import --sheet 柳林社区 "$T/w/villages.xlsx"
is "$RC" 0 "--sheet 柳林社区 imports"
like "$OUT" "worksheet '柳林社区': header on row 1, 4 rows read, 3 imported" "it reports that worksheet"
unlike "$OUT" "西湖村" "and no other"
is "$(sqlite "$T/one.db" "SELECT group_concat(name, ' ') FROM (SELECT name FROM workers ORDER BY id)")" "龙涛磊 武红 任红敏" \
    "only the workers of 柳林社区 are imported"
run --db "$T/one.db" import --sheet 东山村 "$T/w/villages.xlsx"
is "$RC" 1 "an unknown worksheet is refused"
like "$ERR" "has no worksheet '东山村'; its worksheets are '说明', '西湖村', 'Sheet3', '柳林社区'" "listing the worksheets"
run --db "$T/one.db" import --sheet 说明 "$T/w/villages.xlsx"
is "$RC" 1 "a worksheet without a header, asked for by name, is refused"
like "$ERR" "has no header row" "with the reason"
printf '姓名,身份证号,联系电话,人员类别\n' >"$T/w/r.csv"
run --db "$T/one.db" import --sheet 西湖村 "$T/w/r.csv"
is "$RC" 1 "--sheet on a CSV is refused"
like "$ERR" "--sheet is for an .xlsx workbook" "with the reason"

# ---- no worksheet with a header; a worksheet with a header but a column missing
"$MKXLSX" "$T/w/none.xlsx" <<'ROWS'
=== 甲
说明
=== 乙
ROWS
run import "$T/w/none.xlsx"
is "$RC" 1 "a workbook without any header row is refused"
like "$ERR" "none of the worksheets of $T/w/none.xlsx ('甲', '乙') has a header row" "naming its worksheets"
"$MKXLSX" "$T/w/missing.xlsx" <<'ROWS'
=== 甲
姓名|身份证号|联系电话|人员类别
龙涛磊|430121199612031245|13691164562|在鄂务工
=== 乙
姓名|联系电话|人员类别
白辉玲|18421177352|在鄂务工
ROWS
newdb "$T/m.db"
run --db "$T/m.db" import "$T/w/missing.xlsx"
is "$RC" 1 "a worksheet with a header but no ID number column stops the import"
like "$ERR" "worksheet '乙' of $T/w/missing.xlsx has no column 身份证号" "naming the worksheet and the column"
is "$(sqlite "$T/m.db" "SELECT count(*) FROM workers")" 0 "before anything is written"

# ---- the imports above went into empty databases (the load: db/import.h);
# into one that holds a worker, row by row and, past a low threshold, in bulk
newdb "$T/bulk.db"
printf '姓名,身份证号,联系电话,人员类别\n白辉玲,430121198206012060,18421177352,在鄂务工\n' >"$T/w/one.csv"
run --db "$T/bulk.db" import "$T/w/one.csv"
PAICHA_IMPORT_BULK_ROWS=2; export PAICHA_IMPORT_BULK_ROWS
run --db "$T/bulk.db" import "$T/w/villages.xlsx"
unset PAICHA_IMPORT_BULK_ROWS
is "$RC" 0 "the workbook imports into a database that holds a worker, in bulk past 2 rows"
like "$OUT" "worksheet '柳林社区': header on row 1, 4 rows read, 2 imported, 1 updated, 1 rejected" "with the same counts"
is "$(sqlite "$T/bulk.db" "SELECT count(*) FROM workers WHERE source LIKE 'import:villages.xlsx[西湖村]:%';
    SELECT count(*) FROM workers WHERE source LIKE 'import:villages.xlsx[柳林社区]:%'")" "3
2" "and the same workers per worksheet"

# ---- in Chinese
if locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\{0,1\}8$'; then
	newdb "$T/zh.db"
	out=$(LC_ALL=zh_CN.UTF-8 "$PAICHA" --db "$T/zh.db" import "$T/w/villages.xlsx" 2>/dev/null)
	like "$out" "工作表“说明”：已跳过" "the skipped worksheet is said in Chinese"
	like "$out" "工作表“柳林社区”：" "and the counts per worksheet"
else
	skip_test "the report per worksheet in Chinese" "no zh_CN.UTF-8 locale"
fi
done_testing
