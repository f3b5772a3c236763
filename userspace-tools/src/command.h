/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * modguardctl - the command table, and the option parsing every command
 * shares (modguardctl.c)
 *
 * kmod's shape: one table of {name, function, help}; each command parses
 * its own options with getopt_long; -h/--help and -V/--version work at the
 * top level and after every command, and all help text is generated from
 * the table.
 */
#ifndef _MODGUARDCTL_COMMAND_H
#define _MODGUARDCTL_COMMAND_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "compat.h"

#ifndef MODGUARDCTL_VERSION
#define MODGUARDCTL_VERSION "0.1"
#endif

/* keyctl's exit codes. */
#define MG_EXIT_OK	0	/* success */
#define MG_EXIT_FAILED	1	/* operation failed, or a module would be refused */
#define MG_EXIT_USAGE	2	/* bad command line */

/* Returned by mg_getopt() when the command must return *status now. */
#define MG_OPT_EXIT	0x100

/* mg_option.val of an option without a short form: MG_LONG_ONLY + a letter. */
#define MG_LONG_ONLY	0x200

/* Options a command may have, -h and -V aside. */
#define MG_MAX_OPTIONS	16

/**
 * struct mg_option - One option of a command, for getopt_long and the help.
 * @name: The long name, without "--".
 * @has_arg: no_argument or required_argument.
 * @val: The short option letter, which mg_getopt() returns; or
 *       MG_LONG_ONLY plus a letter for an option without a short form.
 * @arg: The argument's name in the help ("FILE"), or NULL.
 * @help: One line of help.
 *
 * -h/--help and -V/--version are every command's; mg_getopt() adds them.
 */
struct mg_option {
	const char *name;
	int has_arg;
	int val;
	const char *arg;
	const char *help;
};

#define MG_OPTIONS_END { NULL, 0, 0, NULL, NULL }

/* --max-size, the same for every command that reads modules or images. */
#define MG_OPT_MAX_SIZE(help) \
	{ "max-size", required_argument, 'm', "SIZE", help }
#define MG_MAX_SIZE_HELP \
	"Refuse a file larger than SIZE bytes, or that decompresses to more (K, M, G suffixes; default 256M)"

/**
 * struct mg_cmd - One subcommand.
 * @name: What the user types.
 * @fn: Runs the command; argv[0] is @name. Returns an MG_EXIT_* code.
 * @args: Synopsis of the arguments after the options ("FILE..."), or "".
 * @help: One line for the command list.
 * @desc: Paragraph for "modguardctl @name --help", or NULL.
 * @options: The command's own options, ended by MG_OPTIONS_END; NULL for
 *           none.
 */
struct mg_cmd {
	const char *name;
	int (*fn)(const struct mg_cmd *cmd, int argc, char *argv[]);
	const char *args;
	const char *help;
	const char *desc;
	const struct mg_option *options;
};

extern const struct mg_cmd mg_cmd_status;
extern const struct mg_cmd mg_cmd_inspect;
extern const struct mg_cmd mg_cmd_policy_check;
extern const struct mg_cmd mg_cmd_policy_show;
extern const struct mg_cmd mg_cmd_policy_load;
extern const struct mg_cmd mg_cmd_mode;
extern const struct mg_cmd mg_cmd_lock;
extern const struct mg_cmd mg_cmd_hash;
extern const struct mg_cmd mg_cmd_allow;
extern const struct mg_cmd mg_cmd_verify;
extern const struct mg_cmd mg_cmd_scan;
extern const struct mg_cmd mg_cmd_diagnose;
extern const struct mg_cmd mg_cmd_log;
extern const struct mg_cmd mg_cmd_certs;

int mg_getopt(const struct mg_cmd *cmd, int argc, char *argv[], int *status);
int mg_getopt_args(const struct mg_cmd *cmd, int argc, char *argv[],
		   bool *json, size_t *size, int min, int max);
int mg_opt_size(const struct mg_cmd *cmd, const char *arg, size_t *size);
int mg_usage_error(const struct mg_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* _MODGUARDCTL_COMMAND_H */
