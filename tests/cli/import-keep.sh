#!/bin/sh
# What a person corrected stays corrected: a phone number an investigator
# removed is not brought back by a later import of the same roster (the
# import says so and moves on); an import never reorders the numbers a
# worker has (new ones go last).
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
export PAICHA_NOW="2020-02-01 09:00"

"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
ok $? "init"
printf '%s\n' '姓名,身份证号,联系电话,村,人员类别' \
    '任红敏,430121199108166861,13574895655/13800138000,西湖村,在鄂务工' > "$T/r.csv"
run import "$T/r.csv"
is "$RC" 0 "the roster imports"
W=$(sql "SELECT id FROM workers WHERE id_number = '430121199108166861'")
run edit "$W" --remove-phone 13574895655
is "$RC" 0 "an investigator removes the first number"
run import "$T/r.csv"
is "$RC" 0 "the same roster imports again"
is "$(sql "SELECT group_concat(display, ' ') FROM (SELECT display FROM phones WHERE worker_id = $W AND removed_at IS NULL ORDER BY rank, id)")" \
    "13800138000" "the removed number is not brought back"
is "$(sql "SELECT count(*) FROM phones WHERE worker_id = $W")" 2 "and no row is added for it"
like "$OUT" "Phone numbers kept removed (someone removed them; not brought back): 1" "the summary counts it"
like "$ERR" "line 2: phone 13574895655 kept removed" "and names the row and the number"
like "$OUT" "Updated:       0" "the worker is not changed"

# a new number from the roster goes after the numbers the worker has
printf '%s\n' '姓名,身份证号,联系电话,村,人员类别' \
    '任红敏,430121199108166861,13911112222/13574895655,西湖村,在鄂务工' > "$T/r2.csv"
run import "$T/r2.csv"
is "$(sql "SELECT group_concat(display, ' ') FROM (SELECT display FROM phones WHERE worker_id = $W AND removed_at IS NULL ORDER BY rank, id)")" \
    "13800138000 13911112222" "a new number goes last; the stored order is kept"

# the roster's 备注 is the worker's first note; a later roster that says
# something else adds a line after it, never over it (and says so)
printf '%s\n' '姓名,身份证号,联系电话,村,人员类别,备注' \
    '郝军玲,43012119900223482X,15595052378,东山村,在鄂务工,电话停机' > "$T/n1.csv"
printf '%s\n' '姓名,身份证号,联系电话,村,人员类别,备注' \
    '郝军玲,43012119900223482X,15595052378,东山村,在鄂务工,联系电话为家属' > "$T/n2.csv"
run import "$T/n1.csv"
N=$(sql "SELECT id FROM workers WHERE id_number = '43012119900223482X'")
is "$(sql "SELECT note FROM workers WHERE id = $N")" "电话停机" "the 备注 is the new worker's note"
run import "$T/n2.csv"
is "$RC" 0 "a roster with another 备注 imports"
is "$(sql "SELECT replace(note, char(10), '|') FROM workers WHERE id = $N")" "电话停机|联系电话为家属" \
    "its 备注 is added after the note, which is kept"
like "$ERR" "line 2: 备注 '联系电话为家属' added to the note of worker $N, after what it said before" "the import says so"
like "$OUT" "Known workers given a new 备注 line (after their note, which is kept): 1" "and counts it"
like "$OUT" "Updated:       1" "the worker counts as updated"
is "$(sql "SELECT old_value || '>' || replace(new_value, char(10), '|') FROM audit WHERE action = 'worker.update' AND field = 'note' AND entity_id = $N")" \
    "电话停机>电话停机|联系电话为家属" "the change is audited, old and new"
run import "$T/n1.csv"
like "$OUT" "Updated:       0" "the first roster again changes nothing: its 备注 is there already"
is "$(sql "SELECT count(*) FROM audit WHERE field = 'note' AND entity_id = $N")" 1 "and writes no audit row"
like "$("$PAICHA" show "$N")" "Roster note:   电话停机
                 联系电话为家属" "paicha show gives every line of the note"

done_testing
