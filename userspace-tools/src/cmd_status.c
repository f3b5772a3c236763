// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguardctl status - is modguard active, in which mode, locked or not,
 * with how many rules, and what it has decided since boot
 *
 * Whether it is active and its mode come from what any user can read: the
 * LSM list in securityfs and the mode parameter in sysfs. The lock and the
 * policy are root's to read (0600); the counters anyone's (0444). What
 * cannot be read for want of privilege is shown as unknown, not as a
 * failure. MODGUARD_SYSFS replaces "/sys" and MODGUARD_SECURITYFS the
 * modguard directory, so the tests can point the command at fake trees;
 * securityfs.c reads them, as it does for diagnose.
 */

#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "policy.h"
#include "securityfs.h"
#include "util.h"

struct reason_count {
	char *name;
	long long n;
};

/* What status shows; -1 (or !have_stats) is unknown. */
struct state {
	bool lsm_read;		/* the LSM list was read: active is known */
	bool active;
	const char *mode;
	int locked;
	long long rules;
	bool no_policy;		/* the kernel has no policy in force */
	bool have_stats;
	long long allowed, denied, would_deny;
	struct reason_count *reasons;
	size_t n_reasons;
	bool known;		/* active and mode, or inactive, are known */
	bool lock_root;		/* the lock is unknown for want of root */
	bool policy_root;	/* the policy likewise */
};

/* Read a root-only file: 0, 1 for "unknown, needs root", or -1 failed. */
static int read_private(const char *name, unsigned char **data)
{
	size_t len;
	int err;

	err = mg_sfs_read(name, data, &len);
	if (err == -EACCES || err == -EPERM) {
		return 1;
	}
	if (err) {
		mg_sfs_error(name, false, err);
		return -1;
	}
	return 0;
}

/* The lock, as mg_kstate_read() found it. */
static int read_lock(struct state *s, const struct mg_kstate *k)
{
	int err = k->lock_err;

	s->lock_root = err == -EACCES || err == -EPERM;
	if (s->lock_root)
		return 0;
	if (err) {
		mg_sfs_error("lock", false, err);
		return -1;
	}
	if (k->locked < 0) {
		mg_err("%s/lock: unexpected value '%s'", mg_sfs_root(),
		       k->lock_text);
		return -1;
	}
	s->locked = k->locked;
	return 0;
}

static int read_policy(struct state *s)
{
	struct modguard_policy_error e = { 0 };
	struct modguard_policy *p;
	unsigned char *data;
	int ret;

	ret = read_private("policy", &data);
	s->policy_root = ret == 1;
	if (ret)
		return ret < 0 ? -1 : 0;
	/* Empty: the builtin policy was refused at boot, nothing is in force. */
	if (!data[0]) {
		s->no_policy = true;
		free(data);
		return 0;
	}
	p = modguard_policy_parse((const char *)data, strlen((char *)data), &e);
	free(data);
	if (!p) {
		mg_err("%s/policy:%u: %s", mg_sfs_root(), e.line, e.msg);
		return -1;
	}
	s->rules = p->total;
	modguard_policy_free(p);
	return 0;
}

static bool parse_count(const char *s, long long *n)
{
	char *end;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	*n = strtoll(s, &end, 10);
	return !errno && !*end;
}

/*
 * The stats file: "allowed N", "denied N", "would-deny N", then
 * "reason NAME N" lines. Lines of other keys are skipped (a newer
 * kernel may add some); a known key with a bad count is an error.
 */
static int parse_stats(char *text, struct state *s)
{
	char *line, *save = NULL, *w[4];
	bool seen[3] = { false, false, false };
	struct reason_count *r;
	long long n;
	int nw, lineno = 0;

	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tok, *wsave = NULL;

		lineno++;
		nw = 0;
		for (tok = strtok_r(line, " \t", &wsave); tok && nw < 4;
		     tok = strtok_r(NULL, " \t", &wsave))
			w[nw++] = tok;
		if (tok)
			nw++;
		if (nw == 2 && strcmp(w[0], "allowed") == 0 &&
		    parse_count(w[1], &s->allowed)) {
			seen[0] = true;
		} else if (nw == 2 && strcmp(w[0], "denied") == 0 &&
			   parse_count(w[1], &s->denied)) {
			seen[1] = true;
		} else if (nw == 2 && strcmp(w[0], "would-deny") == 0 &&
			   parse_count(w[1], &s->would_deny)) {
			seen[2] = true;
		} else if (nw == 3 && strcmp(w[0], "reason") == 0 &&
			   parse_count(w[2], &n)) {
			r = realloc(s->reasons,
				    (s->n_reasons + 1) * sizeof(*r));
			if (!r)
				goto nomem;
			s->reasons = r;
			r[s->n_reasons].n = n;
			r[s->n_reasons].name = strdup(w[1]);
			if (!r[s->n_reasons].name)
				goto nomem;
			s->n_reasons++;
		} else if (nw > 0 && (strcmp(w[0], "allowed") == 0 ||
				      strcmp(w[0], "denied") == 0 ||
				      strcmp(w[0], "would-deny") == 0 ||
				      strcmp(w[0], "reason") == 0)) {
			mg_err("%s/stats: line %d: unexpected '%s ...'",
			       mg_sfs_root(), lineno, w[0]);
			return -1;
		}
	}
	if (!seen[0] || !seen[1] || !seen[2]) {
		mg_err("%s/stats: no %s line", mg_sfs_root(),
		       !seen[0] ? "allowed" : !seen[1] ? "denied" : "would-deny");
		return -1;
	}
	s->have_stats = true;
	return 0;
nomem:
	mg_err("%s", strerror(ENOMEM));
	return -1;
}

static int read_stats(struct state *s)
{
	unsigned char *data;
	size_t len;
	int err;

	err = mg_sfs_read("stats", &data, &len);
	if (err) {
		mg_sfs_error("stats", false, err);
		return -1;
	}
	err = parse_stats((char *)data, s);
	free(data);
	return err;
}

static void json_count(const char *key, bool known, long long n)
{
	printf(",\"%s\":", key);
	if (known)
		printf("%lld", n);
	else
		fputs("null", stdout);
}

static void print_json(const struct state *s)
{
	size_t i;

	printf("{\"active\":%s,\"mode\":",
	       !s->lsm_read ? "null" : s->active ? "true" : "false");
	if (s->mode)
		mg_json_string(stdout, s->mode);
	else
		fputs("null", stdout);
	fputs(",\"locked\":", stdout);
	fputs(s->locked < 0 ? "null" : s->locked ? "true" : "false", stdout);
	json_count("policy_rules", s->rules >= 0, s->rules);
	json_count("allowed", s->have_stats, s->allowed);
	json_count("denied", s->have_stats, s->denied);
	json_count("would_deny", s->have_stats, s->would_deny);
	fputs(",\"reasons\":", stdout);
	if (!s->have_stats) {
		fputs("null}\n", stdout);
		return;
	}
	putchar('{');
	for (i = 0; i < s->n_reasons; i++) {
		if (i)
			putchar(',');
		mg_json_string(stdout, s->reasons[i].name);
		printf(":%lld", s->reasons[i].n);
	}
	fputs("}}\n", stdout);
}

static void print_text(const struct state *s)
{
	bool any = false;
	size_t i;

	printf("modguard: %s\n", s->active ? "active" : "inactive");
	if (!s->active)
		return;
	printf("mode: %s\n", s->mode ? s->mode : "unknown");
	if (s->locked < 0)
		printf("lock: unknown%s\n",
		       s->lock_root ? " (reading it needs root)" : "");
	else
		puts(s->locked ? "lock: locked until reboot" : "lock: unlocked");
	if (s->no_policy)
		puts("policy: none in force (the builtin policy was refused at boot; see the kernel log)");
	else if (s->rules < 0)
		printf("policy: unknown%s\n",
		       s->policy_root ? " (reading it needs root)" : "");
	else
		printf("policy: %lld rule%s\n", s->rules,
		       s->rules == 1 ? "" : "s");
	if (!s->have_stats) {
		puts("decisions: unknown");
		return;
	}
	printf("decisions: allowed %lld, denied %lld, would-deny %lld\n",
	       s->allowed, s->denied, s->would_deny);
	fputs("refusals:", stdout);
	for (i = 0; i < s->n_reasons; i++) {
		if (!s->reasons[i].n)
			continue;
		printf("%s %s %lld", any ? "," : "", s->reasons[i].name,
		       s->reasons[i].n);
		any = true;
	}
	puts(any ? "" : " none");
}

static int read_state(struct state *s)
{
	const char *root = mg_sysfs_root();
	int ret = MG_EXIT_FAILED;
	struct mg_kstate k;

	mg_kstate_read(&k);
	if (k.lsm_err) {
		mg_err("cannot read %s%s: %s (is securityfs mounted?)", root,
		       MG_LSM_FILE, strerror(-k.lsm_err));
		goto out_free;
	}
	s->lsm_read = true;
	if (!k.active) {
		/* Built in but not enabled: the rest would mean nothing. */
		s->known = true;
		mg_err("modguard is not active: it is not in %s%s (add it to the lsm= boot parameter or CONFIG_LSM)",
		       root, MG_LSM_FILE);
		goto out_free;
	}
	s->active = true;

	if (k.mode_err) {
		mg_err("cannot read %s%s: %s", root, MG_MODE_FILE,
		       strerror(-k.mode_err));
		goto out_free;
	}
	if (!k.mode) {
		mg_err("%s%s: unexpected mode '%s'", root, MG_MODE_FILE,
		       k.mode_text);
		goto out_free;
	}
	s->mode = k.mode;
	s->known = true;

	/* Read them all, whatever fails, to show what can be shown. */
	ret = MG_EXIT_OK;
	if (read_lock(s, &k))
		ret = MG_EXIT_FAILED;
	if (read_policy(s))
		ret = MG_EXIT_FAILED;
	if (read_stats(s))
		ret = MG_EXIT_FAILED;
out_free:
	mg_kstate_free(&k);
	return ret;
}

static int cmd_status(const struct mg_cmd *cmd, int argc, char *argv[])
{
	struct state s = { .locked = -1, .rules = -1 };
	bool json = false;
	int status_code;
	size_t i;

	status_code = mg_getopt_args(cmd, argc, argv, &json, NULL, 0, 0);
	if (status_code >= 0)
		return status_code;

	status_code = read_state(&s);
	/*
	 * JSON: always an object, with null for what could not be read
	 * (no securityfs, no modguard). Text: nothing at all when not even
	 * active or inactive could be told.
	 */
	if (json)
		print_json(&s);
	else if (s.known)
		print_text(&s);
	for (i = 0; i < s.n_reasons; i++)
		free(s.reasons[i].name);
	free(s.reasons);
	return status_code;
}

static const struct mg_option status_options[] = {
	{ "json", no_argument, 'j', NULL,
	  "Print one JSON object on one line" },
	MG_OPTIONS_END
};

const struct mg_cmd mg_cmd_status = {
	.name = "status",
	.fn = cmd_status,
	.args = "",
	.help = "Show whether modguard is active, its mode, lock, policy and counters",
	.desc = "Reads /sys" MG_LSM_FILE " and /sys" MG_MODE_FILE ",\n"
		"then lock, policy and stats in " MG_SFS_DEFAULT ".\n"
		"The lock and the policy are shown as unknown to users other than\n"
		"root. The environment variable MODGUARD_SYSFS replaces /sys, and\n"
		"MODGUARD_SECURITYFS the modguard directory (by default the one under\n"
		"MODGUARD_SYSFS).\n"
		"\n"
		"With --json: {\"active\":B,\"mode\":M,\"locked\":B,\"policy_rules\":N,\n"
		"\"allowed\":N,\"denied\":N,\"would_deny\":N,\"reasons\":{NAME:N,...}}, the\n"
		"reasons in the order of the stats file; a value that is unknown, or\n"
		"meaningless because modguard is not active, is null. The object is\n"
		"printed whatever could be read: all null (active too) when securityfs\n"
		"is not mounted, active false and the rest null without modguard.\n"
		"\n"
		"Exit status: 0 when modguard is active and its state was read (the\n"
		"parts only root may read aside); 1 when it is not active or its\n"
		"state cannot be read; 2 usage error.",
	.options = status_options,
};
