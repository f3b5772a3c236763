/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The contract checks of the libFuzzer targets: a broken one prints where
 * and what, and aborts, which libFuzzer reports as a crash with the input.
 */
#ifndef _MODGUARDCTL_FUZZ_CHECK_H
#define _MODGUARDCTL_FUZZ_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

#endif /* _MODGUARDCTL_FUZZ_CHECK_H */
