/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the appended module signature trailer
 *
 * A signed module is: payload, PKCS#7 blob, struct module_signature
 * (12 bytes), then the marker "~Module signature appended~\n". This front
 * end finds the marker and validates the info block with the same rules as
 * the kernel's mod_check_sig(), so that modguard and modguardctl split a
 * file exactly where the kernel's loader does.
 */
#ifndef _SECURITY_MODGUARD_TRAILER_H
#define _SECURITY_MODGUARD_TRAILER_H

#include "compat.h"
#include "reason.h"

#define MODGUARD_SIG_MARKER "~Module signature appended~\n"
#define MODGUARD_SIG_MARKER_LEN (sizeof(MODGUARD_SIG_MARKER) - 1)
/* sizeof(struct module_signature): algo, hash, id_type, signer_len,
 * key_id_len, __pad[3], __be32 sig_len.
 */
#define MODGUARD_SIG_INFO_LEN 12
#define MODGUARD_ID_PKCS7 2

/**
 * struct modguard_trailer - A module image split at its signature.
 * @payload_len: Bytes of the image covered by the signature.
 * @sig: Start of the PKCS#7 blob inside the image (NULL when unsigned).
 * @sig_len: Length of the PKCS#7 blob.
 */
struct modguard_trailer {
	size_t payload_len;
	const u8 *sig;
	size_t sig_len;
};

enum modguard_reason modguard_trailer_parse(const void *image, size_t len,
					    struct modguard_trailer *out);

#endif /* _SECURITY_MODGUARD_TRAILER_H */
