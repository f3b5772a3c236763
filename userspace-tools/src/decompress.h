/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - module files (and rotated logs, kernel images) decompressed
 * in memory as the kernel's loader decompresses modules (decompress.c)
 */
#ifndef _MODGUARDCTL_DECOMPRESS_H
#define _MODGUARDCTL_DECOMPRESS_H

#include <stddef.h>

enum mg_compression {
	MG_COMP_NONE,
	MG_COMP_GZIP,
	MG_COMP_XZ,
	MG_COMP_ZSTD,
	__MG_COMP_MAX
};

/* What is decompressed at most, unless told otherwise (--max-size). */
#define MG_DECOMPRESS_MAX ((size_t)1 << 30)

enum mg_compression mg_compression_of(const unsigned char *data, size_t len);
const char *mg_compression_name(enum mg_compression c);
int mg_decompress(enum mg_compression c, const unsigned char *in,
		  size_t in_len, size_t max, unsigned char **out,
		  size_t *out_len, const char **why);

#endif /* _MODGUARDCTL_DECOMPRESS_H */
