/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the certificates built into a kernel image
 *
 * certs/system_certificates.S puts the module signing certificate and
 * CONFIG_SYSTEM_TRUSTED_KEYS, concatenated DER, at system_certificate_list
 * (8-aligned, in .init.rodata), followed (after CONFIG_SYSTEM_EXTRA_
 * CERTIFICATE's reserved space, if any, and alignment) by two 64-bit
 * words: system_certificate_list_size, then module_cert_size.
 * certs/revocation_certificates.S does the same for
 * CONFIG_SYSTEM_REVOCATION_KEYS with revocation_certificate_list and one
 * word, its size. The payload of a bzImage is a stripped vmlinux, so the
 * lists are found by that shape, not by their symbols: a run of
 * certificates as load_certificate_list() walks them (SEQUENCE, two
 * length octets), then its own length as a little-endian 64-bit word.
 */
#ifndef _MODGUARDCTL_KCERTS_H
#define _MODGUARDCTL_KCERTS_H

#include "compat.h"

/* Certificates kept per list; a kernel with more is refused. */
#define MG_KCERTS_MAX 256

/**
 * struct mg_kcert_list - One certificate list found in an image.
 * @found: The list is there (it may hold no certificate).
 * @n: Certificates in it.
 * @der: Each certificate's DER, pointing into the image.
 * @len: Each one's length.
 */
struct mg_kcert_list {
	bool found;
	unsigned int n;
	const u8 *der[MG_KCERTS_MAX];
	size_t len[MG_KCERTS_MAX];
};

/**
 * struct mg_kcerts - What mg_kernel_certs() (trust.c) found.
 * @sys: The system certificate list (builtin trusted keys).
 * @rev: The revocation certificate list.
 * @buf: The decompressed image @sys and @rev point into, or NULL.
 * @file: The file's bytes.
 * @format: "vmlinux" or "bzImage (xz)" and the like, for messages.
 * @major: The major version of its "Linux version" banner, or 0 when it
 *         has none.
 */
struct mg_kcerts {
	struct mg_kcert_list sys;
	struct mg_kcert_list rev;
	unsigned char *buf;
	unsigned char *file;
	char format[32];
	unsigned int major;
};

int mg_kcerts_find(const u8 *image, size_t len, struct mg_kcerts *k);
int mg_bzimage_payload(const u8 *data, size_t len, const u8 **payload,
		       size_t *payload_len);

#endif /* _MODGUARDCTL_KCERTS_H */
