// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkvectors - write the images of kunit/trailer_vectors.h to files
 *
 *   mkvectors DIR           DIR/<i>.bin, the image of case i;
 *                           DIR/<i>.want, what "modguardctl inspect" must
 *                           print after "FILE: ", from the table alone;
 *                           DIR/<i>.desc, the case description.
 *   mkvectors --corpus DIR  DIR/<slug of the description>: the fuzz seeds.
 *
 * The "NULL input" case has no file form and is skipped.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trailer_vectors.h"

#define N_CASES ARRAY_SIZE(trailer_cases)

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

int main(int argc, char *argv[])
{
	char slugs[N_CASES][128];
	bool corpus = false;
	const char *dir;
	size_t i, j;

	if (argc == 3 && strcmp(argv[1], "--corpus") == 0) {
		corpus = true;
	} else if (argc != 2) {
		fprintf(stderr, "usage: mkvectors [--corpus] DIR\n");
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

		if (c->want == MODGUARD_REASON_OK)
			snprintf(want, sizeof(want),
				 "reason=ok payload_len=%zu sig_len=%zu\n",
				 c->want_payload, c->want_sig);
		else
			snprintf(want, sizeof(want), "reason=%s\n",
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
