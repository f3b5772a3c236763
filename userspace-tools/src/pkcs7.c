// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - walk the PKCS#7 SignedData of a module signature
 *
 * The rules are those of the kernel's crypto/asymmetric_keys/pkcs7.asn1
 * and pkcs7_parser.c that matter for a module signature: ContentInfo of
 * type signedData, SignedData version 1 or 3, SignerInfo version 1
 * (issuer and serial, only in a version 1 SignedData) or 3 (subject key
 * identifier, only in a version 3 one), the digest and public-key
 * algorithms the kernel knows. An algorithm it does not know is
 * "unsupported" (-ENOPKG in the kernel), anything else it would not
 * parse is "malformed". Definite lengths only, at most two length
 * octets as in the kernel's ASN.1 decoder (the element walker is
 * modguard_der_next() of ../kernel/common/sigid.c), nothing after the outer
 * element.
 */

#include "pkcs7.h"
#include "sigid.h"

#define TAG_INTEGER	0x02
#define TAG_OCTET_STRING 0x04
#define TAG_NULL	0x05
#define TAG_OID		0x06
#define TAG_SEQUENCE	0x30
#define TAG_SET		0x31
#define TAG_CTX0	0x80
#define TAG_CTX0_CONS	0xa0
#define TAG_CTX1_CONS	0xa1
#define TAG_CTX2_CONS	0xa2
#define TAG_CTX3_CONS	0xa3

static const u8 oid_signed_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
static const u8 oid_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const u8 oid_message_digest[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04 };
static const u8 oid_rsa[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };
/* ecdsa-with-SHA1 is 1.2.840.10045.4.1, the SHA-2 ones 4.3.1 to 4.3.4. */
static const u8 oid_ecdsa_sha1[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01 };
static const u8 oid_ecdsa_sha2[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03 };
static const u8 oid_sha1[] = { 0x2b, 0x0e, 0x03, 0x02, 0x1a };
/*
 * 2.16.840.1.101.3.4.2.N: sha256 1, sha384 2, sha512 3, sha224 4,
 * sha3-256 8, sha3-384 9, sha3-512 10.
 */
static const u8 oid_nist_hash[] = {
	0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02 };
/* 2.16.840.1.101.3.4.3.N: id-ecdsa-with-sha3-256 10, -384 11, -512 12. */
static const u8 oid_nist_sig[] = {
	0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x03 };

static const char *const hash_names[] = {
	[MG_HASH_SHA1] = "sha1",
	[MG_HASH_SHA224] = "sha224",
	[MG_HASH_SHA256] = "sha256",
	[MG_HASH_SHA384] = "sha384",
	[MG_HASH_SHA512] = "sha512",
	[MG_HASH_SHA3_256] = "sha3-256",
	[MG_HASH_SHA3_384] = "sha3-384",
	[MG_HASH_SHA3_512] = "sha3-512",
};
static_assert(ARRAY_SIZE(hash_names) == __MG_HASH_MAX,
	      "hash_names must name every enum mg_pkcs7_hash");

const char *mg_pkcs7_hash_name(unsigned int hash)
{
	return hash < __MG_HASH_MAX ? hash_names[hash] : "?";
}

/*
 * The next element of @d: its tag, its contents in @val, and in @whole
 * (if not NULL) the element with its header. The length rules are the
 * kernel's ASN.1 decoder's (the shared walker of ../kernel/common/sigid.c, not
 * strict).
 */
static int der_next(struct modguard_der *d, u8 *tag, struct modguard_der *val,
		    struct modguard_der *whole)
{
	return modguard_der_next(d, tag, val, whole, false) ? -1 : 0;
}

static int der_expect(struct modguard_der *d, u8 want, struct modguard_der *val)
{
	u8 tag;

	if (der_next(d, &tag, val, NULL) || tag != want)
		return -1;
	return 0;
}

static bool der_peek(const struct modguard_der *d, u8 tag)
{
	return d->len && d->p[0] == tag;
}

static bool oid_is(const struct modguard_der *v, const u8 *oid, size_t len)
{
	return v->len == len && !memcmp(v->p, oid, len);
}

/* An INTEGER of one octet: a version number. */
static int der_version(struct modguard_der *d, u8 *version)
{
	struct modguard_der v;

	if (der_expect(d, TAG_INTEGER, &v) || v.len != 1)
		return -1;
	*version = v.p[0];
	return 0;
}

/* AlgorithmIdentifier: the OID in @oid, parameters (any) skipped. */
static int der_algo(struct modguard_der *d, struct modguard_der *oid)
{
	struct modguard_der alg, params;
	u8 tag;

	if (der_expect(d, TAG_SEQUENCE, &alg) ||
	    der_expect(&alg, TAG_OID, oid))
		return -1;
	if (alg.len && (der_next(&alg, &tag, &params, NULL) || alg.len))
		return -1;
	return 0;
}

/* pkcs7_sig_note_digest_algo(): the kernel's list, less what it has
 * that modguard does not build (sm3, streebog).
 */
static int hash_of(const struct modguard_der *oid, u8 *hash)
{
	static const u8 nist[] = {
		0, MG_HASH_SHA256, MG_HASH_SHA384, MG_HASH_SHA512,
		MG_HASH_SHA224, 0, 0, 0, MG_HASH_SHA3_256, MG_HASH_SHA3_384,
		MG_HASH_SHA3_512 };
	u8 n;

	if (oid_is(oid, oid_sha1, sizeof(oid_sha1))) {
		*hash = MG_HASH_SHA1;
		return 0;
	}
	if (oid->len == sizeof(oid_nist_hash) + 1 &&
	    !memcmp(oid->p, oid_nist_hash, sizeof(oid_nist_hash))) {
		n = oid->p[oid->len - 1];
		if ((n >= 1 && n <= 4) || (n >= 8 && n <= 10)) {
			*hash = nist[n];
			return 0;
		}
	}
	return MG_PKCS7_EUNSUPPORTED;
}

/**
 * mg_mldsa_name() - Name an ML-DSA (FIPS 204) algorithm identifier.
 * @oid: The contents octets of an OBJECT IDENTIFIER.
 * @len: Their number.
 *
 * Return: "ML-DSA-44", "ML-DSA-65" or "ML-DSA-87" for id-ml-dsa-44/65/87
 * (2.16.840.1.101.3.4.3.17-19), which Linux 7.0 and later verify and
 * modguardctl does not; NULL for anything else.
 */
const char *mg_mldsa_name(const u8 *oid, size_t len)
{
	static const char *const names[] = {
		"ML-DSA-44", "ML-DSA-65", "ML-DSA-87" };

	if (len != sizeof(oid_nist_sig) + 1 ||
	    memcmp(oid, oid_nist_sig, sizeof(oid_nist_sig)) ||
	    oid[len - 1] < 17 || oid[len - 1] > 19)
		return NULL;
	return names[oid[len - 1] - 17];
}

/*
 * pkcs7_sig_note_pkey_algo(): rsaEncryption or ecdsa-with-*; ML-DSA with
 * %MG_PKCS7_MLDSA (7.x), otherwise refused by name (6.x).
 */
static int pkey_of(const struct modguard_der *oid, unsigned int flags,
		   struct mg_pkcs7_signer *s, const char **unsupported)
{
	u8 *pkey = &s->pkey;

	s->mldsa = mg_mldsa_name(oid->p, oid->len);
	if (s->mldsa) {
		if (!(flags & MG_PKCS7_MLDSA)) {
			*unsupported = s->mldsa;
			return MG_PKCS7_EUNSUPPORTED;
		}
		*pkey = MG_PKEY_MLDSA;
		return 0;
	}
	if (oid_is(oid, oid_rsa, sizeof(oid_rsa))) {
		*pkey = MG_PKEY_RSA;
		return 0;
	}
	if (oid_is(oid, oid_ecdsa_sha1, sizeof(oid_ecdsa_sha1)) ||
	    (oid->len == sizeof(oid_ecdsa_sha2) + 1 &&
	     !memcmp(oid->p, oid_ecdsa_sha2, sizeof(oid_ecdsa_sha2)) &&
	     oid->p[oid->len - 1] >= 1 && oid->p[oid->len - 1] <= 4) ||
	    (oid->len == sizeof(oid_nist_sig) + 1 &&
	     !memcmp(oid->p, oid_nist_sig, sizeof(oid_nist_sig)) &&
	     oid->p[oid->len - 1] >= 10 && oid->p[oid->len - 1] <= 12)) {
		*pkey = MG_PKEY_ECDSA;
		return 0;
	}
	return MG_PKCS7_EUNSUPPORTED;
}

/* The signedAttrs SET OF Attribute: find the one messageDigest. */
static int signed_attrs(struct modguard_der attrs, struct mg_pkcs7_signer *s)
{
	struct modguard_der attr, oid, values, md;

	if (!attrs.len)
		return MG_PKCS7_EMALFORMED;
	while (attrs.len) {
		if (der_expect(&attrs, TAG_SEQUENCE, &attr) ||
		    der_expect(&attr, TAG_OID, &oid) ||
		    der_expect(&attr, TAG_SET, &values) || attr.len)
			return MG_PKCS7_EMALFORMED;
		if (!oid_is(&oid, oid_message_digest,
			    sizeof(oid_message_digest)))
			continue;
		if (s->msgdigest ||
		    der_expect(&values, TAG_OCTET_STRING, &md) || values.len)
			return MG_PKCS7_EMALFORMED;
		s->msgdigest = md.p;
		s->msgdigest_len = md.len;
	}
	return 0;
}

static int signer_info(struct modguard_der si, u8 sd_version,
		       unsigned int flags, struct mg_pkcs7_signer *s,
		       const char **unsupported)
{
	struct modguard_der sid, issuer_whole, issuer, id, oid, attrs, attrs_whole,
		   sig;
	u8 version, tag;
	int ret;

	if (der_version(&si, &version))
		return MG_PKCS7_EMALFORMED;
	if (version == 1 && sd_version == 1) {
		if (der_expect(&si, TAG_SEQUENCE, &sid) ||
		    der_next(&sid, &tag, &issuer, &issuer_whole) ||
		    tag != TAG_SEQUENCE ||
		    der_expect(&sid, TAG_INTEGER, &id) || sid.len || !id.len)
			return MG_PKCS7_EMALFORMED;
		s->issuer = issuer_whole.p;
		s->issuer_len = issuer_whole.len;
	} else if (version == 3 && sd_version != 1) {
		if (der_expect(&si, TAG_CTX0, &id) || !id.len)
			return MG_PKCS7_EMALFORMED;
		s->skid = true;
	} else {
		return MG_PKCS7_EMALFORMED;
	}
	s->id = id.p;
	s->id_len = id.len;

	if (der_algo(&si, &oid))
		return MG_PKCS7_EMALFORMED;
	ret = hash_of(&oid, &s->hash);
	if (ret)
		return ret;

	if (der_peek(&si, TAG_CTX0_CONS)) {
		if (der_next(&si, &tag, &attrs, &attrs_whole))
			return MG_PKCS7_EMALFORMED;
		ret = signed_attrs(attrs, s);
		if (ret)
			return ret;
		s->attrs = attrs_whole.p;
		s->attrs_len = attrs_whole.len;
	}

	if (der_algo(&si, &oid))
		return MG_PKCS7_EMALFORMED;
	ret = pkey_of(&oid, flags, s, unsupported);
	if (ret)
		return ret;

	if (der_expect(&si, TAG_OCTET_STRING, &sig) || !sig.len)
		return MG_PKCS7_EMALFORMED;
	s->sig = sig.p;
	s->sig_len = sig.len;

	/* unsignedAttrs, ignored as the kernel does. */
	if (der_peek(&si, TAG_CTX1_CONS) &&
	    der_next(&si, &tag, &attrs, NULL))
		return MG_PKCS7_EMALFORMED;
	return si.len ? MG_PKCS7_EMALFORMED : 0;
}

/**
 * mg_pkcs7_parse() - Walk a DER PKCS#7 SignedData.
 * @der: The PKCS#7 blob of a module signature.
 * @len: Its length.
 * @flags: %MG_PKCS7_MLDSA, or 0.
 * @out: Filled in; pointers point into @der.
 *
 * Return: 0; MG_PKCS7_EUNSUPPORTED for an algorithm the kernel does not
 * know (the first problem met in DER order wins, as in the kernel's
 * decoder); MG_PKCS7_EMALFORMED for anything else not accepted, signed
 * attributes on some SignerInfos but not all included
 * (pkcs7_check_authattrs(): -EINVAL).
 */
int mg_pkcs7_parse(const void *der, size_t len, unsigned int flags,
		   struct mg_pkcs7 *out)
{
	struct modguard_der d = { der, len };
	struct modguard_der ci, oid, content, sd, algs, alg, eci, skip, infos, si;
	u8 sd_version, tag;
	unsigned int i;
	int ret;

	memset(out, 0, sizeof(*out));
	if (der_expect(&d, TAG_SEQUENCE, &ci) || d.len ||
	    der_expect(&ci, TAG_OID, &oid) ||
	    !oid_is(&oid, oid_signed_data, sizeof(oid_signed_data)) ||
	    der_expect(&ci, TAG_CTX0_CONS, &content) || ci.len ||
	    der_expect(&content, TAG_SEQUENCE, &sd) || content.len)
		return MG_PKCS7_EMALFORMED;

	if (der_version(&sd, &sd_version) ||
	    (sd_version != 1 && sd_version != 3))
		return MG_PKCS7_EMALFORMED;

	/* digestAlgorithms: AlgorithmIdentifiers, not used. */
	if (der_expect(&sd, TAG_SET, &algs))
		return MG_PKCS7_EMALFORMED;
	while (algs.len)
		if (der_algo(&algs, &alg))
			return MG_PKCS7_EMALFORMED;

	if (der_expect(&sd, TAG_SEQUENCE, &eci) ||
	    der_expect(&eci, TAG_OID, &oid))
		return MG_PKCS7_EMALFORMED;
	out->data_type_ok = oid_is(&oid, oid_data, sizeof(oid_data));
	if (eci.len) {
		if (der_expect(&eci, TAG_CTX0_CONS, &skip) || eci.len)
			return MG_PKCS7_EMALFORMED;
		out->has_content = true;
	}

	/* certificates and crls: not used for module signatures here. */
	if ((der_peek(&sd, TAG_CTX0_CONS) || der_peek(&sd, TAG_CTX2_CONS)) &&
	    der_next(&sd, &tag, &skip, NULL))
		return MG_PKCS7_EMALFORMED;
	if ((der_peek(&sd, TAG_CTX1_CONS) || der_peek(&sd, TAG_CTX3_CONS)) &&
	    der_next(&sd, &tag, &skip, NULL))
		return MG_PKCS7_EMALFORMED;

	if (der_expect(&sd, TAG_SET, &infos) || sd.len || !infos.len)
		return MG_PKCS7_EMALFORMED;
	while (infos.len) {
		if (out->n_signers == MG_PKCS7_MAX_SIGNERS ||
		    der_expect(&infos, TAG_SEQUENCE, &si))
			return MG_PKCS7_EMALFORMED;
		ret = signer_info(si, sd_version, flags,
				  &out->signers[out->n_signers],
				  &out->unsupported);
		if (ret)
			return ret;
		if (out->signers[out->n_signers].attrs)
			out->has_attrs = true;
		out->n_signers++;
	}
	for (i = 0; i < out->n_signers; i++)
		if (!out->signers[i].attrs == out->has_attrs)
			return MG_PKCS7_EMALFORMED;
	return 0;
}

/**
 * mg_x509_skid() - Find the subjectKeyIdentifier among X.509 extensions.
 * @ext: The extensions, as [3] { SEQUENCE OF Extension } or the SEQUENCE.
 * @len: Their length.
 * @skid: Set to the key identifier octets when found.
 * @skid_len: Their number.
 *
 * Return: 0 when found, -1 when absent or not DER.
 */
int mg_x509_skid(const u8 *ext, size_t len, const u8 **skid,
		 size_t *skid_len)
{
	static const u8 oid_skid[] = { 0x55, 0x1d, 0x0e };
	struct modguard_der d = { ext, len }, outer, exts, e, oid, val, inner;

	if (der_peek(&d, TAG_CTX3_CONS)) {
		if (der_expect(&d, TAG_CTX3_CONS, &outer))
			return -1;
		d = outer;
	}
	if (der_expect(&d, TAG_SEQUENCE, &exts))
		return -1;
	while (exts.len) {
		if (der_expect(&exts, TAG_SEQUENCE, &e) ||
		    der_expect(&e, TAG_OID, &oid))
			return -1;
		if (!oid_is(&oid, oid_skid, sizeof(oid_skid)))
			continue;
		/* critical BOOLEAN DEFAULT FALSE */
		if (der_peek(&e, 0x01) && der_expect(&e, 0x01, &val))
			return -1;
		if (der_expect(&e, TAG_OCTET_STRING, &val) ||
		    der_expect(&val, TAG_OCTET_STRING, &inner) || val.len ||
		    !inner.len)
			return -1;
		*skid = inner.p;
		*skid_len = inner.len;
		return 0;
	}
	return -1;
}

/**
 * mg_x509_ids() - Find in a DER certificate what the kernel's
 * x509_cert_parser.c keeps to find it by (the serial's contents octets
 * and the whole issuer Name, as encoded; the extensions, for the
 * subjectKeyIdentifier), its subject and its SubjectPublicKeyInfo.
 * For the certificates mbedTLS cannot read (ML-DSA keys).
 * @der: The certificate.
 * @len: Its length.
 * @ids: Filled in; pointers point into @der.
 *
 * Return: 0, or -1 when @der is not a certificate in DER.
 */
int mg_x509_ids(const u8 *der, size_t len, struct mg_x509_ids *ids)
{
	struct modguard_der d = { der, len }, crt, tbs, v, whole, oid;
	u8 tag;

	memset(ids, 0, sizeof(*ids));
	if (der_expect(&d, TAG_SEQUENCE, &crt) || d.len ||
	    der_expect(&crt, TAG_SEQUENCE, &tbs))
		return -1;
	if (der_peek(&tbs, TAG_CTX0_CONS) &&
	    der_expect(&tbs, TAG_CTX0_CONS, &v))
		return -1;
	if (der_expect(&tbs, TAG_INTEGER, &v) || !v.len)
		return -1;
	ids->serial = v.p;
	ids->serial_len = v.len;
	if (der_expect(&tbs, TAG_SEQUENCE, &v) ||
	    der_next(&tbs, &tag, &v, &whole) || tag != TAG_SEQUENCE)
		return -1;
	ids->issuer = whole.p;
	ids->issuer_len = whole.len;
	if (der_expect(&tbs, TAG_SEQUENCE, &v) ||
	    der_expect(&tbs, TAG_SEQUENCE, &v))
		return -1;
	ids->subject = v.p;
	ids->subject_len = v.len;
	if (der_next(&tbs, &tag, &v, &whole) || tag != TAG_SEQUENCE ||
	    der_algo(&v, &oid))
		return -1;
	ids->spki = whole.p;
	ids->spki_len = whole.len;
	ids->key_oid = oid.p;
	ids->key_oid_len = oid.len;
	while (tbs.len) {
		if (der_next(&tbs, &tag, &v, &whole))
			return -1;
		if (tag == TAG_CTX3_CONS) {
			ids->ext = whole.p;
			ids->ext_len = whole.len;
		}
	}
	return 0;
}

/**
 * mg_x509_cn() - The first commonName of a Name's contents, as it is.
 * @name: The contents of the Name SEQUENCE (&mg_x509_ids.subject).
 * @len: Their length.
 * @cn: Set to the value's contents octets.
 * @cn_len: Their number.
 *
 * Return: 0, or -1 when there is none.
 */
int mg_x509_cn(const u8 *name, size_t len, const u8 **cn, size_t *cn_len)
{
	static const u8 oid_cn[] = { 0x55, 0x04, 0x03 };
	struct modguard_der d = { name, len }, rdn, atv, oid, val;
	u8 tag;

	while (d.len) {
		if (der_expect(&d, TAG_SET, &rdn))
			return -1;
		while (rdn.len) {
			if (der_expect(&rdn, TAG_SEQUENCE, &atv) ||
			    der_expect(&atv, TAG_OID, &oid) ||
			    der_next(&atv, &tag, &val, NULL))
				return -1;
			if (oid_is(&oid, oid_cn, sizeof(oid_cn))) {
				*cn = val.p;
				*cn_len = val.len;
				return 0;
			}
		}
	}
	return -1;
}
