// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite modguard_verify: real PKCS#7 verification of real module
 * signatures (made at build time with the kernel's sign-file, see
 * scripts/kbuild/pkcs7-vectors.sh) against a test key in a private
 * keyring, through the same code as every module load.
 */

#include <kunit/test.h>
#include <linux/cred.h>
#include <linux/key.h>
#include <linux/slab.h>
#include <linux/verification.h>
#include <crypto/pkcs7.h>
#include <crypto/sha2.h>

#include "../kernel/common/sigid.h"
#include "../kernel/common/trailer.h"
#include "../kernel/verify.h"
#include "pkcs7_vectors.h"

/* How a case changes its image before verification. */
enum pv_mutation {
	PV_NONE,
	PV_FLIP_PAYLOAD,	/* one payload byte changed after signing */
	PV_FLIP_SIG,		/* the last byte of the signature changed */
	PV_GARBLE_PKCS7,	/* the PKCS#7 no longer parses */
};

struct verify_case {
	const char *desc;
	const u8 *image;
	size_t len;
	enum pv_mutation m;
	enum modguard_reason want;
	bool signer;		/* the trusted key is found as the signer */
};

static const struct verify_case verify_cases[] = {
	{ "trusted key, sha256", pv_signed_trusted,
	  sizeof(pv_signed_trusted), PV_NONE,
	  MODGUARD_REASON_OK, true },
	{ "trusted key, sha512", pv_signed_sha512,
	  sizeof(pv_signed_sha512), PV_NONE,
	  MODGUARD_REASON_OK, true },
	/* The same key through the other form of sid: the same signer. */
	{ "trusted key, signer named by SKID", pv_signed_skid,
	  sizeof(pv_signed_skid), PV_NONE,
	  MODGUARD_REASON_OK, true },
	{ "key in no keyring", pv_signed_other,
	  sizeof(pv_signed_other), PV_NONE,
	  MODGUARD_REASON_UNTRUSTED_KEY, false },
	{ "payload changed after signing", pv_signed_trusted,
	  sizeof(pv_signed_trusted),
	  PV_FLIP_PAYLOAD, MODGUARD_REASON_BAD_SIGNATURE, true },
	{ "signature changed", pv_signed_trusted,
	  sizeof(pv_signed_trusted), PV_FLIP_SIG,
	  MODGUARD_REASON_BAD_SIGNATURE, true },
	{ "signature blob does not parse", pv_signed_trusted,
	  sizeof(pv_signed_trusted), PV_GARBLE_PKCS7,
	  MODGUARD_REASON_MALFORMED_SIGNATURE, false },
	{ "unsigned", pv_payload,
	  sizeof(pv_payload), PV_NONE, MODGUARD_REASON_UNSIGNED, false },
};

static void verify_case_desc(const struct verify_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(verify, verify_cases, verify_case_desc);

static void keyring_put(void *keyring)
{
	key_put(keyring);
}

/* A private keyring holding only the test key. */
static struct key *test_keyring(struct kunit *test)
{
	struct key *keyring;
	key_ref_t key;

	keyring = keyring_alloc("modguard_kunit", GLOBAL_ROOT_UID,
				GLOBAL_ROOT_GID, current_cred(),
				KEY_POS_ALL | KEY_USR_VIEW | KEY_USR_READ |
				KEY_USR_SEARCH, KEY_ALLOC_NOT_IN_QUOTA, NULL,
				NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(keyring));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, keyring_put,
							keyring), 0);
	key = key_create_or_update(make_key_ref(keyring, true), "asymmetric",
				   NULL, pv_trusted_cert,
				   sizeof(pv_trusted_cert),
				   KEY_POS_ALL | KEY_USR_VIEW,
				   KEY_ALLOC_NOT_IN_QUOTA);
	KUNIT_ASSERT_FALSE(test, IS_ERR(key));
	key_ref_put(key);
	return keyring;
}

static void modguard_verify_test(struct kunit *test)
{
	const struct verify_case *c = test->param_value;
	u8 want_digest[SHA256_DIGEST_SIZE];
	struct modguard_verdict v = { };
	struct modguard_trailer t;
	struct key *keyring;
	u8 *image;

	keyring = test_keyring(test);
	/* An exact-size copy: KASAN sees any read past the end. */
	image = kunit_kmalloc(test, c->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, image);
	memcpy(image, c->image, c->len);
	modguard_trailer_parse(image, c->len, &t);

	switch (c->m) {
	case PV_NONE:
		break;
	case PV_FLIP_PAYLOAD:
		image[t.payload_len / 2] ^= 0x01;
		break;
	case PV_FLIP_SIG:
		image[t.payload_len + t.sig_len - 1] ^= 0x01;
		break;
	case PV_GARBLE_PKCS7:
		memset(image + t.payload_len, 0xff, 8);
		break;
	}

	modguard_verify_image_keyring(image, c->len, keyring, &v);
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(v.reason),
			   modguard_reason_name(c->want));
	/*
	 * Verified or not, not by the secondary trusted keyring: the loader
	 * must not be told that it need not verify (patch 0003).
	 */
	KUNIT_EXPECT_FALSE(test, v.system_verified);

	/* The digest is the payload's sha256, whatever the verdict. */
	sha256(image, t.payload_len, want_digest);
	KUNIT_EXPECT_TRUE(test, v.have_digest);
	KUNIT_EXPECT_MEMEQ(test, v.digest, want_digest, sizeof(want_digest));
	/* The signer is the key, by its SKID, whatever the sid says. */
	KUNIT_EXPECT_EQ(test, v.have_signer, c->signer);
	if (c->signer) {
		KUNIT_EXPECT_EQ(test, v.signer.len, sizeof(pv_trusted_skid));
		KUNIT_EXPECT_MEMEQ(test, v.signer.id, pv_trusted_skid,
				   sizeof(pv_trusted_skid));
	}
}

/* The same image through the system keyrings: the test key is not there. */
static void modguard_verify_system_test(struct kunit *test)
{
	struct modguard_verdict v = { };

	modguard_verify_image(pv_signed_trusted, sizeof(pv_signed_trusted),
			      false, &v);
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(v.reason),
			   "untrusted-key");
	KUNIT_EXPECT_FALSE(test, v.system_verified);
	/* A verdict left from an earlier image never carries over. */
	v.system_verified = true;
	modguard_verify_image(pv_signed_trusted, sizeof(pv_signed_trusted),
			      true, &v);
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(v.reason),
			   "signature-ignored");
	KUNIT_EXPECT_FALSE(test, v.pending);
	KUNIT_EXPECT_FALSE(test, v.system_verified);
}

/*
 * In two steps: everything but the public-key work first (a deny rule can
 * refuse the module then), the signature only when asked.
 */
static void modguard_verify_two_steps_test(struct kunit *test)
{
	struct modguard_verdict v = { };

	modguard_verify_prepare(pv_signed_trusted, sizeof(pv_signed_trusted),
				false, &v);
	KUNIT_EXPECT_TRUE(test, v.pending);
	KUNIT_EXPECT_EQ(test, v.reason, MODGUARD_REASON_OK);
	KUNIT_EXPECT_TRUE(test, v.have_digest);
	/* One DER SignerInfo, but its key is in none of the keyrings. */
	KUNIT_EXPECT_TRUE(test, v.attributable);
	KUNIT_EXPECT_EQ(test, v.signer_lookup, -ENOKEY);
	KUNIT_EXPECT_FALSE(test, v.have_signer);
	KUNIT_EXPECT_LT(test, v.payload_len, sizeof(pv_signed_trusted));
	modguard_verify_signature(pv_signed_trusted, &v);
	KUNIT_EXPECT_FALSE(test, v.pending);
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(v.reason),
			   "untrusted-key");
	/* Once decided, asking again changes nothing. */
	v.reason = MODGUARD_REASON_OK;
	modguard_verify_signature(pv_signed_trusted, &v);
	KUNIT_EXPECT_EQ(test, v.reason, MODGUARD_REASON_OK);
}

/*
 * Patch 0004: the digest modguard hands to the PKCS#7 code is the one the
 * signature is checked against, so the payload is hashed once. @flip
 * changes the handed digest; @image's data is always intact.
 */
static int handed_digest_verify(struct kunit *test, const u8 *image,
				size_t len, struct key *keyring, bool flip,
				u32 digest_len)
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct pkcs7_message *pkcs7;
	struct modguard_trailer t;
	int ret;

	KUNIT_ASSERT_EQ(test, modguard_trailer_parse(image, len, &t),
			MODGUARD_REASON_OK);
	sha256(image, t.payload_len, digest);
	if (flip)
		digest[0] ^= 0x01;
	pkcs7 = pkcs7_parse_message(t.sig, t.sig_len);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pkcs7));
	ret = pkcs7_supply_detached_data_digest(pkcs7, image, t.payload_len,
						digest, digest_len,
						HASH_ALGO_SHA256);
	if (!ret)
		ret = verify_pkcs7_message_sig(NULL, 0, pkcs7, keyring,
					       VERIFYING_MODULE_SIGNATURE,
					       NULL, NULL);
	pkcs7_free_message(pkcs7);
	return ret;
}

static void modguard_verify_handed_digest_test(struct kunit *test)
{
	struct key *keyring = test_keyring(test);

	KUNIT_EXPECT_EQ(test,
			handed_digest_verify(test, pv_signed_trusted,
					     sizeof(pv_signed_trusted),
					     keyring, false,
					     SHA256_DIGEST_SIZE), 0);
	/* A wrong digest for intact data: the data was not hashed again. */
	KUNIT_EXPECT_EQ(test,
			handed_digest_verify(test, pv_signed_trusted,
					     sizeof(pv_signed_trusted),
					     keyring, true,
					     SHA256_DIGEST_SIZE),
			-EKEYREJECTED);
	/* A sha512 signature ignores a sha256 digest and hashes the data. */
	KUNIT_EXPECT_EQ(test,
			handed_digest_verify(test, pv_signed_sha512,
					     sizeof(pv_signed_sha512),
					     keyring, true,
					     SHA256_DIGEST_SIZE), 0);
	/* A digest of the wrong size is refused before anything is kept. */
	KUNIT_EXPECT_EQ(test,
			handed_digest_verify(test, pv_signed_trusted,
					     sizeof(pv_signed_trusted),
					     keyring, false,
					     SHA256_DIGEST_SIZE - 1),
			-EINVAL);
}

static struct kunit_case modguard_verify_cases[] = {
	KUNIT_CASE_PARAM(modguard_verify_test, verify_gen_params),
	KUNIT_CASE(modguard_verify_system_test),
	KUNIT_CASE(modguard_verify_two_steps_test),
	KUNIT_CASE(modguard_verify_handed_digest_test),
	{}
};

static struct kunit_suite modguard_verify_suite = {
	.name = "modguard_verify",
	.test_cases = modguard_verify_cases,
};

kunit_test_suite(modguard_verify_suite);
