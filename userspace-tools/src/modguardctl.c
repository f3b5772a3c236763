// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl - inspect modules and query modguard
 *
 * The entry point: top-level options, the command table, the generated
 * help, and the option and error helpers every command uses.
 */

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "command.h"
#include "trust.h"
#include "util.h"

static int cmd_help(const struct mg_cmd *cmd, int argc, char *argv[]);

static const struct mg_cmd mg_cmd_help = {
	.name = "help",
	.fn = cmd_help,
	.args = "[COMMAND]",
	.help = "Show this help, or a command's (as COMMAND --help does)",
	.desc = NULL,
};

/*
 * New commands go here; the help text follows the order of the table. A
 * name of two words ("policy check") is a command of a group: the user
 * types the two words, and "modguardctl policy --help" lists the group.
 */
static const struct mg_cmd *const commands[] = {
	&mg_cmd_help,
	&mg_cmd_status,
	&mg_cmd_inspect,
	&mg_cmd_hash,
	&mg_cmd_allow,
	&mg_cmd_verify,
	&mg_cmd_scan,
	&mg_cmd_certs,
	&mg_cmd_diagnose,
	&mg_cmd_log,
	&mg_cmd_policy_check,
	&mg_cmd_policy_show,
	&mg_cmd_policy_load,
	&mg_cmd_mode,
	&mg_cmd_lock,
};

#define N_COMMANDS ARRAY_SIZE(commands)

/* Every command's options, and the top level's. */
static const struct mg_option common_options[] = {
	{ "help", no_argument, 'h', NULL, "Show this help and exit" },
	{ "version", no_argument, 'V', NULL, "Show the version and exit" },
	MG_OPTIONS_END
};

/* The option column of the help: "-c, --cert FILE" or "    --jobs N". */
static void opt_column(const struct mg_option *o, char *buf, size_t size)
{
	if (o->val < MG_LONG_ONLY)
		snprintf(buf, size, "-%c, --%s%s%s", o->val, o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(buf, size, "    --%s%s%s", o->name, o->arg ? " " : "",
			 o->arg ? o->arg : "");
}

/* The options of @a (may be NULL), then the common ones. */
static void print_opts(FILE *f, const struct mg_option *a)
{
	const struct mg_option *lists[] = { a, common_options };
	const struct mg_option *o;
	char col[64];
	int width = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(lists); i++)
		for (o = lists[i]; o && o->name; o++) {
			opt_column(o, col, sizeof(col));
			if ((int)strlen(col) > width)
				width = strlen(col);
		}
	fputs("Options:\n", f);
	for (i = 0; i < ARRAY_SIZE(lists); i++)
		for (o = lists[i]; o && o->name; o++) {
			opt_column(o, col, sizeof(col));
			fprintf(f, "  %-*s  %s\n", width, col, o->help);
		}
}

static void print_help(FILE *f)
{
	int width = 0;
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if ((int)strlen(commands[i]->name) > width)
			width = strlen(commands[i]->name);

	fprintf(f, "Usage: %s [options] command [command options] [args]\n\n",
		MG_PROG);
	fputs("Inspect and hash kernel modules; query and configure the modguard LSM.\n\n",
	      f);
	print_opts(f, NULL);
	fputs("\nCommands:\n", f);
	for (i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-*s  %s\n", width, commands[i]->name,
			commands[i]->help);
	fprintf(f, "\nRun '%s COMMAND --help' for the options of a command.\n",
		MG_PROG);
	fputs("\nExit status: 0 success; 1 the operation failed or a module would be refused;\n2 usage error.\n",
	      f);
}

/* Length of the group word of a two-word command name, else 0. */
static size_t group_len(const char *name)
{
	const char *sp = strchr(name, ' ');

	return sp ? (size_t)(sp - name) : 0;
}

static bool in_group(const struct mg_cmd *cmd, const char *group)
{
	size_t n = group_len(cmd->name);

	return n && strncmp(cmd->name, group, n) == 0 && !group[n];
}

/* "modguardctl policy --help": the commands of the group. */
static void print_group_help(const char *group, FILE *f)
{
	int width = 0;
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (in_group(commands[i], group) &&
		    (int)strlen(commands[i]->name) > width)
			width = strlen(commands[i]->name);
	fprintf(f, "Usage: %s %s COMMAND [options] [args]\n\nCommands:\n",
		MG_PROG, group);
	for (i = 0; i < N_COMMANDS; i++)
		if (in_group(commands[i], group))
			fprintf(f, "  %-*s  %s\n", width, commands[i]->name,
				commands[i]->help);
	fprintf(f, "\nRun '%s %s COMMAND --help' for the options of a command.\n",
		MG_PROG, group);
}

static void print_cmd_help(const struct mg_cmd *cmd, FILE *f)
{
	fprintf(f, "Usage: %s %s [options]%s%s\n\n%s.\n", MG_PROG, cmd->name,
		*cmd->args ? " " : "", cmd->args, cmd->help);
	if (cmd->desc)
		fprintf(f, "\n%s\n", cmd->desc);
	fputc('\n', f);
	print_opts(f, cmd->options);
}

/*
 * The version, and what the libcrypto it runs with decides: ML-DSA
 * signatures are verified only with OpenSSL 3.5 and later.
 */
static void print_version(void)
{
	printf("%s version %s\n", MG_PROG, MODGUARDCTL_VERSION);
	if (mg_mldsa_available())
		printf("ML-DSA signatures: verified (%s)\n",
		       OpenSSL_version(OPENSSL_VERSION));
	else
		printf("ML-DSA signatures: not verified, unsupported-crypto (%s; ML-DSA needs 3.5 or later)\n",
		       OpenSSL_version(OPENSSL_VERSION));
}

/**
 * mg_usage_error() - Report a bad command line.
 * @cmd: The command being parsed, or NULL at the top level.
 * @fmt: printf format of the message, without the trailing newline.
 *
 * Return: MG_EXIT_USAGE, for the caller to return.
 */
int mg_usage_error(const struct mg_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s%s%s: ", MG_PROG, cmd ? " " : "", cmd ? cmd->name : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s%s%s --help'.\n", MG_PROG, cmd ? " " : "",
		cmd ? cmd->name : "");
	return MG_EXIT_USAGE;
}

/* The option as the user typed it, for error messages. */
static const char *bad_option(char *argv[])
{
	static char opt[3] = "-?";
	const char *arg = argv[optind - 1];

	/* Long options (and "--json=x") are shown whole, short ones alone. */
	if (strncmp(arg, "--", 2) == 0 || !optopt)
		return arg;
	opt[1] = optopt;
	return opt;
}

/**
 * mg_getopt() - getopt_long for a command, handling the common options.
 * @cmd: The command; its options and the common ones are recognised.
 * @argc: Argument count, argv[0] being the command name.
 * @argv: Arguments.
 * @status: Set when MG_OPT_EXIT is returned.
 *
 * Return: the next option for the command to handle; -1 after the last
 * option; MG_OPT_EXIT after -h or -V (*@status is MG_EXIT_OK) or a bad
 * option (message printed, *@status is MG_EXIT_USAGE).
 */
int mg_getopt(const struct mg_cmd *cmd, int argc, char *argv[], int *status)
{
	/* getopt_long's tables, built from the command's (same each call). */
	static struct option longopts[MG_MAX_OPTIONS + 3];
	static char shortopts[2 * MG_MAX_OPTIONS + 8];
	const struct mg_option *lists[] = { cmd->options, common_options };
	const struct mg_option *o;
	size_t i, n = 0, k = 0;
	int c;

	/* ':' first: a missing argument is ':', not '?'. */
	shortopts[k++] = ':';

	for (i = 0; i < ARRAY_SIZE(lists); i++) {
		for (o = lists[i]; o && o->name; o++) {
			if (n == MG_MAX_OPTIONS + 2) {
				mg_err("%s: more than %d options (MG_MAX_OPTIONS)",
				       cmd->name, MG_MAX_OPTIONS);
				abort();
			}
			longopts[n++] = (struct option){ o->name, o->has_arg,
							 NULL, o->val };
			if (o->val >= MG_LONG_ONLY)
				continue;
			shortopts[k++] = o->val;
			if (o->has_arg == required_argument)
				shortopts[k++] = ':';
		}
	}
	longopts[n] = (struct option){ NULL, 0, NULL, 0 };
	shortopts[k] = '\0';


	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	switch (c) {
	case 'h':
		print_cmd_help(cmd, stdout);
		*status = MG_EXIT_OK;
		return MG_OPT_EXIT;
	case 'V':
		print_version();
		*status = MG_EXIT_OK;
		return MG_OPT_EXIT;
	case '?':
		*status = mg_usage_error(cmd, "unknown or ill-formed option '%s'",
					 bad_option(argv));
		return MG_OPT_EXIT;
	case ':':
		*status = mg_usage_error(cmd, "option '%s' requires an argument",
					 bad_option(argv));
		return MG_OPT_EXIT;
	default:
		return c;
	}
}

/**
 * mg_opt_size() - The argument of --max-size.
 * @cmd: The command.
 * @arg: The argument.
 * @size: Set to the size.
 *
 * Return: 0, or MG_EXIT_USAGE after the message.
 */
int mg_opt_size(const struct mg_cmd *cmd, const char *arg, size_t *size)
{
	*size = mg_parse_size(arg);
	return *size ? 0 : mg_usage_error(cmd, "invalid size '%s'", arg);
}

/**
 * mg_getopt_args() - The whole command line of a command whose only own
 * options, if any, are -j/--json and --max-size, and that takes @min to
 * @max operands.
 * @cmd: The command.
 * @argc: Argument count, argv[0] being the command name.
 * @argv: Arguments.
 * @json: Set by --json; NULL when the command has no --json.
 * @size: Set by --max-size (left alone without it); NULL when the
 *        command has no --max-size.
 * @min: Fewest operands.
 * @max: Most operands, or -1 for any number.
 *
 * Return: -1 when the command should go on, its operands from argv[optind];
 * otherwise the exit status to return now (after -h or -V, or a usage
 * error: "missing" the first word of @cmd->args, or the first operand too
 * many).
 */
int mg_getopt_args(const struct mg_cmd *cmd, int argc, char *argv[],
		   bool *json, size_t *size, int min, int max)
{
	int status, c;

	while ((c = mg_getopt(cmd, argc, argv, &status)) != -1) {
		if (c == MG_OPT_EXIT)
			return status;
		if (c == 'j' && json)
			*json = true;
		if (c == 'm' && size && mg_opt_size(cmd, optarg, size))
			return MG_EXIT_USAGE;
	}
	if (argc - optind < min)
		return mg_usage_error(cmd, "missing %.*s",
				      (int)strcspn(cmd->args, ". ["),
				      cmd->args);
	if (max >= 0 && argc - optind > max)
		return mg_usage_error(cmd, "unexpected argument '%s'",
				      argv[optind + max]);
	return -1;
}

static const struct mg_cmd *find_command(int argc, char *argv[], int *words);
static bool is_group(const char *name);

/* "help", "help COMMAND", "help GROUP", "help GROUP COMMAND". */
static int cmd_help(const struct mg_cmd *cmd, int argc, char *argv[])
{
	int status = mg_getopt_args(cmd, argc, argv, NULL, NULL, 0, 2);
	const struct mg_cmd *c;
	int words;

	if (status >= 0)
		return status;
	argc -= optind;
	argv += optind;
	if (!argc) {
		print_help(stdout);
		return MG_EXIT_OK;
	}
	c = find_command(argc, argv, &words);
	if (c && words == argc) {
		print_cmd_help(c, stdout);
		return MG_EXIT_OK;
	}
	if (argc == 1 && is_group(argv[0])) {
		print_group_help(argv[0], stdout);
		return MG_EXIT_OK;
	}
	return mg_usage_error(cmd, "unknown command '%s%s%s'", argv[0],
			      argc > 1 ? " " : "", argc > 1 ? argv[1] : "");
}

static bool is_group(const char *name)
{
	size_t i;

	for (i = 0; i < N_COMMANDS; i++)
		if (in_group(commands[i], name))
			return true;
	return false;
}

/* The command named by argv[0], or argv[0] and argv[1] for a group. */
static const struct mg_cmd *find_command(int argc, char *argv[], int *words)
{
	size_t i, n;

	for (i = 0; i < N_COMMANDS; i++) {
		const char *name = commands[i]->name;

		n = group_len(name);
		if (!n && strcmp(name, argv[0]) == 0) {
			*words = 1;
			return commands[i];
		}
		if (n && argc > 1 && in_group(commands[i], argv[0]) &&
		    strcmp(name + n + 1, argv[1]) == 0) {
			*words = 2;
			return commands[i];
		}
	}
	return NULL;
}

/* "modguardctl policy" with no command of the group, or -h, -V. */
static int group_only(const char *group, int argc, char *argv[])
{
	if (argc < 2)
		return mg_usage_error(NULL, "missing %s command (see '%s %s --help')",
				      group, MG_PROG, group);
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_group_help(group, stdout);
		return MG_EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		print_version();
		return MG_EXIT_OK;
	}
	return mg_usage_error(NULL, "unknown command '%s %s'", group, argv[1]);
}

/* A full stdout (e.g. > /dev/full) is a failed operation, not a success. */
static int close_stdout(int status)
{
	int err = 0;

	if (fflush(stdout) != 0)
		err = errno;
	else if (ferror(stdout))
		err = EIO;	/* an earlier write failed; errno is long gone */
	if (!err)
		return status;
	mg_err("write error on standard output: %s", strerror(err));
	return status == MG_EXIT_OK ? MG_EXIT_FAILED : status;
}

int main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const struct mg_cmd *cmd;
	int c, words;

	opterr = 0;
	/* "+": stop at the command name; what follows belongs to it. */
	while ((c = getopt_long(argc, argv, "+hV", longopts,
				NULL)) != -1) {
		switch (c) {
		case 'h':
			print_help(stdout);
			return close_stdout(MG_EXIT_OK);
		case 'V':
			print_version();
			return close_stdout(MG_EXIT_OK);
		default:
			return mg_usage_error(NULL,
					      "unknown or ill-formed option '%s'",
					      bad_option(argv));
		}
	}

	if (optind >= argc)
		return mg_usage_error(NULL, "missing command");

	argc -= optind;
	argv += optind;
	cmd = find_command(argc, argv, &words);
	if (!cmd && is_group(argv[0]))
		return close_stdout(group_only(argv[0], argc, argv));
	if (!cmd)
		return mg_usage_error(NULL, "unknown command '%s'", argv[0]);

	/* The command sees its last word as argv[0]. */
	argc -= words - 1;
	argv += words - 1;
	optind = 0;	/* full getopt reset for the command's own parse */
	return close_stdout(cmd->fn(cmd, argc, argv));
}
