// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite modguard_trailer: the appended signature trailer parser,
 * table-driven over valid and malformed images.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "trailer_vectors.h"

static void trailer_case_desc(const struct trailer_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(trailer, trailer_cases, trailer_case_desc);

static void modguard_trailer_test(struct kunit *test)
{
	const struct trailer_case *c = test->param_value;
	struct modguard_trailer t;
	enum modguard_reason got;
	bool null;
	size_t len;
	u8 *buf;

	buf = kunit_kzalloc(test, IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = tv_make(c, buf, &null);

	got = modguard_trailer_parse(null ? NULL : buf, len, &t);
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(got),
			   modguard_reason_name(c->want));
	if (c->want == MODGUARD_REASON_OK) {
		KUNIT_EXPECT_EQ(test, t.payload_len, c->want_payload);
		KUNIT_EXPECT_EQ(test, t.sig_len, c->want_sig);
		KUNIT_EXPECT_PTR_EQ(test, t.sig, (const u8 *)buf + c->want_payload);
	} else {
		KUNIT_EXPECT_NULL(test, t.sig);
		KUNIT_EXPECT_EQ(test, t.payload_len, len);
	}
}

static void modguard_reason_names_test(struct kunit *test)
{
	int r;

	for (r = 0; r < __MODGUARD_REASON_MAX; r++)
		KUNIT_EXPECT_NOT_NULL(test, modguard_reason_name(r));
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(__MODGUARD_REASON_MAX),
			   "internal-error");
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(MODGUARD_REASON_UNSIGNED),
			   "unsigned");
}

static struct kunit_case modguard_trailer_cases[] = {
	KUNIT_CASE_PARAM(modguard_trailer_test, trailer_gen_params),
	KUNIT_CASE(modguard_reason_names_test),
	{}
};

static struct kunit_suite modguard_trailer_suite = {
	.name = "modguard_trailer",
	.test_cases = modguard_trailer_cases,
};

kunit_test_suite(modguard_trailer_suite);
