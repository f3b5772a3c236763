// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl inspect - split module files at their appended signature
 *
 * Offline, and with the kernel's own parsers (../kernel/common/trailer.c,
 * modinfo.c and sigid.c), so the split, the reason, the module name and
 * the signer are the ones modguard would compute for the same bytes. Only
 * the form of the trailer and the PKCS#7 is checked, never the signature.
 */

#include <stdio.h>

#include "command.h"
#include "modinfo.h"
#include "module.h"
#include "sigid.h"
#include "util.h"

/* What inspect reports of one file; NULL members are absent ("?"). */
struct inspect_result {
	enum modguard_reason reason;
	struct modguard_trailer trailer;
	const char *name;
	const char *signer_kind;
	const char *signer_hex;
};

/*
 * A module name in the text output: its bytes, except that anything
 * outside printable ASCII, a space, a backslash and '?' (the mark of an
 * absent value) are written as \xHH, so the line stays one field per
 * word and "?" means only "no name".
 */
static void print_name(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;

	for (; *p; p++) {
		if (*p > ' ' && *p < 0x7f && *p != '\\' && *p != '?')
			putchar(*p);
		else
			printf("\\x%02x", *p);
	}
}

static void print_result(const char *file, const struct inspect_result *r,
			 bool json)
{
	const struct modguard_trailer *t = &r->trailer;
	bool ok = r->reason == MODGUARD_REASON_OK;

	if (!json) {
		printf("%s: reason=%s", file, modguard_reason_name(r->reason));
		if (ok)
			printf(" payload_len=%zu sig_len=%zu", t->payload_len,
			       t->sig_len);
		fputs(" name=", stdout);
		if (r->name)
			print_name(r->name);
		else
			putchar('?');
		if (r->signer_kind)
			printf(" sid=%s:%s\n", r->signer_kind,
			       r->signer_hex);
		else
			fputs(" sid=?\n", stdout);
		return;
	}

	/*
	 * Same keys on every line; lengths are null when not signed, name
	 * and signer when absent.
	 */
	fputs("{\"file\":", stdout);
	mg_json_string(stdout, file);
	fputs(",\"reason\":", stdout);
	mg_json_string(stdout, modguard_reason_name(r->reason));
	if (ok)
		printf(",\"payload_len\":%zu,\"sig_len\":%zu", t->payload_len,
		       t->sig_len);
	else
		fputs(",\"payload_len\":null,\"sig_len\":null", stdout);
	fputs(",\"name\":", stdout);
	if (r->name)
		mg_json_string(stdout, r->name);
	else
		fputs("null", stdout);
	if (r->signer_kind)
		printf(",\"sid\":\"%s:%s\"}\n", r->signer_kind,
		       r->signer_hex);
	else
		fputs(",\"sid\":null}\n", stdout);
}

static int inspect_one(const char *file, size_t max, bool json)
{
	char hex[MODGUARD_SIGNER_ID_HEX_SIZE];
	char name[MODGUARD_MODULE_NAME_LEN];
	struct modguard_signer_id id;
	struct inspect_result r = { 0 };
	struct mg_module m;
	char msg[256];

	/*
	 * The kernel checks the signature of a compressed module after
	 * decompressing it, as verify and hash do: the trailer is that of
	 * the decompressed image.
	 */
	if (mg_module_read(file, max, &m, msg, sizeof(msg))) {
		mg_err("%s: %s", file, msg);
		mg_module_free(&m);
		return MG_EXIT_FAILED;
	}
	r.reason = m.treason;
	r.trailer = m.t;

	/*
	 * The loader reads the ELF of the image without its signature;
	 * payload_len is the whole file when there is none. The name field
	 * is at offsetof(struct module, name) of a 64-bit kernel.
	 */
	if (modguard_module_name(m.image, r.trailer.payload_len,
				 MODGUARD_MODULE_NAME_OFFSET, name,
				 sizeof(name)) == MODGUARD_MODINFO_OK)
		r.name = name;
	if (r.reason == MODGUARD_REASON_OK &&
	    modguard_pkcs7_signer_id(r.trailer.sig, r.trailer.sig_len,
				     &id) == 0 &&
	    modguard_signer_id_format(&id, hex, sizeof(hex)) == 0) {
		r.signer_kind = modguard_signer_kind_name(id.kind);
		r.signer_hex = hex;
	}

	print_result(file, &r, json);
	mg_module_free(&m);
	return r.reason == MODGUARD_REASON_OK ? MG_EXIT_OK : MG_EXIT_FAILED;
}

static int cmd_inspect(const struct mg_cmd *cmd, int argc, char *argv[])
{
	size_t max = MG_MODULE_MAX;
	bool json = false;
	int status, i;

	status = mg_getopt_args(cmd, argc, argv, &json, &max, 1, -1);
	if (status >= 0)
		return status;
	status = MG_EXIT_OK;

	/* Report every file, then fail if any one failed. */
	for (i = optind; i < argc; i++) {
		if (inspect_one(argv[i], max, json) != MG_EXIT_OK)
			status = MG_EXIT_FAILED;
		/* Keep output in order with the messages on stderr. */
		fflush(stdout);
	}
	return status;
}

static const struct mg_option inspect_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "Print one JSON object per file and line" },
	MG_OPT_MAX_SIZE(MG_MAX_SIZE_HELP),
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_inspect = {
	.name = "inspect",
	.fn = cmd_inspect,
	.args = "FILE...",
	.help = "Show the signature trailer of module files (does not verify the signature)",
	.desc = "Reads each FILE (\"-\" is standard input), a .ko, or a .ko.xz, .ko.zst\n"
		"or .ko.gz decompressed as the kernel's loader does (by its magic\n"
		"bytes, not its name; as verify and hash do), and prints the reason\n"
		"modguard's trailer parser gives for the module, and the\n"
		"payload and PKCS#7 lengths when the trailer is well-formed; then\n"
		"name=, the name the kernel's loader will use (from .modinfo, else\n"
		".gnu.linkonce.this_module; bytes other than printable ASCII, and\n"
		"space, backslash and '?', as \\xHH), and sid=KIND:HEX, how the\n"
		"signature's first SignerInfo names its key (KIND serial: the serial\n"
		"number as DER encodes it, with a leading 00 where modinfo's sig_key\n"
		"has none; KIND skid: a subject key identifier). Either is ? when\n"
		"absent. The sid is not the signer: verify names the key it finds\n"
		"(signer=, its subject key identifier), as policy rules do.\n"
		"This does not verify the signature: reason=ok means only that the\n"
		"trailer is well-formed, not that the signature is valid or that\n"
		"its key is trusted.\n"
		"\n"
		"With --json, each line is an object with the keys file, reason,\n"
		"payload_len, sig_len, name and sid; the lengths are null unless\n"
		"reason is ok, name and sid null when absent.\n"
		"\n"
		"Exit status: 0 when every FILE has a well-formed signature trailer;\n"
		"1 when any FILE is unsigned, malformed, unreadable or does not\n"
		"decompress;\n"
		"2 usage error.",
	.options = inspect_options,
};
