// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl inspect - split module files at their appended signature
 *
 * Offline, and with the kernel's own parser (../kernel/trailer.c), so the
 * split and the reason are the ones modguard would compute for the same
 * bytes. Only the trailer's form is checked, never the signature.
 */

#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

#include "modguardctl.h"
#include "trailer.h"

/*
 * The kernel checks the signature of a compressed module after
 * decompressing it; the trailer of the compressed file means nothing, so
 * refuse to answer rather than report "unsigned".
 */
static const struct {
	const char *name;
	const char *magic;
	size_t len;
} compressions[] = {
	{ "gzip", "\x1f\x8b", 2 },
	{ "xz", "\xfd\x37\x7a\x58\x5a\x00", 6 },
	{ "zstd", "\x28\xb5\x2f\xfd", 4 },
};

static const char *compression(const unsigned char *data, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(compressions); i++)
		if (len >= compressions[i].len &&
		    memcmp(data, compressions[i].magic, compressions[i].len) == 0)
			return compressions[i].name;
	return NULL;
}

static void print_result(const char *file, enum modguard_reason reason,
			 const struct modguard_trailer *t, bool json)
{
	bool ok = reason == MODGUARD_REASON_OK;

	if (!json) {
		printf("%s: reason=%s", file, modguard_reason_name(reason));
		if (ok)
			printf(" payload_len=%zu sig_len=%zu", t->payload_len,
			       t->sig_len);
		putchar('\n');
		return;
	}

	/* Same keys on every line; lengths are null when not signed. */
	fputs("{\"file\":", stdout);
	mg_json_string(stdout, file);
	fputs(",\"reason\":", stdout);
	mg_json_string(stdout, modguard_reason_name(reason));
	if (ok)
		printf(",\"payload_len\":%zu,\"sig_len\":%zu}\n",
		       t->payload_len, t->sig_len);
	else
		fputs(",\"payload_len\":null,\"sig_len\":null}\n", stdout);
}

static int inspect_one(const char *file, bool json)
{
	struct modguard_trailer t;
	enum modguard_reason reason;
	unsigned char *data;
	const char *comp;
	size_t len;
	int err;

	if (strcmp(file, "-") == 0)
		err = mg_read_fd(STDIN_FILENO, &data, &len);
	else
		err = mg_read_file(file, &data, &len);
	if (err) {
		mg_err("%s: %s", file, strerror(-err));
		return MG_EXIT_FAILED;
	}

	comp = compression(data, len);
	if (comp) {
		mg_err("%s: %s-compressed module; decompress it first (only plain .ko files are supported)",
		       file, comp);
		free(data);
		return MG_EXIT_FAILED;
	}

	reason = modguard_trailer_parse(data, len, &t);
	print_result(file, reason, &t, json);
	free(data);
	return reason == MODGUARD_REASON_OK ? MG_EXIT_OK : MG_EXIT_FAILED;
}

static int cmd_inspect(const struct mg_cmd *cmd, int argc, char *argv[])
{
	int status = MG_EXIT_OK;
	bool json = false;
	int c, i;

	while ((c = mg_getopt(cmd, argc, argv, &status)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case MG_OPT_EXIT:
			return status;
		}
	}
	if (optind >= argc)
		return mg_usage_error(cmd, "missing FILE");

	/* Report every file, then fail if any one failed. */
	for (i = optind; i < argc; i++) {
		if (inspect_one(argv[i], json) != MG_EXIT_OK)
			status = MG_EXIT_FAILED;
		/* Keep output in order with the messages on stderr. */
		fflush(stdout);
	}
	return status;
}

static const struct option inspect_longopts[] = {
	{ "json", no_argument, NULL, 'j' },
	MG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const struct mg_opt_help inspect_opthelp[] = {
	{ "-j, --json", "Print one JSON object per file and line" },
	{ NULL, NULL }
};

const struct mg_cmd mg_cmd_inspect = {
	.name = "inspect",
	.fn = cmd_inspect,
	.args = "FILE...",
	.help = "Show the signature trailer of module files (does not verify the signature)",
	.desc = "Reads each FILE (\"-\" is standard input), an uncompressed .ko, and\n"
		"prints the reason modguard's trailer parser gives for it, and the\n"
		"payload and PKCS#7 lengths when the trailer is well-formed.\n"
		"This does not verify the signature: reason=ok means only that the\n"
		"trailer is well-formed, not that the signature is valid or that\n"
		"its key is trusted.\n"
		"\n"
		"With --json, each line is an object with the keys file, reason,\n"
		"payload_len and sig_len; the lengths are null unless reason is ok.\n"
		"\n"
		"Exit status: 0 when every FILE has a well-formed signature trailer;\n"
		"1 when any FILE is unsigned, malformed, compressed or unreadable;\n"
		"2 usage error.",
	.shortopts = "j" MG_COMMON_SHORTOPTS,
	.longopts = inspect_longopts,
	.opthelp = inspect_opthelp,
};
