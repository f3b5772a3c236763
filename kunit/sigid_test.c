// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite modguard_sigid: the signer id of a PKCS#7 module signature,
 * table-driven over DER built in C (sigid_vectors.h), each blob parsed
 * from a buffer of exactly its length so KASAN catches a read past the
 * end; and the hex form used by "signer=" policy rules.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "sigid_vectors.h"

static void sigid_case_desc(const struct sigid_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

static void hex_case_desc(const struct sigid_hex_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sigid, sigid_cases, sigid_case_desc);
KUNIT_ARRAY_PARAM(sigid_hex, sigid_hex_cases, hex_case_desc);

/* A buffer of exactly @len bytes (one when @len is 0) holding @src. */
static u8 *exact_copy(struct kunit *test, const u8 *src, size_t len)
{
	u8 *p = kunit_kzalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memcpy(p, src, len);
	return p;
}

static void expect_zeroed(struct kunit *test, const struct modguard_signer_id *id)
{
	KUNIT_EXPECT_EQ(test, id->kind, 0);
	KUNIT_EXPECT_EQ(test, id->len, 0);
	KUNIT_EXPECT_EQ(test, id->signers, 0);
}

static void modguard_sigid_test(struct kunit *test)
{
	const struct sigid_case *c = test->param_value;
	u8 want_id[MODGUARD_SIGNER_ID_MAX + 1];
	struct modguard_signer_id id;
	size_t len, want_len;
	u8 *buf, *blob;
	bool null;
	int got;

	buf = kunit_kzalloc(test, DV_IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = dv_make(c, buf, &null);
	KUNIT_ASSERT_TRUE_MSG(test, len || c->m == DV_EMPTY || c->m == DV_NULL,
			      "the blob does not fit in DV_IMAGE_MAX");
	blob = exact_copy(test, buf, len);

	memset(&id, 0x5a, sizeof(id));
	got = modguard_pkcs7_signer_id(null ? NULL : blob, len, &id);
	KUNIT_EXPECT_EQ(test, got, c->want);
	if (got) {
		expect_zeroed(test, &id);
		return;
	}
	if (c->want)
		return;

	want_len = dv_case_id(c, want_id, sizeof(want_id));
	KUNIT_EXPECT_EQ(test, id.kind, c->want_kind);
	KUNIT_ASSERT_EQ(test, (size_t)id.len, want_len);
	KUNIT_EXPECT_MEMEQ(test, id.id, want_id, want_len);
	KUNIT_EXPECT_EQ(test, id.signers,
			c->want_signers ? c->want_signers : 1);
}

/* Every proper prefix of a well-formed blob is malformed. */
static void modguard_sigid_truncation_test(struct kunit *test)
{
	static const struct sigid_case blobs[] = {
		{ "issuer and serial", DV_NONE },
		{ "SKID", DV_SKID_SID },
		{ "certificates, crls", DV_CERTS_CRLS },
	};
	struct modguard_signer_id id;
	size_t full, len, i;
	u8 *buf, *blob;
	bool null;
	int got;

	buf = kunit_kzalloc(test, DV_IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(blobs); i++) {
		full = dv_make(&blobs[i], buf, &null);
		KUNIT_ASSERT_GT(test, full, (size_t)0);
		blob = exact_copy(test, buf, full);
		KUNIT_EXPECT_EQ(test, modguard_pkcs7_signer_id(blob, full, &id),
				0);
		kunit_kfree(test, blob);
		for (len = 0; len < full; len++) {
			blob = exact_copy(test, buf, len);
			got = modguard_pkcs7_signer_id(blob, len, &id);
			KUNIT_EXPECT_EQ_MSG(test, got, MODGUARD_SIGID_EMALFORMED,
					    "%s, %zu of %zu bytes",
					    blobs[i].desc, len, full);
			kunit_kfree(test, blob);
		}
	}
}

static void modguard_sigid_hex_test(struct kunit *test)
{
	const struct sigid_hex_case *c = test->param_value;
	size_t len = c->len < 0 ? strlen(c->hex) : c->len;
	char out[MODGUARD_SIGNER_ID_HEX_SIZE];
	struct modguard_signer_id id;
	char *hex;
	int got;

	/* Exactly @len bytes, no NUL after them. */
	hex = kunit_kzalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, hex);
	memcpy(hex, c->hex, len);

	memset(&id, 0x5a, sizeof(id));
	got = modguard_signer_id_parse(hex, len, &id);
	KUNIT_EXPECT_EQ(test, got, c->want);
	if (got) {
		expect_zeroed(test, &id);
		return;
	}
	KUNIT_EXPECT_EQ(test, id.kind, MODGUARD_SIGNER_ANY);
	KUNIT_EXPECT_EQ(test, id.signers, 0);
	KUNIT_ASSERT_EQ(test, modguard_signer_id_format(&id, out, sizeof(out)),
			0);
	KUNIT_EXPECT_STREQ(test, out, c->want_hex);
}

static void modguard_sigid_format_test(struct kunit *test)
{
	struct modguard_signer_id id = { .kind = MODGUARD_SIGNER_SERIAL };
	char *buf;

	id.len = dv_unhex("00c0ffee", id.id, sizeof(id.id));
	/* Exactly the digits and the NUL. */
	buf = kunit_kzalloc(test, 9, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, modguard_signer_id_format(&id, buf, 9), 0);
	KUNIT_EXPECT_STREQ(test, buf, "00c0ffee");
	KUNIT_EXPECT_EQ(test, modguard_signer_id_format(&id, buf, 8),
			MODGUARD_SIGID_ENOSPC);
	KUNIT_EXPECT_STREQ(test, buf, "");
	buf[0] = 'z';
	KUNIT_EXPECT_EQ(test, modguard_signer_id_format(&id, buf, 0),
			MODGUARD_SIGID_ENOSPC);
	KUNIT_EXPECT_EQ(test, buf[0], 'z');

	id.len = MODGUARD_SIGNER_ID_MAX + 1;
	KUNIT_EXPECT_EQ(test, modguard_signer_id_format(&id, buf, 9),
			MODGUARD_SIGID_EMALFORMED);
	KUNIT_EXPECT_STREQ(test, buf, "");

	id.len = 0;
	KUNIT_EXPECT_EQ(test, modguard_signer_id_format(&id, buf, 1), 0);
	KUNIT_EXPECT_STREQ(test, buf, "");

	KUNIT_EXPECT_EQ(test, modguard_signer_id_parse(NULL, 2, &id),
			MODGUARD_SIGID_EMALFORMED);
}

static void modguard_sigid_kind_names_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, modguard_signer_kind_name(MODGUARD_SIGNER_ANY),
			   "any");
	KUNIT_EXPECT_STREQ(test,
			   modguard_signer_kind_name(MODGUARD_SIGNER_SERIAL),
			   "serial");
	KUNIT_EXPECT_STREQ(test, modguard_signer_kind_name(MODGUARD_SIGNER_SKID),
			   "skid");
	KUNIT_EXPECT_STREQ(test, modguard_signer_kind_name(__MODGUARD_SIGNER_MAX),
			   "unknown");
}

static struct kunit_case modguard_sigid_cases[] = {
	KUNIT_CASE_PARAM(modguard_sigid_test, sigid_gen_params),
	KUNIT_CASE(modguard_sigid_truncation_test),
	KUNIT_CASE_PARAM(modguard_sigid_hex_test, sigid_hex_gen_params),
	KUNIT_CASE(modguard_sigid_format_test),
	KUNIT_CASE(modguard_sigid_kind_names_test),
	{}
};

static struct kunit_suite modguard_sigid_suite = {
	.name = "modguard_sigid",
	.test_cases = modguard_sigid_cases,
};

kunit_test_suite(modguard_sigid_suite);
