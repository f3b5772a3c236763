// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl policy check, show, load
 *
 * check and load parse with ../kernel/common/policy.c, the kernel's own parser,
 * so a policy that passes check is one the kernel accepts, and load never
 * sends the kernel a text it would refuse: the error is shown here, with
 * its file and line, instead of in the kernel log. load sends the text
 * as it is, in one write(2), so the kernel's line numbers are the file's.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "abi.h"
#include "command.h"
#include "policy.h"
#include "securityfs.h"
#include "util.h"

/* "allow digest" -> "allow_digest", for JSON keys. */
static void json_key(enum modguard_rule_kind k)
{
	const char *p;

	putchar('"');
	for (p = modguard_rule_kind_name(k); *p; p++)
		putchar(*p == ' ' ? '_' : *p);
	putchar('"');
}

/*
 * Parse @data as the kernel would; on failure print "FILE:LINE: MESSAGE"
 * (and with @json an object) and return NULL. @len is SIZE_MAX for a
 * text that was not read whole: more than the kernel accepts.
 */
static struct modguard_policy *check_text(const char *file,
					  const unsigned char *data,
					  size_t len, bool json)
{
	struct modguard_policy_error e = { 0 };
	struct modguard_policy *p = NULL;
	char msg[128];

	if (len == SIZE_MAX) {
		snprintf(msg, sizeof(msg),
			 "more than %d bytes: larger than the kernel accepts",
			 MODGUARD_POLICY_MAX_BYTES);
		e.msg = msg;
	} else if (len > MODGUARD_POLICY_MAX_BYTES) {
		snprintf(msg, sizeof(msg),
			 "%zu bytes: larger than the kernel accepts (%d bytes)",
			 len, MODGUARD_POLICY_MAX_BYTES);
		e.msg = msg;
	} else {
		p = modguard_policy_parse((const char *)data, len, &e);
		if (p)
			return p;
		if (!e.msg)
			e.msg = "refused";
	}

	if (e.line && e.first_line)
		fprintf(stderr, "%s:%u: %s (the same as line %u)\n", file,
			e.line, e.msg, e.first_line);
	else if (e.line)
		fprintf(stderr, "%s:%u: %s\n", file, e.line, e.msg);
	else
		fprintf(stderr, "%s: %s\n", file, e.msg);
	if (json) {
		fputs("{\"file\":", stdout);
		mg_json_string(stdout, file);
		fputs(",\"valid\":false,\"line\":", stdout);
		if (e.line)
			printf("%u", e.line);
		else
			fputs("null", stdout);
		fputs(",\"error\":", stdout);
		mg_json_string(stdout, e.msg);
		fputs("}\n", stdout);
	}
	return NULL;
}

static void print_summary(const char *file, const struct modguard_policy *p,
			  bool json)
{
	int k;

	if (json) {
		fputs("{\"file\":", stdout);
		mg_json_string(stdout, file);
		printf(",\"valid\":true,\"rules\":%u", p->total);
		for (k = 0; k < __MODGUARD_RULE_MAX; k++) {
			putchar(',');
			json_key(k);
			printf(":%u", p->count[k]);
		}
		fputs("}\n", stdout);
		return;
	}
	printf("%s: %u rule%s (", file, p->total, p->total == 1 ? "" : "s");
	for (k = 0; k < __MODGUARD_RULE_MAX; k++)
		printf("%s%s %u", k ? ", " : "", modguard_rule_kind_name(k),
		       p->count[k]);
	fputs(")\n", stdout);
}

/*
 * The one FILE argument of policy check and policy load, read and parsed
 * with the kernel's parser (errors printed). Returns -1 with *@p set, or
 * the exit status.
 */
static int read_policy_arg(const struct mg_cmd *cmd, int argc, char *argv[],
			   bool *json, const char **file, unsigned char **data,
			   size_t *len, struct modguard_policy **p)
{
	struct stat st;
	int status, err;

	status = mg_getopt_args(cmd, argc, argv, json, NULL, 1, 1);
	if (status >= 0)
		return status;
	*file = argv[optind];

	/* Never more than the kernel takes: not all of /dev/zero. */
	err = mg_read_input(*file, MODGUARD_POLICY_MAX_BYTES, data, len);
	if (err == -EFBIG) {
		/* check_text() says so, and in JSON too. */
		*len = SIZE_MAX;
		if (strcmp(*file, "-") && !stat(*file, &st) &&
		    S_ISREG(st.st_mode))
			*len = st.st_size;
	} else if (err) {
		mg_err("%s: %s", *file, strerror(-err));
		return MG_EXIT_FAILED;
	}
	*p = check_text(*file, *data, *len, json && *json);
	if (err)
		return MG_EXIT_FAILED;
	if (!*p)
		return MG_EXIT_FAILED;
	return -1;
}

static int cmd_policy_check(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct modguard_policy *p = NULL;
	unsigned char *data = NULL;
	const char *file;
	bool json = false;
	size_t len;
	int status;

	status = read_policy_arg(cmd, argc, argv, &json, &file, &data, &len,
				 &p);
	free(data);
	if (status >= 0)
		return status;
	print_summary(file, p, json);
	modguard_policy_free(p);
	return MG_EXIT_OK;
}

/*
 * policy show --json: {"rules":N,"policy":[{"kind":K,"key":V},...]}, in
 * the kernel's canonical order; digests and signers in lowercase hex,
 * names as the kernel folded them. No policy in force: "policy":null.
 */
static int show_json(const char *text, size_t len)
{
	struct modguard_policy_error e = { 0 };
	char hex[2 * MODGUARD_RULE_KEY_MAX + 1];
	const struct modguard_rule *r;
	struct modguard_policy *p;
	unsigned int kind, i;
	bool first = true;

	if (!len) {
		puts("{\"rules\":0,\"policy\":null}");
		return MG_EXIT_OK;
	}
	p = modguard_policy_parse(text, len, &e);
	if (!p) {
		mg_err("%s/policy:%u: %s", mg_sfs_root(), e.line, e.msg);
		return MG_EXIT_FAILED;
	}
	printf("{\"rules\":%u,\"policy\":[", p->total);
	for (kind = 0; kind < __MODGUARD_RULE_MAX; kind++) {
		for (i = 0; i < p->count[kind]; i++) {
			r = &p->rules[kind][i];
			printf("%s{\"kind\":\"%s\",\"key\":", first ? "" : ",",
			       modguard_rule_kind_name(kind));
			first = false;
			if (kind == MODGUARD_RULE_DENY_NAME) {
				snprintf(hex, sizeof(hex), "%.*s", r->len,
					 (const char *)r->key);
				mg_json_string(stdout, hex);
			} else {
				mg_hex(r->key, r->len, hex);
				printf("\"%s\"", hex);
			}
			putchar('}');
		}
	}
	puts("]}");
	modguard_policy_free(p);
	return MG_EXIT_OK;
}

static int cmd_policy_show(const struct mg_cmd *cmd, int argc, char *argv[])
{
	unsigned char *data;
	bool json = false;
	int status, err;
	size_t len;

	status = mg_getopt_args(cmd, argc, argv, &json, NULL, 0, 0);
	if (status >= 0)
		return status;

	err = mg_sfs_read("policy", &data, &len);
	if (err) {
		mg_sfs_error("policy", false, err);
		return MG_EXIT_FAILED;
	}
	if (json) {
		status = show_json((const char *)data, len);
	} else {
		fwrite(data, 1, len, stdout);
		status = MG_EXIT_OK;
	}
	free(data);
	return status;
}

static int cmd_policy_load(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct modguard_policy *p = NULL;
	unsigned char *data = NULL;
	const char *file;
	int status, err;
	size_t len;

	status = read_policy_arg(cmd, argc, argv, NULL, &file, &data, &len,
				 &p);
	if (status >= 0) {
		if (status == MG_EXIT_FAILED && data)
			mg_err("%s: not loaded; the policy in force is unchanged",
			       file);
		free(data);
		return status;
	}
	modguard_policy_free(p);

	/* One write(2) of the whole text: the kernel takes no pieces. */
	err = mg_sfs_write("policy", data, len);
	free(data);
	if (err) {
		mg_sfs_error("policy", true, err);
		return MG_EXIT_FAILED;
	}
	return MG_EXIT_OK;
}

static const struct mg_option check_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "Print the result as one JSON object" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_policy_check = {
	.name = "policy check",
	.fn = cmd_policy_check,
	.args = "FILE",
	.help = "Check a policy file offline, with the kernel's parser",
	.desc = "Parses FILE (\"-\" is standard input) with the kernel's policy parser\n"
		"(docs/policy.md). A valid policy gives one line, the number of rules\n"
		"of each kind; an invalid one gives FILE:LINE: MESSAGE on standard\n"
		"error, the message the kernel would log. Nothing is sent to the\n"
		"kernel.\n"
		"\n"
		"With --json: {\"file\":F,\"valid\":true,\"rules\":N,\"allow_digest\":N,\n"
		"\"deny_digest\":N,\"deny_name\":N,\"allow_signer\":N,\"deny_signer\":N}, or\n"
		"{\"file\":F,\"valid\":false,\"line\":N,\"error\":MESSAGE} (line null when\n"
		"the error is about the whole text).\n"
		"\n"
		"Exit status: 0 when the policy is valid; 1 when it is not, or FILE\n"
		"cannot be read; 2 usage error.",
	.options = check_options,
};

static const struct mg_option show_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "One JSON object: the rule count and each rule's kind and key" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_policy_show = {
	.name = "policy show",
	.fn = cmd_policy_show,
	.args = "",
	.help = "Print the policy in force",
	.desc = "Prints " MG_SFS_DEFAULT "/policy: the policy in force, in\n"
		"canonical form (the header, the rules grouped by kind and sorted,\n"
		"lowercase hex, names with '_', then the end line): it can be loaded\n"
		"again as it is. Needs root.\n"
		"With --json: {\"rules\":N,\"policy\":[{\"kind\":K,\"key\":V},...]}, K being\n"
		"\"allow digest\", \"deny digest\", \"deny name\", \"allow signer\" or\n"
		"\"deny signer\"; \"policy\" is null when no policy is in force.\n"
		"The environment variable MODGUARD_SECURITYFS replaces the directory.\n"
		"\n"
		"Exit status: 0 success; 1 the policy cannot be read; 2 usage error.",
	.options = show_options,
};

const struct mg_cmd mg_cmd_policy_load = {
	.name = "policy load",
	.fn = cmd_policy_load,
	.args = "FILE",
	.help = "Check a policy file, then put it in force",
	.desc = "Reads all of FILE (\"-\" is standard input) and checks it as 'policy\n"
		"check' does; a policy that does not parse is refused here, with\n"
		"FILE:LINE: MESSAGE, and nothing is written. A valid one is written\n"
		"to " MG_SFS_DEFAULT "/policy in a single write(2), as\n"
		"the kernel requires (cat would split a policy larger than 128 KiB,\n"
		"and the kernel refuses a first chunk without the end line), and\n"
		"replaces the policy in force as a whole. Needs root with\n"
		"CAP_MAC_ADMIN, and fails once modguard is locked.\n"
		"The environment variable MODGUARD_SECURITYFS replaces the directory.\n"
		"\n"
		"Exit status: 0 when the policy is in force; 1 when it was refused,\n"
		"here or by the kernel (the message says why), or FILE cannot be\n"
		"read; 2 usage error.",
};
