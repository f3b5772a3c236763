// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - the one module reader
 *
 * The loader decompresses a module file (kernel/module/decompress.c),
 * then kernel/verify.c splits the image at its trailer with the parser of
 * ../kernel/common/trailer.c, compiled in here too. The digest policy
 * rules name is the sha256 of the payload, the image without its
 * signature: so a module keeps its digest when it is recompressed, or
 * when its signature is replaced (sign-file on an unsigned copy).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "module.h"
#include "util.h"

/**
 * mg_module_read() - Read a module file, decompress it as the loader
 * would, and split it at its signature trailer.
 * @file: The file; "-" is standard input.
 * @max: Refuse a file of more than this many bytes, or one that
 *       decompresses to more (--max-size).
 * @m: Filled in; release with mg_module_free() whatever the result.
 * @msg: Receives why, on failure (without the file name).
 * @size: Size of @msg.
 *
 * Return: 0, or a negative errno value (-EINVAL: does not decompress;
 * -EFBIG: more than @max).
 */
int mg_module_read(const char *file, size_t max, struct mg_module *m,
		   char *msg, size_t size)
{
	const char *why;
	size_t len;
	int err;

	memset(m, 0, sizeof(*m));
	err = mg_read_input(file, max, &m->data, &len);
	if (err == -EFBIG)
		snprintf(msg, size, "larger than %zu bytes (see --max-size)",
			 max);
	else if (err)
		snprintf(msg, size, "%s", strerror(-err));
	if (err)
		return err;
	m->image = m->data;
	m->len = len;
	m->comp = mg_compression_of(m->data, len);
	if (m->comp != MG_COMP_NONE) {
		err = mg_decompress(m->comp, m->data, len, max, &m->plain,
				    &m->len, &why);
		if (err == -EFBIG)
			snprintf(msg, size,
				 "%s: more than %zu bytes decompressed (see --max-size)",
				 mg_compression_name(m->comp), max);
		else if (err)
			snprintf(msg, size, "%s: %s",
				 mg_compression_name(m->comp),
				 err == -EINVAL ? why : strerror(-err));
		if (err)
			return err;
		m->image = m->plain;
	}
	m->treason = modguard_trailer_parse(m->image, m->len, &m->t);
	/* The loader decompresses once; kernel/verify.c refuses the rest. */
	m->nested = m->comp != MG_COMP_NONE &&
		    m->treason == MODGUARD_REASON_UNSIGNED &&
		    mg_compression_of(m->image, m->len) != MG_COMP_NONE;
	mg_digests_init(&m->d, m->image, m->t.payload_len);
	return 0;
}

void mg_module_free(struct mg_module *m)
{
	free(m->plain);
	free(m->data);
	memset(m, 0, sizeof(*m));
}

/**
 * mg_module_is_elf() - Whether the payload is what the loader takes: an
 * ELF relocatable object (kernel/module/main.c, elf_validity_check()).
 * @m: A module read by mg_module_read().
 *
 * Only the identification and e_type are looked at: enough to tell a
 * module from an empty file, a text file or an executable.
 *
 * Return: true for an ELF ET_REL payload.
 */
bool mg_module_is_elf(const struct mg_module *m)
{
	const u8 *e = m->image;
	unsigned int type;

	/* e_ident[16], then e_type: the smallest header is 52 bytes. */
	if (m->t.payload_len < 52 || memcmp(e, "\177ELF", 4) ||
	    (e[4] != 1 && e[4] != 2) || (e[5] != 1 && e[5] != 2))
		return false;
	type = e[5] == 1 ? e[16] | e[17] << 8 : e[16] << 8 | e[17];
	return type == 1;	/* ET_REL */
}

/**
 * mg_module_digest() - The policy digest: sha256 of the payload.
 * @m: A module read by mg_module_read().
 * @hex: Receives 64 hex digits and a NUL.
 *
 * Return: 0, or -1 when libcrypto failed.
 */
int mg_module_digest(struct mg_module *m, char *hex)
{
	const u8 *md = mg_digests_get(&m->d, MG_HASH_SHA256);

	if (!md)
		return -1;
	mg_hex(md, mg_digest_size(MG_HASH_SHA256), hex);
	return 0;
}
