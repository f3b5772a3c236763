/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - why a module was (or would have been) refused
 *
 * One enum, with one stable name per value, used by the log lines, the
 * audit records, the stats, modguardctl and docs/reasons.md. Names never
 * change once released; new reasons are appended before the sentinel.
 */
#ifndef _SECURITY_MODGUARD_REASON_H
#define _SECURITY_MODGUARD_REASON_H

#include "compat.h"

enum modguard_reason {
	MODGUARD_REASON_OK,
	MODGUARD_REASON_UNSIGNED,
	MODGUARD_REASON_MALFORMED_TRAILER,
	MODGUARD_REASON_UNSUPPORTED_ID_TYPE,
	MODGUARD_REASON_MALFORMED_SIGNATURE,
	MODGUARD_REASON_UNSUPPORTED_CRYPTO,
	MODGUARD_REASON_BAD_SIGNATURE,
	MODGUARD_REASON_UNTRUSTED_KEY,
	MODGUARD_REASON_REVOKED_KEY,
	MODGUARD_REASON_BLACKLISTED_HASH,
	MODGUARD_REASON_SIGNATURE_IGNORED,
	MODGUARD_REASON_UNVERIFIABLE,
	MODGUARD_REASON_INTERNAL_ERROR,
	MODGUARD_REASON_DENIED_BY_POLICY,
	MODGUARD_REASON_SIGNER_NOT_ALLOWED,
	MODGUARD_REASON_LOCKED,
	__MODGUARD_REASON_MAX
};

const char *modguard_reason_name(enum modguard_reason reason);

#endif /* _SECURITY_MODGUARD_REASON_H */
