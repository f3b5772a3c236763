// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl verify, scan - check appended module signatures offline
 *
 * The steps and their order are those of the kernel for a module:
 * kernel/module/decompress.c, the trailer split (../kernel/common/trailer.c,
 * shared with the LSM), pkcs7_parse_message(), then
 * pkcs7_supply_detached_data(), pkcs7_verify() with
 * VERIFYING_MODULE_SIGNATURE and pkcs7_validate_trust(), with the
 * certificates given by --cert standing in for the trusted keyrings. Each
 * outcome gets the reason kernel/verify.c gives the same errno, so that
 * verify predicts the reason= of the audit record. mbedTLS parses the
 * certificates and decides on RSA PKCS#1 v1.5 and ECDSA signatures,
 * after libcrypto, which is faster, has had a go (check_sig()); the
 * payload is digested with libcrypto (digest.c), once per algorithm.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "modguardctl.h"
#include "digest.h"
#include "kcerts.h"
#include "pkcs7.h"
#include "trust.h"
#include "sigid.h"
#include "trailer.h"

#define MAX_JOBS	1024

struct verify_opts {
	bool json;
	unsigned int jobs;
	const char **certs;
	size_t n_certs;
	const char *kernel;
	struct mg_kcerts kc;	/* when @kernel is set */
};

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
};
static_assert(ARRAY_SIZE(md_types) == __MG_HASH_MAX,
	      "md_types must map every enum mg_pkcs7_hash");

/**
 * mg_load_certs() - Parse certificate files into one chain.
 * @certs: The files (DER, or PEM with one or more certificates).
 * @n: How many.
 * @chain: Initialised and filled in; freed again on failure.
 * @quiet: No message on failure.
 *
 * Return: 0, or -1 (with a message unless @quiet).
 */
int mg_load_certs(const char *const *certs, size_t n, mbedtls_x509_crt *chain,
		  bool quiet)
{
	size_t i;
	int ret;

	mbedtls_x509_crt_init(chain);
	for (i = 0; i < n; i++) {
		/* > 0: that many PEM certificates were not parsed. */
		ret = mbedtls_x509_crt_parse_file(chain, certs[i]);
		if (ret) {
			if (!quiet) {
				char buf[128];

				mbedtls_strerror(ret < 0 ? ret : 0, buf,
						 sizeof(buf));
				mg_err("%s: not a certificate file (%s)",
				       certs[i],
				       ret < 0 ? buf : "a certificate did not parse");
			}
			mbedtls_x509_crt_free(chain);
			return -1;
		}
	}
	return 0;
}

/* Parse DER certificates into @chain; the number that did not parse. */
static unsigned int add_der(const struct mg_kcert_list *l,
			    mbedtls_x509_crt *chain)
{
	unsigned int i, bad = 0;

	for (i = 0; i < l->n; i++)
		if (mbedtls_x509_crt_parse_der(chain, l->der[i], l->len[i]))
			bad++;
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
int mg_trust_load(const char *const *files, size_t n,
		  const struct mg_kcerts *k, struct mg_trust *t, bool quiet)
{
	unsigned int bad;

	t->keys = NULL;
	t->n_keys = 0;
	mbedtls_x509_crt_init(&t->revoked);
	if (mg_load_certs(files, n, &t->certs, quiet))
		return -1;
	if (!k)
		return 0;
	bad = add_der(&k->sys, &t->certs) + add_der(&k->rev, &t->revoked);
	if (bad && !quiet)
		mg_err("warning: %u certificate%s of the kernel image could not be parsed and %s ignored",
		       bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
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

/* A CN for the text line: spaces, controls and backslashes as \xHH. */
static void print_key(const char *key)
{
	const unsigned char *p;

	for (p = (const unsigned char *)key; *p; p++) {
		if (*p <= 0x20 || *p >= 0x7f || *p == '\\')
			printf("\\x%02x", *p);
		else
			putchar(*p);
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
 * untrusted-key. Fills in the fields of the first signer checked.
 */
static enum modguard_reason check_signers(const struct mg_pkcs7 *p7,
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
		c = mg_find_cert(&t->certs, s);
		if (i == 0) {
			r->hash = mg_pkcs7_hash_name(s->hash);
			mg_hex(digest, dlen, r->digest);
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

/* The signer column: the id of the first SignerInfo, as inspect prints. */
static void signer_hex(const struct mg_pkcs7_signer *s, char *buf)
{
	size_t n = s->id_len;

	if (n > MODGUARD_SIGNER_ID_MAX)
		n = MODGUARD_SIGNER_ID_MAX;
	mg_hex(s->id, n, buf);
}

/**
 * mg_module_read() - Read a module file and decompress it as the loader
 * would.
 * @file: The file; "-" is standard input.
 * @max: Refuse more than this many bytes decompressed.
 * @m: Filled in; release with mg_module_free() whatever the result.
 * @msg: Receives why, on failure.
 * @size: Size of @msg.
 *
 * Return: 0, or a negative errno value (-EFBIG: more than @max).
 */
int mg_module_read(const char *file, size_t max, struct mg_module *m,
		   char *msg, size_t size)
{
	const char *why;
	size_t len;
	int err;

	memset(m, 0, sizeof(*m));
	err = mg_read_input(file, &m->data, &len);
	if (err) {
		snprintf(msg, size, "%s", strerror(-err));
		return err;
	}
	m->image = m->data;
	m->len = len;
	m->comp = mg_compression_of(m->data, len);
	if (m->comp == MG_COMP_NONE)
		return 0;
	err = mg_decompress(m->comp, m->data, len, max, &m->plain, &m->len,
			    &why);
	if (err) {
		snprintf(msg, size, "%s: %s", mg_compression_name(m->comp),
			 err == -EINVAL ? why : strerror(-err));
		return err;
	}
	m->image = m->plain;
	return 0;
}

void mg_module_free(struct mg_module *m)
{
	free(m->plain);
	free(m->data);
	memset(m, 0, sizeof(*m));
}

/* Everything verify says about @file, without printing. */
static void verify_file(const char *file, struct mg_trust *trust,
			struct mg_verify_result *r)
{
	struct mg_module m;

	if (mg_module_read(file, MG_DECOMPRESS_MAX, &m, r->msg,
			   sizeof(r->msg))) {
		memset(r, 0, offsetof(struct mg_verify_result, msg));
		r->error = true;
	} else {
		mg_verify_image(m.image, m.len, m.comp, NULL, trust, r);
	}
	mg_module_free(&m);
}

/**
 * mg_verify_image() - What verify says about one decompressed image.
 * @image: The image, as the loader gets it.
 * @image_len: Its length.
 * @comp: The compression of the file it came from.
 * @d: The digests of the payload the caller has computed already, or
 *     NULL; taken only if they are over the payload of this @image.
 * @trust: The trusted and the revoked certificates.
 * @r: Filled in.
 */
void mg_verify_image(const u8 *image, size_t image_len,
		     enum mg_compression comp, struct mg_digests *d,
		     struct mg_trust *trust, struct mg_verify_result *r)
{
	struct modguard_signer_id sid;
	struct modguard_trailer t;
	struct mg_digests own;
	struct mg_pkcs7 p7;

	memset(r, 0, sizeof(*r));
	strcpy(r->signer, "?");
	strcpy(r->key, "?");
	strcpy(r->digest, "?");
	r->hash = "?";

	r->reason = modguard_trailer_parse(image, image_len, &t);
	if (!d || d->data != image || d->len != t.payload_len) {
		mg_digests_init(&own, image, t.payload_len);
		d = &own;
	}
	if (r->reason == MODGUARD_REASON_UNSIGNED) {
		const u8 *digest;

		/* kernel/verify.c: still compressed, so nothing to check. */
		if (comp != MG_COMP_NONE &&
		    mg_compression_of(image, image_len) != MG_COMP_NONE)
			r->reason = MODGUARD_REASON_UNVERIFIABLE;
		/* The digest policy rules name, as hash prints it. */
		digest = mg_digests_get(d, MG_HASH_SHA256);
		if (digest) {
			r->hash = "sha256";
			mg_hex(digest, mg_digest_size(MG_HASH_SHA256),
			       r->digest);
		}
	}
	if (r->reason != MODGUARD_REASON_OK)
		return;

	switch (mg_pkcs7_parse(t.sig, t.sig_len, &p7)) {
	case 0:
		break;
	case MG_PKCS7_EUNSUPPORTED:
		r->reason = MODGUARD_REASON_UNSUPPORTED_CRYPTO;
		return;
	default:
		r->reason = MODGUARD_REASON_MALFORMED_SIGNATURE;
		return;
	}
	/* kernel/verify.c: one SignerInfo, in DER, or not attributable. */
	if (modguard_pkcs7_signer_id(t.sig, t.sig_len, &sid) ||
	    sid.signers != 1) {
		r->reason = MODGUARD_REASON_MALFORMED_SIGNATURE;
		return;
	}
	signer_hex(&p7.signers[0], r->signer);

	if (p7.has_content) {
		/* pkcs7_supply_detached_data(): -EINVAL */
		r->reason = MODGUARD_REASON_MALFORMED_SIGNATURE;
	} else if (!p7.data_type_ok || p7.has_attrs) {
		/*
		 * pkcs7_verify(VERIFYING_MODULE_SIGNATURE): "not pkcs7-data"
		 * and "has authattrs" are -EKEYREJECTED before any digest is
		 * compared, so signedAttrs refuse a module even when their
		 * messageDigest and signature are right.
		 */
		r->reason = MODGUARD_REASON_BAD_SIGNATURE;
	} else {
		r->reason = check_signers(&p7, d, trust, r);
		/*
		 * verify_pkcs7_message_sig() asks the revocation list before
		 * the trusted keys: a signer on it is refused either way.
		 */
		if ((r->reason == MODGUARD_REASON_OK ||
		     r->reason == MODGUARD_REASON_UNTRUSTED_KEY) &&
		    revoked_signer(&p7, d, trust))
			r->reason = MODGUARD_REASON_REVOKED_KEY;
	}
}

/* A value of the result in JSON: "?" (absent) is null. */
static void json_value(const char *key, const char *v)
{
	printf(",\"%s\":", key);
	mg_json_opt(stdout, v);
}

/*
 * One file: the verify line, or in JSON an object with the same keys
 * for every file, one that could not be read included (verdict "error",
 * its message in "error").
 */
static void print_result(const char *file, const struct mg_verify_result *r,
			 bool json)
{
	const char *verdict = r->error ? "error" :
			      r->reason == MODGUARD_REASON_OK ? "ok" : "refused";

	if (!json) {
		printf("%s: %s reason=%s signer=%s key=", file, verdict,
		       modguard_reason_name(r->reason), r->signer);
		print_key(r->key);
		printf(" hash=%s digest=%s\n", r->hash, r->digest);
		return;
	}
	fputs("{\"file\":", stdout);
	mg_json_string(stdout, file);
	printf(",\"verdict\":\"%s\"", verdict);
	json_value("reason", r->error ? NULL : modguard_reason_name(r->reason));
	json_value("signer", r->error ? NULL : r->signer);
	json_value("key", r->error ? NULL : r->key);
	json_value("hash", r->error ? NULL : r->hash);
	json_value("digest", r->error ? NULL : r->digest);
	json_value("error", r->error ? r->msg : NULL);
	fputs("}\n", stdout);
}

/* Options of verify and scan; 0 when parsed, else the exit status. */
static int parse_opts(const struct mg_cmd *cmd, int argc, char *argv[],
		      struct verify_opts *o)
{
	int status, c;
	char *end;
	long n;

	o->certs = calloc(argc, sizeof(*o->certs));
	if (!o->certs) {
		mg_err("out of memory");
		return MG_EXIT_FAILED;
	}
	while ((c = mg_getopt(cmd, argc, argv, &status)) != -1) {
		switch (c) {
		case 'c':
			o->certs[o->n_certs++] = optarg;
			break;
		case 'j':
			o->json = true;
			break;
		case 'k':
			if (o->kernel)
				return mg_usage_error(cmd, "--kernel given twice");
			o->kernel = optarg;
			break;
		case MG_LONG_ONLY + 'J':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || end == optarg || n < 1 ||
			    n > MAX_JOBS)
				return mg_usage_error(cmd,
						      "invalid number of jobs '%s'",
						      optarg);
			o->jobs = n;
			break;
		case MG_OPT_EXIT:
			return status ? status : -1;
		}
	}
	if (optind >= argc)
		return mg_usage_error(cmd, "missing %s", cmd->args);
	if (o->kernel && mg_kernel_certs(o->kernel, &o->kc, false))
		return MG_EXIT_FAILED;
	if (!o->n_certs && !o->kernel)
		mg_err("no trust anchor given: every signed module will be refused as untrusted-key (give one with --cert FILE or --kernel IMAGE)");
	return 0;
}

static void free_opts(struct verify_opts *o)
{
	if (o->kernel)
		mg_kernel_certs_free(&o->kc);
	free(o->certs);
}

static int cmd_verify(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct verify_opts o = { 0 };
	struct mg_verify_result r;
	struct mg_trust trust;
	int status, i;

	status = parse_opts(cmd, argc, argv, &o);
	if (status) {
		free_opts(&o);
		return status < 0 ? MG_EXIT_OK : status;
	}
	if (mg_trust_load(o.certs, o.n_certs, o.kernel ? &o.kc : NULL, &trust,
			  false)) {
		free_opts(&o);
		return MG_EXIT_FAILED;
	}
	for (i = optind; i < argc; i++) {
		verify_file(argv[i], &trust, &r);
		if (r.error)
			mg_err("%s: %s", argv[i], r.msg);
		if (!r.error || o.json)
			print_result(argv[i], &r, o.json);
		if (r.error || r.reason != MODGUARD_REASON_OK)
			status = MG_EXIT_FAILED;
		/* Keep output in order with the messages on stderr. */
		fflush(stdout);
	}
	mg_trust_free(&trust);
	free_opts(&o);
	return status;
}

/*
 * scan: the files found, verified by a pool of threads. A path the walk
 * could not read (an unreadable directory, a DIR that does not exist)
 * is an entry too, with its errno, so that it is reported and counted
 * as an error like a module that cannot be read.
 */
struct scan_entry {
	char *path;
	int walk_errno;
};

struct scan {
	const struct verify_opts *o;
	struct scan_entry *files;
	struct mg_verify_result *results;
	size_t n, cap;
	atomic_size_t next;
};

/* nftw() has no user pointer. */
static struct scan *walking;

static bool module_name(const char *path)
{
	static const char *const suffixes[] = {
		".ko", ".ko.xz", ".ko.zst", ".ko.gz" };
	size_t len = strlen(path), i, s;

	for (i = 0; i < ARRAY_SIZE(suffixes); i++) {
		s = strlen(suffixes[i]);
		if (len > s && !strcmp(path + len - s, suffixes[i]))
			return true;
	}
	return false;
}

/* Add @path, with the errno that kept the walk from reading it, or 0. */
static int add_entry(struct scan *sc, const char *path, int err)
{
	struct scan_entry *files;

	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 64;
		files = realloc(sc->files, sc->cap * sizeof(*files));
		if (!files)
			return -1;
		sc->files = files;
	}
	sc->files[sc->n].path = strdup(path);
	if (!sc->files[sc->n].path)
		return -1;
	sc->files[sc->n].walk_errno = err;
	sc->n++;
	return 0;
}

static int walk_one(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DNR || flag == FTW_NS)
		return add_entry(walking, path, errno ? errno : EACCES);
	if (flag != FTW_F || !module_name(path))
		return 0;
	return add_entry(walking, path, 0);
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(((const struct scan_entry *)a)->path,
		      ((const struct scan_entry *)b)->path);
}

/*
 * Each worker parses the certificates itself: mbedTLS caches ECDSA
 * tables in the key and locks RSA contexts, so nothing is shared.
 */
static void *worker(void *arg)
{
	const struct verify_opts *o = ((struct scan *)arg)->o;
	struct scan *sc = arg;
	struct mg_verify_result *r;
	struct mg_trust trust;
	bool loaded;
	size_t i;

	/* cmd_scan() loaded them once: only out of memory fails here. */
	loaded = !mg_trust_load(o->certs, o->n_certs,
				o->kernel ? &o->kc : NULL, &trust, true);
	while ((i = atomic_fetch_add(&sc->next, 1)) < sc->n) {
		r = &sc->results[i];
		if (loaded && !sc->files[i].walk_errno) {
			verify_file(sc->files[i].path, &trust, r);
			continue;
		}
		memset(r, 0, sizeof(*r));
		r->error = true;
		snprintf(r->msg, sizeof(r->msg), "%s",
			 loaded ? strerror(sc->files[i].walk_errno) :
				  "the certificates could not be loaded");
	}
	if (loaded)
		mg_trust_free(&trust);
	return NULL;
}

static void print_summary(const struct scan *sc, const size_t *counts,
			  size_t ok, size_t errors, bool json)
{
	bool first = true;
	unsigned int i;

	if (json) {
		printf("{\"summary\":{\"files\":%zu,\"ok\":%zu,\"refused\":%zu,\"errors\":%zu,\"reasons\":{",
		       sc->n, ok, sc->n - ok - errors, errors);
		for (i = 0; i < __MODGUARD_REASON_MAX; i++) {
			if (!counts[i] || i == MODGUARD_REASON_OK)
				continue;
			printf("%s\"%s\":%zu", first ? "" : ",",
			       modguard_reason_name(i), counts[i]);
			first = false;
		}
		fputs("}}}\n", stdout);
		return;
	}
	printf("summary: files=%zu ok=%zu refused=%zu errors=%zu\n", sc->n,
	       ok, sc->n - ok - errors, errors);
	for (i = 0; i < __MODGUARD_REASON_MAX; i++)
		if (counts[i] && i != MODGUARD_REASON_OK)
			printf("reason=%s count=%zu\n",
			       modguard_reason_name(i), counts[i]);
}

static int cmd_scan(const struct mg_cmd *cmd, int argc, char *argv[])
{
	size_t counts[__MODGUARD_REASON_MAX] = { 0 };
	struct verify_opts o = { 0 };
	struct scan sc = { .o = &o };
	pthread_t threads[MAX_JOBS];
	unsigned int started = 0, t;
	size_t i, ok = 0, errors = 0;
	struct mg_trust trust;
	int status, a;
	long cpus;

	status = parse_opts(cmd, argc, argv, &o);
	if (status) {
		free_opts(&o);
		return status < 0 ? MG_EXIT_OK : status;
	}
	/* Reject a bad --cert once, before any thread does. */
	if (mg_trust_load(o.certs, o.n_certs, o.kernel ? &o.kc : NULL, &trust,
			  false)) {
		free_opts(&o);
		return MG_EXIT_FAILED;
	}
	mg_trust_free(&trust);

	walking = &sc;
	for (a = optind; a < argc; a++) {
		errno = 0;
		if (nftw(argv[a], walk_one, 32, FTW_PHYS) == 0)
			continue;
		/* The DIR itself (ENOENT...), or out of memory in walk_one(). */
		if (errno && errno != ENOMEM && !add_entry(&sc, argv[a], errno))
			continue;
		mg_err("%s: %s", argv[a], strerror(errno ? errno : ENOMEM));
		status = MG_EXIT_FAILED;
	}
	walking = NULL;
	if (sc.n)
		qsort(sc.files, sc.n, sizeof(*sc.files), cmp_path);

	sc.results = calloc(sc.n ? sc.n : 1, sizeof(*sc.results));
	if (!sc.results) {
		mg_err("out of memory");
		status = MG_EXIT_FAILED;
		goto out_free;
	}
	if (!o.jobs) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = cpus < 1 ? 1 : cpus > MAX_JOBS ? MAX_JOBS : cpus;
	}
	if (o.jobs > sc.n)
		o.jobs = sc.n ? sc.n : 1;
	for (t = 0; t < o.jobs; t++) {
		if (pthread_create(&threads[t], NULL, worker, &sc))
			break;
		started++;
	}
	if (!started)
		worker(&sc);
	for (t = 0; t < started; t++)
		pthread_join(threads[t], NULL);

	/* Text: the refused files; JSON: every file, an inventory. */
	for (i = 0; i < sc.n; i++) {
		struct mg_verify_result *r = &sc.results[i];

		if (r->error) {
			mg_err("%s: %s", sc.files[i].path, r->msg);
			errors++;
		} else {
			counts[r->reason]++;
			if (r->reason == MODGUARD_REASON_OK)
				ok++;
		}
		if (o.json || (!r->error && r->reason != MODGUARD_REASON_OK))
			print_result(sc.files[i].path, r, o.json);
		fflush(stdout);
	}
	print_summary(&sc, counts, ok, errors, o.json);
	if (ok != sc.n)
		status = MG_EXIT_FAILED;
out_free:
	for (i = 0; i < sc.n; i++)
		free(sc.files[i].path);
	free(sc.files);
	free(sc.results);
	free_opts(&o);
	return status;
}

static const struct mg_option verify_options[] = {
	{ "cert", required_argument, 'c', "FILE",
	  "A trusted certificate (DER, or PEM with one or more); repeatable" },
	{ "kernel", required_argument, 'k', "IMAGE",
	  "Trust the certificates built into a kernel image (vmlinux or bzImage) and refuse its revoked ones" },
	{ "json", no_argument, 'j', NULL,
	  "One JSON object per file" },
	MG_OPTIONS_END
};

static const struct mg_option scan_options[] = {
	{ "cert", required_argument, 'c', "FILE",
	  "A trusted certificate (DER, or PEM with one or more); repeatable" },
	{ "kernel", required_argument, 'k', "IMAGE",
	  "As for verify" },
	{ "jobs", required_argument, MG_LONG_ONLY + 'J', "N",
	  "Verify with N threads (default: one per online CPU)" },
	{ "json", no_argument, 'j', NULL,
	  "One JSON object per file found (an inventory, errors included), then a summary object" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_verify = {
	.name = "verify",
	.fn = cmd_verify,
	.args = "FILE...",
	.help = "Check module signatures as the kernel would, against given certificates",
	.desc = "Checks the appended signature of each module FILE (\"-\" is standard\n"
		"input) the way the kernel's loader does: decompressed (gzip, xz,\n"
		"zstd), split at the trailer, the PKCS#7 walked with the kernel's rules\n"
		"for module signatures, the signer looked up by issuer and serial or\n"
		"by subjectKeyIdentifier among the --cert certificates, which stand\n"
		"in for the kernel's trusted keyrings. Validity dates are not checked,\n"
		"as the kernel does not. Prints\n"
		"  FILE: ok|refused reason=NAME signer=HEX key=CN hash=ALG digest=HEX\n"
		"where reason is what modguard would log, key the subject CN of the\n"
		"certificate found (spaces as \\x20), digest the payload's digest with\n"
		"the signature's hash (sha256 for an unsigned module); ? when absent.\n"
		"With --kernel IMAGE (a vmlinux, or a bzImage whose gzip, xz or zstd\n"
		"payload is decompressed), the certificates built into that kernel are\n"
		"trusted too (its system certificate list: see 'certs') and those of its\n"
		"revocation list refuse a module as revoked-key. Keys added at run time\n"
		"(.secondary, .machine, .modguard) and the hash blacklist are not known\n"
		"here: diagnose reads them from the running kernel. Without --cert or\n"
		"--kernel nothing is trusted: a line on stderr says so, and every\n"
		"signed module is refused as untrusted-key.\n"
		"With --json, one object per FILE, one that could not be read included:\n"
		"  {\"file\":F,\"verdict\":\"ok\"|\"refused\"|\"error\",\"reason\":R,\"signer\":S,\n"
		"   \"key\":K,\"hash\":H,\"digest\":D,\"error\":MESSAGE}\n"
		"with null for what is absent (error is null unless the verdict is error).\n"
		"Exit status 0 when every file is ok, 1 when one is refused or\n"
		"unreadable.",
	.options = verify_options,
};

const struct mg_cmd mg_cmd_scan = {
	.name = "scan",
	.fn = cmd_scan,
	.args = "DIR...",
	.help = "Verify every module under directories, in parallel",
	.desc = "Walks each DIR (symbolic links are not followed) for files named\n"
		"*.ko, *.ko.xz, *.ko.zst and *.ko.gz, verifies them as verify does\n"
		"with a thread per CPU, and prints, sorted by path, the verify line\n"
		"of each refused file, then\n"
		"  summary: files=N ok=N refused=N errors=N\n"
		"and one \"reason=NAME count=N\" line per reason met. A file, a\n"
		"directory or a DIR that cannot be read is an error, with a message on\n"
		"stderr, and is counted in files= and errors=. With --json, the verify\n"
		"object of every file found, sorted by path (an inventory: verdict,\n"
		"reason, signer, digest; the errors with their message), then\n"
		"{\"summary\":{\"files\":N,\"ok\":N,\"refused\":N,\"errors\":N,\"reasons\":{R:N}}}.\n"
		"Without --cert or --kernel, as for verify. Exit status 0 when every\n"
		"module would load, 1 otherwise.",
	.options = scan_options,
};
