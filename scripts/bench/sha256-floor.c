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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
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

static int hash_file(const char *path, unsigned char *buf, EVP_MD_CTX *ctx,
		     unsigned long long *bytes)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		perror(path);
		return -1;
	}
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	while ((n = read(fd, buf, CHUNK)) > 0) {
		EVP_DigestUpdate(ctx, buf, n);
		*bytes += n;
	}
	close(fd);
	if (n < 0) {
		perror(path);
		return -1;
	}
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

/*
 * The RSA key of the largest modulus among the certificates in @cert_path:
 * a kernel's certificate list holds its CA's too, and Debian's module
 * signing key (RSA-4096) is the largest.
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
		if (k && EVP_PKEY_get_base_id(k) == EVP_PKEY_RSA &&
		    (!key || EVP_PKEY_get_bits(k) > EVP_PKEY_get_bits(key))) {
			EVP_PKEY_free(key);
			key = k;
		} else {
			EVP_PKEY_free(k);
		}
	}
	fclose(f);
	if (!key) {
		fprintf(stderr, "%s: no certificate with an RSA key\n",
			cert_path);
		return -1;
	}
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
	unsigned char *buf = malloc(CHUNK);
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t i;

	if (!buf || !ctx) {
		t->failed = 1;
		goto out;
	}
	for (;;) {
		pthread_mutex_lock(&lock);
		i = next_path++;
		pthread_mutex_unlock(&lock);
		if (i >= n_paths)
			break;
		if (hash_file(paths[i], buf, ctx, &t->bytes))
			t->failed = 1;
		else
			t->files++;
	}
out:
	EVP_MD_CTX_free(ctx);
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
