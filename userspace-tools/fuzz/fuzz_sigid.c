// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: modguard_pkcs7_signer_id() and
 * modguard_signer_id_parse() on arbitrary bytes.
 *
 * ASan and UBSan catch memory and arithmetic errors; the checks below
 * catch a result that breaks the contract in sigid.h: the id is valid and
 * occurs in the input, a proper prefix of accepted DER is never accepted,
 * format and parse are inverse, and a parse of the input as hex agrees
 * with the input.
 */

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sigid.h"
#include "check.h"

static void check_zeroed(const struct modguard_signer_id *id)
{
	CHECK(!id->kind && !id->len && !id->signers);
}

static void check_der(const uint8_t *data, size_t size)
{
	char hex[MODGUARD_SIGNER_ID_HEX_SIZE];
	struct modguard_signer_id id, other;
	int r;

	memset(&id, 0x5a, sizeof(id));
	r = modguard_pkcs7_signer_id(data, size, &id);
	if (r) {
		CHECK(r == MODGUARD_SIGID_EMALFORMED);
		check_zeroed(&id);
		return;
	}

	CHECK(id.kind == MODGUARD_SIGNER_SERIAL ||
	      id.kind == MODGUARD_SIGNER_SKID);
	CHECK(id.len >= 1 && id.len <= MODGUARD_SIGNER_ID_MAX);
	CHECK(id.signers >= 1);
	CHECK(memmem(data, size, id.id, id.len));
	CHECK(data[0] == 0x30);
	/* The ContentInfo must end exactly at the end of the input. */
	CHECK(modguard_pkcs7_signer_id(data, size - 1, &other) ==
	      MODGUARD_SIGID_EMALFORMED);

	CHECK(modguard_signer_id_format(&id, hex, sizeof(hex)) == 0);
	CHECK(strlen(hex) == 2u * id.len);
	CHECK(modguard_signer_id_parse(hex, strlen(hex), &other) == 0);
	CHECK(other.len == id.len && !memcmp(other.id, id.id, id.len));
	CHECK(other.kind == MODGUARD_SIGNER_ANY && !other.signers);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c;
}

static void check_hex(const uint8_t *data, size_t size)
{
	char hex[MODGUARD_SIGNER_ID_HEX_SIZE];
	struct modguard_signer_id id;
	size_t i, j;
	int r;

	memset(&id, 0x5a, sizeof(id));
	r = modguard_signer_id_parse((const char *)data, size, &id);
	if (r) {
		CHECK(r == MODGUARD_SIGID_EMALFORMED);
		check_zeroed(&id);
		return;
	}
	CHECK(id.kind == MODGUARD_SIGNER_ANY && !id.signers);
	CHECK(id.len >= 1 && id.len <= MODGUARD_SIGNER_ID_MAX);
	CHECK(modguard_signer_id_format(&id, hex, sizeof(hex)) == 0);
	/* The input is the digits, lowercased, with colons between pairs. */
	for (i = 0, j = 0; i < size; i++) {
		if (data[i] == ':') {
			CHECK(i % 3 == 2);
			continue;
		}
		CHECK(hex[j] && lower(data[i]) == hex[j]);
		j++;
	}
	CHECK(!hex[j]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_der(data, size);
	check_hex(data, size);
	return 0;
}
