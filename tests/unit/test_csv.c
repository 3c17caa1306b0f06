/* test_csv.c -- the CSV reader and writer, and the .xlsx reader. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "io/csv.h"
#include "io/xlsx.h"

static char dir[64];

static int
setup(void **state)
{
	snprintf(dir, sizeof dir, "/tmp/paicha-csv.XXXXXX");
	assert_non_null(mkdtemp(dir));
	return 0;
}

static int
teardown(void **state)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *
write_file(const char *name, const char *data, size_t n)
{
	static char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
	return path;
}

static struct csv_reader *
open_csv(const char *data, size_t n, const char *encoding)
{
	struct csv_reader *r;
	char err[256];

	assert_int_equal(csv_open(write_file("t.csv", data, n), encoding, &r, err, sizeof err), 0);
	return r;
}

static void
quoted_commas_quotes_and_line_breaks_stay_in_their_field(void **state)
{
	static const char data[] = "a,\"b,c\",\"say \"\"hi\"\"\"\n\"two\nlines\",x,\"\"\nlast,1,2";
	struct csv_reader *r = open_csv(data, sizeof data - 1, NULL);
	char **f;
	size_t n;
	long line;

	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_int_equal(n, 3);
	assert_int_equal(line, 1);
	assert_string_equal(f[1], "b,c");
	assert_string_equal(f[2], "say \"hi\"");
	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_int_equal(line, 2);
	assert_string_equal(f[0], "two\nlines");
	assert_string_equal(f[2], "");
	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_int_equal(line, 4);	/* the physical line after the quoted break */
	assert_string_equal(f[0], "last");
	assert_int_equal(csv_next(r, &f, &n, &line), 0);
	csv_close(r);
}

static void
crlf_and_lf_read_the_same_and_crlf_is_remembered(void **state)
{
	static const char crlf[] = "x,y\r\n1,2\r\n";
	static const char lf[] = "x,y\n1,2\n";
	struct csv_reader *r;
	char **f;
	size_t n;
	long line;

	for (int i = 0; i < 2; i++) {
		r = i ? open_csv(lf, sizeof lf - 1, NULL) : open_csv(crlf, sizeof crlf - 1, NULL);
		assert_int_equal(csv_next(r, &f, &n, &line), 1);
		assert_int_equal(csv_crlf(r), !i);
		assert_int_equal(csv_next(r, &f, &n, &line), 1);
		assert_int_equal(n, 2);
		assert_string_equal(f[1], "2");
		assert_int_equal(line, 2);
		assert_int_equal(csv_next(r, &f, &n, &line), 0);
		csv_close(r);
	}
}

static void
a_bom_means_utf8_and_is_not_part_of_the_first_title(void **state)
{
	static const char data[] = "\xEF\xBB\xBF姓名,电话\n";
	struct csv_reader *r = open_csv(data, sizeof data - 1, NULL);
	char **f;
	size_t n;
	long line;

	assert_int_equal(csv_encoding(r), CSV_UTF8_BOM);
	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_string_equal(f[0], "姓名");
	csv_close(r);
	r = open_csv(data + 3, sizeof data - 4, NULL);
	assert_int_equal(csv_encoding(r), CSV_UTF8);
	csv_close(r);
}

static void
a_file_that_is_not_utf8_is_read_as_gb18030(void **state)
{
	/* 姓名,黄花镇 in GB18030 */
	static const char data[] = "\xD0\xD5\xC3\xFB,\xBB\xC6\xBB\xA8\xD5\xF2\r\n";
	struct csv_reader *r = open_csv(data, sizeof data - 1, NULL);
	struct csv_reader *forced;
	char **f, err[256];
	size_t n;
	long line;

	assert_int_equal(csv_encoding(r), CSV_GB18030);
	assert_string_equal(csv_encoding_name(r), "GB18030");
	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_string_equal(f[0], "姓名");
	assert_string_equal(f[1], "黄花镇");
	csv_close(r);
	assert_int_equal(csv_open(write_file("g.csv", data, sizeof data - 1), "UTF-8", &forced,
	    err, sizeof err), -1);
	assert_non_null(strstr(err, "not valid UTF-8"));
}

/* Formula injection: the writer puts ' before = + - @ TAB CR (not before a
 * plain number), and the reader takes it off, so a file round-trips. */
static void
formula_like_fields_are_neutralised_and_read_back_as_they_were(void **state)
{
	const char *row[] = { "=HYPERLINK(\"http://x\",\"a\")", "@SUM(A1)", "-cmd|' /C calc'!A0",
		"+1+1", "+852 9123 4567、+86 135", "\tx", "\rcr", "+8613574895655", "-3", "'=already", "'plain", "a=b" };
	const size_t nrow = sizeof row / sizeof row[0];
	struct csv_writer *w;
	struct csv_reader *r;
	char path[128], err[256], **f, text[512];
	size_t n, len;
	long line;
	FILE *in;

	(void)state;
	snprintf(path, sizeof path, "%s/inj.csv", dir);
	assert_int_equal(csv_writer_open(path, "UTF-8", 0, 0, &w, err, sizeof err), 0);
	assert_int_equal(csv_writer_row(w, row, nrow), 0);
	assert_int_equal(csv_writer_close(w), 0);
	in = fopen(path, "rb");
	len = fread(text, 1, sizeof text - 1, in);
	fclose(in);
	text[len] = '\0';
	assert_string_equal(text, "\"'=HYPERLINK(\"\"http://x\"\",\"\"a\"\")\",'@SUM(A1),"
	    "'-cmd|' /C calc'!A0,'+1+1,+852 9123 4567、+86 135,'\tx,\"'\rcr\",+8613574895655,-3,''=already,'plain,a=b\n");
	assert_int_equal(csv_open(path, NULL, &r, err, sizeof err), 0);
	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_int_equal(n, nrow);
	for (size_t i = 0; i < nrow; i++)
		assert_string_equal(f[i], row[i]);
	csv_close(r);
}

static void
the_writer_quotes_what_needs_it_and_reads_back_in_gb18030(void **state)
{
	const char *row[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "黄花镇" };
	struct csv_writer *w;
	struct csv_reader *r;
	char path[128], err[256], **f;
	size_t n;
	long line;

	snprintf(path, sizeof path, "%s/out.csv", dir);
	assert_int_equal(csv_writer_open(path, "GB18030", 0, 1, &w, err, sizeof err), 0);
	assert_int_equal(csv_writer_row(w, row, 5), 0);
	assert_int_equal(csv_writer_close(w), 0);
	assert_int_equal(csv_open(path, NULL, &r, err, sizeof err), 0);
	assert_int_equal(csv_encoding(r), CSV_GB18030);
	assert_int_equal(csv_next(r, &f, &n, &line), 1);
	assert_int_equal(csv_crlf(r), 1);	/* the LF inside quotes does not count */
	assert_int_equal(n, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(f[i], row[i]);
	csv_close(r);
}

static void
numbers_are_written_out_exactly_without_exponent(void **state)
{
	char out[64];

	assert_int_equal(xlsx_number_text("1.3574895655E10", out, sizeof out), 0);
	assert_string_equal(out, "13574895655");
	assert_int_equal(xlsx_number_text("1.3574895655E+10", out, sizeof out), 0);
	assert_string_equal(out, "13574895655");
	assert_int_equal(xlsx_number_text("18855703312", out, sizeof out), 0);
	assert_string_equal(out, "18855703312");
	assert_int_equal(xlsx_number_text("12.50", out, sizeof out), 0);
	assert_string_equal(out, "12.5");
	assert_int_equal(xlsx_number_text("5E-3", out, sizeof out), 0);
	assert_string_equal(out, "0.005");
	assert_int_equal(xlsx_number_text("-3.0", out, sizeof out), 0);
	assert_string_equal(out, "-3");
	assert_int_equal(xlsx_number_text("007", out, sizeof out), 0);
	assert_string_equal(out, "7");
	assert_int_equal(xlsx_number_text("abc", out, sizeof out), -1);
	assert_string_equal(out, "abc");
}

/* Write a minimal workbook whose sheet uses shared strings (with a
 * phonetic run), an inline string, numbers in E notation and gaps. */
static const char *
make_xlsx(void)
{
	static const char workbook[] =
	    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
	    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
	    "<sheets><sheet name=\"花名册\" sheetId=\"1\" r:id=\"rId7\"/></sheets></workbook>";
	static const char rels[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/data.xml\"/>"
	    "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
	    "</Relationships>";
	static const char sst[] =
	    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	    "<si><t>姓名</t></si><si><r><t>联系</t></r><r><t>电话</t></r>"
	    "<rPh sb=\"0\" eb=\"2\"><t>lianxi</t></rPh></si><si><t xml:space=\"preserve\"> 任红敏 </t></si></sst>";
	static const char sheet[] =
	    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
	    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
	    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>x</t></is></c>"
	    "<c r=\"C3\"><v>1.3574895655E10</v></c><c r=\"E3\" t=\"str\"><f>A3</f><v>公式</v></c></row>"
	    "</sheetData></worksheet>";
	static char path[128];
	zip_t *z;
	int err;
	const struct { const char *name, *data; } parts[] = {
		{ "xl/workbook.xml", workbook }, { "xl/_rels/workbook.xml.rels", rels },
		{ "xl/strings.xml", sst }, { "xl/worksheets/data.xml", sheet },
	};

	snprintf(path, sizeof path, "%s/t.xlsx", dir);
	assert_non_null(z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err));
	for (size_t i = 0; i < 4; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].data, strlen(parts[i].data), 0);
		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	return path;
}

static void
xlsx_cells_land_in_their_columns_with_shared_and_inline_strings(void **state)
{
	struct xlsx_reader *r;
	char err[256], **c;
	size_t n;
	long row;

	assert_int_equal(xlsx_open(make_xlsx(), &r, err, sizeof err), 0);
	assert_string_equal(xlsx_sheet_name(r), "花名册");
	assert_int_equal(xlsx_next(r, &c, &n, &row), 1);
	assert_int_equal(row, 1);
	assert_int_equal(n, 3);
	assert_string_equal(c[0], "姓名");
	assert_string_equal(c[1], "");		/* the gap B1 */
	assert_string_equal(c[2], "联系电话");	/* runs joined, phonetic run left out */
	assert_int_equal(xlsx_next(r, &c, &n, &row), 1);
	assert_int_equal(row, 3);
	assert_int_equal(n, 5);
	assert_string_equal(c[0], " 任红敏 ");
	assert_string_equal(c[1], "x");
	assert_string_equal(c[2], "13574895655");
	assert_string_equal(c[3], "");
	assert_string_equal(c[4], "公式");
	assert_int_equal(xlsx_next(r, &c, &n, &row), 0);
	xlsx_close(r);
}

static void
the_real_sample_workbook_reads_row_by_row(void **state)
{
	const char *src = getenv("PAICHA_SRCDIR");
	struct xlsx_reader *r;
	char path[512], err[256], **c;
	size_t n;
	long row, rows = 0;

	snprintf(path, sizeof path, "%s/tests/data/roster-sample.xlsx", src ? src : ".");
	assert_int_equal(xlsx_open(path, &r, err, sizeof err), 0);
	while (xlsx_next(r, &c, &n, &row) == 1) {
		rows++;
		if (row == 3) {
			assert_string_equal(c[3], "430121199108166861");
			assert_string_equal(c[4], "18855703312");
		}
	}
	assert_int_equal(rows, 122);
	xlsx_close(r);
	assert_int_equal(xlsx_open(write_file("no.xlsx", "PK\3\4junk", 9), &r, err, sizeof err), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_commas_quotes_and_line_breaks_stay_in_their_field),
		cmocka_unit_test(crlf_and_lf_read_the_same_and_crlf_is_remembered),
		cmocka_unit_test(a_bom_means_utf8_and_is_not_part_of_the_first_title),
		cmocka_unit_test(a_file_that_is_not_utf8_is_read_as_gb18030),
		cmocka_unit_test(the_writer_quotes_what_needs_it_and_reads_back_in_gb18030),
		cmocka_unit_test(numbers_are_written_out_exactly_without_exponent),
		cmocka_unit_test(xlsx_cells_land_in_their_columns_with_shared_and_inline_strings),
		cmocka_unit_test(formula_like_fields_are_neutralised_and_read_back_as_they_were),
		cmocka_unit_test(the_real_sample_workbook_reads_row_by_row),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
