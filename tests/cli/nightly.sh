#!/bin/sh
# The nightly job (issue 13, item 3), over a month of nights on a fake
# clock: it runs under cron (settings in a file that is sourced, nothing in
# the environment) and under systemd (settings in the environment); after
# a night on which the export, the backup or the check (paicha check
# --full) failed it removes nothing; it always keeps the newest reports
# and backups; it removes only what it made (never a look-alike), and
# paths may have spaces.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
JOB="$PAICHA_SRCDIR/contrib/paicha-nightly.sh"

mkdir -p "$T/bin" "$T/data dir" "$T/reports dir" "$T/back ups"
DB="$T/data dir/paicha.db"
PAICHA_DB=$DB PAICHA_NOW="2020-02-03 10:00" "$PAICHA" init --township 黄花镇 \
    --division 430121100 --area-code 0731 >/dev/null &&
    PAICHA_DB=$DB PAICHA_NOW="2020-02-03 10:00" "$PAICHA" demo --workers 30 --seed 3 >/dev/null
ok $? "a demo township in a folder with a space in its name"
unset PAICHA_DB PAICHA_NOW

# the fake clock: `date +%s` answers $FAKE_NOW, everything else is date's
cat >"$T/bin/date" <<'EOS'
#!/bin/sh
[ "$#" -eq 1 ] && [ "$1" = +%s ] && [ -n "${FAKE_NOW:-}" ] && { echo "$FAKE_NOW"; exit 0; }
exec /bin/date "$@"
EOS
# paicha, failing on the nights the test says ($T/broken names the step)
cat >"$T/bin/paicha" <<EOS
#!/bin/sh
if [ -e "$T/broken" ] && grep -qx "\$1" "$T/broken"; then echo "paicha: \$1 broke" >&2; exit 1; fi
exec "$PAICHA" "\$@"
EOS
chmod +x "$T/bin/date" "$T/bin/paicha"
R="$T/reports dir" B="$T/back ups"
# what cron's /etc/default/paicha-nightly holds: plain assignments
cat >"$T/nightly conf" <<EOS
PAICHA_DB="$DB"
PAICHA_REPORT_DIR="$R"
PAICHA_BACKUP_DIR="$B"
PAICHA_KEEP_DAYS=7
PAICHA_KEEP_NEWEST=5
EOS

# look-alikes the job did not make
mkdir "$R/999999999-20200101" "$R/123456789-12345678" "$R/430121100-20200105"
echo "某人的笔记" >"$R/123456789-12345678/notes.txt"
touch -d 2019-12-31 "$R/430121100-20200105" "$R/999999999-20200101"
echo hand-made >"$B/paicha-20191231.db"
echo hand-made >"$B/paicha-20200230.db"
touch -d 2019-12-31 "$B/paicha-20191231.db"

# night K: the fake clock at 00:30 CST on 2020-02-01 + K days
night() {
	FAKE_NOW=$(TZ=Asia/Shanghai /bin/date -d "2020-02-01 00:30 $1 days" +%s)
	env -i PATH="$T/bin:/usr/bin:/bin" HOME="$T" LANG=C.UTF-8 FAKE_NOW="$FAKE_NOW" \
	    PAICHA_NIGHTLY_CONF="$T/nightly conf" PAICHA_LOCALEDIR="${PAICHA_LOCALEDIR:-}" \
	    sh "$JOB" >"$T/night.out" 2>"$T/night.err"
}
ours_r() { (cd "$R" && ls -d 430121100-202002?? 430121100-202003?? 2>/dev/null | grep -v 20200105 | tr '\n' ' '); }
ours_b() { (cd "$B" && ls paicha-202002??.db paicha-202003??.db 2>/dev/null | grep -v 20200230 | tr '\n' ' '); }

night 1
ok $? "night 1 under cron (settings sourced from a file, nothing exported): exit 0"
[ -d "$R/430121100-20200201" ] && [ -f "$B/paicha-20200202.db" ]
ok $? "the report for 2020-02-01 and the backup of 2020-02-02 are made"
# systemd: the unit's EnvironmentFile exports the settings; no file to read
night_systemd() {
	FAKE_NOW=$(TZ=Asia/Shanghai /bin/date -d "2020-02-01 00:30 $1 days" +%s)
	env -i PATH="$T/bin:/usr/bin:/bin" HOME="$T" LANG=C.UTF-8 FAKE_NOW="$FAKE_NOW" \
	    PAICHA_NIGHTLY_CONF="$T/none" PAICHA_DB="$DB" PAICHA_REPORT_DIR="$R" \
	    PAICHA_BACKUP_DIR="$B" PAICHA_KEEP_DAYS=7 PAICHA_KEEP_NEWEST=5 \
	    sh "$JOB" >"$T/night.out" 2>"$T/night.err"
}
r() { for d in "$@"; do printf '430121100-2020%s ' "$d"; done; }
b() { for d in "$@"; do printf 'paicha-2020%s.db ' "$d"; done; }

night_systemd 2
ok $? "night 2 under systemd (settings in the environment): exit 0"
for k in 3 4 5 6 7 8 9; do night $k || diag "night $k: $(cat "$T/night.err")"; done
is "$(ours_r)" "$(r 0203 0204 0205 0206 0207 0208 0209)" \
    "after night 9 (cutoff 02-03): the reports of the last 7 days are kept, older ones removed"
is "$(ours_b)" "$(b 0203 0204 0205 0206 0207 0208 0209 0210)" "and the backups likewise"

printf 'export\nbackup\n' >"$T/broken"
fails=0
for k in 10 11 12 13 14 15 16 17 18 19 20; do night $k && fails=1; done
is "$fails" 0 "nights 10-20: export and backup fail, and the job says so (exit 1)"
like "$(cat "$T/night.err")" "nothing was removed tonight" "and that it removed nothing"
is "$(ours_r)" "$(r 0203 0204 0205 0206 0207 0208 0209)" "after 11 failed nights every report is still there"
is "$(ours_b)" "$(b 0203 0204 0205 0206 0207 0208 0209 0210)" "and every backup"

rm -f "$T/broken"
night 21
ok $? "night 21 succeeds again"
is "$(ours_r)" "$(r 0206 0207 0208 0209 0221)" \
    "all made more than 7 days ago, yet the newest 5 reports are kept"
is "$(ours_b)" "$(b 0207 0208 0209 0210 0222)" "and the newest 5 backups"

for k in 22 23 24; do night $k; done
before_r=$(ours_r) before_b=$(ours_b)
echo backup >"$T/broken"
night 25
is "$?" 1 "night 25: the backup alone fails"
is "$(ours_r)" "$before_r$(r 0225)" "and nothing is removed that night"
is "$(ours_b)" "$before_b" "not even a backup"
echo check >"$T/broken"
night 26
is "$?" 1 "night 26: paicha check --full finds problems"
like "$(cat "$T/night.err")" "'paicha check --full' found problems" "and the job says so"
is "$(ours_r)" "$before_r$(r 0225 0226)" "nothing is removed that night"
is "$(ours_b)" "$before_b$(b 0227)" "no backup either"
rm -f "$T/broken"
for k in 27 28 29 30 31; do night $k || diag "night $k: $(cat "$T/night.err")"; done
is "$(ours_r)" "$(r 0225 0226 0227 0228 0229 0301 0302)" "after the month: the reports of the last 7 days"
is "$(ours_b)" "$(b 0225 0227 0228 0229 0301 0302 0303)" "and the backups of the last 7 days"

[ -d "$R/999999999-20200101" ] && [ -f "$R/123456789-12345678/notes.txt" ] &&
    [ -d "$R/430121100-20200105" ] && [ -f "$B/paicha-20191231.db" ] && [ -f "$B/paicha-20200230.db" ]
ok $? "look-alikes it did not make (another township's report, a folder of notes, hand-made backups) are all still there"
like "$(cat "$R/.paicha-nightly")" "430121100-20200302" "the report folder lists what the job made there"
unlike "$(cat "$R/.paicha-nightly")" "430121100-20200201" "and forgets what it removed"
done_testing
