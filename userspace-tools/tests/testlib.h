/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The reporting of the userspace unit tests (test_modinfo, test_sigid),
 * in the form tests/run.sh adds up: "ok - ..." or "FAIL - ..." per check,
 * with the mismatches of a failed check on "#   " lines after it, and a
 * last line "# NAME: N passed, N failed".
 *
 * A check is the mismatches recorded since the previous report().
 */
#ifndef _MODGUARD_TESTLIB_H
#define _MODGUARD_TESTLIB_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned int t_passed, t_failed;
static char t_why[2048];
static size_t t_why_len;
static char t_ctx[96];	/* which input of a multi-input check, or "" */

/* Record one mismatch of the current check. */
static __attribute__((format(printf, 1, 2))) void mismatch(const char *fmt,
							   ...)
{
	va_list ap;
	int n;

	if (t_why_len >= sizeof(t_why))
		return;
	n = snprintf(t_why + t_why_len, sizeof(t_why) - t_why_len, "#   %s",
		     t_ctx);
	if (n > 0)
		t_why_len += n;
	if (t_why_len >= sizeof(t_why))
		return;
	va_start(ap, fmt);
	n = vsnprintf(t_why + t_why_len, sizeof(t_why) - t_why_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t_why_len += n;
}

/* Close the current check: ok if nothing mismatched since the last one. */
static __attribute__((format(printf, 1, 2))) void report(const char *fmt, ...)
{
	va_list ap;

	if (t_why_len) {
		t_failed++;
		printf("FAIL - ");
	} else {
		t_passed++;
		printf("ok - ");
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (t_why_len)
		printf("%s%s", t_why,
		       t_why[strlen(t_why) - 1] == '\n' ? "" : "\n");
	t_why[0] = '\0';
	t_why_len = 0;
	t_ctx[0] = '\0';
}

/* Print the summary line and return the exit status. */
static int summary(const char *name)
{
	printf("# %s: %u passed, %u failed\n", name, t_passed, t_failed);
	return t_failed ? 1 : 0;
}

/* A heap copy of exactly @len bytes (1 when @len is 0), for ASan. */
static void *exact_copy(const void *src, size_t len)
{
	void *p = malloc(len ? len : 1);

	if (!p) {
		perror("malloc");
		exit(1);
	}
	if (len)
		memcpy(p, src, len);
	return p;
}

#endif /* _MODGUARD_TESTLIB_H */
