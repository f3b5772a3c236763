// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - registration, boot parameters and the mode
 */

#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <uapi/linux/lsm.h>

#include "modguard.h"
#include "audit.h"
#include "hooks.h"
#include "state.h"
#include "keyring.h"
#include "verify.h"

bool modguard_enabled __ro_after_init;

/*
 * modguard.platform_keyring=1: also trust the .platform keyring (firmware
 * db and MOK keys), only for a signer found in no other trusted keyring,
 * as the loader does with CONFIG_INTEGRITY_PLATFORM_KEYRING.
 */
module_param_named(platform_keyring, modguard_use_platform_keyring, bool,
		   0444);
MODULE_PARM_DESC(platform_keyring, "also trust the .platform keyring");

/* modguard.audit_allow=1: audit allowed loads too, from boot on. */
module_param_named(audit_allow, modguard_audit_allow, bool, 0444);
MODULE_PARM_DESC(audit_allow, "also audit allowed loads");

static const struct lsm_id modguard_lsmid = {
	.name = "modguard",
	.id = LSM_ID_MODGUARD,
};

static int __init modguard_init(void)
{
	modguard_boot_state();
	modguard_add_hooks(&modguard_lsmid);
	modguard_enabled = true;
	pr_info("initialized, mode=%s%s\n",
		modguard_mode_name(modguard_get_mode()),
		modguard_is_locked() ? ", locked" : "");
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
