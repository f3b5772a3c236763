// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - the name a module image will be loaded under (shared with
 * modguardctl)
 *
 * Plain C like trailer.c: no allocation, and the image is never cast to
 * ELF structs. It is untrusted and may be unaligned, so every field is
 * read from bytes with the little-endian helpers below, and every offset
 * and size is checked against the image length, without overflow, before
 * anything is read through it.
 */

#include "modinfo.h"

#ifdef __KERNEL__
#include <linux/module.h>

#ifdef CONFIG_64BIT
/* modguardctl relies on these; see modinfo.h. */
static_assert(offsetof(struct module, name) == MODGUARD_MODULE_NAME_OFFSET);
static_assert(MODULE_NAME_LEN == MODGUARD_MODULE_NAME_LEN);
#endif
#endif

static const char *const status_names[] = {
	[MODGUARD_MODINFO_OK]		= "ok",
	[MODGUARD_MODINFO_NOT_ELF]	= "not-elf",
	[MODGUARD_MODINFO_MALFORMED]	= "malformed",
	[MODGUARD_MODINFO_NO_NAME]	= "no-name",
};

static_assert(ARRAY_SIZE(status_names) == __MODGUARD_MODINFO_MAX,
	      "one name per modinfo status");

/* An ELF image whose headers check_headers() accepted. */
struct elf_view {
	const u8 *p;
	size_t len;
	u64 shoff;
	unsigned int shnum;
	const u8 *strtab;
	u64 strsize;
};

/* compat.h has no u16 in userspace; the value fits an unsigned int. */
static unsigned int get_le16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 get_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 get_le64(const u8 *p)
{
	return (u64)get_le32(p + 4) << 32 | get_le32(p);
}

/* Section header @i; check_headers() keeps the table inside the image. */
static const u8 *shdr(const struct elf_view *e, unsigned int i)
{
	return e->p + (size_t)e->shoff + (size_t)i * MODGUARD_ELF_SHDR_SIZE;
}

/* validate_section_offset(): @size bytes at @off lie inside the image. */
static bool in_image(const struct elf_view *e, u64 off, u64 size)
{
	return off <= e->len && size <= e->len - off;
}

/*
 * The checks of elf_validity_ehdr(), elf_validity_cache_sechdrs() and
 * elf_validity_cache_secstrings(), in the same order, except that the
 * machine is not checked (this code runs on the build host too). After
 * them, every section header, every section with file bytes and every
 * section name lies inside the image, and the names are NUL-terminated.
 */
static enum modguard_modinfo_status check_headers(struct elf_view *e)
{
	const u8 *p = e->p;
	unsigned int i, strndx;
	const u8 *sh;
	u32 type;

	if (!p || e->len < MODGUARD_ELF_EI_NIDENT ||
	    memcmp(p, "\177ELF", 4) != 0 ||
	    p[MODGUARD_ELF_EI_CLASS] != MODGUARD_ELF_CLASS64 ||
	    p[MODGUARD_ELF_EI_DATA] != MODGUARD_ELF_DATA2LSB)
		return MODGUARD_MODINFO_NOT_ELF;
	if (e->len < MODGUARD_ELF_EHDR_SIZE)
		return MODGUARD_MODINFO_MALFORMED;
	if (get_le16(p + MODGUARD_ELF_E_TYPE) != MODGUARD_ELF_ET_REL)
		return MODGUARD_MODINFO_NOT_ELF;
	if (get_le16(p + MODGUARD_ELF_E_SHENTSIZE) != MODGUARD_ELF_SHDR_SIZE)
		return MODGUARD_MODINFO_MALFORMED;

	/*
	 * e_shnum is 16 bits, so the product cannot overflow. The loader
	 * reads section 0 even when e_shnum is 0; here it must exist.
	 */
	e->shoff = get_le64(p + MODGUARD_ELF_E_SHOFF);
	e->shnum = get_le16(p + MODGUARD_ELF_E_SHNUM);
	if (!e->shnum || e->shoff >= e->len ||
	    (u64)e->shnum * MODGUARD_ELF_SHDR_SIZE > e->len - e->shoff)
		return MODGUARD_MODINFO_MALFORMED;

	sh = shdr(e, 0);
	if (get_le32(sh + MODGUARD_ELF_SH_TYPE) != MODGUARD_ELF_SHT_NULL ||
	    get_le64(sh + MODGUARD_ELF_SH_SIZE) ||
	    get_le64(sh + MODGUARD_ELF_SH_ADDR))
		return MODGUARD_MODINFO_MALFORMED;

	for (i = 1; i < e->shnum; i++) {
		sh = shdr(e, i);
		type = get_le32(sh + MODGUARD_ELF_SH_TYPE);
		/* No file contents: offset and size mean nothing. */
		if (type == MODGUARD_ELF_SHT_NULL ||
		    type == MODGUARD_ELF_SHT_NOBITS)
			continue;
		if (!in_image(e, get_le64(sh + MODGUARD_ELF_SH_OFFSET),
			      get_le64(sh + MODGUARD_ELF_SH_SIZE)))
			return MODGUARD_MODINFO_MALFORMED;
	}

	strndx = get_le16(p + MODGUARD_ELF_E_SHSTRNDX);
	if (!strndx || strndx >= e->shnum)
		return MODGUARD_MODINFO_MALFORMED;
	sh = shdr(e, strndx);
	if (get_le32(sh + MODGUARD_ELF_SH_TYPE) != MODGUARD_ELF_SHT_STRTAB)
		return MODGUARD_MODINFO_MALFORMED;
	/* A SHT_STRTAB section, so the loop above checked its extent. */
	e->strsize = get_le64(sh + MODGUARD_ELF_SH_SIZE);
	e->strtab = p + (size_t)get_le64(sh + MODGUARD_ELF_SH_OFFSET);
	if (!e->strsize || e->strtab[e->strsize - 1] != '\0')
		return MODGUARD_MODINFO_MALFORMED;

	for (i = 0; i < e->shnum; i++) {
		sh = shdr(e, i);
		/* SHT_NULL means sh_name is undefined; so does the loader. */
		if (get_le32(sh + MODGUARD_ELF_SH_TYPE) == MODGUARD_ELF_SHT_NULL)
			continue;
		if (get_le32(sh + MODGUARD_ELF_SH_NAME) >= e->strsize)
			return MODGUARD_MODINFO_MALFORMED;
	}
	return MODGUARD_MODINFO_OK;
}

/*
 * Whether section @i is called @want. The loader also compares the names
 * of SHT_NULL sections, whose sh_name it never checked; such a name
 * outside the table matches nothing here.
 */
static bool sec_is(const struct elf_view *e, unsigned int i, const char *want)
{
	u32 off = get_le32(shdr(e, i) + MODGUARD_ELF_SH_NAME);
	size_t n = strlen(want) + 1;

	if (off >= e->strsize || n > e->strsize - off)
		return false;
	return memcmp(e->strtab + off, want, n) == 0;
}

/* find_any_unique_sec(): the index, 0 when absent, -1 when not unique. */
static int find_unique(const struct elf_view *e, const char *want)
{
	unsigned int i, idx = 0, count = 0;

	for (i = 1; i < e->shnum; i++) {
		if (sec_is(e, i, want)) {
			idx = i;
			count++;
		}
	}
	return count > 1 ? -1 : (int)idx;
}

/*
 * The file bytes of section @i; false for SHT_NULL and SHT_NOBITS, which
 * have none (the loader refuses a SHT_NOBITS this_module, and would read
 * whatever follows sh_offset for a SHT_NOBITS .modinfo).
 */
static bool sec_bytes(const struct elf_view *e, unsigned int i,
		      const u8 **data, size_t *size)
{
	const u8 *sh = shdr(e, i);
	u32 type = get_le32(sh + MODGUARD_ELF_SH_TYPE);

	if (type == MODGUARD_ELF_SHT_NULL || type == MODGUARD_ELF_SHT_NOBITS)
		return false;
	/* check_headers() checked the extent of this section. */
	*data = e->p + (size_t)get_le64(sh + MODGUARD_ELF_SH_OFFSET);
	*size = (size_t)get_le64(sh + MODGUARD_ELF_SH_SIZE);
	return true;
}

/*
 * get_modinfo(info, tag): the entries are the runs of non-NUL bytes,
 * separated by any number of NULs (module_next_tag_pair()); the first one
 * that starts with "<tag>=" gives the value. A value that reaches the end
 * of the section unterminated is malformed: the loader would read on past
 * the section.
 */
static enum modguard_modinfo_status
modinfo_value(const u8 *sec, size_t size, const char *tag, const u8 **val,
	      size_t *vlen)
{
	const size_t taglen = strlen(tag);
	size_t i = 0, end;

	while (i < size) {
		if (!sec[i]) {
			i++;
			continue;
		}
		for (end = i; end < size && sec[end]; end++)
			;
		if (end - i > taglen && sec[i + taglen] == '=' &&
		    memcmp(sec + i, tag, taglen) == 0) {
			if (end == size)
				return MODGUARD_MODINFO_MALFORMED;
			*val = sec + i + taglen + 1;
			*vlen = end - i - taglen - 1;
			return MODGUARD_MODINFO_OK;
		}
		i = end;
	}
	return MODGUARD_MODINFO_NO_NAME;
}

static enum modguard_modinfo_status copy_name(const u8 *s, size_t n,
					      char *name, size_t name_size)
{
	if (!n || n >= name_size)
		return MODGUARD_MODINFO_MALFORMED;
	memcpy(name, s, n);
	name[n] = '\0';
	return MODGUARD_MODINFO_OK;
}

/* The name field of struct module in this_module, without its NUL. */
static enum modguard_modinfo_status
this_module_name(const struct elf_view *e, int mod, size_t offset,
		 size_t name_size, const u8 **name, size_t *n)
{
	const u8 *sec, *nul;
	size_t size, lim;

	if (!sec_bytes(e, mod, &sec, &size) || offset >= size)
		return MODGUARD_MODINFO_MALFORMED;
	sec += offset;
	size -= offset;
	lim = size < name_size ? size : name_size;
	nul = memchr(sec, '\0', lim);
	if (!nul)
		return MODGUARD_MODINFO_MALFORMED;
	*name = sec;
	*n = nul - sec;
	return MODGUARD_MODINFO_OK;
}

/**
 * modguard_module_name() - The name the module loader will use for an image.
 * @image: The module image: ELF64 little-endian, decompressed, and without
 *         its signature (the loader strips it before reading the ELF).
 * @len: Length of @image in bytes.
 * @this_module_name_offset: offsetof(struct module, name) of the kernel
 *         that will load the image (MODGUARD_MODULE_NAME_OFFSET on 64-bit).
 * @name: Receives the name, NUL-terminated; "" on every other return.
 * @name_size: Size of @name; MODULE_NAME_LEN bounds a real module's name.
 *
 * Mirrors setup_load_info() in Linux 6.12: the ELF header and section
 * header checks of elf_validity_cache_copy(), then the first "name=" entry
 * of the unique .modinfo section, else the name field of the struct
 * module in the unique .gnu.linkonce.this_module section.
 *
 * The loader checks the .modinfo name (blacklist, audit) but registers
 * the module under the this_module name. Kbuild writes the same name in
 * both; an image where they differ is refused as malformed, so a deny
 * name= rule cannot be dodged by naming the two differently.
 *
 * Unlike the loader, this does not require this_module when .modinfo has
 * a name,
 * does not check the machine, section flags or the size of this_module,
 * and looks at no other section: it answers which name, not whether the
 * image would load.
 *
 * Context: Any context; does not sleep or allocate.
 * Return:
 * * %MODGUARD_MODINFO_OK		- @name holds a name of 1 to
 *					  @name_size - 1 bytes
 * * %MODGUARD_MODINFO_NOT_ELF		- not an ELF64 little-endian
 *					  relocatable object (including
 *					  fewer than 16 bytes)
 * * %MODGUARD_MODINFO_MALFORMED	- the loader would refuse the headers;
 *					  .modinfo or this_module is duplicated
 *					  or has no file bytes; the name is
 *					  unterminated, empty or does not fit
 *					  in @name; or @name_size is 0
 * * %MODGUARD_MODINFO_NO_NAME		- no "name=" entry and no this_module
 */
enum modguard_modinfo_status
modguard_module_name(const void *image, size_t len,
		     size_t this_module_name_offset, char *name,
		     size_t name_size)
{
	struct elf_view e = { .p = image, .len = len };
	enum modguard_modinfo_status st;
	const u8 *sec, *val, *tval = NULL;
	size_t size, vlen, tlen = 0;
	int info, mod;

	if (!name || !name_size)
		return MODGUARD_MODINFO_MALFORMED;
	name[0] = '\0';

	st = check_headers(&e);
	if (st != MODGUARD_MODINFO_OK)
		return st;

	info = find_unique(&e, ".modinfo");
	mod = find_unique(&e, ".gnu.linkonce.this_module");
	if (info < 0 || mod < 0)
		return MODGUARD_MODINFO_MALFORMED;

	if (mod) {
		st = this_module_name(&e, mod, this_module_name_offset,
				      name_size, &tval, &tlen);
		if (st != MODGUARD_MODINFO_OK)
			return st;
	}
	if (info) {
		if (!sec_bytes(&e, info, &sec, &size))
			return MODGUARD_MODINFO_MALFORMED;
		st = modinfo_value(sec, size, "name", &val, &vlen);
		if (st == MODGUARD_MODINFO_OK) {
			if (mod && (tlen != vlen || memcmp(tval, val, vlen)))
				return MODGUARD_MODINFO_MALFORMED;
			return copy_name(val, vlen, name, name_size);
		}
		if (st != MODGUARD_MODINFO_NO_NAME)
			return st;
	}

	/* The loader's fallback: info->name = info->mod->name. */
	if (!mod)
		return MODGUARD_MODINFO_NO_NAME;
	return copy_name(tval, tlen, name, name_size);
}

/**
 * modguard_modinfo_get() - The value of one .modinfo entry of an image.
 * @image: The module image, as for modguard_module_name().
 * @len: Length of @image in bytes.
 * @tag: The entry, without the '=' ("vermagic", "license", ...).
 * @val: Receives the start of the value, inside @image; not NUL-terminated
 *       unless the section terminates it, which %MODGUARD_MODINFO_OK
 *       guarantees.
 * @vlen: Receives the length of the value.
 *
 * The first "<tag>=" entry of the unique .modinfo section, with the
 * header checks of modguard_module_name().
 *
 * Context: Any context; does not sleep or allocate.
 * Return:
 * * %MODGUARD_MODINFO_OK		- *@val and *@vlen set
 * * %MODGUARD_MODINFO_NOT_ELF		- as for modguard_module_name()
 * * %MODGUARD_MODINFO_MALFORMED	- bad headers, .modinfo duplicated or
 *					  without file bytes, or the value is
 *					  unterminated
 * * %MODGUARD_MODINFO_NO_NAME		- no .modinfo, or no such entry
 */
enum modguard_modinfo_status
modguard_modinfo_get(const void *image, size_t len, const char *tag,
		     const u8 **val, size_t *vlen)
{
	struct elf_view e = { .p = image, .len = len };
	enum modguard_modinfo_status st;
	const u8 *sec;
	size_t size;
	int info;

	st = check_headers(&e);
	if (st != MODGUARD_MODINFO_OK)
		return st;
	info = find_unique(&e, ".modinfo");
	if (info < 0)
		return MODGUARD_MODINFO_MALFORMED;
	if (!info)
		return MODGUARD_MODINFO_NO_NAME;
	if (!sec_bytes(&e, info, &sec, &size))
		return MODGUARD_MODINFO_MALFORMED;
	return modinfo_value(sec, size, tag, val, vlen);
}

/**
 * modguard_modinfo_status_name() - Stable name of a modinfo status.
 * @status: The status.
 *
 * Return: the name; "unknown" for a value outside the enum, so a caller
 * never prints a NULL.
 */
const char *modguard_modinfo_status_name(enum modguard_modinfo_status status)
{
	if ((unsigned int)status >= __MODGUARD_MODINFO_MAX)
		return "unknown";
	return status_names[status];
}
