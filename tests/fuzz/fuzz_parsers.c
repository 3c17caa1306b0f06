/* fuzz_parsers.c -- what people type: phone numbers (libphonenumber
 * through forms/phone), ID numbers, dates, date-times, times and
 * temperatures (forms/idnum, forms/dates). */
#include "config.h"

#include "forms/dates.h"
#include "forms/idnum.h"
#include "forms/phone.h"
#include "tests/fuzz/fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), err[512], d[11], dt[17], t[6], id[19];
	struct phone p;
	struct idnum in;
	double temp;

	(void)phone_parse(s, "0731", &p);
	(void)phone_parse(s, NULL, &p);
	if (idnum_parse(s, "2020-02-01", &in, err, sizeof err) == 0)
		idnum_mask(in.number, id);
	if (date_parse(s, "2020-02-01", d, err, sizeof err) == 0)
		(void)date_age(d, "2020-02-01");
	(void)datetime_parse(s, "2020-02-01", "09:00", dt, err, sizeof err);
	(void)time_parse(s, t, err, sizeof err);
	(void)temperature_parse(s, &temp, err, sizeof err);
	free(s);
	return 0;
}
