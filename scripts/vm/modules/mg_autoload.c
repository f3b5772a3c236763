// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg_autoload - a test module for modguard's autoload scenario. Its alias
 * makes the kernel ask modprobe for it whenever anyone, unprivileged too,
 * opens a socket of protocol family 21 (AF_RDS, not built into the test
 * kernel). It registers nothing: it only says that it was loaded.
 */

#include <linux/init.h>
#include <linux/module.h>

static int __init mg_autoload_init(void)
{
	pr_info("mg_autoload: loaded\n");
	return 0;
}

static void __exit mg_autoload_exit(void)
{
	pr_info("mg_autoload: unloaded\n");
}

module_init(mg_autoload_init);
module_exit(mg_autoload_exit);
MODULE_DESCRIPTION("modguard test module loaded on demand");
MODULE_LICENSE("GPL");
MODULE_ALIAS("net-pf-21");
