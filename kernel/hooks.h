/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - LSM hook shims
 */
#ifndef _SECURITY_MODGUARD_HOOKS_H
#define _SECURITY_MODGUARD_HOOKS_H

#include <linux/lsm_hooks.h>

extern struct lsm_blob_sizes modguard_blob_sizes;

void __init modguard_add_hooks(const struct lsm_id *lsmid);

#endif /* _SECURITY_MODGUARD_HOOKS_H */
