/*
 * geocoder.cc - paicha-geocoder.so, libphonenumber's offline geocoder
 * behind one C function, loaded by phone.cc when a number needs its region
 * (see geocoder.h for why it is a module of its own).
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <cstring>
#include <string>

#include <phonenumbers/geocoding/phonenumber_offline_geocoder.h>
#include <phonenumbers/phonenumber.pb.h>
#include <unicode/locid.h>

#include "geocoder.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberOfflineGeocoder;

extern "C" __attribute__((visibility("default"))) int
paicha_geocode_v1(const void *number, int known_valid, char *out, size_t size)
{
	try {
		/* C++11: initialised once, thread-safe; the geocoder guards
		 * its lazily loaded tables with a mutex of its own */
		static const PhoneNumberOfflineGeocoder geocoder;
		static const icu::Locale chinese("zh", "CN");
		const PhoneNumber &n = *static_cast<const PhoneNumber *>(number);
		std::string region = known_valid ?
		    geocoder.GetDescriptionForValidNumber(n, chinese) :
		    geocoder.GetDescriptionForNumber(n, chinese);

		if (size == 0 || region.size() >= size)
			return -1;
		memcpy(out, region.c_str(), region.size() + 1);
		return (int)region.size();
	} catch (...) {
		return -1;
	}
}
