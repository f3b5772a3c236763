// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: modguard_policy_parse() on arbitrary text, then the
 * canonical text round trip.
 *
 * ASan and UBSan catch memory and arithmetic errors; the checks below
 * catch a result that breaks the contract in policy.h: an error names a
 * line of the text and says what is wrong; a policy is sorted, without
 * duplicates, and its canonical text (modguard_policy_format()) parses
 * back to the same rules and formats to the same bytes again; neither the
 * text cut after its last rule nor the canonical text without its end
 * line parses (a policy cut short is never one).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "policy.h"
#include "check.h"

/* The lines of @text as the parser counts them: a last one without '\n'. */
static u32 lines(const uint8_t *text, size_t len)
{
	u32 n = 0;
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n')
			n++;
	return n + (len && text[len - 1] != '\n');
}

/* The length of @text up to the end of line @line, its '\n' included. */
static size_t line_end(const uint8_t *text, size_t len, u32 line)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (text[i] == '\n' && !--line)
			return i + 1;
	return len;
}

static int cmp_key(const struct modguard_rule *a, const struct modguard_rule *b)
{
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return memcmp(a->key, b->key, a->len);
}

static char *format(const struct modguard_policy *p, size_t *len)
{
	size_t n = modguard_policy_format(p, NULL, 0);
	char *buf = malloc(n);

	CHECK(buf);
	CHECK(modguard_policy_format(p, buf, n) == n);
	*len = n;
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct modguard_policy_error e = { .line = 0xdeadbeef };
	struct modguard_policy *p, *again;
	const struct modguard_rule *r;
	char *canon, *canon2;
	size_t n, n2;
	u32 i, total = 0, last = 0;
	int k;

	p = modguard_policy_parse((const char *)data, size, &e);
	if (!p) {
		CHECK(e.err == -EINVAL || e.err == -E2BIG);
		CHECK(e.msg && *e.msg);
		CHECK(e.line >= 1 && e.line <= (lines(data, size) ?: 1));
		return 0;
	}

	for (k = 0; k < __MODGUARD_RULE_MAX; k++) {
		total += p->count[k];
		for (i = 0; i < p->count[k]; i++) {
			r = &p->rules[k][i];
			CHECK(r->len > 0 && r->len <= MODGUARD_RULE_KEY_MAX);
			CHECK(r->line >= 2 && r->line <= lines(data, size));
			if (k == MODGUARD_RULE_ALLOW_DIGEST ||
			    k == MODGUARD_RULE_DENY_DIGEST)
				CHECK(r->len == MODGUARD_DIGEST_LEN);
			if (k == MODGUARD_RULE_DENY_NAME)
				CHECK(r->len <= MODGUARD_NAME_MAX &&
				      !memchr(r->key, '-', r->len));
			/* Sorted, no duplicates. */
			if (i)
				CHECK(cmp_key(&p->rules[k][i - 1], r) < 0);
			CHECK(modguard_policy_lookup(p, k, r->key, r->len) ==
			      r);
			if (r->line > last)
				last = r->line;
		}
	}
	CHECK(total == p->total);
	if (last)
		CHECK(!modguard_policy_parse((const char *)data,
					     line_end(data, size, last), &e));

	canon = format(p, &n);
	CHECK(n >= sizeof(MODGUARD_POLICY_END "\n") - 1);
	CHECK(!modguard_policy_parse(canon,
				     n - (sizeof(MODGUARD_POLICY_END "\n") - 1),
				     &e));
	again = modguard_policy_parse(canon, n, &e);
	if (!again) {
		fprintf(stderr, "fuzz_policy: canonical text refused: line %u: %s\n%.*s",
			e.line, e.msg, (int)n, canon);
		abort();
	}
	CHECK(again->total == p->total);
	for (k = 0; k < __MODGUARD_RULE_MAX; k++) {
		CHECK(again->count[k] == p->count[k]);
		for (i = 0; i < p->count[k]; i++)
			CHECK(cmp_key(&again->rules[k][i], &p->rules[k][i]) == 0);
	}
	canon2 = format(again, &n2);
	if (n2 != n || memcmp(canon, canon2, n)) {
		fprintf(stderr, "fuzz_policy: canonical text changed:\n%.*s---\n%.*s",
			(int)n, canon, (int)n2, canon2);
		abort();
	}

	free(canon2);
	free(canon);
	modguard_policy_free(again);
	modguard_policy_free(p);
	return 0;
}
