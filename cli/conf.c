/* conf.c -- reading /etc/paicha.conf; see conf.h. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/conf.h"
#include "forms/i18n.h"
#include "forms/xmalloc.h"

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

int
config_load(const char *path, struct config *cf, char *err, size_t errlen)
{
	FILE *f;
	char line[1024];
	int lineno = 0;

	memset(cf, 0, sizeof *cf);
	cf->path = xstrdup(path);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return 0;
		snprintf(err, errlen, _("cannot read %s: %s"), path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, f) != NULL) {
		char *k, *v, *eq;

		lineno++;
		k = trim(line);
		if (*k == '#' || *k == '\0')
			continue;
		if ((eq = strchr(k, '=')) == NULL) {
			snprintf(err, errlen, _("%s:%d: expected 'key = value', found '%s'"),
			    path, lineno, k);
			fclose(f);
			config_free(cf);
			return -1;
		}
		*eq = '\0';
		k = trim(k);
		v = trim(eq + 1);
		cf->entries = xrealloc(cf->entries, (cf->n + 1) * sizeof *cf->entries);
		cf->entries[cf->n].key = xstrdup(k);
		cf->entries[cf->n].value = xstrdup(v);
		cf->entries[cf->n].line = lineno;
		cf->n++;
	}
	fclose(f);
	return 0;
}

const char *
config_get(const struct config *cf, const char *key)
{
	const char *v = NULL;

	/* The last one wins, as in most config files. */
	for (size_t i = 0; i < cf->n; i++)
		if (strcmp(cf->entries[i].key, key) == 0)
			v = cf->entries[i].value;
	return v;
}

void
config_free(struct config *cf)
{
	for (size_t i = 0; i < cf->n; i++) {
		free(cf->entries[i].key);
		free(cf->entries[i].value);
	}
	free(cf->entries);
	free(cf->path);
	memset(cf, 0, sizeof *cf);
}

int
config_ambiguous_width(const struct config *cf, int *cols, char *err, size_t errlen)
{
	const char *env = getenv("PAICHA_AMBIGUOUS_WIDTH"), *v = config_get(cf, "ambiguous_width");
	const char *from = cf->path;

	*cols = 0;
	if (env != NULL && *env != '\0') {
		v = env;
		from = "PAICHA_AMBIGUOUS_WIDTH";
	}
	if (v == NULL)
		return 0;
	if (strcmp(v, "1") != 0 && strcmp(v, "2") != 0) {
		snprintf(err, errlen, _("%s: ambiguous_width must be 1 or 2 (2 when your terminal "
		    "draws characters such as … and ° two columns wide), not '%s'"), from, v);
		return -1;
	}
	*cols = v[0] - '0';
	return 0;
}
