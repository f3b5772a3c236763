// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - registration (the boot parameters are in state.c)
 */

#include <linux/init.h>
#include <uapi/linux/lsm.h>

#include "modguard.h"
#include "audit.h"
#include "compat.h"
#include "hooks.h"
#include "state.h"
#include "keyring.h"

bool modguard_enabled __ro_after_init;

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
	MODGUARD_LSM_INFO_ID,
	.init = modguard_init,
	.blobs = &modguard_blob_sizes,
};
