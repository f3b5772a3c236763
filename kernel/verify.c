// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - signature verification against the kernel's keyrings
 *
 * The same steps as the loader's module_sig_check(): split the image at
 * the trailer (trailer.c, shared with modguardctl), then
 * verify_pkcs7_signature() over the payload against the builtin and
 * secondary keyrings for VERIFYING_MODULE_SIGNATURE.
 */

#include <linux/errno.h>
#include <linux/verification.h>

#include "modguard.h"
#include "trailer.h"
#include "verify.h"

/*
 * In 6.12 finit_module(MODULE_INIT_COMPRESSED_FILE) hands the LSM the
 * compressed file: the signature sits inside the compressed stream, out
 * of reach of this hook.
 */
static bool is_compressed(const u8 *p, size_t len)
{
	static const u8 xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
	static const u8 gz[] = { 0x1f, 0x8b };
	static const u8 zstd[] = { 0x28, 0xb5, 0x2f, 0xfd };

	return (len >= sizeof(xz) && !memcmp(p, xz, sizeof(xz))) ||
	       (len >= sizeof(gz) && !memcmp(p, gz, sizeof(gz))) ||
	       (len >= sizeof(zstd) && !memcmp(p, zstd, sizeof(zstd)));
}

static enum modguard_reason reason_from_errno(int err)
{
	switch (err) {
	case 0:
		return MODGUARD_REASON_OK;
	case -ENOKEY:
		return MODGUARD_REASON_UNTRUSTED_KEY;
	case -EKEYREJECTED:
		return MODGUARD_REASON_BAD_SIGNATURE;
	case -EKEYREVOKED:
		return MODGUARD_REASON_REVOKED_KEY;
	case -EBADMSG:
		return MODGUARD_REASON_MALFORMED_SIGNATURE;
	case -ENOPKG:
		return MODGUARD_REASON_UNSUPPORTED_CRYPTO;
	default:
		return MODGUARD_REASON_INTERNAL_ERROR;
	}
}

/**
 * modguard_verify_image() - Check the appended signature of a module image.
 * @image: The whole module image as the loader will see it.
 * @len: Length of @image.
 *
 * Context: Process context, may sleep.
 * Return: %MODGUARD_REASON_OK when a trusted key signed the payload,
 * otherwise the reason it did not.
 */
enum modguard_reason modguard_verify_image(const void *image, size_t len)
{
	struct modguard_trailer t;
	enum modguard_reason reason;
	int ret;

	reason = modguard_trailer_parse(image, len, &t);
	if (reason == MODGUARD_REASON_UNSIGNED && is_compressed(image, len))
		return MODGUARD_REASON_UNVERIFIABLE;
	if (reason != MODGUARD_REASON_OK)
		return reason;

	ret = verify_pkcs7_signature(image, t.payload_len, t.sig, t.sig_len,
				     VERIFY_USE_SECONDARY_KEYRING,
				     VERIFYING_MODULE_SIGNATURE, NULL, NULL);
	return reason_from_errno(ret);
}
