// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl log - modguard's denials and configuration changes, from
 * the audit log or, when there is none, the kernel log
 *
 * Without a FILE: the audit log ($MODGUARD_AUDIT_LOG, default
 * /var/log/audit/audit.log); when it does not exist, the kernel's ring
 * buffer ($MODGUARD_KMSG, default /dev/kmsg). A FILE (or "-") is read as
 * an audit log when its first line starts with "type=", else as kernel
 * log text (dmesg, journalctl -k). The records are those of
 * docs/audit.md.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "modguardctl.h"
#include "policy.h"
#include "reason.h"

#define AUDIT_LOG_DEFAULT "/var/log/audit/audit.log"
#define KMSG_DEFAULT "/dev/kmsg"

struct log_opts {
	bool json;
	bool have_since, have_until;
	long long since, until;
	const char *module;	/* folded */
	const char *reason;
	char folded[MODGUARD_NAME_MAX + 1];
	unsigned long shown;
};

/*
 * "@EPOCH", "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" or with a T, in UTC
 * (a trailing Z is allowed). False when it is none of those.
 */
static bool parse_time(const char *s, long long *out)
{
	static const char *const fmts[] = {
		"%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M",
		"%Y-%m-%d %H:%M", "%Y-%m-%d",
	};
	struct tm tm;
	const char *end;
	char *e;
	size_t i;

	if (s[0] == '@') {
		errno = 0;
		*out = strtoll(s + 1, &e, 10);
		return s[1] && !*e && !errno;
	}
	for (i = 0; i < ARRAY_SIZE(fmts); i++) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, fmts[i], &tm);
		if (!end || (*end && strcmp(end, "Z")))
			continue;
		*out = (long long)timegm(&tm);
		return true;
	}
	return false;
}

static void format_time(long long sec, char *buf, size_t size, bool iso)
{
	time_t t = (time_t)sec;
	struct tm tm;

	if (!gmtime_r(&t, &tm) ||
	    !strftime(buf, size, iso ? "%Y-%m-%dT%H:%M:%S" : "%Y-%m-%d %H:%M:%S",
		      &tm))
		snprintf(buf, size, "@%lld", sec);
}

/* For the table: a value as is, with bytes outside printable ASCII as \xHH. */
static void print_safe(const char *s)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			printf("\\x%02x", *p);
		else
			putchar(*p);
	}
}

static bool wanted(const struct mg_log_rec *r, const struct log_opts *o)
{
	char name[MODGUARD_NAME_MAX + 1];
	const char *v;

	if (o->have_since && r->sec < o->since)
		return false;
	if (o->have_until && r->sec > o->until)
		return false;
	if (o->module) {
		v = r->f[MG_LF_NAME];
		if (r->type != MG_AUDIT_DECISION || !v)
			return false;
		modguard_fold_name(v, name, sizeof(name));
		if (strcmp(name, o->module))
			return false;
	}
	if (o->reason) {
		v = r->f[MG_LF_REASON];
		if (r->type != MG_AUDIT_DECISION || !v || strcmp(v, o->reason))
			return false;
	}
	return true;
}

static void print_json(const struct mg_log_rec *r)
{
	char t[32];
	int i;

	format_time(r->sec, t, sizeof(t), true);
	printf("{\"time\":\"%s.%03uZ\",\"epoch\":%lld.%03u,\"serial\":%lu,\"type\":\"%s\",\"event\":\"%s\"",
	       t, r->ms, r->sec, r->ms, r->serial,
	       r->type == MG_AUDIT_DECISION ? "decision" : "config",
	       mg_log_event(r));
	for (i = 0; i < __MG_LF_MAX; i++) {
		if (!r->f[i])
			continue;
		printf(",\"%s\":", mg_log_field_name(i));
		mg_json_string(stdout, r->f[i]);
	}
	fputs("}\n", stdout);
}

static void detail(const struct mg_log_rec *r, enum mg_log_field f)
{
	if (!r->f[f])
		return;
	printf(" %s=", mg_log_field_name(f));
	print_safe(r->f[f]);
}

static void print_row(const struct mg_log_rec *r)
{
	static const enum mg_log_field decision[] = {
		MG_LF_OP, MG_LF_PATH, MG_LF_RULE, MG_LF_SIGNER, MG_LF_DIGEST,
		MG_LF_COMM,
	};
	static const enum mg_log_field config[] = {
		MG_LF_OP, MG_LF_OLD, MG_LF_NEW, MG_LF_RULES, MG_LF_RES,
		MG_LF_AUID, MG_LF_COMM,
	};
	const enum mg_log_field *fs;
	size_t i, n;
	char t[32];

	format_time(r->sec, t, sizeof(t), false);
	printf("%s  %-10s  %-18s  ", t, mg_log_event(r),
	       r->type == MG_AUDIT_DECISION && r->f[MG_LF_REASON] ?
	       r->f[MG_LF_REASON] : "-");
	if (r->type == MG_AUDIT_DECISION && r->f[MG_LF_NAME])
		print_safe(r->f[MG_LF_NAME]);
	else
		putchar('-');
	fs = r->type == MG_AUDIT_DECISION ? decision : config;
	n = r->type == MG_AUDIT_DECISION ? ARRAY_SIZE(decision) :
					   ARRAY_SIZE(config);
	for (i = 0; i < n; i++)
		detail(r, fs[i]);
	putchar('\n');
}

static int show(const struct mg_log_rec *r, void *arg)
{
	struct log_opts *o = arg;

	if (!wanted(r, o))
		return 0;
	if (o->json)
		print_json(r);
	else
		print_row(r);
	o->shown++;
	return 0;
}

/* /dev/kmsg gives one record per read(2) and EAGAIN at the end. */
static int read_kmsg(const char *path, unsigned char **data, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf, *p;
	ssize_t r;
	int fd;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	buf = malloc(cap);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (cap - n < 8192 + 1) {
			p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				close(fd);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && (errno == EINTR || errno == EPIPE))
			continue;	/* EPIPE: records were overwritten */
		if (r < 0 && errno == EAGAIN)
			break;
		if (r < 0) {
			int err = -errno;

			free(buf);
			close(fd);
			return err;
		}
		if (r == 0)
			break;
		n += r;
	}
	close(fd);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

/**
 * mg_log_read() - Read the log a command names, and walk its records.
 * @file: A file, "-", or NULL for the system's logs.
 * @cb: Called per record.
 * @arg: Passed to @cb.
 * @source: Set to what was read, for messages.
 *
 * Return: 0, or MG_EXIT_FAILED after a message.
 */
int mg_log_read(const char *file, mg_log_cb cb, void *arg,
		const char **source)
{
	unsigned char *data = NULL;
	bool kmsg = false;
	const char *path;
	size_t len;
	int err;

	path = file;
	if (!path) {
		path = getenv("MODGUARD_AUDIT_LOG");
		if (!path || !*path)
			path = AUDIT_LOG_DEFAULT;
		if (access(path, F_OK) && errno == ENOENT) {
			path = getenv("MODGUARD_KMSG");
			if (!path || !*path)
				path = KMSG_DEFAULT;
			kmsg = true;
		}
	}
	*source = path;
	err = kmsg ? read_kmsg(path, &data, &len) :
		     mg_read_input(path, &data, &len);
	if (err) {
		mg_err("cannot read %s: %s%s", path, strerror(-err),
		       err == -EACCES || err == -EPERM ? " (reading it needs root)" : "");
		return MG_EXIT_FAILED;
	}
	if (!kmsg && mg_log_is_audit((char *)data))
		err = mg_log_parse_audit((char *)data, cb, arg);
	else
		err = mg_log_parse_kernel((char *)data, len, cb, arg);
	free(data);
	if (err < 0) {
		mg_err("%s: cannot parse (libauparse)", path);
		return MG_EXIT_FAILED;
	}
	return MG_EXIT_OK;
}

static int cmd_log(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct log_opts o = { 0 };
	const char *source;
	int status, c, i;

	while ((c = mg_getopt(cmd, argc, argv, &status)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 's':
		case 'u':
			if (!parse_time(optarg, c == 's' ? &o.since : &o.until))
				return mg_usage_error(cmd, "invalid time '%s'",
						      optarg);
			if (c == 's')
				o.have_since = true;
			else
				o.have_until = true;
			break;
		case 'm':
			if (!*optarg || strlen(optarg) > MODGUARD_NAME_MAX)
				return mg_usage_error(cmd, "invalid module name '%s'",
						      optarg);
			modguard_fold_name(optarg, o.folded, sizeof(o.folded));
			o.module = o.folded;
			break;
		case 'r':
			for (i = 0; i < __MODGUARD_REASON_MAX; i++)
				if (!strcmp(optarg, modguard_reason_name(i)))
					break;
			if (i == __MODGUARD_REASON_MAX)
				return mg_usage_error(cmd, "unknown reason '%s' (see docs/reasons.md)",
						      optarg);
			o.reason = optarg;
			break;
		case MG_OPT_EXIT:
			return status;
		}
	}
	if (argc - optind > 1)
		return mg_usage_error(cmd, "unexpected argument '%s'",
				      argv[optind + 1]);
	if (!o.json)
		printf("%-19s  %-10s  %-18s  %s\n", "TIME (UTC)", "EVENT",
		       "REASON", "MODULE DETAILS");
	return mg_log_read(optind < argc ? argv[optind] : NULL, show, &o,
			   &source);
}

static const struct mg_option log_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "One JSON object per record" },
	{ "since", required_argument, 's', "TIME",
	  "Records at or after TIME: @EPOCH, YYYY-MM-DD[ HH:MM[:SS]] (UTC)" },
	{ "until", required_argument, 'u', "TIME",
	  "Records at or before TIME" },
	{ "module", required_argument, 'm', "NAME",
	  "Decisions about module NAME ('-' and '_' alike)" },
	{ "reason", required_argument, 'r', "NAME",
	  "Decisions with reason NAME" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_log = {
	.name = "log",
	.fn = cmd_log,
	.args = "[FILE|-]",
	.help = "Show modguard's decisions and configuration changes from the audit or kernel log",
	.desc = "Reads modguard's audit records (types 1490, decisions, and 1491,\n"
		"configuration changes; docs/audit.md) with libauparse from FILE, or\n"
		"without FILE from " AUDIT_LOG_DEFAULT " (MODGUARD_AUDIT_LOG), or\n"
		"when that does not exist from the kernel log, " KMSG_DEFAULT "\n"
		"(MODGUARD_KMSG). A FILE whose first line starts with \"type=\" is an audit\n"
		"log (or ausearch --raw output); any other is kernel log text (dmesg,\n"
		"journalctl -k). Prints a header line, then per record:\n"
		"  TIME  EVENT  REASON  MODULE  key=value...\n"
		"EVENT being deny, would-deny (permissive mode), allow (audit_allow) or\n"
		"config. With --json, one object per record: time, epoch, serial, type\n"
		"(decision|config), event, then each field of the record present and\n"
		"not \"?\", by its audit name, as a string.\n"
		"\n"
		"Exit status: 0 when the log was read (even with no record); 1 when it\n"
		"cannot be read; 2 usage error.",
	.options = log_options,
};
