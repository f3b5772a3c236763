// SPDX-License-Identifier: GPL-2.0-only
/*
 * mg-nocap - run a command without a capability, or as another user, for
 * the VM scenarios that check who may change modguard's configuration.
 *
 *   mg-nocap CAP_NUMBER COMMAND [ARG...]   root without that capability
 *   mg-nocap -u UID COMMAND [ARG...]       uid and gid UID, no capabilities
 *
 * Drops the capability from the bounding set (so exec does not give it
 * back to root) and from the effective, permitted and inheritable sets.
 */
#define _GNU_SOURCE
#include <linux/capability.h>
#include <stdio.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];
	int cap;

	if (argc >= 4 && !strcmp(argv[1], "-u")) {
		uid_t uid = atoi(argv[2]);

		if (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
		    setresuid(uid, uid, uid)) {
			perror("mg-nocap: setresuid");
			return 1;
		}
		execvp(argv[3], argv + 3);
		perror(argv[3]);
		return 127;
	}
	if (argc < 3) {
		fprintf(stderr, "usage: mg-nocap CAP_NUMBER COMMAND [ARG...]\n"
			"       mg-nocap -u UID COMMAND [ARG...]\n");
		return 2;
	}
	cap = atoi(argv[1]);
	if (cap < 0 || cap > 63) {
		fprintf(stderr, "mg-nocap: bad capability %s\n", argv[1]);
		return 2;
	}
	if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)) {
		perror("PR_CAPBSET_DROP");
		return 1;
	}
	if (syscall(SYS_capget, &hdr, data)) {
		perror("capget");
		return 1;
	}
	data[cap / 32].effective &= ~(1u << (cap % 32));
	data[cap / 32].permitted &= ~(1u << (cap % 32));
	data[cap / 32].inheritable &= ~(1u << (cap % 32));
	if (syscall(SYS_capset, &hdr, data)) {
		perror("capset");
		return 1;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 127;
}
