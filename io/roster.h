/*
 * roster.h -- what an imported roster means: which column is what, which
 * rows are good, and how a row merges into a worker already known.
 *
 * No SQL and no files here: io/import.c reads the rows (io/csv.h,
 * io/xlsx.h) and writes through db/workers.h.
 *
 * Columns are found by their titles, Chinese or English, in any order; the
 * header is the first row that holds the name and ID number titles (a
 * title row may sit above it).  Name, ID number and phone are required
 * columns; a row whose ID number is valid is kept even with no valid
 * phone (no_phone: the import escalates it).
 * 乡镇 and 村 come from their columns, or else from the address: 户籍地址
 * for group A, 务工地 (the local workplace) for group B; the township
 * falls back to the database's own.
 *
 * Merging: the first row of a file for an ID number the database holds
 * already updates the stored worker (its non-empty values win); a later
 * row of the same file for the same ID number only fills empty fields and
 * adds phones, and its differing values are reported as conflicts.  An
 * empty cell never clears a stored value.  So importing a file twice
 * changes nothing the second time.
 */
#ifndef PAICHA_IO_ROSTER_H
#define PAICHA_IO_ROSTER_H

#include <stddef.h>
#include <stdint.h>

#include "db/workers.h"

enum roster_field {
	ROSTER_NAME,
	ROSTER_IDNUM,
	ROSTER_PHONE,
	ROSTER_TOWNSHIP,
	ROSTER_VILLAGE,
	ROSTER_WORKPLACE,
	ROSTER_EMPLOYER,
	ROSTER_GROUP,
	ROSTER_ADDRESS,
	ROSTER_NOTE,		/* 备注: the worker's first note */
	ROSTER_LINE,		/* 行号 and 原因: the reject file's own */
	ROSTER_REASON,
	ROSTER_NFIELDS
};

#define ROSTER_MAX_PHONE_COLS 8
#define ROSTER_MAX_PHONES 8

struct roster_map {
	int col[ROSTER_NFIELDS];	/* column index, -1 if absent */
	int phone_cols[ROSTER_MAX_PHONE_COLS];	/* every phone column */
	size_t nphone_cols;
	size_t ncols;			/* cells in the header row */
	char **titles;			/* the header row's cells */
	char ignored[512];		/* titles of columns not imported */
};

void roster_map_init(struct roster_map *);
void roster_map_free(struct roster_map *);
/* If cells are the header row, fill the map and return 1; else 0. */
int roster_map_header(struct roster_map *, char *const *cells, size_t n);
/* The title of the first required column the file lacks, or NULL. */
const char *roster_map_missing(const struct roster_map *);

struct roster_opts {
	const char *area_code;	/* for local fixed-line numbers */
	const char *today;	/* "YYYY-MM-DD": later births are refused */
	int group;		/* GROUP_A or GROUP_B from --group, or -1 */
	const char *township;	/* the database's township */
	const char *source;	/* the file's name, for worker.source */
};

struct roster_row {
	long line;
	int rejected;
	char reason[512];		/* why rejected */
	struct worker w;
	struct worker_phone phones[ROSTER_MAX_PHONES];
	size_t nphones;
	char bad_phones[512];		/* numbers not imported, with why */
	int nbad;
	int no_phone;			/* no valid number: kept, escalated */
	int note_cut;			/* 备注 cut to fit w.note */
};

/* 1 if every cell is empty or blank. */
int roster_row_blank(char *const *cells, size_t n);
/* Check and convert one data row into out; 0, or -1 if it is rejected
 * (out->reason says why).  Thread-safe. */
int roster_row_parse(const struct roster_map *, const struct roster_opts *,
    char *const *cells, size_t n, long line, struct roster_row *out);

enum roster_merge {
	ROSTER_MERGE_STORED,	/* first row of the file for a stored worker */
	ROSTER_MERGE_REPEAT,	/* a later row of the same file */
};

struct roster_change {
	const char *field;	/* workers_update_field's name */
	const char *value;	/* points into the row */
};

#define ROSTER_MAX_CHANGES 8

/* The field changes that merge row into old (at most ROSTER_MAX_CHANGES);
 * values of a repeated row that were not taken are described in
 * conflicts ("" if none). */
size_t roster_merge(const struct roster_row *, const struct worker *old,
    enum roster_merge, struct roster_change *changes, char *conflicts,
    size_t conflictsz);

/* Which ID numbers a file has shown so far. */
struct roster_seen;
struct roster_seen *roster_seen_new(void);
void roster_seen_free(struct roster_seen *);
/* Record an 18-character ID number; 1 if it was seen before, else 0. */
int roster_seen_add(struct roster_seen *, const char *id_number);

/* 在鄂务工 / A -> GROUP_A, 湖北籍在本地就业 / B -> GROUP_B; 0 or -1. */
int roster_group_parse(const char *text, enum worker_group *out);
/* 湖北省武汉市江岸区 -> 湖北省, 武汉市. */
void roster_split_place(const char *place, char *province, size_t provsz,
    char *city, size_t citysz);
/* 湖南省长沙县黄花镇西湖村 -> 黄花镇, 西湖村 ("" where there is none). */
void roster_split_address(const char *address, char *township, size_t townsz,
    char *village, size_t villsz);

#endif
