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

/*
 * The name of the first certificate in @data whose key is ML-DSA, which
 * mbedTLS cannot read (libcrypto parses the certificate even when it
 * cannot use the key); NULL when there is none. @pem: @data is PEM text,
 * NUL-terminated; otherwise one DER certificate.
 */
static const char *mldsa_cert(const unsigned char *data, size_t len,
			      bool pem)
{
	const char *found = NULL;
	ASN1_OBJECT *obj;
	BIO *bio;
	X509 *x;

	bio = BIO_new_mem_buf(data, len > INT_MAX ? INT_MAX : (int)len);
	if (!bio)
		return NULL;
	while (!found) {
		x = pem ? PEM_read_bio_X509(bio, NULL, NULL, NULL) :
			  d2i_X509_bio(bio, NULL);
		if (!x)
			break;
		if (X509_PUBKEY_get0_param(&obj, NULL, NULL, NULL,
					   X509_get_X509_PUBKEY(x)))
			found = mg_mldsa_name(OBJ_get0_data(obj),
					      OBJ_length(obj));
		X509_free(x);
		if (!pem)
			break;
	}
	BIO_free(bio);
	ERR_clear_error();
	return found;
}

/**
 * mg_load_certs() - Parse certificate files into one chain.
 * @files: The files read (DER, or PEM with one or more certificates).
 * @n: How many.
 * @chain: Initialised and filled in; freed again on failure.
 * @quiet: No message on failure.
 *
 * Return: 0, or -1 (with a message unless @quiet).
 */
int mg_load_certs(const struct mg_cert_file *files, size_t n,
		  mbedtls_x509_crt *chain, bool quiet)
{
	const struct mg_cert_file *f;
	const char *mldsa;
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
		/* > 0: that many PEM certificates were not parsed. */
		mldsa = quiet || !f->len ? NULL :
			mldsa_cert(f->data, f->len, pem);
		if (mldsa) {
			mg_err("%s: a certificate has an %s key, which modguardctl does not read (Linux 7.0 and later verify ML-DSA module signatures; modguardctl verifies none)",
			       f->name, mldsa);
		} else if (!quiet) {
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
 * Parse DER certificates into @chain; the number that did not parse, of
 * which @mldsa have an ML-DSA key.
 */
static unsigned int add_der(const struct mg_kcert_list *l,
			    mbedtls_x509_crt *chain, unsigned int *mldsa)
{
	unsigned int i, bad = 0;

	for (i = 0; i < l->n; i++) {
		if (!mbedtls_x509_crt_parse_der(chain, l->der[i], l->len[i]))
			continue;
		bad++;
		if (mldsa_cert(l->der[i], l->len[i], false))
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

	t->keys = NULL;
	t->n_keys = 0;
	mbedtls_x509_crt_init(&t->revoked);
	if (mg_load_certs(files, n, &t->certs, quiet))
		return -1;
	if (!k)
		return 0;
	bad = add_der(&k->sys, &t->certs, &mldsa) +
	      add_der(&k->rev, &t->revoked, &mldsa);
	if (bad && !quiet)
		mg_err("warning: %u certificate%s of the kernel image could not be parsed and %s ignored%s",
		       bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are",
		       mldsa ? " (ML-DSA keys, which modguardctl does not read)" : "");
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
}

void mg_trust_free(struct mg_trust *t)
{
	free_keys(t);
	mbedtls_x509_crt_free(&t->certs);
	mbedtls_x509_crt_free(&t->revoked);
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
	size_t len;

	snprintf(buf, size, "?");
	for (n = &c->subject; n; n = n->next) {
		if (!n->oid.p || MBEDTLS_OID_CMP(MBEDTLS_OID_AT_CN, &n->oid))
			continue;
		len = strnlen((const char *)n->val.p, n->val.len);
		if (len >= size)
			len = size - 1;
		if (len) {
			memcpy(buf, n->val.p, len);
			buf[len] = '\0';
		}
		return;
	}
}

/*
 * public_key_verify_signature() of one SignerInfo with the key of @c.
 * Returns a reason: a key of the other type, or a signature that does
 * not match, is bad-signature (-EKEYREJECTED); a signature the kernel's
 * decoder would not take (RSA of the wrong length, ECDSA not DER) is
 * malformed-signature (-EINVAL, -EBADMSG).
 *
 * libcrypto checks first: it verifies 2-4 times faster than mbedTLS 2.28
 * and a signature it accepts is one mbedTLS accepts. Whatever it refuses
 * goes to mbedTLS, which decides: so a refusal keeps its reason, and an
 * ECDSA signature with non-minimal DER integers, which libcrypto refuses
 * and mbedTLS and the kernel take, still verifies.
 */
static enum modguard_reason check_sig(struct mg_trust *t, mbedtls_x509_crt *c,
				      const struct mg_pkcs7_signer *s,
				      const u8 *digest, size_t digest_len)
{
	mbedtls_pk_type_t type = mbedtls_pk_get_type(&c->pk);
	int ret;

	if (s->pkey == MG_PKEY_RSA) {
		if (type != MBEDTLS_PK_RSA)
			return MODGUARD_REASON_BAD_SIGNATURE;
		if (s->sig_len != mbedtls_pk_get_len(&c->pk))
			return MODGUARD_REASON_MALFORMED_SIGNATURE;
	} else if (type != MBEDTLS_PK_ECKEY && type != MBEDTLS_PK_ECDSA) {
		return MODGUARD_REASON_BAD_SIGNATURE;
	}
	if (evp_verify(evp_key(t, c), s, digest, digest_len))
		return MODGUARD_REASON_OK;
	ret = mbedtls_pk_verify(&c->pk, md_types[s->hash], digest, digest_len,
				s->sig, s->sig_len);
	if (!ret)
		return MODGUARD_REASON_OK;
	if (s->pkey == MG_PKEY_ECDSA && ret != MBEDTLS_ERR_ECP_VERIFY_FAILED)
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	return MODGUARD_REASON_BAD_SIGNATURE;
}

/*
 * pkcs7_verify() and pkcs7_validate_trust() over the SignerInfos: a
 * signature that fails with a key found refuses the module whatever the
 * others say; otherwise one trusted signer is enough; otherwise
 * untrusted-key. Fills in the fields of the first signer checked, whose
 * certificate is @first (or NULL).
 */
static enum modguard_reason check_signers(const struct mg_pkcs7 *p7,
					  mbedtls_x509_crt *first,
					  struct mg_digests *d,
					  struct mg_trust *t,
					  struct mg_verify_result *r)
{
	enum modguard_reason verdict = MODGUARD_REASON_UNTRUSTED_KEY;
	unsigned int i;

	for (i = 0; i < p7->n_signers; i++) {
		const struct mg_pkcs7_signer *s = &p7->signers[i];
		size_t dlen = mg_digest_size(s->hash);
		enum modguard_reason reason;
		const u8 *digest;
		mbedtls_x509_crt *c;

		digest = mg_digests_get(d, s->hash);
		if (!digest)
			return MODGUARD_REASON_UNSUPPORTED_CRYPTO;
		c = i ? mg_find_cert(&t->certs, s) : first;
		if (i == 0) {
			r->hash = mg_pkcs7_hash_name(s->hash);
			mg_hex(digest, dlen, r->sig_digest);
			if (c)
				mg_cert_cn(c, r->key, sizeof(r->key));
		}
		if (!c)
			continue;
		reason = check_sig(t, c, s, digest, dlen);
		if (reason != MODGUARD_REASON_OK)
			return reason;
		verdict = MODGUARD_REASON_OK;
	}
	return verdict;
}

/* A signer whose certificate is on the revocation list verifies with it. */
static bool revoked_signer(const struct mg_pkcs7 *p7, struct mg_digests *d,
			   struct mg_trust *t)
{
	const u8 *digest;
	mbedtls_x509_crt *c;
	unsigned int i;

	for (i = 0; i < p7->n_signers; i++) {
		const struct mg_pkcs7_signer *s = &p7->signers[i];

		c = mg_find_cert(&t->revoked, s);
		if (!c)
			continue;
		digest = mg_digests_get(d, s->hash);
		if (!digest)
			continue;
		if (check_sig(t, c, s, digest, mg_digest_size(s->hash)) ==
		    MODGUARD_REASON_OK)
			return true;
	}
	return false;
}

/*
 * The signer column: the key the sid finds, by its subject key identifier,
 * as signer= rules and the kernel's audit record name it (kernel/
 * keyring.c); "?" when no certificate is found or it has no SKID.
 */
static void signer_hex(const mbedtls_x509_crt *c, char *buf)
{
	const u8 *skid;
	size_t n;

	strcpy(buf, "?");
	if (c && c->v3_ext.p &&
	    !mg_x509_skid(c->v3_ext.p, c->v3_ext.len, &skid, &n) && n &&
	    n <= MODGUARD_SIGNER_ID_MAX)
		mg_hex(skid, n, buf);
}

/**
 * mg_signature_parse() - Parse a module's signature once: the PKCS#7,
 * and the signer id as kernel/verify.c reads it.
 * @m: A module read by mg_module_read() with a well-formed trailer.
 * @sig: Filled in; it points into @m.
 */
void mg_signature_parse(const struct mg_module *m, struct mg_signature *sig)
{
	memset(sig, 0, sizeof(*sig));
	sig->p7_err = mg_pkcs7_parse(m->t.sig, m->t.sig_len, &sig->p7);
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
			sig->cert = mg_find_cert(&trust->certs,
						 &sig->p7.signers[0]);
			signer_hex(sig->cert, r->signer);
		}
		return MODGUARD_REASON_UNSUPPORTED_CRYPTO;
	default:
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	}
	sig->cert = mg_find_cert(&trust->certs, &sig->p7.signers[0]);
	if (!sig->have_sid)
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	signer_hex(sig->cert, r->signer);

	/* pkcs7_supply_detached_data(): -EINVAL */
	if (sig->p7.has_content)
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	/*
	 * pkcs7_verify(VERIFYING_MODULE_SIGNATURE): "not pkcs7-data" and
	 * "has authattrs" are -EKEYREJECTED before any digest is compared,
	 * so signedAttrs refuse a module even when their messageDigest and
	 * signature are right.
	 */
	if (!sig->p7.data_type_ok || sig->p7.has_attrs)
		return MODGUARD_REASON_BAD_SIGNATURE;
	reason = check_signers(&sig->p7, sig->cert, &m->d, trust, r);
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
	mg_signature_parse(m, sig);
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

