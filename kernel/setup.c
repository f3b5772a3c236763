// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - registration, boot parameters and the mode
 */

#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <uapi/linux/lsm.h>

#include "modguard.h"
#include "hooks.h"
#include "verify.h"

bool modguard_enabled __ro_after_init;

static int mode = IS_ENABLED(CONFIG_SECURITY_MODGUARD_ENFORCING) ?
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
	return READ_ONCE(mode);
}

static int mode_set(const char *val, const struct kernel_param *kp)
{
	int m;

	m = sysfs_match_string(mode_names, val);
	if (m < 0)
		return -EINVAL;
	WRITE_ONCE(mode, m);
	return 0;
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
 * modguard.mode=enforcing|permissive. Read-only at runtime here: the
 * securityfs interface is the one place that switches modes later, under
 * the capability check and the lock.
 */
module_param_cb(mode, &mode_ops, NULL, 0444);
MODULE_PARM_DESC(mode, "enforcing or permissive (default from Kconfig)");

/*
 * modguard.platform_keyring=1: also trust the .platform keyring (firmware
 * db and MOK keys), only for a signer found in no other trusted keyring,
 * as the loader does with CONFIG_INTEGRITY_PLATFORM_KEYRING.
 */
module_param_named(platform_keyring, modguard_use_platform_keyring, bool,
		   0444);
MODULE_PARM_DESC(platform_keyring, "also trust the .platform keyring");

static const struct lsm_id modguard_lsmid = {
	.name = "modguard",
	.id = LSM_ID_MODGUARD,
};

static int __init modguard_init(void)
{
	modguard_add_hooks(&modguard_lsmid);
	modguard_enabled = true;
	pr_info("initialized, mode=%s\n", modguard_mode_name(modguard_get_mode()));
	return 0;
}

static int __init modguard_keys_init(void)
{
	int ret;

	if (!modguard_enabled)
		return 0;
	ret = modguard_keyring_init();
	if (ret)
		pr_err("no .modguard keyring (%d): only the system keyrings are trusted\n",
		       ret);
	return 0;
}
device_initcall(modguard_keys_init);

DEFINE_LSM(modguard) = {
	.name = "modguard",
	.init = modguard_init,
};
