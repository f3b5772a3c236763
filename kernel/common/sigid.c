// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the signer identifier of a module signature (shared with
 * modguardctl)
 *
 * A small, strict DER walker: definite lengths only, in at most four
 * length octets and minimally encoded, and no element may reach past the
 * element that encloses it. It follows the structure scripts/sign-file
 * writes, with the alternatives the kernel's pkcs7.asn1 also accepts (SET
 * or SEQUENCE OF, and the [2]/[3] forms of the optional fields), and the
 * kernel's rules for the versions and the content type of a module
 * signature. Elements that carry nothing modguard needs (algorithms,
 * certificates, attributes) are skipped whole.
 *
 * Plain C: no allocation, no recursion, every read bounds-checked.
 */

#include "sigid.h"

/* DER identifier octets. */
#define TAG_INTEGER		0x02
#define TAG_OCTET_STRING	0x04
#define TAG_OID			0x06
#define TAG_SEQUENCE		0x30
#define TAG_SET			0x31
#define TAG_CTX0		0x80	/* [0] IMPLICIT, primitive */
#define TAG_CTX0_CONS		0xa0
#define TAG_CTX1_CONS		0xa1
#define TAG_CTX2_CONS		0xa2
#define TAG_CTX3_CONS		0xa3
#define TAG_NUMBER_MASK		0x1f	/* all ones: a multi-octet tag number */

/* The contents octets of the OIDs 1.2.840.113549.1.7.2 and .1. */
static const u8 oid_signed_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02
};

static const u8 oid_data[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01
};

static const char *const kind_names[] = {
	[MODGUARD_SIGNER_ANY]		= "any",
	[MODGUARD_SIGNER_SERIAL]	= "serial",
	[MODGUARD_SIGNER_SKID]		= "skid",
};

static_assert(ARRAY_SIZE(kind_names) == __MODGUARD_SIGNER_MAX,
	      "one name per signer kind");

/**
 * modguard_der_next() - Take the next element off the front of some DER.
 * @d: What is left to walk; advanced past the element on success.
 * @tag: Receives the identifier octet.
 * @val: Receives the contents octets.
 * @whole: Receives the element with its identifier and length, or NULL.
 * @strict: DER as the signer id parser wants it: lengths minimally
 *          encoded, in at most four octets. Otherwise the rules of the
 *          kernel's asn1_ber_decoder() for definite lengths, which
 *          modguardctl's PKCS#7 walker follows: at most two length
 *          octets, not necessarily minimal.
 *
 * Single-octet tags only (PKCS#7 has no tag numbers above 30); the
 * indefinite form is refused either way, and no element may reach past
 * the end of @d.
 *
 * Context: Any context; does not sleep or allocate.
 * Return: 0, or %MODGUARD_SIGID_EMALFORMED (@d unchanged).
 */
int modguard_der_next(struct modguard_der *d, u8 *tag,
		      struct modguard_der *val, struct modguard_der *whole,
		      bool strict)
{
	size_t hdr = 2, vlen, n, i;

	if (d->len < 2)
		return MODGUARD_SIGID_EMALFORMED;
	if ((d->p[0] & TAG_NUMBER_MASK) == TAG_NUMBER_MASK)
		return MODGUARD_SIGID_EMALFORMED;

	vlen = d->p[1];
	if (vlen & 0x80) {
		/* 0x80 alone is BER's indefinite length. */
		n = vlen & 0x7f;
		if (!n || n > (strict ? 4 : 2) || n > d->len - 2)
			return MODGUARD_SIGID_EMALFORMED;
		/* DER: no leading zero octet, long form only when needed. */
		if (strict && !d->p[2])
			return MODGUARD_SIGID_EMALFORMED;
		vlen = 0;
		for (i = 0; i < n; i++)
			vlen = vlen << 8 | d->p[2 + i];
		if (strict && vlen < 0x80)
			return MODGUARD_SIGID_EMALFORMED;
		hdr += n;
	}
	if (vlen > d->len - hdr)
		return MODGUARD_SIGID_EMALFORMED;

	*tag = d->p[0];
	val->p = d->p + hdr;
	val->len = vlen;
	if (whole) {
		whole->p = d->p;
		whole->len = hdr + vlen;
	}
	d->p += hdr + vlen;
	d->len -= hdr + vlen;
	return 0;
}

/* The signer id parser's walk: strict DER. */
static int der_next(struct modguard_der *d, u8 *tag, struct modguard_der *val)
{
	return modguard_der_next(d, tag, val, NULL, true);
}

/* Take the next element, which must have identifier @want. */
static int der_expect(struct modguard_der *d, u8 want, struct modguard_der *val)
{
	u8 tag;

	if (der_next(d, &tag, val) || tag != want)
		return MODGUARD_SIGID_EMALFORMED;
	return 0;
}

/* Take the next element, which must be a SET or a SEQUENCE. */
static int der_set_or_seq(struct modguard_der *d, struct modguard_der *val)
{
	u8 tag;

	if (der_next(d, &tag, val) || (tag != TAG_SET && tag != TAG_SEQUENCE))
		return MODGUARD_SIGID_EMALFORMED;
	return 0;
}

/* Skip the next element if its identifier is @a or @b. */
static int der_skip_optional(struct modguard_der *d, u8 a, u8 b)
{
	struct modguard_der skip;
	u8 tag;

	if (!d->len || (d->p[0] != a && d->p[0] != b))
		return 0;
	return der_next(d, &tag, &skip);
}

/* Take an OBJECT IDENTIFIER, which must be @oid. */
static int der_oid(struct modguard_der *d, const u8 *oid, size_t len)
{
	struct modguard_der v;

	if (der_expect(d, TAG_OID, &v) || v.len != len ||
	    memcmp(v.p, oid, len) != 0)
		return MODGUARD_SIGID_EMALFORMED;
	return 0;
}

/* A version INTEGER: one contents octet, as the kernel's parser wants. */
static int der_version(struct modguard_der *d, u8 *version)
{
	struct modguard_der v;

	if (der_expect(d, TAG_INTEGER, &v) || v.len != 1)
		return MODGUARD_SIGID_EMALFORMED;
	*version = v.p[0];
	return 0;
}

/*
 * One SignerInfo, the contents of its SEQUENCE. As in
 * pkcs7_note_signerinfo_version(), version 1 goes with SignedData version
 * 1 and an issuerAndSerialNumber sid, version 3 with SignedData version 3
 * and a subjectKeyIdentifier sid: the kernel picks the key id by the
 * version, so a sid of the other form is refused here.
 */
static int signer_info(struct modguard_der si, u8 sd_version,
		       struct modguard_signer_id *out)
{
	struct modguard_der sid, issuer = { }, id, skip;
	u8 version, kind;

	if (der_version(&si, &version))
		return MODGUARD_SIGID_EMALFORMED;
	if (version == 1 && sd_version == 1) {
		if (der_expect(&si, TAG_SEQUENCE, &sid) ||
		    der_expect(&sid, TAG_SEQUENCE, &issuer) ||
		    der_expect(&sid, TAG_INTEGER, &id) || sid.len)
			return MODGUARD_SIGID_EMALFORMED;
		kind = MODGUARD_SIGNER_SERIAL;
	} else if (version == 3 && sd_version == 3) {
		if (der_expect(&si, TAG_CTX0, &id))
			return MODGUARD_SIGID_EMALFORMED;
		kind = MODGUARD_SIGNER_SKID;
	} else {
		return MODGUARD_SIGID_EMALFORMED;
	}
	if (!id.len || id.len > MODGUARD_SIGNER_ID_MAX)
		return MODGUARD_SIGID_EMALFORMED;

	/*
	 * digestAlgorithm, signedAttrs, signatureAlgorithm, signature,
	 * unsignedAttrs, and nothing after them.
	 */
	if (der_expect(&si, TAG_SEQUENCE, &skip) ||
	    der_skip_optional(&si, TAG_CTX0_CONS, TAG_CTX2_CONS) ||
	    der_expect(&si, TAG_SEQUENCE, &skip) ||
	    der_expect(&si, TAG_OCTET_STRING, &skip) ||
	    der_skip_optional(&si, TAG_CTX1_CONS, TAG_CTX3_CONS) || si.len)
		return MODGUARD_SIGID_EMALFORMED;

	if (out) {
		out->kind = kind;
		out->len = id.len;
		memcpy(out->id, id.p, id.len);
		out->issuer = issuer.p;
		out->issuer_len = issuer.len;
	}
	return 0;
}

/**
 * modguard_pkcs7_signer_id() - The signer identifier of a module signature.
 * @der: The PKCS#7 blob of the signature trailer (DER).
 * @len: Length of @der in bytes.
 * @out: Receives the sid of the first SignerInfo, the number of
 *       SignerInfos and whether certificates come with them; zeroed on
 *       every other return.
 *
 * Accepts exactly one ContentInfo of type signedData (nothing may follow
 * it) whose SignedData has version 1 or 3, detached pkcs7-data content,
 * optional certificates and CRLs, and at least one SignerInfo. Every
 * SignerInfo is walked and must be well-formed. The signature itself is
 * not verified.
 *
 * Context: Any context; does not sleep or allocate.
 * Return:
 * * %0				- @out filled in
 * * %MODGUARD_SIGID_EMALFORMED	- not DER, not the structure above, or a
 *				  sid that is empty or longer than
 *				  MODGUARD_SIGNER_ID_MAX bytes
 */
int modguard_pkcs7_signer_id(const void *der, size_t len,
			     struct modguard_signer_id *out)
{
	struct modguard_der d = { .p = der, .len = len };
	struct modguard_der ci, content, sd, eci, sis, si, skip;
	struct modguard_signer_id first;
	unsigned int count = 0;
	u8 sd_version;
	bool certs;

	memset(out, 0, sizeof(*out));
	memset(&first, 0, sizeof(first));
	if (!der)
		return MODGUARD_SIGID_EMALFORMED;

	/* ContentInfo { contentType signedData, [0] EXPLICIT SignedData } */
	if (der_expect(&d, TAG_SEQUENCE, &ci) || d.len ||
	    der_oid(&ci, oid_signed_data, sizeof(oid_signed_data)) ||
	    der_expect(&ci, TAG_CTX0_CONS, &content) || ci.len ||
	    der_expect(&content, TAG_SEQUENCE, &sd) || content.len)
		return MODGUARD_SIGID_EMALFORMED;

	if (der_version(&sd, &sd_version) ||
	    (sd_version != 1 && sd_version != 3))
		return MODGUARD_SIGID_EMALFORMED;

	/*
	 * digestAlgorithms; then encapContentInfo, which for a module is
	 * pkcs7-data and detached (the kernel refuses anything else); then
	 * certificates and crls, both optional; then signerInfos, last.
	 */
	if (der_set_or_seq(&sd, &skip) ||
	    der_expect(&sd, TAG_SEQUENCE, &eci) ||
	    der_oid(&eci, oid_data, sizeof(oid_data)) || eci.len)
		return MODGUARD_SIGID_EMALFORMED;
	certs = sd.len && (sd.p[0] == TAG_CTX0_CONS || sd.p[0] == TAG_CTX2_CONS);
	if (der_skip_optional(&sd, TAG_CTX0_CONS, TAG_CTX2_CONS) ||
	    der_skip_optional(&sd, TAG_CTX1_CONS, TAG_CTX3_CONS) ||
	    der_set_or_seq(&sd, &sis) || sd.len)
		return MODGUARD_SIGID_EMALFORMED;

	while (sis.len) {
		if (der_expect(&sis, TAG_SEQUENCE, &si) ||
		    signer_info(si, sd_version, count ? NULL : &first))
			return MODGUARD_SIGID_EMALFORMED;
		if (count < 255)
			count++;
	}
	if (!count)
		return MODGUARD_SIGID_EMALFORMED;

	*out = first;
	out->signers = count;
	out->certs = certs;
	return 0;
}

/**
 * modguard_signer_id_format() - Write a signer id as lowercase hex.
 * @id: The id.
 * @buf: Receives 2 * @id->len hex digits, no separators, and a NUL; ""
 *       on error. MODGUARD_SIGNER_ID_HEX_SIZE bytes always suffice.
 * @size: Size of @buf.
 *
 * Context: Any context.
 * Return:
 * * %0				- @buf filled in
 * * %MODGUARD_SIGID_ENOSPC	- @buf is too small
 * * %MODGUARD_SIGID_EMALFORMED	- @id->len is above MODGUARD_SIGNER_ID_MAX
 */
int modguard_signer_id_format(const struct modguard_signer_id *id, char *buf,
			      size_t size)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (!size)
		return MODGUARD_SIGID_ENOSPC;
	buf[0] = '\0';
	if (id->len > MODGUARD_SIGNER_ID_MAX)
		return MODGUARD_SIGID_EMALFORMED;
	if (size < 2 * (size_t)id->len + 1)
		return MODGUARD_SIGID_ENOSPC;

	for (i = 0; i < id->len; i++) {
		buf[2 * i] = digits[id->id[i] >> 4];
		buf[2 * i + 1] = digits[id->id[i] & 0xf];
	}
	buf[2 * i] = '\0';
	return 0;
}

/**
 * modguard_hex_digit() - The value of one hex digit, either case.
 * @c: The character.
 *
 * The one hex reader of the shared code: signer ids, digests in policy
 * rules and modguardctl's readers of hex-encoded audit fields use it.
 *
 * Return: 0 to 15, or -1 for a character that is not a hex digit.
 */
int modguard_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/**
 * modguard_signer_id_parse() - Parse the hex of a signer id.
 * @hex: The hex digits; need not be NUL-terminated.
 * @len: Number of characters in @hex.
 * @out: Receives the id, with kind MODGUARD_SIGNER_ANY and signers 0;
 *       zeroed on error.
 *
 * Accepts pairs of hex digits in either case, either all run together
 * ("6cc0ab") or all separated by single colons ("6C:C0:AB", the form of
 * modinfo's sig_key), 1 to MODGUARD_SIGNER_ID_MAX bytes.
 *
 * Context: Any context.
 * Return:
 * * %0				- @out filled in
 * * %MODGUARD_SIGID_EMALFORMED	- empty, too long, an odd digit, a
 *				  character that is not a hex digit, or
 *				  misplaced colons
 */
int modguard_signer_id_parse(const char *hex, size_t len,
			     struct modguard_signer_id *out)
{
	struct modguard_signer_id id;
	size_t i = 0;
	bool colons;
	int hi, lo;

	memset(out, 0, sizeof(*out));
	memset(&id, 0, sizeof(id));
	if (!hex || !len)
		return MODGUARD_SIGID_EMALFORMED;

	colons = len > 2 && hex[2] == ':';
	while (i < len) {
		if (id.len == MODGUARD_SIGNER_ID_MAX || len - i < 2)
			return MODGUARD_SIGID_EMALFORMED;
		hi = modguard_hex_digit(hex[i]);
		lo = modguard_hex_digit(hex[i + 1]);
		if (hi < 0 || lo < 0)
			return MODGUARD_SIGID_EMALFORMED;
		id.id[id.len++] = (u8)(hi << 4 | lo);
		i += 2;
		if (colons && i < len) {
			if (hex[i] != ':' || i + 1 == len)
				return MODGUARD_SIGID_EMALFORMED;
			i++;
		}
	}

	*out = id;
	return 0;
}

/**
 * modguard_signer_kind_name() - Stable name of a signer kind.
 * @kind: A &enum modguard_signer_kind.
 *
 * Return: "any", "serial" or "skid"; "unknown" for any other value.
 */
const char *modguard_signer_kind_name(unsigned int kind)
{
	if (kind >= __MODGUARD_SIGNER_MAX)
		return "unknown";
	return kind_names[kind];
}
