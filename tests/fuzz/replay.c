/* replay.c -- a fuzz target without libFuzzer: runs it on every file of
 * tests/fuzz/corpus/NAME (crafted inputs and the crashes once found) and
 * prints one TAP line per file.  A crash or a sanitizer report fails the
 * test; built by make check with the ordinary compiler, and by `make
 * fuzz` with clang and AddressSanitizer. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/fuzz/fuzz.h"

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(void)
{
	const char *src = getenv("PAICHA_SRCDIR");
	char dir[1024], path[2048], **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", src ? src : ".", FUZZ_NAME);
	if ((d = opendir(dir)) == NULL) {
		printf("not ok 1 - %s: %s\n1..1\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap && (names = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names)) == NULL)
			abort();
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, by_name);
	for (size_t i = 0; i < n; i++) {
		FILE *f;
		long len;
		uint8_t *buf;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
		    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
			printf("not ok %zu - %s: cannot read\n", i + 1, names[i]);
			if (f)
				fclose(f);
			continue;
		}
		buf = malloc((size_t)len + 1);
		if (buf == NULL || fread(buf, 1, (size_t)len, f) != (size_t)len)
			abort();
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)len);
		free(buf);
		printf("ok %zu - %s %s (%ld bytes)\n", i + 1, FUZZ_NAME, names[i], len);
		free(names[i]);
	}
	free(names);
	printf("1..%zu\n", n);
	return 0;
}
