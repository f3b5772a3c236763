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
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;
#endif

#endif /* _SECURITY_MODGUARD_COMPAT_H */
