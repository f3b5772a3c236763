// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg-bench - the timing helper of `make bench`, run in the VM (static).
 *
 *   mg-bench load finit|init FILE NAME N WANT
 *	Load FILE N + 1 times through exactly one syscall, unloading module
 *	NAME after each successful load; WANT is "ok" or "errno=NAME" (as
 *	mg-load prints). Each syscall is timed with CLOCK_MONOTONIC; the
 *	first load is reported apart (first_us), the other N in the order
 *	they ran (samples_us) and as min, first quartile, median, third
 *	quartile and max. Prints one "bench load" line; exits 1 if any load
 *	did not give WANT.
 *   mg-bench policy N FILE
 *	Write a policy of N "deny digest=" rules (pseudo-random digests that
 *	no module has) to FILE.
 *   mg-bench write FILE DEST
 *	Copy FILE into DEST in one write(2) (a securityfs policy load),
 *	timed; prints one "bench write" line; exits 1 if the write fails.
 *
 * Only the syscall under test is inside the timed interval: opening the
 * file (finit) or reading it into memory (init) happens before, the
 * unload after.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The value at fraction @q of sorted @v, interpolated between ranks. */
static double quantile(const uint64_t *v, size_t n, double q)
{
	double pos = q * (n - 1);
	size_t i = (size_t)pos;

	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (pos - i) * ((double)v[i + 1] - v[i]);
}

static char *read_file(const char *path, size_t *len)
{
	struct stat st;
	size_t got = 0;
	ssize_t n;
	char *buf;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(path);
		return NULL;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		perror("malloc");
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, st.st_size - got);
		if (n <= 0) {
			perror(path);
			free(buf);
			close(fd);
			return NULL;
		}
		got += n;
	}
	close(fd);
	*len = got;
	return buf;
}

/* What a load gave, spelt as WANT is: "ok", "errno=EPERM", "errno=22". */
static const struct {
	int err;
	const char *name;
} names[] = {
	{ EPERM, "EPERM" },	{ ENOEXEC, "ENOEXEC" },
	{ EEXIST, "EEXIST" },	{ EBADMSG, "EBADMSG" },
	{ ENOKEY, "ENOKEY" },	{ EKEYREJECTED, "EKEYREJECTED" },
};

static void outcome(long ret, int err, char *out, size_t size)
{
	size_t i;

	if (ret == 0) {
		snprintf(out, size, "ok");
		return;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == err) {
			snprintf(out, size, "errno=%s", names[i].name);
			return;
		}
	}
	snprintf(out, size, "errno=%d", err);
}

static int bench_load(const char *op, const char *path, const char *name,
		      long n, const char *want)
{
	char *image = NULL;
	size_t len = 0;
	uint64_t *t, first = 0;
	char got[32];
	int finit = !strcmp(op, "finit");
	int bad = 0;
	long i;

	if (!finit && strcmp(op, "init")) {
		fprintf(stderr, "mg-bench: op must be finit or init\n");
		return 2;
	}
	image = read_file(path, &len);
	if (!image)
		return 2;
	t = calloc(n, sizeof(*t));
	if (!t) {
		perror("calloc");
		return 2;
	}
	for (i = -1; i < n; i++) {
		uint64_t t0, t1;
		long ret;
		int fd = -1, err;

		if (finit) {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0) {
				perror(path);
				return 2;
			}
		}
		t0 = now_ns();
		if (finit)
			ret = syscall(SYS_finit_module, fd, "", 0);
		else
			ret = syscall(SYS_init_module, image, len, "");
		t1 = now_ns();
		err = errno;
		if (fd >= 0)
			close(fd);
		if (ret == 0 && syscall(SYS_delete_module, name, O_NONBLOCK)) {
			fprintf(stderr, "mg-bench: cannot unload %s: %s\n",
				name, strerror(errno));
			return 2;
		}
		outcome(ret, err, got, sizeof(got));
		if (strcmp(got, want)) {
			bad = 1;
			fprintf(stderr, "mg-bench: %s %s: got %s, want %s\n",
				op, path, got, want);
		}
		if (i < 0)
			first = t1 - t0;
		else
			t[i] = t1 - t0;
	}
	printf("bench load op=%s file=%s size=%zu want=%s n=%ld first_us=%.1f samples_us=",
	       op, path, len, want, n, first / 1e3);
	for (i = 0; i < n; i++)
		printf("%s%.1f", i ? "," : "", t[i] / 1e3);
	qsort(t, n, sizeof(*t), cmp_u64);
	printf(" min_us=%.1f q1_us=%.1f median_us=%.1f q3_us=%.1f max_us=%.1f%s\n",
	       t[0] / 1e3, quantile(t, n, 0.25) / 1e3,
	       quantile(t, n, 0.5) / 1e3, quantile(t, n, 0.75) / 1e3,
	       t[n - 1] / 1e3, bad ? " result=unexpected" : "");
	free(t);
	free(image);
	return bad;
}

/* xorshift64*: reproducible digests, none of them a real module's. */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

static int bench_policy(long n, const char *path)
{
	uint64_t s = 0x6d6f64677561726dULL;
	FILE *f;
	long i;
	int w;

	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return 2;
	}
	fprintf(f, "modguard-policy 3\n");
	for (i = 0; i < n; i++) {
		fprintf(f, "deny digest=");
		for (w = 0; w < 4; w++)
			fprintf(f, "%016llx", (unsigned long long)next_rand(&s));
		fputc('\n', f);
	}
	fprintf(f, "end\n");
	if (fclose(f)) {
		perror(path);
		return 2;
	}
	return 0;
}

static int bench_write(const char *path, const char *dest)
{
	uint64_t t0, t1;
	size_t len;
	ssize_t ret;
	char *buf;
	int fd;

	buf = read_file(path, &len);
	if (!buf)
		return 2;
	fd = open(dest, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(dest);
		return 2;
	}
	t0 = now_ns();
	ret = write(fd, buf, len);
	t1 = now_ns();
	if (ret != (ssize_t)len) {
		fprintf(stderr, "mg-bench: write %s: %s\n", dest,
			ret < 0 ? strerror(errno) : "short write");
		return 1;
	}
	close(fd);
	free(buf);
	printf("bench write file=%s size=%zu us=%.1f\n", path, len,
	       (t1 - t0) / 1e3);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 7 && !strcmp(argv[1], "load") && atol(argv[5]) > 0)
		return bench_load(argv[2], argv[3], argv[4], atol(argv[5]),
				  argv[6]);
	if (argc == 4 && !strcmp(argv[1], "policy"))
		return bench_policy(atol(argv[2]), argv[3]);
	if (argc == 4 && !strcmp(argv[1], "write"))
		return bench_write(argv[2], argv[3]);
	fprintf(stderr, "usage: mg-bench load finit|init FILE NAME N WANT\n"
		"       mg-bench policy N FILE\n"
		"       mg-bench write FILE DEST\n");
	return 2;
}
