#!/bin/sh
# Workers counted in, never out (issue 12): a row with a valid ID number
# and no valid phone is imported, counted (paicha stats, the report's two
# counts), and is the lead's escalation of its own kind, "no valid number:
# find one through the village", with the numbers as typed; its queue
# reason says so (not "not reached after 0 calls"); paicha check is
# content.  When the lead closes it, the case stays in the lead's queue;
# when a number is found, the escalation is answered and a re-import of
# the same roster neither reopens it nor brings back the number.  Every
# figure is counted here in SQL, not read from paicha's output.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-01 09:00"
DATA=$PAICHA_SRCDIR/tests/data

"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
cp "$DATA/roster-sample-gb18030.csv" "$T/roster.csv"
run import "$T/roster.csv"
is "$RC" 0 "the GB18030 sample imports"

# the workers with no current number, in SQL
NOPHONE="SELECT w.id FROM workers w WHERE NOT EXISTS (SELECT 1 FROM phones p
    WHERE p.worker_id = w.id AND p.removed_at IS NULL)"
N=$(sql "SELECT count(*) FROM ($NOPHONE)")
is "$N" 10 "10 of the sample's workers have no valid number (their only one is not valid)"
is "$(sql "SELECT count(*) FROM workers")" "$(($(grep -c . "$T/roster.csv") - 2))" \
    "every data row of the sample is a worker (120), those 10 too"
like "$OUT" "Imported without a valid phone number: $N. They are in the lead's escalations" \
    "the summary counts them and says where they went"
is "$(sql "SELECT count(*) FROM workers WHERE id IN ($NOPHONE) AND phones_invalid <> ''")" "$N" \
    "each keeps the number as typed"

# ---- paicha escalations: their own kind, the numbers as typed
"$PAICHA" escalations --csv > "$T/esc.csv"
is "$(awk -F, '$5 == "no-number" { print $1 }' "$T/esc.csv" | sort -n | tr '\n' ' ')" \
    "$(sql "$NOPHONE ORDER BY w.id" | tr '\n' ' ')" "paicha escalations lists exactly them as no-number"
sql "SELECT id || ',' || phones_invalid FROM workers WHERE id IN ($NOPHONE) ORDER BY id" > "$T/typed"
bad=0
while IFS=, read -r id typed; do
	grep -q "^$id,.*,no-number,no valid number (as typed: $typed): find one through the village," \
	    "$T/esc.csv" || { bad=1; diag "worker $id: no row with '$typed'"; }
done < "$T/typed"
ok $bad "each with the number as typed and what to do: find one through the village"
is "$(awk -F, '$5 == "silent"' "$T/esc.csv" | wc -l | tr -d ' ')" 0 "none is counted twice as silent"
W=$(sql "SELECT id FROM workers WHERE name = '董红辉'")
like "$(LC_ALL=zh_CN.UTF-8 LANG=zh_CN.UTF-8 "$PAICHA" escalations 2>&1)" \
    "无有效号码（原号码：17489917258）：请通过村委会查找号码" "in Chinese: 无有效号码 … 请通过村委会查找号码"

# ---- the queue's reason
"$PAICHA" queue > "$T/queue" 2>&1
is "$(grep -c "escalated: no valid number, find one through the village" "$T/queue")" "$N" \
    "the lead's queue gives each of them the reason: no valid number"
unlike "$(cat "$T/queue")" "not reached after 0 calls" "never 'not reached after 0 calls'"

# ---- paicha check, stats and the report count them
run check
is "$RC" 0 "paicha check finds no problem with them"
like "$OUT" "No problems found." "and says so"
UNCALLED=$(sql "SELECT count(*) FROM cases WHERE contact = 'uncalled'")
is "$(sql "SELECT count(*) FROM cases WHERE worker_id IN ($NOPHONE) AND contact = 'uncalled'")" "$N" \
    "their cases are uncalled (未排查)"
"$PAICHA" stats > "$T/stats"
is "$(awk '/未排查/ { print $(NF - 1) }' "$T/stats")" "$UNCALLED" "paicha stats counts them as never called (未排查)"
is "$(awk '/^Total:/ { print $2 }' "$T/stats")" "$(sql "SELECT count(*) FROM workers")" "and in the total"
is "$(awk '/其中无有效号码/ { print $(NF - 1) }' "$T/stats")" \
    "$(sql "SELECT count(*) FROM cases WHERE contact = 'uncalled' AND worker_id IN ($NOPHONE)")" \
    "and shows them as a part of 未排查: 其中无有效号码"
mkdir "$T/rep"
PAICHA_NOW="2020-02-02 09:00" "$PAICHA" export --date 2020-02-01 --out "$T/rep" >/dev/null 2>&1
iconv -f GB18030 -t UTF-8 "$T"/rep/*/summary.csv | grep '^合计' > "$T/total"
is "$(cut -d, -f3,6,10 "$T/total")" \
    "$(sql "SELECT sum(grp = 'A') || ',' || sum(grp = 'A' AND c.contact = 'uncalled') || ',' || sum(grp = 'B')
        FROM workers w JOIN cases c ON c.worker_id = w.id")" \
    "the report's two counts (在鄂务工人数, 湖北籍在本地就业人数) and 未排查 include them"

# ---- the lead closes one: it leaves the list and stays in the lead's queue
run escalations close "$W" no-number "村委会正在核实号码"
is "$RC" 0 "the lead closes the escalation of $W with a note"
is "$("$PAICHA" escalations --csv | awk -F, -v w="$W" '$1 == w' | wc -l | tr -d ' ')" 0 "it leaves the list"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $W AND kind = 'escalation' AND done_at IS NULL")" 0 \
    "its escalation follow-up is answered"
"$PAICHA" queue > "$T/q2" 2>&1
like "$(grep "^$W " "$T/q2")" "never called: no valid number yet" \
    "the unassigned case stays in the lead's queue, saying it has no number yet"
run check
is "$RC" 0 "paicha check is content"

# ---- a call cannot be recorded on no number: it would count for no number
run call "$W" --outcome no-answer
ok $((RC == 0)) "paicha call refuses a worker with no valid number"
like "$ERR" "has no valid phone number: add the number you reach them on first ('paicha edit" \
    "and says to add the number first"
is "$(sql "SELECT count(*) FROM calls WHERE worker_id = $W")" 0 "no call is stored"
is "$(sql "SELECT contact FROM cases WHERE worker_id = $W")" uncalled "the case is still never called"

# ---- a number is found for another: the escalation is answered
W2=$(sql "SELECT id FROM workers WHERE name = '沈玲'")
run edit "$W2" --add-phone 13800138000
is "$RC" 0 "the lead adds the number the village gave for $W2"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $W2 AND kind = 'escalation' AND done_at IS NULL")" 0 \
    "its no-number escalation is answered"
is "$("$PAICHA" escalations --csv | awk -F, -v w="$W2" '$1 == w' | wc -l | tr -d ' ')" 0 "it leaves the list"
is "$(sql "SELECT coalesce(next_kind, '-') FROM cases WHERE worker_id = $W2")" "-" "its case has no escalation next"
"$PAICHA" queue > "$T/q3" 2>&1
like "$(grep "^$W2 " "$T/q3")" "never called" \
    "it is in the lead's queue to be called"
unlike "$(grep "^$W2 " "$T/q3")" "no valid number" "no longer for want of a number"
is "$(sql "SELECT count(*) FROM ($NOPHONE)")" "$((N - 1))" "one worker fewer has no number"

# ---- a corrected roster gives a third one a valid number
W3=$(sql "SELECT id FROM workers WHERE name = '夏霞伟'")
TYPED3=$(sql "SELECT phones_invalid FROM workers WHERE id = $W3")
printf '%s\n' '姓名,身份证号,联系电话,人员类别' \
    "夏霞伟,$(sql "SELECT id_number FROM workers WHERE id = $W3"),13912345678,在鄂务工" > "$T/fixed.csv"
run import "$T/fixed.csv"
is "$RC" 0 "a corrected roster row for $W3 imports"
is "$(sql "SELECT group_concat(display) FROM phones WHERE worker_id = $W3 AND removed_at IS NULL")" 13912345678 \
    "the worker has the number now"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id = $W3 AND kind = 'escalation' AND done_at IS NULL")" 0 \
    "and its no-number escalation is answered"
is "$(sql "SELECT phones_invalid FROM workers WHERE id = $W3")" "$TYPED3" "the number as typed stays on record"
N=$((N - 1))

# ---- the same roster again: nothing reopened, nothing brought back
run import "$T/roster.csv"
is "$RC" 0 "the same roster imports again"
like "$OUT" "Imported:      0" "nobody twice"
is "$(sql "SELECT group_concat(display, ' ') FROM phones WHERE worker_id = $W2 AND removed_at IS NULL")" \
    13800138000 "the number found stays the only one (the invalid one is never a phone)"
is "$(sql "SELECT count(*) FROM followups WHERE worker_id IN ($W, $W2, $W3) AND kind = 'escalation' AND done_at IS NULL")" 0 \
    "no escalation is reopened"
is "$(sql "SELECT count(*) FROM followups WHERE kind = 'escalation' AND done_at IS NULL")" "$((N - 2))" \
    "the others' escalations are still open, none doubled"
run check
is "$RC" 0 "paicha check is content after the re-import"

done_testing
