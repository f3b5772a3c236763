// SPDX-License-Identifier: GPL-2.0-only
/*
 * modguard - audit records: the only file that builds them
 *
 * MODGUARD_DECISION (1490), fields in this order:
 *   op name path size digest sig reason signer rule mode action
 *   pid uid auid ses comm exe
 * MODGUARD_CONFIG (1491):
 *   op old new [digest rules] pid uid auid ses comm exe res
 *
 * Absent values are "?". Whatever a user controls (module name, path,
 * comm, exe) goes through the untrusted-string helpers. docs/audit.md has
 * an example and a field table per record; the VM tests match them with
 * the regular expressions in docs/audit-regex.txt.
 */

#include <linux/audit.h>
#include <linux/cred.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <crypto/sha2.h>

#include "modguard.h"
#include "audit.h"
#include "state.h"

bool modguard_audit_allow;

static const char *const op_names[] = {
	[MODGUARD_OP_FINIT_MODULE] = "finit_module",
	[MODGUARD_OP_INIT_MODULE] = "init_module",
};

static void log_task(struct audit_buffer *ab)
{
	struct file *exe;

	audit_log_format(ab, " pid=%d uid=%u auid=%u ses=%u",
			 task_tgid_nr(current),
			 from_kuid(&init_user_ns, current_uid()),
			 from_kuid(&init_user_ns,
				   audit_get_loginuid(current)),
			 audit_get_sessionid(current));
	audit_log_format(ab, " comm=");
	audit_log_untrustedstring(ab, current->comm);
	exe = get_task_exe_file(current);
	if (exe) {
		audit_log_d_path(ab, " exe=", &exe->f_path);
		fput(exe);
	} else {
		audit_log_format(ab, " exe=?");
	}
}

static void log_hex_or_absent(struct audit_buffer *ab, const char *field,
			      const u8 *buf, size_t len)
{
	audit_log_format(ab, " %s=", field);
	if (buf && len)
		audit_log_n_hex(ab, buf, len);
	else
		audit_log_format(ab, "?");
}

/*
 * rule=deny-name:4: the rule's kind, a hyphen for the space in its name, and
 * its line. No space and no quotes, so that auparse and ausearch -i read the
 * field whole.
 */
static void log_rule(struct audit_buffer *ab, enum modguard_rule_kind kind,
		     u32 line)
{
	const char *name = modguard_rule_kind_name(kind);
	const char *space = strchr(name, ' ');

	if (space)
		audit_log_format(ab, " rule=%.*s-%s:%u", (int)(space - name),
				 name, space + 1, line);
	else
		audit_log_format(ab, " rule=%s:%u", name, line);
}

/**
 * modguard_audit_decision() - Record one module load decision.
 * @load: What the hook knew.
 * @v: The signature verdict and the digests.
 * @name: The module name, or NULL.
 * @d: The decision before the mode.
 * @rule_line: The line of @d->rule.
 * @mode: The mode that applied.
 * @allowed: Whether the load goes on.
 *
 * Called for every denial and would-be denial, and for allows only when
 * audit_allow is on.
 *
 * Context: Process context.
 */
void modguard_audit_decision(const struct modguard_load *load,
			     const struct modguard_verdict *v,
			     const char *name,
			     const struct modguard_decision *d, u32 rule_line,
			     enum modguard_mode mode, bool allowed)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_DECISION);
	if (!ab)
		return;

	audit_log_format(ab, "op=%s name=", op_names[load->op]);
	if (name)
		audit_log_untrustedstring(ab, name);
	else
		audit_log_format(ab, "?");
	if (load->file)
		audit_log_d_path(ab, " path=", &load->file->f_path);
	else
		audit_log_format(ab, " path=?");
	audit_log_format(ab, " size=%zu", load->size);
	log_hex_or_absent(ab, "digest", v->have_digest ? v->digest : NULL,
			  sizeof(v->digest));
	audit_log_format(ab, " sig=%s reason=%s",
			 load->image ? modguard_reason_name(v->reason) : "?",
			 modguard_reason_name(d->reason));
	log_hex_or_absent(ab, "signer", v->have_signer ? v->signer.id : NULL,
			  v->signer.len);
	if (d->rule)
		log_rule(ab, d->kind, rule_line);
	else
		audit_log_format(ab, " rule=?");
	audit_log_format(ab, " mode=%s action=%s", modguard_mode_name(mode),
			 allowed ? "allow" : "deny");
	log_task(ab);
	audit_log_end(ab);
}

/**
 * modguard_audit_config() - Record a configuration change (or attempt).
 * @op: "mode", "lock", "audit_allow" or "key_add".
 * @old_value: The value before, or NULL.
 * @new_value: The value asked for, or NULL.
 * @res: 1 done, 0 refused.
 *
 * Context: Process context.
 */
void modguard_audit_config(const char *op, const char *old_value,
			   const char *new_value, int res)
{
	struct audit_buffer *ab;

	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_CONFIG);
	if (!ab)
		return;
	audit_log_format(ab, "op=%s old=%s new=%s", op,
			 old_value ? old_value : "?",
			 new_value ? new_value : "?");
	log_task(ab);
	audit_log_format(ab, " res=%d", res);
	audit_log_end(ab);
}

/**
 * modguard_audit_policy_load() - Record a policy load (or attempt).
 * @text: The text written (the new policy's digest is its sha256).
 * @len: Its length.
 * @rules: Rules in the new policy (0 when refused).
 * @res: 1 in force, 0 refused.
 *
 * Context: Process context.
 */
void modguard_audit_policy_load(const char *text, size_t len, u32 rules,
				int res)
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct audit_buffer *ab;

	sha256(text, len, digest);
	ab = audit_log_start(audit_context(), GFP_KERNEL,
			     MODGUARD_AUDIT_CONFIG);
	if (!ab)
		return;
	audit_log_format(ab, "op=policy old=? new=?");
	log_hex_or_absent(ab, "digest", digest, sizeof(digest));
	audit_log_format(ab, " rules=%u", rules);
	log_task(ab);
	audit_log_format(ab, " res=%d", res);
	audit_log_end(ab);
}
