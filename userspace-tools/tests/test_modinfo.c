// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace twin of the KUnit suite modguard_modinfo: the same case table
 * (kunit/modinfo_vectors.h), the same expectations, run under ASan and
 * UBSan. Each image is parsed from a heap copy of exactly its length and
 * the name is written to a heap buffer of exactly name_size bytes, so a
 * read or write past either is caught; the name buffer is poisoned first,
 * so "" on failure is checked too. Beyond the table: truncation at every
 * length, every byte of the image overwritten, and the ELF layout checked
 * against glibc's <elf.h>.
 *
 * Prints "ok - ..." or "FAIL - ..." per check and a last line
 * "# test_modinfo: N passed, N failed"; exits 1 if any check failed.
 */

#include <elf.h>
#include <stddef.h>

#include "modinfo_vectors.h"
#include "testlib.h"

#define N_CASES ARRAY_SIZE(modinfo_cases)

/* The byte offsets the parser reads are those of the ELF64 structs. */
static_assert(sizeof(Elf64_Ehdr) == MODGUARD_ELF_EHDR_SIZE, "Ehdr");
static_assert(sizeof(Elf64_Shdr) == MODGUARD_ELF_SHDR_SIZE, "Shdr");
static_assert(offsetof(Elf64_Ehdr, e_type) == MODGUARD_ELF_E_TYPE, "type");
static_assert(offsetof(Elf64_Ehdr, e_shoff) == MODGUARD_ELF_E_SHOFF, "shoff");
static_assert(offsetof(Elf64_Ehdr, e_shentsize) == MODGUARD_ELF_E_SHENTSIZE,
	      "shentsize");
static_assert(offsetof(Elf64_Ehdr, e_shnum) == MODGUARD_ELF_E_SHNUM, "shnum");
static_assert(offsetof(Elf64_Ehdr, e_shstrndx) == MODGUARD_ELF_E_SHSTRNDX,
	      "shstrndx");
static_assert(offsetof(Elf64_Shdr, sh_name) == MODGUARD_ELF_SH_NAME, "name");
static_assert(offsetof(Elf64_Shdr, sh_type) == MODGUARD_ELF_SH_TYPE, "type");
static_assert(offsetof(Elf64_Shdr, sh_flags) == MODGUARD_ELF_SH_FLAGS,
	      "flags");
static_assert(offsetof(Elf64_Shdr, sh_addr) == MODGUARD_ELF_SH_ADDR, "addr");
static_assert(offsetof(Elf64_Shdr, sh_offset) == MODGUARD_ELF_SH_OFFSET,
	      "offset");
static_assert(offsetof(Elf64_Shdr, sh_size) == MODGUARD_ELF_SH_SIZE, "size");
static_assert(EI_NIDENT == MODGUARD_ELF_EI_NIDENT && EI_CLASS ==
	      MODGUARD_ELF_EI_CLASS && EI_DATA == MODGUARD_ELF_EI_DATA &&
	      ELFCLASS64 == MODGUARD_ELF_CLASS64 &&
	      ELFDATA2LSB == MODGUARD_ELF_DATA2LSB &&
	      ET_REL == MODGUARD_ELF_ET_REL, "ident");
static_assert(SHT_NULL == MODGUARD_ELF_SHT_NULL &&
	      SHT_PROGBITS == MODGUARD_ELF_SHT_PROGBITS &&
	      SHT_STRTAB == MODGUARD_ELF_SHT_STRTAB &&
	      SHT_NOBITS == MODGUARD_ELF_SHT_NOBITS, "section types");

static void expect_status(enum modguard_modinfo_status got,
			  enum modguard_modinfo_status want)
{
	if (got != want)
		mismatch("status: got %s (%d), want %s (%d)\n",
			 modguard_modinfo_status_name(got), got,
			 modguard_modinfo_status_name(want), want);
}

/*
 * Parse @len bytes of @image (NULL when @null) from exact heap copies;
 * check the name buffer contract; return the status and the name in
 * @out (at least name_size bytes).
 */
static enum modguard_modinfo_status parse(const u8 *image, size_t len,
					  bool null, size_t offset,
					  size_t name_size, char *out)
{
	enum modguard_modinfo_status st;
	u8 *copy = exact_copy(image, len);
	char *name = malloc(name_size ? name_size : 1);

	if (!name) {
		perror("malloc");
		exit(1);
	}
	memset(name, 'z', name_size ? name_size : 1);
	st = modguard_module_name(null ? NULL : copy, len, offset, name,
				  name_size);
	out[0] = '\0';
	if (st == MODGUARD_MODINFO_OK) {
		if (!memchr(name, '\0', name_size))
			mismatch("name not NUL-terminated within name_size\n");
		else if (!name[0])
			mismatch("status ok with an empty name\n");
		else
			memcpy(out, name, strlen(name) + 1);
	} else if (name_size && name[0] != '\0') {
		mismatch("status %s but the name buffer is not \"\"\n",
			 modguard_modinfo_status_name(st));
	}
	free(name);
	free(copy);
	return st;
}

static void test_cases(void)
{
	static u8 buf[MV_IMAGE_MAX];
	char name[MV_IMAGE_MAX];
	size_t i;

	for (i = 0; i < N_CASES; i++) {
		const struct modinfo_case *c = &modinfo_cases[i];
		size_t name_size = c->name_size ? c->name_size : MV_NAME_SIZE;
		enum modguard_modinfo_status got;
		size_t len;
		bool null;

		memset(buf, 0, sizeof(buf));
		len = mv_make(c, buf, &null);
		if (!len && c->m != MV_EMPTY) {
			mismatch("the image does not fit in MV_IMAGE_MAX\n");
			report("modinfo: %s", c->desc);
			continue;
		}
		got = parse(buf, len, null, MV_NAME_OFF, name_size, name);
		expect_status(got, c->want);
		if (got == MODGUARD_MODINFO_OK && c->want == got &&
		    strcmp(name, c->want_name) != 0)
			mismatch("name: got \"%s\", want \"%s\"\n", name,
				 c->want_name);
		report("modinfo: %s", c->desc);
	}
}

/* Both layouts cut short at every length. */
static void test_truncation(void)
{
	static const struct modinfo_case layouts[] = {
		{ "headers first", MV_NONE, 0, MV_STD },
		{ "headers last", MV_HEADERS_LAST, 0, MV_STD },
	};
	static u8 buf[MV_IMAGE_MAX];
	char name[MV_NAME_SIZE];
	size_t i, len, full;
	bool null;

	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		full = mv_make(&layouts[i], buf, &null);
		for (len = 0; len < full; len++) {
			snprintf(t_ctx, sizeof(t_ctx), "len=%zu: ", len);
			expect_status(parse(buf, len, false, MV_NAME_OFF,
					    MV_NAME_SIZE, name),
				      len < MODGUARD_ELF_EI_NIDENT ?
				      MODGUARD_MODINFO_NOT_ELF :
				      MODGUARD_MODINFO_MALFORMED);
		}
		t_ctx[0] = '\0';
		report("truncation, %s: lengths 0..%zu", layouts[i].desc,
		       full - 1);
	}
}

/*
 * Every byte of both layouts set to 0x00, 0x7f, 0x80 and 0xff in turn:
 * whatever the status, nothing is read or written out of bounds (the
 * sanitizers) and the name contract holds (parse()).
 */
static void test_overwrite(void)
{
	static const struct modinfo_case layouts[] = {
		{ "headers first", MV_NONE, 0, MV_STD },
		{ "headers last", MV_HEADERS_LAST, 0, MV_STD },
	};
	static const u8 values[] = { 0x00, 0x7f, 0x80, 0xff };
	static u8 buf[MV_IMAGE_MAX];
	char name[MV_NAME_SIZE];
	unsigned int counts[__MODGUARD_MODINFO_MAX] = { 0 };
	size_t i, pos, v, full;
	bool null;

	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		full = mv_make(&layouts[i], buf, &null);
		for (pos = 0; pos < full; pos++) {
			u8 saved = buf[pos];

			for (v = 0; v < ARRAY_SIZE(values); v++) {
				enum modguard_modinfo_status st;

				buf[pos] = values[v];
				snprintf(t_ctx, sizeof(t_ctx),
					 "%s, byte %zu = %#x: ", layouts[i].desc,
					 pos, values[v]);
				st = parse(buf, full, false, MV_NAME_OFF,
					   MV_NAME_SIZE, name);
				if ((unsigned int)st < __MODGUARD_MODINFO_MAX)
					counts[st]++;
				else
					mismatch("status %d\n", st);
			}
			buf[pos] = saved;
		}
	}
	t_ctx[0] = '\0';
	report("every byte overwritten: %u ok, %u not-elf, %u malformed, %u no-name",
	       counts[MODGUARD_MODINFO_OK], counts[MODGUARD_MODINFO_NOT_ELF],
	       counts[MODGUARD_MODINFO_MALFORMED],
	       counts[MODGUARD_MODINFO_NO_NAME]);
}

static void test_offsets(void)
{
	static u8 buf[MV_IMAGE_MAX];
	char name[MV_NAME_SIZE];
	size_t i, len;
	bool null;

	len = mv_make(&mv_fallback_image, buf, &null);
	for (i = 0; i < ARRAY_SIZE(modinfo_offset_cases); i++) {
		enum modguard_modinfo_status got;

		got = parse(buf, len, false, modinfo_offset_cases[i].offset,
			    sizeof(name), name);
		expect_status(got, modinfo_offset_cases[i].want);
		if (got == MODGUARD_MODINFO_OK &&
		    strcmp(name, modinfo_offset_cases[i].want_name) != 0)
			mismatch("name: got \"%s\", want \"%s\"\n", name,
				 modinfo_offset_cases[i].want_name);
		report("this_module_name_offset %zu",
		       modinfo_offset_cases[i].offset);
	}
}

static void test_no_buffer(void)
{
	static const struct modinfo_case valid = { "valid", MV_NONE, 0,
						   MV_STD };
	static u8 buf[MV_IMAGE_MAX];
	char name[1] = { 'z' };
	size_t len;
	bool null;

	len = mv_make(&valid, buf, &null);
	expect_status(modguard_module_name(buf, len, MV_NAME_OFF, name, 0),
		      MODGUARD_MODINFO_MALFORMED);
	if (name[0] != 'z')
		mismatch("name_size 0, but the buffer was written\n");
	expect_status(modguard_module_name(buf, len, MV_NAME_OFF, NULL, 8),
		      MODGUARD_MODINFO_MALFORMED);
	report("no name buffer: malformed, nothing written");
}

static void test_status_names(void)
{
	static const struct {
		unsigned int status;
		const char *name;
	} names[] = {
		{ MODGUARD_MODINFO_OK, "ok" },
		{ MODGUARD_MODINFO_NOT_ELF, "not-elf" },
		{ MODGUARD_MODINFO_MALFORMED, "malformed" },
		{ MODGUARD_MODINFO_NO_NAME, "no-name" },
		{ __MODGUARD_MODINFO_MAX, "unknown" },
		{ 0xffffffff, "unknown" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		const char *n = modguard_modinfo_status_name(names[i].status);

		if (!n || strcmp(n, names[i].name) != 0)
			mismatch("got \"%s\"\n", n ? n : "NULL");
		report("modinfo status %#x is named \"%s\"", names[i].status,
		       names[i].name);
	}
}

int main(void)
{
	test_cases();
	test_truncation();
	test_overwrite();
	test_offsets();
	test_no_buffer();
	test_status_names();
	return summary("test_modinfo");
}
