// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - runtime state: mode, lock, active policy, counters
 *
 * Readers (the decision) take no lock: the mode and the lock are read with
 * READ_ONCE, the policy under rcu_read_lock(). Writers (securityfs, boot)
 * serialise on state_mutex, build a new policy completely, publish it with
 * rcu_assign_pointer() and free the old one after a grace period.
 */

#include <linux/fs.h>
#include <linux/init.h>
#include <linux/minmax.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "modguard.h"
#include "audit.h"
#include "state.h"
#include "keyring.h"
#include "verify.h"

struct modguard_stats modguard_stats;
struct modguard_active __rcu *modguard_active;

static DEFINE_MUTEX(state_mutex);
static bool locked;
/* The builtin policy did not parse: refuse every module (fail closed). */
static bool broken;

static int cur_mode = IS_ENABLED(CONFIG_SECURITY_MODGUARD_ENFORCING) ?
		  MODGUARD_MODE_ENFORCING : MODGUARD_MODE_PERMISSIVE;

static const char *const mode_names[] = {
	[MODGUARD_MODE_PERMISSIVE] = "permissive",
	[MODGUARD_MODE_ENFORCING] = "enforcing",
};

static_assert(ARRAY_SIZE(mode_names) == __MODGUARD_MODE_MAX);

/**
 * modguard_mode_name() - Name of a mode, as read and written by admins.
 * @mode: The mode.
 *
 * Return: "permissive" or "enforcing".
 */
const char *modguard_mode_name(enum modguard_mode mode)
{
	if ((unsigned int)mode >= __MODGUARD_MODE_MAX)
		return "?";
	return mode_names[mode];
}

/**
 * modguard_get_mode() - The mode in force for the next decision.
 *
 * Context: Any context.
 * Return: the current mode.
 */
enum modguard_mode modguard_get_mode(void)
{
	return READ_ONCE(cur_mode);
}

static int mode_set(const char *val, const struct kernel_param *kp)
{
	int m;

	m = modguard_parse_mode(val);
	if (m < 0)
		return m;
	WRITE_ONCE(cur_mode, m);
	return 0;
}

/**
 * modguard_parse_mode() - "enforcing" or "permissive", a newline allowed.
 * @val: The text.
 *
 * Return: the mode, or -EINVAL.
 */
int modguard_parse_mode(const char *val)
{
	return sysfs_match_string(mode_names, val);
}

static int mode_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%s\n", modguard_mode_name(modguard_get_mode()));
}

static const struct kernel_param_ops mode_ops = {
	.set = mode_set,
	.get = mode_get,
};

/*
 * modguard.mode=enforcing|permissive. Read-only here at runtime: securityfs
 * is the one place that switches modes, under the capability check and the
 * lock.
 */
module_param_cb(mode, &mode_ops, NULL, 0444);
MODULE_PARM_DESC(mode, "enforcing or permissive (default from Kconfig)");

/**
 * modguard_policy_broken() - Whether the builtin policy failed to parse
 * (and no policy was loaded since).
 *
 * Context: Any.
 */
bool modguard_policy_broken(void)
{
	return READ_ONCE(broken);
}

/*
 * modguard.platform_keyring=1: also trust the .platform keyring (firmware
 * db and MOK keys), only for a signer found in no other trusted keyring,
 * as the loader does with CONFIG_INTEGRITY_PLATFORM_KEYRING. Fixed at
 * boot.
 */
static bool platform_keyring __ro_after_init =
	IS_ENABLED(CONFIG_SECURITY_MODGUARD_PLATFORM_KEYRING);
module_param(platform_keyring, bool, 0444);
MODULE_PARM_DESC(platform_keyring, "also trust the .platform keyring");

/**
 * modguard_platform_keyring() - Whether .platform keys are trusted.
 * Context: Any.
 */
bool modguard_platform_keyring(void)
{
	return platform_keyring;
}

/*
 * modguard.audit_allow=1: audit allowed loads too, from boot on; switched
 * at runtime by modguard_set_audit_allow() only.
 */
static bool audit_allow;
module_param(audit_allow, bool, 0444);
MODULE_PARM_DESC(audit_allow, "also audit allowed loads");

/**
 * modguard_audit_allow() - Whether allowed loads are audited too.
 * Context: Any.
 */
bool modguard_audit_allow(void)
{
	return READ_ONCE(audit_allow);
}

/*
 * modguard.audit_window=SECONDS: an identical refusal within this many
 * seconds of the last one recorded is counted, not recorded (0: record
 * every one). At most a day.
 */
static unsigned int audit_window = 10;
module_param(audit_window, uint, 0444);
MODULE_PARM_DESC(audit_window,
		 "seconds within which identical refusals are recorded once");

/**
 * modguard_audit_window() - The audit window, in seconds.
 *
 * Context: Any.
 */
unsigned int modguard_audit_window(void)
{
	return min(READ_ONCE(audit_window), 86400U);
}

/* Boot: modguard.lock=1 locks (and enforces) before the first load. */
static bool boot_lock;

static int lock_set(const char *val, const struct kernel_param *kp)
{
	return kstrtobool(val, &boot_lock);
}

/* Reads the lock in force, whether it came from boot or from securityfs. */
static int lock_get(char *buf, const struct kernel_param *kp)
{
	return sysfs_emit(buf, "%c\n", modguard_is_locked() ? 'Y' : 'N');
}

static const struct kernel_param_ops lock_ops = {
	.set = lock_set,
	.get = lock_get,
};

module_param_cb(lock, &lock_ops, NULL, 0444);
MODULE_PARM_DESC(lock, "1: enforce and lock until reboot from boot on");

/**
 * modguard_is_locked() - Whether the configuration is locked until reboot.
 *
 * Context: Any.
 */
bool modguard_is_locked(void)
{
	return READ_ONCE(locked);
}

/**
 * modguard_set_mode() - Switch between enforcing and permissive.
 * @mode: The new mode.
 *
 * Context: Process context; takes state_mutex.
 * Return:
 * * %0		- Switched (or already in @mode)
 * * %-EPERM	- Locked: the mode cannot change until reboot
 */
int modguard_set_mode(enum modguard_mode mode)
{
	int ret = 0;

	mutex_lock(&state_mutex);
	if (locked && mode != modguard_get_mode())
		ret = -EPERM;
	else
		WRITE_ONCE(cur_mode, mode);
	mutex_unlock(&state_mutex);
	return ret;
}

/**
 * modguard_lock() - Enforce, and refuse every change until reboot.
 *
 * Context: Process context; takes state_mutex.
 * Return: 0 (locking twice is not an error).
 */
int modguard_lock(void)
{
	mutex_lock(&state_mutex);
	/*
	 * A key being added to .modguard is checked against the lock under
	 * the keyring's semaphore: take it, so that an addition is either
	 * complete before the lock or sees it.
	 */
	modguard_keyring_freeze_begin();
	WRITE_ONCE(cur_mode, MODGUARD_MODE_ENFORCING);
	WRITE_ONCE(locked, true);
	modguard_keyring_freeze_end();
	mutex_unlock(&state_mutex);
	return 0;
}

/**
 * modguard_set_audit_allow() - Switch auditing of allowed loads.
 * @on: The new value.
 * @was: Set to the value before.
 *
 * Context: Process context; takes state_mutex.
 * Return:
 * * %0		- Switched (or already @on)
 * * %-EPERM	- Locked: it cannot change until reboot
 */
int modguard_set_audit_allow(bool on, bool *was)
{
	int ret = 0;

	mutex_lock(&state_mutex);
	*was = READ_ONCE(audit_allow);
	if (locked && on != *was)
		ret = -EPERM;
	else
		WRITE_ONCE(audit_allow, on);
	mutex_unlock(&state_mutex);
	return ret;
}

static void active_free(struct modguard_active *a)
{
	if (!a)
		return;
	modguard_policy_free(a->policy);
	kvfree(a->text);
	kfree(a);
}

static void active_put(struct modguard_active *a)
{
	if (a && refcount_dec_and_test(&a->ref))
		active_free(a);
}

static struct modguard_active *active_new(const char *text, size_t len,
					  struct modguard_policy_error *e)
{
	struct modguard_active *a;

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		goto nomem;
	refcount_set(&a->ref, 1);
	a->policy = modguard_policy_parse(text, len, e);
	if (!a->policy) {
		kfree(a);
		return ERR_PTR(e->err);
	}
	a->text_len = modguard_policy_format(a->policy, NULL, 0);
	a->text = kvmalloc(a->text_len, GFP_KERNEL);
	if (!a->text) {
		active_free(a);
		goto nomem;
	}
	modguard_policy_format(a->policy, a->text, a->text_len);
	return a;
nomem:
	e->line = 0;
	e->err = -ENOMEM;
	e->msg = "out of memory";
	return ERR_PTR(-ENOMEM);
}

/**
 * modguard_replace_policy() - Parse a policy text and put it in force.
 * @text: The text.
 * @len: Its length.
 * @rules: Set to the number of rules of the new policy.
 * @e: Why it was refused, when it was.
 *
 * Nothing changes unless the whole text parses: readers see the old
 * policy or the new one, never a mix.
 *
 * Context: Process context, sleeps (allocation, synchronize_rcu()).
 * Return:
 * * %0		- The new policy is in force
 * * %-EINVAL	- The text is not a valid policy (@e says where and why)
 * * %-E2BIG	- Too many rules
 * * %-ENOMEM	- Out of memory
 * * %-EPERM	- Locked
 */
int modguard_replace_policy(const char *text, size_t len, u32 *rules,
			    struct modguard_policy_error *e)
{
	struct modguard_active *new, *old;

	new = active_new(text, len, e);
	if (IS_ERR(new))
		return PTR_ERR(new);
	*rules = new->policy->total;

	mutex_lock(&state_mutex);
	if (locked) {
		mutex_unlock(&state_mutex);
		active_free(new);
		e->line = 0;
		e->err = -EPERM;
		e->msg = "locked";
		return -EPERM;
	}
	old = rcu_replace_pointer(modguard_active, new,
				  lockdep_is_held(&state_mutex));
	WRITE_ONCE(broken, false);
	mutex_unlock(&state_mutex);

	synchronize_rcu();
	active_put(old);
	return 0;
}

/**
 * modguard_read_policy() - Read the canonical text of the policy in force.
 * @ubuf: Userspace buffer.
 * @n: Its size.
 * @ppos: Offset in the text.
 *
 * Context: Process context; takes state_mutex only to take a reference
 * on the policy, and copies to userspace (which may fault and sleep)
 * without it, so a slow reader never holds up a writer.
 * Return: bytes copied, or -EFAULT.
 */
ssize_t modguard_read_policy(char __user *ubuf, size_t n, loff_t *ppos)
{
	struct modguard_active *a;
	ssize_t ret = 0;

	mutex_lock(&state_mutex);
	a = rcu_dereference_protected(modguard_active,
				      lockdep_is_held(&state_mutex));
	if (a)
		refcount_inc(&a->ref);
	mutex_unlock(&state_mutex);
	if (a)
		ret = simple_read_from_buffer(ubuf, n, ppos, a->text,
					      a->text_len);
	active_put(a);
	return ret;
}

/**
 * modguard_boot_state() - The builtin policy and the boot lock.
 *
 * A builtin policy that does not parse leaves modguard unable to decide
 * by policy: every module is then refused (internal-error) in enforcing
 * mode, rather than loaded without the policy its builder meant.
 *
 * Context: Boot, from the LSM init function.
 * Return: 0, or the error of the builtin policy.
 */
int __init modguard_boot_state(void)
{
	static const char empty[] = MODGUARD_POLICY_HEADER " 3\nend\n";
	struct modguard_policy_error e = { };
	const char *text = modguard_boot_policy;
	u32 rules;
	int ret;

	if (!*text)
		text = empty;
	ret = modguard_replace_policy(text, strlen(text), &rules, &e);
	if (ret) {
		pr_err("builtin policy refused: line %u: %s: refusing every module\n",
		       e.line, e.msg);
		WRITE_ONCE(broken, true);
	}
	if (boot_lock)
		modguard_lock();
	return ret;
}
