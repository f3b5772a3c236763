// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl certs - the certificates a kernel image trusts and revokes
 * (its system and revocation certificate lists; kcerts.c finds them in
 * the image read and, for a bzImage, decompressed here)
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include "digest.h"
#include "kcerts.h"
#include "modguardctl.h"
#include "pkcs7.h"
#include "sigid.h"
#include "trust.h"

/*
 * The payload decompressed. Kbuild appends the uncompressed size (4
 * bytes) to the compressor's stream; the decompressors here want the
 * stream alone, so that is tried first.
 */
static int payload_image(const u8 *payload, size_t plen,
			 struct mg_kcerts *k, size_t *len)
{
	enum mg_compression c = mg_compression_of(payload, plen);
	const char *why;
	int err;

	if (c == MG_COMP_NONE) {
		snprintf(k->format, sizeof(k->format), "bzImage");
		return -ENOTSUP;
	}
	snprintf(k->format, sizeof(k->format), "bzImage (%s)",
		 mg_compression_name(c));
	err = -EINVAL;
	if (plen > 4)
		err = mg_decompress(c, payload, plen - 4, MG_DECOMPRESS_MAX,
				    &k->buf, len, &why);
	if (err == -EINVAL)
		err = mg_decompress(c, payload, plen, MG_DECOMPRESS_MAX,
				    &k->buf, len, &why);
	return err;
}

/**
 * mg_kernel_certs() - Read a kernel image and find its certificate lists.
 * @path: A vmlinux or a bzImage (gzip, xz or zstd payload).
 * @k: Filled in; release with mg_kernel_certs_free() in every case.
 * @quiet: No message on failure.
 *
 * Return: 0, or MG_EXIT_FAILED after a message.
 */
int mg_kernel_certs(const char *path, struct mg_kcerts *k, bool quiet)
{
	const u8 *image, *payload;
	const char *why = NULL;
	size_t len, plen;
	char buf[256];
	int err;

	memset(k, 0, sizeof(*k));
	err = mg_read_input(path, &k->file, &len);
	if (err) {
		why = strerror(-err);
		goto out_err;
	}
	image = k->file;
	snprintf(k->format, sizeof(k->format), "vmlinux");
	err = mg_bzimage_payload(k->file, len, &payload, &plen);
	if (err == -EINVAL) {
		why = "a bzImage whose payload lies outside the file";
		goto out_err;
	}
	if (!err) {
		err = payload_image(payload, plen, k, &len);
		if (err) {
			snprintf(buf, sizeof(buf),
				 "%s: cannot decompress the kernel (%s)",
				 k->format, err == -ENOTSUP ?
				 "gzip, xz and zstd only" : strerror(-err));
			why = buf;
			goto out_err;
		}
		image = k->buf;
	}
	err = mg_kcerts_find(image, len, k);
	if (err == -E2BIG) {
		snprintf(buf, sizeof(buf),
			 "more than %d certificates in one list", MG_KCERTS_MAX);
		why = buf;
	} else if (err) {
		snprintf(buf, sizeof(buf),
			 "%s: no system certificate list found (not a kernel image, or one without CONFIG_SYSTEM_TRUSTED_KEYRING)",
			 k->format);
		why = buf;
	}
	if (!why)
		return MG_EXIT_OK;
out_err:
	if (!quiet)
		mg_err("%s: %s", path, why);
	return MG_EXIT_FAILED;
}

void mg_kernel_certs_free(struct mg_kcerts *k)
{
	free(k->buf);
	free(k->file);
	k->buf = NULL;
	k->file = NULL;
}

static void print_cert(const char *list, unsigned int i, const u8 *der,
		       size_t len, bool json)
{
	char serial[MODGUARD_SIGNER_ID_HEX_SIZE] = "?";
	char skid[MODGUARD_SIGNER_ID_HEX_SIZE] = "?";
	char fpr[2 * 32 + 1], cn[256] = "?";
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
	printf("%s %u: sha256=%s serial=%s skid=%s%s subject=", list, i, fpr,
	       serial, skid, ok ? "" : " (mbedTLS cannot parse it)");
	/* Last on the line: the CN may hold spaces. */
	puts(cn);
}

static int cmd_certs(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct mg_kcerts k;
	bool json = false;
	unsigned int i;
	int status;

	status = mg_getopt_args(cmd, argc, argv, &json, 1, 1);
	if (status >= 0)
		return status;
	status = mg_kernel_certs(argv[optind], &k, false);
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
