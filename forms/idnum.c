/*
 * idnum.c - validation of GB 11643-1999 citizen ID numbers.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "i18n.h"
#include "idnum.h"
#include "utf8.h"
#include "errmsg.h"

static const struct {
	int code;
	const char *name;
} idnum_provinces[] = {
	{ 11, "北京市" }, { 12, "天津市" }, { 13, "河北省" }, { 14, "山西省" },
	{ 15, "内蒙古自治区" }, { 21, "辽宁省" }, { 22, "吉林省" },
	{ 23, "黑龙江省" }, { 31, "上海市" }, { 32, "江苏省" }, { 33, "浙江省" },
	{ 34, "安徽省" }, { 35, "福建省" }, { 36, "江西省" }, { 37, "山东省" },
	{ 41, "河南省" }, { 42, "湖北省" }, { 43, "湖南省" }, { 44, "广东省" },
	{ 45, "广西壮族自治区" }, { 46, "海南省" }, { 50, "重庆市" },
	{ 51, "四川省" }, { 52, "贵州省" }, { 53, "云南省" },
	{ 54, "西藏自治区" }, { 61, "陕西省" }, { 62, "甘肃省" },
	{ 63, "青海省" }, { 64, "宁夏回族自治区" }, { 65, "新疆维吾尔自治区" },
	{ 71, "台湾省" }, { 81, "香港特别行政区" }, { 82, "澳门特别行政区" },
};

const char *
idnum_province_name(int code)
{
	size_t i;

	for (i = 0; i < sizeof idnum_provinces / sizeof idnum_provinces[0]; i++)
		if (idnum_provinces[i].code == code)
			return idnum_provinces[i].name;
	return NULL;
}

char
idnum_check_char(const char *first17)
{
	static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9,
	    10, 5, 8, 4, 2 };
	static const char check[] = "10X98765432";
	int i, sum = 0;

	for (i = 0; i < 17; i++) {
		if (first17[i] < '0' || first17[i] > '9')
			return 0;
		sum += (first17[i] - '0') * weights[i];
	}
	return check[sum % 11];
}

/* Index of the first character of s that is not a digit, or -1. */
static int
idnum_first_non_digit(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return (int)i;
	return -1;
}

int
idnum_parse(const char *typed, const char *today, struct idnum *out,
    char *err, size_t errlen)
{
	char num[19], birth8[9], birth[11], *folded = NULL, *s = NULL;
	int y, m, d, bad, province, rc = -1;
	size_t len;

	folded = utf8_fold_fullwidth(typed != NULL ? typed : "");
	s = utf8_trim(folded);
	len = strlen(s);
	if (len == 0) {
		errmsg_set(err, errlen, "%s",
		    _("no ID number: type its 18 characters"));
		goto out;
	}
	if (!utf8_valid(s) || utf8_chars(s) != len ||
	    (len != 18 && len != 15)) {
		errmsg_set(err, errlen,
		    _("an ID number has 18 characters, this one has %zu"),
		    utf8_chars(s));
		goto out;
	}
	if (len == 18 && (s[17] == 'x' || s[17] == 'X'))
		s[17] = 'X';
	bad = idnum_first_non_digit(s, len == 18 && s[17] == 'X' ? 17 : len);
	if (bad >= 0) {
		if (s[bad] == 'X' || s[bad] == 'x')
			errmsg_set(err, errlen, "%s",
			    _("only the last of the 18 characters can be X"));
		else
			errmsg_set(err, errlen,
			    _("character %d is not a digit: an ID number is 17 digits and a last digit or X"),
			    bad + 1);
		goto out;
	}
	if (len == 15) {
		/* old number: insert the century, then compute the check */
		memcpy(num, s, 6);
		memcpy(num + 6, "19", 2);
		memcpy(num + 8, s + 6, 9);
		num[17] = idnum_check_char(num);
	} else
		memcpy(num, s, 18);
	num[18] = '\0';

	province = (num[0] - '0') * 10 + (num[1] - '0');
	if (idnum_province_name(province) == NULL) {
		errmsg_set(err, errlen,
		    _("%02d is not a province code: check the first two digits"),
		    province);
		goto out;
	}
	memcpy(birth8, num + 6, 8);
	birth8[8] = '\0';
	y = (int)(strtol(birth8, NULL, 10) / 10000);
	m = (int)(strtol(birth8, NULL, 10) / 100 % 100);
	d = (int)(strtol(birth8, NULL, 10) % 100);
	if (!date_valid(y, m, d)) {
		errmsg_set(err, errlen,
		    _("%s is not a date: check the birth date, characters 7 to 14"),
		    birth8);
		goto out;
	}
	if (y < 1800) {
		errmsg_set(err, errlen,
		    _("birth date %s is before 1800: check the birth date"),
		    birth8);
		goto out;
	}
	snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", birth8,
	    birth8 + 4, birth8 + 6);
	if (today != NULL && date_cmp(birth, today) > 0) {
		errmsg_set(err, errlen,
		    _("birth date %s is in the future: check the birth date"),
		    birth8);
		goto out;
	}
	if (idnum_check_char(num) != num[17]) {
		errmsg_set(err, errlen,
		    _("check character should be %c, not %c: look for a mistyped digit"),
		    idnum_check_char(num), num[17]);
		goto out;
	}
	memcpy(out->number, num, sizeof out->number);
	memcpy(out->birth, birth, sizeof out->birth);
	out->gender = (num[16] - '0') % 2 == 1 ? 'M' : 'F';
	out->province = province;
	rc = 0;
out:
	free(s);
	free(folded);
	return rc;
}

void
idnum_mask(const char *id, char out[19])
{
	snprintf(out, 19, "%.6s********%.4s", id, strlen(id) == 18 ? id + 14 : "");
}
