// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace twin of the KUnit suite modguard_trailer: the same case table
 * (kunit/trailer_vectors.h), the same expectations, run under ASan and
 * UBSan. Each image is parsed from a heap copy of exactly its length, so
 * a read past the end is caught; the output struct is poisoned before each
 * call, so "filled in on every return" is checked too.
 *
 * Prints "ok - ..." or "FAIL - ..." per check and a last line
 * "# test_trailer: N passed, N failed"; exits 1 if any check failed.
 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trailer_vectors.h"

#define N_CASES ARRAY_SIZE(trailer_cases)
#define POISON 0x5a

static unsigned int passed, failed;
static char why[1024];
static size_t why_len;
static char ctx[64];	/* which input of a multi-input check, or "" */

/* Record one mismatch of the current check. */
static void mismatch(const char *fmt, ...)
{
	va_list ap;
	int n;

	if (why_len >= sizeof(why))
		return;
	n = snprintf(why + why_len, sizeof(why) - why_len, "#   %s", ctx);
	if (n > 0)
		why_len += n;
	if (why_len >= sizeof(why))
		return;
	va_start(ap, fmt);
	n = vsnprintf(why + why_len, sizeof(why) - why_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		why_len += n;
}

/* Close the current check: ok if nothing mismatched since the last one. */
static void report(const char *fmt, ...)
{
	va_list ap;

	if (why_len) {
		failed++;
		printf("FAIL - ");
	} else {
		passed++;
		printf("ok - ");
	}
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (why_len)
		printf("%s%s", why, why[strlen(why) - 1] == '\n' ? "" : "\n");
	why[0] = '\0';
	why_len = 0;
	ctx[0] = '\0';
}

static void expect_reason(enum modguard_reason got, enum modguard_reason want)
{
	if (got != want)
		mismatch("reason: got %s (%d), want %s (%d)\n",
			 modguard_reason_name(got), got,
			 modguard_reason_name(want), want);
}

static void expect_size(const char *what, size_t got, size_t want)
{
	if (got != want)
		mismatch("%s: got %zu, want %zu\n", what, got, want);
}

static void expect_ptr(const char *what, const void *got, const void *want)
{
	if (got != want)
		mismatch("%s: got %p, want %p\n", what, got, want);
}

/* Parse @len bytes of @image from a heap buffer of exactly that size. */
static enum modguard_reason parse_exact(const u8 *image, size_t len,
					bool null, struct modguard_trailer *t,
					u8 **copy)
{
	enum modguard_reason r;

	*copy = malloc(len ? len : 1);
	if (!*copy) {
		perror("test_trailer: malloc");
		exit(1);
	}
	memcpy(*copy, image, len);
	memset(t, POISON, sizeof(*t));
	r = modguard_trailer_parse(null ? NULL : *copy, len, t);
	return r;
}

/* Every case of the shared table, checked as modguard_trailer_test does. */
static void test_cases(void)
{
	size_t i;

	for (i = 0; i < N_CASES; i++) {
		const struct trailer_case *c = &trailer_cases[i];
		struct modguard_trailer t;
		enum modguard_reason got;
		u8 buf[IMAGE_MAX];
		bool null;
		size_t len;
		u8 *copy;

		memset(buf, 0, sizeof(buf));
		len = tv_make(c, buf, &null);
		if (len > IMAGE_MAX) {
			mismatch("tv_make returned %zu > IMAGE_MAX\n", len);
			report("trailer: %s", c->desc);
			continue;
		}

		got = parse_exact(buf, len, null, &t, &copy);
		expect_reason(got, c->want);
		if (c->want == MODGUARD_REASON_OK) {
			expect_size("payload_len", t.payload_len,
				    c->want_payload);
			expect_size("sig_len", t.sig_len, c->want_sig);
			expect_ptr("sig", t.sig, copy + c->want_payload);
		} else {
			expect_ptr("sig", t.sig, NULL);
			expect_size("payload_len", t.payload_len, len);
		}
		free(copy);
		report("trailer: %s", c->desc);
	}
}

/*
 * Beyond the table: the valid image with its first k bytes cut off, for
 * every k. The expected result follows from the layout alone:
 * payload (64) | sig (32) | info (12) | marker (28), sig_len 32.
 */
static void test_front_truncation(void)
{
	const size_t info_marker = MODGUARD_SIG_INFO_LEN +
				   MODGUARD_SIG_MARKER_LEN;
	const struct trailer_case *valid = &trailer_cases[0];
	u8 buf[IMAGE_MAX];
	size_t full, k;
	bool null;

	if (valid->m != M_NONE || valid->want != MODGUARD_REASON_OK) {
		mismatch("trailer_cases[0] is not the valid image\n");
		report("front truncation");
		return;
	}
	full = tv_make(valid, buf, &null);
	expect_size("valid image length", full, IMAGE_MAX);

	for (k = 0; k <= full; k++) {
		size_t len = full - k;
		enum modguard_reason want;
		struct modguard_trailer t;
		enum modguard_reason got;
		u8 *copy;

		snprintf(ctx, sizeof(ctx), "k=%zu: ", k);
		if (len <= MODGUARD_SIG_MARKER_LEN)
			want = MODGUARD_REASON_UNSIGNED;
		else if (len <= info_marker || k >= PAYLOAD_LEN)
			want = MODGUARD_REASON_MALFORMED_TRAILER;
		else
			want = MODGUARD_REASON_OK;

		got = parse_exact(buf + k, len, false, &t, &copy);
		expect_reason(got, want);
		if (want == MODGUARD_REASON_OK) {
			expect_size("payload_len", t.payload_len,
				    PAYLOAD_LEN - k);
			expect_size("sig_len", t.sig_len, SIG_LEN);
			expect_ptr("sig", t.sig, copy + PAYLOAD_LEN - k);
		} else {
			expect_ptr("sig", t.sig, NULL);
			expect_size("payload_len", t.payload_len, len);
		}
		free(copy);
	}
	ctx[0] = '\0';
	report("front truncation: first 0..%zu bytes cut off", full);
}

/* The valid image cut short at every length: never signed. */
static void test_back_truncation(void)
{
	u8 buf[IMAGE_MAX];
	size_t full, len;
	bool null;

	full = tv_make(&trailer_cases[0], buf, &null);
	for (len = 0; len < full; len++) {
		struct modguard_trailer t;
		enum modguard_reason got;
		u8 *copy;

		snprintf(ctx, sizeof(ctx), "len=%zu: ", len);
		got = parse_exact(buf, len, false, &t, &copy);
		expect_reason(got, MODGUARD_REASON_UNSIGNED);
		expect_ptr("sig", t.sig, NULL);
		expect_size("payload_len", t.payload_len, len);
		free(copy);
	}
	ctx[0] = '\0';
	report("back truncation: lengths 0..%zu", full - 1);
}

/*
 * Pinned independently of reason.c: the names the trailer parser can give
 * (what "modguardctl inspect" prints) and the fallback. The other reasons
 * are checked for form and uniqueness only.
 */
static const struct {
	enum modguard_reason reason;
	const char *name;
} stable_names[] = {
	{ MODGUARD_REASON_OK, "ok" },
	{ MODGUARD_REASON_UNSIGNED, "unsigned" },
	{ MODGUARD_REASON_MALFORMED_TRAILER, "malformed-trailer" },
	{ MODGUARD_REASON_UNSUPPORTED_ID_TYPE, "unsupported-id-type" },
	{ MODGUARD_REASON_INTERNAL_ERROR, "internal-error" },
};

static void test_reason_names(void)
{
	const char *names[__MODGUARD_REASON_MAX];
	static const unsigned int out_of_range[] = {
		__MODGUARD_REASON_MAX, __MODGUARD_REASON_MAX + 1, 0x7fffffff,
		0xffffffff,
	};
	int r, s;
	size_t i;

	for (r = 0; r < __MODGUARD_REASON_MAX; r++) {
		const char *n = modguard_reason_name(r);

		names[r] = n;
		if (!n) {
			mismatch("NULL\n");
		} else if (!*n || strspn(n, "abcdefghijklmnopqrstuvwxyz-") !=
				  strlen(n)) {
			mismatch("\"%s\" is not [a-z-]+\n", n);
		} else {
			for (s = 0; s < r; s++)
				if (names[s] && strcmp(names[s], n) == 0)
					mismatch("same name as reason %d\n",
						 s);
		}
		report("reason %d has a unique name (%s)", r, n ? n : "NULL");
	}

	for (i = 0; i < ARRAY_SIZE(stable_names); i++) {
		const char *n = modguard_reason_name(stable_names[i].reason);

		if (!n || strcmp(n, stable_names[i].name) != 0)
			mismatch("got \"%s\"\n", n ? n : "NULL");
		report("reason %d is named \"%s\"", stable_names[i].reason,
		       stable_names[i].name);
	}

	for (i = 0; i < ARRAY_SIZE(out_of_range); i++) {
		const char *n = modguard_reason_name((enum modguard_reason)
						     out_of_range[i]);

		if (!n || strcmp(n, "internal-error") != 0)
			mismatch("got \"%s\"\n", n ? n : "NULL");
		report("reason %#x (out of range) is named \"internal-error\"",
		       out_of_range[i]);
	}
}

int main(void)
{
	test_cases();
	test_front_truncation();
	test_back_truncation();
	test_reason_names();

	printf("# test_trailer: %u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
