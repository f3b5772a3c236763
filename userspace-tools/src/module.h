/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the one module reader (module.c): a module file read,
 * decompressed as the loader does and split at its signature trailer
 * once, with the digests of its payload computed at most once each.
 * Every command that reads modules (hash, allow, inspect, verify, scan,
 * diagnose) reads them here.
 */
#ifndef _MODGUARDCTL_MODULE_H
#define _MODGUARDCTL_MODULE_H

#include "decompress.h"
#include "digest.h"
#include "reason.h"
#include "trailer.h"

/**
 * struct mg_module - A module file as the loader gets it.
 * @data: The file's bytes.
 * @plain: The decompressed bytes, or NULL.
 * @image: @plain or @data: the image.
 * @len: Length of @image.
 * @comp: The compression of the file.
 * @treason: The trailer parser's reason (kernel/common/trailer.c).
 * @t: The split: @t.payload_len is the whole image when unsigned.
 * @nested: Unsigned, compressed, and compressed again inside: the kernel
 *          cannot check it (unverifiable, kernel/verify.c).
 * @d: The digests of the payload (@image, @t.payload_len).
 */
struct mg_module {
	unsigned char *data;
	unsigned char *plain;
	const unsigned char *image;
	size_t len;
	enum mg_compression comp;
	enum modguard_reason treason;
	struct modguard_trailer t;
	bool nested;
	struct mg_digests d;
};

int mg_module_read(const char *file, size_t max, struct mg_module *m,
		   char *msg, size_t size);
void mg_module_free(struct mg_module *m);
bool mg_module_is_elf(const struct mg_module *m);
int mg_module_digest(struct mg_module *m, char *hex);

#endif /* _MODGUARDCTL_MODULE_H */
