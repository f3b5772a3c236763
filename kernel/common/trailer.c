// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - appended signature trailer parser (shared with modguardctl)
 *
 * Plain C on purpose: no allocation, no kernel or libc calls beyond
 * memcmp(), so the same file is built into the LSM, the KUnit suite,
 * the userspace tests and the libFuzzer target.
 */

#include "trailer.h"

static u32 get_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/**
 * modguard_trailer_parse() - Split a module image at its appended signature.
 * @image: The module image, as the loader sees it (decompressed).
 * @len: Length of @image in bytes.
 * @out: Filled in on every return. On MODGUARD_REASON_OK it describes the
 *       payload and the PKCS#7 blob; otherwise @out->payload_len is @len
 *       and @out->sig is NULL.
 *
 * Mirrors module_sig_check() and mod_check_sig(): the marker must end the
 * image; the image without the marker must be longer than the info block;
 * sig_len must be smaller than what precedes the info block; id_type must
 * be PKCS#7 and every other field zero.
 *
 * Context: Any context; does not sleep or allocate.
 * Return:
 * * %MODGUARD_REASON_OK			- signed, @out filled in
 * * %MODGUARD_REASON_UNSIGNED			- no marker at the end
 * * %MODGUARD_REASON_MALFORMED_TRAILER		- bad lengths or non-zero fields
 * * %MODGUARD_REASON_UNSUPPORTED_ID_TYPE	- not a PKCS#7 signature
 */
enum modguard_reason modguard_trailer_parse(const void *image, size_t len,
					    struct modguard_trailer *out)
{
	const u8 *p = image;
	const u8 *info;
	size_t rest;
	u32 sig_len;

	out->payload_len = len;
	out->sig = NULL;
	out->sig_len = 0;

	if (!p || len <= MODGUARD_SIG_MARKER_LEN ||
	    memcmp(p + len - MODGUARD_SIG_MARKER_LEN, MODGUARD_SIG_MARKER,
		   MODGUARD_SIG_MARKER_LEN) != 0)
		return MODGUARD_REASON_UNSIGNED;

	rest = len - MODGUARD_SIG_MARKER_LEN;
	if (rest <= MODGUARD_SIG_INFO_LEN)
		return MODGUARD_REASON_MALFORMED_TRAILER;

	info = p + rest - MODGUARD_SIG_INFO_LEN;
	sig_len = get_be32(info + 8);
	rest -= MODGUARD_SIG_INFO_LEN;
	/* Same bound as mod_check_sig(): sig_len >= file_len - sizeof(ms). */
	if (sig_len >= rest)
		return MODGUARD_REASON_MALFORMED_TRAILER;

	if (info[2] != MODGUARD_ID_PKCS7)
		return MODGUARD_REASON_UNSUPPORTED_ID_TYPE;

	if (info[0] || info[1] || info[3] || info[4] ||
	    info[5] || info[6] || info[7])
		return MODGUARD_REASON_MALFORMED_TRAILER;

	out->payload_len = rest - sig_len;
	out->sig = p + out->payload_len;
	out->sig_len = sig_len;
	return MODGUARD_REASON_OK;
}
