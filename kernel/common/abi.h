/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - what the kernel and modguardctl agree on outside the code
 * they share: the audit record types and the securityfs interface.
 *
 * Record types: out of tree, so not in include/uapi/linux/audit.h. They
 * sit in the LSM block (1400-1499) well above upstream's allocations,
 * which grow upwards from 1400 (IPE took 1420-1422 in 6.12, Landlock
 * 1423-1424 later): see docs/audit.md.
 */
#ifndef _SECURITY_MODGUARD_ABI_H
#define _SECURITY_MODGUARD_ABI_H

#define MODGUARD_AUDIT_DECISION	1490	/* a module load decided */
#define MODGUARD_AUDIT_CONFIG	1491	/* a configuration change */

/* securityfs: the version file's value, and the largest policy write. */
#define MODGUARD_FS_VERSION 1
/* A 100k-rule digest policy is about 8 MiB of text. */
#define MODGUARD_POLICY_MAX_BYTES (16 << 20)

#endif /* _SECURITY_MODGUARD_ABI_H */
