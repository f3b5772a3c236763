// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg_denied - a test module for modguard's VM scenarios. It only says that it
 * was loaded and unloaded, so the scenarios can tell a load happened.
 */

#include <linux/init.h>
#include <linux/module.h>

static int __init mg_denied_init(void)
{
	pr_info("mg_denied: loaded\n");
	return 0;
}

static void __exit mg_denied_exit(void)
{
	pr_info("mg_denied: unloaded\n");
}

module_init(mg_denied_init);
module_exit(mg_denied_exit);
MODULE_DESCRIPTION("modguard test module denied");
MODULE_LICENSE("GPL");
