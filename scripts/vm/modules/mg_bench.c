// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg_bench - a module of a chosen size for `make bench`. A read-only blob
 * of MG_BENCH_KIB KiB (set per module by build-modules.sh) makes the image
 * as large as the benchmark asks, so that load times can be compared
 * across sizes. It does nothing else: no log line, so a load costs what
 * the loader and the verifiers cost.
 */

#include <linux/init.h>
#include <linux/module.h>
#include <linux/types.h>

#ifndef MG_BENCH_KIB
#define MG_BENCH_KIB 0
#endif

#if MG_BENCH_KIB > 0
/* Not zero, so that it is in .rodata and in the file rather than .bss. */
static const u8 mg_bench_blob[MG_BENCH_KIB * 1024] __used = {
	[0 ... MG_BENCH_KIB * 1024 - 1] = 0x5a,
};
#endif

static int __init mg_bench_init(void)
{
	return 0;
}

static void __exit mg_bench_exit(void)
{
}

module_init(mg_bench_init);
module_exit(mg_bench_exit);
MODULE_DESCRIPTION("modguard benchmark module of a given size");
MODULE_LICENSE("GPL");
