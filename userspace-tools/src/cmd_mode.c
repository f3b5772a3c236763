// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl mode, lock - the runtime switches in securityfs
 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "securityfs.h"
#include "util.h"

static int cmd_mode(const struct mg_cmd *cmd, int argc, char *argv[])
{
	const char *want = NULL, *mode;
	unsigned char *data;
	bool json = false;
	int status, err;
	char buf[16];
	size_t len;

	status = mg_getopt_args(cmd, argc, argv, &json, NULL, 0, -1);
	if (status >= 0)
		return status;
	if (optind < argc) {
		want = argv[optind];
		if (!mg_mode_name(want))
			return mg_usage_error(cmd, "unknown mode '%s' (enforcing or permissive)",
					      want);
		if (optind + 1 < argc)
			return mg_usage_error(cmd, "unexpected argument '%s'",
					      argv[optind + 1]);
		if (json)
			return mg_usage_error(cmd, "--json only shows the mode");
	}

	if (want) {
		len = snprintf(buf, sizeof(buf), "%s\n", want);
		err = mg_sfs_write("mode", buf, len);
		if (err) {
			mg_sfs_error("mode", true, err);
			return MG_EXIT_FAILED;
		}
		return MG_EXIT_OK;
	}

	err = mg_sfs_read("mode", &data, &len);
	if (err) {
		mg_sfs_error("mode", false, err);
		return MG_EXIT_FAILED;
	}
	mg_chomp((char *)data);
	mode = mg_mode_name((char *)data);
	if (!mode) {
		mg_err("%s/mode: unexpected mode '%s'", mg_sfs_root(),
		       (char *)data);
		free(data);
		return MG_EXIT_FAILED;
	}
	free(data);
	if (json)
		printf("{\"mode\":\"%s\"}\n", mode);
	else
		printf("%s\n", mode);
	return MG_EXIT_OK;
}

static int cmd_lock(const struct mg_cmd *cmd, int argc, char *argv[])
{
	int status, err;

	status = mg_getopt_args(cmd, argc, argv, NULL, NULL, 0, 0);
	if (status >= 0)
		return status;

	err = mg_sfs_write("lock", "1\n", 2);
	if (err) {
		mg_sfs_error("lock", true, err);
		return MG_EXIT_FAILED;
	}
	return MG_EXIT_OK;
}

static const struct mg_option mode_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "Show the mode as one JSON object, {\"mode\":M}" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_mode = {
	.name = "mode",
	.fn = cmd_mode,
	.args = "[enforcing|permissive]",
	.help = "Show or set the mode",
	.desc = "Without an argument, prints the mode from " MG_SFS_DEFAULT "/mode.\n"
		"With one, writes it there: enforcing refuses the modules modguard\n"
		"denies; permissive logs them as would-deny and lets them load.\n"
		"Reading and writing need root; writing needs CAP_MAC_ADMIN too and\n"
		"fails once modguard is locked. 'status' shows the mode to any user.\n"
		"The environment variable MODGUARD_SECURITYFS replaces the directory.\n"
		"\n"
		"Exit status: 0 success; 1 the mode cannot be read, or the kernel\n"
		"refused the change (the message says why); 2 usage error.",
	.options = mode_options,
};

const struct mg_cmd mg_cmd_lock = {
	.name = "lock",
	.fn = cmd_lock,
	.args = "",
	.help = "Switch to enforcing and lock modguard until reboot",
	.desc = "Writes 1 to " MG_SFS_DEFAULT "/lock, without asking for\n"
		"confirmation. modguard switches to enforcing and then refuses,\n"
		"until the next reboot, any change of mode, any new policy and any\n"
		"key added to the .modguard keyring. There is no unlock.\n"
		"Needs root with CAP_MAC_ADMIN.\n"
		"The environment variable MODGUARD_SECURITYFS replaces the directory.\n"
		"\n"
		"Exit status: 0 when modguard is locked (also when it already was);\n"
		"1 the kernel refused; 2 usage error.",
};
