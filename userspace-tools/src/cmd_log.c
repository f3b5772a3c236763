// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl log - modguard's denials and configuration changes, from
 * the audit log or, when there is none, the kernel log
 *
 * The logs are read by logread.c (the files given, or the system's) and
 * their lines by logparse.c; this filters the records and prints them.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "command.h"
#include "decompress.h"
#include "log.h"
#include "util.h"
#include "policy.h"
#include "reason.h"


struct log_opts {
	bool json;
	bool have_since, have_until;
	long long since, until;
	const char *module;	/* folded */
	const char *reason;
	char folded[MODGUARD_NAME_MAX + 1];
	unsigned long shown;
	size_t max;
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
static void print_safe(const char *s, bool quoted)
{
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '\\' ||
		    (quoted && *p == '"'))
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
		if (r->type != MODGUARD_AUDIT_DECISION || !v)
			return false;
		modguard_fold_name(v, name, sizeof(name));
		if (strcmp(name, o->module))
			return false;
	}
	if (o->reason) {
		v = r->f[MG_LF_REASON];
		if (r->type != MODGUARD_AUDIT_DECISION || !v || strcmp(v, o->reason))
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
	       r->type == MODGUARD_AUDIT_DECISION ? "decision" : "config",
	       mg_log_event(r));
	for (i = 0; i < __MG_LF_MAX; i++) {
		if (!r->f[i])
			continue;
		printf(",\"%s\":", mg_log_field_name(i));
		mg_json_string(stdout, r->f[i]);
	}
	fputs("}\n", stdout);
}

/*
 * key=value; a value with a space or a double quote in double quotes
 * (a quote inside as \x22), so that one word stays one field.
 */
static void detail(const struct mg_log_rec *r, enum mg_log_field f)
{
	const char *v = r->f[f];

	if (!v)
		return;
	printf(" %s=", mg_log_field_name(f));
	if (!strpbrk(v, " \"")) {
		print_safe(v, false);
		return;
	}
	putchar('"');
	print_safe(v, true);
	putchar('"');
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
	       r->type == MODGUARD_AUDIT_DECISION && r->f[MG_LF_REASON] ?
	       r->f[MG_LF_REASON] : "-");
	if (r->type == MODGUARD_AUDIT_DECISION && r->f[MG_LF_NAME])
		print_safe(r->f[MG_LF_NAME], false);
	else
		putchar('-');
	fs = r->type == MODGUARD_AUDIT_DECISION ? decision : config;
	n = r->type == MODGUARD_AUDIT_DECISION ? ARRAY_SIZE(decision) :
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

static int cmd_log(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct log_opts o = { .max = MG_IMAGE_MAX };
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
		case MG_LONG_ONLY + 'S':
			if (mg_opt_size(cmd, optarg, &o.max))
				return MG_EXIT_USAGE;
			break;
		case MG_OPT_EXIT:
			return status;
		}
	}
	if (!o.json)
		printf("%-19s  %-10s  %-18s  %s\n", "TIME (UTC)", "EVENT",
		       "REASON", "MODULE DETAILS");
	return mg_log_read_files(argv + optind, argc - optind, o.max, show,
				 &o);
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
	{ "max-size", required_argument, MG_LONG_ONLY + 'S', "SIZE",
	  "Refuse a log larger than SIZE bytes, or that decompresses to more (K, M, G suffixes; default 1G)" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_log = {
	.name = "log",
	.fn = cmd_log,
	.args = "[FILE|-]...",
	.help = "Show modguard's decisions and configuration changes from the audit or kernel log",
	.desc = "Reads modguard's audit records (types 1490, decisions, and 1491,\n"
		"configuration changes; docs/audit.md) from each FILE in turn (give\n"
		"rotated logs oldest first: audit.log.2.gz audit.log.1 audit.log), or\n"
		"without FILE from " AUDIT_LOG_DEFAULT " (MODGUARD_AUDIT_LOG), or\n"
		"when that does not exist from the kernel log, " KMSG_DEFAULT "\n"
		"(MODGUARD_KMSG). A FILE compressed with gzip, xz or zstd is\n"
		"decompressed. Read line by line: the audit log and ausearch --raw\n"
		"(type=UNKNOWN[1490] msg=audit(...): ...), the same behind a syslog\n"
		"prefix (audispd[N]: type=...), ausearch -i (local time, C or en_US\n"
		"date; its mode= and sig= are unreadable and left out, uid= is a user\n"
		"name), and kernel log text (dmesg, journalctl -k: type=1490 audit(...)).\n"
		"A record that is damaged (cut short, a field missing, a value the\n"
		"kernel does not write, such as reason=unsig) is skipped with a\n"
		"warning on stderr, never shown; the number skipped is said last.\n"
		"Prints a header line, then per record:\n"
		"  TIME  EVENT  REASON  MODULE  key=value...\n"
		"EVENT being deny, would-deny (permissive mode), allow (audit_allow) or\n"
		"config. With --json, one object per record: time, epoch, serial, type\n"
		"(decision|config), event, then each field of the record present and\n"
		"not \"?\", by its audit name, as a string.\n"
		"\n"
		"Exit status: 0 when every log was read and its records were whole\n"
		"(even with no record); 1 when a log cannot be read or decompressed,\n"
		"has lines but no audit record, or had damaged records; 2 usage error.",
	.options = log_options,
};
