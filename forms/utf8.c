/*
 * utf8.c - UTF-8 decoding, display widths, full-width folding, sanitising.
 *
 * Widths follow Unicode's East Asian Width property (W and F are two
 * columns) so that they do not depend on the process locale; zero-width
 * combining marks and format characters take no column.  The tables cover
 * the scripts paicha meets (CJK, kana, hangul, full-width forms, emoji);
 * they are not a complete copy of EastAsianWidth.txt.
 */
#ifdef HAVE_CONFIG_H
#include <config.h>
#endif

#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xmalloc.h"

struct utf8_range {
	uint32_t first;
	uint32_t last;
};

static const struct utf8_range utf8_zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x0610, 0x061A }, { 0x061C, 0x061C }, { 0x064B, 0x065F },
	{ 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF }, { 0x200B, 0x200F },
	{ 0x2028, 0x202E }, { 0x2060, 0x206F }, { 0x20D0, 0x20FF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0000, 0xE0FFF },
};

static const struct utf8_range utf8_wide[] = {
	{ 0x1100, 0x115F }, { 0x231A, 0x231B }, { 0x2329, 0x232A },
	{ 0x23E9, 0x23EC }, { 0x23F0, 0x23F0 }, { 0x23F3, 0x23F3 },
	{ 0x25FD, 0x25FE }, { 0x2614, 0x2615 }, { 0x2648, 0x2653 },
	{ 0x267F, 0x267F }, { 0x2693, 0x2693 }, { 0x26A1, 0x26A1 },
	{ 0x26AA, 0x26AB }, { 0x26BD, 0x26BE }, { 0x26C4, 0x26C5 },
	{ 0x26CE, 0x26CE }, { 0x26D4, 0x26D4 }, { 0x26EA, 0x26EA },
	{ 0x26F2, 0x26F3 }, { 0x26F5, 0x26F5 }, { 0x26FA, 0x26FA },
	{ 0x26FD, 0x26FD }, { 0x2705, 0x2705 }, { 0x270A, 0x270B },
	{ 0x2728, 0x2728 }, { 0x274C, 0x274C }, { 0x274E, 0x274E },
	{ 0x2753, 0x2755 }, { 0x2757, 0x2757 }, { 0x2795, 0x2797 },
	{ 0x27B0, 0x27B0 }, { 0x27BF, 0x27BF }, { 0x2B1B, 0x2B1C },
	{ 0x2B50, 0x2B50 }, { 0x2B55, 0x2B55 }, { 0x2E80, 0x303E },
	{ 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
	{ 0xA000, 0xA4CF }, { 0xA960, 0xA97F }, { 0xAC00, 0xD7A3 },
	{ 0xF900, 0xFAFF }, { 0xFE10, 0xFE19 }, { 0xFE30, 0xFE6F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x16FE0, 0x16FE4 },
	{ 0x17000, 0x18CFF }, { 0x1B000, 0x1B2FF }, { 0x1F004, 0x1F004 },
	{ 0x1F0CF, 0x1F0CF }, { 0x1F18E, 0x1F18E }, { 0x1F191, 0x1F19A },
	{ 0x1F200, 0x1F2FF }, { 0x1F300, 0x1F320 }, { 0x1F32D, 0x1F335 },
	{ 0x1F337, 0x1F37C }, { 0x1F37E, 0x1F393 }, { 0x1F3A0, 0x1F3CA },
	{ 0x1F3CF, 0x1F3D3 }, { 0x1F3E0, 0x1F3F0 }, { 0x1F3F4, 0x1F3F4 },
	{ 0x1F3F8, 0x1F43E }, { 0x1F440, 0x1F440 }, { 0x1F442, 0x1F4FC },
	{ 0x1F4FF, 0x1F53D }, { 0x1F54B, 0x1F54E }, { 0x1F550, 0x1F567 },
	{ 0x1F57A, 0x1F57A }, { 0x1F595, 0x1F596 }, { 0x1F5A4, 0x1F5A4 },
	{ 0x1F5FB, 0x1F64F }, { 0x1F680, 0x1F6C5 }, { 0x1F6CC, 0x1F6CC },
	{ 0x1F6D0, 0x1F6D2 }, { 0x1F6D5, 0x1F6D7 }, { 0x1F6EB, 0x1F6EC },
	{ 0x1F6F4, 0x1F6FC }, { 0x1F7E0, 0x1F7EB }, { 0x1F90C, 0x1F93A },
	{ 0x1F93C, 0x1F945 }, { 0x1F947, 0x1F9FF }, { 0x1FA70, 0x1FAFF },
	{ 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

/* East Asian Ambiguous (A) in Unicode's EastAsianWidth.txt (Debian's
 * unicode-data), combining marks and private use left out: one column, or
 * two where the terminal draws them wide (utf8_set_ambiguous_width). */
static const struct utf8_range utf8_ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 },
	{ 0x00AA, 0x00AA }, { 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 },
	{ 0x00B6, 0x00BA }, { 0x00BC, 0x00BF }, { 0x00C6, 0x00C6 },
	{ 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED },
	{ 0x00F0, 0x00F0 }, { 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA },
	{ 0x00FC, 0x00FC }, { 0x00FE, 0x00FE }, { 0x0101, 0x0101 },
	{ 0x0111, 0x0111 }, { 0x0113, 0x0113 }, { 0x011B, 0x011B },
	{ 0x0126, 0x0127 }, { 0x012B, 0x012B }, { 0x0131, 0x0133 },
	{ 0x0138, 0x0138 }, { 0x013F, 0x0142 }, { 0x0144, 0x0144 },
	{ 0x0148, 0x014B }, { 0x014D, 0x014D }, { 0x0152, 0x0153 },
	{ 0x0166, 0x0167 }, { 0x016B, 0x016B }, { 0x01CE, 0x01CE },
	{ 0x01D0, 0x01D0 }, { 0x01D2, 0x01D2 }, { 0x01D4, 0x01D4 },
	{ 0x01D6, 0x01D6 }, { 0x01D8, 0x01D8 }, { 0x01DA, 0x01DA },
	{ 0x01DC, 0x01DC }, { 0x0251, 0x0251 }, { 0x0261, 0x0261 },
	{ 0x02C4, 0x02C4 }, { 0x02C7, 0x02C7 }, { 0x02C9, 0x02CB },
	{ 0x02CD, 0x02CD }, { 0x02D0, 0x02D0 }, { 0x02D8, 0x02DB },
	{ 0x02DD, 0x02DD }, { 0x02DF, 0x02DF }, { 0x0391, 0x03A1 },
	{ 0x03A3, 0x03A9 }, { 0x03B1, 0x03C1 }, { 0x03C3, 0x03C9 },
	{ 0x0401, 0x0401 }, { 0x0410, 0x044F }, { 0x0451, 0x0451 },
	{ 0x2010, 0x2010 }, { 0x2013, 0x2016 }, { 0x2018, 0x2019 },
	{ 0x201C, 0x201D }, { 0x2020, 0x2022 }, { 0x2024, 0x2027 },
	{ 0x2030, 0x2030 }, { 0x2032, 0x2033 }, { 0x2035, 0x2035 },
	{ 0x203B, 0x203B }, { 0x203E, 0x203E }, { 0x2074, 0x2074 },
	{ 0x207F, 0x207F }, { 0x2081, 0x2084 }, { 0x20AC, 0x20AC },
	{ 0x2103, 0x2103 }, { 0x2105, 0x2105 }, { 0x2109, 0x2109 },
	{ 0x2113, 0x2113 }, { 0x2116, 0x2116 }, { 0x2121, 0x2122 },
	{ 0x2126, 0x2126 }, { 0x212B, 0x212B }, { 0x2153, 0x2154 },
	{ 0x215B, 0x215E }, { 0x2160, 0x216B }, { 0x2170, 0x2179 },
	{ 0x2189, 0x2189 }, { 0x2190, 0x2199 }, { 0x21B8, 0x21B9 },
	{ 0x21D2, 0x21D2 }, { 0x21D4, 0x21D4 }, { 0x21E7, 0x21E7 },
	{ 0x2200, 0x2200 }, { 0x2202, 0x2203 }, { 0x2207, 0x2208 },
	{ 0x220B, 0x220B }, { 0x220F, 0x220F }, { 0x2211, 0x2211 },
	{ 0x2215, 0x2215 }, { 0x221A, 0x221A }, { 0x221D, 0x2220 },
	{ 0x2223, 0x2223 }, { 0x2225, 0x2225 }, { 0x2227, 0x222C },
	{ 0x222E, 0x222E }, { 0x2234, 0x2237 }, { 0x223C, 0x223D },
	{ 0x2248, 0x2248 }, { 0x224C, 0x224C }, { 0x2252, 0x2252 },
	{ 0x2260, 0x2261 }, { 0x2264, 0x2267 }, { 0x226A, 0x226B },
	{ 0x226E, 0x226F }, { 0x2282, 0x2283 }, { 0x2286, 0x2287 },
	{ 0x2295, 0x2295 }, { 0x2299, 0x2299 }, { 0x22A5, 0x22A5 },
	{ 0x22BF, 0x22BF }, { 0x2312, 0x2312 }, { 0x2460, 0x24E9 },
	{ 0x24EB, 0x254B }, { 0x2550, 0x2573 }, { 0x2580, 0x258F },
	{ 0x2592, 0x2595 }, { 0x25A0, 0x25A1 }, { 0x25A3, 0x25A9 },
	{ 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 }, { 0x25BC, 0x25BD },
	{ 0x25C0, 0x25C1 }, { 0x25C6, 0x25C8 }, { 0x25CB, 0x25CB },
	{ 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 }, { 0x25EF, 0x25EF },
	{ 0x2605, 0x2606 }, { 0x2609, 0x2609 }, { 0x260E, 0x260F },
	{ 0x261C, 0x261C }, { 0x261E, 0x261E }, { 0x2640, 0x2640 },
	{ 0x2642, 0x2642 }, { 0x2660, 0x2661 }, { 0x2663, 0x2665 },
	{ 0x2667, 0x266A }, { 0x266C, 0x266D }, { 0x266F, 0x266F },
	{ 0x269E, 0x269F }, { 0x26BF, 0x26BF }, { 0x26C6, 0x26CD },
	{ 0x26CF, 0x26D3 }, { 0x26D5, 0x26E1 }, { 0x26E3, 0x26E3 },
	{ 0x26E8, 0x26E9 }, { 0x26EB, 0x26F1 }, { 0x26F4, 0x26F4 },
	{ 0x26F6, 0x26F9 }, { 0x26FB, 0x26FC }, { 0x26FE, 0x26FF },
	{ 0x273D, 0x273D }, { 0x2776, 0x277F }, { 0x2B56, 0x2B59 },
	{ 0x3248, 0x324F }, { 0xFFFD, 0xFFFD }, { 0x1F100, 0x1F10A },
	{ 0x1F110, 0x1F12D }, { 0x1F130, 0x1F169 }, { 0x1F170, 0x1F18D },
	{ 0x1F18F, 0x1F190 }, { 0x1F19B, 0x1F1AC }
};

static int utf8_ambiguous_cols = 1;

/* 1 if cp lies in one of the n sorted ranges. */
static int
utf8_in(const struct utf8_range *r, size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid].first)
			hi = mid;
		else if (cp > r[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t c, min;
	int len, i;

	if (p[0] == 0) {
		*cp = 0;
		return 0;
	}
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2; c = p[0] & 0x1F; min = 0x80;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3; c = p[0] & 0x0F; min = 0x800;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4; c = p[0] & 0x07; min = 0x10000;
	} else
		goto invalid;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto invalid;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto invalid;
	*cp = c;
	return len;
invalid:
	*cp = 0xFFFD;
	return -1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_valid(const char *s)
{
	uint32_t cp;
	int n;

	while ((n = utf8_decode(s, &cp)) > 0)
		s += n;
	return n == 0;
}

size_t
utf8_chars(const char *s)
{
	size_t count = 0;
	uint32_t cp;
	int n;

	while ((n = utf8_decode(s, &cp)) != 0) {
		s += n > 0 ? n : 1;
		count++;
	}
	return count;
}

int
utf8_cp_width(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
		return 0;
	if (utf8_in(utf8_zero_width,
	    sizeof utf8_zero_width / sizeof utf8_zero_width[0], cp))
		return 0;
	if (utf8_in(utf8_wide, sizeof utf8_wide / sizeof utf8_wide[0], cp))
		return 2;
	if (utf8_ambiguous_cols == 2 && cp >= 0xA1 && utf8_is_ambiguous(cp))
		return 2;
	return 1;
}

int
utf8_is_ambiguous(uint32_t cp)
{
	return utf8_in(utf8_ambiguous, sizeof utf8_ambiguous / sizeof utf8_ambiguous[0], cp);
}

void
utf8_set_ambiguous_width(int cols)
{
	utf8_ambiguous_cols = cols == 2 ? 2 : 1;
}

int
utf8_ambiguous_width(void)
{
	return utf8_ambiguous_cols;
}

const char *
utf8_ellipsis(void)
{
	return utf8_ambiguous_cols == 2 ? "~" : "\xE2\x80\xA6";
}

int
utf8_width(const char *s)
{
	int width = 0;
	uint32_t cp;
	int n;

	while ((n = utf8_decode(s, &cp)) != 0) {
		s += n > 0 ? n : 1;
		width += n > 0 ? utf8_cp_width(cp) : 1;
	}
	return width;
}

/* The ASCII character a full-width or dash code point stands for, or 0. */
static char
utf8_fold_cp(uint32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return (char)(cp - 0xFEE0);
	switch (cp) {
	case 0x3000:
		return ' ';
	case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
		return '-';
	default:
		return 0;
	}
}

char *
utf8_fold_fullwidth(const char *s)
{
	char *out, *o;
	uint32_t cp;
	int n;

	out = xmalloc(strlen(s) + 1);
	o = out;
	while ((n = utf8_decode(s, &cp)) != 0) {
		char ascii = n > 0 ? utf8_fold_cp(cp) : 0;
		if (ascii != 0) {
			*o++ = ascii;
			s += n;
		} else {
			size_t len = n > 0 ? (size_t)n : 1;
			memcpy(o, s, len);
			o += len;
			s += len;
		}
	}
	*o = '\0';
	return out;
}

/* 1 for the controls and bidi/format characters utf8_sanitize removes. */
static int
utf8_is_unsafe(uint32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return 1;
	if (cp == 0x061C || cp == 0xFEFF)
		return 1;
	if (cp >= 0x200B && cp <= 0x200F)
		return 1;
	if (cp >= 0x2028 && cp <= 0x202E)
		return 1;
	if (cp >= 0x2060 && cp <= 0x2069)
		return 1;
	return 0;
}

/* Length of s if it is only printable ASCII and three-byte sequences
 * for U+3000..U+9FFF (CJK punctuation, kana, ideographs: none of them
 * unsafe), which need no sanitizing; (size_t)-1 otherwise. */
static size_t
utf8_plain_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (;;) {
		if (*p >= 0x20 && *p < 0x7F) {
			p++;
		} else if (*p >= 0xE3 && *p <= 0xE9 && (p[1] & 0xC0) == 0x80 &&
		    (p[2] & 0xC0) == 0x80) {
			p += 3;
		} else {
			return *p == '\0' ? (size_t)(p - (const unsigned char *)s) : (size_t)-1;
		}
	}
}

char *
utf8_sanitize(const char *s)
{
	char *out, *o;
	uint32_t cp;
	int n;
	size_t plain = utf8_plain_len(s);

	if (plain != (size_t)-1) {	/* the common case, copied as it is */
		out = xmalloc(plain + 1);
		memcpy(out, s, plain + 1);
		return out;
	}

	/* an invalid byte (1) becomes U+FFFD (3): at most 3 times longer */
	out = xmalloc(3 * strlen(s) + 1);
	o = out;
	while ((n = utf8_decode(s, &cp)) != 0) {
		s += n > 0 ? n : 1;
		if (n > 0 && utf8_is_unsafe(cp))
			continue;
		o += utf8_encode(cp, o);
	}
	*o = '\0';
	return out;
}

size_t
utf8_truncate(const char *s, int maxcols, char *out, size_t outsz)
{
	const char *ellipsis = utf8_ellipsis();
	size_t elen = strlen(ellipsis) + 1;
	const char *p = s, *cut = s;
	int cols = 0, cutcols = 0, fits = 1;
	size_t keep;
	uint32_t cp;
	int n;

	if (outsz == 0)
		return 0;
	if (maxcols <= 0) {
		out[0] = '\0';
		return 0;
	}
	/* No character is wider than its bytes: a string with fewer bytes
	 * than either limit fits whole (the common case, made quick). */
	keep = strlen(s);
	if (keep < outsz && keep <= (size_t)maxcols) {
		memcpy(out, s, keep + 1);
		return keep;
	}
	/* cut = the longest prefix that still leaves room for the ellipsis */
	while ((n = utf8_decode(p, &cp)) != 0) {
		size_t len = n > 0 ? (size_t)n : 1;
		int w = n > 0 ? utf8_cp_width(cp) : 1;
		if (cols + w > maxcols || (size_t)(p - s) + len >= outsz) {
			fits = 0;
			break;
		}
		cols += w;
		p += len;
		if (cols + 1 <= maxcols &&
		    (size_t)(p - s) + elen <= outsz) {
			cut = p;
			cutcols = cols;
		}
	}
	if (fits) {
		keep = (size_t)(p - s);
		memcpy(out, s, keep);
		out[keep] = '\0';
		return keep;
	}
	keep = (size_t)(cut - s);
	memcpy(out, s, keep);
	if (cutcols + 1 <= maxcols && keep + elen <= outsz) {
		memcpy(out + keep, ellipsis, elen);
		return keep + elen - 1;
	}
	out[keep] = '\0';
	return keep;
}

/* 1 if the code point at s is white space utf8_trim removes; *len = bytes. */
static int
utf8_is_space_at(const char *s, int *len)
{
	uint32_t cp;
	int n = utf8_decode(s, &cp);

	*len = n;
	if (n <= 0)
		return 0;
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	    cp == '\v' || cp == '\f' || cp == 0x3000;
}

char *
utf8_trim(const char *s)
{
	const char *start = s, *end;
	char *out;
	int len;

	while (utf8_is_space_at(start, &len))
		start += len;
	/* From the end: an ASCII space is never inside a sequence, and 0xE3
	 * never continues one, so E3 80 80 at the end is U+3000 itself. */
	end = start + strlen(start);
	for (;;) {
		if (end > start && strchr(" \t\n\r\v\f", end[-1]) != NULL)
			end--;
		else if (end - start >= 3 && memcmp(end - 3, "\xE3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	out = xmalloc((size_t)(end - start) + 1);
	memcpy(out, start, (size_t)(end - start));
	out[end - start] = '\0';
	return out;
}

char *
utf8_fit(const char *s, int cols, char *out, size_t outsz)
{
	int n = cols < 0 ? -cols : cols, w, gap;
	size_t len;

	if (outsz == 0)
		return out;
	utf8_truncate(s, n, out, outsz);
	w = utf8_width(out);
	gap = w < n ? n - w : 0;
	len = strlen(out);
	if (len + (size_t)gap >= outsz)
		gap = (int)(outsz - 1 - len);
	if (cols < 0) {
		memset(out + len, ' ', (size_t)gap);
	} else {
		memmove(out + gap, out, len);
		memset(out, ' ', (size_t)gap);
	}
	out[len + (size_t)gap] = '\0';
	return out;
}
