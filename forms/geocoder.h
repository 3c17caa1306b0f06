/*
 * geocoder.h - the interface between phone.cc and paicha-geocoder.so.
 *
 * libphonenumber's offline geocoder (libgeocoding) holds its prefix tables
 * as about 450,000 pointers, each relocated when the library is loaded:
 * 14 MB resident in every process that links it, before it answers
 * anything.  The region of a stored phone is kept in the database, so
 * only a process that checks a new number needs the geocoder; phone.cc
 * loads it with dlopen() on the first such number, from this small module
 * (forms/geocoder.cc), the only thing linked with libgeocoding.  The
 * queue, a case, a call without a new number and the reports never load
 * it.
 *
 * Where phone.cc looks: $PAICHA_GEOCODER when it is set (the tests), else
 * paicha-geocoder.so beside the running program (the build tree), else
 * PKGLIBDIR (make install, the package).  A setgid paicha (the kernel's
 * secure mode) ignores $PAICHA_GEOCODER, takes PKGLIBDIR's module, or the
 * one beside it when PKGLIBDIR has none, and loads it only if root alone
 * owns and may change the file and its folder.
 */
#ifndef PAICHA_FORMS_GEOCODER_H
#define PAICHA_FORMS_GEOCODER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PAICHA_GEOCODER_FILE "paicha-geocoder.so"
#define PAICHA_GEOCODE_SYMBOL "paicha_geocode_v1"

/* Write the Chinese description of number (a const
 * i18n::phonenumbers::PhoneNumber *) into out (size bytes, NUL-ended):
 * "湖南省长沙市", or "" when the geocoder knows none.  known_valid: the
 * number was checked valid already (GetDescriptionForValidNumber).
 * Returns its length, or -1 if it does not fit or the geocoder failed. */
typedef int paicha_geocode_fn(const void *number, int known_valid,
    char *out, size_t size);

paicha_geocode_fn paicha_geocode_v1;

#ifdef __cplusplus
}
#endif

#endif
