// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg-autoload - as an unprivileged user (uid and gid 65534, no
 * capabilities), open sockets of a protocol family the kernel does not
 * have, in a loop, for a number of seconds: each attempt makes the kernel
 * run modprobe for "net-pf-FAMILY" and wait for it.
 *
 *   mg-autoload SECONDS FAMILY
 *
 * Prints "attempts=N" and exits 0; 1 if it could not drop root.
 */
#define _GNU_SOURCE
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	unsigned long attempts = 0;
	time_t end;
	int s;

	if (argc != 3) {
		fputs("usage: mg-autoload SECONDS FAMILY\n", stderr);
		return 2;
	}
	if (setgroups(0, NULL) || setgid(65534) || setuid(65534) ||
	    getuid() == 0 || geteuid() == 0) {
		perror("mg-autoload: dropping root");
		return 1;
	}
	end = time(NULL) + atoi(argv[1]);
	while (time(NULL) < end) {
		s = socket(atoi(argv[2]), SOCK_SEQPACKET, 0);
		if (s >= 0)
			close(s);
		attempts++;
	}
	printf("attempts=%lu\n", attempts);
	return 0;
}
