// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the decision for one load: facts, policy, mode
 *
 * Everything that sleeps (signature verification, hashing) happens first;
 * the policy is then consulted inside an RCU read-side section, which
 * only looks things up.
 */

#include <linux/errno.h>
#include <linux/module.h>

#include "modguard.h"
#include "audit.h"
#include "decide.h"
#include "eval.h"
#include "modinfo.h"
#include "state.h"
#include "verify.h"

/**
 * modguard_decide() - Decide one module load.
 * @load: What the hook knows about the load.
 *
 * A load without bytes (@load->image NULL) cannot be verified and is
 * treated like any other failure: denied when enforcing.
 *
 * Every denial and would-be denial is an audit record (audit.c); allows
 * too when audit_allow is on.
 *
 * Context: Process context, may sleep (signature verification).
 * Return:
 * * %0		- Allowed (or permissive: would have been denied, audited)
 * * %-EPERM	- Denied in enforcing mode; the reason is audited
 */
int modguard_decide(const struct modguard_load *load)
{
	struct modguard_verdict v = {
		.reason = MODGUARD_REASON_UNVERIFIABLE,
	};
	struct modguard_facts f = { };
	struct modguard_decision d;
	const struct modguard_active *a;
	char name[MODGUARD_NAME_MAX + 1];
	enum modguard_mode mode;
	u32 rule_line = 0;

	if (load->image) {
		modguard_verify_image(load->image, load->size,
				      load->sig_ignored, &v);
		if (modguard_module_name(load->image, load->size,
					 offsetof(struct module, name), name,
					 sizeof(name)) == MODGUARD_MODINFO_OK)
			f.name = name;
	}
	f.sig = modguard_policy_broken() ? MODGUARD_REASON_INTERNAL_ERROR :
					   v.reason;
	f.digest = v.have_digest ? v.digest : NULL;
	if (v.have_signer) {
		f.signer = v.signer.id;
		f.signer_len = v.signer.len;
	}

	rcu_read_lock();
	a = rcu_dereference(modguard_active);
	modguard_decide_policy(a ? a->policy : NULL, &f, &d);
	if (d.rule)
		rule_line = d.rule->line;
	rcu_read_unlock();

	mode = modguard_get_mode();
	if (d.allow) {
		atomic_long_inc(&modguard_stats.allowed);
		if (READ_ONCE(modguard_audit_allow))
			modguard_audit_decision(load, &v, f.name, &d, rule_line,
						mode, true);
		return 0;
	}

	atomic_long_inc(&modguard_stats.reason[d.reason]);
	atomic_long_inc(mode == MODGUARD_MODE_ENFORCING ?
			&modguard_stats.denied : &modguard_stats.would_deny);
	modguard_audit_decision(load, &v, f.name, &d, rule_line, mode,
				mode != MODGUARD_MODE_ENFORCING);
	return mode == MODGUARD_MODE_ENFORCING ? -EPERM : 0;
}
