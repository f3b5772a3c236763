// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg_gamma - a test module for modguard's VM scenarios. It only says that it
 * was loaded and unloaded, so the scenarios can tell a load happened.
 */

#include <linux/init.h>
#include <linux/module.h>

static int __init mg_gamma_init(void)
{
	pr_info("mg_gamma: loaded\n");
	return 0;
}

static void __exit mg_gamma_exit(void)
{
	pr_info("mg_gamma: unloaded\n");
}

module_init(mg_gamma_init);
module_exit(mg_gamma_exit);
MODULE_DESCRIPTION("modguard test module gamma");
MODULE_LICENSE("GPL");
