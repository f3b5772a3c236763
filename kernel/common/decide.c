// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the decision table (shared with modguardctl)
 *
 * In order; the first that applies decides:
 *  1. a bin: hash in .blacklist, or an internal error    deny
 *  2. deny digest, deny name, deny signer                deny
 *  3. allow digest                                       allow
 *  4. the signature verdict is not ok                    deny, its reason
 *  5. the policy has deny name rules and the module's
 *     name cannot be read                                deny, unverifiable
 *  6. the policy has allow signer rules and none names
 *     this signer                                        deny
 *  7.                                                    allow
 * Deny always wins over allow; a module that no rule names follows its
 * signature.
 */

#include "decide.h"

static bool match(const struct modguard_policy *p,
		  enum modguard_rule_kind kind, const void *key, size_t len,
		  struct modguard_decision *d)
{
	const struct modguard_rule *r;

	if (!key)
		return false;
	r = modguard_policy_lookup(p, kind, key, len);
	if (!r)
		return false;
	d->rule = r;
	d->kind = kind;
	return true;
}

static void set_deny(struct modguard_decision *d, enum modguard_reason reason)
{
	d->allow = false;
	d->reason = reason;
}

/**
 * modguard_evaluate_rules() - Decide one module from its facts.
 * @p: The policy in force (NULL: no rules).
 * @f: The facts.
 * @d: The decision, filled in.
 *
 * Context: Any; no allocation, no sleeping (the kernel calls it inside an
 * RCU read-side section).
 */
void modguard_evaluate_rules(const struct modguard_policy *p,
			     const struct modguard_facts *f,
			     struct modguard_decision *d)
{
	char name[MODGUARD_NAME_MAX + 1];
	const u8 *signer = f->signer;
	size_t signer_len = f->signer_len;

	d->allow = true;
	d->reason = MODGUARD_REASON_OK;
	d->rule = NULL;
	d->kind = __MODGUARD_RULE_MAX;
	if (f->name)
		modguard_fold_name(f->name, name, sizeof(name));

	if (f->sig == MODGUARD_REASON_BLACKLISTED_HASH ||
	    f->sig == MODGUARD_REASON_INTERNAL_ERROR) {
		set_deny(d, f->sig);
	} else if (match(p, MODGUARD_RULE_DENY_DIGEST, f->digest,
			 MODGUARD_DIGEST_LEN, d)) {
		set_deny(d, MODGUARD_REASON_DENIED_BY_POLICY);
	} else if (f->name &&
		   match(p, MODGUARD_RULE_DENY_NAME, name, strlen(name), d)) {
		set_deny(d, MODGUARD_REASON_DENIED_BY_POLICY);
	} else if (match(p, MODGUARD_RULE_DENY_SIGNER, signer,
			 signer_len, d)) {
		set_deny(d, MODGUARD_REASON_DENIED_BY_POLICY);
	} else if (match(p, MODGUARD_RULE_ALLOW_DIGEST, f->digest,
			 MODGUARD_DIGEST_LEN, d)) {
		/* allowed by digest, whatever the signature says */
	} else if (f->sig != MODGUARD_REASON_OK) {
		set_deny(d, f->sig);
	} else if (p && p->count[MODGUARD_RULE_DENY_NAME] && !f->name) {
		set_deny(d, MODGUARD_REASON_UNVERIFIABLE);
	} else if (p && p->count[MODGUARD_RULE_ALLOW_SIGNER] &&
		   !match(p, MODGUARD_RULE_ALLOW_SIGNER, signer,
			  signer_len, d)) {
		set_deny(d, MODGUARD_REASON_SIGNER_NOT_ALLOWED);
	}
}
