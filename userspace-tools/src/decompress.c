// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - decompress module files as the kernel's loader does
 *
 * kernel/module/decompress.c decodes one gzip member, one xz stream or
 * one zstd frame; modguard hashes what comes out. This does the same in
 * memory, and refuses anything it cannot decode exactly: a truncated or
 * corrupt stream, data after the stream (the kernel would ignore it, so
 * a digest of the whole would mislead), or output beyond a size cap
 * (a small file can expand without bound).
 */

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#define ZSTD_STATIC_LINKING_ONLY	/* ZSTD_WINDOWLOG_MAX */
#include <zstd.h>

#include "compat.h"
#include "compress.h"
#include "decompress.h"

static const struct {
	const char *name;
} formats[] = {
	[MG_COMP_NONE] = { "none" },
	[MG_COMP_GZIP] = { "gzip" },
	[MG_COMP_XZ] = { "xz" },
	[MG_COMP_ZSTD] = { "zstd" },
};

static_assert(ARRAY_SIZE(formats) == __MG_COMP_MAX,
	      "one entry per compression");
/* The kernel side's enum, shared in kernel/common/compress.h, names the same. */
static_assert(MG_COMP_GZIP == (int)MODGUARD_COMP_GZIP &&
	      MG_COMP_XZ == (int)MODGUARD_COMP_XZ &&
	      MG_COMP_ZSTD == (int)MODGUARD_COMP_ZSTD &&
	      __MG_COMP_MAX == (int)__MODGUARD_COMP_MAX,
	      "mg_compression follows modguard_compression");

/**
 * mg_compression_of() - Which compression a file uses, by its magic bytes.
 * @data: The file.
 * @len: Its length.
 *
 * The magic numbers the kernel checks (kernel/module/decompress.c); the
 * name of the file does not count.
 *
 * Return: the compression, MG_COMP_NONE for anything else.
 */
enum mg_compression mg_compression_of(const unsigned char *data, size_t len)
{
	return (enum mg_compression)modguard_compression_of(data, len);
}

/**
 * mg_compression_name() - "gzip", "xz", "zstd", or "none".
 * @c: The compression.
 *
 * Return: its name.
 */
const char *mg_compression_name(enum mg_compression c)
{
	return (unsigned int)c < ARRAY_SIZE(formats) ? formats[c].name : "?";
}

/* The output buffer: grows by doubling up to a cap. */
struct outbuf {
	unsigned char *p;
	size_t len;	/* bytes written */
	size_t cap;	/* bytes allocated */
	size_t max;	/* never more */
};

/*
 * Make room for more output. Returns 0, -EFBIG at the cap (the stream
 * has more than max bytes to give) or -ENOMEM.
 */
static int grow(struct outbuf *o)
{
	size_t cap;
	void *p;

	if (o->cap >= o->max)
		return -EFBIG;
	cap = o->cap > o->max / 2 ? o->max : o->cap * 2;
	p = realloc(o->p, cap);
	if (!p)
		return -ENOMEM;
	o->p = p;
	o->cap = cap;
	return 0;
}

static int gunzip(const unsigned char *in, size_t len, struct outbuf *o,
		  const char **why)
{
	z_stream s = { 0 };
	int ret, err = 0;

	/* 16 + MAX_WBITS: one gzip member, its header and CRC checked. */
	if (inflateInit2(&s, 16 + MAX_WBITS) != Z_OK)
		return -ENOMEM;
	s.next_in = (unsigned char *)in;
	do {
		if (o->len == o->cap) {
			err = grow(o);
			if (err)
				goto out;
		}
		/* zlib counts in uInt: feed and drain at most UINT_MAX. */
		if (!s.avail_in) {
			s.avail_in = len - (s.next_in - in) > UINT_MAX ?
				     UINT_MAX : len - (s.next_in - in);
		}
		s.next_out = o->p + o->len;
		s.avail_out = o->cap - o->len > UINT_MAX ?
			      UINT_MAX : o->cap - o->len;
		ret = inflate(&s, Z_NO_FLUSH);
		o->len = s.next_out - o->p;
	} while (ret == Z_OK ||
		 (ret == Z_BUF_ERROR && !s.avail_out));

	switch (ret) {
	case Z_STREAM_END:
		if (s.next_in != in + len) {
			*why = "data after the end of the compressed stream";
			err = -EINVAL;
		}
		break;
	case Z_BUF_ERROR:
		*why = "truncated compressed data";
		err = -EINVAL;
		break;
	case Z_MEM_ERROR:
		err = -ENOMEM;
		break;
	default:
		*why = s.msg ? s.msg : "corrupt compressed data";
		err = -EINVAL;
	}
out:
	inflateEnd(&s);
	return err;
}

static const char *lzma_why(lzma_ret ret)
{
	switch (ret) {
	case LZMA_FORMAT_ERROR:
		return "not an xz stream";
	case LZMA_OPTIONS_ERROR:
		return "unsupported xz options";
	case LZMA_DATA_ERROR:
		return "corrupt compressed data";
	case LZMA_BUF_ERROR:
		return "truncated compressed data";
	case LZMA_MEMLIMIT_ERROR:
		return "the xz dictionary is larger than the size cap";
	default:
		return "xz decoder error";
	}
}

/* The decoder's memory: a dictionary no larger than the output, and state. */
#define XZ_MEM_SLACK ((uint64_t)64 << 20)

static int unxz(const unsigned char *in, size_t len, struct outbuf *o,
		const char **why)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret ret;
	int err = 0;

	/*
	 * One stream, as the kernel decodes (no LZMA_CONCATENATED); any
	 * integrity check is accepted and verified when liblzma knows it.
	 */
	if (lzma_stream_decoder(&s, o->max > UINT64_MAX - XZ_MEM_SLACK ?
				    UINT64_MAX : o->max + XZ_MEM_SLACK,
				0) != LZMA_OK)
		return -ENOMEM;
	s.next_in = in;
	s.avail_in = len;
	do {
		if (o->len == o->cap) {
			err = grow(o);
			if (err)
				goto out;
		}
		s.next_out = o->p + o->len;
		s.avail_out = o->cap - o->len;
		ret = lzma_code(&s, LZMA_FINISH);
		o->len = s.next_out - o->p;
	} while (ret == LZMA_OK ||
		 (ret == LZMA_BUF_ERROR && !s.avail_out));

	if (ret == LZMA_STREAM_END) {
		if (s.avail_in) {
			*why = "data after the end of the compressed stream";
			err = -EINVAL;
		}
	} else if (ret == LZMA_MEM_ERROR) {
		err = -ENOMEM;
	} else {
		*why = lzma_why(ret);
		err = -EINVAL;
	}
out:
	lzma_end(&s);
	return err;
}

static int unzstd(const unsigned char *in, size_t len, struct outbuf *o,
		  const char **why)
{
	ZSTD_inBuffer src = { in, len, 0 };
	ZSTD_outBuffer dst;
	ZSTD_DCtx *d;
	size_t ret;
	int err = 0;

	d = ZSTD_createDCtx();
	if (!d)
		return -ENOMEM;
	/* The kernel accepts windows up to ZSTD_WINDOWLOG_MAX (zstd --long). */
	ret = ZSTD_DCtx_setParameter(d, ZSTD_d_windowLogMax,
				     ZSTD_WINDOWLOG_MAX);
	if (ZSTD_isError(ret)) {
		err = -ENOMEM;
		goto out;
	}
	/* One frame: ret is 0 once it is complete. */
	do {
		if (o->len == o->cap) {
			err = grow(o);
			if (err)
				goto out;
		}
		dst.dst = o->p;
		dst.size = o->cap;
		dst.pos = o->len;
		ret = ZSTD_decompressStream(d, &dst, &src);
		o->len = dst.pos;
		if (ZSTD_isError(ret)) {
			*why = ZSTD_getErrorName(ret);
			err = -EINVAL;
			goto out;
		}
	} while (ret && (src.pos < src.size || dst.pos == dst.size));

	if (ret) {
		*why = "truncated compressed data";
		err = -EINVAL;
	} else if (src.pos != src.size) {
		*why = "data after the end of the compressed frame";
		err = -EINVAL;
	}
out:
	ZSTD_freeDCtx(d);
	return err;
}

/**
 * mg_decompress() - Decompress a whole module file in memory.
 * @c: Its compression (not MG_COMP_NONE).
 * @in: The compressed file.
 * @in_len: Its length.
 * @max: The most output accepted, in bytes.
 * @out: Set to a malloc()ed buffer of the output; free() it.
 * @out_len: Set to the output length.
 * @why: Set to what is wrong with the data, for -EINVAL.
 *
 * Return: 0; -EINVAL for data that does not decode (truncated, corrupt,
 * trailing data; see *@why); -EFBIG when the output would exceed @max;
 * -ENOMEM.
 */
int mg_decompress(enum mg_compression c, const unsigned char *in,
		  size_t in_len, size_t max, unsigned char **out,
		  size_t *out_len, const char **why)
{
	/*
	 * One byte more than @max: a stream that ends exactly at @max may
	 * need room to say so before it ends.
	 */
	struct outbuf o = { .max = max < SIZE_MAX ? max + 1 : max };
	int err;

	*out = NULL;
	*out_len = 0;
	*why = NULL;
	/* Modules compress about 3:1; start at 4x, at least 64 KiB. */
	o.cap = in_len < ((size_t)16 << 10) ? (size_t)64 << 10 :
		in_len > o.max / 4 ? o.max : in_len * 4;
	if (o.cap > o.max)
		o.cap = o.max;
	o.p = malloc(o.cap);
	if (!o.p)
		return -ENOMEM;

	switch (c) {
	case MG_COMP_GZIP:
		err = gunzip(in, in_len, &o, why);
		break;
	case MG_COMP_XZ:
		err = unxz(in, in_len, &o, why);
		break;
	case MG_COMP_ZSTD:
		err = unzstd(in, in_len, &o, why);
		break;
	default:
		*why = "not compressed";
		err = -EINVAL;
	}
	if (!err && o.len > max)
		err = -EFBIG;
	if (err) {
		free(o.p);
		return err;
	}
	*out = o.p;
	*out_len = o.len;
	return 0;
}
