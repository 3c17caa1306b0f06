/* columns.c -- aligned text columns; see columns.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "io/columns.h"
#include "forms/utf8.h"
#include "forms/xmalloc.h"

void
columns_print(const char *s, int cols)
{
	char *clean = utf8_sanitize(s), cut[256];

	if (clean == NULL)
		fatal("out of memory");
	printf("%s  ", utf8_fit(clean, -cols, cut, sizeof cut));
	free(clean);
}
