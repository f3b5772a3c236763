/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - signature verification against the kernel's keyrings
 */
#ifndef _SECURITY_MODGUARD_VERIFY_H
#define _SECURITY_MODGUARD_VERIFY_H

#include <linux/types.h>
#include <crypto/sha2.h>

#include "common/reason.h"
#include "common/sigid.h"

struct key;

/**
 * struct modguard_verdict - What modguard found out about one image.
 * @reason: %MODGUARD_REASON_OK or why the image is not trusted.
 * @digest: sha256 of the payload (the image without its signature): the
 *          module's identity for policy rules and modguardctl hash.
 * @have_digest: @digest is valid (the image was there to hash).
 * @payload_len: Length of the payload (valid with @have_digest).
 * @attributable: The signature is DER with one SignerInfo and no
 *                certificates, so the key its sid finds is the only one
 *                that can verify it.
 * @signer_lookup: What modguard_keyring_find_signer() returned for that
 *                 sid (valid with @attributable).
 * @signer: That key's subject key identifier.
 * @have_signer: @signer is valid.
 * @pending: modguard_verify_prepare() found nothing wrong and the
 *           signature is not checked yet; @reason is %MODGUARD_REASON_OK
 *           until modguard_verify_signature() runs.
 * @sig: The PKCS#7 blob in the image (valid while @pending).
 * @sig_len: Its length.
 * @system_verified: The signature was verified, by a key of the secondary
 *                   trusted keyring (with the builtin and machine keys):
 *                   the loader's own check would take the same path.
 */
struct modguard_verdict {
	enum modguard_reason reason;
	u8 digest[SHA256_DIGEST_SIZE];
	bool have_digest;
	size_t payload_len;
	bool attributable;
	int signer_lookup;
	struct modguard_signer_id signer;
	bool have_signer;
	bool pending;
	const void *sig;
	size_t sig_len;
	bool system_verified;
};

void modguard_verify_prepare(const void *image, size_t len, bool sig_ignored,
			     struct modguard_verdict *v);
void modguard_verify_signature(const void *image, struct modguard_verdict *v);
void modguard_verify_image(const void *image, size_t len, bool sig_ignored,
			   struct modguard_verdict *v);
void modguard_verify_image_keyring(const void *image, size_t len,
				   struct key *keyring,
				   struct modguard_verdict *v);

#endif /* _SECURITY_MODGUARD_VERIFY_H */
