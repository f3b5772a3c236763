/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the trust library (trust.c): the certificates to trust
 * and to treat as revoked, and the verdict on a module's signature
 * against them, as the kernel gives it
 */
#ifndef _MODGUARDCTL_TRUST_H
#define _MODGUARDCTL_TRUST_H

#include <mbedtls/x509_crt.h>

#include "digest.h"
#include "kcerts.h"
#include "module.h"
#include "pkcs7.h"
#include "reason.h"
#include "sigid.h"

#define MG_KEY_NAME_SIZE	256
#define MG_DIGEST_HEX_MAX	(2 * MG_DIGEST_MAX + 1)

/**
 * struct mg_verify_result - What verify says about one file.
 * @error: Unreadable: @msg says why.
 * @reason: The kernel's reason for the signature alone.
 * @signer: The subject key identifier (hex) of the certificate the
 *          signature's sid finds, or "?".
 * @key: Subject CN of the certificate found, or "?".
 * @hash: The signature's hash algorithm, or "?".
 * @digest: The policy digest: hex of the payload's sha256 (what hash
 *          prints, what digest= rules name), or "?".
 * @sig_digest: Hex of the payload's digest with @hash, the one the
 *              signature signs, or "?".
 * @unsupported: With %MODGUARD_REASON_UNSUPPORTED_CRYPTO, the algorithm
 *               when it has a name ("ML-DSA-65"), or NULL.
 * @msg: Why the file could not be read.
 */
struct mg_verify_result {
	bool error;
	enum modguard_reason reason;
	char signer[MODGUARD_SIGNER_ID_HEX_SIZE];
	char key[MG_KEY_NAME_SIZE];
	const char *hash;
	char digest[MG_DIGEST_HEX_MAX];
	char sig_digest[MG_DIGEST_HEX_MAX];
	const char *unsupported;
	char msg[256];
};

/**
 * struct mg_xcert - A certificate mbedTLS does not read, one with an
 * ML-DSA key, kept when libcrypto verifies ML-DSA (OpenSSL 3.5 and later).
 * @der: Its DER (owned).
 * @len: Its length.
 * @ids: Where its ids, subject and key lie in @der.
 * @mldsa: The key's parameter set ("ML-DSA-65").
 * @pkey: libcrypto's key.
 */
struct mg_xcert {
	u8 *der;
	size_t len;
	struct mg_x509_ids ids;
	const char *mldsa;
	EVP_PKEY *pkey;
};

/**
 * struct mg_xcerts - &struct mg_xcert, in the order given.
 * @c: The array.
 * @n: Entries used.
 */
struct mg_xcerts {
	struct mg_xcert *c;
	size_t n;
};

/**
 * struct mg_signature - A module's signature, parsed once.
 * @p7_err: mg_pkcs7_parse()'s result; @p7 is valid when 0.
 * @p7: The SignedData.
 * @have_sid: One SignerInfo in DER: the signer is attributable
 *            (kernel/verify.c), and @sid names it.
 * @sid: The signer id, as signer= rules and audit records name it.
 * @cert: The certificate of the first SignerInfo among the trusted ones,
 *        or NULL.
 * @xcert: The same when it is one mbedTLS does not read, or NULL.
 */
struct mg_signature {
	int p7_err;
	struct mg_pkcs7 p7;
	bool have_sid;
	struct modguard_signer_id sid;
	mbedtls_x509_crt *cert;
	const struct mg_xcert *xcert;
};

/**
 * struct mg_cert_file - A certificate file given with --cert, read once.
 * @name: As given ("-" is standard input).
 * @data: Its bytes, NUL-terminated.
 * @len: Their number, the NUL aside.
 */
struct mg_cert_file {
	const char *name;
	unsigned char *data;
	size_t len;
};

/* A certificate file is small; a larger one is not one. */
#define MG_CERT_FILE_MAX	((size_t)16 << 20)

struct mg_trust_key;

/**
 * struct mg_trust - What verify trusts.
 * @certs: The trusted certificates (--cert, and a kernel's system list).
 * @revoked: A kernel's revocation list; empty without --kernel.
 * @xcerts: The trusted certificates with ML-DSA keys, after @certs.
 * @xrevoked: The revoked ones, after @revoked.
 * @keys: libcrypto's copies of the public keys of @certs and @revoked,
 *        made when a signature is first checked with each.
 * @n_keys: Entries in @keys.
 * @mldsa: ML-DSA signatures are verified, as Linux 7.0 and later built
 *         with CONFIG_CRYPTO_MLDSA and CONFIG_PKCS7_WAIVE_AUTHATTRS_
 *         REJECTION_FOR_MLDSA do: libcrypto has ML-DSA, and the kernel
 *         image given (if any) is 7.0 or later.
 * @mldsa_attrs: With @mldsa, an ML-DSA signature may carry signed
 *               attributes (that waiver); diagnose clears it for a
 *               running kernel whose configuration lacks the option.
 * @mldsa_crypto: With @mldsa, the kernel has ML-DSA's code
 *                (CONFIG_CRYPTO_MLDSA); diagnose clears it likewise, and
 *                then no ML-DSA signature verifies.
 */
struct mg_trust {
	mbedtls_x509_crt certs;
	mbedtls_x509_crt revoked;
	struct mg_xcerts xcerts;
	struct mg_xcerts xrevoked;
	struct mg_trust_key *keys;
	size_t n_keys;
	bool mldsa;
	bool mldsa_attrs;
	bool mldsa_crypto;
};

int mg_cert_file_read(const char *name, struct mg_cert_file *f);
void mg_cert_file_free(struct mg_cert_file *f);
bool mg_mldsa_available(void);
int mg_trust_load(const struct mg_cert_file *files, size_t n,
		  const struct mg_kcerts *k, struct mg_trust *t, bool quiet);
void mg_trust_drop_revoked(struct mg_trust *t);
void mg_trust_free(struct mg_trust *t);
void mg_cert_cn(const mbedtls_x509_crt *c, char *buf, size_t size);
void mg_cn_copy(const u8 *cn, size_t len, char *buf, size_t size);
mbedtls_x509_crt *mg_find_cert(mbedtls_x509_crt *chain,
			       const struct mg_pkcs7_signer *s);
void mg_signature_parse(const struct mg_module *m, unsigned int flags,
			struct mg_signature *sig);
void mg_verify_module(struct mg_module *m, struct mg_trust *trust,
		      struct mg_signature *sig, struct mg_verify_result *r);

int mg_kernel_certs(const char *path, size_t max, struct mg_kcerts *k,
		    bool quiet);
void mg_kernel_certs_free(struct mg_kcerts *k);

#endif /* _MODGUARDCTL_TRUST_H */
