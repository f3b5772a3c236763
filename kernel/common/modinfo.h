/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguard - the name a module image will be loaded under
 *
 * Finds the name the module loader uses for an ELF image, with the
 * loader's own rules (kernel/module/main.c): the first "name=" entry of
 * .modinfo, else the name field of the struct module in
 * .gnu.linkonce.this_module. Shared by the LSM and modguardctl, so both
 * give the same answer for the same bytes.
 */
#ifndef _SECURITY_MODGUARD_MODINFO_H
#define _SECURITY_MODGUARD_MODINFO_H

#include "compat.h"

enum modguard_modinfo_status {
	MODGUARD_MODINFO_OK,
	MODGUARD_MODINFO_NOT_ELF,
	MODGUARD_MODINFO_MALFORMED,
	MODGUARD_MODINFO_NO_NAME,
	__MODGUARD_MODINFO_MAX
};

/*
 * MODULE_NAME_LEN and offsetof(struct module, name) on every 64-bit
 * kernel, 6.12 included: struct module starts with enum module_state
 * state (4 bytes, then 4 bytes of padding to align the next member) and
 * struct list_head list (two pointers, 16 bytes), so name is at 24; and
 * MODULE_NAME_LEN is 64 - sizeof(unsigned long). modguardctl cannot
 * include the kernel's struct module and uses these; the kernel passes
 * offsetof() and checks these values at build time (modinfo.c).
 */
#define MODGUARD_MODULE_NAME_LEN 56
#define MODGUARD_MODULE_NAME_OFFSET 24

/* ELF64 layout (System V gABI); fields are read at these byte offsets. */
#define MODGUARD_ELF_EI_NIDENT		16
#define MODGUARD_ELF_EI_CLASS		4
#define MODGUARD_ELF_EI_DATA		5
#define MODGUARD_ELF_CLASS64		2
#define MODGUARD_ELF_DATA2LSB		1
#define MODGUARD_ELF_ET_REL		1
#define MODGUARD_ELF_EHDR_SIZE		64
#define MODGUARD_ELF_E_TYPE		16
#define MODGUARD_ELF_E_SHOFF		40
#define MODGUARD_ELF_E_SHENTSIZE	58
#define MODGUARD_ELF_E_SHNUM		60
#define MODGUARD_ELF_E_SHSTRNDX		62
#define MODGUARD_ELF_SHDR_SIZE		64
#define MODGUARD_ELF_SH_NAME		0
#define MODGUARD_ELF_SH_TYPE		4
#define MODGUARD_ELF_SH_FLAGS		8
#define MODGUARD_ELF_SH_ADDR		16
#define MODGUARD_ELF_SH_OFFSET		24
#define MODGUARD_ELF_SH_SIZE		32
#define MODGUARD_ELF_SHT_NULL		0
#define MODGUARD_ELF_SHT_PROGBITS	1
#define MODGUARD_ELF_SHT_STRTAB		3
#define MODGUARD_ELF_SHT_NOBITS		8

enum modguard_modinfo_status
modguard_module_name(const void *image, size_t len,
		     size_t this_module_name_offset, char *name,
		     size_t name_size);
enum modguard_modinfo_status
modguard_modinfo_get(const void *image, size_t len, const char *tag,
		     const u8 **val, size_t *vlen);
const char *modguard_modinfo_status_name(enum modguard_modinfo_status status);

#endif /* _SECURITY_MODGUARD_MODINFO_H */
