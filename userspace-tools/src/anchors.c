// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - --cert, --kernel, --json and --max-size for verify, scan
 * and diagnose
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "anchors.h"
#include "util.h"

/**
 * mg_anchors_getopt() - mg_getopt() for a command with --cert, --kernel,
 * --json and --max-size: those are taken here, the command's others
 * returned.
 * @cmd: The command.
 * @argc: Argument count, argv[0] being the command name.
 * @argv: Arguments.
 * @a: Zeroed before the first call; filled in.
 * @status: Set when MG_OPT_EXIT is returned.
 *
 * Return: as mg_getopt(); --kernel given twice, or no memory for the
 * --cert list, is MG_OPT_EXIT with *@status MG_EXIT_USAGE or
 * MG_EXIT_FAILED.
 */
int mg_anchors_getopt(const struct mg_cmd *cmd, int argc, char *argv[],
		      struct mg_anchors *a, int *status)
{
	int c;

	if (!a->certs) {
		a->max = MG_MODULE_MAX;
		a->certs = calloc(argc, sizeof(*a->certs));
		if (!a->certs) {
			mg_err("%s", strerror(ENOMEM));
			*status = MG_EXIT_FAILED;
			return MG_OPT_EXIT;
		}
	}
	while ((c = mg_getopt(cmd, argc, argv, status)) != -1) {
		switch (c) {
		case 'c':
			a->certs[a->n_certs++].name = optarg;
			break;
		case 'm':
			if (mg_opt_size(cmd, optarg, &a->max)) {
				*status = MG_EXIT_USAGE;
				return MG_OPT_EXIT;
			}
			break;
		case 'j':
			a->json = true;
			break;
		case 'k':
			if (a->kernel) {
				*status = mg_usage_error(cmd, "--kernel given twice");
				return MG_OPT_EXIT;
			}
			a->kernel = optarg;
			break;
		default:
			return c;
		}
	}
	return -1;
}

/**
 * mg_anchors_read() - Read the --cert files (once: "-" is standard input)
 * and the certificate lists of the --kernel image.
 * @a: The options.
 *
 * Return: 0, or -1 after a message.
 */
int mg_anchors_read(struct mg_anchors *a)
{
	size_t i;

	for (i = 0; i < a->n_certs; i++)
		if (mg_cert_file_read(a->certs[i].name, &a->certs[i]))
			return -1;
	if (!a->kernel)
		return 0;
	return mg_kernel_certs(a->kernel, MG_IMAGE_MAX, &a->kc, false);
}

/**
 * mg_anchors_set_kernel() - Trust a kernel image no --kernel named (the
 * running kernel's), if its certificate lists can be read.
 * @a: The options, without --kernel.
 * @path: The image, malloc()ed (taken over), or NULL.
 *
 * Return: 0 when the image's lists are now trusted, -1 otherwise (quietly).
 */
int mg_anchors_set_kernel(struct mg_anchors *a, char *path)
{
	a->own = path;
	if (!path || mg_kernel_certs(path, MG_IMAGE_MAX, &a->kc, true)) {
		mg_kernel_certs_free(&a->kc);
		return -1;
	}
	a->kernel = path;
	return 0;
}

/**
 * mg_anchors_trust() - Load what the options name into a trust.
 * @a: The options, the --kernel image read.
 * @t: As for mg_trust_load().
 * @quiet: No messages.
 *
 * Return: as mg_trust_load().
 */
int mg_anchors_trust(const struct mg_anchors *a, struct mg_trust *t,
		     bool quiet)
{
	return mg_trust_load(a->certs, a->n_certs, a->kernel ? &a->kc : NULL,
			     t, quiet);
}

void mg_anchors_free(struct mg_anchors *a)
{
	size_t i;

	for (i = 0; i < a->n_certs; i++)
		mg_cert_file_free(&a->certs[i]);
	mg_kernel_certs_free(&a->kc);
	free(a->certs);
	free(a->own);
	memset(a, 0, sizeof(*a));
}
