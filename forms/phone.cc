/*
 * phone.cc - the C interface to libphonenumber (the only C++ in forms/).
 *
 * We clean the input ourselves before libphonenumber sees it: full-width
 * digits and dashes are folded, an extension after 转/分机/ext/x is cut
 * off, and any other letter refuses the number (libphonenumber would read
 * vanity letters as digits).  Only digits, spaces, dashes, parentheses and
 * a leading '+' reach Parse().  A 7- or 8-digit number not starting with
 * 0 or 1 is a local fixed line and gets the configured area code.
 * Reasons for refusal are worked out from what libphonenumber says, worded
 * for an investigator ("too short: a mobile number has 11 digits...").
 *
 * The prefix cache: what libphonenumber says about an 11-digit number
 * starting with 1 (valid mobile and its geocoder region, or invalid and
 * why) depends on its first 7 digits only: the CN mobile patterns and the
 * geocoder's prefixes go no deeper.  That was checked for every prefix
 * 1000000..1999999 against the installed metadata (tests/slow/
 * phone_prefixes.c; test_forms_phone samples it).  So the first number
 * with a prefix is parsed by libphonenumber and the verdict is kept in a
 * fixed lock-free table of 10^6 slots (4 MB, touched only where used);
 * the verdict's text (region or reason) is interned once.  A miss asks
 * libphonenumber for the type and region of the number built directly
 * (cache_fill_mobile()), and Parse() only when that is not a mobile.  Anything else
 * (fixed lines, +, other lengths, 10x/11x/12x/179x, a prefix whose
 * answer is not a plain "mobile") always goes to libphonenumber.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <atomic>
#include <climits>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>

#include <dlfcn.h>
#include <limits.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>
#include <unicode/locid.h>

#include "geocoder.h"
#include "phone.h"
#include "utf8.h"
#include "i18n.h"
#include "xmalloc.h"

using i18n::phonenumbers::NullLogger;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

/* The library objects, created once by the first caller of phone_lib(). */
struct phone_library {
	const PhoneNumberUtil *util;

	phone_library() : util(silenced_util()) {}

	/* The PhoneNumberUtil singleton, logging into a NullLogger it owns. */
	static const PhoneNumberUtil *silenced_util()
	{
		PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
		u->SetLogger(new NullLogger());
		return u;
	}
};

/* The shared library objects; C++11 makes this initialisation thread-safe. */
phone_library &phone_lib()
{
	static phone_library lib;
	return lib;
}

/* The geocoder module (geocoder.h), loaded by the first caller of
 * phone_geocoder(): its function, or NULL and why not. */
struct geocoder_module {
	paicha_geocode_fn *fn = nullptr;
	std::string error;

	geocoder_module()
	{
		bool secure = getauxval(AT_SECURE) != 0;
		const char *env = secure ? NULL : getenv("PAICHA_GEOCODER");
		std::string installed = std::string(PKGLIBDIR "/") + PAICHA_GEOCODER_FILE;
		std::string beside = beside_program();

		if (env != NULL && *env != '\0')
			try_load(env, false);
		else if (!secure)	/* an uninstalled paicha uses its own */
			try_load(exists(beside) ? beside : installed, false);
		else			/* setgid: a module only root can change */
			try_load(exists(installed) || !exists(beside) ? installed : beside, true);
	}

	/* paicha-geocoder.so in the folder of the running program, or "". */
	static std::string beside_program()
	{
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

		if (n <= 0)
			return "";
		exe[n] = '\0';
		std::string dir(exe);
		return dir.erase(dir.rfind('/') + 1) + PAICHA_GEOCODER_FILE;
	}

	static bool exists(const std::string &file)
	{
		return !file.empty() && access(file.c_str(), F_OK) == 0;
	}

	/* Do root alone own and may change file and its folder?  What a
	 * setgid program loads runs with its group. */
	static bool root_only(const std::string &file)
	{
		struct stat f, d;
		std::string dir = file.substr(0, file.rfind('/') + 1);

		return stat(file.c_str(), &f) == 0 && stat(dir.c_str(), &d) == 0 &&
		    S_ISREG(f.st_mode) && f.st_uid == 0 && (f.st_mode & 022) == 0 &&
		    d.st_uid == 0 && (d.st_mode & 022) == 0;
	}

	bool try_load(const std::string &file, bool trusted_only)
	{
		if (trusted_only && exists(file) && !root_only(file)) {
			char buf[PATH_MAX + 200];
			snprintf(buf, sizeof buf,
			    _("%s is not root's alone (owned by another account, or writable by others): a setgid paicha does not load it"),
			    file.c_str());
			error = buf;
			return false;
		}
		void *h = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
		if (h == NULL) {
			const char *e = dlerror();
			error = e != NULL ? e : file;
			return false;
		}
		fn = reinterpret_cast<paicha_geocode_fn *>(dlsym(h, PAICHA_GEOCODE_SYMBOL));
		if (fn == nullptr) {
			error = file + ": no " PAICHA_GEOCODE_SYMBOL;
			return false;
		}
		return true;
	}
};

const geocoder_module &phone_geocoder()
{
	static geocoder_module m;
	return m;
}

/* Copy src into dst (size bytes) without cutting a UTF-8 character. */
void phone_copy(char *dst, size_t size, const char *src)
{
	utf8_truncate(src, INT_MAX, dst, size);
}

/* Set out->reason (printf-like) and return -1. */
int phone_refuse(struct phone *out, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	out->valid = 0;
	phone_copy(out->reason, sizeof out->reason, buf);
	return -1;
}

/* Case-insensitive: does s start with the ASCII word w? */
bool phone_starts_with(const char *s, const char *w)
{
	for (; *w != '\0'; s++, w++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *w)
			return false;
	}
	return true;
}

bool phone_is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Trim ASCII spaces from both ends of s. */
std::string phone_trim(const std::string &s)
{
	size_t b = s.find_first_not_of(' ');
	if (b == std::string::npos)
		return "";
	return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

/*
 * Split "number [marker extension]" where marker is 转, 分机, ext., ext or
 * x.  Returns 0 and fills number/extension, or -1 with out->reason set
 * (a letter that is no marker, or an extension that is not digits).
 */
int phone_split_extension(const std::string &s, std::string &number,
    std::string &extension, struct phone *out)
{
	static const char *const cjk_markers[] = { "转", "分机", NULL };
	size_t at = std::string::npos, mlen = 0;

	for (const char *const *m = cjk_markers; *m != NULL; m++) {
		size_t pos = s.find(*m);
		if (pos != std::string::npos && pos < at) {
			at = pos;
			mlen = strlen(*m);
		}
	}
	for (size_t i = 0; i < s.size() && i < at; i++) {
		if (!phone_is_letter(s[i]))
			continue;
		if (phone_starts_with(s.c_str() + i, "ext."))
			mlen = 4;
		else if (phone_starts_with(s.c_str() + i, "ext"))
			mlen = 3;
		else if (s[i] == 'x' || s[i] == 'X')
			mlen = 1;
		else
			return phone_refuse(out, "%s",
			    _("letters are not allowed in a phone number: type digits only"));
		at = i;
		break;
	}
	if (at == std::string::npos) {
		number = s;
		extension.clear();
		return 0;
	}
	number = phone_trim(s.substr(0, at));
	extension = phone_trim(s.substr(at + mlen));
	if (extension.empty())
		return phone_refuse(out, "%s",
		    _("no extension after 转 or ext: type its digits, as 0731-84900135转123"));
	for (char c : extension)
		if (c < '0' || c > '9')
			return phone_refuse(out, "%s", phone_is_letter(c) ?
			    _("letters are not allowed in a phone number: type digits only") :
			    _("an extension is digits only, as 0731-84900135转123"));
	if (extension.size() >= sizeof out->extension)
		return phone_refuse(out, "%s",
		    _("the extension is too long: at most 15 digits"));
	return 0;
}

/*
 * Keep the digits of a number part that holds only digits, spaces, dashes,
 * parentheses and a leading '+'.  Returns 0, or -1 with out->reason set.
 */
int phone_digits(const std::string &s, std::string &digits, bool &plus,
    struct phone *out)
{
	digits.clear();
	plus = false;
	for (size_t i = 0; i < s.size(); i++) {
		char c = s[i];
		if (c >= '0' && c <= '9')
			digits += c;
		else if (c == '+' && digits.empty() && !plus)
			plus = true;
		else if (c == ' ' || c == '-' || c == '(' || c == ')')
			continue;
		else if (c == '/' || c == ',' || c == ';' ||
		    s.compare(i, 3, "、") == 0)
			return phone_refuse(out, "%s",
			    _("one number at a time: this looks like several numbers"));
		else if (phone_is_letter(c))
			return phone_refuse(out, "%s",
			    _("letters are not allowed in a phone number: type digits only"));
		else
			return phone_refuse(out, "%s",
			    _("unexpected character in a phone number: type digits only, as 13574895655 or 0731-84900135"));
	}
	if (digits.empty())
		return phone_refuse(out, "%s",
		    _("no digits: type 11 digits for a mobile, or 0731-84900135"));
	return 0;
}

/* The area code as "0731" from "0731" or "731", or "" if it is not one. */
std::string phone_area_code(const char *area_code)
{
	std::string a;

	if (area_code == NULL)
		return "";
	for (const char *p = area_code; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return "";
		a += *p;
	}
	if (!a.empty() && a[0] != '0')
		a = "0" + a;
	if (a.size() < 3 || a.size() > 4 || a[1] == '0')
		return "";
	return a;
}

/* Set out->reason for a number libphonenumber parsed but finds invalid. */
int phone_explain_invalid(const PhoneNumberUtil *util, const PhoneNumber &n,
    struct phone *out)
{
	PhoneNumberUtil::ValidationResult possible =
	    util->IsPossibleNumberWithReason(n);
	std::string nsn;

	if (n.country_code() != 86) {
		if (possible == PhoneNumberUtil::TOO_SHORT)
			return phone_refuse(out, "%s",
			    _("too short: not a Chinese number, and too short for its country"));
		if (possible == PhoneNumberUtil::TOO_LONG)
			return phone_refuse(out, "%s",
			    _("too long: not a Chinese number, and too long for its country"));
		return phone_refuse(out, "%s",
		    _("not a Chinese number, and not a valid number in any other country: check the digits"));
	}
	util->GetNationalSignificantNumber(n, &nsn);
	/* mobiles start with 1; so does Beijing's area code 10, no mobile */
	if (!nsn.empty() && nsn[0] == '1' && (nsn.size() == 1 || nsn[1] != '0')) {
		if (nsn.size() < 11)
			return phone_refuse(out, "%s",
			    _("too short: a mobile number has 11 digits starting with 1"));
		if (nsn.size() > 11)
			return phone_refuse(out, "%s",
			    _("too long: a mobile number has 11 digits starting with 1"));
		return phone_refuse(out, "%s",
		    _("not a valid mobile number: no Chinese mobile number starts like this; check the first digits"));
	}
	if (possible == PhoneNumberUtil::TOO_SHORT ||
	    possible == PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY)
		return phone_refuse(out, "%s",
		    _("too short: a fixed-line number is an area code and 7 or 8 digits, as 0731-84900135"));
	if (possible == PhoneNumberUtil::TOO_LONG)
		return phone_refuse(out, "%s",
		    _("too long: a fixed-line number is an area code and 7 or 8 digits, as 0731-84900135"));
	return phone_refuse(out, "%s",
	    _("not a valid number: check the area code and the number of digits, as 0731-84900135 or 13574895655"));
}

/* Returned within phone.cc when the region could not be looked up: -1
 * for the caller, but no verdict for the prefix cache. */
enum { PHONE_NO_GEOCODER = -2 };

/* Set out->region for n; 0, or PHONE_NO_GEOCODER with out->reason. */
int phone_region(const PhoneNumber &n, bool known_valid, struct phone *out)
{
	const geocoder_module &geo = phone_geocoder();
	char region[512];

	if (geo.fn == nullptr) {
		phone_refuse(out,
		    _("it cannot be checked now: %s (ask the administrator to reinstall paicha)"),
		    geo.error.c_str());
		return PHONE_NO_GEOCODER;
	}
	if (geo.fn(&n, known_valid, region, sizeof region) < 0) {
		phone_refuse(out, "%s",
		    _("it cannot be checked now: the geocoder failed (try again, or ask the administrator)"));
		return PHONE_NO_GEOCODER;
	}
	phone_copy(out->region, sizeof out->region, region);
	return 0;
}

/* Fill e164, kind, display and region of a valid number; 0 or
 * PHONE_NO_GEOCODER. */
int phone_describe(phone_library &lib, const PhoneNumber &n,
    struct phone *out)
{
	std::string e164, nsn, display;

	lib.util->Format(n, PhoneNumberUtil::E164, &e164);
	lib.util->GetNationalSignificantNumber(n, &nsn);
	switch (lib.util->GetNumberType(n)) {
	case PhoneNumberUtil::MOBILE:
		out->kind = PHONE_KIND_MOBILE;
		break;
	case PhoneNumberUtil::FIXED_LINE:
		out->kind = PHONE_KIND_FIXED;
		break;
	default:
		out->kind = PHONE_KIND_OTHER;
		break;
	}
	out->foreign = n.country_code() != 86;
	if (out->foreign) {
		display = e164;
	} else if (out->kind == PHONE_KIND_MOBILE) {
		display = nsn;
	} else if (out->kind == PHONE_KIND_FIXED) {
		int ac = lib.util->GetLengthOfGeographicalAreaCode(n);
		if (ac > 0 && (size_t)ac < nsn.size())
			display = "0" + nsn.substr(0, (size_t)ac) + "-" +
			    nsn.substr((size_t)ac);
		else
			display = "0" + nsn;
	} else {
		/* 400/800 and the like: the national form without spaces */
		std::string national;
		lib.util->Format(n, PhoneNumberUtil::NATIONAL, &national);
		for (char c : national)
			if (c >= '0' && c <= '9')
				display += c;
	}
	if (phone_region(n, false, out) != 0)
		return PHONE_NO_GEOCODER;
	phone_copy(out->e164, sizeof out->e164, e164.c_str());
	phone_copy(out->display, sizeof out->display, display.c_str());
	return 0;
}

/* ---------------------------------------------------------- prefix cache */

enum {
	CACHE_PREFIX_DIGITS = 7,
	CACHE_SLOTS = 1000000,		/* prefixes 1000000..1999999 */
	CACHE_TEXTS = 4096,		/* distinct regions and reasons */
	CACHE_UNKNOWN = 0,		/* slot: low 2 bits; text index + 1 above */
	CACHE_MOBILE = 1,		/* text = region */
	CACHE_INVALID = 2,		/* text = reason */
	CACHE_UNCACHED = 3		/* always ask libphonenumber */
};

std::atomic<uint32_t> cache_slot[CACHE_SLOTS];
std::atomic<const char *> cache_text[CACHE_TEXTS];
std::mutex cache_mu;			/* for interning texts only */

/* The slot of an 11-digit national number starting with 1, or -1 if
 * its verdict is not a matter of its first 7 digits. */
long cache_index(const std::string &digits)
{
	long v = 0;

	if (digits.size() != 11 || digits[0] != '1')
		return -1;
	/* CN's national prefix for parsing, (1(?:[12]\d|79)\d\d)|0, reads
	 * 11xxx, 12xxx and 179xx as a carrier code if what follows could be a
	 * number: the verdict then depends on all the digits.  10 is Beijing. */
	if (digits[1] < '3' || digits.compare(0, 3, "179") == 0)
		return -1;
	for (int i = 1; i < CACHE_PREFIX_DIGITS; i++)
		v = v * 10 + (digits[(size_t)i] - '0');
	return v;
}

/* Index of text in cache_text (added if new), or -1 when it is full. */
long cache_intern(const char *text)
{
	static std::unordered_map<std::string, long> index;
	std::lock_guard<std::mutex> lock(cache_mu);
	auto it = index.find(text);

	if (it != index.end())
		return it->second;
	if (index.size() >= CACHE_TEXTS)
		return -1;
	long i = (long)index.size();
	char *copy = xstrdup(text);
	cache_text[i].store(copy, std::memory_order_release);
	index.emplace(text, i);
	return i;
}

/* Remember the verdict of phone_parse_unsafe() for the prefix of digits. */
void cache_store(long slot, const std::string &digits, int rc,
    const struct phone *out)
{
	uint32_t kind;
	long text;

	if (rc != 0)
		kind = CACHE_INVALID;
	else if (out->kind == PHONE_KIND_MOBILE && !out->foreign &&
	    ("+86" + digits) == out->e164 && digits == out->display)
		kind = CACHE_MOBILE;
	else
		kind = CACHE_UNCACHED;
	if (kind == CACHE_UNCACHED) {
		cache_slot[slot].store(kind, std::memory_order_release);
		return;
	}
	if ((text = cache_intern(kind == CACHE_MOBILE ? out->region : out->reason)) < 0)
		return;
	cache_slot[slot].store((uint32_t)(text + 1) << 2 | kind,
	    std::memory_order_release);
}

/* Fill out from the cache; 0 or -1 as phone_parse(), or 1 on a miss. */
int cache_lookup(long slot, const std::string &digits,
    const std::string &extension, struct phone *out)
{
	uint32_t v = cache_slot[slot].load(std::memory_order_acquire);
	const char *text;

	if ((v & 3) == CACHE_UNKNOWN || (v & 3) == CACHE_UNCACHED)
		return 1;
	text = cache_text[(v >> 2) - 1].load(std::memory_order_acquire);
	if ((v & 3) == CACHE_INVALID)
		return phone_refuse(out, "%s", text);
	out->valid = 1;
	out->kind = PHONE_KIND_MOBILE;
	out->foreign = 0;
	phone_copy(out->e164, sizeof out->e164, ("+86" + digits).c_str());
	phone_copy(out->display, sizeof out->display, digits.c_str());
	phone_copy(out->region, sizeof out->region, text);
	phone_copy(out->extension, sizeof out->extension, extension.c_str());
	return 0;
}

/*
 * A cache miss for a cacheable number (cache_index() >= 0): 11 digits
 * starting with 1[3-9], no '+', no carrier-code reading.  Parse() would
 * make of them country code 86 and exactly these digits as the national
 * number, so the PhoneNumber is built directly and only its type and
 * region are asked for, without Parse()'s many regular expressions.  A
 * valid mobile fills out (0); anything else (1) goes through
 * phone_check(), which words the reason.  test_forms_phone compares the
 * two paths.
 */
int cache_fill_mobile(const std::string &digits, const std::string &extension,
    struct phone *out)
{
	phone_library &lib = phone_lib();
	PhoneNumber n;

	n.set_country_code(86);
	n.set_national_number(std::stoull(digits));
	if (lib.util->GetNumberType(n) != PhoneNumberUtil::MOBILE)
		return 1;
	if (phone_region(n, true, out) != 0)
		return PHONE_NO_GEOCODER;
	out->valid = 1;
	out->kind = PHONE_KIND_MOBILE;
	out->foreign = 0;
	phone_copy(out->e164, sizeof out->e164, ("+86" + digits).c_str());
	phone_copy(out->display, sizeof out->display, digits.c_str());
	phone_copy(out->extension, sizeof out->extension, extension.c_str());
	return 0;
}

/* What libphonenumber says of the cleaned digits (area code prepended). */
int phone_check(const std::string &digits, bool plus, const std::string &area,
    const std::string &extension, struct phone *out)
{
	PhoneNumber n;
	phone_library &lib = phone_lib();

	switch (lib.util->Parse((plus ? "+" : "") + digits, "CN", &n)) {
	case PhoneNumberUtil::NO_PARSING_ERROR:
		break;
	case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
		return phone_refuse(out, "%s",
		    _("not a Chinese number, and the country code after + does not exist: check the digits"));
	case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
	case PhoneNumberUtil::TOO_SHORT_NSN:
		return phone_refuse(out, "%s",
		    _("too short: a mobile number has 11 digits starting with 1"));
	case PhoneNumberUtil::TOO_LONG_NSN:
		return phone_refuse(out, "%s",
		    _("too long: a mobile number has 11 digits starting with 1"));
	default:
		return phone_refuse(out, "%s",
		    _("not a phone number: type 11 digits for a mobile, or 0731-84900135"));
	}
	if (!lib.util->IsValidNumber(n) && !area.empty())
		return phone_refuse(out,
		    _("not a valid local number for area code %s: check the digits, or type the area code too, as 0755-12345678"),
		    area.c_str());
	if (!lib.util->IsValidNumber(n))
		return phone_explain_invalid(lib.util, n, out);
	if (phone_describe(lib, n, out) != 0)
		return PHONE_NO_GEOCODER;
	phone_copy(out->extension, sizeof out->extension, extension.c_str());
	out->valid = 1;
	return 0;
}

/* phone_parse() without the exception barrier; use_cache: see above. */
int phone_parse_unsafe(const char *typed, const char *area_code,
    struct phone *out, bool use_cache)
{
	std::string cleaned, number, extension, digits;
	bool plus;
	char *folded, *trimmed;

	/* The common case, 11 ASCII digits and nothing else, answered by the
	 * cache as the steps below would (they change nothing in it). */
	if (use_cache && typed != NULL && strlen(typed) == 11 &&
	    strspn(typed, "0123456789") == 11) {
		long slot = cache_index(digits.assign(typed));
		int rc;
		if (slot >= 0 && (rc = cache_lookup(slot, digits, extension, out)) <= 0)
			return rc;
	}
	folded = utf8_fold_fullwidth(typed != NULL ? typed : "");
	trimmed = utf8_trim(folded);
	free(folded);
	cleaned = trimmed;
	free(trimmed);

	if (cleaned.empty())
		return phone_refuse(out, "%s",
		    _("no number: type 11 digits for a mobile, or 0731-84900135"));
	if (!utf8_valid(cleaned.c_str()))
		return phone_refuse(out, "%s",
		    _("unexpected character in a phone number: type digits only, as 13574895655 or 0731-84900135"));
	if (phone_split_extension(cleaned, number, extension, out) < 0 ||
	    phone_digits(number, digits, plus, out) < 0)
		return -1;

	std::string area;
	if (!plus && (digits.size() == 7 || digits.size() == 8) &&
	    digits[0] >= '2' && digits[0] <= '9') {
		area = phone_area_code(area_code);
		if (area.empty())
			return phone_refuse(out, "%s",
			    _("no area code: type it as 0731-84900135"));
		digits = area + digits;
	}
	if (digits.size() > 17)
		return phone_refuse(out, "%s",
		    _("too long: a mobile number has 11 digits starting with 1"));

	long slot = use_cache && !plus ? cache_index(digits) : -1;
	int rc;
	if (slot >= 0 && (rc = cache_lookup(slot, digits, extension, out)) <= 0)
		return rc;
	if (slot < 0 || (rc = cache_fill_mobile(digits, extension, out)) > 0)
		rc = phone_check(digits, plus, area, extension, out);
	if (rc == PHONE_NO_GEOCODER)
		return -1;
	if (slot >= 0)
		cache_store(slot, digits, rc, out);
	return rc;
}

/* phone_parse() and phone_parse_uncached(). */
int phone_parse_with(const char *typed, const char *area_code,
    struct phone *out, bool use_cache)
{
	memset(out, 0, sizeof *out);
	out->kind = PHONE_KIND_OTHER;
	try {
		int rc = phone_parse_unsafe(typed, area_code, out, use_cache);
		if (rc < 0) {
			char reason[sizeof out->reason];
			memcpy(reason, out->reason, sizeof reason);
			memset(out, 0, sizeof *out);
			out->kind = PHONE_KIND_OTHER;
			memcpy(out->reason, reason, sizeof reason);
		}
		return rc;
	} catch (...) {
		memset(out, 0, sizeof *out);
		out->kind = PHONE_KIND_OTHER;
		phone_copy(out->reason, sizeof out->reason,
		    _("the phone number could not be checked (out of memory?)"));
		return -1;
	}
}

} /* namespace */

extern "C" int
phone_parse(const char *typed, const char *area_code, struct phone *out)
{
	return phone_parse_with(typed, area_code, out, true);
}

extern "C" int
phone_parse_uncached(const char *typed, const char *area_code,
    struct phone *out)
{
	return phone_parse_with(typed, area_code, out, false);
}

extern "C" int
phone_ready(char *err, size_t errlen)
{
	try {
		const geocoder_module &geo = phone_geocoder();
		if (geo.fn != nullptr)
			return 0;
		snprintf(err, errlen,
		    _("phone numbers cannot be checked: %s (ask the administrator to reinstall paicha)"),
		    geo.error.c_str());
	} catch (...) {
		snprintf(err, errlen, "%s",
		    _("the phone number could not be checked (out of memory?)"));
	}
	return -1;
}

extern "C" const char *
phone_kind_name(enum phone_kind kind)
{
	switch (kind) {
	case PHONE_KIND_MOBILE:
		return "mobile";
	case PHONE_KIND_FIXED:
		return "fixed";
	default:
		return "other";
	}
}
