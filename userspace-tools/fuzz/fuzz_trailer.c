// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: modguard_trailer_parse() on arbitrary bytes.
 *
 * ASan and UBSan catch memory and arithmetic errors; the checks below
 * catch a result that breaks the contract in trailer.h or disagrees with
 * the bytes themselves (marker, info block, sig_len field).
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "trailer.h"
#include "check.h"

static u32 be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const size_t tail = MODGUARD_SIG_INFO_LEN + MODGUARD_SIG_MARKER_LEN;
	struct modguard_trailer t;
	enum modguard_reason r;
	bool marked;

	marked = size > MODGUARD_SIG_MARKER_LEN &&
		 memcmp(data + size - MODGUARD_SIG_MARKER_LEN,
			MODGUARD_SIG_MARKER, MODGUARD_SIG_MARKER_LEN) == 0;

	memset(&t, 0x5a, sizeof(t));
	r = modguard_trailer_parse(data, size, &t);

	switch (r) {
	case MODGUARD_REASON_OK:
		CHECK(marked);
		CHECK(size > tail);
		CHECK(t.payload_len > 0 && t.payload_len < size);
		CHECK(t.sig_len < size);
		CHECK(size == t.payload_len + t.sig_len + MODGUARD_SIG_INFO_LEN +
			     MODGUARD_SIG_MARKER_LEN);
		CHECK(t.sig == data + t.payload_len);
		CHECK(t.sig_len == be32(data + size - tail + 8));
		CHECK(data[size - tail + 2] == MODGUARD_ID_PKCS7);
		break;
	case MODGUARD_REASON_UNSIGNED:
		CHECK(!marked);
		break;
	case MODGUARD_REASON_MALFORMED_TRAILER:
		CHECK(marked);
		break;
	case MODGUARD_REASON_UNSUPPORTED_ID_TYPE:
		CHECK(marked);
		CHECK(size > tail);
		CHECK(data[size - tail + 2] != MODGUARD_ID_PKCS7);
		break;
	default:
		CHECK(!"a reason the parser never returns");
	}

	if (r != MODGUARD_REASON_OK) {
		CHECK(!t.sig);
		CHECK(t.payload_len == size);
	}
	return 0;
}
