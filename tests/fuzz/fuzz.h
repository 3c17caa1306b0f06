/* fuzz.h -- the libFuzzer entry point every target defines, and a helper
 * that puts the input in a private file for the readers that take paths. */
#ifndef PAICHA_TESTS_FUZZ_H
#define PAICHA_TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (caller frees). */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Write the input to a file of this process ending in suffix; its path in
 * path.  0 or -1. */
static inline int
fuzz_file(const uint8_t *data, size_t size, const char *suffix, char *path, size_t pathsz)
{
	FILE *f;

	snprintf(path, pathsz, "%s/paicha-fuzz-%ld%s", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	    (long)getpid(), suffix);
	if ((f = fopen(path, "wb")) == NULL)
		return -1;
	if (size && fwrite(data, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

#endif
