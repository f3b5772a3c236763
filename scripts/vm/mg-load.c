// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg-load - call finit_module(2) or init_module(2) directly, so that a VM
 * scenario exercises exactly one load path (busybox insmod falls back from
 * one to the other on failure).
 *
 *   mg-load finit FILE [compressed] [ignore-modversions] [ignore-vermagic]
 *   mg-load init FILE
 *
 * Prints "ok" or "errno=NAME" and exits 0 or 1; 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef MODULE_INIT_IGNORE_MODVERSIONS
#define MODULE_INIT_IGNORE_MODVERSIONS 1
#define MODULE_INIT_IGNORE_VERMAGIC 2
#endif
#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

static const struct {
	int err;
	const char *name;
} names[] = {
	{ EPERM, "EPERM" },		{ ENOENT, "ENOENT" },
	{ ENOEXEC, "ENOEXEC" },		{ EBADF, "EBADF" },
	{ ENOMEM, "ENOMEM" },		{ EACCES, "EACCES" },
	{ EFAULT, "EFAULT" },		{ EEXIST, "EEXIST" },
	{ EINVAL, "EINVAL" },		{ ENODATA, "ENODATA" },
	{ ENOPKG, "ENOPKG" },		{ EBADMSG, "EBADMSG" },
	{ ENOKEY, "ENOKEY" },		{ EKEYREVOKED, "EKEYREVOKED" },
	{ EKEYREJECTED, "EKEYREJECTED" },
};

static int report(long ret)
{
	size_t i;

	if (ret == 0) {
		puts("ok");
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (names[i].err == errno) {
			printf("errno=%s\n", names[i].name);
			return 1;
		}
	}
	printf("errno=%d\n", errno);
	return 1;
}

static int do_init(const char *path)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t got = 0;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		perror(path);
		return 2;
	}
	buf = malloc(st.st_size ? st.st_size : 1);
	if (!buf) {
		perror("malloc");
		return 2;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, st.st_size - got);
		if (n <= 0) {
			perror(path);
			return 2;
		}
		got += n;
	}
	close(fd);
	return report(syscall(SYS_init_module, buf, got, ""));
}

static int do_finit(const char *path, char **opts, int nopts)
{
	int flags = 0;
	int fd, i;

	for (i = 0; i < nopts; i++) {
		if (!strcmp(opts[i], "compressed"))
			flags |= MODULE_INIT_COMPRESSED_FILE;
		else if (!strcmp(opts[i], "ignore-modversions"))
			flags |= MODULE_INIT_IGNORE_MODVERSIONS;
		else if (!strcmp(opts[i], "ignore-vermagic"))
			flags |= MODULE_INIT_IGNORE_VERMAGIC;
		else {
			fprintf(stderr, "mg-load: unknown flag %s\n", opts[i]);
			return 2;
		}
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		perror(path);
		return 2;
	}
	return report(syscall(SYS_finit_module, fd, "", flags));
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "finit"))
		return do_finit(argv[2], argv + 3, argc - 3);
	if (argc == 3 && !strcmp(argv[1], "init"))
		return do_init(argv[2]);
	fprintf(stderr, "usage: mg-load finit FILE [compressed] "
		"[ignore-modversions] [ignore-vermagic]\n"
		"       mg-load init FILE\n");
	return 2;
}
