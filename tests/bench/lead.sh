#!/bin/sh
# Benchmark (not a test): the lead's views at township size, BENCH_WORKERS
# workers (default 50,000) with 2,000 cases per investigator, each timed
# (best of three) and printed as a ratio to the investigator's own queue
# (`paicha queue --user inv1`) measured in the same run on the same file.
# The seed has BENCH_CALLS days of calls (below); BENCH_DEMO=1 seeds with
# `paicha demo --workers N --seed 3` instead (a week of calls with their
# answers, which flow and report --today fold).  Asserts nothing.  `make bench` runs it; BENCH_DB=FILE keeps the database.
. "${PAICHA_SRCDIR:-.}/tests/lib.sh"
N=${BENCH_WORKERS:-50000}
# BENCH_CALLS: past calls (no answer, one a day) of every case that was
# called, plus today's to one case in ten of them; 0 = no call history.
CALLS=${BENCH_CALLS:-2}
INV=$((N / 2000)); [ "$INV" -ge 1 ] || INV=1
export PAICHA_NOW="2020-02-03 10:00"
now=$(date -u -d '2020-02-03 02:00' +%s)

if [ -n "${BENCH_DB:-}" ]; then
	export PAICHA_DB="$BENCH_DB"
fi
seed() {
"$PAICHA" init --township 黄花镇 --division 430121101 --area-code 0731 >/dev/null
me=$(sql "SELECT id FROM users")
start=$(date +%s.%N)
sql "
BEGIN;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < $INV)
INSERT INTO users(login, name, role, created_at) SELECT 'inv' || n, '调查员' || n, 'investigator', 0 FROM i;
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < $N),
s(sur, given) AS (SELECT '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤单解欧',
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强文婷海燕宇浩晨阳鑫雪梅琳欣怡子涵梓轩思远博文俊杰天佑雨泽家豪嘉怡梦洁晓东小红小军')
INSERT INTO workers(id, id_number, name, township, village, grp, source, created_at)
SELECT n, printf('430121%08d%04d', 19600101 + (n / 10000) * 10000, n % 10000),
  substr(sur, 1 + (n * 7919) % length(sur), 1) || substr(given, 1 + (n * 104729) % length(given), 1)
    || CASE WHEN n % 3 THEN substr(given, 1 + (n * 1299709) % length(given), 1) ELSE '' END,
  '黄花镇', '村' || (n % 300), CASE WHEN n % 2 THEN 'A' ELSE 'B' END, 'bench', 0
FROM i, s;
INSERT INTO phones(worker_id, rank, typed, e164, kind, display, created_at)
SELECT id, 0, printf('13%09d', id * 37), printf('+8613%09d', id * 37), 'mobile', printf('13%09d', id * 37), 0 FROM workers;
INSERT INTO cases(worker_id, investigator_id, contact, calls, updated_at)
SELECT id, $me + 1 + id % $INV, CASE (id / $INV) % 5 WHEN 0 THEN 'uncalled' WHEN 1 THEN 'unreached'
  WHEN 4 THEN 'unreachable' ELSE 'reached' END, (id / $INV) % 5 <> 0, 0 FROM workers;
INSERT INTO followups(worker_id, kind, due_at, created_at, done_at, done_reason)
SELECT worker_id, CASE worker_id % 4 WHEN 0 THEN 'callback' WHEN 1 THEN 'health' WHEN 2 THEN 'medical' ELSE 'job' END,
  $now - 86400 + (worker_id * 97) % 172800, 0,
  CASE WHEN worker_id % 3 = 0 THEN 1 END, CASE WHEN worker_id % 3 = 0 THEN 'done' END
FROM cases WHERE contact IN ('reached', 'unreached');
INSERT INTO followups(worker_id, kind, due_at, created_at)
SELECT worker_id, 'escalation', $now - 3600, 0 FROM cases WHERE contact = 'unreachable';
WITH RECURSIVE k(d) AS (SELECT 1 UNION ALL SELECT d + 1 FROM k WHERE d < $CALLS)
INSERT INTO calls(worker_id, user_id, at, phone, outcome)
SELECT c.worker_id, c.investigator_id, $now - d * 86400 + (c.worker_id * 13) % 28800,
  printf('13%09d', c.worker_id * 37), 'no-answer' FROM cases c, k WHERE c.calls > 0
UNION ALL SELECT worker_id, investigator_id, $now - 3600 + worker_id % 3000,
  printf('13%09d', worker_id * 37), 'no-answer' FROM cases WHERE calls > 0 AND worker_id % 10 = 0
  AND $CALLS > 0
ORDER BY 3;
COMMIT;
ANALYZE;"
printf 'seeded %d workers, %d investigators, %d calls in %.1fs\n' "$N" "$INV" \
    "$(sql "SELECT count(*) FROM calls")" "$(echo "$(date +%s.%N) - $start" | bc)"
}
if [ -s "$PAICHA_DB" ]; then
	echo "reusing $PAICHA_DB: $(sql "SELECT count(*) FROM workers") workers"
elif [ "${BENCH_DEMO:-0}" = 1 ]; then
	PAICHA_NOW="2020-01-26 07:00" "$PAICHA" init >/dev/null &&
	    PAICHA_NOW="2020-01-26 07:00" "$PAICHA" demo --workers "$N" --seed 3 >/dev/null
	printf 'demo of %d workers, %d calls, %d answers\n' "$N" "$(sql "SELECT count(*) FROM calls")" \
	    "$(sql "SELECT count(*) FROM call_answers")"
else
	seed
fi

# best LABEL ARGS...: best of three runs of paicha ARGS, in seconds.
best() {
	b=999
	for _ in 1 2 3; do
		s=$(date +%s.%N)
		"$PAICHA" "$@" >"$T/out" 2>&1
		e=$(echo "$(date +%s.%N) - $s" | bc)
		b=$(echo "if ($e < $b) $e else $b" | bc)
	done
	echo "$b"
}
# the first investigator (inv1 in the seed, the demo's own otherwise)
inv=$(sql "SELECT login FROM users WHERE role = 'investigator' ORDER BY id LIMIT 1")
base=$(best queue --user "$inv")
printf '%-36s %6.3fs  (the baseline)\n' "queue --user $inv ($(sql "SELECT count(*) FROM cases
    WHERE investigator_id = (SELECT id FROM users WHERE login = '$inv')") cases)" "$base"
# The floor of the lead's views: a paicha that opens the file, checks the
# role and prints a few rows (user list), and the same process reading
# every row of the tallies the views read (sqlite3, one statement).
floor=$(best user list)
printf '%-36s %6.3fs  (the floor: start, open, role)\n' "user list" "$floor"
s=$(date +%s.%N)
sql "SELECT (SELECT sum(n) FROM case_tally), (SELECT sum(n) FROM case_inv_tally),
    (SELECT sum(n) FROM fu_tally), (SELECT sum(n) FROM call_day_tally)" >/dev/null 2>&1
tally=$(echo "$(date +%s.%N) - $s" | bc)
printf '%-36s %6.3fs  (%s rows of the tallies, by sqlite3)\n' "the tallies read" "$tally" \
    "$(sql "SELECT (SELECT count(*) FROM case_tally) + (SELECT count(*) FROM call_day_tally)
    + (SELECT count(*) FROM fu_tally) + (SELECT count(*) FROM case_inv_tally)" 2>/dev/null)"
# escalations: the first screen's worth (the Escalations screen reads that
# and the counts); the whole list, as a CSV, after
for v in team coverage "escalations --limit 22" flow "report --today" "escalations --csv"; do
	# shellcheck disable=SC2086
	t=$(best $v)
	# shellcheck disable=SC2086
	cpu=$(/usr/bin/time -f '%U %S' "$PAICHA" $v 2>&1 >/dev/null | tail -1 | awk '{ print $1 + $2 }')
	printf '%-36s %6.3fs  %5.1fx the queue  %5.1fx the floor  cpu %5.2fs\n' "$v" "$t" \
	    "$(echo "$t / $base" | bc -l)" "$(echo "$t / $floor" | bc -l)" "$cpu"
done
