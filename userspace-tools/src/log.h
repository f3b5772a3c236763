/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - modguard's audit records (docs/audit.md), read from an
 * audit log with libauparse, or from kernel log text (dmesg,
 * journalctl -k, /dev/kmsg), whose lines are handed to libauparse in the
 * audit log's own format.
 */
#ifndef _MODGUARDCTL_LOG_H
#define _MODGUARDCTL_LOG_H

#include <stdbool.h>
#include <stddef.h>

#define MG_AUDIT_DECISION	1490
#define MG_AUDIT_CONFIG		1491

/* The fields of both record types, in the order of docs/audit.md. */
enum mg_log_field {
	MG_LF_OP, MG_LF_NAME, MG_LF_PATH, MG_LF_SIZE, MG_LF_DIGEST, MG_LF_SIG,
	MG_LF_REASON, MG_LF_SIGNER, MG_LF_RULE, MG_LF_MODE, MG_LF_ACTION,
	MG_LF_OLD, MG_LF_NEW, MG_LF_RULES, MG_LF_PID, MG_LF_UID, MG_LF_AUID,
	MG_LF_SES, MG_LF_COMM, MG_LF_EXE, MG_LF_RES,
	__MG_LF_MAX
};

/**
 * struct mg_log_rec - One modguard audit record.
 * @sec: Its time, seconds since the epoch.
 * @ms: Milliseconds.
 * @serial: The audit serial number.
 * @type: MG_AUDIT_DECISION or MG_AUDIT_CONFIG.
 * @f: Each field's value, unquoted and hex-decoded; NULL when absent or
 *     "?".
 */
struct mg_log_rec {
	long long sec;
	unsigned int ms;
	unsigned long serial;
	int type;
	char *f[__MG_LF_MAX];
};

/* Called for each record; a non-zero return stops the walk with it. */
typedef int (*mg_log_cb)(const struct mg_log_rec *r, void *arg);

const char *mg_log_field_name(enum mg_log_field f);
bool mg_log_is_audit(const char *text);
int mg_log_parse_audit(const char *text, mg_log_cb cb, void *arg);
int mg_log_parse_kernel(const char *text, size_t len, mg_log_cb cb,
			void *arg);
const char *mg_log_event(const struct mg_log_rec *r);
int mg_log_read(const char *file, mg_log_cb cb, void *arg,
		const char **source);

#endif /* _MODGUARDCTL_LOG_H */
