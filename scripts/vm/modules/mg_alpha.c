// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg_alpha - a test module for modguard's VM scenarios. It only says that it
 * was loaded and unloaded, so the scenarios can tell a load happened.
 */

#include <linux/init.h>
#include <linux/module.h>

static int __init mg_alpha_init(void)
{
	pr_info("mg_alpha: loaded\n");
	return 0;
}

static void __exit mg_alpha_exit(void)
{
	pr_info("mg_alpha: unloaded\n");
}

module_init(mg_alpha_init);
module_exit(mg_alpha_exit);
MODULE_DESCRIPTION("modguard test module alpha");
MODULE_LICENSE("GPL");
