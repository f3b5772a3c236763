// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - digests of module images and payloads, with libcrypto
 *
 * The algorithms are fetched once per process: EVP_Digest() with
 * EVP_sha256() and the like would look the implementation up in the
 * provider store on every call, under its lock, from every scan thread.
 */

#include <pthread.h>

#include "digest.h"

static const char *const evp_names[] = {
	[MG_HASH_SHA1] = "SHA1",
	[MG_HASH_SHA224] = "SHA2-224",
	[MG_HASH_SHA256] = "SHA2-256",
	[MG_HASH_SHA384] = "SHA2-384",
	[MG_HASH_SHA512] = "SHA2-512",
	[MG_HASH_SHA3_256] = "SHA3-256",
	[MG_HASH_SHA3_384] = "SHA3-384",
	[MG_HASH_SHA3_512] = "SHA3-512",
};
static_assert(ARRAY_SIZE(evp_names) == __MG_HASH_MAX,
	      "evp_names must name every enum mg_pkcs7_hash");

static const u8 sizes[] = {
	[MG_HASH_SHA1] = 20,
	[MG_HASH_SHA224] = 28,
	[MG_HASH_SHA256] = 32,
	[MG_HASH_SHA384] = 48,
	[MG_HASH_SHA512] = 64,
	[MG_HASH_SHA3_256] = 32,
	[MG_HASH_SHA3_384] = 48,
	[MG_HASH_SHA3_512] = 64,
};
static_assert(ARRAY_SIZE(sizes) == __MG_HASH_MAX,
	      "sizes must size every enum mg_pkcs7_hash");

/* Fetched once; kept until exit (the default provider stays loaded). */
static EVP_MD *evp_mds[__MG_HASH_MAX];
static pthread_once_t fetched = PTHREAD_ONCE_INIT;

static void fetch_all(void)
{
	unsigned int i;

	for (i = 0; i < __MG_HASH_MAX; i++)
		evp_mds[i] = EVP_MD_fetch(NULL, evp_names[i], NULL);
}

/**
 * mg_digest_md() - libcrypto's implementation of a digest.
 * @hash: A &enum mg_pkcs7_hash.
 *
 * Context: Thread-safe.
 * Return: the implementation, or NULL (unknown @hash, or libcrypto lacks
 * it).
 */
const EVP_MD *mg_digest_md(unsigned int hash)
{
	if (hash >= __MG_HASH_MAX || pthread_once(&fetched, fetch_all))
		return NULL;
	return evp_mds[hash];
}

/**
 * mg_digest_size() - The size of a digest.
 * @hash: A &enum mg_pkcs7_hash.
 *
 * Return: bytes, or 0 for an unknown @hash.
 */
size_t mg_digest_size(unsigned int hash)
{
	return hash < __MG_HASH_MAX ? sizes[hash] : 0;
}

/**
 * mg_digest() - Digest a buffer in one call.
 * @hash: A &enum mg_pkcs7_hash.
 * @data: The bytes.
 * @len: How many.
 * @out: Receives mg_digest_size(@hash) bytes.
 *
 * Context: Thread-safe.
 * Return: 0, or -1 (unknown @hash, or libcrypto failed).
 */
int mg_digest(unsigned int hash, const void *data, size_t len, u8 *out)
{
	const EVP_MD *md = mg_digest_md(hash);

	return md && EVP_Digest(data, len, out, NULL, md, NULL) ? 0 : -1;
}

/**
 * mg_digests_init() - Start the digests of a payload; none is computed yet.
 * @d: The digests.
 * @data: The payload; it must outlive @d.
 * @len: Its length.
 */
void mg_digests_init(struct mg_digests *d, const void *data, size_t len)
{
	d->data = data;
	d->len = len;
	d->done = 0;
}

/**
 * mg_digests_get() - A digest of the payload, computed on first use.
 * @d: The digests.
 * @hash: A &enum mg_pkcs7_hash.
 *
 * Return: mg_digest_size(@hash) bytes inside @d, or NULL when @hash is
 * unknown or libcrypto failed.
 */
const u8 *mg_digests_get(struct mg_digests *d, unsigned int hash)
{
	if (hash >= __MG_HASH_MAX)
		return NULL;
	if (!(d->done & (1u << hash))) {
		if (mg_digest(hash, d->data, d->len, d->md[hash]))
			return NULL;
		d->done |= 1u << hash;
	}
	return d->md[hash];
}

/**
 * mg_digests_image() - The sha256 of the payload and of the whole image
 * in one pass, as the kernel side's digests() computes them.
 * @d: The digests of the payload, which starts the image.
 * @image_len: Length of the image (payload, signature and trailer).
 * @image_md: Receives the image's sha256 (32 bytes).
 *
 * The payload's sha256 is kept in @d.
 *
 * Return: 0, or -1 (@image_len shorter than the payload, or libcrypto
 * failed).
 */
int mg_digests_image(struct mg_digests *d, size_t image_len, u8 *image_md)
{
	const EVP_MD *md = mg_digest_md(MG_HASH_SHA256);
	EVP_MD_CTX *head, *tail;
	int ok;

	if (!md || image_len < d->len)
		return -1;
	head = EVP_MD_CTX_new();
	tail = EVP_MD_CTX_new();
	ok = head && tail && EVP_DigestInit_ex(head, md, NULL) &&
	     EVP_DigestUpdate(head, d->data, d->len) &&
	     EVP_MD_CTX_copy_ex(tail, head) &&
	     EVP_DigestFinal_ex(head, d->md[MG_HASH_SHA256], NULL) &&
	     EVP_DigestUpdate(tail, d->data + d->len, image_len - d->len) &&
	     EVP_DigestFinal_ex(tail, image_md, NULL);
	EVP_MD_CTX_free(tail);
	EVP_MD_CTX_free(head);
	if (!ok)
		return -1;
	d->done |= 1u << MG_HASH_SHA256;
	return 0;
}
