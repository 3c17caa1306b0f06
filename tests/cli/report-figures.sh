#!/bin/sh
# A township where every figure of the provincial report is told apart:
# in each village every summary column has its own non-zero value, and
# each column differs between the two villages, so that swapping two
# columns, two villages or two groups changes the file.  Records sit on
# every boundary of docs/provincial-format.md section 2 (the report for
# D shows what was recorded at or before D 24:00): a call at exactly
# 24:00 and one at 00:00, a follow-up due at the report instant, a claim
# ending at its expiry second, a village changed twice after 24:00 and
# one changed at 24:00 exactly, a worker born on the day of the import.
# The expected rows below are counted by hand from the plan of each
# worker (the table in gen()), never computed by paicha's code.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
PY=${PYTHON3:-python3}
command -v "$PY" >/dev/null 2>&1 || { skip_test "the report fixture" "no python3"; done_testing; }

D=2020-02-02		# the report date; its instant T is 2020-02-03 00:00 CST
# gen: the roster (roster.csv) and the calls to make (calls.txt: PAICHA_NOW|ID|ARGS).
# A plan per worker: village, group, what the calls say.
#  home/hubei/else/never: reached with that whereabouts; unr: one unanswered
#  call; unc: never called.  Flags: s symptomatic (else asked, no symptom),
#  u urged to see a doctor (else urged_doctor=no), i isolated over D
#  (I: isolation ends on D itself, J: begins on D), d the call is on D (else
#  the day before).
"$PY" - "$T" <<'PYEOF'
import sys
out = sys.argv[1]
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
def idnum(birth, seq):
    body = "430121%s%03d" % (birth, seq)
    return body + CHECK[sum(int(c) * w for c, w in zip(body, W)) % 11]
# village 东风村: A 16 = reached 7 (home 1, hubei 2, else 3, never 1) + unreached 5
# + uncalled 4; B 10 (reached 9); symptomatic 6, urged 11, isolated 12, on D 13
V1 = (["A home suiI"] +                      # its one call is at 24:00 exactly (below)
      ["A hubei suid", "A hubei uiJ"] +
      ["A else sud", "A else uid", "A else id"] +
      ["A never id"] +
      ["A unr d", "A unr", "A unr", "A unr", "A unr"] +
      ["A unc"] * 4 +
      ["B never suId", "B never suid", "B never suid", "B home uid", "B hubei uid",
       "B never uid", "B never ", "B never ", "B never "] +
      ["B unc"])				# born on the day of the import
# village 西湖村: A 17 = reached 8 (home 3, hubei 1, else 2, never 2) + unreached 4
# + uncalled 5, and 北岭村's worker moved in at 24:00: A 18, uncalled 6;
# B 6 (reached 5) and one imported at 24:00: B 7; symptomatic 9, urged 10,
# isolated 11, on D 12
V2 = (["A home suid", "A home suid", "A home suid"] +
      ["A hubei suid"] +
      ["A else suid", "A else suIid"] +
      ["A never suid", "A never suid"] +
      ["A unr d", "A unr d", "A unr", "A unr"] +  # the first one's call is at 00:00
      ["A unc"] * 4 + ["A unc"] +			 # the last one is called after 24:00
      ["B never suid", "B never uJd", "B never i", "B never ", "B never "] +
      ["B unc"])
rows, calls = [], []
names = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"
def worker(i, village, plan, born=None):
    grp, what = plan.split(" ", 1) if " " in plan else (plan, "")
    kind, _, flags = what.partition(" ")
    ident = idnum(born or "1980%02d%02d" % (1 + i // 28 % 12, 1 + i % 28), i)
    name = names[i % 20] + given[i // 20 % 20] + given[(i * 7) % 20]
    phone = "1380731%04d" % i
    cat = "在鄂务工" if grp == "A" else "湖北籍在本地就业"
    rows.append(f"{name},{ident},{phone},湖南省长沙县黄花镇{village},湖北省武汉市,某厂,{cat}")
    if kind in ("", "unc"):
        return ident
    when = ("2020-02-02 %02d:%02d" if "d" in flags else "2020-02-01 %02d:%02d") % (10 + i // 60, i % 60)
    if kind == "unr":
        calls.append(f"{when}|{ident}|--outcome no-answer")
        return ident
    a = ["--outcome reached", "whereabouts=" + {"else": "elsewhere", "never": "never-left"}.get(kind, kind)]
    if kind == "home":
        a.append("return_date=2020-01-25")
    if kind == "hubei":
        a.append("hubei_city=武汉")
    if kind == "else":
        a.append("elsewhere_place=广州")
    a.append("symptoms=fever temperature=38.1" if "s" in flags else "symptoms= temperature=36.5")
    a.append("urged_doctor=" + ("yes" if "u" in flags else "no"))
    if "I" in flags:
        a.append("isolation_start=2020-01-20 isolation_end=2020-02-02")
    elif "J" in flags:
        a.append("isolation_start=2020-02-02 isolation_end=2020-02-15")
    elif "i" in flags:
        a.append("isolation_start=2020-01-26 isolation_end=2020-02-08")
    else:
        a.append("isolation_start=2020-01-20 isolation_end=2020-02-01")
    calls.append(f"{when}|{ident}|{' '.join(a)}")
    return ident
ids = {}
i = 0
for v, plans in (("东风村", V1), ("西湖村", V2)):
    for k, p in enumerate(plans):
        born = "20200201" if (v == "东风村" and k == len(plans) - 1) else None
        ids[(v, k)] = worker(i, v, p, born)
        i += 1
# boundaries: 东风村's home worker's call is at 24:00 exactly; 西湖村's first
# unreached worker's call at 00:00 of D; 西湖村's last uncalled one is called
# after 24:00 (not counted)
def move(key, when):
    for n, c in enumerate(calls):
        at, who, args = c.split("|")
        if who == ids[key]:
            calls[n] = "|".join((when, who, args))
move(("东风村", 0), "2020-02-03 00:00")
move(("西湖村", 8), "2020-02-02 00:00")
calls.append("2020-02-03 00:01|" + ids[("西湖村", 16)] + "|--outcome reached whereabouts=never-left")
# a worker of 东风村 (hubei) whose village changes twice after 24:00, and one
# imported in 北岭村 whose village becomes 西湖村 at 24:00 exactly
open(out + "/roster.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" + "\n".join(rows) + "\n")
open(out + "/calls.txt", "w").write("\n".join(calls) + "\n")
mover = rows[1].split(",")
open(out + "/ids.txt", "w").write("\n".join([ids[("东风村", 0)], ids[("东风村", 1)], ids[("西湖村", 8)],
    ids[("东风村", len(V1) - 1)], ids[("西湖村", 9)], idnum("19900102", 998)]) + "\n")
open(out + "/move1.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    ",".join(mover[:3] + ["湖南省长沙县黄花镇中间村"] + mover[4:]) + "\n")
open(out + "/move2.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    ",".join(mover[:3] + ["湖南省长沙县黄花镇西湖村"] + mover[4:]) + "\n")
late = idnum("19900101", 999)
at24 = idnum("19900102", 998)
open(out + "/at24.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    f"零点人,{at24},13807319998,湖南省长沙县黄花镇西湖村,湖北省武汉市,某厂,湖北籍在本地就业\n")
f = rows[len(V1) + 8].split(",")
f[2] += "/13907319997"
open(out + "/phone2.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    ",".join(f) + "\n")
# 西湖村's 11th worker gets a second phone before D, and loses the first
# after 24:00: the report lists both, the first first; the 12th gets one
# after 24:00, which the report leaves out
f = rows[len(V1) + 10].split(",")
open(out + "/phone3.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    ",".join(f[:2] + [f[2] + "/13907319996"] + f[3:]) + "\n")
open(out + "/phone3.txt", "w").write(f[1] + " " + f[2] + "\n")
f = rows[len(V1) + 11].split(",")
open(out + "/phone4.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    ",".join(f[:2] + [f[2] + "/13907319995"] + f[3:]) + "\n")
open(out + "/phone4.txt", "w").write(f[1] + " " + f[2] + "\n")
open(out + "/late0.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    f"迟到,{late},13807319999,湖南省长沙县黄花镇北岭村,湖北省武汉市,某厂,在鄂务工\n")
open(out + "/late2.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    f"迟来,{late},13807319999,湖南省长沙县黄花镇西湖村,湖北省武汉市,某厂,在鄂务工\n")
open(out + "/late1.csv", "w").write("姓名,身份证号,联系电话,户籍地址,务工地,工作单位,人员类别\n" +
    f"迟到,{late},13807319999,湖南省长沙县黄花镇西湖村,湖北省武汉市,某厂,在鄂务工\n")
PYEOF
ok $? "the plan of 49 workers is written"
set -- $(cat "$T/ids.txt")
AT24=$1 MOVER=$2 AT00=$3 BABY=$4 FUDUE=$5 NEW24=$6

PAICHA_NOW="2020-02-01 08:00" run init --township 黄花镇 --division 430121101 --area-code 0731
PAICHA_NOW="2020-02-01 08:00" run user add pctlead --role lead --name 组长
PAICHA_NOW="2020-02-01 09:00" run import "$T/roster.csv"
is "$RC" 0 "the roster imports"
like "$OUT" "Imported:      49" "all 49 workers, the one born on the day of the import too"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
# 北岭村's worker, moved to 西湖村 at 24:00 exactly: in 西湖村 in the report
PAICHA_NOW="2020-02-01 09:30" run import "$T/late0.csv"
is "$RC" 0 "a worker of 北岭村 imports"

# a second phone for the 00:00 worker, removed (as the case screen does) at 24:00 exactly
PAICHA_NOW="2020-02-01 10:00" run import "$T/phone2.csv"
is "$(sql "SELECT count(*) FROM phones WHERE e164 = '+8613907319997'")" 1 "a second phone is added"
sql "UPDATE phones SET removed_at = CAST(strftime('%s', '2020-02-02 16:00') AS INTEGER)
    WHERE e164 = '+8613907319997'"
PAICHA_NOW="2020-02-01 10:00" run import "$T/phone3.csv"
is "$(sql "SELECT count(*) FROM phones WHERE e164 = '+8613907319996' AND rank > 0")" 1 \
    "a second phone is added to another worker"
read -r TWOPH FIRSTPH <"$T/phone3.txt"
# the claim on the 24:00 worker held by the lead until exactly 24:00
lead=$(sql "SELECT id FROM users WHERE login = 'pctlead'")
sql "UPDATE cases SET claimed_by = $lead, claim_expires = CAST(strftime('%s', '2020-02-02 16:00') AS INTEGER)
    WHERE worker_id = (SELECT id FROM workers WHERE id_number = '$AT24')"
fails=
while IFS='|' read -r when who args; do
	# shellcheck disable=SC2086
	PAICHA_NOW="$when" "$PAICHA" call "$who" $args >"$T/o" 2>&1 || fails="$fails$when $who: $(cat "$T/o")
"
done <"$T/calls.txt"
is "$fails" "" "every call is recorded (the one at 24:00 when the other's claim ends that second)"

# follow-ups on the boundary: due at the report instant (not overdue), due a
# minute before (overdue), created at 24:00, closed at 24:00
PAICHA_NOW="2020-02-02 20:00" run followup add "$FUDUE" --kind job --due "2020-02-03 00:00" --note 准点
PAICHA_NOW="2020-02-02 20:00" run followup add "$FUDUE" --kind job --due "2020-02-02 23:59" --note 逾期
PAICHA_NOW="2020-02-03 00:00" run followup add "$AT00" --kind job --due "2020-02-01 07:00" --note 零点建 --past
PAICHA_NOW="2020-02-02 20:00" run followup add "$AT00" --kind job --due "2020-02-01 06:00" --note 零点关 --past
fid=$(sql "SELECT id FROM followups WHERE note = '零点关'")
PAICHA_NOW="2020-02-03 00:00" run followup close "$fid"
is "$RC" 0 "a follow-up is closed at 24:00 exactly"
# an assignment at 24:00 exactly counts; one a minute later does not
PAICHA_NOW="2020-02-03 00:00" run assign --to pctlead "$AT00"
PAICHA_NOW="2020-02-03 00:01" run assign --to pctlead "$BABY"
# a worker imported at 24:00 exactly, with a follow-up made then
PAICHA_NOW="2020-02-03 00:00" run import "$T/at24.csv"
PAICHA_NOW="2020-02-03 00:00" run followup add "$NEW24" --kind job --due "2020-02-03 08:00"
# the village changes: at 24:00 exactly, and twice after
PAICHA_NOW="2020-02-03 00:00" run import "$T/late1.csv"
PAICHA_NOW="2020-02-03 09:00" run import "$T/move1.csv"
PAICHA_NOW="2020-02-03 10:00" run import "$T/move2.csv"
# and the worker moved at 24:00 is renamed after it: undoing the rename
# must leave the move made at 24:00
PAICHA_NOW="2020-02-03 10:30" run import "$T/late2.csv"
is "$(sql "SELECT count(*) FROM audit WHERE action = 'worker.update' AND field = 'village'")" 3 \
    "three village changes are audited"
is "$(sql "SELECT count(*) FROM audit WHERE action = 'worker.update' AND field = 'name'")" 1 \
    "and a change of name"

# after 24:00: the first phone of the one removed, a phone added to another
sql "UPDATE phones SET removed_at = CAST(strftime('%s', '2020-02-03 02:00') AS INTEGER)
    WHERE e164 = '+86$FIRSTPH'"
is "$(sql "SELECT count(*) FROM phones WHERE e164 = '+86$FIRSTPH' AND removed_at IS NOT NULL")" 1 \
    "the first phone is removed after 24:00"
PAICHA_NOW="2020-02-03 10:40" run import "$T/phone4.csv"
is "$(sql "SELECT count(*) FROM phones WHERE e164 = '+8613907319995'")" 1 "a phone is added after 24:00"
read -r NEWPH NEWFIRST <"$T/phone4.txt"
PAICHA_NOW="2020-02-03 11:00" run export --date "$D" --out "$T" --encoding utf-8
is "$RC" 0 "the report for $D"
[ "$RC" -eq 0 ] || diag "$ERR"
R=$T/430121101-20200202
# counted by hand from the plans (东风村 first: its workers come first)
#                                   A  rch unr unc home hub else B  Brch sym urg iso day
is "$(tr -d '\r' <"$R/summary.csv" | sed '1s/^\xef\xbb\xbf//')" "乡镇(街道),村(社区),在鄂务工人数,已联系,未联系上,未排查,已返乡,仍在湖北,在其他地区,湖北籍在本地就业人数,湖北籍已联系,有发热等症状,已督促就医,居家隔离中,当日联系人数
黄花镇,东风村,16,7,5,4,1,2,3,10,9,6,11,12,13
黄花镇,西湖村,18,8,4,6,3,1,2,7,5,9,10,11,12
合计,,34,15,9,10,4,3,5,17,14,15,21,23,25" "summary.csv: every figure of every village, counted by hand"

row() { grep -F ",$1," "$R/roster.csv" | tr -d '\r'; }
like "$(row "$AT24")" ",已联系,已返乡,2020-01-25," "the call at 24:00 exactly is in the report"
like "$(row "$AT24")" ",2020-02-03 00:00,1," "as the last call, at 24:00"
like "$(row "$AT00")" ",未联系上," "the call at 00:00 is in the report"
like "$(row "$AT00")" ",1,组长," "an assignment at 24:00 exactly counts"
unlike "$(row "$AT00")" "13907319997" "a phone removed at 24:00 exactly is gone"
like "$(row "$TWOPH")" ",$FIRSTPH、13907319996," \
    "a phone removed after 24:00 is in the report, in its place before the second"
unlike "$(row "$NEWPH")" "13907319995" "a phone added after 24:00 is not"
like "$(row "$NEWPH")" ",$NEWFIRST,湖南省长沙市," "and the worker's first phone and its region are"
like "$(row "$NEW24")" ",零点人," "a worker imported at 24:00 exactly is in the roster"
like "$(grep -F '2020-02-03 08:00' "$R/followups.csv")" ",零点人," "with the name on its follow-up made at 24:00"
unlike "$(row "$BABY")" "组长" "one a minute after 24:00 does not"
like "$(row "$BABY")" ",湖北籍在本地就业," "the worker born on the day of the import is in the roster"
like "$(row "$MOVER")" ",黄花镇,东风村," "a village changed twice after 24:00 shows as it was at 24:00"
like "$(grep -F ',迟到,' "$R/roster.csv")" ",黄花镇,西湖村," \
    "a village changed at 24:00 exactly stays changed when a later change is undone"
fu() { grep -F ",$1," "$R/followups.csv" | tr -d '\r'; }
like "$(grep -F '2020-02-03 00:00' "$R/followups.csv" | tr -d '\r')" ",岗位推荐,2020-02-03 00:00,,否" \
    "a follow-up due at the report instant is not overdue"
like "$(grep -F '2020-02-02 23:59' "$R/followups.csv" | tr -d '\r')" ",岗位推荐,2020-02-02 23:59,,是" \
    "one due a minute before is"
like "$(cat "$R/followups.csv")" "2020-02-01 07:00" "a follow-up created at 24:00 exactly is open at the report instant"
unlike "$(cat "$R/followups.csv")" "2020-02-01 06:00" "one closed at 24:00 exactly is not"
dues=$(tr -d '\r' <"$R/followups.csv" | sed 1d | cut -d, -f5)
is "$dues" "$(printf '%s\n' "$dues" | sort)" "随访 is ordered by due time"

# paicha stats counts the open follow-ups due before now as overdue: in a
# township of its own, one due an hour ago, one due now, one in an hour
export PAICHA_DB="$T/stats.db"
PAICHA_NOW="2020-02-02 08:00" run init --township 黄花镇 --division 430121101 --area-code 0731
PAICHA_NOW="2020-02-02 08:00" run import "$T/late0.csv"
for due in "2020-02-02 09:00" "2020-02-02 10:00" "2020-02-02 11:00"; do
	PAICHA_NOW="2020-02-02 08:00" run followup add 1 --kind job --due "$due"
done
PAICHA_NOW="2020-02-02 10:00" run stats
like "$OUT" "Open follow-ups: 3, of which overdue: 1" "stats: of 3 open follow-ups 1 is overdue (the one due now is not)"

done_testing
