// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - modguard's audit records from an audit log or kernel log
 *
 * libauparse does the reading: events, records, time, serial, fields,
 * auditd's ENRICHED suffix. Kernel log text is first cut down to the
 * records it carries ("audit: type=1490 audit(T:S): fields") and
 * rewritten in the audit log's format ("type=UNKNOWN[1490]
 * msg=audit(T:S): fields"), so one parser reads both. Values are taken as
 * audit writes them (audit_log_untrustedstring): "quoted", or hex when
 * they hold unusual bytes; "?" is absent.
 */

#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <auparse.h>

#include "compat.h"
#include "log.h"

static const char *const field_names[] = {
	[MG_LF_OP] = "op", [MG_LF_NAME] = "name", [MG_LF_PATH] = "path",
	[MG_LF_SIZE] = "size", [MG_LF_DIGEST] = "digest", [MG_LF_SIG] = "sig",
	[MG_LF_REASON] = "reason", [MG_LF_SIGNER] = "signer",
	[MG_LF_RULE] = "rule", [MG_LF_MODE] = "mode",
	[MG_LF_ACTION] = "action", [MG_LF_OLD] = "old", [MG_LF_NEW] = "new",
	[MG_LF_RULES] = "rules", [MG_LF_PID] = "pid", [MG_LF_UID] = "uid",
	[MG_LF_AUID] = "auid", [MG_LF_SES] = "ses", [MG_LF_COMM] = "comm",
	[MG_LF_EXE] = "exe", [MG_LF_RES] = "res",
};
static_assert(ARRAY_SIZE(field_names) == __MG_LF_MAX,
	      "one name per log field");

const char *mg_log_field_name(enum mg_log_field f)
{
	return (unsigned int)f < __MG_LF_MAX ? field_names[f] : "?";
}

/* Fields audit_log_untrustedstring() writes: quoted, or hex. */
static bool untrusted(enum mg_log_field f)
{
	return f == MG_LF_NAME || f == MG_LF_PATH || f == MG_LF_COMM ||
	       f == MG_LF_EXE || f == MG_LF_RULE;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* The value as the kernel meant it; NULL for "?" or out of memory. */
static char *value(enum mg_log_field f, const char *v)
{
	size_t n = strlen(v), i;
	char *out;

	if (!strcmp(v, "?"))
		return NULL;
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"')
		return strndup(v + 1, n - 2);
	if (!untrusted(f) || n % 2)
		return strdup(v);
	for (i = 0; i < n; i++)
		if (hexval(v[i]) < 0)
			return strdup(v);
	out = malloc(n / 2 + 1);
	if (!out)
		return NULL;
	for (i = 0; i < n / 2; i++) {
		out[i] = (char)(hexval(v[2 * i]) << 4 | hexval(v[2 * i + 1]));
		/* An embedded NUL ends the string: the rest is not shown. */
	}
	out[n / 2] = '\0';
	return out;
}

static void clear(struct mg_log_rec *r)
{
	int i;

	for (i = 0; i < __MG_LF_MAX; i++) {
		free(r->f[i]);
		r->f[i] = NULL;
	}
}

/*
 * modguard writes rule=deny-name:4. Kernels built before that wrote
 * rule="deny name:4", with a space inside the quotes, which libauparse
 * splits, keeping only "\"deny": for those, take the value from the
 * record's text and report it in today's form.
 */
static void rule_from_text(auparse_state_t *au, struct mg_log_rec *r)
{
	const char *text, *p, *q;
	char *v;

	if (!r->f[MG_LF_RULE] || r->f[MG_LF_RULE][0] != '"')
		return;
	text = auparse_get_record_text(au);
	p = text ? strstr(text, " rule=\"") : NULL;
	q = p ? strchr(p + 7, '"') : NULL;
	if (!q)
		return;
	v = strndup(p + 7, q - (p + 7));
	if (!v)
		return;
	p = strchr(v, ' ');
	if (p)
		v[p - v] = '-';
	free(r->f[MG_LF_RULE]);
	r->f[MG_LF_RULE] = v;
}

/* The current record of @au, if it is one of modguard's. */
static int one_record(auparse_state_t *au, mg_log_cb cb, void *arg)
{
	struct mg_log_rec r = { 0 };
	const char *name, *v;
	int type, i, ret;

	type = auparse_get_type(au);
	if (type != MG_AUDIT_DECISION && type != MG_AUDIT_CONFIG)
		return 0;
	r.type = type;
	r.sec = (long long)auparse_get_time(au);
	r.ms = auparse_get_milli(au);
	r.serial = auparse_get_serial(au);
	if (auparse_first_field(au) <= 0)
		return 0;
	do {
		name = auparse_get_field_name(au);
		v = auparse_get_field_str(au);
		if (!name || !v)
			continue;
		for (i = 0; i < __MG_LF_MAX; i++) {
			if (strcmp(name, field_names[i]) || r.f[i])
				continue;
			r.f[i] = value(i, v);
			break;
		}
	} while (auparse_next_field(au) > 0);
	rule_from_text(au, &r);
	/* Only records with an op= are modguard's (type numbers are reused). */
	ret = r.f[MG_LF_OP] ? cb(&r, arg) : 0;
	clear(&r);
	return ret;
}

/**
 * mg_log_parse_audit() - Walk the modguard records of audit log text.
 * @text: The log, NUL-terminated (the format of /var/log/audit/audit.log,
 *        or ausearch --raw).
 * @cb: Called for each record of type 1490 or 1491, in log order.
 * @arg: Passed to @cb.
 *
 * Return: 0; what @cb returned when it stopped the walk; -1 when
 * libauparse could not start.
 */
int mg_log_parse_audit(const char *text, mg_log_cb cb, void *arg)
{
	auparse_state_t *au;
	int ret = 0;

	au = auparse_init(AUSOURCE_BUFFER, text);
	if (!au)
		return -1;
	while (!ret && auparse_next_event(au) > 0) {
		if (auparse_first_record(au) <= 0)
			continue;
		do {
			ret = one_record(au, cb, arg);
		} while (!ret && auparse_next_record(au) > 0);
	}
	auparse_destroy(au);
	return ret;
}

/*
 * One kernel log line: "... type=149N audit(T:S): fields" to the audit
 * log's "type=UNKNOWN[149N] msg=audit(T:S): fields\n" in @out (NUL
 * terminated); false when the line carries no modguard record.
 */
static bool kernel_line(const char *line, size_t len, char *out, size_t size)
{
	static const char tag[] = "type=149";
	const char *p, *end = line + len, *t, *close;
	size_t n;

	for (p = line; (p = memmem(p, end - p, tag, sizeof(tag) - 1));
	     p++) {
		t = p + sizeof(tag) - 1;
		if (end - t < 8 || (t[0] != '0' && t[0] != '1') ||
		    strncmp(t + 1, " audit(", 7))
			continue;
		close = memmem(t + 8, end - (t + 8), "): ", 3);
		if (!close)
			continue;
		n = end - (close + 3);
		if ((size_t)snprintf(out, size,
				     "type=UNKNOWN[149%c] msg=audit(%.*s): %.*s\n",
				     t[0], (int)(close - (t + 8)), t + 8,
				     (int)n, close + 3) >= size)
			return false;
		return true;
	}
	return false;
}

/**
 * mg_log_parse_kernel() - Walk the modguard records of kernel log text.
 * @text: dmesg, journalctl -k or /dev/kmsg text.
 * @len: Its length.
 * @cb: As for mg_log_parse_audit().
 * @arg: As for mg_log_parse_audit().
 *
 * Return: as mg_log_parse_audit(); -1 also when out of memory.
 */
int mg_log_parse_kernel(const char *text, size_t len, mg_log_cb cb,
			void *arg)
{
	const char *line = text, *end = text + len, *nl;
	size_t used = 0, cap;
	char *buf;
	int ret;

	/*
	 * A line matches only with "type=149N audit(...): " (19 bytes) in it,
	 * and gains at most the 14 bytes of "UNKNOWN[] msg=" and a newline:
	 * three times the input is room enough.
	 */
	cap = 3 * len + 64;
	buf = malloc(cap);
	if (!buf)
		return -1;
	buf[0] = '\0';
	while (line < end) {
		nl = memchr(line, '\n', end - line);
		if (!nl)
			nl = end;
		if (kernel_line(line, nl - line, buf + used, cap - used))
			used += strlen(buf + used);
		line = nl + 1;
	}
	ret = used ? mg_log_parse_audit(buf, cb, arg) : 0;
	free(buf);
	return ret;
}

/**
 * mg_log_is_audit() - Whether text is an audit log rather than a kernel
 * log: its first non-empty line starts with "type=".
 * @text: NUL-terminated.
 *
 * Return: true for an audit log.
 */
bool mg_log_is_audit(const char *text)
{
	text += strspn(text, "\n");
	return !strncmp(text, "type=", 5);
}

/**
 * mg_log_event() - What a record says happened.
 * @r: The record.
 *
 * Return: "deny" (refused), "would-deny" (permissive: loaded, would have
 * been refused), "allow", or "config".
 */
const char *mg_log_event(const struct mg_log_rec *r)
{
	const char *action = r->f[MG_LF_ACTION], *reason = r->f[MG_LF_REASON];

	if (r->type == MG_AUDIT_CONFIG)
		return "config";
	if (action && !strcmp(action, "deny"))
		return "deny";
	if (reason && strcmp(reason, "ok"))
		return "would-deny";
	return "allow";
}
