/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - signature verification against the kernel's keyrings
 */
#ifndef _SECURITY_MODGUARD_VERIFY_H
#define _SECURITY_MODGUARD_VERIFY_H

#include <linux/types.h>
#include <crypto/sha2.h>

#include "reason.h"
#include "sigid.h"

/**
 * struct modguard_verdict - What modguard found out about one image.
 * @reason: %MODGUARD_REASON_OK or why the image is not trusted.
 * @digest: sha256 of the payload (the image without its signature): the
 *          module's identity for policy rules and modguardctl hash.
 * @have_digest: @digest is valid (the image was there to hash).
 * @signer: The signer id named in the signature (issuer serial or SKID),
 *          as `modinfo -F sig_key` shows it.
 * @have_signer: @signer is valid.
 */
struct modguard_verdict {
	enum modguard_reason reason;
	u8 digest[SHA256_DIGEST_SIZE];
	bool have_digest;
	struct modguard_signer_id signer;
	bool have_signer;
};

void modguard_verify_image(const void *image, size_t len, bool sig_ignored,
			   struct modguard_verdict *v);
int __init modguard_keyring_init(void);

struct key;
void modguard_verify_image_keyring(const void *image, size_t len,
				   struct key *keyring,
				   struct modguard_verdict *v);

extern bool modguard_use_platform_keyring;

#endif /* _SECURITY_MODGUARD_VERIFY_H */
