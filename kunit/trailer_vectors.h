/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trailer test vectors, shared by the KUnit suite (modguard_trailer) and
 * the userspace tests and fuzz corpus of modguardctl: one table, so the
 * kernel and the tool are held to the same cases.
 *
 * Each case starts from a well-formed signed image (payload, fake PKCS#7,
 * info block, marker) and changes one thing.
 */
#ifndef _SECURITY_MODGUARD_TRAILER_VECTORS_H
#define _SECURITY_MODGUARD_TRAILER_VECTORS_H

#include "../kernel/common/trailer.h"

#define PAYLOAD_LEN 64
#define SIG_LEN 32
#define IMAGE_MAX (PAYLOAD_LEN + SIG_LEN + MODGUARD_SIG_INFO_LEN + \
		   MODGUARD_SIG_MARKER_LEN)

/* How a case changes a well-formed signed image before parsing. */
enum mutation {
	M_NONE,
	M_EMPTY,
	M_NULL,
	M_NO_MARKER,
	M_MARKER_ONLY,
	M_INFO_ONLY,
	M_BAD_MAGIC,
	M_SIG_LEN_EQ_REST,
	M_SIG_LEN_HUGE,
	M_SIG_LEN_MAX_OK,
	M_SIG_LEN_ZERO,
	M_ID_TYPE_X509,
	M_ID_TYPE_PGP,
	M_NONZERO_FIELD,
	M_TRUNCATED_PAYLOAD,
};

struct trailer_case {
	const char *desc;
	enum mutation m;
	int field;		/* info byte for M_NONZERO_FIELD */
	enum modguard_reason want;
	size_t want_payload;	/* checked when want is OK */
	size_t want_sig;
};

static const struct trailer_case trailer_cases[] = {
	{ "valid", M_NONE, 0, MODGUARD_REASON_OK, PAYLOAD_LEN, SIG_LEN },
	{ "empty input", M_EMPTY, 0, MODGUARD_REASON_UNSIGNED },
	{ "NULL input", M_NULL, 0, MODGUARD_REASON_UNSIGNED },
	{ "no marker", M_NO_MARKER, 0, MODGUARD_REASON_UNSIGNED },
	{ "bad magic", M_BAD_MAGIC, 0, MODGUARD_REASON_UNSIGNED },
	{ "marker only", M_MARKER_ONLY, 0, MODGUARD_REASON_UNSIGNED },
	{ "marker and info block only", M_INFO_ONLY, 0,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "sig_len equals what precedes the info block", M_SIG_LEN_EQ_REST, 0,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "sig_len 0xffffffff", M_SIG_LEN_HUGE, 0,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "sig_len leaves a one-byte payload", M_SIG_LEN_MAX_OK, 0,
	  MODGUARD_REASON_OK, 1, PAYLOAD_LEN + SIG_LEN - 1 },
	{ "sig_len zero", M_SIG_LEN_ZERO, 0, MODGUARD_REASON_OK,
	  PAYLOAD_LEN + SIG_LEN, 0 },
	{ "sig_len larger than the file", M_TRUNCATED_PAYLOAD, 0,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "id_type X.509", M_ID_TYPE_X509, 0,
	  MODGUARD_REASON_UNSUPPORTED_ID_TYPE },
	{ "id_type PGP", M_ID_TYPE_PGP, 0,
	  MODGUARD_REASON_UNSUPPORTED_ID_TYPE },
	{ "algo non-zero", M_NONZERO_FIELD, 0,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "hash non-zero", M_NONZERO_FIELD, 1,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "signer_len non-zero", M_NONZERO_FIELD, 3,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "key_id_len non-zero", M_NONZERO_FIELD, 4,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "__pad[0] non-zero", M_NONZERO_FIELD, 5,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "__pad[1] non-zero", M_NONZERO_FIELD, 6,
	  MODGUARD_REASON_MALFORMED_TRAILER },
	{ "__pad[2] non-zero", M_NONZERO_FIELD, 7,
	  MODGUARD_REASON_MALFORMED_TRAILER },
};

static inline void tv_put_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Lay out payload | sig | info | marker; return the image length. */
static inline size_t tv_build(u8 *buf, size_t payload, size_t sig, u32 sig_len)
{
	u8 *info = buf + payload + sig;

	memset(buf, 0xaa, payload);
	memset(buf + payload, 0x30, sig);
	memset(info, 0, MODGUARD_SIG_INFO_LEN);
	info[2] = MODGUARD_ID_PKCS7;
	tv_put_be32(info + 8, sig_len);
	memcpy(info + MODGUARD_SIG_INFO_LEN, MODGUARD_SIG_MARKER,
	       MODGUARD_SIG_MARKER_LEN);
	return payload + sig + MODGUARD_SIG_INFO_LEN + MODGUARD_SIG_MARKER_LEN;
}

/*
 * tv_make() - Lay out the image of case @c in @buf (IMAGE_MAX bytes).
 * Returns the image length; sets *@null when the case passes a NULL image.
 */
static inline size_t tv_make(const struct trailer_case *c, u8 *buf, bool *null)
{
	const size_t body = PAYLOAD_LEN + SIG_LEN;
	size_t len = tv_build(buf, PAYLOAD_LEN, SIG_LEN, SIG_LEN);

	*null = false;
	switch (c->m) {
	case M_NONE:
		break;
	case M_EMPTY:
		len = 0;
		break;
	case M_NULL:
		*null = true;
		break;
	case M_NO_MARKER:
		len -= MODGUARD_SIG_MARKER_LEN;
		break;
	case M_BAD_MAGIC:
		buf[len - 2] ^= 0x01;
		break;
	case M_MARKER_ONLY:
		len = tv_build(buf, 0, 0, 0) - MODGUARD_SIG_INFO_LEN;
		memcpy(buf, MODGUARD_SIG_MARKER, MODGUARD_SIG_MARKER_LEN);
		break;
	case M_INFO_ONLY:
		len = tv_build(buf, 0, 0, 0);
		break;
	case M_SIG_LEN_EQ_REST:
		tv_put_be32(buf + body + 8, body);
		break;
	case M_SIG_LEN_HUGE:
		tv_put_be32(buf + body + 8, 0xffffffff);
		break;
	case M_SIG_LEN_MAX_OK:
		tv_put_be32(buf + body + 8, body - 1);
		break;
	case M_SIG_LEN_ZERO:
		tv_put_be32(buf + body + 8, 0);
		break;
	case M_TRUNCATED_PAYLOAD:
		/* The first bytes of a signed image went missing. */
		len = tv_build(buf, 8, 0, SIG_LEN);
		break;
	case M_ID_TYPE_X509:
		buf[body + 2] = 1;
		break;
	case M_ID_TYPE_PGP:
		buf[body + 2] = 0;
		break;
	case M_NONZERO_FIELD:
		buf[body + c->field] = 1;
		break;
	}

	return len;
}

#endif /* _SECURITY_MODGUARD_TRAILER_VECTORS_H */
