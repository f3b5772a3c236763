/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Signer id test vectors, shared by the KUnit suite (modguard_sigid) and
 * the userspace tests and fuzz corpus of modguardctl: one table, so the
 * kernel and the tool are held to the same cases.
 *
 * dv_make() writes a PKCS#7 SignedData in DER with a small builder
 * (dv_open()/dv_close() nest elements and fill in the lengths, short or
 * long form). Each case starts from what scripts/sign-file writes by
 * default (SignedData version 1, detached pkcs7-data, no certificates,
 * one SignerInfo with issuer and serial number, no signed attributes)
 * and changes one thing.
 */
#ifndef _SECURITY_MODGUARD_SIGID_VECTORS_H
#define _SECURITY_MODGUARD_SIGID_VECTORS_H

#include "../kernel/common/sigid.h"

#define DV_IMAGE_MAX		8192
#define DV_INDEF		0x80	/* a dv_case form: indefinite length */

/* A 20-byte serial and a 20-byte SKID, as openssl makes them. */
#define DV_SERIAL	"4d4701020304050607080910111213141516177f"
#define DV_SKID		"5ded4201a2b3c4d5e6f708192a3b4c5d6e7f8091"
/* 64 bytes, plain and with colons. */
#define DV_HEX64	"101112131415161718191a1b1c1d1e1f"		\
			"202122232425262728292a2b2c2d2e2f"		\
			"303132333435363738393a3b3c3d3e3f"		\
			"404142434445464748494a4b4c4d4e4f"
#define DV_HEX64C	"10:11:12:13:14:15:16:17:18:19:1a:1b:1c:1d:1e:1f:" \
			"20:21:22:23:24:25:26:27:28:29:2a:2b:2c:2d:2e:2f:" \
			"30:31:32:33:34:35:36:37:38:39:3a:3b:3c:3d:3e:3f:" \
			"40:41:42:43:44:45:46:47:48:49:4a:4b:4c:4d:4e:4f"

/* How a case changes the default signature. */
enum dv_mutation {
	DV_NONE,
	DV_EMPTY,
	DV_NULL,
	DV_SKID_SID,		/* SignedData and SignerInfo version 3, SKID */
	DV_SIGNED_ATTRS,	/* [0] IMPLICIT SET OF */
	DV_SIGNED_ATTRS_SEQ,	/* [2] EXPLICIT SEQUENCE OF */
	DV_UNSIGNED_ATTRS,	/* [1] IMPLICIT SET OF */
	DV_UNSIGNED_ATTRS_SEQ,	/* [3] IMPLICIT SEQUENCE OF */
	DV_CERTS,		/* [0] IMPLICIT SET OF, 300 bytes */
	DV_CERTS_SEQ,		/* [2] IMPLICIT SEQUENCE OF */
	DV_CRLS,		/* [1] IMPLICIT SET OF */
	DV_CERTS_CRLS,
	DV_CRLS_BEFORE_CERTS,
	DV_SIGNERS,		/* arg SignerInfos */
	DV_SECOND_BAD,		/* a second SignerInfo without signature */
	DV_SIS_SEQ,		/* signerInfos as SEQUENCE OF */
	DV_DIGESTS_SEQ,		/* digestAlgorithms as SEQUENCE OF */
	DV_NO_SIGNERS,
	DV_SIGNERINFO_NOT_SEQ,	/* a SignerInfo tagged SET */
	DV_CONTENT_TYPE_DATA,	/* ContentInfo of type data */
	DV_NO_CONTENT,		/* ContentInfo without [0] */
	DV_CONTENT_TWICE,	/* two [0] in ContentInfo */
	DV_ECONTENT,		/* encapsulated content present */
	DV_ECONTENT_TYPE,	/* encapContentInfo type msIndirectData */
	DV_SD_VERSION,		/* SignedData version arg */
	DV_SI_VERSION,		/* SignerInfo version arg */
	DV_VERSION_2_OCTETS,	/* SignedData version 00 01 */
	DV_SI_V1_SD_V3,
	DV_SI_V3_SD_V1,
	DV_SKID_SID_V1,		/* SKID sid in version 1 */
	DV_SERIAL_SID_V3,	/* issuer and serial sid in version 3 */
	DV_SID_CONSTRUCTED,	/* SKID as [0] constructed */
	DV_SID_OCTET_STRING,	/* SKID as a universal OCTET STRING */
	DV_SID_EXTRA,		/* a third element in issuerAndSerialNumber */
	DV_NO_SIGNATURE,
	DV_SIGNATURE_BIT_STRING,
	DV_TRAILING,		/* a byte after the ContentInfo */
	DV_TRAILING_SI,		/* a NULL at the end of the SignerInfo */
	DV_TRAILING_SD,		/* a NULL after signerInfos */
	DV_HIGH_TAG,		/* signature tag 0x1f 0x04: high tag number */
	DV_SIG_LEN,		/* a signature of arg bytes (default 256) */
	DV_FORM,		/* element el: length form and len_add */
};

/* Elements whose length encoding a DV_FORM case changes. */
enum dv_element {
	DV_EL_NONE,
	DV_EL_OUTER,		/* ContentInfo */
	DV_EL_SIGNED_DATA,	/* SignedData SEQUENCE */
	DV_EL_SIGNER_INFO,	/* the first SignerInfo */
	DV_EL_SERIAL,		/* its serialNumber INTEGER */
	DV_EL_SIGNATURE,	/* its signature OCTET STRING */
};

/**
 * struct sigid_case - One signature blob and the expected result.
 * @desc: Case description (also the KUnit parameter and seed file name).
 * @m: What changes.
 * @arg: Argument of @m (a version, a number of signers).
 * @id: Hex of the sid contents; NULL: DV_SERIAL, or DV_SKID for SKID sids.
 * @el: For DV_FORM, the element whose length changes.
 * @form: Its length octets: 0 minimal, 1-5 long form with that many
 *        octets, DV_INDEF indefinite.
 * @len_add: Added to its true length (mod 2^32) in the header.
 * @want: Expected return value.
 * @want_kind: Expected kind when @want is 0.
 * @want_signers: Expected signers when @want is 0; 0 means 1.
 * @noseed: Left out of the fuzz seed corpus (big, or a near-duplicate).
 */
struct sigid_case {
	const char *desc;
	enum dv_mutation m;
	unsigned int arg;
	const char *id;
	enum dv_element el;
	u8 form;
	u32 len_add;
	int want;
	u8 want_kind;
	u8 want_signers;
	bool noseed;
};

#define DV_OK			.want = 0, .want_kind = MODGUARD_SIGNER_SERIAL
#define DV_OK_SKID		.want = 0, .want_kind = MODGUARD_SIGNER_SKID
#define DV_BAD			.want = MODGUARD_SIGID_EMALFORMED

static const struct sigid_case sigid_cases[] = {
	/* What sign-file writes, and what else the kernel accepts. */
	{ "issuer and serial (sign-file default)", DV_NONE, DV_OK },
	{ "subjectKeyIdentifier (sign-file -k)", DV_SKID_SID, DV_OK_SKID },
	{ "serial with a leading 0x00 sign octet", DV_NONE,
	  .id = "00c0ffee0102030405060708090a0b0c0d0e0f1011", DV_OK },
	{ "one-byte serial", DV_NONE, .id = "01", DV_OK },
	{ "64-byte serial", DV_NONE, .id = DV_HEX64, DV_OK, .noseed = true },
	{ "64-byte SKID", DV_SKID_SID, .id = DV_HEX64, DV_OK_SKID,
	  .noseed = true },
	{ "signedAttrs present", DV_SIGNED_ATTRS, DV_OK },
	{ "signedAttrs as [2] SEQUENCE OF", DV_SIGNED_ATTRS_SEQ, DV_OK,
	  .noseed = true },
	{ "unsignedAttrs present", DV_UNSIGNED_ATTRS, DV_OK },
	{ "unsignedAttrs as [3] SEQUENCE OF", DV_UNSIGNED_ATTRS_SEQ, DV_OK,
	  .noseed = true },
	{ "certificates present", DV_CERTS, DV_OK },
	{ "certificates as [2] SEQUENCE OF", DV_CERTS_SEQ, DV_OK,
	  .noseed = true },
	{ "crls present", DV_CRLS, DV_OK, .noseed = true },
	{ "certificates and crls present", DV_CERTS_CRLS, DV_OK },
	{ "two signerInfos: the first one's id", DV_SIGNERS, 2, DV_OK,
	  .want_signers = 2 },
	{ "300 signerInfos: signers saturates at 255", DV_SIGNERS, 300, DV_OK,
	  .want_signers = 255, .noseed = true },
	{ "signerInfos as SEQUENCE OF", DV_SIS_SEQ, DV_OK, .noseed = true },
	{ "digestAlgorithms as SEQUENCE OF", DV_DIGESTS_SEQ, DV_OK,
	  .noseed = true },
	{ "signature of 127 bytes: short-form length", DV_SIG_LEN, 127, DV_OK,
	  .noseed = true },
	{ "signature of 128 bytes: length 0x81 0x80", DV_SIG_LEN, 128, DV_OK },
	{ "signature of 255 bytes: length 0x81 0xff", DV_SIG_LEN, 255, DV_OK,
	  .noseed = true },
	{ "signature of 4000 bytes: length 0x82 0x0f 0xa0", DV_SIG_LEN, 4000,
	  DV_OK, .noseed = true },

	/* Not the structure of a module signature. */
	{ "empty input", DV_EMPTY, DV_BAD },
	{ "NULL input", DV_NULL, DV_BAD },
	{ "contentType data, not signedData", DV_CONTENT_TYPE_DATA, DV_BAD },
	{ "ContentInfo without content", DV_NO_CONTENT, DV_BAD,
	  .noseed = true },
	{ "ContentInfo with two contents", DV_CONTENT_TWICE, DV_BAD,
	  .noseed = true },
	{ "encapsulated content present (not detached)", DV_ECONTENT, DV_BAD },
	{ "encapContentInfo type msIndirectData", DV_ECONTENT_TYPE, DV_BAD,
	  .noseed = true },
	{ "crls before certificates", DV_CRLS_BEFORE_CERTS, DV_BAD,
	  .noseed = true },
	{ "no signerInfos", DV_NO_SIGNERS, DV_BAD },
	{ "a SignerInfo that is a SET", DV_SIGNERINFO_NOT_SEQ, DV_BAD,
	  .noseed = true },
	{ "second SignerInfo malformed", DV_SECOND_BAD, DV_BAD },
	{ "SignedData version 2", DV_SD_VERSION, 2, DV_BAD, .noseed = true },
	{ "SignerInfo version 2", DV_SI_VERSION, 2, DV_BAD, .noseed = true },
	{ "version in two octets", DV_VERSION_2_OCTETS, DV_BAD,
	  .noseed = true },
	{ "SignerInfo version 1 in SignedData version 3", DV_SI_V1_SD_V3,
	  DV_BAD, .noseed = true },
	{ "SignerInfo version 3 in SignedData version 1", DV_SI_V3_SD_V1,
	  DV_BAD, .noseed = true },
	{ "SKID sid in a version 1 SignerInfo", DV_SKID_SID_V1, DV_BAD },
	{ "issuer and serial sid in a version 3 SignerInfo",
	  DV_SERIAL_SID_V3, DV_BAD, .noseed = true },
	{ "SKID sid constructed", DV_SID_CONSTRUCTED, DV_BAD, .noseed = true },
	{ "SKID sid as a universal OCTET STRING", DV_SID_OCTET_STRING, DV_BAD,
	  .noseed = true },
	{ "issuerAndSerialNumber with a third element", DV_SID_EXTRA, DV_BAD,
	  .noseed = true },
	{ "empty serial", DV_NONE, .id = "", DV_BAD, .noseed = true },
	{ "empty SKID", DV_SKID_SID, .id = "", DV_BAD, .noseed = true },
	{ "65-byte serial", DV_NONE, .id = DV_HEX64 "50", DV_BAD },
	{ "65-byte SKID", DV_SKID_SID, .id = DV_HEX64 "50", DV_BAD,
	  .noseed = true },
	{ "no signature", DV_NO_SIGNATURE, DV_BAD, .noseed = true },
	{ "signature as a BIT STRING", DV_SIGNATURE_BIT_STRING, DV_BAD,
	  .noseed = true },
	{ "trailing garbage after the ContentInfo", DV_TRAILING, DV_BAD },
	{ "trailing element in the SignerInfo", DV_TRAILING_SI, DV_BAD,
	  .noseed = true },
	{ "trailing element after signerInfos", DV_TRAILING_SD, DV_BAD,
	  .noseed = true },
	{ "high tag number", DV_HIGH_TAG, DV_BAD, .noseed = true },

	/* Lengths. */
	{ "outer length one past the end", DV_FORM, .el = DV_EL_OUTER,
	  .len_add = 1, DV_BAD },
	{ "outer length one short", DV_FORM, .el = DV_EL_OUTER,
	  .len_add = 0xffffffff, DV_BAD, .noseed = true },
	{ "serial length past its SEQUENCE", DV_FORM, .el = DV_EL_SERIAL,
	  .len_add = 1, DV_BAD },
	{ "serial length one short", DV_FORM, .el = DV_EL_SERIAL,
	  .len_add = 0xffffffff, DV_BAD, .noseed = true },
	{ "signature length 0xfffff000 more", DV_FORM, .el = DV_EL_SIGNATURE,
	  .form = 4, .len_add = 0xfffff000, DV_BAD },
	{ "indefinite length outside", DV_FORM, .el = DV_EL_OUTER,
	  .form = DV_INDEF, DV_BAD },
	{ "indefinite length inside", DV_FORM, .el = DV_EL_SIGNED_DATA,
	  .form = DV_INDEF, DV_BAD },
	{ "length in 5 octets", DV_FORM, .el = DV_EL_SIGNER_INFO, .form = 5,
	  DV_BAD },
	{ "length in 4 octets with leading zeros", DV_FORM,
	  .el = DV_EL_SIGNER_INFO, .form = 4, DV_BAD, .noseed = true },
	{ "short length in long form (0x81 0x14)", DV_FORM,
	  .el = DV_EL_SERIAL, .form = 1, DV_BAD },
};

/**
 * struct sigid_hex_case - Input of modguard_signer_id_parse().
 * @desc: Case description.
 * @hex: The text.
 * @len: Characters of @hex to parse; -1: all of them.
 * @want: Expected return value.
 * @want_hex: What modguard_signer_id_format() gives for the result.
 */
struct sigid_hex_case {
	const char *desc;
	const char *hex;
	int len;
	int want;
	const char *want_hex;
};

static const struct sigid_hex_case sigid_hex_cases[] = {
	{ "lowercase", "6cc079090a5c", -1, 0, "6cc079090a5c" },
	{ "uppercase", "6CC079090A5C", -1, 0, "6cc079090a5c" },
	{ "colons, as modinfo prints sig_key", "6C:C0:79:09", -1, 0,
	  "6cc07909" },
	{ "one byte", "0f", -1, 0, "0f" },
	{ "leading zero byte kept", "00c0", -1, 0, "00c0" },
	{ "64 bytes", DV_HEX64, -1, 0, DV_HEX64 },
	{ "64 bytes with colons", DV_HEX64C, -1, 0, DV_HEX64 },
	{ "only len characters", "6cc0ff", 4, 0, "6cc0" },
	{ "empty", "", -1, MODGUARD_SIGID_EMALFORMED },
	{ "one digit", "6", -1, MODGUARD_SIGID_EMALFORMED },
	{ "odd number of digits", "6cc", -1, MODGUARD_SIGID_EMALFORMED },
	{ "odd group with colons", "6c:c0f", -1, MODGUARD_SIGID_EMALFORMED },
	{ "trailing colon", "6c:", -1, MODGUARD_SIGID_EMALFORMED },
	{ "leading colon", ":6c", -1, MODGUARD_SIGID_EMALFORMED },
	{ "double colon", "6c::c0", -1, MODGUARD_SIGID_EMALFORMED },
	{ "colon only after the first pair", "6c:c0c1", -1,
	  MODGUARD_SIGID_EMALFORMED },
	{ "colon only after the second pair", "6cc0:c1", -1,
	  MODGUARD_SIGID_EMALFORMED },
	{ "not a hex digit", "6g", -1, MODGUARD_SIGID_EMALFORMED },
	{ "space separator", "6c c0", -1, MODGUARD_SIGID_EMALFORMED },
	{ "0x prefix", "0x6c", -1, MODGUARD_SIGID_EMALFORMED },
	{ "kind prefix", "serial:6c", -1, MODGUARD_SIGID_EMALFORMED },
	{ "embedded NUL", "6c\0c0", 5, MODGUARD_SIGID_EMALFORMED },
	{ "65 bytes", DV_HEX64 "50", -1, MODGUARD_SIGID_EMALFORMED },
};

/* A DER writer into a fixed buffer; overflow sticks and is reported. */
struct dv {
	u8 *buf;
	size_t size;
	size_t len;
	size_t stack[12];
	unsigned int depth;
	bool overflow;
	enum dv_element el;	/* element whose length encoding changes */
	u8 form;
	u32 len_add;
};

static inline void dv_bytes(struct dv *b, const void *p, size_t n)
{
	if (b->overflow || n > b->size - b->len) {
		b->overflow = true;
		return;
	}
	if (n)
		memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static inline void dv_fill(struct dv *b, u8 c, size_t n)
{
	if (b->overflow || n > b->size - b->len) {
		b->overflow = true;
		return;
	}
	memset(b->buf + b->len, c, n);
	b->len += n;
}

/* Start an element: its identifier and a one-octet length to fix later. */
static inline void dv_open(struct dv *b, u8 tag)
{
	u8 hdr[2] = { tag, 0 };

	if (b->depth == ARRAY_SIZE(b->stack)) {
		b->overflow = true;
		return;
	}
	dv_bytes(b, hdr, 2);
	b->stack[b->depth++] = b->len;
}

/* End the innermost element @el: write its length, moving the contents. */
static inline void dv_close(struct dv *b, enum dv_element el)
{
	u8 form = el != DV_EL_NONE && el == b->el ? b->form : 0;
	u32 add = el != DV_EL_NONE && el == b->el ? b->len_add : 0;
	size_t start, clen, n, i;
	u32 declared;

	if (b->overflow || !b->depth) {
		b->overflow = true;
		return;
	}
	start = b->stack[--b->depth];
	clen = b->len - start;
	declared = (u32)clen + add;

	if (form == DV_INDEF) {
		b->buf[start - 1] = 0x80;
		dv_bytes(b, "\0\0", 2);		/* end-of-contents */
		return;
	}
	if (!form && declared < 0x80) {
		b->buf[start - 1] = declared;
		return;
	}
	n = form;
	if (!n)
		n = declared > 0xffffff ? 4 : declared > 0xffff ? 3 :
		    declared > 0xff ? 2 : 1;
	if (n > b->size - b->len) {
		b->overflow = true;
		return;
	}
	memmove(b->buf + start + n, b->buf + start, clen);
	b->buf[start - 1] = 0x80 | n;
	for (i = 0; i < n; i++)
		b->buf[start + i] = n - 1 - i < 4 ?
				    declared >> (8 * (n - 1 - i)) : 0;
	b->len += n;
}

static inline void dv_prim(struct dv *b, u8 tag, enum dv_element el,
			   const void *p, size_t n)
{
	dv_open(b, tag);
	dv_bytes(b, p, n);
	dv_close(b, el);
}

/* Hex digits to bytes; returns the number of bytes. */
static inline size_t dv_unhex(const char *hex, u8 *out, size_t max)
{
	size_t n = 0;

	for (; hex[0] && hex[1] && n < max; hex += 2) {
		u8 hi = hex[0] <= '9' ? hex[0] - '0' : (hex[0] | 0x20) - 'a' + 10;
		u8 lo = hex[1] <= '9' ? hex[1] - '0' : (hex[1] | 0x20) - 'a' + 10;

		out[n++] = hi << 4 | lo;
	}
	return n;
}

/* Contents octets of the OIDs used. */
static const u8 dv_oid_signed_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
static const u8 dv_oid_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const u8 dv_oid_ms_indirect[] = {
	0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x01, 0x04 };
static const u8 dv_oid_sha256[] = {
	0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 };
static const u8 dv_oid_rsa[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };
static const u8 dv_oid_cn[] = { 0x55, 0x04, 0x03 };
static const u8 dv_oid_content_type[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x03 };

/* AlgorithmIdentifier { @oid, NULL } */
static inline void dv_alg(struct dv *b, const u8 *oid, size_t len)
{
	dv_open(b, 0x30);
	dv_prim(b, 0x06, DV_EL_NONE, oid, len);
	dv_prim(b, 0x05, DV_EL_NONE, NULL, 0);
	dv_close(b, DV_EL_NONE);
}

/* An attribute SEQUENCE { contentType, SET { data } } */
static inline void dv_attr(struct dv *b)
{
	dv_open(b, 0x30);
	dv_prim(b, 0x06, DV_EL_NONE, dv_oid_content_type,
		sizeof(dv_oid_content_type));
	dv_open(b, 0x31);
	dv_prim(b, 0x06, DV_EL_NONE, dv_oid_data, sizeof(dv_oid_data));
	dv_close(b, DV_EL_NONE);
	dv_close(b, DV_EL_NONE);
}

/* What one SignerInfo looks like. */
struct dv_signer {
	u8 version;
	u8 sid_tag;		/* 0x30: issuer and serial; else SKID tag */
	const u8 *id;
	size_t id_len;
	size_t sig_len;
	bool minimal;		/* empty issuer and algorithms */
	bool first;		/* DV_EL_* apply */
};

static inline void dv_signer_info(struct dv *b, const struct dv_signer *s,
				  enum dv_mutation m)
{
	enum dv_element el_si = s->first ? DV_EL_SIGNER_INFO : DV_EL_NONE;
	enum dv_element el_ser = s->first ? DV_EL_SERIAL : DV_EL_NONE;
	enum dv_element el_sig = s->first ? DV_EL_SIGNATURE : DV_EL_NONE;
	u8 version = s->version;

	dv_open(b, m == DV_SIGNERINFO_NOT_SEQ ? 0x31 : 0x30);
	dv_prim(b, 0x02, DV_EL_NONE, &version, 1);
	if (s->sid_tag == 0x30) {
		dv_open(b, 0x30);
		dv_open(b, 0x30);		/* issuer: CN=t */
		if (!s->minimal) {
			dv_open(b, 0x31);
			dv_open(b, 0x30);
			dv_prim(b, 0x06, DV_EL_NONE, dv_oid_cn,
				sizeof(dv_oid_cn));
			dv_prim(b, 0x0c, DV_EL_NONE, "t", 1);
			dv_close(b, DV_EL_NONE);
			dv_close(b, DV_EL_NONE);
		}
		dv_close(b, DV_EL_NONE);
		dv_prim(b, 0x02, el_ser, s->id, s->id_len);
		if (m == DV_SID_EXTRA)
			dv_prim(b, 0x05, DV_EL_NONE, NULL, 0);
		dv_close(b, DV_EL_NONE);
	} else if (s->sid_tag == 0xa0) {
		dv_open(b, 0xa0);
		dv_prim(b, 0x04, DV_EL_NONE, s->id, s->id_len);
		dv_close(b, DV_EL_NONE);
	} else {
		dv_prim(b, s->sid_tag, DV_EL_NONE, s->id, s->id_len);
	}

	if (s->minimal)
		dv_prim(b, 0x30, DV_EL_NONE, NULL, 0);
	else
		dv_alg(b, dv_oid_sha256, sizeof(dv_oid_sha256));
	if (m == DV_SIGNED_ATTRS || m == DV_SIGNED_ATTRS_SEQ) {
		dv_open(b, m == DV_SIGNED_ATTRS ? 0xa0 : 0xa2);
		if (m == DV_SIGNED_ATTRS_SEQ)
			dv_open(b, 0x30);
		dv_attr(b);
		if (m == DV_SIGNED_ATTRS_SEQ)
			dv_close(b, DV_EL_NONE);
		dv_close(b, DV_EL_NONE);
	}
	if (s->minimal)
		dv_prim(b, 0x30, DV_EL_NONE, NULL, 0);
	else
		dv_alg(b, dv_oid_rsa, sizeof(dv_oid_rsa));
	if (m == DV_HIGH_TAG) {
		dv_bytes(b, "\x1f\x04\x01\x00", 4);
	} else if (m != DV_NO_SIGNATURE) {
		dv_open(b, m == DV_SIGNATURE_BIT_STRING ? 0x03 : 0x04);
		dv_fill(b, 0x5a, s->sig_len);
		dv_close(b, el_sig);
	}
	if (m == DV_UNSIGNED_ATTRS || m == DV_UNSIGNED_ATTRS_SEQ) {
		dv_open(b, m == DV_UNSIGNED_ATTRS ? 0xa1 : 0xa3);
		dv_attr(b);
		dv_close(b, DV_EL_NONE);
	}
	if (m == DV_TRAILING_SI)
		dv_prim(b, 0x05, DV_EL_NONE, NULL, 0);
	dv_close(b, el_si);
}

/* The sid contents of case @c, and its kind. */
static inline size_t dv_case_id(const struct sigid_case *c, u8 *id,
				size_t max)
{
	bool skid = c->m == DV_SKID_SID || c->m == DV_SKID_SID_V1 ||
		    c->m == DV_SID_CONSTRUCTED || c->m == DV_SID_OCTET_STRING;

	return dv_unhex(c->id ? c->id : skid ? DV_SKID : DV_SERIAL, id, max);
}

/*
 * dv_make() - Write the signature of case @c in @buf (DV_IMAGE_MAX bytes).
 * Returns its length (0 if it did not fit); sets *@null when the case
 * passes a NULL pointer.
 */
static inline size_t dv_make(const struct sigid_case *c, u8 *buf, bool *null)
{
	struct dv b = { .buf = buf, .size = DV_IMAGE_MAX, .el = c->el,
			.form = c->form, .len_add = c->len_add };
	static const u8 other_serial[] = { 0x0b, 0xad, 0xc0, 0xde };
	struct dv_signer s = { .version = 1, .sid_tag = 0x30, .sig_len = 256,
			       .first = true };
	enum dv_mutation m = c->m;
	unsigned int signers = 1, i;
	u8 sd_version = 1, tag;
	u8 id[MODGUARD_SIGNER_ID_MAX + 1];

	*null = m == DV_NULL;
	if (m == DV_EMPTY || m == DV_NULL)
		return 0;
	s.id = id;
	s.id_len = dv_case_id(c, id, sizeof(id));

	switch (m) {
	case DV_SKID_SID:
		sd_version = 3;
		s.version = 3;
		s.sid_tag = 0x80;
		break;
	case DV_SIGNERS:
		signers = c->arg;
		break;
	case DV_SIG_LEN:
		s.sig_len = c->arg;
		break;
	case DV_SECOND_BAD:
		signers = 2;
		break;
	case DV_NO_SIGNERS:
		signers = 0;
		break;
	case DV_SD_VERSION:
		sd_version = c->arg;
		break;
	case DV_SI_VERSION:
		s.version = c->arg;
		break;
	case DV_SI_V1_SD_V3:
		sd_version = 3;
		break;
	case DV_SI_V3_SD_V1:
		s.version = 3;
		break;
	case DV_SKID_SID_V1:
		s.sid_tag = 0x80;
		break;
	case DV_SERIAL_SID_V3:
		sd_version = 3;
		s.version = 3;
		break;
	case DV_SID_CONSTRUCTED:
		sd_version = 3;
		s.version = 3;
		s.sid_tag = 0xa0;
		break;
	case DV_SID_OCTET_STRING:
		sd_version = 3;
		s.version = 3;
		s.sid_tag = 0x04;
		break;
	default:
		break;
	}

	/* ContentInfo */
	dv_open(&b, 0x30);
	dv_prim(&b, 0x06, DV_EL_NONE, m == DV_CONTENT_TYPE_DATA ?
		dv_oid_data : dv_oid_signed_data, sizeof(dv_oid_data));
	if (m != DV_NO_CONTENT) {
		dv_open(&b, 0xa0);
		dv_open(&b, 0x30);			/* SignedData */
		if (m == DV_VERSION_2_OCTETS)
			dv_prim(&b, 0x02, DV_EL_NONE, "\0\1", 2);
		else
			dv_prim(&b, 0x02, DV_EL_NONE, &sd_version, 1);
		dv_open(&b, m == DV_DIGESTS_SEQ ? 0x30 : 0x31);
		dv_alg(&b, dv_oid_sha256, sizeof(dv_oid_sha256));
		dv_close(&b, DV_EL_NONE);
		dv_open(&b, 0x30);			/* encapContentInfo */
		if (m == DV_ECONTENT_TYPE)
			dv_prim(&b, 0x06, DV_EL_NONE, dv_oid_ms_indirect,
				sizeof(dv_oid_ms_indirect));
		else
			dv_prim(&b, 0x06, DV_EL_NONE, dv_oid_data,
				sizeof(dv_oid_data));
		if (m == DV_ECONTENT) {
			dv_open(&b, 0xa0);
			dv_prim(&b, 0x04, DV_EL_NONE, "payload", 7);
			dv_close(&b, DV_EL_NONE);
		}
		dv_close(&b, DV_EL_NONE);
		if (m == DV_CRLS_BEFORE_CERTS)
			dv_prim(&b, 0xa1, DV_EL_NONE, NULL, 0);
		if (m == DV_CERTS || m == DV_CERTS_SEQ || m == DV_CERTS_CRLS ||
		    m == DV_CRLS_BEFORE_CERTS) {
			/* Not a real certificate: the parser skips it whole. */
			dv_open(&b, m == DV_CERTS_SEQ ? 0xa2 : 0xa0);
			dv_open(&b, 0x30);
			dv_fill(&b, 0x41, 296);
			dv_close(&b, DV_EL_NONE);
			dv_close(&b, DV_EL_NONE);
		}
		if (m == DV_CRLS || m == DV_CERTS_CRLS)
			dv_prim(&b, 0xa1, DV_EL_NONE, NULL, 0);

		dv_open(&b, m == DV_SIS_SEQ ? 0x30 : 0x31);	/* signerInfos */
		for (i = 0; i < signers; i++) {
			if (i == 1) {
				/* Later signers: small, another serial. */
				s.first = false;
				s.minimal = true;
				s.sig_len = 0;
				s.id = other_serial;
				s.id_len = sizeof(other_serial);
			}
			dv_signer_info(&b, &s, !i ? m :
				       m == DV_SECOND_BAD ? DV_NO_SIGNATURE :
				       DV_NONE);
		}
		dv_close(&b, DV_EL_NONE);
		if (m == DV_TRAILING_SD)
			dv_prim(&b, 0x05, DV_EL_NONE, NULL, 0);
		dv_close(&b, DV_EL_SIGNED_DATA);
		dv_close(&b, DV_EL_NONE);
		if (m == DV_CONTENT_TWICE)
			dv_prim(&b, 0xa0, DV_EL_NONE, NULL, 0);
	}
	dv_close(&b, DV_EL_OUTER);
	if (m == DV_TRAILING) {
		tag = 0;
		dv_bytes(&b, &tag, 1);
	}
	return b.overflow || b.depth ? 0 : b.len;
}

#endif /* _SECURITY_MODGUARD_SIGID_VECTORS_H */
