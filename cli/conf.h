/*
 * conf.h -- /etc/paicha.conf (or $PAICHA_CONF): `key = value` lines,
 * '#' comments.  Keys: db, ambiguous_width, and every key of db/settings.h.
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
/* ambiguous_width = 1|2 (how wide the terminal draws East Asian Ambiguous
 * characters), $PAICHA_AMBIGUOUS_WIDTH overriding it; 0 when unset.  -1
 * and a message in err for any other value. */
int config_ambiguous_width(const struct config *, int *cols, char *err, size_t errlen);

#endif
