/* test_export.c -- the pieces of the report files: SHA-256, CSV quoting,
 * CSV encodings and the MANIFEST figures a CSV reports about itself. */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "forms/callform.h"
#include "io/csv_writer.h"
#include "io/report_rows.h"

enum report_encoding { REPORT_GB18030, REPORT_UTF8 };
#include <nettle/sha2.h>

static void
hash(const void *data, size_t n, char hex[65])
{
	struct sha256_ctx s;

	sha256_init(&s);
	sha256_update(&s, n, data);
	sha256_hex(&s, hex);
}

/* FIPS 180-4 / NIST examples, and the padding edges (55, 56, 64 bytes). */
static void
sha256_matches_the_nist_vectors(void **state)
{
	char hex[65], *million;
	struct sha256_ctx s;

	(void)state;
	hash("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hash("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	hash("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
	    "klmnopqrlmnopqrsmnopqrstnopqrstu", 112, hex);
	assert_string_equal(hex, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	/* one million 'a', fed in uneven pieces */
	million = malloc(1000000);
	assert_non_null(million);
	memset(million, 'a', 1000000);
	sha256_init(&s);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 997 + 1)
		sha256_update(&s, off + step > 1000000 ? 1000000 - off : step,
		    (const uint8_t *)million + off);
	sha256_hex(&s, hex);
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);
}

static void
csv_quotes_only_fields_that_need_it(void **state)
{
	char buf[64];

	(void)state;
	assert_int_equal(csv_quote("plain", 1, buf, sizeof buf), 5);
	assert_string_equal(buf, "plain");
	csv_quote("a,b", 1, buf, sizeof buf);
	assert_string_equal(buf, "\"a,b\"");
	csv_quote("say \"hi\"", 1, buf, sizeof buf);
	assert_string_equal(buf, "\"say \"\"hi\"\"\"");
	csv_quote("two\nlines", 1, buf, sizeof buf);
	assert_string_equal(buf, "\"two\nlines\"");
	csv_quote("cr\rhere", 1, buf, sizeof buf);
	assert_string_equal(buf, "\"cr\rhere\"");
	csv_quote("", 1, buf, sizeof buf);
	assert_string_equal(buf, "");
	/* no trailing spaces; leading ones are data */
	csv_quote(" 黄花镇  ", 1, buf, sizeof buf);
	assert_string_equal(buf, " 黄花镇");
	/* the length is what it needs even when the buffer is short */
	assert_int_equal(csv_quote("a,b", 1, buf, 3), 5);
	assert_string_equal(buf, "\"a");
}

/* Write the rows to a fresh file in a temporary folder and read it back. */
static char *
write_csv(enum report_encoding enc, struct report_file_info *info, size_t *len)
{
	char dir[] = "/tmp/test_export.XXXXXX", path[64], err[256], *data;
	struct report_cell header[2] = { { CELL_TEXT, "姓名", 0 }, { CELL_TEXT, "联系次数", 0 } };
	struct report_cell row[2] = { { CELL_TEXT, "王一, \"小王\"", 0 }, { CELL_NUMBER, NULL, 3 } };
	struct csv_writer *c;
	struct csv_write_opts o = { .encoding = enc == REPORT_GB18030 ? "GB18030" : NULL,
	    .bom = enc == REPORT_UTF8, .crlf = 1, .trim = 1 };
	struct stat sb;
	FILE *f;
	int fd;

	assert_non_null(mkdtemp(dir));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	umask(0);
	assert_int_equal(csv_writer_openat(fd, "t.csv", &o, &c, err, sizeof err), 0);
	umask(022);
	/* the name is taken: a second writer is refused */
	struct csv_writer *again;
	assert_int_equal(csv_writer_openat(fd, "t.csv", &o, &again, err, sizeof err), -1);
	assert_int_equal(csv_writer_cells(c, header, 2, err, sizeof err), 0);
	assert_int_equal(csv_writer_cells(c, row, 2, err, sizeof err), 0);
	assert_int_equal(csv_writer_finish(c, info, err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/t.csv", dir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);
	data = calloc(1, (size_t)sb.st_size + 1);
	f = fopen(path, "rb");
	*len = fread(data, 1, (size_t)sb.st_size, f);
	fclose(f);
	unlink(path);
	close(fd);
	rmdir(dir);
	return data;
}

static void
csv_in_utf8_has_a_bom_crlf_and_counts_itself(void **state)
{
	struct report_file_info info;
	size_t len;
	char hex[65];
	char *data = write_csv(REPORT_UTF8, &info, &len);
	const char *want = "\xef\xbb\xbf" "姓名,联系次数\r\n\"王一, \"\"小王\"\"\",3\r\n";

	(void)state;
	assert_int_equal(len, strlen(want));
	assert_memory_equal(data, want, len);
	assert_int_equal(info.bytes, (long long)len);
	assert_int_equal(info.rows, 1);
	hash(data, len, hex);
	assert_string_equal(info.sha256, hex);
	free(data);
}

static void
csv_in_gb18030_is_converted_whole(void **state)
{
	struct report_file_info info;
	size_t len;
	char *data = write_csv(REPORT_GB18030, &info, &len);
	/* 姓名 = D0 D5 C3 FB, 王一 = CD F5 D2 BB in GB18030 (as in GBK) */
	static const char want[] = "\xd0\xd5\xc3\xfb,\xc1\xaa\xcf\xb5\xb4\xce\xca\xfd\r\n"
	    "\"\xcd\xf5\xd2\xbb, \"\"\xd0\xa1\xcd\xf5\"\"\",3\r\n";

	(void)state;
	assert_int_equal(len, sizeof want - 1);
	assert_memory_equal(data, want, len);
	assert_int_equal(info.bytes, (long long)len);
	free(data);
}

/* One rule for text the encoding cannot hold: the row is refused, naming
 * its row and column; nothing is replaced by '?'. */
static void
csv_refuses_text_the_encoding_cannot_hold_with_row_and_column(void **state)
{
	char dir[] = "/tmp/test_export.XXXXXX", err[512];
	struct csv_write_opts gb = { .encoding = "GB18030", .crlf = 1 };
	struct csv_write_opts latin = { .encoding = "ISO-8859-1", .crlf = 1 };
	struct report_cell ok[2] = { { CELL_TEXT, "a", 0 }, { CELL_TEXT, "b", 0 } };
	struct report_cell bad[3] = { { CELL_TEXT, "a", 0 }, { CELL_TEXT, "b,c", 0 },
		{ CELL_TEXT, "x\xff", 0 } };
	struct report_cell han[2] = { { CELL_TEXT, "a", 0 }, { CELL_TEXT, "王一", 0 } };
	struct csv_writer *w;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	assert_int_equal(csv_writer_openat(fd, "g.csv", &gb, &w, err, sizeof err), 0);
	assert_int_equal(csv_writer_cells(w, ok, 2, err, sizeof err), 0);
	assert_int_equal(csv_writer_cells(w, bad, 3, err, sizeof err), -1);
	assert_non_null(strstr(err, "g.csv, row 2, column 3"));
	csv_writer_abort(w);
	assert_int_equal(csv_writer_openat(fd, "l.csv", &latin, &w, err, sizeof err), 0);
	assert_int_equal(csv_writer_cells(w, han, 2, err, sizeof err), -1);
	assert_non_null(strstr(err, "l.csv, row 1, column 2"));
	csv_writer_abort(w);
	unlinkat(fd, "g.csv", 0);
	unlinkat(fd, "l.csv", 0);
	close(fd);
	rmdir(dir);
}

/* The report's column of a given title in table t, or NULL. */
static const struct report_column *
column(size_t t, const char *title)
{
	for (size_t i = 0; i < report_tables[t].ncols; i++)
		if (strcmp(report_column_title(&report_tables[t].cols[i]), title) == 0)
			return &report_tables[t].cols[i];
	return NULL;
}

/* One source for the provincial wording: every title is set, and each
 * choice of the call form exports as the form's own text. */
static void
report_words_come_from_the_form_definition(void **state)
{
	static const char *const fields[] = { "whereabouts", "transport", "work_plan", "symptoms" };
	struct report_worker w;
	struct report_row r = { .w = &w };

	(void)state;
	for (size_t t = 0; t < REPORT_NTABLES; t++)
		for (size_t i = 0; i < report_tables[t].ncols; i++) {
			assert_true(report_column_title(&report_tables[t].cols[i])[0] != '\0');
			assert_non_null(report_tables[t].cols[i].cell);
		}
	for (size_t k = 0; k < sizeof fields / sizeof fields[0]; k++) {
		const struct field_def *f = form_field(&callform, fields[k]);
		const struct report_column *c = column(REPORT_ROSTER, f->export_label);

		assert_non_null(c);
		for (const struct field_choice *ch = f->choices; ch->key != NULL; ch++) {
			struct report_cell cell;

			memset(&w, 0, sizeof w);
			snprintf(w.cs.whereabouts, sizeof w.cs.whereabouts, "%s", ch->key);
			snprintf(w.cs.transport, sizeof w.cs.transport, "%s", ch->key);
			snprintf(w.cs.work_plan, sizeof w.cs.work_plan, "%s", ch->key);
			snprintf(w.cs.symptoms, sizeof w.cs.symptoms, "%s", ch->key);
			cell = c->cell(c, &r);
			assert_string_equal(cell.text, ch->export_label);
		}
	}
	/* 汇总's 已返乡 is the form's word for "home" */
	assert_non_null(column(REPORT_SUMMARY, form_field(&callform, "whereabouts")->choices[0].export_label));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sha256_matches_the_nist_vectors),
		cmocka_unit_test(csv_quotes_only_fields_that_need_it),
		cmocka_unit_test(csv_in_utf8_has_a_bom_crlf_and_counts_itself),
		cmocka_unit_test(csv_in_gb18030_is_converted_whole),
		cmocka_unit_test(csv_refuses_text_the_encoding_cannot_hold_with_row_and_column),
		cmocka_unit_test(report_words_come_from_the_form_definition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
