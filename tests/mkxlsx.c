/*
 * mkxlsx.c -- a test helper: write an .xlsx workbook through libxlsxwriter
 * (what Excel and WPS write, unlike a hand-made zip).
 *
 *   mkxlsx OUT.xlsx < ROWS
 *
 * A line "=== NAME" begins the worksheet NAME; every other line is a row
 * of the current worksheet (a first one named Sheet1 if none began), its
 * cells separated by |; a cell "n:12.5" is a number, any other text.
 * An empty line is an empty row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

int
main(int argc, char **argv)
{
	lxw_workbook *wb;
	lxw_worksheet *ws = NULL;
	char line[8192];
	lxw_row_t row = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: mkxlsx OUT.xlsx < ROWS\n");
		return 2;
	}
	if ((wb = workbook_new(argv[1])) == NULL) {
		fprintf(stderr, "mkxlsx: cannot create %s\n", argv[1]);
		return 1;
	}
	while (fgets(line, sizeof line, stdin) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "=== ", 4) == 0) {
			if ((ws = workbook_add_worksheet(wb, line + 4)) == NULL) {
				fprintf(stderr, "mkxlsx: bad worksheet name '%s'\n", line + 4);
				return 1;
			}
			row = 0;
			continue;
		}
		if (ws == NULL)
			ws = workbook_add_worksheet(wb, NULL);
		lxw_col_t col = 0;
		for (char *cell = line, *next; cell != NULL; cell = next, col++) {
			if ((next = strchr(cell, '|')) != NULL)
				*next++ = '\0';
			if (*cell == '\0')
				continue;
			if (strncmp(cell, "n:", 2) == 0)
				worksheet_write_number(ws, row, col, strtod(cell + 2, NULL), NULL);
			else
				worksheet_write_string(ws, row, col, cell, NULL);
		}
		row++;
	}
	if (ws == NULL)
		workbook_add_worksheet(wb, NULL);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "mkxlsx: cannot write %s\n", argv[1]);
		return 1;
	}
	return 0;
}
