// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the decision: signature verdict and mode to allow or deny
 */

#include <linux/errno.h>
#include <linux/hex.h>
#include <linux/fs.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>

#include "modguard.h"
#include "eval.h"
#include "verify.h"

static const char *const op_names[] = {
	[MODGUARD_OP_FINIT_MODULE] = "finit_module",
	[MODGUARD_OP_INIT_MODULE] = "init_module",
};

static_assert(ARRAY_SIZE(op_names) == __MODGUARD_OP_MAX);

/* Only root with CAP_SYS_MODULE triggers these, but a loop can flood. */
static DEFINE_RATELIMIT_STATE(decision_rs, 5 * HZ, 100);

static void log_decision(const struct modguard_load *load,
			 const struct modguard_verdict *v,
			 enum modguard_mode mode)
{
	const char *action = mode == MODGUARD_MODE_ENFORCING ?
			     "deny" : "would-deny";
	char digest[SHA256_DIGEST_SIZE * 2 + 1] = "?";
	char file[NAME_MAX + 1] = "?";

	if (!__ratelimit(&decision_rs))
		return;
	if (v->have_digest)
		*bin2hex(digest, v->digest, sizeof(v->digest)) = '\0';
	if (load->file)
		snprintf(file, sizeof(file), "%pD", load->file);
	pr_notice("%s op=%s file=%s size=%zu digest=%s reason=%s mode=%s\n",
		  action, op_names[load->op], file, load->size, digest,
		  modguard_reason_name(v->reason), modguard_mode_name(mode));
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
	enum modguard_mode mode;

	if (load->image)
		modguard_verify_image(load->image, load->size,
				      load->sig_ignored, &v);
	if (v.reason == MODGUARD_REASON_OK)
		return 0;

	mode = modguard_get_mode();
	log_decision(load, &v, mode);
	return mode == MODGUARD_MODE_ENFORCING ? -EPERM : 0;
}
