// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - the trust library: certificates (--cert files, a kernel
 * image's lists) and the verdict on a module's signature against them
 *
 * The steps and their order are those of the kernel for a module, after
 * the module reader (module.c) has decompressed and split it:
 * pkcs7_parse_message(), then pkcs7_supply_detached_data(), pkcs7_verify()
 * with VERIFYING_MODULE_SIGNATURE and pkcs7_validate_trust(), with the
 * certificates given standing in for the trusted keyrings. Each outcome
 * gets the reason kernel/verify.c gives the same errno, so that verify
 * predicts the reason= of the audit record. mbedTLS parses the
 * certificates and decides on RSA PKCS#1 v1.5 and ECDSA signatures,
 * after libcrypto, which is faster, has had a go (check_sig()); the
 * payload is digested with libcrypto (digest.c), once per algorithm.
 * verify, scan, diagnose and certs call this; none of them restates it.
 */

#define _GNU_SOURCE

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "trust.h"
#include "util.h"

/**
 * struct mg_trust_key - libcrypto's copy of a certificate's public key.
 * @crt: The certificate, in a chain of the &struct mg_trust.
 * @pkey: Its key, or NULL when libcrypto does not take it.
 */
struct mg_trust_key {
	const mbedtls_x509_crt *crt;
	EVP_PKEY *pkey;
};

/* What mbedtls_pk_verify() needs to know of the digest it is given. */
static const mbedtls_md_type_t md_types[] = {
	[MG_HASH_SHA1] = MBEDTLS_MD_SHA1,
	[MG_HASH_SHA224] = MBEDTLS_MD_SHA224,
	[MG_HASH_SHA256] = MBEDTLS_MD_SHA256,
	[MG_HASH_SHA384] = MBEDTLS_MD_SHA384,
	[MG_HASH_SHA512] = MBEDTLS_MD_SHA512,
	/*
	 * mbedTLS 2.28 has no sha3: libcrypto decides for RSA (PKCS#1 v1.5
	 * needs the DigestInfo); ECDSA signs the digest as it is.
	 */
	[MG_HASH_SHA3_256] = MBEDTLS_MD_NONE,
	[MG_HASH_SHA3_384] = MBEDTLS_MD_NONE,
	[MG_HASH_SHA3_512] = MBEDTLS_MD_NONE,
};
static_assert(ARRAY_SIZE(md_types) == __MG_HASH_MAX,
	      "md_types must map every enum mg_pkcs7_hash");

/**
 * mg_cert_file_read() - Read a certificate file (--cert) whole.
 * @name: The file; "-" is standard input (so it can be read only once:
 *        the bytes are kept, and parsed as often as needed).
 * @f: Filled in; release with mg_cert_file_free() in every case.
 *
 * Return: 0, or -1 after a message saying what happened (errno).
 */
int mg_cert_file_read(const char *name, struct mg_cert_file *f)
{
	int err;

	f->name = name;
	err = mg_read_input(name, MG_CERT_FILE_MAX, &f->data, &f->len);
	if (err) {
		mg_err("%s: cannot read the certificate file: %s", name,
		       err == -EFBIG ? "larger than 16 MiB" : strerror(-err));
		return -1;
	}
	return 0;
}

void mg_cert_file_free(struct mg_cert_file *f)
{
	free(f->data);
	f->data = NULL;
	f->len = 0;
}

/**
 * mg_mldsa_available() - Whether libcrypto verifies ML-DSA (OpenSSL 3.5
 * and later), so that modguardctl does.
 *
 * Return: true when it does.
 */
bool mg_mldsa_available(void)
{
	static int have = -1;
	EVP_SIGNATURE *alg;

	if (have < 0) {
		alg = EVP_SIGNATURE_fetch(NULL, "ML-DSA-65", NULL);
		have = !!alg;
		EVP_SIGNATURE_free(alg);
		ERR_clear_error();
	}
	return have;
}

/*
 * Keep a certificate with an ML-DSA key (@name) in @xs, when libcrypto
 * takes its key and the ids the kernel finds it by are there. Returns 0
 * when kept.
 */
static int add_xcert(struct mg_xcerts *xs, const u8 *der, size_t len,
		     const char *name)
{
	struct mg_xcert *c, x = { .mldsa = name };
	const u8 *p;

	if (!mg_mldsa_available())
		return -1;
	x.der = malloc(len);
	if (!x.der)
		return -1;
	memcpy(x.der, der, len);
	x.len = len;
	if (mg_x509_ids(x.der, len, &x.ids))
		goto out_free;
	p = x.ids.spki;
	x.pkey = d2i_PUBKEY(NULL, &p, (long)x.ids.spki_len);
	if (!x.pkey)
		goto out_free;
	c = realloc(xs->c, (xs->n + 1) * sizeof(*c));
	if (!c)
		goto out_free;
	xs->c = c;
	xs->c[xs->n++] = x;
	return 0;
out_free:
	EVP_PKEY_free(x.pkey);
	free(x.der);
	ERR_clear_error();
	return -1;
}

static void free_xcerts(struct mg_xcerts *xs)
{
	size_t i;

	for (i = 0; i < xs->n; i++) {
		EVP_PKEY_free(xs->c[i].pkey);
		free(xs->c[i].der);
	}
	free(xs->c);
	xs->c = NULL;
	xs->n = 0;
}

/**
 * struct mldsa_scan - What mldsa_certs() found.
 * @certs: Certificates libcrypto read.
 * @kept: Those with an ML-DSA key kept in the &struct mg_xcerts.
 * @unkept: The ML-DSA parameter set of the first one not kept, or NULL.
 */
struct mldsa_scan {
	unsigned int certs;
	unsigned int kept;
	const char *unkept;
};

/*
 * The certificates in @data whose key is ML-DSA, which mbedTLS cannot
 * read (libcrypto parses the certificate even when it cannot use the
 * key): with @xs, each one libcrypto can use is kept there. @pem: @data
 * is PEM text, NUL-terminated; otherwise one DER certificate.
 */
static void mldsa_certs(const unsigned char *data, size_t len, bool pem,
			struct mg_xcerts *xs, struct mldsa_scan *out)
{
	unsigned char *der;
	ASN1_OBJECT *obj;
	const char *name;
	bool kept;
	BIO *bio;
	X509 *x;
	int n;

	memset(out, 0, sizeof(*out));
	bio = BIO_new_mem_buf(data, len > INT_MAX ? INT_MAX : (int)len);
	if (!bio)
		return;
	for (;;) {
		x = pem ? PEM_read_bio_X509(bio, NULL, NULL, NULL) :
			  d2i_X509_bio(bio, NULL);
		if (!x)
			break;
		out->certs++;
		name = NULL;
		if (X509_PUBKEY_get0_param(&obj, NULL, NULL, NULL,
					   X509_get_X509_PUBKEY(x)))
			name = mg_mldsa_name(OBJ_get0_data(obj),
					     OBJ_length(obj));
		/* DER as given; PEM's certificate as libcrypto read it. */
		der = NULL;
		kept = false;
		if (name && xs && pem) {
			n = i2d_X509(x, &der);
			kept = n > 0 && !add_xcert(xs, der, (size_t)n, name);
		} else if (name && xs) {
			kept = !add_xcert(xs, data, len, name);
		}
		if (kept)
			out->kept++;
		else if (name && !out->unkept)
			out->unkept = name;
		OPENSSL_free(der);
		X509_free(x);
		if (!pem)
			break;
	}
	BIO_free(bio);
	ERR_clear_error();
}

/*
 * Parse certificate files into one chain, and those with ML-DSA keys
 * into @xs when libcrypto verifies ML-DSA (@xs not NULL). @quiet: no
 * message on failure. Returns 0, or -1 (with a message unless @quiet).
 */
static int load_certs(const struct mg_cert_file *files, size_t n,
		      mbedtls_x509_crt *chain, struct mg_xcerts *xs,
		      bool quiet)
{
	const struct mg_cert_file *f;
	struct mldsa_scan ms;
	unsigned int failed;
	char buf[128];
	size_t i;
	bool pem;
	int ret;

	mbedtls_x509_crt_init(chain);
	for (i = 0; i < n; i++) {
		f = &files[i];
		/* PEM is parsed as a string: with its NUL (mg_read_fd()). */
		pem = f->len && strstr((const char *)f->data, "-----BEGIN ");
		if (pem)
			ret = mbedtls_x509_crt_parse(chain, f->data,
						     f->len + 1);
		else
			ret = mbedtls_x509_crt_parse_der(chain, f->data,
							 f->len);
		if (!ret)
			continue;
		/*
		 * > 0: that many PEM certificates were not parsed; < 0: none
		 * was. Fine when each was one with an ML-DSA key, kept.
		 */
		memset(&ms, 0, sizeof(ms));
		if (f->len)
			mldsa_certs(f->data, f->len, pem, xs, &ms);
		failed = ret > 0 ? (unsigned int)ret : pem ? ms.certs : 1;
		if (f->len && ms.kept && ms.kept == failed)
			continue;
		if (quiet) {
		} else if (ms.unkept && xs) {
			mg_err("%s: a certificate's %s key does not parse",
			       f->name, ms.unkept);
		} else if (ms.unkept && mg_mldsa_available()) {
			/* No @xs: the --kernel image is 6.x. */
			mg_err("%s: a certificate has an %s key, which the kernel image given (older than 7.0) does not read",
			       f->name, ms.unkept);
		} else if (ms.unkept) {
			mg_err("%s: a certificate has an %s key, which modguardctl does not read: its libcrypto (%s) has no ML-DSA (OpenSSL 3.5 and later have it)",
			       f->name, ms.unkept,
			       OpenSSL_version(OPENSSL_VERSION));
		} else {
			mbedtls_strerror(ret < 0 ? ret : 0, buf, sizeof(buf));
			mg_err("%s: not a certificate file (%s)", f->name,
			       !f->len ? "the file is empty" :
			       ret < 0 ? buf : "a certificate did not parse");
		}
		mbedtls_x509_crt_free(chain);
		return -1;
	}
	return 0;
}

/*
 * Parse DER certificates into @chain, or @xs; the number that did not
 * parse, of which @mldsa have an ML-DSA key.
 */
static unsigned int add_der(const struct mg_kcert_list *l,
			    mbedtls_x509_crt *chain, struct mg_xcerts *xs,
			    unsigned int *mldsa)
{
	struct mldsa_scan ms;
	unsigned int i, bad = 0;

	for (i = 0; i < l->n; i++) {
		if (!mbedtls_x509_crt_parse_der(chain, l->der[i], l->len[i]))
			continue;
		mldsa_certs(l->der[i], l->len[i], false, xs, &ms);
		if (ms.kept)
			continue;
		bad++;
		if (ms.unkept)
			(*mldsa)++;
	}
	return bad;
}

/**
 * mg_trust_load() - The certificates to trust and to treat as revoked.
 * @files: Certificate files (--cert).
 * @n: How many.
 * @k: A kernel image's lists (--kernel), or NULL.
 * @t: Filled in; freed again on failure.
 * @quiet: No messages.
 *
 * A kernel certificate mbedTLS cannot parse is skipped with a warning,
 * as the kernel skips one it cannot load.
 *
 * Return: 0, or -1 (with a message unless @quiet).
 */
int mg_trust_load(const struct mg_cert_file *files, size_t n,
		  const struct mg_kcerts *k, struct mg_trust *t, bool quiet)
{
	unsigned int bad, mldsa = 0;

	memset(t, 0, sizeof(*t));
	/* A 6.x kernel refuses ML-DSA whatever libcrypto can do. */
	t->mldsa = mg_mldsa_available() && (!k || !k->major || k->major >= 7);
	t->mldsa_attrs = t->mldsa;
	t->mldsa_crypto = t->mldsa;
	mbedtls_x509_crt_init(&t->revoked);
	if (load_certs(files, n, &t->certs, t->mldsa ? &t->xcerts : NULL,
		       quiet)) {
		free_xcerts(&t->xcerts);
		return -1;
	}
	if (!k)
		return 0;
	bad = add_der(&k->sys, &t->certs, t->mldsa ? &t->xcerts : NULL,
		      &mldsa) +
	      add_der(&k->rev, &t->revoked, t->mldsa ? &t->xrevoked : NULL,
		      &mldsa);
	if (bad && !quiet)
		mg_err("warning: %u certificate%s of the kernel image could not be parsed and %s ignored%s",
		       bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are",
		       !mldsa ? "" : !mg_mldsa_available() ?
		       " (ML-DSA keys: modguardctl's libcrypto has no ML-DSA)" :
		       t->mldsa ? " (ML-DSA keys that do not parse)" :
		       " (ML-DSA keys, which this kernel, older than 7.0, does not read)");
	return 0;
}

static void free_keys(struct mg_trust *t)
{
	size_t i;

	for (i = 0; i < t->n_keys; i++)
		EVP_PKEY_free(t->keys[i].pkey);
	free(t->keys);
	t->keys = NULL;
	t->n_keys = 0;
}

/**
 * mg_trust_drop_revoked() - Forget the revocation list.
 * @t: What verify trusts.
 */
void mg_trust_drop_revoked(struct mg_trust *t)
{
	free_keys(t);
	mbedtls_x509_crt_free(&t->revoked);
	mbedtls_x509_crt_init(&t->revoked);
	free_xcerts(&t->xrevoked);
}

void mg_trust_free(struct mg_trust *t)
{
	free_keys(t);
	mbedtls_x509_crt_free(&t->certs);
	mbedtls_x509_crt_free(&t->revoked);
	free_xcerts(&t->xcerts);
	free_xcerts(&t->xrevoked);
}

/* libcrypto's key of @c, parsed from its SubjectPublicKeyInfo once. */
static EVP_PKEY *evp_key(struct mg_trust *t, const mbedtls_x509_crt *c)
{
	const unsigned char *p = c->pk_raw.p;
	struct mg_trust_key *k;
	size_t i;

	for (i = 0; i < t->n_keys; i++)
		if (t->keys[i].crt == c)
			return t->keys[i].pkey;
	k = realloc(t->keys, (t->n_keys + 1) * sizeof(*k));
	if (!k)
		return NULL;
	t->keys = k;
	k += t->n_keys++;
	k->crt = c;
	k->pkey = d2i_PUBKEY(NULL, &p, (long)c->pk_raw.len);
	ERR_clear_error();
	return k->pkey;
}

/* Whether libcrypto verifies the signature of @s over @digest. */
static bool evp_verify(EVP_PKEY *key, const struct mg_pkcs7_signer *s,
		       const u8 *digest, size_t digest_len)
{
	EVP_PKEY_CTX *ctx;
	bool ok;

	if (!key)
		return false;
	ctx = EVP_PKEY_CTX_new(key, NULL);
	ok = ctx && EVP_PKEY_verify_init(ctx) > 0 &&
	     (s->pkey != MG_PKEY_RSA ||
	      EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) > 0) &&
	     EVP_PKEY_CTX_set_signature_md(ctx, mg_digest_md(s->hash)) > 0 &&
	     EVP_PKEY_verify(ctx, s->sig, s->sig_len, digest, digest_len) == 1;
	EVP_PKEY_CTX_free(ctx);
	if (!ok)
		ERR_clear_error();
	return ok;
}

/**
 * mg_find_cert() - The certificate of a signer, as the kernel's
 * find_asymmetric_key() finds it by the auth ids of the SignerInfo:
 * issuer and serial exactly as encoded, or the subjectKeyIdentifier.
 * @chain: The certificates.
 * @s: The signer.
 *
 * Return: the certificate, or NULL.
 */
mbedtls_x509_crt *mg_find_cert(mbedtls_x509_crt *chain,
				   const struct mg_pkcs7_signer *s)
{
	mbedtls_x509_crt *c;
	const u8 *skid;
	size_t skid_len;

	for (c = chain; c && c->raw.p; c = c->next) {
		if (!s->skid) {
			if (c->serial.len == s->id_len &&
			    !memcmp(c->serial.p, s->id, s->id_len) &&
			    c->issuer_raw.len == s->issuer_len &&
			    !memcmp(c->issuer_raw.p, s->issuer, s->issuer_len))
				return c;
			continue;
		}
		if (c->v3_ext.p &&
		    !mg_x509_skid(c->v3_ext.p, c->v3_ext.len, &skid,
				  &skid_len) &&
		    skid_len == s->id_len && !memcmp(skid, s->id, skid_len))
			return c;
	}
	return NULL;
}

/**
 * mg_cert_cn() - The subject CN of a certificate, as it is (up to a NUL).
 * @c: The certificate.
 * @buf: Receives the CN, or "?" when there is none.
 * @size: Size of @buf; a longer CN is cut.
 */
void mg_cert_cn(const mbedtls_x509_crt *c, char *buf, size_t size)
{
	const mbedtls_x509_name *n;

	snprintf(buf, size, "?");
	for (n = &c->subject; n; n = n->next) {
		if (!n->oid.p || MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid))
			continue;
		mg_cn_copy(n->val.p, n->val.len, buf, size);
		return;
	}
}

/**
 * mg_cn_copy() - A commonName's value as it is, up to a NUL, for printing.
 * @cn: Its contents octets.
 * @len: Their number.
 * @buf: Receives it; left as it is when the name is empty.
 * @size: Size of @buf; a longer name is cut.
 */
void mg_cn_copy(const u8 *cn, size_t len, char *buf, size_t size)
{
	len = strnlen((const char *)cn, len);
	if (len >= size)
		len = size - 1;
	if (len) {
		memcpy(buf, cn, len);
		buf[len] = '\0';
	}
}

/*
 * What the auth ids of a SignerInfo find in one keyring: a certificate
 * mbedTLS reads (@c), or one with an ML-DSA key (@x), or neither.
 */
struct found {
	mbedtls_x509_crt *c;
	const struct mg_xcert *x;
};

static bool xcert_is(const struct mg_xcert *x, const struct mg_pkcs7_signer *s)
{
	const u8 *skid;
	size_t n;

	if (!s->skid)
		return x->ids.serial_len == s->id_len &&
		       !memcmp(x->ids.serial, s->id, s->id_len) &&
		       x->ids.issuer_len == s->issuer_len &&
		       !memcmp(x->ids.issuer, s->issuer, s->issuer_len);
	return x->ids.ext &&
	       !mg_x509_skid(x->ids.ext, x->ids.ext_len, &skid, &n) &&
	       n == s->id_len && !memcmp(skid, s->id, n);
}

/* mg_find_cert() over @chain, then the ML-DSA certificates @xs. */
static struct found find_key(mbedtls_x509_crt *chain,
			     const struct mg_xcerts *xs,
			     const struct mg_pkcs7_signer *s)
{
	struct found f = { mg_find_cert(chain, s), NULL };
	size_t i;

	for (i = 0; !f.c && i < xs->n; i++) {
		if (xcert_is(&xs->c[i], s)) {
			f.x = &xs->c[i];
			break;
		}
	}
	return f;
}

/* mg_cert_cn() of an ML-DSA certificate. */
static void xcert_cn(const struct mg_xcert *x, char *buf, size_t size)
{
	const u8 *cn;
	size_t len;

	snprintf(buf, size, "?");
	if (!mg_x509_cn(x->ids.subject, x->ids.subject_len, &cn, &len))
		mg_cn_copy(cn, len, buf, size);
}

/**
 * struct signed_msg - What the signature of one SignerInfo signs.
 * @p: The bytes.
 * @len: Their number.
 * @own: The signed attributes as a SET, when there are some (to free).
 * @md: Their digest, when that is what is signed.
 */
struct signed_msg {
	const u8 *p;
	size_t len;
	u8 *own;
	u8 md[MG_DIGEST_MAX];
};

/*
 * pkcs7_digest(): the payload's digest; with signed attributes (on 7.x,
 * the ML-DSA waiver) their messageDigest must be that digest, and the
 * attributes, made a SET, are what is signed: their digest, or themselves
 * for ML-DSA, which hashes what it signs; ML-DSA without them signs the
 * payload itself. Returns a reason.
 */
static enum modguard_reason signed_msg(const struct mg_pkcs7_signer *s,
				       struct mg_digests *d,
				       struct signed_msg *m)
{
	size_t dlen = mg_digest_size(s->hash);
	const u8 *digest;

	memset(m, 0, sizeof(*m));
	if (!s->attrs && s->pkey == MG_PKEY_MLDSA) {
		m->p = d->data;
		m->len = d->len;
		return MODGUARD_REASON_OK;
	}
	digest = mg_digests_get(d, s->hash);
	if (!digest)
		return MODGUARD_REASON_UNSUPPORTED_CRYPTO;
	m->p = digest;
	m->len = dlen;
	if (!s->attrs)
		return MODGUARD_REASON_OK;
	if (!s->msgdigest)
		return MODGUARD_REASON_BAD_SIGNATURE;
	if (s->msgdigest_len != dlen)
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	if (memcmp(s->msgdigest, digest, dlen))
		return MODGUARD_REASON_BAD_SIGNATURE;
	m->own = malloc(s->attrs_len);
	if (!m->own)
		return MODGUARD_REASON_INTERNAL_ERROR;
	memcpy(m->own, s->attrs, s->attrs_len);
	m->own[0] = 0x31;	/* [0] IMPLICIT becomes SET OF */
	m->p = m->own;
	m->len = s->attrs_len;
	if (s->pkey == MG_PKEY_MLDSA)
		return MODGUARD_REASON_OK;
	if (mg_digest(s->hash, m->own, s->attrs_len, m->md))
		return MODGUARD_REASON_INTERNAL_ERROR;
	m->p = m->md;
	m->len = dlen;
	return MODGUARD_REASON_OK;
}

/* Whether libcrypto verifies the ML-DSA signature of @s over @m. */
static bool mldsa_verify(EVP_PKEY *key, const struct mg_pkcs7_signer *s,
			 const struct signed_msg *m)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok;

	/* Pure ML-DSA with an empty context string, as mldsa_verify(). */
	ok = ctx &&
	     EVP_DigestVerifyInit_ex(ctx, NULL, NULL, NULL, NULL, key,
				     NULL) == 1 &&
	     EVP_DigestVerify(ctx, s->sig, s->sig_len, m->p, m->len) == 1;
	EVP_MD_CTX_free(ctx);
	ERR_clear_error();
	return ok;
}

/*
 * public_key_verify_signature() of one SignerInfo with the key found:
 * whether the signature verifies. Whatever it says of one that does not
 * (a key of another algorithm or ML-DSA parameter set, a signature of the
 * wrong length or encoding, an ML-DSA signature over signed attributes
 * hashed with other than sha512 or on a kernel without ML-DSA's code, or
 * one that does not match),
 * pkcs7_validate_trust_one() makes it -EKEYREJECTED: bad-signature.
 *
 * libcrypto checks first: it verifies 2-4 times faster than mbedTLS 2.28
 * and a signature it accepts is one mbedTLS accepts. Whatever it refuses
 * goes to mbedTLS, which decides: so an ECDSA signature with non-minimal
 * DER integers, which libcrypto refuses and mbedTLS and the kernel take,
 * still verifies. ML-DSA is libcrypto's alone.
 */
static bool check_sig(struct mg_trust *t, struct found f,
		      const struct mg_pkcs7_signer *s,
		      const struct signed_msg *m)
{
	mbedtls_pk_type_t type;

	if (f.x)
		return t->mldsa_crypto && s->pkey == MG_PKEY_MLDSA &&
		       !strcmp(s->mldsa, f.x->mldsa) &&
		       (!s->attrs || s->hash == MG_HASH_SHA512) &&
		       mldsa_verify(f.x->pkey, s, m);
	type = mbedtls_pk_get_type(&f.c->pk);
	if (s->pkey == MG_PKEY_RSA) {
		if (type != MBEDTLS_PK_RSA ||
		    s->sig_len != mbedtls_pk_get_len(&f.c->pk))
			return false;
	} else if (s->pkey != MG_PKEY_ECDSA ||
		   (type != MBEDTLS_PK_ECKEY && type != MBEDTLS_PK_ECDSA)) {
		return false;
	}
	return evp_verify(evp_key(t, f.c), s, m->p, m->len) ||
	       !mbedtls_pk_verify(&f.c->pk, md_types[s->hash], m->p, m->len,
				  s->sig, s->sig_len);
}

/*
 * pkcs7_verify(): what each SignerInfo signs, every digest compared
 * before any key is looked for; then pkcs7_validate_trust() over the
 * SignerInfos: a signature that fails with a key found refuses the module
 * whatever the others say; otherwise one trusted signer is enough;
 * otherwise untrusted-key. Fills in the fields of the first signer, whose
 * key is @first.
 */
static enum modguard_reason check_signers(const struct mg_pkcs7 *p7,
					  struct found first,
					  struct mg_digests *d,
					  struct mg_trust *t,
					  struct mg_verify_result *r)
{
	enum modguard_reason verdict = MODGUARD_REASON_UNTRUSTED_KEY;
	struct signed_msg msg[MG_PKCS7_MAX_SIGNERS];
	enum modguard_reason reason;
	const struct mg_pkcs7_signer *s;
	const u8 *digest;
	unsigned int i, n;
	struct found f;

	s = &p7->signers[0];
	r->hash = mg_pkcs7_hash_name(s->hash);
	digest = mg_digests_get(d, s->hash);
	if (digest)
		mg_hex(digest, mg_digest_size(s->hash), r->sig_digest);
	if (first.c)
		mg_cert_cn(first.c, r->key, sizeof(r->key));
	else if (first.x)
		xcert_cn(first.x, r->key, sizeof(r->key));

	for (n = 0; n < p7->n_signers; n++) {
		reason = signed_msg(&p7->signers[n], d, &msg[n]);
		if (reason != MODGUARD_REASON_OK) {
			n++;
			goto out;
		}
	}
	for (i = 0; i < p7->n_signers; i++) {
		s = &p7->signers[i];
		f = i ? find_key(&t->certs, &t->xcerts, s) : first;
		if (!f.c && !f.x)
			continue;
		if (!check_sig(t, f, s, &msg[i])) {
			reason = MODGUARD_REASON_BAD_SIGNATURE;
			goto out;
		}
		verdict = MODGUARD_REASON_OK;
	}
	reason = verdict;
out:
	for (i = 0; i < n; i++)
		free(msg[i].own);
	return reason;
}

/* A signer whose certificate is on the revocation list verifies with it. */
static bool revoked_signer(const struct mg_pkcs7 *p7, struct mg_digests *d,
			   struct mg_trust *t)
{
	const struct mg_pkcs7_signer *s;
	struct signed_msg m;
	struct found f;
	unsigned int i;
	bool revoked = false;

	for (i = 0; i < p7->n_signers && !revoked; i++) {
		s = &p7->signers[i];
		f = find_key(&t->revoked, &t->xrevoked, s);
		if (!f.c && !f.x)
			continue;
		revoked = signed_msg(s, d, &m) == MODGUARD_REASON_OK &&
			  check_sig(t, f, s, &m);
		free(m.own);
	}
	return revoked;
}

/*
 * The signer column: the key the sid finds, by its subject key identifier,
 * as signer= rules and the kernel's audit record name it (kernel/
 * keyring.c); "?" when no certificate is found or it has no SKID.
 */
static void signer_hex(struct found f, char *buf)
{
	const u8 *skid;
	size_t n;
	int err = -1;

	strcpy(buf, "?");
	if (f.c && f.c->v3_ext.p)
		err = mg_x509_skid(f.c->v3_ext.p, f.c->v3_ext.len, &skid, &n);
	else if (f.x && f.x->ids.ext)
		err = mg_x509_skid(f.x->ids.ext, f.x->ids.ext_len, &skid, &n);
	if (!err && n && n <= MODGUARD_SIGNER_ID_MAX)
		mg_hex(skid, n, buf);
}

/**
 * mg_signature_parse() - Parse a module's signature once: the PKCS#7,
 * and the signer id as kernel/verify.c reads it.
 * @m: A module read by mg_module_read() with a well-formed trailer.
 * @flags: For mg_pkcs7_parse().
 * @sig: Filled in; it points into @m.
 */
void mg_signature_parse(const struct mg_module *m, unsigned int flags,
			struct mg_signature *sig)
{
	memset(sig, 0, sizeof(*sig));
	sig->p7_err = mg_pkcs7_parse(m->t.sig, m->t.sig_len, flags, &sig->p7);
	/*
	 * kernel/verify.c: one SignerInfo, in DER, no certificates, or not
	 * attributable.
	 */
	sig->have_sid = !modguard_pkcs7_signer_id(m->t.sig, m->t.sig_len,
						  &sig->sid) &&
			sig->sid.signers == 1 && !sig->sid.certs;
}

/* The verdict on a parsed signature; fills in the fields of the signer. */
static enum modguard_reason signature_verdict(struct mg_module *m,
					      struct mg_signature *sig,
					      struct mg_trust *trust,
					      struct mg_verify_result *r)
{
	enum modguard_reason reason;
	struct found f;

	switch (sig->p7_err) {
	case 0:
		break;
	case MG_PKCS7_EUNSUPPORTED:
		r->unsupported = sig->p7.unsupported;
		/*
		 * kernel/verify.c names the key the sid finds before the
		 * PKCS#7 code refuses the algorithm; the walk stopped in that
		 * SignerInfo after its sid.
		 */
		if (sig->have_sid) {
			f = find_key(&trust->certs, &trust->xcerts,
				     &sig->p7.signers[0]);
			sig->cert = f.c;
			sig->xcert = f.x;
			signer_hex(f, r->signer);
		}
		return MODGUARD_REASON_UNSUPPORTED_CRYPTO;
	default:
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	}
	f = find_key(&trust->certs, &trust->xcerts, &sig->p7.signers[0]);
	sig->cert = f.c;
	sig->xcert = f.x;
	if (!sig->have_sid)
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	signer_hex(f, r->signer);

	/* pkcs7_supply_detached_data(): -EINVAL */
	if (sig->p7.has_content)
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	/*
	 * pkcs7_verify(VERIFYING_MODULE_SIGNATURE): "not pkcs7-data" and
	 * "has authattrs" are -EKEYREJECTED before any digest is compared,
	 * so signedAttrs refuse a module even when their messageDigest and
	 * signature are right; on 7.x (with ML-DSA known), unless the
	 * first SignerInfo is ML-DSA: OpenSSL before 4.0 cannot sign ML-DSA
	 * without them, so the kernel has a waiver
	 * (CONFIG_PKCS7_WAIVE_AUTHATTRS_REJECTION_FOR_MLDSA) that modguardctl
	 * takes to be set unless told otherwise (trust->mldsa_attrs).
	 */
	if (!sig->p7.data_type_ok ||
	    (sig->p7.has_attrs &&
	     (sig->p7.signers[0].pkey != MG_PKEY_MLDSA || !trust->mldsa_attrs)))
		return MODGUARD_REASON_BAD_SIGNATURE;
	reason = check_signers(&sig->p7, f, &m->d, trust, r);
	/*
	 * verify_pkcs7_message_sig() asks the revocation list before the
	 * trusted keys: a signer on it is refused either way.
	 */
	if ((reason == MODGUARD_REASON_OK ||
	     reason == MODGUARD_REASON_UNTRUSTED_KEY) &&
	    revoked_signer(&sig->p7, &m->d, trust))
		reason = MODGUARD_REASON_REVOKED_KEY;
	return reason;
}

/**
 * mg_verify_module() - The verdict on a module's signature: what verify
 * says about it.
 * @m: A module read by mg_module_read(); its payload digests are used.
 * @trust: The trusted and the revoked certificates.
 * @sig: Receives the parsed signature (valid as long as @m and @trust),
 *       for a caller that looks further at it; or NULL.
 * @r: Filled in.
 */
void mg_verify_module(struct mg_module *m, struct mg_trust *trust,
		      struct mg_signature *sig, struct mg_verify_result *r)
{
	struct mg_signature own;

	memset(r, 0, sizeof(*r));
	strcpy(r->signer, "?");
	strcpy(r->key, "?");
	strcpy(r->sig_digest, "?");
	r->hash = "?";
	if (!sig)
		sig = &own;
	memset(sig, 0, sizeof(*sig));

	/*
	 * The digest policy rules name, as hash prints it: of the payload,
	 * or of the whole image when the trailer is not one (hash too).
	 */
	if (mg_module_digest(m, r->digest))
		strcpy(r->digest, "?");
	r->reason = m->treason;
	/* kernel/verify.c: still compressed, so nothing to check. */
	if (m->nested)
		r->reason = MODGUARD_REASON_UNVERIFIABLE;
	if (r->reason != MODGUARD_REASON_OK)
		return;
	mg_signature_parse(m, trust->mldsa ? MG_PKCS7_MLDSA : 0, sig);
	r->reason = signature_verdict(m, sig, trust, r);
}

/*
 * The payload decompressed. Kbuild appends the uncompressed size (4
 * bytes) to the compressor's stream; the decompressors here want the
 * stream alone, so that is tried first.
 */
static int payload_image(const u8 *payload, size_t plen, size_t max,
			 struct mg_kcerts *k, size_t *len)
{
	enum mg_compression c = mg_compression_of(payload, plen);
	const char *why;
	int err;

	if (c == MG_COMP_NONE) {
		snprintf(k->format, sizeof(k->format), "bzImage");
		return -ENOTSUP;
	}
	snprintf(k->format, sizeof(k->format), "bzImage (%s)",
		 mg_compression_name(c));
	err = -EINVAL;
	if (plen > 4)
		err = mg_decompress(c, payload, plen - 4, max,
				    &k->buf, len, &why);
	if (err == -EINVAL)
		err = mg_decompress(c, payload, plen, max,
				    &k->buf, len, &why);
	return err;
}

/*
 * The major version in the "Linux version X.Y..." banner (init/version.c's
 * linux_banner) of a decompressed kernel image; 0 when there is none.
 */
static unsigned int banner_major(const u8 *image, size_t len)
{
	static const char banner[] = "Linux version ";
	const u8 *p = image, *end = image + len;
	unsigned int major;

	while ((p = memmem(p, end - p, banner, sizeof(banner) - 1))) {
		p += sizeof(banner) - 1;
		for (major = 0; p < end && *p >= '0' && *p <= '9' &&
		     major < 1000; p++)
			major = major * 10 + (*p - '0');
		if (major && p < end && *p == '.')
			return major;
	}
	return 0;
}

/**
 * mg_kernel_certs() - Read a kernel image and find its certificate lists.
 * @path: A vmlinux or a bzImage (gzip, xz or zstd payload).
 * @max: Refuse a file, or a decompressed payload, of more bytes.
 * @k: Filled in; release with mg_kernel_certs_free() in every case.
 * @quiet: No message on failure.
 *
 * Return: 0, or -1 (with a message unless @quiet).
 */
int mg_kernel_certs(const char *path, size_t max, struct mg_kcerts *k,
		    bool quiet)
{
	const u8 *image, *payload;
	const char *why = NULL;
	size_t len, plen;
	char buf[256];
	int err;

	memset(k, 0, sizeof(*k));
	err = mg_read_input(path, max, &k->file, &len);
	if (err) {
		snprintf(buf, sizeof(buf), "%s",
			 err == -EFBIG ? "larger than --max-size" :
			 strerror(-err));
		why = buf;
		goto out_err;
	}
	image = k->file;
	snprintf(k->format, sizeof(k->format), "vmlinux");
	err = mg_bzimage_payload(k->file, len, &payload, &plen);
	if (err == -EINVAL) {
		why = "a bzImage whose payload lies outside the file";
		goto out_err;
	}
	if (!err) {
		err = payload_image(payload, plen, max, k, &len);
		if (err) {
			snprintf(buf, sizeof(buf),
				 "%s: cannot decompress the kernel (%s)",
				 k->format, err == -ENOTSUP ?
				 "gzip, xz and zstd only" : strerror(-err));
			why = buf;
			goto out_err;
		}
		image = k->buf;
	}
	k->major = banner_major(image, len);
	err = mg_kcerts_find(image, len, k);
	if (err == -E2BIG) {
		snprintf(buf, sizeof(buf),
			 "more than %d certificates in one list", MG_KCERTS_MAX);
		why = buf;
	} else if (err) {
		snprintf(buf, sizeof(buf),
			 "%s: no system certificate list found (not a kernel image, or one without CONFIG_SYSTEM_TRUSTED_KEYRING)",
			 k->format);
		why = buf;
	}
	if (!why)
		return 0;
out_err:
	if (!quiet)
		mg_err("%s: %s", path, why);
	return -1;
}

void mg_kernel_certs_free(struct mg_kcerts *k)
{
	free(k->buf);
	free(k->file);
	k->buf = NULL;
	k->file = NULL;
}

