/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - audit records
 *
 * The record types are in common/abi.h, which modguardctl reads too.
 */
#ifndef _SECURITY_MODGUARD_AUDIT_H
#define _SECURITY_MODGUARD_AUDIT_H

#include "common/abi.h"
#include "common/decide.h"
#include "eval.h"
#include "modguard.h"
#include "verify.h"

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
