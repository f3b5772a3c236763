// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - find the certificate lists of a kernel image (vmlinux, or
 * the vmlinux compressed inside a bzImage); see kcerts.h for the shape
 * looked for. Pure parsers, no I/O (certs.c reads and decompresses).
 */

#include <errno.h>
#include <string.h>

#include "kcerts.h"

/* Boot protocol offsets (Documentation/arch/x86/boot.rst). */
#define BZ_SETUP_SECTS		0x1f1
#define BZ_BOOT_FLAG		0x1fe	/* 0xaa55 */
#define BZ_HEADER		0x202	/* "HdrS" */
#define BZ_VERSION		0x206
#define BZ_PAYLOAD_OFFSET	0x248
#define BZ_PAYLOAD_LENGTH	0x24c
#define BZ_MIN_VERSION		0x0208	/* payload_offset/length appear */

/* How much zero fill (CONFIG_SYSTEM_EXTRA_CERTIFICATE_SIZE) to skip. */
#define EXTRA_CERT_MAX		(1 << 20)

static u64 le64(const u8 *p)
{
	u64 v = 0;
	int i;

	for (i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static u32 le32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

/*
 * load_certificate_list(): SEQUENCEs with two length octets, back to
 * back. Returns the bytes the run covers from @off; fills @l when given.
 */
static size_t cert_run(const u8 *img, size_t len, size_t off,
		       struct mg_kcert_list *l)
{
	size_t p = off, plen;

	while (len - p >= 4 && img[p] == 0x30 && img[p + 1] == 0x82) {
		plen = ((size_t)img[p + 2] << 8 | img[p + 3]) + 4;
		if (plen > len - p)
			break;
		if (l) {
			if (l->n == MG_KCERTS_MAX)
				return 0;
			l->der[l->n] = img + p;
			l->len[l->n] = plen;
			l->n++;
		}
		p += plen;
	}
	return p - off;
}

/*
 * The word after a run ending at @end, past zero fill and alignment;
 * the offset of the word, or 0 when there is none.
 */
static size_t size_word(const u8 *img, size_t len, size_t end)
{
	size_t q = (end + 7) & ~(size_t)7;

	while (q >= end && len >= 8 && q <= len - 8 && !le64(img + q) &&
	       q - end < EXTRA_CERT_MAX)
		q += 8;
	if (q < end || len < 8 || q > len - 8)
		return 0;
	return q;
}

/**
 * mg_kcerts_find() - Find the certificate lists in a decompressed image.
 * @image: A vmlinux (with or without symbols), or any bytes.
 * @len: Its length.
 * @k: @k->sys and @k->rev are filled in (the first of each found).
 *
 * The first run followed by its length and then the first certificate's
 * length (module_cert_size, or 0 without a module signing key) is the
 * system list; another run followed by its length is the revocation
 * list.
 *
 * Return: 0 when the system list was found; -ENOENT when it was not;
 * -E2BIG when a list has more than MG_KCERTS_MAX certificates.
 */
int mg_kcerts_find(const u8 *image, size_t len, struct mg_kcerts *k)
{
	struct mg_kcert_list *l;
	size_t off, run, w;
	u64 next;

	memset(&k->sys, 0, sizeof(k->sys));
	memset(&k->rev, 0, sizeof(k->rev));
	for (off = 0; len >= 4 && off <= len - 4; off += 8) {
		if (image[off] != 0x30 || image[off + 1] != 0x82)
			continue;
		run = cert_run(image, len, off, NULL);
		if (!run)
			continue;
		w = size_word(image, len, off + run);
		if (!w || le64(image + w) != run)
			continue;
		/*
		 * certs/Makefile links system_certificates.o first: the first
		 * run with module_cert_size after its size is the system list.
		 */
		next = w <= len - 16 ? le64(image + w + 8) : (u64)-1;
		l = !k->sys.found && (next == 0 || next ==
			(((u64)image[off + 2] << 8 | image[off + 3]) + 4)) ?
		    &k->sys : &k->rev;
		if (l->found)
			continue;
		l->found = true;
		if (!cert_run(image, len, off, l))
			return -E2BIG;
		if (k->sys.found && k->rev.found)
			break;
		off += (run & ~(size_t)7);
	}
	return k->sys.found ? 0 : -ENOENT;
}

/**
 * mg_bzimage_payload() - The compressed vmlinux inside a bzImage.
 * @data: The bzImage.
 * @len: Its length.
 * @payload: Set to the payload, inside @data.
 * @payload_len: Its length, as the setup header gives it (the
 *               compressor's output and the 4-byte size Kbuild appends).
 *
 * Return: 0; -ENOEXEC when @data is not a bzImage of boot protocol 2.08
 * or later; -EINVAL when the payload lies outside it.
 */
int mg_bzimage_payload(const u8 *data, size_t len, const u8 **payload,
		       size_t *payload_len)
{
	size_t setup, off, plen;

	if (len < BZ_PAYLOAD_LENGTH + 4 || data[BZ_BOOT_FLAG] != 0x55 ||
	    data[BZ_BOOT_FLAG + 1] != 0xaa ||
	    memcmp(data + BZ_HEADER, "HdrS", 4) ||
	    (data[BZ_VERSION] | data[BZ_VERSION + 1] << 8) < BZ_MIN_VERSION)
		return -ENOEXEC;
	setup = data[BZ_SETUP_SECTS] ? data[BZ_SETUP_SECTS] : 4;
	setup = (setup + 1) * 512;
	off = le32(data + BZ_PAYLOAD_OFFSET);
	plen = le32(data + BZ_PAYLOAD_LENGTH);
	if (setup > len || off > len - setup || plen > len - setup - off ||
	    !plen)
		return -EINVAL;
	*payload = data + setup + off;
	*payload_len = plen;
	return 0;
}
