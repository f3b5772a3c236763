// SPDX-License-Identifier: GPL-2.0-only
/*
 * LD_PRELOAD shim for tests/cli_policy.sh: write(2) to a file named
 * $MG_FAKE_FILE (the last component of its path) fails with errno
 * $MG_FAKE_ERRNO. A fake securityfs of regular files never refuses a
 * write, and root passes every permission check; this shows how
 * modguardctl reports what only the kernel refuses (EPERM, EINVAL, ...).
 */

#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	const char *file = getenv("MG_FAKE_FILE");
	const char *err = getenv("MG_FAKE_ERRNO");
	char link[64], path[4096];
	const char *base;
	ssize_t len;

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))
			dlsym(RTLD_NEXT, "write");
	if (file && err && fd > 2) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		len = readlink(link, path, sizeof(path) - 1);
		if (len > 0) {
			path[len] = '\0';
			base = strrchr(path, '/');
			if (base && strcmp(base + 1, file) == 0) {
				errno = atoi(err);
				return -1;
			}
		}
	}
	return real(fd, buf, n);
}
