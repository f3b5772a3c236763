// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - compression of a module file, by its magic number (shared
 * with modguardctl)
 */

#include "compress.h"

static const struct {
	const u8 *magic;
	size_t len;
} magics[] = {
	[MODGUARD_COMP_NONE] = { (const u8 *)"", 0 },
	[MODGUARD_COMP_GZIP] = { (const u8 *)"\x1f\x8b", 2 },
	[MODGUARD_COMP_XZ] = { (const u8 *)"\xfd\x37\x7a\x58\x5a\x00", 6 },
	[MODGUARD_COMP_ZSTD] = { (const u8 *)"\x28\xb5\x2f\xfd", 4 },
};

static_assert(ARRAY_SIZE(magics) == __MODGUARD_COMP_MAX,
	      "one magic number per compression");

/**
 * modguard_compression_of() - Which compression a module file uses.
 * @data: The file's bytes.
 * @len: Their number.
 *
 * The file's name does not count, only its first bytes.
 *
 * Context: Any context.
 * Return: the compression, %MODGUARD_COMP_NONE for anything else.
 */
enum modguard_compression modguard_compression_of(const void *data,
						  size_t len)
{
	size_t i;

	for (i = MODGUARD_COMP_NONE + 1; i < ARRAY_SIZE(magics); i++)
		if (len >= magics[i].len &&
		    !memcmp(data, magics[i].magic, magics[i].len))
			return i;
	return MODGUARD_COMP_NONE;
}
