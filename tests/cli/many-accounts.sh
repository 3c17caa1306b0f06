#!/bin/sh
# tests/cli/many-accounts.sh -- the township at full strength: 20 real
# Unix accounts, each a registered investigator, record 30 calls each at
# the same moment on one database file (600 processes in all, 20 at a
# time).  Every call must be acknowledged, stored exactly once, under the
# account that made it, on the worker it named; no "database is locked"
# reaches anyone; paicha check and the SQL recount agree afterwards.
# Counts, never timings, are asserted.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"

if ! can_switch_users; then
	skip_test "20 accounts x 30 calls" "needs root, setpriv and useradd"
	done_testing
fi

NA=20 NC=30
export PAICHA_NOW="2020-02-03 10:00"
LIMIT="timeout 120"
command -v timeout >/dev/null || LIMIT=

PAICHA_NOW="2020-01-26 07:00" run init
is "$RC" 0 "init"
PAICHA_NOW="2020-01-26 07:00" run demo --workers $((NA * NC + 50)) --seed 11
is "$RC" 0 "a demo township of $((NA * NC + 50)) workers"
[ "$RC" -eq 0 ] || done_testing

# The accounts: made (as_user ... true), registered, each given 30 workers
# of its own (account k: workers (k-1)*30+1 .. k*30).
k=1 bad=
while [ $k -le $NA ]; do
	U=$(acct "m$k")
	as_user "$U" true || bad="$bad $U(useradd)"
	"$PAICHA" user add "$U" --role investigator --name "排查员$k" >/dev/null 2>"$T/ua.err" ||
	    bad="$bad $U($(cat "$T/ua.err"))"
	first=$(( (k - 1) * NC + 1 ))
	"$PAICHA" assign --to "$U" $(seq $first $((first + NC - 1))) >/dev/null 2>"$T/as.err" ||
	    bad="$bad $U($(cat "$T/as.err"))"
	k=$((k + 1))
done
is "$bad" "" "$NA accounts made, registered and given $NC workers each"
is "$(sql "SELECT count(*) FROM cases c JOIN users u ON u.id = c.investigator_id
    WHERE u.login LIKE '${PCT_TAG}m%'")" $((NA * NC)) "$((NA * NC)) cases held by the test accounts"

# The data folder as a shared one: every account reaches the file.
chmod 0777 "$T"
chmod 0666 "$PAICHA_DB"*
calls0=$(sql "SELECT count(*) FROM calls")

# worker k: record NC calls as account k, one per worker of its own,
# cycling through the outcomes; each success logs the worker, each failure
# the exit status and what was said.
cat >"$T/caller.sh" <<'EOF'
#!/bin/sh
paicha=$1 first=$2 n=$3 log=$4 limit=$5
i=0
while [ $i -lt "$n" ]; do
	w=$((first + i))
	case $((i % 4)) in
	0) set -- --outcome reached whereabouts=home return_date=2020-01-25 transport=rail \
	    temperature=36.6 symptoms= ;;
	1) set -- --outcome no-answer ;;
	2) set -- --outcome busy ;;
	3) set -- --outcome reached whereabouts=hubei hubei_city=武汉 ;;
	esac
	if $limit "$paicha" call "$w" "$@" >"$log.out1" 2>"$log.err1"; then
		echo "$w" >>"$log.ok"
	else
		{ echo "exit $?: call $w $*"; cat "$log.err1"; } >>"$log.fail"
	fi
	i=$((i + 1))
done
EOF
chmod 0755 "$T/caller.sh"

pids=
k=1
while [ $k -le $NA ]; do
	as_user "$(acct "m$k")" env PAICHA_DB="$PAICHA_DB" PAICHA_NOW="$PAICHA_NOW" \
	    PAICHA_CONF="${PAICHA_CONF:-}" LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    "$T/caller.sh" "$PAICHA" $(( (k - 1) * NC + 1 )) $NC "$T/m$k" "$LIMIT" &
	pids="$pids $!"
	k=$((k + 1))
done
for p in $pids; do wait "$p"; done

fails=$(cat "$T"/m*.fail 2>/dev/null)
is "$fails" "" "all $((NA * NC)) calls of $NA accounts at once exit 0"
unlike "$fails" "locked" "no 'database is locked' reaches a user"
acked=$(cat "$T"/m*.ok 2>/dev/null | wc -l | tr -d ' ')
is "$acked" $((NA * NC)) "$((NA * NC)) calls acknowledged"
is "$(($(sql "SELECT count(*) FROM calls") - calls0))" "$acked" \
    "the database holds exactly the calls acknowledged, no more"
# Each acknowledged call stored once, by the account that made it, on
# the worker it named: per account, the set of workers called equals the
# set its log acknowledged.
bad=
k=1
while [ $k -le $NA ]; do
	U=$(acct "m$k")
	stored=$(sql "SELECT c.worker_id FROM calls c JOIN users u ON u.id = c.user_id
	    WHERE u.login = '$U' ORDER BY c.worker_id" | tr '\n' ' ')
	logged=$(sort -n "$T/m$k.ok" 2>/dev/null | tr '\n' ' ')
	[ "$stored" = "$logged" ] || bad="$bad $U:[$stored]!=[$logged]"
	k=$((k + 1))
done
is "$bad" "" "every account's calls stored once each, on the workers it called"
is "$(sql "SELECT count(*) FROM (SELECT c.worker_id FROM calls c JOIN users u ON u.id = c.user_id
    WHERE u.login LIKE '${PCT_TAG}m%' GROUP BY c.worker_id HAVING count(*) <> 1)")" 0 \
    "no worker got two of these calls"
run check
is "$RC" 0 "paicha check after 20 accounts at once: stored cases = recomputed"
[ "$RC" -eq 0 ] || diag "$OUT" "$ERR"
is "$(recount)" "" "every case's calls and contact state recounted in SQL from its calls"
is "$(sqlite "$PAICHA_DB" 'PRAGMA integrity_check')" "ok" "integrity_check: ok"

done_testing
