/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Module name test vectors, shared by the KUnit suite (modguard_modinfo)
 * and the userspace tests and fuzz corpus of modguardctl: one table, so
 * the kernel and the tool are held to the same cases.
 *
 * mv_build() lays out a small ELF64 relocatable object from a list of
 * sections: ELF header, then the section header table and the section
 * contents, back to back with no padding (so every field of the image is
 * unaligned in the "headers last" layout). Each case starts from a
 * well-formed image (.shstrtab, .text, .modinfo,
 * .gnu.linkonce.this_module, .bss) and changes one thing.
 */
#ifndef _SECURITY_MODGUARD_MODINFO_VECTORS_H
#define _SECURITY_MODGUARD_MODINFO_VECTORS_H

#include "../kernel/common/modinfo.h"

#define MV_IMAGE_MAX		2048
#define MV_MAX_SECS		8
#define MV_NAME_OFF		MODGUARD_MODULE_NAME_OFFSET
#define MV_NAME_SIZE		MODGUARD_MODULE_NAME_LEN
/* Holds the name field; the parser never needs sizeof(struct module). */
#define MV_THIS_SIZE		(MV_NAME_OFF + MV_NAME_SIZE + 16)

#define MV_SHF_WRITE		0x1
#define MV_SHF_ALLOC		0x2
#define MV_SHF_EXECINSTR	0x4

/* The usual .modinfo: name= is neither first nor last. */
#define MV_MODINFO_STD "license=GPL\0name=mg_test\0vermagic=6.12.0 SMP mod_unload "

/* .modinfo contents from a string literal, its final NUL included. */
#define MV_MODINFO(s)		.modinfo = (s), .modinfo_len = sizeof(s)
/* ... or without the final NUL: the last entry runs to the end. */
#define MV_MODINFO_UNTERM(s)	.modinfo = (s), .modinfo_len = sizeof(s) - 1
#define MV_STD			MV_MODINFO(MV_MODINFO_STD), .this_name = "mg_test"

/* How a case changes the image after laying it out. */
enum mv_mutation {
	MV_NONE,
	MV_HEADERS_LAST,	/* section header table after the contents */
	MV_EMPTY,
	MV_NULL,
	MV_LEN,			/* cut the image to arg bytes */
	MV_BAD_MAGIC,
	MV_CLASS32,
	MV_BIG_ENDIAN,
	MV_ET_EXEC,
	MV_SHENTSIZE,		/* e_shentsize = arg */
	MV_SHOFF,		/* e_shoff = arg; MV_AT_LEN: the image length */
	MV_SHNUM,		/* e_shnum = arg */
	MV_SHNUM_PLUS_ONE,	/* headers last, e_shnum one too many */
	MV_SHSTRNDX,		/* e_shstrndx = arg; MV_AT_LEN: e_shnum */
	MV_SHSTRTAB_TYPE,	/* .shstrtab is SHT_PROGBITS */
	MV_SHSTRTAB_EMPTY,	/* .shstrtab sh_size 0 */
	MV_SHSTRTAB_UNTERM,	/* .shstrtab loses its final NUL */
	MV_SH_NAME_PAST,	/* .text sh_name = size of .shstrtab */
	MV_SEC0_TYPE,
	MV_SEC0_SIZE,
	MV_SEC0_ADDR,
	MV_TEXT_OFFSET,		/* .text sh_offset = arg; MV_AT_LEN: length */
	MV_TEXT_SIZE,		/* .text sh_size = arg; MV_AT_LEN: too big */
	MV_TEXT_WRAP,		/* .text offset + size wraps around */
	MV_MODINFO_OFFSET,	/* .modinfo extends one byte past the end */
	MV_BSS_FAR,		/* SHT_NOBITS .bss with a wild offset */
	MV_NULL_SEC_WILD,	/* .bss becomes SHT_NULL with a wild sh_name */
	MV_MODINFO_NOBITS,
	MV_MODINFO_NULL_TYPE,
	MV_THIS_NOBITS,
	MV_DUP_MODINFO,
	MV_DUP_THIS,
	MV_MODINFO_RENAMED,	/* .modinfo sh_name + 1: "modinfo" */
	MV_MODINFO_NO_ALLOC,	/* .modinfo sh_flags 0 */
	MV_THIS_SMALL,		/* this_module sh_size = arg */
	MV_THIS_UNTERM,		/* no NUL after the name in this_module */
	MV_THIS_LONG_NAME,	/* name field full, NUL right after it */
};

#define MV_AT_LEN ((u64)-1)

/**
 * struct modinfo_case - One image and the expected result.
 * @desc: Case description (also the KUnit parameter and seed file name).
 * @m: Mutation applied after layout.
 * @arg: Argument of @m.
 * @modinfo: Contents of .modinfo; NULL: no .modinfo section.
 * @modinfo_len: Bytes of @modinfo.
 * @this_name: Name in .gnu.linkonce.this_module; NULL: no such section.
 * @name_size: Size of the name buffer; 0: MV_NAME_SIZE.
 * @want: Expected status.
 * @want_name: Expected name when @want is OK.
 * @noseed: Left out of the fuzz seed corpus (a near-duplicate).
 */
struct modinfo_case {
	const char *desc;
	enum mv_mutation m;
	u64 arg;
	const char *modinfo;
	size_t modinfo_len;
	const char *this_name;
	size_t name_size;
	enum modguard_modinfo_status want;
	const char *want_name;
	bool noseed;
};

#define MV_OK			MODGUARD_MODINFO_OK
#define MV_NOT_ELF		MODGUARD_MODINFO_NOT_ELF
#define MV_MALFORMED		MODGUARD_MODINFO_MALFORMED
#define MV_NO_NAME		MODGUARD_MODINFO_NO_NAME

static const struct modinfo_case modinfo_cases[] = {
	/* Well-formed images. */
	{ "valid", MV_NONE, 0, MV_STD, .want = MV_OK,
	  .want_name = "mg_test" },
	{ "valid, section headers last and unaligned", MV_HEADERS_LAST, 0,
	  MV_STD, .want = MV_OK, .want_name = "mg_test" },
	{ "name= is the only entry", MV_NONE, 0, MV_MODINFO("name=solo"),
	  .this_name = "solo", .want = MV_OK, .want_name = "solo" },
	{ "name= first", MV_NONE, 0, MV_MODINFO("name=first\0license=GPL"),
	  .want = MV_OK, .want_name = "first", .noseed = true },
	{ "the first of two name= entries wins", MV_NONE, 0,
	  MV_MODINFO("name=one\0name=two"), .this_name = "one",
	  .want = MV_OK, .want_name = "one" },
	{ "NUL padding before, between and after entries", MV_NONE, 0,
	  MV_MODINFO("\0\0license=GPL\0\0\0name=padded\0\0\0"),
	  .want = MV_OK, .want_name = "padded" },
	{ "keys that only look like name= do not count", MV_NONE, 0,
	  MV_MODINFO("xname=a\0names=b\0name\0alias=name=c\0NAME=d\0name=real"),
	  .want = MV_OK, .want_name = "real" },
	{ "name with bytes the loader does not restrict", MV_NONE, 0,
	  MV_MODINFO("name=a b\"\xff\x01"), .want = MV_OK,
	  .want_name = "a b\"\xff\x01" },
	{ "name with ? and a backslash", MV_NONE, 0, MV_MODINFO("name=q?\\x"),
	  .want = MV_OK, .want_name = "q?\\x", .noseed = true },
	{ "name of name_size - 1 bytes fits", MV_NONE, 0,
	  MV_MODINFO("name=abcdefgh"), .name_size = 9, .want = MV_OK,
	  .want_name = "abcdefgh", .noseed = true },
	{ "name of 55 bytes fits MODULE_NAME_LEN", MV_NONE, 0,
	  MV_MODINFO("name=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabc"),
	  .want = MV_OK,
	  .want_name = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabc",
	  .noseed = true },
	{ ".modinfo without SHF_ALLOC still counts", MV_MODINFO_NO_ALLOC, 0,
	  MV_STD, .want = MV_OK, .want_name = "mg_test", .noseed = true },
	{ "SHT_NOBITS section with a wild offset is ignored", MV_BSS_FAR, 0,
	  MV_STD, .want = MV_OK, .want_name = "mg_test", .noseed = true },
	{ "SHT_NULL section with a wild sh_name is ignored",
	  MV_NULL_SEC_WILD, 0, MV_STD, .want = MV_OK,
	  .want_name = "mg_test", .noseed = true },

	/* The this_module fallback. */
	{ "no name= entry: this_module name", MV_NONE, 0,
	  MV_MODINFO("license=GPL\0vermagic=6.12.0"), .this_name = "mg_this",
	  .want = MV_OK, .want_name = "mg_this" },
	{ "no .modinfo: this_module name", MV_NONE, 0,
	  .this_name = "mg_this", .want = MV_OK, .want_name = "mg_this" },
	{ "empty .modinfo: this_module name", MV_NONE, 0, .modinfo = "",
	  .modinfo_len = 0, .this_name = "mg_this", .want = MV_OK,
	  .want_name = "mg_this", .noseed = true },
	{ ".modinfo renamed: this_module name", MV_MODINFO_RENAMED, 0,
	  MV_STD, .want = MV_OK, .want_name = "mg_test", .noseed = true },
	{ "this_module name of 55 bytes fits", MV_THIS_LONG_NAME, 0,
	  .this_name = "", .want = MV_OK,
	  .want_name = "0123456789012345678901234567890123456789012345678901234",
	  .noseed = true },
	{ "no name= entry and no this_module", MV_NONE, 0,
	  MV_MODINFO("license=GPL"), .want = MV_NO_NAME },
	{ "no .modinfo and no this_module", MV_NONE, 0, .want = MV_NO_NAME,
	  .noseed = true },
	{ "this_module name empty", MV_NONE, 0, .this_name = "",
	  .want = MV_MALFORMED, .noseed = true },
	{ "this_module name not terminated", MV_THIS_UNTERM, 0,
	  .this_name = "", .want = MV_MALFORMED },
	{ "this_module too small for the name field", MV_THIS_SMALL,
	  MV_NAME_OFF, .this_name = "mg_this", .want = MV_MALFORMED },
	{ "this_module ends inside the name", MV_THIS_SMALL, MV_NAME_OFF + 4,
	  .this_name = "mg_this", .want = MV_MALFORMED, .noseed = true },
	{ "this_module name longer than name_size", MV_NONE, 0,
	  .this_name = "abcdefgh", .name_size = 8, .want = MV_MALFORMED,
	  .noseed = true },
	{ "this_module is SHT_NOBITS", MV_THIS_NOBITS, 0,
	  .this_name = "mg_this", .want = MV_MALFORMED },

	/* The loader registers the this_module name: both must agree. */
	{ ".modinfo and this_module names differ", MV_NONE, 0,
	  MV_MODINFO("name=mg_test"), .this_name = "mg_other",
	  .want = MV_MALFORMED },
	{ "names differ only in length", MV_NONE, 0,
	  MV_MODINFO("name=mg_test"), .this_name = "mg_test2",
	  .want = MV_MALFORMED, .noseed = true },

	/* A bad name in .modinfo. */
	{ "name empty", MV_NONE, 0, MV_MODINFO("license=GPL\0name=\0x=y"),
	  .this_name = "mg_this", .want = MV_MALFORMED },
	{ "name longer than name_size", MV_NONE, 0, MV_MODINFO("name=abcdefgh"),
	  .name_size = 8, .want = MV_MALFORMED, .noseed = true },
	{ "name of 56 bytes does not fit MODULE_NAME_LEN", MV_NONE, 0,
	  MV_MODINFO("name=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcd"),
	  .want = MV_MALFORMED, .noseed = true },
	{ "name runs to the end of .modinfo", MV_NONE, 0,
	  MV_MODINFO_UNTERM("license=GPL\0name=mg_test"),
	  .this_name = "mg_this", .want = MV_MALFORMED },
	{ "name= runs to the end of .modinfo", MV_NONE, 0,
	  MV_MODINFO_UNTERM("license=GPL\0name="), .this_name = "mg_this",
	  .want = MV_MALFORMED, .noseed = true },
	{ "unterminated last entry that is not name=", MV_NONE, 0,
	  MV_MODINFO_UNTERM("name=ok\0nam"), .want = MV_OK,
	  .want_name = "ok", .noseed = true },
	{ "name_size 1 holds no name", MV_NONE, 0, MV_STD, .name_size = 1,
	  .want = MV_MALFORMED, .noseed = true },
	{ ".modinfo is SHT_NOBITS", MV_MODINFO_NOBITS, 0, MV_STD,
	  .want = MV_MALFORMED },
	{ ".modinfo is SHT_NULL", MV_MODINFO_NULL_TYPE, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "two .modinfo sections", MV_DUP_MODINFO, 0, MV_STD,
	  .want = MV_MALFORMED },
	{ "two this_module sections", MV_DUP_THIS, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },

	/* Not an ELF64 little-endian relocatable object. */
	{ "empty input", MV_EMPTY, 0, MV_STD, .want = MV_NOT_ELF },
	{ "NULL input", MV_NULL, 0, MV_STD, .want = MV_NOT_ELF },
	{ "15 bytes", MV_LEN, 15, MV_STD, .want = MV_NOT_ELF, .noseed = true },
	{ "bad magic", MV_BAD_MAGIC, 0, MV_STD, .want = MV_NOT_ELF },
	{ "ELFCLASS32", MV_CLASS32, 0, MV_STD, .want = MV_NOT_ELF },
	{ "big-endian", MV_BIG_ENDIAN, 0, MV_STD, .want = MV_NOT_ELF },
	{ "ET_EXEC, not ET_REL", MV_ET_EXEC, 0, MV_STD, .want = MV_NOT_ELF,
	  .noseed = true },

	/* Headers the loader refuses. */
	{ "ELF header truncated", MV_LEN, 40, MV_STD, .want = MV_MALFORMED,
	  .noseed = true },
	{ "ELF header only", MV_LEN, MODGUARD_ELF_EHDR_SIZE, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "e_shentsize 40", MV_SHENTSIZE, 40, MV_STD, .want = MV_MALFORMED },
	{ "e_shoff is the image length", MV_SHOFF, MV_AT_LEN, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "e_shoff past the end", MV_SHOFF, 0x100000, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "e_shoff + e_shnum * 64 wraps around", MV_SHOFF,
	  0xffffffffffffffc0ULL, MV_STD, .want = MV_MALFORMED },
	{ "section header table one entry past the end", MV_SHNUM_PLUS_ONE, 0,
	  MV_STD, .want = MV_MALFORMED },
	{ "e_shnum 0xffff", MV_SHNUM, 0xffff, MV_STD, .want = MV_MALFORMED,
	  .noseed = true },
	{ "e_shnum 0", MV_SHNUM, 0, MV_STD, .want = MV_MALFORMED },
	{ "e_shstrndx 0", MV_SHSTRNDX, 0, MV_STD, .want = MV_MALFORMED,
	  .noseed = true },
	{ "e_shstrndx equals e_shnum", MV_SHSTRNDX, MV_AT_LEN, MV_STD,
	  .want = MV_MALFORMED },
	{ "e_shstrndx SHN_XINDEX", MV_SHSTRNDX, 0xffff, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "e_shstrndx names a PROGBITS section", MV_SHSTRNDX, 2, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ ".shstrtab not SHT_STRTAB", MV_SHSTRTAB_TYPE, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ ".shstrtab empty", MV_SHSTRTAB_EMPTY, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ ".shstrtab not NUL-terminated", MV_SHSTRTAB_UNTERM, 0, MV_STD,
	  .want = MV_MALFORMED },
	{ "sh_name past the end of .shstrtab", MV_SH_NAME_PAST, 0, MV_STD,
	  .want = MV_MALFORMED },
	{ "section 0 not SHT_NULL", MV_SEC0_TYPE, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "section 0 with a size", MV_SEC0_SIZE, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "section 0 with an address", MV_SEC0_ADDR, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "section offset at the end, size 1", MV_TEXT_OFFSET, MV_AT_LEN,
	  MV_STD, .want = MV_MALFORMED },
	{ "section size past the end", MV_TEXT_SIZE, MV_AT_LEN, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
	{ "section offset + size wraps around", MV_TEXT_WRAP, 0, MV_STD,
	  .want = MV_MALFORMED },
	{ ".modinfo one byte past the end", MV_MODINFO_OFFSET, 0, MV_STD,
	  .want = MV_MALFORMED, .noseed = true },
};

/*
 * this_module_name_offset is honoured: the image has no name= entry and
 * "mg_this" at MV_NAME_OFF in this_module (MV_THIS_SIZE bytes).
 */
static const struct modinfo_case mv_fallback_image = {
	"fallback", MV_NONE, 0, MV_MODINFO("license=GPL"),
	.this_name = "mg_this",
};

static const struct {
	size_t offset;
	enum modguard_modinfo_status want;
	const char *want_name;
} modinfo_offset_cases[] = {
	{ MV_NAME_OFF, MODGUARD_MODINFO_OK, "mg_this" },
	{ MV_NAME_OFF + 2, MODGUARD_MODINFO_OK, "_this" },
	{ 0, MODGUARD_MODINFO_MALFORMED },		/* empty */
	{ MV_THIS_SIZE - 1, MODGUARD_MODINFO_MALFORMED },
	{ MV_THIS_SIZE, MODGUARD_MODINFO_MALFORMED },
	{ (size_t)-1, MODGUARD_MODINFO_MALFORMED },
};

static inline void mv_put_le16(u8 *p, unsigned int v)
{
	p[0] = v;
	p[1] = v >> 8;
}

static inline void mv_put_le32(u8 *p, u32 v)
{
	mv_put_le16(p, v & 0xffff);
	mv_put_le16(p + 2, v >> 16);
}

static inline void mv_put_le64(u8 *p, u64 v)
{
	mv_put_le32(p, (u32)v);
	mv_put_le32(p + 4, (u32)(v >> 32));
}

static inline u64 mv_get_le64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

/* One section to lay out. Index 0 (SHT_NULL) is added by mv_build(). */
struct mv_sec {
	const char *name;
	u32 type;
	u64 flags;
	const u8 *data;		/* NULL: zeros */
	size_t len;
};

/* Where mv_build() put things, for the mutations. */
struct mv_layout {
	size_t len;
	size_t shoff;
	unsigned int shnum;
	size_t off[MV_MAX_SECS];
	u32 name_off[MV_MAX_SECS];
	size_t strtab_size;
};

/*
 * mv_build() - Lay out an ELF64 LE relocatable object in @buf.
 * @secs: Sections 1..@n (.shstrtab is added as section 1).
 * Returns the length, or 0 if it does not fit in @size bytes.
 */
static inline size_t mv_build(u8 *buf, size_t size, const struct mv_sec *secs,
			      unsigned int n, bool headers_last,
			      struct mv_layout *l)
{
	char strtab[128];
	size_t slen = 1, off, i, k;
	u8 *sh;

	if (n + 2 > MV_MAX_SECS)
		return 0;
	memset(l, 0, sizeof(*l));
	memset(strtab, 0, sizeof(strtab));
	l->shnum = n + 2;

	/* .shstrtab, then the names of the other sections. */
	for (i = 0; i <= n; i++) {
		const char *name = i ? secs[i - 1].name : ".shstrtab";
		size_t nlen = strlen(name) + 1;

		for (k = 1; k < i; k++)
			if (strcmp(secs[k - 1].name, name) == 0)
				break;
		if (i && k < i) {
			l->name_off[i + 1] = l->name_off[k + 1];
			continue;
		}
		if (slen + nlen > sizeof(strtab))
			return 0;
		memcpy(strtab + slen, name, nlen);
		l->name_off[i + 1] = slen;
		slen += nlen;
	}
	l->strtab_size = slen;

	off = MODGUARD_ELF_EHDR_SIZE;
	if (!headers_last) {
		l->shoff = off;
		off += l->shnum * MODGUARD_ELF_SHDR_SIZE;
	}
	l->off[1] = off;
	off += slen;
	for (i = 0; i < n; i++) {
		l->off[i + 2] = off;
		if (secs[i].type != MODGUARD_ELF_SHT_NOBITS)
			off += secs[i].len;
	}
	if (headers_last) {
		l->shoff = off;
		off += l->shnum * MODGUARD_ELF_SHDR_SIZE;
	}
	if (off > size)
		return 0;
	l->len = off;
	memset(buf, 0, off);

	memcpy(buf, "\177ELF", 4);
	buf[MODGUARD_ELF_EI_CLASS] = MODGUARD_ELF_CLASS64;
	buf[MODGUARD_ELF_EI_DATA] = MODGUARD_ELF_DATA2LSB;
	buf[6] = 1;					/* EI_VERSION */
	mv_put_le16(buf + MODGUARD_ELF_E_TYPE, MODGUARD_ELF_ET_REL);
	mv_put_le16(buf + 18, 62);			/* EM_X86_64 */
	mv_put_le32(buf + 20, 1);			/* e_version */
	mv_put_le64(buf + MODGUARD_ELF_E_SHOFF, l->shoff);
	mv_put_le16(buf + 52, MODGUARD_ELF_EHDR_SIZE);	/* e_ehsize */
	mv_put_le16(buf + MODGUARD_ELF_E_SHENTSIZE, MODGUARD_ELF_SHDR_SIZE);
	mv_put_le16(buf + MODGUARD_ELF_E_SHNUM, l->shnum);
	mv_put_le16(buf + MODGUARD_ELF_E_SHSTRNDX, 1);

	memcpy(buf + l->off[1], strtab, slen);
	sh = buf + l->shoff + MODGUARD_ELF_SHDR_SIZE;
	mv_put_le32(sh + MODGUARD_ELF_SH_NAME, l->name_off[1]);
	mv_put_le32(sh + MODGUARD_ELF_SH_TYPE, MODGUARD_ELF_SHT_STRTAB);
	mv_put_le64(sh + MODGUARD_ELF_SH_OFFSET, l->off[1]);
	mv_put_le64(sh + MODGUARD_ELF_SH_SIZE, slen);

	for (i = 0; i < n; i++) {
		const struct mv_sec *s = &secs[i];

		sh = buf + l->shoff + (i + 2) * MODGUARD_ELF_SHDR_SIZE;
		mv_put_le32(sh + MODGUARD_ELF_SH_NAME, l->name_off[i + 2]);
		mv_put_le32(sh + MODGUARD_ELF_SH_TYPE, s->type);
		mv_put_le64(sh + MODGUARD_ELF_SH_FLAGS, s->flags);
		mv_put_le64(sh + MODGUARD_ELF_SH_OFFSET, l->off[i + 2]);
		mv_put_le64(sh + MODGUARD_ELF_SH_SIZE, s->len);
		if (s->type != MODGUARD_ELF_SHT_NOBITS && s->data)
			memcpy(buf + l->off[i + 2], s->data, s->len);
	}
	return off;
}

/* Section header @i of a laid-out image. */
static inline u8 *mv_shdr(u8 *buf, const struct mv_layout *l, unsigned int i)
{
	return buf + l->shoff + (size_t)i * MODGUARD_ELF_SHDR_SIZE;
}

/* The index of the first section called @name, or 0. */
static inline unsigned int mv_find(const struct mv_sec *secs, unsigned int n,
				   const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strcmp(secs[i].name, name) == 0)
			return i + 2;
	return 0;
}

/*
 * mv_make() - Lay out the image of case @c in @buf (MV_IMAGE_MAX bytes).
 * Returns the image length; sets *@null when the case passes a NULL image.
 */
static inline size_t mv_make(const struct modinfo_case *c, u8 *buf, bool *null)
{
	static const u8 text[16] = { 0x55, 0x48, 0x89, 0xe5, 0x5d, 0xc3 };
	u8 mod[MV_THIS_SIZE];
	struct mv_sec secs[MV_MAX_SECS];
	struct mv_layout l;
	unsigned int n = 0, idx;
	size_t len;
	u8 *sh;

	*null = false;
	memset(mod, 0, sizeof(mod));
	if (c->this_name)
		memcpy(mod + MV_NAME_OFF, c->this_name,
		       strnlen(c->this_name, MV_NAME_SIZE));
	if (c->m == MV_THIS_UNTERM)
		memset(mod + MV_NAME_OFF, 'x', sizeof(mod) - MV_NAME_OFF);
	if (c->m == MV_THIS_LONG_NAME) {
		for (idx = 0; idx < MV_NAME_SIZE - 1; idx++)
			mod[MV_NAME_OFF + idx] = '0' + idx % 10;
		memset(mod + MV_NAME_OFF + MV_NAME_SIZE, 'x', 16);
	}

	secs[n++] = (struct mv_sec){ ".text", MODGUARD_ELF_SHT_PROGBITS,
		MV_SHF_ALLOC | MV_SHF_EXECINSTR, text, sizeof(text) };
	if (c->modinfo) {
		secs[n++] = (struct mv_sec){ ".modinfo",
			MODGUARD_ELF_SHT_PROGBITS, MV_SHF_ALLOC,
			(const u8 *)c->modinfo, c->modinfo_len };
		if (c->m == MV_DUP_MODINFO) {
			secs[n] = secs[n - 1];
			n++;
		}
	}
	if (c->this_name) {
		secs[n++] = (struct mv_sec){ ".gnu.linkonce.this_module",
			MODGUARD_ELF_SHT_PROGBITS, MV_SHF_ALLOC | MV_SHF_WRITE,
			mod, sizeof(mod) };
		if (c->m == MV_DUP_THIS) {
			secs[n] = secs[n - 1];
			n++;
		}
	}
	secs[n++] = (struct mv_sec){ ".bss", MODGUARD_ELF_SHT_NOBITS,
		MV_SHF_ALLOC | MV_SHF_WRITE, NULL, 64 };

	len = mv_build(buf, MV_IMAGE_MAX, secs, n, c->m == MV_HEADERS_LAST ||
		       c->m == MV_SHNUM_PLUS_ONE, &l);
	if (!len)
		return 0;

	switch (c->m) {
	case MV_NONE:
	case MV_HEADERS_LAST:
	case MV_DUP_MODINFO:
	case MV_DUP_THIS:
	case MV_THIS_UNTERM:
	case MV_THIS_LONG_NAME:
		break;
	case MV_EMPTY:
		len = 0;
		break;
	case MV_NULL:
		*null = true;
		break;
	case MV_LEN:
		len = c->arg;
		break;
	case MV_BAD_MAGIC:
		buf[1] = 'e';
		break;
	case MV_CLASS32:
		buf[MODGUARD_ELF_EI_CLASS] = 1;
		break;
	case MV_BIG_ENDIAN:
		buf[MODGUARD_ELF_EI_DATA] = 2;
		break;
	case MV_ET_EXEC:
		mv_put_le16(buf + MODGUARD_ELF_E_TYPE, 2);
		break;
	case MV_SHENTSIZE:
		mv_put_le16(buf + MODGUARD_ELF_E_SHENTSIZE, c->arg);
		break;
	case MV_SHOFF:
		mv_put_le64(buf + MODGUARD_ELF_E_SHOFF,
			    c->arg == MV_AT_LEN ? len : c->arg);
		break;
	case MV_SHNUM:
		mv_put_le16(buf + MODGUARD_ELF_E_SHNUM, c->arg);
		break;
	case MV_SHNUM_PLUS_ONE:
		mv_put_le16(buf + MODGUARD_ELF_E_SHNUM, l.shnum + 1);
		break;
	case MV_SHSTRNDX:
		mv_put_le16(buf + MODGUARD_ELF_E_SHSTRNDX,
			    c->arg == MV_AT_LEN ? l.shnum : c->arg);
		break;
	case MV_SHSTRTAB_TYPE:
		mv_put_le32(mv_shdr(buf, &l, 1) + MODGUARD_ELF_SH_TYPE,
			    MODGUARD_ELF_SHT_PROGBITS);
		break;
	case MV_SHSTRTAB_EMPTY:
		mv_put_le64(mv_shdr(buf, &l, 1) + MODGUARD_ELF_SH_SIZE, 0);
		break;
	case MV_SHSTRTAB_UNTERM:
		mv_put_le64(mv_shdr(buf, &l, 1) + MODGUARD_ELF_SH_SIZE,
			    l.strtab_size - 1);
		break;
	case MV_SH_NAME_PAST:
		mv_put_le32(mv_shdr(buf, &l, 2) + MODGUARD_ELF_SH_NAME,
			    l.strtab_size);
		break;
	case MV_SEC0_TYPE:
		mv_put_le32(mv_shdr(buf, &l, 0) + MODGUARD_ELF_SH_TYPE,
			    MODGUARD_ELF_SHT_PROGBITS);
		break;
	case MV_SEC0_SIZE:
		mv_put_le64(mv_shdr(buf, &l, 0) + MODGUARD_ELF_SH_SIZE, 1);
		break;
	case MV_SEC0_ADDR:
		mv_put_le64(mv_shdr(buf, &l, 0) + MODGUARD_ELF_SH_ADDR, 1);
		break;
	case MV_TEXT_OFFSET:
		sh = mv_shdr(buf, &l, 2);
		mv_put_le64(sh + MODGUARD_ELF_SH_OFFSET,
			    c->arg == MV_AT_LEN ? len : c->arg);
		mv_put_le64(sh + MODGUARD_ELF_SH_SIZE, 1);
		break;
	case MV_TEXT_SIZE:
		sh = mv_shdr(buf, &l, 2);
		mv_put_le64(sh + MODGUARD_ELF_SH_SIZE,
			    len - mv_get_le64(sh + MODGUARD_ELF_SH_OFFSET) + 1);
		break;
	case MV_TEXT_WRAP:
		sh = mv_shdr(buf, &l, 2);
		mv_put_le64(sh + MODGUARD_ELF_SH_OFFSET, 0xfffffffffffffff0ULL);
		mv_put_le64(sh + MODGUARD_ELF_SH_SIZE, 0x20);
		break;
	case MV_MODINFO_OFFSET:
		idx = mv_find(secs, n, ".modinfo");
		sh = mv_shdr(buf, &l, idx);
		mv_put_le64(sh + MODGUARD_ELF_SH_OFFSET,
			    len - c->modinfo_len + 1);
		break;
	case MV_BSS_FAR:
		idx = mv_find(secs, n, ".bss");
		mv_put_le64(mv_shdr(buf, &l, idx) + MODGUARD_ELF_SH_OFFSET,
			    0xfffffffffffffff0ULL);
		break;
	case MV_NULL_SEC_WILD:
		idx = mv_find(secs, n, ".bss");
		sh = mv_shdr(buf, &l, idx);
		mv_put_le32(sh + MODGUARD_ELF_SH_TYPE, MODGUARD_ELF_SHT_NULL);
		mv_put_le32(sh + MODGUARD_ELF_SH_NAME, 0xfffffff0);
		mv_put_le64(sh + MODGUARD_ELF_SH_OFFSET, 0xfffffffffffffff0ULL);
		break;
	case MV_MODINFO_NOBITS:
	case MV_MODINFO_NULL_TYPE:
		idx = mv_find(secs, n, ".modinfo");
		mv_put_le32(mv_shdr(buf, &l, idx) + MODGUARD_ELF_SH_TYPE,
			    c->m == MV_MODINFO_NOBITS ? MODGUARD_ELF_SHT_NOBITS :
			    MODGUARD_ELF_SHT_NULL);
		break;
	case MV_THIS_NOBITS:
		idx = mv_find(secs, n, ".gnu.linkonce.this_module");
		mv_put_le32(mv_shdr(buf, &l, idx) + MODGUARD_ELF_SH_TYPE,
			    MODGUARD_ELF_SHT_NOBITS);
		break;
	case MV_MODINFO_RENAMED:
		idx = mv_find(secs, n, ".modinfo");
		mv_put_le32(mv_shdr(buf, &l, idx) + MODGUARD_ELF_SH_NAME,
			    l.name_off[idx] + 1);
		break;
	case MV_MODINFO_NO_ALLOC:
		idx = mv_find(secs, n, ".modinfo");
		mv_put_le64(mv_shdr(buf, &l, idx) + MODGUARD_ELF_SH_FLAGS, 0);
		break;
	case MV_THIS_SMALL:
		idx = mv_find(secs, n, ".gnu.linkonce.this_module");
		mv_put_le64(mv_shdr(buf, &l, idx) + MODGUARD_ELF_SH_SIZE,
			    c->arg);
		break;
	}
	return len;
}

#endif /* _SECURITY_MODGUARD_MODINFO_VECTORS_H */
