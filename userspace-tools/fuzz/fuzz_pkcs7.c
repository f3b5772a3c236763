// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: mg_pkcs7_parse() (as 6.x and as 7.x read it),
 * mg_x509_ids(), mg_x509_cn() and mg_x509_skid()
 * (src/pkcs7.c, the walker of modguardctl verify) on arbitrary bytes.
 *
 * ASan and UBSan catch memory and arithmetic errors; the checks below
 * catch a result that breaks the contract in pkcs7.h: every pointer
 * returned lies inside the input, the counts and enums are in range, and
 * no proper prefix of accepted DER is accepted. The walker recurses to a
 * fixed depth and loops only while input is consumed, so it is bounded.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pkcs7.h"
#include "check.h"

static void check_in(const uint8_t *data, size_t size, const u8 *p,
		     size_t len)
{
	if (!p) {
		CHECK(!len);
		return;
	}
	CHECK(p >= data && len <= size && (size_t)(p - data) <= size - len);
}

static void check_pkcs7(const uint8_t *data, size_t size, unsigned int flags)
{
	struct mg_pkcs7 p7, again;
	unsigned int i;
	int r;

	r = mg_pkcs7_parse(data, size, flags, &p7);
	CHECK(r == 0 || r == MG_PKCS7_EMALFORMED || r == MG_PKCS7_EUNSUPPORTED);
	if (r)
		return;
	CHECK(p7.n_signers >= 1 && p7.n_signers <= MG_PKCS7_MAX_SIGNERS);
	for (i = 0; i < p7.n_signers; i++) {
		const struct mg_pkcs7_signer *s = &p7.signers[i];

		CHECK(s->hash < __MG_HASH_MAX && s->pkey < __MG_PKEY_MAX);
		CHECK((s->pkey == MG_PKEY_MLDSA) == !!s->mldsa);
		CHECK(!s->mldsa || (flags & MG_PKCS7_MLDSA));
		CHECK(s->id && s->id_len && s->sig && s->sig_len);
		CHECK(s->skid == !s->issuer);
		CHECK(!s->msgdigest || s->attrs);
		CHECK(!s->attrs == !s->attrs_len);
		CHECK(!s->attrs || s->attrs[0] == 0xa0);
		/* Signed attributes on every SignerInfo or on none. */
		CHECK(!s->attrs == !p7.has_attrs);
		check_in(data, size, s->issuer, s->issuer_len);
		check_in(data, size, s->id, s->id_len);
		check_in(data, size, s->attrs, s->attrs_len);
		check_in(data, size, s->msgdigest, s->msgdigest_len);
		check_in(data, size, s->sig, s->sig_len);
	}
	/* The outer element must end exactly at the end. */
	CHECK(mg_pkcs7_parse(data, size - 1, flags, &again) != 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mg_x509_ids ids;
	const u8 *skid, *cn;
	size_t skid_len, cn_len;

	/* As 6.x reads it, then as 7.x (ML-DSA known). */
	check_pkcs7(data, size, 0);
	check_pkcs7(data, size, MG_PKCS7_MLDSA);

	if (!mg_x509_ids(data, size, &ids)) {
		check_in(data, size, ids.serial, ids.serial_len);
		check_in(data, size, ids.issuer, ids.issuer_len);
		check_in(data, size, ids.subject, ids.subject_len);
		check_in(data, size, ids.spki, ids.spki_len);
		check_in(data, size, ids.key_oid, ids.key_oid_len);
		check_in(data, size, ids.ext, ids.ext_len);
		if (!mg_x509_cn(ids.subject, ids.subject_len, &cn, &cn_len))
			check_in(data, size, cn, cn_len);
	}

	if (!mg_x509_skid(data, size, &skid, &skid_len)) {
		CHECK(skid_len);
		check_in(data, size, skid, skid_len);
	}
	return 0;
}
