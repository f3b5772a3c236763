// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl certs - the certificates a kernel image trusts and revokes
 * (its system and revocation certificate lists, as the trust library
 * reads them: trust.c, kcerts.c)
 */

#include <stdio.h>

#include <mbedtls/x509_crt.h>

#include "command.h"
#include "digest.h"
#include "kcerts.h"
#include "pkcs7.h"
#include "sigid.h"
#include "trust.h"
#include "util.h"

static void print_cert(const char *list, unsigned int i, const u8 *der,
		       size_t len, bool json)
{
	char serial[MODGUARD_SIGNER_ID_HEX_SIZE] = "?";
	char skid[MODGUARD_SIGNER_ID_HEX_SIZE] = "?";
	char fpr[2 * 32 + 1], cn[256] = "?", note[32];
	struct mg_x509_ids ids;
	const char *mldsa = NULL;
	mbedtls_x509_crt c;
	const u8 *id;
	size_t id_len;
	u8 digest[32];
	bool ok;

	if (mg_digest(MG_HASH_SHA256, der, len, digest))
		snprintf(fpr, sizeof(fpr), "?");
	else
		mg_hex(digest, sizeof(digest), fpr);
	mbedtls_x509_crt_init(&c);
	ok = !mbedtls_x509_crt_parse_der(&c, der, len);
	if (ok) {
		mg_cert_cn(&c, cn, sizeof(cn));
		if (c.serial.len <= MODGUARD_SIGNER_ID_MAX)
			mg_hex(c.serial.p, c.serial.len, serial);
		if (c.v3_ext.p &&
		    !mg_x509_skid(c.v3_ext.p, c.v3_ext.len, &id, &id_len))
			mg_hex(id, id_len > MODGUARD_SIGNER_ID_MAX ?
			       MODGUARD_SIGNER_ID_MAX : id_len, skid);
	}
	mbedtls_x509_crt_free(&c);
	/* A certificate mbedTLS cannot read, ML-DSA: its ids all the same. */
	if (!ok && !mg_x509_ids(der, len, &ids)) {
		mldsa = mg_mldsa_name(ids.key_oid, ids.key_oid_len);
		if (!mg_x509_cn(ids.subject, ids.subject_len, &id, &id_len))
			mg_cn_copy(id, id_len, cn, sizeof(cn));
		if (ids.serial_len <= MODGUARD_SIGNER_ID_MAX)
			mg_hex(ids.serial, ids.serial_len, serial);
		if (ids.ext &&
		    !mg_x509_skid(ids.ext, ids.ext_len, &id, &id_len))
			mg_hex(id, id_len > MODGUARD_SIGNER_ID_MAX ?
			       MODGUARD_SIGNER_ID_MAX : id_len, skid);
	}
	if (json) {
		printf("{\"list\":\"%s\",\"index\":%u,\"parsed\":%s,\"subject\":",
		       list, i, ok ? "true" : "false");
		mg_json_opt(stdout, cn);
		fputs(",\"serial\":", stdout);
		mg_json_opt(stdout, serial);
		fputs(",\"skid\":", stdout);
		mg_json_opt(stdout, skid);
		fputs(",\"sha256\":", stdout);
		mg_json_opt(stdout, fpr);
		printf(",\"size\":%zu}\n", len);
		return;
	}
	if (ok)
		note[0] = '\0';
	else if (mldsa)
		snprintf(note, sizeof(note), " (%s key)", mldsa);
	else
		snprintf(note, sizeof(note), " (mbedTLS cannot parse it)");
	printf("%s %u: sha256=%s serial=%s skid=%s%s subject=", list, i, fpr,
	       serial, skid, note);
	/* Last on the line: the CN may hold spaces. */
	puts(cn);
}

static int cmd_certs(const struct mg_cmd *cmd, int argc, char *argv[])
{
	size_t max = MG_IMAGE_MAX;
	struct mg_kcerts k;
	bool json = false;
	unsigned int i;
	int status;

	status = mg_getopt_args(cmd, argc, argv, &json, &max, 1, 1);
	if (status >= 0)
		return status;
	status = mg_kernel_certs(argv[optind], max, &k, false) ?
		 MG_EXIT_FAILED : MG_EXIT_OK;
	if (!status) {
		for (i = 0; i < k.sys.n; i++)
			print_cert("system", i, k.sys.der[i], k.sys.len[i],
				   json);
		for (i = 0; i < k.rev.n; i++)
			print_cert("revocation", i, k.rev.der[i],
				   k.rev.len[i], json);
	}
	mg_kernel_certs_free(&k);
	return status;
}

static const struct mg_option certs_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "One JSON object per certificate" },
	MG_OPT_MAX_SIZE("Refuse an image larger than SIZE bytes, or whose payload decompresses to more (K, M, G suffixes; default 1G)"),
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_certs = {
	.name = "certs",
	.fn = cmd_certs,
	.args = "IMAGE",
	.help = "List the certificates built into a kernel image",
	.desc = "Finds the system certificate list (the builtin trusted keys: the\n"
		"module signing certificate and CONFIG_SYSTEM_TRUSTED_KEYS) and the\n"
		"revocation list (CONFIG_SYSTEM_REVOCATION_KEYS) in IMAGE, a vmlinux or a\n"
		"bzImage (its gzip, xz or zstd payload is decompressed), and prints per\n"
		"certificate:\n"
		"  system|revocation N: sha256=HEX serial=HEX skid=HEX subject=CN\n"
		"the sha256 being that of the DER. With --json:\n"
		"  {\"list\":L,\"index\":N,\"parsed\":B,\"subject\":CN,\"serial\":HEX,\n"
		"   \"skid\":HEX,\"sha256\":HEX,\"size\":N}\n"
		"with null for a value that is absent (? in the text: no CN, no subject\n"
		"key identifier, a certificate mbedTLS cannot parse).\n"
		"These are what verify --kernel and scan --kernel trust and revoke.\n"
		"\n"
		"Exit status: 0 when the lists were found; 1 when IMAGE cannot be read\n"
		"or holds no system certificate list; 2 usage error.",
	.options = certs_options,
};
