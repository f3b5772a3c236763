/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Policy parser and decision table test vectors, shared by the KUnit
 * suites (modguard_policy, modguard_decide) and the userspace tests and
 * fuzz corpus of modguardctl: one table, so the kernel and the tool are
 * held to the same cases.
 */
#ifndef _SECURITY_MODGUARD_POLICY_VECTORS_H
#define _SECURITY_MODGUARD_POLICY_VECTORS_H

#include "../kernel/common/decide.h"
#include "../kernel/common/policy.h"

#define HDR "modguard-policy 3\n"
/* The last line of a whole policy. */
#define END "end\n"
#define D1 "1111111111111111111111111111111111111111111111111111111111111111"
#define D2 "2222222222222222222222222222222222222222222222222222222222222222"

/**
 * struct parse_case - One policy text and what the parser makes of it.
 * @desc: What the case is about.
 * @text: The text; NULL for a header, a comment line of LONG_LINE
 *        characters and the end line (see pv_fill()).
 * @len: Its length; 0 for strlen(@text).
 * @err: 0 when it parses, else the error.
 * @line: The line an error names.
 * @rules: The number of rules when it parses.
 * @msg: The start of the error message (checked by modguardctl's tests,
 *       which print it as FILE:LINE: MESSAGE).
 */
struct parse_case {
	const char *desc;
	const char *text;
	size_t len;
	int err;
	u32 line;
	u32 rules;
	const char *msg;
};

#define NAME55 "1234567890123456789012345678901234567890123456789012345"
#define NAME56 NAME55 "6"
#define BAD_HEX "zz22222222222222222222222222222222222222222222222222222222222222"
#define COLON_HEX "11:11111111111111111111111111111111111111111111111111111111111111"
#define UPPER_D1 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
#define LOWER_D1 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define SIGNER64 "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
#define ALL_KINDS "allow digest=" D1 "\ndeny digest=" D2 "\ndeny name=mg_alpha\n"

/*
 * A whole policy of every kind of line, to be cut at every byte: no text
 * short of it but the one without its last newline may parse (a write cut
 * short must not put a smaller policy in force).
 */
#define CUT_POLICY \
	"# /etc/modguard/policy\n" \
	HDR \
	"# vendor NIC driver, cannot be signed (sha256 of the payload):\n" \
	"allow digest=9b76ed91d20e4c7df9f9fbb68b1a0b916879297128b20722a8dd0806ed8c6e36\n" \
	"allow digest=" D1 "\n" \
	"allow digest=" D2 "\n" \
	"# never this module, whoever signs it:\n" \
	"deny name=floppy\n" \
	"\n" \
	"# only our build key may sign modules (modinfo -F sig_key):\n" \
	"allow signer=6C:C0:79:09:0A:5C:3E:9C:CB:2C:84:2E:F8:B4:71:3D:5F:63:43:66\n" \
	"deny signer=1a2b3c\n" \
	END

/* A case whose text is NULL gets a comment line of LONG_LINE characters. */
#define LONG_LINE (MODGUARD_POLICY_LINE_MAX + 1)

/* The start of each error message of kernel/common/policy.c. */
#define E_HEADER "the first line must be 'modguard-policy 3'"
#define E_VERSION "unsupported policy version"
#define E_VERSION1 "policy version 1 is refused: it had no 'end' line"
#define E_VERSION2 "policy version 2 is refused: its signer= rules named the serial"
#define E_NO_END "no 'end' line: the policy is incomplete"
#define E_AFTER_END "text after the end line"
#define E_EMPTY "empty policy"
#define E_RULE "expected a rule: allow or deny"
#define E_KEY "expected digest=, name= or signer="
#define E_AFTER "unexpected text after the rule"
#define E_DIGEST "digest= takes a sha256"
#define E_ALLOW_NAME "allow name= is refused"
#define E_NAME_LEN "name= takes a module name of 1 to 55"
#define E_NAME_CHAR "a module name has only"
#define E_SIGNER "signer= takes a key's subject key identifier"
#define E_DUP "duplicate rule"
#define E_NUL "NUL byte"
#define E_LONG "line longer than 512"
#define E_BOM "a UTF-8 byte-order mark (EF BB BF) starts the policy"

static const struct parse_case parse_cases[] = {
	{ "header only", HDR END, 0, 0, 0, 0 },
	{ "every rule kind",
	  HDR ALL_KINDS "allow signer=6c:c0:79\ndeny signer=ABCD\n" END,
	  0, 0, 0, 5 },
	{ "comments, blanks and indentation",
	  "# c\n\n  " HDR "\t# x\n  deny name=a\t\n\n\tend\t\n", 0, 0, 0, 1 },
	{ "CRLF line ends", "modguard-policy 3\r\ndeny name=a\r\nend\r\n",
	  0, 0, 0, 1 },
	{ "no final newline", HDR "deny name=a\nend", 0, 0, 0, 1 },
	{ "empty text", "", 0, -EINVAL, 1, 0, E_EMPTY },
	{ "comments only", "# nothing\n", 0, -EINVAL, 1, 0, E_EMPTY },
	{ "rule before the header", "deny name=a\n" HDR END, 0, -EINVAL, 1, 0,
	  E_HEADER },
	{ "wrong version", "modguard-policy 4\n" END, 0, -EINVAL, 1, 0,
	  E_VERSION },
	{ "version with junk", "modguard-policy 3x\n" END, 0, -EINVAL, 1, 0,
	  E_VERSION },
	{ "unknown action", HDR "permit name=a\n" END, 0, -EINVAL, 2, 0,
	  E_RULE },
	{ "unknown key", HDR "deny path=/x\n" END, 0, -EINVAL, 2, 0, E_KEY },
	{ "allow by name refused", HDR "allow name=a\n" END, 0, -EINVAL, 2, 0,
	  E_ALLOW_NAME },
	{ "short digest", HDR "allow digest=1234\n" END, 0, -EINVAL, 2, 0,
	  E_DIGEST },
	{ "digest not hex",
	  HDR "allow digest=" D1 "\ndeny digest=" BAD_HEX "\n" END,
	  0, -EINVAL, 3, 0, E_DIGEST },
	{ "digest with colons", HDR "allow digest=" COLON_HEX "\n" END,
	  0, -EINVAL, 2, 0, E_DIGEST },
	{ "text after the rule", HDR "deny name=a b\n" END, 0, -EINVAL, 2, 0,
	  E_AFTER },
	{ "name with a slash", HDR "deny name=a/b\n" END, 0, -EINVAL, 2, 0,
	  E_NAME_CHAR },
	{ "empty name", HDR "deny name=\n" END, 0, -EINVAL, 2, 0, E_NAME_LEN },
	{ "name of 56 characters", HDR "deny name=" NAME56 "\n" END,
	  0, -EINVAL, 2, 0, E_NAME_LEN },
	{ "odd signer hex", HDR "deny signer=abc\n" END, 0, -EINVAL, 2, 0,
	  E_SIGNER },
	{ "signer with a trailing colon", HDR "deny signer=ab:\n" END,
	  0, -EINVAL, 2, 0, E_SIGNER },
	{ "duplicate digest",
	  HDR "allow digest=" D1 "\n\nallow digest=" D1 "\n" END,
	  0, -EINVAL, 4, 0, E_DUP },
	{ "duplicate name after folding",
	  HDR "deny name=a-b\ndeny name=a_b\n" END, 0, -EINVAL, 3, 0, E_DUP },
	{ "same digest allowed and denied",
	  HDR "allow digest=" D1 "\ndeny digest=" D1 "\n" END, 0, 0, 0, 2 },
	{ "NUL byte", HDR "deny name=a\0b\n" END,
	  sizeof(HDR "deny name=a\0b\n" END) - 1, -EINVAL, 2, 0, E_NUL },
	{ "overlong line", NULL, 0, -EINVAL, 2, 0, E_LONG },
	{ "blanks around the header words", "  modguard-policy \t 3\t\t\n" END,
	  0, 0, 0, 0 },
	{ "header with a comment after it", "modguard-policy 3 # v3\n" END,
	  0, -EINVAL, 1, 0, E_VERSION },
	{ "header without a version", "modguard-policy\n" END, 0, -EINVAL, 1, 0,
	  E_VERSION },
	{ "header word run on", "modguard-policy2\n" END, 0, -EINVAL, 1, 0,
	  E_HEADER },
	{ "header twice", HDR HDR END, 0, -EINVAL, 2, 0, E_RULE },
	{ "action in capitals", HDR "DENY name=a\n" END, 0, -EINVAL, 2, 0,
	  E_RULE },
	{ "action run on", HDR "denyname=a\n" END, 0, -EINVAL, 2, 0, E_RULE },
	{ "action alone", HDR "deny\n" END, 0, -EINVAL, 2, 0, E_KEY },
	{ "key in capitals", HDR "deny NAME=a\n" END, 0, -EINVAL, 2, 0, E_KEY },
	{ "comment after a rule", HDR "deny name=a # no\n" END, 0, -EINVAL, 2,
	  0, E_AFTER },
	{ "blank before the value", HDR "deny name= a\n" END, 0, -EINVAL, 2, 0,
	  E_AFTER },
	{ "tabs between the words", HDR "deny\t\tname=a\n" END, 0, 0, 0, 1 },
	{ "empty digest", HDR "allow digest=\n" END, 0, -EINVAL, 2, 0, E_KEY },
	{ "digest of 63 digits", HDR "allow digest=" NAME55 "12345678\n" END,
	  0, -EINVAL, 2, 0, E_DIGEST },
	{ "digest of 66 digits", HDR "deny digest=" D1 "11\n" END,
	  0, -EINVAL, 2, 0, E_DIGEST },
	{ "digest in capitals", HDR "allow digest=" UPPER_D1 "\n" END,
	  0, 0, 0, 1 },
	{ "duplicate digest in other case",
	  HDR "deny digest=" UPPER_D1 "\ndeny digest=" LOWER_D1 "\n" END,
	  0, -EINVAL, 3, 0, E_DUP },
	{ "name of 55 characters", HDR "deny name=" NAME55 "\n" END,
	  0, 0, 0, 1 },
	{ "name with a dot", HDR "deny name=a.ko\n" END, 0, -EINVAL, 2, 0,
	  E_NAME_CHAR },
	{ "name with a byte above 0x7f", HDR "deny name=caf\xc3\xa9\n" END,
	  0, -EINVAL, 2, 0, E_NAME_CHAR },
	{ "empty signer", HDR "allow signer=\n" END, 0, -EINVAL, 2, 0, E_KEY },
	{ "signer with a leading colon", HDR "deny signer=:ab\n" END,
	  0, -EINVAL, 2, 0, E_SIGNER },
	{ "signer with two colons", HDR "deny signer=ab::cd\n" END,
	  0, -EINVAL, 2, 0, E_SIGNER },
	{ "signer not hex", HDR "deny signer=xy\n" END, 0, -EINVAL, 2, 0,
	  E_SIGNER },
	{ "signer of 64 bytes", HDR "allow signer=" SIGNER64 "\n" END,
	  0, 0, 0, 1 },
	{ "signer of 65 bytes", HDR "allow signer=" SIGNER64 "ff\n" END,
	  0, -EINVAL, 2, 0, E_SIGNER },
	{ "duplicate signer with and without colons",
	  HDR "deny signer=ab:cd\n# x\ndeny signer=ABCD\n" END,
	  0, -EINVAL, 4, 0, E_DUP },
	/* Key ids are compared octet for octet: no sign octet to drop. */
	{ "a leading zero byte makes another key id",
	  HDR "allow signer=00:80:01\nallow signer=8001\n" END, 0, 0, 0, 2 },
	{ "same signer allowed and denied",
	  HDR "allow signer=ab\ndeny signer=ab\n" END, 0, 0, 0, 2 },
	{ "same name in a rule and a comment",
	  HDR "# deny name=a\ndeny name=a\n" END, 0, 0, 0, 1 },
	{ "NUL byte in a comment", HDR "# a\0b\n" END,
	  sizeof(HDR "# a\0b\n" END) - 1, -EINVAL, 2, 0, E_NUL },
	{ "NUL byte in the header", "modguard-policy 3\0\n" END,
	  sizeof("modguard-policy 3\0\n" END) - 1, -EINVAL, 1, 0, E_NUL },
	{ "blank lines only", "\n\t\n\t\n", 0, -EINVAL, 3, 0, E_EMPTY },
	{ "bad line after many blank lines",
	  HDR "\n\n\r\n\n\ndeny x\n" END, 0, -EINVAL, 7, 0, E_KEY },
	{ "CR alone is not a line end", "modguard-policy 3\rdeny name=a\n" END,
	  0, -EINVAL, 1, 0, E_VERSION },
	/* The end line: a text without it did not arrive whole. */
	{ "no end line", HDR "deny name=a\n", 0, -EINVAL, 2, 0, E_NO_END },
	{ "header alone without an end line", HDR, 0, -EINVAL, 1, 0,
	  E_NO_END },
	{ "no end line and no final newline", HDR "deny name=flo",
	  0, -EINVAL, 2, 0, E_NO_END },
	{ "end line cut short", HDR "deny name=a\nen", 0, -EINVAL, 3, 0,
	  E_RULE },
	{ "end then a rule", HDR "deny name=a\n" END "deny name=b\n",
	  0, -EINVAL, 4, 0, E_AFTER_END },
	{ "end twice", HDR END END, 0, -EINVAL, 3, 0, E_AFTER_END },
	{ "end then the header again", HDR END "\n" HDR END,
	  0, -EINVAL, 4, 0, E_AFTER_END },
	{ "end then comments and blank lines",
	  HDR "deny name=a\n" END "# after the end\n\n \t\r\n", 0, 0, 0, 1 },
	{ "end with CRLF", HDR "deny name=a\r\nend\r\n", 0, 0, 0, 1 },
	{ "end with blanks around it", HDR "deny name=a\n \tend\t \r\n",
	  0, 0, 0, 1 },
	{ "end before the header", END HDR END, 0, -EINVAL, 1, 0, E_HEADER },
	{ "end in capitals", HDR "END\n", 0, -EINVAL, 2, 0, E_RULE },
	{ "end with a comment after it", HDR "end # done\n", 0, -EINVAL, 2, 0,
	  E_RULE },
	{ "NUL byte after the end line", HDR END "\0\n",
	  sizeof(HDR END "\0\n") - 1, -EINVAL, 3, 0, E_NUL },
	{ "version 1 refused", "modguard-policy 1\ndeny name=a\n",
	  0, -EINVAL, 1, 0, E_VERSION1 },
	{ "version 1 with an end line refused",
	  "modguard-policy 1\ndeny name=a\n" END, 0, -EINVAL, 1, 0,
	  E_VERSION1 },
	{ "version 2 refused (signer= named a serial)",
	  "modguard-policy 2\ndeny signer=ab\n" END, 0, -EINVAL, 1, 0,
	  E_VERSION2 },
	{ "UTF-8 byte-order mark", "\xef\xbb\xbf" HDR END, 0, -EINVAL, 1, 0,
	  E_BOM },
	{ "version 2 without signer rules refused too",
	  "modguard-policy 2\ndeny name=a\n" END, 0, -EINVAL, 1, 0,
	  E_VERSION2 },
};

/*
 * pv_len() - The length of the text of parse case @c.
 * pv_fill() - Write that text to @text, which has pv_len() bytes.
 */
static inline size_t pv_len(const struct parse_case *c)
{
	if (!c->text)
		return sizeof(HDR) - 1 + LONG_LINE + 1 + sizeof(END) - 1;
	return c->len ? c->len : strlen(c->text);
}

static inline void pv_fill(const struct parse_case *c, char *text)
{
	size_t len = pv_len(c);

	if (c->text) {
		memcpy(text, c->text, len);
		return;
	}
	memcpy(text, HDR, sizeof(HDR) - 1);
	memset(text + sizeof(HDR) - 1, '#', LONG_LINE);
	text[sizeof(HDR) - 1 + LONG_LINE] = '\n';
	memcpy(text + len - (sizeof(END) - 1), END, sizeof(END) - 1);
}

/* The decision table: signature verdict x rule match -> action, reason. */
struct decide_case {
	const char *desc;
	const char *rules;	/* between the header and the end line */
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

#endif /* _SECURITY_MODGUARD_POLICY_VECTORS_H */
