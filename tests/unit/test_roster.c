/* test_roster.c -- column mapping, row checks and merging decisions. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/roster.h"

static const struct roster_opts opts = {
	.area_code = "0731", .today = "2020-02-01", .group = -1,
	.township = "黄花镇", .source = "t.csv",
};

static void
map_of(struct roster_map *m, char **titles, size_t n)
{
	roster_map_init(m);
	assert_int_equal(roster_map_header(m, titles, n), 1);
}

static void
titles_map_in_any_order_chinese_or_english(void **state)
{
	char *title_row[] = { "黄花镇花名册（2020年1月）", "", "" };
	char *h[] = { "Phone", "人员类别", "序号", "公民身份号码", "姓 名", "乡镇（街道）", "村(社区)", "务工地点", "Employer" };
	struct roster_map m;

	roster_map_init(&m);
	assert_int_equal(roster_map_header(&m, title_row, 3), 0);
	map_of(&m, h, 9);
	assert_int_equal(m.col[ROSTER_PHONE], 0);
	assert_int_equal(m.col[ROSTER_GROUP], 1);
	assert_int_equal(m.col[ROSTER_IDNUM], 3);
	assert_int_equal(m.col[ROSTER_NAME], 4);
	assert_int_equal(m.col[ROSTER_TOWNSHIP], 5);
	assert_int_equal(m.col[ROSTER_VILLAGE], 6);
	assert_int_equal(m.col[ROSTER_WORKPLACE], 7);
	assert_int_equal(m.col[ROSTER_EMPLOYER], 8);
	assert_string_equal(m.ignored, "序号");
	assert_null(roster_map_missing(&m));
	roster_map_free(&m);
}

static void
a_missing_required_column_is_named(void **state)
{
	char *h[] = { "姓名", "联系电话", "备注" };
	struct roster_map m;

	map_of(&m, h, 3);
	assert_non_null(strstr(roster_map_missing(&m), "身份证号"));
	roster_map_free(&m);
}

static void
several_phone_columns_all_count(void **state)
{
	char *h[] = { "姓名", "身份证号", "手机号码", "联系电话", "人员类别" };
	char *row[] = { "任红敏", "430121199108166861", "18855703312", "0731-86133415", "在鄂务工" };
	struct roster_map m;
	struct roster_row r;

	map_of(&m, h, 5);
	assert_int_equal(m.nphone_cols, 2);
	assert_int_equal(roster_row_parse(&m, &opts, row, 5, 3, &r), 0);
	assert_int_equal(r.nphones, 2);
	assert_string_equal(r.phones[1].display, "0731-86133415");
	assert_string_equal(r.phones[1].kind, "fixed");
	roster_map_free(&m);
}

static char *hdr[] = { "姓名", "身份证号", "联系电话", "户籍地址", "务工地", "工作单位", "人员类别" };

static int
parse(char *name, char *id, char *phone, char *address, char *work, char *group, struct roster_row *r)
{
	char *row[] = { name, id, phone, address, work, "某公司", group };
	struct roster_map m;
	int rc;

	map_of(&m, hdr, 7);
	rc = roster_row_parse(&m, &opts, row, 7, 9, r);
	roster_map_free(&m);
	return rc;
}

static void
a_good_row_becomes_a_worker(void **state)
{
	struct roster_row r;

	assert_int_equal(parse(" 任红敏 ", "430121199108166861", "1.3574895655E10 ",
	    "湖南省长沙县黄花镇西湖村", "湖北省武汉市江岸区", "在鄂务工", &r), 0);
	/* E notation is the reader's job: here it is no valid number, kept
	 * as typed for the escalation */
	assert_int_equal(r.no_phone, 1);
	assert_int_equal(r.nphones, 0);
	assert_non_null(strstr(r.bad_phones, "1.3574895655E10"));
	assert_int_equal(parse(" 任红敏 ", "430121199108166861", "13574895655",
	    "湖南省长沙县黄花镇西湖村", "湖北省武汉市江岸区", "在鄂务工", &r), 0);
	assert_string_equal(r.w.name, "任红敏");
	assert_string_equal(r.w.id_number, "430121199108166861");
	assert_int_equal(r.w.gender, 'F');
	assert_string_equal(r.w.birth_date, "1991-08-16");
	assert_string_equal(r.w.township, "黄花镇");
	assert_string_equal(r.w.village, "西湖村");
	assert_string_equal(r.w.work_province, "湖北省");
	assert_string_equal(r.w.work_city, "武汉市");
	assert_int_equal(r.w.group, GROUP_A);
	assert_string_equal(r.w.source, "import:t.csv:9");
	assert_int_equal(r.nphones, 1);
	assert_string_equal(r.phones[0].e164, "+8613574895655");
}

static void
a_bad_id_number_rejects_the_row_with_the_reason(void **state)
{
	struct roster_row r;

	assert_int_equal(parse("任红敏", "430121199108166862", "13574895655", "", "", "在鄂务工", &r), -1);
	assert_int_equal(r.rejected, 1);
	assert_non_null(strstr(r.reason, "ID number"));
	assert_int_equal(parse("任红敏", "４３０１２１１９９１０８１６６８６１", "13574895655", "", "", "在鄂务工", &r), 0);
}

static void
phones_split_on_every_separator_and_bad_ones_are_reported(void **state)
{
	struct roster_row r;

	assert_int_equal(parse("任红敏", "430121199108166861",
	    "15611096665/15611096666、１３５７４８９５６５５；0731-86133415,12345 86133416",
	    "", "", "A", &r), 0);
	assert_int_equal(r.nphones, 4);
	assert_string_equal(r.phones[2].display, "13574895655");
	assert_int_equal(r.nbad, 1);
	assert_non_null(strstr(r.bad_phones, "12345 86133416"));
	assert_int_equal(parse("任红敏", "430121199108166861", "13574895655 13691164562", "", "", "A", &r), 0);
	assert_int_equal(r.nphones, 2);
	assert_int_equal(r.no_phone, 0);
	/* identified by the ID number: kept without a valid phone */
	assert_int_equal(parse("任红敏", "430121199108166861", "abc/123", "", "", "A", &r), 0);
	assert_int_equal(r.no_phone, 1);
	assert_non_null(strstr(r.bad_phones, "abc"));
	assert_int_equal(parse("任红敏", "430121199108166861", "", "", "", "A", &r), 0);
	assert_int_equal(r.no_phone, 1);
	assert_string_equal(r.bad_phones, "");
}

static void
the_group_comes_from_the_column_or_from_the_option(void **state)
{
	struct roster_row r;
	struct roster_opts o = opts;
	char *h[] = { "姓名", "身份证号", "联系电话", "户籍地址", "务工地" };
	char *row[] = { "马敏林", "42100219900621728X", "15595052378", "湖北省仙桃市", "湖南省长沙县黄花镇" };
	struct roster_map m;

	assert_int_equal(parse("马敏林", "42100219900621728X", "15595052378", "湖北省仙桃市",
	    "湖南省长沙县黄花镇", "湖北籍在本地就业", &r), 0);
	assert_int_equal(r.w.group, GROUP_B);
	assert_string_equal(r.w.township, "黄花镇");	/* from the local workplace */
	assert_string_equal(r.w.village, "");
	assert_int_equal(parse("马敏林", "42100219900621728X", "15595052378", "", "", "务工", &r), -1);
	assert_non_null(strstr(r.reason, "人员类别"));
	map_of(&m, h, 5);
	assert_int_equal(roster_row_parse(&m, &o, row, 5, 3, &r), -1);
	o.group = GROUP_B;
	assert_int_equal(roster_row_parse(&m, &o, row, 5, 3, &r), 0);
	assert_int_equal(r.w.group, GROUP_B);
	roster_map_free(&m);
}

static void
places_split_into_their_levels(void **state)
{
	char a[96], b[96];

	roster_split_place("湖北省武汉市江岸区", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "湖北省");
	assert_string_equal(b, "武汉市");
	roster_split_place("湖北省恩施土家族苗族自治州恩施市", a, sizeof a, b, sizeof b);
	assert_string_equal(b, "恩施土家族苗族自治州");
	roster_split_place("北京市朝阳区", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "北京市");
	assert_string_equal(b, "北京市");
	roster_split_place("湖南省长沙县黄花镇", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "湖南省");
	assert_string_equal(b, "");
	roster_split_address("湖南省长沙县黄花镇西湖村", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "黄花镇");
	assert_string_equal(b, "西湖村");
	roster_split_address("湖南省长沙县新市镇柳林社区三组", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "新市镇");
	assert_string_equal(b, "柳林社区");
	roster_split_address("湖南省浏阳市集里街道", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "集里街道");
	assert_string_equal(b, "");
	roster_split_address("湖北省仙桃市", a, sizeof a, b, sizeof b);
	assert_string_equal(a, "");
}

static void
a_stored_worker_takes_the_files_values_a_repeat_only_fills_gaps(void **state)
{
	struct roster_row r;
	struct worker old;
	struct roster_change ch[ROSTER_MAX_CHANGES];
	char conflicts[256];
	size_t n;

	assert_int_equal(parse("任红敏", "430121199108166861", "13574895655",
	    "湖南省长沙县黄花镇东山村", "", "在鄂务工", &r), 0);
	memset(&old, 0, sizeof old);
	strcpy(old.name, "任红敏");
	strcpy(old.township, "黄花镇");
	strcpy(old.village, "西湖村");
	strcpy(old.work_city, "孝感市");
	old.group = GROUP_A;
	n = roster_merge(&r, &old, ROSTER_MERGE_STORED, ch, conflicts, sizeof conflicts);
	assert_int_equal(n, 3);		/* village, employer, address; empty work_city kept */
	assert_string_equal(ch[0].field, "village");
	assert_string_equal(ch[0].value, "东山村");
	assert_string_equal(conflicts, "");
	n = roster_merge(&r, &old, ROSTER_MERGE_REPEAT, ch, conflicts, sizeof conflicts);
	assert_int_equal(n, 2);		/* employer and address were empty */
	assert_string_equal(ch[0].field, "employer");
	assert_non_null(strstr(conflicts, "village '西湖村' kept, not '东山村'"));
	strcpy(old.village, "东山村");
	strcpy(old.employer, "某公司");
	strcpy(old.address, "湖南省长沙县黄花镇东山村");
	assert_int_equal(roster_merge(&r, &old, ROSTER_MERGE_STORED, ch, conflicts, sizeof conflicts), 0);
}

static void
the_seen_set_knows_every_id_number_once(void **state)
{
	struct roster_seen *s = roster_seen_new();
	char id[32];

	for (int i = 0; i < 5000; i++) {
		snprintf(id, sizeof id, "43012119900101%03d%c", i % 1000, i < 1000 ? 'X' : '0' + i / 1000);
		assert_int_equal(roster_seen_add(s, id), 0);
	}
	assert_int_equal(roster_seen_add(s, "430121199001010421"), 1);
	assert_int_equal(roster_seen_add(s, "43012119900101042X"), 1);
	assert_int_equal(roster_seen_add(s, "430121199001010420"), 0);
	assert_int_equal(roster_seen_add(s, "430121199001010420"), 1);
	roster_seen_free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(titles_map_in_any_order_chinese_or_english),
		cmocka_unit_test(a_missing_required_column_is_named),
		cmocka_unit_test(several_phone_columns_all_count),
		cmocka_unit_test(a_good_row_becomes_a_worker),
		cmocka_unit_test(a_bad_id_number_rejects_the_row_with_the_reason),
		cmocka_unit_test(phones_split_on_every_separator_and_bad_ones_are_reported),
		cmocka_unit_test(the_group_comes_from_the_column_or_from_the_option),
		cmocka_unit_test(places_split_into_their_levels),
		cmocka_unit_test(a_stored_worker_takes_the_files_values_a_repeat_only_fills_gaps),
		cmocka_unit_test(the_seen_set_knows_every_id_number_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
