/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the policy: parser, lookups and canonical text
 *
 * Written once in plain C and compiled in the kernel and in modguardctl
 * (`policy check`), so both read a policy the same way. Format (docs/
 * policy.md):
 *
 *	modguard-policy 3
 *	# comment
 *	allow digest=<sha256 of the payload, 64 hex digits>
 *	deny digest=<64 hex digits>
 *	deny name=<module name>
 *	allow signer=<key id: the signing key's subject key identifier, hex,
 *		':' separators allowed>
 *	deny signer=<key id>
 *	end
 *
 * The end line is required: a text without it did not arrive whole (a
 * write cut short, a file copied in part) and is refused, never put in
 * force as whatever policy its first part happens to spell.
 */
#ifndef _SECURITY_MODGUARD_POLICY_H
#define _SECURITY_MODGUARD_POLICY_H

#include "compat.h"

#define MODGUARD_POLICY_VERSION 3
#define MODGUARD_POLICY_HEADER "modguard-policy"
/* The last line of every policy (blank lines and comments may follow). */
#define MODGUARD_POLICY_END "end"
#define MODGUARD_POLICY_LINE_MAX 512
#define MODGUARD_DIGEST_LEN 32
/* MODULE_NAME_LEN (64 - sizeof(unsigned long)) less the NUL. */
#define MODGUARD_NAME_MAX 55
#define MODGUARD_RULE_KEY_MAX 64

enum modguard_rule_kind {
	MODGUARD_RULE_ALLOW_DIGEST,
	MODGUARD_RULE_DENY_DIGEST,
	MODGUARD_RULE_DENY_NAME,
	MODGUARD_RULE_ALLOW_SIGNER,
	MODGUARD_RULE_DENY_SIGNER,
	__MODGUARD_RULE_MAX
};

/**
 * struct modguard_rule - One rule: a key of one kind.
 * @len: Bytes used in @key.
 * @key: A digest, a module name ('-' folded to '_') or a key id.
 * @line: Line of the policy text it came from.
 */
struct modguard_rule {
	u8 len;
	u8 key[MODGUARD_RULE_KEY_MAX];
	u32 line;
};

/**
 * struct modguard_policy - A parsed policy; read-only once built.
 * @rules: Per kind, the rules sorted by key (binary search).
 * @count: Per kind, the number of rules.
 * @total: All rules.
 */
struct modguard_policy {
	struct modguard_rule *rules[__MODGUARD_RULE_MAX];
	u32 count[__MODGUARD_RULE_MAX];
	u32 total;
};

/**
 * struct modguard_policy_error - Why a policy text was refused.
 * @line: The line (1-based), or 0 when it is about the whole text.
 * @err: -EINVAL for the text, -ENOMEM or -E2BIG for resources.
 * @msg: What is wrong, for the admin.
 * @first_line: For a duplicate rule (@line is the later one), the line of
 *              the first; 0 otherwise.
 */
struct modguard_policy_error {
	u32 line;
	int err;
	const char *msg;
	u32 first_line;
};

struct modguard_policy *modguard_policy_parse(const char *text, size_t len,
					      struct modguard_policy_error *e);
void modguard_policy_free(struct modguard_policy *p);
const struct modguard_rule *
modguard_policy_lookup(const struct modguard_policy *p,
		       enum modguard_rule_kind kind, const void *key,
		       size_t len);
size_t modguard_policy_format(const struct modguard_policy *p, char *buf,
			      size_t size);
const char *modguard_rule_kind_name(enum modguard_rule_kind kind);
void modguard_fold_name(const char *name, char *out, size_t size);

#endif /* _SECURITY_MODGUARD_POLICY_H */
