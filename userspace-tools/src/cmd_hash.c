// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl hash, allow - the digest that digest= policy rules name
 *
 * The digest of a module is the sha256 of its payload: the image the
 * loader gets without its appended signature, as the module reader
 * (module.c) splits it; kernel/verify.c hashes exactly that.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "log.h"
#include "module.h"
#include "policy.h"
#include "trust.h"
#include "util.h"

#define DIGEST_HEX_SIZE (2 * MODGUARD_DIGEST_LEN + 1)

struct digest_opts {
	bool json;
	bool header;
	bool from_log;
	size_t max;
};

/*
 * A rule for a module whose signature is damaged allows these bytes
 * whatever the signature says: say so (the signature is not checked
 * against a key here: @none trusts nothing).
 */
static void warn_signature(const char *file, struct mg_module *m,
			   struct mg_trust *none)
{
	struct mg_verify_result r;

	if (m->treason == MODGUARD_REASON_UNSIGNED)
		return;
	mg_verify_module(m, none, NULL, &r);
	switch (r.reason) {
	case MODGUARD_REASON_MALFORMED_TRAILER:
	case MODGUARD_REASON_MALFORMED_SIGNATURE:
	case MODGUARD_REASON_BAD_SIGNATURE:
	case MODGUARD_REASON_UNSUPPORTED_CRYPTO:
		mg_err("warning: %s: its signature is bad (%s): the rule allows these bytes whatever the signature says",
		       file, modguard_reason_name(r.reason));
		break;
	default:
		break;
	}
}

/*
 * The digest of one module file, in hex; messages on stderr. *@comp is
 * the compression of the file. With @none (allow), a bad signature is
 * warned about.
 */
static int module_digest(const char *file, size_t max, char *hex,
			 enum mg_compression *comp, struct mg_trust *none)
{
	struct mg_module m;
	int ret = MG_EXIT_FAILED;
	char msg[256];

	if (mg_module_read(file, max, &m, msg, sizeof(msg))) {
		mg_err("%s: %s", file, msg);
		goto out_free;
	}
	*comp = m.comp;
	if (m.nested) {
		mg_err("%s: compressed twice: the kernel refuses it (unverifiable) whatever the policy says",
		       file);
		goto out_free;
	}
	/* The loader refuses anything else (elf_validity_check()). */
	if (!mg_module_is_elf(&m)) {
		mg_err("%s: not a kernel module (no ELF relocatable object%s): no digest",
		       file, m.comp == MG_COMP_NONE ? "" : " inside");
		goto out_free;
	}
	if (none)
		warn_signature(file, &m, none);
	if (mg_module_digest(&m, hex)) {
		mg_err("%s: sha256 failed (libcrypto)", file);
		goto out_free;
	}
	ret = MG_EXIT_OK;
out_free:
	mg_module_free(&m);
	return ret;
}

/* sha256sum's line: DIGEST, two spaces, FILE (escaped: util.c). */
static void print_hash_line(const char *hex, const char *file)
{
	if (mg_file_escaped(file))
		putchar('\\');
	printf("%s  ", hex);
	mg_print_file(file);
	putchar('\n');
}

/* Options of hash and allow; 0 when parsed, else the exit status. */
static int parse_opts(const struct mg_cmd *cmd, int argc, char *argv[],
		      struct digest_opts *o)
{
	int status, c;

	o->max = MG_MODULE_MAX;
	while ((c = mg_getopt(cmd, argc, argv, &status)) != -1) {
		switch (c) {
		case 'j':
			o->json = true;
			break;
		case 'H':
			o->header = true;
			break;
		case 'L':
			o->from_log = true;
			break;
		case 'm':
			if (mg_opt_size(cmd, optarg, &o->max))
				return MG_EXIT_USAGE;
			break;
		case MG_OPT_EXIT:
			return status ? status : -1;
		}
	}
	if (o->from_log && argc - optind > 1)
		return mg_usage_error(cmd, "--from-log reads one log, not '%s'",
				      argv[optind + 1]);
	if (optind >= argc && !o->from_log)
		return mg_usage_error(cmd, "missing FILE");
	return 0;
}

/* allow --from-log: the digests seen, in log order. */
struct from_log {
	char (*seen)[DIGEST_HEX_SIZE];
	size_t n, cap;
	bool nomem;
};

static bool is_digest(const char *s)
{
	size_t i;

	for (i = 0; i < DIGEST_HEX_SIZE - 1; i++)
		if (!s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	return !s[i];
}

/*
 * A refusal or would-be refusal an allow digest= rule should lift: a
 * module nobody trusted signed. Not one a deny rule or the .blacklist
 * decided (those win over allow rules), nor a damaged or tampered one
 * (bad-signature, malformed-*: the digest is of changed bytes, and the
 * kernel's loader refuses them anyway), nor a revoked key.
 */
static bool liftable(const char *reason)
{
	static const char *const ok[] = {
		"unsigned", "untrusted-key", "signer-not-allowed",
		"unsupported-crypto", "unsupported-id-type",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ok); i++)
		if (!strcmp(reason, ok[i]))
			return true;
	return false;
}

static int from_log_record(const struct mg_log_rec *r, void *arg)
{
	const char *reason = r->f[MG_LF_REASON], *digest = r->f[MG_LF_DIGEST];
	const char *event = mg_log_event(r);
	struct from_log *fl = arg;
	char hex[DIGEST_HEX_SIZE];
	size_t i;

	if (strcmp(event, "deny") && strcmp(event, "would-deny"))
		return 0;
	if (!reason || !digest || !is_digest(digest) || !liftable(reason))
		return 0;
	for (i = 0; i < DIGEST_HEX_SIZE; i++)
		hex[i] = digest[i] >= 'A' && digest[i] <= 'F' ?
			 digest[i] - 'A' + 'a' : digest[i];
	for (i = 0; i < fl->n; i++)
		if (!strcmp(fl->seen[i], hex))
			return 0;
	if (fl->n == fl->cap) {
		void *more;

		fl->cap = fl->cap ? 2 * fl->cap : 16;
		more = realloc(fl->seen, fl->cap * sizeof(*fl->seen));
		if (!more) {
			fl->nomem = true;
			return 1;
		}
		fl->seen = more;
	}
	memcpy(fl->seen[fl->n++], hex, DIGEST_HEX_SIZE);
	/* The policy format has comments: say which module it was. */
	fputs("# ", stdout);
	for (i = 0; r->f[MG_LF_NAME] && r->f[MG_LF_NAME][i]; i++)
		putchar((unsigned char)r->f[MG_LF_NAME][i] < 0x20 ? '?' :
			r->f[MG_LF_NAME][i]);
	printf(" (%s, %s)\nallow digest=%s\n", reason, event, hex);
	return 0;
}

/* allow --header: a whole policy, its rules between these two lines. */
static void print_header(bool header)
{
	if (header)
		printf("%s %d\n", MODGUARD_POLICY_HEADER,
		       MODGUARD_POLICY_VERSION);
}

/*
 * The end line says the policy is whole: not after a failure (a file or
 * a log that could not be read), so that output is refused by policy
 * check and policy load rather than taken without the missing rules.
 */
static void print_end(bool header, int status)
{
	if (header && status == MG_EXIT_OK)
		puts(MODGUARD_POLICY_END);
}

static int allow_from_log(const char *file, bool header)
{
	struct from_log fl = { 0 };
	const char *source;
	int status;

	print_header(header);
	status = mg_log_read(file, MG_IMAGE_MAX, from_log_record, &fl, &source);
	if (fl.nomem) {
		mg_err("%s", strerror(ENOMEM));
		status = MG_EXIT_FAILED;
	}
	/* The rules go before the end line, never after it. */
	print_end(header, status);
	free(fl.seen);
	return status;
}

static int cmd_hash(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct digest_opts o = { 0 };
	enum mg_compression comp;
	char hex[DIGEST_HEX_SIZE];
	int status, i;

	status = parse_opts(cmd, argc, argv, &o);
	if (status)
		return status < 0 ? MG_EXIT_OK : status;

	for (i = optind; i < argc; i++) {
		if (module_digest(argv[i], o.max, hex, &comp, NULL) !=
		    MG_EXIT_OK) {
			status = MG_EXIT_FAILED;
		} else if (o.json) {
			fputs("{\"file\":", stdout);
			mg_json_string(stdout, argv[i]);
			printf(",\"digest\":\"%s\",\"compressed\":", hex);
			if (comp == MG_COMP_NONE)
				fputs("null}\n", stdout);
			else
				printf("\"%s\"}\n", mg_compression_name(comp));
		} else {
			print_hash_line(hex, argv[i]);
		}
		/* Keep output in order with the messages on stderr. */
		fflush(stdout);
	}
	return status;
}

static int cmd_allow(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct digest_opts o = { 0 };
	enum mg_compression comp;
	char (*seen)[DIGEST_HEX_SIZE];
	struct mg_trust none;
	int status, i, j, n = 0;

	status = parse_opts(cmd, argc, argv, &o);
	if (status)
		return status < 0 ? MG_EXIT_OK : status;
	if (o.from_log)
		return allow_from_log(optind < argc ? argv[optind] : NULL,
				      o.header);

	/* Two files with one payload make one rule: a duplicate is an error. */
	seen = calloc(argc - optind, sizeof(*seen));
	if (!seen || mg_trust_load(NULL, 0, NULL, &none, true)) {
		mg_err("%s", strerror(ENOMEM));
		free(seen);
		return MG_EXIT_FAILED;
	}
	print_header(o.header);
	for (i = optind; i < argc; i++) {
		if (module_digest(argv[i], o.max, seen[n], &comp, &none) !=
		    MG_EXIT_OK) {
			status = MG_EXIT_FAILED;
			continue;
		}
		for (j = 0; j < n; j++)
			if (strcmp(seen[j], seen[n]) == 0)
				break;
		if (j < n)
			continue;
		printf("allow digest=%s\n", seen[n++]);
		fflush(stdout);
	}
	print_end(o.header, status);
	mg_trust_free(&none);
	free(seen);
	return status;
}

static const struct mg_option hash_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "Print one JSON object per file and line" },
	MG_OPT_MAX_SIZE(MG_MAX_SIZE_HELP),
	MG_OPTIONS_END
};

static const struct mg_option allow_options[] = {
	{ "header", no_argument, 'H', NULL,
	  "Print the policy header line first and the end line last: a whole policy" },
	{ "from-log", no_argument, 'L', NULL,
	  "Rules for the modules a log shows refused or would-be refused: FILE is the log (as for 'log'), or none for the system's" },
	MG_OPT_MAX_SIZE(MG_MAX_SIZE_HELP),
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_hash = {
	.name = "hash",
	.fn = cmd_hash,
	.args = "FILE...",
	.help = "Print the digest of module files, as digest= policy rules name it",
	.desc = "Prints, for each FILE (\"-\" is standard input), the sha256 of the module's\n"
		"payload: the image without its appended signature, after\n"
		"decompression. It is the digest the kernel logs (digest=) and that\n"
		"allow digest= and deny digest= rules name. Recompressing a module\n"
		"does not change it, nor does signing the unsigned module again; but\n"
		"sign-file on a module that is already signed appends a second\n"
		"signature, and the first one becomes part of the payload: another\n"
		"digest. For an unsigned, uncompressed module it is what sha256sum\n"
		"prints. A FILE that is not an ELF relocatable object (an empty file,\n"
		"a text file named .ko), which the loader refuses, gets no digest.\n"
		"\n"
		"gzip, xz and zstd files are recognised by their magic bytes, not by\n"
		"their name, and decompressed in memory as the kernel does: one\n"
		"stream; truncated or corrupt data, or data after the stream, is an\n"
		"error. The output is sha256sum's: DIGEST, two spaces, FILE.\n"
		"\n"
		"With --json, each line is {\"file\":F,\"digest\":HEX,\"compressed\":C},\n"
		"C being \"gzip\", \"xz\", \"zstd\" or null.\n"
		"\n"
		"Exit status: 0 when every FILE was hashed; 1 when any could not be\n"
		"read or decompressed, is larger than --max-size or is not a module;\n"
		"2 usage error.",
	.options = hash_options,
};

const struct mg_cmd mg_cmd_allow = {
	.name = "allow",
	.fn = cmd_allow,
	.args = "FILE... | --from-log [LOG]",
	.help = "Print allow digest= policy rules for module files",
	.desc = "Prints one \"allow digest=HEX\" line per FILE, with the digest hash\n"
		"prints: a policy fragment that lets exactly these modules load,\n"
		"signed or not (docs/policy.md). Files with the same payload give\n"
		"one line. With --header the output starts with the header line\n"
		"\"modguard-policy 3\" and ends with the line \"end\": a whole policy,\n"
		"ready for 'modguardctl policy load'. Without it, the rules are a\n"
		"fragment for an existing policy: they go before its end line (text\n"
		"after the end line is refused). The end line is left out when any\n"
		"FILE or the log could not be read, so that policy check and policy\n"
		"load refuse the incomplete policy. A module whose signature is\n"
		"damaged (malformed-*, bad-signature, unsupported-crypto, as verify\n"
		"tells without a key) still gets its rule, with a warning on stderr:\n"
		"the rule allows those bytes whatever the signature says.\n"
		"\n"
		"With --from-log, the digests come from the decisions of an audit or\n"
		"kernel log (read as 'log' reads it, the system's when LOG is not given):\n"
		"each module refused (deny) or let through in permissive mode\n"
		"(would-deny) gets one rule, preceded by a comment with its name, reason\n"
		"and event. Only unsigned, untrusted-key, signer-not-allowed and\n"
		"unsupported-* refusals get rules: damaged or tampered modules\n"
		"(bad-signature, malformed-*), revoked keys, the .blacklist and deny rules\n"
		"are left out. This is the rollout path:\n"
		"permissive mode, run the fleet, allow --from-log, review, load, enforce.\n"
		"\n"
		"Exit status: 0 when every FILE was hashed; 1 when any could not be\n"
		"read or decompressed, or is not a module (the others are still\n"
		"printed); 2 usage error.",
	.options = allow_options,
};
