// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg_beta - a test module for modguard's VM scenarios. It only says that it
 * was loaded and unloaded, so the scenarios can tell a load happened.
 */

#include <linux/init.h>
#include <linux/module.h>

static int __init mg_beta_init(void)
{
	pr_info("mg_beta: loaded\n");
	return 0;
}

static void __exit mg_beta_exit(void)
{
	pr_info("mg_beta: unloaded\n");
}

module_init(mg_beta_init);
module_exit(mg_beta_exit);
MODULE_DESCRIPTION("modguard test module beta");
MODULE_LICENSE("GPL");
