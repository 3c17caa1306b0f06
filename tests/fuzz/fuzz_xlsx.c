/* fuzz_xlsx.c -- the .xlsx reader (io/xlsx.c): the zip, the workbook,
 * shared strings and the first sheet's rows; and xlsx_number_text(). */
#include "config.h"

#include "io/xlsx.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_reader *r;
	char path[256], err[512], **cells, num[64], *s;
	size_t n;
	long row;

	if (fuzz_file(data, size, ".xlsx", path, sizeof path) != 0)
		return 0;
	if (xlsx_open(path, &r, err, sizeof err) == 0) {
		/* every worksheet, as the import reads them (the first twice:
		 * once for its header, again for its rows) */
		for (size_t k = 0; k < xlsx_sheet_count(r) && k < 16; k++) {
			if (k > 0 && xlsx_select_sheet(r, k) != 0)
				continue;
			(void)xlsx_sheet_name(r);
			(void)xlsx_sheet_name_at(r, k);
			(void)xlsx_sheet_size(r, k);
			while (xlsx_next(r, &cells, &n, &row) == 1)
				for (size_t i = 0; i < n; i++)
					(void)strlen(cells[i]);
			(void)xlsx_error(r);
		}
		if (xlsx_select_sheet(r, 0) == 0)
			(void)xlsx_next(r, &cells, &n, &row);
		xlsx_close(r);
	}
	unlink(path);
	s = fuzz_str(data, size < 64 ? size : 64);
	(void)xlsx_number_text(s, num, sizeof num);
	free(s);
	return 0;
}
