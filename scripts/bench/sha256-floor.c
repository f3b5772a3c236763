// SPDX-License-Identifier: GPL-2.0-only
/*
 * sha256-floor - the floors of `make bench`'s scan comparison: read each
 * file named on standard input (one path a line) once and take its sha256
 * with libcrypto (the library and the SHA extensions modguardctl can use),
 * with JOBS threads. Nothing a tool that hashes the same files can do is
 * cheaper than this.
 *
 * With CERT (PEM certificates; the RSA key with the largest modulus among
 * them, which for a kernel's list is its module signing key),
 * each file also costs one RSA verification with that key, of a
 * signature-sized value against the digest: the same modular
 * exponentiation a real signature costs, whether or not it matches (it
 * does not: the result is ignored). That is the floor of a verifier: one
 * read, one hash pass and one signature check per file.
 *
 *   sha256-floor JOBS [CERT] < list
 *
 * Prints "files=N bytes=N"; exits 1 if a file cannot be read.
 */
#include <fcntl.h>
#include <lzma.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#define CHUNK (1 << 20)

static char **paths;
static size_t n_paths;
static size_t next_path;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static EVP_PKEY *key;
static unsigned char *sig;
static size_t sig_len;

struct totals {
	unsigned long long files, bytes;
	int failed;
};

/* Decompress the xz stream of @fd, hashing what comes out. */
static int hash_xz(int fd, const char *path, unsigned char *in,
		   unsigned char *out, EVP_MD_CTX *ctx,
		   unsigned long long *bytes)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_action action = LZMA_RUN;
	lzma_ret ret = LZMA_PROG_ERROR;
	ssize_t n;

	if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK)
		return -1;
	s.next_out = out;
	s.avail_out = CHUNK;
	do {
		if (!s.avail_in && action == LZMA_RUN) {
			n = read(fd, in, CHUNK);
			if (n < 0) {
				perror(path);
				lzma_end(&s);
				return -1;
			}
			if (!n)
				action = LZMA_FINISH;
			s.next_in = in;
			s.avail_in = n;
		}
		ret = lzma_code(&s, action);
		if (!s.avail_out || ret == LZMA_STREAM_END) {
			EVP_DigestUpdate(ctx, out, CHUNK - s.avail_out);
			*bytes += CHUNK - s.avail_out;
			s.next_out = out;
			s.avail_out = CHUNK;
		}
	} while (ret == LZMA_OK);
	lzma_end(&s);
	if (ret != LZMA_STREAM_END) {
		fprintf(stderr, "%s: xz decoder error %d\n", path, (int)ret);
		return -1;
	}
	return 0;
}

static int hash_file(const char *path, unsigned char *buf,
		     unsigned char *out, EVP_MD_CTX *ctx,
		     unsigned long long *bytes)
{
	size_t len = strlen(path);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len;
	ssize_t n = 0;
	int fd, err = 0;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return -1;
	}
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	if (len > 3 && !strcmp(path + len - 3, ".xz")) {
		err = hash_xz(fd, path, buf, out, ctx, bytes);
	} else {
		while ((n = read(fd, buf, CHUNK)) > 0) {
			EVP_DigestUpdate(ctx, buf, n);
			*bytes += n;
		}
	}
	close(fd);
	if (n < 0) {
		perror(path);
		return -1;
	}
	if (err)
		return -1;
	EVP_DigestFinal_ex(ctx, md, &md_len);
	if (key) {
		EVP_PKEY_CTX *pctx = EVP_PKEY_CTX_new(key, NULL);

		if (!pctx || EVP_PKEY_verify_init(pctx) <= 0 ||
		    EVP_PKEY_CTX_set_signature_md(pctx, EVP_sha256()) <= 0) {
			EVP_PKEY_CTX_free(pctx);
			return -1;
		}
		/* Does not match; costs what a match costs. */
		EVP_PKEY_verify(pctx, sig, sig_len, md, md_len);
		EVP_PKEY_CTX_free(pctx);
	}
	return 0;
}

/* An EC key beats an RSA one; of two of a kind, the larger. */
static int better(EVP_PKEY *k)
{
	int type = EVP_PKEY_get_base_id(k);

	if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC)
		return 0;
	if (!key)
		return 1;
	if (type != EVP_PKEY_get_base_id(key))
		return type == EVP_PKEY_EC;
	return EVP_PKEY_get_bits(k) > EVP_PKEY_get_bits(key);
}

/* A DER ECDSA-Sig-Value for @key: r and s random in [1, n-1]. */
static int ec_sig(void)
{
	char curve[64];
	EC_GROUP *group = NULL;
	const BIGNUM *order;
	ECDSA_SIG *es = NULL;
	BIGNUM *r = BN_new(), *s = BN_new();
	unsigned char *p;
	int len, err = -1;

	if (!r || !s ||
	    !EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
					    curve, sizeof(curve), NULL))
		goto out;
	group = EC_GROUP_new_by_curve_name(OBJ_txt2nid(curve));
	if (!group)
		goto out;
	order = EC_GROUP_get0_order(group);
	do {
		if (!BN_rand_range(r, order) || !BN_rand_range(s, order))
			goto out;
	} while (BN_is_zero(r) || BN_is_zero(s));
	es = ECDSA_SIG_new();
	if (!es || !ECDSA_SIG_set0(es, r, s))
		goto out;
	r = s = NULL;
	len = i2d_ECDSA_SIG(es, NULL);
	sig = len > 0 ? malloc(len) : NULL;
	p = sig;
	if (sig && i2d_ECDSA_SIG(es, &p) == len) {
		sig_len = len;
		err = 0;
	}
out:
	if (err)
		fprintf(stderr, "cannot make an ECDSA signature value\n");
	ECDSA_SIG_free(es);
	EC_GROUP_free(group);
	BN_free(r);
	BN_free(s);
	return err;
}

/*
 * The key of @cert_path that signs modules, by better(): a kernel's
 * certificate list holds its CA's too (RSA), and Debian's module signing
 * key is the EC key (6.12: ECDSA P-384) or else the largest RSA one (6.1:
 * RSA-4096).
 */
static int load_key(const char *cert_path)
{
	FILE *f = fopen(cert_path, "r");
	EVP_PKEY *k;
	X509 *cert;

	if (!f) {
		perror(cert_path);
		return -1;
	}
	while ((cert = PEM_read_X509(f, NULL, NULL, NULL))) {
		k = X509_get_pubkey(cert);
		X509_free(cert);
		if (k && better(k)) {
			EVP_PKEY_free(key);
			key = k;
		} else {
			EVP_PKEY_free(k);
		}
	}
	fclose(f);
	if (!key) {
		fprintf(stderr, "%s: no certificate with an RSA or EC key\n",
			cert_path);
		return -1;
	}
	if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC)
		return ec_sig();
	/* Below the modulus: 0x00 0x01 0x01 ... */
	sig_len = EVP_PKEY_get_size(key);
	sig = malloc(sig_len);
	if (!sig)
		return -1;
	memset(sig, 0x01, sig_len);
	sig[0] = 0;
	return 0;
}

static void *worker(void *arg)
{
	struct totals *t = arg;
	unsigned char *buf = malloc(CHUNK), *dec = malloc(CHUNK);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t i;

	if (!buf || !dec || !ctx) {
		t->failed = 1;
		goto out;
	}
	for (;;) {
		pthread_mutex_lock(&lock);
		i = next_path++;
		pthread_mutex_unlock(&lock);
		if (i >= n_paths)
			break;
		if (hash_file(paths[i], buf, dec, ctx, &t->bytes))
			t->failed = 1;
		else
			t->files++;
	}
out:
	EVP_MD_CTX_free(ctx);
	free(dec);
	free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	struct totals total = { 0 }, *t;
	pthread_t *tid;
	size_t cap = 0, len = 0;
	char *line = NULL;
	ssize_t n;
	int jobs, i;

	jobs = argc == 2 || argc == 3 ? atoi(argv[1]) : 0;
	if (jobs < 1) {
		fprintf(stderr, "usage: sha256-floor JOBS [CERT] < list\n");
		return 2;
	}
	if (argc == 3 && load_key(argv[2]))
		return 2;
	while ((n = getline(&line, &len, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		if (n_paths == cap) {
			cap = cap ? 2 * cap : 1024;
			paths = realloc(paths, cap * sizeof(*paths));
			if (!paths) {
				perror("realloc");
				return 1;
			}
		}
		paths[n_paths++] = strdup(line);
	}
	tid = calloc(jobs, sizeof(*tid));
	t = calloc(jobs, sizeof(*t));
	if (!tid || !t) {
		perror("calloc");
		return 1;
	}
	for (i = 0; i < jobs; i++)
		pthread_create(&tid[i], NULL, worker, &t[i]);
	for (i = 0; i < jobs; i++) {
		pthread_join(tid[i], NULL);
		total.files += t[i].files;
		total.bytes += t[i].bytes;
		total.failed |= t[i].failed;
	}
	printf("files=%llu bytes=%llu\n", total.files, total.bytes);
	return total.failed;
}
