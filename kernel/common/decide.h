/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the decision table (shared with modguardctl)
 *
 * Facts about one module (its signature verdict, digest, name, signer)
 * and the policy give allow or deny, a reason and the rule that decided.
 * The mode is applied afterwards by the caller.
 */
#ifndef _SECURITY_MODGUARD_DECIDE_H
#define _SECURITY_MODGUARD_DECIDE_H

#include "compat.h"
#include "policy.h"
#include "reason.h"

/**
 * struct modguard_facts - What is known about one module image.
 * @sig: The signature verdict (%MODGUARD_REASON_OK when a trusted key
 *       signed it).
 * @digest: sha256 of the payload, or NULL when there were no bytes.
 * @name: The module name the loader will use, or NULL when unknown.
 * @signer: The key id (subject key identifier) of the key the signature
 *          names, as found in the keyrings that verify it; or NULL.
 * @signer_len: Its length.
 */
struct modguard_facts {
	enum modguard_reason sig;
	const u8 *digest;
	const char *name;
	const u8 *signer;
	size_t signer_len;
};

/**
 * struct modguard_decision - The outcome, before the mode is applied.
 * @allow: Allowed.
 * @reason: %MODGUARD_REASON_OK when allowed, otherwise why not.
 * @rule: The rule that decided, or NULL when the signature did.
 * @kind: The kind of @rule.
 */
struct modguard_decision {
	bool allow;
	enum modguard_reason reason;
	const struct modguard_rule *rule;
	enum modguard_rule_kind kind;
};

void modguard_evaluate_rules(const struct modguard_policy *p,
			     const struct modguard_facts *f,
			     struct modguard_decision *d);

#endif /* _SECURITY_MODGUARD_DECIDE_H */
