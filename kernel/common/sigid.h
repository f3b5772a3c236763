/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - who signed a module: the signer identifier of its PKCS#7
 *
 * A module signature names its key by the sid of its SignerInfo, either
 * issuer and serial number (scripts/sign-file by default) or subject key
 * identifier (sign-file -k). The kernel's PKCS#7 parser builds the key id
 * it looks the key up by from the same bytes (pkcs7_sig_note_issuer(),
 * pkcs7_sig_note_serial(), pkcs7_sig_note_skid()).
 *
 * The sid is not covered by the signature: anyone can rewrite one form
 * into the other, or put another issuer in front of the same serial. So
 * the signer that policy rules and audit records name is the key the sid
 * finds, by its subject key identifier (docs/policy.md), never the sid.
 * Key ids in rules are written in the one grammar of
 * modguard_signer_id_parse(); modguard_signer_id_format() prints them.
 * Shared by the LSM and modguardctl.
 */
#ifndef _SECURITY_MODGUARD_SIGID_H
#define _SECURITY_MODGUARD_SIGID_H

#include "compat.h"

/* Longest id kept; RFC 5280 serials are at most 20 bytes, SKIDs 20. */
#define MODGUARD_SIGNER_ID_MAX 64
/* Hex digits of the longest id, and a NUL: the size for a format buffer. */
#define MODGUARD_SIGNER_ID_HEX_SIZE (2 * MODGUARD_SIGNER_ID_MAX + 1)

/* What modguard_signer_id.id holds. */
enum modguard_signer_kind {
	MODGUARD_SIGNER_ANY,	/* a key id written in a policy rule */
	MODGUARD_SIGNER_SERIAL,	/* the serial number of issuer and serial */
	MODGUARD_SIGNER_SKID,	/* a subjectKeyIdentifier */
	__MODGUARD_SIGNER_MAX
};

/* Return values of the functions below, besides 0. */
#define MODGUARD_SIGID_EMALFORMED	(-1)	/* input not accepted */
#define MODGUARD_SIGID_ENOSPC		(-2)	/* output buffer too small */

/**
 * struct modguard_signer_id - A signer identifier.
 * @kind: A &enum modguard_signer_kind.
 * @len: Bytes used in @id, 1 to MODGUARD_SIGNER_ID_MAX when set.
 * @signers: Number of SignerInfos in the signature (saturating at 255);
 *           0 for an id parsed from a policy rule.
 * @certs: The signature carries certificates (sign-file never adds any).
 * @issuer: For MODGUARD_SIGNER_SERIAL, the contents octets of the issuer
 *          Name, pointing into the parsed signature (valid while it is);
 *          the kernel's key id is the serial's octets, then these.
 * @issuer_len: Their number.
 * @id: For MODGUARD_SIGNER_SERIAL the contents octets of the serialNumber
 *      INTEGER exactly as DER encodes them (with the 0x00 sign octet when
 *      the first byte is 0x80 or more, as the kernel keeps them; kmod and
 *      openssl print the number without it); for MODGUARD_SIGNER_SKID the
 *      contents of the subjectKeyIdentifier; for MODGUARD_SIGNER_ANY a
 *      key's subject key identifier.
 */
struct modguard_signer_id {
	u8 kind;
	u8 len;
	u8 signers;
	u8 certs;
	const u8 *issuer;
	size_t issuer_len;
	u8 id[MODGUARD_SIGNER_ID_MAX];
};

/**
 * struct modguard_der - DER not walked yet: what is left of the contents
 * of one element, or of a whole encoding.
 * @p: The next octet.
 * @len: Octets left.
 */
struct modguard_der {
	const u8 *p;
	size_t len;
};

int modguard_der_next(struct modguard_der *d, u8 *tag,
		      struct modguard_der *val, struct modguard_der *whole,
		      bool strict);
int modguard_pkcs7_signer_id(const void *der, size_t len,
			     struct modguard_signer_id *out);
int modguard_signer_id_format(const struct modguard_signer_id *id, char *buf,
			      size_t size);
int modguard_signer_id_parse(const char *hex, size_t len,
			     struct modguard_signer_id *out);
int modguard_hex_digit(char c);
const char *modguard_signer_kind_name(unsigned int kind);

#endif /* _SECURITY_MODGUARD_SIGID_H */
