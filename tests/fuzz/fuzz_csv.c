/* fuzz_csv.c -- the CSV reader (io/csv.c): encoding detection, decoding,
 * quoting, records; and csv_split() on the same bytes. */
#include "config.h"

#include "io/csv.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const enc[] = { NULL, "utf-8", "gb18030" };
	struct csv_reader *r;
	char path[256], err[512], **fields, *s;
	size_t n;
	long line;

	if (fuzz_file(data, size, ".csv", path, sizeof path) != 0)
		return 0;
	for (size_t e = 0; e < sizeof enc / sizeof enc[0]; e++) {
		if (csv_open(path, enc[e], &r, err, sizeof err) != 0)
			continue;
		while (csv_next(r, &fields, &n, &line) == 1)
			for (size_t i = 0; i < n; i++)
				(void)strlen(fields[i]);
		csv_close(r);
	}
	unlink(path);
	s = fuzz_str(data, size);
	n = csv_split(s, &fields);
	for (size_t i = 0; i < n; i++)
		free(fields[i]);
	free(fields);
	free(s);
	return 0;
}
