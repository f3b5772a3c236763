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
#else
#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <linux/types.h>

typedef __u8 u8;
typedef __u32 u32;
typedef __u64 u64;

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#endif
#endif

#endif /* _SECURITY_MODGUARD_COMPAT_H */
