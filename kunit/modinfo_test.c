// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit suite modguard_modinfo: the module name parser, table-driven over
 * ELF images laid out in C (modinfo_vectors.h). Each image is parsed from
 * a buffer of exactly its length, and the name is written to a buffer of
 * exactly name_size bytes, so KASAN catches a read or write past either.
 */

#include <kunit/test.h>
#include <linux/elf.h>
#include <linux/slab.h>
#include <linux/stddef.h>

#include "modinfo_vectors.h"

/* The byte offsets the parser reads are those of the kernel's structs. */
static_assert(sizeof(struct elf64_hdr) == MODGUARD_ELF_EHDR_SIZE);
static_assert(sizeof(struct elf64_shdr) == MODGUARD_ELF_SHDR_SIZE);
static_assert(offsetof(struct elf64_hdr, e_type) == MODGUARD_ELF_E_TYPE);
static_assert(offsetof(struct elf64_hdr, e_shoff) == MODGUARD_ELF_E_SHOFF);
static_assert(offsetof(struct elf64_hdr, e_shentsize) == MODGUARD_ELF_E_SHENTSIZE);
static_assert(offsetof(struct elf64_hdr, e_shnum) == MODGUARD_ELF_E_SHNUM);
static_assert(offsetof(struct elf64_hdr, e_shstrndx) == MODGUARD_ELF_E_SHSTRNDX);
static_assert(offsetof(struct elf64_shdr, sh_name) == MODGUARD_ELF_SH_NAME);
static_assert(offsetof(struct elf64_shdr, sh_type) == MODGUARD_ELF_SH_TYPE);
static_assert(offsetof(struct elf64_shdr, sh_flags) == MODGUARD_ELF_SH_FLAGS);
static_assert(offsetof(struct elf64_shdr, sh_addr) == MODGUARD_ELF_SH_ADDR);
static_assert(offsetof(struct elf64_shdr, sh_offset) == MODGUARD_ELF_SH_OFFSET);
static_assert(offsetof(struct elf64_shdr, sh_size) == MODGUARD_ELF_SH_SIZE);
static_assert(EI_NIDENT == MODGUARD_ELF_EI_NIDENT);
static_assert(EI_CLASS == MODGUARD_ELF_EI_CLASS);
static_assert(EI_DATA == MODGUARD_ELF_EI_DATA);
static_assert(ELFCLASS64 == MODGUARD_ELF_CLASS64);
static_assert(ELFDATA2LSB == MODGUARD_ELF_DATA2LSB);
static_assert(ET_REL == MODGUARD_ELF_ET_REL);
static_assert(SHT_NULL == MODGUARD_ELF_SHT_NULL);
static_assert(SHT_PROGBITS == MODGUARD_ELF_SHT_PROGBITS);
static_assert(SHT_STRTAB == MODGUARD_ELF_SHT_STRTAB);
static_assert(SHT_NOBITS == MODGUARD_ELF_SHT_NOBITS);
static_assert(SHF_ALLOC == MV_SHF_ALLOC);

static void modinfo_case_desc(const struct modinfo_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(modinfo, modinfo_cases, modinfo_case_desc);

/* A buffer of exactly @len bytes (one when @len is 0) holding @src. */
static u8 *exact_copy(struct kunit *test, const u8 *src, size_t len)
{
	u8 *p = kunit_kzalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memcpy(p, src, len);
	return p;
}

static void modguard_modinfo_test(struct kunit *test)
{
	const struct modinfo_case *c = test->param_value;
	size_t name_size = c->name_size ? c->name_size : MV_NAME_SIZE;
	enum modguard_modinfo_status got;
	u8 *buf, *image;
	size_t len;
	char *name;
	bool null;

	buf = kunit_kzalloc(test, MV_IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = mv_make(c, buf, &null);
	KUNIT_ASSERT_TRUE_MSG(test, len || c->m == MV_EMPTY,
			      "the image does not fit in MV_IMAGE_MAX");
	image = exact_copy(test, buf, len);
	name = kunit_kzalloc(test, name_size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, name);
	/* The parser must write "" on failure, whatever was there. */
	memset(name, 'z', name_size);

	got = modguard_module_name(null ? NULL : image, len, MV_NAME_OFF, name,
				   name_size);
	KUNIT_EXPECT_STREQ(test, modguard_modinfo_status_name(got),
			   modguard_modinfo_status_name(c->want));
	if (got == MODGUARD_MODINFO_OK) {
		KUNIT_ASSERT_NOT_NULL(test, memchr(name, '\0', name_size));
		if (c->want == MODGUARD_MODINFO_OK)
			KUNIT_EXPECT_STREQ(test, name, c->want_name);
	} else {
		KUNIT_EXPECT_EQ(test, name[0], '\0');
	}
}

/*
 * The well-formed image in both layouts cut short at every length: the
 * section header table or a section always ends past the cut, so the
 * result is malformed, or not ELF once the identification is incomplete.
 */
static void modguard_modinfo_truncation_test(struct kunit *test)
{
	static const struct modinfo_case layouts[] = {
		{ "valid", MV_NONE, 0, MV_STD },
		{ "headers last", MV_HEADERS_LAST, 0, MV_STD },
	};
	enum modguard_modinfo_status got, want;
	char name[MV_NAME_SIZE];
	size_t full, len, i;
	u8 *buf, *image;
	bool null;

	buf = kunit_kzalloc(test, MV_IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		full = mv_make(&layouts[i], buf, &null);
		KUNIT_ASSERT_GT(test, full, (size_t)MODGUARD_ELF_EHDR_SIZE);
		for (len = 0; len < full; len++) {
			image = exact_copy(test, buf, len);
			want = len < MODGUARD_ELF_EI_NIDENT ?
			       MODGUARD_MODINFO_NOT_ELF :
			       MODGUARD_MODINFO_MALFORMED;
			got = modguard_module_name(image, len, MV_NAME_OFF,
						   name, sizeof(name));
			KUNIT_EXPECT_EQ_MSG(test, got, want, "%s, %zu of %zu bytes",
					    layouts[i].desc, len, full);
			kunit_kfree(test, image);
		}
	}
}

static void modguard_modinfo_offset_test(struct kunit *test)
{
	enum modguard_modinfo_status got;
	char name[MV_NAME_SIZE];
	u8 *buf, *image;
	size_t len, i;
	bool null;

	buf = kunit_kzalloc(test, MV_IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = mv_make(&mv_fallback_image, buf, &null);
	image = exact_copy(test, buf, len);
	for (i = 0; i < ARRAY_SIZE(modinfo_offset_cases); i++) {
		got = modguard_module_name(image, len,
					   modinfo_offset_cases[i].offset,
					   name, sizeof(name));
		KUNIT_EXPECT_EQ_MSG(test, got, modinfo_offset_cases[i].want,
				    "offset %zu", modinfo_offset_cases[i].offset);
		if (got == MODGUARD_MODINFO_OK &&
		    modinfo_offset_cases[i].want == MODGUARD_MODINFO_OK)
			KUNIT_EXPECT_STREQ(test, name,
					   modinfo_offset_cases[i].want_name);
	}
}

/* No room for even "": refused without a write. */
static void modguard_modinfo_no_buffer_test(struct kunit *test)
{
	static const struct modinfo_case valid = { "valid", MV_NONE, 0, MV_STD };
	char name[1] = { 'z' };
	u8 *buf;
	size_t len;
	bool null;

	buf = kunit_kzalloc(test, MV_IMAGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = mv_make(&valid, buf, &null);
	KUNIT_EXPECT_EQ(test, modguard_module_name(buf, len, MV_NAME_OFF, name, 0),
			MODGUARD_MODINFO_MALFORMED);
	KUNIT_EXPECT_EQ(test, name[0], 'z');
	KUNIT_EXPECT_EQ(test,
			modguard_module_name(buf, len, MV_NAME_OFF, NULL, 8),
			MODGUARD_MODINFO_MALFORMED);
}

static void modguard_modinfo_status_names_test(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test,
			   modguard_modinfo_status_name(MODGUARD_MODINFO_OK),
			   "ok");
	KUNIT_EXPECT_STREQ(test,
			   modguard_modinfo_status_name(MODGUARD_MODINFO_NOT_ELF),
			   "not-elf");
	KUNIT_EXPECT_STREQ(test,
			   modguard_modinfo_status_name(MODGUARD_MODINFO_MALFORMED),
			   "malformed");
	KUNIT_EXPECT_STREQ(test,
			   modguard_modinfo_status_name(MODGUARD_MODINFO_NO_NAME),
			   "no-name");
	KUNIT_EXPECT_STREQ(test,
			   modguard_modinfo_status_name(__MODGUARD_MODINFO_MAX),
			   "unknown");
}

static struct kunit_case modguard_modinfo_cases[] = {
	KUNIT_CASE_PARAM(modguard_modinfo_test, modinfo_gen_params),
	KUNIT_CASE(modguard_modinfo_truncation_test),
	KUNIT_CASE(modguard_modinfo_offset_test),
	KUNIT_CASE(modguard_modinfo_no_buffer_test),
	KUNIT_CASE(modguard_modinfo_status_names_test),
	{}
};

static struct kunit_suite modguard_modinfo_suite = {
	.name = "modguard_modinfo",
	.test_cases = modguard_modinfo_cases,
};

kunit_test_suite(modguard_modinfo_suite);
