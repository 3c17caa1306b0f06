-- A small township for tests/cli/export.sh: two villages of 黄花镇, one of
-- 安沙镇, both groups, phones added and removed, with times in China
-- Standard Time.  Calls are recorded by the test through `paicha call`.
-- The test's report date is 2020-01-29.
INSERT INTO workers(id, id_number, name, gender, township, village, grp, work_province,
    work_city, employer, source, created_at) VALUES
 (1, '43012119900307123X', '王一', 'M', '黄花镇', '西湖村', 'A', '湖北省', '武汉市', '富士康科技, 武汉', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 (2, '430121199205061221', '李二', 'F', '黄花镇', '东山村', 'A', '湖北省', '孝感市', '', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 (3, '420102198811112236', '张三', 'M', '黄花镇', '西湖村', 'B', '湖南省', '长沙市', '远大"空调"', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 (4, '43012119851224005x', '赵四', 'M', '安沙镇', '和平村', 'A', '湖北省', '宜昌市', '葛洲坝', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 (5, '430121199501014321', '钱五', 'F', '黄花镇', '东山村', 'A', '湖北省', '武汉市', '', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 (6, '430121199709094414', '孙六', 'M', '黄花镇', '西湖村', 'A', '湖北省', '黄冈市', '', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 (7, '420102199912120020', '周七', 'F', '黄花镇', '东山村', 'B', '湖南省', '长沙市', '蓝思科技', 'test', strftime('%s', '2020-01-27 10:00:00', '-8 hours')),
 -- imported after the report date: not in the report for 2020-01-29
 (8, '430121200001010011', '吴八', 'M', '黄花镇', '北岭村', 'A', '湖北省', '武汉市', '', 'test', strftime('%s', '2020-01-30 09:00:00', '-8 hours'));
INSERT INTO phones(worker_id, rank, typed, e164, kind, display, region, created_at, removed_at) VALUES
 (1, 0, '13574895655', '+8613574895655', 'mobile', '13574895655', '湖南省长沙市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (1, 1, '0731-84900135', '+8673184900135', 'fixed', '0731-84900135', '湖南省长沙市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (2, 0, '13907310001', '+8613907310001', 'mobile', '13907310001', '湖南省长沙市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), strftime('%s', '2020-01-28 12:00:00', '-8 hours')),
 (2, 1, '13307120002', '+8613307120002', 'mobile', '13307120002', '湖北省武汉市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (3, 0, '13007100003', '+8613007100003', 'mobile', '13007100003', '湖北省武汉市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (4, 0, '+85291234567', '+85291234567', 'mobile', '+85291234567', '', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (5, 0, '13807310005', '+8613807310005', 'mobile', '13807310005', '湖南省长沙市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (6, 0, '13607310006', '+8613607310006', 'mobile', '13607310006', '湖南省长沙市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (7, 0, '13507310007', '+8613507310007', 'mobile', '13507310007', '湖南省长沙市', strftime('%s', '2020-01-27 10:00:00', '-8 hours'), NULL),
 (8, 0, '13407310008', '+8613407310008', 'mobile', '13407310008', '湖南省长沙市', strftime('%s', '2020-01-30 09:00:00', '-8 hours'), NULL);
-- every worker has a case row, as an import makes it
INSERT INTO cases(worker_id, updated_at) SELECT id, created_at FROM workers;
