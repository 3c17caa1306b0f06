/*
 * phone.h - phone numbers as typed by investigators, checked by
 * libphonenumber (default region CN) and shown as the provincial report
 * wants them (provincial-format.md §4).
 *
 * phone_parse() is thread-safe: libphonenumber's PhoneNumberUtil and the
 * offline geocoder are immutable after their first use (the geocoder
 * guards its lazy tables with a mutex), and the first use itself is a
 * C++11 function-local static, initialised once.  That first use also
 * installs a null logger so that libphonenumber never writes on the
 * terminal.  The geocoder is a module loaded on the first valid number
 * (geocoder.h); when it cannot be loaded every valid number is refused
 * with why, and the prefix cache keeps no verdict.
 */
#ifndef PAICHA_FORMS_PHONE_H
#define PAICHA_FORMS_PHONE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum phone_kind {
	PHONE_KIND_MOBILE,
	PHONE_KIND_FIXED,
	PHONE_KIND_OTHER        /* toll-free, shared-cost, VoIP, "fixed or
	                           mobile" (e.g. US), ... */
};

struct phone {
	int valid;              /* 1 valid, 0 not */
	char reason[320];       /* when !valid: for a person (translated) */
	enum phone_kind kind;
	int foreign;            /* not a +86 number */
	char e164[24];          /* "+8613574895655" for storage */
	char extension[16];     /* digits after 转 / 分机 / ext / x, or "" */
	char display[32];       /* "13574895655", "0731-84900135",
	                           foreign "+85291234567"; no extension */
	char region[96];        /* geocoder, Chinese: "湖南省长沙市", or "" */
};

/* Check and normalise a typed number.  A 7- or 8-digit local fixed-line
 * number gets area_code ("0731" or "731"); NULL or "" refuses it.  Letters
 * other than an extension marker are refused, never read as vanity digits.
 * Returns 0 if valid, -1 if not (out->reason says why). */
int phone_parse(const char *typed, const char *area_code, struct phone *out);

/* phone_parse() without the prefix cache for 11-digit mobile numbers
 * (see phone.cc): always asks libphonenumber.  For tests. */
int phone_parse_uncached(const char *typed, const char *area_code,
    struct phone *out);

/* 0 when numbers can be checked; -1 when the geocoder module
 * (geocoder.h) cannot be loaded, with why (translated) in err.  For a
 * command about to check many numbers (import, demo), which then stops
 * before it starts rather than refusing every number. */
int phone_ready(char *err, size_t errlen);

/* "mobile", "fixed" or "other" (untranslated, for storage and logs). */
const char *phone_kind_name(enum phone_kind kind);

#ifdef __cplusplus
}
#endif

#endif
