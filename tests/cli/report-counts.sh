#!/bin/sh
# The lead's counting views (paicha report --today, paicha flow) read the
# as-of cursor in its counting mode (report_open_counts: one scan of the
# workers and one of the calls instead of seeks per worker).  They must
# give exactly what the nightly export writes: on seeded demo townships
# (two sizes and seeds, the fast and the live demo), for every day of the
# history, the preview of that day equals the export's summary.csv for it,
# also after villages are changed and phones removed later (the export
# undoes those as of the report's instant), and flow's group A whereabouts
# add up to the summary's 已返乡 / 仍在湖北 / 在其他地区.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

demo_into() {
	_db=$1 _live=$2; shift 2
	PAICHA_NOW="2020-01-26 07:00" PAICHA_DB="$_db" "$PAICHA" init >/dev/null 2>&1 &&
	    PAICHA_NOW="2020-01-26 07:00" PAICHA_DB="$_db" PAICHA_DEMO_LIVE=$_live \
	    "$PAICHA" demo "$@" >/dev/null 2>&1
}
days="2020-01-26 2020-01-27 2020-01-28 2020-01-29 2020-01-30 2020-01-31 2020-02-01 2020-02-02"

# compare LABEL DAYS...: the preview of each day equals its export.
compare() {
	_label=$1; shift
	_bad=""
	for d in "$@"; do
		rm -rf "$T/ex"; mkdir -p "$T/ex"
		PAICHA_NOW="2020-02-05 10:00" "$PAICHA" export --date "$d" --out "$T/ex" \
		    --encoding utf-8 >/dev/null 2>&1 || { _bad="$_bad $d(export)"; continue; }
		tr -d '\r' <"$T"/ex/*/summary.csv | sed '1s/^\xef\xbb\xbf//' >"$T/want"
		PAICHA_NOW="$d 12:00" "$PAICHA" report --today --csv 2>/dev/null | tr -d '\r' |
		    sed '1s/^\xef\xbb\xbf//' >"$T/got"
		cmp -s "$T/want" "$T/got" || { _bad="$_bad $d"; diag "$d:" "$(diff "$T/want" "$T/got" | head -4)"; }
		# flow's total of each whereabouts = the summary's total
		tot=$(tail -1 "$T/want")
		want=$(echo "$tot" | awk -F, '{ print "home " $7 " hubei " $8 " elsewhere " $9 }')
		PAICHA_NOW="$d 12:00" LANGUAGE=C LC_ALL=C.UTF-8 "$PAICHA" flow --csv 2>/dev/null | tr -d '\r' >"$T/flow"
		got=$(awk -F, '$1 == "total" { n[$2] += $4 }
		    END { print "home " n["home"] + 0 " hubei " n["still in Hubei"] + 0 \
		    " elsewhere " n["elsewhere"] + 0 }' "$T/flow")
		[ "$got" = "$want" ] || { _bad="$_bad $d(flow)"; diag "$d flow: $got, summary: $want"; }
	done
	is "$_bad" "" "$_label: the preview of every day equals the export, flow its whereabouts"
}

for spec in "300 5 0" "300 5 1" "1500 3 0" "800 11 1"; do
	set -- $spec
	export PAICHA_DB="$T/d$1-$2-$3.db"
	demo_into "$PAICHA_DB" "$3" --workers "$1" --seed "$2"
	ok $? "the demo of $1 workers (seed $2, live $3)"
	# shellcheck disable=SC2086
	compare "$1 workers, seed $2, live $3" $days
done

# Later changes: villages changed (twice, and back) and phones removed on
# 2020-02-01 and 02-02; the days before are counted as they were.
export PAICHA_DB="$T/d1500-3-0.db"
vers() { sql "SELECT version FROM workers WHERE id = $1"; }
moved=0
for w in $(sql "SELECT id FROM workers WHERE id % 97 = 3 ORDER BY id LIMIT 12"); do
	v2=$(sql "SELECT village FROM workers WHERE id <> $w AND village <> (SELECT village FROM workers WHERE id = $w) ORDER BY id LIMIT 1")
	PAICHA_NOW="2020-02-01 09:00" "$PAICHA" edit "$w" --version "$(vers "$w")" "village=$v2" \
	    >/dev/null 2>&1 && moved=$((moved + 1))
	PAICHA_NOW="2020-02-02 09:00" "$PAICHA" edit "$w" --version "$(vers "$w")" "village=新村$w" \
	    >/dev/null 2>&1
	p=$(sql "SELECT display FROM phones WHERE worker_id = $w AND removed_at IS NULL LIMIT 1")
	[ -n "$p" ] && PAICHA_NOW="2020-02-02 10:00" "$PAICHA" edit "$w" --version "$(vers "$w")" \
	    --remove-phone "$p" >/dev/null 2>&1
done
is "$moved" 12 "12 workers moved to another village after the history"
is "$(sql "SELECT count(*) FROM workers WHERE village LIKE '新村%'")" 12 "and moved again the day after"
compare "after the moves" 2020-01-30 2020-01-31 2020-02-01 2020-02-02
done_testing
