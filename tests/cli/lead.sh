#!/bin/sh
# The lead's commands on a seeded demo township: every figure of team,
# coverage, escalations, flow and report --today is computed again here,
# independently (SQL over the database, the nightly export's files), and
# compared; reassignment by filter, the wait for a claim, balance (300
# unassigned workers in 3 villages over 3 investigators: 100 each, one
# village each), the village map on import, and the audit of each move.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
me=$(id -un)

PAICHA_NOW="2020-01-26 07:00" run init --township 黄花镇 --division 430121100
PAICHA_NOW="2020-01-26 07:00" run demo --workers 300 --seed 11
is "$RC" 0 "a demo township of 300 workers"
export PAICHA_NOW="2020-02-02 15:00"
D0="CAST(strftime('%s', '2020-02-01 16:00') AS INTEGER)"	# today 00:00 CST
NOW="CAST(strftime('%s', '2020-02-02 07:00') AS INTEGER)"
csv() { "${SQLITE3:-sqlite3}" -batch -noheader -list -separator , "$PAICHA_DB" "$1"; }

# ---- team ----
run team --csv
is "$RC" 0 "team --csv"
want=$(csv "SELECT u.login, u.name,
    (SELECT count(*) FROM cases WHERE investigator_id = u.id),
    (SELECT count(*) FROM cases WHERE investigator_id = u.id AND contact IN ('uncalled', 'unreached')),
    (SELECT count(*) FROM calls WHERE user_id = u.id AND at >= $D0 AND at < $D0 + 86400),
    (SELECT count(*) FROM calls WHERE user_id = u.id AND at >= $D0 AND at < $D0 + 86400
        AND outcome = 'reached'),
    (SELECT count(*) FROM followups f JOIN cases c ON c.worker_id = f.worker_id
        WHERE f.done_at IS NULL AND f.kind <> 'escalation'
        AND coalesce(f.owner_id, c.investigator_id) = u.id),
    (SELECT count(*) FROM followups f JOIN cases c ON c.worker_id = f.worker_id
        WHERE f.done_at IS NULL AND f.kind <> 'escalation'
        AND coalesce(f.owner_id, c.investigator_id) = u.id AND f.due_at < $NOW),
    (SELECT count(*) FROM cases WHERE investigator_id = u.id AND contact = 'unreachable'),
    coalesce((SELECT strftime('%Y-%m-%d %H:%M', max(at) + 28800, 'unixepoch') FROM calls
        WHERE user_id = u.id), '-')
    FROM users u WHERE u.active AND (u.role = 'investigator'
        OR u.id IN (SELECT investigator_id FROM cases)) ORDER BY u.login")
is "$(printf '%s\n' "$OUT" | sed '1d;$d')" "$want" "team: every investigator's figures"
is "$(printf '%s\n' "$OUT" | tail -1)" \
    "-,(unassigned),$(sql "SELECT count(*) FROM cases WHERE investigator_id IS NULL"),0,0,0,0,0,0,-" \
    "team: the unassigned row"
run team
like "$OUT" "calls today" "team prints a plain table too"
unlike "$OUT" "," "and the plain table has no commas"

# ---- coverage: the same counts as the nightly export of the day ----
# The demo's calls end on 2020-02-02; tonight's export (run the next
# morning) is as of 24:00, after the last of them, and so agrees with the
# live views of 2020-02-02 figure by figure.
mkdir "$T/ex"
PAICHA_NOW="2020-02-03 08:00" run export --date 2020-02-02 --out "$T/ex" --encoding utf-8
is "$RC" 0 "the export of 2020-02-02"
summary=$(ls "$T"/ex/*/summary.csv)
run coverage --csv
is "$RC" 0 "coverage --csv"
# village, A, B, reached, never called, returned, in Hubei, symptoms, isolated
want=$(tr -d '\r' <"$summary" | sed '1s/^\xef\xbb\xbf//' | awk -F, 'NR > 1 && $1 != "合计" {
    print $2 "," $3 "," $10 "," $4 + $11 "," $6 "," $7 "," $8 "," $12 "," $14 }')
got=$(printf '%s\n' "$OUT" | sed '1d;$d' | sed 's/^\([^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*,[^,]*\).*/\1/')
is "$got" "$want" "coverage: each village's counts are the export's 汇总"
tot=$(tr -d '\r' <"$summary" | awk -F, '$1 == "合计" { print $3 + 0 }')
like "$("$PAICHA" coverage)" "Group A (employed in Hubei): $tot " \
    "coverage: the two counts of the notice on top"
run coverage
want=$(sql "SELECT count(*) FROM calls WHERE at >= $D0 - 86400 AND at < $D0")
like "$OUT" "2020-02-01  $(printf '%5s' "$want")" "coverage: yesterday's calls in the calls per day"
is "$(printf '%s\n' "$OUT" | grep -c '^2020-0')" 14 "coverage: 14 days of calls"

# ---- escalations ----
run escalations --csv
is "$RC" 0 "escalations --csv"
want=$(csv "SELECT worker_id, 'unreachable' FROM cases WHERE contact = 'unreachable'
    UNION ALL SELECT worker_id, 'not-urged' FROM cases WHERE health_asked AND symptomatic
        AND NOT urged_doctor
    UNION ALL SELECT DISTINCT worker_id, 'medical' FROM followups WHERE kind = 'medical'
        AND done_at IS NULL AND due_at < $NOW - 86400
    UNION ALL SELECT c.worker_id, 'silent' FROM cases c JOIN workers w ON w.id = c.worker_id
        WHERE c.contact IN ('uncalled', 'unreached')
        AND coalesce(c.last_call_at, w.created_at) < $NOW - 3 * 86400
        AND EXISTS (SELECT 1 FROM phones p WHERE p.worker_id = w.id AND p.removed_at IS NULL)
    UNION ALL SELECT w.id, 'no-number' FROM workers w WHERE w.source <> 'purged'
        AND NOT EXISTS (SELECT 1 FROM phones p WHERE p.worker_id = w.id AND p.removed_at IS NULL)
    ORDER BY 2, 1")
is "$(printf '%s\n' "$OUT" | sed 1d | cut -d, -f1,5 | sort -t, -k2,2 -k1,1n)" \
    "$(printf '%s\n' "$want" | sort -t, -k2,2 -k1,1n)" "escalations: every case and its kind"
E=$(printf '%s\n' "$OUT" | sed 1d | grep ',unreachable,' | head -1 | cut -d, -f1)
[ -n "$E" ]; ok $? "the demo has an unreachable case ($E)"
run escalations close "$E" unreachable "number is wrong; village head visits"
is "$RC" 0 "a lead closes an escalation with a note"
run escalations --csv
unlike "$(printf '%s\n' "$OUT" | cut -d, -f1,5)" "$E,unreachable" "and it leaves the list"
is "$(sql "SELECT a.action || '|' || u.login || '|' || a.field || '|' || a.new_value FROM audit a
    JOIN users u ON u.id = a.user_id WHERE a.entity_id = $E ORDER BY a.id DESC LIMIT 1")" \
    "escalation.close|$me|unreachable|number is wrong; village head visits" \
    "the close is in the audit log with who and the note"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $E AND kind = 'escalation'
    AND done_at IS NULL")" 0 "and its escalation follow-up is closed"
run escalations close "$E" sometimes "x"
is "$RC" 1 "an unknown kind is refused"

# ---- flow: Python over the export's roster ----
roster=$(ls "$T"/ex/*/roster.csv)
run flow --csv
is "$RC" 0 "flow --csv"
want=$(python3 - "$roster" <<'EOF'
import csv, sys, collections
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
where = {"已返乡": "home", "仍在湖北": "still in Hubei", "在其他地区": "elsewhere"}
n = collections.Counter()
for r in rows:
    if r["人员类别"] == "湖北籍在本地就业" or r["排查状态"] != "已联系":
        continue
    w = where.get(r["返乡状态"])
    if w:
        n[w] += 1
for k in sorted(n):
    print("%s,%d" % (k, n[k]))
EOF
)
got=$(printf '%s\n' "$OUT" | awk -F, '$1 == "total" && $2 !~ /^plan/ { n[$2] += $4 }
    END { for (k in n) print k "," n[k] }' | grep -v '^never left\|^not known' | sort)
is "$got" "$want" "flow: group A at home, in Hubei, elsewhere as the roster says"

# ---- report --today ----
run report --today
is "$RC" 0 "report --today"
like "$OUT" "The format's invariants hold in every row." "report: the invariants are checked"
run report --today --csv
is "$OUT" "$(tr -d '\r' <"$summary" | sed '1s/^\xef\xbb\xbf//')" \
    "report --today: the 汇总 exactly as tonight's export writes it"
is "$(printf '%s\n' "$OUT" | tail -1 | cut -d, -f15)" \
    "$(sql "SELECT count(DISTINCT worker_id) FROM calls WHERE at >= $D0 AND at < $D0 + 86400")" \
    "report --today: 当日联系人数 counts today's calls"
run report
is "$RC" 2 "report without --today is a usage error"

# ---- assign by filter ----
V=$(sql "SELECT village FROM workers GROUP BY village ORDER BY village LIMIT 1")
n=$(sql "SELECT count(*) FROM cases c JOIN workers w ON w.id = c.worker_id
    JOIN users u ON u.id = c.investigator_id WHERE u.login = 'zhangli' AND w.village = '$V'")
run assign --to wangqiang --from zhangli --village "$V"
is "$RC" 0 "assign --to --from --village"
like "$OUT" "Assigned $n workers to 王强 (wangqiang)." "and says how many"
is "$(sql "SELECT count(*) FROM cases c JOIN workers w ON w.id = c.worker_id
    JOIN users u ON u.id = c.investigator_id WHERE u.login = 'zhangli' AND w.village = '$V'")" 0 \
    "zhangli has no case of $V left"
is "$(sql "SELECT count(*) FROM audit a JOIN users u ON u.id = a.user_id WHERE a.action = 'case.assign'
    AND a.old_value = 'zhangli' AND a.new_value = 'wangqiang' AND u.login = '$me'")" "$n" \
    "each move is audited with who, from and to"
run assign --to wangqiang --state sometimes
is "$RC" 1 "an unknown state is refused"

# a case being called moves when the call ends
C=$(sql "SELECT worker_id FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login = 'liuyang' ORDER BY worker_id LIMIT 1")
sql "UPDATE cases SET claimed_by = (SELECT id FROM users WHERE login = 'liuyang'),
    claim_expires = $NOW + 600 WHERE worker_id = $C"
run assign --to chenjing "$C"
like "$OUT" "1 of them are being called right now" "a case being called: the lead is told"
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.investigator_id WHERE worker_id = $C")" \
    liuyang "and it stays with the caller meanwhile"
sql "UPDATE cases SET claim_expires = $NOW - 1 WHERE worker_id = $C"
run team
is "$(sql "SELECT u.login FROM cases c JOIN users u ON u.id = c.investigator_id WHERE worker_id = $C")" \
    chenjing "once the claim has ended, it moves"

# ---- balance: 300 unassigned workers in 3 villages, 3 investigators ----
export PAICHA_DB="$T/b.db"
run init
for u in inv1 inv2 inv3; do run user add $u --role investigator --name "排查$u"; done
python3 - >"$T/r.csv" <<'EOF'
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print("姓名,身份证号,联系电话,村")
for i in range(300):
    body = "430121%04d%02d%02d%03d" % (1960 + i % 40, 1 + i % 12, 1 + i % 28, i)
    ident = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]
    print("工人%d,%s,138%08d,%s" % (i, ident, 10000000 + i, ["东村", "西村", "南村"][i % 3]))
EOF
run import "$T/r.csv" --group A
is "$RC" 0 "300 workers in 3 villages imported, unassigned"
is "$(sql "SELECT count(*) FROM cases WHERE investigator_id IS NULL")" 300 "all 300 unassigned"
run assign --balance
is "$RC" 0 "assign --balance"
is "$(sql "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM cases GROUP BY investigator_id
    ORDER BY investigator_id)")" "100 100 100" "100 cases each"
is "$(sql "SELECT group_concat(v, ' ') FROM (SELECT count(DISTINCT w.village) AS v FROM cases c
    JOIN workers w ON w.id = c.worker_id GROUP BY c.investigator_id)")" "1 1 1" "one village each"
is "$(sql "SELECT count(*) FROM audit WHERE action = 'case.balance' AND old_value IS NULL")" 300 \
    "the balance is audited case by case"
run assign --balance --from inv1
is "$RC" 0 "balance one investigator's cases over the others"
is "$(sql "SELECT group_concat(n, ' ') FROM (SELECT count(*) AS n FROM cases c JOIN users u
    ON u.id = c.investigator_id GROUP BY u.login ORDER BY u.login)")" "150 150" "50 more each"

# ---- the village map on import ----
run assign --map 北村 inv2
is "$RC" 0 "assign --map"
run assign --map
like "$OUT" "北村" "the map is listed"
python3 - >"$T/r2.csv" <<'EOF'
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
print("姓名,身份证号,联系电话,村")
for i in range(300, 306):
    body = "430121%04d%02d%02d%03d" % (1960 + i % 40, 1 + i % 12, 1 + i % 28, i % 1000)
    ident = body + "10X98765432"[sum(int(c) * w for c, w in zip(body, W)) % 11]
    print("工人%d,%s,139%08d,%s" % (i, ident, 10000000 + i, ["北村", "中村"][i % 2]))
EOF
run import "$T/r2.csv" --group A
is "$RC" 0 "a second import"
is "$(sql "SELECT count(*) FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u
    ON u.id = c.investigator_id WHERE w.village = '北村' AND u.login = 'inv2'")" 3 \
    "new workers of a mapped village are assigned by the map"
is "$(sql "SELECT count(*) FROM cases c JOIN workers w ON w.id = c.worker_id
    WHERE w.village = '中村' AND c.investigator_id IS NULL")" 3 "the others stay unassigned"
run team --csv
like "$OUT" "-,(unassigned),3," "and are in the lead's team view"

done_testing
