// SPDX-License-Identifier: GPL-2.0-only
/*
 * sha256-floor - the floor of `make bench`'s scan comparison: read each
 * file named on standard input (one path a line) once and take its sha256
 * with libcrypto (the library and the SHA extensions modguardctl can use),
 * with JOBS threads. Nothing a verifier can do over the same files is
 * cheaper than this.
 *
 *   sha256-floor JOBS < list
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

#define CHUNK (1 << 20)

static char **paths;
static size_t n_paths;
static size_t next_path;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

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

	jobs = argc == 2 ? atoi(argv[1]) : 0;
	if (jobs < 1) {
		fprintf(stderr, "usage: sha256-floor JOBS < list\n");
		return 2;
	}
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
