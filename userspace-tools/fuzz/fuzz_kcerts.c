// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the kernel image parsers of modguardctl
 * (src/kcerts.c): the bzImage setup header and the search for the
 * certificate lists, on arbitrary bytes.
 *
 * ASan and UBSan catch memory and arithmetic errors; the checks catch a
 * result that breaks the contract in kcerts.h: the payload and every
 * certificate lie inside the input, each certificate is a SEQUENCE with
 * two length octets whose length is its own, a list found is followed by
 * its size.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "kcerts.h"
#include "check.h"

static void check_list(const uint8_t *data, size_t size,
		       const struct mg_kcert_list *l)
{
	unsigned int i;

	CHECK(l->found || !l->n);
	CHECK(l->n <= MG_KCERTS_MAX);
	for (i = 0; i < l->n; i++) {
		CHECK(l->der[i] >= data && l->len[i] >= 4 &&
		      l->len[i] <= size &&
		      (size_t)(l->der[i] - data) <= size - l->len[i]);
		CHECK(l->der[i][0] == 0x30 && l->der[i][1] == 0x82);
		CHECK(((size_t)l->der[i][2] << 8 | l->der[i][3]) + 4 ==
		      l->len[i]);
		if (i)
			CHECK(l->der[i] == l->der[i - 1] + l->len[i - 1]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mg_kcerts k;
	const u8 *payload;
	size_t plen;
	int r;

	if (!mg_bzimage_payload(data, size, &payload, &plen))
		CHECK(payload >= data && plen && plen <= size &&
		      (size_t)(payload - data) <= size - plen);
	r = mg_kcerts_find(data, size, &k);
	CHECK(r == 0 || r == -ENOENT || r == -E2BIG);
	CHECK(!r == k.sys.found || r == -E2BIG);
	check_list(data, size, &k.sys);
	check_list(data, size, &k.rev);
	return 0;
}
