/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the PKCS#7 SignedData of an appended module signature
 *
 * A small walker (definite lengths, bounded nesting; elements taken with
 * modguard_der_next() of ../kernel/common/sigid.c, shared with the LSM's signer
 * id parser) that pulls out what the kernel's pkcs7_parser.c notes for
 * each SignerInfo:
 * signer id, digest and public-key algorithms, authenticated attributes
 * and the signature. No allocation; every pointer points into the input.
 */
#ifndef _MODGUARDCTL_PKCS7_H
#define _MODGUARDCTL_PKCS7_H

#include "compat.h"

/* SignerInfos kept; a signature with more is refused as malformed. */
#define MG_PKCS7_MAX_SIGNERS 8

/*
 * Flag of mg_pkcs7_parse(): the ML-DSA algorithms are known, as in Linux
 * 7.0 and later (pkcs7_sig_note_pkey_algo()); without it they are
 * unsupported, as in 6.x.
 */
#define MG_PKCS7_MLDSA		0x1

/* Return values of mg_pkcs7_parse(), besides 0. */
#define MG_PKCS7_EMALFORMED	(-1)	/* the kernel: -EBADMSG/-EINVAL */
#define MG_PKCS7_EUNSUPPORTED	(-2)	/* the kernel: -ENOPKG */

enum mg_pkcs7_hash {
	MG_HASH_SHA1,
	MG_HASH_SHA224,
	MG_HASH_SHA256,
	MG_HASH_SHA384,
	MG_HASH_SHA512,
	MG_HASH_SHA3_256,
	MG_HASH_SHA3_384,
	MG_HASH_SHA3_512,
	__MG_HASH_MAX
};

enum mg_pkcs7_pkey {
	MG_PKEY_RSA,
	MG_PKEY_ECDSA,
	MG_PKEY_MLDSA,
	__MG_PKEY_MAX
};

/**
 * struct mg_pkcs7_signer - One SignerInfo.
 * @skid: True when the sid is a subjectKeyIdentifier (version 3).
 * @issuer: The whole DER of the issuer Name (issuer and serial only).
 * @id: Serial number contents, or the SKID.
 * @hash: A &enum mg_pkcs7_hash.
 * @pkey: A &enum mg_pkcs7_pkey.
 * @mldsa: With %MG_PKEY_MLDSA, the parameter set ("ML-DSA-65").
 * @attrs: The whole DER of the signedAttrs, tag [0] included, or NULL.
 * @msgdigest: Contents of the messageDigest attribute, or NULL.
 * @sig: The signature octets.
 */
struct mg_pkcs7_signer {
	bool skid;
	const u8 *issuer;
	size_t issuer_len;
	const u8 *id;
	size_t id_len;
	u8 hash;
	u8 pkey;
	const char *mldsa;
	const u8 *attrs;
	size_t attrs_len;
	const u8 *msgdigest;
	size_t msgdigest_len;
	const u8 *sig;
	size_t sig_len;
};

/**
 * struct mg_pkcs7 - A parsed SignedData.
 * @data_type_ok: The encapsulated content type is id-data.
 * @has_content: eContent is present (module signatures are detached).
 * @has_attrs: Some SignerInfo has signedAttrs.
 * @n_signers: Entries used in @signers, at least 1.
 * @unsupported: After %MG_PKCS7_EUNSUPPORTED, the algorithm met when it
 *               has a name ("ML-DSA-65"), or NULL.
 */
struct mg_pkcs7 {
	bool data_type_ok;
	bool has_content;
	bool has_attrs;
	unsigned int n_signers;
	struct mg_pkcs7_signer signers[MG_PKCS7_MAX_SIGNERS];
	const char *unsupported;
};

/**
 * struct mg_x509_ids - What mg_x509_ids() finds in a certificate.
 * @serial: The serial number's contents octets.
 * @issuer: The whole issuer Name.
 * @subject: The contents of the subject Name.
 * @spki: The whole SubjectPublicKeyInfo.
 * @key_oid: The contents of its algorithm's OBJECT IDENTIFIER.
 * @ext: The whole [3] extensions, or NULL.
 */
struct mg_x509_ids {
	const u8 *serial;
	size_t serial_len;
	const u8 *issuer;
	size_t issuer_len;
	const u8 *subject;
	size_t subject_len;
	const u8 *spki;
	size_t spki_len;
	const u8 *key_oid;
	size_t key_oid_len;
	const u8 *ext;
	size_t ext_len;
};

int mg_pkcs7_parse(const void *der, size_t len, unsigned int flags,
		   struct mg_pkcs7 *out);
const char *mg_mldsa_name(const u8 *oid, size_t len);
const char *mg_pkcs7_hash_name(unsigned int hash);
int mg_x509_skid(const u8 *ext, size_t len, const u8 **skid,
		 size_t *skid_len);
int mg_x509_ids(const u8 *der, size_t len, struct mg_x509_ids *ids);
int mg_x509_cn(const u8 *name, size_t len, const u8 **cn, size_t *cn_len);

#endif /* _MODGUARDCTL_PKCS7_H */
