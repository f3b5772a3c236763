/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - what differs between the kernels modguard builds into
 *
 * One tree builds into Debian's 6.12 and 7.2 (scripts/kernels). Each
 * difference of kernel API is one small block here, and nowhere else.
 * The tests separate 6.12 from 7.x: only those two are built and tested.
 */
#ifndef _SECURITY_MODGUARD_KCOMPAT_H
#define _SECURITY_MODGUARD_KCOMPAT_H

#include <linux/security.h>
#include <linux/version.h>
#include <crypto/sha2.h>

#if KERNEL_VERSION(7, 0, 0) <= LINUX_VERSION_CODE
/* lib/crypto's sha256 state: struct sha256_ctx (struct sha256_state). */
#define modguard_sha256_ctx sha256_ctx
/* struct lsm_info names the LSM by its struct lsm_id (.name). */
#define MODGUARD_LSM_INFO_ID .id = &modguard_lsmid
#else
#define modguard_sha256_ctx sha256_state
#define MODGUARD_LSM_INFO_ID .name = "modguard"
#endif

/*
 * Remove a securityfs directory and what is in it: securityfs_remove() is
 * recursive on 7.x; on 6.12 that is securityfs_recursive_remove().
 */
static inline void modguard_securityfs_remove_all(struct dentry *dir)
{
#if KERNEL_VERSION(7, 0, 0) <= LINUX_VERSION_CODE
	securityfs_remove(dir);
#else
	securityfs_recursive_remove(dir);
#endif
}

#endif /* _SECURITY_MODGUARD_KCOMPAT_H */
