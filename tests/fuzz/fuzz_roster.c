/* fuzz_roster.c -- the roster mapping (io/roster.c): the input's lines
 * are CSV records; the first that is a header maps the columns, every
 * later one is parsed as a worker's row. */
#include "config.h"

#include "io/csv.h"
#include "io/roster.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster_opts o = { "0731", "2020-02-01", -1, "黄花镇", "fuzz" };
	struct roster_map m;
	static struct roster_row row;
	char *s = fuzz_str(data, size), *line, *save = NULL, **cells;
	int header = 0;
	long no = 0;

	roster_map_init(&m);
	for (line = strtok_r(s, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		size_t n = csv_split(line, &cells);
		no++;
		if (!header)
			header = roster_map_header(&m, cells, n) == 1 && roster_map_missing(&m) == NULL;
		else if (!roster_row_blank(cells, n)) {
			o.group = (int)(no % 3) - 1;
			(void)roster_row_parse(&m, &o, cells, n, no, &row);
		}
		for (size_t i = 0; i < n; i++)
			free(cells[i]);
		free(cells);
	}
	roster_map_free(&m);
	free(s);
	return 0;
}
