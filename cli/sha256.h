/*
 * sha256.h -- SHA-256 (FIPS 180-4) for the report's MANIFEST.  Small and
 * self-contained: OpenSSL is not in paicha's stack.
 */
#ifndef PAICHA_CLI_SHA256_H
#define PAICHA_CLI_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *);
void sha256_update(struct sha256 *, const void *data, size_t n);
/* The digest as 64 lower-case hex digits and a NUL. */
void sha256_final_hex(struct sha256 *, char hex[65]);

#endif
