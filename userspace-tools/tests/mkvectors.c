// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkvectors - write the images of kunit/{trailer,modinfo,sigid}_vectors.h
 * and the texts of kunit/policy_vectors.h to files
 *
 *   mkvectors DIR           DIR/<i>.bin, the image of trailer case i;
 *                           DIR/<i>.want, what "modguardctl inspect" must
 *                           print after "FILE: ", from the table alone;
 *                           DIR/<i>.desc, the case description;
 *                           DIR/<i>.name and DIR/<i>.signer, the raw name
 *                           and the signer inspect must report, absent
 *                           when it must report none.
 *   mkvectors --modules DIR the same files for module images made from
 *                           the modinfo cases (unsigned) and the sigid
 *                           cases (the valid ELF image signed with the
 *                           case's PKCS#7 blob).
 *   mkvectors --policy DIR  DIR/<i>.txt, the text of policy parse case i;
 *                           DIR/<i>.want, "LINE MESSAGE" (the start of the
 *                           message) when it must be refused, "ok RULES"
 *                           when it must parse; DIR/<i>.desc.
 *   mkvectors --corpus[=TARGET] DIR
 *                           DIR/<slug of the description>: the fuzz seeds
 *                           of TARGET (trailer, modinfo, sigid or policy;
 *                           default trailer), the cases not marked noseed
 *                           (policy: the text of every parse case).
 *
 * The "NULL input" cases have no file form and are skipped.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modinfo_vectors.h"
#include "policy_vectors.h"
#include "sigid_vectors.h"
#include "trailer_vectors.h"

#define N_CASES ARRAY_SIZE(trailer_cases)
#define MAX_SEEDS 128
/* A signed module image: ELF, PKCS#7 blob, info block, marker. */
#define MODULE_MAX (MV_IMAGE_MAX + DV_IMAGE_MAX + MODGUARD_SIG_INFO_LEN + \
		    MODGUARD_SIG_MARKER_LEN)

static int write_file(const char *dir, const char *name, const void *data,
		      size_t len)
{
	char path[4096];
	FILE *f;
	int n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		fprintf(stderr, "mkvectors: %s/%s: path too long\n", dir, name);
		return -1;
	}
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "mkvectors: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if ((len && fwrite(data, 1, len, f) != len) || fclose(f) != 0) {
		fprintf(stderr, "mkvectors: %s: write error\n", path);
		return -1;
	}
	return 0;
}

/* "__pad[0] non-zero" -> "pad-0-non-zero" */
static void slug(const char *desc, char *out, size_t size)
{
	size_t n = 0;
	bool dash = false;

	for (; *desc && n + 2 < size; desc++) {
		char c = *desc;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (dash && n)
				out[n++] = '-';
			dash = false;
			out[n++] = (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
		} else {
			dash = true;
		}
	}
	out[n] = '\0';
}

/*
 * Seed files: one per description; two descriptions with one slug would
 * silently lose a seed, so that is an error.
 */
static char seed_names[MAX_SEEDS][128];
static size_t n_seeds;

static int write_seed(const char *dir, const char *desc, const void *data,
		      size_t len)
{
	size_t j;

	if (n_seeds == MAX_SEEDS) {
		fprintf(stderr, "mkvectors: more than %d seeds\n", MAX_SEEDS);
		return -1;
	}
	slug(desc, seed_names[n_seeds], sizeof(seed_names[n_seeds]));
	if (!seed_names[n_seeds][0]) {
		fprintf(stderr, "mkvectors: no file name in \"%s\"\n", desc);
		return -1;
	}
	for (j = 0; j < n_seeds; j++) {
		if (strcmp(seed_names[n_seeds], seed_names[j]) == 0) {
			fprintf(stderr, "mkvectors: two cases named %s\n",
				seed_names[j]);
			return -1;
		}
	}
	return write_file(dir, seed_names[n_seeds++], data, len);
}

static int modinfo_corpus(const char *dir)
{
	static u8 buf[MV_IMAGE_MAX];
	size_t i, len;
	bool null;

	for (i = 0; i < ARRAY_SIZE(modinfo_cases); i++) {
		const struct modinfo_case *c = &modinfo_cases[i];

		len = mv_make(c, buf, &null);
		if (null || c->noseed)
			continue;
		if (write_seed(dir, c->desc, buf, len))
			return 1;
	}
	return 0;
}

static int sigid_corpus(const char *dir)
{
	static u8 buf[DV_IMAGE_MAX];
	size_t i, len;
	bool null;

	for (i = 0; i < ARRAY_SIZE(sigid_cases); i++) {
		const struct sigid_case *c = &sigid_cases[i];

		len = dv_make(c, buf, &null);
		if (null || c->noseed)
			continue;
		if (write_seed(dir, c->desc, buf, len))
			return 1;
	}

	/* fuzz_sigid also parses its input as hex: a few seeds for that. */
	for (i = 0; i < ARRAY_SIZE(sigid_hex_cases) && i < 3; i++) {
		const struct sigid_hex_case *c = &sigid_hex_cases[i];
		char desc[128];

		snprintf(desc, sizeof(desc), "hex %s", c->desc);
		if (write_seed(dir, desc, c->hex, strlen(c->hex)))
			return 1;
	}
	return 0;
}

static int policy_corpus(const char *dir)
{
	size_t i, len;
	char *text;
	int ret;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];

		len = pv_len(c);
		text = malloc(len ? len : 1);
		if (!text) {
			fprintf(stderr, "mkvectors: out of memory\n");
			return 1;
		}
		pv_fill(c, text);
		ret = write_seed(dir, c->desc, text, len);
		free(text);
		if (ret)
			return 1;
	}
	return 0;
}

static int policy_vectors(const char *dir)
{
	char file[64], want[256];
	size_t i, len;
	char *text;

	for (i = 0; i < ARRAY_SIZE(parse_cases); i++) {
		const struct parse_case *c = &parse_cases[i];

		len = pv_len(c);
		text = malloc(len ? len : 1);
		if (!text) {
			fprintf(stderr, "mkvectors: out of memory\n");
			return 1;
		}
		pv_fill(c, text);
		snprintf(file, sizeof(file), "%zu.txt", i);
		if (write_file(dir, file, text, len)) {
			free(text);
			return 1;
		}
		free(text);
		if (c->err)
			snprintf(want, sizeof(want), "%u %s\n", c->line,
				 c->msg ? c->msg : "");
		else
			snprintf(want, sizeof(want), "ok %u\n", c->rules);
		snprintf(file, sizeof(file), "%zu.want", i);
		if (write_file(dir, file, want, strlen(want)))
			return 1;
		snprintf(file, sizeof(file), "%zu.desc", i);
		if (write_file(dir, file, c->desc, strlen(c->desc)))
			return 1;
	}
	return 0;
}

/* What inspect prints for a name: see print_name() in src/cmd_inspect.c. */
static void escape_name(const char *name, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)name;
	size_t n = 0;

	for (; *p && n + 5 < size; p++) {
		if (*p > ' ' && *p < 0x7f && *p != '\\' && *p != '?')
			out[n++] = *p;
		else
			n += snprintf(out + n, size - n, "\\x%02x", *p);
	}
	out[n] = '\0';
}

/* One vector: <i>.bin, .want, .desc, and .name/.signer when expected. */
static int write_vector(const char *dir, size_t i, const void *image,
			size_t len, const char *want, const char *desc,
			const char *name, const char *signer)
{
	char file[64];

	snprintf(file, sizeof(file), "%zu.bin", i);
	if (write_file(dir, file, image, len))
		return -1;
	snprintf(file, sizeof(file), "%zu.want", i);
	if (write_file(dir, file, want, strlen(want)))
		return -1;
	snprintf(file, sizeof(file), "%zu.desc", i);
	if (write_file(dir, file, desc, strlen(desc)))
		return -1;
	snprintf(file, sizeof(file), "%zu.name", i);
	if (name && write_file(dir, file, name, strlen(name)))
		return -1;
	snprintf(file, sizeof(file), "%zu.signer", i);
	if (signer && write_file(dir, file, signer, strlen(signer)))
		return -1;
	return 0;
}

/*
 * Module images for inspect: every modinfo case as an unsigned module
 * (those with their own name_size are left out: inspect always uses
 * MODULE_NAME_LEN), and the valid ELF image signed with every sigid blob.
 */
static int module_vectors(const char *dir)
{
	static u8 image[MODULE_MAX];
	const struct modinfo_case *elf = &modinfo_cases[0];
	char want[512], esc[256], desc[256], signer[160] = "";
	size_t i, n = 0, len, elf_len, sig_len;
	bool null;

	if (elf->m != MV_NONE || elf->want != MODGUARD_MODINFO_OK) {
		fprintf(stderr, "mkvectors: modinfo_cases[0] is not valid\n");
		return 1;
	}

	for (i = 0; i < ARRAY_SIZE(modinfo_cases); i++) {
		const struct modinfo_case *c = &modinfo_cases[i];
		bool named = c->want == MODGUARD_MODINFO_OK;

		len = mv_make(c, image, &null);
		if (null || c->name_size)
			continue;
		if (named)
			escape_name(c->want_name, esc, sizeof(esc));
		snprintf(want, sizeof(want), "reason=unsigned name=%s sid=?\n",
			 named ? esc : "?");
		snprintf(desc, sizeof(desc), "modinfo: %s", c->desc);
		if (write_vector(dir, n++, image, len, want, desc,
				 named ? c->want_name : NULL, NULL))
			return 1;
	}

	elf_len = mv_make(elf, image, &null);
	for (i = 0; i < ARRAY_SIZE(sigid_cases); i++) {
		const struct sigid_case *c = &sigid_cases[i];
		u8 id[MODGUARD_SIGNER_ID_MAX + 1];
		size_t id_len, k, pos;
		u8 *info;

		sig_len = dv_make(c, image + elf_len, &null);
		if (null)
			continue;
		info = image + elf_len + sig_len;
		memset(info, 0, MODGUARD_SIG_INFO_LEN);
		info[2] = MODGUARD_ID_PKCS7;
		tv_put_be32(info + 8, sig_len);
		memcpy(info + MODGUARD_SIG_INFO_LEN, MODGUARD_SIG_MARKER,
		       MODGUARD_SIG_MARKER_LEN);
		len = elf_len + sig_len + MODGUARD_SIG_INFO_LEN +
		      MODGUARD_SIG_MARKER_LEN;

		if (c->want == 0) {
			id_len = dv_case_id(c, id, sizeof(id));
			pos = snprintf(signer, sizeof(signer), "%s:",
				       c->want_kind == MODGUARD_SIGNER_SKID ?
				       "skid" : "serial");
			for (k = 0; k < id_len; k++)
				pos += snprintf(signer + pos,
						sizeof(signer) - pos, "%02x",
						id[k]);
		}
		snprintf(want, sizeof(want),
			 "reason=ok payload_len=%zu sig_len=%zu name=%s sid=%s\n",
			 elf_len, sig_len, elf->want_name,
			 c->want == 0 ? signer : "?");
		snprintf(desc, sizeof(desc), "sigid: %s", c->desc);
		if (write_vector(dir, n++, image, len, want, desc,
				 elf->want_name, c->want == 0 ? signer : NULL))
			return 1;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	char slugs[N_CASES][128];
	bool corpus = false;
	const char *dir;
	size_t i, j;

	if (argc == 3 && strcmp(argv[1], "--corpus=modinfo") == 0)
		return modinfo_corpus(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--corpus=sigid") == 0)
		return sigid_corpus(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--corpus=policy") == 0)
		return policy_corpus(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--policy") == 0)
		return policy_vectors(argv[2]);
	if (argc == 3 && strcmp(argv[1], "--modules") == 0)
		return module_vectors(argv[2]);
	if (argc == 3 && (strcmp(argv[1], "--corpus") == 0 ||
			  strcmp(argv[1], "--corpus=trailer") == 0)) {
		corpus = true;
	} else if (argc != 2) {
		fprintf(stderr, "usage: mkvectors [--corpus[=TARGET] | --modules | --policy] DIR\n");
		return 2;
	}
	dir = argv[argc - 1];
	memset(slugs, 0, sizeof(slugs));

	for (i = 0; i < N_CASES; i++) {
		const struct trailer_case *c = &trailer_cases[i];
		u8 buf[IMAGE_MAX];
		char name[160], want[160];
		size_t len;
		bool null;

		len = tv_make(c, buf, &null);
		if (null)
			continue;

		if (corpus) {
			slug(c->desc, slugs[i], sizeof(slugs[i]));
			if (!slugs[i][0]) {
				fprintf(stderr, "mkvectors: case %zu: no file name in \"%s\"\n",
					i, c->desc);
				return 1;
			}
			for (j = 0; j < i; j++) {
				if (strcmp(slugs[i], slugs[j]) == 0) {
					fprintf(stderr, "mkvectors: cases %zu and %zu have the same name %s\n",
						j, i, slugs[i]);
					return 1;
				}
			}
			if (write_file(dir, slugs[i], buf, len))
				return 1;
			continue;
		}

		/*
		 * The images of this table are not ELF and their PKCS#7
		 * blobs are filler: no name, no signer.
		 */
		if (c->want == MODGUARD_REASON_OK)
			snprintf(want, sizeof(want),
				 "reason=ok payload_len=%zu sig_len=%zu name=? sid=?\n",
				 c->want_payload, c->want_sig);
		else
			snprintf(want, sizeof(want),
				 "reason=%s name=? sid=?\n",
				 modguard_reason_name(c->want));

		snprintf(name, sizeof(name), "%zu.bin", i);
		if (write_file(dir, name, buf, len))
			return 1;
		snprintf(name, sizeof(name), "%zu.want", i);
		if (write_file(dir, name, want, strlen(want)))
			return 1;
		snprintf(name, sizeof(name), "%zu.desc", i);
		if (write_file(dir, name, c->desc, strlen(c->desc)))
			return 1;
	}
	return 0;
}
