/*
 * idnum.h - citizen ID numbers (公民身份号码, GB 11643-1999).
 *
 * 18 characters: 6-digit address code (the first 2 are the province),
 * 8-digit birth date, 3-digit sequence number (odd = male, even = female),
 * and an ISO 7064 MOD 11-2 check character, '0'..'9' or 'X'.  Old 15-digit
 * numbers (6 + YYMMDD + 3, born 19YY) are converted to 18.
 */
#ifndef PAICHA_FORMS_IDNUM_H
#define PAICHA_FORMS_IDNUM_H

#include <stddef.h>

struct idnum {
	char number[19];        /* 18 characters, upper-case X */
	char gender;            /* 'M' or 'F' */
	char birth[11];         /* YYYY-MM-DD */
	int province;           /* first 2 digits */
};

/* The check character of the first 17 digits, or 0 if they are not 17
 * digits. */
char idnum_check_char(const char *first17);

/* Parse an ID number as typed (spaces around it, full-width digits, Ｘ or x
 * allowed) into *out; 0 ok, -1 invalid with err saying why.  today is
 * "YYYY-MM-DD" (a later birth date is refused) or NULL not to check.
 * Birth dates before 1800 are refused: the standard's own example
 * 440524188001010014 is born in 1880. */
int idnum_parse(const char *typed, const char *today, struct idnum *out,
    char *err, size_t errlen);

/* The Chinese name of a province-level code ("湖南省" for 43), or NULL. */
const char *idnum_province_name(int code);

/* id as people may see it: the first 6 and the last 4 characters of an
 * 18-character number, the birth date masked ("420106********1234"). */
void idnum_mask(const char *id, char out[19]);

#endif
