// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - stable names of the reasons (shared with modguardctl)
 */

#include "reason.h"

static const char *const reason_names[] = {
	[MODGUARD_REASON_OK]			= "ok",
	[MODGUARD_REASON_UNSIGNED]		= "unsigned",
	[MODGUARD_REASON_MALFORMED_TRAILER]	= "malformed-trailer",
	[MODGUARD_REASON_UNSUPPORTED_ID_TYPE]	= "unsupported-id-type",
	[MODGUARD_REASON_MALFORMED_SIGNATURE]	= "malformed-signature",
	[MODGUARD_REASON_UNSUPPORTED_CRYPTO]	= "unsupported-crypto",
	[MODGUARD_REASON_BAD_SIGNATURE]		= "bad-signature",
	[MODGUARD_REASON_UNTRUSTED_KEY]		= "untrusted-key",
	[MODGUARD_REASON_REVOKED_KEY]		= "revoked-key",
	[MODGUARD_REASON_BLACKLISTED_HASH]	= "blacklisted-hash",
	[MODGUARD_REASON_SIGNATURE_IGNORED]	= "signature-ignored",
	[MODGUARD_REASON_UNVERIFIABLE]		= "unverifiable",
	[MODGUARD_REASON_INTERNAL_ERROR]	= "internal-error",
	[MODGUARD_REASON_DENIED_BY_POLICY]	= "denied-by-policy",
	[MODGUARD_REASON_SIGNER_NOT_ALLOWED]	= "signer-not-allowed",
	[MODGUARD_REASON_LOCKED]		= "locked",
};

static_assert(ARRAY_SIZE(reason_names) == __MODGUARD_REASON_MAX,
	      "one name per reason");

/**
 * modguard_reason_name() - Stable name of a reason.
 * @reason: The reason.
 *
 * Return: the name; "internal-error" for a value outside the enum, so a
 * caller never prints a NULL.
 */
const char *modguard_reason_name(enum modguard_reason reason)
{
	if ((unsigned int)reason >= __MODGUARD_REASON_MAX)
		return reason_names[MODGUARD_REASON_INTERNAL_ERROR];
	return reason_names[reason];
}
