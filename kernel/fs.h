/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the securityfs interface
 */
#ifndef _SECURITY_MODGUARD_FS_H
#define _SECURITY_MODGUARD_FS_H

#define MODGUARD_FS_VERSION 1
/* A 100k-rule digest policy is about 8 MiB of text. */
#define MODGUARD_POLICY_MAX_BYTES (16 << 20)

#endif /* _SECURITY_MODGUARD_FS_H */
