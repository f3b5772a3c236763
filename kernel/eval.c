// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the decision: signature verdict and mode to allow or deny
 */

#include <linux/errno.h>
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
			 enum modguard_reason reason, enum modguard_mode mode)
{
	const char *action = mode == MODGUARD_MODE_ENFORCING ?
			     "deny" : "would-deny";

	if (!__ratelimit(&decision_rs))
		return;
	if (load->file)
		pr_notice("%s op=%s file=%pD size=%zu reason=%s mode=%s\n",
			  action, op_names[load->op], load->file, load->size,
			  modguard_reason_name(reason),
			  modguard_mode_name(mode));
	else
		pr_notice("%s op=%s file=? size=%zu reason=%s mode=%s\n",
			  action, op_names[load->op], load->size,
			  modguard_reason_name(reason),
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
	enum modguard_reason reason = MODGUARD_REASON_UNVERIFIABLE;
	enum modguard_mode mode;

	if (load->image)
		reason = modguard_verify_image(load->image, load->size);
	if (reason == MODGUARD_REASON_OK)
		return 0;

	mode = modguard_get_mode();
	log_decision(load, reason, mode);
	return mode == MODGUARD_MODE_ENFORCING ? -EPERM : 0;
}
