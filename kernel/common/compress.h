/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - which compression a module file uses (shared with
 * modguardctl), by the magic numbers the kernel's module decompressor
 * checks (kernel/module/decompress.c).
 */
#ifndef _SECURITY_MODGUARD_COMPRESS_H
#define _SECURITY_MODGUARD_COMPRESS_H

#include "compat.h"

enum modguard_compression {
	MODGUARD_COMP_NONE,
	MODGUARD_COMP_GZIP,
	MODGUARD_COMP_XZ,
	MODGUARD_COMP_ZSTD,
	__MODGUARD_COMP_MAX
};

enum modguard_compression modguard_compression_of(const void *data,
						  size_t len);

#endif /* _SECURITY_MODGUARD_COMPRESS_H */
