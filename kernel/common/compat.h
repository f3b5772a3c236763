/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - types shared by the kernel and userspace builds
 *
 * The signature trailer, the reasons and (later) the policy parser are
 * written once and compiled both into the kernel and into modguardctl.
 * This header is the only place that knows which side it is on.
 */
#ifndef _SECURITY_MODGUARD_COMPAT_H
#define _SECURITY_MODGUARD_COMPAT_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/build_bug.h>
#include <linux/bsearch.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/sort.h>

#define mg_calloc(n, size)	kvcalloc(n, size, GFP_KERNEL)
#define mg_free(p)		kvfree(p)
#define mg_sort(base, n, size, cmp)	sort(base, n, size, cmp, NULL)
#else
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u32 u32;
typedef __u64 u64;

#include <errno.h>
#include <stdlib.h>

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif

#define mg_calloc(n, size)	calloc(n, size)
#define mg_free(p)		free(p)
#define mg_sort(base, n, size, cmp)	qsort(base, n, size, cmp)
#endif

#endif /* _SECURITY_MODGUARD_COMPAT_H */
