// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl status - is modguard active, and in which mode
 *
 * Reads only what any user can read: the LSM list in securityfs and the
 * mode parameter in sysfs. MODGUARD_SYSFS replaces "/sys" so the tests can
 * point the command at a fake tree.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "modguardctl.h"

#define LSM_FILE "/kernel/security/lsm"
#define MODE_FILE "/module/modguard/parameters/mode"

static const char *const modes[] = { "enforcing", "permissive" };

/* Strip the trailing newline (and any other trailing white space). */
static void chomp(char *s)
{
	size_t n = strlen(s);

	while (n && strchr(" \t\r\n", s[n - 1]))
		s[--n] = '\0';
}

/* Is @name one of the entries of the comma-separated @list? */
static bool in_list(char *list, const char *name)
{
	char *tok, *save = NULL;

	chomp(list);
	for (tok = strtok_r(list, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save))
		if (strcmp(tok, name) == 0)
			return true;
	return false;
}

static void print_status(bool active, const char *mode, bool json)
{
	if (json) {
		printf("{\"active\":%s,\"mode\":", active ? "true" : "false");
		if (mode)
			mg_json_string(stdout, mode);
		else
			fputs("null", stdout);
		fputs("}\n", stdout);
		return;
	}
	printf("modguard: %s\n", active ? "active" : "inactive");
	if (mode)
		printf("mode: %s\n", mode);
}

static int status(const char *root, bool json)
{
	char *lsm_path = NULL, *mode_path = NULL;
	unsigned char *lsm = NULL, *mode = NULL;
	int ret = MG_EXIT_FAILED;
	size_t len, i;
	int err;

	if (asprintf(&lsm_path, "%s%s", root, LSM_FILE) < 0)
		lsm_path = NULL;
	if (asprintf(&mode_path, "%s%s", root, MODE_FILE) < 0)
		mode_path = NULL;
	if (!lsm_path || !mode_path) {
		mg_err("%s", strerror(ENOMEM));
		goto out_free;
	}

	err = mg_read_file(lsm_path, &lsm, &len);
	if (err) {
		mg_err("cannot read %s: %s (is securityfs mounted?)", lsm_path,
		       strerror(-err));
		goto out_free;
	}
	if (!in_list((char *)lsm, "modguard")) {
		/* Built in but not enabled: the mode would mean nothing. */
		print_status(false, NULL, json);
		mg_err("modguard is not active: it is not in %s (add it to the lsm= boot parameter or CONFIG_LSM)",
		       lsm_path);
		goto out_free;
	}

	err = mg_read_file(mode_path, &mode, &len);
	if (err) {
		mg_err("cannot read %s: %s", mode_path, strerror(-err));
		goto out_free;
	}
	chomp((char *)mode);
	for (i = 0; i < ARRAY_SIZE(modes); i++)
		if (strcmp((char *)mode, modes[i]) == 0)
			break;
	if (i == ARRAY_SIZE(modes)) {
		mg_err("%s: unexpected mode '%s'", mode_path, (char *)mode);
		goto out_free;
	}

	print_status(true, modes[i], json);
	ret = MG_EXIT_OK;
out_free:
	free(mode);
	free(lsm);
	free(mode_path);
	free(lsm_path);
	return ret;
}

static int cmd_status(const struct mg_cmd *cmd, int argc, char *argv[])
{
	const char *root;
	bool json = false;
	int status_code;
	int c;

	while ((c = mg_getopt(cmd, argc, argv, &status_code)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case MG_OPT_EXIT:
			return status_code;
		}
	}
	if (optind < argc)
		return mg_usage_error(cmd, "unexpected argument '%s'",
				      argv[optind]);

	root = getenv("MODGUARD_SYSFS");
	if (!root || !*root)
		root = "/sys";
	return status(root, json);
}

static const struct option status_longopts[] = {
	{ "json", no_argument, NULL, 'j' },
	MG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

static const struct mg_opt_help status_opthelp[] = {
	{ "-j, --json", "Print one JSON object on one line" },
	{ NULL, NULL }
};

const struct mg_cmd mg_cmd_status = {
	.name = "status",
	.fn = cmd_status,
	.args = "",
	.help = "Show whether modguard is active and its mode",
	.desc = "Reads /sys" LSM_FILE " and /sys" MODE_FILE ".\n"
		"The environment variable MODGUARD_SYSFS replaces /sys.\n"
		"\n"
		"With --json: {\"active\":true|false,\"mode\":\"enforcing\"|\"permissive\"};\n"
		"mode is null when modguard is not active.\n"
		"\n"
		"Exit status: 0 when modguard is active; 1 when it is not active\n"
		"or its state cannot be read; 2 usage error.",
	.shortopts = "j" MG_COMMON_SHORTOPTS,
	.longopts = status_longopts,
	.opthelp = status_opthelp,
};
