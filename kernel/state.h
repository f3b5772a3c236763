/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - runtime state: mode, lock, active policy, counters
 */
#ifndef _SECURITY_MODGUARD_STATE_H
#define _SECURITY_MODGUARD_STATE_H

#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>

#include "modguard.h"
#include "common/policy.h"
#include "common/reason.h"

/**
 * struct modguard_active - The policy in force, as readers see it.
 * @policy: The parsed policy.
 * @text: Its canonical text (what securityfs policy reads back).
 * @text_len: Length of @text.
 * @ref: Readers of @text that copy it to userspace (they may sleep, so
 *       they hold a reference instead of the RCU read lock), plus one
 *       while it is in force.
 */
struct modguard_active {
	struct modguard_policy *policy;
	char *text;
	size_t text_len;
	refcount_t ref;
};

/**
 * struct modguard_stats - Counters since boot.
 * @allowed: Loads allowed (with a good signature or by policy).
 * @denied: Loads refused (enforcing).
 * @would_deny: Loads allowed only because modguard was permissive.
 * @suppressed: Refusals and would-be refusals not written as a record,
 *              being identical to one written within the audit window.
 * @reason: Per reason, the refusals and would-be refusals.
 */
struct modguard_stats {
	atomic_long_t allowed;
	atomic_long_t denied;
	atomic_long_t would_deny;
	atomic_long_t suppressed;
	atomic_long_t reason[__MODGUARD_REASON_MAX];
};

extern struct modguard_stats modguard_stats;
/* Generated from CONFIG_SECURITY_MODGUARD_BOOT_POLICY (Kbuild). */
extern const char modguard_boot_policy[];
extern struct modguard_active __rcu *modguard_active;

bool modguard_is_locked(void);
unsigned int modguard_audit_window(void);
bool modguard_audit_allow(void);
bool modguard_platform_keyring(void);
bool modguard_policy_broken(void);
int modguard_set_mode(enum modguard_mode mode);
int modguard_lock(void);
int modguard_set_audit_allow(bool on, bool *was);
int modguard_replace_policy(const char *text, size_t len, u32 *rules,
			    struct modguard_policy_error *e);
int __init modguard_boot_state(void);
ssize_t modguard_read_policy(char __user *ubuf, size_t n, loff_t *ppos);

#endif /* _SECURITY_MODGUARD_STATE_H */
