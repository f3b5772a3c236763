/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - audit records
 *
 * Record types: out of tree, so not in include/uapi/linux/audit.h. They
 * sit in the LSM block (1400-1499) well above upstream's allocations,
 * which grow upwards from 1400 (IPE took 1420-1422 in 6.12, Landlock
 * 1423-1424 later): see docs/audit.md.
 */
#ifndef _SECURITY_MODGUARD_AUDIT_H
#define _SECURITY_MODGUARD_AUDIT_H

#include "decide.h"
#include "eval.h"
#include "modguard.h"
#include "verify.h"

#define MODGUARD_AUDIT_DECISION	1490	/* a module load decided */
#define MODGUARD_AUDIT_CONFIG	1491	/* a configuration change */

extern bool modguard_audit_allow;

void modguard_audit_decision(const struct modguard_load *load,
			     const struct modguard_verdict *v,
			     const char *name,
			     const struct modguard_decision *d, u32 rule_line,
			     enum modguard_mode mode, bool allowed);
void modguard_audit_config(const char *op, const char *old_value,
			   const char *new_value, int res);
struct asymmetric_key_id;
void modguard_audit_key_add(const struct asymmetric_key_id *id, int res);
void modguard_audit_policy_load(const char *text, size_t len, u32 rules,
				int res);

#endif /* _SECURITY_MODGUARD_AUDIT_H */
