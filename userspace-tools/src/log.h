/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - modguard's audit records (docs/audit.md), read from an
 * audit log, ausearch's output (--raw or -i), audisp's syslog lines or
 * kernel log text (dmesg, journalctl -k, /dev/kmsg), line by line.
 */
#ifndef _MODGUARDCTL_LOG_H
#define _MODGUARDCTL_LOG_H

#include <stdbool.h>
#include <stddef.h>

#include "abi.h"

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
 * @type: MODGUARD_AUDIT_DECISION or MODGUARD_AUDIT_CONFIG.
 * @f: Each field's value, unquoted and hex-decoded; NULL when absent or
 *     "?" (or, from ausearch -i, when it made the value unreadable).
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

/**
 * struct mg_log_walk - What to do with the records of a log, and counts.
 * @cb: Called for each whole record.
 * @skip: Called for each damaged record (@line of the text, its @type,
 *        @why it is damaged), which is not passed to @cb; may be NULL.
 * @arg: For the callbacks.
 * @source: For the callbacks: the name of the log being read.
 * @lines: Lines that are not blank.
 * @audit: Lines that carry an audit record, of any type.
 * @records: Records passed to @cb.
 * @skipped: Damaged records.
 */
struct mg_log_walk {
	mg_log_cb cb;
	void (*skip)(const struct mg_log_walk *w, unsigned long line,
		     int type, const char *why);
	void *arg;
	const char *source;
	unsigned long lines;
	unsigned long audit;
	unsigned long records;
	unsigned long skipped;
};

const char *mg_log_field_name(enum mg_log_field f);
int mg_log_parse(const char *text, size_t len, struct mg_log_walk *w);
const char *mg_log_event(const struct mg_log_rec *r);
/* logread.c: the logs read whole, then parsed. */
#define AUDIT_LOG_DEFAULT "/var/log/audit/audit.log"
#define KMSG_DEFAULT "/dev/kmsg"

int mg_log_read(const char *file, size_t max, mg_log_cb cb, void *arg,
		const char **source);
int mg_log_read_files(char *const *files, int n, size_t max, mg_log_cb cb,
		      void *arg);

#endif /* _MODGUARDCTL_LOG_H */
