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
#include "common/decide.h"
#include "eval.h"
#include "common/modinfo.h"
#include "state.h"
#include "verify.h"

/* One pass over the policy in force, inside an RCU read-side section. */
static void decide_policy(const struct modguard_facts *f,
			  struct modguard_decision *d, u32 *rule_line)
{
	const struct modguard_active *a;

	rcu_read_lock();
	a = rcu_dereference(modguard_active);
	modguard_evaluate_rules(a ? a->policy : NULL, f, d);
	*rule_line = d->rule ? d->rule->line : 0;
	rcu_read_unlock();
}

/*
 * Decided without the signature (taken as good): does the signature still
 * matter? Not after a deny rule, a bin: hash or an internal error, nor
 * after an allow digest rule (it allows whatever the signature says).
 * Otherwise a bad signature would change the outcome or the reason.
 */
static bool needs_signature(const struct modguard_decision *d)
{
	if (d->rule && d->kind == MODGUARD_RULE_ALLOW_DIGEST)
		return false;
	if (d->allow)
		return true;
	return d->reason == MODGUARD_REASON_UNVERIFIABLE ||
	       d->reason == MODGUARD_REASON_SIGNER_NOT_ALLOWED;
}

/**
 * modguard_evaluate_load() - Decide one module load.
 * @load: What the hook knows about the load.
 * @verified: Set to true when the signature was verified by a key of the
 *            secondary trusted keyring (builtin, secondary, machine),
 *            which is what the loader would verify it with, so that the
 *            loader need not verify it again; left alone otherwise. NULL
 *            when there is no image.
 *
 * A load without bytes (@load->image NULL) cannot be verified and is
 * treated like any other failure: denied when enforcing.
 *
 * The policy is consulted first with what costs no public-key work (the
 * digests, the name, the signer id): a deny rule then refuses the module
 * without its signature being checked (sig=? in the record), so that a
 * storm of refused loads, an unprivileged user's autoload loop for one,
 * costs one hash pass each. Otherwise the signature is checked and the
 * policy consulted again.
 *
 * Every denial and would-be denial is an audit record (audit.c), identical
 * ones within the audit window folded into a count; allows too when
 * audit_allow is on.
 *
 * Context: Process context, may sleep (signature verification).
 * Return:
 * * %0		- Allowed (or permissive: would have been denied, audited)
 * * %-EPERM	- Denied in enforcing mode; the reason is audited
 */
int modguard_evaluate_load(const struct modguard_load *load, bool *verified)
{
	struct modguard_verdict v = {
		.reason = MODGUARD_REASON_UNVERIFIABLE,
	};
	struct modguard_facts f = { };
	struct modguard_decision d;
	char name[MODGUARD_NAME_MAX + 1];
	enum modguard_mode mode;
	u32 rule_line;

	if (load->image) {
		modguard_verify_prepare(load->image, load->size,
					load->sig_ignored, &v);
		/*
		 * The name from the payload, the bytes modguardctl reads it
		 * from too (modguard_module_name()'s contract): the image
		 * without its signature, once the trailer is known.
		 */
		if (modguard_module_name(load->image,
					 v.have_digest ? v.payload_len :
							 load->size,
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

	decide_policy(&f, &d, &rule_line);
	if (v.pending && needs_signature(&d)) {
		modguard_verify_signature(load->image, &v);
		if (!modguard_policy_broken())
			f.sig = v.reason;
		decide_policy(&f, &d, &rule_line);
	}
	/*
	 * A fact about these bytes, whatever the policy made of it: the
	 * loader would come to the same answer with the same keys.
	 */
	if (verified && v.reason == MODGUARD_REASON_OK && v.system_verified)
		*verified = true;

	mode = modguard_get_mode();
	if (d.allow) {
		atomic_long_inc(&modguard_stats.allowed);
		if (modguard_audit_allow())
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

/**
 * modguard_evaluate_kexec() - Decide one kexec image or initramfs load.
 * @load: What the hook knows: the syscall, and the file for
 *        kexec_file_load.
 *
 * A kexec'd kernel runs with a command line and a configuration of the
 * caller's choosing: without modguard, or with modguard.mode=permissive.
 * Once locked, that would undo the lock, so every kexec load is refused
 * (a signed image too: its command line is not signed). Before the lock,
 * root can switch to permissive mode anyway, so refusing kexec then would
 * promise nothing: it is allowed and not audited.
 *
 * Context: Process context.
 * Return:
 * * %0		- Not locked: allowed
 * * %-EPERM	- Locked: refused; audited with reason "locked"
 */
int modguard_evaluate_kexec(const struct modguard_load *load)
{
	struct modguard_verdict v = {
		.reason = MODGUARD_REASON_LOCKED,
	};
	struct modguard_decision d = {
		.reason = MODGUARD_REASON_LOCKED,
	};

	if (!modguard_is_locked())
		return 0;
	atomic_long_inc(&modguard_stats.reason[MODGUARD_REASON_LOCKED]);
	atomic_long_inc(&modguard_stats.denied);
	modguard_audit_decision(load, &v, NULL, &d, 0,
				MODGUARD_MODE_ENFORCING, false);
	return -EPERM;
}
