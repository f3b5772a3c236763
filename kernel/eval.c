// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the decision for one load: facts, policy, mode
 *
 * Everything that sleeps (signature verification, hashing) happens first;
 * the policy is then consulted inside an RCU read-side section, which
 * only looks things up.
 */

#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/hex.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>

#include "modguard.h"
#include "decide.h"
#include "eval.h"
#include "modinfo.h"
#include "state.h"
#include "verify.h"

static const char *const op_names[] = {
	[MODGUARD_OP_FINIT_MODULE] = "finit_module",
	[MODGUARD_OP_INIT_MODULE] = "init_module",
};

static_assert(ARRAY_SIZE(op_names) == __MODGUARD_OP_MAX);

/* Only root with CAP_SYS_MODULE triggers these, but a loop can flood. */
static DEFINE_RATELIMIT_STATE(decision_rs, 5 * HZ, 100);

/* A copy safe to print: anything but [A-Za-z0-9_.-] becomes '?'. */
static void printable(const char *in, char *out, size_t size)
{
	size_t i;

	for (i = 0; in[i] && i + 1 < size; i++)
		out[i] = isalnum(in[i]) || strchr("_.-", in[i]) ? in[i] : '?';
	out[i] = '\0';
}

static void log_decision(const struct modguard_load *load,
			 const struct modguard_verdict *v, const char *name,
			 const struct modguard_decision *d, u32 rule_line,
			 enum modguard_mode mode)
{
	const char *action = mode == MODGUARD_MODE_ENFORCING ?
			     "deny" : "would-deny";
	char digest[SHA256_DIGEST_SIZE * 2 + 1] = "?";
	char signer[MODGUARD_SIGNER_ID_MAX * 2 + 1] = "?";
	char file[NAME_MAX + 1] = "?";
	char safe[MODGUARD_NAME_MAX + 1] = "?";
	char rule[32] = "?";

	if (!__ratelimit(&decision_rs))
		return;
	if (v->have_digest)
		*bin2hex(digest, v->digest, sizeof(v->digest)) = '\0';
	if (v->have_signer)
		*bin2hex(signer, v->signer.id, v->signer.len) = '\0';
	if (load->file)
		snprintf(file, sizeof(file), "%pD", load->file);
	if (name)
		printable(name, safe, sizeof(safe));
	if (d->rule)
		snprintf(rule, sizeof(rule), "%s:%u",
			 modguard_rule_kind_name(d->kind), rule_line);
	pr_notice("%s op=%s file=%s size=%zu name=%s digest=%s signer=%s reason=%s rule=%s mode=%s\n",
		  action, op_names[load->op], file, load->size, safe, digest,
		  signer, modguard_reason_name(d->reason), rule,
		  modguard_mode_name(mode));
}

/**
 * modguard_decide() - Decide one module load.
 * @load: What the hook knows about the load.
 *
 * A load without bytes (@load->image NULL) cannot be verified and is
 * treated like any other failure: denied when enforcing.
 *
 * Context: Process context, may sleep (signature verification).
 * Return:
 * * %0		- Allowed (or permissive: would have been denied, logged)
 * * %-EPERM	- Denied in enforcing mode; the reason is logged
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

	if (d.allow) {
		atomic_long_inc(&modguard_stats.allowed);
		return 0;
	}

	mode = modguard_get_mode();
	atomic_long_inc(&modguard_stats.reason[d.reason]);
	atomic_long_inc(mode == MODGUARD_MODE_ENFORCING ?
			&modguard_stats.denied : &modguard_stats.would_deny);
	log_decision(load, &v, f.name, &d, rule_line, mode);
	return mode == MODGUARD_MODE_ENFORCING ? -EPERM : 0;
}
