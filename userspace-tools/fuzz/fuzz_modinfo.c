// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: modguard_module_name() on arbitrary bytes.
 *
 * ASan and UBSan catch memory and arithmetic errors (libFuzzer's input
 * buffer is exactly the input's size, and the small name buffer below is
 * exactly name_size bytes); the checks below catch a result that breaks
 * the contract in modinfo.h or disagrees with the bytes themselves.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "modinfo.h"
#include "check.h"

#define NAME_LEN MODGUARD_MODULE_NAME_LEN
#define OFFSET MODGUARD_MODULE_NAME_OFFSET

/* On OK a non-empty name that ends inside the buffer; otherwise "". */
static void check_name(enum modguard_modinfo_status r, const char *name,
		       size_t size)
{
	const char *nul;

	CHECK((unsigned int)r < __MODGUARD_MODINFO_MAX);
	if (!size)
		return;
	if (r != MODGUARD_MODINFO_OK) {
		CHECK(name[0] == '\0');
		return;
	}
	nul = memchr(name, '\0', size);
	CHECK(nul);
	CHECK(nul > name);
	CHECK((size_t)(nul - name) < size);
}

static bool elf64le(const uint8_t *data, size_t size)
{
	return size >= MODGUARD_ELF_EI_NIDENT &&
	       memcmp(data, "\177ELF", 4) == 0 &&
	       data[MODGUARD_ELF_EI_CLASS] == MODGUARD_ELF_CLASS64 &&
	       data[MODGUARD_ELF_EI_DATA] == MODGUARD_ELF_DATA2LSB;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum modguard_modinfo_status r, r2;
	char full[NAME_LEN];
	size_t small, offset;
	char *name;

	memset(full, 0x5a, sizeof(full));
	r = modguard_module_name(data, size, OFFSET, full, sizeof(full));
	check_name(r, full, sizeof(full));

	/* NOT_ELF exactly when the identification or e_type says so. */
	if (!elf64le(data, size))
		CHECK(r == MODGUARD_MODINFO_NOT_ELF);
	else if (size < MODGUARD_ELF_EHDR_SIZE)
		CHECK(r == MODGUARD_MODINFO_MALFORMED);
	else
		CHECK((r == MODGUARD_MODINFO_NOT_ELF) ==
		      ((data[MODGUARD_ELF_E_TYPE] |
			data[MODGUARD_ELF_E_TYPE + 1] << 8) !=
		       MODGUARD_ELF_ET_REL));

	/*
	 * A smaller name buffer, exactly sized: the same name when it fits,
	 * MALFORMED when it does not, and otherwise the same status.
	 */
	small = size ? data[size - 1] % NAME_LEN : 0;
	name = malloc(small ? small : 1);
	CHECK(name);
	memset(name, 0x5a, small ? small : 1);
	r2 = modguard_module_name(data, size, OFFSET, name, small);
	check_name(r2, name, small);
	if (!small)
		CHECK(r2 == MODGUARD_MODINFO_MALFORMED);
	else if (r != MODGUARD_MODINFO_OK)
		CHECK(r2 == r);
	else if (strlen(full) < small)
		CHECK(r2 == MODGUARD_MODINFO_OK && strcmp(name, full) == 0);
	else
		CHECK(r2 == MODGUARD_MODINFO_MALFORMED);
	free(name);

	/* Any name offset, even a wild one. */
	offset = size >= 2 ? (size_t)data[0] << 8 ^ data[size - 2] : OFFSET;
	if (size && data[size - 1] == 0xff)
		offset = (size_t)-1 - offset;
	memset(full, 0x5a, sizeof(full));
	r2 = modguard_module_name(data, size, offset, full, sizeof(full));
	check_name(r2, full, sizeof(full));
	if (r == MODGUARD_MODINFO_NOT_ELF)
		CHECK(r2 == r);
	return 0;
}
