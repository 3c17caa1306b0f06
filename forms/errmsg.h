/* errmsg.h -- the message a validation failure hands back to its caller. */
#ifndef PAICHA_FORMS_ERRMSG_H
#define PAICHA_FORMS_ERRMSG_H

#include <stddef.h>

/* printf into err when the caller gave a buffer (err may be NULL);
 * returns -1, the failure, so a validator can `return errmsg_set(...)`. */
int errmsg_set(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
