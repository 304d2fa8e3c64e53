/* sha256.h - SHA-256 (FIPS 180-4), written from the standard: the
 * digests that must not collide by design (the BPF cache's key, the
 * policy's applied keys), and HMAC-SHA-256 on it (the cache's entries). */
#ifndef JAILRUN_SHA256_H
#define JAILRUN_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define JR_SHA256_LEN 32

struct jr_sha256 {
	uint32_t h[8];
	uint64_t bytes;         /* message length so far */
	unsigned char buf[64];  /* the partial block */
	size_t nbuf;
};

void jr_sha256_init(struct jr_sha256 *c);
void jr_sha256_update(struct jr_sha256 *c, const void *p, size_t n);
/* Writes the digest; C is finished (init it again to reuse). */
void jr_sha256_final(struct jr_sha256 *c, unsigned char out[JR_SHA256_LEN]);
void jr_sha256(const void *p, size_t n, unsigned char out[JR_SHA256_LEN]);

/* HMAC-SHA-256 (RFC 2104) of MSG under KEY: the BPF cache's entries are
 * authenticated with it, under a secret no sandbox can read. */
void jr_hmac_sha256(const void *key, size_t klen, const void *msg, size_t n,
		    unsigned char out[JR_SHA256_LEN]);

/* The tests' switch: the portable block only, never the x86 SHA
 * instructions (both must give the same digests). */
extern bool jr_sha256_generic_only;

#endif
