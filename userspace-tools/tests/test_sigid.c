// SPDX-License-Identifier: GPL-2.0-only
/*
 * Userspace twin of the KUnit suite modguard_sigid: the same tables
 * (kunit/sigid_vectors.h), the same expectations, under ASan and UBSan,
 * each input in a heap copy of exactly its length. Beyond the tables:
 * truncation at every length, every byte overwritten, and a
 * format/parse round trip of every id the table yields.
 *
 * Prints "ok - ..." or "FAIL - ..." per check and a last line
 * "# test_sigid: N passed, N failed"; exits 1 if any check failed.
 */

#define _GNU_SOURCE

#include "sigid_vectors.h"
#include "testlib.h"

static void expect_int(const char *what, long got, long want)
{
	if (got != want)
		mismatch("%s: got %ld, want %ld\n", what, got, want);
}

static void expect_zeroed(const struct modguard_signer_id *id)
{
	if (id->kind || id->len || id->signers)
		mismatch("on error: kind %u len %u signers %u, want 0 0 0\n",
			 id->kind, id->len, id->signers);
}

static int parse_blob(const u8 *blob, size_t len, bool null,
		      struct modguard_signer_id *id)
{
	u8 *copy = exact_copy(blob, len);
	int r;

	memset(id, 0x5a, sizeof(*id));
	r = modguard_pkcs7_signer_id(null ? NULL : copy, len, id);
	free(copy);
	if (r)
		expect_zeroed(id);
	return r;
}

static void hexdump(const u8 *p, size_t n, char *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
	out[2 * n] = '\0';
}

static void round_trip(const struct modguard_signer_id *id)
{
	char hex[MODGUARD_SIGNER_ID_HEX_SIZE];
	struct modguard_signer_id back;

	if (modguard_signer_id_format(id, hex, sizeof(hex)) != 0) {
		mismatch("format failed\n");
		return;
	}
	if (strlen(hex) != 2u * id->len)
		mismatch("format: %zu digits for %u bytes\n", strlen(hex),
			 id->len);
	if (modguard_signer_id_parse(hex, strlen(hex), &back) != 0 ||
	    back.len != id->len || memcmp(back.id, id->id, id->len) != 0)
		mismatch("parse(format(id)) is not id\n");
}

static void test_cases(void)
{
	static u8 buf[DV_IMAGE_MAX];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sigid_cases); i++) {
		const struct sigid_case *c = &sigid_cases[i];
		u8 want_id[MODGUARD_SIGNER_ID_MAX + 1];
		char got_hex[2 * sizeof(want_id) + 1];
		char want_hex[2 * sizeof(want_id) + 1];
		struct modguard_signer_id id;
		size_t len, want_len;
		bool null;
		int r;

		len = dv_make(c, buf, &null);
		if (!len && c->m != DV_EMPTY && c->m != DV_NULL) {
			mismatch("the blob does not fit in DV_IMAGE_MAX\n");
			report("sigid: %s", c->desc);
			continue;
		}
		r = parse_blob(buf, len, null, &id);
		expect_int("return", r, c->want);
		if (!r && !c->want) {
			want_len = dv_case_id(c, want_id, sizeof(want_id));
			expect_int("kind", id.kind, c->want_kind);
			expect_int("signers", id.signers,
				   c->want_signers ? c->want_signers : 1);
			hexdump(id.id, id.len <= MODGUARD_SIGNER_ID_MAX ?
				id.len : 0, got_hex);
			hexdump(want_id, want_len, want_hex);
			if (strcmp(got_hex, want_hex) != 0)
				mismatch("id: got %s, want %s\n", got_hex,
					 want_hex);
			round_trip(&id);
		}
		report("sigid: %s (%zu bytes)", c->desc, len);
	}
}

static const struct sigid_case whole_blobs[] = {
	{ "issuer and serial", DV_NONE },
	{ "SKID", DV_SKID_SID },
	{ "certificates and crls", DV_CERTS_CRLS },
	{ "signed and unsigned attributes", DV_SIGNED_ATTRS },
	{ "two signers", DV_SIGNERS, 2 },
};

static void test_truncation(void)
{
	static u8 buf[DV_IMAGE_MAX];
	struct modguard_signer_id id;
	size_t i, len, full;
	bool null;

	for (i = 0; i < ARRAY_SIZE(whole_blobs); i++) {
		full = dv_make(&whole_blobs[i], buf, &null);
		expect_int("whole blob", parse_blob(buf, full, false, &id), 0);
		for (len = 0; len < full; len++) {
			snprintf(t_ctx, sizeof(t_ctx), "len=%zu: ", len);
			expect_int("return", parse_blob(buf, len, false, &id),
				   MODGUARD_SIGID_EMALFORMED);
		}
		t_ctx[0] = '\0';
		report("truncation, %s: lengths 0..%zu", whole_blobs[i].desc,
		       full - 1);
	}
}

/*
 * Every byte overwritten with 0x00, 0x7f, 0x80, 0x81, 0x84 and 0xff (and
 * so every length octet in every form): no out-of-bounds access, and a
 * success still yields an id that occurs in the blob.
 */
static void test_overwrite(void)
{
	static const u8 values[] = { 0x00, 0x7f, 0x80, 0x81, 0x84, 0xff };
	static u8 buf[DV_IMAGE_MAX];
	unsigned int ok = 0, bad = 0;
	struct modguard_signer_id id;
	size_t i, pos, v, full;
	bool null;

	for (i = 0; i < ARRAY_SIZE(whole_blobs); i++) {
		full = dv_make(&whole_blobs[i], buf, &null);
		for (pos = 0; pos < full; pos++) {
			u8 saved = buf[pos];

			for (v = 0; v < ARRAY_SIZE(values); v++) {
				buf[pos] = values[v];
				snprintf(t_ctx, sizeof(t_ctx),
					 "%s, byte %zu = %#x: ",
					 whole_blobs[i].desc, pos, values[v]);
				if (parse_blob(buf, full, false, &id)) {
					bad++;
					continue;
				}
				ok++;
				if (!id.len || id.len > MODGUARD_SIGNER_ID_MAX ||
				    !memmem(buf, full, id.id, id.len))
					mismatch("id not in the blob\n");
				if (id.kind != MODGUARD_SIGNER_SERIAL &&
				    id.kind != MODGUARD_SIGNER_SKID)
					mismatch("kind %u\n", id.kind);
			}
			buf[pos] = saved;
		}
	}
	t_ctx[0] = '\0';
	report("every byte overwritten: %u parsed, %u malformed", ok, bad);
}

static void test_hex(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sigid_hex_cases); i++) {
		const struct sigid_hex_case *c = &sigid_hex_cases[i];
		size_t len = c->len < 0 ? strlen(c->hex) : (size_t)c->len;
		char out[MODGUARD_SIGNER_ID_HEX_SIZE];
		struct modguard_signer_id id;
		char *hex = exact_copy(c->hex, len);
		int r;

		memset(&id, 0x5a, sizeof(id));
		r = modguard_signer_id_parse(hex, len, &id);
		free(hex);
		expect_int("return", r, c->want);
		if (r) {
			expect_zeroed(&id);
		} else {
			expect_int("kind", id.kind, MODGUARD_SIGNER_ANY);
			expect_int("signers", id.signers, 0);
			if (modguard_signer_id_format(&id, out, sizeof(out)))
				mismatch("format failed\n");
			else if (c->want == 0 && strcmp(out, c->want_hex) != 0)
				mismatch("got %s, want %s\n", out, c->want_hex);
		}
		report("signer id parse: %s", c->desc);
	}
}

static void test_format(void)
{
	struct modguard_signer_id id = { .kind = MODGUARD_SIGNER_SERIAL };
	char *buf = malloc(9);

	if (!buf) {
		perror("malloc");
		exit(1);
	}
	id.len = dv_unhex("00c0ffee", id.id, sizeof(id.id));
	expect_int("exact size", modguard_signer_id_format(&id, buf, 9), 0);
	if (strcmp(buf, "00c0ffee") != 0)
		mismatch("got %s\n", buf);
	expect_int("one short", modguard_signer_id_format(&id, buf, 8),
		   MODGUARD_SIGID_ENOSPC);
	if (buf[0])
		mismatch("one short: buffer not \"\"\n");
	buf[0] = 'z';
	expect_int("size 0", modguard_signer_id_format(&id, buf, 0),
		   MODGUARD_SIGID_ENOSPC);
	if (buf[0] != 'z')
		mismatch("size 0: buffer written\n");
	id.len = MODGUARD_SIGNER_ID_MAX + 1;
	expect_int("len 65", modguard_signer_id_format(&id, buf, 9),
		   MODGUARD_SIGID_EMALFORMED);
	id.len = 0;
	expect_int("len 0", modguard_signer_id_format(&id, buf, 1), 0);
	if (buf[0])
		mismatch("len 0: buffer not \"\"\n");
	expect_int("parse NULL", modguard_signer_id_parse(NULL, 2, &id),
		   MODGUARD_SIGID_EMALFORMED);
	free(buf);
	report("signer id format: sizes and bounds");

	if (strcmp(modguard_signer_kind_name(MODGUARD_SIGNER_ANY), "any") ||
	    strcmp(modguard_signer_kind_name(MODGUARD_SIGNER_SERIAL),
		   "serial") ||
	    strcmp(modguard_signer_kind_name(MODGUARD_SIGNER_SKID), "skid") ||
	    strcmp(modguard_signer_kind_name(__MODGUARD_SIGNER_MAX),
		   "unknown") ||
	    strcmp(modguard_signer_kind_name(0xffffffff), "unknown"))
		mismatch("a kind name differs\n");
	report("signer kind names: any, serial, skid, unknown");
}

int main(void)
{
	test_cases();
	test_truncation();
	test_overwrite();
	test_hex();
	test_format();
	return summary("test_sigid");
}
