/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - what verify, scan and diagnose share: a module file read
 * and decompressed, and the verdict on its signature against a list of
 * certificates
 */
#ifndef _MODGUARDCTL_TRUST_H
#define _MODGUARDCTL_TRUST_H

#include <mbedtls/x509_crt.h>

#include "modguardctl.h"
#include "digest.h"
#include "pkcs7.h"
#include "reason.h"
#include "sigid.h"

#define MG_KEY_NAME_SIZE	256
#define MG_DIGEST_HEX_MAX	(2 * MG_DIGEST_MAX + 1)

/**
 * struct mg_module - A module file as the loader gets it.
 * @data: The file's bytes.
 * @plain: The decompressed bytes, or NULL.
 * @image: @plain or @data: the image.
 * @len: Length of @image.
 * @comp: The compression of the file.
 */
struct mg_module {
	unsigned char *data;
	unsigned char *plain;
	const unsigned char *image;
	size_t len;
	enum mg_compression comp;
};

/**
 * struct mg_verify_result - What verify says about one file.
 * @error: Unreadable: @msg says why.
 * @reason: The kernel's reason for the signature alone.
 * @signer: Hex of the first signer id, or "?".
 * @key: Subject CN of the certificate found, or "?".
 * @hash: The signature's hash algorithm, or "?".
 * @digest: Hex of the payload's digest with @hash, or "?".
 * @msg: Why the file could not be read.
 */
struct mg_verify_result {
	bool error;
	enum modguard_reason reason;
	char signer[MODGUARD_SIGNER_ID_HEX_SIZE];
	char key[MG_KEY_NAME_SIZE];
	const char *hash;
	char digest[MG_DIGEST_HEX_MAX];
	char msg[256];
};

struct mg_trust_key;

/**
 * struct mg_trust - What verify trusts.
 * @certs: The trusted certificates (--cert, and a kernel's system list).
 * @revoked: A kernel's revocation list; empty without --kernel.
 * @keys: libcrypto's copies of the public keys of @certs and @revoked,
 *        made when a signature is first checked with each.
 * @n_keys: Entries in @keys.
 */
struct mg_trust {
	mbedtls_x509_crt certs;
	mbedtls_x509_crt revoked;
	struct mg_trust_key *keys;
	size_t n_keys;
};

struct mg_kcerts;

int mg_module_read(const char *file, size_t max, struct mg_module *m,
		   char *msg, size_t size);
void mg_module_free(struct mg_module *m);
int mg_load_certs(const char *const *certs, size_t n, mbedtls_x509_crt *chain,
		  bool quiet);
int mg_trust_load(const char *const *files, size_t n,
		  const struct mg_kcerts *k, struct mg_trust *t, bool quiet);
void mg_trust_drop_revoked(struct mg_trust *t);
void mg_trust_free(struct mg_trust *t);
void mg_cert_cn(const mbedtls_x509_crt *c, char *buf, size_t size);
mbedtls_x509_crt *mg_find_cert(mbedtls_x509_crt *chain,
			       const struct mg_pkcs7_signer *s);
void mg_verify_image(const u8 *image, size_t image_len,
		     enum mg_compression comp, struct mg_digests *d,
		     struct mg_trust *trust, struct mg_verify_result *r);

#endif /* _MODGUARDCTL_TRUST_H */
