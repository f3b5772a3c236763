// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - signature verification against the kernel's keyrings
 *
 * The steps of the loader's module_sig_check() and
 * verify_pkcs7_signature(), taken one at a time so that each failure gets
 * its own reason:
 *
 *   trailer (trailer.c, shared with modguardctl)
 *   -> .blacklist bin: hash of the image       blacklisted-hash
 *   -> parse the PKCS#7                        malformed-signature,
 *                                              unsupported-crypto
 *   -> signature over the payload, then trust: builtin + secondary (and
 *      .machine through it), then .modguard, then .platform if enabled
 *                                              bad-signature, revoked-key,
 *                                              untrusted-key
 */

#include <linux/cred.h>
#include <linux/errno.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/verification.h>
#include <crypto/pkcs7.h>
#include <keys/asymmetric-type.h>
#include <keys/system_keyring.h>

#include "modguard.h"
#include "audit.h"
#include "compat.h"
#include "common/compress.h"
#include "state.h"
#include "common/trailer.h"
#include "keyring.h"
#include "verify.h"

static enum modguard_reason reason_from_errno(int err)
{
	switch (err) {
	case 0:
		return MODGUARD_REASON_OK;
	case -ENOKEY:
		return MODGUARD_REASON_UNTRUSTED_KEY;
	case -EKEYREJECTED:
	case -EKEYEXPIRED:
		return MODGUARD_REASON_BAD_SIGNATURE;
	case -EBADMSG:
	case -EINVAL:
	case -ENODATA:
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	case -ENOPKG:
		return MODGUARD_REASON_UNSUPPORTED_CRYPTO;
	default:
		return MODGUARD_REASON_INTERNAL_ERROR;
	}
}

/*
 * Hash the payload and, continuing from the same state, the whole image:
 * one pass over the bytes for both digests, and the only one for a sha256
 * signature, which is checked against the payload digest (verify_trust()).
 */
static void digests(const u8 *image, size_t len, size_t payload_len,
		    u8 *payload_digest, u8 *image_digest)
{
	struct modguard_sha256_ctx payload, whole;

	sha256_init(&payload);
	sha256_update(&payload, image, payload_len);
	whole = payload;
	sha256_final(&payload, payload_digest);
	sha256_update(&whole, image + payload_len, len - payload_len);
	sha256_final(&whole, image_digest);
	memzero_explicit(&whole, sizeof(whole));
}

/* 0, -EKEYREJECTED when listed, or another error from the lookup. */
static int blacklisted(const u8 *digest)
{
	return is_hash_blacklisted(digest, SHA256_DIGEST_SIZE,
				   BLACKLIST_HASH_BINARY);
}

/*
 * @digest: sha256 of @payload, computed by prepare(): a sha256 signature
 *          uses it instead of hashing the payload a second time.
 * @only: a keyring to use instead of the system chain (KUnit), or NULL.
 * @system: set when the secondary trusted keyring verified, the call the
 *          loader's mod_verify_sig() makes.
 */
static int verify_trust(const u8 *payload, size_t payload_len,
			const u8 *digest, struct pkcs7_message *pkcs7,
			struct key *only, bool *system)
{
	struct key *modguard_keys = modguard_keyring();
	int ret;

	/*
	 * Fails only for a message that carries content of its own, which
	 * verify_pkcs7_message_sig() would refuse in the same way.
	 */
	if (pkcs7_supply_detached_data_digest(pkcs7, payload, payload_len,
					      digest, SHA256_DIGEST_SIZE,
					      HASH_ALGO_SHA256))
		return -EBADMSG;
	ret = verify_pkcs7_message_sig(NULL, 0, pkcs7,
				       only ? only :
				       VERIFY_USE_SECONDARY_KEYRING,
				       VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	if (only)
		goto out;
	*system = !ret;
	if (ret == -ENOKEY && modguard_keys)
		ret = verify_pkcs7_message_sig(NULL, 0, pkcs7, modguard_keys,
					       VERIFYING_MODULE_SIGNATURE,
					       NULL, NULL);
	if (ret == -ENOKEY && modguard_platform_keyring())
		ret = verify_pkcs7_message_sig(NULL, 0, pkcs7,
					       VERIFY_USE_PLATFORM_KEYRING,
					       VERIFYING_MODULE_SIGNATURE,
					       NULL, NULL);
out:
	/*
	 * verify_pkcs7_message_sig() returns -EKEYREJECTED both for a
	 * signature that does not match and for a signer on the revocation
	 * list: ask the revocation list which one it was.
	 */
	if (ret == -EKEYREJECTED && is_key_on_revocation_list(pkcs7) == -EKEYREJECTED)
		return -EKEYREVOKED;
	return ret;
}

/* @only: as for verify_trust(). */
static void prepare(const void *image, size_t len, bool sig_ignored,
		    struct key *only, struct modguard_verdict *v)
{
	u8 image_digest[SHA256_DIGEST_SIZE];
	struct modguard_signer_id sid;
	struct modguard_trailer t;
	enum modguard_reason reason;
	int ret;

	v->pending = false;
	v->system_verified = false;
	v->attributable = false;
	v->have_signer = false;
	v->signer_lookup = 0;
	reason = modguard_trailer_parse(image, len, &t);
	/*
	 * With the project's module patch, a compressed file reaches the
	 * post-read hook decompressed. Compressed bytes here mean a caller
	 * passed a compressed file without MODULE_INIT_COMPRESSED_FILE (the
	 * loader will refuse it as not ELF), or init_module got them: either
	 * way the signature inside cannot be checked.
	 */
	if (reason == MODGUARD_REASON_UNSIGNED &&
	    modguard_compression_of(image, len) != MODGUARD_COMP_NONE) {
		v->reason = MODGUARD_REASON_UNVERIFIABLE;
		return;
	}

	digests(image, len, t.payload_len, v->digest, image_digest);
	v->have_digest = true;
	v->payload_len = t.payload_len;

	/*
	 * A bin: hash in .blacklist bans the module, signed or not. Debian's
	 * loader hashes the whole image; the payload digest is the module's
	 * identity whatever signs it. Either one bans it.
	 */
	ret = blacklisted(image_digest);
	if (!ret)
		ret = blacklisted(v->digest);
	if (ret) {
		v->reason = ret == -EKEYREJECTED ?
			    MODGUARD_REASON_BLACKLISTED_HASH :
			    MODGUARD_REASON_INTERNAL_ERROR;
		return;
	}

	if (sig_ignored) {
		v->reason = MODGUARD_REASON_SIGNATURE_IGNORED;
		return;
	}
	if (reason != MODGUARD_REASON_OK) {
		v->reason = reason;
		return;
	}

	/*
	 * The kernel trusts a message if any of its SignerInfos chains to a
	 * trusted key, through certificates carried in the message too, and
	 * its decoder takes BER. Signer rules and the audit record must name
	 * the key that verified: that is certain only for one SignerInfo in
	 * DER without certificates (what sign-file writes), read here the
	 * way the kernel reads it, and then the key is the one its sid finds
	 * (keyring.c). modguard_verify_signature() refuses the rest.
	 */
	v->attributable = !modguard_pkcs7_signer_id(t.sig, t.sig_len, &sid) &&
			  sid.signers == 1 && !sid.certs;
	if (v->attributable) {
		v->signer_lookup =
			modguard_keyring_find_signer(&sid,
						     modguard_platform_keyring(),
						     only, &v->signer);
		v->have_signer = !v->signer_lookup;
	}
	v->sig = t.sig;
	v->sig_len = t.sig_len;
	v->reason = MODGUARD_REASON_OK;
	v->pending = true;
}

/**
 * modguard_verify_prepare() - Everything about a module but its signature.
 * @image: The whole module image as the loader will use it.
 * @len: Length of @image.
 * @sig_ignored: The loader will ignore the signature (finit_module with
 *               MODULE_INIT_IGNORE_MODVERSIONS or _IGNORE_VERMAGIC).
 * @v: The verdict, filled in.
 *
 * The trailer, the digests, the bin: blacklist and the signer (the key
 * the signature names, looked up in the keyrings): no public-key work, so
 * that a deny rule can refuse a module before any is done. When all of
 * that passes, @v->pending is set and @v->reason is %MODGUARD_REASON_OK
 * until modguard_verify_signature() decides.
 *
 * Context: Process context, may sleep (keyring lookup).
 */
void modguard_verify_prepare(const void *image, size_t len, bool sig_ignored,
			     struct modguard_verdict *v)
{
	prepare(image, len, sig_ignored, NULL, v);
}

static void signature_verdict(const void *image, struct key *only,
			      struct modguard_verdict *v)
{
	struct pkcs7_message *pkcs7;
	int ret;

	if (!v->pending)
		return;
	v->pending = false;
	pkcs7 = pkcs7_parse_message(v->sig, v->sig_len);
	if (IS_ERR(pkcs7)) {
		v->reason = reason_from_errno(PTR_ERR(pkcs7));
		return;
	}
	if (!v->attributable) {
		v->reason = MODGUARD_REASON_MALFORMED_SIGNATURE;
		pkcs7_free_message(pkcs7);
		return;
	}
	ret = verify_trust(image, v->payload_len, v->digest, pkcs7, only,
			   &v->system_verified);
	pkcs7_free_message(pkcs7);

	v->reason = ret == -EKEYREVOKED ? MODGUARD_REASON_REVOKED_KEY :
		    reason_from_errno(ret);
	/*
	 * Verified by a key that modguard's lookup did not find (a keyring
	 * it could not see, or a lookup that failed): the signer the rules
	 * would be told about is not the one that verified.
	 */
	if (!ret && v->signer_lookup && v->signer_lookup != -ENODATA)
		v->reason = MODGUARD_REASON_INTERNAL_ERROR;
	if (v->reason != MODGUARD_REASON_OK)
		v->system_verified = false;
}

/**
 * modguard_verify_signature() - Decide whether a trusted key signed a
 * module, after modguard_verify_prepare() left the question open.
 * @image: The image given to modguard_verify_prepare().
 * @v: Its verdict; @v->reason becomes the signature's verdict.
 *
 * Does nothing unless @v->pending.
 *
 * Context: Process context, may sleep.
 */
void modguard_verify_signature(const void *image, struct modguard_verdict *v)
{
	signature_verdict(image, NULL, v);
}

/**
 * modguard_verify_image() - modguard_verify_prepare(), then
 * modguard_verify_signature(): the whole verdict at once.
 * @image: The whole module image as the loader will use it.
 * @len: Length of @image.
 * @sig_ignored: The loader will ignore the signature.
 * @v: The verdict, filled in.
 *
 * Context: Process context, may sleep.
 */
void modguard_verify_image(const void *image, size_t len, bool sig_ignored,
			   struct modguard_verdict *v)
{
	modguard_verify_prepare(image, len, sig_ignored, v);
	signature_verdict(image, NULL, v);
}

#if IS_ENABLED(CONFIG_SECURITY_MODGUARD_KUNIT_TEST)
/**
 * modguard_verify_image_keyring() - modguard_verify_image() against one
 * keyring instead of the system chain, for the KUnit suite.
 * @image: The module image.
 * @len: Its length.
 * @keyring: The only keyring to trust.
 * @v: The verdict, filled in.
 *
 * Context: Process context, may sleep.
 */
void modguard_verify_image_keyring(const void *image, size_t len,
				   struct key *keyring,
				   struct modguard_verdict *v)
{
	prepare(image, len, false, keyring, v);
	signature_verdict(image, keyring, v);
}
#endif
