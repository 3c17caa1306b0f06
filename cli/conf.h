/*
 * conf.h -- /etc/paicha.conf (or $PAICHA_CONF): `key = value` lines,
 * '#' comments.  Keys: db, and every key of db/settings.h.
 */
#ifndef PAICHA_CLI_CONF_H
#define PAICHA_CLI_CONF_H

#include <stddef.h>

#define CONFIG_DEFAULT_PATH "/etc/paicha.conf"

struct config_entry {
	char *key;
	char *value;
	int line;
};

struct config {
	char *path;
	struct config_entry *entries;
	size_t n;
};

/* Read the file; a missing file is an empty config, not an error. */
int config_load(const char *path, struct config *out, char *err, size_t errlen);
const char *config_get(const struct config *, const char *key);
void config_free(struct config *);

#endif
