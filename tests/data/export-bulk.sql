-- A township of @n workers for the export's kill test and benchmark, made
-- quickly in the sqlite3 shell (.parameter set @n N first): 200 villages,
-- one worker in five from Hubei (group B), one phone each; a third
-- reached once with the call form's answers, a third not answered, a
-- third never called.  Needs users 2 (investigator) from the caller.
BEGIN;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < @n)
INSERT INTO workers(id, id_number, name, gender, township, village, grp, work_province,
    work_city, employer, source, created_at)
SELECT i, printf('4301211990%08d', i), '工人' || i, CASE WHEN i % 2 THEN 'M' ELSE 'F' END,
    '黄花镇', '第' || (i % 200) || '村', CASE WHEN i % 5 = 0 THEN 'B' ELSE 'A' END,
    '湖北省', '武汉市', '某某电子有限公司', 'bulk', 1580090400 FROM seq;
INSERT INTO phones(worker_id, rank, typed, e164, kind, display, region, created_at)
SELECT id, 0, printf('135%08d', id), printf('+86135%08d', id), 'mobile', printf('135%08d', id),
    '湖南省长沙市', 1580090400 FROM workers;
INSERT INTO cases(worker_id, investigator_id, updated_at) SELECT id, 2, 1580090400 FROM workers;
INSERT INTO assignments(worker_id, investigator_id, at) SELECT id, 2, 1580090400 FROM workers;
INSERT INTO calls(id, worker_id, user_id, at, phone, outcome)
SELECT id, id, 2, 1580173200 + id % 36000, printf('+86135%08d', id),
    CASE WHEN id % 3 = 0 THEN 'reached' ELSE 'no-answer' END FROM workers WHERE id % 3 <> 2;
INSERT INTO call_answers(call_id, key, value)
SELECT c.id, k.key, k.value FROM calls c, (SELECT 'outcome' AS key, 'reached' AS value
    UNION ALL SELECT 'whereabouts', 'home' UNION ALL SELECT 'return_date', '2020-01-22'
    UNION ALL SELECT 'transport', 'rail' UNION ALL SELECT 'temperature', '36.6'
    UNION ALL SELECT 'symptoms', '' UNION ALL SELECT 'isolation_start', '2020-01-22'
    UNION ALL SELECT 'isolation_end', '2020-02-05' UNION ALL SELECT 'note', '已提醒居家隔离') k
WHERE c.outcome = 'reached';
COMMIT;
