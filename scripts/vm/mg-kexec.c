// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg-kexec - call kexec_load(2) or kexec_file_load(2) directly, for the
 * kexec VM scenario. It only loads (or unloads) an image, never reboots.
 *
 *   mg-kexec file KERNEL [INITRAMFS] [crash]  kexec_file_load(2)
 *   mg-kexec file-unload                      kexec_file_load(KEXEC_FILE_UNLOAD)
 *   mg-kexec load [crash]                     kexec_load(2) with no segments:
 *                                             unloads; every permission
 *                                             check runs first
 *
 * Prints "ok" or "errno=NAME" and exits 0 or 1; 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kexec.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int report(long ret)
{
	if (ret == 0) {
		puts("ok");
		return 0;
	}
	switch (errno) {
	case EPERM:
		puts("errno=EPERM");
		break;
	case EINVAL:
		puts("errno=EINVAL");
		break;
	case ENOEXEC:
		puts("errno=ENOEXEC");
		break;
	case ENOSYS:
		puts("errno=ENOSYS");
		break;
	case EBUSY:
		puts("errno=EBUSY");
		break;
	default:
		printf("errno=%d\n", errno);
	}
	return 1;
}

static int usage(void)
{
	fputs("usage: mg-kexec file KERNEL [INITRAMFS] [crash] | file-unload | load [crash]\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static const char cmdline[] = "console=ttyS0";
	unsigned long flags = 0;
	int kfd, ifd = -1;

	if (argc < 2)
		return usage();
	if (!strcmp(argv[1], "load")) {
		if (argc > 2 && !strcmp(argv[2], "crash"))
			flags |= KEXEC_ON_CRASH;
		return report(syscall(SYS_kexec_load, 0UL, 0UL, NULL,
				      flags | KEXEC_ARCH_DEFAULT));
	}
	if (!strcmp(argv[1], "file-unload"))
		return report(syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL,
				      (unsigned long)KEXEC_FILE_UNLOAD));
	if (strcmp(argv[1], "file") || argc < 3)
		return usage();
	kfd = open(argv[2], O_RDONLY | O_CLOEXEC);
	if (kfd < 0) {
		perror(argv[2]);
		return 2;
	}
	argc -= 3;
	argv += 3;
	if (argc && strcmp(argv[0], "crash")) {
		ifd = open(argv[0], O_RDONLY | O_CLOEXEC);
		if (ifd < 0) {
			perror(argv[0]);
			return 2;
		}
		argc--;
		argv++;
	}
	if (ifd < 0)
		flags |= KEXEC_FILE_NO_INITRAMFS;
	if (argc && !strcmp(argv[0], "crash"))
		flags |= KEXEC_FILE_ON_CRASH;
	return report(syscall(SYS_kexec_file_load, kfd, ifd, sizeof(cmdline),
			      cmdline, flags));
}
