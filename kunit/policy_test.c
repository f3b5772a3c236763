// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suites modguard_policy (the parser) and modguard_decide (the
 * decision table).
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../kernel/decide.h"
#include "../kernel/policy.h"

#define HDR "modguard-policy 1\n"
#define D1 "1111111111111111111111111111111111111111111111111111111111111111"
#define D2 "2222222222222222222222222222222222222222222222222222222222222222"

struct parse_case {
	const char *desc;
	const char *text;
	size_t len;		/* 0: strlen(text) */
	int err;		/* 0 or the error */
	u32 line;		/* the line an error names */
	u32 rules;		/* rules when it parses */
};

#define NAME56 "12345678901234567890123456789012345678901234567890123456"
#define BAD_HEX "zz22222222222222222222222222222222222222222222222222222222222222"
#define COLON_HEX "11:11111111111111111111111111111111111111111111111111111111111111"
#define ALL_KINDS "allow digest=" D1 "\ndeny digest=" D2 "\ndeny name=mg_alpha\n"

/* A case whose text is NULL gets a comment line of LONG_LINE characters. */
#define LONG_LINE (MODGUARD_POLICY_LINE_MAX + 1)

static const struct parse_case parse_cases[] = {
	{ "header only", HDR, 0, 0, 0, 0 },
	{ "every rule kind", HDR ALL_KINDS "allow signer=6c:c0:79\ndeny signer=ABCD\n",
	  0, 0, 0, 5 },
	{ "comments, blanks and indentation", "# c\n\n  " HDR "\t# x\n  deny name=a\t\n\n",
	  0, 0, 0, 1 },
	{ "CRLF line ends", "modguard-policy 1\r\ndeny name=a\r\n", 0, 0, 0, 1 },
	{ "no final newline", HDR "deny name=a", 0, 0, 0, 1 },
	{ "empty text", "", 0, -EINVAL, 1, 0 },
	{ "comments only", "# nothing\n", 0, -EINVAL, 1, 0 },
	{ "rule before the header", "deny name=a\n" HDR, 0, -EINVAL, 1, 0 },
	{ "wrong version", "modguard-policy 2\n", 0, -EINVAL, 1, 0 },
	{ "version with junk", "modguard-policy 1x\n", 0, -EINVAL, 1, 0 },
	{ "unknown action", HDR "permit name=a\n", 0, -EINVAL, 2, 0 },
	{ "unknown key", HDR "deny path=/x\n", 0, -EINVAL, 2, 0 },
	{ "allow by name refused", HDR "allow name=a\n", 0, -EINVAL, 2, 0 },
	{ "short digest", HDR "allow digest=1234\n", 0, -EINVAL, 2, 0 },
	{ "digest not hex", HDR "allow digest=" D1 "\ndeny digest=" BAD_HEX "\n",
	  0, -EINVAL, 3, 0 },
	{ "digest with colons", HDR "allow digest=" COLON_HEX "\n", 0, -EINVAL, 2, 0 },
	{ "text after the rule", HDR "deny name=a b\n", 0, -EINVAL, 2, 0 },
	{ "name with a slash", HDR "deny name=a/b\n", 0, -EINVAL, 2, 0 },
	{ "empty name", HDR "deny name=\n", 0, -EINVAL, 2, 0 },
	{ "name of 56 characters", HDR "deny name=" NAME56 "\n", 0, -EINVAL, 2, 0 },
	{ "odd signer hex", HDR "deny signer=abc\n", 0, -EINVAL, 2, 0 },
	{ "signer with a trailing colon", HDR "deny signer=ab:\n", 0, -EINVAL, 2, 0 },
	{ "duplicate digest", HDR "allow digest=" D1 "\n\nallow digest=" D1 "\n",
	  0, -EINVAL, 4, 0 },
	{ "duplicate name after folding", HDR "deny name=a-b\ndeny name=a_b\n", 0, -EINVAL, 3, 0 },
	{ "same digest allowed and denied", HDR "allow digest=" D1 "\ndeny digest=" D1 "\n",
	  0, 0, 0, 2 },
	{ "NUL byte", HDR "deny name=a\0b\n", sizeof(HDR "deny name=a\0b\n") - 1, -EINVAL, 2, 0 },
	{ "overlong line", NULL, 0, -EINVAL, 2, 0 },
};

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
	if (c->text)
		len = c->len ? c->len : strlen(c->text);
	else
		len = sizeof(HDR) - 1 + LONG_LINE + 1;
	text = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	if (c->text) {
		memcpy(text, c->text, len);
	} else {
		memcpy(text, HDR, sizeof(HDR) - 1);
		memset(text + sizeof(HDR) - 1, '#', LONG_LINE);
		text[len - 1] = '\n';
	}

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

	/* The canonical text parses back to the same rules. */
	n = modguard_policy_format(p, NULL, 0);
	canon = kunit_kmalloc(test, n, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, canon);
	KUNIT_EXPECT_EQ(test, modguard_policy_format(p, canon, n), n);
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
				   "allow signer=6C:C0:79\n";
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

/* DER's 0x00 sign octet of a serial is ignored on both sides. */
static void modguard_signer_sign_octet_test(struct kunit *test)
{
	static const char text[] = HDR "deny signer=00:80:01\n";
	static const u8 der[] = { 0x00, 0x80, 0x01 }, plain[] = { 0x80, 0x01 };
	struct modguard_policy_error e = { };
	struct modguard_decision d;
	struct modguard_facts f = { .sig = MODGUARD_REASON_OK, .name = "m" };
	struct modguard_policy *p;

	p = modguard_policy_parse(text, sizeof(text) - 1, &e);
	KUNIT_ASSERT_NOT_NULL(test, p);
	f.signer = der;
	f.signer_len = sizeof(der);
	modguard_decide_policy(p, &f, &d);
	KUNIT_EXPECT_FALSE(test, d.allow);
	f.signer = plain;
	f.signer_len = sizeof(plain);
	modguard_decide_policy(p, &f, &d);
	KUNIT_EXPECT_FALSE(test, d.allow);
	f.signer = der + 2;
	f.signer_len = 1;
	modguard_decide_policy(p, &f, &d);
	KUNIT_EXPECT_TRUE(test, d.allow);
	modguard_policy_free(p);
}

/* The decision table: signature verdict x rule match -> action, reason. */
struct decide_case {
	const char *desc;
	const char *rules;	/* after the header */
	enum modguard_reason sig;
	const char *name;
	bool allow;
	enum modguard_reason reason;
	enum modguard_rule_kind kind;	/* __MODGUARD_RULE_MAX: no rule */
};

#define NONE __MODGUARD_RULE_MAX
#define OK MODGUARD_REASON_OK

static const struct decide_case decide_cases[] = {
	{ "no policy, good signature", "", OK, "m", true, OK, NONE },
	{ "no policy, unsigned", "", MODGUARD_REASON_UNSIGNED, "m", false,
	  MODGUARD_REASON_UNSIGNED, NONE },
	{ "allow digest, unsigned", "allow digest=" D1 "\n",
	  MODGUARD_REASON_UNSIGNED, "m", true, OK, MODGUARD_RULE_ALLOW_DIGEST },
	{ "allow digest, bad signature", "allow digest=" D1 "\n",
	  MODGUARD_REASON_BAD_SIGNATURE, "m", true, OK,
	  MODGUARD_RULE_ALLOW_DIGEST },
	{ "allow digest of another module", "allow digest=" D2 "\n",
	  MODGUARD_REASON_UNSIGNED, "m", false, MODGUARD_REASON_UNSIGNED,
	  NONE },
	{ "deny digest beats a good signature", "deny digest=" D1 "\n", OK,
	  "m", false, MODGUARD_REASON_DENIED_BY_POLICY,
	  MODGUARD_RULE_DENY_DIGEST },
	{ "deny digest beats allow digest", "allow digest=" D1
	  "\ndeny digest=" D1 "\n", OK, "m", false,
	  MODGUARD_REASON_DENIED_BY_POLICY, MODGUARD_RULE_DENY_DIGEST },
	{ "deny name beats a good signature", "deny name=m\n", OK, "m",
	  false, MODGUARD_REASON_DENIED_BY_POLICY, MODGUARD_RULE_DENY_NAME },
	{ "deny name beats allow digest", "deny name=m\nallow digest=" D1
	  "\n", OK, "m", false, MODGUARD_REASON_DENIED_BY_POLICY,
	  MODGUARD_RULE_DENY_NAME },
	{ "deny name folds - and _", "deny name=mg-x\n", OK, "mg_x", false,
	  MODGUARD_REASON_DENIED_BY_POLICY, MODGUARD_RULE_DENY_NAME },
	{ "deny name of another module", "deny name=other\n", OK, "m", true,
	  OK, NONE },
	{ "name rules and no readable name", "deny name=other\n", OK, NULL,
	  false, MODGUARD_REASON_UNVERIFIABLE, NONE },
	{ "name rules, no readable name, unsigned", "deny name=other\n",
	  MODGUARD_REASON_UNSIGNED, NULL, false, MODGUARD_REASON_UNSIGNED,
	  NONE },
	{ "name rules, no readable name, allowed by digest",
	  "deny name=other\nallow digest=" D1 "\n", MODGUARD_REASON_UNSIGNED,
	  NULL, true, OK, MODGUARD_RULE_ALLOW_DIGEST },
	{ "deny signer", "deny signer=aabb\n", OK, "m", false,
	  MODGUARD_REASON_DENIED_BY_POLICY, MODGUARD_RULE_DENY_SIGNER },
	{ "allow signer matches", "allow signer=aabb\n", OK, "m", true, OK,
	  MODGUARD_RULE_ALLOW_SIGNER },
	{ "allow signer names another key", "allow signer=ccdd\n", OK, "m",
	  false, MODGUARD_REASON_SIGNER_NOT_ALLOWED, NONE },
	{ "allow signer does not trust an untrusted key",
	  "allow signer=aabb\n", MODGUARD_REASON_UNTRUSTED_KEY, "m", false,
	  MODGUARD_REASON_UNTRUSTED_KEY, NONE },
	{ "blacklisted hash beats allow digest", "allow digest=" D1 "\n",
	  MODGUARD_REASON_BLACKLISTED_HASH, "m", false,
	  MODGUARD_REASON_BLACKLISTED_HASH, NONE },
	{ "internal error beats allow digest", "allow digest=" D1 "\n",
	  MODGUARD_REASON_INTERNAL_ERROR, "m", false,
	  MODGUARD_REASON_INTERNAL_ERROR, NONE },
};

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
	char *text;

	memset(digest, 0x11, sizeof(digest));
	f.digest = digest;
	text = kunit_kzalloc(test, sizeof(HDR) + strlen(c->rules), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	strscpy(text, HDR, sizeof(HDR));
	strcat(text, c->rules);
	p = modguard_policy_parse(text, strlen(text), &e);
	KUNIT_ASSERT_NOT_NULL(test, p);

	modguard_decide_policy(p, &f, &d);
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
	KUNIT_CASE(modguard_signer_sign_octet_test),
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
