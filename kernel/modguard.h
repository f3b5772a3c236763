/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - decides every kernel module load
 */
#ifndef _SECURITY_MODGUARD_MODGUARD_H
#define _SECURITY_MODGUARD_MODGUARD_H

#undef pr_fmt
#define pr_fmt(fmt) "modguard: " fmt

#include <linux/lsm_hooks.h>

enum modguard_mode {
	MODGUARD_MODE_PERMISSIVE,
	MODGUARD_MODE_ENFORCING,
	__MODGUARD_MODE_MAX
};

extern bool modguard_enabled;

enum modguard_mode modguard_get_mode(void);
const char *modguard_mode_name(enum modguard_mode mode);
int modguard_parse_mode(const char *val);

#endif /* _SECURITY_MODGUARD_MODGUARD_H */
