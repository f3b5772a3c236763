// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites modguard_policy (the parser) and modguard_decide (the
 * decision table).
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "policy_vectors.h"

static void parse_case_desc(const struct parse_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(parse, parse_cases, parse_case_desc);

static void modguard_policy_parse_test(struct kunit *test)
{
	const struct parse_case *c = test->param_value;
	struct modguard_policy_error e = { };
	struct modguard_policy *p, *again;
	char *text, *canon;
	size_t len, n;

	/* An exact-size copy, so KASAN sees any read past the end. */
	len = pv_len(c);
	text = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	pv_fill(c, text);

	p = modguard_policy_parse(text, len, &e);
	if (c->err) {
		KUNIT_EXPECT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, e.err, c->err);
		KUNIT_EXPECT_EQ(test, e.line, c->line);
		KUNIT_EXPECT_NOT_NULL(test, e.msg);
		modguard_policy_free(p);
		return;
	}
	KUNIT_ASSERT_NOT_NULL_MSG(test, p, "line %u: %s", e.line, e.msg);
	KUNIT_EXPECT_EQ(test, p->total, c->rules);

	/* The canonical text ends with the end line and parses back. */
	n = modguard_policy_format(p, NULL, 0);
	KUNIT_ASSERT_GE(test, n, sizeof(HDR) - 1 + sizeof(END) - 1);
	canon = kunit_kmalloc(test, n, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, canon);
	KUNIT_EXPECT_EQ(test, modguard_policy_format(p, canon, n), n);
	KUNIT_EXPECT_MEMEQ(test, canon + n - (sizeof(END) - 1), END,
			   sizeof(END) - 1);
	again = modguard_policy_parse(canon, n, &e);
	KUNIT_ASSERT_NOT_NULL(test, again);
	KUNIT_EXPECT_EQ(test, again->total, p->total);
	KUNIT_EXPECT_EQ(test, modguard_policy_format(again, NULL, 0), n);
	modguard_policy_free(again);
	modguard_policy_free(p);
}

static void modguard_policy_lookup_test(struct kunit *test)
{
	static const char text[] = HDR "allow digest=" D1 "\ndeny name=mg-x\n"
				   "allow signer=6C:C0:79\n" END;
	struct modguard_policy_error e = { };
	const struct modguard_rule *r;
	struct modguard_policy *p;
	u8 d1[MODGUARD_DIGEST_LEN], d2[MODGUARD_DIGEST_LEN];
	static const u8 signer[] = { 0x6c, 0xc0, 0x79 };

	memset(d1, 0x11, sizeof(d1));
	memset(d2, 0x22, sizeof(d2));
	p = modguard_policy_parse(text, sizeof(text) - 1, &e);
	KUNIT_ASSERT_NOT_NULL(test, p);

	r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d1, 32);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->line, 2);
	r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_DIGEST, d2, 32);
	KUNIT_EXPECT_NULL(test, r);
	r = modguard_policy_lookup(p, MODGUARD_RULE_DENY_DIGEST, d1, 32);
	KUNIT_EXPECT_NULL(test, r);
	r = modguard_policy_lookup(p, MODGUARD_RULE_DENY_NAME, "mg_x", 4);
	KUNIT_EXPECT_NOT_NULL(test, r);
	r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_SIGNER, signer, 3);
	KUNIT_EXPECT_NOT_NULL(test, r);
	r = modguard_policy_lookup(p, MODGUARD_RULE_ALLOW_SIGNER, signer, 2);
	KUNIT_EXPECT_NULL(test, r);
	modguard_policy_free(p);
}

/*
 * A signer rule names a key by its subject key identifier, compared octet
 * for octet: a leading zero byte is part of the id (there is no DER sign
 * octet to drop, as there was when rules named serials).
 */
static void modguard_signer_exact_test(struct kunit *test)
{
	static const char text[] = HDR "deny signer=00:80:01\n" END;
	static const u8 der[] = { 0x00, 0x80, 0x01 }, plain[] = { 0x80, 0x01 };
	struct modguard_policy_error e = { };
	struct modguard_decision d;
	struct modguard_facts f = { .sig = MODGUARD_REASON_OK, .name = "m" };
	struct modguard_policy *p;

	p = modguard_policy_parse(text, sizeof(text) - 1, &e);
	KUNIT_ASSERT_NOT_NULL(test, p);
	f.signer = der;
	f.signer_len = sizeof(der);
	modguard_evaluate_rules(p, &f, &d);
	KUNIT_EXPECT_FALSE(test, d.allow);
	f.signer = plain;
	f.signer_len = sizeof(plain);
	modguard_evaluate_rules(p, &f, &d);
	KUNIT_EXPECT_TRUE(test, d.allow);
	f.signer = der + 2;
	f.signer_len = 1;
	modguard_evaluate_rules(p, &f, &d);
	KUNIT_EXPECT_TRUE(test, d.allow);
	modguard_policy_free(p);
}

/* A duplicate names both lines: the later as @line, the first too. */
static void modguard_policy_duplicate_lines_test(struct kunit *test)
{
	static const char text[] = HDR "deny name=a\n# x\ndeny name=b\n"
				   "deny name=a\n" END;
	struct modguard_policy_error e = { };

	KUNIT_EXPECT_NULL(test, modguard_policy_parse(text, sizeof(text) - 1,
						      &e));
	KUNIT_EXPECT_EQ(test, e.line, 5);
	KUNIT_EXPECT_EQ(test, e.first_line, 2);
	KUNIT_EXPECT_STREQ(test, e.msg, "duplicate rule");
}

/*
 * CUT_POLICY cut at every byte: only the whole text, or the whole less its
 * last newline, parses, and to the same policy. Without the end line,
 * dozens of these prefixes were smaller policies of their own.
 */
static void modguard_policy_cut_test(struct kunit *test)
{
	static const char whole[] = CUT_POLICY;
	const size_t whole_len = sizeof(whole) - 1;
	struct modguard_policy_error e = { };
	struct modguard_policy *p;
	char *text, *want, *got;
	size_t len, n, parsed = 0;

	p = modguard_policy_parse(whole, whole_len, &e);
	KUNIT_ASSERT_NOT_NULL_MSG(test, p, "line %u: %s", e.line, e.msg);
	n = modguard_policy_format(p, NULL, 0);
	want = kunit_kmalloc(test, n, GFP_KERNEL);
	got = kunit_kmalloc(test, n, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, want);
	KUNIT_ASSERT_NOT_NULL(test, got);
	modguard_policy_format(p, want, n);
	modguard_policy_free(p);

	for (len = 0; len < whole_len; len++) {
		/* An exact-size copy, so KASAN sees any read past the cut. */
		text = kmalloc(len ? len : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, text);
		memcpy(text, whole, len);
		p = modguard_policy_parse(text, len, &e);
		kfree(text);
		KUNIT_EXPECT_EQ_MSG(test, !!p, len == whole_len - 1,
				    "cut at byte %zu of %zu", len, whole_len);
		if (p) {
			parsed++;
			KUNIT_EXPECT_EQ(test, modguard_policy_format(p, got, n),
					n);
			KUNIT_EXPECT_MEMEQ(test, got, want, n);
		}
		modguard_policy_free(p);
	}
	KUNIT_EXPECT_EQ(test, parsed, 1);
}

static void decide_case_desc(const struct decide_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(decide, decide_cases, decide_case_desc);

static void modguard_decide_test(struct kunit *test)
{
	const struct decide_case *c = test->param_value;
	static const u8 signer[] = { 0xaa, 0xbb };
	struct modguard_policy_error e = { };
	struct modguard_decision d;
	struct modguard_facts f = {
		.sig = c->sig,
		.name = c->name,
		.signer = signer,
		.signer_len = sizeof(signer),
	};
	struct modguard_policy *p;
	u8 digest[MODGUARD_DIGEST_LEN];
	size_t size;
	char *text;

	memset(digest, 0x11, sizeof(digest));
	f.digest = digest;
	size = sizeof(HDR) - 1 + strlen(c->rules) + sizeof(END);
	text = kunit_kzalloc(test, size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	strscpy(text, HDR, size);
	strcat(text, c->rules);
	strcat(text, END);
	p = modguard_policy_parse(text, strlen(text), &e);
	KUNIT_ASSERT_NOT_NULL(test, p);

	modguard_evaluate_rules(p, &f, &d);
	KUNIT_EXPECT_EQ(test, d.allow, c->allow);
	KUNIT_EXPECT_STREQ(test, modguard_reason_name(d.reason),
			   modguard_reason_name(c->reason));
	KUNIT_EXPECT_EQ(test, d.kind, c->kind);
	KUNIT_EXPECT_EQ(test, !!d.rule, c->kind != NONE);
	modguard_policy_free(p);
}

static struct kunit_case modguard_policy_cases[] = {
	KUNIT_CASE_PARAM(modguard_policy_parse_test, parse_gen_params),
	KUNIT_CASE(modguard_policy_lookup_test),
	KUNIT_CASE(modguard_signer_exact_test),
	KUNIT_CASE(modguard_policy_duplicate_lines_test),
	KUNIT_CASE(modguard_policy_cut_test),
	{}
};

static struct kunit_suite modguard_policy_suite = {
	.name = "modguard_policy",
	.test_cases = modguard_policy_cases,
};

static struct kunit_case modguard_decide_cases[] = {
	KUNIT_CASE_PARAM(modguard_decide_test, decide_gen_params),
	{}
};

static struct kunit_suite modguard_decide_suite = {
	.name = "modguard_decide",
	.test_cases = modguard_decide_cases,
};

kunit_test_suites(&modguard_policy_suite, &modguard_decide_suite);
