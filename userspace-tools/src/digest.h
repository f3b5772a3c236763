/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - digests of module images and payloads
 *
 * Every digest modguardctl computes over a module (hash, allow, verify,
 * scan, diagnose) goes through here, with libcrypto: its implementations
 * use the CPU's SHA extensions or AVX2 where there are any, several times
 * faster than mbedTLS's portable C. mbedTLS still parses the certificates;
 * verify.c checks the signatures with both (see check_sig()).
 */
#ifndef _MODGUARDCTL_DIGEST_H
#define _MODGUARDCTL_DIGEST_H

#include <openssl/evp.h>

#include "pkcs7.h"

/* The largest digest: sha512. */
#define MG_DIGEST_MAX	64

/**
 * struct mg_digests - The digests of one payload, each computed at most
 * once (a module with several signers, the revocation list and diagnose
 * ask for the same one again).
 * @data: The payload.
 * @len: Its length.
 * @done: Bit (1 << hash) set when @md[hash] holds a digest.
 * @md: By &enum mg_pkcs7_hash.
 */
struct mg_digests {
	const u8 *data;
	size_t len;
	unsigned int done;
	u8 md[__MG_HASH_MAX][MG_DIGEST_MAX];
};

const EVP_MD *mg_digest_md(unsigned int hash);
size_t mg_digest_size(unsigned int hash);
int mg_digest(unsigned int hash, const void *data, size_t len, u8 *out);
void mg_digests_init(struct mg_digests *d, const void *data, size_t len);
const u8 *mg_digests_get(struct mg_digests *d, unsigned int hash);
int mg_digests_image(struct mg_digests *d, size_t image_len, u8 *image_md);

#endif /* _MODGUARDCTL_DIGEST_H */
