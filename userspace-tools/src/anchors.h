/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the options verify, scan and diagnose share (anchors.c):
 * --cert FILE (repeatable), --kernel IMAGE, --json and --max-size, parsed
 * in one place, and the trust anchors they name read once and loaded into
 * a &struct mg_trust
 */
#ifndef _MODGUARDCTL_ANCHORS_H
#define _MODGUARDCTL_ANCHORS_H

#include "command.h"
#include "kcerts.h"
#include "trust.h"

/* The option table entries; each command gives its own help line. */
#define MG_OPT_CERT(help)	{ "cert", required_argument, 'c', "FILE", help }
#define MG_OPT_KERNEL(help)	{ "kernel", required_argument, 'k', "IMAGE", help }
#define MG_OPT_JSON(help)	{ "json", no_argument, 'j', NULL, help }

/**
 * struct mg_anchors - What --cert, --kernel, --json and --max-size said.
 * @json: --json.
 * @max: --max-size, for modules (MG_MODULE_MAX without it).
 * @certs: The --cert files, in order; read by mg_anchors_read().
 * @n_certs: How many.
 * @kernel: The --kernel image, or the one mg_anchors_set_kernel() chose;
 *          NULL for none.
 * @kc: @kernel's certificate lists, once mg_anchors_read() read them.
 * @own: A path mg_anchors_set_kernel() was given, freed with the rest.
 */
struct mg_anchors {
	bool json;
	size_t max;
	struct mg_cert_file *certs;
	size_t n_certs;
	const char *kernel;
	struct mg_kcerts kc;
	char *own;
};

int mg_anchors_getopt(const struct mg_cmd *cmd, int argc, char *argv[],
		      struct mg_anchors *a, int *status);
int mg_anchors_read(struct mg_anchors *a);
int mg_anchors_set_kernel(struct mg_anchors *a, char *path);
int mg_anchors_trust(const struct mg_anchors *a, struct mg_trust *t,
		     bool quiet);
void mg_anchors_free(struct mg_anchors *a);

#endif /* _MODGUARDCTL_ANCHORS_H */
